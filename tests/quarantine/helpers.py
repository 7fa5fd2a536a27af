"""Small dormitories and bed requests around Jiangjin."""

from __future__ import annotations

from datetime import date, timedelta

from returnbus.domain import Dormitory, LatLon, Room, Sex
from returnbus.quarantine import BedRequest, QuarantineParams

START = date(2020, 3, 17)
PARAMS = QuarantineParams(days=14, cleaning_days=1, solver_seconds=5)
HUB = (29.276, 106.232)
FAR = (29.06, 106.11)  # about 25 km from the hub


def dorm(
    dorm_id: str,
    rooms: int,
    *,
    sex: Sex | None = None,
    beds: int = 1,
    at: tuple[float, float] = HUB,
    **fields: object,
) -> Dormitory:
    return Dormitory(
        id=dorm_id,
        name=dorm_id,
        location=LatLon(*at),
        rooms=tuple(Room(number=f"{101 + k}", capacity=beds) for k in range(rooms)),
        sex=sex,
        isolation=beds == 1,
        **fields,  # type: ignore[arg-type]
    )


def request(
    worker_id: str,
    sex: Sex | None = "M",
    *,
    cohort: str = "B1",
    employer: str = "E1",
    at: tuple[float, float] | None = HUB,
    start: date = START,
) -> BedRequest:
    return BedRequest(
        worker_id=worker_id,
        sex=sex,
        cohort=cohort,
        employer=employer,
        employer_location=LatLon(*at) if at else None,
        start=start,
        end=start + timedelta(days=PARAMS.days),
        bus_id=cohort if cohort.startswith("B") else "",
    )
