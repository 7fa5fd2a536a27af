"""Errors a user reads."""

from __future__ import annotations

from pathlib import Path

from returnbus.errors import InputError


def test_input_error_names_where_and_what_to_do() -> None:
    """The message leads with file, row, column and key, and ends with the hint."""
    error = InputError(
        "not a number", path=Path("r.csv"), row=3, column="lat", key="k", hint="write 29.3"
    )
    assert (
        str(error) == "r.csv, row 3, column 'lat', key 'k': not a number\n  what to do: write 29.3"
    )
    moved = InputError("bad", key="rules.x").at(Path("scenario.toml"))
    assert str(moved) == "scenario.toml, key 'rules.x': bad" and isinstance(moved, ValueError)
