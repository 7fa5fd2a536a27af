"""Output folders that are never half-written.

A run writes into a fresh sibling folder and, only when every file is
there, swaps it in for ``--out``; the plan it replaces is kept as
``<out>.previous``.  On Linux the swap is one atomic ``renameat2`` exchange,
so a run killed at any moment leaves ``--out`` holding either the previous
plan or the new one, whole.  A lock beside the folder (``<out>.lock``) stops
a second run into the same folder; the operating system releases it when
a run ends, however it ends.

Each folder carries ``outputs.json``: the plan's id (from its ``plan.json``)
and every other file's SHA-256, so that ``verify`` can tell a file that belongs to another plan,
or was changed, or is missing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import InputError
from ..text import Text, by_count, system_said

INDEX = "outputs.json"
_WRITING = ".writing-"


def previous_of(out_dir: Path) -> Path:
    """Where the plan a run replaces is kept."""
    return out_dir.with_name(f"{out_dir.name}.previous")


def _lock_of(out_dir: Path) -> Path:
    """The lock file a run holds while it writes into ``out_dir`` (`output_lock`)."""
    out_dir = out_dir.absolute()
    return out_dir.with_name(f"{out_dir.name}.lock")


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``<out>.lock`` for a run; a second run into ``out_dir`` stops (exit 2)."""
    out_dir = out_dir.absolute()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            Text("out_uncreatable", why=system_said(error)),
            path=out_dir,
            hint=Text("out_writable_action"),
        ) from None
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(Text("out_file"), path=out_dir, hint=Text("out_file_action"))
    for folder in (out_dir, previous_of(out_dir)):
        # A run replaces --out and deletes the plan before it: never a folder
        # of the desk's own files given by mistake.
        strangers = _not_of_a_plan(folder)
        if strangers:
            raise InputError(
                Text(
                    "out_not_a_plan",
                    files=Text(by_count("file_count", strangers), count=strangers),
                    index=INDEX,
                ),
                path=folder,
                hint=Text("out_not_a_plan_action"),
            )
    held = _lock_of(out_dir)
    lock = FileLock(held)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not held.exists():  # no run holds it: the lock file could not be made
            raise InputError(
                Text("out_beside_unwritable", why=Text("lock_uncreatable", name=held.name)),
                path=out_dir,
                hint=Text("out_writable_action"),
            ) from None
        raise InputError(Text("out_busy"), path=out_dir, hint=Text("out_busy_action")) from None
    except OSError as error:
        raise InputError(
            Text("out_beside_unwritable", why=system_said(error)),
            path=out_dir,
            hint=Text("out_writable_action"),
        ) from None
    try:
        yield
    finally:
        # The file stays (filelock's own choice on Unix): a run that unlinked it
        # could leave a waiter locking the old file while a newcomer locks a new
        # one of the same name, both running; on a network share (NFS renames
        # an open file it is told to delete) even unlinking before release does.
        lock.release()


def refuse_being_written(out_dir: Path) -> None:
    """`InputError` when a run holds ``out_dir``'s lock now, writing a plan
    into it: its files may be the old plan's, the new one's, or half of each.
    Only looks: nothing is created beside a folder that has no lock file."""
    held = _lock_of(out_dir)
    if not held.is_file():
        return
    lock = FileLock(held)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise InputError(
            Text("verify_being_written"), path=out_dir, hint=Text("verify_being_written_action")
        ) from None
    except OSError:  # a read-only copy of the folders: no run writes there
        return
    lock.release()


def _not_of_a_plan(folder: Path) -> int:
    """How many files ``folder`` holds when it is not a plan (no index): 0 for
    a plan, an empty folder, or none."""
    if not folder.is_dir() or (folder / INDEX).is_file():
        return 0
    try:
        return sum(1 for path in folder.rglob("*") if path.is_file())
    except OSError:
        return 0  # unreadable: nothing in it a run could delete


@contextmanager
def staged(
    out_dir: Path,
    *,
    about: Mapping[str, str] | None = None,
    commit: Callable[[Path], None] | None = None,
) -> Iterator[Path]:
    """A fresh folder to write a plan's files into; when the block ends without
    error it is indexed (with ``about`` added to the index), ``commit`` is
    called with it (whole, indexed), and it is swapped in for ``out_dir`` (the old one
    kept as ``<out>.previous``).  On an error before the commit it is removed
    and ``out_dir`` is untouched; a run killed between the commit and the swap
    leaves it for `roll_forward`."""
    out_dir = out_dir.absolute()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.parent.glob(f".{out_dir.name}{_WRITING}*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a run that was killed
    folder = out_dir.with_name(f".{out_dir.name}{_WRITING}{os.getpid()}")
    folder.mkdir()
    try:
        yield folder
        write_index(folder, about or {})
        if commit is not None:
            commit(folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _swap_in(folder, out_dir)


def roll_forward(out_dir: Path, wanted: str) -> bool:
    """Finish the swap of a run killed after it committed plan ``wanted``
    (which ``out_dir`` does not hold): swap in the whole staged folder
    holding it.  True when one was."""
    out_dir = out_dir.absolute()
    for folder in sorted(out_dir.parent.glob(f".{out_dir.name}{_WRITING}*")):
        if _index(folder).get("plan_id") == wanted and not index_problems(folder):
            _swap_in(folder, out_dir)
            return True
    return False


def about(folder: Path) -> dict[str, str]:
    """What the index says of the run that wrote ``folder`` beyond its files
    (the ledger it was recorded in, its batch)."""
    return {k: v for k, v in _index(folder).items() if isinstance(v, str) and k != "plan_id"}


def plan_id(folder: Path) -> str:
    """A plan's id: the start of its ``plan.json``'s SHA-256 as the run wrote
    it (empty without one).  A plan.json only re-saved since (`resaved`: the
    same content in other bytes) keeps the id of the plan it holds, so that
    the ledger and the index still know it as theirs."""
    plan = folder / "plan.json"
    if not plan.is_file():
        return ""
    digests = _plan_digests(folder)
    if digests is None:
        return _sha256(plan)[:16]
    listed, now = digests
    # Read and written again only when the bytes differ: a district's plan.json is 37 MB.
    same = now == listed or _rewritten_digest(plan, now) == listed
    return (listed if same else now)[:16]


def resaved(folder: Path) -> bool:
    """Whether ``folder``'s plan.json was re-saved since the plan was written
    (re-indented or saved again by an editor, with a byte-order mark or
    Windows line ends) and still holds the plan its index lists, value for
    value: other bytes, the same plan."""
    digests = _plan_digests(folder)
    if digests is None:
        return False
    listed, now = digests
    return now != listed and _rewritten_digest(folder / "plan.json", now) == listed


def json_text(data: object, *, indent: int | None = None) -> str:
    """``data`` as returnbus writes a JSON file: Chinese kept readable,
    ending in a newline (plan.json unindented, `resaved` writes it again so)."""
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def _plan_digests(folder: Path) -> tuple[str, str] | None:
    """The SHA-256 of ``folder``'s plan.json as its index lists it, and as
    the file is now; None without an index that lists it, or without the file."""
    listed = (_listed(_index(folder)) or {}).get("plan.json")
    plan = folder / "plan.json"
    if not isinstance(listed, str) or not plan.is_file():
        return None
    return listed, _sha256(plan)


@functools.lru_cache(maxsize=4)
def _rewritten_digest(plan: Path, digest: str) -> str:
    """The SHA-256 of plan.json's content written as a run writes it
    (`json_text`), or "" when it is no JSON; keyed by the file's own
    digest, so that a district's 37 MB edited plan is read once a command,
    however many of the ledger's and the index's checks ask."""
    del digest  # the key: the bytes this answer is of
    try:
        # An editor may add a byte-order mark (Windows Notepad) and Windows line ends.
        document = json.loads(plan.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError):  # UnicodeDecodeError is a ValueError
        return ""
    return hashlib.sha256(json_text(document).encode("utf-8")).hexdigest()


def write_index(folder: Path, about: Mapping[str, str] | None = None) -> None:
    """``outputs.json``: the plan id, the SHA-256 of every file in ``folder``
    and what ``about`` says of the run."""
    files = {
        path.relative_to(folder).as_posix(): _sha256(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != INDEX
    }
    (folder / INDEX).write_text(
        json.dumps(
            {**(about or {}), "plan_id": plan_id(folder), "files": files},
            indent=1,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )


#: The desk's own lists: a clerk annotates them, so a change is a note, not tampering.
DESK_LISTS = frozenset(
    {
        "lists.xlsx",
        "to_call.csv",
        "unassigned.csv",
        "self_return.csv",
        "arrivals.csv",
        "cost_by_employer.csv",
    }
)


def index_problems(folder: Path) -> list[Text]:
    """What in ``folder`` does not belong to its plan: files missing, changed or
    added since the plan was written, or an index written for another plan.
    The desk's lists, edited or open in Excel, are not problems (`desk_edits`)."""
    index = _index(folder)
    listed = _listed(index)
    if listed is None:
        return [Text("index_unreadable", index=INDEX)]
    problems = []
    if index.get("plan_id") != plan_id(folder):
        problems.append(Text("index_other_plan", index=INDEX))
    present = _present(folder)
    for name in sorted(listed.keys() - present.keys()):
        problems.append(Text("file_missing", name=name))
    kinds = _kinds(listed)
    for name in sorted(present.keys() - listed.keys()):
        # One of a kind the plan writes could be taken for one of its papers.
        if _kind(name) in kinds and not _system_file(name):
            problems.append(Text("file_not_of_plan", name=name))
    for name in sorted((listed.keys() & present.keys()) - DESK_LISTS):
        if name == "plan.json" and resaved(folder):
            continue  # the same plan in other bytes: a note (`resaved`), not a problem
        digest = _readable_sha256(present[name])
        if digest is None:
            problems.append(Text("file_locked", name=name))
        elif digest != listed[name]:
            problems.append(Text("file_changed", name=name))
    return problems


def desk_edits(folder: Path) -> list[str]:
    """The desk's lists in ``folder`` changed since the plan was written
    (annotated, sorted, saved from Excel) or open in Excel now."""
    return sorted(_desk_lists(folder)[0])


def desk_files(folder: Path) -> list[str]:
    """The files in ``folder`` its plan did not write and that are of no kind it
    writes (a clerk's notes.docx): the desk's own, noted, not a problem.  The
    system's own files (Thumbs.db, .DS_Store, Excel's ``~$`` lock) are left unsaid."""
    listed = _listed(_index(folder))
    if listed is None:
        return []
    kinds = _kinds(listed)
    return sorted(
        name
        for name in _present(folder).keys() - listed.keys()
        if _kind(name) not in kinds and not _system_file(name)
    )


def unchanged_desk_lists(folder: Path) -> frozenset[str]:
    """The desk's lists in ``folder`` as the plan wrote them: indexed, their
    SHA-256 the index's, and not open in Excel."""
    return _desk_lists(folder)[1]


def _desk_lists(folder: Path) -> tuple[frozenset[str], frozenset[str]]:
    """The desk's lists that were edited (or are open in Excel), and those not."""
    listed = _listed(_index(folder)) or {}
    present = _present(folder)
    kept = DESK_LISTS & listed.keys() & present.keys()
    edited = {name for name in kept if _readable_sha256(present[name]) != listed[name]}
    edited |= {name.replace("~$", "", 1) for name in present if _excel_lock(name)}
    return frozenset(edited), frozenset(kept - edited)


def _index(folder: Path) -> dict[str, object]:
    try:
        index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return index if isinstance(index, dict) else {}


def _listed(index: Mapping[str, object]) -> dict[str, str] | None:
    """The files an index lists with their SHA-256 (None: no usable index)."""
    files = index.get("files")
    return dict(files) if isinstance(files, dict) else None


def _present(folder: Path) -> dict[str, Path]:
    return {
        p.relative_to(folder).as_posix(): p
        for p in folder.rglob("*")
        if p.is_file() and p.name != INDEX
    }


def _kind(name: str) -> str:
    """A file's kind, as its extension says it (``.csv``), in lower case."""
    return Path(name).suffix.lower()


def _kinds(listed: Mapping[str, str]) -> frozenset[str]:
    """The kinds of file a plan wrote (``.csv``, ``.xlsx``, ``.pdf`` ...), with
    plan.json's and the index's own."""
    return frozenset({".json", *(_kind(name) for name in listed)})


#: Files the system or an office program leaves in any folder it shows.
_SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini"})


def _system_file(name: str) -> bool:
    """A file a system or office program leaves beside the plan's: the Finder's
    ``.DS_Store`` and ``._x``, Windows' ``Thumbs.db``, Excel's ``~$`` lock."""
    base = Path(name).name
    return base.lower() in _SYSTEM_FILES or base.startswith("._") or _excel_lock(name)


def _excel_lock(name: str) -> bool:
    """Excel's ``~$name`` owner file, there while a clerk has ``name`` open."""
    return Path(name).name.startswith("~$")


def _readable_sha256(path: Path) -> str | None:
    """The file's SHA-256, or None when another program holds it locked."""
    try:
        return _sha256(path)
    except PermissionError:
        return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _swap_in(folder: Path, out_dir: Path) -> None:
    """Put ``folder`` in the place of ``out_dir``; an `InputError` (the staged
    folder left for `roll_forward`) when the system will not move it (a
    mount point, a protected folder, or one held open on Windows)."""
    previous = previous_of(out_dir)
    try:
        if not out_dir.exists():
            folder.rename(out_dir)
            return
        if _exchange(folder, out_dir):
            # ``folder`` now holds the old plan: keep it as the previous one.
            shutil.rmtree(previous, ignore_errors=True)
            folder.rename(previous)
            return
        # No atomic exchange here: two renames, the old plan kept first.
        shutil.rmtree(previous, ignore_errors=True)
        out_dir.rename(previous)
        try:
            folder.rename(out_dir)
        except OSError:
            previous.rename(out_dir)
            raise
    except OSError as error:
        raise InputError(
            Text("out_unreplaceable", why=system_said(error)),
            path=out_dir,
            hint=Text("out_unreplaceable_action", staged=folder.name),
        ) from None


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2``); False where it cannot."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    path, fd = ctypes.c_char_p, ctypes.c_int
    renameat2.argtypes = [fd, path, fd, path, ctypes.c_uint]
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(done == 0)


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file (by its path when either cannot be read)."""
    try:
        return one.samefile(other)
    except OSError:
        return one.resolve() == other.resolve()
