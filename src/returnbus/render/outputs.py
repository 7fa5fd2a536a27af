"""Write every output of a plan into one folder, whole or not at all."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from pathlib import Path

from ..plan import Plan
from ..planfile import Document
from ..progress import UNWATCHED, Progress
from .lists import build_lists, write_lists
from .manifests import build_manifests, write_manifests
from .maps import route_map
from .papers import build_papers, write_papers
from .pdf import write_pdf
from .reports import write_reports
from .staging import staged
from .tables import POOLED_FROM_BUSES, Workbooks


def write_outputs(
    plan: Plan,
    out_dir: Path,
    *,
    about: Mapping[str, str] | None = None,
    commit: Callable[[Path], None] | None = None,
    progress: Progress = UNWATCHED,
    writers: Executor | None = None,
) -> Document:
    """Write plan.json, summary.json, dormitory_allocation.csv, to_call.csv,
    the desk's lists (unassigned.csv, self_return.csv, arrivals.csv,
    cost_by_employer.csv, lists.xlsx), map.html, manifests/ and papers/ into
    ``out_dir``, in the language of the plan's output settings, with
    ``outputs.json`` indexing them; return the plan document.

    The files are written aside and swapped in when complete: the folder
    holds the previous plan or this one, never a mix, and the previous one
    is kept as ``<out_dir>.previous``.  ``about`` goes into the index and
    ``commit`` is called with the written folder before the swap (see `staged`).
    ``progress`` counts the outputs written, each bus's papers one by one;
    the workbooks of a plan of `POOLED_FROM_BUSES` buses or more are written
    on ``writers`` (a pool of this machine's processes) when given."""
    lang = plan.settings.output.lang
    combined = plan.settings.output.wants_combined_pdf(len(plan.routes))
    progress.stage("write", total=len(plan.routes) + 7 + combined)
    pool = writers if len(plan.routes) >= POOLED_FROM_BUSES else None
    with staged(out_dir, about=about, commit=commit) as folder, Workbooks(pool) as books:
        write_lists(build_lists(plan, lang), folder, lang, books=books.write)
        progress.advance()
        write_manifests(build_manifests(plan, lang), folder / "manifests", lang, books=books.write)
        progress.advance()
        papers = build_papers(plan, lang, police=plan.settings.output.police_export)
        write_papers(papers, folder / "papers", written=progress.advance, books=books.write)
        if combined:
            write_pdf(
                folder / "papers" / "papers.pdf",
                [sheet for p in papers for sheet in (p.driver_sheet, p.registration, p.seat_map)],
            )
            progress.advance()
        route_map(plan).save(str(folder / "map.html"))
        progress.advance()
        # Last here: its lower bounds take seconds at district scale, while
        # the pool still writes the workbooks handed to it above.
        document = write_reports(plan, folder)
        books.wait()
        progress.advance()
    return document
