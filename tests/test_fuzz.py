"""Damaged rosters, at random: every run ends in a plan or a clear refusal, and
a plan accounts for every line of the roster."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from .helpers import TONGZI, XISHUI, ZUNYI, run, worker, write_scenario

#: What damage a roster meets between HR and the desk.
HOSTILE = ("=1+1", "${alert(1)}", "C:\\users\\x", "[/]", "<b>", "\x07", "@SUM(A1)", "\t")


def damage(text: str, rng: random.Random) -> str:
    """One random injury: a stray quote, a separator changed, a character lost or
    added, a line break inside a row, or a hostile string in a cell."""
    lines = text.split("\n")
    k = rng.randrange(1, len(lines) - 1)  # never the header
    line = lines[k]
    at = rng.randrange(len(line) + 1)
    kind = rng.choice(["quote", "separator", "delete", "insert", "break", "hostile"])
    if kind == "quote":
        line = line[:at] + '"' + line[at:]
    elif kind == "separator" and "," in line:
        line = line.replace(",", rng.choice([";", "\t", "，"]), 1)
    elif kind == "delete" and line:
        line = line[: max(0, at - 1)] + line[at:]
    elif kind == "insert":
        line = line[:at] + rng.choice(",\x00\u00a0\ufeff") + line[at:]
    elif kind == "break":
        line = line[:at] + "\n" + line[at:]
    else:
        cells = line.split(",")
        cells[rng.randrange(len(cells))] = rng.choice(HOSTILE)
        line = ",".join(cells)
    lines[k] = line
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(12))
def test_a_damaged_roster_plans_or_is_refused_and_loses_nobody(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    homes = [TONGZI, XISHUI, ZUNYI]
    rows = [
        worker(f"F{k:02d}", at=(homes[k % 3][0] + 0.002 * k, homes[k % 3][1])) for k in range(18)
    ]
    path = write_scenario(tmp_path / "in", rows)
    roster = path.parent / "roster.csv"
    text = roster.read_text(encoding="utf-8").replace("\r\n", "\n")
    for _ in range(rng.randint(1, 4)):
        text = damage(text, rng)
    encoding = rng.choice(["utf-8", "utf-8-sig", "gb18030"])
    roster.write_bytes(text.encode(encoding, errors="replace"))
    out = tmp_path / "out"
    code = run(["plan", str(path), "--out", str(out), "--iterations", "100"])
    assert code in (0, 2)
    if code == 2:
        assert not out.exists()  # a refused run writes nothing
        return
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    accounted = (
        summary["workers_on_bus"] + summary["workers_self_return"] + summary["workers_unassigned"]
    )
    lines = [line for line in text.split("\n")[1:] if line.strip(" ,\t;\x00")]
    assert accounted == summary["workers_total"] == len(lines)
