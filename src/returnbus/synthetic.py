"""Synthetic scenarios: a roster of made-up workers living around real
township seats, with employers at the Jiangjin industrial parks.

Nothing here is real personal data: names are drawn from common characters,
phone and ID numbers are random (ID numbers carry a valid check digit and a
real county code, as real ones do).  `synthetic_scenario` returns the files'
contents, and the same seed gives the same files, byte for byte.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from .domain import LatLon, Site
from .geo.coords import wgs84_to_gcj02
from .geo.gazetteer import Division, Gazetteer
from .travel import great_circle_km

#: Where Jiangjin's migrant workers come from (province code prefix, share).
ORIGINS: tuple[tuple[str, str, float], ...] = (
    ("50", "重庆市", 0.28),
    ("52", "贵州省", 0.32),
    ("51", "四川省", 0.21),
    ("42", "湖北省", 0.07),
    ("53", "云南省", 0.06),
    ("41", "河南省", 0.06),
)
JIANGJIN = LatLon(29.2924, 106.2559)
#: Days between the departures of successive synthetic batches.
BATCH_DAYS = 4
_JIANGJIN_COUNTY = "500116"
#: Nearby counties send more workers: weight falls by e every this many km.
_DISTANCE_DECAY_KM = 250.0

ROSTER_HEADERS = (
    "工号",
    "姓名",
    "性别",
    "手机号",
    "身份证号",
    "用工单位",
    "家庭住址",
    "健康码",
    "风险等级",
    "返岗方式",
    "同行组",
    "返岗批次",
    "纬度",
    "经度",
    "坐标系",
)
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋"
    "蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫"
    "段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红"
    "建国志强永建文斌海燕小红春梅德明光辉成林国华兴旺家富金凤晓东俊杰"
)
_VILLAGE = "龙凤新和平安兴隆石桥高坪大湾杨柳青山水田花园长岭黄泥白岩金竹双河红星团结向阳"
_FIRM_A = "宏润长兴鼎喜顺美齿轮德感双福珞璜白沙鑫源华研恒丰力帆博奥"
_FIRM_B = ("机械", "汽车配件", "精密制造", "电子", "食品", "建材", "服装", "物流", "制药", "科技")


def synthetic_scenario(
    *, workers: int, seed: int, gazetteer: Gazetteer, parks: Sequence[Site], batches: int = 1
) -> dict[str, str]:
    """The text of scenario.toml, roster.csv, employers.csv and dormitories.csv.

    ``parks`` are the industrial parks employers sit in (the first is the
    hub buses arrive at); homes are drawn around ``gazetteer`` townships.
    With ``batches`` over 1 the roster's 返岗批次 column spreads the workers
    (keep-together groups whole) over that many batches, each with its
    ``[[batch]]`` table, four days apart.
    """
    rng = random.Random(seed)
    employers = _employers(rng, parks, count=max(4, min(40, workers // 50)))
    rows = _roster(rng, workers, employers, gazetteer, batches)
    employer_rows = [(e_id, name, f"{at.lat:.6f}", f"{at.lon:.6f}") for e_id, name, at in employers]
    dorms = _dormitories(rng, parks, workers, employers[0][0])
    return {
        "roster.csv": _csv(ROSTER_HEADERS, rows),
        "employers.csv": _csv(("企业编号", "企业名称", "纬度", "经度"), employer_rows),
        "dormitories.csv": _csv(DORM_HEADERS, dorms),
        "scenario.toml": _scenario_toml(workers, seed, parks, batches),
    }


def _csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """CSV text with a byte-order mark, as Excel writes "CSV UTF-8"."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def _employers(
    rng: random.Random, parks: Sequence[Site], count: int
) -> list[tuple[str, str, LatLon]]:
    names: set[str] = set()
    result: list[tuple[str, str, LatLon]] = []
    while len(result) < count:
        name = f"重庆{rng.choice(_FIRM_A)}{rng.choice(_FIRM_A)}{rng.choice(_FIRM_B)}有限公司"
        if name in names:
            continue
        names.add(name)
        park = parks[len(result) % len(parks)]
        result.append((f"E{len(result) + 1:02d}", name, park.location))
    return result


def _origin_townships(gazetteer: Gazetteer) -> dict[str, tuple[list[Division], list[float]]]:
    by_province = {}
    for prefix, _, _ in ORIGINS:
        towns = [
            t
            for t in gazetteer.townships(prefix)
            if t.location is not None and not t.code.startswith(_JIANGJIN_COUNTY)
        ]
        weights = [
            math.exp(
                -float(great_circle_km(JIANGJIN.lat, JIANGJIN.lon, t.location.lat, t.location.lon))
                / _DISTANCE_DECAY_KM
            )
            for t in towns
            if t.location is not None
        ]
        by_province[prefix] = (towns, weights)
    return by_province


def _roster(
    rng: random.Random,
    n: int,
    employers: Sequence[tuple[str, str, LatLon]],
    gazetteer: Gazetteer,
    batches: int,
) -> list[list[str]]:
    towns = _origin_townships(gazetteer)
    # A few home townships per province send most of the workers, as in life.
    homes: list[Division] = []
    for prefix, _, share in ORIGINS:
        pool, weights = towns[prefix]
        homes += rng.choices(pool, weights=weights, k=max(2, round(n * share / 6)))
    home_weights = [1.0 / (1 + i % 7) for i in range(len(homes))]

    rows: list[list[str]] = []
    group_number = 0
    while len(rows) < n:
        town = rng.choices(homes, weights=home_weights)[0]
        employer = rng.choice(employers)[0]
        size = 1
        group = ""
        if rng.random() < 0.06 and n - len(rows) >= 2:
            size = min(rng.randint(2, 5), n - len(rows))
            group_number += 1
            group = f"G{group_number:03d}"
        batch = batch_name(rng.randrange(batches)) if batches > 1 else "1"
        for _ in range(size):
            rows.append(_worker_row(rng, len(rows) + 1, town, employer, group, batch))
    _spoil(rng, rows)
    return rows


def _worker_row(
    rng: random.Random, number: int, town: Division, employer: str, group: str, batch: str
) -> list[str]:
    province = town.code[:2]
    sex = "男" if rng.random() < 0.62 else "女"
    health = rng.choices(("绿", "黄", "红"), weights=(94, 4, 2))[0]
    if province == "42":  # Hubei, spring 2020
        risk = rng.choices(("低", "中", "高"), weights=(10, 60, 30))[0]
    else:
        risk = rng.choices(("低", "中"), weights=(95, 5))[0]
    self_share = 0.6 if province == "41" else 0.15
    mode = "自行" if rng.random() < self_share else "包车"
    lat = lon = system = ""
    if rng.random() < 0.1 and town.location is not None:
        # Some offices record a phone's map pin: a village near the township seat.
        home = LatLon(
            town.location.lat + rng.uniform(-0.012, 0.012),
            town.location.lon + rng.uniform(-0.012, 0.012),
        )
        if rng.random() < 0.5:
            home, system = wgs84_to_gcj02(home), "GCJ02"
        else:
            system = "WGS84"
        lat, lon = f"{home.lat:.6f}", f"{home.lon:.6f}"
    return [
        f"W{number:05d}",
        rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.choice((1, 2)))),
        sex,
        f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}",
        _id_number(rng, town.code[:6], sex),
        employer,
        _address(rng, town),
        health,
        risk,
        mode,
        group,
        batch,
        lat,
        lon,
        system,
    ]


def _address(rng: random.Random, town: Division) -> str:
    """A home address written one of the ways HR offices write them."""
    village = "".join(rng.sample(_VILLAGE, 2)) + "村"
    detail = f"{village}{rng.randint(1, 12)}组{rng.randint(1, 60)}号"
    parts = [p for p in (town.province, town.prefecture, town.county) if p]
    style = rng.random()
    if style < 0.45:
        head = "".join(parts)
    elif style < 0.75:
        head = "".join(parts[1:])
    else:
        head = "".join(_short(p) for p in parts)
    return head + town.name + detail


def _short(name: str) -> str:
    for suffix in ("省", "市", "县", "区"):
        if name.endswith(suffix) and len(name) > 2:
            return name[: -len(suffix)]
    return name


def _id_number(rng: random.Random, county: str, sex: str) -> str:
    year = rng.randint(1965, 2001)
    body = f"{county}{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randrange(100):02d}"
    body += str(rng.randrange(1, 10, 2) if sex == "男" else rng.randrange(0, 10, 2))
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


def _spoil(rng: random.Random, rows: list[list[str]]) -> None:
    """A handful of deliberately bad rows, as real rosters have."""
    if len(rows) < 10:
        return
    picks = rng.sample(range(1, len(rows)), 4 + max(2, len(rows) // 100))
    rows[picks[0]][6] = "火星基地一号"  # an address no gazetteer knows
    rows[picks[1]][0] = rows[0][0]  # a worker id used twice
    rows[picks[2]][7] = "蓝"  # not a health-code colour
    rows[picks[3]][6] = "四川省"  # names only a province
    for pick in picks[:4]:
        rows[pick][12:15] = ["", "", ""]
    for pick in picks[4:]:
        rows[pick][3] = ""  # no phone: planned, and listed for the desk to call


def batch_name(index: int) -> str:
    """第一批, 第二批, ... as HR rosters write them (index from 0)."""
    return f"第{'一二三四五六七八九十'[index] if index < 10 else index + 1}批"


DORM_HEADERS = (
    "宿舍编号",
    "名称",
    "纬度",
    "经度",
    "地址",
    "房间数",
    "房间号",
    "每间床位",
    "房间面积",
    "性别",
    "单人隔离",
    "启用日期",
    "停用日期",
    "所属企业",
)


def _dormitories(
    rng: random.Random, parks: Sequence[Site], workers: int, own_employer: str
) -> list[tuple[str, ...]]:
    """Dormitories of every kind: isolation hotels, single-sex and mixed
    buildings of shared rooms, one given by address, one open only for a
    while, and one that belongs to an employer."""
    floors = max(1, workers // 400)
    per_floor = 12
    kinds = (
        # kind, numbered rooms, beds, area (m2), gender, isolation, open for a while,
        # employer's own, placed by address
        ("隔离酒店", True, "", "", "", "是", False, "", False),
        ("女工宿舍", True, "4", "12", "女", "否", False, "", False),
        ("男工宿舍", True, "6", "18", "男", "否", False, "", False),
        ("职工公寓", False, "4", "9", "", "否", True, "", False),
        ("企业自有宿舍", False, "4", "", "", "否", False, own_employer, False),
        ("街道隔离点", False, "", "", "", "", False, "", True),
    )
    result: list[tuple[str, ...]] = []
    for i, (kind, numbered, beds, area, gender, isolation, window, owner, by_address) in enumerate(
        kinds
    ):
        park = parks[i % len(parks)]
        at = LatLon(
            park.location.lat + rng.uniform(-0.01, 0.01),
            park.location.lon + rng.uniform(-0.01, 0.01),
        )
        rooms = max(4, per_floor * floors)
        numbers = (
            ", ".join(f"{f}01-{f}{per_floor:02d}" for f in range(1, floors + 1)) if numbered else ""
        )
        result.append(
            (
                f"D{i + 1}",
                f"{park.name}{kind}",
                "" if by_address else f"{at.lat:.6f}",
                "" if by_address else f"{at.lon:.6f}",
                "重庆市江津区德感街道" if by_address else "",
                "" if numbered else str(rooms),
                numbers,
                beds,
                area,
                gender,
                isolation,
                "2020-03-01" if window else "",
                "2020-05-31" if window else "",
                owner,
            )
        )
    return result


def _batch_tables(batches: int) -> str:
    if batches < 2:
        return ""
    start = datetime(2020, 3, 17, 5, 0)
    tables = [
        f'[[batch]]\nid = "{batch_name(k)}"\n'
        f'departure = "{(start + timedelta(days=BATCH_DAYS * k)).isoformat()}+08:00"\n'
        for k in range(batches)
    ]
    return "\n" + "\n".join(tables)


def _scenario_toml(workers: int, seed: int, parks: Sequence[Site], batches: int) -> str:
    hub = parks[0]
    # A sparse roster of a few hundred riders from many provinces needs a
    # small bus for every 7 or 8 riders (the demo: 57 buses for 447), more
    # than a share of the roster would give, so a district's fleet has a floor.
    minibuses = max(30, workers // 60)
    midcoaches = max(10, workers // 90)
    coaches = max(2, workers // 45)
    more = f" --batches {batches}" if batches > 1 else ""
    command = f"returnbus synth --workers {workers} --seed {seed}{more}"
    return f'''# Synthetic scenario written by `{command}`.
# Every key is explained in the README ("The scenario file").

[scenario]
name = "江津合成批次（{workers} 人，种子 {seed}）"
roster = "roster.csv"
employers = "employers.csv"
dormitories = "dormitories.csv"
departure = "2020-03-17T05:00:00+08:00"

[depot]
name = "江津汽车站"
lat = 29.292433
lon = 106.255882

[destination]
name = "{hub.name}筛查点"
lat = {hub.location.lat:.6f}
lon = {hub.location.lon:.6f}

[[fleet]]
id = "M19"
name = "19座中巴"
seats = 19
seats_per_row = 3
count = {minibuses}
fixed_cost = 1800
cost_per_km = 4.5
second_driver_cost = 600

[[fleet]]
id = "C33"
name = "33座客车"
seats = 33
count = {midcoaches}
fixed_cost = 2600
cost_per_km = 5.5
second_driver_cost = 700

[[fleet]]
id = "C45"
name = "45座客车"
seats = 45
count = {coaches}
fixed_cost = 3200
cost_per_km = 6.5
second_driver_cost = 800

[[fleet]]
id = "C53"
name = "53座客车"
seats = 53
count = {coaches}
fixed_cost = 3600
cost_per_km = 7.0
second_driver_cost = 800

[seating]
policy = "rated_half"                 # at most half the rated seats (the 2020 notice)
keep_last_two_rows_empty = true
reserved_seats = 0

[rules]
max_ride_minutes = 600
max_route_minutes = 1200
min_riders = 8
run_under_minimum = true
stop_minutes = 10
pickup_radius_m = 3000
min_precision = "county"
max_dropoffs = 3
quarantine_cohorts = "separate"
earliest_departure = "05:00"
arrive_from = "08:00"
arrive_until = "20:00"
max_continuous_driving_minutes = 240
break_minutes = 20
max_driving_minutes_one_driver = 480

[screening]
quarantine_risk_levels = ["medium", "high"]
quarantine_health_codes = ["yellow"]
quarantine_self_return_from_outside = true
home_province = "重庆市"
close_contacts = "hold"

[quarantine]
days = 14
cleaning_days = 1

[solver]
iterations = 0                       # 0: a budget by the batch's size (repeatable)
time_limit_seconds = 600             # safety stop only
seed = 0

[travel]                             # calibrated on published road times (see the README)
detour_factor = 1.2                  # road km per great-circle km on long legs ...
short_detour_factor = 1.7            # ... and on the shortest, tapering ...
detour_taper_km = 100                # ... over this many great-circle km

[[travel.speed_bands]]
up_to_km = 5
kmh = 25

[[travel.speed_bands]]
up_to_km = 30
kmh = 35

[[travel.speed_bands]]
up_to_km = 100
kmh = 70

[[travel.speed_bands]]
kmh = 85
{_batch_tables(batches)}'''
