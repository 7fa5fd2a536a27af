"""Derive ``src/returnbus/data/gazetteer.csv.gz`` from ``../shared/geodata/``.

Run from the project root::

    .venv/bin/python benchmarks/build_gazetteer.py [--geodata ../shared/geodata]

Inputs (see ``../shared/geodata/README.md``):

- ``cn_divisions_2026_with_coords.csv``: current (2026) divisions with WGS-84
  points; its ``src_id``/``src_name`` name the 2016 Vonng row each one was
  joined to.
- ``vonng_adcode_to_town_gcj02.csv``: 2016 divisions with GCJ-02 points, used
  only for old township and county names (and, for towns of counties created
  after 2016, a point).

Town codes were renumbered after 2016, so towns are joined by county and name,
never by old town code.  Output columns: ``code, level, name, parent_code,
lat, lon, old_names, merged_names`` (WGS-84, "|"-joined name lists).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from returnbus.geo.coords import gcj02_to_wgs84

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "returnbus" / "data" / "gazetteer.csv.gz"
LEVELS = {"province": "province", "city": "prefecture", "county": "county"}
LEVELS["town"] = "township"
TOWN_SUFFIX = re.compile(r"(街道办事处|街道|办事处|民族乡|镇|乡|苏木)$")
# Abolished towns within this distance of a current town seat of the same
# county are taken to have been merged into it.
MERGE_RADIUS_KM = 10.0


@dataclass
class Row:
    code: str
    level: str
    name: str
    parent: str
    county_code: str
    lat: float | None
    lon: float | None
    gcj: tuple[float, float] | None
    src_id: str
    src_name: str
    coord_match: str
    old: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)


def _canon(name: str) -> str:
    """A 2016 office name as it would be written today: 德感街道办事处 -> 德感街道."""
    name = name.removesuffix("人民政府")
    if name.endswith(("街道办事处", "街道办")):
        return name[: name.rindex("街道") + 2]
    return name


def _plain(name: str) -> str:
    """北关街道（撤销） -> 北关街道: the 2026 list keeps some abolished towns."""
    return name.split("（", 1)[0]


def _base(name: str) -> str:
    return TOWN_SUFFIX.sub("", _plain(name))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = math.radians(a[0] - b[0])
    dlon = math.radians(a[1] - b[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 6371.0 * math.hypot(dlat, dlon)


def _float(text: str) -> float | None:
    return float(text) if text else None


VonngRows = dict[str, dict[str, str]]  # 2016 code -> its row in the Vonng table


def build(geodata: Path) -> list[Row]:
    """Read both sources and return the output rows, sorted by code."""
    rows = _read_current(geodata / "cn_divisions_2026_with_coords.csv")
    with (geodata / "vonng_adcode_to_town_gcj02.csv").open(encoding="utf-8") as f:
        vonng: VonngRows = {r["code"]: r for r in csv.DictReader(f)}
    by_code = {r.code: r for r in rows}
    towns = [r for r in rows if r.level == "township"]
    counties = [r for r in rows if r.level == "county"]
    towns_of: dict[str, list[Row]] = defaultdict(list)
    for t in towns:
        towns_of[t.county_code].append(t)
    used = {r.src_id for r in rows if r.src_id}
    # 2016 towns no 2026 row was joined to, and 2016 counties that still exist.
    free = [v for v in vonng.values() if v["level"] == "town" and v["code"] not in used]
    surviving = {c.src_id for c in counties if c.src_id}

    _add_join_renames(rows)  # 1.
    pred = _predecessors(counties, towns, vonng)  # 2.
    _match_new_counties(counties, towns_of, free, surviving, vonng, pred)
    successors = _successors(pred)
    _add_old_county_names(towns, by_code, surviving, vonng)  # 3.
    taken = _match_free_towns(towns, free, pred)  # 4.
    _attach_abolished_towns(towns, free, taken, successors)  # 5.
    _median_county_points(counties, towns_of)  # 6.
    return sorted(rows, key=lambda r: r.code)


def _read_current(path: Path) -> list[Row]:
    """The 2026 divisions as rows, in file order."""
    with path.open(encoding="utf-8") as f:
        return [_row(src) for src in csv.DictReader(f)]


def _row(src: dict[str, str]) -> Row:
    """One 2026 division; ``src_id``/``src_name`` only when joined to a Vonng row."""
    level = LEVELS[src["level"]]
    lat, lon = _float(src["lat_wgs84"]), _float(src["lon_wgs84"])
    gcj = (float(src["lat_gcj02"]), float(src["lon_gcj02"])) if src["lat_gcj02"] else None
    joined = src["coord_match"].startswith("vonng")
    return Row(
        code=src["code"],
        level=level,
        name=src["name"],
        parent=src["parent_code"],
        county_code=src["parent_code"] if level == "township" else src["code"],
        lat=lat,
        lon=lon,
        gcj=gcj,
        src_id=src["src_id"] if joined else "",
        src_name=src["src_name"] if joined else "",
        coord_match=src["coord_match"],
    )


def _add_join_renames(rows: list[Row]) -> None:
    """1. Renames recorded by the join itself (娄山关镇 -> 娄山关街道, 滦县 -> 滦州市)."""
    for r in rows:
        if r.src_name and _canon(r.src_name) != r.name and r.level != "province":
            r.old.append(_canon(r.src_name))


def _predecessors(counties: list[Row], towns: list[Row], vonng: VonngRows) -> dict[str, set[str]]:
    """2. Which 2016 counties each 2026 county descends from, as the join shows."""
    pred: dict[str, set[str]] = defaultdict(set)
    for c in counties:
        if c.src_id:
            pred[c.code].add(c.src_id)
    for t in towns:
        if t.src_id in vonng:
            pred[t.county_code].add(vonng[t.src_id]["parent"])
    return pred


def _match_new_counties(
    counties: list[Row],
    towns_of: dict[str, list[Row]],
    free: list[dict[str, str]],
    surviving: set[str],
    vonng: VonngRows,
    pred: dict[str, set[str]],
) -> None:
    """Add predecessors (and old names) for counties created after 2016.

    Counties created after 2016 (两江新区, 叙州区 ...) matched no town: find the
    2016 counties whose unmatched towns carry their towns' names.
    """
    free_by_prov: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for v in free:
        free_by_prov[v["code"][:2]][_canon(v["name"])].append(v)
    for c in counties:
        unmatched = [t for t in towns_of[c.code] if not t.src_id]
        if c.src_id or not unmatched:
            continue
        votes = Counter(
            v["parent"] for t in unmatched for v in free_by_prov[c.code[:2]].get(t.name, [])
        )
        found = [o for o, n in votes.items() if n >= 3 and n >= 0.15 * len(unmatched)]
        pred[c.code].update(found)
        for o in found:  # renamed or merged: 宜宾县 -> 叙州区, 渝北区 -> 两江新区
            if o not in surviving and vonng[o]["name"] not in ("市辖区", c.name):
                c.old.append(vonng[o]["name"])


def _successors(pred: dict[str, set[str]]) -> dict[str, set[str]]:
    """2016 county -> the 2026 counties descended from it."""
    successors: dict[str, set[str]] = defaultdict(set)
    for new, olds in pred.items():
        for old in olds:
            successors[old].add(new)
    return successors


def _add_old_county_names(
    towns: list[Row], by_code: dict[str, Row], surviving: set[str], vonng: VonngRows
) -> None:
    """3. Old county names: 2016 counties that (mostly) became this one."""
    town_moves: Counter[tuple[str, str]] = Counter()
    for t in towns:
        if t.src_id in vonng:
            town_moves[(vonng[t.src_id]["parent"], t.county_code)] += 1
    moved_from: Counter[str] = Counter()
    for (old, _new), n in town_moves.items():
        moved_from[old] += n
    for (old, new), n in town_moves.items():
        old_row = vonng.get(old)
        if old_row is None or old_row["name"] in ("市辖区", by_code[new].name):
            continue
        if old in surviving and by_code[new].src_id != old:
            continue  # a boundary change, not a rename: 皋兰县 gave a town away
        if n >= 0.25 * moved_from[old] and old_row["name"] not in by_code[new].old:
            by_code[new].old.append(old_row["name"])


def _match_free_towns(
    towns: list[Row], free: list[dict[str, str]], pred: dict[str, set[str]]
) -> set[str]:
    """4. Join the towns the join left unmatched; return the 2016 codes used.

    The same name or base name in a predecessor county is the same town (a
    rename or a move to a new county).
    """
    free_by_county: dict[str, list[dict[str, str]]] = defaultdict(list)
    for v in free:
        free_by_county[v["parent"]].append(v)
    taken: set[str] = set()
    for t in towns:
        if t.src_id:
            continue
        hits = [
            v
            for old in pred[t.county_code]
            for v in free_by_county[old]
            if _canon(v["name"]) == _plain(t.name)
            or (_base(t.name) and _base(_canon(v["name"])) == _base(t.name))
        ]
        if len(hits) != 1 or hits[0]["code"] in taken:
            continue
        taken.add(hits[0]["code"])
        _take_predecessor(t, hits[0])
    return taken


def _take_predecessor(t: Row, v: dict[str, str]) -> None:
    """Record 2016 town ``v`` as ``t``'s predecessor: its name, and its point if ``t`` has none."""
    if _canon(v["name"]) != _plain(t.name):
        t.old.append(_canon(v["name"]))
    if t.lat is None and v["latitude"]:
        gcj = (float(v["latitude"]), float(v["longitude"]))
        t.lat, t.lon = gcj02_to_wgs84(gcj)
        t.gcj = gcj
        t.coord_match = "vonng:predecessor-county"


def _attach_abolished_towns(
    towns: list[Row],
    free: list[dict[str, str]],
    taken: set[str],
    successors: dict[str, set[str]],
) -> None:
    """5. Towns abolished since 2016: attach each to a nearby current town.

    That is the nearest current town seat of a successor county, when it is
    close enough to be the merger.
    """
    names_in_county: dict[str, set[str]] = defaultdict(set)
    for t in towns:
        names_in_county[t.county_code].add(_base(t.name))
        names_in_county[t.county_code].update(_base(o) for o in t.old)
    seats: dict[str, list[Row]] = defaultdict(list)
    for t in towns:
        if t.gcj is not None and "（" not in t.name:  # never into an abolished town
            seats[t.county_code].append(t)
    for v in free:
        name = _canon(v["name"])
        if v["code"] in taken or not TOWN_SUFFIX.search(name) or not v["latitude"]:
            continue
        here = (float(v["latitude"]), float(v["longitude"]))
        candidates = [t for new in successors[v["parent"]] for t in seats[new]]
        near = [(t, _km(here, t.gcj)) for t in candidates if t.gcj is not None]
        if not near:
            continue
        town, dist = min(near, key=lambda pair: pair[1])
        if dist <= MERGE_RADIUS_KM and _base(name) not in names_in_county[town.parent]:
            town.merged.append(name)
            names_in_county[town.parent].add(_base(name))


def _median_county_points(counties: list[Row], towns_of: dict[str, list[Row]]) -> None:
    """6. A county with no point of its own: the median of its town seats (3 or more)."""
    for c in counties:
        if c.lat is None:
            pts = [(t.lat, t.lon) for t in towns_of[c.code] if t.lat is not None]
            if len(pts) >= 3:
                c.lat = statistics.median(p[0] for p in pts if p[0] is not None)
                c.lon = statistics.median(p[1] for p in pts if p[1] is not None)
                c.coord_match = "median-of-towns"


def write(rows: list[Row], out: Path) -> None:
    """Write the gzip CSV deterministically (fixed mtime, sorted rows)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["code", "level", "name", "parent_code", "lat", "lon", "old_names", "merged_names"])
    for r in rows:
        w.writerow(
            [
                r.code,
                r.level,
                r.name,
                r.parent,
                f"{r.lat:.6f}" if r.lat is not None else "",
                f"{r.lon:.6f}" if r.lon is not None else "",
                "|".join(dict.fromkeys(r.old)),
                "|".join(dict.fromkeys(r.merged)),
            ]
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as f, gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def main() -> None:
    """Build the gazetteer and print a short summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geodata", type=Path, default=ROOT.parent / "shared" / "geodata")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.geodata)
    write(rows, args.out)
    levels = Counter(r.level for r in rows)
    located = Counter(r.level for r in rows if r.lat is not None)
    sources = Counter(r.coord_match for r in rows)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    for level, n in levels.items():
        print(f"  {level:<10} {n:>6} rows, {located[level] / n:6.1%} with a point")
    print(
        f"  old names {sum(len(r.old) for r in rows)}, merged names "
        f"{sum(len(r.merged) for r in rows)}"
    )
    print(f"  coordinate sources: {dict(sources)}")


if __name__ == "__main__":
    main()
