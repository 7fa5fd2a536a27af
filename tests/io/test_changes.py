"""Reading drop lists and edits."""

from __future__ import annotations

from pathlib import Path

import pytest

from returnbus.errors import InputError
from returnbus.io.changes import read_edits, read_worker_ids
from returnbus.text import say


def test_drop_list_by_chinese_or_english_header(tmp_path: Path) -> None:
    """A 工号 or worker_id column gives the ids; blank rows are skipped."""
    path = tmp_path / "drop.csv"
    path.write_text("姓名,工号\n张伟,W1\n,\n李娜,W2\n", encoding="gbk")
    assert read_worker_ids(path) == ("W1", "W2")
    path.write_text("name\nW1\n", encoding="utf-8")
    with pytest.raises(InputError, match="worker_id") as caught:
        read_worker_ids(path)
    # In Chinese the missing column is named as a desk heads it, 工号, not by its key alone.
    assert "工号" in say(caught.value.message, "zh") and "工号" in say(caught.value.hint, "zh")


def test_edits_in_english_or_chinese_and_their_errors(tmp_path: Path) -> None:
    """move, lock and close read with what each needs; a bad action names its row."""
    path = tmp_path / "edits.csv"
    path.write_text("操作,工号,车号,上车点\n移动,W1,B1,\nlock,,B2,\n关闭,,,P1\n", encoding="utf-8")
    move, lock, close = read_edits(path)
    assert (move.action, move.worker_id, move.bus_id, move.row) == ("move", "W1", "B1", 2)
    assert (lock.action, lock.bus_id) == ("lock", "B2")
    assert (close.action, close.point_id) == ("close", "P1")
    path.write_text("action,bus_id\nfly,B1\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_edits(path)
    assert (caught.value.row, caught.value.column) == (2, "action")
    path.write_text("action,worker_id\nmove,W1\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs a bus_id"):
        read_edits(path)
