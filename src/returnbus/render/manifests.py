"""Bus manifests (乘客信息登记表): who rides which bus, in which seat.

One CSV per bus and one workbook with a sheet per bus.  Phones are masked
and ID numbers left out: the manifest travels with the driver.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..domain import Route
from ..dropoffs import site_names
from ..plan import Plan
from .privacy import mask_phone
from .tables import BookWriter, Sheet, write_csv, write_xlsx

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
_HEADINGS = (
    "座位 Seat",
    "工号 ID",
    "姓名 Name",
    "手机 Phone",
    "上车点 Stop",
    "上车时间 Time",
    "下车点 Drop-off",
    "单位 Employer",
    "隔离宿舍 Dorm",
)
_WIDTHS = (8, 12, 12, 14, 16, 18, 24, 24, 22)


@dataclass(frozen=True, slots=True, kw_only=True)
class Manifest:
    """The passenger list of one bus."""

    route: Route
    rows: tuple[Mapping[str, str], ...]
    dropoffs: tuple[str, ...]
    observation: bool = True  # the last two rows are kept empty (seating policy)


def build_manifests(plan: Plan) -> list[Manifest]:
    """One manifest per bus, riders in boarding order."""
    batch = plan.batch
    workers = {w.id: w for w in batch.workers}
    employers = {e.id: e.name for e in batch.employers}
    dorms = {d.id: d.name for d in batch.dormitories}
    beds = {b.worker_id: f"{dorms.get(b.dorm_id, b.dorm_id)} {b.room}" for b in plan.beds}
    site_name = site_names(batch)
    place = {p.id: p.name for p in plan.pickup_points if p.name and p.name != p.id}
    manifests = []
    for route in plan.routes:
        seats = {s.worker_id: s.label for s in route.seat_map}
        alights = {
            w: site_name.get(d.point_id, d.point_id) for d in route.dropoffs for w in d.worker_ids
        }
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
                        "pickup_stop": _stop(stop.seq, place.get(stop.point_id), stop.point_id),
                        "pickup_time": stop.arrive.strftime("%Y-%m-%d %H:%M"),
                        "dropoff": alights.get(worker_id, ""),
                        "employer": employers.get(worker.employer, worker.employer),
                        "dormitory": beds.get(worker_id, ""),
                    }
                )
        stops = tuple(site_name.get(d.point_id, d.point_id) for d in route.dropoffs)
        manifests.append(
            Manifest(
                route=route,
                rows=tuple(rows),
                dropoffs=stops,
                observation=plan.settings.seating.keep_last_two_rows_empty,
            )
        )
    return manifests


def _stop(seq: int, name: str | None, point_id: str) -> str:
    """``3 娄山关街道 杉树湾村 (P5203...)``: the stop's order, its place, its id."""
    return f"{seq} {name} ({point_id})" if name else f"{seq} ({point_id})"


def write_manifests(
    manifests: Sequence[Manifest], out_dir: Path, *, books: BookWriter = write_xlsx
) -> None:
    """Write ``bus_<id>.csv`` files and ``manifests.xlsx`` (with ``books``) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for manifest in manifests:
        sheet = Sheet(
            name=manifest.route.bus_id,
            headers=COLUMNS,
            rows=[[row[c] for c in COLUMNS] for row in manifest.rows],
        )
        write_csv(out_dir / f"bus_{manifest.route.bus_id}.csv", sheet)
    books(out_dir / "manifests.xlsx", [_sheet(m) for m in manifests])


def _sheet(manifest: Manifest) -> Sheet:
    route = manifest.route
    return Sheet(
        name=route.bus_id,
        title=(
            (
                f"乘客信息登记表 Passenger manifest: bus {route.bus_id} "
                f"({route.bus_type}, {route.seats} seats)",
            ),
            (
                "出发 Depart",
                route.depart.strftime("%Y-%m-%d %H:%M"),
                "到达 Arrive",
                route.end_arrive.strftime("%Y-%m-%d %H:%M"),
            ),
            (
                "下车点 Drop-offs",
                " → ".join(manifest.dropoffs),
                "人数 Riders",
                f"{route.riders} / {route.capacity_effective}",
            ),
            (
                "途中不上下客 No boarding or alighting on the way; "
                "last two rows kept free for observation."
                if manifest.observation
                else "途中不上下客 No boarding or alighting on the way.",
            ),
            (),
        ),
        headers=_HEADINGS,
        rows=[[row[c] for c in COLUMNS] for row in manifest.rows],
        footer=((), ("司机签字 Driver", "", "", "接收单位签字 Received by", "", "", "时间 Time")),
        widths=_WIDTHS,
    )
