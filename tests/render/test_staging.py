"""Output folders: whole or not at all, one run at a time, and checked file by file."""

from __future__ import annotations

import csv
import json
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from returnbus.errors import InputError
from returnbus.render.staging import INDEX, index_problems, output_lock, previous_of, staged

from ..helpers import TONGZI, PlannedBatch, run, worker, write_scenario


def write_plan(out: Path, name: str, files: int) -> None:
    """A stand-in plan: plan.json naming it, and ``files`` bus files."""
    with staged(out) as folder:
        (folder / "plan.json").write_text(json.dumps({"name": name}), encoding="utf-8")
        for k in range(files):
            (folder / f"bus_{k}.csv").write_text(f"{name} {k}\n", encoding="utf-8")


def test_a_new_plan_replaces_the_folder_and_keeps_the_previous(tmp_path: Path) -> None:
    """Buses of the old plan do not linger beside the new one; the old plan is kept whole."""
    out = tmp_path / "out"
    write_plan(out, "first", files=3)
    write_plan(out, "second", files=1)
    assert sorted(p.name for p in out.iterdir()) == ["bus_0.csv", "outputs.json", "plan.json"]
    assert json.loads((out / "plan.json").read_text(encoding="utf-8")) == {"name": "second"}
    assert len(list(previous_of(out).glob("bus_*.csv"))) == 3
    assert index_problems(out) == [] and index_problems(previous_of(out)) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failed_run_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_plan(out, "first", files=2)

    def fail() -> None:
        with staged(out) as folder:
            (folder / "plan.json").write_text("{}", encoding="utf-8")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        fail()
    assert json.loads((out / "plan.json").read_text(encoding="utf-8")) == {"name": "first"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def unmovable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` one the system will not move (a mount point, a folder
    held open on Windows), and the atomic exchange unavailable."""
    monkeypatch.setattr("returnbus.render.staging._exchange", lambda a, b: False)
    moved = Path.rename

    def refuse(self: Path, target: Path) -> Path:
        if self == folder:
            raise PermissionError(1, "Operation not permitted")
        return moved(self, target)

    monkeypatch.setattr(Path, "rename", refuse)


def test_a_folder_the_system_will_not_move_is_said_and_the_old_plan_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mount point, a protected folder or one open on Windows cannot be
    swapped out: an input error (exit 2) naming it, and the old plan whole."""
    out = tmp_path / "out"
    write_plan(out, "first", files=2)
    unmovable(out, monkeypatch)
    with pytest.raises(InputError, match="could not take the output folder's place") as caught:
        write_plan(out, "second", files=1)
    assert caught.value.path == out
    assert json.loads((out / "plan.json").read_text(encoding="utf-8")) == {"name": "first"}
    assert index_problems(out) == []


def test_a_folder_that_will_not_move_leaves_its_ledger_usable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run that could not swap its folder in says so (exit 2); the ledger
    it recorded in still serves every other command, and a plan into another
    folder, as the message offers."""
    path = write_scenario(tmp_path / "scn", [worker("A1", at=TONGZI), worker("A2", at=TONGZI)])
    out, ledger = tmp_path / "out", tmp_path / "ledger.sqlite"
    common = ["--ledger", str(ledger), "--workers", "1", "--lang", "en"]
    assert run(["plan", str(path), "--out", str(out), *common]) == 0
    unmovable(out, monkeypatch)
    assert run(["plan", str(path), "--out", str(out), "--seed", "5", *common]) == 2
    assert run(["ledger", "show", str(ledger)]) == 0
    other = tmp_path / "other"
    assert run(["plan", str(path), "--out", str(other), *common]) == 0
    assert run(["verify", str(other)]) == 0


@pytest.mark.parametrize("where", ["out", "previous"])
def test_a_folder_of_the_desks_own_files_is_never_taken_for_a_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    """--out given a folder that holds other files (or whose ``.previous``
    does) is refused before any work, naming it; the files stay. A run
    would have moved them aside, and the next one deleted them."""
    path = write_scenario(tmp_path / "scn", [worker("A1", at=TONGZI)])
    out = tmp_path / "documents"
    desk = out if where == "out" else previous_of(out)
    (desk / "notes").mkdir(parents=True)
    (desk / "notes" / "drivers.docx").write_bytes(b"the desk's own")
    common = ["--ledger", str(tmp_path / "ledger.sqlite"), "--workers", "1", "--lang", "en"]
    capsys.readouterr()
    assert run(["plan", str(path), "--out", str(out), *common]) == 2
    said = "".join(capsys.readouterr().err.split())  # the console wraps long lines
    assert "holds1fileand" in said and desk.name in said and "neworemptyfolder" in said
    assert (desk / "notes" / "drivers.docx").read_bytes() == b"the desk's own"
    assert not (out / "plan.json").exists()
    shutil.rmtree(desk)
    assert run(["plan", str(path), "--out", str(out), *common]) == 0
    assert run(["plan", str(path), "--out", str(out), "--seed", "3", *common]) == 0
    assert index_problems(previous_of(out)) == []


_WRITER = """
import json, sys, time
from pathlib import Path
from returnbus.render.staging import staged

out = Path(sys.argv[1])
with staged(out) as folder:
    (folder / "plan.json").write_text(json.dumps({"name": "new"}), encoding="utf-8")
    for k in range(40):
        (folder / f"bus_{k}.csv").write_text("new\\n", encoding="utf-8")
        time.sleep(0.01)
print("done", flush=True)
"""


@pytest.mark.parametrize("after", [0.05, 0.25, 0.45, 0.7])
def test_killing_a_run_leaves_the_old_plan_or_the_new_one_whole(
    tmp_path: Path, after: float
) -> None:
    """SIGKILL while the files are written (and around the swap): the folder holds one
    complete plan, every file of it, and nothing of the other."""
    out = tmp_path / "out"
    write_plan(out, "old", files=5)
    script = tmp_path / "writer.py"
    script.write_text(textwrap.dedent(_WRITER), encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(script), str(out)])
    time.sleep(after)
    child.send_signal(signal.SIGKILL)
    child.wait()
    name = json.loads((out / "plan.json").read_text(encoding="utf-8"))["name"]
    assert name in ("old", "new")
    assert index_problems(out) == []
    expected = 5 if name == "old" else 40
    assert len(list(out.glob("bus_*.csv"))) == expected
    write_plan(out, "after", files=1)  # the next run clears what the killed one left
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_second_run_into_the_same_folder_stops(tmp_path: Path) -> None:
    """While one run holds the folder, another process is refused with a message."""
    out = tmp_path / "out"
    probe = (
        "import sys; from pathlib import Path\n"
        "from returnbus.errors import InputError\n"
        "from returnbus.render.staging import output_lock\n"
        "try:\n"
        "    with output_lock(Path(sys.argv[1])): print('got it')\n"
        "except InputError as error: print(error)\n"
    )
    with output_lock(out):
        said = subprocess.run(
            [sys.executable, "-c", probe, str(out)], capture_output=True, text=True, check=True
        ).stdout
    assert "another returnbus run is writing to this folder" in said
    again = subprocess.run(
        [sys.executable, "-c", probe, str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert again.strip() == "got it"


def test_out_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(InputError, match="names a file"), output_lock(target):
        pass


def test_verify_tells_a_changed_added_or_foreign_file(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A summary edited to match a tampered plan, a stray file: verify says which, exit 1."""
    folder = tmp_path / "copy"
    shutil.copytree(planned.out, folder)
    assert run(["verify", str(folder)]) == 0
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    summary["workers_total"] -= 1
    (folder / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    (folder / "manifests" / "bus_OLD.csv").write_text("stale\n", encoding="utf-8")
    assert run(["verify", str(folder), "--lang", "en"]) == 1
    said = capsys.readouterr().out
    assert "summary.json was changed" in said and "bus_OLD.csv is not part of this plan" in said
    assert INDEX in {p.name for p in folder.iterdir()}


def test_the_desks_own_files_and_the_systems_do_not_fail_verify(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A clerk's notes.docx, Thumbs.db, .DS_Store and Excel's lock file beside
    the papers are no plan's papers: verify passes, noting the desk's own file;
    a file of a kind the plan writes (a stray PDF or workbook) still fails, and
    says to move it out."""
    folder = tmp_path / "copy"
    shutil.copytree(planned.out, folder)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04clerk")
    for name in ("Thumbs.db", ".DS_Store", "papers/Thumbs.db", "papers/._papers.pdf"):
        (folder / name).write_bytes(b"\x00")
    (folder / "manifests" / "~$manifests.xlsx").write_bytes(b"\x0bclerk")
    assert index_problems(folder) == []
    capsys.readouterr()
    assert run(["verify", str(folder), "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "notes.docx is not one of the plan's files" in said
    assert "Thumbs.db" not in said and "DS_Store" not in said
    for stray in ("papers/old_papers.pdf", "名单(1).XLSX"):
        (folder / stray).write_bytes(b"%PDF")
        assert run(["verify", str(folder), "--lang", "en"]) == 1
        said = " ".join(capsys.readouterr().out.split())
        assert f"x {stray} is not part of this plan" in said and "move it out" in said
        (folder / stray).unlink()


def test_verify_waits_for_no_run_but_says_one_is_writing_the_folder(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """While a run holds the folder's lock its files may be half the old
    plan's and half the new one's: verify says a run is writing (exit 2),
    not that files changed.  Once the run ends, verify reads the folder, and
    a folder whose lock file lingers unheld passes."""
    from filelock import FileLock

    folder = tmp_path / "copy"
    shutil.copytree(planned.out, folder)
    held = FileLock(folder.with_name("copy.lock"), thread_local=False)
    with output_lock(folder):
        pass  # a run that has ended leaves its lock file behind
    assert run(["verify", str(folder), "--lang", "en"]) == 0
    held.acquire()
    try:
        assert run(["verify", str(folder / "plan.json"), "--lang", "en"]) == 2
        said = " ".join(capsys.readouterr().err.split())
        assert "is writing a plan into this folder now" in said and "has finished" in said
    finally:
        held.release()
    assert run(["verify", str(folder), "--lang", "en"]) == 0


def test_verify_says_a_missing_file_once(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file gone from the folder is said missing once, though both the index
    and the papers' check look for it."""
    folder = tmp_path / "copy"
    shutil.copytree(planned.out, folder)
    manifest = sorted((folder / "manifests").glob("bus_*.csv"))[0]
    gone = ["dormitory_allocation.csv", f"manifests/{manifest.name}", "manifests/manifests.xlsx"]
    for name in gone:
        (folder / name).unlink()
    assert run(["verify", str(folder), "--lang", "en"]) == 1
    lines = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
    for name in gone:
        said = [line for line in lines if line.startswith(f"x {name} is missing")]
        assert len(said) == 1 and "copy it back" in said[0], lines


def test_verify_counts_the_roster_rows_apart_from_the_reader(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plan accounts for every line of its roster; a roster with one more does not match."""
    roster = planned.scenario.parent / "roster.csv"
    assert run(["verify", str(planned.out), "--roster", str(roster)]) == 0
    longer = tmp_path / "roster.csv"
    text = roster.read_text(encoding="utf-8-sig")
    longer.write_text(text + text.splitlines()[-1].replace(",", ",X", 1) + "\n", encoding="utf-8")
    assert run(["verify", str(planned.out), "--roster", str(longer), "--lang", "en"]) == 1
    assert "the plan accounts" in capsys.readouterr().out


def test_killing_returnbus_plan_leaves_a_whole_plan(tmp_path: Path) -> None:
    """The real command, killed early, mid-run and late: --out holds one whole plan."""
    rows = [worker(f"K{k:02d}", at=(TONGZI[0] + 0.003 * k, TONGZI[1])) for k in range(12)]
    scenario = write_scenario(tmp_path / "in", rows)
    out = tmp_path / "out"
    command = [str(Path(sys.executable).parent / "returnbus"), "plan", str(scenario)]
    command += ["--out", str(out), "--ledger", str(tmp_path / "ledger.sqlite")]
    subprocess.run([*command, "--seed", "1"], check=True, capture_output=True)
    for seed, after in ((2, 0.5), (3, 2.0), (4, 3.5)):
        child = subprocess.Popen(
            [*command, "--seed", str(seed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(after)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert index_problems(out) == []
        assert run(["verify", str(out)]) == 0


def test_the_desks_notes_on_its_lists_are_not_tampering(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """lists.xlsx annotated and saved, to_call.csv sorted, lists.xlsx open in
    Excel: verify passes and says the lists were edited by the desk; the same
    edit to a manifest still fails."""
    folder = tmp_path / "copy"
    shutil.copytree(planned.out, folder)
    book = load_workbook(folder / "lists.xlsx")
    book.worksheets[0]["K3"] = "已电话通知，本人改为自驾"
    book.save(folder / "lists.xlsx")
    calls = (folder / "to_call.csv").read_text(encoding="utf-8-sig").splitlines()
    (folder / "to_call.csv").write_text("\n".join([calls[0], *sorted(calls[1:])]) + "\n")
    (folder / "~$lists.xlsx").write_bytes(b"\x0bclerk")
    capsys.readouterr()
    assert run(["verify", str(folder)]) == 0
    said = capsys.readouterr().out.replace("\n", "")
    assert "lists.xlsx 已由调度台编辑" in said and "to_call.csv 已由调度台编辑" in said
    manifest = next((folder / "manifests").glob("bus_*.csv"))
    manifest.write_text(manifest.read_text(encoding="utf-8") + "备注\n", encoding="utf-8")
    assert run(["verify", str(folder), "--lang", "en"]) == 1
    assert f"manifests/{manifest.name} was changed" in capsys.readouterr().out


def test_a_desk_list_of_another_plan_fails_verify_and_one_resaved_passes(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """arrivals.csv re-saved as Excel does (quoted, CRLF, dates its own way,
    rooms without their zeros), sorted, a column added and a row gone, is the
    desk's: verify passes. One that puts riders on buses the plan does not (as
    another plan's list does), or a self-return list naming a rider, fails,
    says how many and the first, and not that it is only the desk's notes."""
    folder = tmp_path / "copy"
    shutil.copytree(planned.out, folder)
    arrivals = folder / "arrivals.csv"
    with arrivals.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    date, room, bus = header.index("date"), header.index("room"), header.index("bus")
    resaved = [
        [*r[:date], r[date].replace("-0", "/").replace("-", "/"), *r[date + 1 :], "已通知"]
        for r in sorted(body, key=lambda r: r[header.index("name")])[1:]
    ]
    for r in resaved:
        r[room] = r[room].lstrip("0") or "0"
    with arrivals.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(
            [[*header, "备注"], *resaved]
        )
    capsys.readouterr()
    assert run(["verify", str(folder)]) == 0
    assert "arrivals.csv 已由调度台编辑" in capsys.readouterr().out.replace("\n", "")
    by_bus = [r for r in body if r[bus].startswith("B")]
    buses = sorted({r[bus] for r in by_bus})
    assert len(buses) >= 2, "the batch needs two buses with beds"
    others = [
        [*r[:bus], buses[(buses.index(r[bus]) + 1) % len(buses)], *r[bus + 1 :]] for r in by_bus
    ]
    with arrivals.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([header, *others])
    rider = by_bus[0][header.index("worker_id")]
    self_return = folder / "self_return.csv"
    with self_return.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow([rider, "某某", *[""] * 7])
    calls = folder / "to_call.csv"
    with calls.open(encoding="utf-8-sig", newline="") as handle:
        called = list(csv.reader(handle))
    on_bus = next(r for r in called[1:] if r[called[0].index("bus_id")])
    at = called[0].index("bus_id")
    on_bus[at] = next(b for b in buses if b != on_bus[at])
    with calls.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(called)
    assert run(["verify", str(folder), "--lang", "en"]) == 1
    said = " ".join(capsys.readouterr().out.split())
    assert "x to_call.csv was edited since the plan was written, and puts 1 worker where" in said
    assert (
        f"x arrivals.csv was edited since the plan was written, and puts {len(others)} workers"
        in said
    )
    assert "x self_return.csv was edited since the plan was written, and puts 1 worker" in said
    assert f"worker {rider} is listed, but plan.json has them on bus" in said
    assert "arrivals.csv was edited by the desk" not in said and "do not hand it out" in said


def test_a_lock_that_cannot_be_made_is_not_called_another_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the lock file cannot be created (/proc, a read-only mount as
    root) the error says so, not 'another run is writing to this folder'."""
    from filelock import FileLock, Timeout

    def refused(self: FileLock, timeout: float = -1) -> None:
        raise Timeout(str(self.lock_file))

    monkeypatch.setattr(FileLock, "acquire", refused)
    with (
        pytest.raises(InputError, match=r"x\.lock cannot be made there"),
        output_lock(tmp_path / "x"),
    ):
        pass
