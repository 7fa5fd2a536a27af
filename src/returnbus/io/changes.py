"""Read the desk's changes to a plan: who dropped out, and its own edits.

Both are tables (CSV in any encoding the roster accepts, or XLSX) with a
header row in English or Chinese.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..domain import Edit, EditAction
from ..errors import InputError
from ..text import Text
from .tables import NamedTable

DROP_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "worker_id": ("worker_id", "工号", "员工编号", "职工编号"),
}
EDIT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "action": ("action", "操作"),
    "worker_id": ("worker_id", "工号"),
    "bus_id": ("bus_id", "bus", "车辆", "车号"),
    "point_id": ("point_id", "stop", "上车点", "上车点编号"),
}
_NEEDS: Mapping[EditAction, tuple[str, ...]] = {
    "move": ("worker_id", "bus_id"),
    "lock": ("bus_id",),
    "close": ("point_id",),
    "unlock": ("bus_id",),
    "restore": ("worker_id",),
}
_ACTIONS: Mapping[str, EditAction] = {
    "move": "move",
    "移动": "move",
    "调整": "move",
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
    """Each filled row of a drop list: its row number and worker id."""
    table = NamedTable(path, DROP_COLUMNS, ("worker_id",))
    rows = table.each(lambda row, values: (row, values["worker_id"]))
    return tuple((row, worker) for row, worker in rows if worker)


def read_edits(path: Path) -> tuple[Edit, ...]:
    """The edits of an edits file: ``action`` (move, lock, close, unlock, restore;
    移动, 锁定, 关闭, 解锁, 恢复) with ``worker_id`` and ``bus_id`` (move), ``bus_id``
    (lock, unlock), ``point_id`` (close) or ``worker_id`` (restore)."""
    table = NamedTable(path, EDIT_COLUMNS, ("action",))
    return tuple(table.each(lambda row, values: _edit(path, row, values)))


def _edit(path: Path, row: int, values: dict[str, str]) -> Edit:
    action = _ACTIONS.get(values["action"].strip().lower())
    if action is None:
        raise InputError(
            Text("edit_action_bad", value=values["action"]),
            path=path,
            row=row,
            column="action",
            hint=Text("edit_action_action"),
        )
    for field in _NEEDS[action]:
        if not values.get(field):
            raise InputError(
                Text("edit_needs", action=Text(f"edit_{action}"), field=field),
                path=path,
                row=row,
                column=field,
                hint=Text("edit_needs_action", field=field),
            )
    return Edit(
        action=action,
        worker_id=values.get("worker_id", ""),
        bus_id=values.get("bus_id", ""),
        point_id=values.get("point_id", ""),
        row=row,
    )
