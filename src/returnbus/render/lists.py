"""The desk's lists: who is not planned (to call), who returns alone, who
arrives at each dormitory on each day, and what each employer's buses cost.

Each list is a `Sheet` with headings in the desk's language, written as CSV
(machine-readable column keys) and together in ``lists.xlsx``.  These lists
are for the desk: they carry names and full phones, to call people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..domain import BedAssignment, Place, Route, Stop, Worker
from ..plan import Plan
from ..text import Lang, say
from .labels import label, labels
from .tables import Sheet, write_csv, write_xlsx

UNASSIGNED_KEYS = (
    "worker_id",
    "row",
    "stage",
    "reason",
    "name",
    "phone",
    "employer",
    "home_county",
)
SELF_RETURN_KEYS = (
    "worker_id",
    "name",
    "phone",
    "employer",
    "home_county",
    "dormitory",
    "room",
    "from",
    "until",
)
ARRIVAL_KEYS = ("dormitory", "date", "time", "worker_id", "name", "gender", "bus", "room", "bed")
COST_KEYS = ("employer", "riders", "buses", "cost_share")


@dataclass(frozen=True, slots=True, kw_only=True)
class Lists:
    """The four lists, each a table of rows keyed as its ``*_KEYS``."""

    unassigned: list[dict[str, object]]
    self_return: list[dict[str, object]]
    arrivals: list[dict[str, object]]
    cost: list[dict[str, object]]


def build_lists(plan: Plan, lang: Lang) -> Lists:
    """The desk's lists for ``plan``, reasons and words in ``lang``."""
    people = {w.id: w for w in (*plan.batch.rejected, *plan.workers)}
    employer = _employer_names(plan)
    county = _county(plan.batch.places)
    beds = {b.worker_id: b for b in plan.beds}
    dorm_name = {d.id: d.name for d in plan.batch.dormitories}
    unassigned: list[dict[str, object]] = []
    for entry in plan.unassigned:
        worker = people.get(entry.worker_id)
        unassigned.append(
            {
                "worker_id": entry.worker_id,
                "row": entry.row or "",
                "stage": entry.stage,
                "reason": say(entry.reason, lang),
                "name": worker.name if worker else "",
                "phone": worker.phone if worker else "",
                "employer": employer(worker.employer) if worker else "",
                "home_county": county(worker) if worker else "",
            }
        )
    self_return: list[dict[str, object]] = []
    for worker_id in plan.self_return:
        worker = people[worker_id]
        bed = beds.get(worker_id)
        self_return.append(
            {
                "worker_id": worker_id,
                "name": worker.name,
                "phone": worker.phone,
                "employer": employer(worker.employer),
                "home_county": county(worker),
                "dormitory": dorm_name.get(bed.dorm_id, bed.dorm_id) if bed else "",
                "room": bed.room if bed else "",
                "from": bed.start.isoformat() if bed else "",
                "until": bed.end.isoformat() if bed else "",
            }
        )
    return Lists(
        unassigned=unassigned,
        self_return=self_return,
        arrivals=_arrivals(plan, people, dorm_name, lang),
        cost=_cost(plan, people, employer),
    )


def write_lists(lists: Lists, out_dir: Path, lang: Lang) -> None:
    """``unassigned.csv``, ``self_return.csv``, ``arrivals.csv`` and
    ``cost_by_employer.csv`` (column keys as named), and ``lists.xlsx``
    with a sheet each, headed in ``lang``."""
    tables = [
        ("unassigned", UNASSIGNED_KEYS, lists.unassigned),
        ("self_return", SELF_RETURN_KEYS, lists.self_return),
        ("arrivals", ARRIVAL_KEYS, lists.arrivals),
        ("cost", COST_KEYS, lists.cost),
    ]
    files = {
        "unassigned": "unassigned.csv",
        "self_return": "self_return.csv",
        "arrivals": "arrivals.csv",
        "cost": "cost_by_employer.csv",
    }
    sheets = []
    for name, keys, rows in tables:
        cells = [[row[k] for k in keys] for row in rows]
        write_csv(out_dir / files[name], Sheet(name=name, headers=keys, rows=cells))
        # Stage codes stay codes in the CSV; the sheet says them in words.
        said = [
            [label(f"stage_{v}", lang) if k == "stage" else v for k, v in zip(keys, r, strict=True)]
            for r in cells
        ]
        sheets.append(
            Sheet(
                name=label(f"sheet_{name}", lang),
                title=((label(f"title_{name}", lang),),),
                headers=labels(keys, lang),
                rows=said,
                landscape=name == "unassigned",
            )
        )
    write_xlsx(out_dir / "lists.xlsx", sheets)


def _arrivals(
    plan: Plan, people: Mapping[str, Worker], dorm_name: Mapping[str, str], lang: Lang
) -> list[dict[str, object]]:
    """Who arrives at each dormitory on each day: by bus (at its drop-off) or alone."""
    alight: dict[str, tuple[Route, Stop]] = {
        w: (route, stop)
        for route in plan.routes
        for stop in route.dropoffs
        for w in stop.worker_ids
    }

    def key(bed: BedAssignment) -> tuple[str, str, str, str]:
        when = alight[bed.worker_id][1].arrive.isoformat() if bed.worker_id in alight else ""
        return (bed.dorm_id, bed.start.isoformat(), when, bed.worker_id)

    rows: list[dict[str, object]] = []
    for bed in sorted(plan.beds, key=key):
        worker = people.get(bed.worker_id)
        route, stop = alight.get(bed.worker_id, (None, None))
        rows.append(
            {
                "dormitory": dorm_name.get(bed.dorm_id, bed.dorm_id),
                "date": bed.start.isoformat(),
                "time": stop.arrive.strftime("%H:%M") if stop else "",
                "worker_id": bed.worker_id,
                "name": worker.name if worker else "",
                "gender": label(worker.sex, lang) if worker and worker.sex else "",
                "bus": route.bus_id if route else label("by_self", lang),
                "room": bed.room,
                "bed": bed.bed,
            }
        )
    return rows


def _cost(
    plan: Plan, people: Mapping[str, Worker], employer: Callable[[str], str]
) -> list[dict[str, object]]:
    """Each employer's riders, the buses they ride, and its share of the cost
    (each bus's cost shared by its riders)."""
    riders: dict[str, int] = defaultdict(int)
    buses: dict[str, set[str]] = defaultdict(set)
    share: dict[str, float] = defaultdict(float)
    for route in plan.routes:
        for worker_id in route.worker_ids:
            name = employer(people[worker_id].employer)
            riders[name] += 1
            buses[name].add(route.bus_id)
            share[name] += route.cost / route.riders
    return [
        {
            "employer": name,
            "riders": riders[name],
            "buses": len(buses[name]),
            "cost_share": f"{share[name]:.2f}",
        }
        for name in sorted(riders, key=lambda n: (-share[n], n))
    ]


def _employer_names(plan: Plan) -> Callable[[str], str]:
    names = {e.id: e.name for e in plan.batch.employers}
    return lambda key: names.get(key, key)


def _county(places: Mapping[str, Place]) -> Callable[[Worker], str]:
    def county(worker: Worker) -> str:
        place = places.get(worker.division_code)
        return place.county if place else ""

    return county
