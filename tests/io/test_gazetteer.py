"""Reading the shipped gazetteer."""

from __future__ import annotations

from returnbus.io.gazetteer import load_gazetteer


def test_load_is_cached_and_builds_the_tree() -> None:
    """A second load returns the same object; townships know their county and province."""
    first = load_gazetteer()
    assert load_gazetteer() is first
    town = first.get("520322001000")
    assert (town.province, town.county, town.level) == ("贵州省", "桐梓县", "township")
    assert first.parent(town.code) == first.get("520322000000")
