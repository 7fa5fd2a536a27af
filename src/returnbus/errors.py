"""Exceptions.  Each also subclasses the matching builtin, as geopy does."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from .text import Lang, Text, say


class ReturnbusError(Exception):
    """Base class of every error returnbus raises on purpose."""


class InputError(ReturnbusError, ValueError):
    """A file or setting the user gave cannot be used.

    The CLI prints the message and exits with code 2.  The message names the
    file, and the row and column where they are known, and what to do.  A
    text file that is no table (the scenario's TOML) has a ``line`` instead
    of a row: "line 11" in English, 第 11 行 in Chinese.

    ``message`` and ``hint`` are catalogue sentences (`returnbus.text.Text`):
    ``str(error)`` is the English, `said` the desk's language.  (A plain
    string is said as it is, in every language.)  ``column`` is the header
    as the file has it, or a `Text` when said apart in each language (the
    headers a missing column may have).
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        row: int | None = None,
        column: str | None = None,
        key: str | None = None,
        hint: str = "",
        line: int | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.row = row
        self.line = line
        self.column = column
        self.key = key
        self.hint = hint
        where = []
        if path is not None:
            where.append(str(path))
        if row is not None:
            where.append(f"row {row}")
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        if key is not None:
            where.append(f"key {key!r}")
        text = f"{', '.join(where)}: {message}" if where else message
        if hint:
            text = f"{text}\n  what to do: {hint}"
        super().__init__(text)

    def said(self, lang: Lang | str = "zh") -> str:
        """The message as the desk reads it: in Chinese (the default), or in
        English (``lang="en"``)."""
        if lang == "en":
            return str(self)
        message, hint = say(self.message, "zh"), say(self.hint, "zh")
        where = []
        if self.path is not None:
            # Looked at when told: a folder (check zh_out) is no file.  os.path
            # says False where Path.is_dir raises (a path it may not look into).
            where.append(f"{'文件夹' if os.path.isdir(self.path) else '文件'} {self.path}")
        for number in (self.row, self.line):  # Chinese says a row and a line alike
            if number is not None:
                where.append(f"第 {number} 行")
        if self.column is not None:
            where.append(f"列“{say(self.column, 'zh')}”")
        if self.key is not None:
            where.append(f"设置项 {self.key}")
        text = f"{'，'.join(where)}：{message}" if where else message
        return f"{text}\n  处理办法：{hint}" if hint else text

    def at(self, path: Path) -> InputError:
        """The same error, naming the file it was found in."""
        return self._moved(path=path)

    def in_column(self, column: str) -> InputError:
        """The same error, naming the column as the file heads it."""
        return self._moved(column=column)

    def _moved(self, **where: Any) -> InputError:
        """The same error, told at another place (``path``, ``column``)."""
        told = {"path": self.path, "row": self.row, "line": self.line, "column": self.column}
        return InputError(self.message, key=self.key, hint=self.hint, **(told | where))


class GeocoderUnavailable(ReturnbusError, RuntimeError):
    """An online geocoder could not be reached or refused the request.

    ``hint`` says what to do; the CLI prints both and exits with code 2.
    Both are catalogue sentences, as `InputError`'s are."""

    def __init__(self, message: Text, *, hint: Text | str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message}\n  what to do: {hint}" if hint else message)

    def said(self, lang: Lang | str = "zh") -> str:
        """The message in Chinese (the default) or English (``lang="en"``)."""
        if lang == "en":
            return str(self)
        message, hint = say(self.message, "zh"), say(self.hint, "zh")
        return f"{message}\n  处理办法：{hint}" if hint else message


def special_file(path: Path | str) -> Text | None:
    """What ``path`` is when it is there but is neither a file nor a folder:
    a device (``/dev/null``), a named pipe or a socket, which hold no file
    to read (a pipe would wait for ever for a writer) nor to write.  None
    for a file, a folder, or a path that is not there."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):  # not there, or no name a file can have: said elsewhere
        return None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Text("special_device")
    if stat.S_ISFIFO(mode):
        return Text("special_pipe")
    if stat.S_ISSOCK(mode):
        return Text("special_socket")
    return None
