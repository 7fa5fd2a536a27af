"""Chinese address -> WGS-84 point.

:class:`OfflineGeocoder` (the default) reads an address such as
``贵州遵义桐梓娄山关镇某村3组12号`` against the shipped gazetteer and places
it at the finest division it can name without guessing: township, county,
prefecture or province.  :class:`returnbus.io.online.OnlineGeocoder` asks a web
service (AMap, Baidu or Nominatim) instead, only when the user opts in.

Both return a :class:`GeocodeResult`.  Its ``precision`` is the level of the
division the address was placed at; when that division has no point of its
own, ``location`` is its nearest ancestor's point and ``note`` says so.  A
note never repeats the address: addresses are personal data, and notes end up
in logs and reports.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from ..domain import LatLon, Precision
from ..text import Text, joined, listed
from .gazetteer import GENERIC_DISTRICT, Division, Gazetteer, Level
from .hanzi import IDEOGRAPHS, LOOKALIKES, TO_SIMPLIFIED

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class GeocodeResult:
    """Where an address was placed.

    ``division_code`` and ``division_name`` name the finest division
    recognised (12-digit 2026 code and full name such as
    ``贵州省遵义市桐梓县娄山关街道``), "" when none.  ``note`` explains
    anything a planner should know (old names, ambiguity, fallbacks) in
    English, without repeating the address.
    """

    location: LatLon | None
    precision: Precision
    division_code: str = ""
    division_name: str = ""
    note: str = ""


class Geocoder(Protocol):
    """Anything that turns one address into a :class:`GeocodeResult`."""

    def geocode(self, address: str) -> GeocodeResult:
        """Place one address."""
        ...


def geocode_many(geocoder: Geocoder, addresses: Iterable[str]) -> list[GeocodeResult]:
    """Geocode ``addresses`` in order, asking only once per distinct address.

    Uses the geocoder's own ``geocode_many`` when it has one (the offline
    geocoder also folds differently typed copies of an address together).
    """
    own = getattr(geocoder, "geocode_many", None)
    if callable(own):
        return list(own(addresses))
    return _ask_each_once(geocoder, addresses)


def _ask_each_once(geocoder: Geocoder, addresses: Iterable[str]) -> list[GeocodeResult]:
    seen: dict[str, GeocodeResult] = {}
    results: list[GeocodeResult] = []
    for address in addresses:
        result = seen.get(address)
        if result is None:
            result = seen[address] = geocoder.geocode(address)
        results.append(result)
    return results


# --- text normalisation -----------------------------------------------------

# Keep digits, Latin letters and every CJK ideograph (`IDEOGRAPHS`); drop
# spaces and punctuation.
_JUNK = re.compile(f"[^0-9A-Za-z{IDEOGRAPHS}]+")
# What people type before the address itself: a row number, "户籍地址：",
# "家住", "中国".
_LABEL = re.compile(
    r"^[0-9A-Za-z]*"
    r"(?:(?:家庭|户籍|户口|现|常住|居住|联系|详细|现居住)?(?:住址|地址|所在地)|籍贯|户籍"
    r"|家住|住在|现住|来自)?"
    r"(?:中华人民共和国|中国)?"
)


def normalise_address(address: str) -> str:
    """Fold full-width and traditional characters; drop spaces, punctuation and leading labels.

    ``" 贵州省 遵义市，桐梓县３组"`` becomes ``"贵州省遵义市桐梓县3组"``;
    ``"1. 户籍地址：中国四川..."`` becomes ``"四川..."``; ``"重慶市江津區"``
    becomes ``"重庆市江津区"``.
    """
    folded = unicodedata.normalize("NFKC", address).translate(TO_SIMPLIFIED)
    text = _JUNK.sub("", folded)
    return _LABEL.sub("", text, count=1)


# --- the name index -----------------------------------------------------------

_PROVINCE, _PREFECTURE, _COUNTY, _TOWNSHIP = range(4)
_LEVEL_NUMBER = {"province": 0, "prefecture": 1, "county": 2, "township": 3}
_PRECISION: tuple[Precision, ...] = ("province", "prefecture", "county", "township")

# How a piece of text names a division, from strongest to weakest evidence.
_EXACT, _OLD, _SHORT, _OLD_VARIANT, _MERGED, _BARE, _OLD_BASE, _MERGED_BASE = range(8)
_KIND_BONUS = (3.0, 2.1, 2.0, 1.5, 1.0, 0.0, 0.0, 0.0)
# The name of a former division since divided among several (巢湖市, 襄阳县)
# scores as an old name's variant: below every spelling of a current name, so
# it wins only where a name after it lies in it (巢湖市庐江县).
_DIVIDED = _OLD_VARIANT
# Old and merged bases name townships, read only with a suffix; for a
# prefecture or county the same numbers mark two weaker readings:
# - a county's former name that is today's name of its prefecture (毕节市,
#   the county-level city that is now 七星关区) is only a lead-in: right
#   before a township of that county, or right after its prefecture
#   (毕节地区毕节市);
# - a former name without its suffix (湖北襄樊, 北京宣武) is a bare name
#   that counts only at the start or right after a name above it (so not 中甸
#   in 迪庆州小中甸镇); only the latter where it also names another place
#   (重庆万盛, 万盛 being today's 万盛街道 too).
_LEAD_IN = _OLD_BASE
_FORMER_BARE = _MERGED_BASE
# _MERGED, for a county, marks a former district named by direction or as a
# suburb (重庆市's 市中区, now 渝中区): many cities had a 郊区 or 市中区, so
# it is read only right after its own city (重庆市市中区), never alone, after
# its province or without 区.
_AFTER_CITY = _MERGED
# A township base name followed by any township suffix (德感 + 镇/乡/街道...)
# counts as that township written with another suffix; old and merged bases
# count only with a suffix.
_WITH_SUFFIX = {_BARE: _SHORT, _OLD_BASE: _OLD_VARIANT, _MERGED_BASE: _MERGED}
_LEVEL_GAIN = 10.0  # every level the address names adds this much
_NO_COUNTY_GAIN = 6.0  # a township found without its county: less sure
_GAP_PENALTY = 0.5  # per unmatched character between two names ...
_MAX_GAP_PENALTY = 4.0  # ... up to this much
_START_PENALTY = 0.25  # per character before the first name ...
_MAX_START_PENALTY = 2.0

_ETHNIC = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
    "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡",
    "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
    "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
    "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)  # fmt: skip
# "X族" always; bare multi-character names too (新疆维吾尔自治区, 伊犁哈萨克自治州).
_ETHNIC_TAILS = tuple(
    sorted([e + "族" for e in _ETHNIC] + [e for e in _ETHNIC if len(e) > 1], key=len)[::-1]
)
_TOWN_SUFFIXES = ("街道办事处", "街办事处", "民族乡", "街道", "办事处", "街办", "苏木", "镇", "乡")
# Every suffix a name of a division may end with, for telling a name that
# goes past another only by its suffix (龙江市 in 黑龙江市).
_SUFFIXES = frozenset((
    "省", "市", "自治区", "特别行政区", "地区", "州", "自治州", "盟",
    "县", "区", "旗", "自治县", "自治旗", "新区", "特区", "林区", *_TOWN_SUFFIXES,
))  # fmt: skip
_TOWN_SUFFIX = re.compile(r"(街道办事处|街道|办事处|民族乡|镇|乡|苏木)$")
# Provinces formed since 1990 (the horizon of the gazetteer's former names)
# -> the province they were in before: 重庆市 was a city of 四川省 until
# 1997, so an ID card of then reads 四川省重庆市, 四川省涪陵市 or 四川省江津县.
_PROVINCE_BEFORE = {"500000000000": "510000000000"}
# A province's one-character abbreviation, as on number plates and in a
# desk's shorthand (鄂恩施 for 湖北恩施, 黔遵义): read as the province only
# at the start, right before a name, where no name begins (黔江区, 京山,
# 甘孜 are names) and where the address then lies in that province.
_ABBREVIATIONS = {
    "京": "11", "津": "12", "冀": "13", "晋": "14", "蒙": "15", "辽": "21", "吉": "22",
    "黑": "23", "沪": "31", "苏": "32", "浙": "33", "皖": "34", "闽": "35", "赣": "36",
    "鲁": "37", "豫": "41", "鄂": "42", "湘": "43", "粤": "44", "桂": "45", "琼": "46",
    "渝": "50", "川": "51", "蜀": "51", "黔": "52", "贵": "52", "滇": "53", "云": "53",
    "藏": "54", "陕": "61", "秦": "61", "甘": "62", "陇": "62", "青": "63", "宁": "64",
    "新": "65",
}  # fmt: skip
# A district's short form in everyday use that is no bare name (its name
# without the suffix): 沙区 for 沙坪坝区 and 九区 for 九龙坡区, as Chongqing
# writes them; 沙区 for 沙依巴克区 in Urumqi.  Like a former district by
# direction, such a form is read only right after its own city (重庆沙区,
# 重庆市九区, 乌鲁木齐沙区): the same two characters stand for other
# districts elsewhere.  Only forms in real use; a bare name (大渡口, 沙坪坝)
# needs none.  By code, as the gazetteer's names may change.
_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "500106000000": ("沙区",),  # 重庆市沙坪坝区
    "500107000000": ("九区",),  # 重庆市九龙坡区
    "650103000000": ("沙区",),  # 乌鲁木齐市沙依巴克区
}
_SHORT_FORM_NAMES = frozenset(form for forms in _SHORT_FORMS.values() for form in forms)
# An address of Latin letters (and digits) only: pinyin or English, which the
# gazetteer has no names in.
_LATIN_ONLY = re.compile(r"^[0-9]*[A-Za-z]{2}[0-9A-Za-z]*$")
# A bare name followed by one of these is a village or street name (仁怀村,
# 中山路), not the division: it may lead on to a name (唐山 + 路南区) but
# cannot end an address.
_NOT_A_DIVISION_AFTER = frozenset("村组社路街巷道")
# So is one followed by a two-character road word (江津大道, 中山大街, 帽儿胡同,
# 沪太公路) unless the word begins a division's name (see :func:`_streets`).
# Before 村 the word is part of a village name (东大街村, 大道村), which may
# well follow a county: 江津大街村 stays 江津区.
_ROAD_WORD = re.compile("(?:大道|大街|胡同|公路)(?!村)")
# A road word alone between a county's name so made a street and a full
# name of one of its townships (东城大道东华门街道, 江津路德感街道): the road
# is named after the county, and the township is in it.
_ROAD_BETWEEN = re.compile("[路街巷道]|大道|大街|胡同|公路")


def _strip_ethnic(base: str) -> str:
    """印江土家族苗族 -> 印江; keeps at least two characters (内蒙古 stays)."""
    while base.endswith(_ETHNIC_TAILS):  # one C call rules out most names
        tail = next(t for t in _ETHNIC_TAILS if base.endswith(t))
        if len(base) - len(tail) < 2:
            break
        base = base[: -len(tail)]
    return base


def _province_keys(name: str) -> Iterator[tuple[str, int]]:
    yield name, _EXACT
    base = re.sub(r"(省|市|自治区|特别行政区)$", "", name)
    base = _strip_ethnic(base)
    if base != name and len(base) >= 2:
        yield base, _BARE
        yield base + "省", _SHORT  # 广西省: wrong but common
        if name.endswith("市"):
            yield base + "市", _SHORT
        if name.endswith("自治区"):
            yield base + "自治区", _SHORT


_PREFECTURE_SUFFIX = re.compile(r"(自治州|地区|盟|市)$")


def _prefecture_keys(name: str, old_names: tuple[str, ...] = ()) -> Iterator[tuple[str, int]]:
    yield name, _EXACT
    for old in old_names:  # 襄樊市 for 襄阳市, 思茅地区 for 普洱市
        yield from _old_prefecture_keys(old)
    match = _PREFECTURE_SUFFIX.search(name)
    if not match:
        return
    base = _strip_ethnic(name[: match.start()])
    if len(base) < 2:
        return
    yield base, _BARE
    yield base + "地区", _SHORT  # 毕节地区, 铜仁地区: pre-2011 names
    if match.group(1) == "自治州":
        yield base + "州", _SHORT  # 恩施州, 黔南州
        yield base + "自治州", _SHORT
    elif match.group(1) != "市":
        yield base + "市", _SHORT


def _old_prefecture_keys(old: str) -> Iterator[tuple[str, int]]:
    """A former prefecture name, its base (湖北襄樊) and, for an autonomous prefecture, 鄂西州.

    The base is an ``_OLD_BASE``: read bare only where no prefecture or
    county of its province has that name (see :func:`_kept_candidates`), as
    思茅 is today's 思茅区.
    """
    yield old, _OLD
    match = _PREFECTURE_SUFFIX.search(old)
    if not match:
        return
    base = _strip_ethnic(old[: match.start()])
    if len(base) < 2:
        return
    yield base, _OLD_BASE
    if match.group(1) == "自治州":
        yield base + "州", _OLD_VARIANT


_COUNTY_SUFFIX = re.compile(r"(自治县|自治旗|新区|特区|林区|县|区|市|旗)$")


def _county_bases(name: str) -> Iterator[tuple[str, str]]:
    """(base, suffix) readings of a county name with a base of 2+ characters.

    印江土家族苗族自治县 -> (印江, 自治县); 管城回族区 -> (管城, 区); 两江新区 -> (两江, 新区) and
    (两江新, "") ; 碑林区 -> (碑林, 区), since 碑 + 林区 would leave one.
    """
    match = _COUNTY_SUFFIX.search(name)
    if not match:
        return
    suffix = match.group(1)
    base = name[: match.start()]
    if suffix.startswith("自治"):
        base = _strip_ethnic(base)
    elif base.endswith("族") and len(_strip_ethnic(base)) < len(base):
        yield _strip_ethnic(base), suffix  # 管城回族区 -> 管城(区), as well as 管城回族
    if suffix in ("新区", "林区"):
        if len(base) < 2:  # 碑林区, 金林区
            base, suffix = name[:-1], "区"
        else:
            yield name[:-1], ""  # 两江新 (a bare name only)
    if len(base) >= 2:
        yield base, suffix


def _county_keys(
    name: str, old_names: tuple[str, ...], short_forms: tuple[str, ...] = ()
) -> Iterator[tuple[str, int]]:
    yield name, _EXACT
    for base, suffix in _county_bases(name):
        yield from _county_base_keys(name, base, suffix)
    for old in old_names:
        if GENERIC_DISTRICT.match(old):
            yield old, _AFTER_CITY
        else:
            yield from _old_county_keys(old)
    for short in short_forms:  # 沙区: read only right after its city, as 市中区 is
        yield short, _AFTER_CITY


def _county_base_keys(name: str, base: str, suffix: str) -> Iterator[tuple[str, int]]:
    """The bare and short names a county's (base, suffix) reading gives."""
    if base.startswith("市"):
        # 市中区, 市南区: "the city's centre / south" are districts only, so
        # neither the bare 市中 (济南市中石村 is 济南市 + 中石村) nor a 市中县
        # or 市南市 (沈阳市南市场) names them.
        return
    yield base, _BARE
    if suffix in ("县", "区", "市", "自治县"):
        for other in ("县", "区", "市"):  # 江津县 for 江津区, 印江县
            yield base + other, _SHORT
    if suffix.startswith("自治"):
        yield base + suffix, _SHORT  # 印江自治县, 鄂伦春自治旗
        yield base + suffix[-1], _SHORT  # 鄂伦春旗
        yield name[:-1], _SHORT  # 北川羌族自治 (the 县 left off)


def _old_county_keys(old: str) -> Iterator[tuple[str, int]]:
    """A former county name, and its base alone (北京宣武) and with each common county suffix.

    The base is an ``_OLD_BASE``: read bare where no other division has that
    name, and only right after a name above it where one does (重庆万盛, as
    万盛 is today's 万盛街道 too; see :func:`_kept_candidates`).
    """
    yield old, _OLD
    for old_base, old_suffix in _county_bases(old):
        if old_suffix:
            yield old_base, _OLD_BASE
            for other in ("县", "区", "市"):
                yield old_base + other, _OLD_VARIANT


def _township_base(name: str) -> str:
    match = _TOWN_SUFFIX.search(name)
    if not match:
        return ""
    return _strip_ethnic(name[: match.start()])


def _township_keys(division: Division) -> Iterator[tuple[str, int]]:
    if division.abolished:
        # Still listed, so still a valid answer, but a current township with
        # the same name (often its successor: 相如镇 -> 相如街道) must win.
        yield division.plain_name, _MERGED
        base = _township_base(division.plain_name)
        if len(base) >= 2:
            yield base, _MERGED_BASE
        return
    yield division.name, _EXACT
    base = _township_base(division.name)
    if len(base) >= 2:
        yield base, _BARE
    for names, kind, base_kind in (
        (division.old_names, _OLD, _OLD_BASE),
        (division.merged_names, _MERGED, _MERGED_BASE),
    ):
        for old in names:
            yield old, kind
            old_base = _township_base(old)
            if len(old_base) >= 2:
                yield old_base, base_kind


@dataclass(frozen=True, slots=True)
class _Index:
    """Name -> candidate divisions, with each division's place in the tree.

    ``divisions`` are the gazetteer's, then one stand-in per former division
    since divided among several (巢湖市, 襄阳县; see :func:`_divided`).  A
    stand-in's parent is the finest division holding all of its area, which
    is where an address ending on it is placed; a former prefecture is one
    more ancestor of each county it held, and a former county one more
    parent (``other_parents``) of the townships of each county holding part
    of it.  ``province_before`` maps a province formed since 1990 to the one
    it and its divisions' former names may follow (重庆市 -> 四川省).
    """

    divisions: tuple[Division, ...]
    real: int  # how many of ``divisions`` are the gazetteer's (the rest are stand-ins)
    level: tuple[int, ...]
    parent: tuple[int, ...]  # -1 for provinces
    ancestors: tuple[tuple[int, ...], ...]  # province first, without itself
    other_parents: dict[int, tuple[int, ...]]  # county -> former counties holding part of it
    province_before: dict[int, int]  # province -> the province it was part of
    covers: dict[int, tuple[int, ...]]  # stand-in -> the counties holding its area
    # divided former county -> the counties holding part of it that bear its
    # name as an old name (渝北区 -> 两江新区): read so, it may lead on to a
    # township of another county holding part of it (渝北统景镇 is 北碚区's)
    kin: dict[int, tuple[int, ...]]
    keys: dict[str, tuple[int, ...]]  # name -> (division << 3 | kind, ...)
    town_bases: dict[str, tuple[int, ...]]  # base name -> with-suffix candidates
    reach_from: dict[str, int]  # first two characters -> longest key starting so
    full_names: frozenset[str]  # keys naming some division by more than a bare name

    @staticmethod
    def build(gazetteer: Gazetteer) -> _Index:
        """Index every name the gazetteer's divisions can be written as."""
        real = tuple(gazetteer.divisions)
        _, _, real_ancestors = _tree(real, {})
        divided = _divided(real, real_ancestors)
        divisions = real + tuple(d for d, _ in divided)
        extra: dict[int, tuple[int, ...]] = {}  # county -> former prefectures that held it
        other_parents: dict[int, tuple[int, ...]] = {}
        for i, (d, members) in enumerate(divided, start=len(real)):
            held = extra if d.level == "prefecture" else other_parents
            for m in members:
                held[m] = (*held.get(m, ()), i)
        level, parent, ancestors = _tree(divisions, extra)
        # Each division's province and level, for telling a variant from a real name.
        place = tuple(
            (anc[0] if anc else i, lvl)
            for i, (anc, lvl) in enumerate(zip(ancestors, level, strict=True))
        )
        per_key, exact_levels = _keys_by_name(divisions, level, len(real))
        index: dict[str, tuple[int, ...]] = {}
        full_names: set[str] = set()
        reach_from: dict[str, int] = {}
        for key, cands in per_key.items():
            kept = _kept_candidates(cands, exact_levels.get(key), place, len(real))
            if not kept:
                continue
            index[key] = tuple(kept)
            if any(c & 7 < _BARE for c in kept):
                full_names.add(key)
            if len(key) > reach_from.get(key[:2], 0):
                reach_from[key[:2]] = len(key)
        return _Index(
            divisions=divisions,
            real=len(real),
            level=level,
            parent=parent,
            ancestors=ancestors,
            other_parents=other_parents,
            province_before=_provinces_before(real),
            covers={i: members for i, (_, members) in enumerate(divided, start=len(real))},
            kin={
                i: kin
                for i, (d, members) in enumerate(divided, start=len(real))
                if (kin := tuple(m for m in members if d.name in real[m].old_names))
            },
            keys=index,
            town_bases=_town_bases(index, level),
            reach_from=reach_from,
            full_names=frozenset(full_names),
        )

    def placed(self, div: int) -> int:
        """The division an address ending on ``div`` is placed at: a stand-in's parent."""
        return div if div < self.real else self.parent[div]


def _provinces_before(divisions: tuple[Division, ...]) -> dict[int, int]:
    """Each province formed since 1990 -> the one it was part of, by number."""
    number = {d.code: i for i, d in enumerate(divisions) if d.level == "province"}
    return {
        number[now]: number[before]
        for now, before in _PROVINCE_BEFORE.items()
        if now in number and before in number
    }


def _tree(
    divisions: tuple[Division, ...], extra: dict[int, tuple[int, ...]]
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[int, ...], ...]]:
    """Each division's level, parent (-1 for provinces) and ancestors, by number.

    ``extra`` adds ancestors after a division's own (a county's former
    prefectures), so that its townships have them too.  Parents come before
    their children in ``divisions``.
    """
    number = {d.code: i for i, d in enumerate(divisions) if d.code}
    level = tuple(_LEVEL_NUMBER[d.level] for d in divisions)
    parent = tuple(number.get(d.parent_code, -1) for d in divisions)
    ancestors: list[tuple[int, ...]] = []
    for i in range(len(divisions)):
        p = parent[i]
        ancestors.append(((*ancestors[p], p) if p >= 0 else ()) + extra.get(i, ()))
    return level, parent, tuple(ancestors)


def _divided(
    divisions: tuple[Division, ...], ancestors: tuple[tuple[int, ...], ...]
) -> list[tuple[Division, tuple[int, ...]]]:
    """A stand-in for each former division divided among several, with the counties it covers.

    One per (level, name, province) in the counties' ``split_prefectures``
    and ``split_names``.  The stand-in has no code; its parent is the finest
    division above every county it covers (安徽省 for 巢湖市, 襄阳市 for
    襄阳县, 重庆市 for 万县市).
    """
    members: dict[tuple[Level, str, str], list[int]] = {}
    for i, d in enumerate(divisions):
        for name in d.split_prefectures:
            members.setdefault(("prefecture", name, d.code[:2]), []).append(i)
        for name in d.split_names:
            members.setdefault(("county", name, d.code[:2]), []).append(i)
    divided = []
    for (level, name, _), held in sorted(members.items()):
        common = functools.reduce(_shared_lineage, (ancestors[m] for m in held))
        above = divisions[common[-1]]  # counties of one province share at least it
        stand_in = Division(
            code="",
            level=level,
            name=name,
            province=above.province,
            prefecture=above.prefecture if level == "county" else "",
            county="",
            parent_code=above.code,
            location=None,
        )
        divided.append((stand_in, tuple(held)))
    return divided


def _shared_lineage(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """The ancestors (province first) two lineages have in common."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _division_keys(division: Division, lvl: int, divided: bool) -> Iterable[tuple[str, int]]:
    """Every (name, kind) that names ``division``, which sits at level ``lvl``."""
    if divided:
        return ((division.name, _DIVIDED),)
    if lvl == _PROVINCE:
        return _province_keys(division.name)
    if lvl == _PREFECTURE:
        return _prefecture_keys(division.name, division.old_names)
    if lvl == _COUNTY:
        return _county_keys(division.name, division.old_names, _SHORT_FORMS.get(division.code, ()))
    return _township_keys(division)


def _keys_by_name(
    divisions: tuple[Division, ...], level: tuple[int, ...], real: int
) -> tuple[dict[str, list[int]], dict[str, set[int]]]:
    """Name -> every (division << 3 | kind) it gives, and the levels it is the exact name of."""
    per_key: dict[str, list[int]] = {}
    exact_levels: dict[str, set[int]] = {}
    for i, d in enumerate(divisions):
        lvl = level[i]
        code = i << 3
        for key, kind in _division_keys(d, lvl, i >= real):
            if kind == _EXACT:
                exact_levels.setdefault(key, set()).add(lvl)
            cands = per_key.get(key)
            if cands is None:
                per_key[key] = [code | kind]
            else:
                cands.append(code | kind)
    return per_key, exact_levels


def _kept_candidates(
    cands: list[int], exact: set[int] | None, place: tuple[tuple[int, int], ...], real: int
) -> list[int]:
    """The candidates one name keeps: one per division, none shadowing a real name.

    ``place`` is each division's (province, level); divisions numbered from
    ``real`` on are divided former ones.
    """
    if len(cands) > 1:
        # Keep the strongest way a key names each division.
        strongest: dict[int, int] = {}
        for c in sorted(cands, reverse=True):
            strongest[c >> 3] = c
        cands = list(strongest.values())
        # A spelling of today's prefecture (柳州地区 for 柳州市) gives way to a
        # former prefecture of that very name in its province, since divided
        # (柳州地区's counties went to 柳州市 and 来宾市): read as a bare name,
        # it still leads on to a county of its own (柳州地区柳城县).  Not so
        # for counties: 抚宁县 is first of all today's 抚宁区, which kept its
        # seat and most of its land.
        divided = {
            place[c >> 3] for c in cands if c >> 3 >= real and place[c >> 3][1] == _PREFECTURE
        }
        if divided:
            cands = [
                (c & ~7) | _BARE if c & 7 == _SHORT and place[c >> 3] in divided else c
                for c in cands
            ]
        # A variant must not shadow a former division's real name in its
        # province: 襄阳县 is the divided former county, not 襄阳区 (襄州区's
        # old name) written with 县.
        named = {place[c >> 3] for c in cands if c & 7 == _OLD or c >> 3 >= real}
        if named:
            cands = [
                c
                for c in cands
                if c & 7 != _OLD_VARIANT or c >> 3 >= real or place[c >> 3] not in named
            ]
    # A former prefecture's or county's base (襄樊, 宣武) is read as a bare
    # name where it names nothing else.  Where it also names another place
    # (万盛 is today's 万盛街道 too, 双桥 承德's 双桥区), the parse reads it
    # only right after a name above it (重庆万盛); where that place is a
    # prefecture or county of its own province, never: 思茅 stays today's
    # 思茅区, 淮阴 today's 淮阴区.  (A township's is read only with a suffix.)
    if len(cands) == 1 and cands[0] & 7 == _OLD_BASE and place[cands[0] >> 3][1] != _TOWNSHIP:
        return [(cands[0] & ~7) | _FORMER_BARE]
    cands = [
        c
        for c in cands
        if c & 7 != _OLD_BASE
        or place[c >> 3][1] == _TOWNSHIP
        or not _rivals_at_home(c, cands, place)
    ]
    cands = [
        (c & ~7) | _FORMER_BARE if c & 7 == _OLD_BASE and place[c >> 3][1] != _TOWNSHIP else c
        for c in cands
    ]
    if exact is not None:
        # Nor another level's real name: the prefecture 遵义市 is not the old
        # county 遵义县 written with 市.  A divided former division may sit
        # above one (the prefecture 巢湖市 over today's county 巢湖市): it is
        # read only with a name below it.
        # A former county-level city named like today's prefecture (毕节市,
        # now 七星关区; 六安市, now 金安区 and 裕安区) is a lead-in: never read
        # alone, where the prefecture is meant, but right before a township
        # of its own (贵州省毕节市岔河镇 is 七星关区's, as ID cards written
        # before 2011 meant).
        prefectures = {place[c >> 3] for c in cands if c & 7 == _EXACT}
        kept = []
        for c in cands:
            div, kind = c >> 3, c & 7
            province, lvl = place[div]
            if kind == _EXACT or not (exact - {lvl}) or (div >= real and min(exact) > lvl):
                kept.append(c)
            elif (
                lvl == _COUNTY
                and (kind == _OLD or div >= real)
                and (province, _PREFECTURE) in prefectures
            ):
                kept.append((c & ~7) | _LEAD_IN)
        cands = kept
    return cands


def _rivals_at_home(cand: int, cands: list[int], place: tuple[tuple[int, int], ...]) -> bool:
    """Whether another of ``cands`` is a division above township in ``cand``'s province."""
    province = place[cand >> 3][0]
    return any(
        c != cand and place[c >> 3][0] == province and place[c >> 3][1] != _TOWNSHIP for c in cands
    )


def _town_bases(
    index: dict[str, tuple[int, ...]], level: tuple[int, ...]
) -> dict[str, tuple[int, ...]]:
    """Township base name -> its candidates as read with a township suffix after it."""
    town_bases: dict[str, tuple[int, ...]] = {}
    for key, found in index.items():
        with_suffix = tuple(
            (c & ~7) | _WITH_SUFFIX[c & 7]
            for c in found
            if c & 7 in _WITH_SUFFIX and level[c >> 3] == _TOWNSHIP
        )
        if with_suffix:
            town_bases[key] = with_suffix
    return town_bases


@functools.lru_cache(maxsize=4)
def _index_for(gazetteer: Gazetteer) -> _Index:
    return _Index.build(gazetteer)


# --- parsing ----------------------------------------------------------------


class _Node:
    """One name in a parse chain (a linked list back to the first name)."""

    __slots__ = ("division", "end", "kind", "prev", "score", "start", "weak")

    def __init__(
        self,
        score: float,
        division: int,
        kind: int,
        start: int,
        end: int,
        prev: _Node | None,
        weak: bool,
    ) -> None:
        self.score = score
        self.division = division
        self.kind = kind
        self.start = start
        self.end = end
        self.prev = prev
        # Not enough to end an address on (a bare name alone mid-text, or a
        # village name); only an adjacent finer name may follow it.
        self.weak = weak

    def chain(self) -> Iterator[_Node]:
        node: _Node | None = self
        while node is not None:
            yield node
            node = node.prev


_Reach = dict[int, tuple[int, tuple[int, ...]]]


def _longer_names(
    spans: list[tuple[int, int, tuple[int, ...], bool]],
) -> tuple[_Reach, dict[int, tuple[int, int, tuple[int, ...]]]]:
    """Where full (not bare) names reach, for telling a name inside a longer one.

    Returns, for each position, how far the longest full name starting there
    reaches and its candidates; and for the furthest-reaching full name
    starting before it, its end, start and candidates.  ``spans`` are
    sorted by start.
    """
    reach: _Reach = {}
    for start, end, cands, full in spans:
        if full and end > reach.get(start, (0,))[0]:
            reach[start] = (end, cands)
    cut: dict[int, tuple[int, int, tuple[int, ...]]] = {}
    furthest: tuple[int, int, tuple[int, ...]] = (0, 0, ())
    for start in sorted({span[0] for span in spans}):
        cut[start] = furthest
        here = reach.get(start)
        if here is not None and here[0] > furthest[0]:
            furthest = (here[0], start, here[1])
    return reach, cut


_Upper = dict[int, tuple[int, tuple[int, ...], bool]]  # position -> (end, candidates, full)


def _upper_names(
    spans: list[tuple[int, int, tuple[int, ...], bool]], level: tuple[int, ...]
) -> _Upper:
    """For each position, the longest name of a county or above starting there.

    Its end, candidates and whether it is a full name (黑龙江 is only a bare
    one).  ``level`` is each division's.
    """
    upper: _Upper = {}
    for start, end, cands, full in spans:
        if end > upper.get(start, (0,))[0] and any(level[c >> 3] < _TOWNSHIP for c in cands):
            upper[start] = (end, cands, full)
    return upper


def _read_out_of(
    text: str,
    idx: _Index,
    upper: _Upper,
    prev: int | None,
    at: int,
    name: tuple[int, int, int],
) -> bool:
    """Whether a name is read out of a county's or a higher one's written before it.

    ``name`` is (start, end, division); ``prev`` the division of the name
    before it, which ends at ``at`` (None and 0 at the start).  The name
    written begins at ``at`` and is full, or bare where a bare name is read:
    at the start, or after a name of its own division, one above it, or one
    it holds (哈尔滨黑龙江: the province written again after its city).  The
    name begins inside it and lies within it, or goes past it only by a
    suffix: 龙江市 in 黑龙江市, 黑龙江省黑龙江市 or 哈尔滨黑龙江市 is 龙江,
    part of 黑龙江, and 市; and a name whose own characters go on past it,
    unless it is a division within it, the shared character written once
    (贵港北区 is 贵港's 港北区, but 云阳新区 is not Hubei's 阳新县 with 区).
    Not so a name after a bare name of another place (路南 in 昌平县路南口镇,
    where 南口镇 is 昌平's).
    """
    start, end, division = name
    written = upper.get(at) if at < start else None
    if written is None:
        return False
    reach, cands, full = written
    divisions = [c >> 3 for c in cands]
    if reach <= start or division in divisions:
        return False
    if (
        not full
        and prev is not None
        and all(
            prev != d and prev not in idx.ancestors[d] and d not in idx.ancestors[prev]
            for d in divisions
        )
    ):
        return False
    if reach >= end:
        return True
    inside = idx.keys.get(text[start:reach], ())
    if text[reach:end] in _SUFFIXES and any(c >> 3 == division for c in inside):
        return True
    # Its own characters go on past it: one character written once for both
    # (贵港北区: 贵港 + 港北区), so read only within the name before it; 云阳新区
    # is 云阳's new district, not Hubei's 阳新县 + 区.
    return not any(d in idx.ancestors[division] for d in divisions)


def _streets(
    text: str,
    spans: list[tuple[int, int, tuple[int, ...], bool]],
    ancestors: tuple[tuple[int, ...], ...],
) -> dict[int, int]:
    """Where names followed by a street or village word begin, and how far the longest reaches.

    Such a name (仁怀 in 仁怀村, 江津 in 江津大道) is not the division, nor is
    a shorter one it begins (牡丹 in 牡丹江路, 井陉 in 井陉矿大道).  A road
    word (大道, 大街 ...) does not count where a full name begins (江津大街镇:
    a township, if not 江津区's), nor after a name of a place that holds a
    division named there (大名大街 is 大名县's 大街镇, and 定州周村大街 may be
    周村区's 大街街道).
    """
    roads: dict[int, set[int]] = {m.start(): set() for m in _ROAD_WORD.finditer(text)}
    if roads:
        full_at = set()
        for start, _end, cands, full in spans:
            held = roads.get(start)
            if held is not None:
                if full:
                    full_at.add(start)
                for c in cands:
                    held.update(ancestors[c >> 3])
        for start in full_at:
            del roads[start]
    streets: dict[int, int] = {}
    for start, end, cands, _full in spans:
        if end <= streets.get(start, 0):
            continue
        held = roads.get(end)
        if text[end : end + 1] in _NOT_A_DIVISION_AFTER or (
            held is not None and not any(c >> 3 in held for c in cands)
        ):
            streets[start] = end
    return streets


def _gap(chars: int) -> float:
    return min(chars * _GAP_PENALTY, _MAX_GAP_PENALTY)


# _LEVEL_GAIN + _KIND_BONUS[kind], added up once rather than per candidate.
_KIND_GAIN = tuple(_LEVEL_GAIN + bonus for bonus in _KIND_BONUS)


class _Parse:
    """The dynamic-programming state while one address is parsed, span by span.

    Spans arrive sorted by start.  A chain is held in ``pending`` until a span
    starts at or after its end, then committed to ``best`` (the best chain
    ending at each division so far), so that only names that end before a
    span can lead on to it.
    """

    __slots__ = (
        "ancestors", "best", "cut", "idx", "level", "other_parents", "parent",
        "pending", "province_before", "reach", "streets", "text", "upper",
    )  # fmt: skip

    def __init__(
        self, idx: _Index, text: str, spans: list[tuple[int, int, tuple[int, ...], bool]]
    ) -> None:
        self.level = idx.level
        self.parent = idx.parent
        self.other_parents = idx.other_parents
        self.province_before = idx.province_before
        self.ancestors = idx.ancestors
        self.text = text
        self.best: dict[int, _Node] = {}  # best chain ending at each division so far
        self.pending: list[_Node] = []  # chains whose last name has not ended yet
        self.reach, self.cut = _longer_names(spans)
        self.idx = idx
        self.upper = _upper_names(spans, idx.level)
        self.streets = _streets(text, spans, idx.ancestors)

    def commit(self, node: _Node) -> None:
        """Make ``node`` the best chain ending at its division if it beats the current one."""
        old = self.best.get(node.division)
        # On a tie keep the reading that covers more text (两江新 over 两江).
        if old is None or (node.score, node.end) > (old.score, old.end):
            self.best[node.division] = node

    def flush(self, start: int) -> None:
        """Commit the pending chains whose last name ends at or before ``start``."""
        waiting = []
        for node in self.pending:
            if node.end <= start:
                self.commit(node)
            else:
                waiting.append(node)
        self.pending = waiting

    def read(self, start: int, end: int, cands: tuple[int, ...]) -> None:
        """Extend the chains with every reading of the name at ``start:end``."""
        if self.pending:
            self.flush(start)
        after = self.text[end : end + 1]
        # A bare name followed by a village or road word (仁怀村, 江津大道), or
        # beginning a longer name so followed (牡丹 in 牡丹江路), is not the
        # division, nor is any name that begins a longer full name (太平 in
        # 太平镇, the county 唐县 in the township 唐县镇); both may still lead
        # on to a name right after them.  A township name before 村 is a
        # village (新镇村).  All depend on the span only.
        reach, longer = self.reach.get(start, (0, ()))
        begins = [c >> 3 for c in longer] if reach > end else []
        bare_village = self.streets.get(start, 0) >= end or bool(begins)
        town_village = after == "村"
        # A name that ends a longer full name begun after the name before it
        # is not read: the longer name is what was written (not 理县 in
        # 会理县, 郊区 in 北郊区, 月湖街道 in 望月湖街道), even where it does
        # not fit (山西北郊区: 北郊区 was 太原's; 开福区望月湖街道).  Its first
        # characters may still end the name before it (城区 in 山西城区).
        # Nor is one read out of a county's or a higher name written right
        # after the name before it, going past that only by a suffix
        # (龙江市 in 黑龙江市: see _read_out_of).
        reach, cut_from, longer = self.cut.get(start, (0, 0, ()))
        cut = {c >> 3 for c in longer} if reach >= end else set()
        level, pending = self.level, self.pending
        county_exact = any(c & 7 == _EXACT and level[c >> 3] == _COUNTY for c in cands)
        gate_after = _TOWN_GATE.match(self.text, end) is not None
        for cand in cands:
            div, kind = cand >> 3, cand & 7
            if kind > _BARE and level[div] == _TOWNSHIP:
                continue  # an old base name without its suffix
            bare = kind in (_BARE, _FORMER_BARE)
            # Part of a longer name of another division: not 北郊街道 in
            # 北郊街道办事处 (the same township), nor 芒市 in 芒市镇 (its own).
            inside = bool(begins) and all(div != b and div not in self.ancestors[b] for b in begins)
            if level[div] == _TOWNSHIP:
                village = (bare and bare_village) or town_village or inside
                only = all(c >> 3 == div for c in cands)  # no other place has this name
                node = self.township(div, kind, start, end, village, only)
            elif kind == _LEAD_IN:
                node = self.lead_in(div, start, end, inside)
            elif kind == _AFTER_CITY:
                # 长治市城区路 is a street, as a bare name before 路 would be.
                node = self.after_city(div, start, end, bare_village or inside)
            else:
                # A former base that also names another place (万盛) reads
                # only right after a name above it (see _kept_candidates);
                # so does a county's name with another suffix where that is
                # some other county's own name, before 城关镇, which hundreds
                # of counties have or had: 襄城区城关镇 is 襄阳市's district
                # (at its seat), not 许昌市's 襄城县 and its 城关街道 unless
                # 河南 or 许昌 says so.  Before a township few places have
                # (长宁区竹海镇: 宜宾's 长宁县), the variant still reads.
                shared = (kind == _FORMER_BARE and len(cands) > 1) or (
                    kind == _SHORT and level[div] == _COUNTY and county_exact and gate_after
                )
                village = (bare and bare_village) or inside
                node = self.division(div, kind, start, end, village, shared)
            if node is not None:
                if cut and div not in cut and (node.prev is None or node.prev.end <= cut_from):
                    continue
                prev, at = (None, 0) if node.prev is None else (node.prev.division, node.prev.end)
                if _read_out_of(self.text, self.idx, self.upper, prev, at, (start, end, div)):
                    continue
                pending.append(node)

    def township(
        self, div: int, kind: int, start: int, end: int, village: bool, only: bool = False
    ) -> _Node | None:
        """The chain a township candidate ends, if its county (or a unique scope) is named.

        ``only``: no other division anywhere has the name as written.
        """
        bare = kind == _BARE
        county = self.parent[div]
        best = self.best
        node = self.under(county, div, kind, start, end, village) if county in best else None
        formers = self.other_parents.get(county)  # 襄阳县 for 襄州区's towns
        if formers is not None:
            for former in formers:
                other = self.under(former, div, kind, start, end, village)
                if other is not None and (node is None or other.score > node.score):
                    node = other
                for kin in self.idx.kin.get(former, ()):
                    other = self.under_kin(former, kin, div, kind, start, end, village)
                    if other is not None and (node is None or other.score > node.score):
                        node = other
        if node is None and (only or not bare):
            # No usable county: a province or prefecture named before it may
            # still single the township out (ties between same-named
            # townships are settled later); a bare name only where no other
            # place has it and right after that name (遵义茅台; not 重庆城南,
            # as many places have a 城南).
            return self.without_county(div, kind, start, end, village, bare)
        return node

    def under(
        self, county: int, div: int, kind: int, start: int, end: int, village: bool
    ) -> _Node | None:
        """The chain township ``div`` ends under ``county``, if that county is read before it.

        Only right after it unless the county's name is a full one; a bare
        name, or one that named a road, is followed by a full township name
        of its own after that road's word (江津大道德感街道).
        """
        prev = self.best.get(county)
        if prev is None:
            return None
        gap = start - prev.end
        if gap and (kind == _BARE or (prev.weak and not self.road_between(prev, start))):
            return None
        if prev.weak and prev.kind == _LEAD_IN and kind > _OLD:
            # 昭通市太平镇 is not 昭阳区's 太平街道 with another suffix: a
            # lead-in counts only before a township's own name, so the
            # prefecture's 太平镇 (水富市) is not outscored.
            return None
        score = prev.score + _KIND_GAIN[kind] - _gap(gap)
        return _Node(score, div, kind, start, end, prev, village)

    def under_kin(
        self, former: int, kin: int, div: int, kind: int, start: int, end: int, village: bool
    ) -> _Node | None:
        """Township ``div`` under ``kin`` read by the divided ``former``'s name (渝北 for 两江新区).

        渝北统景镇: 渝北 is read as 两江新区, whose old name 渝北区 is, but
        渝北区 also gave 统景镇 to 北碚区.  Only where what was read is a
        spelling of ``former``'s name (not 两江新区, nor its other old name
        江北区).
        """
        prev = self.best.get(kin)
        if prev is None or prev.kind not in (_OLD, _OLD_VARIANT, _FORMER_BARE):
            return None
        name = self.idx.divisions[former].name
        bases = [base for base, _ in _county_bases(name)] or [name]
        if not any(self.text.startswith(base, prev.start) for base in bases):
            return None
        return self.under(kin, div, kind, start, end, village)

    def road_between(self, county: _Node, start: int) -> bool:
        """Whether a county's name, read where a name may be, names the road that ends at ``start``.

        At the start of the address or after a name above it (江津大道,
        重庆江津大道), not after some other place's name: in
        赛罕中山街人民路街道, 中山街 is a street of 赛罕区, not 中山区.
        """
        trusted = county.prev is not None or county.start == 0
        return trusted and _ROAD_BETWEEN.fullmatch(self.text, county.end, start) is not None

    def without_county(
        self, div: int, kind: int, start: int, end: int, weak: bool, bare: bool = False
    ) -> _Node | None:
        """A township attached to the finest named division above its county.

        A ``bare`` name (no suffix) only right after that division's name.
        """
        node = None
        for a in self.ancestors[div][:-1]:  # province, prefecture
            prev = self.best.get(a)
            if prev is None or prev.weak or (bare and prev.end != start):
                continue
            # No bonus for the kind of name: without a county, a current
            # 城关镇 and a former one in the same province are equally likely.
            score = prev.score + _NO_COUNTY_GAIN - _gap(start - prev.end)
            if node is None or score > node.score:
                node = _Node(score, div, kind, start, end, prev, weak)
        return node

    def division(
        self, div: int, kind: int, start: int, end: int, village: bool, shared: bool = False
    ) -> _Node | None:
        """The best chain a province, prefecture or county candidate ends.

        None when ``shared`` (a former base that also names another place,
        or a county's name with another suffix that is some other county's
        own name, before 城关镇) and no name above it is right before it.
        """
        gain = _KIND_GAIN[kind]
        node = None
        if not shared:
            # A bare name with nothing before it is only trusted at the start
            # of the address; a former one only there or right after a name
            # above it.
            score = gain - min(start * _START_PENALTY, _MAX_START_PENALTY)
            weak = village or (kind >= _BARE and start > 0)
            node = _Node(score, div, kind, start, end, None, weak)
        best = self.best
        for a in self.above(div, kind):
            prev = best.get(a)
            if prev is None:
                continue
            gap = start - prev.end
            if gap and (prev.weak or kind == _FORMER_BARE or shared):
                continue
            score = prev.score + gain - _gap(gap)
            if node is None or score > node.score or (node.weak and not village):
                node = _Node(score, div, kind, start, end, prev, village)
        return node

    def above(self, div: int, kind: int) -> tuple[int, ...]:
        """The divisions a name of ``div`` read as ``kind`` may follow: its ancestors.

        A province formed since 1990 may follow the one it was part of, as a
        city of it: 四川省重庆市 is 重庆市, and what follows nests in 重庆市.  A
        former name written in full (not bare) may also follow the province
        its division was in then: 四川省涪陵市 is 重庆市涪陵区, but 四川双桥 is
        as likely one of Sichuan's own 双桥镇 as 大足区 (双桥区 until 2011).
        """
        ancestors = self.ancestors[div]
        if not ancestors:
            before = self.province_before.get(div)
            return () if before is None else (before,)
        if kind in (_OLD, _OLD_VARIANT):
            before = self.province_before.get(ancestors[0])
            if before is not None:
                return (before, *ancestors)
        return ancestors

    def lead_in(self, div: int, start: int, end: int, inside: bool) -> _Node:
        """A county read from a lead-in name (毕节市 as 七星关区): never an end of its own.

        Only right after its prefecture (毕节地区毕节市) may an address end on
        it; otherwise just a township right after it may follow.
        """
        gain = _KIND_GAIN[_LEAD_IN]
        score = gain - min(start * _START_PENALTY, _MAX_START_PENALTY)
        node = _Node(score, div, _LEAD_IN, start, end, None, True)
        parent = self.parent[div]
        for a in self.ancestors[div]:
            prev = self.best.get(a)
            if prev is None:
                continue
            gap = start - prev.end
            if gap and prev.weak:
                continue
            weak = inside or gap > 0 or a != parent
            score = prev.score + gain - _gap(gap)
            if (not weak, score) > (not node.weak, node.score):
                node = _Node(score, div, _LEAD_IN, start, end, prev, weak)
        return node

    def after_city(self, div: int, start: int, end: int, weak: bool) -> _Node | None:
        """A county read from a former district name by direction (市中区 as 渝中区).

        Only right after its city (its parent: 重庆市, 广元市) is it read;
        anywhere else such a name says nothing of where it is.  ``weak``: it
        begins a street or village name, so only a township may follow it.
        """
        prev = self.best.get(self.parent[div])
        if prev is None or prev.end != start:
            return None
        score = prev.score + _KIND_GAIN[_AFTER_CITY]
        return _Node(score, div, _AFTER_CITY, start, end, prev, weak)

    def tied(self) -> list[_Node]:
        """Commit what is still pending; return the top-scoring chains that may end."""
        for node in self.pending:
            self.commit(node)
        finals = [node for node in self.best.values() if not node.weak]
        if not finals:
            return []
        level = self.level
        named = [node for node in finals if level[node.division] <= _PREFECTURE]
        if not named:
            top = max(node.score for node in finals)
            return [node for node in finals if node.score >= top - 1e-9]
        scores = [node.score - self.foreign_penalty(node, named) for node in finals]
        top = max(scores)
        return [node for node, score in zip(finals, scores, strict=True) if score >= top - 1e-9]

    def foreign_penalty(self, node: _Node, named: list[_Node]) -> float:
        """One level's worth when the address names a province or prefecture the chain is not in.

        随州唐县 is not the county 唐县 in Hebei: 随州 (Hubei), read as a
        division in its own right, outweighs it, so the named prefecture wins
        (乌兰察布新城区 likewise is not 呼和浩特's 新城区).  A name read
        within the chain's own names (海南 in 海南州, 东营 across 山东 +
        营市街街道) does not count.  Within the chain's own province it
        counts only against a lone name after it: 资阳市简阳市石桥镇 gives
        简阳's former prefecture, and in 甘肃肃南白银3组 白银 is a township.
        """
        ancestors = self.ancestors
        lineage = ancestors[node.division]
        province = (lineage or (node.division,))[0]
        for other in named:
            div = other.division
            if div == node.division or div in lineage:
                continue
            if (ancestors[div] or (div,))[0] == province and (
                node.prev is not None or other.start > node.start
            ):
                continue
            chain = node.chain()
            # Does the name cover text the chain does not read?
            start, end = other.start, other.end
            for n in chain:
                if n.start <= start < n.end:
                    start = n.end
                if n.start < end <= n.end:
                    end = n.start
            if start < end:
                return _LEVEL_GAIN
        return 0.0


class OfflineGeocoder:
    """Place Chinese addresses with the shipped gazetteer, offline.

    The address is scanned for every division name it contains (full names,
    short names such as 贵州 / 恩施州 / 江津, suffix variants such as
    娄山关镇 for 娄山关街道, 2016 names, and prefecture and county names
    dropped since 1990 such as 襄樊市 or 万盛区, bare too where no other
    place has that name, 湖北襄樊, or right after a name above it where
    another place has, 重庆万盛; Chongqing's, and 重庆市 itself, also after
    四川, its province until 1997: 四川省涪陵市, 四川省重庆市; a province's
    one-character abbreviation at the start, 鄂恩施, where no name begins
    there), and the best
    chain of names that nest inside each other (province > prefecture >
    county > township) wins (more levels named, fuller names and fewer
    skipped characters score higher; today's names score above former ones).  A township is placed
    when its county is named, or when the province or prefecture named holds
    exactly one township of that name (written bare, right after it, only
    where no other place has the name: 遵义茅台); a bare county or township name counts
    only at the start of the address or right after its parent, and not
    before a street or village word (江津路, 江津大道, 仁怀村: a street or
    village named after the place), though a full name of one of its
    townships may follow the road word (江津大道德感街道).  So an address
    never gets more precision than it states: when a name stays ambiguous,
    the result falls back to the finest division every reading shares that
    the address names, and the note says so.  A former division since
    divided among several (巢湖市) places an address at the finest
    division holding all of it, unless a name written after it lies in one
    successor (巢湖市庐江县 is 合肥市庐江县); a spelling of today's
    prefecture gives way to it (柳州地区 is not 柳州市).  A former
    county-level city named like today's prefecture (毕节市, now 七星关区)
    counts only right before one of its townships or right after its
    prefecture, and a former district named by direction or as a suburb
    (市中区, now 渝中区) only right after its city (重庆市市中区).

    Building the name index takes about a second; it is cached per
    gazetteer, so later instances are free.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._index = _index_for(self.gazetteer)

    def geocode(self, address: str) -> GeocodeResult:
        """Place one address; never raises on bad text (precision ``none``)."""
        text = normalise_address(address)
        if _LATIN_ONLY.match(_JUNK.sub("", unicodedata.normalize("NFKC", address))):
            # Pinyin or English: the gazetteer has no such names.
            return GeocodeResult(location=None, precision="none", note=Text("geo_latin_only"))
        if not text:
            why = Text("geo_no_place") if address.strip() else Text("geo_empty")
            return GeocodeResult(location=None, precision="none", note=why)
        # As typed, not with a leading abbreviation read (贵安新区 is no 贵州 + 安新区).
        written = text
        text, (node, note) = self._read(text)
        area = self._new_area(written, node)
        if area is not None:
            return self._result(*area)
        seat = self._county_seat(text, node)
        if seat is not None:
            return self._result(*seat)
        if node is None:
            return self._nothing_read(text, note)
        finer = self._township_before(text, node) or self._one_character_off(text, node)
        if finer is None:
            two = self._two_counties(text, node)
            if isinstance(two, GeocodeResult):
                return two
            if two is not None:
                text, node, note = two
            else:
                zone = self._zone_as_named(text, node)
                if zone is not None:
                    return self._result(*zone)
        return self._result(text, *(finer or (node, note)))

    def _nothing_read(self, text: str, why: str) -> GeocodeResult:
        """The result where no chain of names was read: with a lookalike put right, or none."""
        alike = self._lookalike_anywhere(text)
        if alike is not None:
            return self._result(text, *alike)
        return GeocodeResult(location=None, precision="none", note=why or Text("geo_no_place"))

    def geocode_many(self, addresses: Iterable[str]) -> list[GeocodeResult]:
        """Geocode in order; repeated addresses are parsed once."""
        seen: dict[str, GeocodeResult] = {}
        results: list[GeocodeResult] = []
        for address in addresses:
            result = seen.get(address)
            if result is None:
                key = normalise_address(address)
                result = seen.get(key)
                if result is None:
                    result = seen[key] = self.geocode(address)
                seen[address] = result
            results.append(result)
        return results

    # -- internals --

    def _read(self, text: str) -> tuple[str, tuple[_Node | None, str]]:
        """The text read and its parse: with a leading abbreviation as its province (鄂 湖北省)."""
        province = _ABBREVIATIONS.get(text[:1])
        if province is None or self._name_at(text, 0) or not self._name_at(text, 1):
            return text, self._parse(text)
        idx = self._index
        code = province + "0" * 10
        whole = idx.divisions[next(i for i in range(idx.real) if idx.divisions[i].code == code)]
        expanded = whole.name + text[1:]
        node, note = self._parse(expanded)
        if node is None or any(
            idx.divisions[d].code == code for d in (*idx.ancestors[node.division], node.division)
        ):
            return expanded, (node, note)
        return text, self._parse(text)  # the name after it lies elsewhere: not an abbreviation

    def _county_seat(self, text: str, node: _Node | None) -> tuple[str, _Node, str, str] | None:
        """The county written with 县城 (or 城区, 城里 ...) after it, read as its seat.

        开县县城, 梁平县城, 江津城区: the word names no township but the
        county's seat, which is where the gazetteer's point of a county lies.
        So does 城关镇 (or 城关街道) where the county has none today (德江县城关镇,
        renamed since): it was the seat's town, whatever its name now; and
        so does a town named like the county (合江县合江镇, now its seat's 街道).
        Read as the text before the word, where that ends on a county right
        before it (开县县城南门 is 开县's seat, not its 南门镇); not where the
        address reads finer as written
        (晋城市城区 is a district of its own, 城关镇 a township).  The county
        before it may follow one named like its former prefecture (万州区开县县城
        is 开县's seat; see :meth:`_two_counties`).  Returns the text read,
        its chain, the note on how it was read ("" or that former prefecture)
        and the note on the seat.
        """
        idx = self._index
        if node is not None and idx.level[node.division] == _TOWNSHIP:
            return None
        # Every place the word may begin, latest first: 綦江县城 is 綦江县 + 城
        # before it is 綦江 + 县城.
        words = [(m.start(), m.group(1), "geo_county_seat") for m in _COUNTY_SEAT.finditer(text)]
        words += [(m.start(), m.group(), "geo_town_gate_seat") for m in _TOWN_GATE.finditer(text)]
        if node is not None and node.division < idx.real and idx.level[node.division] == _COUNTY:
            # So is a town named like the county (合江县合江镇), the seat's
            # town as often as 城关镇 is, where the county has none today.
            for base, _ in _county_bases(idx.divisions[node.division].name):
                gate = re.compile(re.escape(base) + "(?:街道办事处|街道|镇)")
                words += [(m.start(), m.group(), "geo_town_gate_seat") for m in gate.finditer(text)]
        spans = self._spans(text) if words else []
        for at, word, key in sorted(words, reverse=True):
            end = at + len(word)
            if any(full and at <= start < end < stop for start, stop, _, full in spans):
                continue  # the word begins a name written in full (巫溪县城厢镇)
            left = text[:at]  # what follows lies in the town: its streets, gates
            seat, _ = self._parse(left)
            note = ""
            if seat is not None and seat.end != at:
                # 万州区开县: the chain stops at 万州区, the level above 开县.
                two = self._two_counties(left, seat)
                if isinstance(two, tuple):
                    left, seat, note = two
            if (
                seat is None
                or seat.end != len(left)
                or seat.division >= idx.real
                or idx.level[seat.division] != _COUNTY
            ):
                continue
            county = idx.divisions[seat.division]
            if county.location is None:
                key += "_no_point"
            said = (
                Text(key, name=county.name, written=word)
                if key.startswith("geo_town_gate_seat")
                else Text(key, name=county.name)
            )
            return left, seat, note, said
        return None

    def _two_counties(
        self, text: str, node: _Node
    ) -> GeocodeResult | tuple[str, _Node, str] | None:
        """The address read when it names two counties one right after the other.

        Neither lies in the other (万州区开县, 江津区綦江区), so which is the
        home is not written: the address is placed at the finest division
        both lie in.  But where the first is named like the former
        prefecture that held the second (万州区 for 万县市, 开县's until
        1997; 涪陵区丰都县, 黔江区酉阳县), it is written as the level above,
        and the second is read: returns the text without the first, its
        chain and the note.
        """
        idx = self._index
        if node.division >= idx.real or idx.level[node.division] != _COUNTY:
            return None
        first = [*node.chain()][-1]
        pair = self._county_after(text, node) or self._county_before(text, first)
        if pair is None:
            return None
        (a, a_span), (b, b_span) = pair
        county_a, county_b = idx.divisions[a], idx.divisions[b]
        former = _former_prefecture(county_a, county_b)
        if former:
            note = Text(
                "geo_former_prefecture_seat",
                written=text[a_span[0] : a_span[1]],
                former=former,
                name=county_b.name,
            )
            if node.division == b:
                return text, node, note
            rest = text[: a_span[0]] + text[a_span[1] :]
            reread, _ = self._parse(rest)
            if reread is None or reread.division != b:
                return None
            return rest, reread, note
        shared_lineage = [d for d in idx.ancestors[a] if d < idx.real and d in idx.ancestors[b]]
        if not shared_lineage:
            return None  # of two provinces: the chain read stands
        shared = shared_lineage[-1]
        division = idx.divisions[shared]
        point, _ = self.gazetteer.locate(division.code)  # provinces and cities all have one
        level = _level(_PRECISION[idx.level[shared]])
        note = Text(
            "geo_two_counties",
            first=text[a_span[0] : a_span[1]],
            second=text[b_span[0] : b_span[1]],
            level=level,
        )
        return GeocodeResult(
            location=point,
            precision=_PRECISION[idx.level[shared]],
            division_code=division.code,
            division_name=division.full_name,
            note=note,
        )

    def _county_after(
        self, text: str, node: _Node
    ) -> tuple[tuple[int, tuple[int, int]], tuple[int, tuple[int, int]]] | None:
        """The county read and another county written right after it, not within it.

        The other is written with its suffix, or bare as all the rest of the
        address (重庆江津永川); not as a village's or street's name.
        """
        idx = self._index
        if node.end == len(text):
            return None
        # Read in the place of the county, after the names before it.
        rest = text[: node.start] + text[node.end :]
        other, _ = self._parse(rest)
        if other is None or other.division >= idx.real or other.weak:
            return None
        if other.start != node.start or idx.level[other.division] != _COUNTY:
            return None
        if other.kind >= _BARE and other.end != len(rest):
            return None
        here, there = node.division, other.division
        if here in idx.ancestors[there] or there in idx.ancestors[here] or here == there:
            return None
        shift = node.end - node.start
        return (here, (node.start, node.end)), (there, (other.start + shift, other.end + shift))

    def _county_before(
        self, text: str, first: _Node
    ) -> tuple[tuple[int, tuple[int, int]], tuple[int, tuple[int, int]]] | None:
        """Another county written with its suffix right before the county the chain begins with."""
        idx = self._index
        if idx.level[first.division] != _COUNTY:
            return None
        found = {
            c >> 3: (start, end)
            for start, end, cands in self._names_before(text, first)
            if end == first.start
            for c in cands
            if c & 7 < _BARE and c >> 3 < idx.real and idx.level[c >> 3] == _COUNTY
        }
        found.pop(first.division, None)
        if len(found) != 1:
            return None
        ((other, span),) = found.items()
        return (other, span), (first.division, (first.start, first.end))

    def _township_before(self, text: str, node: _Node) -> tuple[_Node, str] | None:
        """The township of the county read, where the address names it first.

        Written small to large (白沙镇东海村江津区, 白沙镇，江津区，重庆市), the
        chain of names stops at the county; a township of that county
        written with its suffix before the county's name is the home, when
        only one is.
        """
        idx = self._index
        if node.division >= idx.real or idx.level[node.division] != _COUNTY:
            return None
        here = node.division
        found: dict[int, _Node] = {}
        for start, end, cands in self._names_before(text, node):
            for c in cands:
                div, kind = c >> 3, c & 7
                if kind < _BARE and idx.level[div] == _TOWNSHIP and idx.parent[div] == here:
                    found.setdefault(div, _Node(node.score, div, kind, start, end, node, False))
        if len(found) != 1:
            return None
        return next(iter(found.values())), ""

    def _one_character_off(self, text: str, node: _Node) -> tuple[_Node, str] | None:
        """A finer reading with one mistyped character in the name right after ``node``.

        Where the address stops at a province, prefecture or county and goes
        on with a name below it written with one character wrong (重庆江律 for
        江津, 江津区白莎镇 for 白沙镇), that name is read, and the note says
        so, when only one name below fits and what was written names no
        other place.  Two characters with one wrong are
        weak evidence: a county so read must lead on to one of its
        townships, and a township's base must be followed by a township
        suffix.
        """
        idx = self._index
        here = idx.divisions[node.division]
        if node.division >= idx.real or idx.level[node.division] == _TOWNSHIP:
            return None
        tail = text[node.end :]
        township = idx.level[node.division] == _COUNTY
        found: dict[str, tuple[str, _Node, str]] = {}
        near: dict[str, str] = {}  # name below -> what was written, one character off it
        for below in self._below(here.code, "township" if township else "county"):
            bases = (
                [_township_base(below.name)]
                if township
                else [base for base, _ in _county_bases(below.name)]
            )
            for base in dict.fromkeys(bases):
                written = tail[: len(base)]
                if len(base) < 2 or not _one_character_off(written, base) or written in idx.keys:
                    continue  # a name of somewhere else (白杨 for 白沙) may be the place meant
                if township and not tail.startswith(_TOWN_SUFFIXES, len(base)):
                    continue
                if township or _ends_a_county_name(tail[len(base) :]):
                    near[below.name] = written
                mended, note = self._parse(text[: node.end] + base + tail[len(base) :])
                if mended is None or idx.level[idx.placed(mended.division)] != _TOWNSHIP:
                    continue
                lineage = (*idx.ancestors[mended.division], mended.division)
                if any(idx.divisions[d].code == below.code for d in lineage):
                    found[below.code] = (written, mended, note)
        if len(found) != 1:
            # None fits, or several do: the address stays where it was read,
            # unless only one of the names near is a lookalike (壁山: 璧山区).
            return self._one_character_maybe(text, node, near)
        (code, (written, mended, note)), *_ = found.items()
        typo = Text("geo_one_character", written=written, name=self.gazetteer.get(code).name)
        return mended, joined([typo, note]) if note else typo

    def _one_character_maybe(
        self, text: str, node: _Node, near: dict[str, str]
    ) -> tuple[_Node, str] | None:
        """``node`` with a note naming what the name after it, one character off, may be.

        ``near`` maps each name below one character off to what was written;
        below a province a prefecture's name counts too (贵州省尊义市: 遵义市,
        兴义市).  Where only one of them differs by a lookalike
        (:data:`LOOKALIKES`: 壁 for 璧), that one is read instead (重庆壁山 is
        璧山区, not 巫山县 or 秀山县).  None when no name is near.
        """
        idx = self._index
        tail = text[node.end :]
        if idx.level[node.division] == _PROVINCE:
            for prefecture in self._below(idx.divisions[node.division].code, "prefecture"):
                match = _PREFECTURE_SUFFIX.search(prefecture.name)
                base = _strip_ethnic(prefecture.name[: match.start()]) if match else ""
                written = tail[: len(base)]
                if (
                    len(base) >= 2
                    and _one_character_off(written, base)
                    and written not in idx.keys
                    and _ends_a_county_name(tail[len(base) :])
                ):
                    near[prefecture.name] = written
        if len(set(near.values())) != 1:
            return None
        (written,) = set(near.values())
        alike = [name for name in near if _lookalike_of(written, name)]
        if len(alike) == 1:
            mended = text[: node.end] + alike[0][: len(written)] + tail[len(written) :]
            read = self._lookalike_read(mended, node.end, written, alike[0])
            if read is not None:
                return read
        maybe = Text("geo_one_character_maybe", written=written, names=listed([*near]))
        level = _level(_PRECISION[idx.level[node.division]])
        return node, Text("geo_placed_at", what=maybe, level=level)

    def _lookalike_read(
        self, mended: str, at: int, written: str, name: str
    ) -> tuple[_Node, str] | None:
        """``mended`` (one lookalike put right) read, if it names ``name`` at ``at``.

        Returns its chain and the note saying what was read as what, or None.
        """
        idx = self._index
        read, note = self._parse(mended)
        if read is None:
            return None
        named = next((n for n in read.chain() if n.start <= at < n.end), None)
        if (
            named is None
            or named.division >= idx.real
            or idx.divisions[named.division].name != name
        ):
            return None
        said = Text("geo_lookalike", written=written, name=name)
        return read, joined([said, note]) if note else said

    def _lookalike_anywhere(self, text: str) -> tuple[_Node, str] | None:
        """The address read with one lookalike put right, where as written it names nothing.

        壁山区丁家街道 is 璧山区丁家街道: the county's name is written first,
        so no name before it leads on to it (for that, see
        :meth:`_one_character_maybe`).  Only a name above township begun
        where the lookalike stands counts, and only when one such reading
        exists.
        """
        idx = self._index
        reads: list[tuple[_Node, str]] = []
        for at, char in enumerate(text):
            right = LOOKALIKES.get(char)
            if right is None or self._name_at(text, at):
                continue
            mended = text[:at] + right + text[at + 1 :]
            read, _ = self._parse(mended)
            named = next((n for n in read.chain() if n.start <= at < n.end), None) if read else None
            if (
                named is None
                or named.division >= idx.real
                or idx.level[named.division] == _TOWNSHIP
            ):
                continue
            found = self._lookalike_read(
                mended, at, text[named.start : named.end], idx.divisions[named.division].name
            )
            if found is not None:
                reads.append(found)
        return reads[0] if len(reads) == 1 else None

    def _below(self, code: str, level: Level) -> Iterator[Division]:
        """The divisions at ``level`` within the division ``code`` (not abolished ones)."""
        for child in self.gazetteer.children(code):
            if child.level == level:
                if not child.abolished:
                    yield child
            else:
                yield from self._below(child.code, level)

    def _name_at(self, text: str, i: int) -> bool:
        """Whether a name of some division begins at ``text[i]``."""
        longest = self._index.reach_from.get(text[i : i + 2])
        if longest is None:
            return False
        keys = self._index.keys
        return any(text[i:j] in keys for j in range(i + 2, min(len(text), i + longest) + 1))

    def _names_before(self, text: str, node: _Node) -> Iterator[tuple[int, int, tuple[int, ...]]]:
        """Each (start, end, candidates) of a known name written before the
        chain ``node`` ends begins (白沙镇 in 白沙镇，江津区), but a village
        named after a place (白沙村)."""
        head = text[: [*node.chain()][-1].start]
        for start, end, cands, _full in self._spans(head):
            if head[end : end + 1] != "村":
                yield start, end, cands

    def _spans(self, text: str) -> list[tuple[int, int, tuple[int, ...], bool]]:
        """Every (start, end, candidates, full) where a known name occurs.

        ``full`` is true when the name is more than a bare name for some
        division (a suffix or a full name).
        """
        idx = self._index
        keys, town_bases, reach_from, full_names = (
            idx.keys,
            idx.town_bases,
            idx.reach_from,
            idx.full_names,
        )
        n = len(text)
        spans = []
        for i in range(n - 1):
            longest = reach_from.get(text[i : i + 2])
            if longest is None:
                continue  # no name starts with these two characters
            for j in range(i + 2, min(n, i + longest) + 1):
                name = text[i:j]
                cands = keys.get(name)
                if cands is None:
                    continue
                spans.append((i, j, cands, name in full_names))
                with_suffix = town_bases.get(name)
                if with_suffix is not None and j < n:
                    for suffix in _TOWN_SUFFIXES:
                        if text.startswith(suffix, j):
                            spans.append((i, j + len(suffix), with_suffix, True))
                            break
        return spans

    def _parse(self, text: str) -> tuple[_Node | None, str]:
        """The best chain of names in ``text``, or None and why not."""
        spans = self._spans(text)
        state = _Parse(self._index, text, spans)
        for start, end, cands, _full in spans:
            state.read(start, end, cands)
        tied = state.tied()
        if not tied:
            return None, self._lone_township(text, spans) or self._lone_district(text, spans)
        if len(tied) == 1:
            return tied[0], ""
        return self._resolve_tie(text, tied, state.best)

    def _lone_township(self, text: str, spans: list[tuple[int, int, tuple[int, ...], bool]]) -> str:
        """Why nothing was placed when a township was named without its county (唐县镇3组)."""
        level = self._index.level
        found = None
        for start, end, cands, _full in spans:
            if found is not None and start > found[0]:
                break
            if text[end : end + 1] == "村":
                continue  # a village named after a township, not the township
            if (found is None or end > found[1]) and any(
                level[c >> 3] == _TOWNSHIP and c & 7 < _BARE for c in cands
            ):
                found = (start, end)  # the longest name starting there
        if found is None:
            return ""
        return Text("geo_township_no_county", written=text[found[0] : found[1]])

    def _lone_district(self, text: str, spans: list[tuple[int, int, tuple[int, ...], bool]]) -> str:
        """Why nothing was placed when a former district by direction was named alone (北郊区).

        Such a name (北郊区 was 天津's, now 北辰区, and 太原's, since divided)
        is read only right after its city, which the desk can add; saying
        no place name was recognised would not tell it that.  Not where it
        names a street (城区路) or lies inside a longer name.
        """
        level = self._index.level
        _, cut = _longer_names(spans)
        for start, end, cands, _full in spans:
            after = text[end : end + 1]
            if (
                cut[start][0] >= end
                or after in _NOT_A_DIVISION_AFTER
                or _ROAD_WORD.match(text, end) is not None
            ):
                continue
            if any(c & 7 == _AFTER_CITY and level[c >> 3] == _COUNTY for c in cands):
                written = text[start:end]
                if written in _SHORT_FORM_NAMES:
                    return Text("geo_short_form_no_city", written=written)
                return Text("geo_district_no_city", written=written)
        return ""

    def _resolve_tie(
        self, text: str, tied: list[_Node], best: dict[int, _Node]
    ) -> tuple[_Node | None, str]:
        """Several readings score the same: keep only what they all agree on."""
        idx = self._index
        named = {n.division for node in tied for n in node.chain()}
        common: set[int] | None = None
        for node in tied:
            lineage = {*idx.ancestors[node.division], node.division}
            common = lineage if common is None else common & lineage
        # The finest division every reading lies in, if the address names it.
        # At one level, today's division before a divided former one (巢湖市).
        shared = sorted(
            (d for d in common or () if d in named), key=lambda d: (idx.level[d], d < idx.real)
        )
        first = tied[0]
        what = Text("geo_names_places", written=text[first.start : first.end], count=len(tied))
        if not shared:
            coarsest = min(idx.level[node.division] for node in tied)
            top = [node for node in tied if idx.level[node.division] == coarsest]
            alone = first.start == 0 and first.end == len(text)
            if alone and len(top) == 1 and all(node.prev is None for node in tied):
                # A lone name such as 河南 (province, and a county in
                # Qinghai): read it as the most prominent place it names.
                level = _level(_PRECISION[idx.level[idx.placed(top[0].division)]])
                return top[0], Text("geo_read_as", what=what, level=level)
            return None, Text("geo_not_placed", what=what)
        chosen = best[shared[-1]]
        if chosen.weak:
            return None, Text("geo_not_placed", what=what)
        if chosen.division in {node.division for node in tied}:
            # e.g. 恩施 is both the prefecture and its county-level city.
            return chosen, ""
        level = _level(_PRECISION[idx.level[idx.placed(chosen.division)]])
        return chosen, Text("geo_placed_at", what=what, level=level)

    def _result(self, text: str, node: _Node, note: str, why: str = "") -> GeocodeResult:
        """The result of reading ``node``; ``why`` it is no finer, when known (县城)."""
        idx = self._index
        placed = idx.placed(node.division)  # a divided former division: where all of it lies
        division = idx.divisions[placed]
        notes = [note] if note else []
        if idx.level[placed] == _TOWNSHIP:
            notes.append(self._county_passed_over(text, node))
        for n in reversed(list(node.chain())):
            notes.append(self._name_note(text, n, node.division))
        lvl = idx.level[placed]
        if lvl == _TOWNSHIP and node.prev is not None and idx.level[node.prev.division] < _COUNTY:
            scope = idx.divisions[node.prev.division].name
            notes.append(Text("geo_only_township", scope=scope))
        if why:
            notes.append(why)
        elif not note and lvl < _TOWNSHIP and placed == node.division:
            notes.append(self._zone_not_found(text, node) or self._why_not_finer(text, node))
        point, used = self.gazetteer.locate(division.code)
        if used.code != division.code:
            notes.append(
                Text("geo_no_coordinate", level=_level(division.level), used=_level(used.level))
            )
        return GeocodeResult(
            location=point,
            precision=_PRECISION[lvl],
            division_code=division.code,
            division_name=division.full_name,
            note=joined([n for n in notes if n]) if notes else "",
        )

    def _county_passed_over(self, text: str, node: _Node) -> str:
        """The note on a county written right next to the chain's county and passed over.

        重庆市江津区永川区朱沱镇: 朱沱镇 lies in 永川区, not 江津区, so the chain
        reads 重庆市, 永川区, 朱沱镇 and skips 江津区 (and 江津区永川区德感街道
        skips 永川区); the desk must hear that a county it wrote was not
        used.  Where the county skipped before is named like the former
        prefecture that held the one read (万州区开县临江镇), it is the level
        above, as :meth:`_two_counties` says.  "" when no county was skipped.
        """
        idx = self._index
        county = next(
            (n for n in node.chain() if idx.level[n.division] == _COUNTY and n.division < idx.real),
            None,
        )
        if county is None or county is node:
            return ""
        read = text[county.start : county.end]
        begin = county.prev.end if county.prev is not None else 0
        before = (
            self._other_county(text, begin, county.start, county.division, at_end=True)
            if begin < county.start  # most addresses: no gap, no county skipped
            else None
        )
        if before is not None:
            written, counties = before
            this = idx.divisions[county.division]
            for div in counties:
                former = _former_prefecture(idx.divisions[div], this)
                if former:
                    return Text(
                        "geo_former_prefecture_seat", written=written, former=former, name=this.name
                    )
            return Text("geo_county_passed_over", first=written, second=read)
        after = next(n for n in node.chain() if n.prev is county)
        if after.start == county.end:
            return ""
        found = self._other_county(text, county.end, after.start, county.division, at_end=False)
        if found is not None:
            return Text("geo_county_passed_over_after", first=read, second=found[0])
        return ""

    def _other_county(
        self, text: str, begin: int, end: int, county: int, *, at_end: bool
    ) -> tuple[str, list[int]] | None:
        """The longest county name other than ``county`` written in full in ``text[begin:end]``.

        It ends at ``end`` (``at_end``) or begins at ``begin``; returns what
        is written and the counties it names, or None.
        """
        idx = self._index
        found: tuple[str, list[int]] | None = None
        for start, stop, cands, _full in self._spans(text[begin:end]):
            if (begin + stop != end) if at_end else (start != 0):
                continue  # not right next to the county
            written = text[begin + start : begin + stop]
            if found is not None and len(written) <= len(found[0]):
                continue
            counties = [
                c >> 3
                for c in cands
                if c & 7 < _MERGED  # written in full: today's or a former name, not bare
                and c >> 3 < idx.real
                and idx.level[c >> 3] == _COUNTY
                and c >> 3 != county
            ]
            if counties:
                found = (written, counties)
        return found

    def _name_note(self, text: str, n: _Node, last: int) -> str:
        """What a planner should know of how one name was read ("" when it is today's)."""
        idx = self._index
        written = text[n.start : n.end]
        name = idx.divisions[n.division].name
        if n.division >= idx.real:
            what = _level(_PRECISION[idx.level[n.division]])
            if n.division == last:
                names = listed(self._divided_among(n.division))
                level = _level(_PRECISION[idx.level[idx.placed(last)]])
                return Text("geo_divided", what=what, written=written, names=names, level=level)
            now = self._successor(n.division, idx.placed(last)).name
            return Text("geo_divided_part", what=what, written=written, name=now)
        if idx.divisions[n.division].abolished:
            return Text("geo_abolished", name=idx.divisions[n.division].plain_name)
        if (
            idx.level[n.division] == _COUNTY
            and idx.level[last] == _TOWNSHIP
            and idx.parent[last] != n.division
            and n.division not in idx.ancestors[last]
        ):
            # 渝北统景镇: read by a divided county's name borne by another
            # county as an old name (see _Parse.under_kin).
            what = _level(_PRECISION[_COUNTY])
            now = idx.divisions[idx.parent[last]].name
            return Text("geo_divided_part", what=what, written=written, name=now)
        if n.kind == _AFTER_CITY and written in _SHORT_FORMS.get(
            idx.divisions[n.division].code, ()
        ):
            return Text("geo_short_form", written=written, name=name)
        if n.kind in (_OLD, _OLD_VARIANT, _LEAD_IN, _FORMER_BARE) or (
            n.kind == _AFTER_CITY and idx.level[n.division] != _TOWNSHIP
        ):
            what = _level(_PRECISION[idx.level[n.division]])
            return Text("geo_old_name", what=what, written=written, name=name)
        if n.kind == _MERGED:  # a township's; a county's is _AFTER_CITY, above
            return Text("geo_former_township", written=written, name=name)
        if (
            n.kind == _SHORT
            and idx.level[n.division] == _TOWNSHIP
            and _TOWN_SUFFIX.sub("", written) == _TOWN_SUFFIX.sub("", name)
            and _suffix_class(written) != _suffix_class(name)
        ):
            return Text("geo_township_name", written=written, name=name)
        return ""

    def _divided_among(self, former: int) -> list[str]:
        """Today's divisions a divided former one went to: prefectures, or else counties."""
        idx = self._index
        counties = idx.covers[former]
        parents = list(dict.fromkeys(idx.parent[c] for c in counties))
        shown = parents if idx.level[former] == _PREFECTURE and len(parents) > 1 else counties
        return [idx.divisions[d].name for d in shown]

    def _successor(self, former: int, placed: int) -> Division:
        """The division at ``former``'s level (or above) that the address was placed in."""
        idx = self._index
        lineage = [a for a in (*idx.ancestors[placed], placed) if a < idx.real]
        return idx.divisions[[a for a in lineage if idx.level[a] <= idx.level[former]][-1]]

    def _zone_after(self, text: str, node: _Node) -> str:
        """The development zone written right after ``node``'s name (重庆高新区), or "".

        Not a road or village named after it (重庆新区路), nor the start of a
        longer name written in full (新区街道).
        """
        match = _ZONE.match(text, node.end)
        if match is None:
            return ""
        end = match.end()
        if text[end : end + 1] in _NOT_A_DIVISION_AFTER or _ROAD_WORD.match(text, end):
            return ""
        tail = text[node.end :]
        if any(
            full and start == 0 and stop > end - node.end
            for start, stop, _, full in self._spans(tail)
        ):
            return ""
        return match.group()

    def _zone_as_named(self, text: str, node: _Node) -> tuple[str, _Node, str] | None:
        """The zone written after ``node`` read under another of its names, where the
        gazetteer has it so (唐山高新区 is 唐山市's 高新技术开发区街道).

        Returns the text as reread, its chain and the note; None when no
        other name of the zone is a division within ``node``'s.
        """
        idx = self._index
        written = self._zone_after(text, node) if idx.level[node.division] < _TOWNSHIP else ""
        if not written:
            return None
        end = node.end + len(written)
        for forms in _ZONE_FORMS:
            for other in forms if written in forms else ():
                if other == written:
                    continue
                reread_text = text[: node.end] + other + text[end:]
                reread, note = self._parse(reread_text)
                if reread is None or node.division not in idx.ancestors[reread.division]:
                    continue
                zone = next((n for n in reread.chain() if n.start == node.end), None)
                if zone is None or zone.end < node.end + len(other):
                    continue
                said = Text(
                    "geo_zone_read_as", written=written, name=idx.divisions[zone.division].name
                )
                return reread_text, reread, joined([said, note]) if note else said
        return None

    def _new_area(self, text: str, node: _Node | None) -> tuple[str, _Node, str] | None:
        """The address read at the new area it names (四川天府新区, 重庆北部新区), if any.

        Only where it was read no finer than a prefecture, and what is
        written before the area's name names nothing or a division holding
        the place it is placed at (眉山市天府新区 is not 双流区's).  The text
        is reread as that place's full name followed by what comes after
        the area's (天府新区华阳街道 is 双流区华阳街道).  Returns the text
        reread, its chain and the note, or None.
        """
        idx = self._index
        if node is not None and idx.level[node.division] >= _COUNTY:
            return None
        for match in _NEW_AREA.finditer(text):
            written, start, end = match.group(), match.start(), match.end()
            province, code, how = _NEW_AREAS[written]
            after = _NEW_AREA_AFTER.get(written)
            if after is not None and not text[:start].endswith(after):
                continue
            if text[end : end + 1] in _NOT_A_DIVISION_AFTER or _ROAD_WORD.match(text, end):
                continue  # 天府新区路, 北部新区村
            place = self.gazetteer.get(code)
            head, _ = self._parse(text[:start]) if start else (None, "")
            if head is not None:
                named = idx.divisions[idx.placed(head.division)].code
                holds = {d.code for d in self.gazetteer.ancestors(code)} | {code, province}
                if named not in holds:
                    continue
            reread_text = place.full_name + text[end:]
            reread, note = self._parse(reread_text)
            if reread is None or not any(
                idx.divisions[n.division].code == code for n in reread.chain()
            ):
                continue
            said = Text(f"geo_new_area_{how}", written=written, name=place.name)
            return reread_text, reread, joined([said, note]) if note else said
        return None

    def _zone_not_found(self, text: str, node: _Node) -> str:
        """Why a zone written after ``node``'s name (重庆高新区) was not placed, or "".

        A development zone of that place is meant, which the gazetteer does
        not have; not some other place's 高新区, as a township's name read
        elsewhere would say.
        """
        zone = self._zone_after(text, node)
        if not zone:
            return ""
        idx = self._index
        here = idx.divisions[node.division].name
        level = _level(_PRECISION[idx.level[node.division]])
        return Text("geo_zone_not_found", written=zone, here=here, level=level)

    def _why_not_finer(self, text: str, node: _Node) -> str:
        """Explain a result coarser than township, naming a township if one was seen."""
        idx = self._index
        lvl = idx.level[node.division]
        here = idx.divisions[node.division]
        tail = text[node.end :]
        spans = self._spans(tail)
        _, cut = _longer_names(spans)
        upper = _upper_names(spans, idx.level)
        for start, end, cands, _full in spans:
            if cut[start][0] >= end or not _a_word_of_its_own(tail, start, end):
                continue  # 郊区 in 北郊区, 阳新区 in 金阳新区; a village or street's name
            if any(
                _read_out_of(tail, idx, upper, node.division, 0, (start, end, c >> 3))
                for c in cands
            ):
                continue  # 龙江市 in 黑龙江市
            if any(idx.level[c >> 3] == _TOWNSHIP and c & 7 < _BARE for c in cands):
                written = tail[start:end]
                level = _level(_PRECISION[lvl])
                return Text("geo_township_elsewhere", written=written, here=here.name, level=level)
            # A county of another place (随州 + 唐县): say so rather than "no county".
            # A former district by direction (市区) names a county only after its city.
            counties = [
                c >> 3
                for c in cands
                if idx.level[c >> 3] == _COUNTY and c & 7 < _BARE and c & 7 != _AFTER_CITY
            ]
            if (
                lvl < _COUNTY
                and counties
                and all(node.division not in idx.ancestors[c] for c in counties)
            ):
                written = tail[start:end]
                level = _level(_PRECISION[lvl])
                return Text("geo_county_elsewhere", written=written, here=here.name, level=level)
        if lvl == _COUNTY:
            # Written small to large (三角镇江津区), a township of elsewhere
            # before the county is no township left unwritten.
            for start, end, cands in self._names_before(text, node):
                if all(
                    idx.level[c >> 3] == _TOWNSHIP
                    and c & 7 < _BARE
                    and idx.parent[c >> 3] != node.division
                    for c in cands
                ):
                    written = text[start:end]
                    level = _level(_PRECISION[lvl])
                    return Text(
                        "geo_township_elsewhere", written=written, here=here.name, level=level
                    )
        # Text after the name may be a name the desk wrote but that was not
        # recognised (尊义市, 同梓县): saying none was written would have the
        # desk add what is there rather than correct it.  A level word alone
        # (黔东南市, 遵义州) is no further name.
        rest = text[node.end :]
        if rest and rest not in _SUFFIXES:
            return Text(_NOT_RECOGNISED_BELOW[lvl], here=here.name)
        return Text(_NONE_WRITTEN_BELOW[lvl])


# Why an address stopped at a level: text after its name was not recognised,
# or nothing was written after it.
_NOT_RECOGNISED_BELOW = ("geo_no_prefecture_of", "geo_no_county_of", "geo_no_township_of")
_NONE_WRITTEN_BELOW = ("geo_only_province", "geo_no_county", "geo_no_township")


# Words for a county's seat (its town) written right after the county: 县城
# (also 梁平县 + 城), 城区, 城里, 城内, and 市区 after a county-level city; not
# 城关, which begins a township's name (城关镇).
_COUNTY_SEAT = re.compile("(?=(县城|城区|城里|城内|市区|(?<=县)城)(?!关))")
# A development zone's names, each group one zone's, as a city's is written
# right after the city's name (重庆高新区, 重庆市经济技术开发区, 兰州新区).
# Most are no division; where one is (唐山's 高新技术开发区街道), it may be
# listed under another of its zone's names.
_ZONE_FORMS = (
    ("高新技术产业开发区", "高新技术开发区", "高新开发区", "高新区"),
    ("经济技术开发区", "经济开发区", "经开区", "开发区"),
    ("新区",),
)
_ZONE = re.compile(
    "|".join(sorted({form for forms in _ZONE_FORMS for form in forms}, key=len, reverse=True))
)
# 城关镇, the seat's town, in a county that has no township so named today
# (renamed or merged): read as the county's seat too, when no township of
# that name in the county was read.
_TOWN_GATE = re.compile("城关(?:街道办事处|街道|镇)")
# National new areas (国家级新区) and a former provincial one with names of
# their own, which are no divisions (but 两江新区, listed as a county since
# 2016 and in the gazetteer): name -> (the province it is in, the division an
# address naming it is placed at, how that division holds it: "seat" for the
# county holding its administrative seat, "whole" for the finest division
# holding all of it, "now" for the division it became part of).  Only real
# areas, from the State Council's approvals (国函〔2014〕133号 天府新区,
# 〔2014〕3号 贵安新区, 〔2014〕2号 西咸新区, 〔2010〕36号 两江新区, which took
# in 重庆北部新区, a provincial new area of 2001).  The gazetteer has a point
# for none of them; 天府新区's 成都直管区 streets (华阳, 万安, 正兴, 兴隆,
# 煎茶, 籍田) are all 双流区's, so is its seat.  贵安新区 straddles 贵阳 and
# 安顺, 西咸新区 西安 and 咸阳: their seats' counties are not in the sources
# at hand, so they are placed at their province.  By code, as names change.
_NEW_AREAS: dict[str, tuple[str, str, str]] = {
    "天府新区": ("510000000000", "510116000000", "seat"),  # 成都市双流区
    "贵安新区": ("520000000000", "520000000000", "whole"),
    "西咸新区": ("610000000000", "610000000000", "whole"),
    "北部新区": ("500000000000", "500157000000", "now"),  # 重庆北部新区 -> 两江新区
}
# A name so general that other cities have it too (北部新区) is read only
# right after its city's own name.
_NEW_AREA_AFTER = {"北部新区": ("重庆市", "重庆")}
_NEW_AREA = re.compile("|".join(_NEW_AREAS))


def _former_prefecture(county: Division, other: Division) -> str:
    """The former prefecture that held ``other`` and is named like ``county``, or "".

    万州区 (万县市 until 1998) for 开州区, in 万县市 until 1997; 黔江区 for
    酉阳, in 黔江地区: the county was that prefecture's seat.
    """
    names = {county.name, *county.old_names}
    bases = {base for name in names for base, _ in _county_bases(name)}
    formers = other.split_prefectures
    for former in formers:
        if former in names:
            return former
    for former in formers:
        match = _PREFECTURE_SUFFIX.search(former)
        if match and former[: match.start()] in bases:
            return former
    return ""


def _ends_a_county_name(rest: str) -> bool:
    """Whether ``rest``, after a county's name without its suffix, ends that name.

    Nothing more (重庆壁山), or a suffix (重庆市壁山县, 壁山县城, 尊义市); not
    other characters that may go on with a name of its own (重庆大学城).
    """
    return not rest or rest[0] in "县区市旗州"


def _a_word_of_its_own(text: str, start: int, end: int) -> bool:
    """Whether the name found at ``text[start:end]`` is a word of its own, a place's name.

    It begins at the start, or after a village, road or house number
    (东海村三角镇, 3组白沙镇), not after other characters, which may begin
    a longer name the gazetteer lacks (金 + 阳新区: 金阳新区, Guiyang's); and
    it names no village or street (白沙村, 长治市城区路: 城区 being 长治's own).
    """
    before = text[start - 1 : start]
    if before and before not in _NOT_A_DIVISION_AFTER and before not in "号0123456789":
        return False
    return text[end : end + 1] not in _NOT_A_DIVISION_AFTER and not _ROAD_WORD.match(text, end)


def _one_character_off(written: str, name: str) -> bool:
    """Whether ``written`` is ``name`` with exactly one ideograph typed wrong."""
    if len(written) != len(name):
        return False
    wrong = [(a, b) for a, b in zip(written, name, strict=True) if a != b]
    return len(wrong) == 1 and all(re.fullmatch(f"[{IDEOGRAPHS}]", c) for c in wrong[0])


def _lookalike_of(written: str, name: str) -> bool:
    """Whether ``written`` is the start of ``name`` with one character typed as its lookalike."""
    wrong = [(a, b) for a, b in zip(written, name, strict=False) if a != b]
    return len(wrong) == 1 and LOOKALIKES.get(wrong[0][0]) == wrong[0][1]


def _level(level: str) -> Text:
    """A division's level (province ... township) as the desk says it."""
    return Text(f"level_{level}")


def _suffix_class(name: str) -> str:
    match = _TOWN_SUFFIX.search(name)
    if not match:
        return ""
    suffix = match.group(1)
    return "街道" if suffix in ("街道办事处", "办事处") else suffix
