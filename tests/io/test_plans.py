"""Reading a written plan."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from returnbus.errors import InputError
from returnbus.io.plans import load_plan

from ..helpers import PlannedBatch, run


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


@pytest.mark.parametrize(
    ("text", "said"),
    [('{\n  "routes": [,]\n}', "breaks at line 2, column"), ("{}", "it has no '")],
)
def test_a_broken_plan_says_where_in_words_not_python(tmp_path: Path, text: str, said: str) -> None:
    """The JSON's line and column, or the field missing, not JSONDecodeError
    or KeyError."""
    (tmp_path / "plan.json").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=said) as caught:
        load_plan(tmp_path)
    assert "Error" not in str(caught.value)


def test_a_plan_not_in_utf8_says_its_contents_are_damaged(tmp_path: Path) -> None:
    """A plan.json saved in another encoding is said to be damaged, in the
    desk's words, not by the decoder's class name."""
    (tmp_path / "plan.json").write_bytes('{"路线": []}'.encode("gbk"))
    with pytest.raises(InputError) as caught:
        load_plan(tmp_path)
    assert "Error" not in str(caught.value)
    assert "内容已损坏" in caught.value.said("zh")


def test_no_plan_here(tmp_path: Path) -> None:
    """A folder without plan.json says so."""
    with pytest.raises(InputError, match=r"no plan\.json"):
        load_plan(tmp_path)


def _edited(planned: PlannedBatch, tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the planned folder whose plan.json ``edit`` changed."""
    out = tmp_path / "out"
    shutil.copytree(planned.out, out)
    document = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    edit(document)
    (out / "plan.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return out


def _riding_id_to_number(document: dict[str, Any]) -> None:
    document["routes"][0]["stops"][0]["worker_ids"][0] = 12345


def _seats_to_text(document: dict[str, Any]) -> None:
    document["fleet"][0]["seats"] = "26"


def _sex_unknown(document: dict[str, Any]) -> None:
    document["workers"][0]["sex"] = "X"


@pytest.mark.parametrize("edit", [_riding_id_to_number, _seats_to_text, _sex_unknown])
def test_a_plan_json_edited_to_the_wrong_kind_of_value_is_an_input_error_saying_where(
    planned: PlannedBatch, tmp_path: Path, edit: Callable[[dict[str, Any]], None]
) -> None:
    """A value of the wrong kind is named by its place in the plan, and every
    command that reads the plan stops with exit 2 (before, verify, diff and
    replan failed deep inside with a TypeError, replan after writing)."""
    out = _edited(planned, tmp_path, edit)
    with pytest.raises(InputError) as caught:
        load_plan(out)
    assert caught.value.path == out / "plan.json"
    assert caught.value.message.startswith(
        (
            "plan.routes[0].stops[0].worker_ids[0] is 12345",
            "plan.batch.fleet[0].seats",
            "plan.batch.workers[0].sex",
        )
    )
    assert run(["verify", str(out)]) == 2
    assert run(["diff", str(planned.out), str(out)]) == 2
    ledger = tmp_path / "ledger.sqlite"
    again = ["--out", str(tmp_path / "again"), "--ledger", str(ledger), "--force"]
    assert run(["replan", str(out), *again]) == 2
    assert not (tmp_path / "again").exists()


def _seats_to_a_word(document: dict[str, Any]) -> None:
    document["routes"][0]["seats"] = "many"


def _workers_to_null(document: dict[str, Any]) -> None:
    document["workers"] = None


@pytest.mark.parametrize(
    ("edit", "where"), [(_seats_to_a_word, ""), (_workers_to_null, "plan.workers 的值为 null")]
)
def test_a_plan_json_edited_past_reading_is_said_in_the_desks_words(
    planned: PlannedBatch, tmp_path: Path, edit: Callable[[dict[str, Any]], None], where: str
) -> None:
    """A value that cannot even be read ("many" seats) or a part left null is
    said in Chinese, naming the part where it can, not in Python's English
    ("invalid literal for int()", "'NoneType' object is not iterable")."""
    out = _edited(planned, tmp_path, edit)
    with pytest.raises(InputError) as caught:
        load_plan(out)
    said = caught.value.said("zh")
    assert "文件被改动过" in said and where in said, said
    assert not re.search(r"[A-Za-z]{3,} [a-z]{2,} [a-z]{2,}", said.split("处理办法")[0]), said


def test_a_folder_not_there_is_said_to_be_missing(tmp_path: Path) -> None:
    """A mistyped folder is said not to exist, not to lack a plan.json."""
    with pytest.raises(InputError) as caught:
        load_plan(tmp_path / "4")
    assert "no plan.json" not in str(caught.value)
    assert "no such folder" in str(caught.value)
    assert "没有这个文件夹" in caught.value.said("zh")


def test_the_folder_above_the_plans_names_them(tmp_path: Path) -> None:
    """`verify out` given the folder that holds each batch's folder names
    those folders, each as the desk types it."""
    for batch in ("1", "2"):
        (tmp_path / "out" / batch).mkdir(parents=True)
        (tmp_path / "out" / batch / "plan.json").write_text("{}", encoding="utf-8")
    (tmp_path / "out" / "notes").mkdir()
    with pytest.raises(InputError) as caught:
        load_plan(tmp_path / "out")
    said = caught.value.said("zh")
    assert str(tmp_path / "out" / "1") in said and str(tmp_path / "out" / "2") in said
    assert "notes" not in said
    assert str(tmp_path / "out" / "1") in str(caught.value)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("summary.json", '{"pickup_points": 265, "routes": 3}'),
        ("scenario.toml", '[scenario]\nname = "x"\n'),
    ],
)
def test_another_file_of_the_folder_is_not_called_an_edited_plan(
    tmp_path: Path, name: str, text: str
) -> None:
    """A file that is no plan.json (the summary beside it, the scenario) is
    said to be none, not an edited or broken plan."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(tmp_path / name)
    english, chinese = str(caught.value), caught.value.said("zh")
    assert "is not a plan.json" in english, english
    assert "edited" not in english and "breaks at" not in english
    assert "不是排车方案文件 plan.json" in chinese and "改动" not in chinese, chinese
