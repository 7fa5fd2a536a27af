"""Masking."""

from __future__ import annotations

import pytest

from returnbus.render.privacy import mask_id_number, mask_phone


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13812345678", "138****5678"), ("1381234567", "138***4567"), ("12345", "*****"), ("", "")],
)
def test_mask_phone(phone: str, masked: str) -> None:
    """Three digits in front and four behind stay; short numbers are hidden whole."""
    assert mask_phone(phone) == masked


def test_mask_id_number_keeps_only_both_ends() -> None:
    """An 18-character ID keeps its first and last four characters."""
    assert mask_id_number("52032219900101123X") == "5203**********123X"
    assert mask_id_number("1234") == "****"
