"""The walkthrough notebook runs top to bottom, and is stored without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "jiangjin_sample.ipynb"


def test_the_notebook_runs_and_shows_the_map_and_the_summary() -> None:
    """Executed in a fresh kernel: no error, the map inline, the summary as a table."""
    stored = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    assert all(not c.get("outputs") for c in stored.cells if c.cell_type == "code")
    client = NotebookClient(
        stored,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": NOTEBOOK.parent}},
    )
    ran = client.execute()
    outputs = [o for c in ran.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("<iframe srcdoc=" in h and "rb-data" in h for h in html)
    assert any("<table>" in h and "workers_on_bus" in h for h in html)
