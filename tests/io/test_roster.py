"""Reading rosters as HR offices send them, and validating every row."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook

from returnbus.domain import LatLon
from returnbus.errors import InputError
from returnbus.io.roster import (
    GEOCODE_FIELDS,
    RosterReport,
    RosterSource,
    clean_cell,
    read_roster,
)
from returnbus.text import Lang, say

CHINESE_HEADER = [
    "工号",
    "姓名",
    "性别",
    "手机号码",
    "身份证号",
    "用工单位",
    "家庭住址",
    "健康码",
    "风险等级",
    "返岗方式",
    "同行组",
]
GOOD_ROWS = [
    [
        "A001",
        "张三",
        "男",
        "13812345678",
        "11010519491231002X",
        "E1",
        "贵州省遵义市桐梓县娄山关街道",
        "绿",
        "低",
        "包车",
        "",
    ],
    [
        "A002",
        "李四",
        "女",
        "+86 139-1234-5678",
        "",
        "E1",
        "贵州遵义桐梓县九坝镇",
        "绿码",
        "中风险",
        "自行返岗",
        "G1",
    ],
    [
        "A003",
        "王五",
        "M",
        "15012345678",
        "",
        "E1",
        "四川省泸州市合江县",
        "yellow",
        "high",
        "bus",
        "G1",
    ],
]


def write_csv(
    path: Path, rows: list[list[str]], *, encoding: str, header: list[str] = CHINESE_HEADER
) -> Path:
    text = "\n".join(",".join(cells) for cells in [header, *rows]) + "\n"
    path.write_bytes(text.encode(encoding))
    return path


def read(path: Path, **kwargs: object) -> RosterReport:
    return read_roster(RosterSource(path=path), **kwargs)  # type: ignore[arg-type]


def summary(report: RosterReport) -> list[tuple[object, ...]]:
    return [
        (
            w.id,
            w.name,
            w.sex,
            w.phone,
            w.health_code,
            w.origin_risk,
            w.travel_mode,
            w.group,
            w.address,
        )
        for w in report.workers
    ]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_csv_encodings_reach_the_same_workers(tmp_path: Path, encoding: str) -> None:
    """GBK, GB18030, UTF-8 with and without BOM give identical workers."""
    reference = read(write_csv(tmp_path / "ref.csv", GOOD_ROWS, encoding="utf-8"))
    report = read(write_csv(tmp_path / f"{encoding}.csv", GOOD_ROWS, encoding=encoding))
    assert summary(report) == summary(reference)
    assert [w.id for w in report.workers] == ["A001", "A002", "A003"]
    assert not report.rejected


def test_xlsx_with_title_row_reaches_the_same_workers(tmp_path: Path) -> None:
    """An XLSX with a title row above the Chinese header and numeric phones reads the same."""
    reference = read(write_csv(tmp_path / "ref.csv", GOOD_ROWS, encoding="utf-8"))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2020年返岗人员登记表"])
    sheet.append(CHINESE_HEADER)
    for row in GOOD_ROWS:
        cells: list[object] = list(row)
        if cells[3] == "13812345678":
            cells[3] = 13812345678  # Excel keeps phone numbers as numbers
        sheet.append(cells)
    book.save(tmp_path / "roster.xlsx")
    report = read(tmp_path / "roster.xlsx")
    assert summary(report) == summary(reference)
    assert report.file.header_row == 2 and report.workers[0].row == 3


def test_values_in_chinese_and_english_are_normalised(tmp_path: Path) -> None:
    """绿码/中风险/自行返岗/女 and yellow/high/bus/M map to the same vocabulary."""
    report = read(write_csv(tmp_path / "r.csv", GOOD_ROWS, encoding="utf-8"))
    second, third = report.workers[1], report.workers[2]
    assert (second.sex, second.health_code, second.origin_risk, second.travel_mode) == (
        "F",
        "green",
        "medium",
        "self",
    )
    assert (third.sex, third.health_code, third.origin_risk, third.travel_mode) == (
        "M",
        "yellow",
        "high",
        "bus",
    )
    assert second.phone == "13912345678"


#: One roster twice: in simplified characters, and as a desk on a
#: traditional-script keyboard types it (headers, codes, modes, risk, sex).
SIMPLIFIED_TWIN = [
    "员工编号,姓名,性别,手机号,用工单位,家庭住址,健康码颜色,所在地风险等级,返岗方式,同行组",
    "A001,李明,男,13812345678,E1,重庆市江津区德感街道,绿,低,包车,",
    "A002,王芳,女,13912345678,E1,重庆市江津区双福街道,绿码,中风险,自行返岗,G1",
    "A003,高山,男,15012345678,E1,贵州省遵义市桐梓县,黄码,高风险地区,专车,G1",
    "A004,田中,女,15112345678,E1,四川省泸州市合江县,红色,低风险,自驾,",
    "A005,林一,男,15212345678,E1,四川省泸州市合江县,黄,中,点对点,",
]
TRADITIONAL_TWIN = [
    "員工編號,姓名,性別,手機號,用工單位,家庭住址,健康碼顏色,所在地風險等級,返崗方式,同行組",
    "A001,李明,男,13812345678,E1,重慶市江津區德感街道,綠,低,包車,",
    "A002,王芳,女,13912345678,E1,重慶市江津區雙福街道,綠碼,中風險,自行返崗,G1",
    "A003,高山,男,15012345678,E1,貴州省遵義市桐梓縣,黃碼,高風險地區,專車,G1",
    "A004,田中,女,15112345678,E1,四川省瀘州市合江縣,紅色,低風險,自駕,",
    "A005,林一,男,15212345678,E1,四川省瀘州市合江縣,黃,中,點對點,",
]


def test_a_roster_in_traditional_characters_gives_the_workers_of_its_simplified_twin(
    tmp_path: Path,
) -> None:
    """員工編號, 手機號, 健康碼, 風險等級 are the columns 员工编号, 手机号, 健康码,
    风险等级 are, and 綠碼, 高風險地區, 包車, 自行返崗 the values: the same workers,
    none held back (the address is kept as typed: the geocoder folds it)."""
    simplified = tmp_path / "simplified.csv"
    simplified.write_text("\n".join(SIMPLIFIED_TWIN) + "\n", encoding="utf-8")
    traditional = tmp_path / "traditional.csv"
    traditional.write_text("\n".join(TRADITIONAL_TWIN) + "\n", encoding="utf-8")
    reference, report = read(simplified), read(traditional)
    assert not report.rejected and not report.issues
    assert [replace(w, address="") for w in report.workers] == [
        replace(w, address="") for w in reference.workers
    ]
    assert [(w.health_code, w.origin_risk, w.travel_mode, w.sex) for w in report.workers] == [
        ("green", "low", "bus", "M"),
        ("green", "medium", "self", "F"),
        ("yellow", "high", "bus", "M"),
        ("red", "low", "self", "F"),
        ("yellow", "medium", "bus", "M"),
    ]
    assert report.workers[0].address == "重慶市江津區德感街道"


@pytest.mark.parametrize(("encoding", "read_as"), [("cp950", "Big5"), ("gbk", "GBK/GB18030")])
def test_a_traditional_roster_saved_in_big5_or_gbk_reads_as_in_utf8(
    tmp_path: Path, encoding: str, read_as: str
) -> None:
    """A Taiwan or Hong Kong desk's Excel saves CSV in Big5 (cp950), which
    also decodes as GB18030, into nonsense: it was refused as having no known
    headers.  Big5 is told from GBK by the characters each reading gives,
    and the same traditional text saved in GBK still reads as GBK."""
    from returnbus.render.labels import file_kind

    reference = tmp_path / "utf8.csv"
    reference.write_text("\n".join(TRADITIONAL_TWIN) + "\n", encoding="utf-8")
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(("\n".join(TRADITIONAL_TWIN) + "\n").encode(encoding))
    report = read(path)
    assert summary(report) == summary(read(reference))
    assert report.workers[1].address == "重慶市江津區雙福街道"
    assert not report.rejected and not report.issues
    assert file_kind(report.file.encoding, "", "en") == read_as


@pytest.mark.parametrize(
    "header",
    [
        "工號,姓名,手機號碼,家庭住址,健康碼",
        "職工編號,姓名,聯繫電話,戶籍地址,健康碼",
        "編號,姓名,電話,現住址,健康碼",
    ],
)
def test_every_required_column_headed_in_traditional_characters_is_found(
    tmp_path: Path, header: str
) -> None:
    """工號, 職工編號 or 編號; 手機號碼, 聯繫電話 or 電話: each heads its column."""
    path = tmp_path / "r.csv"
    path.write_text(f"{header}\nA001,李明,13812345678,貴州省遵義市桐梓縣,綠碼\n", encoding="utf-8")
    (worker,) = read(path).workers
    assert (worker.id, worker.phone, worker.health_code) == ("A001", "13812345678", "green")


def test_missing_required_column_stops_with_the_column_named(tmp_path: Path) -> None:
    """Without a phone column the file cannot be planned: InputError naming file and column."""
    header = [h for h in CHINESE_HEADER if h != "手机号码"]
    rows = [[c for i, c in enumerate(r) if CHINESE_HEADER[i] != "手机号码"] for r in GOOD_ROWS]
    path = write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=header)
    with pytest.raises(InputError) as caught:
        read(path)
    assert "r.csv" in str(caught.value)
    # The column is named by the headers that would head it, not by the key "phone"
    # the file does not have: the Chinese ones in Chinese, the English in English.
    assert "列“手机/手机号/手机号码/联系电话/电话/联系方式”" in caught.value.said("zh")
    assert "column 'phone / mobile / tel'" in caught.value.said("en")


def test_geocode_needs_only_id_and_address(tmp_path: Path) -> None:
    """A two-column worker_id,home_address file is enough for the geocode command."""
    path = tmp_path / "two.csv"
    path.write_text("worker_id,home_address\nX1,贵州省遵义市桐梓县\n", encoding="utf-8")
    report = read(path, required=GEOCODE_FIELDS)
    assert [w.id for w in report.workers] == ["X1"]


def test_column_mapping_from_the_scenario(tmp_path: Path) -> None:
    """A header no alias knows can be mapped in [roster.columns]."""
    header = ["人员代码", *CHINESE_HEADER[1:]]
    path = write_csv(tmp_path / "r.csv", GOOD_ROWS[:1], encoding="utf-8", header=header)
    report = read_roster(RosterSource(path=path, columns=(("worker_id", "人员代码"),)))
    assert [w.id for w in report.workers] == ["A001"]


def test_unreadable_files_are_input_errors(tmp_path: Path) -> None:
    """A missing file, an old .xls, and a file with no known header all stop with InputError."""
    with pytest.raises(InputError, match="not found"):
        read(tmp_path / "nope.csv")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match="xlsx"):
        read(tmp_path / "old.xls")
    (tmp_path / "junk.csv").write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(InputError, match="no known column headers") as caught:
        read(tmp_path / "junk.csv")
    english = str(caught.value)  # the English headers first, not the Chinese alone
    assert "worker_id, name, phone, home_address, health_code, or 工号" in english, english


def test_a_cover_sheet_before_the_roster_names_the_sheet_read_and_the_others(
    tmp_path: Path,
) -> None:
    """A workbook whose first sheet is a cover (说明) and whose roster is on
    another: the error names the sheet read and the others, and says how to
    name the roster's, rather than only that no header was found."""
    book = Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "说明"
    cover.append(["2020 年返岗名单，请见下一页"])
    book.create_sheet("名单").append(["工号", "姓名", "手机号", "家庭住址", "健康码"])
    book.save(tmp_path / "roster.xlsx")
    with pytest.raises(InputError) as caught:
        read(tmp_path / "roster.xlsx")
    said = caught.value.said("zh")
    assert "工作表“说明”" in said and "工作表 名单" in said and "[roster] sheet" in said, said


def test_an_empty_first_sheet_is_passed_over_for_the_roster_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Excel's blank Sheet1 left before the roster's sheet: "no header in the
    first 10 rows of Sheet1" refused a roster a desk sees whole.  An empty
    sheet holds nothing to mistake for the list: it is passed over, and
    named in a warning; a cover sheet with words still stops (above)."""
    caplog.set_level(logging.WARNING)
    book = Workbook()
    blank = book.active
    assert blank is not None
    blank.title = "Sheet1"
    blank["C7"] = "  "  # a cell once typed in and cleared
    roster = book.create_sheet("名单")
    for row in [CHINESE_HEADER, *GOOD_ROWS]:
        roster.append(row)
    book.save(tmp_path / "roster.xlsx")
    report = read(tmp_path / "roster.xlsx")
    assert [w.id for w in report.workers] == [r[0] for r in GOOD_ROWS]
    (warned,) = [r.msg for r in caplog.records if "empty" in r.getMessage()]
    assert (
        say(warned, "zh") == "roster.xlsx：前面的工作表 Sheet1 是空的，已跳过；读取的是工作表“名单”"
    )


def test_a_hidden_first_sheet_is_passed_over_for_the_sheet_excel_shows(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An old roster the desk hid, before today's: Excel shows today's, and
    the old one was read instead, without a word (its workers planned,
    today's left out).  The first visible sheet is read, the hidden one
    named in a warning; naming it with [roster] sheet still reads it."""
    caplog.set_level(logging.WARNING)
    book = Workbook()
    old = book.active
    assert old is not None
    old.title = "旧名单"
    for row in [CHINESE_HEADER, GOOD_ROWS[0]]:
        old.append(row)
    old.sheet_state = "hidden"
    today = book.create_sheet("名单")
    for row in [CHINESE_HEADER, *GOOD_ROWS]:
        today.append(row)
    book.active = 1
    book.save(tmp_path / "roster.xlsx")
    report = read(tmp_path / "roster.xlsx")
    assert [w.id for w in report.workers] == [r[0] for r in GOOD_ROWS]
    assert "旧名单" in caplog.text and "hidden" in caplog.text, caplog.text
    named = read_roster(RosterSource(path=tmp_path / "roster.xlsx", sheet="旧名单"))
    assert [w.id for w in named.workers] == [GOOD_ROWS[0][0]]


def test_workers_on_a_second_sheet_are_warned_of_not_dropped_in_silence(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A sheet per day (3月17日, 3月18日), each with the roster's header:
    the first is read and the other's workers were left out without a word.
    A warning names the sheet read and the other; a sheet of notes does not."""
    caplog.set_level(logging.WARNING)
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "3月17日"
    for row in [CHINESE_HEADER, GOOD_ROWS[0]]:
        first.append(row)
    book.create_sheet("说明").append(["请按表头填写"])
    second = book.create_sheet("3月18日")
    for row in [["2020 年返岗名单"], CHINESE_HEADER, GOOD_ROWS[1]]:
        second.append(row)
    book.save(tmp_path / "roster.xlsx")
    report = read(tmp_path / "roster.xlsx")
    assert [w.id for w in report.workers] == [GOOD_ROWS[0][0]]
    assert "the sheet 3月18日 has such a header too and was NOT read" in caplog.text, caplog.text
    assert "说明" not in caplog.text
    caplog.clear()
    named = read_roster(RosterSource(path=tmp_path / "roster.xlsx", sheet="3月18日"))
    assert [w.id for w in named.workers] == [GOOD_ROWS[1][0]]
    assert "NOT read" not in caplog.text


BAD_ROWS: list[tuple[str, int, str, str]] = [
    # (what, column index to spoil, bad value, expected words in the reason)
    ("short phone", 3, "1381234567", "not a mainland mobile number"),
    ("excel phone", 3, "1.38123E+10", "scientific notation"),
    ("bad health code", 7, "蓝", "not green/yellow/red"),
    # The column as the roster heads it, said in English with what it holds.
    ("missing health code", 7, "", 'column "健康码" (health code): missing'),
    ("bad risk", 8, "极高", "not low/medium/high"),
    ("bad travel mode", 9, "飞机", "not bus/self"),
    ("missing name", 1, "", 'column "姓名" (name): missing'),
    ("missing id", 0, "", 'column "工号" (worker id): missing'),
    ("unknown employer", 5, "E99", "not in the employers file"),
]


@pytest.mark.parametrize(
    ("what", "column", "value", "expected"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS]
)
def test_each_bad_row_is_rejected_with_its_reason(
    tmp_path: Path, what: str, column: int, value: str, expected: str
) -> None:
    """Each rule rejects its bad row with a reason naming column and remedy; good rows stay."""
    bad = list(GOOD_ROWS[0])
    bad[0] = "BAD" if column != 0 else ""
    bad[column] = value
    path = write_csv(tmp_path / "r.csv", [*GOOD_ROWS, bad], encoding="utf-8")
    report = read(path, employers=["E1"])
    assert [w.id for w in report.workers] == ["A001", "A002", "A003"]
    (rejected,) = report.rejected
    assert rejected.row == 5 and rejected.stage == "roster"
    assert expected in rejected.reason, rejected.reason
    # No English reason opens with a bare Chinese word (健康码: missing).
    assert not re.match(r"[^\x00-\x7f]", say(rejected.reason, "en")), rejected.reason


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rejected_rows_reason_names_its_column_as_the_roster_heads_it(
    tmp_path: Path, lang: Lang
) -> None:
    """A reason opens with the column as the roster heads it: in English as a
    column, with what it holds when the header is Chinese (column "健康码"
    (health code): ...), never a bare Chinese word, and an English header as
    it is; in Chinese a Chinese header bare (健康码：不是绿/黄/红), an English
    one by what it holds, as the desk heads it."""
    bad = [*GOOD_ROWS[0][:7], "蓝", *GOOD_ROWS[0][8:]]
    chinese = read(write_csv(tmp_path / "zh.csv", [bad], encoding="utf-8"))
    english_header = ["health_code" if h == "健康码" else h for h in CHINESE_HEADER]
    path = write_csv(tmp_path / "en.csv", [bad], encoding="utf-8", header=english_header)
    english = read(path)
    (by_chinese,), (by_english,) = chinese.rejected, english.rejected
    said = [say(reason.reason, lang) for reason in (by_chinese, by_english)]
    if lang == "zh":
        assert said[0].startswith("健康码：不是绿/黄/红（请填写健康码颜色"), said
        assert said[1].startswith("健康码：不是绿/黄/红（"), said
    else:
        assert said[0].startswith('column "健康码" (health code): not green/yellow/red'), said
        assert said[1].startswith('column "health_code": not green/yellow/red'), said
        assert "(health code)" not in said[1], said


@pytest.mark.parametrize("require", [False, True])
def test_a_missing_phone_warns_unless_phones_are_required(tmp_path: Path, require: bool) -> None:
    """A row without a phone rides by default (with a warning to call them);
    with ``require_phone`` it is rejected with the reason."""
    blank = list(GOOD_ROWS[0])
    blank[0], blank[3] = "NOPHONE", ""
    path = write_csv(tmp_path / "r.csv", [*GOOD_ROWS, blank], encoding="utf-8")
    report = read_roster(RosterSource(path=path, require_phone=require))
    (issue,) = [i for i in report.issues if i.worker_id == "NOPHONE"]
    assert issue.column == "phone" and issue.problem == "missing"
    assert issue.severity == ("error" if require else "warning")
    ids = [w.id for w in report.workers]
    assert ("NOPHONE" in ids) is not require
    assert [u.worker_id for u in report.rejected] == (["NOPHONE"] if require else [])


def test_one_id_for_two_different_workers_holds_both_back(tmp_path: Path) -> None:
    """Two different rows with one id are both rejected, naming both rows, in any order."""
    duplicate = list(GOOD_ROWS[1])
    duplicate[0] = "A001"
    for rows in ([GOOD_ROWS[0], duplicate], [duplicate, GOOD_ROWS[0]]):
        report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8"))
        assert not report.workers
        assert [u.row for u in report.rejected] == [2, 3]
        assert all("used on rows 2, 3" in u.reason for u in report.rejected)
        said = say(report.rejected[0].reason, "zh")  # rows listed as every list of rows is
        assert "第 2、3 行" in said, said


def test_ids_differing_only_in_letter_case_hold_both_rows_back(tmp_path: Path) -> None:
    """A001 and a001: one worker typed twice (who would ride two buses and
    take two beds) or two workers the drop list and edits cannot tell
    apart.  Both rows are held back naming each other, in any order."""
    typed_again = list(GOOD_ROWS[0])
    typed_again[0] = GOOD_ROWS[0][0].lower()
    assert typed_again[0] != GOOD_ROWS[0][0]
    for rows in (
        [GOOD_ROWS[0], typed_again, GOOD_ROWS[1]],
        [typed_again, GOOD_ROWS[0], GOOD_ROWS[1]],
    ):
        report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8"))
        assert [w.row for w in report.workers] == [4]
        assert [u.row for u in report.rejected] == [2, 3]
        for rejected in report.rejected:
            assert "only in letter case" in rejected.reason and "rows 2, 3" in rejected.reason
        said = say(report.rejected[0].reason, "zh")
        assert "大小写" in said and "第 2、3 行" in said, said


def test_a_row_repeated_word_for_word_is_kept_once(tmp_path: Path) -> None:
    """An exact repeat of a row is rejected as such; the first copy rides."""
    report = read(write_csv(tmp_path / "r.csv", [GOOD_ROWS[0], GOOD_ROWS[0]], encoding="utf-8"))
    assert [w.row for w in report.workers] == [2]
    (repeat,) = report.rejected
    assert repeat.row == 3 and "the same row as row 2" in repeat.reason


def test_bad_id_number_is_flagged_not_rejected(tmp_path: Path) -> None:
    """A wrong GB 11643 check digit is a warning; the worker is still planned."""
    row = list(GOOD_ROWS[0])
    row[4] = "110105194912310021"
    report = read(write_csv(tmp_path / "r.csv", [row], encoding="utf-8"))
    assert [w.id for w in report.workers] == ["A001"]
    (issue,) = report.issues
    assert (
        issue.severity == "warning" and issue.column == "id_number" and "GB 11643" in issue.problem
    )


@pytest.mark.parametrize(
    "header",
    [
        "工號,姓名,行動電話,身分證字號,家庭住址,健康碼",  # Taiwan
        "員工代號,中文姓名,手提電話,身份證號碼,家庭住址,健康碼",  # Hong Kong
        "員工代碼,姓名,聯絡電話,身分證號碼,住址,健康碼",
        "工号,姓名,流动电话,公民身份号码,家庭住址,健康码",
    ],
)
def test_taiwan_and_hong_kong_headers_name_their_columns(tmp_path: Path, header: str) -> None:
    """身分證字號 (Taiwan writes 身分, not 身份), 行動電話, 手提電話, 聯絡電話,
    員工代號, 中文姓名: each heads its column, in Big5 as in UTF-8."""
    rows = [
        "A001,陳大文,13812345678,A123456789,臺北市大安區,綠碼",  # a Taiwan ID
        "A002,黃麗華,13912345678,A123456(3),九龍城區,綠碼",  # a Hong Kong one
        "A003,張國榮,15012345678,A123456788,九龍城區,綠碼",  # a digit wrong
    ]
    text = "\n".join([header, *rows]) + "\n"
    for encoding in ("utf-8", "cp950") if header.startswith(("工號", "員")) else ("utf-8",):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        report = read(path)
        assert [(w.id, w.phone, w.id_number) for w in report.workers] == [
            ("A001", "13812345678", "A123456789"),
            ("A002", "13912345678", "A123456(3)"),
            ("A003", "15012345678", "A123456788"),
        ], encoding
        # Their check digits are checked as theirs, not as a mainland number's.
        assert [(i.row, i.column) for i in report.issues] == [(4, "id_number")]


def test_a_document_number_gives_way_to_an_id_card_column(tmp_path: Path) -> None:
    """证件号码 (any document's number) is read as the ID number only where
    no column is headed as an ID card's: both are no error."""
    path = tmp_path / "r.csv"
    path.write_text(
        "工号,姓名,手机号,证件号码,身份证号,家庭住址,健康码\n"
        "A001,李明,13812345678,E12345678,11010519491231002X,重庆市江津区,绿\n",
        encoding="utf-8",
    )
    (worker,) = read(path).workers
    assert worker.id_number == "11010519491231002X"


def test_coordinates_outside_china_are_rejected_and_swaps_explained(tmp_path: Path) -> None:
    """lat/lon outside China reject the row; swapped ones say so."""
    header = [*CHINESE_HEADER, "纬度", "经度"]
    rows = [
        [*GOOD_ROWS[0], "106.82", "28.11"],
        [*GOOD_ROWS[1], "48.85", "2.35"],
        [*GOOD_ROWS[2], "28.11", "106.82"],
    ]
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=header))
    reasons = {u.worker_id: u.reason for u in report.rejected}
    assert "swapped" in reasons["A001"]
    assert "outside China" in reasons["A002"]
    assert report.workers[0].roster_location is not None


def test_coordinates_that_are_not_numbers_say_so(tmp_path: Path) -> None:
    """nan or inf (which float() reads) is not a number to the desk, not a place abroad."""
    header = [*CHINESE_HEADER, "纬度", "经度"]
    rows = [
        [*GOOD_ROWS[0], "nan", "nan"],
        [*GOOD_ROWS[1], "28.11", "inf"],
        [*GOOD_ROWS[2], "北纬28", "106.82"],
    ]
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=header))
    reasons = [say(u.reason, "zh") for u in report.rejected]
    assert len(reasons) == 3 and all("不是数字" in r and "境内" not in r for r in reasons), reasons
    english = [say(u.reason, "en") for u in report.rejected]  # lat and lon, not 纬度 and 经度
    assert all("(lat 29.29, lon 106.25)" in r for r in english), english


def test_both_coordinates_pasted_in_one_cell_are_read_when_the_row_agrees_and_said_to_split(
    tmp_path: Path,
) -> None:
    """A map's "copy coordinates" pastes 29.28,106.25 (or 106.25, 29.28) in
    one cell: "coordinates are not numbers" named nothing the desk could
    see.  In China which number is the latitude can be told, so a row whose
    other cell is empty or agrees is read (and the desk told to split it);
    one whose other cell says otherwise is refused, naming what was found."""
    header = [*CHINESE_HEADER, "纬度", "经度"]
    rows = [
        [*GOOD_ROWS[0], '"28.1186,106.8240"', ""],
        [*GOOD_ROWS[1], "", '"106.1934， 28.3346"'],
        [*GOOD_ROWS[2], "27.7292 106.9236", "106.9236"],
    ]
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=header))
    places = {w.id: w.roster_location for w in report.workers}
    assert places == {
        "A001": LatLon(28.1186, 106.8240),
        "A002": LatLon(28.3346, 106.1934),
        "A003": LatLon(27.7292, 106.9236),
    }
    said = {i.worker_id: i for i in report.issues if "both coordinates" in i.problem}
    assert {w: i.severity for w, i in said.items()} == dict.fromkeys(places, "warning")
    assert (said["A002"].column, said["A002"].value) == ("lon", "106.1934, 28.3346")  # NFKC
    assert say(said["A002"].action, "zh") == "请分开填写：纬度列填 28.3346，经度列填 106.1934"
    rows = [[*GOOD_ROWS[0], '"28.1186,106.8240"', "106.1934"]]
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=header))
    (rejected,) = report.rejected
    assert "另一坐标列却填了别的值" in say(rejected.reason, "zh"), rejected.reason


def test_two_numbers_that_are_no_place_in_china_are_not_read_as_a_pair(tmp_path: Path) -> None:
    """29,28 is a decimal comma, or no point here: not a pair read as one."""
    header = [*CHINESE_HEADER, "纬度", "经度"]
    rows = [[*GOOD_ROWS[0], '"29,28"', "106.25"]]
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=header))
    (rejected,) = report.rejected
    assert "不是数字" in say(rejected.reason, "zh")


def test_swapped_coordinates_are_told_in_english_without_chinese_words(tmp_path: Path) -> None:
    """The English of a swapped pair said "put 纬度 (about 20-50) in lat"."""
    header = [*CHINESE_HEADER, "lat", "lon"]
    rows = [[*GOOD_ROWS[0], "106.82", "28.11"]]
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=header))
    (issue,) = [i for i in report.issues if i.worker_id == "A001"]
    said = say(issue.action, "en")
    assert "swapped" in said and not re.search(r"[\u4e00-\u9fff]", said), said
    assert "纬度" in say(issue.action, "zh")


def test_gcj02_coordinates_are_converted(tmp_path: Path) -> None:
    """A coordinate marked 高德 (GCJ-02) is moved back to WGS-84, a few hundred metres."""
    header = [*CHINESE_HEADER, "纬度", "经度", "坐标系"]
    rows = [
        [*GOOD_ROWS[0], "28.115114", "106.827866", "高德"],
        [*GOOD_ROWS[1], "28.115114", "106.827866", "WGS84"],
    ]
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=header))
    gcj, wgs = (w.roster_location for w in report.workers)
    assert gcj is not None and wgs is not None
    # Tongzi's published pair (jiangjin_sites.csv): WGS-84 28.118622, 106.824001.
    assert abs(gcj.lat - 28.118622) < 2e-5 and abs(gcj.lon - 106.824001) < 2e-5
    assert wgs == (28.115114, 106.827866)


@pytest.mark.parametrize("heading", ["经纬度", "坐标", "位置坐标", "coordinates"])
def test_a_home_column_of_both_coordinates_is_read_as_the_dormitories_is(
    tmp_path: Path, heading: str
) -> None:
    """Employers and dormitories read one 经纬度 column of both coordinates;
    the roster did not (its homes were placed by address, or refused for
    none).  A roster's 经纬度/坐标/coordinates column is read the same way:
    latitude or longitude first, told by the figure over 90; converted from
    the row's 坐标系; the address is no longer required beside it."""
    header = [h for h in CHINESE_HEADER if h != "家庭住址"] + [heading, "坐标系"]
    rows = [
        [*(c for i, c in enumerate(GOOD_ROWS[0]) if i != 6), '"28.118622,106.824001"', ""],
        [*(c for i, c in enumerate(GOOD_ROWS[1]) if i != 6), '"106.827866 28.115114"', "高德"],
    ]
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=header))
    assert not report.rejected, [say(u.reason, "en") for u in report.rejected]
    first, gcj = (w.roster_location for w in report.workers)
    assert first == LatLon(28.118622, 106.824001)
    assert gcj is not None and abs(gcj.lat - 28.118622) < 2e-5 and abs(gcj.lon - 106.824001) < 2e-5


def test_a_home_coordinates_cell_that_cannot_be_read_names_its_row_and_column(
    tmp_path: Path,
) -> None:
    """A 经纬度 cell holding no pair, one whose order neither it nor its
    column tells, or one the row's 纬度 and 经度 contradict is refused, with
    the row and the column as the roster heads it, as the dormitories file
    refuses them."""
    header = [*CHINESE_HEADER, "纬度", "经度", "经纬度"]
    rows = [
        [*GOOD_ROWS[0], "", "", "北纬28"],
        [*GOOD_ROWS[1], "29.1", "106.2", '"28.11,106.82"'],
    ]
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=header))
    issues = {(i.row, i.column): i for i in report.issues if i.severity == "error"}
    assert set(issues) == {(2, "coordinates"), (3, "coordinates")}, issues
    assert "北纬28" in say(issues[2, "coordinates"].problem, "zh")
    assert "28.11,106.82" in say(issues[3, "coordinates"].problem, "en")
    reasons = {u.row: say(u.reason, "zh") for u in report.rejected}
    assert set(reasons) == {2, 3} and all("经纬度" in r for r in reasons.values()), reasons
    # West of 90°E either figure could be the latitude: the column's other
    # rows tell which comes first (longitude here), else the row is refused.
    west = [*GOOD_ROWS[2], "", "", '"80.2,40.1"']
    report = read(write_csv(tmp_path / "r.csv", [west], encoding="utf-8", header=header))
    (issue,) = [i for i in report.issues if i.severity == "error"]
    assert (issue.row, issue.column) == (2, "coordinates")
    assert "either figure could be the latitude" in say(issue.problem, "en")
    rows = [[*GOOD_ROWS[1], "", "", '"106.82,28.11"'], west]
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=header))
    assert {w.id: w.roster_location for w in report.workers}["A003"] == LatLon(40.1, 80.2)


def test_blank_lines_are_not_workers(tmp_path: Path) -> None:
    """Empty lines between rows are skipped and not counted."""
    path = write_csv(
        tmp_path / "r.csv",
        [GOOD_ROWS[0], [""] * len(CHINESE_HEADER), GOOD_ROWS[1]],
        encoding="utf-8",
    )
    report = read(path)
    assert report.rows_total == 2 and [w.row for w in report.workers] == [2, 4]


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        (7, "blue", {"green": "绿", "yellow": "黄", "red": "红"}),
        (2, "X", {"M": "男", "F": "女"}),
        (8, "extreme", {"low": "低", "medium": "中", "high": "高"}),
        (9, "plane", {"bus": "包车", "self": "自行"}),
    ],
)
def test_a_value_out_of_its_vocabulary_is_told_in_english_with_the_english_words_too(
    tmp_path: Path, column: int, value: str, words: dict[str, str]
) -> None:
    """The roster takes 男/女 or M/F, 绿/黄/红 or green/yellow/red, ...: in
    English, what to do names the English word of each, the Chinese beside it,
    not the Chinese alone."""
    bad = list(GOOD_ROWS[0])
    bad[0], bad[column] = "BAD", value
    path = write_csv(tmp_path / "r.csv", [*GOOD_ROWS, bad], encoding="utf-8")
    (issue,) = [i for i in read(path, employers=["E1"]).issues if i.worker_id == "BAD"]
    english = say(issue.action, "en")
    assert all(f"{en} ({zh})" in english for en, zh in words.items()), english
    chinese = say(issue.action, "zh")
    assert all(zh in chinese for zh in words.values()), chinese


@pytest.mark.parametrize(
    ("cell", "phone"), [("13812345678.0", "13812345678"), ("1381234567.0", None)]
)
def test_a_phone_a_program_wrote_as_a_whole_number_with_point_zero_is_read(
    tmp_path: Path, cell: str, phone: str | None
) -> None:
    """A CSV saved from a table whose phone column held numbers (WPS, a
    database export, pandas) writes 13812345678.0: every digit is there, so
    the phone is read, not refused as invalid; ten digits with .0 still are."""
    rows = [list(r) for r in GOOD_ROWS]
    rows[0][3] = cell
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8"))
    first = next((w for w in report.workers if w.id == "A001"), None)
    assert (first.phone if first else None) == phone
    assert bool(report.rejected) == (phone is None)


@pytest.mark.parametrize(
    ("column", "cell", "field", "value"),
    [
        (6, "男性", "sex", "M"),
        (6, "女性", "sex", "F"),
        (7, "包车接送", "travel_mode", "bus"),
        (7, "统一接送", "travel_mode", "bus"),
        (7, "包车返岗", "travel_mode", "bus"),
    ],
)
def test_the_words_desks_write_for_sex_and_a_bus_ride_are_read(
    tmp_path: Path, column: int, cell: str, field: str, value: str
) -> None:
    """男性, 女性 and 包车接送 are what a desk's own form says: read as 男, 女
    and 包车, not flagged (a man planned as of unknown sex, a bus rider's row
    stopped)."""
    header = "员工编号,姓名,手机号,用工单位,家庭住址,健康码,性别,返岗方式"
    cells = ["A001", "李明", "13812345678", "E1", "重庆市江津区德感街道", "绿", "男", "包车"]
    cells[column] = cell
    path = tmp_path / "r.csv"
    path.write_text(f"{header}\n{','.join(cells)}\n", encoding="utf-8")
    report = read(path)
    assert not report.rejected and not report.issues, report.issues
    assert getattr(report.workers[0], field) == value


def test_an_id_number_excel_turned_into_scientific_notation_says_so(tmp_path: Path) -> None:
    """Excel shows 11010519491231002X as text but 110105194912310021 as
    1.10105E+17, its last digits gone: "check it against the card" hides
    why; the hint says Excel did it and how to keep it, as a phone's does."""
    rows = [list(r) for r in GOOD_ROWS]
    rows[0][4] = "1.10105E+17"
    report = read(write_csv(tmp_path / "r.csv", rows, encoding="utf-8"))
    (issue,) = [i for i in report.issues if i.column == "id_number"]
    assert issue.severity == "warning" and "scientific notation" in issue.action, issue
    assert "still planned" in issue.action and "A001" in [w.id for w in report.workers]


FLAGGING: list[tuple[str, str, str]] = [
    # (the desk's own column, a cell that flags the worker, words of the warning)
    ("是否密接", "是", "close contact"),
    ("是否密接", "Y", "close contact"),
    ("是否密接", "√", "close contact"),
    ("密切接触者", "1", "close contact"),
    ("密切接触史", "有", "close contact"),
    ("Close contact", "yes", "close contact"),
    ("体温", "37.3", "37.3 °C or more"),
    ("体温（℃）", "38.5℃", "37.3 °C or more"),
    ("Temperature", "38", "37.3 °C or more"),
    ("是否来自中高风险地区", "是", "medium- or high-risk area"),
    ("中高风险地区旅居史", "√", "medium- or high-risk area"),
    ("risk area", "Y", "medium- or high-risk area"),
]


@pytest.mark.parametrize(("header", "value", "expected"), FLAGGING)
def test_a_screening_column_the_planner_does_not_read_warns_of_a_flagged_worker(
    tmp_path: Path, header: str, value: str, expected: str
) -> None:
    """A desk's own close-contact, temperature or risk-area column is no
    screening rule (the health code and origin risk are): a cell in it that
    flags the worker holds nobody back, but is a warning at its row and
    column telling the desk to check the worker before departure."""
    flagged = [*GOOD_ROWS[0][:8], "低", *GOOD_ROWS[0][9:], value]
    clear = [*GOOD_ROWS[0][:8], "低", *GOOD_ROWS[0][9:], ""]
    clear[0] = "A009"
    path = write_csv(
        tmp_path / "r.csv", [flagged, clear], encoding="utf-8", header=[*CHINESE_HEADER, header]
    )
    report = read(path)
    assert [w.id for w in report.workers] == ["A001", "A009"] and not report.rejected
    (issue,) = report.issues
    # The value as read: NFKC writes ℃ as °C.
    assert (issue.row, issue.column, issue.value) == (2, header, clean_cell(value))
    assert (issue.severity, issue.worker_id) == ("warning", "A001")
    said = say(issue.problem, "en")
    assert expected in said and "no screening rule" in said, said
    assert "health office before departure" in say(issue.action, "en")


@pytest.mark.parametrize(
    ("header", "values"),
    [
        ("是否密接", ["不清楚", "待查", "否"]),
        ("体温", ["365", "97.7", "36.5"]),
        ("是否来自中高风险地区", ["武汉", "待查", ""]),
    ],
)
def test_a_screening_columns_unreadable_cells_make_one_warning_for_the_column(
    tmp_path: Path, header: str, values: list[str]
) -> None:
    """Cells of such a column that cannot be read hold nobody back and are
    not listed one a row: one warning for the column (no row) says how many
    and that the column is no screening rule."""
    rows = [
        [f"A00{n}", *GOOD_ROWS[0][1:8], "低", *GOOD_ROWS[0][9:], value]
        for n, value in enumerate(values, 1)
    ]
    path = write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=[*CHINESE_HEADER, header])
    report = read(path)
    assert [w.id for w in report.workers] == ["A001", "A002", "A003"] and not report.rejected
    (issue,) = report.issues
    assert (issue.row, issue.column, issue.value, issue.severity) == (
        0,
        header,
        values[0],
        "warning",
    )
    said = say(issue.problem, "en")
    assert said.startswith("2 rows of this column cannot be read"), said
    assert "no screening rule" in said and "本列有 2 行" in say(issue.problem, "zh")


CLEAR: list[tuple[str, str]] = [
    ("是否密接", "否"),
    ("是否密接", "N"),
    ("是否密接", "无"),
    ("是否密接", "0"),
    ("是否密接", "×"),
    ("体温", "36.5"),
    ("体温", "36.5℃"),
    ("体温", '"36,5"'),  # quoted: the decimal comma of a CSV cell
    ("体温", "36.5度"),
    ("体温", "37.2"),
    ("体温", "正常"),
    ("是否来自中高风险地区", "否"),
]


@pytest.mark.parametrize(("header", "value"), CLEAR)
def test_a_screening_column_saying_no_says_nothing(tmp_path: Path, header: str, value: str) -> None:
    """A cell of such a column that clearly says no (否, N, 0, a normal
    temperature), or nothing, is neither held back nor warned of."""
    row = [*GOOD_ROWS[0], value]
    path = write_csv(tmp_path / "r.csv", [row], encoding="utf-8", header=[*CHINESE_HEADER, header])
    report = read(path)
    assert [w.id for w in report.workers] == ["A001"] and not report.issues


def test_a_risk_area_flag_beside_a_medium_or_high_origin_risk_says_nothing(
    tmp_path: Path,
) -> None:
    """From a risk area and 风险等级 中 or 高: the worker is quarantined on
    arrival by the rule already, so nothing is said; with 低 a warning says
    to write 中 or 高.  Both are planned."""
    rows = [
        [*GOOD_ROWS[0][:8], "中", *GOOD_ROWS[0][9:], "是"],
        ["A009", *GOOD_ROWS[0][1:8], "低", *GOOD_ROWS[0][9:], "是"],
    ]
    path = write_csv(
        tmp_path / "r.csv", rows, encoding="utf-8", header=[*CHINESE_HEADER, "是否来自中高风险地区"]
    )
    report = read(path)
    assert [w.id for w in report.workers] == ["A001", "A009"] and not report.rejected
    assert [(i.worker_id, i.severity) for i in report.issues] == [("A009", "warning")]
    assert "中或高" in say(report.issues[0].action, "zh")


def test_a_column_that_only_mentions_a_stay_or_a_passage_is_not_read(tmp_path: Path) -> None:
    """A 途经地 column listing towns, or a 备注 that mentions 旅居, is no
    screening column: every row rides and nothing is said of them."""
    rows = [
        [*GOOD_ROWS[0], "遵义、綦江", "春节在外地旅居，已返渝"],
        ["A009", *GOOD_ROWS[0][1:], "是", "旅居史：无"],
    ]
    header = [*CHINESE_HEADER, "途经地", "备注"]
    path = write_csv(tmp_path / "r.csv", rows, encoding="utf-8", header=header)
    report = read(path)
    assert [w.id for w in report.workers] == ["A001", "A009"] and not report.rejected
    assert not report.issues, report.issues
    for other in ("旅居史", "途经", "温度", "发热情况", "中高风险地区"):
        path = write_csv(
            tmp_path / "r.csv",
            [[*GOOD_ROWS[0], "是"]],
            encoding="utf-8",
            header=[*CHINESE_HEADER, other],
        )
        assert not read(path).issues, other
