"""A plan folder whose index (outputs.json) names a ledger that is gone or
cannot be read: `plan`, `replan` and `verify` say which ledger it is and
what to do, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..helpers import TONGZI, ZUNYI, run, worker, write_scenario


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scenario (``in``), its plan (``out``) and the ledger it was
    recorded in (``led/l.sqlite``)."""
    root = tmp_path_factory.mktemp("recorded")
    rows = [worker(f"A{k}", at=TONGZI) for k in range(3)]
    path = write_scenario(root / "in", [*rows, worker("Q", at=ZUNYI, health_code="黄")])
    args = ["plan", str(path), "--out", str(root / "out"), "--ledger", str(root / "led/l.sqlite")]
    assert run([*args, "--lang", "en"]) == 0
    return root


#: What may become of the ledger a folder's plan was recorded in.
SPOILED = {
    "not SQLite": lambda ledger: ledger.write_text("batch,bed\n", encoding="utf-8"),
    "truncated": lambda ledger: ledger.write_bytes(ledger.read_bytes()[:1500]),
    "emptied": lambda ledger: ledger.write_bytes(b""),
}


def _copy(planned: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The plan folder and its ledger copied under ``tmp_path``, the
    folder's index naming the copy."""
    shutil.copytree(planned, tmp_path, dirs_exist_ok=True)
    out, ledger = tmp_path / "out", tmp_path / "led" / "l.sqlite"
    index = out / "outputs.json"
    index.write_text(
        index.read_text(encoding="utf-8").replace(str(planned), str(tmp_path)), encoding="utf-8"
    )
    return out, ledger


def _said(args: list[str], capsys: pytest.CaptureFixture[str], lang: str = "en") -> tuple[int, str]:
    capsys.readouterr()
    code = run([*args, "--lang", lang])
    said = capsys.readouterr()
    # Chinese lines break anywhere: joined without the breaks' spaces.
    return code, ("" if lang == "zh" else " ").join((said.out + said.err).split())


@pytest.mark.parametrize("spoiled", sorted(SPOILED))
def test_verify_and_replan_name_the_folders_unreadable_ledger_and_say_to_restore_it(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], spoiled: str
) -> None:
    """`verify` and `replan` of a folder whose ledger was damaged since said
    so (exit 2) and to "give the ledger file a plan run wrote, or a new file
    name": verify takes no ledger, and a new one would know no other
    batch's beds.  They now say it is the ledger the folder's plan was
    recorded in, and to restore it (replan: or name a sound copy)."""
    out, ledger = _copy(planned, tmp_path)
    SPOILED[spoiled](ledger)
    verified = _said(["verify", str(out)], capsys)
    replanned = _said(["replan", str(out), "--out", str(tmp_path / "again")], capsys)
    for code, said in (verified, replanned):
        assert code == 2 and "Traceback" not in said, said
        assert f"{ledger}:" in said and f"the plan in {out} was recorded in" in said, said
        assert "restore the ledger from a backup" in said and "new file name" not in said, said
    assert "then verify again" in verified[1], verified
    assert "a sound copy of it with --ledger" in replanned[1], replanned
    assert not (tmp_path / "again").exists()
    code, said = _said(["verify", str(out)], capsys, "zh")
    assert code == 2 and "这是" in said and "中排车方案所记入的台账" in said, said
    assert "请从备份把台账恢复到原处" in said, said


@pytest.mark.parametrize("gone", ["deleted", "a folder in its place"])
def test_verify_of_a_folder_whose_ledger_is_gone_says_it_was_not_checked_against_it(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], gone: str
) -> None:
    """`verify` of a folder whose ledger was moved or deleted said "ok: every
    rule holds" and nothing of the ledger, whose checks it had passed over.
    It now notes that the ledger is not there and what was not checked."""
    out, ledger = _copy(planned, tmp_path)
    ledger.unlink()
    if gone != "deleted":
        ledger.mkdir()
    code, said = _said(["verify", str(out)], capsys)
    assert code == 0, said
    assert f"recorded in, {ledger}, is not there" in said and "not checked" in said, said
    code, said = _said(["verify", str(out)], capsys, "zh")
    assert code == 0 and f"台账{ledger}不在了" in said, said


@pytest.mark.parametrize("spoiled", sorted(SPOILED))
def test_a_folder_whose_ledger_cannot_be_read_is_refused_unless_forced(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], spoiled: str
) -> None:
    """`plan --ledger OTHER` into a folder recorded in a ledger that cannot
    be read now replaced its papers without a word, though that ledger,
    restored, may still hold their beds and buses.  It is refused now (exit
    2, the folder kept), naming both ledgers; --force goes on, warned."""
    out, ledger = _copy(planned, tmp_path)
    SPOILED[spoiled](ledger)
    held = (out / "plan.json").read_bytes()
    other = tmp_path / "other.sqlite"
    args = ["plan", str(tmp_path / "in" / "scenario.toml"), "--out", str(out)]
    code, said = _said([*args, "--ledger", str(other)], capsys)
    assert code == 2 and "Traceback" not in said, said
    assert f"recorded in the ledger {ledger}, which cannot be read" in said, said
    assert str(other) in said and f"restore the ledger {ledger}" in said, said
    assert "--force" in said and "nothing was planned" in said, said
    assert (out / "plan.json").read_bytes() == held
    code, said = _said([*args, "--ledger", str(other), "--force"], capsys)
    assert code == 0 and "which cannot be read" in said and "--force" in said, said


def test_a_replan_into_a_new_ledger_past_an_unreadable_one_is_refused_unless_forced(
    planned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`replan --ledger NEW` from a folder whose ledger cannot be read was
    refused, --force or not, saying to give another ledger file: the desk
    without a backup could not re-plan at all.  It is refused as for a
    ledger that is gone (a new one knows no other batch's beds), naming
    both ledgers, and --force starts the new ledger, warned."""
    out, ledger = _copy(planned, tmp_path)
    SPOILED["not SQLite"](ledger)
    new = tmp_path / "new.sqlite"
    args = ["replan", str(out), "--out", str(tmp_path / "again"), "--ledger", str(new)]
    code, said = _said(args, capsys)
    assert code == 2 and "Traceback" not in said, said
    assert f"recorded in, {ledger}, cannot be read" in said and str(new) in said, said
    assert "(--force starts a new ledger all the same)" in said, said
    assert not new.exists() and not (tmp_path / "again").exists()
    code, said = _said([*args, "--force"], capsys)
    assert code == 0 and "cannot be read" in said and "goes on holding" not in said, said
    assert new.is_file() and (tmp_path / "again" / "plan.json").is_file()
