"""Generate ``tests/data/addresses.csv``: a seeded, varied set of addresses.

Run from the project root::

    .venv/bin/python benchmarks/make_addresses.py [--seed 2020] [--out tests/data/addresses.csv]

Addresses are written from the shipped gazetteer the way people fill in a
roster: full formal, without the province, with short names, with village
and house number, with pre-2020 township names, with spaces or full-width
digits, with autonomous-prefecture short forms, only a province or a
prefecture or a county, and garbage.  Origins are weighted towards the
provinces Jiangjin's workers came from (Guizhou, Sichuan, Chongqing, Hubei,
Yunnan, Henan) with some from everywhere.

Every address that names a county or township is checked to be resolvable
from what it states: among all divisions, exactly one county (and township)
fits the names written, so the expected answer is not a guess.

Columns: ``address, expected_level, expected_code, expected_county_code,
expected_township_code, names_county, variant``.  ``expected_code`` is the
finest division the address identifies ("" for garbage);
``expected_township_code`` is "" when the address names no township (or
names one it cannot single out: variant ``ambiguous_unresolved``).
``names_county`` is true when the address identifies a county: it names one,
or names a township that is the only one of its name in the province or
prefecture it names (variant ``township_no_county``).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from returnbus.geo.gazetteer import Division, Gazetteer
from returnbus.io.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "addresses.csv"

PROVINCE_WEIGHTS = {"52": 20, "51": 18, "50": 15, "42": 10, "53": 8, "41": 8}
OTHER_WEIGHT = 21  # shared by every other province with counties
TOWN_SUFFIX = re.compile(r"(街道办事处|街道|办事处|民族乡|镇|乡|苏木)$")
# The ethnic groups named in autonomous areas; 恩施土家族苗族自治州 -> 恩施.
ETHNIC_GROUPS = (
    "土家", "苗", "布依", "侗", "彝", "藏", "羌", "傣", "白", "哈尼", "壮", "傈僳", "纳西",
    "景颇", "拉祜", "佤", "回", "蒙古", "朝鲜", "满", "瑶", "黎", "畲", "水", "仡佬", "仫佬",
    "毛南", "达斡尔", "鄂温克", "鄂伦春", "哈萨克", "柯尔克孜", "锡伯", "塔吉克", "维吾尔",
    "撒拉", "东乡", "保安", "裕固", "土", "独龙", "怒", "普米", "布朗", "阿昌", "德昂", "基诺",
    "京", "各",
)  # fmt: skip
VILLAGE_A = "石河新大小高龙马杨李张王黄白青红金东西南北上下中长双三五六八九桃花竹松柏梨枣"
VILLAGE_B = "坪坝沟湾坡岭山溪塘桥寨庄屯营堡岗冲田林园"
GARBAGE = [
    "不详", "无", "暂无", "待定", "N/A", "unknown", "13800138000", "同上", "见身份证",
    "外地", "本地", "123456", "asdf", "？？？", "家里", "工地宿舍", "xx", "-", "  ",
    "没有填写", "请填写地址", "老家", "住在厂里", "电话联系", "ＡＢＣ", "0",
]  # fmt: skip
FULLWIDTH = str.maketrans("0123456789 ,", "０１２３４５６７８９　，")


@dataclass(frozen=True)
class Row:
    """One generated address and what it should resolve to."""

    address: str
    level: str
    code: str
    county: str
    township: str
    names_county: bool
    variant: str


def _strip_ethnic(name: str) -> str:
    """Cut at the first ethnic-group name: 印江土家族苗族 -> 印江."""
    cuts = [name.find(g + "族", 2) for g in ETHNIC_GROUPS]
    cuts += [name.find(g, 2) for g in ("蒙古", "维吾尔", "哈萨克", "柯尔克孜", "锡伯")]
    cuts = [c for c in cuts if c >= 2]
    return name[: min(cuts)] if cuts else name


def _short_province(p: Division) -> str:
    name = re.sub(r"(省|市|特别行政区|自治区)$", "", p.name)
    return re.sub(r"(壮族|回族|维吾尔)$", "", name)


def _short_prefecture(d: Division) -> str:
    if d.name.endswith("自治州"):
        return _strip_ethnic(d.name[:-3]) + "州"
    return re.sub(r"(市|地区|盟)$", "", d.name)


def _bare_prefecture(d: Division) -> str:
    """遵义市 -> 遵义, 恩施土家族苗族自治州 -> 恩施."""
    short = _short_prefecture(d)
    return short.removesuffix("州") if d.name.endswith("自治州") else short


def _short_county(d: Division) -> str:
    """桐梓县 -> 桐梓, 印江土家族苗族自治县 -> 印江县 / 印江, 六枝特区 -> 六枝."""
    match = re.search(r"(自治县|自治旗|新区|特区|林区|县|区|市|旗)$", d.name)
    if not match:
        return d.name
    base = d.name[: match.start()]
    if match.group(1).startswith("自治"):
        base = _strip_ethnic(base)
    if len(base) < 2 and match.group(1) in ("新区", "林区"):
        base = d.name[:-1]  # 碑林区 -> 碑林
    return base if len(base) >= 2 else d.name


def _town_base(name: str) -> str:
    match = TOWN_SUFFIX.search(name)
    if not match:
        return ""
    base = name[: match.start()]
    return _strip_ethnic(base) if base.endswith("族") else base


def _swap_suffix(rng: random.Random, t: Division) -> str:
    """娄山关街道 -> 娄山关镇: a township written with another suffix."""
    base = _town_base(t.name)
    if len(base) < 2:
        return t.name
    # The ways people actually miswrite: an old 镇 for a new 街道, 乡 for a
    # town upgraded to 镇, the long office name of a 街道.
    if t.name.endswith("街道"):
        return base + rng.choice(["镇", "街道办事处", "办事处"])
    if t.name.endswith("镇"):
        return base + "乡"
    if t.name.endswith("乡"):
        return base + "镇"
    return t.name


def _village(rng: random.Random) -> str:
    v = rng.choice(VILLAGE_A) + rng.choice(VILLAGE_B) + "村"
    if rng.random() < 0.7:
        v += f"{rng.randint(1, 12)}组"
    if rng.random() < 0.5:
        v += f"{rng.randint(1, 88)}号"
    return v


class Generator:
    """Draws addresses from the gazetteer and checks they are resolvable."""

    def __init__(self, gaz: Gazetteer, seed: int) -> None:
        self.gaz = gaz
        self.rng = random.Random(seed)
        self.towns_by_prov: dict[str, list[Division]] = defaultdict(list)
        for t in gaz.townships():
            self.towns_by_prov[t.code[:2]].append(t)
        self.provinces = [p for p in gaz.provinces() if self.towns_by_prov[p.code[:2]]]
        self.counties = [d for d in gaz if d.level == "county"]
        self.town_name_counts: dict[str, int] = defaultdict(int)
        for t in gaz.townships():
            self.town_name_counts[t.name] += 1

    # -- choosing places --

    def province(self) -> Division:
        fixed = [PROVINCE_WEIGHTS.get(p.code[:2], 0) for p in self.provinces]
        others = sum(1 for w in fixed if w == 0)
        weights = [w or OTHER_WEIGHT / others for w in fixed]
        return self.rng.choices(self.provinces, weights)[0]

    def township(self, keep: Callable[[Division], bool] = lambda t: True) -> Division:
        for _ in range(1000):
            towns = [t for t in self.towns_by_prov[self.province().code[:2]] if keep(t)]
            if towns:
                return self.rng.choice(towns)
        raise RuntimeError("no township fits")

    def county_of(self, t: Division) -> Division:
        return self.gaz.get(t.parent_code)

    def prefecture_of(self, d: Division) -> Division | None:
        for a in self.gaz.ancestors(d.code):
            if a.level == "prefecture":
                return a
        return None

    # -- checking that the written names identify one place --

    def _county_names(self, c: Division) -> set[str]:
        return {c.name, _short_county(c), *c.old_names}

    def _town_names(self, t: Division) -> set[str]:
        """Every way the gazetteer lets this township be written."""
        names = {t.plain_name, *t.old_names, *t.merged_names}
        for name in list(names):
            base = _town_base(name)
            if len(base) >= 2:
                names |= {base + s for s in ("镇", "乡", "街道", "街道办事处", "办事处")}
        base = _town_base(t.plain_name)
        if len(base) >= 2 and not t.abolished:
            names.add(base)
        return names

    def towns_written(self, town_text: str, scope: str) -> list[Division]:
        """Townships under ``scope`` (a code prefix) that ``town_text`` can name."""
        return [
            t
            for t in self.gaz.townships(scope, include_abolished=True)
            if town_text in self._town_names(t)
        ]

    def resolvable(self, county_text: str, town_text: str, scope: str) -> bool:
        """Exactly one county under ``scope`` (a code prefix) is written as
        ``county_text`` and, if given, has exactly one township ``town_text``."""
        fits = [
            c
            for c in self.counties
            if c.code.startswith(scope) and county_text in self._county_names(c)
        ]
        if town_text:
            fits = [
                c
                for c in fits
                if sum(town_text in self._town_names(t) for t in self.gaz.children(c.code)) == 1
            ]
        return len(fits) == 1

    # -- the variants --

    def row(self, variant: str) -> Row | None:
        make = getattr(self, f"_v_{variant}")
        out: Row | None = make()
        return out

    def _town_row(self, t: Division, address: str, variant: str) -> Row:
        return Row(address, "township", t.code, t.parent_code, t.code, True, variant)

    def _full(self, t: Division, town: str | None = None) -> str:
        c = self.county_of(t)
        pref = self.prefecture_of(t)
        parts = [t.province, pref.name if pref else "", c.name, town or t.name]
        return "".join(dict.fromkeys(p for p in parts if p))

    def _v_full_formal(self) -> Row | None:
        t = self.township()
        return self._town_row(t, self._full(t), "full_formal")

    def _v_village_house(self) -> Row | None:
        t = self.township()
        return self._town_row(t, self._full(t) + _village(self.rng), "village_house")

    def _v_no_province(self) -> Row | None:
        t = self.township()
        c = self.county_of(t)
        pref = self.prefecture_of(t)
        if pref is None:  # municipalities: the province is the city
            return None
        tail = _village(self.rng) if self.rng.random() < 0.5 else ""
        if not self.resolvable(c.name, t.name, pref.code[:4]):
            return None
        return self._town_row(t, pref.name + c.name + t.name + tail, "no_province")

    def _v_short_names(self) -> Row | None:
        t = self.township()
        c = self.county_of(t)
        pref = self.prefecture_of(t)
        town = _swap_suffix(self.rng, t) if self.rng.random() < 0.5 else t.name
        county = _short_county(c)
        if not self.resolvable(county, town, t.code[:4] if pref else t.code[:2]):
            return None
        prov = _short_province(self.gaz.get(t.code[:2] + "0" * 10))
        parts = [prov, _bare_prefecture(pref) if pref else "", county, town]
        tail = _village(self.rng) if self.rng.random() < 0.6 else ""
        return self._town_row(t, "".join(parts) + tail, "short_names")

    def _v_prefecture_less(self) -> Row | None:
        t = self.township()
        c = self.county_of(t)
        county = _short_county(c) if self.rng.random() < 0.6 else c.name
        town = _swap_suffix(self.rng, t) if self.rng.random() < 0.3 else t.name
        if not self.resolvable(county, town, t.code[:2]):
            return None
        prov = _short_province(self.gaz.get(t.code[:2] + "0" * 10))
        address = prov + county + town + _village(self.rng)
        return self._town_row(t, address, "prefecture_less")

    def _v_county_short_township(self) -> Row | None:
        t = self.township()
        c = self.county_of(t)
        county = _short_county(c)
        if county == c.name or not self.resolvable(county, t.name, ""):
            return None
        address = county + t.name + _village(self.rng)
        return self._town_row(t, address, "county_short_township")

    def _v_old_name(self) -> Row | None:
        t = self.township(lambda t: bool(t.old_names))
        old = self.rng.choice(t.old_names)
        c = self.county_of(t)
        county = self.rng.choice(c.old_names) if c.old_names else c.name
        pref = self.prefecture_of(t)
        if not self.resolvable(county, old, t.code[:2]):
            return None
        parts = [t.province, pref.name if pref else "", county, old]
        address = "".join(dict.fromkeys(p for p in parts if p))
        return self._town_row(t, address + _village(self.rng), "old_name")

    def _v_spaces(self) -> Row | None:
        t = self.township()
        c = self.county_of(t)
        pref = self.prefecture_of(t)
        parts = [t.province, pref.name if pref else "", c.name, t.name, _village(self.rng)]
        sep = self.rng.choice([" ", "  ", "\u3000", " , ", "，"])
        return self._town_row(t, sep.join(dict.fromkeys(p for p in parts if p)), "spaces")

    def _v_fullwidth(self) -> Row | None:
        t = self.township()
        address = self._full(t) + _village(self.rng) + f"{self.rng.randint(1, 30)}号"
        return self._town_row(t, address.translate(FULLWIDTH), "fullwidth")

    def _v_autonomous_short(self) -> Row | None:
        def autonomous(t: Division) -> bool:
            pref = self.prefecture_of(t)
            c = self.county_of(t)
            return bool(pref and pref.name.endswith("自治州")) or "自治" in c.name

        t = self.township(autonomous)
        c = self.county_of(t)
        pref = self.prefecture_of(t)
        county = c.name
        if "自治" in c.name:
            county = _short_county(c) + self.rng.choice([c.name[-1], ""])
        if not self.resolvable(county, t.name, t.code[:2]):
            return None
        prov = _short_province(self.gaz.get(t.code[:2] + "0" * 10))
        pname = ""
        if pref is not None:
            auto = pref.name.endswith("自治州")
            pname = _short_prefecture(pref) if auto else _bare_prefecture(pref)
        return self._town_row(t, prov + pname + county + t.name, "autonomous_short")

    def _v_ambiguous_township(self) -> Row | None:
        t = self.township(lambda t: self.town_name_counts[t.name] >= 3)
        c = self.county_of(t)
        pref = self.prefecture_of(t)
        if self.rng.random() < 0.5:
            address = self._full(t) + _village(self.rng)
        else:
            scope = t.code[:4] if pref else t.code[:2]
            if not self.resolvable(c.name, t.name, scope):
                return None
            address = (pref.name if pref else t.province) + c.name + t.name
        return self._town_row(t, address, "ambiguous_township")

    def _v_township_no_county(self) -> Row | None:
        """Province or prefecture and a township unique within it, no county."""
        t = self.township()
        pref = self.prefecture_of(t)
        if pref is not None and self.rng.random() < 0.6:
            scope, context = pref.code[:4], pref.province + pref.name
        else:
            scope, context = t.code[:2], t.province
        if self.towns_written(t.name, scope) != [t]:
            return None
        return self._town_row(t, context + t.name + _village(self.rng), "township_no_county")

    def _v_ambiguous_unresolved(self) -> Row | None:
        """A province and a township name found in several of its counties."""
        t = self.township(lambda t: self.town_name_counts[t.name] >= 2)
        if len(self.towns_written(t.name, t.code[:2])) < 2:
            return None
        p = self.gaz.get(t.code[:2] + "0" * 10)
        return Row(p.name + t.name, "province", p.code, "", "", False, "ambiguous_unresolved")

    def _v_county_only(self) -> Row | None:
        t = self.township()
        c = self.county_of(t)
        pref = self.prefecture_of(t)
        if self.rng.random() < 0.5:
            parts = [c.province, pref.name if pref else "", c.name]
            address = "".join(dict.fromkeys(p for p in parts if p))
        else:
            if not self.resolvable(c.name, "", ""):
                return None
            address = c.name
        return Row(address, "county", c.code, c.code, "", True, "county_only")

    def _v_prefecture_only(self) -> Row | None:
        t = self.township()
        pref = self.prefecture_of(t)
        if pref is None:
            return None
        address = pref.province + pref.name if self.rng.random() < 0.6 else pref.name
        return Row(address, "prefecture", pref.code, "", "", False, "prefecture_only")

    def _v_province_only(self) -> Row | None:
        p = self.gaz.get(self.province().code)
        address = p.name if self.rng.random() < 0.6 else _short_province(p)
        return Row(address, "province", p.code, "", "", False, "province_only")

    def _v_garbage(self) -> Row | None:
        address = self.rng.choice(GARBAGE)
        if self.rng.random() < 0.3:
            address += str(self.rng.randint(0, 999))
        return Row(address, "none", "", "", "", False, "garbage")


COUNTS = {
    "full_formal": 80,
    "no_province": 60,
    "short_names": 80,
    "village_house": 70,
    "old_name": 60,
    "spaces": 50,
    "fullwidth": 50,
    "prefecture_less": 60,
    "county_short_township": 50,
    "autonomous_short": 50,
    "ambiguous_township": 60,
    "township_no_county": 40,
    "ambiguous_unresolved": 20,
    "county_only": 50,
    "prefecture_only": 40,
    "province_only": 30,
    "garbage": 40,
}


def generate(seed: int) -> list[Row]:
    """All rows, in a fixed order for a given seed."""
    gen = Generator(load_gazetteer(), seed)
    rows: list[Row] = []
    for variant, count in COUNTS.items():
        made = 0
        while made < count:
            row = gen.row(variant)
            if row is not None:
                rows.append(row)
                made += 1
    return rows


def main() -> None:
    """Write the CSV."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = generate(args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "address",
                "expected_level",
                "expected_code",
                "expected_county_code",
                "expected_township_code",
                "names_county",
                "variant",
            ]
        )
        for r in rows:
            w.writerow(
                [
                    r.address,
                    r.level,
                    r.code,
                    r.county,
                    r.township,
                    str(r.names_county).lower(),
                    r.variant,
                ]
            )
    print(f"wrote {len(rows)} addresses to {args.out}")


if __name__ == "__main__":
    main()
