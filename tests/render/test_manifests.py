"""Bus manifests."""

from __future__ import annotations

import csv

from openpyxl import load_workbook

from ..helpers import PlannedBatch


def test_a_manifest_per_bus_with_its_riders_and_masked_phones(planned: PlannedBatch) -> None:
    """One CSV and one sheet per bus, each listing exactly that bus's riders, phones masked."""
    manifests = planned.out / "manifests"
    routes = {r["bus_id"]: r for r in planned.plan["routes"]}
    assert {p.stem.removeprefix("bus_") for p in manifests.glob("bus_*.csv")} == set(routes)
    for bus_id, route in routes.items():
        with (manifests / f"bus_{bus_id}.csv").open(encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        riders = [w for s in route["stops"] if s["kind"] == "pickup" for w in s["worker_ids"]]
        assert [r["worker_id"] for r in rows] == riders
        assert all("****" in r["phone"] or not r["phone"] for r in rows)
        assert [r["seat"] for r in rows] == [route["seats_assigned"][w] for w in riders]
    book = load_workbook(manifests / "manifests.xlsx", read_only=True)
    assert sorted(book.sheetnames) == sorted(routes)
