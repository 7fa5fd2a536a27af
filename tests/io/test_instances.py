"""Reading benchmark instance files."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from returnbus.errors import InputError
from returnbus.io.instances import read_instance
from returnbus.routing.instances import instance_problem
from returnbus.text import Text

from ..helpers import NO_FILE_SAID, no_file_at, run

TINY_VRP = (
    "NAME : tiny\nTYPE : CVRP\nDIMENSION : 4\nEDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : 10\n"
    "NODE_COORD_SECTION\n1 0 0\n2 0 10\n3 10 0\n4 10 10\nDEMAND_SECTION\n1 0\n2 4\n3 4\n4 4\n"
    "DEPOT_SECTION\n1\n-1\nEOF\n"
)
TINY_SOLOMON = """TINY

VEHICLE
NUMBER     CAPACITY
  2         10

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0         0          0          0        100          0
    1      0         3          4          0         50          5
    2      4         0          4         10         60          5
"""

TINY_HFVRP = (
    TINY_VRP.replace("TYPE : CVRP", "TYPE : HFVRP")
    .replace("CAPACITY : 10\n", "VEHICLES : 2\n")
    .replace("DEPOT_SECTION", "CAPACITY_SECTION\n1 10\n2 10\nDEPOT_SECTION")
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cvrplib_file_as_stated(tmp_path: Path) -> None:
    """Raw Euclidean weights, demands, capacity; the fleet is unlimited."""
    instance = read_instance(write(tmp_path, "tiny.vrp", TINY_VRP))
    assert (instance.name, instance.family, instance.capacity, instance.vehicles) == (
        "tiny",
        "cvrplib",
        10,
        None,
    )
    assert instance.weights[0, 3] == pytest.approx(14.1421, abs=1e-4)
    assert list(instance.demand) == [0, 4, 4, 4]


def test_solomon_file_with_windows(tmp_path: Path) -> None:
    """Vehicles, windows and service times come as the file gives them."""
    instance = read_instance(write(tmp_path, "tiny.txt", TINY_SOLOMON))
    assert (instance.family, instance.vehicles, instance.capacity) == ("solomon", 2, 10)
    assert instance.windows is not None and instance.windows.tolist() == [
        [0, 100],
        [0, 50],
        [10, 60],
    ]
    assert instance.service is not None and instance.service.tolist() == [0, 5, 5]


#: TINY_SOLOMON with customers at decimal coordinates: (0.3, 0.4), (35.5, 17.25).
DECIMAL_SOLOMON = TINY_SOLOMON.replace(
    "    1      0         3 ", "    1      0.3       0.4 "
).replace("    2      4         0 ", "    2      35.5      17.25 ")


def test_solomon_coordinates_may_have_decimals(tmp_path: Path) -> None:
    """vrplib reads every Solomon column as whole numbers (0.3 as -1): the
    coordinates come as the file gives them, and the distances with them."""
    instance = read_instance(write(tmp_path, "decimal.txt", DECIMAL_SOLOMON))
    assert instance.coords is not None
    assert instance.coords.tolist() == [[0, 0], [0.3, 0.4], [35.5, 17.25]]
    assert instance.weights[0, 1] == pytest.approx(0.5)
    assert instance.weights[1, 2] == pytest.approx(math.hypot(35.2, 16.85))
    assert list(instance.demand) == [0, 4, 4] and instance.demand.dtype == np.int64


def test_whole_numbers_written_with_a_point_are_read(tmp_path: Path) -> None:
    """2.0 vehicles, customer 1.0, ready at 10.0 are whole (they stopped in int())."""
    text = (
        TINY_SOLOMON.replace("  2         10", "  2.0       10.0")
        .replace("    1      0", "    1.0    0")
        .replace("10         60", "10.0       60")
    )
    instance = read_instance(write(tmp_path, "points.txt", text))
    assert (instance.vehicles, instance.capacity) == (2, 10)
    assert instance.windows is not None and instance.windows.tolist()[2] == [10, 60]


@pytest.mark.parametrize(
    ("text", "said", "demand"),
    [
        (TINY_SOLOMON.replace("3          4", "3          4.5"), "'4.5' in DEMAND", True),
        (TINY_SOLOMON.replace("    2      4", "    2.5    4"), "'2.5' in CUST NO.", False),
        (TINY_VRP.replace("\n2 4\n", "\n2 4.5\n"), "'4.5' in DEMAND", True),
    ],
    ids=["solomon-demand", "solomon-number", "vrplib-demand"],
)
def test_a_decimal_load_or_number_is_refused_naming_its_column(
    tmp_path: Path, text: str, said: str, demand: bool
) -> None:
    """The solver counts loads in whole units: a decimal demand (or a
    location's number) is refused at its row, naming the column; for a
    demand, the hint says how to make it whole."""
    name = "bad.txt" if "VEHICLE" in text else "bad.vrp"
    with pytest.raises(InputError, match=f"{said} is not a whole number") as caught:
        read_instance(write(tmp_path, name, text))
    assert caught.value.line in (11, 12, 13)
    hint = caught.value.hint
    assert isinstance(hint, Text)
    assert (hint.key == "instance_demand_not_whole_action") == demand


#: One vehicle, two customers, times with a decimal (and 100.00, a tenth
#: written with two): it must reach 1 at 3.0, wait till 3.5, serve it for
#: 2.5 and drive 5.0 to 2, arriving at 11.0 as 2's window closes.  Any
#: other order, or a ready time or service time rounded up, is late.
DECIMAL_TIMES = """DECIMAL TIMES
VEHICLE
NUMBER     CAPACITY
  1         10
CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME
    0      0         0          0          0        100.00     0
    1      0         3          4          3.5      3.5        2.5
    2      4         0          4         10.1      11.0       5
"""


def test_solomon_times_with_a_decimal_are_read_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Times come as the file gives them, in tenths in the engine as the
    distances are, and the plan keeps them: checked on the file's decimals,
    exactly, leg by leg (the legs are whole: 3, 5 and 4)."""
    path = write(tmp_path, "times.txt", DECIMAL_TIMES)
    instance = read_instance(path)
    assert instance.windows is not None and instance.service is not None
    assert instance.windows.tolist() == [[0, 100], [3.5, 3.5], [10.1, 11]]
    assert instance.service.tolist() == [0, 2.5, 5]
    problem, _ = instance_problem(instance)
    assert problem.tw_early is not None and problem.tw_late is not None
    assert (problem.tw_early.tolist(), problem.tw_late.tolist()) == ([0, 35, 101], [1000, 35, 110])
    assert problem.service is not None and problem.service.tolist() == [0, 25, 50]
    capsys.readouterr()
    args = ["solve-vrplib", str(path), "--time-limit", "2", "--iterations", "200", "--json"]
    assert run([*args, "--seed", "0", "--workers", "1"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["feasible"] and result["routes"] == [[1, 2]] and result["cost"] == 12
    rows = [line.split() for line in DECIMAL_TIMES.splitlines()[6:]]
    ready, due, service = ([Fraction(row[column]) for row in rows] for column in (4, 5, 6))
    xy = [(int(row[1]), int(row[2])) for row in rows]
    time, here = ready[0], 0
    for place in [*result["routes"][0], 0]:
        leg = Fraction(math.dist(xy[here], xy[place]))
        time = max(time + service[here] + leg, ready[place])
        assert time <= due[place], (place, time)
        here = place


def test_a_window_with_decimals_that_closes_before_it_opens_is_refused(tmp_path: Path) -> None:
    """Ready after due is told by the decimals (11.1 against 11.0), as written."""
    text = DECIMAL_TIMES.replace("10.1      11.0", "11.1      11.0")
    with pytest.raises(
        InputError, match=re.escape("ready time 11.1 is later than the due date 11.0")
    ) as caught:
        read_instance(write(tmp_path, "inverted.txt", text))
    assert caught.value.line == 9


def test_a_window_no_vehicle_reaches_is_said_with_its_times_exactly(tmp_path: Path) -> None:
    """The times in the message are the file's, all their digits (not 100020)."""
    text = DECIMAL_TIMES.replace("0        100.00", "100000   200000").replace(
        "3.5      3.5 ", "0        100002.9 "
    )
    with pytest.raises(InputError, match=r"arrives at 100003 .* closes at 100002\.9") as caught:
        read_instance(write(tmp_path, "late.txt", text))
    assert caught.value.line == 8


@pytest.mark.parametrize(
    ("old", "new", "value", "row", "column", "tenth"),
    [
        ("3.5      3.5 ", "3.45 3.5 ", "3.45", 8, "READY TIME", "3.5"),
        ("100.00", "99.999", "99.999", 7, "DUE DATE", "99.9"),
        ("11.0       5", "11.0 5.01", "5.01", 9, "SERVICE TIME", "5.1"),
    ],
    ids=["ready", "due", "service"],
)
def test_a_time_finer_than_a_tenth_is_refused_at_its_line_and_column(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    value: str,
    row: int,
    column: str,
    tenth: str,
) -> None:
    """The engine counts times in tenths: a finer one is refused (exit 2)
    at its line and column, with the tenth to write that keeps plans on time
    (a ready or service time rounded up, a due date down)."""
    path = write(tmp_path, "fine.txt", DECIMAL_TIMES.replace(old, new))
    capsys.readouterr()
    assert run(["solve-vrplib", str(path), "--time-limit", "1", "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    # A text file has lines, not rows: said as the scenario's TOML says its line.
    assert f"fine.txt, line {row}, column '{column}': '{value}' is finer than a tenth" in said
    assert f"give this {column} with one decimal at most, {tenth} here" in said
    assert run(["solve-vrplib", str(path), "--time-limit", "1"]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert (
        f"第{row}行" in said
        and f"列“{column.replace(' ', '')}”" in said
        and f"这里写{tenth}" in said
    ), said


def test_unreadable_instances_are_input_errors(tmp_path: Path) -> None:
    """A missing or malformed file stops with the file named."""
    with pytest.raises(InputError, match="not found"):
        read_instance(tmp_path / "none.vrp")
    with pytest.raises(InputError) as caught:
        read_instance(write(tmp_path, "junk.vrp", "hello\n"))
    assert caught.value.path == tmp_path / "junk.vrp"


def test_sections_of_other_lengths_are_input_errors(tmp_path: Path) -> None:
    """A section short of the demands' count names the section, not a solver fault."""
    short = TINY_VRP.replace("4 10 10\n", "").replace("DIMENSION : 4", "DIMENSION : 3")
    with pytest.raises(InputError, match="NODE_COORD is 3 x 2 where 4 locations") as caught:
        read_instance(write(tmp_path, "short.vrp", short))
    assert caught.value.path == tmp_path / "short.vrp"
    negative = TINY_VRP.replace("\n2 4\n", "\n2 -4\n")
    with pytest.raises(InputError, match="location 2 has a negative demand"):
        read_instance(write(tmp_path, "negative.vrp", negative))


@pytest.mark.parametrize(
    ("name", "text", "said", "row"),
    [
        ("word.vrp", TINY_VRP.replace("3 10 0\n", "3 zz 0\n"), "'zz' in NODE_COORD", 9),
        ("nan.vrp", TINY_VRP.replace("\n2 4\n", "\n2 nan\n"), "'nan' in DEMAND", 13),
        ("tsp.vrp", TINY_VRP.replace("TYPE : CVRP", "TYPE : TSP"), "TYPE TSP", 2),
        ("dim.vrp", TINY_VRP.replace("DIMENSION : 4", "DIMENSION : 6"), "DIMENSION says 6", 3),
        ("cap.vrp", TINY_VRP.replace("CAPACITY : 10", "CAPACITY : ten"), "'ten' in CAPACITY", 5),
        ("over.vrp", TINY_VRP.replace("\n3 4\n", "\n3 40\n"), "location 3: its demand 40", 14),
        ("order.vrp", TINY_VRP.replace("\n2 4\n3 4\n", "\n3 4\n2 4\n"), "numbered 3", 13),
        ("weights.vrp", TINY_VRP.replace("EUC_2D", "GEO"), "EDGE_WEIGHT_TYPE GEO", 4),
        ("late.txt", TINY_SOLOMON.replace("10         60", "70         60"), "ready time 70", 12),
        (
            "short.txt",
            TINY_SOLOMON.replace("0         3          4", "0         3"),
            "row has 6 values where 7",
            11,
        ),
        ("word.txt", TINY_SOLOMON.replace("  2         10", "  2         x"), "'x' in VEHICLE", 5),
        # Values vrplib would cut short (4.5 read as 4) or that overflow the
        # solver's integers (a crash, or loads that wrap round and fit).
        (
            "half.vrp",
            TINY_VRP.replace("\n2 4\n", "\n2 4.5\n"),
            "'4.5' in DEMAND is not a whole",
            13,
        ),
        ("cap.vrp", TINY_VRP.replace("CAPACITY : 10", "CAPACITY : 10.5"), "not a whole", 5),
        ("far.vrp", TINY_VRP.replace("4 10 10", "4 10 3000000000"), "larger than", 10),
        (
            "wrap.vrp",
            TINY_VRP.replace("CAPACITY : 10", "CAPACITY : 9223372036854775807").replace(
                "\n2 4\n", "\n2 9223372036854775807\n"
            ),
            "'9223372036854775807' in DEMAND is larger than",
            13,
        ),
        ("fleet.vrp", TINY_HFVRP.replace("\n2 10\n", "\n2 -5\n"), "'-5' in CAPACITY is neg", 18),
        (
            "unit.vrp",
            TINY_HFVRP.replace(
                "DEPOT_SECTION", "VEHICLES_UNIT_DISTANCE_COST_SECTION\n1 1\n2 -1\nDEPOT_SECTION"
            ),
            "'-1' in VEHICLES_UNIT_DISTANCE_COST is negative",
            21,
        ),
        (
            "dear.vrp",
            TINY_HFVRP.replace("4 10 10", "4 100000 100000").replace(
                "DEPOT_SECTION",
                "VEHICLES_UNIT_DISTANCE_COST_SECTION\n1 1\n2 1000000000\nDEPOT_SECTION",
            ),
            "cost per distance of 1000000000",
            21,  # the dearest vehicle's row
        ),
        ("solo.txt", TINY_SOLOMON.replace("  2         10", "  0         10"), "0 vehicles", 5),
        # Constraints the engine would leave out: refused, not solved without them.
        (
            "windows.vrp",
            TINY_VRP.replace("DEPOT_SECTION", "TIME_WINDOW_SECTION\n1 0 9\nDEPOT_SECTION"),
            "TIME_WINDOW_SECTION is not read here",
            16,
        ),
        ("limit.vrp", TINY_VRP.replace("CAPACITY : 10", "CAPACITY : 10\nDISTANCE : 30"), "DIST", 6),
        ("twice.vrp", TINY_VRP.replace("TYPE : CVRP", "TYPE : CVRP\nTYPE : HFVRP"), "twice", 3),
        ("stated.vrp", TINY_HFVRP.replace("VEHICLES : 2", "VEHICLES : 7"), "VEHICLES says 7", 5),
        # A fleet mix's vehicle sections of other lengths than its capacities:
        # short, the section's line; long, its first row past the vehicles.
        (
            "fixed.vrp",
            TINY_HFVRP.replace("DEPOT_SECTION", "VEHICLES_FIXED_COST_SECTION\n1 5\nDEPOT_SECTION"),
            "2 capacities, 1 fixed costs, 2 unit costs",
            19,
        ),
        (
            "units.vrp",
            TINY_HFVRP.replace(
                "DEPOT_SECTION", "VEHICLES_UNIT_DISTANCE_COST_SECTION\n1 5\n2 5\n3 5\nDEPOT_SECTION"
            ),
            "2 capacities, 2 fixed costs, 3 unit costs",
            22,
        ),
        # A vehicle that carries nothing: a slip, not a vehicle.
        ("zero.vrp", TINY_HFVRP.replace("\n2 10\n", "\n2 0\n"), "vehicle 2 has capacity 0", 18),
        # Vehicle rows numbered out of order: vrplib reads them in file order.
        ("order.vrp", TINY_HFVRP.replace("\n1 10\n2 10\n", "\n2 10\n1 12\n"), "numbered 2", 17),
        (
            "nofleet.vrp",
            TINY_HFVRP.replace("VEHICLES : 2\n", "").replace("\n1 10\n2 10\n", "\n"),
            "CAPACITY_SECTION lists no vehicle",
            15,
        ),
        # A fleet mix's parts around one CAPACITY : Q: vrplib reads a plain CVRP,
        # and the costs (or the HFVRP type's convention) were left out silently.
        (
            "costs.vrp",
            TINY_VRP.replace("DEPOT_SECTION", "VEHICLES_FIXED_COST_SECTION\n1 5\nDEPOT_SECTION"),
            "VEHICLES_FIXED_COST_SECTION gives each vehicle a cost, but CAPACITY \\(line 5\\)",
            16,
        ),
        (
            "units1.vrp",
            TINY_VRP.replace(
                "DEPOT_SECTION", "VEHICLES_UNIT_DISTANCE_COST_SECTION\n1 5\nDEPOT_SECTION"
            ),
            "VEHICLES_UNIT_DISTANCE_COST_SECTION gives each vehicle a cost",
            16,
        ),
        ("hfvrp.vrp", TINY_VRP.replace("TYPE : CVRP", "TYPE : HFVRP"), "TYPE \\(line 2\\)", 5),
        # The converse: one capacity for all said, each vehicle its own given;
        # solved as a fleet mix, its cost would be counted as HFVRP's, silently.
        (
            "cvrpfleet.vrp",
            TINY_HFVRP.replace("TYPE : HFVRP", "type : cvrp"),
            "TYPE is CVRP, every vehicle of one capacity, but CAPACITY_SECTION \\(line 16\\)",
            2,
        ),
        # What vrplib refuses in its own English ("does not conform to the
        # VRPLIB format", "used both as specification and section", ...).
        ("junk.vrp", TINY_VRP.replace("TYPE", "hello\nTYPE"), "'hello' is neither", 2),
        ("colon.vrp", TINY_VRP.replace("CAPACITY : 10", "CAPACITY 10"), "'CAPACITY 10' is n", 5),
        ("cut.vrp", TINY_VRP[: TINY_VRP.index("SECTION")], "'NODE_COORD_' is neither", 6),
        ("late.vrp", TINY_VRP.replace("\n2 4\n", "\n2 4\nFOO : 1\n"), "'FOO : 1' is a spec", 14),
        ("both.vrp", TINY_HFVRP.replace("VEHICLES : 2", "VEHICLES : 2\nCAPACITY : 10"), "both", 17),
        ("typo.vrp", TINY_VRP.replace("DEMAND_SECTION", "DEMANDS"), "'DEMANDS' is neither", 11),
        (
            "nocoord.vrp",
            TINY_VRP.replace("NODE_COORD_SECTION\n1 0 0\n2 0 10\n3 10 0\n4 10 10\n", ""),
            "no NODE_COORD_SECTION",
            None,
        ),
        ("empty.vrp", "\n \n", "the file is empty", None),
        ("nul.vrp", TINY_VRP.replace("tiny", "ti\x00ny"), "not a text file", None),
        (
            "lower.vrp",
            TINY_VRP.replace("EUC_2D", "EXPLICIT\nEDGE_WEIGHT_FORMAT : LOWER_ROW").replace(
                "DEMAND_SECTION", "EDGE_WEIGHT_SECTION\n10\n10 14\nDEMAND_SECTION"
            ),
            "EDGE_WEIGHT_SECTION holds 3 values where 4 locations need 6",
            12,
        ),
        (
            "tenths.vrp",
            TINY_VRP.replace("EUC_2D", "EXPLICIT\nEDGE_WEIGHT_FORMAT : LOWER_ROW").replace(
                "DEMAND_SECTION", "EDGE_WEIGHT_SECTION\n10\n10 14.9\n14 10 10\nDEMAND_SECTION"
            ),
            "'14.9' in EDGE_WEIGHT is not a whole",
            14,
        ),
    ],
)
def test_a_faulty_instance_is_refused_naming_the_fault_and_its_line(
    tmp_path: Path, name: str, text: str, said: str, row: int | None
) -> None:
    """What vrplib would take silently (a word read as -1, a TSP, a DIMENSION
    that does not match) or fail on deep inside (a window closing before it
    opens) is said with its line and what to do."""
    with pytest.raises(InputError, match=said) as caught:
        read_instance(write(tmp_path, name, text))
    assert (caught.value.path, caught.value.line) == (tmp_path / name, row)
    assert caught.value.hint


def test_an_instance_of_one_location_says_so_in_the_singular(tmp_path: Path) -> None:
    """A file with the depot alone has 1 location, not "1 location(s)"."""
    alone = TINY_SOLOMON.split("    1      0")[0]
    with pytest.raises(InputError) as caught:
        read_instance(write(tmp_path, "alone.txt", alone))
    assert "the instance has 1 location: a depot" in str(caught.value), caught.value


def test_a_fleet_mix_that_states_no_type_is_read_as_one(tmp_path: Path) -> None:
    """A CAPACITY_SECTION with no TYPE line says nothing against a fleet mix:
    read as PyVRP reads it, as HFVRP; TYPE : CVRP over it is refused."""
    untyped = TINY_HFVRP.replace("TYPE : HFVRP\n", "")
    instance = read_instance(write(tmp_path, "untyped.vrp", untyped))
    assert (instance.family, instance.vehicles, instance.capacity) == ("hfvrp", 2, 10)
    with pytest.raises(InputError) as caught:
        read_instance(write(tmp_path, "cvrp.vrp", TINY_HFVRP.replace("HFVRP", "CVRP")))
    assert caught.value.line == 2


def test_a_folder_or_a_binary_file_is_not_an_instance(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_instance(tmp_path)
    (tmp_path / "x.vrp").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(InputError, match="not a text file"):
        read_instance(tmp_path / "x.vrp")


@pytest.mark.parametrize(
    ("encoding", "named"), [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("gbk", "GBK")]
)
def test_an_instance_in_another_encoding_is_said_to_be_saved_as_utf_8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, named: str
) -> None:
    """An instance saved as UTF-16 or GBK (Notepad's "Unicode", a Chinese
    Windows' "ANSI") was said to be "not a text file", which the desk, who
    sees the text in an editor, cannot make sense of.  It is now said to be
    text in another encoding than UTF-8, and to save it as UTF-8 (exit 2,
    the file named), in both languages."""
    path = tmp_path / f"{encoding}.vrp"
    path.write_bytes(TINY_VRP.replace("tiny", "江津").encode(encoding))
    assert run(["solve-vrplib", str(path), "--time-limit", "1", "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert f"{path.name}" in said and f"not UTF-8 text: it reads as {named}" in said, said
    assert "save the file as UTF-8" in said and "not a text file" not in said, said
    assert run(["solve-vrplib", str(path), "--time-limit", "1"]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert path.name in said and f"不是UTF-8编码的文本：按{named}编码" in said, said
    assert "另存为UTF-8" in said and "不是文本文件" not in said, said


def test_a_comment_over_several_lines_is_read(tmp_path: Path) -> None:
    """TSPLIB lets COMMENT run on over several lines; another specification twice is refused."""
    text = TINY_VRP.replace("TYPE : CVRP", "COMMENT : made up\nCOMMENT : by hand\nTYPE : CVRP")
    assert read_instance(write(tmp_path, "comments.vrp", text)).name == "tiny"
    twice = TINY_VRP.replace("TYPE : CVRP", "CAPACITY : 10\nTYPE : CVRP")
    with pytest.raises(InputError):
        read_instance(write(tmp_path, "twice.vrp", twice))


@pytest.mark.parametrize(
    "text",
    [
        TINY_VRP.replace("NAME : tiny", "NAME : tinyEOF"),
        TINY_VRP.replace("TYPE : CVRP", "COMMENT : no EOF before the end\nTYPE : CVRP"),
        TINY_VRP.replace("TYPE : CVRP", "COMMENT : see NODE_COORD_SECTION below\nTYPE : CVRP"),
        TINY_VRP + "NODE_COORD_SECTION\n1 5 5\n",  # after the end: not read
    ],
    ids=["eof-in-name", "eof-in-comment", "section-in-comment", "after-eof"],
)
def test_eof_or_a_section_name_inside_the_text_does_not_end_the_file(
    tmp_path: Path, text: str
) -> None:
    """Only a line that is EOF ends the file, and only a line starting with a
    section's name starts one (vrplib stops at any line holding "EOF")."""
    instance = read_instance(write(tmp_path, "tiny.vrp", text))
    assert instance.name.startswith("tiny") and list(instance.demand) == [0, 4, 4, 4]
    assert instance.coords is not None and instance.coords.tolist()[1] == [0, 10]
    assert instance.capacity == 10


def test_a_section_given_twice_is_refused_naming_both_lines(tmp_path: Path) -> None:
    """The second copy would silently replace the first."""
    twice = TINY_VRP.replace("DEPOT_SECTION", "DEMAND_SECTION\n1 0\n2 9\n3 9\n4 9\nDEPOT_SECTION")
    said = r"DEMAND_SECTION is given twice \(first on line 11\)"
    with pytest.raises(InputError, match=said) as caught:
        read_instance(write(tmp_path, "twice.vrp", twice))
    assert caught.value.line == 16 and caught.value.hint


#: The column heads as the Gehring & Homberger files space them.
HOMBERGER_HEADS = "CUST NO.  XCOORD.    YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE TIME"
SOLOMON_HEADS = TINY_SOLOMON.splitlines()[7]


@pytest.mark.parametrize(
    "text",
    [
        TINY_SOLOMON.replace("\n", "\r\n"),
        TINY_SOLOMON.replace("\n", "   \n").replace("\n\n", "\n \n\t\n\n"),
        TINY_SOLOMON.replace(SOLOMON_HEADS, HOMBERGER_HEADS),
        TINY_SOLOMON.replace(SOLOMON_HEADS, SOLOMON_HEADS.lower()).replace("VEHICLE", "Vehicle"),
        TINY_SOLOMON.replace("   ", "\t"),
        "# made up for a test\n" + TINY_SOLOMON.replace("\n    1", "\n# the customers\n    1"),
        TINY_SOLOMON + "# end of file\n",
        TINY_SOLOMON.removeprefix("TINY\n"),
        "\ufeff" + TINY_SOLOMON,
        TINY_SOLOMON + "\n \n\t\n",
        TINY_SOLOMON + "\x1a",
        TINY_SOLOMON.rstrip("\n") + "\x1a",
        TINY_SOLOMON.replace("\n", "\r\n") + "\x1a" * 100,
    ],
    ids=[
        "crlf",
        "blanks",
        "homberger",
        "case",
        "tabs",
        "comments",
        "comment-last",
        "no-name",
        "bom",
        "blanks-last",
        "ctrl-z",
        "ctrl-z-for-newline",
        "ctrl-z-padding",
    ],
)
def test_honest_variants_of_a_solomon_file_are_read(tmp_path: Path, text: str) -> None:
    """What copies of the published files differ in (line ends, blank lines,
    trailing spaces, the column heads' spacing), a comment line (# first, as
    vrplib has it) and a file without its name line read as the file itself."""
    instance = read_instance(write(tmp_path, "tiny.txt", text))
    assert instance.name in ("TINY", "tiny")
    assert (instance.vehicles, instance.capacity, list(instance.demand)) == (2, 10, [0, 4, 4])
    assert instance.windows is not None and instance.windows.tolist() == [
        [0, 100],
        [0, 50],
        [10, 60],
    ]


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff" + TINY_VRP,
        TINY_VRP.replace("\n", "\r\n"),
        TINY_VRP.replace(" : ", "\t:\t").replace(" ", "\t"),
        TINY_VRP + "\n\n \r\n\t\n",
        TINY_VRP + "\x1a",
        TINY_VRP.removesuffix("\n") + "\x1a",
        TINY_VRP.removesuffix("EOF\n") + "\x1a",
        TINY_VRP.removesuffix("EOF\n").replace("\n", "\r\n") + "\x1a" * 100,
        "\ufeff"
        + TINY_VRP.removesuffix("EOF\n").replace(" ", "\t").replace("\n", "\r\n")
        + "\r\n\r\n\x1a\r\n",
    ],
    ids=[
        "bom",
        "crlf",
        "tabs",
        "blanks-last",
        "ctrl-z-after-eof",
        "ctrl-z-for-newline",
        "ctrl-z-for-eof",
        "ctrl-z-padding",
        "all-at-once",
    ],
)
def test_honest_variants_of_a_vrplib_file_are_read(tmp_path: Path, text: str) -> None:
    """What copies of a published file differ in: a byte-order mark, CR LF,
    tabs, blank lines at the end, and DOS's end-of-file mark (Ctrl-Z) after
    or in place of the last line end or EOF, once or padding a block."""
    instance = read_instance(write(tmp_path, "tiny.vrp", text))
    assert (instance.name, instance.capacity, list(instance.demand)) == ("tiny", 10, [0, 4, 4, 4])
    assert instance.coords is not None and instance.coords.tolist()[3] == [10, 10]


@pytest.mark.parametrize(
    ("name", "text", "row"),
    [
        ("joined.vrp", TINY_VRP.replace("DEPOT_SECTION", "\x1aDEPOT_SECTION"), 16),
        ("joined.txt", TINY_SOLOMON.replace("\n    2 ", "\x1a\n    2 "), 11),
    ],
)
def test_a_dos_end_mark_with_the_file_going_on_is_refused_at_its_line(
    tmp_path: Path, name: str, text: str, row: int
) -> None:
    """A Ctrl-Z with more of the file after it: DOS would end the file there,
    vrplib reads it as a value; which is meant, only the desk can tell."""
    with pytest.raises(InputError, match="DOS end-of-file mark") as caught:
        read_instance(write(tmp_path, name, text))
    assert caught.value.line == row and caught.value.hint


def test_a_line_is_numbered_as_an_editor_numbers_it(tmp_path: Path) -> None:
    """A form feed (a page break in an old file) does not end a line in an
    editor: the line a refusal names is the editor's."""
    text = TINY_VRP.replace("NODE_COORD_SECTION", "\x0cNODE_COORD_SECTION").replace(
        "3 10 0\n", "3 zz 0\n"
    )
    with pytest.raises(InputError, match="'zz' in NODE_COORD") as caught:
        read_instance(write(tmp_path, "paged.vrp", text))
    assert caught.value.line == 9


def test_a_note_after_the_values_is_left_out(tmp_path: Path) -> None:
    """VRPLIB has no comment syntax, but a ``#`` can be nothing but a note
    outside NAME and COMMENT (values are numbers and keywords): on a row, a
    specification, a section's name, EOF, a Solomon heading or fleet line."""
    text = (
        TINY_VRP.replace("NAME : tiny", "NAME : tiny # my copy")
        .replace("TYPE : CVRP", "COMMENT : seats # 10\nTYPE : CVRP # plain")
        .replace("CAPACITY : 10", "CAPACITY : 10 # a minibus's seats")
        .replace("DEMAND_SECTION", "DEMAND_SECTION # riders")
        .replace("\n2 4\n", "\n2 4 # the school gate\n")
        .replace("\n4 10 10\n", "\n4 10 10#north\n")
        .replace("-1\nEOF", "-1 # end of depots\nEOF # that's all")
    )
    instance = read_instance(write(tmp_path, "noted.vrp", text))
    assert (instance.name, instance.capacity, list(instance.demand)) == (
        "tiny # my copy",
        10,
        [0, 4, 4, 4],
    )
    assert instance.coords is not None and instance.coords.tolist()[3] == [10, 10]
    solomon = (
        TINY_SOLOMON.replace("  2         10", "  2         10   # two vans")
        .replace("CUSTOMER\n", "CUSTOMER # as surveyed\n")
        .replace("60          5", "60          5 # after school")
    )
    instance = read_instance(write(tmp_path, "noted.txt", solomon))
    assert (instance.vehicles, instance.capacity, list(instance.demand)) == (2, 10, [0, 4, 4])
    assert instance.service is not None and instance.service.tolist() == [0, 5, 5]


def test_a_note_in_place_of_a_value_is_refused_at_its_line(tmp_path: Path) -> None:
    """A note hides no fault: a row it cuts short is said as short, at its line."""
    text = TINY_VRP.replace("\n3 4\n", "\n3 # 4\n")
    with pytest.raises(InputError, match="a DEMAND row has 1 values where 2") as caught:
        read_instance(write(tmp_path, "cut.vrp", text))
    assert caught.value.line == 14


def test_a_comment_line_in_a_vrplib_section_is_read(tmp_path: Path) -> None:
    text = TINY_VRP.replace("2 0 10\n", "2 0 10\n# the third\n")
    instance = read_instance(write(tmp_path, "tiny.vrp", text))
    assert instance.coords is not None and len(instance.coords) == 4


@pytest.mark.parametrize(
    ("text", "said", "row"),
    [
        (TINY_SOLOMON.replace("VEHICLE\n", ""), "'NUMBER CAPACITY' where a Solomon file has", 3),
        (TINY_SOLOMON.replace("CUSTOMER\n", "CUSTOMERS\n"), "the line CUSTOMER", 7),
        (TINY_SOLOMON.replace(SOLOMON_HEADS + "\n", ""), "the line CUST NO. … SERVICE TIME", 9),
        (TINY_SOLOMON[: TINY_SOLOMON.index("CUSTOMER")], "ends where a Solomon file has", None),
        (TINY_SOLOMON[: TINY_SOLOMON.index("  2 ")], "the line with two numbers", None),
        (TINY_SOLOMON[: TINY_SOLOMON.index("NUMBER")], "has the line NUMBER CAPACITY", None),
        (TINY_SOLOMON[: TINY_SOLOMON.index("    1 ")], "has 1 location", None),
    ],
    ids=[
        "no-vehicle",
        "customers",
        "no-heads",
        "cut-short",
        "no-fleet",
        "no-fleet-head",
        "depot-only",
    ],
)
def test_a_solomon_file_out_of_layout_is_refused_in_our_words(
    tmp_path: Path, text: str, said: str, row: int | None
) -> None:
    """vrplib says only "does not conform to the Solomon format" (or fails in
    numpy on a depot alone): the line at fault and the layout are said."""
    with pytest.raises(InputError, match=said) as caught:
        read_instance(write(tmp_path, "bad.txt", text))
    assert caught.value.line == row and caught.value.hint
    assert "conform" not in caught.value.said("zh") and "index" not in caught.value.said("zh")


def _damaged(text: str) -> Iterator[str]:
    """The file cut short at every character, each line left out, doubled or
    with a word in place of its second value."""
    yield from (text[:end] for end in range(len(text)))
    lines = text.splitlines(keepends=True)
    for at, line in enumerate(lines):
        yield "".join(lines[:at] + lines[at + 1 :])
        yield "".join(lines[: at + 1] + lines[at:])
        words = line.split()
        if len(words) > 1:
            yield "".join(
                [*lines[:at], " ".join([words[0], "x", *words[2:]]) + "\n", *lines[at + 1 :]]
            )


def _english_run(text: str) -> int:
    """The most English words in a row in ``text``, what it quotes from the file aside."""
    longest = run = 0
    for token in re.sub(r"“[^”]*”", "", text).split():
        run = run + 1 if re.fullmatch(r"[(\"']?[A-Za-z']+[)\"',.;:]*", token) else 0
        longest = max(longest, run)
    return longest


def _refusal(path: Path) -> InputError | None:
    """Why the instance at ``path`` is refused; None if it is read and makes a problem."""
    try:
        instance_problem(read_instance(path))
    except InputError as error:
        return error
    return None


@pytest.mark.parametrize(
    ("name", "text"),
    [("tiny.vrp", TINY_VRP), ("fleet.vrp", TINY_HFVRP), ("tiny.txt", TINY_SOLOMON)],
)
def test_a_damaged_file_is_read_or_refused_in_our_own_words(
    tmp_path: Path, name: str, text: str
) -> None:
    """Whatever the damage, the file is read (and makes a problem) or refused
    with one of our sentences and what to do: never vrplib's catch-all
    (English inside the Chinese), nor another error."""
    path = tmp_path / name
    for damaged in _damaged(text):
        path.write_text(damaged, encoding="utf-8")
        error = _refusal(path)
        if error is None:
            continue
        assert isinstance(error.message, Text) and isinstance(error.hint, Text), damaged
        assert error.message.key != "instance_unreadable", damaged
        said = error.said("zh").replace(str(path), "")
        assert _english_run(said) < 4, (damaged, said)


def test_a_full_matrix_running_on_over_the_lines_is_read(tmp_path: Path) -> None:
    """TSPLIB gives a matrix as a run of values: a row may wrap (vrplib wants one a line)."""
    text = TINY_VRP.replace("EUC_2D", "EXPLICIT\nEDGE_WEIGHT_FORMAT : FULL_MATRIX").replace(
        "DEMAND_SECTION", "EDGE_WEIGHT_SECTION\n0 1 2 3 1 0\n4 5 2 4\n0 6 3 5 6\n0\nDEMAND_SECTION"
    )
    instance = read_instance(write(tmp_path, "wrapped.vrp", text))
    assert instance.weights.tolist() == [[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]]


@pytest.mark.parametrize(
    ("form", "weights"),
    [
        ("LOWER_ROW", "1\n2 4\n3 5 6"),
        ("UPPER_ROW", "1 2 3\n4 5\n6"),
        ("LOWER_DIAG_ROW", "0\n1 0\n2 4 0\n3 5 6 0"),
        ("UPPER_DIAG_ROW", "0 1 2 3\n0 4 5\n0 6\n0"),
        ("UPPER_ROW", "1 2 3 4 5 6"),  # (a run of values, as TSPLIB allows)
    ],
)
def test_every_tsplib_layout_of_a_triangle_is_read(tmp_path: Path, form: str, weights: str) -> None:
    """TSPLIB's triangles by rows (vrplib reads LOWER_ROW only): each mirrored
    to the same matrix, which the engine's distances are."""
    text = TINY_VRP.replace("EUC_2D", f"EXPLICIT\nEDGE_WEIGHT_FORMAT : {form}").replace(
        "DEMAND_SECTION", f"EDGE_WEIGHT_SECTION\n{weights}\nDEMAND_SECTION"
    )
    instance = read_instance(write(tmp_path, f"{form}.vrp", text))
    full = [[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]]
    assert instance.weights.tolist() == full
    assert instance_problem(instance)[0].distances.tolist() == full


def test_a_triangle_short_of_values_is_refused_with_its_count(tmp_path: Path) -> None:
    """An UPPER_DIAG_ROW given the count of an UPPER_ROW says what its layout needs."""
    text = TINY_VRP.replace("EUC_2D", "EXPLICIT\nEDGE_WEIGHT_FORMAT : UPPER_DIAG_ROW").replace(
        "DEMAND_SECTION", "EDGE_WEIGHT_SECTION\n1 2 3\n4 5\n6\nDEMAND_SECTION"
    )
    with pytest.raises(InputError) as raised:
        read_instance(write(tmp_path, "short.vrp", text))
    said = raised.value.said("en")
    assert "holds 6 values where 4 locations need 10 in UPPER_DIAG_ROW" in said, said
    assert raised.value.line == 12


@pytest.mark.parametrize(
    ("name", "text", "said", "row"),
    [
        (
            "reach.txt",
            TINY_SOLOMON.replace("10         60", "0          3"),
            "no vehicle reaches location 2 in its window: leaving the depot at 0, it arrives at 4",
            12,
        ),
        (
            "back.txt",
            TINY_SOLOMON.replace("0        100", "0        10"),
            "location 1 is back before the depot closes at 10: it returns at 11",
            11,
        ),
        (
            "fleet.txt",
            TINY_SOLOMON.replace("  2         10", "  1         5"),
            "the fleet carries 5 in all .1 vehicles., the demands add up to 8",
            5,
        ),
        (
            "fleet.vrp",
            TINY_HFVRP.replace("\n2 4\n3 4\n4 4\n", "\n2 9\n3 9\n4 9\n"),
            "the fleet carries 20 in all .2 vehicles., the demands add up to 27",
            16,
        ),
        ("negative.txt", TINY_SOLOMON.replace("3          4", "3         -4"), "negative", 11),
    ],
)
def test_an_instance_no_plan_can_serve_is_refused_at_the_line_that_says_why(
    tmp_path: Path, name: str, text: str, said: str, row: int
) -> None:
    """What the file alone shows no plan can serve is bad input, said at its
    line, not solved to "feasible: no": a window closing before any vehicle
    can arrive (here 4 from the depot, due 3), a return after the depot
    closes, demands over the whole fleet's capacity."""
    with pytest.raises(InputError, match=said) as caught:
        read_instance(write(tmp_path, name, text))
    assert caught.value.line == row and caught.value.hint


@pytest.mark.parametrize(
    ("old", "new", "row", "column"),
    [
        ("10         60          5", "-10         60          5", 12, "READY TIME"),
        ("0         50          5", "0         50         -5", 11, "SERVICE TIME"),
        ("0         50          5", "0        -50          5", 11, "DUE DATE"),
    ],
)
def test_a_negative_solomon_time_is_refused_at_its_line_and_column(
    tmp_path: Path, old: str, new: str, row: int, column: str
) -> None:
    """A negative time is bad input said at its line and column (it reached
    the engine, which stopped on it: an internal error)."""
    with pytest.raises(InputError, match="negative") as caught:
        read_instance(write(tmp_path, "negative.txt", TINY_SOLOMON.replace(old, new)))
    assert caught.value.column == column and caught.value.line == row
    assert caught.value.hint is not None


def test_a_window_met_exactly_is_not_refused(tmp_path: Path) -> None:
    """Arrival at the window's close, return at the depot's: servable."""
    text = TINY_SOLOMON.replace("10         60", "0          4").replace(
        "0        100", "0        13"
    )
    assert read_instance(write(tmp_path, "tight.txt", text)).windows is not None


@pytest.mark.parametrize(
    ("name", "text", "family"),
    [
        ("C101.vrp", TINY_SOLOMON, "solomon"),
        ("X-n5.txt", TINY_VRP, "cvrplib"),
        ("C101", TINY_SOLOMON, "solomon"),
        ("X-n5.vrp.txt", TINY_HFVRP, "hfvrp"),
    ],
)
def test_a_file_is_read_in_the_format_its_first_lines_show(
    tmp_path: Path, name: str, text: str, family: str
) -> None:
    """A Solomon file saved as .vrp (or without a suffix), a VRPLIB file
    saved as .txt: the VEHICLE heading or a KEY : value first says which."""
    instance = read_instance(write(tmp_path, name, text))
    assert instance.family == family and list(instance.demand[:2]) == [0, 4]


def test_a_distance_of_exactly_a_half_rounds_up_on_decimal_coordinates(tmp_path: Path) -> None:
    """TSPLIB's EUC_2D rounds a half up: 0.5 from (1000.1, 0.2) to (1000.4, 0.6)
    is 1, though floating point puts it a hair below the half (neither
    decimal has an exact binary form), whether vrplib or the differences
    compute it; the others as floor(d + 0.5)."""
    text = TINY_VRP.replace(
        "1 0 0\n2 0 10\n3 10 0\n4 10 10", "1 0 0\n2 1000.1 0.2\n3 1000.4 0.6\n4 5.55 0"
    )
    instance = read_instance(write(tmp_path, "half.vrp", text))
    assert abs(instance.weights[1, 2] - 0.5) < 1e-9
    distances = instance_problem(instance)[0].distances
    assert distances[1, 2] == distances[2, 1] == 1
    assert distances[0, 3] == 6  # 5.55 rounds to 6
    assert distances[0, 1] == round(math.hypot(1000.1, 0.2))


def test_an_edge_weight_type_not_read_is_refused_naming_those_read(tmp_path: Path) -> None:
    """GEO (latitudes and longitudes) is not read: refused at its line, and
    what to do names every type that is, FLOOR_2D and CEIL_2D among them."""
    with pytest.raises(InputError, match="EDGE_WEIGHT_TYPE GEO") as caught:
        read_instance(write(tmp_path, "geo.vrp", TINY_VRP.replace("EUC_2D", "GEO")))
    assert caught.value.line == 4
    for said in (str(caught.value), caught.value.said("zh")):
        hint = said.partition("\n")[2]
        for kind in ("EUC_2D", "FLOOR_2D", "CEIL_2D", "EXACT_2D", "EXPLICIT"):
            assert kind in hint, (kind, said)


#: An explicit lower triangle of TINY_VRP's distances.
TINY_LOWER = TINY_VRP.replace("EUC_2D", "EXPLICIT\nEDGE_WEIGHT_FORMAT : LOWER_ROW").replace(
    "DEMAND_SECTION", "EDGE_WEIGHT_SECTION\n10\n10 14\n14 10 10\nDEMAND_SECTION"
)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (TINY_VRP, ("CVRP", "EUC_2D")),
        (TINY_VRP.replace("EUC_2D", "EXACT_2D"), ("EXACT_2D",)),
        (TINY_VRP.replace("EUC_2D", "CEIL_2D"), ("CEIL_2D",)),
        (TINY_HFVRP, ("HFVRP", "EUC_2D")),
        (TINY_LOWER, ("EXPLICIT", "LOWER_ROW")),
        (TINY_LOWER.replace("LOWER_ROW", "UPPER_ROW"), ("EXPLICIT", "UPPER_ROW")),
    ],
    ids=["euc", "exact", "ceil", "hfvrp", "lower-row", "upper-row"],
)
@pytest.mark.parametrize("case", [str.lower, str.title], ids=["lower", "title"])
def test_keyword_values_are_read_in_any_case(
    tmp_path: Path, text: str, words: tuple[str, ...], case: Callable[[str], str]
) -> None:
    """TYPE, EDGE_WEIGHT_TYPE and EDGE_WEIGHT_FORMAT in lower or mixed case
    (euc_2d was refused, though cvrp and section names were read) are read
    as in upper case: the same family, distances and scale."""
    as_published = instance_problem(read_instance(write(tmp_path, "upper.vrp", text)))
    for word in words:
        text = text.replace(f": {word}\n", f": {case(word)}\n")
    assert case(words[-1]) in text
    instance = read_instance(write(tmp_path, "lower.vrp", text))
    problem, scale = instance_problem(instance)
    assert instance.family == ("hfvrp" if "HFVRP" in words else "cvrplib")
    assert scale == as_published[1]
    assert problem.distances.tolist() == as_published[0].distances.tolist()


@pytest.mark.parametrize(
    ("text", "key", "said"),
    [
        (TINY_VRP.replace("\n1\n-1\n", "\n1\n2\n-1\n"), "instance_depots", "lists depot 1, 2:"),
        (TINY_VRP.replace("\n1\n-1\n", "\n3\n-1\n"), "instance_depots", "lists depot 3:"),
        (TINY_VRP.replace("\n1\n-1\n", "\n-1\n"), "instance_depot_empty", "lists no depot"),
        (TINY_VRP.replace("\n1\n-1\n", "\n"), "instance_depot_empty", "lists no depot"),
        (TINY_HFVRP.replace("\n1\n-1\n", "\n-1\n"), "instance_depot_empty", "lists no depot"),
    ],
    ids=["two", "third", "only-end", "nothing", "hfvrp-only-end"],
)
def test_a_depot_section_not_read_is_refused_at_its_line(
    tmp_path: Path, text: str, key: str, said: str
) -> None:
    """Several depots, a depot not first, or none at all are refused at the
    DEPOT_SECTION line (the message named no line), an empty section with
    its own words: it is no second depot, and may be a file cut short."""
    with pytest.raises(InputError, match=said) as caught:
        read_instance(write(tmp_path, "depot.vrp", text))
    error = caught.value
    assert isinstance(error.message, Text) and error.message.key == key
    assert error.line == text.splitlines().index("DEPOT_SECTION") + 1
    assert isinstance(error.hint, Text) and error.hint.key == f"{key}_action"
    assert "DEPOT_SECTION" in error.said("zh")


TINY_SOLUTION = "Route #1: 1 2\r\nRoute #2: 3\r\nCost 48\r\n"


@pytest.mark.parametrize(
    ("name", "text", "row"),
    [
        ("tiny.sol", TINY_SOLUTION, 1),
        ("tiny.vrp", TINY_SOLUTION, 1),
        ("C101.txt", "Route #1: 5 3 7 \nRoute #2: 13 17 \n\nCost: 827.3\n", 1),
        ("headed.vrp", "Solution of tiny\n\nroute #1: 1 2\nROUTE #2: 3\ncost 48\n", 3),
    ],
    ids=["sol", "as-vrp", "solomon", "headed"],
)
def test_a_solution_file_given_as_the_instance_is_said_to_be_one(
    tmp_path: Path, name: str, text: str, row: int
) -> None:
    """A .sol file (published beside its instance) given instead of it was
    refused as "'Route' is neither a specification...": it is said to be a
    solution, at its first route, with the instance to give instead."""
    with pytest.raises(InputError, match="solution file") as caught:
        read_instance(write(tmp_path, name, text))
    error = caught.value
    assert isinstance(error.message, Text) and error.message.key == "instance_is_solution"
    assert error.line == row and ".vrp" in str(error.hint)


def test_an_instance_whose_comment_names_a_route_is_read(tmp_path: Path) -> None:
    """Only a file of routes is a solution: an instance that says 'Route #1:' in
    its COMMENT, with a cost line in it too, is read."""
    comment = "NAME : tiny\nCOMMENT : Route #1: 1 2\nCOMMENT : Cost 48"
    text = TINY_VRP.replace("NAME : tiny", comment)
    assert list(read_instance(write(tmp_path, "tiny.vrp", text)).demand) == [0, 4, 4, 4]


@pytest.mark.parametrize(
    ("name", "text", "value", "section", "row"),
    [
        ("sep.vrp", TINY_VRP.replace("CAPACITY : 10", "CAPACITY : 1_0"), "1_0", "CAPACITY", 5),
        ("wide.vrp", TINY_VRP.replace("\n2 4\n", "\n2 ４\n"), "４", "DEMAND", 13),
        ("arabic.vrp", TINY_VRP.replace("3 10 0\n", "3 ١٠ 0\n"), "١٠", "NODE_COORD", 9),
        ("devanagari.vrp", TINY_VRP.replace("DIMENSION : 4", "DIMENSION : ४"), "४", "DIMENSION", 3),
        ("fleet.txt", TINY_SOLOMON.replace("  2         10", "  2    1_0"), "1_0", "VEHICLE", 5),
        ("row.txt", TINY_SOLOMON.replace("0         50", "0         ５０"), "５０", "CUSTOMER", 11),
    ],
    ids=["underscore", "full-width", "arabic-indic", "devanagari", "solomon-fleet", "solomon-row"],
)
def test_a_number_python_alone_reads_is_refused_at_its_line(
    tmp_path: Path, name: str, text: str, value: str, section: str, row: int
) -> None:
    """1_000 and digits of other scripts (full-width, Arabic-Indic) were read
    as numbers, float() taking them: no published file writes them, and
    one is more likely a slip (a full-width ４ typed in a Chinese input
    method); refused as not a number, at its line."""
    with pytest.raises(InputError, match=f"'{value}' in {section} is not a number") as caught:
        read_instance(write(tmp_path, name, text))
    assert caught.value.line == row
    assert isinstance(caught.value.hint, Text) and "0-9" in str(caught.value.hint)


def test_numbers_as_published_files_may_write_them_are_read(tmp_path: Path) -> None:
    """A sign, a point first or last, an exponent: read as before."""
    text = (
        TINY_VRP.replace("CAPACITY : 10", "CAPACITY : 10.")
        .replace("\n2 4\n", "\n2 +4\n")
        .replace("3 10 0\n", "3 1e1 .0\n")
    )
    instance = read_instance(write(tmp_path, "forms.vrp", text))
    assert instance.capacity == 10 and list(instance.demand) == [0, 4, 4, 4]
    assert instance.coords is not None and instance.coords[2].tolist() == [10, 0]


@pytest.mark.parametrize("kind", ["device", "pipe", "folder", "unreadable"])
def test_an_instance_path_holding_no_file_to_read_is_exit_2_saying_what_it_is(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    """/dev/null or a pipe was "instance file not found", and a file the
    system refuses to read an internal fault (exit 1)."""
    path = no_file_at(tmp_path, kind, monkeypatch, "x.vrp")
    assert run(["solve-vrplib", str(path), "--time-limit", "1"]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "".join(NO_FILE_SAID[kind][1].split()) in said and "找不到" not in said, said
    assert "处理办法" in said and "Traceback" not in said


@pytest.mark.parametrize(
    ("name", "english", "chinese"),
    [
        ("名" * 100 + ".vrp", "the name is too long", "名称过长"),  # 300 bytes: over 255
        ("loop.vrp", "a link that leads back to itself", "指向自身的链接"),
    ],
)
def test_an_instance_name_no_file_can_have_is_exit_2_saying_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, english: str, chinese: str
) -> None:
    """A name the system refuses is said as the roster's and the scenario's
    are: one too long was an internal fault (exit 1, 'File name too long'),
    a link to itself "instance file not found"."""
    (tmp_path / "loop.vrp").symlink_to(tmp_path / "loop.vrp")
    path = str(tmp_path / name)
    assert run(["solve-vrplib", path, "--time-limit", "1", "--lang", "en"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert f"no file can have this name: {english}" in said and "not found" not in said, said
    assert run(["solve-vrplib", path, "--time-limit", "1"]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert f"无法使用这个文件名：{chinese}" in said and "处理办法" in said, said


def test_the_cost_is_printed_with_all_its_digits_and_one_vehicle_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cost of a million or more (far apart places; real sets such as
    Belgium's reach millions) is printed whole, not as 1e+06, so that it
    can be set against a best-known cost; one route is "1 vehicle"."""
    far = TINY_VRP.replace("DIMENSION : 4", "DIMENSION : 3").replace(
        "2 0 10\n3 10 0\n4 10 10\n", "2 300000 400000\n3 300001 400000\n"
    )
    path = write(tmp_path, "far.vrp", far.replace("3 4\n4 4\n", "3 4\n"))
    capsys.readouterr()
    args = ["solve-vrplib", str(path), "--time-limit", "1", "--iterations", "50", "--workers", "1"]
    assert run([*args, "--json"]) == 0
    cost = json.loads(capsys.readouterr().out)["cost"]
    assert cost == 500_000 + 1 + 500_001  # out, between, back (each rounded)
    assert run([*args, "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert f"cost {cost:.0f}, 1 vehicle," in said, said
    assert run(args) == 0
    said = capsys.readouterr().out
    assert f"费用 {cost:.0f}，1 辆车" in said, said


@pytest.mark.parametrize(
    ("old", "new", "row"),
    [
        ("CAPACITY : 10", "CAPACITY : -10", 5),
        ("CAPACITY : 10", "CAPACITY : 0", 5),
        ("CAPACITY : 10", "CAPACITY : 10\nVEHICLES : -1", 6),
        ("DIMENSION : 4", "DIMENSION : -4", 3),
    ],
)
def test_a_count_below_one_is_refused_at_its_own_line(
    tmp_path: Path, old: str, new: str, row: int
) -> None:
    """A CAPACITY, VEHICLES or DIMENSION below 1 is said where it is
    written, not as a demand over a capacity of -10 (at the demand's line)
    or a fleet of -1 vehicles carrying -10."""
    key, _, value = new.splitlines()[-1].partition(" : ")
    with pytest.raises(InputError) as caught:
        read_instance(write(tmp_path, "below.vrp", TINY_VRP.replace(old, new)))
    error = caught.value
    assert error.line == row and error.hint, (error.line, error)
    said = str(error)
    assert key in said and value in said and "demand" not in said, said


def test_explicit_weights_without_their_layout_are_refused_for_want_of_it(
    tmp_path: Path,
) -> None:
    """EXPLICIT is read: a file that gives no EDGE_WEIGHT_FORMAT is told that
    this is what it lacks, at the EDGE_WEIGHT_TYPE line, not that EXPLICIT
    is not read."""
    text = TINY_LOWER.replace("EDGE_WEIGHT_FORMAT : LOWER_ROW\n", "")
    with pytest.raises(InputError) as caught:
        read_instance(write(tmp_path, "layout.vrp", text))
    error, said = caught.value, str(caught.value).partition("\n")[0]
    assert error.line == 4 and "EDGE_WEIGHT_FORMAT" in said and "not read" not in said, said
    said = error.said("zh").partition("\n")[0]
    assert "EDGE_WEIGHT_FORMAT" in said and "不支持" not in said, said


@pytest.mark.parametrize(
    ("line", "meant"),
    [
        ("VEHICLE : 1", "VEHICLES"),
        ("NUM_VEHICLES : 1", "VEHICLES"),
        ("DIMENSIONS : 4", "DIMENSION"),
    ],
)
def test_a_misspelt_specification_is_refused_naming_the_one_meant(
    tmp_path: Path, line: str, meant: str
) -> None:
    """VEHICLE : 1 was left out without a word, and the fleet unlimited: a key
    close to one read here is refused at its line, naming that one; TSPLIB's
    other keys (NODE_COORD_TYPE, SERVICE_TIME, which a CVRP does not need)
    are read past as before."""
    text = TINY_VRP.replace("CAPACITY : 10\n", f"CAPACITY : 10\n{line}\n")
    with pytest.raises(InputError) as caught:
        read_instance(write(tmp_path, "typo.vrp", text))
    error = caught.value
    key = line.partition(" ")[0]
    assert error.line == 6 and error.hint and key in str(error) and meant in str(error), error
    assert key in error.said("zh") and meant in error.said("zh")
    known = "NODE_COORD_TYPE : TWOD_COORDS\nDISPLAY_DATA_TYPE : COORD_DISPLAY\nSERVICE_TIME : 0\n"
    text = TINY_VRP.replace("CAPACITY : 10\n", f"CAPACITY : 10\n{known}")
    assert read_instance(write(tmp_path, "known.vrp", text)).capacity == 10


@pytest.mark.parametrize(
    ("old", "new", "row"),
    [
        ("NODE_COORD_SECTION\n1 0 0", "NODE_COORD_SECTION 1 0 0", 6),
        ("DEPOT_SECTION\n1\n-1", "DEPOT_SECTION 2\n1\n-1", 16),
        ("DEPOT_SECTION\n1\n-1", "DEPOT_SECTION : 1 -1", 16),
    ],
)
def test_values_on_a_sections_own_line_are_refused_there(
    tmp_path: Path, old: str, new: str, row: int
) -> None:
    """A value after a section's name, on its line, was left out without a
    word (a second depot, DEPOT_SECTION 2, went unseen) or said as a row
    numbered 2 where 1 comes next: it is refused at that line, quoted."""
    with pytest.raises(InputError) as caught:
        read_instance(write(tmp_path, "same.vrp", TINY_VRP.replace(old, new)))
    error = caught.value
    section = new.split()[0]
    value = new.splitlines()[0].removeprefix(section).strip(" :")
    assert error.line == row and error.hint, (error.line, str(error))
    for said in (str(error), error.said("zh")):
        assert section in said and value in said, said
