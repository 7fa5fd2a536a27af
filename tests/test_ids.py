"""Content-derived ids."""

from __future__ import annotations

import pytest

from returnbus.ids import batch_key, cells_of_ids, digest, ids_with_text_meant, short_ids


def test_digest_depends_on_parts_and_their_order() -> None:
    """The same parts give the same digest; another order or content another one."""
    assert digest(["a", 1]) == digest(["a", 1])
    assert digest(["a", 1]) != digest([1, "a"])
    assert digest(["ab", "c"]) != digest(["a", "bc"])


def test_short_ids_lengthen_only_where_they_collide() -> None:
    """Two digests sharing their first digits both get longer ids; the rest stay short."""
    digests = {
        "x": ("P1-", "abcdef0123"),
        "y": ("P1-", "abcdef9999"),
        "z": ("P1-", "0123456789"),
        "w": ("P2-", "abcdef0123"),
    }
    ids = short_ids(digests, length=6)
    assert ids == {"x": "P1-abcdef0123", "y": "P1-abcdef9999", "z": "P1-012345", "w": "P2-abcdef"}
    reordered = dict(reversed(list(digests.items())))
    assert short_ids(reordered, length=6) == ids


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("第一批", "1"),
        ("第1批", "1"),
        ("批次1", "1"),
        ("Batch 1", "1"),
        (" 01 ", "1"),
        ("第十二批", "12"),
        ("第二十批", "20"),
        ("第二批次", "2"),
        ("A组", "a组"),
        ("1.0", "1"),  # a number cell, as Excel writes it back
        ("2.00", "2"),
        ("1.5", "1.5"),
        ("第十一一批", "十一一"),  # numeral characters that are no number: a name
        ("十十", "十十"),
        ("", ""),
    ],
)
def test_batch_key_reads_the_ways_rosters_write_a_batch(written: str, key: str) -> None:
    """第一批, 第1批, 批次1 and 1 are one batch."""
    assert batch_key(written) == key


def test_an_id_with_a_name_or_note_in_its_cell_is_told_when_one_roster_id_fits() -> None:
    """W1 张伟 and w1（退出） hold W1; Ab 1 fits both Ab and AB (none named);
    W1x and a bare W1 hold no id followed by other text; W1、W2 holds two ids
    (one per row is to be said, not to keep W1)."""
    typed = {"W1 张伟", "w1（退出）", "Ab 1", "W1x", "W1", "W1、W2", "W1 w2"}
    assert ids_with_text_meant(typed, {"W1", "W2", "Ab", "AB"}) == (
        ("W1 张伟", "W1"),
        ("w1（退出）", "W1"),
    )
    assert cells_of_ids(typed, {"W1", "W2", "Ab", "AB"}) == ("W1 w2", "W1、W2")
