"""The offline gazetteer: China's 2026 divisions with a WGS-84 point each.

The data ships with the package (``returnbus/data/gazetteer.csv.gz``; see
``returnbus/data/README.md`` for sources, licences and how it was derived).
`returnbus.io.gazetteer.load_gazetteer` reads it once and caches it::

    gaz = load_gazetteer()
    tongzi = gaz.get("520322000000")             # 桐梓县
    seats = gaz.townships("52")                  # every township in Guizhou
    point, used = gaz.locate("520322001000")     # its point, or its parent's

Codes are the 12-digit statistical form; ``code[:6]`` is the GB/T 2260 adcode.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..domain import LatLon

Level = Literal["province", "prefecture", "county", "township"]

#: Levels from coarsest to finest.
LEVELS: tuple[Level, ...] = ("province", "prefecture", "county", "township")

#: City districts named only by direction, or as the city proper or its
#: suburbs (市中区, 东区, 郊区, 城区, 市区, 新区, 城关区): many cities had or
#: have one, so such a name says where it is only right after its city.  The
#: gazetteer keeps one as a former name only where one district took all of
#: its area (市中区 for 重庆市's 渝中区), and the geocoder reads it only there.
GENERIC_DISTRICT = re.compile(r"^[东西南北中市城郊矿新老关]+区$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Division:
    """One administrative division.

    ``province``, ``prefecture`` and ``county`` are the names of the
    divisions above it (and of itself at its own level); ``prefecture`` is ""
    under a municipality (重庆市江津区) and for province-administered counties
    (湖北省仙桃市).  ``location`` is the division's seat in WGS-84, or None
    when the sources have no point for it (use :meth:`Gazetteer.locate`).
    ``old_names`` are names it had before: in the 2016 lists (柏溪镇, 盘县)
    or, for prefectures and counties, since 1990 (襄樊市, 江津市, 万盛区 for
    綦江区); ``merged_names`` are abolished townships whose former seat lies
    within 10 km of this one, so were most likely merged into it.  A county
    that holds part of a former county divided among several (襄阳县 among
    襄州区, 樊城区, 襄城区) has its name in ``split_names``; one that lay in a
    former prefecture divided among several (巢湖市 among 合肥市, 芜湖市,
    马鞍山市) has that name in ``split_prefectures``.  The 2026 list still
    carries some abolished townships, named like ``北关街道（撤销）``; see
    :attr:`abolished`.
    """

    code: str
    level: Level
    name: str
    province: str
    prefecture: str
    county: str
    parent_code: str
    location: LatLon | None
    old_names: tuple[str, ...] = ()
    merged_names: tuple[str, ...] = ()
    split_names: tuple[str, ...] = ()
    split_prefectures: tuple[str, ...] = ()

    @property
    def abolished(self) -> bool:
        """Listed in 2026 but marked as abolished (撤销) or split (撤分)."""
        return "（" in self.name

    @property
    def plain_name(self) -> str:
        """The name without the abolition mark: 北关街道（撤销） -> 北关街道."""
        return self.name.split("（", 1)[0]

    @property
    def full_name(self) -> str:
        """The name with every level above it: 贵州省遵义市桐梓县娄山关街道."""
        parts = [self.province, self.prefecture, self.county, self.name]
        return "".join(dict.fromkeys(p for p in parts if p))


class Gazetteer:
    """All divisions, with lookups by code and by parent.

    Read the shipped one with `returnbus.io.gazetteer.load_gazetteer`.
    """

    __slots__ = ("_by_code", "_children", "divisions")

    def __init__(self, divisions: tuple[Division, ...]) -> None:
        self.divisions = divisions
        self._by_code = {d.code: d for d in divisions}
        children: dict[str, list[Division]] = {}
        for d in divisions:
            children.setdefault(d.parent_code, []).append(d)
        self._children = {k: tuple(v) for k, v in children.items()}

    def __len__(self) -> int:
        return len(self.divisions)

    def __iter__(self) -> Iterator[Division]:
        return iter(self.divisions)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Division:
        """The division with this 12-digit code; ``KeyError`` if there is none."""
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"no division with code {code!r} in the gazetteer") from None

    def parent(self, code: str) -> Division | None:
        """The division directly above, or None for a province."""
        return self._by_code.get(self.get(code).parent_code)

    def ancestors(self, code: str) -> tuple[Division, ...]:
        """The divisions above ``code``, province first (not including itself)."""
        chain: list[Division] = []
        parent = self.parent(code)
        while parent is not None:
            chain.append(parent)
            parent = self._by_code.get(parent.parent_code)
        return tuple(reversed(chain))

    def children(self, code: str) -> tuple[Division, ...]:
        """The divisions directly below ``code``, in code order."""
        return self._children.get(code, ())

    def provinces(self) -> tuple[Division, ...]:
        """The 34 province-level divisions."""
        return tuple(d for d in self.divisions if d.level == "province")

    def townships(
        self, prefix: str = "", *, include_abolished: bool = False
    ) -> tuple[Division, ...]:
        """Townships whose code starts with ``prefix``, in code order.

        ``prefix`` is a code prefix: ``"52"`` is Guizhou, ``"5203"`` Zunyi,
        ``"520322"`` Tongzi county; ``""`` gives all of them.  Townships
        marked abolished are left out unless ``include_abolished``.  Filter
        on ``d.location is not None`` to keep those with a point of their own.
        """
        return tuple(
            d
            for d in self.divisions
            if d.level == "township"
            and d.code.startswith(prefix)
            and (include_abolished or not d.abolished)
        )

    def locate(self, code: str) -> tuple[LatLon, Division]:
        """The point of ``code``, or of its nearest ancestor that has one.

        Returns the point and the division it belongs to, so the caller can
        tell (and say) when a parent's point stood in.
        """
        division: Division | None = self.get(code)
        while division is not None:
            if division.location is not None:
                return division.location, division
            division = self._by_code.get(division.parent_code)
        raise LookupError(f"no point for {code!r} or any division above it")
