"""The campaign ledger."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from filelock import FileLock

import returnbus.ledger.store as store
from returnbus.errors import InputError
from returnbus.ledger import Occupancy, occupancy_runs, open_ledger
from returnbus.plan import Plan
from returnbus.planfile import from_document
from returnbus.text import Text

from ..helpers import PlannedBatch, no_file_at, run, worker, write_scenario

NOW = datetime(2020, 3, 16, 20, 0, tzinfo=UTC)


def as_batch(plan: Plan, batch: str, *, weeks_later: int = 0) -> Plan:
    """The same plan, as if for another batch (its beds some weeks later)."""
    later = timedelta(weeks=weeks_later)
    beds = tuple(
        replace(b, batch=batch, start=b.start + later, end=b.end + later) for b in plan.beds
    )
    return replace(plan, batch=replace(plan.batch, id=batch), beds=beds)


@pytest.fixture
def plan(planned: PlannedBatch) -> Plan:
    return from_document(planned.plan)


def test_record_then_read_beds_of_other_batches(tmp_path: Path, plan: Plan) -> None:
    """A recorded batch's beds are held for the others, not for itself."""
    with open_ledger(tmp_path / "l.sqlite") as book:
        book.record(as_batch(plan, "1"), planned_at=NOW)
        assert book.beds_held(except_batch="1") == ()
        held = book.beds_held(except_batch="2")
    assert {b.worker_id for b in held} == {b.worker_id for b in plan.beds}
    assert {b.batch for b in held} == {"1"}
    assert held[0].start == min(b.start for b in plan.beds if b.worker_id == held[0].worker_id)


def test_replanning_a_batch_replaces_its_entries(tmp_path: Path, plan: Plan) -> None:
    """Recording a batch again leaves one set of its entries; other batches stay."""
    with open_ledger(tmp_path / "l.sqlite") as book:
        book.record(as_batch(plan, "1"), planned_at=NOW)
        book.record(as_batch(plan, "2", weeks_later=8), planned_at=NOW)
        fewer = replace(as_batch(plan, "1"), beds=as_batch(plan, "1").beds[:3])
        book.record(fewer, planned_at=NOW)
        batches = {b.batch_id: b.beds for b in book.batches()}
        assert batches == {"1": 3, "2": len(plan.beds)}
        assert len(book.beds_held(except_batch="")) == 3 + len(plan.beds)


def test_a_failed_record_leaves_the_ledger_as_it_was(tmp_path: Path, plan: Plan) -> None:
    """An error half-way through recording rolls the whole batch back."""
    path = tmp_path / "l.sqlite"
    with open_ledger(path) as book:
        book.record(as_batch(plan, "1"), planned_at=NOW)
        before = book.beds_held()
        broken = as_batch(plan, "1")
        doubled = replace(broken, beds=(*broken.beds, broken.beds[0]))  # one bed twice
        with pytest.raises(InputError, match="would be held by") as refused:
            book.record(doubled, planned_at=NOW)
        assert book.beds_held() == before
    # Two workers of one batch in one bed: the plan's own fault, not another run's.
    assert (
        isinstance(refused.value.hint, Text) and refused.value.hint.key == "bed_given_twice_action"
    )


def test_release_frees_a_bed_early_and_occupancy_follows(tmp_path: Path, plan: Plan) -> None:
    """A released bed ends on its release date; nightly occupancy drops after it."""
    bed = plan.beds[0]
    with open_ledger(tmp_path / "l.sqlite") as book:
        book.record(as_batch(plan, "1"), planned_at=NOW)
        on = bed.start + timedelta(days=3)
        freed = book.release(bed.worker_id, on)
        assert freed.end == on
        held = {b.worker_id: b for b in book.beds_held()}
        assert held[bed.worker_id].end == on
        nights = {(o.dorm_id, o.night): o.beds for o in book.occupancy()}
        first = nights[bed.dorm_id, bed.start]
        with pytest.raises(InputError, match="not within"):
            book.release(bed.worker_id, date(2019, 1, 1))
        with pytest.raises(InputError, match="holds no bed"):
            book.release("nobody", on)
    assert first >= 1


def _released_on(ledger: Path, worker_id: str) -> str | None:
    """The morning the ledger says ``worker_id``'s bed was released, read as any viewer would."""
    with closing(sqlite3.connect(f"{ledger.as_uri()}?mode=ro", uri=True)) as connection:
        row = connection.execute(
            "SELECT released_on FROM beds WHERE worker_id = ?", (worker_id,)
        ).fetchone()
    return None if row is None else row[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_release_on_the_morning_the_stay_ends_is_refused_as_freeing_nothing(
    tmp_path: Path, plan: Plan, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """`ledger release` dated the last morning of the stay was recorded and
    said the bed was freed, asking for a re-plan, though it changed nothing.
    It is refused now (exit 2), saying the stay already ends then and which
    dates would free the bed sooner; the ledger is left as it was."""
    ledger = tmp_path / "l.sqlite"
    with open_ledger(ledger) as book:
        book.record(plan, planned_at=NOW)
    bed = plan.beds[0]
    args = ["ledger", "release", str(ledger), "--worker", bed.worker_id, "--date", str(bed.end)]
    code = run([*args, "--lang", "en"] if lang == "en" else args)
    said = capsys.readouterr()
    words = " ".join((said.out + said.err).split())
    assert code == 2 and "Traceback" not in words, words
    if lang == "en":
        assert f"already ends on the morning of {bed.end}: there is nothing to release" in words
        assert f"give a date after {bed.start} and before {bed.end}" in words, words
        assert "is free from" not in words, words
    else:
        words = "".join(words.split())  # a Chinese line broken anywhere, a space put in
        assert f"本就在{bed.end}早上到期：无须释放" in words, words
        assert f"{bed.start}之后、{bed.end}之前" in words and "空出：" not in words, words
    assert _released_on(ledger, bed.worker_id) is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_release_later_than_the_bed_s_early_release_says_it_was_released(
    tmp_path: Path, plan: Plan, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """A bed released early, then released again on a later morning, was
    refused as outside the stay ("from 03-18 to 03-25"), as if the bed had
    never run longer.  It now says the bed was released already, on which
    morning, and until when it was planned; that a release is not moved
    later (nothing changed).  The same morning again is said to change
    nothing; an earlier one is still a release."""
    ledger = tmp_path / "l.sqlite"
    with open_ledger(ledger) as book:
        book.record(plan, planned_at=NOW)
    bed = plan.beds[0]
    on = bed.start + timedelta(days=3)

    def release(day: date) -> tuple[int, str]:
        args = ["ledger", "release", str(ledger), "--worker", bed.worker_id, "--date", str(day)]
        code = run([*args, "--lang", "en"] if lang == "en" else args)
        said = capsys.readouterr()
        return code, " ".join((said.out + said.err).split())

    assert release(on)[0] == 0
    code, said = release(on + timedelta(days=2))
    assert code == 2 and "Traceback" not in said, said
    if lang == "en":
        assert f"released early already, from the morning of {on}" in said, said
        assert f"planned until {bed.end}" in said and "cannot be moved later" in said, said
        assert "runs from" not in said, said
    else:
        said = "".join(said.split())  # a Chinese line broken anywhere, a space put in
        assert f"已提前释放，自{on}早上起空出（原定至{bed.end}）" in said, said
        assert "释放日期不能改晚" in said and "不在此期间" not in said, said
    assert _released_on(ledger, bed.worker_id) == on.isoformat()
    code, said = release(on)
    assert code == 2 and f"{on}" in said, said
    if lang == "zh":
        said = "".join(said.split())
    assert ("again changes nothing" if lang == "en" else "再次按") in said, said
    assert release(on - timedelta(days=1))[0] == 0
    assert _released_on(ledger, bed.worker_id) == (on - timedelta(days=1)).isoformat()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_second_release_names_the_folder_to_re_plan_the_batch_from(
    tmp_path: Path, plan: Plan, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """A release of a bed released already (the same morning, or a later one)
    said to re-plan the batch with a bare "returnbus replan", naming no
    folder, where the first release names the one the ledger records.  Both
    now give the command with the batch's folder (quoted: it holds a space)."""
    ledger = tmp_path / "l.sqlite"
    folder = tmp_path / "第一批 papers"
    with open_ledger(ledger) as book:
        book.record(plan, planned_at=NOW, plan_id="p1", out_dir=str(folder))
    bed = plan.beds[0]
    on = bed.start + timedelta(days=3)
    command = f'returnbus replan "{folder}" --out ' + ("NEW_FOLDER" if lang == "en" else "新文件夹")

    def release(day: date) -> tuple[int, str]:
        args = ["ledger", "release", str(ledger), "--worker", bed.worker_id, "--date", str(day)]
        code = run([*args, "--lang", lang])
        said = capsys.readouterr()
        return code, "".join((said.out + said.err).split())  # lines broken anywhere

    first = release(on)
    assert first[0] == 0 and "".join(command.split()) in first[1], first
    for again in (on, on + timedelta(days=1)):
        code, said = release(again)
        assert code == 2 and "".join(command.split()) in said, said
    with open_ledger(ledger) as book:  # a ledger that records no folder: the command alone
        book.record(plan, planned_at=NOW)
    code, said = release(on)
    assert code == 2 and "(returnbusreplan)" in said.replace("（", "(").replace("）", ")"), said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_release_names_the_dormitory_room_and_bed(
    tmp_path: Path, plan: Plan, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """`ledger release` called "D2/101" the worker's bed: the dormitory's id
    and the room.  It now names the dormitory as the plans did, the room and
    the bed's number, whether the room is left empty or shared."""
    ledger = tmp_path / "l.sqlite"
    with open_ledger(ledger) as book:
        book.record(plan, planned_at=NOW)
    names = {d.id: d.name for d in plan.batch.dormitories}
    # A bed alone in its room (said free) and one sharing it (said released).
    alone = [
        b
        for b in plan.beds
        if sum((c.dorm_id, c.room) == (b.dorm_id, b.room) for c in plan.beds) == 1
    ]
    shared = [b for b in plan.beds if b not in alone]
    assert names and alone and shared
    for bed in (*alone[:1], *shared[:1]):
        assert names[bed.dorm_id] != bed.dorm_id
        on = bed.start + timedelta(days=1)
        args = ["ledger", "release", str(ledger), "--worker", bed.worker_id, "--date", str(on)]
        assert run([*args, "--lang", "en"] if lang == "en" else args) == 0
        said = " ".join(capsys.readouterr().out.split())
        named = (
            f"bed ({names[bed.dorm_id]}, room {bed.room}, bed {bed.bed})"
            if lang == "en"
            else f"床位（{names[bed.dorm_id]} {bed.room} 房间 {bed.bed} 号床）"
        )
        if lang == "zh":
            said, named = "".join(said.split()), "".join(named.split())
        assert named in said, said
        assert f"{bed.dorm_id}/{bed.room}" not in said, said


def test_ledger_release_waits_for_the_run_holding_the_ledger(
    tmp_path: Path, plan: Plan, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`ledger release` wrote the ledger without its lock, which a `plan` or
    `replan` holds for its whole run: a release made while a re-plan of the
    batch ran was missing from the beds it then recorded and wrote.  It now
    waits for the lock as `plan` does, saying so, and releases once it is
    free; held past its wait, it says so (exit 2) and nothing is released."""
    ledger = tmp_path / "l.sqlite"
    with open_ledger(ledger) as book:
        book.record(plan, planned_at=NOW)
    first, second = plan.beds[0], plan.beds[1]
    on = first.start + timedelta(days=1)
    held = FileLock(ledger.with_name(f"{ledger.name}.lock"), thread_local=False)
    seen: list[str | None] = []

    def run_ends() -> None:  # what the ledger held while the run held it, then its end
        seen.append(_released_on(ledger, first.worker_id))
        held.release()

    def release(worker_id: str) -> tuple[int, str]:
        args = ["ledger", "release", str(ledger), "--worker", worker_id, "--date", str(on)]
        code = run([*args, "--lang", "en"])
        return code, " ".join(capsys.readouterr().err.split())

    held.acquire()
    ending = threading.Timer(1.5, run_ends)
    ending.start()
    code, said = release(first.worker_id)
    ending.join()
    assert seen == [None], seen
    assert code == 0 and "Another run is using the ledger" in said, said
    assert _released_on(ledger, first.worker_id) == on.isoformat()

    monkeypatch.setattr(store, "RUN_WAIT_SECONDS", 0.5)
    with held:
        code, said = release(second.worker_id)
    assert code == 2 and "another run held the ledger for over" in said, said
    assert "then run the command again" in said and "Traceback" not in said, said
    assert _released_on(ledger, second.worker_id) is None


@pytest.mark.parametrize(
    "args",
    [
        ["ledger", "release", "{ledger}", "--worker", "A1", "--date", "2020-03-20"],
        ["ledger", "show", "{ledger}"],
    ],
)
def test_a_ledger_not_there_is_said_so_before_any_lock_or_folder_is_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    """`ledger show` of a ledger not there said so, but its settling had
    taken the ledger's lock first, which made the lock file and its folder
    where no ledger is.  It, and `ledger release`, which now takes the lock,
    say so before."""
    ledger = tmp_path / "nowhere" / "l.sqlite"
    assert run([*(a.format(ledger=ledger) for a in args), "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "no ledger here" in said and not (tmp_path / "nowhere").exists(), said


def test_a_release_of_an_id_typed_in_other_case_or_width_names_the_one_with_a_bed(
    tmp_path: Path, plan: Plan
) -> None:
    """w00023 (or Ｗ０００２３) for W00023: the worker holding a bed is named in
    the hint, and nothing is released; an id like none names none."""
    bed = plan.beds[0]
    typed = bed.worker_id.swapcase()
    assert typed != bed.worker_id  # the fixture's ids hold letters
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in typed)
    with open_ledger(tmp_path / "l.sqlite") as book:
        book.record(as_batch(plan, "1"), planned_at=NOW)
        on = bed.start + timedelta(days=3)
        for mistyped in (typed, wide):
            with pytest.raises(InputError, match="holds no bed") as caught:
                book.release(mistyped, on)
            hint = caught.value.hint
            assert isinstance(hint, Text) and hint.key == "no_bed_held_meant_action"
            assert f"--worker {bed.worker_id}" in hint and bed.worker_id in hint.said("zh")
        with pytest.raises(InputError, match="holds no bed") as caught:
            book.release("nobody", on)
        assert isinstance(caught.value.hint, Text)
        assert caught.value.hint.key == "no_bed_held_action"
        # `ledger show` lists no worker ids: the hint sends the desk to a list that does.
        for lang in ("zh", "en"):
            assert "dormitory_allocation.csv" in caught.value.hint.said(lang)
        assert all(b.released_on is None for b in book.beds_held())


def test_a_release_stands_through_a_re_plan_that_keeps_the_bed(tmp_path: Path, plan: Plan) -> None:
    """Recording the batch again (a re-plan) keeps an earlier early release of
    a bed the new plan still gives over that morning; before, it was lost."""
    bed = plan.beds[0]
    with open_ledger(tmp_path / "l.sqlite") as book:
        book.record(as_batch(plan, "1"), planned_at=NOW)
        on = bed.start + timedelta(days=3)
        book.release(bed.worker_id, on)
        book.record(as_batch(plan, "1"), planned_at=NOW)
        held = {b.worker_id: b for b in book.beds_held()}
        assert held[bed.worker_id].end == on
        later = replace(bed, start=on + timedelta(days=1), end=on + timedelta(days=15))
        moved = replace(as_batch(plan, "1"), beds=(later, *plan.beds[1:]))
        book.record(moved, planned_at=NOW)  # housed from after that morning: no release
        held = {b.worker_id: b for b in book.beds_held()}
        assert held[bed.worker_id].end == later.end


def test_a_re_plan_keeping_a_released_bed_another_batch_took_since_is_recorded(
    tmp_path: Path, plan: Plan
) -> None:
    """A bed released early may go to another batch; the batch that released
    it can still be re-planned: its new plan keeps the bed (from plan.json,
    to the quarantine's end) and the release stands, so nobody holds it
    twice.  Before, the record was refused as "held twice" on every re-plan."""
    bed = plan.beds[0]
    on = bed.start + timedelta(days=3)
    taker = replace(bed, worker_id="newcomer", batch="2", start=on + timedelta(days=1))
    second = replace(as_batch(plan, "2"), beds=(taker,))
    with open_ledger(tmp_path / "l.sqlite") as book:
        book.record(as_batch(plan, "1"), planned_at=NOW)
        book.release(bed.worker_id, on)
        book.record(second, planned_at=NOW)  # the freed bed, after cleaning
        book.record(as_batch(plan, "1"), planned_at=NOW)  # batch 1 re-planned
        held = {(b.batch, b.worker_id): b for b in book.beds_held()}
    assert held["1", bed.worker_id].end == on
    assert held["2", "newcomer"].start == on + timedelta(days=1)


def test_not_a_ledger_is_an_input_error(tmp_path: Path) -> None:
    """A file that is not a ledger, a folder, or a missing ledger to read say so."""
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database at all, just text" * 40, encoding="utf-8")
    with pytest.raises(InputError, match="not a returnbus ledger"), open_ledger(junk):
        pass
    with pytest.raises(InputError, match="folder"), open_ledger(tmp_path):
        pass
    with pytest.raises(InputError, match="no ledger"), open_ledger(tmp_path / "n", create=False):
        pass


def test_a_folder_given_as_the_ledger_names_the_ledger_in_it_or_its_plans(
    tmp_path: Path, plan: Plan, capsys: pytest.CaptureFixture[str]
) -> None:
    """The scenario folder, or a plan's folder, given where the ledger goes
    said "give a file name" alone.  It now names the ledger file to give:
    the ledger.sqlite in the folder, or the ledger the folder's plan was
    recorded in; a folder with neither is told as before."""
    scenario, papers, empty = tmp_path / "我的 方案", tmp_path / "out", tmp_path / "empty"
    for folder in (scenario, papers, empty):
        folder.mkdir()
    ledger = scenario / "ledger.sqlite"
    with open_ledger(ledger) as book:
        book.record(plan, planned_at=NOW)
    (papers / "outputs.json").write_text(json.dumps({"ledger": str(ledger)}), encoding="utf-8")
    for folder, named in ((scenario, f'"{ledger}"'), (papers, f'"{ledger}"'), (empty, None)):
        for args in (["ledger", "show", str(folder)], ["ledger", "release", str(folder)]):
            more = ["--worker", "A1", "--date", "2020-03-20"] if args[1] == "release" else []
            assert run([*args, *more, "--lang", "en"]) == 2
            said = " ".join(capsys.readouterr().err.split())
            assert "is a folder, not a ledger file" in said, said
            if named is None:
                assert "give a file name" in said, said
            else:
                # Lines break anywhere in a path of Chinese: compared without spaces.
                wanted = f"givetheledgerfile,notitsfolder:{named}"
                assert "".join(wanted.split()) in "".join(said.split()), said


def test_occupancy_runs_merge_nights_that_look_the_same() -> None:
    """Consecutive nights with the same use become one run; a change starts another."""
    night = date(2020, 3, 17)
    nights = [
        Occupancy(dorm_id="D1", name="一号楼", night=night + timedelta(days=k), beds=b, rooms=r)
        for k, (b, r) in enumerate([(4, 2), (4, 2), (5, 3), (5, 3)])
    ]
    nights.append(Occupancy(dorm_id="D2", name="二号楼", night=night, beds=1, rooms=1))
    runs = occupancy_runs(nights)
    assert [(r.dorm_id, r.first.day, r.last.day, r.beds) for r in runs] == [
        ("D1", 17, 18, 4),
        ("D1", 19, 20, 5),
        ("D2", 17, 17, 1),
    ]


def with_cleaning(plan: Plan, days: int) -> Plan:
    """``plan`` as if made with ``days`` cleaning days."""
    quarantine = replace(plan.settings.quarantine, cleaning_days=days)
    return replace(plan, settings=replace(plan.settings, quarantine=quarantine))


def test_a_batch_taking_a_room_before_its_cleaning_is_refused_as_its_own_doing(
    tmp_path: Path, plan: Plan
) -> None:
    """Batch 2 given a bed in a room of batch 1 from the morning batch 1
    leaves it: with a cleaning day the record is refused, naming the room,
    both batches and the cleaning days, the hint saying the plan itself did
    it (not another run), and nothing is recorded; with none it is recorded.
    Recorded so, batch 2 recorded again with a cleaning day is not refused
    for that older clash; a bed it moves a night earlier into the room is."""
    first = as_batch(plan, "1")
    bed = first.beds[0]
    stay = timedelta(days=plan.settings.quarantine.days)
    taker = replace(bed, worker_id="H0", bed=bed.bed + 1, batch="2", start=bed.end)
    taker = replace(taker, end=taker.start + stay)
    second = replace(as_batch(plan, "2"), beds=(taker,))
    with open_ledger(tmp_path / "l.sqlite") as book:
        book.record(with_cleaning(first, 1), planned_at=NOW)
        with pytest.raises(InputError) as refused:
            book.record(with_cleaning(second, 1), planned_at=NOW)
        assert book.beds_of("2") == ()
        book.record(with_cleaning(second, 0), planned_at=NOW)
        book.record(with_cleaning(second, 1), planned_at=NOW)  # the clash is older
        sooner = replace(taker, start=taker.start - timedelta(days=1))
        with pytest.raises(InputError, match=f"room {bed.room} of dormitory {bed.dorm_id}"):
            book.record(with_cleaning(replace(second, beds=(sooner,)), 1), planned_at=NOW)
        assert book.beds_of("2") == (taker,)
    said = str(refused.value)
    assert (
        f"room {bed.room} of dormitory {bed.dorm_id} holds batch 2 (workers H0) from the night "
        f"of {taker.start} to the morning of {taker.end} and batch 1 (workers {bed.worker_id}) "
        f"from the night of {bed.start} to the morning of {bed.end}" in said
    ), said
    assert "(quarantine.cleaning_days = 1)" in said and "nothing was recorded" in said, said
    assert "this plan itself" in refused.value.hint and "another run" not in refused.value.hint


@pytest.mark.parametrize("kind", ["device", "pipe"])
def test_a_device_or_pipe_given_as_the_ledger_is_said_so_before_any_lock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """--ledger /dev/null was "in use by another run" (SQLite's disk I/O
    error), a pipe "cannot be opened", and `ledger show` called either "no
    ledger here"; each made its lock file beside it (in /dev for /dev/null).
    Each is said to be no ledger file, before anything is made."""
    ledger = tmp_path / "ledger.sqlite"
    if kind == "device":
        ledger.symlink_to(os.devnull)  # a device, without a lock file made in /dev
    else:
        os.mkfifo(ledger)
    scenario = write_scenario(tmp_path / "in", [worker("A1")])
    out = tmp_path / "out"
    named = "a device (such as /dev/null)" if kind == "device" else "a named pipe"
    for args in (
        ["plan", str(scenario), "--out", str(out), "--ledger", str(ledger)],
        ["ledger", "show", str(ledger)],
        ["ledger", "release", str(ledger), "--worker", "A1", "--date", "2020-03-20"],
    ):
        assert run([*args, "--lang", "en"]) == 2
        said = " ".join(capsys.readouterr().err.split())
        assert f"{named}, not a ledger file" in said and "what to do" in said, said
        assert not (tmp_path / "ledger.sqlite.lock").exists()
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["ledger", "show", "{ledger}"],
        ["plan", "{scenario}", "--out", "{out}", "--ledger", "{ledger}"],
    ],
)
def test_a_ledger_we_may_not_read_says_to_get_leave_to_read_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
) -> None:
    """A ledger the system will not let us read was told to check that its
    folder "may be written, or give another --ledger" (ledger show has no
    --ledger, and another ledger knows no bed this campaign holds)."""
    ledger = tmp_path / "ledger.sqlite"
    with closing(sqlite3.connect(ledger)) as connection:
        connection.execute("CREATE TABLE t (x)")
    no_file_at(tmp_path, "unreadable", monkeypatch, "ledger.sqlite")
    scenario = write_scenario(tmp_path / "in", [worker("A1")])
    values = {"ledger": ledger, "scenario": scenario, "out": tmp_path / "out"}
    assert run([*(a.format(**values) for a in args), "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "cannot read the ledger: no permission" in said, said
    assert "let you read and write it" in said and "--ledger" not in said
