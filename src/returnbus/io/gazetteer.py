"""Read the gazetteer shipped with the package (``data/gazetteer.csv.gz``)."""

from __future__ import annotations

import csv
import functools
import gzip
import io
from importlib.resources import files

from ..domain import LatLon
from ..geo.gazetteer import LEVELS, Division, Gazetteer, Level

_DATA_FILE = "gazetteer.csv.gz"
_LEVEL_OF: dict[str, Level] = {level: level for level in LEVELS}


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer shipped with the package, read once and cached."""
    raw = files("returnbus").joinpath("data", _DATA_FILE).read_bytes()
    reader = csv.reader(io.StringIO(gzip.decompress(raw).decode("utf-8")))
    next(reader)  # header
    divisions: list[Division] = []
    # Rows are sorted by code, so a parent always comes before its children.
    parents: dict[str, Division] = {}
    for row in reader:
        code, level_text, name, parent_code, lat, lon, old, merged, split, split_up = row
        level = _LEVEL_OF[level_text]
        parent = parents.get(parent_code)
        province = parent.province if parent else name
        prefecture = parent.prefecture if parent else ""
        county = parent.county if parent else ""
        if level == "prefecture":
            prefecture = name
        elif level == "county":
            county = name
        division = Division(
            code=code,
            level=level,
            name=name,
            province=province,
            prefecture=prefecture,
            county=county,
            parent_code=parent_code,
            location=LatLon(float(lat), float(lon)) if lat else None,
            old_names=_split(old),
            merged_names=_split(merged),
            split_names=_split(split),
            split_prefectures=_split(split_up),
        )
        parents[code] = division
        divisions.append(division)
    return Gazetteer(tuple(divisions))


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split("|")) if text else ()
