"""Read the desk's changes to a plan: who dropped out, and its own edits.

Both are tables (CSV in any encoding the roster accepts, or XLSX) with a
header row in English or Chinese.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection, Mapping
from pathlib import Path

from ..domain import Edit, EditAction
from ..errors import InputError
from ..geo.hanzi import TO_SIMPLIFIED
from ..ids import numbers_meant
from ..text import Text, by_count, each_said, listed
from .roster import KNOWN_HEADERS, headers_of
from .tables import NamedTable, fields_wanted

_log = logging.getLogger(__name__)

#: A worker id is headed as the roster's may be (工号, 员工编号, 编号, ...).
DROP_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "worker_id": headers_of("worker_id"),
}
EDIT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "action": ("action", "操作"),
    "worker_id": headers_of("worker_id"),
    "bus_id": ("bus_id", "bus", "车辆", "车号", "车辆编号"),
    "point_id": ("point_id", "stop", "上车点", "上车点编号"),
}
_NEEDS: Mapping[EditAction, tuple[str, ...]] = {
    "move": ("worker_id", "bus_id"),
    "lock": ("bus_id",),
    "close": ("point_id",),
    "unlock": ("bus_id",),
    "restore": ("worker_id",),
}
#: The ids an edit may name, each in a column of its own.
_IDS = ("worker_id", "bus_id", "point_id")
#: The words the action column takes (folded: lower case, simplified script),
#: the action's own first; a desk asking for a worker to change bus writes
#: 调车 or 换车 as often as 移动.
_ACTIONS: Mapping[str, EditAction] = {
    "move": "move",
    "移动": "move",
    "调整": "move",
    "调车": "move",
    "换车": "move",
    "transfer": "move",
    "lock": "lock",
    "锁定": "lock",
    "close": "close",
    "关闭": "close",
    "unlock": "unlock",
    "解锁": "unlock",
    "restore": "restore",
    "恢复": "restore",
}


def read_worker_ids(path: Path) -> tuple[str, ...]:
    """The worker ids of a drop list (a ``worker_id`` / 工号 column)."""
    return tuple(worker for _, worker in read_worker_rows(path))


def read_worker_rows(path: Path) -> tuple[tuple[int, str], ...]:
    """Each filled row of a drop list: its row number and worker id.  A list
    of one column (pasted from Excel) is read with or without its header (a
    title typed above it without one is passed over, said).  A list naming
    nobody (a header alone, or rows with no id) is an `InputError`."""
    # A roster's header over the column (姓名, name) is no title: its column holds no id.
    table = NamedTable(path, DROP_COLUMNS, ("worker_id",), alone="worker_id", headers=KNOWN_HEADERS)
    _refuse_hidden(table)
    table.refuse_wide_rows()
    rows = tuple(table.each(lambda row, values: (row, values["worker_id"])))
    # A row with a name but no id drops nobody: said, since its worker keeps the seat.
    blank = [str(row) for row, worker in rows if not worker]
    if blank:
        _log.warning(
            Text(
                by_count("log_drop_no_id", len(blank)),
                file=path.name,
                rows=listed(blank),
                column=table.header["worker_id"],
            )
        )
    found = tuple((row, worker) for row, worker in rows if worker)
    if not found:
        # Re-planned with it, the batch would be recorded unchanged: almost
        # surely a list not yet filled in or saved, or another file.
        raise InputError(
            Text("drop_list_empty", column=table.header["worker_id"]),
            path=path,
            row=table.header_row,
            column=table.header["worker_id"],
            hint=Text("drop_list_empty_action", column=table.header["worker_id"]),
        )
    _warn_listed_twice(path, found)
    return found


def _warn_listed_twice(path: Path, rows: tuple[tuple[int, str], ...]) -> None:
    """Warn of a worker id on two rows or more: pasted twice, harmless (the
    worker is dropped once), or typed for another worker, who keeps the seat."""
    by_worker: dict[str, list[str]] = {}
    for row, worker in rows:
        by_worker.setdefault(worker, []).append(str(row))
    for worker, listed_at in by_worker.items():
        if len(listed_at) > 1:
            _log.warning(
                Text("log_drop_repeated", file=path.name, rows=listed(listed_at), worker=worker)
            )


#: An id Excel turned into a number too long to show: 1.23457E+17.
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?e\+?\d+", re.IGNORECASE)


def excel_mangled(
    unknown: Collection[str], roster_ids: Collection[str]
) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Of a drop list's ``unknown`` ids, those Excel made numbers of: each
    that is the number alone of one roster id, with that id (`numbers_meant`:
    ``413`` for ``00413`` whose zeros Excel dropped, ``204`` for ``W00204``
    whose prefix was left out), and those it wrote in scientific notation.
    Named for the desk, never matched: the list is theirs to correct."""
    lost = numbers_meant(unknown, roster_ids)
    return lost, tuple(sorted(w for w in unknown if _SCIENTIFIC.fullmatch(w)))


def _actions_accepted() -> Text:
    """Every word the action column takes, by action, as a desk reads them:
    ``move/transfer (移动/调整/调车/换车)`` in English, ``移动/调整/调车/换车
    （move/transfer）`` in Chinese; said from `_ACTIONS`, so that a word added
    there is offered too."""
    said = []
    for action in _NEEDS:
        words = [word for word, meant in _ACTIONS.items() if meant == action]
        english = "/".join(w for w in words if w.isascii())
        chinese = "/".join(w for w in words if not w.isascii())
        said.append(each_said(f"{english} ({chinese})", f"{chinese}（{english}）"))
    return listed(said)


def read_edits(path: Path) -> tuple[Edit, ...]:
    """The edits of an edits file: ``action`` (move, lock, close, unlock, restore;
    移动, 锁定, 关闭, 解锁, 恢复; 调车, 换车 and transfer are a move) with
    ``worker_id`` and ``bus_id`` (move), ``bus_id`` (lock, unlock),
    ``point_id`` (close) or ``worker_id`` (restore)."""
    table = NamedTable(path, EDIT_COLUMNS, ("action",))
    _refuse_hidden(table)
    table.refuse_wide_rows()
    read = tuple(table.each(lambda row, values: (row, _edit(table, row, values))))
    _say_notes_only(table, [row for row, edit in read if edit is None])
    edits = _once(table, tuple(edit for _, edit in read if edit is not None))
    if not edits:
        _log.warning(Text("log_edits_none", file=path.name))
    return edits


def _once(table: NamedTable, edits: tuple[Edit, ...]) -> tuple[Edit, ...]:
    """``edits`` with each repeated one (the same action and ids as an earlier
    row: a line copied twice) left out, warned of with the row it repeats.
    It changes nothing the first did not; read twice, a move would be
    refused as moving its worker twice, and a lock or close pass in silence."""
    first: dict[tuple[str, str, str, str], Edit] = {}
    repeats: dict[int, list[str]] = {}
    for edit in edits:
        key = (edit.action, edit.worker_id, edit.bus_id, edit.point_id)
        if key in first:
            repeats.setdefault(first[key].row, []).append(str(edit.row))
        else:
            first[key] = edit
    for row, rows in repeats.items():
        _log.warning(
            Text(
                by_count("log_edits_repeated", len(rows)),
                file=table.path.name,
                rows=listed(rows),
                first=row,
            )
        )
    return tuple(first.values())


def _refuse_hidden(table: NamedTable) -> None:
    """Refuse rows a workbook hides: a list filtered in Excel shows some rows
    and hides the rest, yet every row is in the file, and would be read."""
    if table.hidden_rows:
        raise InputError(
            Text(
                by_count("table_rows_hidden", len(table.hidden_rows)),
                rows=listed([str(r) for r in table.hidden_rows]),
            ),
            path=table.path,
            row=table.hidden_rows[0],
            hint=Text("table_rows_hidden_action"),
        )


def _say_notes_only(table: NamedTable, rows: list[int]) -> None:
    """Warn of the ``rows`` filled only in columns no edit reads (a note in
    备注 on a row of its own): no edit, left out, and said, in case an edit
    was meant there."""
    if rows:
        _log.warning(
            Text(
                by_count("log_edits_notes_only", len(rows)),
                file=table.path.name,
                rows=listed([str(r) for r in rows]),
            )
        )


def _edit(table: NamedTable, row: int, values: dict[str, str]) -> Edit | None:
    """The edit of one row; None for a row with no action and no id (only a note)."""
    path = table.path
    if not any(values.values()):
        return None
    # 關閉 or 鎖定 typed in traditional script is the 关闭 or 锁定 it reads as; so
    # is 锁 定 with a space typed inside (no action has one).
    typed = "".join(values["action"].split())
    action = _ACTIONS.get(typed.lower().translate(TO_SIMPLIFIED))
    if action is None:
        raise InputError(
            Text("edit_action_bad", value=values["action"])
            if values["action"]
            else Text("edit_action_missing"),
            path=path,
            row=row,
            column=table.header["action"],
            hint=Text("edit_action_action", words=_actions_accepted()),
        )
    for field in _NEEDS[action]:
        if field not in table.columns:
            # No such column at all: the header is to fix, not this row.
            raise InputError(
                Text(
                    "edit_column_missing",
                    action=Text(f"edit_{action}"),
                    names=fields_wanted([field], EDIT_COLUMNS),
                ),
                path=path,
                row=table.header_row,
                hint=Text("header_needs", fields=fields_wanted([field], EDIT_COLUMNS)),
            )
        if not values.get(field):
            raise InputError(
                Text("edit_needs", action=Text(f"edit_{action}"), field=table.header[field]),
                path=path,
                row=row,
                column=table.header[field],
                hint=Text("edit_needs_action", field=table.header[field]),
            )
    # An id the action does not take (a lock with a stop filled in) may be a
    # second edit the desk meant: said, never dropped in silence.
    for field in _IDS:
        if values.get(field) and field not in _NEEDS[action]:
            _log.warning(
                Text(
                    "log_edit_unused_id",
                    file=path.name,
                    row=row,
                    action=Text(f"edit_{action}"),
                    column=table.header[field],
                    value=values[field],
                )
            )
    used = {field: values.get(field, "") for field in _NEEDS[action]}
    return Edit(
        action=action,
        worker_id=used.get("worker_id", ""),
        bus_id=used.get("bus_id", ""),
        point_id=used.get("point_id", ""),
        row=row,
        headers=tuple((f, table.header[f]) for f in _IDS if f in table.header),
    )
