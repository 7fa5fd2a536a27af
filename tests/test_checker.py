"""The independent checker of a written plan."""

from __future__ import annotations

import ast
import codecs
import inspect
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

import returnbus
from returnbus import checker
from returnbus.checker import check_plan
from returnbus.cli import _roster_count_problems
from returnbus.io.plans import load_plan
from returnbus.planfile import from_document
from returnbus.render.audit import paper_problems
from returnbus.render.labels import label
from returnbus.render.staging import index_problems
from returnbus.run import ledger_problems
from returnbus.text import Lang, Text, say

from .helpers import TONGZI, PlannedBatch, run, worker, write_scenario
from .test_errors import _longest_english_run


def test_independent_checker_finds_nothing(planned: PlannedBatch) -> None:
    """Capacity, ride cap, route-duration cap, times, seats and beds all hold."""
    assert check_plan(load_plan(planned.out), roster_rows=len(planned.roster_rows())) == []


def test_checker_catches_broken_plans(planned: PlannedBatch) -> None:
    """Tampering with a plan (overload, late arrival, a lost worker) is caught."""
    plan = planned.plan
    route = plan["routes"][0]
    route["stops"][0]["worker_ids"] += [f"extra{i}" for i in range(30)]
    arrive = datetime.fromisoformat(route["end"]["arrive_time"])
    route["end"]["arrive_time"] = arrive.replace(year=arrive.year + 1).isoformat()
    plan["self_return"] = plan["self_return"][1:]
    problems = "\n".join(check_plan(from_document(plan)))
    assert "over its capacity" in problems
    assert "ride of" in problems and "route of" in problems
    assert "accounted for" in problems
    assert "seat map" in problems


def test_a_leg_whose_time_is_wrong_is_named_by_the_stop_it_drives_to(planned: PlannedBatch) -> None:
    """The legs were counted from 0 ("leg 0", "第 0 段" for the run from the
    depot): a leg is named by the stop it drives to, numbered as on the
    driver's sheet, from 1."""
    plan = planned.plan
    route = plan["routes"][0]
    depart = datetime.fromisoformat(route["depart_time"])
    route["depart_time"] = (depart - timedelta(hours=3)).isoformat()
    bus = route["bus_id"]
    (leg,) = [p for p in check_plan(from_document(plan)) if getattr(p, "key", "") == "bus_leg_time"]
    assert leg.startswith(f"bus {bus}: the leg to stop 1 takes"), leg
    assert leg.said("zh").startswith(f"车辆 {bus}：驶往第 1 站的一段"), leg.said("zh")


def test_checker_takes_a_bed_released_early_and_only_on_its_last_morning(
    planned: PlannedBatch,
) -> None:
    """A bed freed early (`ledger release`) ends on its release, nights short
    of the quarantine: no problem.  A release that is not the bed's end, or
    outside its nights, is one; so is a short bed without a release."""
    plan = planned.plan
    first, second, third = plan["dormitory_allocation"][:3]
    start = datetime.fromisoformat(first["start_date"]).date()
    on = (start + timedelta(days=2)).isoformat()
    first.update(end_date=on, released_on=on)
    assert check_plan(from_document(json.loads(json.dumps(plan)))) == []
    second.update(released_on=on)  # the bed still ends with the quarantine
    third.update(end_date=on)  # short, never released
    problems = "\n".join(check_plan(from_document(json.loads(json.dumps(plan)))))
    assert f"worker {second['worker_id']}: a bed from" in problems and "released early" in problems
    assert f"worker {third['worker_id']}: a bed for" in problems
    assert f"worker {first['worker_id']}" not in problems


def test_checker_catches_a_double_booked_room(planned: PlannedBatch) -> None:
    """Two workers in one single room over the same nights is reported."""
    plan = planned.plan
    single = next(d for d in plan["dormitories"] if d["isolation"])
    room = next(iter(single["room_capacity"]))
    first, second = plan["dormitory_allocation"][:2]
    for bed in (first, second):
        bed.update(
            dorm_id=single["dorm_id"],
            room=room,
            bed="1",
            start_date=first["start_date"],
            end_date=first["end_date"],
        )
    problems = "\n".join(check_plan(from_document(json.loads(json.dumps(plan)))))
    assert f"room {single['dorm_id']}/{room} holds" in problems and "over its 1" in problems


def test_checker_holds_every_ride_to_the_detour_rule(planned: PlannedBatch) -> None:
    """Under a detour rule no shared bus can keep (the direct trip exactly), every
    bus with riders picked up before others breaks it; under the plan's own it holds."""
    plan = load_plan(planned.out)
    strict = replace(
        plan.settings,
        rules=replace(plan.settings.rules, max_detour_factor=1.0, max_detour_minutes=0),
    )
    problems = check_plan(replace(plan, settings=strict))
    shared = [r for r in plan.routes if len(r.stops) > 1]
    assert shared and all(
        any(f"bus {r.bus_id}:" in p and "detour rule" in p for p in problems) for r in shared
    )
    assert not [p for p in check_plan(plan) if "detour" in p]


def test_the_summary_gives_the_mean_detour_and_each_riders_direct_trip(
    planned: PlannedBatch,
) -> None:
    """plan.json keeps each rider's direct trip; the mean ride beyond it is in the summary."""
    plan = load_plan(planned.out)
    detours = [d for r in plan.routes for d in r.detours().values()]
    assert detours and all(d >= 0 for d in detours)
    assert {w for r in plan.routes for w, _ in r.direct} == {
        w for r in plan.routes for w in r.worker_ids
    }
    expected = round(sum(detours) / len(detours) / 60, 1)
    assert planned.summary["mean_detour_minutes"] == expected


def _shifted(route: dict[str, Any], hours: float) -> None:
    """Every time of a route moved by ``hours``."""
    step = timedelta(hours=hours)

    def moved(text: str) -> str:
        return (datetime.fromisoformat(text) + step).isoformat()

    route["depart_time"] = moved(route["depart_time"])
    route["end"]["arrive_time"] = moved(route["end"]["arrive_time"])
    for stop in route["stops"]:
        stop["arrive_time"] = moved(stop["arrive_time"])
    for rest in route["breaks"]:
        rest["start"] = moved(rest["start"])
    if route.get("layover"):
        route["layover"]["start"] = moved(route["layover"]["start"])
    route["relays"] = [moved(t) for t in route.get("relays", [])]


def test_checker_holds_routes_to_the_hours_of_day_and_night(planned: PlannedBatch) -> None:
    """A route moved to the small hours picks up at night and drives between
    02:00 and 05:00 with one driver and no relay: both are reported; the
    plan as written keeps the pickup hours."""
    plan = planned.plan
    route = max(plan["routes"], key=lambda r: r["driving_minutes"])
    first = datetime.fromisoformat(route["stops"][0]["arrive_time"])
    _shifted(route, 2 - first.hour - first.minute / 60)  # first pickup at 02:00
    route["drivers"], route["relays"] = 1, []
    problems = "\n".join(check_plan(from_document(plan)))
    assert f"bus {route['bus_id']}: picks up" in problems and "outside the pickup hours" in problems
    assert "without two drivers relaying" in problems
    kept = load_plan(planned.out)
    assert all(6 <= s.arrive.hour < 21 for r in kept.routes for s in r.stops)


def test_checker_wants_two_drivers_over_the_one_way_distance(planned: PlannedBatch) -> None:
    """A route whose empty or loaded run is over 400 km (600 on expressways) one
    way, given one driver, is reported."""
    plan = load_plan(planned.out)
    rules = replace(plan.settings.rules, two_drivers_km=1, two_drivers_km_expressway=1)
    strict = replace(plan, settings=replace(plan.settings, rules=rules))
    lone = [replace(r, drivers=1) for r in strict.routes]
    problems = check_plan(replace(strict, routes=tuple(lone)))
    assert sum("one way with one driver" in p for p in problems) == len(lone)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def test_verify_says_its_problems_in_chinese_unless_english_is_asked_for(
    planned: PlannedBatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A copy of the planned folder with a bus overloaded in plan.json: the
    broken rule, the changed plan.json, the manifest that does not list the
    extra riders and the superseded note are said in Chinese by default, with
    no English sentence left; ``--lang en`` says them in English as before.
    The console is wide enough for every problem on one line: on 80 columns
    Chinese wraps between any two characters, so where a problem's sentence
    broke hung on the length of the temp folder's path before it."""
    from returnbus import cli

    monkeypatch.setattr(cli.out, "width", 1000)
    folder = tmp_path / "copy"
    shutil.copytree(planned.out, folder)
    plan = planned.plan
    route = plan["routes"][0]
    route["stops"][0]["worker_ids"] += [f"extra{i}" for i in range(30)]
    (folder / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    bus = route["bus_id"]
    problems = check_plan(load_plan(folder))
    over = next(p for p in problems if p.startswith(f"bus {bus}: ") and "over its capacity" in p)
    assert all(isinstance(p, Text) and _CJK.search(p.said("zh")) for p in problems)
    capsys.readouterr()
    assert run(["verify", str(folder)]) == 1
    said = capsys.readouterr().out
    assert f"x {over.said('zh')}" in said and f"车辆 {bus}：乘客" in said, said
    assert "plan.json 不是 outputs.json 所对应的排车方案" in said, said
    assert f"员工 extra0 乘坐车辆 {bus}，但未列出" in said, said
    assert "本文件夹的排车方案已被取代" in said, said
    assert over not in said and "over its capacity" not in said and "superseded" not in said
    assert _longest_english_run(said) < 4, said
    assert run(["verify", str(folder), "--lang", "en"]) == 1
    said = capsys.readouterr().out
    assert f"x {over}" in said and "plan.json is not the plan outputs.json was written for" in said
    assert f"worker extra0 rides bus {bus} in plan.json but is not listed" in said, said
    assert "this folder is superseded" in said, said
    assert "车辆" not in said and "所有规则" not in said, said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_verify_tells_a_plan_json_saved_again_from_one_changed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: Lang,
) -> None:
    """A plan.json re-indented and saved again by an editor (a byte-order
    mark, Windows line ends, Chinese escaped) holds the plan written, value
    for value: `verify` said the folder was changed behind the ledger's back,
    plan.json not outputs.json's plan and changed, and failed.  It now notes
    the file was saved again with its content unchanged and passes (README:
    every file is the one written), and a re-plan starts from it; a real
    edit is still said as before and fails."""
    from returnbus import cli

    monkeypatch.setattr(cli.out, "width", 1000)  # each line whole, Chinese too
    path = write_scenario(tmp_path / "in", [worker(f"A{k}", at=TONGZI) for k in range(3)])
    out, ledger = tmp_path / "out", tmp_path / "l.sqlite"
    common = ["--ledger", str(ledger), "--workers", "1"]
    assert run(["plan", str(path), "--out", str(out), *common]) == 0
    plan_file = out / "plan.json"
    document = json.loads(plan_file.read_text(encoding="utf-8"))
    text = json.dumps(document, indent=4).replace("\n", "\r\n")
    plan_file.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    changed = [
        say(Text("index_other_plan", index="outputs.json"), lang),
        say(Text("file_changed", name="plan.json"), lang),
    ]
    behind = "本文件夹已被另行改动" if lang == "zh" else "this folder was changed behind it"
    capsys.readouterr()
    assert run(["verify", str(out), "--lang", lang]) == 0
    said = capsys.readouterr().out
    assert f"i {label('plan_resaved', lang)}" in said, said
    assert not any(line.startswith("x ") for line in said.splitlines()), said
    assert behind not in said and not any(c in said for c in changed), said
    # A real edit, the file otherwise as written: said as a change, as before.
    edited = json.loads(json.dumps(document))
    edited["routes"][0]["cost"] += 1
    plan_file.write_text(json.dumps(edited, ensure_ascii=False) + "\n", encoding="utf-8")
    assert run(["verify", str(out), "--lang", lang]) == 1
    said = capsys.readouterr().out
    assert all(c in said for c in [behind, *changed]), said
    assert label("plan_resaved", lang) not in said, said
    plan_file.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert run(["replan", str(out), "--out", str(tmp_path / "again"), *common]) == 0


#: Where `verify`'s problems are made: every function of a module, or the named ones.
_MAKERS: dict[str, set[str] | None] = {
    "checker.py": None,
    "render/audit.py": None,
    "render/staging.py": {"index_problems"},
    "run.py": {
        "ledger_problems",
        "ledger_bed_problems",
        "_told",
        "ledger_bus_problems",
        "_overdrawn",
        "ledger_room_problems",
    },
    "quarantine/rooms.py": {"clashes_said"},
    "cli.py": {"_roster_count_problems", "_trust_previous"},
}


def _plain(node: ast.expr) -> bool:
    """Whether ``node`` makes a string that is no catalogue sentence: an
    f-string, a literal, or ``+``, ``str.join``, ``str.format`` or ``str()`` of them."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _plain(node.left) or _plain(node.right)
    if isinstance(node, ast.IfExp):
        return _plain(node.body) or _plain(node.orelse)
    if isinstance(node, ast.BoolOp):
        return any(_plain(v) for v in node.values)
    if isinstance(node, ast.Call):
        func = node.func
        return (isinstance(func, ast.Attribute) and func.attr in ("join", "format")) or (
            isinstance(func, ast.Name) and func.id == "str"
        )
    return False


def _items(node: ast.expr, *, lists: bool = False) -> Iterator[ast.expr]:
    """What a list holds (its items, a comprehension's element), or the lists
    of a tuple of ``lists`` (problems and notes)."""
    if isinstance(node, ast.List):
        for item in node.elts:
            yield from _items(item) if isinstance(item, ast.List) else [item]
    elif isinstance(node, ast.ListComp):
        yield node.elt
    elif isinstance(node, ast.IfExp):
        yield from _items(node.body, lists=lists)
        yield from _items(node.orelse, lists=lists)
    elif lists and isinstance(node, ast.Tuple):
        for item in node.elts:
            yield from _items(item)


def _problems_made(function: ast.FunctionDef) -> Iterator[ast.expr]:
    """Each sentence ``function`` puts in a list (appended, added with ``+=``,
    assigned or returned in a list, given to `_just`), and what it returns
    when its return type is a `Text`."""
    sentence = function.returns is not None and ast.unparse(function.returns) == "Text"
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and (
            (isinstance(node.func, ast.Attribute) and node.func.attr == "append")
            or (isinstance(node.func, ast.Name) and node.func.id == "_just")
        ):
            yield from node.args
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.Return) and node.value:
            yield from _items(node.value, lists=isinstance(node, ast.Return))
            if sentence and isinstance(node, ast.Return):
                yield node.value


def _english_only(tree: ast.Module, names: set[str] | None) -> tuple[int, list[str]]:
    """How many sentences the functions ``names`` of ``tree`` (all when None)
    put in their problem lists, and those that are plain strings (line: code)."""
    found, plain = 0, []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef) or (
            names is not None and function.name not in names
        ):
            continue
        for made in _problems_made(function):
            found += 1
            if _plain(made):
                plain.append((made.lineno, ast.unparse(made)))
    return found, [f"{line}: {code}" for line, code in sorted(plain)]


def test_every_problem_verify_says_is_built_from_the_catalogue() -> None:
    """`check_plan`, `paper_problems`, `index_problems`, `ledger_problems` and
    the roster count give `Text` sentences (mypy holds them to ``list[Text]``),
    and none of the functions that make their problems puts a plain string in
    a list: the desk reads every one in its language."""
    for function in (check_plan, paper_problems, index_problems, _roster_count_problems):
        assert inspect.signature(function).return_annotation == "list[Text]", function
    assert inspect.signature(ledger_problems).return_annotation == "tuple[list[Text], list[Text]]"
    package = Path(returnbus.__file__).parent
    found, english_only = 0, []
    for name, functions in _MAKERS.items():
        tree = ast.parse((package / name).read_text(encoding="utf-8"))
        count, plain = _english_only(tree, functions)
        found += count
        english_only += [f"{name}:{line}" for line in plain]
    assert found > 120  # the walk found the problems
    assert english_only == []
    bad = """
def f(bus: str, problems: list[str]) -> list[str]:
    problems.append(f"bus {bus}: no stops")
    problems += [Text("bus_no_stops", bus=bus), "bus " + bus]
    if bus:
        return [f"{bus} is missing"] if bus else [], [Text("file_missing", name=bus)]
    yield name, _just(Text("file_missing", name=bus), "x".join(bus))
    return [b for b in bus]

def where(bus: str) -> Text:
    return f"on bus {bus}"
"""
    assert _english_only(ast.parse(bad), None) == (
        9,
        [
            "3: f'bus {bus}: no stops'",
            "4: 'bus ' + bus",
            "6: f'{bus} is missing'",
            "7: 'x'.join(bus)",
            "11: f'on bus {bus}'",
        ],
    )


def test_checker_holds_drop_offs_to_the_receiving_hours(planned: PlannedBatch) -> None:
    """A drop-off moved to 03:00 is outside the receiving hours and is reported,
    naming the bus and the place."""
    plan = planned.plan
    route = plan["routes"][0]
    dropoff = next(s for s in route["stops"] if s["kind"] == "dropoff")
    arrive = datetime.fromisoformat(dropoff["arrive_time"])
    dropoff["arrive_time"] = arrive.replace(hour=3, minute=0).isoformat()
    problems = "\n".join(check_plan(from_document(plan)))
    assert f"bus {route['bus_id']}: arrives at {dropoff['point_id']} at 03:00, outside" in problems


def test_the_night_limit_holds_while_driving_at_night_only(planned: PlannedBatch) -> None:
    """As the planner's clock drives: 2 h on end at most while it is night,
    4 h by day.  A drive from before 06:00 on into the morning keeps the
    night's limit until 06:00 and the day's after; one into the evening is
    held to the night's from 22:00."""
    plan = load_plan(planned.out)
    rules = replace(
        plan.settings.rules,
        night_from="22:00",
        night_until="06:00",
        max_night_driving_minutes=120,
        max_continuous_driving_minutes=240,
        break_minutes=20,
    )
    plan = replace(plan, settings=replace(plan.settings, rules=rules))
    route = replace(plan.routes[0], relays=())
    day = datetime(2020, 3, 18, tzinfo=route.depart.tzinfo)

    def problems(*spans: tuple[float, float]) -> list[str]:
        timed = [(day + timedelta(hours=a), day + timedelta(hours=b)) for a, b in spans]
        return [p.said("en") for p in checker._check_streaks(plan, route, timed)]

    assert problems((5.4, 8.5)) == []  # 36 min at night, 186 min in all
    assert problems((4.5, 6.5)) == []  # 90 min at night, then 30 by day
    (late,) = problems((4.5, 7.0), (7.1, 9.5))  # 6 minutes' stop is no rest: 294 min by 09:30
    assert "by 09:30" in late and "over 240 min" in late
    (night,) = problems((21.0, 23.5))  # 150 min on end by 23:30, 90 of them at night
    assert "150 min" in night and "over 120 min" in night
    (both,) = problems((3.5, 6.5))  # 150 min on end by 06:00, all at night
    assert "by 06:00" in both and "over 120 min" in both
    assert problems((20.0, 22.0), (22.4, 23.9)) == []  # a rest between: each within its limit


def test_a_bus_that_waits_where_it_sets_out_passes_the_leg_check(tmp_path: Path) -> None:
    """Workers living at the depot itself: the first leg takes no time, so a
    wait before the first pickup (a layover of seconds) begins as the bus sets
    out. The checker counted rests strictly inside a leg, left that wait out,
    and failed the plan ('leg 0 takes 4 s in the plan, the travel model says
    0 s')."""
    from returnbus.io.scenario import load_scenario
    from returnbus.pipeline import make_plan

    from .helpers import DEPOT, worker, write_scenario

    rows = [worker(f"D{k}", at=DEPOT) for k in range(9)]
    plan = make_plan(load_scenario(write_scenario(tmp_path, rows)))
    waits = [r for r in plan.routes if r.layover is not None and r.layover.start == r.depart]
    assert waits, "no bus waits where it sets out: the case is not made"
    assert not [str(p) for p in check_plan(plan) if "leg 0" in str(p)]
