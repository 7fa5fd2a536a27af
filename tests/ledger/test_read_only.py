"""Commands that only read the ledger (`ledger show`, `verify`) never write to it."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

import returnbus.ledger.store as store
from returnbus.ledger import open_ledger
from returnbus.version import __version__

from ..helpers import TONGZI, ZUNYI, run, worker, write_scenario

#: Taking each schema back a step: what schema 3 added to 2, and 2 to 1.
DOWNGRADES = {
    "2": ("ALTER TABLE batches DROP COLUMN plan_id", "ALTER TABLE batches DROP COLUMN out_dir"),
    "1": ("ALTER TABLE buses DROP COLUMN free_at",),
}


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a scenario, its plan (``out``) and the ledger it was
    recorded in (``led/l.sqlite``): two buses and a quarantine bed."""
    root = tmp_path_factory.mktemp("read_only")
    rows = [worker(f"A{k}", at=TONGZI) for k in range(3)]
    path = write_scenario(root / "in", [*rows, worker("Q", at=ZUNYI, health_code="黄")])
    ledger = root / "led" / "l.sqlite"
    args = ["plan", str(path), "--out", str(root / "out"), "--ledger", str(ledger)]
    assert run([*args, "--lang", "en"]) == 0
    return root


def _copy(planned: Path, tmp_path: Path, schema: str = store.SCHEMA_VERSION) -> tuple[Path, Path]:
    """The plan folder and its ledger copied under ``tmp_path`` (the folder
    pointing at the copy), the ledger taken back to ``schema``."""
    shutil.copytree(planned, tmp_path, dirs_exist_ok=True)
    out, ledger = tmp_path / "out", tmp_path / "led" / "l.sqlite"
    index = out / "outputs.json"
    index.write_text(
        index.read_text(encoding="utf-8").replace(str(planned), str(tmp_path)), encoding="utf-8"
    )
    with closing(sqlite3.connect(ledger)) as connection, connection:
        for version in ("2", "1"):
            if schema <= version:
                for statement in DOWNGRADES[version]:
                    connection.execute(statement)
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (schema,))
    return out, ledger


def _schema(ledger: Path) -> str:
    with closing(sqlite3.connect(f"{ledger.as_uri()}?mode=ro", uri=True)) as connection:
        return str(connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0])


def _said(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run([*args, "--lang", "en"])
    said = capsys.readouterr()
    return code, said.out, said.err


@contextmanager
def _read_only(*paths: Path) -> Iterator[None]:
    """``paths`` (files and folders) read-only for the while."""
    modes = {p: p.stat().st_mode for p in paths}
    for p in paths:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        yield
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


@pytest.mark.parametrize("schema", ["1", "2"])
def test_show_and_verify_read_an_older_ledger_as_it_is(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], schema: str
) -> None:
    """`ledger show` and `verify` brought an older ledger's schema up to
    date in the file: a command that only reads wrote to the desk's ledger.
    Now its bytes and time are as they were, and both say what they say
    once a plan has brought the file up to date."""
    out, ledger = _copy(planned, tmp_path, schema)
    before, when = ledger.read_bytes(), ledger.stat().st_mtime_ns
    shown = _said(["ledger", "show", str(ledger), "--json"], capsys)
    verified = _said(["verify", str(out)], capsys)
    assert (ledger.read_bytes(), ledger.stat().st_mtime_ns) == (before, when)
    assert _schema(ledger) == schema
    assert shown[0] == 0 and '"beds": 1' in shown[1] and '"C45"' in shown[1], shown
    assert verified[0] == 0, verified
    with open_ledger(ledger, create=False):  # as a plan opens it: brought up to date
        pass
    assert _schema(ledger) == store.SCHEMA_VERSION
    assert _said(["ledger", "show", str(ledger), "--json"], capsys) == shown
    assert _said(["verify", str(out)], capsys) == verified


@pytest.mark.parametrize("schema", ["1", "2"])
def test_verify_of_a_plan_an_older_ledger_recorded_says_it_cannot_tell(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], schema: str
) -> None:
    """An older ledger records no plan id nor folder: verify said the folder
    was superseded by a plan 'in )', and replan refused it so.  It now says
    the ledger cannot tell whether this folder is its plan, and replan takes
    the folder."""
    out, _ = _copy(planned, tmp_path, schema)
    code, said, _ = _said(["verify", str(out)], capsys)
    said = " ".join(said.split())
    assert code == 0 and "superseded" not in said and "in )" not in said, said
    assert "records a plan of batch test (planned at 20" in said, said
    assert "whether it is this folder's plan cannot be told" in said, said
    replanned = _said(["replan", str(out), "--out", str(tmp_path / "again")], capsys)
    assert replanned[0] == 0 and "superseded" not in replanned[2], replanned


def test_show_and_verify_read_a_ledger_in_a_read_only_folder(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ledger the desk may only read (the file and its folder read-only,
    its lock file not there and not to be made: here a folder stands in its
    place, which refuses it even to an administrator) is shown and verified;
    `plan` into it says it cannot lock it (exit 2), no traceback."""
    out, ledger = _copy(planned, tmp_path, "2")
    lock = ledger.with_name(f"{ledger.name}.lock")
    lock.unlink()
    lock.mkdir()
    before = ledger.read_bytes()
    with _read_only(ledger, ledger.parent):
        shown = _said(["ledger", "show", str(ledger)], capsys)
        verified = _said(["verify", str(out)], capsys)
        scenario = tmp_path / "in" / "scenario.toml"
        args = ["plan", str(scenario), "--out", str(tmp_path / "o2"), "--ledger", str(ledger)]
        planning = _said(args, capsys)
    assert shown[0] == 0 and "test" in shown[1] and not shown[2], shown
    assert verified[0] == 0, verified
    assert planning[0] == 2 and "cannot lock the ledger" in planning[2], planning
    assert "Traceback" not in planning[2]
    assert ledger.read_bytes() == before


def test_plan_into_a_ledger_it_may_not_write_says_so(
    planned: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`plan` into a read-only ledger file said the ledger was in use by
    another run, to wait and try again.  It now says the ledger cannot be
    written and what to do (exit 2).  SQLite opens a file it may not write
    read-only; as an administrator may write any file, the ledger is opened
    read-only here the same way."""
    _, ledger = _copy(planned, tmp_path)
    connect = store._connect
    monkeypatch.setattr(store, "_connect", lambda path, read_only: connect(path, read_only=True))
    before = ledger.read_bytes()
    scenario = tmp_path / "in" / "scenario.toml"
    args = ["plan", str(scenario), "--out", str(tmp_path / "o2"), "--ledger", str(ledger)]
    with _read_only(ledger):
        code, _, err = _said(args, capsys)
    err = " ".join(err.split())
    assert code == 2 and "the ledger cannot be written" in err and "--ledger" in err, err
    assert "Traceback" not in err and "wait for it" not in err
    assert "readonly database" not in err, err  # SQLite's English: in a Chinese sentence too
    assert ledger.read_bytes() == before


def test_a_ledger_in_a_folder_it_may_not_write_is_said_so_before_planning(
    planned: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ledger file the account may write in a folder it may not: SQLite
    opens and reads it, and only the first change needs the journal beside
    it.  `plan` planned the whole batch and wrote its outputs, then said it
    could not write the ledger.  It now says so on opening it (exit 2),
    before any bed is read or bus planned, the ledger as it was.  A journal
    that cannot be made (a link into a folder that is not there) stands in
    for the read-only folder, which an administrator may write all the same."""
    _, ledger = _copy(planned, tmp_path)
    ledger.with_name(f"{ledger.name}-journal").symlink_to(tmp_path / "no" / "such" / "journal")
    asked: list[str] = []
    beds_held = store.Ledger.beds_held

    def counted(self: store.Ledger, *, except_batch: str = "") -> object:
        asked.append(except_batch)
        return beds_held(self, except_batch=except_batch)

    monkeypatch.setattr(store.Ledger, "beds_held", counted)
    before = ledger.read_bytes()
    scenario = tmp_path / "in" / "scenario.toml"
    args = ["plan", str(scenario), "--out", str(tmp_path / "o2"), "--ledger", str(ledger)]
    code, _, err = _said(args, capsys)
    err = " ".join(err.split())
    assert code == 2 and "the ledger cannot be written" in err and str(ledger) in err, err
    assert "Traceback" not in err
    assert asked == [] and not (tmp_path / "o2").exists()
    assert ledger.read_bytes() == before


def test_a_write_a_killed_run_left_half_done_is_undone_before_reading(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A run killed while writing the ledger leaves SQLite's journal beside
    it, which a read-only opening cannot undo.  `ledger show` (holding the
    ledger) undoes it first and shows the ledger as before that write; in a
    read-only folder it says what to do (exit 2), the file as it was."""
    _, ledger = _copy(planned, tmp_path)
    expected = _said(["ledger", "show", str(ledger), "--json"], capsys)
    killed = tmp_path / "killed"
    killed.mkdir()
    with closing(sqlite3.connect(ledger, isolation_level=None)) as connection:
        connection.execute("PRAGMA cache_size = 1")  # pages reach the file before a commit
        connection.execute("BEGIN")
        connection.execute("DELETE FROM beds")
        connection.execute("CREATE TABLE filler (x TEXT)")
        connection.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 2000)
        for name in (ledger.name, f"{ledger.name}-journal"):
            shutil.copy(ledger.with_name(name), killed / name)
        connection.execute("ROLLBACK")
    copy = killed / ledger.name
    lock = killed / f"{ledger.name}.lock"
    lock.mkdir()  # not to be made, even by an administrator
    with _read_only(copy, killed):
        refused = _said(["ledger", "show", str(copy), "--json"], capsys)
    lock.rmdir()
    assert refused[0] == 2 and "a run stopped while writing" in " ".join(refused[2].split())
    assert copy.with_name(f"{copy.name}-journal").stat().st_size > 0
    assert _said(["ledger", "show", str(copy), "--json"], capsys) == expected
    assert not os.path.exists(f"{copy}-journal") or os.path.getsize(f"{copy}-journal") == 0


def _written_by(ledger: Path) -> str | None:
    with closing(sqlite3.connect(f"{ledger.as_uri()}?mode=ro", uri=True)) as connection:
        row = connection.execute("SELECT value FROM meta WHERE key = 'written_by'").fetchone()
        return None if row is None else str(row[0])


@pytest.mark.parametrize("schema", ["1", "2", store.SCHEMA_VERSION])
def test_a_ledger_records_the_returnbus_that_wrote_it_and_show_and_verify_do_not(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], schema: str
) -> None:
    """The ledger kept only its schema number, so that a newer one refused
    could not name the returnbus to install.  A plan now records the version
    that wrote it; a ledger without one (an older returnbus's) is still shown
    and verified as it is, and stamped when next written to."""
    assert _written_by(planned / "led" / "l.sqlite") == __version__
    out, ledger = _copy(planned, tmp_path, schema)
    with closing(sqlite3.connect(ledger)) as connection, connection:
        connection.execute("DELETE FROM meta WHERE key = 'written_by'")
    before = ledger.read_bytes()
    assert _said(["ledger", "show", str(ledger), "--json"], capsys)[0] == 0
    assert _said(["verify", str(out)], capsys)[0] == 0
    assert ledger.read_bytes() == before and _written_by(ledger) is None
    with closing(sqlite3.connect(ledger)) as connection, connection:
        connection.execute("INSERT INTO meta VALUES ('written_by', '0.0.1')")
    scenario = tmp_path / "in" / "scenario.toml"
    args = ["plan", str(scenario), "--out", str(tmp_path / "o2"), "--ledger", str(ledger)]
    assert _said(args, capsys)[0] == 0
    assert (_schema(ledger), _written_by(ledger)) == (store.SCHEMA_VERSION, __version__)


def test_a_ledger_that_keeps_no_scenario_files_is_shown_as_it_is_and_given_them_by_a_plan(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ledger of this schema written before the scenario file of each batch
    was kept (its own table, so that an older returnbus still writes the
    ledger) is shown and verified as it is, without it, the file untouched;
    the next plan makes the table and records its batch's scenario file."""
    out, ledger = _copy(planned, tmp_path)
    with closing(sqlite3.connect(ledger)) as connection, connection:
        connection.execute("DROP TABLE scenario_files")
    before = ledger.read_bytes()
    code, said, _ = _said(["ledger", "show", str(ledger), "--json"], capsys)
    assert code == 0 and '"scenario_file": ""' in said, said
    assert _said(["verify", str(out)], capsys)[0] == 0
    assert ledger.read_bytes() == before
    scenario = tmp_path / "in" / "scenario.toml"
    args = ["plan", str(scenario), "--out", str(out), "--ledger", str(ledger)]
    assert _said(args, capsys)[0] == 0
    code, said, _ = _said(["ledger", "show", str(ledger), "--json"], capsys)
    assert code == 0 and f'"scenario_file": "{scenario.resolve()}"' in said, said


@pytest.mark.parametrize(
    ("written_by", "named"),
    [("9.1.0", "returnbus 9.1.0"), (None, ""), ("9.1.0; DROP TABLE x" * 9, "")],
)
def test_a_ledger_of_a_newer_returnbus_says_to_update_returnbus(
    planned: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    written_by: str | None,
    named: str,
) -> None:
    """A ledger a newer returnbus wrote (a schema above this code's, with a
    column this code does not know) was refused as damaged, 'SQLite cannot
    read its contents', and the desk told to restore a backup.  `plan`,
    `ledger show` and `verify` now say a newer returnbus wrote it and to
    update returnbus (exit 2), and leave the file as it was.  They name the
    version that wrote it, in both languages, when the ledger records one
    that reads as a version."""
    out, ledger = _copy(planned, tmp_path)
    newer = str(int(store.SCHEMA_VERSION) + 1)
    with closing(sqlite3.connect(ledger)) as connection, connection:
        connection.execute("ALTER TABLE beds RENAME COLUMN room TO room_no")
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (newer,))
        connection.execute("DELETE FROM meta WHERE key = 'written_by'")
        if written_by is not None:
            connection.execute("INSERT INTO meta VALUES ('written_by', ?)", (written_by,))
    before = ledger.read_bytes()
    scenario = tmp_path / "in" / "scenario.toml"
    commands = {
        "plan": ["plan", str(scenario), "--out", str(tmp_path / "o2"), "--ledger", str(ledger)],
        "show": ["ledger", "show", str(ledger)],
        "verify": ["verify", str(out)],
    }
    for name, args in commands.items():
        code, _, err = _said(args, capsys)
        err = " ".join(err.split())
        assert code == 2, (name, code, err)
        assert f"schema {newer}" in err and "newer returnbus" in err, (name, err)
        assert "update returnbus" in err, (name, err)
        assert "damaged" not in err and "backup" not in err and "Traceback" not in err
        assert named in err and "DROP" not in err, (name, err)
        assert ledger.read_bytes() == before
    capsys.readouterr()
    assert run(commands["show"]) == 2
    err = "".join(capsys.readouterr().err.split())
    assert "更新版本的returnbus" in err and named.replace(" ", "") in err, err
    assert "DROP" not in err and "written by" not in err, err


@pytest.mark.parametrize(
    ("schema", "lang", "said", "hint"),
    [
        ("0", "en", "ledger schema '0', which this returnbus", "update returnbus"),
        ("x", "zh", "台账结构版本“x”", "请把本机的returnbus更新"),
        ("03", "en", "another version of returnbus, or not a returnbus ledger", "a new file"),
    ],
)
def test_a_ledger_of_an_unknown_schema_says_what_it_may_be_and_what_to_do(
    planned: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    schema: str,
    lang: str,
    said: str,
    hint: str,
) -> None:
    """A ledger whose schema no returnbus wrote ("0", "x") was refused as
    damaged, "SQLite cannot read its contents", though SQLite read it well.
    `plan` and `ledger show` now say it is the ledger of another version of
    returnbus or no returnbus ledger, and what to do (exit 2), in the desk's
    language, and leave the file as it was."""
    _, ledger = _copy(planned, tmp_path)
    with closing(sqlite3.connect(ledger)) as connection, connection:
        connection.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (schema,))
    before = ledger.read_bytes()
    scenario = tmp_path / "in" / "scenario.toml"
    plan = ["plan", str(scenario), "--out", str(tmp_path / "o2"), "--ledger", str(ledger)]
    for args in (plan, ["ledger", "show", str(ledger)]):
        capsys.readouterr()
        code = run([*args, "--lang", lang])
        err = "".join(capsys.readouterr().err.split())
        assert code == 2, (args[0], code, err)
        assert said.replace(" ", "") in err and hint.replace(" ", "") in err, err
        assert "SQLite" not in err and "Traceback" not in err, err
        assert ledger.name in err, err
        assert ledger.read_bytes() == before


@pytest.mark.parametrize(
    ("lang", "said", "hint"),
    [
        ("en", "another program kept the ledger locked", "close any other program"),
        ("zh", "另一个程序锁住台账", "请关闭打开了台账的其他程序"),
    ],
)
def test_a_ledger_another_program_keeps_locked_is_said_so_in_the_desks_words(
    planned: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
    said: str,
    hint: str,
) -> None:
    """A ledger another program (an SQLite viewer) holds a write on: `plan`
    said "the ledger cannot be used now (database is locked)", SQLite's
    English in a Chinese sentence, and that another returnbus run may hold
    it, which the ledger's own lock rules out.  It now says that another
    program keeps it locked and to close that program (exit 2), nothing
    written."""
    _, ledger = _copy(planned, tmp_path)
    monkeypatch.setattr(store, "BUSY_SECONDS", 0.2)
    before = ledger.read_bytes()
    scenario = tmp_path / "in" / "scenario.toml"
    args = ["plan", str(scenario), "--out", str(tmp_path / "o2"), "--ledger", str(ledger)]
    with closing(sqlite3.connect(ledger, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        capsys.readouterr()
        code = run([*args, "--lang", lang])
        err = "".join(capsys.readouterr().err.split())
        other.execute("ROLLBACK")
    assert code == 2 and said.replace(" ", "") in err and hint.replace(" ", "") in err, err
    assert "databaseislocked" not in err and "Traceback" not in err
    assert ledger.read_bytes() == before and not (tmp_path / "o2").exists()


def test_a_journal_beside_the_ledger_that_is_no_file_is_said_so_not_another_run(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder named as SQLite's journal beside the ledger (left by a copy
    tool, say): SQLite cannot read it, and `plan` and `ledger show` said
    "the ledger cannot be used now (disk I/O error)" and that another
    returnbus run might hold it, to wait.  They now say the disk or file
    system refused and to check that journal (exit 2), nothing written."""
    _, ledger = _copy(planned, tmp_path)
    journal = ledger.with_name(f"{ledger.name}-journal")
    journal.mkdir()
    before = ledger.read_bytes()
    scenario = tmp_path / "in" / "scenario.toml"
    args = ["plan", str(scenario), "--out", str(tmp_path / "o2"), "--ledger", str(ledger)]
    for command in (args, ["ledger", "show", str(ledger)]):
        code, _, err = _said(command, capsys)
        err = " ".join(err.split())
        assert code == 2 and "the disk or the file system refused" in err, err
        assert journal.name in err and "wait for it" not in err and "Traceback" not in err, err
        assert "disk I/O error" not in err, err  # SQLite's English: in a Chinese sentence too
    assert ledger.read_bytes() == before


def test_a_ledger_on_a_full_disk_is_said_so_before_planning(
    planned: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A ledger on a full disk: `plan` said "the ledger cannot be used now
    (database or disk is full)" and to wait for another run.  It now says
    the disk is full and to free space (exit 2), on opening the ledger,
    nothing written.  SQLite's page limit stands in for the full disk."""
    _, ledger = _copy(planned, tmp_path)
    connect = store._connect

    def full(path: Path, *, read_only: bool) -> sqlite3.Connection:
        connection = connect(path, read_only=read_only)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        return connection

    monkeypatch.setattr(store, "_connect", full)
    before = ledger.read_bytes()
    scenario = tmp_path / "in" / "scenario.toml"
    args = ["plan", str(scenario), "--out", str(tmp_path / "o2"), "--ledger", str(ledger)]
    code, _, err = _said(args, capsys)
    err = " ".join(err.split())
    assert code == 2 and "the disk holding the ledger is full" in err and str(ledger) in err, err
    assert "free some space" in err and "Traceback" not in err and "wait for it" not in err
    assert ledger.read_bytes() == before and not (tmp_path / "o2").exists()
