"""Small builders for tests: a scenario written into a temporary folder,
and the outputs of a planned synthetic batch."""

from __future__ import annotations

import csv
import errno
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from returnbus.cli import main
from returnbus.io.gazetteer import load_gazetteer
from returnbus.io.sites import jiangjin_parks
from returnbus.render.files import write_files
from returnbus.synthetic import synthetic_scenario

#: Township seats (WGS-84) a few dozen km apart in Zunyi, Guizhou, and the
#: Jiangjin hub: easy to reason about, real enough for the travel model.
TONGZI = (28.1186, 106.8240)
XISHUI = (28.3346, 106.1934)
ZUNYI = (27.7292, 106.9236)
XINYANG = (32.1496, 114.0853)  # Henan: beyond a 10 h ride
HUB = (29.276017, 106.231957)
DEPOT = (29.292433, 106.255882)

ROSTER_COLUMNS = (
    "worker_id",
    "name",
    "gender",
    "phone",
    "employer",
    "home_address",
    "health_code",
    "origin_risk",
    "travel_mode",
    "group",
    "lat",
    "lon",
)


def worker(worker_id: str, at: tuple[float, float] | None = None, **fields: str) -> dict[str, str]:
    """A roster row with sensible defaults; ``at`` gives WGS-84 coordinates."""
    row = {
        "worker_id": worker_id,
        "name": f"测试{worker_id}",
        "gender": "男",
        "phone": "13800000000",
        "employer": "E1",
        "home_address": "贵州省遵义市桐梓县娄山关街道",
        "health_code": "绿",
        "origin_risk": "低",
        "travel_mode": "包车",
        "group": "",
        "lat": "" if at is None else str(at[0]),
        "lon": "" if at is None else str(at[1]),
    }
    row.update(fields)
    return row


def write_roster(path: Path, rows: Sequence[dict[str, str]], *, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else list(ROSTER_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_scenario(
    folder: Path,
    rows: Sequence[dict[str, str]],
    *,
    fleet: str = 'id = "C45"\nseats = 45\ncount = 4\nfixed_cost = 3000\ncost_per_km = 6',
    rules: str = "",
    extra: str = "",
    dorm_rooms: int = 50,
    time_limit: float = 1.0,
    min_riders: int | None = 1,
) -> Path:
    """A complete scenario folder; returns the scenario.toml path."""
    folder.mkdir(parents=True, exist_ok=True)
    write_roster(folder / "roster.csv", rows)
    (folder / "employers.csv").write_text(
        f"employer_id,name,lat,lon\nE1,测试机械有限公司,{HUB[0]},{HUB[1]}\n", encoding="utf-8"
    )
    (folder / "dormitories.csv").write_text(
        f"dorm_id,name,lat,lon,rooms,sex\nD1,一号楼,{HUB[0]},{HUB[1]},{dorm_rooms},any\n",
        encoding="utf-8",
    )
    path = folder / "scenario.toml"
    path.write_text(
        f"""[scenario]
name = "test"
roster = "roster.csv"
employers = "employers.csv"
dormitories = "dormitories.csv"
departure = "2020-03-17T05:00:00+08:00"

[depot]
lat = {DEPOT[0]}
lon = {DEPOT[1]}

[destination]
name = "hub"
lat = {HUB[0]}
lon = {HUB[1]}

[[fleet]]
{fleet}

[rules]
{"" if min_riders is None else f"min_riders = {min_riders}"}
{rules}

[solver]
time_limit_seconds = {time_limit}
seed = 1
iterations = 300
{extra}
""",
        encoding="utf-8",
    )
    return path


def write_one_place_two_points(folder: Path, more: Sequence[dict[str, str]] = ()) -> Path:
    """A scenario of one bus and three riders living at one place, two bound
    for the hub's employer and 罗敏 for another's gate (and the rows of
    ``more``): the town's riders board at two pickup points at the same
    place, which the bus calls at together.  Returns scenario.toml."""
    rows = [
        worker("A1", at=TONGZI),
        worker("A2", at=TONGZI),
        worker("B1", at=TONGZI, employer="E2", name="罗敏"),
        *more,
    ]
    fleet = 'id = "C45"\nseats = 45\ncount = 1\nfixed_cost = 3000\ncost_per_km = 6'
    scenario = write_scenario(folder, rows, fleet=fleet)
    (folder / "employers.csv").write_text(
        "employer_id,name,lat,lon\n"
        f"E1,测试机械有限公司,{HUB[0]},{HUB[1]}\nE2,测试电子有限公司,29.32,106.28\n",
        encoding="utf-8",
    )
    return scenario


def write_long_named_drop_offs(folder: Path) -> Path:
    """`write_one_place_two_points` with employers of long names, two at each
    of the two gates, and a rider of each: the bus's drop-offs name two
    employers each.  Returns scenario.toml."""
    more = [
        worker("A3", at=TONGZI, employer="E3"),
        worker("B2", at=TONGZI, employer="E4", name="杨帆"),
    ]
    scenario = write_one_place_two_points(folder, more)
    (folder / "employers.csv").write_text(
        "employer_id,name,lat,lon\n"
        f"E1,重庆市江津区德感工业园精密机械制造有限公司,{HUB[0]},{HUB[1]}\n"
        f"E3,重庆市江津区德感工业园新材料科技有限公司,{HUB[0]},{HUB[1]}\n"
        "E2,重庆市江津区珞璜工业园电子元器件有限公司,29.32,106.28\n"
        "E4,重庆市江津区珞璜工业园现代物流有限公司,29.32,106.28\n",
        encoding="utf-8",
    )
    return scenario


def write_shared_gates(folder: Path) -> Path:
    """Two gates, each shared by employers some of whom have no rider here
    (E1, E5 at the destination; E2, E3, E4 at another), and four riders of
    one bus: of E1, of no employer, of E4 by its id and of E2 by its name.
    Returns scenario.toml."""
    rows = [
        worker("A1", at=TONGZI),
        worker("X1", at=TONGZI, employer=""),
        worker("B1", at=TONGZI, employer="E4", name="罗敏"),
        worker("B2", at=TONGZI, employer="测试电子有限公司", name="杨帆"),
    ]
    fleet = 'id = "C45"\nseats = 45\ncount = 1\nfixed_cost = 3000\ncost_per_km = 6'
    scenario = write_scenario(folder, rows, fleet=fleet)
    (folder / "employers.csv").write_text(
        "employer_id,name,lat,lon\n"
        f"E1,测试机械有限公司,{HUB[0]},{HUB[1]}\nE5,测试食品有限公司,{HUB[0]},{HUB[1]}\n"
        "E2,测试电子有限公司,29.32,106.28\nE3,测试物流有限公司,29.32,106.28\n"
        "E4,测试服装有限公司,29.32,106.28\n",
        encoding="utf-8",
    )
    return scenario


def write_synthetic(folder: Path, *, workers: int, seed: int) -> Path:
    """A synthetic scenario folder, as ``returnbus synth`` writes it; returns scenario.toml."""
    files = synthetic_scenario(
        workers=workers, seed=seed, gazetteer=load_gazetteer(), parks=jiangjin_parks()
    )
    write_files(folder, files)
    return folder / "scenario.toml"


def run(args: list[str]) -> int:
    """Run the command line; return its exit code."""
    with pytest.raises(SystemExit) as done:
        main(args)
    code = done.value.code
    return code if isinstance(code, int) else 1


@dataclass(frozen=True)
class PlannedBatch:
    """A synthetic scenario and the outputs ``returnbus plan`` wrote for it."""

    scenario: Path
    out: Path

    @property
    def plan(self) -> dict[str, Any]:
        return json.loads((self.out / "plan.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    @property
    def summary(self) -> dict[str, Any]:
        return json.loads((self.out / "summary.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    def roster_rows(self) -> list[dict[str, str]]:
        with (self.scenario.parent / "roster.csv").open(encoding="utf-8-sig") as handle:
            return list(csv.DictReader(handle))


def no_file_at(tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch, name: str) -> Path:
    """A path ``name`` in ``tmp_path`` that holds no file to read, of ``kind``:
    the null device, an empty named pipe, a folder, or a file the system
    refuses to read (no permission: refused here, as tests may run as root)."""
    if kind == "device":
        return Path(os.devnull)
    path = tmp_path / name
    if kind == "pipe":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_text("x\n", encoding="utf-8")
        opened = Path.open

        def refused(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self.absolute() == path.absolute():
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
            return opened(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refused)
    return path


#: What `no_file_at` makes, by kind: said in English, and in Chinese.
NO_FILE_SAID = {
    "device": ("a device (such as /dev/null), not", "设备（如/dev/null），不是"),
    "pipe": ("a named pipe, not", "命名管道，不是"),
    "folder": ("a folder, not", "文件夹，不是"),
    "unreadable": ("no permission", "没有权限"),
}


def header_words(said: str) -> set[str]:
    """The words on the header lines of the console tables in ``said`` (a
    Chinese heading is one word), as each cell's lines show them."""
    words: set[str] = set()
    inside = False
    for line in said.splitlines():
        if line.startswith("┏"):
            inside = True
        elif line.startswith("┡"):
            inside = False
        elif inside:
            words.update(word for cell in line.split("┃") for word in cell.split())
    return words


def broken_headings(said: str, headings: Iterable[str]) -> list[str]:
    """The ``headings`` not shown whole in a table's header in ``said``:
    one of their words (a Chinese heading whole) broken, or not there."""
    shown = header_words(said)
    return [heading for heading in headings if not set(heading.split()) <= shown]


def wider_lines(said: str, width: int) -> list[str]:
    """The lines of ``said`` wider than ``width`` console cells."""
    return [line for line in said.splitlines() if cell_len(line) > width]
