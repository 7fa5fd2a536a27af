"""Why a rider who is not too far rides no bus, true of the final plan.

Each reason names the nearest bus of the plan and the rule that keeps it
from taking them (full, the other cohort, its drop-offs used up, a ride
cap, driver hours, receiving hours), after a headline the desk can act on:
every bus of the fleet in use, or, when buses stand free, too few riders
within reach to fill one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..domain import BusType
from ..text import Text, joined
from .model import BusModel, Trip
from .trips import neighbours, widest


def why_left(
    model: BusModel,
    i: int,
    left: Sequence[int],
    trips: Sequence[tuple[str, Trip]],
    free: Mapping[str, int],
) -> str:
    """Why point ``i`` rides none of ``trips`` (each with its bus id), when
    ``left`` are the points left behind and ``free`` buses of each type stand free."""
    fleet = [bus for bus in model.fleet if bus.count > 0]
    if not fleet:
        return Text("no_fleet")
    standing = [bus for bus in fleet if free.get(bus.id, 0) > 0]
    if standing:
        smallest = min(model.minimum(bus) for bus in standing)
        same = [j for j in left if model.kind[j] == model.kind[i]]
        reach = max(
            (model.riders(t) for t in widest(model, i, neighbours(model, i, same))),
            default=model.demand[i],
        )
        headline = Text(
            "too_few_within_reach", riders=max(reach, model.demand[i]), minimum=smallest
        )
    else:
        headline = Text("fleet_used", buses=sum(bus.count for bus in fleet))
    nearest = _nearest(model, i, trips)
    if nearest is None:
        return headline
    bus_id, (bus, seq) = nearest
    km = min(int(model.matrix.metres[model.at[i], model.at[j]]) for j in seq) / 1000
    why = Text("nearest_bus", bus=bus_id, km=km, why=_why_not(model, bus, seq, i))
    return joined([headline, why])


def district_headline(reason: str, *, buses: int, smallest_free: int | None) -> str:
    """``reason`` with its headline said again for the whole district, whose
    regions each judged the buses free by their own share of the fleet:
    every bus of the fleet (``buses`` in all) in use when ``smallest_free``
    is None, else the minimum of the smallest bus that stands free (a
    region given no bus said the fleet had none).  Other reasons are kept."""
    head, *rest = _sentences(reason)
    if not isinstance(head, Text) or head.key not in (*_RAN_OUT, "too_few_within_reach"):
        return reason
    if smallest_free is None:
        said = Text("fleet_used", buses=buses) if buses else Text("no_fleet")
    elif head.key == "too_few_within_reach":
        said = Text("too_few_within_reach", riders=head.args["riders"], minimum=smallest_free)
    else:
        return reason
    return joined([said, *rest]) if rest else said


def said_of_fleet(reason: str, buses: int) -> str:
    """``reason`` with "every bus of the fleet in use" counting ``buses``:
    a re-plan plans its new buses with what the kept ones leave, and the
    desk's fleet is the whole of it (when they leave none, the planner of
    new buses had "no buses in the fleet", which the desk's has).  Other
    reasons are kept."""
    return _ran_out_said(reason, Text("fleet_used", buses=buses)) if buses else reason


def said_with_held(reason: str, *, held: int, fleet: int) -> str:
    """``reason`` of riders left for want of a bus, said with the buses that
    other batches of the ledger hold on these days (``held`` of the
    fleet's ``fleet``): the desk looks there before adding buses.  Other
    reasons are kept."""
    if held <= 0:
        return reason
    if held >= fleet:  # none left: "uses the rest (0)" would read as if some were
        return _ran_out_said(reason, Text("fleet_all_held", buses=fleet))
    return _ran_out_said(reason, Text("fleet_held", held=held, buses=fleet, free=fleet - held))


def _ran_out_said(reason: str, said: Text) -> str:
    """``reason`` with ``said`` for its headline where that says no bus was
    left (`_RAN_OUT`); other reasons as they are."""
    head, *rest = _sentences(reason)
    if not isinstance(head, Text) or head.key not in _RAN_OUT:
        return reason
    return joined([said, *rest]) if rest else said


def said_last(reason: str) -> str:
    """``reason`` for a worker of the campaign's last batch (no batch leaves
    after it): advice to move them to a later batch is left out, the other
    actions kept.  Other reasons are kept."""
    if not isinstance(reason, Text):
        return reason
    if reason.key == "_joined":
        return joined([said_last(part) for part in reason.args["parts"]])
    if reason.key in _LATER_BATCH:
        return Text(f"{reason.key}_last", **reason.args)
    return reason


#: Reasons whose advice is, among others, to move the workers to a later batch.
_LATER_BATCH = (
    "no_bed",
    "no_bed_late",
    "no_bed_moved",
    "too_few",
    "too_few_within_reach",
    "fleet_held",
    "fleet_all_held",
    "fleet_used",
)


def wants_a_bus(reason: str, smallest_free: int) -> bool:
    """Whether the riders of ``reason`` could fill a bus whose minimum is
    ``smallest_free``: their planner ran out of buses, or found that many
    riders within reach."""
    head = _sentences(reason)[0]
    if not isinstance(head, Text):
        return False
    few = head.key == "too_few_within_reach" and head.args["riders"] >= smallest_free
    return few or head.key in _RAN_OUT


#: Headlines of a planner that had no bus left: a region may be given none.
_RAN_OUT = ("fleet_used", "no_fleet")


def _sentences(reason: str) -> list[str]:
    """A reason's sentences, its headline first."""
    if isinstance(reason, Text) and reason.key == "_joined":
        return list(reason.args["parts"])
    return [reason]


def _nearest(model: BusModel, i: int, trips: Sequence[tuple[str, Trip]]) -> tuple[str, Trip] | None:
    """The bus whose pickups pass nearest point ``i``."""
    here = model.at[i]
    metres = model.matrix.metres
    return min(
        trips,
        key=lambda named: (min(int(metres[here, model.at[j]]) for j in named[1][1]), named[0]),
        default=None,
    )


def _why_not(model: BusModel, bus: BusType, seq: Sequence[int], i: int) -> Text:
    """The rule that keeps the bus driving ``seq`` from taking point ``i``."""
    riders, capacity = model.riders(seq), model.capacities[bus.id]
    if riders + model.demand[i] > capacity:
        return Text("why_full", riders=riders, capacity=capacity)
    broken = [model.broken_route([*seq[:pos], i, *seq[pos:]]) for pos in range(len(seq) + 1)]
    rule = min(broken, key=_MILDEST.index)
    if rule == "dropoffs":
        return Text("why_dropoffs", count=len(model.sites_of(seq)), most=model.rules.max_dropoffs)
    return Text(f"why_{rule or 'ride'}")


#: Rules in the order a reason names them: the one that is least the bus's fault first.
_MILDEST = ("", "cohort", "dropoffs", "ride", "duration", "hours", "capacity")
