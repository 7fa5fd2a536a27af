"""The desk's lists: who is not planned (to call), who returns alone, who
arrives at each quarantine dormitory on each day, what each employer's buses cost, and
who travels with no phone on the roster (to reach some other way).

Each list is a `Sheet` with headings in the desk's language, written as CSV
(machine-readable column keys) and together in ``lists.xlsx``.  These lists
are for the desk: they carry names and full phones, to call people.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from ..plan import Plan, quarantine_causes
from ..screen import HOME_UNKNOWN, Cause
from ..text import Lang
from .dataframes import SELF_RETURN_COLUMNS, UNASSIGNED_COLUMNS, PlanFrames, frames
from .labels import label, labels, stage_label
from .reports import TO_CALL_COLUMNS, to_call_rows
from .tables import COUNT, INTEGER, MONEY, BookWriter, Sheet, write_csv, write_xlsx

UNASSIGNED_KEYS = UNASSIGNED_COLUMNS
SELF_RETURN_KEYS = (*SELF_RETURN_COLUMNS, "dormitory", "room", "from", "until")
#: The self-return list as written: a quarantined self-returner's bed in
#: their room too, numbered as the arrivals list numbers it (the list gave
#: the room alone).  After the columns it always had: `verify` checks those
#: (SELF_RETURN_KEYS), and a list written before the bed still passes.
SELF_RETURN_LIST_KEYS = (*SELF_RETURN_KEYS, "bed")
ARRIVAL_KEYS = (
    "dormitory",
    "date",
    "time",
    "worker_id",
    "name",
    "phone",
    "gender",
    "bus",
    "room",
    "bed",
)
#: The arrivals list as written: `verify` checks the columns of ARRIVAL_KEYS
#: (a list written before the reason was added still passes), and the desk
#: reads why each arrival is quarantined.
ARRIVAL_LIST_KEYS = (*ARRIVAL_KEYS, "quarantine_reason")
COST_KEYS = ("employer", "riders", "buses", "cost_share")
#: Column widths (characters) of each list's sheet, by key: wide enough for an
#: 11-digit phone, a date with its time, a firm's or dormitory's name; the
#: reason wraps in its wide column.  Excel's default (8.4) cut phones in two.
_WIDTHS = {
    "worker_id": 10,
    "row": 6,
    "stage": 10,
    "reason": 60,
    "name": 10,
    "phone": 14,
    "employer": 26,
    "home_county": 28,
    "dormitory": 22,
    "room": 8,
    "from": 12,
    "until": 12,
    "date": 12,
    "time": 8,
    "gender": 6,
    "bus": 10,
    "bed": 6,
    "quarantine_reason": 20,
    "riders": 8,
    "buses": 8,
    "cost_share": 16,
    "travel": 10,
    "bus_id": 10,
    "pickup_place": 24,
    "pickup_point": 14,
    "pickup_time": 17,
}
#: The columns that hold numbers, stored as numbers in lists.xlsx (a desk
#: sums them), by key, and their format: counts, roster rows, bed numbers
#: and money.  A worker id, a phone, a room ("001") or a pickup point's id
#: only looks numeric: it stays text, its leading zeros whole.
_NUMBERS = {
    "row": INTEGER,
    "bed": INTEGER,
    "riders": COUNT,
    "buses": COUNT,
    "cost_share": MONEY,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Lists:
    """The five lists, each a table of rows keyed as its ``*_KEYS`` (the
    self-returners as `SELF_RETURN_LIST_KEYS`, the arrivals as
    `ARRIVAL_LIST_KEYS`, those to call as `TO_CALL_COLUMNS`),
    and the cost list's total line (the workbook's, not the CSV's)."""

    unassigned: list[dict[str, object]]
    self_return: list[dict[str, object]]
    arrivals: list[dict[str, object]]
    cost: list[dict[str, object]]
    to_call: list[dict[str, object]]
    cost_total: dict[str, object]


def build_lists(plan: Plan, lang: Lang) -> Lists:
    """The desk's lists for ``plan``, reasons and words in ``lang``, from
    the plan's tables."""
    tables = frames(plan, lang)
    beds = tables.beds.set_index("worker_id")
    # The bed a whole number, and none ("") for one not quarantined: joined
    # as a float, it was written "3.0".
    bedded = beds[["dormitory", "room", "from", "until", "bed"]].astype({"bed": "Int64"})
    self_return = tables.self_return.join(bedded, on="worker_id")
    return Lists(
        unassigned=_records(tables.unassigned, UNASSIGNED_KEYS),
        self_return=_records(self_return, SELF_RETURN_LIST_KEYS),
        arrivals=_arrivals(tables, quarantine_reasons(plan, lang), lang),
        cost=_cost(tables.riders, lang),
        to_call=[dict(row) for row in to_call_rows(plan, lang)],
        cost_total=_cost_total(tables.riders, lang),
    )


def write_lists(lists: Lists, out_dir: Path, lang: Lang, *, books: BookWriter = write_xlsx) -> None:
    """``unassigned.csv``, ``self_return.csv``, ``arrivals.csv`` and
    ``cost_by_employer.csv`` (column keys as named), and ``lists.xlsx``
    (with ``books``) with a sheet each, headed in ``lang``, and one of those
    to call (to_call.csv is `reports.write_reports`'s)."""
    tables = [
        ("unassigned", UNASSIGNED_KEYS, lists.unassigned),
        ("self_return", SELF_RETURN_LIST_KEYS, lists.self_return),
        ("arrivals", ARRIVAL_LIST_KEYS, lists.arrivals),
        ("cost", COST_KEYS, lists.cost),
        # Always there, as the others are, empty or not: the desk finds it where it looks.
        ("to_call", TO_CALL_COLUMNS, lists.to_call),
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
        if name in files:
            write_csv(out_dir / files[name], Sheet(name=name, headers=keys, rows=cells))
        # Stage codes stay codes in the CSV; the sheet says them in words.
        said = [
            [stage_label(str(v), lang) if k == "stage" else v for k, v in zip(keys, r, strict=True)]
            for r in cells
        ]
        if name == "cost" and rows:  # the CSV keeps one row per employer, its contract
            said.append([lists.cost_total[k] for k in keys])
        sheets.append(
            Sheet(
                name=label(f"sheet_{name}", lang),
                title=((label(f"title_{name}", lang),),),
                headers=labels(keys, lang),
                rows=said,
                widths=[_WIDTHS[k] for k in keys],
                # All but the cost list are too wide to read on a portrait A4.
                landscape=name != "cost",
                freeze_header=True,
                numbers={k: _NUMBERS[key] for k, key in enumerate(keys) if key in _NUMBERS},
            )
        )
    books(out_dir / "lists.xlsx", sheets)


#: Why the plan quarantines a worker given a bed: sent only for sharing a bus
#: with a rider bound there (``whole_bus``), a close contact, or bound there
#: on their own account (health code, origin's risk, screening, or group).
Ground = Literal["sharing", "close_contact", "own"]


def quarantine_grounds(plan: Plan) -> dict[str, Ground]:
    """Why ``plan`` quarantines each worker given a bed, as far as the plan
    itself says (plan.json keeps who is sent for sharing and who is a close
    contact, not the health code or risk that binds the others)."""
    sharing = set(plan.quarantine_for_sharing)

    def ground(worker_id: str) -> Ground:
        if worker_id in sharing:
            return "sharing"
        if worker_id in plan.batch.close_contacts:
            return "close_contact"
        return "own"

    return {bed.worker_id: ground(bed.worker_id) for bed in plan.beds}


def cause_words(cause: Cause, lang: Lang, home_province: str) -> str:
    """``cause`` in ``lang``: the health code, the origin's risk, or a return
    alone from outside ``home_province`` (or from a home placed in no
    province, treated as outside); and for a worker bound only by a member
    of their keep-together group, that member named with it."""
    if cause.kind == "health_code":
        words = label("why_health_code", lang, code=label(cause.detail, lang))
    elif cause.kind == "origin_risk":
        words = label("why_origin_risk", lang, risk=label(f"risk_{cause.detail}", lang))
    elif cause.detail == HOME_UNKNOWN:
        words = label("why_self_return_home_unknown", lang, province=home_province)
    else:
        words = label("why_self_return_outside", lang, province=home_province)
    if cause.member:
        return label("why_group", lang, member=cause.member, reason=words)
    return words


def quarantine_reasons(plan: Plan, lang: Lang) -> dict[str, str]:
    """Why each worker given a bed is quarantined, in ``lang``: its ground
    (`quarantine_grounds`), and for a worker bound there on their own
    account, what binds them or their keep-together group's member
    (`plan.quarantine_causes`).  Where the plan does not know (a plan.json
    written before it kept them, or bound by an earlier plan), the general
    words: screening or their keep-together group."""
    causes = quarantine_causes(plan)
    province = plan.batch.intake.screening.home_province

    def why(worker_id: str, ground: Ground) -> str:
        if ground != "own":
            return label(f"why_{ground}", lang)
        cause = causes.get(worker_id)
        if cause is None:
            return label("why_screening", lang)
        return cause_words(cause, lang, province)

    return {w: why(w, ground) for w, ground in quarantine_grounds(plan).items()}


def _arrivals(
    tables: PlanFrames, reasons: Mapping[str, str], lang: Lang
) -> list[dict[str, object]]:
    """Who arrives at each quarantine dormitory on each day: by bus (at its drop-off) or
    alone, and why they are quarantined (``reasons``)."""
    arrive = tables.riders.set_index("worker_id")["arrive"]
    beds = tables.beds.join(arrive, on="worker_id")
    beds = beds.sort_values(["dormitory", "from", "arrive", "worker_id"], na_position="first")
    return [
        {
            "dormitory": bed["dormitory"],
            "date": bed["from"].isoformat(),
            "time": bed["arrive"].strftime("%H:%M") if bed["bus"] else "",
            "worker_id": bed["worker_id"],
            "name": bed["name"],
            "phone": bed["phone"],
            "gender": label(bed["gender"], lang) if bed["gender"] else "",
            "bus": bed["bus"] or label("by_self", lang),
            "room": bed["room"],
            "bed": bed["bed"],
            "quarantine_reason": reasons.get(bed["worker_id"], ""),
        }
        for bed in beds.to_dict("records")
    ]


def _cost(riders: pd.DataFrame, lang: Lang) -> list[dict[str, object]]:
    """Each employer's riders, the buses they ride, and its share of the cost
    (each bus's cost shared by its riders), the largest share first; riders
    whose roster row names no employer are one row, said so."""
    cost = riders.groupby("employer").agg(
        riders=("worker_id", "size"), buses=("bus", "nunique"), share=("cost_share", "sum")
    )
    cost = cost.reset_index().sort_values(["share", "employer"], ascending=[False, True])
    return [
        {
            "employer": row["employer"] or label("no_employer", lang),
            "riders": row["riders"],
            "buses": row["buses"],
            "cost_share": f"{row['share']:.2f}",
        }
        for row in cost.to_dict("records")
    ]


def _cost_total(riders: pd.DataFrame, lang: Lang) -> dict[str, object]:
    """The cost list's total line: every rider, every bus (once, though
    several employers share it), the plan's whole cost."""
    return {
        "employer": label("cost_total", lang),
        "riders": len(riders),
        "buses": riders["bus"].nunique(),
        "cost_share": f"{riders['cost_share'].sum():.2f}",
    }


def _records(table: pd.DataFrame, keys: Sequence[str]) -> list[dict[str, object]]:
    """The rows of ``table`` as plain values, blanks as ""."""
    return table[list(keys)].astype(object).fillna("").to_dict("records")  # type: ignore[return-value]
