"""A campaign of batches: choosing a batch's rows, and groups that would not travel together."""

from __future__ import annotations

from pathlib import Path

import pytest

from returnbus.campaign import split_groups
from returnbus.domain import Worker
from returnbus.errors import InputError
from returnbus.io.scenario import load_scenario
from returnbus.pipeline import prepare

from .helpers import TONGZI, worker, write_scenario

BATCHES = """
[[batch]]
id = "第一批"
departure = "2020-03-17T05:00:00+08:00"

[[batch]]
id = "第二批"
departure = "2020-03-21T06:00:00+08:00"
[batch.destination]
name = "珞璜"
lat = 29.351
lon = 106.424
"""


def three_rows(tmp_path: Path, extra: str = BATCHES) -> Path:
    rows = [
        worker("A", at=TONGZI, batch="第一批"),
        worker("B", at=TONGZI, batch="第2批", phone="123"),
        worker("C", at=TONGZI, batch="2"),
    ]
    return write_scenario(tmp_path, rows, extra=extra)


def test_a_batch_keeps_its_rows_numbers_departure_and_destination(tmp_path: Path) -> None:
    """--batch 二 takes the 第2批 and 2 rows, with their file rows, its departure and hub."""
    batch = prepare(load_scenario(three_rows(tmp_path)), batch="第二批")
    assert (batch.id, batch.rows_total) == ("第二批", 2)
    assert [w.row for w in batch.workers] == [4]
    assert [u.row for u in batch.turned_away] == [3]
    assert batch.departure.hour == 6 and batch.destination.name == "珞璜"


def test_several_batches_without_a_choice_is_an_error_listing_them(tmp_path: Path) -> None:
    """No --batch on a roster of two batches stops and names both, with row counts."""
    with pytest.raises(InputError) as caught:
        prepare(load_scenario(three_rows(tmp_path)))
    assert "第一批 (1 rows)" in str(caught.value) and "(2 rows)" in str(caught.value)
    with pytest.raises(InputError, match="no roster rows in batch"):
        prepare(load_scenario(three_rows(tmp_path)), batch="第九批")


def test_a_batch_without_its_table_is_an_error(tmp_path: Path) -> None:
    """With [[batch]] tables, a roster batch none describes is named."""
    only_one = BATCHES.split('[[batch]]\nid = "第二批"')[0]
    with pytest.raises(InputError, match="has no"):
        prepare(load_scenario(three_rows(tmp_path, only_one)), batch="2")


def test_split_groups_warn_for_batch_and_mode() -> None:
    """A group over two batches, and one over two travel modes, are warned about."""
    people = [
        Worker(id="a", row=2, name="", group="G1", batch="第一批"),
        Worker(id="b", row=3, name="", group="G1", batch="1"),
        Worker(id="c", row=4, name="", group="G2", batch="1"),
        Worker(id="d", row=5, name="", group="G2", batch="2"),
        Worker(id="e", row=6, name="", group="G3", travel_mode="self"),
        Worker(id="f", row=7, name="", group="G3"),
    ]
    issues = split_groups(people)
    assert {(i.worker_id, i.severity) for i in issues} == {
        ("c", "warning"),
        ("d", "warning"),
        ("e", "warning"),
        ("f", "warning"),
    }
    assert "batches" in issues[0].problem and "travel modes" in issues[-1].problem
