"""Write a set of text files into a folder (a synthetic scenario, say)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def write_files(folder: Path, contents: Mapping[str, str]) -> list[Path]:
    """Write each ``name: text`` into ``folder`` as UTF-8; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in contents.items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="")
        paths.append(path)
    return paths
