"""The route map."""

from __future__ import annotations

from ..helpers import PlannedBatch


def test_map_has_a_layer_per_bus_and_no_raw_phones(planned: PlannedBatch) -> None:
    """map.html names each bus layer and carries masked phones only."""
    html = (planned.out / "map.html").read_text(encoding="utf-8")
    for route in planned.plan["routes"]:
        assert f"Bus {route['bus_id']}:" in html
    phones = [r["手机号"] for r in planned.roster_rows() if r["手机号"]]
    assert not any(p in html for p in phones)
    assert "L.control.layers" in html
