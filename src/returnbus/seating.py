"""Seat maps and effective capacity under the epidemic seating policy.

A coach of ``seats`` rated seats has rows of ``seats_per_row`` seats, the last
row taking the remainder (a 45-seat coach: ten rows of 4 and a back row of 5).
Seats are labelled by row and letter, ``A`` and the last letter being the
windows.  The policy picks which seats may be sold; the effective capacity is
simply how many it picks, so capacity and the printed seat map never disagree.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .domain import BusType, Seat
from .text import Text

SeatingPolicyName = Literal["rated_half", "window", "one_per_row", "full"]
#: Earlier names of policies, still read.
POLICY_ALIASES: dict[str, SeatingPolicyName] = {"half": "window"}


@dataclass(frozen=True, slots=True, kw_only=True)
class SeatingPolicy:
    """How many seats of a coach may be used, by the Ministry of Transport notice.

    ``rated_half`` (the notice's words): at most half the rated seats, one
    per seat pair first and side by side only where the seat map needs it
    (a 53-seat coach takes 26).  ``window``: one per seat pair (the window
    seats), never over half.  ``one_per_row``: one rider per row,
    alternating sides.  ``full``: every seat.  With
    ``keep_last_two_rows_empty`` the last two rows stay free as the
    observation area; ``reserved_seats`` front seats are kept for an escort
    or health worker.
    """

    policy: SeatingPolicyName = "rated_half"
    keep_last_two_rows_empty: bool = True
    reserved_seats: int = 0

    @property
    def words(self) -> Text:
        """The policy in words only, as a paper the desk hands out says it."""
        return Text(f"policy_{self.policy}")

    @property
    def named(self) -> Text:
        """The policy's key in the scenario file with its words, for `check`
        and the scenario's errors, whose fix is to change that key."""
        return Text("policy_named", key=self.policy, words=self.words)


def seat_rows(bus: BusType) -> list[list[str]]:
    """Seat labels row by row, front to back."""
    per_row = min(bus.seats_per_row, bus.seats)
    n_rows = max(1, bus.seats // per_row)
    sizes = [per_row] * (n_rows - 1) + [bus.seats - per_row * (n_rows - 1)]
    return [
        [f"{row}{string.ascii_uppercase[i]}" for i in range(size)]
        for row, size in enumerate(sizes, start=1)
    ]


def allowed_seats(bus: BusType, policy: SeatingPolicy) -> list[str]:
    """Seats that may be used, front to back, under ``policy``."""
    rows = seat_rows(bus)
    if policy.keep_last_two_rows_empty and len(rows) > 2:
        rows = rows[:-2]
    if policy.policy == "full":
        seats = [label for row in rows for label in row]
    elif policy.policy == "one_per_row":
        # Alternate window sides so riders in consecutive rows sit apart.
        seats = [row[0] if i % 2 == 0 else row[-1] for i, row in enumerate(rows)]
    else:
        seats = _half(rows, bus.seats // 2, side_by_side=policy.policy == "rated_half")
    return seats[policy.reserved_seats :]


def _half(rows: list[list[str]], most: int, *, side_by_side: bool) -> list[str]:
    """At most ``most`` seats, one per seat pair (the windows) first; with
    ``side_by_side``, then one more per row, alternating sides, front first."""
    windows = [label for row in rows for label in ((row[0], row[-1]) if len(row) > 1 else row)]
    chosen = set(windows[:most])
    if side_by_side:
        inner = [row[1] if k % 2 == 0 else row[-2] for k, row in enumerate(rows) if len(row) > 2]
        chosen |= set(inner[: max(0, most - len(chosen))])
    return [label for row in rows for label in row if label in chosen]


def effective_capacity(bus: BusType, policy: SeatingPolicy) -> int:
    """Riders a bus of this type may carry under ``policy``."""
    return len(allowed_seats(bus, policy))


def assign_seats(riders: Sequence[str], bus: BusType, policy: SeatingPolicy) -> tuple[Seat, ...]:
    """Seat riders in boarding order: every window seat first, then the others.

    The first to board take the rearmost free seats, so nobody boarding later
    has to pass a seated rider, and people boarding together sit together;
    nobody sits beside another rider while a window seat is free.
    """
    seats = _filling_order(bus, policy)
    if len(riders) > len(seats):
        raise ValueError(f"{len(riders)} riders for {len(seats)} seats on a {bus.id}")
    return tuple(Seat(worker_id=w, label=label) for w, label in zip(riders, seats, strict=False))


def add_seat(seats: Sequence[Seat], worker_id: str, bus: BusType, policy: SeatingPolicy) -> Seat:
    """A free seat for one more rider on a bus already seated: the rearmost
    free window seat, else the rearmost free seat."""
    taken = {seat.label for seat in seats}
    free = [label for label in _filling_order(bus, policy) if label not in taken]
    if not free:
        raise ValueError(f"no free seat on a {bus.id}")
    return Seat(worker_id=worker_id, label=free[0])


def _filling_order(bus: BusType, policy: SeatingPolicy) -> list[str]:
    """The allowed seats in the order riders take them: window seats back to
    front, then the others back to front."""
    windows = {label for row in seat_rows(bus) for label in (row[0], row[-1])}
    back_to_front = allowed_seats(bus, policy)[::-1]
    return [s for s in back_to_front if s in windows] + [
        s for s in back_to_front if s not in windows
    ]
