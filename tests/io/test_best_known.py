"""solve-vrplib against a best-known solution: the published .sol or bks.csv."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from returnbus.io.best_known import read_best_known

from ..helpers import run
from .test_instances import TINY_HFVRP, TINY_VRP

SOLVE = ["--time-limit", "1", "--iterations", "50", "--workers", "1"]


def _solved(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert run(["solve-vrplib", *args, *SOLVE, "--json"]) == 0
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    return result


def _gap(found: object, best: float) -> float:
    assert isinstance(found, (int, float))
    return 100.0 * (found - best) / best


def test_a_sol_beside_the_instance_gives_the_best_known_cost_and_the_gap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """X-n101-k25.sol beside X-n101-k25.vrp: its Cost line is the best known
    cost, printed with the gap in both languages and put in the JSON."""
    instance = tmp_path / "tiny.vrp"
    instance.write_text(TINY_VRP, encoding="utf-8")
    # Windows line endings, as the published files have them.
    (tmp_path / "tiny.sol").write_bytes(b"Route #1: 1 3\r\nRoute #2: 2\r\nCost 50\r\n")
    result = _solved([str(instance)], capsys)
    assert result["best_known"] == 50
    assert result["gap_percent"] == pytest.approx(_gap(result["cost"], 50))
    gap = f"{_gap(result['cost'], 50):+.2f}"
    assert run(["solve-vrplib", str(instance), *SOLVE, "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert f"best known cost 50 (tiny.sol), gap {gap} %" in said, said
    assert run(["solve-vrplib", str(instance), *SOLVE]) == 0
    said = "".join(capsys.readouterr().out.split())
    assert f"已知最优费用50（tiny.sol），差距{gap}%" in said, said


def test_without_a_best_known_file_the_json_says_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = tmp_path / "tiny.vrp"
    instance.write_text(TINY_VRP, encoding="utf-8")
    result = _solved([str(instance)], capsys)
    assert result["best_known"] is None and result["gap_percent"] is None
    assert run(["solve-vrplib", str(instance), *SOLVE, "--lang", "en"]) == 0
    assert "best known" not in capsys.readouterr().out


def test_best_names_the_file_and_a_bks_csv_beside_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--best FILE names a .sol or a bks.csv elsewhere; with no .sol, the
    folder's bks.csv (instance,customers,bks,...) gives the instance's row."""
    instance = tmp_path / "tiny.vrp"
    instance.write_text(TINY_VRP, encoding="utf-8")
    other = tmp_path / "elsewhere.sol"
    other.write_text("Route #1: 1 2 3\nCost: 40.5\n", encoding="utf-8")
    result = _solved([str(instance), "--best", str(other)], capsys)
    assert result["best_known"] == 40.5
    assert result["gap_percent"] == pytest.approx(_gap(result["cost"], 40.5))
    (tmp_path / "bks.csv").write_text(
        'instance,customers,bks,source_note\nother,9,7,x\ntiny,3,45,"a, note"\n', encoding="utf-8"
    )
    result = _solved([str(instance)], capsys)
    assert result["best_known"] == 45
    assert result["gap_percent"] == pytest.approx(_gap(result["cost"], 45))


def test_a_fleet_mix_sol_stating_the_cost_times_100000_is_read_in_the_cost_s_unit(
    tmp_path: Path,
) -> None:
    """Five HFVRP .sol files state the cost x 100,000 (X172-HVRP: ``Cost:
    9740006701``, bks.csv 97400.07): a whole number that large is in that
    unit; a whole cost of the family's size is in its own."""
    instance = tmp_path / "X172-HVRP.vrp"
    instance.write_text(TINY_HFVRP, encoding="utf-8")
    sol = tmp_path / "X172-HVRP.sol"
    sol.write_text("Route #1: 1 2 3\nCost: 9740006701\n", encoding="utf-8")
    assert read_best_known(sol, "X172-HVRP", family="hfvrp") == pytest.approx(97400.06701)
    sol.write_text("Route #1: 1 2 3\nCost: 17246.51\n", encoding="utf-8")
    assert read_best_known(sol, "X172-HVRP", family="hfvrp") == 17246.51
    assert read_best_known(sol, "X-n101-k25", family="cvrp") == 17246.51
    sol.write_text("Route #1: 1 2 3\nCost: 35170\n", encoding="utf-8")
    assert read_best_known(sol, "X172-HVRP", family="hfvrp") == 35170


@pytest.mark.parametrize(
    ("name", "text", "line", "english", "chinese"),
    [
        ("tiny.sol", "Route #1: 1 2 3\nCost abc\n", 2, "'Cost abc'", "“Costabc”"),
        ("tiny.sol", "Route #1: 1 2 3\nCost 0\n", 2, "'Cost 0'", "“Cost0”"),
        ("tiny.sol", "Route #1: 1 2 3\n", 1, "no 'Cost' line", "没有“Cost”行"),
        ("bks.csv", "instance,customers,bks\ntiny,3,many\n", 2, "'many'", "“many”"),
        ("bks.csv", "instance,cost\ntiny,3\n", 1, "'bks'", "“bks”"),
    ],
    ids=["not-a-number", "zero", "no-cost", "bks-not-a-number", "bks-no-column"],
)
def test_a_malformed_best_known_file_beside_is_a_warning_and_the_solve_stands(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    line: int,
    english: str,
    chinese: str,
) -> None:
    instance = tmp_path / "tiny.vrp"
    instance.write_text(TINY_VRP, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run(["solve-vrplib", str(instance), *SOLVE, "--lang", "en"]) == 0
    said = capsys.readouterr()
    err = " ".join(said.err.split())
    assert "warning:" in err and f"{name}, line {line}:" in err and english in err, err
    assert "Route #" in said.out and "best known" not in said.out
    assert run(["solve-vrplib", str(instance), *SOLVE]) == 0
    err = "".join(capsys.readouterr().err.split())
    assert "警告" in err and f"{name}，第{line}行" in err and chinese in err, err
    assert "Traceback" not in err
    result = _solved([str(instance)], capsys)
    assert result["best_known"] is None and result["cost"] is not None


@pytest.mark.parametrize("kind", ["missing", "malformed", "not-listed"])
def test_best_given_and_unreadable_is_exit_2_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    instance = tmp_path / "tiny.vrp"
    instance.write_text(TINY_VRP, encoding="utf-8")
    best = tmp_path / ("bks.csv" if kind == "not-listed" else "best.sol")
    if kind == "malformed":
        best.write_text("Cost twelve\n", encoding="utf-8")
    elif kind == "not-listed":
        best.write_text("instance,customers,bks\nother,3,12\n", encoding="utf-8")
    capsys.readouterr()
    for lang, words in (("en", "what to do"), ("zh", "处理办法")):
        args = ["solve-vrplib", str(instance), "--best", str(best), *SOLVE, "--lang", lang]
        assert run(args) == 2
        said = capsys.readouterr()
        err = "".join(said.err.split())
        assert best.name in err and words.replace(" ", "") in err and "Traceback" not in err
        assert "Route #" not in said.out
        if kind == "not-listed":
            assert ("'tiny'isnotlisted" if lang == "en" else "未列出算例“tiny”") in err, err
