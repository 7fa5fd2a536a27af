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
- ``geonames_cn_cities500_wgs84.csv``: points for townships listed as
  abolished that have none (巷口镇（已撤销）).

and, committed with the project, ``benchmarks/data/areacodes_result.csv``
(yescallop/areacodes, CC0 1.0): every county- and prefecture-level code
since 1981 with the years it was listed and the codes its area went to, for
the names divisions had before 2016 (襄樊市, 万盛区, 思茅地区).

Town codes were renumbered after 2016, so towns are joined by county and name,
never by old town code.  Output columns: ``code, level, name, parent_code,
lat, lon, old_names, merged_names, split_names, split_prefectures`` (WGS-84,
"|"-joined name lists).
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
from returnbus.geo.gazetteer import GENERIC_DISTRICT

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "returnbus" / "data" / "gazetteer.csv.gz"
AREACODES = ROOT / "benchmarks" / "data" / "areacodes_result.csv"
LEVELS = {"province": "province", "city": "prefecture", "county": "county"}
LEVELS["town"] = "township"
TOWN_SUFFIX = re.compile(r"(街道办事处|街道|办事处|民族乡|镇|乡|苏木)$")
# Abolished towns within this distance of a current town seat of the same
# county are taken to have been merged into it.
MERGE_RADIUS_KM = 10.0
# An abolished town named like its 2016 county and this close to the
# county's point was the seat's town (合江县's 合江镇); where the county now
# has townships without a point, its successor is most likely one of those
# (the seat's new 街道), so it is not taken as merged into the nearest
# township that has one.
SEAT_RADIUS_KM = 2.0
_COUNTY_SUFFIX = re.compile(r"(自治县|自治旗|县|区|市|旗)$")
# A 2026 town the join left unmatched (its point from GeoNames) is the 2016
# town of the same name in another county of its province whose point lies
# this close: the town moved to another county (统景镇, 渝北区 -> 北碚区).
MOVED_RADIUS_KM = 5.0
# GeoNames places more than this far from a county's seat are not its towns
# (the rule the 2026 file's own ``geonames:name`` join used).
GEONAMES_RADIUS_KM = 60.0


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
    split: list[str] = field(default_factory=list)
    split_prefectures: list[str] = field(default_factory=list)


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


def build(
    geodata: Path, areacodes: Path = AREACODES, *, former: Counter[str] | None = None
) -> list[Row]:
    """Read the sources and return the output rows, sorted by code.

    ``former``, when given, counts what step 7 did with each former name.
    """
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
    moves = _match_moved_towns(towns, free, taken, vonng)
    _add_moved_from_names(moves, by_code, surviving, vonng, successors)
    _geonames_points_for_abolished(towns, by_code, geodata / "geonames_cn_cities500_wgs84.csv")
    _attach_abolished_towns(towns, free, taken, successors, vonng)  # 5.
    _median_county_points(counties, towns_of)  # 6.
    done = _add_former_divisions(rows, read_areacodes(areacodes))  # 7.
    if former is not None:
        former.update(done)
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


def _match_moved_towns(
    towns: list[Row], free: list[dict[str, str]], taken: set[str], vonng: VonngRows
) -> Counter[tuple[str, str]]:
    """4b. Towns that moved to another county since 2016; return (2016 county, 2026 county) counts.

    The join matched towns only within a county, so a town moved to another
    one (统景镇, 大盛镇, 兴隆镇, 茨竹镇, 大湾镇: 渝北区 -> 北碚区) got its point
    from GeoNames and left its 2016 row unmatched, to be taken as merged into
    some town of the old county's successor (统景镇 into 两江新区's 古路镇).
    Such a town is the 2016 town of its very name in its province whose point
    lies within ``MOVED_RADIUS_KM`` of its own, when only one does; then a
    2016 town of its name with no point in a county so found to have given
    this county a town (大湾镇).  ``taken`` gets the 2016 codes used.
    """
    by_name: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for v in free:
        if v["code"] not in taken:
            by_name[(v["code"][:2], _canon(v["name"]))].append(v)
    moves: Counter[tuple[str, str]] = Counter()
    unplaced: list[Row] = []
    for t in towns:
        if t.src_id:
            continue
        same = [v for v in by_name.get((t.code[:2], _plain(t.name)), []) if v["code"] not in taken]
        near = [
            v
            for v in same
            if t.gcj is not None
            and v["latitude"]
            and _km(t.gcj, (float(v["latitude"]), float(v["longitude"]))) <= MOVED_RADIUS_KM
        ]
        if len(near) == 1 and near[0]["parent"] != t.county_code:
            taken.add(near[0]["code"])
            moves[(near[0]["parent"], t.county_code)] += 1
        elif same and not near:
            unplaced.append(t)
    sources = {(old, new) for old, new in moves}
    for t in unplaced:
        same = [
            v
            for v in by_name[(t.code[:2], _plain(t.name))]
            if v["code"] not in taken and (v["parent"], t.county_code) in sources
        ]
        if len(same) == 1:
            taken.add(same[0]["code"])
            moves[(same[0]["parent"], t.county_code)] += 1
    return Counter({(old, new): n for (old, new), n in moves.items() if old in vonng})


def _add_moved_from_names(
    moves: Counter[tuple[str, str]],
    by_code: dict[str, Row],
    surviving: set[str],
    vonng: VonngRows,
    successors: dict[str, set[str]],
) -> None:
    """4c. A 2016 county gone since that gave towns to several counties: a divided name.

    渝北区 went to 两江新区 (whose old name it is) but gave 统景镇 and four
    more to 北碚区: its name goes to ``split`` of both, so that 渝北区统景镇
    reads as 北碚区's 统景镇 while 渝北区 alone stays 两江新区.  A county still
    there that gave a town away (鄞州区) keeps its own name only.  The moves
    are not added to ``successors``: which towns were merged into which
    (step 5) is left as the join has it.
    """
    for old in sorted({old for old, _ in moves}):
        name = vonng[old]["name"]
        if old in surviving or name == "市辖区":
            continue
        held = sorted(successors[old] | {new for was, new in moves if was == old})
        if len(held) < 2:
            continue
        for code in held:
            row = by_code[code]
            if name != row.name and name not in row.split:
                row.split.append(name)


def _geonames_points_for_abolished(towns: list[Row], by_code: dict[str, Row], path: Path) -> None:
    """4d. A point from GeoNames for a town listed as abolished that has none (巷口镇（已撤销）).

    The 2026 file's own GeoNames join passed over names marked abolished;
    the same rule is used here: the one GeoNames place of that Chinese name
    within ``GEONAMES_RADIUS_KM`` of the county's point.
    """
    wanted = {
        _plain(t.name): t for t in towns if t.lat is None and "（" in t.name
    }  # fmt: skip
    if not wanted:
        return
    places: dict[str, list[tuple[float, float]]] = defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for g in csv.DictReader(f):
            for name in g["names_zh"].split("|"):
                places[name].append((float(g["latitude"]), float(g["longitude"])))
    for t in towns:
        if t.lat is not None or "（" not in t.name:
            continue
        county = by_code.get(t.county_code)
        if county is None or county.lat is None or county.lon is None:
            continue
        seat = (county.lat, county.lon)
        near = [p for p in places.get(_plain(t.name), []) if _km(p, seat) <= GEONAMES_RADIUS_KM]
        if len(near) == 1:
            t.lat, t.lon = near[0]
            t.coord_match = "geonames:name-abolished"


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
    vonng: VonngRows,
) -> None:
    """5. Towns abolished since 2016: attach each to a nearby current town.

    That is the nearest current town seat of a successor county, when it is
    close enough to be the merger; not for a former seat town (named like
    its county, within ``SEAT_RADIUS_KM`` of its point) whose nearest town
    with a point is farther than that, where a successor county has
    townships without one: 合江县's 合江镇 went to its seat's 街道, which have
    none, not to 白米镇 5 km off.
    """
    pointless = {t.county_code for t in towns if t.gcj is None and "（" not in t.name}
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
        if (
            dist > SEAT_RADIUS_KM
            and successors[v["parent"]] & pointless
            and _former_seat_town(v, vonng.get(v["parent"]))
        ):
            continue  # its successor is most likely a township we cannot place
        if dist <= MERGE_RADIUS_KM and _base(name) not in names_in_county[town.parent]:
            town.merged.append(name)
            names_in_county[town.parent].add(_base(name))


def _former_seat_town(v: dict[str, str], county: dict[str, str] | None) -> bool:
    """Whether 2016 town ``v`` was its county's seat town: named like it, and at its point."""
    if county is None or not county["latitude"] or not v["latitude"]:
        return False
    if _base(_canon(v["name"])) != _COUNTY_SUFFIX.sub("", county["name"]):
        return False
    here = (float(v["latitude"]), float(v["longitude"]))
    return _km(here, (float(county["latitude"]), float(county["longitude"]))) <= SEAT_RADIUS_KM


def _median_county_points(counties: list[Row], towns_of: dict[str, list[Row]]) -> None:
    """6. A county with no point of its own: the median of its town seats (3 or more)."""
    for c in counties:
        if c.lat is None:
            pts = [(t.lat, t.lon) for t in towns_of[c.code] if t.lat is not None]
            if len(pts) >= 3:
                c.lat = statistics.median(p[0] for p in pts if p[0] is not None)
                c.lon = statistics.median(p[1] for p in pts if p[1] is not None)
                c.coord_match = "median-of-towns"


# --- 7. names of prefectures and counties dropped since 1990 (yescallop/areacodes)

# A year's code list holds the divisions of 31 December; names still listed in
# 1990 or later are kept, since ID cards (and the hukou addresses copied from
# them) go back that far.
FORMER_SINCE = 1991
IN_USE = 9999
_NEW_CODE = re.compile(r"^(\d{6})(?:\[(\d{4})\])?$")


@dataclass(frozen=True)
class Listed:
    """One row of the areacodes table: a code under one name for a span of years.

    ``status`` is 在用 (in use), 变更 (the code went on under another name or
    parent) or 弃用 (dropped); ``end`` is the first year it was no longer
    listed so (IN_USE while in use); ``new`` holds the codes its area went
    to, each with the year it went (a part given away earlier has an
    earlier year).
    """

    code: str
    name: str
    level: str  # 省级, 地级 or 县级
    status: str
    start: int
    end: int
    new: tuple[tuple[str, int], ...]


Listings = dict[str, list[Listed]]  # code -> its rows, oldest first


def read_areacodes(path: Path) -> Listings:
    """The areacodes table (``result.csv``) by code."""
    by_code: Listings = defaultdict(list)
    with path.open(encoding="utf-8-sig") as f:
        for src in csv.DictReader(f):
            end = int(src["变更/弃用时间"]) if src["变更/弃用时间"] else IN_USE
            new = []
            for part in filter(None, src["新代码"].split(";")):
                match = _NEW_CODE.match(part)
                if match is None:
                    raise ValueError(f"{path.name}: cannot read new code {part!r}")
                new.append((match.group(1), int(match.group(2) or end)))
            by_code[src["代码"]].append(
                Listed(
                    code=src["代码"],
                    name=src["名称"],
                    level=src["级别"],
                    status=src["状态"],
                    start=int(src["启用时间"]),
                    end=end,
                    new=tuple(new),
                )
            )
    for listed in by_code.values():
        listed.sort(key=lambda x: x.start)
    return by_code


def _listed_at(listings: Listings, code: str, year: int) -> list[Listed]:
    return [x for x in listings.get(code, ()) if x.start <= year < x.end]


def _codes_today(x: Listed, listings: Listings) -> set[str]:
    """The codes in use today that hold some of ``x``'s area.

    Followed from where its area went when it was last listed (parts given
    away earlier stay with ``x``'s successors, not with ``x``'s name).
    """
    if x.status == "在用":
        return {x.code}
    went = [code for code, year in x.new if year == x.end]
    if not went:
        went = [x.code] if x.status == "变更" else [code for code, _ in x.new]
    today: set[str] = set()
    for code in went:
        for later in _listed_at(listings, code, x.end):
            today |= _codes_today(later, listings)
    return today


def _former_units(listings: Listings) -> list[tuple[str, str, str, set[str]]]:
    """(level, former name, city, today's codes holding its area) for each name dropped since 1990.

    ``level`` is ``county`` or ``prefecture``; a prefecture's area is that of
    the counties it held when last listed.  A prefecture-level city with no
    counties of its own (沙市市) counts as a county.  ``city`` is the first
    four digits of the code of a district named by direction or as a suburb
    (``GENERIC_DISTRICT``: 5102 for 重庆市's 市中区, 5108 for 广元市's), whose
    name says where it was only with its city; "" for other names.
    """
    units: list[tuple[str, str, str, set[str]]] = []
    for listed in listings.values():
        for x in listed:
            if x.status == "在用" or x.end < FORMER_SINCE or x.level == "省级":
                continue
            kids = _counties_under(listings, x) if x.level == "地级" else []
            if kids:
                today = set().union(*(_codes_today(k, listings) for k in kids))
                units.append(("prefecture", x.name, "", today))
            else:
                city = x.code[:4] if GENERIC_DISTRICT.match(x.name) else ""
                units.append(("county", x.name, city, _codes_today(x, listings)))
    return units


def _counties_under(listings: Listings, prefecture: Listed) -> list[Listed]:
    """The county-level rows listed under ``prefecture`` in its last year."""
    year = prefecture.end - 1
    return [
        x
        for code, listed in listings.items()
        if code[:4] == prefecture.code[:4] and code[4:] != "00"
        for x in listed
        if x.start <= year < x.end
    ]


def _add_former_divisions(rows: list[Row], listings: Listings) -> Counter[str]:
    """7. Names of divisions dropped since 1990, on the divisions holding their area today.

    One successor: the name joins its ``old`` names (襄樊市 -> 襄阳市, 江津市 ->
    江津区).  Several: a county's name goes to ``split`` of each county holding
    part of it (襄阳县), a prefecture's to ``split_prefectures`` of each county
    it held (巢湖市 on 庐江县, 无为市 ...; also 万县市, whose counties are all
    in Chongqing, which has no prefectures).  A name that is still the name of
    a successor, or already a 2016 name in the province, is left to those.

    A district named by direction or as a suburb (市中区, 郊区) is taken per
    city, not per province (Sichuan had six former 市中区), and kept only as the old
    name of a county that took all of its area (重庆市's 市中区 -> 渝中区,
    广元市's -> 利州区); divided (泸州市's among three), it is left out.
    """
    by_code = {r.code[:6]: r for r in rows if r.level in ("prefecture", "county")}
    renamed = {(r.code[:2], old): r for r in rows if r.level == "county" for old in r.old}
    by_place: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for level, name, city, codes in _former_units(listings):
        today = [_in_gazetteer(code, listings, by_code, renamed) for code in sorted(codes)]
        found = [r for r in today if r is not None]
        provinces = {r.code[:2] for r in found}
        if not found or len(found) < len(today) or len(provinces) > 1:
            counts["not placed (unknown successor, or in two provinces)"] += 1
            continue
        by_place[(level, name, provinces.pop(), city)].update(r.code for r in found)
    by_row = {r.code: r for r in rows}
    named_2016 = {(r.code[:2], old) for r in rows if r.level != "township" for old in r.old}
    for (level, name, province, city), codes in sorted(by_place.items()):
        if city:
            counts[_attach_generic_district(name, [by_row[code] for code in sorted(codes)])] += 1
            continue
        if (province, name) in named_2016:
            counts["already a 2016 name"] += 1
            continue
        held = [by_row[code] for code in sorted(codes)]
        if level == "county":
            counts[_attach_former_county(name, held)] += 1
        else:
            parents = {by_row[r.parent].code: by_row[r.parent] for r in held}
            counts[_attach_former_prefecture(name, held, list(parents.values()))] += 1
    return counts


def _in_gazetteer(
    code: str, listings: Listings, by_code: dict[str, Row], renamed: dict[tuple[str, str], Row]
) -> Row | None:
    """The 2026 division of a code in use in the areacodes table.

    Codes the 2026 list replaced (江北区 -> 两江新区) are found by name among
    the 2016 names.
    """
    if code in by_code:
        return by_code[code]
    names = [x.name for x in listings.get(code, ()) if x.status == "在用"]
    return next((renamed[(code[:2], n)] for n in names if (code[:2], n) in renamed), None)


def _attach_former_county(name: str, held: list[Row]) -> str:
    """Attach a former county's name to the division(s) holding its area; say what was done."""
    if any(name == r.name or name in r.old for r in held):
        return "county: still a successor's name"
    if len(held) == 1:
        held[0].old.append(name)
        return "county: old name"
    if any(r.level != "county" for r in held):
        return "county: split, successors not counties"
    for r in held:
        r.split.append(name)
    return "county: split"


def _attach_generic_district(name: str, held: list[Row]) -> str:
    """Keep a former district named by direction or as a suburb if one county took all of it."""
    if len(held) > 1 or held[0].level != "county":
        return "generic district: divided, left out"
    return "generic district: " + _attach_former_county(name, held).removeprefix("county: ")


def _attach_former_prefecture(name: str, held: list[Row], parents: list[Row]) -> str:
    """Attach a former prefecture's name to today's prefecture, or to its counties if split."""
    if any(name == p.name or name in p.old for p in parents):
        return "prefecture: still a successor's name"
    if len(parents) == 1 and parents[0].level == "prefecture":
        parents[0].old.append(name)
        return "prefecture: old name"
    for r in held:
        r.split_prefectures.append(name)
    return "prefecture: split"


def write(rows: list[Row], out: Path) -> None:
    """Write the gzip CSV deterministically (sorted rows; no name or time in the gzip header)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "code", "level", "name", "parent_code", "lat", "lon",
            "old_names", "merged_names", "split_names", "split_prefectures",
        ]
    )  # fmt: skip
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
                "|".join(dict.fromkeys(r.split)),
                "|".join(dict.fromkeys(r.split_prefectures)),
            ]
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    # GzipFile would take the name from ``f`` (the output's, wherever built).
    with out.open("wb") as f, gzip.GzipFile("", mode="wb", fileobj=f, mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def main() -> None:
    """Build the gazetteer and print a short summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--geodata", type=Path, default=ROOT.parent / "shared" / "geodata")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    former: Counter[str] = Counter()
    rows = build(args.geodata, former=former)
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
    print(f"  names dropped since 1990 (areacodes): {dict(sorted(former.items()))}")
    print(
        f"  split names {sum(len(r.split) for r in rows)}, split prefectures "
        f"{sum(len(r.split_prefectures) for r in rows)}"
    )


if __name__ == "__main__":
    main()
