"""Seat maps and effective capacity under the seating policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from returnbus.domain import BusType
from returnbus.io.scenario import load_scenario
from returnbus.seating import (
    SeatingPolicy,
    allowed_seats,
    assign_seats,
    effective_capacity,
    seat_rows,
)

from .helpers import worker, write_scenario


def bus(seats: int, per_row: int = 4) -> BusType:
    return BusType(
        id=f"C{seats}",
        name="",
        seats=seats,
        count=1,
        fixed_cost=0,
        cost_per_km=0,
        seats_per_row=per_row,
    )


def test_rows_hold_every_rated_seat_once() -> None:
    """A 45-seat coach has ten rows of four and a back row of five."""
    rows = seat_rows(bus(45))
    assert [len(r) for r in rows] == [4] * 10 + [5]
    labels = [s for r in rows for s in r]
    assert len(labels) == len(set(labels)) == 45


@pytest.mark.parametrize("seats", [19, 33, 45, 53])
@pytest.mark.parametrize("policy", ["rated_half", "window"])
def test_half_policies_stay_within_half_and_off_the_last_two_rows(seats: int, policy: str) -> None:
    """At most 50 % of rated seats, none in the observation rows."""
    coach = bus(seats, 3 if seats < 30 else 4)
    allowed = allowed_seats(coach, SeatingPolicy(policy=policy))  # type: ignore[arg-type]
    assert 0 < len(allowed) <= seats // 2
    back_rows = {s for row in seat_rows(coach)[-2:] for s in row}
    assert not back_rows & set(allowed)


def test_rated_half_takes_half_the_rated_seats() -> None:
    """The 2020 notice's "at most 50 % of rated seats": a 53-seat coach takes
    26 (the seed's Guizhou bus), a 45-seat one 22; `window` takes 22 and 18."""
    assert [effective_capacity(bus(n), SeatingPolicy()) for n in (53, 45)] == [26, 22]
    window = SeatingPolicy(policy="window")
    assert [effective_capacity(bus(n), window) for n in (53, 45)] == [22, 18]


@pytest.mark.parametrize("seats", [19, 33, 45, 53])
def test_rated_half_seats_nobody_side_by_side_while_a_window_is_free(seats: int) -> None:
    """Aisle seats are sold only once every window seat of the open rows is."""
    coach = bus(seats, 3 if seats < 30 else 4)
    allowed = set(allowed_seats(coach, SeatingPolicy()))
    open_rows = seat_rows(coach)[:-2]
    windows = {label for row in open_rows for label in (row[0], row[-1])}
    if allowed - windows:
        assert windows <= allowed
    # And no row has more than one aisle seat taken: riders stay spread.
    assert all(len(set(row[1:-1]) & allowed) <= 1 for row in open_rows)


def test_the_old_half_policy_name_reads_as_window(tmp_path: Path) -> None:
    """Scenarios written with `half` keep their meaning: one rider per seat pair."""
    path = write_scenario(tmp_path, [worker("A1")], extra='[seating]\npolicy = "half"\n')
    assert load_scenario(path).settings.seating.policy == "window"


def test_one_per_row_alternates_sides() -> None:
    """One rider per row, left and right windows in turn."""
    allowed = allowed_seats(bus(45), SeatingPolicy(policy="one_per_row"))
    assert allowed[:3] == ["1A", "2D", "3A"]
    assert len(allowed) == 9  # 11 rows less the two observation rows


def test_reserved_seats_come_off_the_front() -> None:
    """Seats kept for an escort are the front ones and reduce capacity."""
    plain = allowed_seats(bus(45), SeatingPolicy(policy="full", keep_last_two_rows_empty=False))
    kept = allowed_seats(
        bus(45), SeatingPolicy(policy="full", keep_last_two_rows_empty=False, reserved_seats=2)
    )
    assert kept == plain[2:]
    assert len(plain) == 45


def test_first_boarders_sit_at_the_back() -> None:
    """Riders fill allowed seats from the back, each seat once."""
    policy = SeatingPolicy(policy="window")
    seats = assign_seats(["a", "b", "c"], bus(45), policy)
    assert [s.label for s in seats] == allowed_seats(bus(45), policy)[::-1][:3]


def test_too_many_riders_is_refused() -> None:
    """Seating more riders than the policy allows is an error, not a silent overflow."""
    with pytest.raises(ValueError, match="riders"):
        assign_seats([str(i) for i in range(19)], bus(45), SeatingPolicy(policy="window"))


def test_twelve_riders_on_a_45_seater_all_sit_at_windows() -> None:
    """Under rated_half a 45-seat coach (2 + 2) takes 22; twelve riders take
    twelve window seats, none beside another, the first to board at the back."""
    coach = BusType(id="C45", name="C45", seats=45, count=1, fixed_cost=0, cost_per_km=0)
    seats = assign_seats([f"w{k}" for k in range(12)], coach, SeatingPolicy())
    windows = {label for row in seat_rows(coach) for label in (row[0], row[-1])}
    assert {s.label for s in seats} <= windows and len({s.label for s in seats}) == 12
    assert int(seats[0].label[:-1]) >= int(seats[-1].label[:-1])
