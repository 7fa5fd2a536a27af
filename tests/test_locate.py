"""Placing homes, and who a bus can be sent for."""

from __future__ import annotations

import pytest

from returnbus.domain import LatLon, Worker
from returnbus.errors import InputError
from returnbus.geo.gazetteer import Gazetteer
from returnbus.geo.geocode import OfflineGeocoder
from returnbus.locate import (
    PlacementRules,
    area_prefixes,
    division_prefix,
    locate_workers,
    place_riders,
)
from returnbus.screen import HOME_UNKNOWN, ScreeningPolicy, quarantine_cause
from returnbus.text import say


def person(worker_id: str, address: str = "", **fields: object) -> Worker:
    return Worker(id=worker_id, row=2, name="x", address=address, **fields)  # type: ignore[arg-type]


def test_roster_coordinates_win_but_the_address_still_names_the_division(
    geocoder: OfflineGeocoder,
) -> None:
    """A pin from the roster is the home (exact); the address gives the division."""
    pin = LatLon(28.12, 106.83)
    pinned, plain = locate_workers(
        [
            person("a", "贵州省遵义市桐梓县娄山关街道", roster_location=pin),
            person("b", "贵州省遵义市桐梓县娄山关街道"),
        ],
        geocoder,
        gazetteer=geocoder.gazetteer,
    )
    assert (pinned.home, pinned.precision) == (pin, "exact")
    assert plain.precision == "township" and plain.home != pin
    assert pinned.division_code == plain.division_code == "520322001000"


def test_division_prefix_reads_short_and_full_names(gazetteer: Gazetteer) -> None:
    """重庆 and 重庆市 are "50"; 遵义市 is "5203"; an unknown name is a settings error."""
    assert division_prefix("重庆", gazetteer, key="k") == "50"
    assert division_prefix("重庆市", gazetteer, key="k") == "50"
    assert division_prefix("遵义市", gazetteer, key="k") == "5203"
    assert division_prefix("桐梓县", gazetteer, key="k") == "520322"
    with pytest.raises(InputError) as caught:
        area_prefixes(PlacementRules(planning_area=("火星省",)), gazetteer)
    assert caught.value.key == "rules.planning_area"


def test_imprecise_or_outside_homes_get_no_bus() -> None:
    """Only homes placed finely enough, inside the area, are sent a bus."""
    home = LatLon(28.1, 106.8)
    riders = [
        person("town", home=home, precision="township", division_code="520322001000"),
        person("county", home=home, precision="county", division_code="520322000000"),
        person("province", home=home, precision="province", division_code="520000000000"),
        person("sichuan", home=home, precision="township", division_code="510524100000"),
        person("nowhere"),
    ]
    kept, lost = place_riders(riders, PlacementRules(min_precision="township"), area=("52",))
    assert [w.id for w in kept] == ["town"]
    reasons = {u.worker_id: u.reason for u in lost}
    assert "only placed at county level" in reasons["county"]
    assert "could not be placed" in reasons["nowhere"]
    assert "outside the planning area" in reasons["sichuan"]
    assert all(u.stage == "geocode" for u in lost)


def test_a_home_left_out_says_why_the_address_places_no_finer(
    geocoder: OfflineGeocoder,
) -> None:
    """The reason a rider gets no bus carries the geocoder's word on the
    address (a township written without its county), not only the level it
    reached; a pin from the roster needs none."""
    pin = LatLon(28.12, 106.83)
    riders = locate_workers(
        [person("lone", "唐县镇3组"), person("pinned", "唐县镇3组", roster_location=pin)],
        geocoder,
        gazetteer=geocoder.gazetteer,
    )
    assert riders[0].placement_note and not riders[1].placement_note
    kept, lost = place_riders(riders, PlacementRules(), area=())
    assert [w.id for w in kept] == ["pinned"]
    (reason,) = (u.reason for u in lost)
    assert "could not be placed (township '唐县镇' named without its county" in reason
    assert "乡镇“唐县镇”未写所属区县" in say(reason, "zh")


#: Points for the homes below: 渝中区 and 万州区 lie well inside Chongqing,
#: 贵阳 inside Guizhou; the East China Sea and the Taklamakan are far from
#: any seat.
_CHONGQING = (LatLon(29.56, 106.57), LatLon(30.81, 108.41))
_GUIYANG = LatLon(26.58, 106.71)
_NOWHERE = (LatLon(30.5, 124.5), LatLon(39.0, 83.5))


def _self_returners(geocoder: OfflineGeocoder, *pins: LatLon, address: str = "") -> list[Worker]:
    return locate_workers(
        [
            person(f"w{k}", address, roster_location=pin, travel_mode="self")
            for k, pin in enumerate(pins)
        ],
        geocoder,
        gazetteer=geocoder.gazetteer,
    )


@pytest.mark.parametrize("address", ["", "火星某某村3组"])
def test_coordinates_in_chongqing_make_a_self_returner_at_home(
    geocoder: OfflineGeocoder, address: str
) -> None:
    """A self-returner whose address places nothing but whose roster lat/lon
    lie plainly in Chongqing is not quarantined as if from outside: the
    coordinates give the province (no finer: seats are not borders)."""
    for worker in _self_returners(geocoder, *_CHONGQING, address=address):
        assert (worker.division_code, worker.division_name) == ("500000000000", "重庆市")
        assert quarantine_cause(worker, ScreeningPolicy(), "50") is None


def test_coordinates_in_another_province_are_from_outside(geocoder: OfflineGeocoder) -> None:
    """Lat/lon well inside Guizhou place the home there: the self-returner
    is bound for quarantine as from outside, not for an unknown home."""
    (worker,) = _self_returners(geocoder, _GUIYANG, address="某某村")
    assert worker.division_code == "520000000000"
    cause = quarantine_cause(worker, ScreeningPolicy(), "50")
    assert cause is not None and cause.kind == "self_return_outside"
    assert cause.detail == ""


def test_coordinates_at_sea_or_far_from_any_seat_place_no_province(
    geocoder: OfflineGeocoder,
) -> None:
    """Far from every county and township seat the province is not guessed."""
    for worker in _self_returners(geocoder, *_NOWHERE):
        assert worker.division_code == ""
        cause = quarantine_cause(worker, ScreeningPolicy(), "50")
        assert cause is not None and cause.detail == HOME_UNKNOWN


def test_the_address_keeps_precedence_over_the_coordinates(geocoder: OfflineGeocoder) -> None:
    """An address that places a division names it, wherever the pin lies."""
    (worker,) = _self_returners(geocoder, _GUIYANG, address="重庆市江津区")
    assert worker.division_code.startswith("500116")


def test_a_home_placed_only_to_its_province_is_checked_against_the_area() -> None:
    """A province known from coordinates alone keeps a rider when the
    planning area lies within it (the county is not known), and not when the
    area lies in another province."""
    home = LatLon(29.56, 106.57)
    rider = person("cq", home=home, precision="exact", division_code="500000000000")
    kept, lost = place_riders([rider], PlacementRules(), area=("500116",))
    assert [w.id for w in kept] == ["cq"] and not lost
    kept, lost = place_riders([rider], PlacementRules(), area=("52",))
    assert not kept and [u.worker_id for u in lost] == ["cq"]
