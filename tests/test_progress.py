"""A run tells whoever watches which stage it is in and how far it has come."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from returnbus.errors import InputError
from returnbus.io.scenario import load_scenario
from returnbus.progress import STAGES, Progress
from returnbus.run import run_batch

from .helpers import TONGZI, run, worker, write_scenario


class Recorder:
    """Progress written down: each stage with its total and the steps done in it."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, int | None]] = []
        self.steps: dict[str, int] = {}

    def stage(self, name: str, total: int | None = None) -> None:
        if not self.stages or self.stages[-1][0] != name:
            self.steps[name] = 0
        self.stages.append((name, total))

    def advance(self, steps: int = 1) -> None:
        self.steps[self.stages[-1][0]] += steps


def test_each_stage_is_told_in_order_and_every_bus_papers_counted(tmp_path: Path) -> None:
    """Every stage once, in order; writing counts each bus's papers."""
    rows = [worker(f"A{i}", at=TONGZI) for i in range(12)]
    scenario = load_scenario(write_scenario(tmp_path / "in", rows))
    heard = Recorder()
    plan = run_batch(scenario, tmp_path / "out", progress=heard)
    assert list(dict.fromkeys(name for name, _ in heard.stages)) == list(STAGES)
    (total,) = [t for name, t in heard.stages if name == "write"]
    combined = plan.settings.output.wants_combined_pdf(len(plan.routes))
    assert plan.routes and total == len(plan.routes) + 7 + combined == heard.steps["write"]


def test_the_console_names_the_stages_in_the_desks_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The bars on stderr say what is being done, in Chinese unless --lang en."""
    path = write_scenario(tmp_path / "in", [worker("A1", at=TONGZI)])
    assert run(["plan", str(path), "--out", str(tmp_path / "zh")]) == 0
    said = capsys.readouterr().err
    assert "规划车辆路线" in said and "写出单据" in said and "Planning the buses" not in said
    assert run(["plan", str(path), "--out", str(tmp_path / "en"), "--lang", "en"]) == 0
    assert "Planning the buses" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "words"), [(None, "另一个任务正在使用台账"), ("en", "Another run")]
)
def test_a_warning_on_the_console_is_said_in_the_desks_language(
    lang: str | None, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the stages log as a `Text` reaches the console in the command's language."""
    from returnbus.cli import _logging, _Voice
    from returnbus.text import Text

    _logging(False, _Voice(lang))
    logging.getLogger("returnbus.ledger").warning(Text("log_ledger_waiting", path="l.sqlite"))
    assert words in capsys.readouterr().err


def test_a_refused_edits_file_or_roster_is_said_on_the_first_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An error before any stage is done starts the output: no empty line
    left by the bars above it, and no tick for the stage that failed."""
    path = write_scenario(tmp_path / "in", [worker(f"A{i}", at=TONGZI) for i in range(3)])
    assert run(["plan", str(path), "--out", str(tmp_path / "first")]) == 0
    capsys.readouterr()
    edits = tmp_path / "edits.csv"
    edits.write_text("action,worker_id,bus_id\nmove,A1,B999\n", encoding="utf-8")
    args = ["replan", str(tmp_path / "first"), "--out", str(tmp_path / "again")]
    assert run([*args, "--edits", str(edits)]) == 2
    said = capsys.readouterr().err
    assert said.startswith("错误：") and "B999" in said

    (tmp_path / "in" / "roster.csv").write_text("工号的名字\nA1\n", encoding="utf-8")
    assert run(["plan", str(path), "--out", str(tmp_path / "bad")]) == 2
    said = capsys.readouterr().err
    assert said.startswith("错误：") and "✓" not in said


def test_bars_kept_when_a_later_stage_fails_tick_only_the_stages_done(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The stages done before a failure keep their tick; the one that failed
    is not shown as done, and no empty line comes between them and the error."""
    from returnbus.cli import _Bars, console

    def fail_in_cluster() -> None:
        with _Bars("en") as bars:
            bars.stage("prepare")
            bars.stage("cluster")
            raise ValueError("late")

    with pytest.raises(ValueError, match="late"):
        fail_in_cluster()
    console.print("error: late")
    said = capsys.readouterr().err
    assert "Reading" in said and "✓" in said
    assert "Gathering" not in said
    assert "\n\nerror:" not in said and said.rstrip().endswith("error: late")


@pytest.mark.parametrize(
    ("stop", "code", "said"),
    [(KeyboardInterrupt, 130, "已中断"), (InputError("坏了"), 2, "错误：")],
)
def test_an_interruption_or_error_after_a_stage_starts_a_line_of_its_own(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    stop: BaseException | type[BaseException],
    code: int,
    said: str,
) -> None:
    """Off a terminal (stderr to a file, a log), 已中断 (a Ctrl-C while the
    buses were planned) or an error after the first stage was printed at
    the end of the last bar's line ("0:00:01已中断").  It starts a line of
    its own now, under the stages' bars, as on a terminal."""
    import returnbus.run

    def stopped(*_: object, progress: Progress, **__: object) -> None:
        progress.stage("cluster")  # stopped in the second stage, the first done
        raise stop

    monkeypatch.setattr(returnbus.run, "plan_batch", stopped)
    path = write_scenario(tmp_path / "in", [worker(f"A{i}", at=TONGZI) for i in range(3)])
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == code
    lines = capsys.readouterr().err.splitlines()
    assert "✓" in lines[0] and lines[1].startswith(said), lines
