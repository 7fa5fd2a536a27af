"""Bus manifests (乘车人员名单): who rides which bus, in which seat.

One CSV per bus and one workbook with a sheet per bus.  Phones are masked
and ID numbers left out: the manifest travels with the driver.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..domain import Route
from ..plan import Plan
from ..text import Lang
from .labels import label, labels
from .papers import page_marks
from .privacy import mask_phone
from .stops import DropoffNames, dropoff_stop, dropoffs_said, on_the_way, stop_numbers
from .tables import Blank, BookWriter, Sheet, write_csv, write_xlsx

COLUMNS = (
    "seat",
    "worker_id",
    "name",
    "phone",
    "pickup_stop",
    "pickup_time",
    "dropoff",
    "employer",
    "dormitory",
)
#: The workbook's headings, in the plan's language (the CSVs keep `COLUMNS`).
#: A workbook written before headed its pickup stop ``stop`` and its
#: dormitory "Dormitory" (`labels.FORMER_KEYS`).
HEADING_KEYS = (
    "seat",
    "worker_id",
    "name",
    "phone",
    "pickup_stop",
    "pickup_time",
    "dropoff",
    "employer",
    "dormitory",
)
#: Column widths, landscape: nine columns do not fit a portrait A4 at 100 %.
_WIDTHS = (8, 12, 12, 14, 16, 17, 20, 20, 18)
#: Room to sign or write in by hand (`Blank`), ruled as the papers' blanks:
#: a signature (the driver's, the escort's, the receiving unit's, as the
#: driver's sheet has them), and the time the bus is handed over ("3-18 16:00").
_SIGNATURE = Blank(8)
_TIME = Blank(8)
#: The empty cells before the signatures: they take the last four columns,
#: the table's widest, which hold a label or a blank as they are (or a
#: column or two wider for "Driver's signature").
_UNDER_WIDE = ("",) * (len(HEADING_KEYS) - 4)


@dataclass(frozen=True, slots=True, kw_only=True)
class Manifest:
    """The passenger list of one bus."""

    route: Route
    rows: tuple[Mapping[str, str], ...]
    dropoffs: str  # where the bus goes, as all its papers say it (`dropoffs_said`)
    observation: bool = True  # the last two rows are kept empty (seating policy)


def build_manifests(plan: Plan, lang: Lang) -> list[Manifest]:
    """One manifest per bus, riders in boarding order, drop-offs named in ``lang``."""
    batch = plan.batch
    workers = {w.id: w for w in batch.workers}
    employers = {e.id: e.name for e in batch.employers}
    dorms = {d.id: d.name for d in batch.dormitories}
    # The room and the bed, as the arrivals list (arrivals.csv, lists.xlsx)
    # gives them: the room alone left the dormitory's desk to find the bed.
    beds = {
        b.worker_id: label(
            "bed_in_room", lang, dorm=dorms.get(b.dorm_id, b.dorm_id), room=b.room, bed=b.bed
        )
        for b in plan.beds
    }
    names = DropoffNames(batch, lang)
    place = {p.id: p.name for p in plan.pickup_points if p.name and p.name != p.id}
    manifests = []
    for route in plan.routes:
        seats = {s.worker_id: s.label for s in route.seat_map}
        # A gate by the employers of this bus's riders only, as its papers name it.
        site_name = names.of_bus(route)
        # Each rider's drop-off as the heading and the driver's sheet say
        # it: numbered as its row on the driver's sheet where there are several.
        alights = {
            w: dropoff_stop(route, d.seq, site_name.get(d.point_id, d.point_id), lang)
            for d in route.dropoffs
            for w in d.worker_ids
        }
        # Numbered as the driver's sheet and the map number the stop: "2·3"
        # where points at one place and time are one stop.
        numbers = stop_numbers(route.stops)
        rows = []
        for stop in route.stops:
            for worker_id in stop.worker_ids:
                worker = workers[worker_id]
                rows.append(
                    {
                        "seat": seats.get(worker_id, ""),
                        "worker_id": worker_id,
                        "name": worker.name,
                        "phone": mask_phone(worker.phone),
                        "pickup_stop": _stop(
                            numbers[stop.seq], place.get(stop.point_id), stop.point_id
                        ),
                        "pickup_time": stop.arrive.strftime("%Y-%m-%d %H:%M"),
                        "dropoff": alights.get(worker_id, ""),
                        "employer": employers.get(worker.employer, worker.employer),
                        "dormitory": beds.get(worker_id, ""),
                    }
                )
        manifests.append(
            Manifest(
                route=route,
                rows=tuple(rows),
                dropoffs=dropoffs_said(route, site_name, lang),
                observation=plan.settings.seating.keep_last_two_rows_empty,
            )
        )
    return manifests


def _stop(number: str, name: str | None, point_id: str) -> str:
    """``3 娄山关街道 杉树湾村 (P5203...)``: the stop's number (`stop_numbers`),
    its place, the rider's pickup point."""
    return f"{number} {name} ({point_id})" if name else f"{number} ({point_id})"


def write_manifests(
    manifests: Sequence[Manifest], out_dir: Path, lang: Lang, *, books: BookWriter = write_xlsx
) -> None:
    """Write ``bus_<id>.csv`` files (column keys as named) and ``manifests.xlsx``
    (with ``books``, headed in ``lang``) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for manifest in manifests:
        sheet = Sheet(
            name=manifest.route.bus_id,
            headers=COLUMNS,
            rows=[[row[c] for c in COLUMNS] for row in manifest.rows],
        )
        write_csv(out_dir / f"bus_{manifest.route.bus_id}.csv", sheet)
    books(out_dir / "manifests.xlsx", [_sheet(m, lang) for m in manifests])


def _sheet(manifest: Manifest, lang: Lang) -> Sheet:
    route = manifest.route
    rule = on_the_way(route, observation=manifest.observation)
    return Sheet(
        name=route.bus_id,
        title=(
            (
                label(
                    "manifest_title", lang, bus=route.bus_id, type=route.bus_type, seats=route.seats
                ),
            ),
            (
                label("depart", lang),
                route.depart.strftime("%Y-%m-%d %H:%M"),
                label("arrive", lang),
                route.end_arrive.strftime("%Y-%m-%d %H:%M"),
                label("riders", lang),
                f"{route.riders} / {route.capacity_effective}",
            ),
            # The drop-offs last on their line, wrapping across the table's
            # width: followed by the riders, they widened the worker id's column.
            (label("dropoffs", lang), manifest.dropoffs),
            (label(rule, lang),),
            (),
        ),
        headers=labels(HEADING_KEYS, lang),
        rows=[[row[c] for c in COLUMNS] for row in manifest.rows],
        # The signatures and the time under the table's widest columns, two
        # a line: four labels and blanks on one line from its first column
        # widened the seat's and the worker id's for "Driver's signature",
        # and narrowed the drop-offs' to fit the page.
        footer=(
            (),
            (
                *_UNDER_WIDE,
                label("driver_signature", lang),
                _SIGNATURE,
                label("escort_signature", lang),
                _SIGNATURE,
            ),
            (*_UNDER_WIDE, label("received_by", lang), _SIGNATURE, label("time", lang), _TIME),
        ),
        widths=_WIDTHS,
        landscape=True,
        marks=page_marks("manifest", route.bus_id, lang),
    )
