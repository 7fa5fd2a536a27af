"""Masking."""

from __future__ import annotations

import pytest

from returnbus.render.privacy import mask_id_number, mask_id_tail, mask_phone


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


@pytest.mark.parametrize(
    ("number", "masked", "tail"),
    [
        ("52032219900101123X", "5203**********123X", "**************123X"),
        ("A123456789", "A1******89", "********89"),  # Taiwan
        ("A123456(3)", "A1******3)", "********3)"),  # Hong Kong
        ("AB123456(7)", "AB*******7)", "*********7)"),
        ("110105491231002", "110*********002", "************002"),  # old mainland, 15 digits
        ("1234", "****", "****"),
        ("", "", ""),
    ],
)
def test_an_id_of_another_length_shows_no_larger_share_than_a_mainland_one(
    number: str, masked: str, tail: str
) -> None:
    """Taiwan's and Hong Kong's ID numbers (read since the roster knows them)
    showed 8 of their 10 characters (4 of 4 on the registration form's tail):
    enough to tell the whole number.  Every mask now shows at most the share
    a mainland ID's does: 8 of 18 at both ends, 4 of 18 at the tail."""
    assert mask_id_number(number) == masked
    assert mask_id_tail(number) == tail
    for shown, of_mainland in ((masked, 8), (tail, 4)):
        assert len(shown) == len(number)
        assert (len(number) - shown.count("*")) * 18 <= of_mainland * len(number)
