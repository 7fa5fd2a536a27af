"""Read a written plan back: ``plan.json`` into domain objects."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..plan import Plan
from ..planfile import from_document
from ..text import Text


def plan_path(path: Path) -> Path:
    """``plan.json`` itself, or the one inside an output folder."""
    return path / "plan.json" if path.is_dir() else path


def load_plan(path: Path) -> Plan:
    """The plan in ``path`` (an output folder, or its ``plan.json``).

    `InputError` when there is no plan there or it cannot be read as one.
    """
    file = plan_path(Path(path))
    if not file.is_file():
        raise InputError(Text("no_plan"), path=path, hint=Text("no_plan_action"))
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
        return from_document(document)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise InputError(
            Text("plan_unreadable", kind=type(error).__name__, error=str(error)),
            path=file,
            hint=Text("plan_unreadable_action"),
        ) from None
