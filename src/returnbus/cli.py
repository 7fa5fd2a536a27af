"""The ``returnbus`` command line.  Thin: parse, call, print.

Exit codes: 0 success (even with unassigned workers), 2 bad input or
settings (the message names the file, row and column), 1 an internal fault.
"""

from __future__ import annotations

import copy
import itertools
import json
import logging
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text as RichText

from .diff import PlanDiff
from .domain import PRECISION_ORDER, RosterIssue, Unassigned, Worker
from .errors import GeocoderUnavailable, InputError
from .fitting import Column, fitted
from .helptext import in_language
from .launch import interrupted_by
from .ledger import (
    BatchRecord,
    Campaign,
    Occupancy,
    VehicleDay,
    ledger_held,
    occupancy_runs,
    open_ledger,
    refuse_missing_ledger,
    vehicle_days,
)
from .linebreak import FilledText, FillingConsole, FillingHandler
from .plan import Batch, LateRoster, Plan
from .render.labels import LABELS, counted, file_kind, label, labels, stage_label
from .render.staging import same_file
from .routing.params import default_workers
from .settings import Settings
from .text import (
    LANGS,
    Lang,
    Text,
    by_count,
    first_ids,
    headed_column,
    joined,
    listed,
    say,
    system_said,
    typed,
)
from .version import __version__

if TYPE_CHECKING:
    from .campaign import FleetDay, HeldBus, Overdraw
    from .io.roster import RosterReport
    from .io.scenario import Scenario
    from .render.reports import Contact

app = typer.Typer(
    name="returnbus",
    help="Plan buses, pickup points and quarantine beds to bring workers back to a district.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Markup off: names, paths and settings may hold "[/]"; styles come from `_styled`.
# Filling: Chinese breaks between its characters, not only at spaces as Rich breaks.
console = FillingConsole(stderr=True, markup=False)
out = FillingConsole(markup=False)


def _styled(label: str, style: str, rest: object = "") -> RichText:
    """``label`` in ``style``, then ``rest`` as plain text."""
    return FilledText.assemble((label, style), str(rest))


SAMPLE_SCENARIO = Path("sample_data/jiangjin/scenario.toml")
SAMPLE_WORKERS = 600
SAMPLE_SEED = 2020


def _said_in(option: str | None, chosen: Lang = "zh") -> Lang:
    """The language a command speaks: English for --lang en; without --lang,
    ``chosen`` (the plan's or the scenario's own); Chinese otherwise."""
    return "en" if option == "en" else chosen if option is None else "zh"


class _Voice:
    """The language a running command's errors and warnings are said in:
    --lang's (``option``); without it, Chinese until the command has read a
    scenario or a plan, then that one's own (``[output] lang``), as its
    summary is.  Each command makes its own and hands it on."""

    def __init__(self, option: str | None = None) -> None:
        self.option = option
        self.lang: Lang = _said_in(option)

    def heard(self, chosen: Lang) -> Lang:
        """The scenario or plan read says ``chosen``: speak it from now on,
        unless --lang says otherwise.  Returns the language spoken."""
        self.lang = _said_in(self.option, chosen)
        return self.lang


def _read_scenario(
    path: Path, voice: _Voice, *, own_roster: bool = True, beds: bool = True
) -> Scenario:
    """The scenario at ``path``; when it is refused, the refusal is said in
    the language its ``[output] lang`` asks for, as its plan would be.
    ``own_roster`` and ``beds``: as for `load_scenario`."""
    from .io.scenario import asked_lang, load_scenario

    try:
        return load_scenario(path, own_roster=own_roster, beds=beds)
    except InputError:
        voice.heard(asked_lang(path) or "zh")
        raise


@contextmanager
def _errors(voice: _Voice) -> Iterator[None]:
    """Bad input, or an online geocoder out of reach: message and exit 2.
    Anything else: exit 1, no personal data.  Said in the ``voice``'s
    language as it stands when the error comes."""
    try:
        yield
    except (InputError, GeocoderUnavailable) as error:
        # A geocoder out of reach is the network or the key: the user's to fix too.
        words = voice.lang
        heading = "error:" if words == "en" else "错误："
        console.print(_styled(heading, "bold red", f" {error.said(words)}"), highlight=False)
        raise typer.Exit(2) from None
    except (typer.Exit, typer.Abort):
        raise
    except KeyboardInterrupt:
        console.print(label("interrupted", voice.lang))
        raise typer.Exit(130) from None
    except BrokenPipeError:
        _reader_gone()
        raise typer.Exit(0) from None
    except Exception as error:
        if interrupted_by(error):  # an extension loaded on first use, interrupted as it starts
            console.print(label("interrupted", voice.lang))
            raise typer.Exit(130) from None
        logging.getLogger("returnbus").debug("internal error", exc_info=True)
        words = voice.lang
        console.print(
            _styled(
                label("internal_error", words),
                "bold red",
                f" {type(error).__name__}: {error}\n" + label("internal_error_action", words),
            ),
            highlight=False,
        )
        raise typer.Exit(1) from None


def _logging(verbose: bool, voice: _Voice) -> None:
    # The level is said by the formatter, in the desk's language.
    handler = FillingHandler(console=console, show_path=False, show_time=False, show_level=False)
    handler.setFormatter(_SaidIn(voice))
    # --verbose is the planner's own detail: the libraries' debugging (the
    # file locks taken, the PDF writer's font subsetting, hundreds of lines)
    # says nothing to a desk, and no library's log is vetted for personal data.
    logging.basicConfig(level=logging.INFO, format="%(message)s", handlers=[handler], force=True)
    logging.getLogger("returnbus").setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.getLogger("fontTools").setLevel(logging.WARNING)


class _SaidIn(logging.Formatter):
    """Log records whose message or values are `Text`, said in the desk's
    language: the command's ``voice``, as it stands when the record is
    written.  A copy is said: the record itself stays as logged, for any
    other handler (a log file, a test's capture)."""

    def __init__(self, voice: _Voice) -> None:
        super().__init__("%(message)s")
        self.voice = voice

    def format(self, record: logging.LogRecord) -> str:
        lang = self.voice.lang
        said = copy.copy(record)
        said.msg = say(record.msg, lang) if isinstance(record.msg, Text) else record.msg
        if isinstance(record.args, tuple):
            said.args = tuple(say(a, lang) if isinstance(a, Text) else a for a in record.args)
        text = super().format(said)
        if record.levelno >= logging.WARNING:
            return f"{label('warning', lang)} {text}"
        return text


def _path_option(*names: str, **settings: Any) -> Any:
    """A typer option naming a file or folder, which the command checks: it
    says in the desk's language what is wrong with the path and what to do,
    where typer's own check of readability says "is not readable" in
    English, without either."""
    return typer.Option(*names, readable=False, **settings)


def _path_argument(**settings: Any) -> Any:
    """A typer argument naming a file or folder, checked by the command (see
    `_path_option`)."""
    return typer.Argument(readable=False, **settings)


Verbose = Annotated[
    bool, typer.Option("--verbose", "-v", help="Show debugging detail (never personal data).")
]


def _version(value: bool) -> None:
    if value:
        out.print(f"returnbus {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Plan buses, pickup points and quarantine beds to bring workers back."""


TimeLimit = Annotated[
    float | None,
    typer.Option(
        min=0.1,
        help="Safety time limit of the routing search, in seconds (overrides "
        "solver.time_limit_seconds); the search normally ends on its iteration budget.",
    ),
]
LedgerOption = Annotated[
    Path | None,
    _path_option(
        help="The campaign ledger (SQLite) of the beds and buses other batches hold; this "
        "batch is recorded in it (default: ledger.sqlite beside the scenario)."
    ),
]

ReplanLedgerOption = Annotated[
    Path | None,
    _path_option(
        help="The campaign ledger (SQLite) of the beds and buses other batches hold; the "
        "batch is recorded in it (default: the ledger the earlier plan was recorded in, else "
        "ledger.sqlite beside the scenario)."
    ),
]


WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        min=0,
        max=256,
        help="Processes that share the routing search (0: every core; default: solver.workers "
        "or every core). The plan is the same whatever the number.",
    ),
]
ExecutorOption = Annotated[
    str,
    typer.Option(
        "--executor",
        help="Where the sub-searches run: 'local' (processes on this machine, the default) "
        "or 'dask' (a Dask cluster: --scheduler, or a local one). The plan is the same.",
    ),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="With --executor dask: the scheduler's address (tcp://host:8786); "
        "without it a local Dask cluster of --workers processes is started.",
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the papers, lists, map and messages: zh or en (default: the "
        "scenario's \\[output] lang, else zh).",
    ),
]
# The commands that write no papers say in their --lang what it changes.
ReadingLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of this command's messages: zh or en (default: the plan's own, "
        "its \\[output] lang).",
    ),
]
# diff's --lang also heads the sheets its --out writes for the desk; of two
# plans, the later one's language is the default.
DiffLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of this command's messages and of the sheets --out writes for the "
        "desk: zh or en (default: the later plan's \\[output] lang).",
    ),
]
MessagesLangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Language of this command's messages: zh (default) or en."),
]
CheckLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the messages and of the --out file: zh or en (default: the "
        "scenario's \\[output] lang, else zh).",
    ),
]
GeocodeLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the messages and of the geocode_note column: zh (default) or en.",
    ),
]
PoliceOption = Annotated[
    bool,
    typer.Option(
        "--police-export",
        help="Also write registration forms with full ID numbers, for the police only.",
    ),
]


@dataclass(frozen=True)
class _Overrides:
    """Command-line overrides of the routing search and of the outputs."""

    time_limit: float | None = None
    seed: int | None = None
    iterations: int | None = None
    lang: str | None = None
    police_export: bool = False
    workers: int | None = None
    executor: str = "local"
    scheduler: str | None = None

    def settings(self, settings: Settings) -> Settings:
        solver, output = settings.solver, settings.output
        if self.lang not in (None, *LANGS):
            raise InputError(Text("lang_bad", value=self.lang), hint=Text("lang_action"))
        return replace(
            settings,
            solver=replace(
                solver,
                time_limit_seconds=self.time_limit or solver.time_limit_seconds,
                seed=solver.seed if self.seed is None else self.seed,
                iterations=self.iterations or solver.iterations,
                workers=solver.workers
                if self.workers is None
                else self.workers or default_workers(),
            ),
            output=replace(
                output,
                lang=self.lang or output.lang,
                police_export=self.police_export or output.police_export,
            ),
        )


@contextmanager
def _sub_searches(search: _Overrides, settings: Settings) -> Iterator[Executor | None]:
    """The executor the command line hands to the planner."""
    from .executors import dask_executor, process_pool

    if search.executor == "dask":
        with dask_executor(search.scheduler, settings.solver.workers) as executor:
            yield executor
    elif search.executor == "local":
        if search.scheduler:
            raise InputError(Text("scheduler_local"), hint=Text("scheduler_local_action"))
        with process_pool(settings.solver.workers) as pool:
            yield pool
    else:
        raise InputError(Text("executor_bad", value=search.executor), hint=Text("executor_action"))


def _local(pool: Executor | None, search: _Overrides) -> Executor | None:
    """The pool the files may be written on: this machine's processes only."""
    return pool if search.executor == "local" else None


@app.command()
def plan(
    scenario: Annotated[
        Path,
        _path_argument(help="The scenario file (scenario.toml) naming the roster and settings."),
    ],
    out_dir: Annotated[
        Path,
        _path_option(
            "--out", "-o", help="Folder for plan.json, summary.json, map.html, manifests/ ..."
        ),
    ] = Path("out"),
    time_limit: TimeLimit = None,
    seed: Annotated[
        int | None,
        typer.Option(min=0, max=2**31 - 1, help="Routing random seed (overrides solver.seed)."),
    ] = None,
    iterations: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="PyVRP iterations per sector of the routing search (overrides "
            "solver.iterations; by default a budget by the batch's size).",
        ),
    ] = None,
    batch: Annotated[
        str | None,
        typer.Option(
            help="The batch to plan (as the roster's batch column (返岗批次) writes it, e.g."
            " 第二批 or 2); "
            "needed when the roster holds several."
        ),
    ] = None,
    ledger: LedgerOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Plan into a folder that holds a plan another ledger records, or one of "
            "another campaign, replacing it (with a warning); or start a new --ledger while "
            "the scenario's own records other batches.",
        ),
    ] = False,
    workers: WorkersOption = None,
    executor: ExecutorOption = "local",
    scheduler: SchedulerOption = None,
    lang: LangOption = None,
    police_export: PoliceOption = False,
    verbose: Verbose = False,
) -> None:
    """Plan one batch: roster, geocode, screen, cluster, route, beds, then write the outputs.

    The same inputs and settings give the same plan. Beds and buses that other
    batches hold in the ledger stay theirs; the batch is then recorded in the
    ledger (planning it again replaces its earlier entries).
    """
    voice = _Voice(lang)
    _logging(verbose, voice)
    with _errors(voice):
        overrides = _Overrides(
            time_limit, seed, iterations, lang, police_export, workers, executor, scheduler
        )
        _plan(scenario, out_dir, voice, overrides, batch=batch, ledger=ledger, force=force)


def _plan(
    scenario_path: Path,
    out_dir: Path,
    voice: _Voice,
    search: _Overrides = _Overrides(),
    *,
    batch: str | None = None,
    ledger: Path | None = None,
    force: bool = False,
) -> None:
    from .run import run_batch

    scenario = _read_scenario(scenario_path, voice)
    voice.heard(scenario.settings.output.lang)
    settings = search.settings(scenario.settings)
    with _sub_searches(search, settings) as pool, _Bars(settings.output.lang) as bars:
        result = run_batch(
            scenario,
            out_dir,
            batch=batch,
            ledger=ledger,
            settings=settings,
            executor=pool,
            writers=_local(pool, search),
            progress=bars,
            force=force,
        )
    _report(result, out_dir, ledger or scenario.path.parent / "ledger.sqlite")


class _Bars:
    """`Progress` drawn on the console: a line per stage with its bar, its
    steps (regions searched, buses' papers written) and its seconds."""

    def __init__(self, lang: Lang) -> None:
        from rich.progress import BarColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        self._lang = lang
        self._bars = RichProgress(
            SpinnerColumn(finished_text="✓"),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[steps]}"),
            TimeElapsedColumn(),
            console=console,
        )
        self._current: tuple[str, Any] | None = None

    def __enter__(self) -> _Bars:
        # Drawn from the first stage on: a refusal before it (a bad edits
        # file, say) comes on the first line, not after an empty display.
        return self

    def __exit__(self, error: type[BaseException] | None, *_: object) -> None:
        live = self._bars.live
        if error is None:
            self._finish()
            if live.is_started:
                self._bars.stop()
            return
        if self._current is not None:
            # The stage that failed is not done: no tick; the error says why.
            self._bars.remove_task(self._current[1])
            self._current = None
        # rich's own stop adds an empty line (off a terminal) above the error:
        # the display alone is stopped, and cleared when no stage is left to
        # show (the run failed in its first).
        live.transient = not self._bars.tasks
        shown = live.is_started and not live.transient
        live.stop()
        if shown and not live.console.is_terminal:
            # Off a terminal the display's last line is left open (on one, rich
            # ends it): the error, or 已中断, starts a line of its own.
            live.console.line()

    def stage(self, name: str, total: int | None = None) -> None:
        """A bar for stage ``name`` (the current one again: its total)."""
        if self._current is not None and self._current[0] == name:
            self._bars.update(self._current[1], total=total, completed=0, steps=_steps(0, total))
            return
        self._finish()
        task = self._bars.add_task(
            label(f"running_{name}", self._lang), total=total, steps=_steps(0, total)
        )
        self._current = (name, task)
        self._bars.start()

    def advance(self, steps: int = 1) -> None:
        """``steps`` more done in the current stage."""
        if self._current is None:
            return
        task = self._current[1]
        self._bars.advance(task, steps)
        done = self._bars.tasks[task].completed
        self._bars.update(task, steps=_steps(int(done), self._bars.tasks[task].total))

    def _finish(self) -> None:
        if self._current is not None:
            task = self._current[1]
            total = self._bars.tasks[task].total or 1
            self._bars.update(task, total=total, completed=total)
            self._current = None


def _headline(reason: str, lang: Lang) -> str:
    """A reason's first words (before ':' or ';'); a roster row's problem
    headed by its column's name, not the field's key."""
    first = (
        reason.args["parts"][0] if isinstance(reason, Text) and reason.key == "_joined" else reason
    )
    if isinstance(first, Text) and first.key == "row_problem":
        column = first.args["column"]
        # Said in each language (`headed_column`): in English as a column, not a bare 健康码.
        name = say(column if isinstance(column, Text) else headed_column(column, column), lang)
        problem = _head(say(first.args["problem"], lang))
        return f"{name}{'：' if lang == 'zh' else ': '}{problem}"
    return _head(say(reason, lang))


def _head(text: str) -> str:
    """A sentence's first words; past a bracket it opens with (its values:
    "（29, 200）不在中国境内" is headed 不在中国境内, alike for every row)."""
    text = re.sub(r"^\s*[(（][^)）]*[)）]\s*", "", text)
    return _HEAD_END.split(text, maxsplit=1)[0].strip()


#: Where a reason's first words end: a colon (not one inside a time, 06:00),
#: a semicolon or a bracket.
_HEAD_END = re.compile(r"(?<!\d):|:(?!\d)|[;(：；（]")


def _steps(done: int, total: float | None) -> str:
    return f"{done}/{int(total)}" if total else ""


def _report(
    result: Plan, out_dir: Path, ledger: Path, late_warned: Mapping[str, int] | None = None
) -> None:
    """The plan's figures, who is left out and why, and where it was written.
    ``late_warned``: the warnings of each late roster (by its path) a
    re-plan read, among the batch's, each sent to its own check."""
    from .planfile import summary

    lang = result.settings.output.lang
    _print_summary(summary(result, bounds=False), result.unassigned, out_dir, lang)
    warning = label("warning", lang)
    if result.search_stop == "time_limit":
        console.print(_styled(warning, "bold yellow", " " + label("search_time_limit", lang)))
    if result.settings.output.police_export:
        console.print(_styled(warning, "bold yellow", " " + label("police_written", lang)))
    # Rows planned despite a warning (no phone, a pasted header...): `check` lists each,
    # of the scenario's roster or of a late roster, which the scenario's check does not read.
    late = late_warned or {}
    warned = sum(1 for issue in result.batch.issues if issue.severity == "warning")
    scenario = typed(result.batch.source)
    own = warned - sum(late.values())
    if own and result.batch.roster is not None:
        said = label(
            "roster_warned",
            lang,
            warnings=counted("warnings", own, lang),  # 1 warning, 2 warnings
            scenario=scenario,
        )
        console.print(_styled(warning, "bold yellow", " " + said))
    for roster, count in late.items():
        if count:
            said = label(
                "late_roster_warned",
                lang,
                warnings=counted("warnings", count, lang),
                roster=typed(roster),
                scenario=scenario,
            )
            console.print(_styled(warning, "bold yellow", " " + said))
    out.print(label("ledger_recorded", lang, batch=result.batch.id, ledger=ledger))


@app.command()
def replan(
    previous: Annotated[Path, _path_argument(help="The output folder of the earlier plan.")],
    out_dir: Annotated[Path, _path_option("--out", "-o", help="Folder for the new plan.")],
    drop: Annotated[
        Path | None,
        _path_option(
            help="Workers who dropped out: a CSV or XLSX with a worker_id (工号) column, "
            "or a single column of ids pasted from Excel, with or without its header "
            "(a title row above it is passed over)."
        ),
    ] = None,
    add: Annotated[
        Path | None,
        _path_option(
            help="Late additions: roster rows in any accepted roster format (CSV, XLSX, "
            "or a list pasted from Excel into a text file, tab-separated)."
        ),
    ] = None,
    edits: Annotated[
        Path | None,
        _path_option(
            help="The desk's edits, a CSV or XLSX: an action column (move, lock, close, "
            "unlock, restore; transfer, 调车 and 换车 are read as move) and the ids each "
            "needs: move worker_id onto bus_id; lock or unlock bus_id; close point_id; "
            "restore worker_id. E.g. the header action,worker_id,bus_id and a row "
            "move,W00204,B18e16e."
        ),
    ] = None,
    scenario: Annotated[
        Path | None,
        _path_option(help="The scenario, if not where the earlier plan was made from."),
    ] = None,
    batch: Annotated[
        str | None,
        typer.Option(
            help="Take only this batch's rows from --add (needed when the file holds "
            "several batches; it must be the earlier plan's batch)."
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Re-plan from a folder whose files were changed since it was written, "
            "that comes from another scenario, or that the ledger has since replaced; or "
            "into a folder holding a plan another ledger records (with a warning).",
        ),
    ] = False,
    ledger: ReplanLedgerOption = None,
    time_limit: TimeLimit = None,
    workers: WorkersOption = None,
    executor: ExecutorOption = "local",
    scheduler: SchedulerOption = None,
    lang: LangOption = None,
    police_export: PoliceOption = False,
    verbose: Verbose = False,
) -> None:
    """Plan a batch again after drop-outs, additions or edits, changing as little as possible.

    Re-plans add up: what made the earlier plan stands (drop-outs stay out,
    locked buses stay locked, closed stops stay closed) until an edit says
    otherwise (unlock, restore). Locked buses and those marked announced
    (\\[replan] announced) keep their riders, stops and times except for
    drop-outs and the desk's moves; a moved worker boards the receiving bus
    at its nearest stop and no one else changes bus; other buses keep their
    ids and stops; additions go into free seats first, then onto new buses.
    The new plan is checked as `verify` does before it replaces anything.
    Lists who changed bus, stop, pickup time, drop-off, arrival or seat.
    """
    voice = _Voice(lang)
    _logging(verbose, voice)
    with _errors(voice):
        overrides = _Overrides(time_limit, lang=lang, police_export=police_export, workers=workers)
        _replan(
            previous,
            out_dir,
            _Changes(drop=drop, add=add, edits=edits, batch=batch),
            scenario,
            ledger,
            overrides,
            voice,
            force=force,
        )


@dataclass(frozen=True)
class _Changes:
    """The files a re-plan is given."""

    drop: Path | None = None
    add: Path | None = None
    edits: Path | None = None
    batch: str | None = None


def _replan(
    previous_dir: Path,
    out_dir: Path,
    changes: _Changes,
    scenario_path: Path | None,
    ledger: Path | None,
    search: _Overrides,
    voice: _Voice,
    *,
    force: bool = False,
) -> None:
    from .diff import compare
    from .io.changes import read_edits, read_worker_rows
    from .io.plans import load_plan
    from .replan import replan_batch
    from .run import campaign_of, default_ledger, record_batch, recorded_ledger_told

    previous = load_plan(previous_dir)
    voice.heard(previous.settings.output.lang)
    source = scenario_path or Path(previous.batch.source)
    # The scenario the desk named is said by the loader (a folder, /dev/null,
    # not found); the earlier plan's, when it is gone, is to be named.
    if scenario_path is None and not source.is_file():
        raise InputError(
            Text("replan_no_scenario"), path=source, hint=Text("replan_no_scenario_action")
        )
    scenario = _read_scenario(source, voice)
    said_in = voice.heard(scenario.settings.output.lang)
    batch, elsewhere, added, late_warned = _batch_now(scenario, previous.batch, changes)
    where = previous_dir if previous_dir.is_dir() else previous_dir.parent
    # The ledger the earlier plan was recorded in, when the desk named none, is the folder's.
    with recorded_ledger_told(where, Text("recorded_ledger_replan_action")):
        _trust_previous(previous_dir, previous, batch, force=force, lang=said_in, ledger=ledger)
    _refuse_unkept(previous, batch, scenario)
    if changes.drop is not None:
        _refuse_roster_as_drop_list(changes.drop, [scenario.roster.path, changes.add])
    drop_rows = read_worker_rows(changes.drop) if changes.drop else ()
    dropped = frozenset(worker for _, worker in drop_rows)
    if changes.drop is not None:
        folders = _batch_folders(ledger or _ledger_of(previous_dir))
        _say_drops_ignored(
            changes.drop, drop_rows, batch, said_in, elsewhere=elsewhere, folders=folders
        )
        _refuse_drop_list_of_none(changes.drop, drop_rows, batch)
        # Added by this re-plan's late roster, now: new to the plan, not one it held before.
        planned_before = {w.id for w in previous.batch.workers}
        _say_added_and_dropped(changes, drop_rows, added - planned_before, said_in)
    book = ledger or _ledger_of(previous_dir) or default_ledger(scenario)
    try:
        edits = read_edits(changes.edits) if changes.edits else ()
        settings = search.settings(scenario.settings)
        with _sub_searches(search, settings) as pool, _Bars(settings.output.lang) as bars:
            result = record_batch(
                lambda held: replan_batch(
                    previous,
                    batch,
                    settings,
                    dropped=dropped,
                    edits=edits,
                    beds=held.beds,
                    vehicles=held.buses,
                    clock=time.perf_counter,
                    executor=pool,
                    progress=bars,
                ),
                batch_id=batch.id,
                campaign=campaign_of(batch),
                out_dir=out_dir,
                ledger=book,
                check=_refuse_unverified,
                progress=bars,
                writers=_local(pool, search),
                replanning=True,
                force=force,
            )
    except InputError as error:
        # An edit's error names its row; it is the edits file's. Others are not.
        edits_file = changes.edits
        if edits_file is not None and error.path is None and error.row is not None:
            raise error.at(edits_file) from None
        raise
    _report(result, out_dir, book, late_warned)
    _print_diff(compare(previous, result), result.settings.output.lang, limit=20)


def _say_drops_ignored(
    drop: Path,
    rows: Sequence[tuple[int, str]],
    batch: Batch,
    lang: Lang,
    *,
    elsewhere: Mapping[str, str],
    folders: Mapping[str, str] | None = None,
) -> None:
    """Warn of the drop list's ids that are not in the batch's roster (a
    mistyped id leaves a worker who dropped out on a bus), naming the list's
    rows and what to do; those of another batch (``elsewhere``: worker id to
    their batch as the roster writes it) are said apart, since their own
    batch's plan still holds their seat, with the command that re-plans
    each such batch's folder the ledger records (``folders``, by `batch_key`);
    note those the roster check turned away already."""
    from .ids import cells_of_ids, ids_meant, ids_with_text_meant
    from .io.changes import excel_mangled

    turned_away = {u.worker_id for u in batch.turned_away}
    unknown = {worker for _, worker in rows} - {w.id for w in batch.workers}
    others = sorted((unknown - turned_away) & set(elsewhere))
    strangers = sorted(unknown - turned_away - set(elsewhere))
    for key, ids, named in (
        (
            "other_batch",
            others,
            [label("worker_of_batch", lang, worker=w, batch=elsewhere[w]) for w in others],
        ),
        ("not_in_roster", strangers, strangers),
    ):
        if ids:
            action = label(f"{key}_action", lang)
            if key == "other_batch":
                action = _replan_others(drop, {elsewhere[w] for w in ids}, folders or {}, lang)
            named_said = say(listed(named), lang)
            _warn_of_rows(rows, ids, f"{key}_ignored", named_said, action, lang, path=drop)
    known = {w.id for w in batch.workers} | set(elsewhere)
    lost, scientific = excel_mangled(strangers, known)
    # A number meant for an id of digits lost its zeros; for another, its letters too.
    zeros = tuple((written, one) for written, one in lost if one.isdigit())
    for key, meant in (
        ("drop_case_meant", ids_meant(strangers, known)),
        ("drop_zeros_lost", zeros),
        ("drop_number_meant", tuple(pair for pair in lost if pair not in zeros)),
        ("drop_id_with_text", ids_with_text_meant(strangers, known)),
    ):
        if meant:
            pairs = say(listed([f"{typed} → {one}" for typed, one in meant]), lang)
            console.print(label(key, lang, pairs=pairs))
    if scientific:
        console.print(label("drop_scientific", lang, ids=say(listed(scientific), lang)))
    several = cells_of_ids(strangers, known)
    if several:
        console.print(label("drop_ids_in_one_cell", lang, ids=say(listed(several), lang)))
    out_already = sorted(unknown & turned_away)
    if out_already:
        said = label("turned_away_ignored", lang)
        console.print(_styled(said, "yellow", f"{_gap(said)}{say(listed(out_already), lang)}"))


def _refuse_roster_as_drop_list(drop: Path, rosters: Sequence[Path | None]) -> None:
    """Refuse a drop list that is one of the batch's ``rosters`` (the
    scenario's, this re-plan's late one): read as one, its 工号 column would
    drop every worker of it, and the batch would be recorded with nobody on
    a bus."""
    for roster in rosters:
        if roster is not None and same_file(drop, roster):
            raise InputError(
                Text("drop_list_is_roster"),
                path=drop,
                hint=Text("drop_list_is_roster_action"),
            )


def _refuse_drop_list_of_none(drop: Path, rows: Sequence[tuple[int, str]], batch: Batch) -> None:
    """Refuse a drop list that names ids, none of them of the batch's roster
    (those turned away by its check are of it): almost surely another file,
    or another batch's list, and re-planned with it, the batch would be
    recorded unchanged while its drop-outs keep their seats.  The warnings
    said before name each id and what it may have meant."""
    ids = {worker for _, worker in rows}
    ours = {w.id for w in batch.workers} | {u.worker_id for u in batch.turned_away}
    if not ids or not ids.isdisjoint(ours):
        return
    raise InputError(
        Text(by_count("drop_list_foreign", len(ids)), count=len(ids), batch=batch.id),
        path=drop,
        hint=Text("drop_list_foreign_action"),
    )


def _replan_others(
    drop: Path, batches: Collection[str], folders: Mapping[str, str], lang: Lang
) -> str:
    """What to do with drop-outs of ``batches`` (as the roster writes them):
    re-plan each batch's folder the ledger records with the list, the command
    written out, or, where one is not recorded, its folder found with
    `ledger show`."""
    from .ids import batch_key

    named = [folders.get(batch_key(b)) for b in sorted(batches)]
    if not all(named):
        return label("other_batch_action", lang)
    commands = [
        label("replan_command", lang, folder=typed(f), drop=typed(drop)) for f in named if f
    ]
    return label(
        "other_batch_folder_action", lang, commands=("；" if lang == "zh" else "; ").join(commands)
    )


def _batch_folders(ledger: Path | None) -> dict[str, str]:
    """Each batch's folder the ``ledger`` records, by `batch_key`; none when
    there is no ledger, or it cannot be read now (the re-plan says why)."""
    from .ids import batch_key
    from .ledger import open_ledger

    if ledger is None or not ledger.is_file():
        return {}
    try:
        with open_ledger(ledger, create=False, read_only=True) as book:
            return {batch_key(r.batch_id): r.out_dir for r in book.batches() if r.out_dir}
    except InputError:
        return {}


def _say_added_and_dropped(
    changes: _Changes, rows: Sequence[tuple[int, str]], added: Collection[str], lang: Lang
) -> None:
    """Warn of the drop list's workers whom this re-plan's late roster
    (``added``: its workers new to the plan) adds: both added and dropped,
    they are treated as dropped out and get no seat, which may not be meant."""
    both = sorted({worker for _, worker in rows} & set(added))
    if both:
        action = label("added_dropped_action", lang)
        named = first_ids(both)
        _warn_of_rows(
            rows, both, "added_dropped", named, action, lang, path=changes.drop, add=changes.add
        )


def _warn_of_rows(
    rows: Sequence[tuple[int, str]],
    ids: Collection[str],
    key: str,
    named: str,
    action: str,
    lang: Lang,
    **values: object,
) -> None:
    """Warn of the list's ``rows`` holding ``ids``: the label ``key`` with
    those rows (``{rows}``) and ``values``, the ids as ``named``, then
    ``action``, what to do."""
    held = [str(row) for row, worker in rows if worker in ids]
    said = label(by_count(key, len(held), LABELS), lang, rows=say(listed(held), lang), **values)
    console.print(_styled(label("warning", lang), "bold yellow", f" {said}{_gap(said)}{named}"))
    console.print(action)


def _gap(said: str) -> str:
    """The space between a label and what it names: none after a full-width colon."""
    return "" if said.endswith("：") else " "


def _ledger_of(previous_dir: Path) -> Path | None:
    """The ledger the earlier plan was recorded in, when it is there: another
    would hold none of the batches planned with it, whose beds it would give
    again."""
    from .render.staging import about

    folder = previous_dir if previous_dir.is_dir() else previous_dir.parent
    recorded = about(folder).get("ledger")
    return Path(recorded) if recorded and Path(recorded).is_file() else None


def _refuse_unkept(previous: Plan, batch: Batch, scenario: Scenario) -> None:
    """Refuse a scenario that cannot keep the earlier plan's buses: a bus
    type its fleet no longer has, or an announced bus the plan lacks."""
    gone = sorted({r.bus_type for r in previous.routes} - {b.id for b in batch.fleet})
    if gone:
        raise InputError(
            Text("replan_fleet_gone", types=listed(gone)),
            path=scenario.path,
            key="fleet",
            hint=Text("replan_fleet_gone_action", types=listed(gone)),
        )
    announced = scenario.settings.replan.announced
    named = set(announced) if isinstance(announced, tuple) else set()
    # A bus that stopped running since (every rider dropped out) is no typo.
    unknown = sorted(named - {r.bus_id for r in previous.routes} - set(previous.retired_buses))
    if unknown:
        raise InputError(
            Text(by_count("announced_unknown", len(unknown)), buses=listed(unknown)),
            path=scenario.path,
            key="replan.announced",
            hint=Text("announced_unknown_action"),
        )


def _batch_now(
    scenario: Scenario, earlier: Batch, changes: _Changes
) -> tuple[Batch, dict[str, str], frozenset[str], dict[str, int]]:
    """The batch of ``earlier`` as its rosters are now: the scenario's, and
    every late roster re-plans added, ``changes.add`` among them (additions
    stand in every later re-plan); the scenario roster's workers of other
    batches, with their batch as written; the workers of ``changes.add``;
    and the warnings of each late roster, by its path."""
    from .pipeline import prepare, read_scenario_roster, red_groups_in
    from .replan import with_additions

    lates = _late_rosters(earlier.additions, changes.add, changes.batch)
    late_scenarios = [
        replace(scenario, roster=replace(scenario.roster, path=Path(late.path))) for late in lates
    ]
    roster = read_scenario_roster(scenario)
    late_reports = [read_scenario_roster(late) for late in late_scenarios]
    # A red code in a late roster holds its group's riders here, and the other way.
    red_groups = red_groups_in(roster).union(*(red_groups_in(r) for r in late_reports))
    batch = prepare(scenario, batch=earlier.id, roster=roster, red_groups=red_groups)
    named = str(changes.add.resolve()) if changes.add is not None else None
    added_now: frozenset[str] = frozenset()
    warned: dict[str, int] = {}
    for late, late_scenario, report in zip(lates, late_scenarios, late_reports, strict=True):
        added = _additions(late_scenario, report, batch, late.batch or None, red_groups)
        warned[late.path] = sum(1 for issue in added.issues if issue.severity == "warning")
        # The id column named as the late roster heads it (工号), not by the field's key.
        column = dict(report.file.columns).get("worker_id", "worker_id")
        batch = with_additions(batch, added, source=late.path, column=column)
        if late.path == named:
            added_now = frozenset(w.id for w in added.workers)
    mine = {w.id for w in batch.workers}
    elsewhere = {w.id: w.batch for w in roster.workers if w.id not in mine}
    return replace(batch, additions=lates), elsewhere, added_now, warned


def _late_rosters(
    earlier: tuple[LateRoster, ...], add: Path | None, batch: str | None
) -> tuple[LateRoster, ...]:
    """The late rosters of the batch: those earlier re-plans added, then
    ``add`` (given again, it takes its earlier entry's place).  Each must
    still be where it was: its workers would be dropped without a word."""
    from .io.tables import refuse_unreadable_path

    lates = earlier
    if add is not None:
        # Named now: a folder or /dev/null is said to be one, not "no longer here".
        refuse_unreadable_path(add)
        new = LateRoster(path=str(add.resolve()), batch=batch or "")
        lates = (*(e for e in earlier if e.path != new.path), new)
    for late in lates:
        if not Path(late.path).is_file():
            raise InputError(
                Text("late_roster_gone"),
                path=late.path,
                hint=Text("late_roster_gone_action"),
            )
    return lates


def _additions(
    late: Scenario,
    roster: RosterReport,
    batch: Batch,
    wanted: str | None,
    red_groups: Collection[str],
) -> Batch:
    """The rows for ``batch`` of ``late`` (the scenario with the late roster,
    read as ``roster``): all of them when the file names no batch; else those
    of ``wanted``, which must be this batch.  Rows of other batches are
    refused unless ``wanted`` leaves them out."""
    from .ids import batch_key
    from .pipeline import prepare

    path = late.roster.path
    # A batch cell refused (an Excel time) names no batch: its row is turned away on its own.
    refused = roster.batch_refused
    named = {batch_key(t) for r, t in roster.batch_of_row.items() if r not in refused} - {""}
    if not named:
        return prepare(late, whole_roster=True, roster=roster, red_groups=red_groups)
    mine = batch_key(batch.id)
    if wanted is not None and batch_key(wanted) != mine:
        raise InputError(
            Text("replan_other_batch", wanted=wanted, batch=batch.id),
            hint=Text("replan_other_batch_action", batch=batch.id),
        )
    column = dict(roster.file.columns).get("batch", "batch")  # as the file heads it
    if wanted is None and mine not in named:
        # No row of this batch: --batch would take none; the file is another batch's.
        written = {t for r, t in roster.batch_of_row.items() if r not in refused and batch_key(t)}
        raise InputError(
            Text(
                by_count("additions_no_batch_rows", len(written)),
                batch=batch.id,
                batches=listed(sorted(written, key=lambda t: (batch_key(t), t))),
            ),
            path=path,
            column=column,
            hint=Text("additions_no_batch_rows_action", batch=batch.id),
        )
    if wanted is None and named != {mine}:
        raise InputError(
            Text("additions_other_batches", batch=batch.id),
            path=path,
            column=column,
            hint=Text("additions_other_batches_action", batch=batch.id),
        )
    return prepare(late, batch=batch.id, roster=roster, red_groups=red_groups)


def _trust_previous(
    folder: Path, previous: Plan, batch: Batch, *, force: bool, lang: Lang, ledger: Path | None
) -> None:
    """Refuse to re-plan from a folder changed since it was written, one of
    another scenario or batch, or one superseded in the ledger the re-plan
    writes (``ledger``, --ledger, when named), unless ``force`` (then warn,
    in ``lang``); so too a re-plan that would start a new ledger (`_ledger_refusal`).
    A ledger named instead of the recorded one, still there, is warned of."""
    from .render.staging import INDEX, about, index_problems
    from .run import ledger_problems

    where = folder if folder.is_dir() else folder.parent
    recorded = about(where).get("ledger", "")
    named = ledger.absolute() if ledger is not None else None
    refusal = _ledger_refusal(where, recorded, named, batch.id)
    if refusal is not None and not force:
        raise refusal
    problems: list[str] = []
    if (where / INDEX).exists() or folder.is_dir():
        problems += index_problems(where)
    if refusal is not None:
        problems.append(refusal.message)  # a catalogue sentence: said in the desk's language
    # A later plan of the batch recorded elsewhere: this one would bring back
    # what changed since (drop-outs, locked buses).  Told by the ledger the
    # re-plan writes, when another is named: the one whose plan it replaces.
    # A recorded ledger that cannot be read, forced past, tells nothing.
    unreadable = getattr(refusal and refusal.message, "key", "") == "replan_ledger_new_unreadable"
    problems += [
        Text("replan_superseded", said=note)
        for note in ([] if unreadable else ledger_problems(where, named)[1])
        if note.key == "ledger_superseded"  # not one the ledger cannot tell (an older one's)
    ]
    if previous.batch.name != batch.name:
        problems.append(
            Text("replan_other_scenario", previous=previous.batch.name, current=batch.name)
        )
    if problems and not force:
        raise InputError(
            Text("replan_untrusted", problems=joined(problems)),
            path=where,
            hint=Text("replan_untrusted_action"),
        )
    warning = label("warning", lang)
    for problem in problems:
        said = say(problem, lang)
        said = label("forced_past", lang, where=where, said=said)
        console.print(_styled(warning, "bold yellow", f" {said}"))
    if (
        recorded
        and named is not None
        and not unreadable  # said above: it holds nothing a desk can read
        and Path(recorded).is_file()
        and not same_file(named, Path(recorded))
    ):
        # Both ledgers go on: the recorded one keeps the batch as it was.
        other = Text(
            "replan_other_ledger",
            recorded=recorded,
            named=str(named),
            batch=batch.id,
            folder=str(where.absolute()),
        )
        console.print(_styled(warning, "bold yellow", f" {say(other, lang)}"))


def _ledger_refusal(
    folder: Path, recorded: str, named: Path | None, batch: str
) -> InputError | None:
    """Why a re-plan of ``batch`` from ``folder`` would record it in a new
    ledger, that knows no bed or bus other batches hold and would give them
    again, and what to do: the ledger the earlier plan was ``recorded`` in is
    gone and no other is ``named`` (--ledger), or the one named does not
    exist and the recorded one is gone too or holds other batches.  None
    when it would not, or when the folder names no ledger (an older
    returnbus's)."""
    if not recorded:
        return None
    there = Path(recorded).is_file()
    if named is None or same_file(named, Path(recorded)):
        if there:
            return None
        return InputError(
            Text("replan_ledger_gone", path=recorded),
            path=folder,
            hint=Text("replan_ledger_gone_action"),
        )
    if named.exists():  # a ledger, or a file refused as none when it is opened
        return None
    if not there:
        return InputError(
            Text("replan_ledger_new_gone", named=str(named), recorded=recorded),
            path=folder,
            hint=Text("replan_ledger_gone_action"),
        )
    try:
        others = _batches_in(Path(recorded), but=batch)
    except InputError as unreadable:
        # Damaged or emptied: as good as gone, unless restored from a backup.
        return InputError(
            Text(
                "replan_ledger_new_unreadable",
                named=str(named),
                recorded=recorded,
                said=unreadable.message,
            ),
            path=folder,
            hint=Text("replan_ledger_unreadable_action"),
        )
    if not others:  # none to give again: a new ledger is only warned of
        return None
    return InputError(
        Text(
            by_count("replan_ledger_new", len(others)),
            named=str(named),
            recorded=recorded,
            batches=first_ids(others),
        ),
        path=folder,
        hint=Text("replan_ledger_new_action", recorded=recorded),
    )


def _batches_in(ledger: Path, *, but: str) -> list[str]:
    """The batches ``ledger`` records, ``but`` one, by departure."""
    with open_ledger(ledger, create=False, read_only=True) as book:
        return [b.batch_id for b in book.batches() if b.batch_id != but]


def _refuse_unverified(folder: Path) -> None:
    """Refuse a re-plan that `verify` would reject, before it replaces anything."""
    from .checker import check_plan
    from .io.plans import load_plan

    problems = check_plan(load_plan(folder))
    if problems:
        raise InputError(
            Text("replan_breaks_rule", problems=joined(problems[:5])),
            hint=Text("replan_breaks_rule_action"),
        )


def _print_summary(
    summary: dict[str, Any], unassigned: Sequence[Unassigned], out_dir: Path, lang: Lang
) -> None:
    from .render.reports import figure_shown

    table = Table(title=label("plan_summary", lang), show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    for key in (
        "workers_total",
        "workers_on_bus",
        "workers_self_return",
        "workers_unassigned",
        "buses_used",
        "buses_under_minimum",
        "total_distance_km",
        "total_cost",
        "max_ride_minutes",
        "mean_detour_minutes",
        "quarantine_required",
        "quarantine_allocated",
        "dorm_status",
        "search_stop",
        "solve_seconds",
    ):
        value = summary[key]
        if key in ("dorm_status", "search_stop"):  # a word of the solver's: said
            value = label(f"{key}_{value}", lang)
        table.add_row(label(key, lang), figure_shown(key, value))
    out.print(table)
    if unassigned:
        # Group by the reason's headline (before ':' or ';'), details are in the CSV.
        reasons = Counter(
            (stage_label(entry.stage, lang), _headline(entry.reason, lang)) for entry in unassigned
        )
        why = Table(
            title=label("unassigned_title", lang, count=len(unassigned)), title_justify="left"
        )
        why.add_column(label("col_stage", lang))
        why.add_column(label("col_reason", lang))
        why.add_column(label("col_workers", lang), justify="right")
        for (stage, reason), count in sorted(reasons.items(), key=lambda kv: -kv[1]):
            why.add_row(stage, reason, str(count))
        out.print(why)
    if summary["workers_to_call"]:  # else the desk learns of to_call.csv only from the README
        out.print(label("to_call_title", lang, count=summary["workers_to_call"]))
    out.print(label("outputs_written", lang, folder=out_dir))


@app.command()
def demo(
    out_dir: Annotated[Path, _path_option("--out", "-o", help="Output folder.")] = Path("out/demo"),
    workers: WorkersOption = None,
    lang: LangOption = None,
    verbose: Verbose = False,
) -> None:
    """Plan the bundled Jiangjin sample (sample_data/jiangjin), regenerated if absent."""
    voice = _Voice(lang)
    _logging(verbose, voice)
    with _errors(voice):
        _refuse_out_file(out_dir)  # before the sample is read (or written beside it)
        scenario = SAMPLE_SCENARIO
        if not scenario.is_file():
            # Beside the outputs, as the ledger: a plan folder holds a plan's files only.
            sample = out_dir.with_name(f"{out_dir.name}.scenario")
            scenario = _write_synthetic(sample, SAMPLE_WORKERS, SAMPLE_SEED)
            console.print(
                label(
                    "demo_generated",
                    _said_in(lang),
                    sample=SAMPLE_SCENARIO,
                    folder=scenario.parent,
                )
            )
        # The demo keeps its ledger beside its outputs, not beside the shipped sample.
        ledger = out_dir.with_name(f"{out_dir.name}.ledger.sqlite")
        _plan(scenario, out_dir, voice, _Overrides(lang=lang, workers=workers), ledger=ledger)


@app.command()
def diff(
    before: Annotated[Path, _path_argument(help="A plan's output folder (or its plan.json).")],
    after: Annotated[Path, _path_argument(help="Another plan of the same batch.")],
    report: Annotated[
        Path | None,
        _path_option(
            "--out",
            "-o",
            help="Write the workers who changed to this CSV or XLSX "
            "(buses, figures and beds beside it).",
        ),
    ] = None,
    lang: DiffLangOption = None,
) -> None:
    """Compare two plans: every worker whose bus, stop, pickup time, drop-off,
    arrival or seat changed, buses added or removed, every worker whose quarantine
    bed changed, and the figures side by side (a re-plan, or two what-ifs)."""
    voice = _Voice(lang)
    with _errors(voice):
        from .diff import compare
        from .io.plans import load_plan
        from .render.reports import write_diff

        if report is not None:
            _table_out(report, before, after)
        old, new = load_plan(before), load_plan(after)
        words = voice.heard(new.settings.output.lang)
        for what, a, b in (
            ("diff_other_scenarios", old.batch.name, new.batch.name),
            ("diff_other_batches", old.batch.id, new.batch.id),
        ):
            if a != b:
                warning = label("warning", words)
                console.print(_styled(warning, "bold yellow", " " + label(what, words, a=a, b=b)))
        changes = compare(old, new)
        _print_diff(changes, words, limit=None if report is None else 20)
        if report is not None:
            contacts = _contacts(old, new)
            with _writing(report):
                written = write_diff(
                    report, changes, new.settings.output.lang, contacts, words=words
                )
            for path in written:
                out.print(label("written_file", words, path=path))


def _contacts(*plans: Plan) -> dict[str, Contact]:
    """Name, phone and employer of each worker of ``plans``, read from the
    roster row each plan took for them (so a duplicated 工号 never gets
    another row's name), in the scenario's roster or a late one a re-plan
    added; later plans win.  Each roster is read once; none when a plan's
    scenario is not there, nor a late roster that is gone."""
    from .io.roster import read_roster
    from .io.scenario import load_scenario
    from .render.reports import Contact

    rosters: dict[Path, dict[int, Worker]] = {}
    contacts = {}
    for plan in plans:
        source = Path(plan.batch.source)
        if not source.is_file():
            continue
        scenario = load_scenario(source)
        employers = {e.id: e.name for e in scenario.employers}
        paths = [scenario.roster.path, *(Path(a.path) for a in plan.batch.additions)]
        for path in (p for p in paths if p.is_file()):
            if path not in rosters:
                report = read_roster(replace(scenario.roster, path=path))
                rosters[path] = {w.row: w for w in (*report.workers, *report.rejected_workers)}
        tables = [rosters[p] for p in paths if p in rosters]
        for worker in plan.workers:
            row = next((r for t in tables if (r := t.get(worker.row)) and r.id == worker.id), None)
            if row is not None:
                employer = employers.get(row.employer, row.employer)
                contacts[worker.id] = Contact(name=row.name, phone=row.phone, employer=employer)
    return contacts


def _table_out(path: Path, *inputs: Path) -> None:
    """A table ``--out`` must name a .csv or .xlsx file, not a folder, and
    not one of the ``inputs`` (writing it would replace the desk's file)."""
    from .errors import special_file

    special = special_file(path)
    if special is not None:  # a pipe would wait for a reader for ever; a device keeps nothing
        raise InputError(
            Text("out_special", what=special), path=path, hint=Text("out_table_action")
        )
    if path.is_dir():
        raise InputError(Text("out_folder"), path=path, hint=Text("out_table_action"))
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise InputError(Text("out_table"), path=path, hint=Text("out_table_action"))
    if path.exists() and any(read.exists() and path.samefile(read) for read in inputs):
        raise InputError(Text("out_is_input"), path=path, hint=Text("out_is_input_action"))


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Writing where the desk said: the system's refusal (no permission, a file
    in the way, a full disk) is theirs to settle, said as such."""
    try:
        yield
    except OSError as error:
        raise InputError(
            Text("out_unwritable", why=system_said(error)),
            path=path,
            hint=Text("out_unwritable_action"),
        ) from None


def _print_diff(changes: PlanDiff, words: Lang, *, limit: int | None) -> None:
    from .render.labels import LABELS
    from .render.reports import DIFF_COLUMNS, diff_rows, figure_shown, said_cell

    figures = Table(title=label("diff_figures", words), title_justify="left")
    for column in ("figure", "before", "after"):
        figures.add_column(
            label(f"diff_{column}", words), justify="left" if column == "figure" else "right"
        )
    for key, a, b in changes.figures:
        shown = (figure_shown(key, value) for value in (a, b))
        figures.add_row(label(key, words) if key in LABELS else key, *shown)
    out.print(figures)
    none = label("none", words)
    added, removed = (
        say(listed(buses), words) or none for buses in (changes.buses_added, changes.buses_removed)
    )
    out.print(label("diff_buses", words, added=added, removed=removed))
    if changes.buses_retyped:
        types = tuple(
            label("diff_bus_type_change", words, bus=bus, before=was, after=now)
            for bus, was, now in changes.buses_retyped
        )
        out.print(label("diff_buses_retyped", words, buses=say(listed(types), words)))
    rows = diff_rows(changes, words)
    _print_changes(
        _changed_title("diff_workers_changed", len(rows), words),
        rows,
        [c for c in DIFF_COLUMNS if c not in _DIFF_HIDDEN],
        lambda column, value: said_cell(column, value, words),
        words,
        limit=limit,
    )
    if changes.quarantine:  # plans without quarantine beds diff as they always did
        _print_bed_changes(changes, words, limit=limit)


#: Ids only on the console: names and phones go to the file the desk keeps;
#: the pickup's place, not its id, fits a console's width.
_DIFF_HIDDEN = ("name", "phone", "employer", "tell", "stop_before", "stop_after")
#: As for buses: ids only, and the dormitory's name rather than its id.
_BED_DIFF_HIDDEN = ("name", "phone", "employer", "tell", "dorm_before", "dorm_after")
#: The columns of the lists of changes read whole on the console, never
#: broken: ids, times and bed numbers.  (Places are words, which fold.)
_WHOLE = frozenset(
    f"{key}_{when}"
    for key in ("bus", "seat", "room", "bed", "pickup", "arrive", "first_night", "last_night")
    for when in ("before", "after")
) | {"worker_id"}
#: The columns that break only between their words, each word whole: what
#: changed, a list; an outcome, a short phrase (自行返岗, 不在排车方案中) that
#: Rich would break between any two characters, "自行返" over "岗".
_LISTED = frozenset({"changed", "outcome_before", "outcome_after"})


def _changed_title(key: str, count: int, words: Lang) -> str:
    """The title of a list of changes: how many, or that nothing changed
    (said, as "none" is of buses, rather than "0 workers changed")."""
    from .render.labels import LABELS

    if count == 0:
        return label(f"{key}_none", words)
    return label(by_count(key, count, LABELS), words, count=count)


def _print_bed_changes(changes: PlanDiff, words: Lang, *, limit: int | None) -> None:
    """The workers whose quarantine bed changed, and how many."""
    from .render.reports import BED_DIFF_COLUMNS, bed_diff_rows

    rows = bed_diff_rows(changes, words)
    none = label("none", words)
    shown = [c for c in BED_DIFF_COLUMNS if c not in _BED_DIFF_HIDDEN]
    _print_changes(
        _changed_title("diff_beds_changed", len(rows), words),
        rows,
        # Each side's bed and nights together, before then after.
        sorted(shown, key=lambda c: c.endswith("_after")),
        lambda column, value: none if column.startswith("dorm_name_") and not value else value,
        words,
        limit=limit,
    )


def _beside(before: str, key: str) -> bool:
    """Whether the column ``key`` of a list of changes is shown beside the
    column ``before`` it, in one table however narrow the console: a value
    before and after (bus_before, bus_after), a bed's dormitory, room and
    bed on one side (dorm_name_before, room_before, bed_before)."""
    stem, _, when = key.rpartition("_")
    was, _, then = before.rpartition("_")
    sides = ("before", "after")
    return when in sides and then in sides and (stem == was or when == then)


def _print_changes(
    title: str,
    rows: Sequence[Mapping[str, str]],
    shown: Sequence[str],
    cell: Callable[[str, str], str],
    words: Lang,
    *,
    limit: int | None,
) -> None:
    """A list of the workers who changed: its title with their count, alone
    when there are none (the desk knows there is nobody to call), else the
    ``shown`` columns of the first ``limit`` rows, each said by ``cell``."""
    if not rows:
        out.print(title)
        return
    # An id or a time broken on a narrow console ("W0006" over "4", "08:1"
    # over "8") reads as another worker, bus or time: they stay whole, and
    # the columns that do not fit beside them go to a table of their own.
    columns = [
        Column(
            label("worker_id" if key == "worker_id" else f"diff_col_{key}", words),
            whole=key in _WHOLE,
            listed=key in _LISTED,
            with_previous=_beside(before, key),
        )
        for before, key in zip(["", *shown], shown, strict=False)
    ]
    cells = [[cell(c, row[c]) for c in shown] for row in rows[:limit]]
    for table in fitted(title, columns, cells, out.width):
        out.print(table)
    if limit is not None and len(rows) > limit:
        out.print(label("diff_more", words, more=len(rows) - limit))


@app.command()
def synth(
    out_dir: Annotated[
        Path, _path_option("--out", "-o", help="Folder to write the scenario into.")
    ],
    workers: Annotated[
        int, typer.Option(min=1, help="How many roster rows to make.")
    ] = SAMPLE_WORKERS,
    seed: Annotated[
        int,
        typer.Option(min=0, max=2**31 - 1, help="Random seed: the same seed gives the same files."),
    ] = SAMPLE_SEED,
    batches: Annotated[
        int, typer.Option(min=1, max=20, help="Spread the roster over this many batches.")
    ] = 1,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language of this command's messages: zh (default) or en. The scenario's "
            "papers, lists and map follow its \\[output] lang.",
        ),
    ] = None,
) -> None:
    """Write a synthetic scenario: scenario.toml, roster, employers, dormitories. No real people.

    With --batches K the roster's 返岗批次 column spreads the workers over K
    batches four days apart, each with its own \\[\\[batch]] table.
    """
    voice = _Voice(lang)
    with _errors(voice):
        path = _write_synthetic(out_dir, workers, seed, batches=batches)
        words = _said_in(lang)
        out.print(
            label(
                "synth_wrote",
                words,
                path=path,
                rows=counted("rows", workers, words),
                batches=counted("batches", batches, words),
                seed=seed,
            )
        )


def _refuse_out_file(out_dir: Path) -> None:
    """Refuse an ``--out`` folder that is a file (or a device, a pipe): said
    so, as a plan's --out is, not as "a file is in the way"."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(Text("out_file"), path=out_dir, hint=Text("out_file_action"))


def _write_synthetic(out_dir: Path, workers: int, seed: int, *, batches: int = 1) -> Path:
    """Write a synthetic scenario folder; return its scenario.toml."""
    from .io.gazetteer import load_gazetteer
    from .io.sites import jiangjin_parks
    from .render.files import write_files
    from .synthetic import synthetic_scenario

    _refuse_out_file(out_dir)
    files = synthetic_scenario(
        workers=workers,
        seed=seed,
        batches=batches,
        gazetteer=load_gazetteer(),
        parks=jiangjin_parks(),
    )
    for name, text in files.items():
        # A folder of the desk's own files (or another sample) is never written over.
        there = out_dir / name
        if there.is_file() and there.read_text(encoding="utf-8", errors="replace") != text:
            raise InputError(
                Text("synth_would_replace", name=name), path=there, hint=Text("synth_new_folder")
            )
    with _writing(out_dir):
        write_files(out_dir, files)
    return out_dir / "scenario.toml"


@app.command()
def verify(
    plan_path: Annotated[Path, _path_argument(help="plan.json, or the output folder holding it.")],
    roster: Annotated[
        Path | None,
        _path_option(
            help="The roster the plan was made from: its rows (in a roster of several "
            "batches, those of the plan's batch) are counted without the roster reader, "
            "and each must be accounted for in the plan."
        ),
    ] = None,
    lang: ReadingLangOption = None,
) -> None:
    """Check a written plan: capacity, ride and duration caps, times, each worker once,
    beds; and, given its folder, that every file in it belongs to that plan unchanged,
    that its manifests, registration forms, seat maps, driver's sheets, bed list and
    the desk's lists (while unedited) say what the plan says, worker by worker, that
    the ledger records this plan of the batch and holds its beds as the plan does, that
    no other batch holds its rooms on its nights or the cleaning days around them, and
    that the buses all batches hold on its days are within its fleet."""
    voice = _Voice(lang)
    with _errors(voice):
        from .checker import check_plan
        from .executors import process_pool
        from .io.plans import load_plan
        from .render.audit import not_the_plans_list, paper_problems, read_ahead
        from .render.staging import INDEX, index_problems, refuse_being_written
        from .run import (
            ledger_bed_problems,
            ledger_bus_problems,
            ledger_problems,
            ledger_room_problems,
            recorded_ledger_told,
        )

        folder = plan_path if plan_path.is_dir() else plan_path.parent
        refuse_being_written(folder)
        # Its ledger is the folder's: the desk gave none, and is told so.
        ledger_told = Text("recorded_ledger_verify_action")
        # First, so that a run killed after recording is finished before reading.
        with recorded_ledger_told(folder, ledger_told):
            disagreement, superseded = ledger_problems(folder)
        with process_pool(default_workers()) as pool:
            plan = load_plan(plan_path)
            said_in = voice.heard(plan.settings.output.lang)
            papers = (folder / INDEX).exists() or plan_path.is_dir()
            # A district's workbooks are read on the pool while the rest is checked here.
            books = read_ahead(plan, folder, readers=pool) if papers else None
            with recorded_ledger_told(folder, ledger_told):
                problems = [
                    *check_plan(plan),
                    *disagreement,
                    *ledger_bed_problems(folder, plan),
                    *ledger_bus_problems(folder, plan),
                    *ledger_room_problems(folder, plan),
                ]
            for note in superseded:
                # The rules may all hold, but the buses and beds are another
                # folder's now: its papers are the ones to hand out.
                if note.key == "ledger_superseded":
                    note = Text("verify_superseded", said=note)
                out.print(_styled("i", "cyan", f" {say(note, said_in)}"), highlight=False)
            if papers:
                problems += [*index_problems(folder), *paper_problems(plan, folder, books)]
                # A list said not to be this plan's is a problem below, not a note.
                refused = {n for p in problems if (n := not_the_plans_list(p)) is not None}
                _print_folder_notes(folder, refused, said_in)
        if roster is not None:
            problems = [*problems, *_roster_count_problems(roster, plan)]
        # The index and the papers' check both find a file gone: say it once.
        problems = list(dict.fromkeys(problems))
        for problem in problems:
            out.print(_styled("x", "red", f" {say(problem, said_in)}"), highlight=False)
        if problems:
            raise typer.Exit(1)
        # A superseded folder's rules may all hold, but its papers are not the
        # ones to hand out: the last line a desk reads must not say only "ok".
        if any(note.key == "ledger_superseded" for note in superseded):
            verdict = say(Text("verify_ok_superseded"), said_in)
            out.print(_styled(label("verify_pass", said_in), "yellow", verdict))
            return
        out.print(_styled(label("verify_pass", said_in), "green", say(Text("verify_ok"), said_in)))


def _print_folder_notes(folder: Path, refused: set[str], lang: Lang) -> None:
    """What `verify` notes of a folder's files that are no problem: a plan.json
    saved again with its content unchanged, the desk's lists edited since
    (but those ``refused``, said not to be this plan's, a problem), and the
    desk's own files."""
    from .render.staging import desk_edits, desk_files, resaved

    if resaved(folder):
        out.print(_styled("i", "cyan", " " + label("plan_resaved", lang)))
    for name in sorted(set(desk_edits(folder)) - refused):
        out.print(_styled("i", "cyan", " " + label("desk_edited", lang, name=name)))
    for name in desk_files(folder):
        out.print(_styled("i", "cyan", " " + label("desk_file", lang, name=name)))


def _roster_count_problems(roster: Path, plan: Plan) -> list[Text]:
    """The roster's rows, counted apart from the roster reader, against the
    plan's.  In a roster of several batches only the rows of the plan's
    batch count (and those no batch takes, which every batch's plan lists);
    the rows of the late rosters re-plans added count too."""
    from .io.rowcount import BATCH_HEADERS, batch_rows, data_rows

    source = _scenario_of(plan)
    mapped = dict(source.roster.columns).get("batch") if source else None
    accounted = {w.row for w in plan.workers} | {u.row for u in plan.unassigned if u.row}

    def taken(path: Path) -> list[int]:
        return batch_rows(
            path,
            plan.batch.id,
            batches=[b.id for b in source.batches] if source else (),
            headers=[mapped] if mapped else BATCH_HEADERS,
        )

    rows = taken(roster)
    if source is None:  # no [[batch]] ids: a row of another batch the plan lists, no batch takes
        rows = sorted({*rows, *(accounted & set(data_rows(roster)))})
    late = [Path(a.path) for a in plan.batch.additions]
    added = sum(len(taken(path)) for path in late if path.is_file())
    if len(rows) + added == plan.rows_total:
        return []
    lost = [r for r in rows if r not in accounted]
    # A late roster's rows are numbered in its own file: not this one's.
    unknown = [] if late else sorted(accounted - set(rows))
    said_rows = Text(by_count("row_count", len(rows)), count=len(rows))
    counted = {"roster": str(roster), "rows": said_rows, "total": plan.rows_total}
    parts = [
        Text("roster_rows_batch", batch=plan.batch.id, **counted)
        if plan.batch.id
        else Text("roster_rows", **counted)
    ]
    if lost:
        parts.append(Text("roster_rows_lost", rows=listed([str(r) for r in lost[:20]])))
    if unknown:
        parts.append(Text("roster_rows_unknown", rows=listed([str(r) for r in unknown[:20]])))
    parts.append(Text("roster_rows_line_breaks"))
    return [joined(parts)]


def _placed_counts(precision: Mapping[str, int], words: Lang) -> list[str]:
    """How many homes were placed at each level (and not at all), in ``words``:
    finest first, those not placed last (the codes' alphabetical order put
    "could not be placed" between "exact" and "township")."""
    rank: dict[str, int] = {level: k for k, level in enumerate(PRECISION_ORDER)}
    return [
        f"{say(Text(f'level_{k}') if k != 'none' else Text('not_placed'), words)} {v}"
        for k, v in sorted(precision.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
    ]


def _scenario_of(plan: Plan) -> Scenario | None:
    """The scenario the plan was made from, when it can still be read (for
    its [[batch]] ids and the roster's column mapping)."""
    from .io.scenario import load_scenario

    source = Path(plan.batch.source)
    try:
        return load_scenario(source) if source.is_file() else None
    except InputError:
        return None


Encoding = Annotated[
    str,
    typer.Option(
        help="Text encoding of a CSV roster (detected when not given: UTF-8, GBK/GB18030, ...)."
    ),
]
Sheet = Annotated[
    str, typer.Option(help="Sheet of an XLSX roster (the first sheet not hidden when not given).")
]
# check reads the roster as its scenario says, unless told otherwise.
CheckEncoding = Annotated[
    str,
    typer.Option(
        "--encoding",
        help="Text encoding of a CSV roster (default: the scenario's \\[roster] encoding, "
        "else detected: UTF-8, GBK/GB18030, ...).",
    ),
]
CheckSheet = Annotated[
    str,
    typer.Option(
        "--sheet",
        help="Sheet of an XLSX roster (default: the scenario's \\[roster] sheet, else the "
        "first sheet not hidden).",
    ),
]


@app.command()
def check(
    roster: Annotated[
        Path | None,
        _path_argument(
            help="The roster, CSV or XLSX, or the scenario.toml whose roster to check "
            "(default: the one the --scenario names)."
        ),
    ] = None,
    scenario: Annotated[
        Path | None,
        _path_option(
            help="A scenario.toml: its employers, column mapping and rules are checked too."
        ),
    ] = None,
    report: Annotated[
        Path | None,
        _path_option("--out", "-o", help="Also write every issue to this CSV or XLSX file."),
    ] = None,
    encoding: CheckEncoding = "",
    sheet: CheckSheet = "",
    lang: CheckLangOption = None,
) -> None:
    """Check a roster without planning: every problem with its row, column and what to do.

    Phones and ID numbers are masked in what is printed and written.
    """
    voice = _Voice(lang)
    # Warnings (a sheet named for a CSV, control characters taken out) are said as plan says them.
    _logging(False, voice)
    with _errors(voice):
        from .pipeline import check_roster
        from .render.reports import issue_rows

        roster, scenario = _check_arguments(roster, scenario)
        loaded = _checked_with(roster, scenario, voice, encoding=encoding, sheet=sheet)
        roster = loaded.roster.path
        if report is not None:
            _table_out(report, roster)
        words = voice.heard(_Overrides(lang=lang).settings(loaded.settings).output.lang)
        result = check_roster(loaded)
        # Columns as the roster heads them (返岗批次, 手机号), not by field name.
        headers = dict(result.batch.roster.columns) if result.batch.roster else {}
        # The errors first, to be fixed before planning, then the warnings;
        # each in the roster's order. So the 50 shown are the errors first.
        rows = issue_rows(_errors_first(result.issues), words, headers)
        errors = sum(1 for issue in result.issues if issue.severity == "error")
        batch = result.batch
        title = label(
            by_count("check_title", batch.rows_total, LABELS),
            words,
            file=roster.name,
            rows=batch.rows_total,
        )
        # Rich narrowed every column to fit a narrow console, breaking a
        # value ("510**********9" over "906") and words ("r" over "ed"): the
        # row and column are read whole, the rest fold between words.
        keys = ("row", "column", "value", "severity", "problem", "action")
        columns = [
            Column(heading, whole=key in ("row", "column"))
            for key, heading in zip(keys, labels(keys, words), strict=True)
        ]
        if rows:
            shown = [[row[c] for c in keys] for row in rows[:50]]
            for table in fitted(title, columns, shown, out.width):
                out.print(table)
        if len(rows) > 50:
            more = len(rows) - 50
            out.print(
                label("check_more_written", words, more=more, path=report)
                if report is not None
                else label("check_more", words, more=more)
            )
        counts = _placed_counts(result.precision, words)
        # Rows refused before their home is looked up (a duplicate id, a health
        # code of no colour) are counted too: the homes add up to the rows.
        unread = batch.rows_total - sum(result.precision.values())
        if unread > 0:
            counts.append(label("homes_not_looked_up", words, count=unread))
        placed = say(listed(counts), words)
        read = batch.roster
        how = (
            label(
                "check_how",
                words,
                encoding=file_kind(read.encoding, read.separator, words),
                header=read.header_row,
            )
            if read
            else ""
        )
        out.print(
            label(
                "check_summary",
                words,
                rows=counted("rows", batch.rows_total, words),
                how=how,
                errors=counted("errors_unplanned", errors, words),
                warnings=counted("warnings_planned", len(rows) - errors, words),
                placed=placed,
            )
        )
        if scenario is not None:
            out.print(_fleet_table(loaded, words))
        _write_issues(report, result.issues, words, headers)


def _errors_first(issues: Sequence[RosterIssue]) -> list[RosterIssue]:
    """``issues``, the errors before the warnings, each in the roster's order."""
    return sorted(issues, key=lambda issue: issue.severity != "error")


def _write_issues(
    report: Path | None, issues: Sequence[RosterIssue], words: Lang, headers: Mapping[str, str]
) -> None:
    """`check --out`: the issues written to ``report``, and where, said."""
    from .render.reports import write_issues

    if report is not None:
        with _writing(report):
            write_issues(report, issues, words, headers)
        out.print(label("written_to", words, path=report))


def _check_arguments(roster: Path | None, scenario: Path | None) -> tuple[Path | None, Path | None]:
    """`check`'s roster and scenario: a scenario.toml given as the roster (as
    a desk types it) is the scenario, whose roster is checked, as with
    ``--scenario`` alone; given again as ``--scenario``, it is taken once."""
    if roster is None or roster.suffix.lower() != ".toml":
        return roster, scenario
    # An --scenario that is no scenario is not a second one: say what is wrong with it.
    if scenario is not None and not scenario.exists():
        raise InputError(
            Text("check_scenario_not_found", option=str(scenario)),
            hint=Text("check_scenario_not_found_action", given=typed(roster)),
        )
    if scenario is not None and scenario.is_file() and scenario.suffix.lower() != ".toml":
        raise InputError(
            Text("check_scenario_swapped", given=str(roster), option=str(scenario)),
            hint=Text("check_scenario_swapped_action", given=typed(roster), option=typed(scenario)),
        )
    if scenario is not None and not same_file(roster, scenario):
        # The hint's commands are copied as written: a path with a space is quoted there.
        raise InputError(
            Text("check_two_scenarios", given=str(roster), option=str(scenario)),
            hint=Text("check_two_scenarios_action", given=typed(roster), option=typed(scenario)),
        )
    return None, roster


def _checked_with(
    roster: Path | None, scenario: Path | None, voice: _Voice, *, encoding: str, sheet: str
) -> Scenario:
    """What `check` reads ``roster`` with: ``scenario`` (its employers,
    columns and rules) with this roster, or a scenario of the roster alone.
    Without ``roster``, the one ``scenario`` names (which must exist)."""
    from datetime import datetime, timedelta, timezone

    from .io.roster import RosterSource
    from .io.scenario import Scenario
    from .io.tables import warn_newer_beside, warn_sheet_ignored

    if roster is None:
        if scenario is None:
            raise InputError(Text("check_no_roster"), hint=Text("check_no_roster_action"))
        # Its roster is the scenario's own: refused by name when it is not there.
        # A check gives out no beds: a missing dormitories file is warned of.
        loaded = _read_scenario(scenario, voice, beds=False)
        roster = loaded.roster.path
        # The scenario warned about its [roster] sheet; a --sheet is said here.
        warn_sheet_ignored(roster, sheet, option=True)
    else:
        warn_sheet_ignored(roster, sheet, option=True)
        warn_newer_beside(roster)
        if scenario is None:
            source = RosterSource(path=roster, sheet=sheet, encoding=encoding)
            # Beijing time, as a scenario's departure is: a check is not a plan in another clock.
            beijing = timezone(timedelta(hours=8))
            return Scenario.for_roster(source, departure=datetime.now(beijing))
        # The roster read is this one, not the scenario's: the scenario's need
        # not exist, and a [roster] sheet is warned about for this one (a
        # --sheet was, above).
        loaded = _read_scenario(scenario, voice, own_roster=False, beds=False)
        if not sheet:
            warn_sheet_ignored(roster, loaded.roster.sheet)
    source = replace(
        loaded.roster,
        path=roster,
        sheet=sheet or loaded.roster.sheet,
        encoding=encoding or loaded.roster.encoding,
    )
    return replace(loaded, roster=source)


def _fleet_table(scenario: Scenario, lang: Lang) -> Table:
    """Each bus type's riders under the seating policy, and the fewest worth running it."""
    from .seating import effective_capacity

    settings = scenario.settings
    title = label("fleet_title", lang, policy=say(settings.seating.named, lang))
    table = Table(title=title, title_justify="left")
    for heading in labels(("bus_type", "seats", "capacity", "min_riders", "count"), lang):
        table.add_column(heading, justify="right")
    for bus in scenario.fleet:
        capacity = effective_capacity(bus, settings.seating)
        minimum = settings.rules.minimum(bus.min_riders, capacity)
        table.add_row(bus.id, str(bus.seats), str(capacity), str(minimum), str(bus.count))
    return table


@app.command()
def geocode(
    roster: Annotated[
        Path, _path_argument(help="A roster with at least a worker id and an address column.")
    ],
    target: Annotated[Path, _path_option("--out", "-o", help="Output file, .csv or .xlsx.")],
    online: Annotated[
        str | None,
        typer.Option(
            help="Use an online geocoder (amap, baidu or nominatim). Off by default: "
            "it sends addresses over the network."
        ),
    ] = None,
    api_key: Annotated[
        str | None, typer.Option(envvar="RETURNBUS_GEOCODER_KEY", help="The online geocoder's key.")
    ] = None,
    cache: Annotated[
        Path, _path_option(help="Cache file for online answers, so each address is asked once.")
    ] = Path(".returnbus-cache/geocode.json"),
    coord_system: Annotated[
        str,
        typer.Option(
            help="System of lat/lon columns without a coord_system (坐标系) column:"
            " wgs84, gcj02 or bd09."
        ),
    ] = "wgs84",
    encoding: Encoding = "",
    sheet: Sheet = "",
    lang: GeocodeLangOption = None,
) -> None:
    """Geocode a roster: adds lat, lon (WGS-84), precision, division and a note to each worker.

    The list's total, signature and note lines and a header pasted again are
    left out, with a warning. Offline by default, with the gazetteer shipped in
    the package.
    """
    voice = _Voice(lang)
    _logging(False, voice)
    with _errors(voice):
        from .geo.geocode import Geocoder, OfflineGeocoder
        from .io.gazetteer import load_gazetteer
        from .io.online import OnlineGeocoder
        from .io.roster import (
            GEOCODE_FIELDS,
            HEADER_ALIASES,
            read_table,
            without_footers,
            without_repeated_headers,
        )
        from .io.tables import warn_sheet_ignored
        from .pipeline import geocode_table
        from .render.tables import Sheet, write_table

        words = _said_in(lang)
        if coord_system not in ("wgs84", "gcj02", "bd09"):
            raise InputError(
                Text("coord_system_option_bad", value=coord_system),
                hint=Text("coord_system_option_action"),
            )
        _table_out(target, roster)
        warn_sheet_ignored(roster, sheet, option=True)
        geocoder: Geocoder = OfflineGeocoder(load_gazetteer())
        if online:
            # Refuses an unknown name or a missing key before any word of sending.
            geocoder = OnlineGeocoder(online, api_key=api_key, cache_path=cache, fallback=geocoder)
        table = read_table(roster, sheet=sheet, encoding=encoding, required=GEOCODE_FIELDS)
        # The list's closing 合计 and 制表人 lines, and its header pasted again,
        # are no workers: not copied as rows (the roster reader's rows and warnings).
        rows = without_repeated_headers(table, roster)
        table = replace(table, rows=tuple(without_footers(rows, roster)))
        if "home_address" not in table.columns and not any(
            ((values := table.values(cells)).get("lat") and values.get("lon"))
            or values.get("coordinates")
            for _, cells in table.rows
        ):  # lat and lon (or 经纬度) columns stand in for the address, but all are empty
            raise InputError(
                Text("no_address_column"),
                path=roster,
                row=table.header_row,
                hint=Text(
                    "no_address_column_action", headers=listed(HEADER_ALIASES["home_address"])
                ),
            )
        if online:
            # Said only now that the addresses are read and about to go.
            console.print(_styled(label("geocode_online", words, online=online), "yellow"))
        try:
            placed = geocode_table(table, geocoder, coord_system=coord_system, lang=words)  # type: ignore[arg-type]
        except GeocoderUnavailable as error:  # the desk's to fix: said as input errors are
            raise InputError(error.message, hint=error.hint) from None
        with _writing(target):
            name = label("sheet_geocoded", words)
            write_table(target, Sheet(name=name, headers=placed.headers, rows=placed.rows))
        counts = say(listed(_placed_counts(placed.precision, words)), words)
        out.print(
            label(
                by_count("geocoded_into", len(placed.rows), LABELS),
                words,
                rows=len(placed.rows),
                target=target,
                counts=counts,
            )
        )


ledger_app = typer.Typer(
    help="The campaign ledger: planned batches and the quarantine beds and buses they hold.",
    no_args_is_help=True,
)
app.add_typer(ledger_app, name="ledger")

LedgerFile = Annotated[Path, _path_argument(help="The ledger file (ledger.sqlite).")]


@ledger_app.command("show")
def ledger_show(
    file: LedgerFile,
    scenario: Annotated[
        Path | None,
        _path_option(
            help="The campaign's scenario: each day's buses are shown against its fleet "
            "(a batch's own \\[\\[batch.fleet]] where it has one), and the days over it named."
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print one JSON object: batches, nightly occupancy, vehicles by day, "
            "and the fleet by type and day.",
        ),
    ] = False,
    lang: MessagesLangOption = None,
) -> None:
    """List the planned batches, the beds in use per dormitory and night, and
    the buses out per type and day, by batch (a bus is out from leaving the
    depot until it is back and its crew rested); with --scenario, against
    the fleet, naming the days over it."""
    voice = _Voice(lang)
    # With a scenario or without: settling the ledger warns of folders that
    # no longer hold the plan it records, said as `plan` says its warnings.
    _logging(False, voice)
    with _errors(voice):
        from .campaign import batch_fleet, days_overdrawn, fleet_by_day
        from .run import campaign_of, settle_quietly

        source = None
        if scenario is not None:
            source = _read_scenario(scenario, voice, own_roster=False, beds=False)
        refuse_missing_ledger(file)  # before settling takes its lock, which would make one
        settle_quietly(file)
        # Given a scenario, the ledger must be its campaign's: another's fleet says nothing.
        # Compared only: a ledger that records none is left so (a plan stamps it).
        campaign = campaign_of(source) if source is not None else None
        with open_ledger(file, campaign=campaign, read_only=True) as book:
            batches, occupancy, held = book.batches(), book.occupancy(), book.buses_held()
            belongs = book.campaign()
        fleets = (
            {b.batch_id: batch_fleet(source, b.batch_id) for b in batches}
            if source is not None
            else None
        )
        fleet = fleet_by_day(held, fleets)
        over = days_overdrawn(fleet)
        if as_json:
            _print_ledger_json(belongs, batches, occupancy, vehicle_days(fleet), fleet, over)
            return
        words = _said_in(lang)
        _print_ledger(belongs, batches, occupancy, words)
        if fleet:  # no bus out (every worker returns alone): no fleet to speak of
            _print_fleet(fleet, [b.batch_id for b in batches], words)
            _print_overdrawn(over, known=source is not None, words=words)


def _print_overdrawn(over: list[Overdraw], *, known: bool, words: Lang) -> None:
    """Under the fleet table: each run of days over the fleet, and what to do;
    that none is, or that the fleet is not known."""
    from .run import overdraw_said

    if not known:
        out.print(_styled("i", "cyan", " " + label("ledger_fleet_unknown", words)))
    elif not over:
        out.print(
            _styled(label("verify_pass", words), "green", label("ledger_fleet_within", words))
        )
    for o in over:
        said = say(overdraw_said(o, "ledger_show_overdrawn"), words)
        out.print(_styled("x", "red", f" {said}"), highlight=False)
    if over:  # one way out for every day over the fleet
        said = say(Text("ledger_show_overdrawn_action"), words)
        out.print(_styled(label("ledger_fleet_action", words), "bold", said), highlight=False)


def _print_ledger_json(
    campaign: Campaign | None,
    batches: list[BatchRecord],
    occupancy: list[Occupancy],
    vehicles: list[VehicleDay],
    fleet: list[FleetDay],
    over: list[Overdraw],
) -> None:
    """`ledger show --json`: ``campaign`` the scenario's name and depot the
    ledger belongs to (null for an older ledger that records none), each of
    ``batches`` with its ``scenario_file``; ``fleet`` has each type's days
    with buses out, by batch, and the fleet's count (null without --scenario);
    ``fleet_overdrawn`` the runs of days over it, each batch's buses named."""
    from dataclasses import asdict

    def by_batch(buses: Sequence[HeldBus]) -> dict[str, list[str]]:
        named: dict[str, list[str]] = {}
        for bus in buses:
            named.setdefault(bus.batch, []).append(bus.bus_id)
        return {batch: sorted(ids) for batch, ids in sorted(named.items())}

    document = {
        "campaign": None if campaign is None else {"name": campaign.name, "depot": campaign.depot},
        "batches": [asdict(b) for b in batches],
        "occupancy": [asdict(o) | {"night": o.night.isoformat()} for o in occupancy],
        "vehicles": [asdict(v) | {"day": v.day.isoformat()} for v in vehicles],
        "fleet": [
            {
                "bus_type": d.bus_type,
                "day": d.day.isoformat(),
                "buses": len(d.buses),
                "by_batch": {b: len(ids) for b, ids in by_batch(d.buses).items()},
                "fleet": d.fleet,
                "overdrawn": d.overdrawn,
            }
            for d in fleet
        ],
        "fleet_overdrawn": [
            {
                "bus_type": o.bus_type,
                "first": o.first.isoformat(),
                "last": o.last.isoformat(),
                "buses": len(o.buses),
                "fleet": o.fleet,
                "by_batch": by_batch(o.buses),
            }
            for o in over
        ],
    }
    print(json.dumps(document, ensure_ascii=False, indent=2))


#: A fleet row's cells, by bus type: the fleet's count (None: not known) and
#: each batch's buses out.
_FleetCells = tuple[tuple[int | None, tuple[tuple[str, int], ...]], ...]


def _print_fleet(fleet: list[FleetDay], order: list[str], words: Lang) -> None:
    """Days as rows (runs of days alike as one), bus types as columns: the
    buses out, of the fleet's; a day several batches share has a row of
    each batch's buses under its total.  Days with no bus out are left out."""
    types = sorted({d.bus_type for d in fleet})
    known = any(d.fleet is not None for d in fleet)
    title = label("ledger_fleet" if known else "ledger_fleet_held", words)
    # A fleet of many types is many columns: Rich cut the days short to fit
    # them ("2020-03…"); the types that do not fit go to a table of their
    # own, led by the days and batches again.
    columns = [
        Column(label("ledger_col_day", words)),
        Column(label("ledger_col_batch", words), whole=True),
        *(Column(bus_type, whole=True, justify="right") for bus_type in types),
    ]
    rows: list[list[str | RichText]] = []
    rank = {batch: k for k, batch in enumerate(order)}
    for first, last, cells in _fleet_runs(fleet, types, rank):
        days = (
            first.isoformat()
            if first == last
            else label("ledger_fleet_days", words, first=first.isoformat(), last=last.isoformat())
        )
        batches = sorted({b for _, out in cells for b, _ in out}, key=lambda b: rank.get(b, -1))
        totals = [_fleet_cell(fleet_of, out, words) for fleet_of, out in cells]
        if len(batches) == 1:
            rows.append([days, batches[0], *totals])
            continue
        rows.append([days, label("ledger_fleet_all", words), *totals])
        for batch in batches:
            rows.append(["", f"  {batch}", *(_count_of(out, batch) for _, out in cells)])
    for table in fitted(title, columns, rows, out.width, keys=2):
        out.print(table)
    # Beside the table, not its caption: a table of one bus type would fold it narrow.
    out.print(label("ledger_fleet_caption", words))


def _fleet_runs(
    fleet: list[FleetDay], types: list[str], rank: Mapping[str, int]
) -> list[tuple[date, date, _FleetCells]]:
    """Each day with buses out, as cells by type; consecutive days alike are one run."""
    by_day: dict[date, dict[str, FleetDay]] = {}
    for d in fleet:
        by_day.setdefault(d.day, {})[d.bus_type] = d
    runs: list[tuple[date, date, _FleetCells]] = []
    for day in sorted(by_day):
        cells = tuple(_cells_of(by_day[day].get(t), rank) for t in types)
        if runs and runs[-1][2] == cells and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day, cells)
        else:
            runs.append((day, day, cells))
    return runs


def _cells_of(
    day: FleetDay | None, rank: Mapping[str, int]
) -> tuple[int | None, tuple[tuple[str, int], ...]]:
    if day is None:
        return (None, ())
    counts = Counter(bus.batch for bus in day.buses)
    return (day.fleet, tuple(sorted(counts.items(), key=lambda c: rank.get(c[0], -1))))


def _fleet_cell(fleet: int | None, out: tuple[tuple[str, int], ...], words: Lang) -> str | RichText:
    """The buses out, of the fleet's; over it in red, said so."""
    if not out:
        return ""
    held = sum(n for _, n in out)
    if fleet is None:
        return str(held)
    if held > fleet:
        return _styled(f"{held}/{fleet} {label('ledger_fleet_over', words)}", "bold red")
    return f"{held}/{fleet}"


def _count_of(out: tuple[tuple[str, int], ...], batch: str) -> str:
    return str(dict(out).get(batch, "")) if out else ""


def _print_ledger(
    campaign: Campaign | None,
    batches: list[BatchRecord],
    occupancy: list[Occupancy],
    words: Lang,
) -> None:
    # Times, counts and headings whole: on an 80-column console Rich folded
    # the times into pieces ("2020" over "-03-") and the headings ("自行"
    # over "返岗", "Worke" over "rs"); the counts now go to a table of their
    # own there, beside the batch.  The plan's id and folder are said under
    # the table, as its columns they folded too.
    counts = ("workers", "on_bus", "self", "unassigned", "buses", "beds")
    columns = [
        Column(label("ledger_col_batch", words), whole=True),
        Column(label("ledger_col_departure", words), whole=True),
        Column(label("ledger_col_planned_at", words), whole=True, with_previous=True),
        *(
            Column(
                label(f"ledger_col_{column}", words),
                whole=True,
                justify="right",
                with_previous=column != counts[0],
            )
            for column in counts
        ),
    ]
    rows = [
        [
            b.batch_id,
            b.leaves,
            b.planned_here,
            *(str(n) for n in (b.workers, b.on_bus, b.self_return, b.unassigned, b.buses, b.beds)),
        ]
        for b in batches
    ]
    # Whose campaign: two ledgers of copies of one scenario folder, or of two
    # campaigns, look alike by their batches; the scenario's own name and
    # depot, and each batch's scenario folder, tell them apart.
    names = sorted({b.scenario for b in batches}) if campaign is None else [campaign.name]
    if campaign is not None and campaign.depot:
        out.print(
            label("ledger_campaign", words, name=campaign.name, depot=campaign.depot),
            highlight=False,
        )
    elif names:
        out.print(label("ledger_campaign_named", words, name=say(listed(names), words)))
    for table in fitted(label("ledger_batches", words), columns, rows, out.width):
        out.print(table)
    none = label("none", words)
    for b in batches:
        if not (b.plan_id or b.out_dir):  # recorded by an older returnbus: nothing to say
            continue
        values = {"batch": b.batch_id, "plan_id": b.plan_id or none, "folder": b.out_dir or none}
        if b.scenario_file:
            # Its folder tells copies apart: the file is scenario.toml in every one.
            file = Path(b.scenario_file)
            key, scenario = (
                ("ledger_batch_plan_scenario", file.parent)
                if file.name == "scenario.toml"
                else ("ledger_batch_plan_scenario_file", file)
            )
            said = label(key, words, **values, scenario=scenario)
        else:
            said = label("ledger_batch_plan", words, **values)
        out.print(said, highlight=False)
    runs = Table(title=label("ledger_beds_in_use", words), title_justify="left")
    for column in ("dormitory", "from", "to", "beds", "rooms"):
        runs.add_column(label(f"ledger_col_{column}", words))
    for run in occupancy_runs(occupancy):
        runs.add_row(
            f"{run.dorm_id} {run.name}",
            run.first.isoformat(),
            run.last.isoformat(),
            str(run.beds),
            str(run.rooms),
        )
    out.print(runs)


@ledger_app.command("release")
def ledger_release(
    file: LedgerFile,
    worker: Annotated[str, typer.Option(help="The worker id (工号) whose bed is freed.")],
    date_text: Annotated[
        str, typer.Option("--date", help="The morning the worker leaves the bed (YYYY-MM-DD).")
    ],
    lang: MessagesLangOption = None,
) -> None:
    """Free a worker's quarantine bed early.

    A room holds one batch at a time: another batch is given it (this bed
    with it) once every bed of it is free and the room is cleaned.
    """
    voice = _Voice(lang)
    _logging(False, voice)  # any warning said in the asked language, as `plan` says its own
    with _errors(voice):
        from .domain import NoSuchDay, read_day

        try:
            on = read_day(date_text)  # year first, however separated: 2020/4/1
        except NoSuchDay as missing:  # 2020-02-30: no form to correct, but a day
            raise InputError(
                Text("date_option_no_such_day", day=missing.message),
                hint=Text("day_missing_action"),
            ) from None
        except ValueError:
            raise InputError(
                Text("date_option_bad", value=date_text), hint=Text("date_option_action")
            ) from None
        refuse_missing_ledger(file)
        # Held as `plan` and `replan` hold it, waiting as they wait: a re-plan
        # writes its batch's beds as the releases it read when it began left
        # them, and a release made while it runs would be missing from them.
        with ledger_held(file), open_ledger(file, create=False) as book:
            bed = book.release(worker, on)
            staying = book.roommates_after(bed)
            current = book.current(bed.batch)
            dormitory = book.dormitory_name(bed.dorm_id)
        words = _said_in(lang)
        # The batch's folder, written into the command that re-plans it.
        command = say(
            current.replan_command if current is not None else Text("replan_command_bare"), words
        )
        where = {
            # The dormitory by the name the desk knows it by ("D2/101" read
            # as a bed, and was the dormitory's id and the room).
            "dorm": dormitory,
            "room": bed.room,
            "bed": bed.bed,
            "worker": worker,
            "batch": bed.batch,
            "command": command,
        }
        if staying:
            # A room takes one batch at a time: the bed is not free for
            # another until the room is empty, so that is the date to say.
            until = max(b.end for b in staying)
            others = counted("other_workers", len({b.worker_id for b in staying}), words)
            said = label("bed_released_shared", words, **where, on=on, others=others, until=until)
        else:
            said = label("bed_released", words, **where, on=on)
        out.print(said)


@app.command("solve-vrplib")
def solve_vrplib(
    instance: Annotated[
        Path,
        _path_argument(help="A CVRPLIB .vrp file (CVRP or HFVRP) or a Solomon .txt file."),
    ],
    time_limit: Annotated[float, typer.Option(min=0.1, help="Search time in seconds.")] = 10.0,
    seed: Annotated[int, typer.Option(min=0, max=2**31 - 1, help="Random seed.")] = 0,
    iterations: Annotated[
        int | None,
        typer.Option(min=1, help="Also stop after this many iterations (repeatable runs)."),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=0,
            help="How many searches run at once, each in its own process (0: one per core); "
            "the best is kept.",
        ),
    ] = 0,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of text.")
    ] = False,
    best: Annotated[
        Path | None,
        _path_option(
            "--best",
            help="The best known cost's file: a solution file ending in 'Cost 27591', or a"
            " bks.csv listing the instance (default: the .sol, else the bks.csv, beside it).",
        ),
    ] = None,
    lang: MessagesLangOption = None,
) -> None:
    """Solve a benchmark instance with the planner's routing engine.

    Costs follow the instance family's convention (CVRPLIB: rounded Euclidean;
    Solomon: distances truncated to one decimal; HFVRP: fixed plus per-distance
    cost over unrounded distances, divided by 100, as its bks.csv). Routes list
    customer numbers as in the instance's solution files (depot 0); in a fleet
    mix, Route #k is driven by the file's vehicle k, as there. With a best
    known cost (--best, or the .sol or bks.csv published beside the
    instance), also the gap to it: 100 x (found - best) / best.
    """
    voice = _Voice(lang)
    with _errors(voice):
        import time
        from dataclasses import asdict

        from .executors import process_pool
        from .io.instances import read_instance
        from .routing import solve_instance

        problem = read_instance(instance)
        # Read before the search: a --best that cannot be read stops it at once.
        known, known_file = _best_known(instance, best, problem.family, voice.lang)
        searches = workers or default_workers()
        with process_pool(searches) as pool:
            result = solve_instance(
                problem,
                time_limit=time_limit,
                clock=time.perf_counter,
                seed=seed,
                iterations=iterations,
                seeds=searches,
                executor=pool,
            )
        gap = None
        if known is not None and result.cost is not None:
            gap = 100.0 * (result.cost - known) / known
        if as_json:
            print(json.dumps({**asdict(result), "best_known": known, "gap_percent": gap}))
            return
        words = voice.lang
        yes_no = {True: label("yes", words), False: label("no", words)}
        no_cost = label("instance_no_cost", words)
        out.print(
            label(
                "instance_solved",
                words,
                instance=result.instance,
                # Every digit the family's unit has (a whole number, tenths,
                # thousandths): "g" keeps 6 and said 1,000,002 as 1e+06.
                cost=no_cost if result.cost is None else f"{result.cost:.15g}",
                vehicles=counted("vehicles", result.vehicles, words),
                feasible=yes_no[result.feasible],
                seconds=result.seconds,
            ),
            highlight=False,
        )
        for number, route in zip(result.route_numbers, result.routes, strict=True):
            out.print(f"Route #{number}: {' '.join(map(str, route))}", highlight=False)
        if known is not None and known_file is not None:
            said = label(
                "instance_best_known",
                words,
                best=f"{known:.15g}",
                file=known_file.name,
                gap=no_cost if gap is None else f"{gap:+.2f}",
            )
            out.print(said, highlight=False)


def _best_known(
    instance: Path, best: Path | None, family: str, lang: Lang
) -> tuple[float | None, Path | None]:
    """The instance's best known cost and its file: from ``best`` when
    given (exit 2 when it cannot be read, or does not list the instance),
    else from the file beside the instance, if any (a warning when that
    cannot be read: the solve stands without a gap)."""
    from .io.best_known import best_known_beside, read_best_known

    if best is not None:
        cost = read_best_known(best, instance.stem, family=family)
        if cost is None:
            raise InputError(
                Text("bks_not_listed", instance=instance.stem),
                path=best,
                hint=Text("best_known_action"),
            )
        return cost, best
    beside = best_known_beside(instance)
    if beside is None:
        return None, None
    try:
        return read_best_known(beside, instance.stem, family=family), beside
    except InputError as error:
        said = f" {error.said(lang)}\n{label('instance_best_unread', lang)}"
        console.print(_styled(label("warning", lang), "bold yellow", said), highlight=False)
        return None, None


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: a mistyped command line is said in the
    desk's language (Chinese unless ``--lang en``) with exit 2."""
    from typer import rich_utils

    errors = _click_errors()
    args = argv if argv is not None else sys.argv[1:]
    command = in_language(typer.main.get_command(app), english=_asks_english(args))
    try:
        code = command.main(
            args=_group_lang_taken(args, command),
            prog_name="returnbus",
            standalone_mode=False,
        )
    except errors.UsageError as error:
        if _asks_english(args) or isinstance(error, errors.NoArgsIsHelpError):
            rich_utils.rich_format_error(error)
        else:
            console.print(_styled("错误：", "bold red", f" {_usage_problem(error, errors)}"))
            if error.ctx is not None:
                console.print(error.ctx.get_usage())
            path = error.ctx.command_path if error.ctx is not None else "returnbus"
            console.print(f"运行 {path} --help 查看说明。")
        sys.exit(error.exit_code)
    except errors.ClickException as error:
        rich_utils.rich_format_error(error)
        sys.exit(error.exit_code)
    except typer.Abort:
        console.print("Aborted!" if _asks_english(args) else "已中止")
        sys.exit(1)
    except SystemExit as stop:
        if isinstance(stop.__context__, BrokenPipeError):  # click's exit 1 for `| head`
            _reader_gone()
            sys.exit(0)
        raise
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_gone()
    sys.exit(code if isinstance(code, int) else 0)


def _reader_gone() -> None:
    """The reader closed the pipe (``| head``): it has what it wanted. Later
    writes go nowhere, so that Python's flush at exit cannot fail again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _click_errors() -> Any:
    """Click's exceptions: typer carries its own copy of click in newer releases."""
    import importlib

    try:
        return importlib.import_module("typer._click.exceptions")
    except ImportError:
        return importlib.import_module("click.exceptions")


def _group_lang_taken(args: Sequence[str], group: Any, lang: str | None = None) -> list[str]:
    """``args`` with a ``--lang`` given to a group of commands rather than to a
    command (``returnbus --lang en ledger show``, ``returnbus ledger --help
    --lang en``) handed on to the command: only the commands take the option."""
    commands = getattr(group, "commands", None)
    if commands is None:  # a command: a --lang of its own wins
        given = "--lang" in args or any(a.startswith("--lang=") for a in args)
        takes = any("--lang" in getattr(p, "opts", ()) for p in getattr(group, "params", ()))
        return [*args, "--lang", lang] if lang and takes and not given else list(args)
    command = next((k for k, arg in enumerate(args) if arg in commands), len(args))
    kept: list[str] = []
    before = iter(args[:command])
    for arg in before:
        if arg == "--lang":
            lang = next(before, lang)
        elif arg.startswith("--lang="):
            lang = arg.removeprefix("--lang=")
        else:
            kept.append(arg)
    if command == len(args):
        return kept
    name = args[command]
    return [*kept, name, *_group_lang_taken(args[command + 1 :], commands[name], lang)]


def _asks_english(args: Sequence[str]) -> bool:
    return "--lang=en" in args or any(pair == ("--lang", "en") for pair in itertools.pairwise(args))


def _usage_problem(error: Any, errors: Any) -> str:
    """Click's complaint about a command line, in Chinese; its English
    follows in brackets where no sentence here says it."""
    param = getattr(error, "param", None)
    named = getattr(param, "opts", None) or [getattr(param, "name", None)]
    name = "/".join(str(n) for n in named if n) or getattr(error, "param_hint", None) or ""
    if isinstance(error, errors.MissingParameter):
        kind = "选项" if getattr(param, "param_type_name", "") == "option" else "参数"
        return f"缺少{kind} {name}"
    if isinstance(error, errors.NoSuchOption):
        maybe = "、".join(sorted(error.possibilities or ()))
        return f"没有选项 {error.option_name}" + (f"（是不是：{maybe}？）" if maybe else "")
    if isinstance(error, errors.BadOptionUsage):
        if "requires an argument" in error.message:
            return f"选项 {error.option_name} 后面要写一个值"
        if "does not take a value" in error.message:
            return f"选项 {error.option_name} 后面不写值"
        return f"选项 {error.option_name} 用法有误（{error.message}）"
    if isinstance(error, errors.BadParameter):
        return f"{name} 的值无效{_wanted(param, error.message)}"
    return _command_problem(error.message)


def _wanted(param: Any, message: str) -> str:
    """What a value of this parameter must look like, in Chinese."""
    kind: Any = getattr(param, "type", None)
    if getattr(kind, "choices", None):
        return f"：应为 {'、'.join(map(str, kind.choices))} 之一"
    said = {
        "integer": "：应为整数",
        "float": "：应为数字",
        "number": "：应为数字",
        "boolean": "：应为 yes 或 no",
    }
    # Newer typer checks values with pydantic, whose message names the type
    # ("a valid number" for a float) or the bound the value is beyond.
    named = getattr(kind, "name", "") or next((k for k in said if f"valid {k}" in message), "")
    if named in said:
        return said[named]
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if re.search(r"(greater|less) than", message) and (low, high) != (None, None):
        if low is not None and high is not None:
            return f"：应在 {low} 到 {high} 之间"
        return f"：不能小于 {low}" if low is not None else f"：不能大于 {high}"
    return f"（{message}）"


def _command_problem(message: str) -> str:
    unknown = re.match(r"No such command '(.+?)'\.(?: Did you mean (.+)\?)?$", message)
    if unknown:
        maybe = "、".join(re.findall(r"'([^']+)'", unknown.group(2) or ""))
        return f"没有命令 {unknown.group(1)}" + (f"（是不是：{maybe}？）" if maybe else "")
    extra = re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", message)
    if extra:
        return f"多余的参数：{extra.group(1)}"
    return f"命令行有误（{message}）"
