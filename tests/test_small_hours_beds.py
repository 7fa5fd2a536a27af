"""Beds of riders whose bus arrives in the small hours.

A bus arriving at 00:24 brings its riders into the room during the night
before's small hours, while the batch before may hold it until that
morning.  Their bed is theirs from the night before (`domain.first_night`),
and still ends the quarantine's days after the arrival (`last_morning`).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from returnbus.checker import check_plan
from returnbus.domain import bed_dates, first_night, last_morning
from returnbus.io.scenario import load_scenario
from returnbus.ledger import open_ledger
from returnbus.pipeline import plan_batch, prepare
from returnbus.planfile import from_document

from .helpers import ZUNYI, run, worker, write_scenario

_CST = timezone(timedelta(hours=8))
#: A few km from the depot and the dormitory: the bus is there in minutes.
_NEAR = (29.29, 106.26)
#: The desk receives at any hour, and buses may leave at midnight.
_ANY_HOUR = """earliest_departure = "00:00"
pickup_from = "00:00"
pickup_until = "23:59"
arrive_from = "00:00"
arrive_until = "23:59"
"""
_BATCHES = """[[batch]]
id = "1"
departure = "2020-03-17T00:00:00+08:00"
[[batch]]
id = "2"
departure = "2020-03-31T00:00:00+08:00"
"""


def _campaign(tmp_path: Path, *, rooms: int) -> Path:
    """One rider of each batch bound for quarantine beside the depot; each
    batch's bus leaves at midnight and arrives at about 00:24; batch 2
    leaves the day batch 1's stay ends, and no cleaning day."""
    rows = [
        worker(f"{b}0", at=_NEAR, health_code="黄", batch=n, home_address="重庆市江津区几江街道")
        for n, b in (("1", "A"), ("2", "B"))
    ]
    return write_scenario(
        tmp_path / "in",
        rows,
        rules=_ANY_HOUR,
        dorm_rooms=rooms,
        extra=f"[quarantine]\ncleaning_days = 0\n{_BATCHES}",
    )


def _plan(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "plan.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _arrivals(doc: dict[str, Any]) -> dict[str, datetime]:
    return {
        w: datetime.fromisoformat(s["arrive_time"])
        for r in doc["routes"]
        for s in r["stops"]
        if s["kind"] == "dropoff"
        for w in s["worker_ids"]
    }


def _planned(tmp_path: Path, *, rooms: int) -> tuple[Path, Path, Path]:
    scenario = _campaign(tmp_path, rooms=rooms)
    ledger = ["--ledger", str(tmp_path / "ledger.sqlite")]
    first, second = tmp_path / "p1", tmp_path / "p2"
    assert run(["plan", str(scenario), "--batch", "1", "--out", str(first), *ledger]) == 0
    assert run(["plan", str(scenario), "--batch", "2", "--out", str(second), *ledger]) == 0
    return first, second, tmp_path / "ledger.sqlite"


def test_a_night_ends_at_six() -> None:
    """Before 06:00 the bed is from the night before, and ends the
    quarantine's days after the arrival's day all the same."""
    day = date(2020, 3, 31)
    at = {hhmm: datetime(2020, 3, 31, *hhmm, tzinfo=_CST) for hhmm in ((0, 24), (5, 59), (6, 0))}
    assert first_night(at[0, 24]) == first_night(at[5, 59]) == day - timedelta(days=1)
    assert first_night(at[6, 0]) == first_night(at[6, 0].replace(hour=23, minute=59)) == day
    assert last_morning(at[0, 24], 14) == last_morning(at[6, 0], 14) == day + timedelta(days=14)
    assert bed_dates(at[0, 24], 14) == (day - timedelta(days=1), day + timedelta(days=14))


def test_a_rider_arriving_in_the_small_hours_is_not_given_a_room_held_that_night(
    tmp_path: Path,
) -> None:
    """The dormitory has one room.  Batch 1 holds it until the morning of
    31 March; batch 2's bus comes in at 00:24 that day, in the night batch
    1 still sleeps there.  Batch 2's rider gets no bed (there is no other
    room), and both plans verify.  Before, the rider was given batch 1's
    room from the night of the 31st: both batches in it at once, and
    `verify` and the ledger accepted it."""
    first, second, ledger = _planned(tmp_path, rooms=1)
    one, two = _plan(first), _plan(second)
    assert len(one["dormitory_allocation"]) == 1
    (held,) = one["dormitory_allocation"]
    leaves = date.fromisoformat(held["end_date"])
    assert leaves == date(2020, 3, 31)
    # Batch 1 came in at 00:24 too, and batch 2's bus would (next test).
    assert _arrivals(one)["A0"].hour == 0
    # Nobody of batch 2 is in batch 1's room before batch 1 has left it.
    arrival = _arrivals(two)
    for bed in two["dormitory_allocation"]:
        if (bed["dorm_id"], bed["room"]) == (held["dorm_id"], held["room"]):
            # In by day on the morning batch 1 leaves, or later.
            assert arrival[bed["worker_id"]] >= datetime(2020, 3, 31, 6, tzinfo=_CST)
    assert {u["worker_id"]: u["stage"] for u in two["unassigned"]} == {"B0": "dormitory"}
    for folder in (first, second):
        assert run(["verify", str(folder)]) == 0
    with open_ledger(ledger, create=False) as book:
        assert not book.beds_of("2")


def test_verify_and_the_ledger_agree_on_a_bed_from_the_night_before(tmp_path: Path) -> None:
    """With a second room, batch 2's rider sleeps there from the night
    before the 00:24 arrival to the quarantine's days after it: one night
    more than its days.  `verify` passes (nights and first night as the
    planner dates them) and the ledger holds the bed as the plan does."""
    _, second, ledger = _planned(tmp_path, rooms=2)
    doc = _plan(second)
    (bed,) = doc["dormitory_allocation"]
    days = doc["settings"]["quarantine_days"]
    assert (bed["start_date"], bed["end_date"]) == ("2020-03-30", "2020-04-14")
    assert (date(2020, 4, 14) - date(2020, 3, 30)).days == days + 1
    assert bed["room"] != "001"  # batch 1's until the morning of the 31st
    assert run(["verify", str(second)]) == 0
    plan = from_document(doc)
    with open_ledger(ledger, create=False) as book:
        assert book.beds_of("2") == plan.beds


def test_plans_written_before_keep_their_beds_dated_from_the_arrival_s_day(
    tmp_path: Path,
) -> None:
    """A plan.json without ``bed_night_ends`` was written when beds were
    dated from the arrival's own day: it is checked so and passes.  The same
    bed in a plan of today's is dated wrong, and the check says when from."""
    _, second, _ = _planned(tmp_path, rooms=2)
    doc = _plan(second)
    assert doc["bed_night_ends"] == "06:00"
    (arrives,) = _arrivals(doc).values()
    days = doc["settings"]["quarantine_days"]
    for bed in doc["dormitory_allocation"]:
        bed["start_date"] = arrives.date().isoformat()
        bed["end_date"] = (arrives.date() + timedelta(days=days)).isoformat()
    today = from_document(doc)
    assert [p.key for p in check_plan(today)] == ["bed_wrong_day", "bed_nights"]
    assert check_plan(today)[0].args["night"] == "2020-03-30"
    del doc["bed_night_ends"]
    assert not check_plan(from_document(doc))


def test_a_daytime_arrival_dates_beds_as_before(tmp_path: Path) -> None:
    """In the default receiving hours every bed is from the arrival's day
    to the quarantine's days after it, as it always was."""
    rows = [worker(f"Q{k}", at=ZUNYI, health_code="黄") for k in range(3)]
    scenario = load_scenario(write_scenario(tmp_path, rows))
    plan = plan_batch(prepare(scenario), scenario.settings)
    assert not check_plan(plan), check_plan(plan)
    arrival = {w: d.arrive for r in plan.routes for d in r.dropoffs for w in d.worker_ids}
    assert len(plan.beds) == len(rows)
    days = timedelta(days=scenario.settings.quarantine.days)
    for bed in plan.beds:
        assert 8 <= arrival[bed.worker_id].hour <= 20
        assert (bed.start, bed.end) == (arrival[bed.worker_id].date(), bed.start + days)


@pytest.mark.parametrize(
    ("cleaning", "second_day", "housed"),
    [(0, "2020-03-31", True), (1, "2020-03-31", False), (1, "2020-04-01", True)],
)
def test_a_room_left_on_the_last_morning_is_given_to_a_batch_arriving_by_day_after_its_cleaning(
    tmp_path: Path, cleaning: int, second_day: str, housed: bool
) -> None:
    """The ledger's day arithmetic at the boundary (dates on the plan's
    clock, Beijing time): batch 1 arrives on 17 March at about 08:24 and
    holds the dormitory's one room for 14 nights, until the morning of 31
    March.  Batch 2, arriving by day on the 31st, is given that room when no
    cleaning day follows, and not with one; arriving on 1 April, it is."""
    rows = [
        worker(f"{b}0", at=_NEAR, health_code="黄", batch=n, home_address="重庆市江津区几江街道")
        for n, b in (("1", "A"), ("2", "B"))
    ]
    batches = (
        '[[batch]]\nid = "1"\ndeparture = "2020-03-17T08:00:00+08:00"\n'
        f'[[batch]]\nid = "2"\ndeparture = "{second_day}T08:00:00+08:00"\n'
    )
    scenario = write_scenario(
        tmp_path / "in",
        rows,
        rules=_ANY_HOUR,
        dorm_rooms=1,
        extra=f"[quarantine]\ncleaning_days = {cleaning}\n{batches}",
    )
    ledger = ["--ledger", str(tmp_path / "ledger.sqlite")]
    first, second = tmp_path / "p1", tmp_path / "p2"
    assert run(["plan", str(scenario), "--batch", "1", "--out", str(first), *ledger]) == 0
    assert run(["plan", str(scenario), "--batch", "2", "--out", str(second), *ledger]) == 0
    (held,) = _plan(first)["dormitory_allocation"]
    assert (held["start_date"], held["end_date"]) == ("2020-03-17", "2020-03-31")
    two = _plan(second)
    if housed:
        assert _arrivals(two)["B0"].date() == date.fromisoformat(second_day)
        (bed,) = two["dormitory_allocation"]
        assert (bed["room"], bed["start_date"]) == (held["room"], second_day)
    else:
        assert {u["worker_id"]: u["stage"] for u in two["unassigned"]} == {"B0": "dormitory"}
    with open_ledger(tmp_path / "ledger.sqlite", read_only=True) as book:
        assert all(o.beds == 1 for o in book.occupancy())
        nights = {o.night for o in book.occupancy()}
    assert date(2020, 3, 30) in nights and (date(2020, 3, 31) in nights) == (
        housed and second_day == "2020-03-31"
    )
    for folder in (first, second):
        assert run(["verify", str(folder)]) == 0
