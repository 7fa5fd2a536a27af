"""Health codes and risk levels as HR exports write them: 健康码绿码, 绿码（已核验）, 低风险区."""

from __future__ import annotations

from pathlib import Path

import pytest

from returnbus.io.roster import RosterReport, RosterSource, clean_cell, read_roster
from returnbus.render.reports import issue_rows
from returnbus.text import Lang, say

HEADER = ["工号", "姓名", "手机号码", "家庭住址", "健康码", "风险等级"]


def read_one(tmp_path: Path, health: str, risk: str = "低") -> RosterReport:
    """A one-row roster whose 健康码 and 风险等级 cells are ``health`` and ``risk``."""
    row = ["A001", "张三", "13812345678", "贵州省遵义市桐梓县娄山关街道", health, risk]
    path = tmp_path / "r.csv"
    path.write_text("\n".join(",".join(cells) for cells in [HEADER, row]) + "\n", encoding="utf-8")
    return read_roster(RosterSource(path=path))


@pytest.mark.parametrize(
    ("cell", "colour", "remark"),
    [
        ("健康码绿码", "green", ""),
        ("渝康码绿码", "green", ""),
        ("健康宝黄码", "yellow", ""),
        ("健康通 红码", "red", ""),
        ("绿 码", "green", ""),
        ("绿码✓", "green", ""),
        ("健康码：绿码", "green", ""),
        ("健康码: 黄", "yellow", ""),
        ("綠碼（已核驗）", "green", "已核驗"),
        ("绿码（已核验）", "green", "已核验"),
        ("绿码(已核验)", "green", "已核验"),
        ("健康码：红码 (7日内)", "red", "7日内"),
    ],
)
def test_a_health_code_written_with_its_names_reads_as_its_colour(
    tmp_path: Path, cell: str, colour: str, remark: str
) -> None:
    """Words that only name the code (健康码, 渝康码, 码, ：) are read past; a
    remark in brackets is left out with a warning, never an error: the row
    is planned."""
    report = read_one(tmp_path, cell)
    assert not report.rejected, report.rejected
    (worker,) = report.workers
    assert worker.health_code == colour
    if not remark:
        assert not report.issues, report.issues
        return
    (issue,) = report.issues
    assert (issue.row, issue.column, issue.severity) == (2, "health_code", "warning")
    assert issue.value == clean_cell(cell)  # as read: （） and ： made half-width
    assert f"“{remark}”" in say(issue.problem, "zh")
    assert f'"{remark}"' in say(issue.problem, "en")


@pytest.mark.parametrize(
    ("cell", "colour", "remark"),
    [
        ("健康码颜色：绿", "green", ""),
        ("健康码颜色:绿码", "green", ""),
        ("码色：绿", "green", ""),
        ("颜色：黄", "yellow", ""),
        ("健康码颜色 ： 红码", "red", ""),
        ("health code colour: green", "green", ""),
        ("健康码颜色：绿（已核验）", "green", "已核验"),
    ],
)
def test_a_health_code_after_a_label_naming_the_column_reads_as_its_colour(
    tmp_path: Path, cell: str, colour: str, remark: str
) -> None:
    """A label before a colon that only names the column (健康码颜色：, 码色：)
    is read past as 健康码： is: the row is planned with the colour after it."""
    report = read_one(tmp_path, cell)
    assert not report.rejected, report.rejected
    (worker,) = report.workers
    assert worker.health_code == colour
    assert [(i.column, i.severity) for i in report.issues] == (
        [("health_code", "warning")] if remark else []
    )


@pytest.mark.parametrize(
    "cell",
    [
        *("绿码转黄码", "黄转绿", "绿/黄", "绿码（曾为黄码）"),  # two colours
        *("非绿码", "不是绿码", "非绿"),  # negated
        *("（已核验）", "码"),  # no colour at all
        *("健康码颜色：绿转黄", "颜色：绿/黄", "码色：绿（曾为黄码）"),  # a label, two colours
        *("健康码颜色：非绿", "健康码颜色："),  # a label, negated or no colour
        *("黄码颜色：绿", "行程码：绿", "颜色颜色：绿"),  # the label names more than the column
    ],
)
def test_a_health_code_naming_two_colours_or_a_negation_is_still_an_error(
    tmp_path: Path, cell: str
) -> None:
    """A cell naming two colours, or one negated, is no colour to guess: the
    row is held back as before, health_bad."""
    report = read_one(tmp_path, cell)
    assert not report.workers
    (issue,) = report.issues
    assert (issue.column, issue.severity) == ("health_code", "error")
    assert say(issue.problem, "zh") == "不是绿/黄/红"


@pytest.mark.parametrize(
    ("cell", "level", "remark"),
    [
        ("低风险区", "low", ""),
        ("中风险区", "medium", ""),
        ("高风险区", "high", ""),
        ("风险等级：中", "medium", ""),
        ("低风险（常态化）", "low", "常态化"),
    ],
)
def test_a_risk_level_written_with_its_names_reads_as_its_level(
    tmp_path: Path, cell: str, level: str, remark: str
) -> None:
    """风险等级 is read by the same rules: 低风险区 is low, a remark in brackets
    is left out with a warning."""
    report = read_one(tmp_path, "绿", cell)
    (worker,) = report.workers
    assert worker.origin_risk == level
    assert [(i.column, i.severity) for i in report.issues] == (
        [("origin_risk", "warning")] if remark else []
    )


@pytest.mark.parametrize(
    ("cell", "level"),
    [
        ("风险等级：低", "low"),
        ("所在地风险等级：低", "low"),
        ("来源地风险等级：中风险", "medium"),
        ("风险级别：高", "high"),
        ("风险：低", "low"),
        ("risk level: high", "high"),
    ],
)
def test_a_risk_level_after_a_label_naming_the_column_reads_as_its_level(
    tmp_path: Path, cell: str, level: str
) -> None:
    """A label before a colon naming the risk level (所在地风险等级：) is read past."""
    report = read_one(tmp_path, "绿", cell)
    (worker,) = report.workers
    assert worker.origin_risk == level
    assert not report.issues, report.issues


@pytest.mark.parametrize(
    "cell",
    [
        *("中转低", "非高风险区", "低风险（原中风险）"),
        *("风险等级：中转低", "所在地风险等级：非高", "中高风险：否"),
    ],
)
def test_a_risk_level_naming_two_levels_or_a_negation_is_still_an_error(
    tmp_path: Path, cell: str
) -> None:
    """Two levels, or one negated, stay an error (risk_bad)."""
    report = read_one(tmp_path, "绿", cell)
    assert not report.workers
    (issue,) = report.issues
    assert (issue.column, issue.severity) == ("origin_risk", "error")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_remark_warning_names_row_column_and_remark(tmp_path: Path, lang: Lang) -> None:
    """The desk's issue list gives the row, the column as the roster heads it,
    the cell, and says which remark was left out and what to do."""
    report = read_one(tmp_path, "绿码（已核验）")
    headers = dict(report.file.columns)
    (row,) = issue_rows(report.issues, lang, headers)
    assert (row["row"], row["column"], row["value"]) == ("2", "健康码", "绿码(已核验)")
    if lang == "zh":
        assert row["severity"] == "提醒", row
        assert row["problem"] == "括号内的备注“已核验”未读入，按括号前的内容读取", row
        assert "该员工仍会安排" in row["action"], row
    else:
        assert row["severity"] == "warning", row
        left_out = 'the remark "已核验" in brackets is left out: read as what comes before it'
        assert row["problem"] == left_out, row
        assert "the worker is still planned" in row["action"], row
