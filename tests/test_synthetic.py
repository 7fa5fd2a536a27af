"""Synthetic scenarios."""

from __future__ import annotations

import csv
import io

from returnbus.geo.gazetteer import Gazetteer
from returnbus.io.sites import jiangjin_parks
from returnbus.synthetic import ROSTER_HEADERS, synthetic_scenario


def test_same_seed_same_files_and_every_row_plausible(gazetteer: Gazetteer) -> None:
    """A seed fixes the files; rows have valid ID check digits and ids from W00001."""
    parks = jiangjin_parks()
    first = synthetic_scenario(workers=120, seed=9, gazetteer=gazetteer, parks=parks)
    again = synthetic_scenario(workers=120, seed=9, gazetteer=gazetteer, parks=parks)
    other = synthetic_scenario(workers=120, seed=10, gazetteer=gazetteer, parks=parks)
    assert first == again and first["roster.csv"] != other["roster.csv"]
    assert set(first) == {"scenario.toml", "roster.csv", "employers.csv", "dormitories.csv"}
    assert first["roster.csv"].startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(first["roster.csv"].lstrip("\ufeff"))))
    assert tuple(rows[0]) == ROSTER_HEADERS and len(rows) == 121
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    for row in rows[1:]:
        number = row[4]
        check = "10X98765432"[
            sum(int(d) * w for d, w in zip(number[:17], weights, strict=True)) % 11
        ]
        assert number[17] == check
