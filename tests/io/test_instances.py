"""Reading benchmark instance files."""

from __future__ import annotations

from pathlib import Path

import pytest

from returnbus.errors import InputError
from returnbus.io.instances import read_instance

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
    with pytest.raises(InputError, match="DEMAND"):
        read_instance(write(tmp_path, "negative.vrp", negative))
