"""Write every output of a plan into one folder."""

from __future__ import annotations

from pathlib import Path

from ..plan import Plan
from ..planfile import Document
from .lists import build_lists, write_lists
from .manifests import build_manifests, write_manifests
from .maps import route_map
from .papers import build_papers, write_papers
from .pdf import write_pdf
from .reports import write_reports


def write_outputs(plan: Plan, out_dir: Path) -> Document:
    """Write plan.json, summary.json, dormitory_allocation.csv, to_call.csv,
    the desk's lists (unassigned.csv, self_return.csv, arrivals.csv,
    cost_by_employer.csv, lists.xlsx), map.html, manifests/ and papers/ into
    ``out_dir``, in the language of the plan's output settings; return the
    plan document."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lang = plan.settings.output.lang
    document = write_reports(plan, out_dir)
    write_lists(build_lists(plan, lang), out_dir, lang)
    write_manifests(build_manifests(plan), out_dir / "manifests")
    papers = build_papers(plan, lang, police=plan.settings.output.police_export)
    write_papers(papers, out_dir / "papers")
    write_pdf(
        out_dir / "papers" / "papers.pdf",
        [sheet for p in papers for sheet in (p.driver_sheet, p.registration, p.seat_map)],
    )
    route_map(plan).save(str(out_dir / "map.html"))
    return document
