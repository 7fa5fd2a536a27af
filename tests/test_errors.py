"""Errors a user reads."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from returnbus.errors import InputError

from .helpers import PlannedBatch, run


def test_input_error_names_where_and_what_to_do() -> None:
    """The message leads with file, row, column and key, and ends with the hint."""
    error = InputError(
        "not a number", path=Path("r.csv"), row=3, column="lat", key="k", hint="write 29.3"
    )
    assert (
        str(error) == "r.csv, row 3, column 'lat', key 'k': not a number\n  what to do: write 29.3"
    )
    moved = InputError("bad", key="rules.x").at(Path("scenario.toml"))
    assert str(moved) == "scenario.toml, key 'rules.x': bad" and isinstance(moved, ValueError)


def test_user_errors_on_the_campaign_surfaces_exit_2(
    planned: PlannedBatch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A departure in year 9999, an announced bus no plan has, `diff --out` at
    a folder, and an online geocoder out of reach: exit 2, never 1."""
    from returnbus.errors import GeocoderUnavailable
    from returnbus.io.online import OnlineGeocoder

    scenario = tmp_path / "in"
    shutil.copytree(planned.scenario.parent, scenario)
    toml = scenario / "scenario.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r'departure = "\d{4}', 'departure = "9999', text), encoding="utf-8")
    assert run(["plan", str(toml), "--out", str(tmp_path / "o")]) == 2
    toml.write_text(text + '\n[replan]\nannounced = ["B0nosuch"]\n', encoding="utf-8")
    args = ["replan", str(planned.out), "--out", str(tmp_path / "r"), "--scenario", str(toml)]
    assert run([*args, "--ledger", str(tmp_path / "l.sqlite")]) == 2
    assert run(["diff", str(planned.out), str(planned.out), "--out", str(tmp_path)]) == 2

    def unreachable(self: OnlineGeocoder, address: str) -> None:
        raise GeocoderUnavailable("nominatim cannot be reached")

    monkeypatch.setattr(OnlineGeocoder, "geocode", unreachable)
    roster = scenario / "roster.csv"
    geocode = ["geocode", str(roster), "--out", str(tmp_path / "g.csv"), "--online", "nominatim"]
    assert run([*geocode, "--cache", str(tmp_path / "cache.json")]) == 2


def test_diff_of_plans_of_other_batches_warns(
    planned: PlannedBatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two plans of different batches are compared with a warning first."""
    other = tmp_path / "other"
    shutil.copytree(planned.out, other)
    plan = json.loads((other / "plan.json").read_text(encoding="utf-8"))
    plan["batch"] = "第九批"
    (other / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert run(["diff", str(planned.out), str(other)]) == 0
    assert "different batches" in " ".join(capsys.readouterr().err.split())


def test_errors_are_said_in_chinese_unless_english_is_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Where and what to do are Chinese by default, English with --lang en."""
    error = InputError("not a number", path="r.csv", row=3, column="纬度", hint="write 29.3")
    assert error.said("zh") == "文件 r.csv，第 3 行，列“纬度”：not a number\n  处理办法：write 29.3"
    assert error.said("en") == str(error)
    missing = tmp_path / "none.toml"
    assert run(["plan", str(missing), "--out", str(tmp_path / "o")]) == 2
    assert "错误" in capsys.readouterr().err
    assert run(["plan", str(missing), "--out", str(tmp_path / "o"), "--lang", "en"]) == 2
    said = capsys.readouterr().err
    assert "error:" in said and "错误" not in said
