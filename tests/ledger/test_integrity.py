"""The ledger under foreign and damaged files, concurrent runs and kills."""

from __future__ import annotations

import itertools
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from returnbus.errors import InputError
from returnbus.io.gazetteer import load_gazetteer
from returnbus.io.sites import jiangjin_parks
from returnbus.ledger import Campaign, open_ledger
from returnbus.plan import Plan
from returnbus.planfile import from_document
from returnbus.render.files import write_files
from returnbus.render.staging import plan_id
from returnbus.synthetic import synthetic_scenario

from ..helpers import PlannedBatch, run
from .test_store import NOW

CLI = Path(sys.executable).with_name("returnbus")

#: Stands in for the operating system killing a run at one moment: a run
#: whose function named here kills its own process with SIGKILL.
KILLER = """
import os, signal, sys
import returnbus.ledger.store as store
import returnbus.render.staging as staging

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

moment = sys.argv[1]
if moment == "writing":
    staging.write_index = die
elif moment == "recording":
    store.Ledger.record = die
elif moment == "swapping":
    staging._swap_in = die
elif moment == "keeping":
    exchange = staging._exchange
    def exchange_then_die(a, b):
        exchange(a, b)
        die()
    staging._exchange = exchange_then_die
from returnbus.cli import main
main(sys.argv[2:])
"""


@pytest.fixture
def plan(planned: PlannedBatch) -> Plan:
    return from_document(planned.plan)


@pytest.fixture(scope="module")
def two_batches(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 120-worker synthetic scenario in two batches four days apart."""
    folder = tmp_path_factory.mktemp("campaign")
    files = synthetic_scenario(
        workers=120, seed=5, gazetteer=load_gazetteer(), parks=jiangjin_parks(), batches=2
    )
    write_files(folder, files)
    return folder / "scenario.toml"


def test_a_foreign_sqlite_file_is_refused_and_never_written(tmp_path: Path) -> None:
    """An SQLite file of another program is neither planned into nor shown."""
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
        db.execute("INSERT INTO customers VALUES ('x')")
    db.close()
    before = path.read_bytes()
    for create in (True, False):
        with (
            pytest.raises(InputError, match="not a returnbus ledger"),
            open_ledger(path, create=create),
        ):
            pass
    assert run(["ledger", "show", str(path)]) == 2
    assert path.read_bytes() == before


def test_a_ledger_of_another_scenario_is_refused(tmp_path: Path, plan: Plan) -> None:
    """A ledger keeps the campaign it belongs to, and refuses to record another's."""
    path = tmp_path / "l.sqlite"
    with open_ledger(path, campaign=Campaign(key="a" * 16, name="Jiangjin")) as book:
        book.record(plan, planned_at=NOW)
    before = path.read_bytes()
    with (
        pytest.raises(InputError, match="belongs to the scenario 'Jiangjin'"),
        open_ledger(path, campaign=Campaign(key="b" * 16, name="Yongchuan")),
    ):
        pass
    assert path.read_bytes() == before


def test_a_ledger_of_the_same_scenario_from_another_depot_says_the_depots(
    tmp_path: Path, plan: Plan
) -> None:
    """Only the depot differs: the message names both depots, not the one
    scenario name twice ('belongs to X, not X')."""
    path = tmp_path / "l.sqlite"
    first = Campaign(key="a" * 16, name="Jiangjin", depot="德感 (29.28, 106.23)")
    with open_ledger(path, campaign=first) as book:
        book.record(plan, planned_at=NOW)
    moved = Campaign(key="c" * 16, name="Jiangjin", depot="双福 (29.39, 106.3)")
    with pytest.raises(InputError) as caught, open_ledger(path, campaign=moved):
        pass
    said = str(caught.value)
    assert "德感 (29.28, 106.23)" in said and "双福 (29.39, 106.3)" in said
    assert "[depot]" in caught.value.hint


def test_a_damaged_ledger_is_refused_with_exit_2(tmp_path: Path, plan: Plan) -> None:
    """A page overwritten with garbage is found before anything is read or written."""
    path = tmp_path / "l.sqlite"
    with open_ledger(path) as book:
        book.record(plan, planned_at=NOW)
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) >= 3 * page
    data[2 * page : 3 * page] = b"\xa5" * page
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="damaged"), open_ledger(path, create=False):
        pass
    assert run(["ledger", "show", str(path)]) == 2


def test_a_truncated_ledger_is_said_damaged_in_the_desks_words(tmp_path: Path, plan: Plan) -> None:
    """A ledger cut short (a copy stopped half-way) is refused in Chinese,
    not with SQLite's English ("database disk image is malformed")."""
    path = tmp_path / "l.sqlite"
    with open_ledger(path) as book:
        book.record(plan, planned_at=NOW)
    path.write_bytes(path.read_bytes()[:2048])
    with pytest.raises(InputError) as caught, open_ledger(path, create=False):
        pass
    said = caught.value.said("zh")
    assert "台账已损坏（SQLite 无法读取其内容）" in said and "malformed" not in said, said


def test_a_bad_date_in_the_ledger_names_its_table_and_row(tmp_path: Path, plan: Plan) -> None:
    """A date cell edited into nonsense is an input error naming table, row and column."""
    path = tmp_path / "l.sqlite"
    with open_ledger(path) as book:
        book.record(plan, planned_at=NOW)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE beds SET start_date = '2020-13-45' WHERE rowid = 2")
    db.close()
    with pytest.raises(InputError, match="table beds, row 2") as error, open_ledger(path) as book:
        book.beds_held()
    assert error.value.column == "start_date"
    assert run(["ledger", "show", str(path)]) == 2


def beds_in_ledger(path: Path) -> list[tuple[str, str, str, int, str, str]]:
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT worker_id, dorm_id, room, bed, start_date, end_date FROM beds"
        ).fetchall()
    db.close()
    return rows


def test_two_batches_planned_at_once_never_share_a_bed(two_batches: Path, tmp_path: Path) -> None:
    """Two real processes plan two batches on one ledger at the same time:
    both are recorded (one waits for the other) and no bed is held twice."""
    ledger = tmp_path / "l.sqlite"
    plan = [str(CLI), "plan", str(two_batches), "--ledger", str(ledger), "--iterations", "200"]
    runs = [
        subprocess.Popen(
            [*plan, "--out", str(tmp_path / b), "--batch", batch],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for batch, b in (("1", "one"), ("2", "two"))
    ]
    errors = [r.communicate(timeout=600)[1] for r in runs]
    codes = [r.returncode for r in runs]
    assert sorted(codes) in ([0, 0], [0, 2]), errors
    beds = beds_in_ledger(ledger)
    assert beds
    by_bed: dict[tuple[str, str, int], list[tuple[str, str]]] = {}
    for _, dorm, room, bed, start, end in beds:
        by_bed.setdefault((dorm, room, bed), []).append((start, end))
    for nights in by_bed.values():
        for (_, end), (start, _) in itertools.pairwise(sorted(nights)):
            assert start >= end
    shown = json.loads(
        subprocess.run(
            [str(CLI), "ledger", "show", str(ledger), "--json"], capture_output=True, check=True
        ).stdout
    )
    assert len(shown["batches"]) == codes.count(0)


@pytest.mark.parametrize("moment", ["writing", "recording", "swapping", "keeping"])
def test_a_run_killed_at_any_moment_leaves_folder_and_ledger_agreeing(
    two_batches: Path, tmp_path: Path, moment: str
) -> None:
    """A re-plan killed while writing, recording or swapping: afterwards
    `verify` passes and the ledger records the very plan the folder holds."""
    out, ledger = tmp_path / "out", tmp_path / "l.sqlite"
    common = ["--batch", "1", "--out", str(out), "--ledger", str(ledger), "--iterations", "200"]
    assert run(["plan", str(two_batches), *common]) == 0
    first = plan_id(out)
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, moment, "plan", str(two_batches), *common, "--seed", "9"],
        capture_output=True,
    )
    assert killed.returncode == -9
    assert run(["verify", str(out)]) == 0
    with open_ledger(ledger, create=False) as book:
        (current,) = book.batches()
    assert current.plan_id == plan_id(out)
    assert (current.plan_id == first) == (moment in ("writing", "recording"))
