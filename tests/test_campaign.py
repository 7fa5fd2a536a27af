"""A campaign of batches: choosing a batch's rows, and groups that would not travel together."""

from __future__ import annotations

import csv
import json
import random
import shutil
import sqlite3
from collections import Counter
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from returnbus.campaign import (
    HeldBus,
    bus_free_at,
    days_overdrawn,
    fleet_by_day,
    fleet_free,
    fleet_overdrawn,
    held_windows,
    split_groups,
)
from returnbus.domain import BusType, Worker
from returnbus.errors import InputError
from returnbus.io.plans import load_plan
from returnbus.io.scenario import load_scenario
from returnbus.ledger import open_ledger
from returnbus.pipeline import check_roster, prepare
from returnbus.plan import Plan
from returnbus.text import say

from .helpers import HUB, TONGZI, ZUNYI, run, worker, write_roster, write_scenario

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
    assert "第一批 (1 row)" in str(caught.value) and "(2 rows)" in str(caught.value)
    assert "第一批（1 行）" in caught.value.said("zh")
    with pytest.raises(InputError, match="no roster rows in batch") as caught:
        prepare(load_scenario(three_rows(tmp_path)), batch="第九批")
    assert "the roster's batch column (返岗批次)" in str(caught.value)  # not 返岗批次 alone


def test_the_batch_column_is_named_as_the_roster_heads_it(tmp_path: Path) -> None:
    """An error about batches names the column 返岗批次, not the field 'batch'."""
    path = three_rows(tmp_path)
    roster = path.parent / "roster.csv"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(text.replace(",batch", ",返岗批次", 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        prepare(load_scenario(path))
    assert caught.value.column == "返岗批次"


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


def test_a_red_code_in_any_batch_holds_its_companions_in_every_batch(tmp_path: Path) -> None:
    """Group G's red-code member is in batch 2, two companions in batch 1 and one
    in batch 2: planned batch by batch with one ledger, no companion rides."""
    rows = [
        worker("G1", at=TONGZI, batch="第一批", group="G"),
        worker("G2", at=TONGZI, batch="第一批", group="G"),
        worker("G3", at=TONGZI, batch="2", group="G", health_code="红"),
        worker("G4", at=TONGZI, batch="2", group="G"),
        *(worker(f"W{k}", at=TONGZI, batch="第一批" if k % 2 else "2") for k in range(6)),
    ]
    path = write_scenario(tmp_path / "in", rows, extra=BATCHES)
    ledger = tmp_path / "ledger.sqlite"
    riders = set()
    for batch in ("第一批", "第二批"):
        out = tmp_path / batch
        assert (
            run(["plan", str(path), "--batch", batch, "--out", str(out), "--ledger", str(ledger)])
            == 0
        )
        plan = load_plan(out)
        riders |= {w for r in plan.routes for w in r.worker_ids}
        held = {u.worker_id for u in plan.unassigned if "close contact" in u.reason}
        assert held == {"G1", "G2"} if batch == "第一批" else held == {"G4"}
    assert not riders & {"G1", "G2", "G3", "G4"} and len(riders) == 6


def test_checking_a_roster_names_a_group_split_by_a_red_code_over_batches(
    tmp_path: Path,
) -> None:
    """check warns that the companions of a red code in another batch are held."""
    people = [
        Worker(id="A", row=2, name="a", group="G", batch="1"),
        Worker(id="B", row=3, name="b", group="G", batch="2", health_code="red"),
    ]
    (first, _) = split_groups(people, contacts="hold")
    assert "row 3" in first.action and "held off the buses" in first.action


def test_batches_without_dates_share_one_day_and_are_warned_of(tmp_path: Path) -> None:
    """A roster of two batches with no [[batch]] tables: check says they share a day."""
    path = three_rows(tmp_path, extra="")
    issues = check_roster(load_scenario(path)).issues
    (shared,) = [i for i in issues if i.column == "batch" and i.row == 0]
    assert "2020-03-17" in shared.problem and shared.severity == "warning"


def test_a_row_with_a_blank_batch_is_no_batch_that_shares_the_day(tmp_path: Path) -> None:
    """One batch and a row whose batch cell is blank (an error of its own row):
    no warning of batches "" and 1 sharing a day ("batches , 1 have no
    [[batch]] dates" was said)."""
    rows = [worker("A1", at=TONGZI, batch="1"), worker("A2", at=TONGZI, batch="1")]
    path = write_scenario(tmp_path, [*rows, worker("A3", at=TONGZI, batch="")])
    issues = check_roster(load_scenario(path)).issues
    assert [i.row for i in issues if i.column == "batch" or "batch" in str(i.problem)] == [4]
    assert not [i for i in issues if i.row == 0], [str(i.problem) for i in issues]


def test_three_batches_on_one_day_share_twenty_minibuses(tmp_path: Path) -> None:
    """Three batches leaving the same day, a fleet of 20 minibuses, one ledger:
    on that day the three plans use no more than 20 minibuses between them."""
    rows = [
        worker(f"{b}{k:02d}", at=(TONGZI[0] + 0.4 * (k % 5), TONGZI[1] + 0.5 * (k // 5)), batch=b)
        for b in ("1", "2", "3")
        for k in range(30)
    ]
    minibus = (
        'id = "M19"\nseats = 19\nseats_per_row = 3\ncount = 20\nfixed_cost = 1800\n'
        "cost_per_km = 4.5"
    )
    path = write_scenario(tmp_path / "in", rows, fleet=minibus)
    ledger = tmp_path / "ledger.sqlite"
    used = 0
    for batch in ("1", "2", "3"):
        out = tmp_path / f"b{batch}"
        assert (
            run(["plan", str(path), "--batch", batch, "--out", str(out), "--ledger", str(ledger)])
            == 0
        )
        used += len(load_plan(out).routes)
    assert 20 >= used > 0
    with open_ledger(ledger, create=False) as book:
        busiest = max(v.buses for v in book.vehicles() if v.bus_type == "M19")
    assert busiest == used


def test_verify_with_the_roster_counts_the_rows_of_the_plans_batch(tmp_path: Path) -> None:
    """`verify --roster` passes a plan of one batch of a roster of two, and
    fails when a row of that batch is not in the plan."""
    rows = [
        worker("A", at=TONGZI, batch="第一批"),
        worker("B", at=TONGZI, batch=""),
        worker("D", at=TONGZI, batch="第二批"),
    ]
    scenario = write_scenario(tmp_path, rows, extra=BATCHES)
    out = tmp_path / "out"
    assert run(["plan", str(scenario), "--batch", "第一批", "--out", str(out)]) == 0
    roster = next(scenario.parent.glob("roster.*"))
    assert run(["verify", str(out), "--roster", str(roster)]) == 0
    text = roster.read_text(encoding="utf-8-sig")
    roster.write_text(text.replace("第二批", "第一批"), encoding="utf-8-sig")
    assert run(["verify", str(out), "--roster", str(roster)]) == 1


@pytest.mark.parametrize("batch", ["1\u200b", "\u3000１", "1\x00"])
def test_verify_reads_a_batch_cell_as_the_planner_does(tmp_path: Path, batch: str) -> None:
    """A batch cell with a zero-width space, a full-width space or figure, or a
    control character in it is the batch the planner reads it as, for
    `verify --roster` too: it read the cell as typed, took the row for
    another batch's, and failed a sound plan ('rows not in the roster')."""
    from returnbus.io.roster import RosterSource, read_roster
    from returnbus.io.rowcount import batch_rows

    rows = [worker(f"W{k}", at=TONGZI, batch=b) for k, b in enumerate(["1", batch, "2"])]
    path = write_roster(tmp_path / "roster.csv", rows)
    read = read_roster(RosterSource(path=path))
    assert [row for row, text in read.batch_of_row.items() if text == "1"] == [2, 3]
    assert batch_rows(path, "1") == [2, 3]


def test_check_names_columns_by_the_rosters_own_headers(tmp_path: Path) -> None:
    """A problem in a Chinese-headed roster is reported under 返岗批次, not `batch`."""
    from returnbus.io.gazetteer import load_gazetteer
    from returnbus.io.sites import jiangjin_parks
    from returnbus.render.files import write_files
    from returnbus.synthetic import synthetic_scenario

    files = synthetic_scenario(
        workers=30, seed=3, gazetteer=load_gazetteer(), parks=jiangjin_parks(), batches=2
    )
    write_files(tmp_path, files)
    roster = tmp_path / "roster.csv"
    lines = roster.read_text(encoding="utf-8-sig").splitlines()
    lines[1] = lines[1].replace(",第一批,", ",,").replace(",第二批,", ",,")
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    report = tmp_path / "issues.csv"
    command = ["check", str(roster), "--scenario", str(tmp_path / "scenario.toml")]
    assert run([*command, "--out", str(report)]) == 0
    with report.open(encoding="utf-8-sig") as handle:
        issues = [r for r in csv.DictReader(handle) if r["row"] == "2"]
    assert any(r["column"] == "返岗批次" for r in issues)


def test_check_names_a_group_too_big_for_any_bus(tmp_path: Path) -> None:
    """A keep-together group over the largest bus's seats (22 on the test's
    45-seat coach) is an error on each member's row in check, as plan would
    leave them all unassigned; a group that fits is not."""
    rows = [worker(f"B{k:02d}", at=TONGZI, group="big") for k in range(23)]
    rows += [worker(f"S{k}", at=TONGZI, group="small") for k in range(3)]
    issues = check_roster(load_scenario(write_scenario(tmp_path, rows))).issues
    too_big = [i for i in issues if i.column == "group" and i.severity == "error"]
    assert sorted(i.worker_id for i in too_big) == [f"B{k:02d}" for k in range(23)]
    assert "23" in too_big[0].problem and "22" in too_big[0].problem
    # What to do in its own column of the report, as for every other problem.
    assert "split" not in too_big[0].problem and "split the group" in too_big[0].action


def test_check_without_a_scenario_calls_no_group_too_big(tmp_path: Path) -> None:
    """`check ROSTER` alone knows no fleet: a keep-together group is not said
    to be too big for a bus that "seats 0" (every group was, before)."""
    rows = [worker(f"S{k}", at=TONGZI, group="small") for k in range(3)]
    roster = write_roster(tmp_path / "roster.csv", rows)
    report = tmp_path / "issues.csv"
    assert run(["check", str(roster), "--out", str(report)]) == 0
    with report.open(encoding="utf-8-sig") as handle:
        issues = list(csv.DictReader(handle))
    assert not [i for i in issues if i["column"] == "group"], issues


def test_check_without_a_scenario_says_no_day_the_batches_share(tmp_path: Path) -> None:
    """`check ROSTER` alone has no departure but today's, made up, and no
    fleet: batches without [[batch]] dates are not said to leave that day
    and share its fleet.  With a scenario they are."""
    rows = [worker(f"S{k}", at=TONGZI, batch=f"第{k + 1}批") for k in range(2)]
    scenario = write_scenario(tmp_path, rows)
    for given in ([], ["--scenario", str(scenario)]):
        report = tmp_path / "issues.csv"
        assert run(["check", str(tmp_path / "roster.csv"), "--out", str(report), *given]) == 0
        with report.open(encoding="utf-8-sig") as handle:
            shared = [i for i in csv.DictReader(handle) if "共用" in i["problem"]]
        assert bool(shared) == bool(given), (given, shared)


def test_riders_left_for_want_of_a_bus_hear_that_other_batches_hold_them(tmp_path: Path) -> None:
    """Other batches hold 3 of the 4 coaches on the day: 40 riders fill the
    one left and the rest are told of the held buses (see the ledger), not
    that the fleet has none or is all in use."""
    from datetime import timedelta

    from returnbus.campaign import HeldBus
    from returnbus.pipeline import plan_batch

    scenario = load_scenario(
        write_scenario(tmp_path, [worker(f"A{k:02d}", at=TONGZI) for k in range(40)])
    )
    batch = prepare(scenario)
    day = batch.departure
    held = [HeldBus(bus_type="C45", start=day, end=day + timedelta(hours=20))] * 3
    plan = plan_batch(batch, scenario.settings, vehicles=held)
    assert len(plan.routes) == 1 and plan.routes[0].riders == 22
    left = [u for u in plan.unassigned if u.stage == "route"]
    assert len(left) == 18
    assert all(
        u.reason.startswith("no bus left: other batches of the ledger hold 3 of") for u in left
    )
    alone = plan_batch(batch, scenario.settings, vehicles=held * 2)
    assert not alone.routes
    # None left: said as such, not "uses the rest (0)".
    for reason in (u.reason for u in alone.unassigned):
        assert "hold every bus of the fleet (4 in all) on these days;" in reason, reason
        assert "rest" not in reason and "to a later batch" not in reason  # the only batch
        said = say(reason, "zh")
        assert "占用了车队全部 4 辆车；" in said and "其余" not in said, said


def _rooms_numbered(scenario: Path, rooms: str, *, beds: int) -> None:
    """The scenario's one dormitory D1 (一号楼, at the hub, for either sex)
    with rooms numbered ``rooms`` ("101", "101-103") of ``beds`` beds each."""
    (scenario.parent / "dormitories.csv").write_text(
        "dorm_id,name,lat,lon,room_numbers,beds_per_room,sex\n"
        f"D1,一号楼,{HUB[0]},{HUB[1]},{rooms},{beds},any\n",
        encoding="utf-8",
    )


def _left_out(tmp_path: Path, batch: str, extra: str) -> dict[str, str]:
    """Riders left for want of a bed (one room for two bound for quarantine)
    and of a bus (one bus of 22 seats for 30 going to work) in ``batch``,
    each with the reason plan.json gives."""
    rows = [worker(f"Q{k}", at=TONGZI, origin_risk="高", batch=batch) for k in range(2)]
    rows += [worker(f"W{k:02}", at=TONGZI, batch=batch) for k in range(30)]
    fleet = 'id = "C45"\nseats = 45\ncount = 1\nfixed_cost = 3000\ncost_per_km = 6'
    path = write_scenario(tmp_path / "in", rows, fleet=fleet, dorm_rooms=1, extra=extra)
    out = tmp_path / "out"
    args = ["plan", str(path), "--out", str(out), "--ledger", str(tmp_path / "l.sqlite")]
    assert run([*args, "--batch", batch, "--workers", "1"]) == 0
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    return {u["worker_id"]: u["reason"] for u in plan["unassigned"]}


_TWO_BATCHES = """
[[batch]]
id = "1"
departure = "2020-03-17T05:00:00+08:00"

[[batch]]
id = "2"
departure = "2020-03-24T05:00:00+08:00"
"""


@pytest.mark.parametrize(
    ("batch", "extra", "later"),
    [("1", _TWO_BATCHES, True), ("2", _TWO_BATCHES, False), ("1", "", False)],
)
def test_only_a_batch_with_a_later_one_is_told_to_move_workers_to_a_later_batch(
    tmp_path: Path, batch: str, extra: str, later: bool
) -> None:
    """No bed and no bus left: the reason advises a later batch only when a
    batch of the campaign leaves later; the last batch (or a scenario whose
    batches have no dates) is told the other actions.  Before, every batch
    was told to move the workers to a later batch."""
    reasons = _left_out(tmp_path, batch, extra)
    no_bed = [r for r in reasons.values() if r.startswith("no quarantine room left")]
    no_bus = [r for r in reasons.values() if r.startswith("every bus of the fleet is in use")]
    assert no_bed and no_bus, reasons
    for reason in (*no_bed, *no_bus):
        assert ("later batch" in reason) == later, reason
        assert ("no batch of the campaign leaves later" in reason) != later, reason
    assert "add dormitory rooms" in no_bed[0] and "add buses to [[fleet]]" in no_bus[0]


@pytest.mark.parametrize(("held_from_day", "runs"), [(3, False), (5, True)])
def test_a_bus_out_beyond_the_late_days_counts_other_batches_buses_on_those_days(
    tmp_path: Path, held_from_day: int, runs: bool
) -> None:
    """The batch leaves in the evening and its crew rests two nights: its one
    coach is free again only on the third day after, beyond the days the
    fleet was counted over before (the departure's and the next two).  A
    later batch, planned first, holds that coach from the third day: this
    batch has none (before, it took the coach too, and the ledger showed two
    out of one that day).  Held only from the fifth day, the coach is back
    before and runs."""
    from datetime import timedelta

    from returnbus.campaign import HeldBus, bus_free_at
    from returnbus.pipeline import plan_batch

    fleet = 'id = "C45"\nseats = 45\ncount = 1\nfixed_cost = 3000\ncost_per_km = 6'
    path = write_scenario(
        tmp_path,
        [worker(f"A{k}", at=TONGZI) for k in range(5)],
        fleet=fleet,
        rules="overnight_rest_minutes = 2880",
        extra='[[batch]]\nid = "1"\ndeparture = "2020-03-17T20:00:00+08:00"',
    )
    scenario = load_scenario(path)
    batch = prepare(scenario)
    day = batch.departure.replace(hour=0, minute=0) + timedelta(days=held_from_day)
    held = [HeldBus(bus_type="C45", start=day + timedelta(hours=6), end=day + timedelta(days=1))]
    alone = plan_batch(batch, scenario.settings)
    assert len(alone.routes) == 1
    rules, travel = scenario.settings.rules, scenario.settings.travel
    free = bus_free_at(alone.routes[0], batch.depot.location, rules, travel)
    assert free.date() == (batch.departure + timedelta(days=3)).date()
    plan = plan_batch(batch, scenario.settings, vehicles=held)
    assert bool(plan.routes) == runs
    for route in plan.routes:
        assert bus_free_at(route, batch.depot.location, rules, travel) <= held[0].start
    if not runs:
        assert {u.worker_id for u in plan.unassigned} == {f"A{k}" for k in range(5)}
        assert all("hold every bus of the fleet (1 in all)" in u.reason for u in plan.unassigned)


def _held(batch: str, bus_id: str, first_day: int, last_day: int) -> HeldBus:
    """A C45 coach of ``batch`` out from 06:00 on March ``first_day`` to 20:00 on ``last_day``."""
    return HeldBus(
        bus_type="C45",
        start=datetime(2020, 3, first_day, 6, tzinfo=_CST),
        end=datetime(2020, 3, last_day, 20, tzinfo=_CST),
        batch=batch,
        bus_id=bus_id,
    )


_CST = timezone(timedelta(hours=8))
_C45 = BusType(id="C45", name="coach", seats=45, count=4, fixed_cost=3000, cost_per_km=6)


def test_buses_out_beyond_the_fleet_are_found_by_the_day_with_whose_they_are() -> None:
    """Batch 1 holds three coaches on the 17th and 18th, batch 2 two on the 18th
    and 19th, of a fleet of 4: five out on the 18th only, named; a later day
    outside batch 2's window is not counted against it; within the fleet, none."""
    held = [
        *(_held("1", f"1-{k}", 17, 18) for k in range(3)),
        *(_held("2", f"2-{k}", 18, 19) for k in range(2)),
        _held("3", "3-0", 25, 25),
    ]
    windows = held_windows(held, "2")
    assert windows == {"C45": (held[3].start, held[3].end)}
    (over,) = fleet_overdrawn([_C45], held, windows)
    assert (over.bus_type, over.first, over.last, over.fleet) == (
        "C45",
        date(2020, 3, 18),
        date(2020, 3, 18),
        4,
    )
    assert sorted((b.batch, b.bus_id) for b in over.buses) == [
        ("1", "1-0"),
        ("1", "1-1"),
        ("1", "1-2"),
        ("2", "2-0"),
        ("2", "2-1"),
    ]
    assert fleet_overdrawn([replace(_C45, count=5)], held, windows) == []
    # Consecutive days with the same buses out are one run.
    (run_,) = fleet_overdrawn([replace(_C45, count=2)], held[:3], held_windows(held, "1"))
    assert (run_.first, run_.last, len(run_.buses)) == (date(2020, 3, 17), date(2020, 3, 18), 3)


@pytest.mark.parametrize("seed", range(20))
def test_what_fleet_free_leaves_a_batch_verify_finds_within_the_fleet(seed: int) -> None:
    """The planner's count and verify's agree: a batch using every bus
    `fleet_free` leaves it, over its whole window, overdraws nothing; one bus
    more overdraws the busiest day."""
    rng = random.Random(seed)
    others = []
    for k in range(rng.randint(0, 8)):
        first = rng.randint(10, 20)
        others.append(_held(f"o{k % 3}", f"o{k}", first, first + rng.randint(0, 3)))
    fleet = [replace(_C45, count=max(1, rng.randint(0, 4) + _busiest(others)))]
    first = rng.randint(12, 18)
    window = (
        datetime(2020, 3, first, 5, tzinfo=_CST),
        datetime(2020, 3, first + 2, 9, tzinfo=_CST),
    )
    (free,) = fleet_free(fleet, others, {"C45": window})
    mine = [
        HeldBus(bus_type="C45", start=window[0], end=window[1], batch="me", bus_id=f"m{k}")
        for k in range(free.count + 1)
    ]
    windows = held_windows(mine, "me")
    assert fleet_overdrawn(fleet, [*others, *mine[:-1]], windows) == []
    assert fleet_overdrawn(fleet, [*others, *mine], windows) != []


def _busiest(held: list[HeldBus]) -> int:
    """The most of ``held`` out on one day."""
    days = Counter(
        bus.start.date() + timedelta(days=k)
        for bus in held
        for k in range((bus.end.date() - bus.start.date()).days + 1)
    )
    return max(days.values(), default=0)


@pytest.mark.parametrize("count", [1, 2])
def test_verify_fails_when_the_ledger_holds_more_buses_than_the_fleet(
    tmp_path: Path, count: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """A batch planned with one coach; another batch recorded (through the
    ledger) with a coach out on the same days.  With one coach in the fleet
    `verify` fails naming the type, the days and both batches' buses, in
    either language; with two it passes."""
    fleet = f'id = "C45"\nseats = 45\ncount = {count}\nfixed_cost = 3000\ncost_per_km = 6'
    path = write_scenario(
        tmp_path / "in", [worker(f"A{k}", at=TONGZI) for k in range(5)], fleet=fleet
    )
    out, ledger = tmp_path / "out", tmp_path / "l.sqlite"
    assert (
        run(["plan", str(path), "--out", str(out), "--ledger", str(ledger), "--workers", "1"]) == 0
    )
    plan = load_plan(out)
    assert len(plan.routes) == 1
    other = replace(
        plan,
        batch=replace(plan.batch, id="2"),
        beds=(),
        routes=(replace(plan.routes[0], bus_id="B2-01"),),
    )
    assert run(["verify", str(out)]) == 0
    with open_ledger(ledger, create=False) as book:
        book.record(other, planned_at=datetime(2020, 3, 16, tzinfo=UTC))
        held = book.buses_held()
    assert len(held) == 2
    capsys.readouterr()
    if count == 2:
        assert run(["verify", str(out), "--lang", "en"]) == 0
        assert "buses of type" not in capsys.readouterr().out
        return
    assert run(["verify", str(out), "--lang", "en"]) == 1
    said = " ".join(capsys.readouterr().out.split())
    first, last = held[0].start.date().isoformat(), held[0].end.date().isoformat()
    days = f"on {first}" if first == last else f"every day from {first} to {last}"
    assert f"holds 2 buses of type C45 {days}, and this plan's fleet has 1" in said, said
    mine = plan.routes[0].bus_id
    assert f"batch 2: 1 (B2-01); batch {plan.batch.id}: 1 ({mine})" in said, said
    assert run(["verify", str(out), "--lang", "zh"]) == 1
    said = "".join(capsys.readouterr().out.split())  # Chinese lines break between characters
    assert "有2辆C45车型的车辆在用，而本排车方案的车队只有1辆" in said, said
    assert "批次2：1辆（B2-01）" in said, said


@pytest.mark.parametrize("seed", range(20))
def test_the_ledgers_days_over_the_fleet_are_those_verify_finds_of_some_batch(seed: int) -> None:
    """`fleet_by_day` (what `ledger show` prints) counts each day's buses as
    they are held, and marks a day over the fleet exactly when `verify` of
    some batch out that day (its own fleet, its own window) reports it."""
    rng = random.Random(seed)
    held = []
    for k in range(rng.randint(1, 12)):
        first = rng.randint(10, 20)
        held.append(_held(f"b{k % 3}", f"h{k}", first, first + rng.randint(0, 3)))
    fleets = {f"b{j}": [replace(_C45, count=rng.randint(0, 4))] for j in range(3)}
    days = fleet_by_day(held, fleets)
    # Each day's buses, counted from the buses themselves.
    expected = Counter(
        (bus.batch, bus.start.date() + timedelta(days=k))
        for bus in held
        for k in range((bus.end.date() - bus.start.date()).days + 1)
    )
    assert Counter((b.batch, d.day) for d in days for b in d.buses) == expected
    verified = {
        (o.bus_type, o.first + timedelta(days=n))
        for batch in sorted({b.batch for b in held})
        for o in fleet_overdrawn(fleets[batch], held, held_windows(held, batch))
        for n in range((o.last - o.first).days + 1)
    }
    assert {(d.bus_type, d.day) for d in days if d.overdrawn} == verified
    runs = days_overdrawn(days)
    assert {
        (o.bus_type, o.first + timedelta(days=n))
        for o in runs
        for n in range((o.last - o.first).days + 1)
    } == verified
    assert all(d.fleet is None and not d.overdrawn for d in fleet_by_day(held))


#: 第一批 with a fleet of its own: one coach (the scenario's has five).
_OWN_FLEET = BATCHES.replace(
    'departure = "2020-03-17T05:00:00+08:00"\n',
    'departure = "2020-03-17T05:00:00+08:00"\n[[batch.fleet]]\nid = "C45"\nseats = 45\n'
    "count = 1\nfixed_cost = 3000\ncost_per_km = 6\n",
)


def test_ledger_show_counts_each_days_buses_by_batch_against_the_fleet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two batches planned into one ledger (第一批 with its own fleet of one
    coach), then a batch recorded with copies of 第一批's buses:
    `ledger show --scenario` counts each day's buses by batch as the plans'
    buses say (out from leaving until free again), against each day's fleet
    (第一批's on its days), and marks the days over it, in either language,
    saying what to do; without --scenario, the counts and no fleet."""
    path, ledger, plans = _campaign_over_its_fleet(tmp_path)
    expected = _out_each_day(plans)
    first_days = {day for (_, day), by in expected.items() if "第一批" in by}
    over = {key for key, by in expected.items() if key[1] in first_days and by.total() > 1}
    assert over and len(expected) > len(over)  # 第二批's days are within the scenario's five
    capsys.readouterr()
    assert run(["ledger", "show", str(ledger), "--scenario", str(path), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["fleet"]
    assert {(d["bus_type"], d["day"]): d["by_batch"] for d in shown} == expected
    for d in shown:
        assert d["buses"] == sum(d["by_batch"].values())
        assert d["fleet"] == (1 if d["day"] in first_days else 5)
    assert {(d["bus_type"], d["day"]) for d in shown if d["overdrawn"]} == over
    for lang, mark, told in (
        ("zh", "2/1 超出", "有 2 辆 C45 车型的车辆在用，而车队只有 1 辆：批次 加开：1 辆（X0）"),
        ("en", "2/1 over", "2 buses of type C45 are out"),
    ):
        assert run(["ledger", "show", str(ledger), "--scenario", str(path), "--lang", lang]) == 0
        said = capsys.readouterr().out
        assert mark in said, said
        # Chinese lines break between characters: read without the breaks and spaces.
        said, told = ("".join(s.split()) for s in (said, told))
        assert told in said and ("处理办法" if lang == "zh" else "whattodo") in said, said
    assert run(["ledger", "show", str(ledger), "--json"]) == 0
    unknown = json.loads(capsys.readouterr().out)["fleet"]
    assert [(d["day"], d["buses"], d["fleet"]) for d in unknown] == [
        (d["day"], d["buses"], None) for d in shown
    ]
    # Another campaign's fleet says nothing of this one's: refused.
    other = path.with_name("other.toml")
    text = path.read_text(encoding="utf-8")
    other.write_text(text.replace('name = "test"', 'name = "别的"', 1), encoding="utf-8")
    assert run(["ledger", "show", str(ledger), "--scenario", str(other)]) == 2
    assert "别的" in capsys.readouterr().err


def test_ledger_show_with_a_scenario_leaves_an_unstamped_ledger_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older ledger records no campaign.  `ledger show --scenario` wrote
    the scenario's into it, as `plan` does: a command that only reads
    changed the file.  Now the ledger's bytes are as they were, it shows
    what it showed, and only a plan stamps the campaign."""
    path = write_scenario(tmp_path / "in", [worker(f"A{k}", at=TONGZI) for k in range(3)])
    ledger = tmp_path / "l.sqlite"
    args = ["plan", str(path), "--out", str(tmp_path / "out"), "--ledger", str(ledger)]
    assert run(args) == 0
    with closing(sqlite3.connect(ledger)) as connection, connection:
        connection.execute("DELETE FROM meta WHERE key LIKE 'campaign%'")
    before = ledger.read_bytes()
    capsys.readouterr()
    assert run(["ledger", "show", str(ledger), "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert run(["ledger", "show", str(ledger), "--scenario", str(path), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert ledger.read_bytes() == before
    assert shown["batches"] == plain["batches"] and shown["fleet"]
    assert all(d["fleet"] == 4 for d in shown["fleet"])
    with closing(sqlite3.connect(ledger)) as connection:
        keys = {k for (k,) in connection.execute("SELECT key FROM meta")}
    assert not {k for k in keys if k.startswith("campaign")}


def test_a_bed_released_in_a_shared_room_is_said_free_only_when_the_room_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two workers of 第一批 share a room of two beds, the dormitory's only
    one.  `ledger release` of one bed said it was free from that morning
    (after its cleaning days), but a room holds one batch at a time: 第二批,
    arriving days later, was given no bed there while the other stayed.
    The release now says the other stays in the room, and until when; the
    later batch still gets no bed.  Once the other bed is released too, the
    release says the bed is free, and 第二批 is given the room."""
    extra = BATCHES.replace("2020-03-21T06:00:00+08:00", "2020-03-25T06:00:00+08:00")
    rows = [
        worker("Q0", at=ZUNYI, health_code="黄", batch="第一批"),
        worker("Q1", at=ZUNYI, health_code="黄", batch="第一批"),
        worker("Q2", at=ZUNYI, health_code="黄", batch="2"),
    ]
    path = write_scenario(tmp_path / "in", rows, extra=extra)
    _rooms_numbered(path, "101", beds=2)
    ledger = tmp_path / "l.sqlite"

    def plan(batch: str) -> Plan:
        out = tmp_path / batch
        args = ["plan", str(path), "--batch", batch, "--out", str(out), "--ledger", str(ledger)]
        assert run([*args, "--workers", "1"]) == 0
        return load_plan(out)

    def release(who: str, on: date) -> str:
        capsys.readouterr()
        args = ["ledger", "release", str(ledger), "--worker", who, "--date", on.isoformat()]
        assert run([*args, "--lang", "en"]) == 0
        return " ".join(capsys.readouterr().out.split())

    beds = {b.worker_id: b for b in plan("第一批").beds}
    assert {(b.room, b.start) for b in beds.values()} == {("101", date(2020, 3, 17))}
    on = date(2020, 3, 19)
    said = release("Q0", on)
    assert f"released from {on}, but 1 other worker of batch 第一批" in said, said
    assert f"will be in the room until {beds['Q1'].end}" in said and "is free" not in said
    # The batch's folder the ledger records, in the command to re-plan it.
    command = f"returnbus replan {tmp_path / '第一批'} --out NEW_FOLDER"
    assert command in said, said
    assert not plan("第二批").beds
    said = release("Q1", on + timedelta(days=1))
    assert f"is free from {on + timedelta(days=1)}: nobody else of batch 第一批" in said, said
    assert command in said, said
    assert [(b.worker_id, b.room) for b in plan("第二批").beds] == [("Q2", "101")]


def _campaign_over_its_fleet(tmp_path: Path) -> tuple[Path, Path, list[Plan]]:
    """The scenario, its ledger and the plans it records: 第一批 and 第二批
    planned, and 加开 recorded with copies of 第一批's buses (one coach),
    over 第一批's own fleet of one."""
    fleet = 'id = "C45"\nseats = 45\ncount = 5\nfixed_cost = 3000\ncost_per_km = 6'
    rows = [worker(f"A{k}", at=TONGZI, batch="第一批" if k % 2 else "2") for k in range(6)]
    path = write_scenario(tmp_path / "in", rows, fleet=fleet, extra=_OWN_FLEET)
    ledger = tmp_path / "l.sqlite"
    plans = []
    for batch in ("第一批", "第二批"):
        out = tmp_path / batch
        args = ["plan", str(path), "--batch", batch, "--out", str(out), "--ledger", str(ledger)]
        assert run(args) == 0
        plans.append(load_plan(out))
    first = plans[0]
    assert len(first.routes) == 1
    copies = tuple(replace(r, bus_id=f"X{k}") for k, r in enumerate(first.routes))
    plans.append(replace(first, batch=replace(first.batch, id="加开"), beds=(), routes=copies))
    with open_ledger(ledger, create=False) as book:
        book.record(plans[-1], planned_at=datetime(2020, 3, 16, tzinfo=UTC))
    return path, ledger, plans


def _out_each_day(plans: list[Plan]) -> dict[tuple[str, str], Counter[str]]:
    """Each bus type's buses out on each day, by batch, from the plans: a bus
    is out every day from its departure to the day it is free again."""
    out: dict[tuple[str, str], Counter[str]] = {}
    for plan in plans:
        settings = plan.settings
        for r in plan.routes:
            free = bus_free_at(r, plan.batch.depot.location, settings.rules, settings.travel)
            for n in range((free.date() - r.depart.date()).days + 1):
                day = (r.depart.date() + timedelta(days=n)).isoformat()
                out.setdefault((r.bus_type, day), Counter())[plan.batch.id] += 1
    return out


def _housed_batch(tmp_path: Path, *, cleaning: int) -> tuple[Path, Path, Plan]:
    """A batch of three planned and recorded through the command line, each
    rider in a quarantine room; its folder, its ledger and its plan."""
    rows = [worker(f"Q{k}", at=ZUNYI, health_code="黄") for k in range(3)]
    path = write_scenario(
        tmp_path / "in", rows, dorm_rooms=3, extra=f"[quarantine]\ncleaning_days = {cleaning}\n"
    )
    out, ledger = tmp_path / "out", tmp_path / "l.sqlite"
    assert (
        run(["plan", str(path), "--out", str(out), "--ledger", str(ledger), "--workers", "1"]) == 0
    )
    plan = load_plan(out)
    assert {b.worker_id for b in plan.beds} == {"Q0", "Q1", "Q2"}
    return out, ledger, plan


def _in_a_room_of(plan: Plan, first_night: date) -> Plan:
    """Another batch ("2"): three workers in the room of ``plan``'s first bed
    from ``first_night``, as a plan made with no cleaning days could give it."""
    stay = timedelta(days=plan.settings.quarantine.days)
    beds = tuple(
        replace(
            plan.beds[0],
            worker_id=f"H{k}",
            bed=k + 1,
            batch="2",
            start=first_night,
            end=first_night + stay,
        )
        for k in range(3)
    )
    quarantine = replace(plan.settings.quarantine, cleaning_days=0)
    return replace(
        plan,
        batch=replace(plan.batch, id="2"),
        beds=beds,
        routes=(),
        settings=replace(plan.settings, quarantine=quarantine),
    )


@pytest.mark.parametrize("cleaning", [0, 1])
def test_verify_fails_when_another_batch_moves_into_a_room_before_its_cleaning(
    tmp_path: Path, cleaning: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """Batch 2 is recorded in a room of batch 1 from the morning batch 1
    leaves it.  With a cleaning day `verify` of batch 1 fails, naming the
    room, both batches, their workers and nights and the cleaning days, in
    either language; with none it passes."""
    out, ledger, plan = _housed_batch(tmp_path, cleaning=cleaning)
    bed = plan.beds[0]
    with open_ledger(ledger, create=False) as book:
        book.record(_in_a_room_of(plan, bed.end), planned_at=datetime(2020, 3, 16, tzinfo=UTC))
    capsys.readouterr()
    if cleaning == 0:
        assert run(["verify", str(out), "--lang", "en"]) == 0, capsys.readouterr().out
        return
    assert run(["verify", str(out), "--lang", "en"]) == 1
    said = " ".join(capsys.readouterr().out.split())
    back = bed.end + timedelta(days=plan.settings.quarantine.days)
    assert (
        f"room {bed.room} of dormitory {bed.dorm_id} holds batch {plan.batch.id} (workers "
        f"{bed.worker_id}) from the night of {bed.start} to the morning of {bed.end} and "
        f"batch 2 (workers H0, H1, H2) from the night of {bed.end} to the morning of {back}" in said
    ), said
    assert "(quarantine.cleaning_days = 1)" in said and "so that it takes other rooms" in said
    assert said.count(" holds batch ") == 1, said
    assert run(["verify", str(out), "--lang", "zh"]) == 1
    said = "".join(capsys.readouterr().out.split())  # Chinese lines break between characters
    assert f"宿舍{bed.dorm_id}的{bed.room}房间既住批次{plan.batch.id}" in said, said
    assert f"批次2（员工H0、H1、H2，{bed.end}晚入住，{back}上午离开）" in said, said
    assert "cleaning_days=1天" in said and "改用其他房间" in said, said


def test_verify_counts_the_cleaning_from_early_releases_as_the_ledger_holds_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Batch 2 is recorded in a room of batch 1 up to the morning batch 1
    moves in, with a cleaning day: `verify` of batch 1 fails.  With two of
    batch 2's three beds there released a day early (`ledger release`) the
    room is still taken; with all three it is cleaned in time and verify
    passes."""
    out, ledger, plan = _housed_batch(tmp_path, cleaning=1)
    bed = plan.beds[0]
    stay = timedelta(days=plan.settings.quarantine.days)
    earlier = _in_a_room_of(plan, bed.start - stay)
    with open_ledger(ledger, create=False) as book:
        book.record(earlier, planned_at=datetime(2020, 3, 16, tzinfo=UTC))
    day_before = bed.start - timedelta(days=1)
    for released in (["H0", "H1"], ["H2"]):
        capsys.readouterr()
        assert run(["verify", str(out), "--lang", "en"]) == 1
        said = " ".join(capsys.readouterr().out.split())
        assert f"room {bed.room} of dormitory {bed.dorm_id} holds batch" in said, said
        with open_ledger(ledger, create=False) as book:
            for worker_id in released:
                book.release(worker_id, day_before)
    assert run(["verify", str(out), "--lang", "en"]) == 0, capsys.readouterr().out


def test_a_bed_released_early_is_kept_through_a_second_re_plan_after_another_batch_took_it(
    tmp_path: Path,
) -> None:
    """A self-returner of 第一批 bound for quarantine, the one bed's only
    occupant, has it released early; 第二批 is then given the room.  A first
    re-plan of 第一批 kept the bed (ending on the release); a second, from
    that re-plan, took the bed's release for a change of its nights, found
    the room 第二批's and left the worker with no bed: the re-plan broke the
    rule it checks, exit 2.  The bed stays, released as before."""
    extra = BATCHES.replace("2020-03-21T06:00:00+08:00", "2020-03-25T06:00:00+08:00")
    rows = [
        worker("Q0", at=ZUNYI, health_code="黄", travel_mode="自行", batch="第一批"),
        worker("Q2", at=ZUNYI, health_code="黄", travel_mode="自行", batch="2"),
    ]
    path = write_scenario(tmp_path / "in", rows, extra=extra)
    _rooms_numbered(path, "101", beds=1)
    ledger = tmp_path / "l.sqlite"
    first = tmp_path / "第一批"
    for batch, out in (("第一批", first), ("第二批", tmp_path / "第二批")):
        args = ["plan", str(path), "--batch", batch, "--out", str(out), "--ledger", str(ledger)]
        assert run([*args, "--workers", "1"]) == 0
        if batch == "第一批":
            on = date(2020, 3, 19)
            args = ["ledger", "release", str(ledger), "--worker", "Q0", "--date", str(on)]
            assert run(args) == 0
    assert [(b.worker_id, b.start) for b in load_plan(tmp_path / "第二批").beds] == [
        ("Q2", date(2020, 3, 25))
    ]
    previous = first
    for again in ("re1", "re2"):
        out = tmp_path / again
        assert run(["replan", str(previous), "--out", str(out), "--workers", "1"]) == 0, again
        beds = load_plan(out).beds
        assert [(b.worker_id, b.room, b.end, b.released_on) for b in beds] == [
            ("Q0", "101", on, on)
        ], again
        assert run(["verify", str(out)]) == 0
        previous = out


def test_a_re_plan_after_a_release_lists_the_bed_whose_stay_ends_sooner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bed released early (`ledger release`) ends sooner in the re-plan, in
    the same room and bed, and no bus moves: the changes the re-plan printed
    (and `diff` of the two folders) said that no worker's bed changed.  The
    worker is listed now, with the last night before and after."""
    rows = [worker("Q0", at=ZUNYI, health_code="黄", travel_mode="自行", batch="第一批")]
    path = write_scenario(tmp_path / "in", rows, extra=BATCHES)
    _rooms_numbered(path, "101", beds=1)
    ledger = tmp_path / "l.sqlite"
    first, again = tmp_path / "第一批", tmp_path / "re"
    args = ["plan", str(path), "--batch", "第一批", "--out", str(first), "--ledger", str(ledger)]
    assert run([*args, "--workers", "1"]) == 0
    [bed] = load_plan(first).beds
    on = bed.start + timedelta(days=2)
    assert run(["ledger", "release", str(ledger), "--worker", "Q0", "--date", str(on)]) == 0
    capsys.readouterr()
    assert run(["replan", str(first), "--out", str(again), "--workers", "1"]) == 0
    [kept] = load_plan(again).beds
    assert (kept.room, kept.bed, kept.end) == (bed.room, bed.bed, on)
    was, now = (str(day - timedelta(days=1)) for day in (bed.end, on))
    replanned = capsys.readouterr().out
    assert run(["diff", str(first), str(again)]) == 0
    for said in (replanned, capsys.readouterr().out):
        assert "1 名员工的隔离床位有变动" in said and "没有员工的隔离床位有变动" not in said, said
        assert "Q0" in said and was in said and now in said, said


def test_planning_a_batch_into_another_folder_warns_that_it_replaces_the_recorded_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A batch planned again into another folder (a command copied from the
    batch before, its --batch left unchanged) is warned of: the ledger now
    records it, and the first folder's beds and buses are no longer held.
    Planned again into its own folder, nothing is said."""
    path = three_rows(tmp_path / "in")
    ledger = tmp_path / "ledger.sqlite"
    first, second = tmp_path / "out1", tmp_path / "out2"

    def plan(out: Path, *lang: str) -> str:
        command = ["plan", str(path), "--batch", "第一批", "--out", str(out)]
        assert run([*command, "--ledger", str(ledger), *lang]) == 0
        said = capsys.readouterr()
        return "".join((said.out + said.err).split())  # Chinese lines break anywhere

    assert "取代" not in plan(first)
    said = plan(second)
    assert f"批次第一批已规划在{first}" in said, said
    assert "被取代" in said and "--batch" in said
    assert "+00:00" not in said  # planned at, to the minute, in the desk's time zone
    assert "取代" not in plan(second)
    assert "取代" not in plan(tmp_path / "in" / ".." / "out2")  # the same folder, spelt otherwise
    said = plan(first, "--lang", "en")
    assert "batch第一批wasplannedin" in said and "out2(at" in said, said
    assert "superseded" in said


def test_planning_into_a_superseded_folder_says_which_folder_the_ledger_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder whose plan the ledger recorded, then superseded by one written
    elsewhere, planned into again: it was said to hold a plan the ledger does
    not record, as if never recorded; it now says the ledger records the one
    in the other folder, and that this run replaces the earlier one."""
    path = three_rows(tmp_path / "in")
    ledger = tmp_path / "ledger.sqlite"
    first, second = tmp_path / "out1", tmp_path / "out2"
    # English papers the second time: the same plan.json twice is one plan (its id).
    for out, lang in ((first, "zh"), (second, "en"), (first, "en")):
        capsys.readouterr()
        command = ["plan", str(path), "--batch", "第一批", "--out", str(out), "--lang", lang]
        assert run([*command, "--ledger", str(ledger)]) == 0
    captured = capsys.readouterr()
    said = " ".join((captured.out + captured.err).split())
    assert "that the ledger does not record" not in said, said
    assert f"{first} holds an earlier plan of batch 第一批: the ledger records the one" in said
    assert f"in {second} (planned at" in said, said


def test_verifying_a_superseded_folder_says_whose_papers_to_hand_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A batch planned again into another folder leaves the first one's rules
    all holding, so verify passes it: its note says that neither its beds nor
    its buses are held and that the papers to hand out are the recorded
    folder's, lest the desk give out the superseded ones."""
    path = three_rows(tmp_path / "in")
    ledger = tmp_path / "ledger.sqlite"
    first, second = tmp_path / "out1", tmp_path / "out2"
    # English papers the second time: the same plan.json twice is one plan (its id).
    for out, lang in ((first, "zh"), (second, "en")):
        command = ["plan", str(path), "--batch", "第一批", "--out", str(out), "--lang", lang]
        assert run([*command, "--ledger", str(ledger)]) == 0
    capsys.readouterr()
    assert run(["verify", str(first)]) == 0
    said = "".join(capsys.readouterr().out.split())  # Chinese lines break anywhere
    assert f"位于{second}" in said and "其床位和车辆不再保留" in said, said
    assert "请改发台账所记文件夹中的单据和名单" in said, said
    assert "所有规则均满足，但本文件夹的排车方案已被取代：请勿分发其中的单据" in said, said
    assert run(["verify", str(first), "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "its beds and buses are not held" in said, said
    assert said.endswith(
        "ok: every rule holds, but this folder is superseded: do not hand out its papers"
    ), said
    assert "hand out the papers and lists of the folder the ledger records" in said, said
    assert run(["verify", str(second)]) == 0
    said = capsys.readouterr().out
    assert "取代" not in said and said.endswith("ok: every rule holds\n"), (
        said
    )  # its papers in English


def test_ledger_release_reads_a_date_written_year_first_with_any_separator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A desk types 2020-3-19, 2020/3/19 or 2020.3.19 as often as 2020-03-19:
    `ledger release --date` refused all but the last as no date.  Each is
    read now; a day and month in either order first, or a date with more
    after it, is still refused with the same message, and nothing released."""
    rows = [worker(f"Q{k}", at=ZUNYI, health_code="黄", batch="第一批") for k in range(3)]
    path = write_scenario(tmp_path / "in", rows, extra=BATCHES)
    _rooms_numbered(path, "101-103", beds=1)
    ledger = tmp_path / "l.sqlite"
    out = tmp_path / "out"
    args = ["plan", str(path), "--batch", "第一批", "--out", str(out), "--ledger", str(ledger)]
    assert run([*args, "--workers", "1"]) == 0
    assert len(load_plan(out).beds) == 3

    def release(who: str, typed: str, *lang: str) -> tuple[int, str]:
        capsys.readouterr()
        args = ["ledger", "release", str(ledger), "--worker", who, "--date", typed, *lang]
        code = run(args)
        said = capsys.readouterr()
        return code, " ".join((said.out + said.err).split())

    for typed in ("19/3/2020", "3.19.2020", "2020-3-19 06", "2020/3"):
        code, said = release("Q0", typed, "--lang", "en")
        assert code == 2 and f"--date '{typed}' is not a date" in said, said
        assert "write it like 2020-03-25" in said, said
    # Of the right form, but no day: said so, not "not a date".
    code, said = release("Q0", "2020-13-1", "--lang", "en")
    assert code == 2 and "2020-13-01 does not exist: there is no month 13" in said, said
    code, said = release("Q0", "19.3.2020")
    assert code == 2 and "--date“19.3.2020”不是日期" in "".join(said.split()), said
    assert all(b.released_on is None for b in load_plan(out).beds)
    for who, typed in (("Q0", "2020-3-19"), ("Q1", "2020/3/19"), ("Q2", "2020.3.19")):
        code, said = release(who, typed, "--lang", "en")
        assert code == 0 and "from 2020-03-19" in said, said


def test_a_folder_not_holding_the_recorded_plan_says_when_it_was_planned_as_the_desk_reads_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A batch's folder that holds another plan than the ledger records is
    warned of with when the recorded one was planned: that was the ledger's
    UTC timestamp (2026-12-07T14:28:25+00:00); it is the desk's time to the
    minute now, as the warning of a plan over another folder says it."""
    ledger = tmp_path / "ledger.sqlite"
    out = tmp_path / "out"
    command = ["plan", str(three_rows(tmp_path / "in")), "--batch", "第一批", "--out", str(out)]
    assert run([*command, "--ledger", str(ledger)]) == 0
    # Another plan than the one recorded: a value changed (a byte alone, the
    # same content saved again, is the same plan).
    document = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    document["summary"]["total_cost"] += 1
    (out / "plan.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with open_ledger(ledger, read_only=True) as book:
        record = book.current("第一批")
    assert record is not None
    for lang, words in (("zh", "规划于"), ("en", "planned at")):
        capsys.readouterr()
        # Planning another batch settles the ledger first, and warns of the folder.
        again = [*command[:3], "第二批", "--out", str(tmp_path / lang), "--lang", lang]
        assert run([*again, "--ledger", str(ledger)]) == 0
        said = capsys.readouterr()
        whole = "".join((said.out + said.err).split())  # Chinese lines break anywhere
        assert "".join(f"{words} {record.planned_here}".split()) in whole, whole
        assert record.planned_at not in whole


def test_a_re_plan_told_to_record_in_another_ledger_names_both_and_never_starts_a_new_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`replan --ledger` naming another ledger than the earlier plan's: one
    that does not exist would be a new ledger, knowing none of the beds and
    buses the campaign's holds for other batches (it was made in silence);
    it is refused naming both ledgers, those batches and what to do, and
    made only with --force.  Where no other batch would be lost, or the
    ledger named exists, it is used, with a warning naming both, what the
    other keeps and how to go back; a plan it records as superseded is
    refused naming it, not the other."""
    path = three_rows(tmp_path / "in")
    campaign, copy, new = (tmp_path / n for n in ("campaign.sqlite", "copy.sqlite", "new.sqlite"))
    first = tmp_path / "first"

    def plan(batch: str, out: Path) -> None:
        args = ["plan", str(path), "--batch", batch, "--out", str(out), "--ledger", str(campaign)]
        assert run(args) == 0

    def replan(out: str, ledger: Path, *more: str) -> tuple[int, str]:
        capsys.readouterr()
        args = ["replan", str(first), "--out", str(tmp_path / out), "--ledger", str(ledger)]
        code = run([*args, *more])
        said = capsys.readouterr()
        return code, "".join((said.out + said.err).split())  # Chinese lines break anywhere

    plan("第一批", first)
    # The campaign's ledger holds this batch alone: nothing of another batch is lost.
    code, said = replan("alone", tmp_path / "alone.sqlite", "--lang", "en")
    assert code == 0 and f"recordedintheledger{campaign};" in said, said
    plan("第二批", tmp_path / "second")
    for lang, words in (("zh", "不存在，而上次的排车方案记在台账"), ("en", "whichdoesnotexist")):
        code, said = replan("again", new, "--lang", lang)
        assert code == 2 and words in said and "第二批" in said, said
        assert f"{new}" in said and f"{campaign}" in said and "--force" in said, said
    assert not new.exists() and not (tmp_path / "again").exists()

    copy.write_bytes(campaign.read_bytes())  # the campaign's ledger, copied elsewhere
    code, said = replan("again", copy, "--lang", "en")
    ledgers = f"recordedintheledger{campaign};thisre-planisrecordedintheledger{copy}"
    assert code == 0 and ledgers in said, said
    assert f"re-planfrom{first.absolute()}againwithout--ledger" in said, said
    with open_ledger(copy, read_only=True) as book:
        assert (record := book.current("第一批")) is not None
        assert record.out_dir == str((tmp_path / "again").absolute())
    with open_ledger(campaign, read_only=True) as book:
        assert (record := book.current("第一批")) is not None
        assert record.out_dir == str(first.absolute())
    # The copy records the re-plan: re-planning the earlier folder into it would undo it.
    code, said = replan("third", copy, "--lang", "en")
    assert code == 2 and f"theledger{copy}recordsanotherplan" in said, said
    assert f"{campaign}" not in said, said
    code, said = replan("fourth", new, "--force")
    assert code == 0 and new.is_file() and "（--force）" in said, said


def test_ledger_show_tells_copies_of_a_scenario_apart_by_its_name_depot_and_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two copies of one scenario folder, each planned with the ledger beside
    it, showed the same batches: nothing said whose campaign a ledger was,
    nor which folder's scenario planned each batch.  `ledger show` now says
    the scenario's own name and depot, and each batch's scenario folder
    (the file is scenario.toml in both); --json gives `campaign` and each
    batch's `scenario_file`.  A row for another plan than the batch's (one
    an older returnbus recorded since, which keeps no scenario file) is
    not said to be the batch's."""
    first = three_rows(tmp_path / "first copy")
    second = tmp_path / "second copy" / "scenario.toml"
    shutil.copytree(first.parent, second.parent)
    for path, out in ((first, "out1"), (second, "out2")):
        assert run(["plan", str(path), "--batch", "第一批", "--out", str(tmp_path / out)]) == 0
    # A batch of the first campaign planned from the copy, into the first's ledger.
    ledger = first.parent / "ledger.sqlite"
    args = ["plan", str(second), "--batch", "第二批", "--out", str(tmp_path / "out3")]
    assert run([*args, "--ledger", str(ledger)]) == 0

    def shown(ledger: Path, *more: str) -> str:
        capsys.readouterr()
        assert run(["ledger", "show", str(ledger), *more]) == 0
        return capsys.readouterr().out

    def joined(said: str) -> str:
        return "".join(said.split())  # Chinese lines break anywhere

    said = joined(shown(ledger))
    assert "本台账属于方案文件“test”，车场" in said, said
    assert joined(f"文件夹{tmp_path / 'out1'}，所用方案文件在{first.parent}") in said, said
    assert joined(f"文件夹{tmp_path / 'out3'}，所用方案文件在{second.parent}") in said, said
    said = " ".join(shown(second.parent / "ledger.sqlite", "--lang", "en").split())
    assert "This ledger belongs to the scenario 'test', depot" in said, said
    assert f"planned from the scenario folder {second.parent}" in said, said
    assert str(first.parent) not in said, said
    document = json.loads(shown(ledger, "--json"))
    assert document["campaign"]["name"] == "test" and document["campaign"]["depot"], document
    files = {b["batch_id"]: b["scenario_file"] for b in document["batches"]}
    assert files == {"第一批": str(first.resolve()), "第二批": str(second.resolve())}
    # An older returnbus plans batch 第二批 again: it records no scenario file.
    with closing(sqlite3.connect(ledger)) as db, db:
        db.execute("UPDATE batches SET plan_id = 'older' WHERE batch_id = '第二批'")
    files = {
        b["batch_id"]: b["scenario_file"] for b in json.loads(shown(ledger, "--json"))["batches"]
    }
    assert files == {"第一批": str(first.resolve()), "第二批": ""}
    assert joined(str(second.parent)) not in joined(shown(ledger))


def test_a_batch_planned_into_another_batchs_folder_is_refused_and_that_folder_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`plan --batch 第二批 --out` the first batch's folder (a command copied,
    its --out left as it was) replaced the first batch's papers and lists
    in silence, while the ledger went on holding its beds and buses, both
    batches recorded in one folder.  Refused now (exit 2, nothing planned),
    naming the ledger, both batches and what to do; a re-plan into it too."""
    path = three_rows(tmp_path / "in")
    ledger = tmp_path / "ledger.sqlite"
    first, second = tmp_path / "first", tmp_path / "second"

    def plan(batch: str, out: Path, *lang: str) -> tuple[int, str]:
        capsys.readouterr()
        args = ["plan", str(path), "--batch", batch, "--out", str(out), "--ledger", str(ledger)]
        code = run([*args, *lang])
        said = capsys.readouterr()
        return code, "".join((said.out + said.err).split())  # Chinese lines break anywhere

    assert plan("第一批", first)[0] == 0
    held = (first / "plan.json").read_bytes()
    code, said = plan("第二批", first)
    assert code == 2 and f"台账{ledger}记录批次第一批的排车方案" in said, said
    assert "把批次第二批规划到这里" in said and "--batch第一批" in said, said
    code, said = plan("第二批", first, "--lang", "en")
    assert code == 2 and "recordsbatch第一批'splan" in said and "planningbatch第二批" in said
    assert (first / "plan.json").read_bytes() == held
    with open_ledger(ledger, read_only=True) as book:
        assert [b.batch_id for b in book.batches()] == ["第一批"]
    assert plan("第二批", second)[0] == 0
    capsys.readouterr()
    assert run(["replan", str(second), "--out", str(first), "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "give the re-plan of batch 第二批 a folder of its own (--out)" in said, said
    assert (first / "plan.json").read_bytes() == held
    assert plan("第一批", first)[0] == 0  # its own batch: planned again there


@pytest.mark.parametrize(
    ("lang", "copied"), [("en", "thisledgerisacopyofit"), ("zh", "本台账是它的副本")]
)
def test_planning_from_a_copied_scenario_folder_names_both_ledgers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, copied: str
) -> None:
    """A scenario folder copied with its ledger, a batch planned again from
    the copy: the warning said the batch's folder was superseded and its
    beds and buses no longer held, which is true of the copy alone; the
    ledger that folder was recorded in goes on holding them.  It now names
    both ledgers, says what each holds and how to keep one."""
    first = three_rows(tmp_path / "first")
    assert run(["plan", str(first), "--batch", "第一批", "--out", str(tmp_path / "out1")]) == 0
    second = tmp_path / "second" / "scenario.toml"
    shutil.copytree(first.parent, second.parent)  # its ledger.sqlite with it
    capsys.readouterr()
    args = ["plan", str(second), "--batch", "第一批", "--out", str(tmp_path / "out2")]
    assert run([*args, "--lang", lang]) == 0
    captured = capsys.readouterr()
    said = "".join((captured.out + captured.err).split())  # Chinese lines break anywhere
    copy, theirs = second.parent / "ledger.sqlite", first.parent / "ledger.sqlite"
    assert copied in said and f"--ledger{theirs}" in said and str(copy) in said, said
    assert "superseded" not in said and "被取代" not in said, said
    with open_ledger(theirs, read_only=True) as book:
        assert (record := book.current("第一批")) is not None
        assert record.out_dir == str(tmp_path / "out1")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_folder_another_ledger_records_is_refused_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """A copied ledger (or --ledger OTHER) planning into the folder the first
    ledger records as its batch's replaced those papers with a warning at
    most, while the first ledger went on holding their beds and buses.  It
    is refused now (exit 2, the folder kept), naming both ledgers and the
    folder; --force goes on, warned; the same command again, and a fresh
    folder, are planned as before."""
    path = three_rows(tmp_path / "in")
    mine, copy = tmp_path / "in" / "ledger.sqlite", tmp_path / "copy.sqlite"
    out1 = tmp_path / "out1"

    def plan(out: Path, *more: str) -> tuple[int, str]:
        capsys.readouterr()
        code = run(["plan", str(path), "--batch", "第一批", "--out", str(out), *more])
        said = capsys.readouterr()
        return code, "".join((said.out + said.err).split())  # Chinese lines break anywhere

    assert plan(out1)[0] == 0
    held = (out1 / "plan.json").read_bytes()
    shutil.copy(mine, copy)
    for ledger in (copy, tmp_path / "new.sqlite"):  # a copy, and a ledger of its own
        code, said = plan(out1, "--ledger", str(ledger), "--lang", lang)
        assert code == 2 and "Traceback" not in said, said
        assert str(out1) in said and str(mine) in said and str(ledger) in said, said
        assert f"--ledger{mine}" in said and "--force" in said, said
        assert ("batch第一批'splan" if lang == "en" else "批次第一批的排车方案") in said, said
        assert (out1 / "plan.json").read_bytes() == held
    with open_ledger(copy, read_only=True) as book:
        assert (record := book.current("第一批")) is not None and record.out_dir == str(out1)
        assert not list(tmp_path.glob(".out1.writing-*"))
    code, said = plan(out1, "--ledger", str(copy), "--force", "--lang", lang)
    assert code == 0 and "--force" in said, said
    assert plan(out1, "--ledger", str(copy))[0] == 0  # the same command again
    assert plan(tmp_path / "out2", "--ledger", str(copy))[0] == 0  # a fresh folder


def test_a_folder_holding_another_campaigns_plan_is_refused_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan of another campaign (another scenario, its own ledger) in the
    folder is refused even when its ledger is gone, naming the folder; a
    plan of this campaign whose ledger is gone (a folder moved) is not."""
    first = three_rows(tmp_path / "a")
    other = three_rows(tmp_path / "b")
    text = other.read_text(encoding="utf-8")
    other.write_text(text.replace('name = "test"', 'name = "另一次返岗"', 1), encoding="utf-8")
    out = tmp_path / "out"
    args = ["--batch", "第一批", "--out", str(out), "--lang", "en"]
    assert run(["plan", str(first), *args]) == 0
    (first.parent / "ledger.sqlite").unlink()  # gone: nothing records the folder now
    capsys.readouterr()
    assert run(["plan", str(other), *args]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "a plan of another campaign" in said and "--force" in said, said
    assert run(["plan", str(other), *args, "--force"]) == 0
    (other.parent / "ledger.sqlite").unlink()
    capsys.readouterr()
    assert run(["plan", str(other), *args]) == 0, capsys.readouterr().err  # of this campaign


def test_a_new_ledger_named_while_the_scenarios_holds_other_batches_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """plan --ledger NEW (mistyped, or relative to another folder) while the
    scenario's own ledger holds batch 第一批 started a new ledger in silence,
    which knew none of 第一批's beds and buses and gave them again.  Refused
    now (exit 2, nothing made), naming both ledgers and 第一批; --force starts
    it all the same; a ledger of its own for the one batch recorded is not
    refused (nothing to give again)."""
    path = three_rows(tmp_path / "in")
    assert run(["plan", str(path), "--batch", "第一批", "--out", str(tmp_path / "o1")]) == 0
    new, out = tmp_path / "typo.sqlite", tmp_path / "o2"
    args = ["plan", str(path), "--batch", "第二批", "--out", str(out), "--ledger", str(new)]
    capsys.readouterr()
    assert run([*args, "--lang", "en"]) == 2
    said = "".join(capsys.readouterr().err.split())  # a long path may break anywhere
    assert f"theledger{new},whichdoesnotexist" in said and "holdsbatch第一批" in said, said
    assert str(path.parent / "ledger.sqlite") in said and "--force" in said, said
    assert not new.exists() and not out.exists()
    assert run([*args, "--force"]) == 0 and new.is_file()
    own = ["--ledger", str(tmp_path / "own.sqlite")]
    assert run(["plan", str(path), "--batch", "1", "--out", str(tmp_path / "o1b"), *own]) == 0
