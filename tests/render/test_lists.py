"""The desk's lists: in Chinese by default, with whom to call and why."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..helpers import PlannedBatch

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_the_unassigned_list_carries_name_phone_and_a_chinese_reason(
    planned: PlannedBatch,
) -> None:
    """Every unassigned worker the roster could name has the name of their own
    row, a phone and an employer, and every reason is said in Chinese."""
    listed = rows(planned.out / "unassigned.csv")
    assert len(listed) == planned.summary["workers_unassigned"]
    # By id and row: a 工号 on two rows is two people, each under their own name.
    roster = {(r["工号"], str(k)): r for k, r in enumerate(planned.roster_rows(), start=2)}
    for row in listed:
        assert CHINESE.search(row["reason"]), row["reason"]
        source = roster.get((row["worker_id"], row["row"]))
        if source and source["姓名"]:
            assert row["name"] == source["姓名"]
            assert row["employer"]
    assert any(re.fullmatch(r"1\d{10}", row["phone"]) for row in listed)
    assert any(row["home_county"].endswith(("县", "区", "市")) for row in listed)


def test_self_returners_arrivals_and_costs_add_up(planned: PlannedBatch) -> None:
    """Self-returners with their beds, one arrival per bed, and cost shares summing to the cost."""
    plan = planned.plan
    assert {r["worker_id"] for r in rows(planned.out / "self_return.csv")} == set(
        plan["self_return"]
    )
    arrivals = rows(planned.out / "arrivals.csv")
    assert sorted(r["worker_id"] for r in arrivals) == sorted(
        b["worker_id"] for b in plan["dormitory_allocation"]
    )
    costs = rows(planned.out / "cost_by_employer.csv")
    total = sum(float(r["cost_share"]) for r in costs)
    assert abs(total - planned.summary["total_cost"]) < 0.01 * len(costs) + 0.01
    assert sum(int(r["riders"]) for r in costs) == planned.summary["workers_on_bus"]


def test_the_lists_workbook_is_headed_in_chinese(planned: PlannedBatch) -> None:
    """lists.xlsx: a sheet per list, Chinese headings, the stage in words."""
    book = load_workbook(planned.out / "lists.xlsx", read_only=True)
    assert book.sheetnames == ["未安排", "自行返岗", "宿舍到达", "企业费用分摊", "待联系"]
    sheet = book["未安排"]
    lines = list(sheet.iter_rows(values_only=True))
    assert lines[1][:4] == ("工号", "行号", "环节", "原因")
    assert {line[2] for line in lines[2:]} <= {
        "名单校验",
        "地址定位",
        "健康筛查",
        "上车点",
        "排车",
        "隔离宿舍",
        "退出",
    }


def test_the_lists_workbook_has_those_to_call_as_to_call_csv(planned: PlannedBatch) -> None:
    """The desk reaches those travelling with no phone some other way: lists.xlsx
    has them on a sheet of their own, headed in Chinese, one row per row of
    to_call.csv, how they travel in words."""
    calling = rows(planned.out / "to_call.csv")
    assert calling and len(calling) == planned.summary["workers_to_call"]
    book = load_workbook(planned.out / "lists.xlsx", read_only=True)
    lines = [[str(c) if c is not None else "" for c in line] for line in book["待联系"].values]
    assert lines[1] == [
        "工号",
        "姓名",
        "用工单位",
        "返岗方式",
        "车辆",
        "上车地点",
        "上车点编号",
        "上车时间",
    ]
    assert lines[2:] == [list(row.values()) for row in calling]
    assert {line[3] for line in lines[2:]} <= {"包车", "自行返岗"}


def test_riders_with_no_employer_are_one_named_row_of_the_cost_list(tmp_path: Path) -> None:
    """A roster row with no 用工单位 still shares a bus's cost: its row says
    so, rather than a blank where the employer goes."""
    from returnbus.io.scenario import load_scenario
    from returnbus.pipeline import make_plan
    from returnbus.render.lists import build_lists

    from ..helpers import TONGZI, worker, write_scenario

    path = write_scenario(tmp_path, [worker("A1", at=TONGZI), worker("A2", at=TONGZI, employer="")])
    plan = make_plan(load_scenario(path))
    assert plan.routes
    for lang, said in (("zh", "（名单未填单位）"), ("en", "(no employer on the roster)")):
        costs = build_lists(plan, lang).cost  # type: ignore[arg-type]
        assert sorted(str(row["employer"]) for row in costs) == sorted(["测试机械有限公司", said])


def test_the_arrivals_list_says_who_is_quarantined_only_for_sharing_a_bus(
    tmp_path: Path,
) -> None:
    """Under whole_bus, Y's yellow code binds Y to quarantine, R comes from a
    high-risk area, and the green riders sharing their bus are sent only for
    that: the arrivals list says so of each, in Chinese and in English, and
    the desk can tell them apart.  The columns verify checks come first."""
    from returnbus.io.scenario import load_scenario
    from returnbus.pipeline import make_plan
    from returnbus.render.lists import ARRIVAL_KEYS, ARRIVAL_LIST_KEYS, build_lists

    from ..helpers import TONGZI, worker, write_scenario

    rows_in = [
        worker("Y", at=TONGZI, health_code="黄"),
        worker("R", at=TONGZI, origin_risk="高"),
        *(worker(f"G{k}", at=TONGZI) for k in range(3)),
    ]
    path = write_scenario(tmp_path, rows_in, rules='quarantine_cohorts = "whole_bus"')
    plan = make_plan(load_scenario(path))
    assert plan.quarantine_for_sharing == ("G0", "G1", "G2")
    assert ARRIVAL_LIST_KEYS[: len(ARRIVAL_KEYS)] == ARRIVAL_KEYS
    said = {
        lang: {
            str(r["worker_id"]): r["quarantine_reason"] for r in build_lists(plan, lang).arrivals
        }
        for lang in ("zh", "en")
    }
    assert said["zh"] == {
        "Y": "健康码：黄码",
        "R": "来自高风险地区",
        **dict.fromkeys(("G0", "G1", "G2"), "同车随行（与须隔离人员同车）"),
    }
    assert said["en"]["G0"] == "shares a bus with a rider bound for quarantine"
    assert said["en"]["R"] == "from a high-risk area"


def test_the_lists_workbook_reads_on_screen_and_on_paper(planned: PlannedBatch) -> None:
    """Each sheet of lists.xlsx keeps its title and header in view as the rows
    scroll, repeats the header on every printed page, and gives each column a
    width: a phone's 11 digits and a date whole (Excel's default of 8.4
    characters broke them in two), the reason the widest column."""
    book = load_workbook(planned.out / "lists.xlsx")
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A3", sheet.title
        assert sheet.print_title_rows == "$2:$2", sheet.title
        header = [c.value for c in sheet[2]]
        widths = {
            name: sheet.column_dimensions[get_column_letter(k)].width
            for k, name in enumerate(header, start=1)
        }
        for column in ("手机", "日期", "入住", "离开", "分摊费用（元）"):
            if column in widths:
                assert widths[column] >= 11, (sheet.title, column, widths)
        if sheet.title == "未安排":
            assert max(widths.values()) == widths["原因"] >= 40
        if sheet.title != "企业费用分摊":
            assert sheet.page_setup.orientation == "landscape", sheet.title


def test_a_quarantined_rider_of_unknown_sex_is_on_the_arrivals_list_with_none_said(
    tmp_path: Path,
) -> None:
    """A rider bound for quarantine whose gender cell is blank or not 男/女 (a
    warning: planned with sex unknown) is on the arrivals list with no gender;
    the lists were not written at all (KeyError: nan, exit 1 after planning)."""
    from returnbus.io.scenario import load_scenario
    from returnbus.pipeline import make_plan
    from returnbus.render.lists import build_lists

    from ..helpers import TONGZI, worker, write_scenario

    rows_in = [
        worker("U", at=TONGZI, health_code="黄", gender=""),
        worker("X", at=TONGZI, health_code="黄", gender="G1"),
        worker("M", at=TONGZI, health_code="黄"),
    ]
    plan = make_plan(load_scenario(write_scenario(tmp_path, rows_in)))
    assert {bed.worker_id for bed in plan.beds} == {"U", "X", "M"}
    for said, male in (
        (build_lists(plan, "zh").arrivals, "男"),
        (build_lists(plan, "en").arrivals, "M"),
    ):
        assert {str(r["worker_id"]): r["gender"] for r in said} == {"U": "", "X": "", "M": male}


def kind(value: object) -> str:
    """The type a workbook's cell was read back as: int, float, str."""
    return type(value).__name__


def number(value: object) -> float:
    """A number cell's value (a text cell fails)."""
    assert isinstance(value, int | float), value
    return value


def _numbers_plan(tmp_path: Path) -> object:
    """A plan whose lists hold every kind of number: a roster row of a
    worker left unplanned, beds (of a worker whose id "007" only looks
    numeric), riders of two employers, one bus's cost shared."""
    from returnbus.io.scenario import load_scenario
    from returnbus.pipeline import make_plan

    from ..helpers import TONGZI, XINYANG, worker, write_scenario

    rows_in = [
        worker("007", at=TONGZI, health_code="黄", phone="13800000007"),
        worker("Y1", at=TONGZI, health_code="黄"),
        worker("A2", at=TONGZI, employer=""),
        worker("FAR", at=XINYANG),
    ]
    return make_plan(load_scenario(write_scenario(tmp_path / "in", rows_in)))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_lists_workbook_stores_counts_rows_beds_and_money_as_numbers(
    tmp_path: Path, lang: str
) -> None:
    """lists.xlsx stored every cell as text: a desk could not sum the cost
    column, and Excel flagged each cell.  Roster rows, beds, riders and buses
    are now whole numbers, the cost share a number shown with two decimals;
    worker ids, phones and rooms stay text ("007" keeps its zeros).  The cost
    sheet ends with a total line (every rider, each bus once, the whole
    cost), which cost_by_employer.csv, a contract, does not have."""
    from returnbus.render.lists import build_lists, write_lists

    plan: Any = _numbers_plan(tmp_path)
    assert plan.routes and plan.beds and plan.unassigned
    out = tmp_path / lang
    write_lists(build_lists(plan, lang), out, lang)  # type: ignore[arg-type]
    book = load_workbook(out / "lists.xlsx")
    unassigned, _, arrivals, cost, _ = book.worksheets
    lines = [list(line) for line in unassigned.iter_rows(min_row=3)]
    assert lines and all(kind(line[1].value) == "int" for line in lines)
    assert all(line[1].data_type == "n" for line in lines)
    assert all(kind(line[0].value) == "str" for line in lines)
    arrived = {line[3].value: line for line in arrivals.iter_rows(min_row=3)}
    assert set(arrived) == {"007", "Y1"}
    for line in arrived.values():
        assert kind(line[9].value) == "int"  # bed
        assert kind(line[8].value) == "str" and line[8].data_type == "s"  # room
        assert kind(line[5].value) == "str"  # phone
    assert arrived["007"][5].value == "13800000007"
    shares = list(cost.iter_rows(min_row=3))
    *employers, total = shares
    assert len(employers) == 2
    for line in shares:
        assert kind(line[1].value) == "int" and kind(line[2].value) == "int"
        assert kind(line[3].value) == "float" and line[3].number_format == "#,##0.00"
    said = "合计（多家企业共乘的车辆只计一次）" if lang == "zh" else "Total"
    assert str(total[0].value).startswith(said)
    assert (
        number(total[1].value)
        == sum(number(line[1].value) for line in employers)
        == sum(r.riders for r in plan.routes)
    )
    assert number(total[2].value) == len(plan.routes)
    whole = sum(route.cost for route in plan.routes)
    assert abs(number(total[3].value) - whole) < 0.005
    assert abs(sum(number(line[3].value) for line in employers) - whole) < 0.01 * len(employers)
    # The CSV is as it was: one row per employer, the share as text with two decimals.
    listed = rows(out / "cost_by_employer.csv")
    assert len(listed) == len(employers)
    assert all(re.fullmatch(r"\d+\.\d\d", row["cost_share"]) for row in listed)


def _reasons(plan: object) -> dict[str, dict[str, str]]:
    """Each language's quarantine_reason of the arrivals list, by worker."""
    from returnbus.render.lists import build_lists

    return {
        lang: {
            str(r["worker_id"]): str(r["quarantine_reason"])
            for r in build_lists(plan, lang).arrivals  # type: ignore[arg-type]
        }
        for lang in ("zh", "en")
    }


def test_the_arrivals_list_says_the_precise_reason_of_a_group_or_a_self_returner(
    tmp_path: Path,
) -> None:
    """P is quarantined only because Y of their keep-together group has a
    yellow code, S returns by themselves from outside the home province: the
    arrivals list names Y and Y's reason for P, and says S's, in Chinese and
    in English (it said 筛查或同行组须隔离 of both).  Read back from plan.json
    it says the same; a plan.json written before the detail was kept keeps
    the general words."""
    from returnbus.io.scenario import load_scenario
    from returnbus.pipeline import make_plan
    from returnbus.planfile import from_document, to_document

    from ..helpers import TONGZI, worker, write_scenario

    rows_in = [
        worker("Y", at=TONGZI, health_code="黄", group="g1"),
        worker("P", at=TONGZI, group="g1"),
        worker("S", at=TONGZI, travel_mode="自行返岗"),
        worker("G", at=TONGZI),
    ]
    plan = make_plan(load_scenario(write_scenario(tmp_path, rows_in)))
    assert {bed.worker_id for bed in plan.beds} == {"Y", "P", "S"}
    said = _reasons(plan)
    assert said["zh"] == {
        "Y": "健康码：黄码",
        "P": "同行组成员 Y 须隔离（健康码：黄码）",
        "S": "自行返岗，来自重庆市以外",
    }
    assert said["en"] == {
        "Y": "health code: yellow",
        "P": "keep-together group member Y is bound for quarantine (health code: yellow)",
        "S": "returns by themselves from outside 重庆市",
    }
    document = json.loads(json.dumps(to_document(plan)))
    assert _reasons(from_document(document)) == said
    del document["quarantine_causes"]
    old = _reasons(from_document(document))
    assert old["zh"] == dict.fromkeys(("Y", "P", "S"), "筛查或同行组须隔离")
    assert old["en"]["P"] == "screening, or their keep-together group"


def test_a_self_returner_whose_home_is_not_placed_is_not_said_to_come_from_outside(
    tmp_path: Path,
) -> None:
    """U returns by themselves from an address the geocoder cannot place, and
    Q rides in U's keep-together group: both are quarantined as before (an
    unknown home counts as outside), but the arrivals list says U's home was
    not placed and is treated as outside, and to correct it, not that U comes
    from outside 重庆市; in Chinese and in English, read back from plan.json too."""
    from returnbus.io.scenario import load_scenario
    from returnbus.pipeline import make_plan
    from returnbus.planfile import from_document, to_document

    from ..helpers import TONGZI, worker, write_scenario

    rows_in = [
        worker("U", home_address="火星基地一号", travel_mode="自行返岗", group="g1"),
        worker("Q", at=TONGZI, group="g1"),
        worker("S", at=TONGZI, travel_mode="自行返岗"),
    ]
    plan = make_plan(load_scenario(write_scenario(tmp_path, rows_in)))
    assert {bed.worker_id for bed in plan.beds} == {"U", "Q", "S"}
    said = _reasons(plan)
    unknown_zh = "自行返岗，家庭住址未能定位到省份，按来自重庆市以外处理；请补充或更正家庭住址"
    unknown_en = (
        "returns by themselves, home address not placed in a province: treated as from"
        " outside 重庆市; add or correct the home address"
    )
    assert said["zh"] == {
        "U": unknown_zh,
        "Q": f"同行组成员 U 须隔离（{unknown_zh}）",
        "S": "自行返岗，来自重庆市以外",
    }
    assert said["en"] == {
        "U": unknown_en,
        "Q": f"keep-together group member U is bound for quarantine ({unknown_en})",
        "S": "returns by themselves from outside 重庆市",
    }
    assert _reasons(from_document(json.loads(json.dumps(to_document(plan))))) == said


def test_no_list_is_titled_as_a_bus_paper(tmp_path: Path) -> None:
    """lists.xlsx, in either language: no sheet's name or title says the name
    of a paper that travels with a bus (the manifest 乘车人员名单, the
    registration form, the driver's sheet, the seat map), and each says its
    own.  The unassigned list was titled 未安排乘车人员名单: a desk read it as
    a manifest, of riders not on a bus."""
    from returnbus.io.scenario import load_scenario
    from returnbus.pipeline import make_plan
    from returnbus.render.labels import label
    from returnbus.render.lists import build_lists, write_lists
    from returnbus.text import Lang

    from ..helpers import TONGZI, worker, write_scenario

    plan = make_plan(load_scenario(write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])))
    langs: tuple[Lang, ...] = ("zh", "en")
    for lang in langs:
        out = tmp_path / lang
        write_lists(build_lists(plan, lang), out, lang)
        book = load_workbook(out / "lists.xlsx", read_only=True)
        papers = {label(k, lang) for k in ("manifest", "registration", "driver_sheet", "seat_map")}
        said = {name: str(book[name]["A1"].value) for name in book.sheetnames}
        assert len(set(said.values())) == len(said), (lang, said)
        for name, title in said.items():
            assert not any(p in name or p in title for p in papers), (lang, name, title)


def test_the_quarantine_dormitory_is_said_so_in_english(tmp_path: Path) -> None:
    """隔离宿舍 is where the quarantined sleep: in English every heading and
    word of the papers and lists that says 隔离宿舍 or 隔离 says quarantine
    too; the arrivals and self-return lists and the manifest headed it
    "Dormitory", the unassigned list's stage said "dormitory".  A lists.xlsx
    or manifests.xlsx written before, headed "Dormitory", still passes
    `verify`; one headed otherwise does not."""
    from returnbus.render.labels import FORMER_KEYS, LABELS, label

    from ..helpers import TONGZI, run, worker, write_scenario

    former = {k for keys in FORMER_KEYS.values() for k in keys}
    # A reason in the column headed "Why quarantined": the heading says it.
    said_by_column = {"why_screening"}
    silent = [
        (key, en)
        for key, (en, zh) in LABELS.items()
        if "隔离" in zh and "quarantin" not in en.lower()
    ]
    assert {key for key, _ in silent} <= former | said_by_column, silent
    assert label("stage_dormitory", "en") == "quarantine dormitory"
    scenario = write_scenario(
        tmp_path / "in", [worker("Y", at=TONGZI, health_code="黄"), worker("G", at=TONGZI)]
    )
    out = tmp_path / "out"
    assert run(["plan", str(scenario), "--out", str(out), "--lang", "en"]) == 0
    heading = label("dormitory", "en")
    assert heading == "Quarantine dormitory"
    books = {
        "lists": (out / "lists.xlsx", ("sheet_arrivals", "sheet_self_return")),
        "manifests": (out / "manifests" / "manifests.xlsx", ()),
    }
    for path, sheets in books.values():
        book = load_workbook(path)
        titles = [label(s, "en") for s in sheets] or book.sheetnames
        for title in titles:
            cells = [str(c.value) for line in book[title].iter_rows() for c in line]
            assert heading in cells and "Dormitory" not in cells, (path.name, title)
    # Each workbook's headings said otherwise, as if written so by the plan
    # (indexed anew: a workbook changed since is read as the desk's, or refused).
    index = out / "outputs.json"
    for words, passes in (("Dormitory", True), ("Dorm", False)):
        files = json.loads(index.read_text(encoding="utf-8"))
        for path, _ in books.values():
            book = load_workbook(path)
            for sheet in book.worksheets:
                for line in sheet.iter_rows():
                    for cell in line:
                        if cell.value in (heading, "Dormitory", "Dorm"):
                            cell.value = words
            book.save(path)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            files["files"][path.relative_to(out).as_posix()] = digest
        index.write_text(json.dumps(files), encoding="utf-8")
        assert (run(["verify", str(out)]) == 0) == passes, words


def test_a_quarantined_self_returner_s_bed_is_given_as_the_arrivals_give_it(
    planned: PlannedBatch,
) -> None:
    """self_return.csv and lists.xlsx's 自行返岗: a self-returner bound for
    quarantine has their room and their bed, as arrivals.csv gives them
    (the list gave the room alone); one not bound there has neither.  The
    bed comes after the columns the list always had, a whole number."""
    arrivals = {r["worker_id"]: r for r in rows(planned.out / "arrivals.csv")}
    listed = rows(planned.out / "self_return.csv")
    assert list(listed[0])[-1] == "bed", list(listed[0])
    bedded = [r for r in listed if r["dormitory"]]
    assert bedded, "no self-returner of the batch is quarantined"
    for row in listed:
        arrival = arrivals.get(row["worker_id"])
        if arrival is None:
            assert not row["room"] and not row["bed"], row
        else:
            assert (row["room"], row["bed"]) == (arrival["room"], arrival["bed"]), row
            assert row["bed"].isdigit(), row
    book = load_workbook(planned.out / "lists.xlsx", read_only=True)
    lines = list(book["自行返岗"].iter_rows(values_only=True))
    header = lines[1]
    assert header[-2:] == ("离开", "床位"), header
    beds = {line[0]: line[header.index("床位")] for line in lines[2:]}
    for row in bedded:
        assert beds[row["worker_id"]] == int(row["bed"]), row


def test_the_arrivals_sheet_says_it_lists_arrivals_at_the_quarantine_dormitories(
    tmp_path: Path,
) -> None:
    """lists.xlsx: the arrivals' sheet keeps its name (宿舍到达, "Dormitory
    arrivals": README names it, verify finds it by it), and its title row
    says the dormitories are the quarantine's, as its header's 隔离宿舍
    does: a desk reading "宿舍到达" alone took it for every arrival."""
    from returnbus.render.lists import build_lists, write_lists

    plan: Any = _numbers_plan(tmp_path)
    for lang, name, said in (
        ("zh", "宿舍到达", "隔离宿舍到达"),
        ("en", "Dormitory arrivals", "quarantine dormitories"),
    ):
        out = tmp_path / lang
        write_lists(build_lists(plan, lang), out, lang)  # type: ignore[arg-type]
        book = load_workbook(out / "lists.xlsx", read_only=True)
        assert book.sheetnames[2] == name, book.sheetnames
        (title, *_), header = list(book[name].iter_rows(values_only=True, max_row=2))
        assert said in str(title).lower(), title
        assert header[0] in ("隔离宿舍", "Quarantine dormitory"), header
