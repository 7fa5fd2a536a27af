"""Reading a written plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from returnbus.errors import InputError
from returnbus.io.plans import load_plan

from ..helpers import PlannedBatch


def test_folder_or_file_read_the_same(planned: PlannedBatch) -> None:
    """The output folder and its plan.json give the same plan."""
    assert load_plan(planned.out) == load_plan(planned.out / "plan.json")


@pytest.mark.parametrize("text", ["", "{not json", '{"settings": {}}', "[]", '{"routes": 3}'])
def test_a_broken_plan_is_an_input_error(tmp_path: Path, text: str) -> None:
    """Anything that is not a plan is refused with the file named, never a crash."""
    (tmp_path / "plan.json").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(tmp_path)
    assert caught.value.path == tmp_path / "plan.json"


def test_no_plan_here(tmp_path: Path) -> None:
    """A folder without plan.json says so."""
    with pytest.raises(InputError, match=r"no plan\.json"):
        load_plan(tmp_path)
