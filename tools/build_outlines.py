"""Build the offline base-map outlines in ``src/returnbus/data/web/``.

Writes two small GeoJSON files (WGS-84, coordinates rounded to 3 decimals) that
the Leaflet map draws under the bus routes:

- ``provinces.geojson``: the 34 province-level units of DCW-GMT (incl. HK,
  Macau and Taiwan), properties ``code`` (2-digit GB/T 2260) and ``name``.
- ``counties.geojson``: APPROXIMATE county areas, the Voronoi cells of the
  gazetteer's county seats, each province computed on its own and clipped to
  that province's outline, properties ``code`` (6-digit) and ``name``.  A
  county without a point is absent.  These are not legal boundaries.

Licences: see ``src/returnbus/data/web/OUTLINES.md``.

Fetch DCW-GMT (Debian package ``gmt-dcw``, LGPL-3+)::

    mkdir -p /tmp/outlines && cd /tmp/outlines
    apt-get download gmt-dcw
    dpkg-deb -x gmt-dcw_*.deb dcw      # -> dcw/usr/share/gmt-dcw/dcw-gmt.nc

Python packages (not project dependencies; use a throwaway venv)::

    python3 -m venv /tmp/outlines/venv
    /tmp/outlines/venv/bin/pip install netCDF4 numpy "shapely>=2.1"

shapely must bundle GEOS >= 3.12 (``coverage_simplify``, ordered Voronoi).
Run from the project root::

    /tmp/outlines/venv/bin/python tools/build_outlines.py \\
        /tmp/outlines/dcw/usr/share/gmt-dcw/dcw-gmt.nc \\
        src/returnbus/data/gazetteer.csv.gz --out src/returnbus/data/web

Method:

1. Each ``CNxx`` item of ``dcw-gmt.nc`` is a list of uint16-packed rings
   (65535 starts a ring; ``lon = x / scale + min``).  Rings nested in another
   ring of the same item are holes (Hunan's ring around a Guizhou exclave).
2. The provinces are packed on different grids, so shared borders do not match
   exactly (slivers up to ~0.001 deg2).  All borders are noded together and
   polygonised; a face covered by two provinces goes to the smaller one, a gap
   face between provinces to the neighbour sharing most of its edge.  The
   result is a clean polygon coverage.
3. ``shapely.coverage_simplify`` (tolerance 0.01 deg) simplifies shared borders
   once for both neighbours, so no gaps or overlaps appear; islands below
   ``MIN_ISLAND`` are dropped; coordinates are snapped to a 0.001 deg grid.
4. Counties: Voronoi cells of each province's county seats, clipped to that
   province's simplified outline, so county and province borders coincide.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import netCDF4
import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.strtree import STRtree

TOLERANCE = 0.01  # degrees, coverage simplification
GRID = 0.001  # degrees, output precision (3 decimals)
MIN_ISLAND = 2e-5  # deg2 (~0.2 km2): smaller parts are dropped after simplification

# DCW-GMT state code (dcw-states.txt, "CN xx") -> GB/T 2260 province code.
DCW_TO_GB = {
    "BJ": "11", "TJ": "12", "HE": "13", "SX": "14", "NM": "15",
    "LN": "21", "JL": "22", "HL": "23",
    "SH": "31", "JS": "32", "ZJ": "33", "AH": "34", "FJ": "35", "JX": "36", "SD": "37",
    "HA": "41", "HB": "42", "HN": "43", "GD": "44", "GX": "45", "HI": "46",
    "CQ": "50", "SC": "51", "GZ": "52", "YN": "53", "XZ": "54",
    "SN": "61", "GS": "62", "QH": "63", "NX": "64", "XJ": "65",
    "TW": "71", "HK": "81", "MO": "82",
}  # fmt: skip


def log(msg: str) -> None:
    print(msg, file=sys.stderr)


# --- DCW-GMT ---------------------------------------------------------------


def _rings(ds: netCDF4.Dataset, item: str) -> list[Polygon]:
    """Decode one DCW item into valid polygons, one per ring (holes not yet applied)."""
    vx, vy = ds.variables[f"{item}_lon"], ds.variables[f"{item}_lat"]
    x = np.asarray(vx[:], dtype=np.int64)
    y = np.asarray(vy[:], dtype=np.int64)
    lon = x / float(vx.getncattr("scale")) + float(vx.getncattr("min"))
    lat = y / float(vy.getncattr("scale")) + float(vy.getncattr("min"))
    starts = [*np.flatnonzero(x == 65535).tolist(), len(x)]
    out: list[Polygon] = []
    for a, b in itertools.pairwise(starts):
        if b - a < 4:
            continue
        ring = Polygon(np.column_stack([lon[a + 1 : b], lat[a + 1 : b]]))
        fixed = shapely.make_valid(ring, method="structure", keep_collapsed=False)
        out.extend(p for p in shapely.get_parts(fixed) if isinstance(p, Polygon) and p.area > 0)
    return out


def _even_odd(rings: list[Polygon]) -> BaseGeometry:
    """Rings inside an odd number of other rings are holes."""
    tree = STRtree(rings)
    probes = shapely.point_on_surface(rings)
    inner, outer = tree.query(probes, predicate="within")
    depth = Counter(int(i) for i, j in zip(inner, outer, strict=True) if i != j)
    shells = [r for i, r in enumerate(rings) if depth[i] % 2 == 0]
    holes = [r for i, r in enumerate(rings) if depth[i] % 2 == 1]
    geom = shapely.union_all(shells)
    return shapely.difference(geom, shapely.union_all(holes)) if holes else geom


def read_dcw(path: Path) -> dict[str, BaseGeometry]:
    """GB code -> raw province geometry from dcw-gmt.nc."""
    ds = netCDF4.Dataset(path)
    ds.set_auto_maskandscale(False)
    try:
        log(f"{path.name}: {ds.getncattr('title')}, version {ds.getncattr('version')}")
        found = {v[2:4] for v in ds.variables if v.startswith("CN") and len(v) == 8}
        if found != set(DCW_TO_GB):
            raise SystemExit(f"unexpected DCW China items: {sorted(found ^ set(DCW_TO_GB))}")
        return {DCW_TO_GB[k]: _even_odd(_rings(ds, f"CN{k}")) for k in sorted(found)}
    finally:
        ds.close()


# --- clean coverage ---------------------------------------------------------


def _assign_gaps(faces: list[Polygon], assign: dict[int, int], gaps: list[int]) -> None:
    """Give each gap face to the neighbour sharing the longest edge with it."""
    tree = STRtree(faces)
    while gaps:
        left: list[int] = []
        for f in gaps:
            shared: Counter[int] = Counter()
            for c in tree.query(faces[f], predicate="touches").tolist():
                if c in assign:
                    edge = shapely.intersection(faces[f].boundary, faces[c].boundary)
                    shared[assign[c]] += edge.length
            if shared:
                assign[f] = shared.most_common(1)[0][0]
            else:
                left.append(f)
        if len(left) == len(gaps):
            log(f"warning: {len(left)} gap faces have no assigned neighbour; left empty")
            return
        gaps = left


def clean_coverage(raw: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Node all borders together and rebuild the provinces as an exact coverage."""
    codes = list(raw)
    geoms = [raw[c] for c in codes]
    lines = shapely.union_all(shapely.boundary(geoms), grid_size=GRID)
    faces: list[Polygon] = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(lines))))
    area = [g.area for g in geoms]
    owners: defaultdict[int, list[int]] = defaultdict(list)
    probes = shapely.point_on_surface(faces)
    for f, p in zip(*STRtree(geoms).query(probes, predicate="within"), strict=True):
        owners[int(f)].append(int(p))
    assign: dict[int, int] = {}
    for f, ps in owners.items():
        assign[f] = min(ps, key=lambda p: area[p])  # overlap: the smaller unit keeps it
    gaps = [f for f in range(len(faces)) if f not in owners]
    n_overlap = sum(len(ps) > 1 for ps in owners.values())
    gap_area = sum(faces[f].area for f in gaps)
    log(f"noded {len(faces)} faces: {n_overlap} overlaps, {len(gaps)} gaps ({gap_area:.4f} deg2)")
    _assign_gaps(faces, assign, gaps)
    parts: defaultdict[int, list[Polygon]] = defaultdict(list)
    for f, p in assign.items():
        parts[p].append(faces[f])
    out = {c: shapely.coverage_union_all(parts[i]) for i, c in enumerate(codes)}
    for c, g in zip(codes, geoms, strict=True):
        if abs(out[c].area - g.area) > 0.01 * g.area:
            raise SystemExit(f"province {c} changed area: {g.area:.4f} -> {out[c].area:.4f}")
    return out


def _drop_small(geom: BaseGeometry) -> BaseGeometry:
    parts = [p for p in shapely.get_parts(geom) if p.area >= MIN_ISLAND]
    if not parts:  # keep at least the largest part
        parts = [max(shapely.get_parts(geom), key=lambda p: p.area)]
    return MultiPolygon(parts) if len(parts) > 1 else parts[0]


def _snap(geom: BaseGeometry) -> BaseGeometry:
    snapped = shapely.set_precision(geom, GRID)
    polys = [p for p in shapely.get_parts(snapped) if isinstance(p, Polygon) and not p.is_empty]
    return MultiPolygon(polys) if len(polys) > 1 else polys[0]


def simplify_provinces(clean: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    codes = sorted(clean)
    simple = shapely.coverage_simplify([clean[c] for c in codes], TOLERANCE)
    return {c: _snap(_drop_small(g)) for c, g in zip(codes, simple, strict=True)}


# --- gazetteer & counties -----------------------------------------------------


def read_gazetteer(path: Path) -> tuple[dict[str, str], list[tuple[str, str, float, float]]]:
    """(province code -> name, [(county code, name, lon, lat)]) from gazetteer.csv.gz."""
    provinces: dict[str, str] = {}
    counties: list[tuple[str, str, float, float]] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["level"] == "province":
                provinces[row["code"][:2]] = row["name"]
            elif row["level"] == "county" and row["lat"] and row["lon"]:
                lon, lat = float(row["lon"]), float(row["lat"])
                counties.append((row["code"][:6], row["name"], lon, lat))
    return provinces, counties


def county_cells(
    provinces: dict[str, BaseGeometry], counties: list[tuple[str, str, float, float]]
) -> dict[str, BaseGeometry]:
    """6-digit code -> Voronoi cell of its seat, clipped to its own province."""
    by_province: defaultdict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for code, _name, lon, lat in counties:
        by_province[code[:2]].append((code, lon, lat))
    cells: dict[str, BaseGeometry] = {}
    outside: list[str] = []
    for pcode, items in sorted(by_province.items()):
        shape = provinces[pcode]
        points = shapely.points([(lon, lat) for _c, lon, lat in items])
        voronoi = shapely.voronoi_polygons(
            shapely.multipoints(points), extend_to=shape, ordered=True
        )
        for (code, _lon, _lat), point, cell in zip(
            items, points, shapely.get_parts(voronoi), strict=True
        ):
            if not shape.covers(point):
                outside.append(code)
            clipped = shapely.intersection(cell, shape, grid_size=GRID)
            polys = [p for p in shapely.get_parts(clipped) if isinstance(p, Polygon)]
            polys = [p for p in polys if p.area > 0]
            if polys:
                cells[code] = MultiPolygon(polys) if len(polys) > 1 else polys[0]
    log(f"{len(outside)} county seats lie outside their simplified province: {outside}")
    return cells


# --- output -------------------------------------------------------------------


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, 3) + 0.0  # + 0.0 turns -0.0 into 0.0
    if isinstance(obj, list | tuple):
        return [_round(o) for o in obj]
    return obj


def write_geojson(path: Path, features: Iterable[tuple[dict[str, str], BaseGeometry]]) -> int:
    """One feature per line; RFC 7946 ring orientation (exterior counter-clockwise)."""
    lines = []
    for props, geom in features:
        geometry = mapping(shapely.orient_polygons(geom))
        feature = {
            "type": "Feature",
            "properties": props,
            "geometry": {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])},
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")
    log(f"wrote {path}: {len(lines)} features, {path.stat().st_size / 1024:.0f} KiB")
    return len(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dcw", type=Path, help="path to dcw-gmt.nc (Debian package gmt-dcw)")
    ap.add_argument("gazetteer", type=Path, help="path to gazetteer.csv.gz")
    ap.add_argument("--out", type=Path, default=Path("src/returnbus/data/web"))
    args = ap.parse_args(argv)

    names, counties = read_gazetteer(args.gazetteer)
    provinces = simplify_provinces(clean_coverage(read_dcw(args.dcw)))
    if set(provinces) != set(names):
        raise SystemExit(f"province codes differ from the gazetteer: {set(provinces) ^ set(names)}")
    cells = county_cells(provinces, counties)
    county_names = {code: name for code, name, _lon, _lat in counties}

    args.out.mkdir(parents=True, exist_ok=True)
    write_geojson(
        args.out / "provinces.geojson",
        (({"code": c, "name": names[c]}, provinces[c]) for c in sorted(provinces)),
    )
    write_geojson(
        args.out / "counties.geojson",
        (({"code": c, "name": county_names[c]}, cells[c]) for c in sorted(cells)),
    )


if __name__ == "__main__":
    main()
