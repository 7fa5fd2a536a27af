"""Content-derived ids."""

from __future__ import annotations

from returnbus.ids import digest, short_ids


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
