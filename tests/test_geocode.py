"""Offline address parsing, accuracy on the address set, and online geocoding
against a local imitation of each provider (no network)."""

from __future__ import annotations

import csv
import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from returnbus.coords import wgs84_to_bd09
from returnbus.domain import LatLon
from returnbus.errors import GeocoderUnavailable, InputError
from returnbus.geocode import (
    GeocodeResult,
    OfflineGeocoder,
    OnlineGeocoder,
    geocode_many,
    normalise_address,
)

ADDRESSES = Path(__file__).parent / "data" / "addresses.csv"


@pytest.fixture(scope="module")
def geocoder() -> OfflineGeocoder:
    """One offline geocoder for the module (the index takes a moment to build)."""
    return OfflineGeocoder()


# --- offline parsing ----------------------------------------------------------

# address, expected precision, expected division code
CASES = [
    ("贵州省遵义市桐梓县娄山关街道", "township", "520322001000"),
    ("贵州遵义桐梓娄山关镇某村", "township", "520322001000"),
    ("贵州省遵义市桐梓县娄山关街道石坪村3组12号", "township", "520322001000"),
    ("重庆江津德感街道", "township", "500116002000"),
    ("江津德感", "township", "500116002000"),
    ("贵州桐梓娄山关街道", "township", "520322001000"),
    ("湖北恩施州利川市文斗镇", "township", "422802108000"),
    ("黔南州都匀市", "county", "522701000000"),
    ("贵州省遵义市", "prefecture", "520300000000"),
    ("遵义", "prefecture", "520300000000"),
    ("贵州省", "province", "520000000000"),
    ("贵州", "province", "520000000000"),
    ("重庆市江津区", "county", "500116000000"),
    ("桐梓县", "county", "520322000000"),
]


@pytest.mark.parametrize(("address", "precision", "code"), CASES)
def test_parses_common_forms(
    geocoder: OfflineGeocoder, address: str, precision: str, code: str
) -> None:
    """Full, abbreviated, prefecture-less and partial addresses land where they say."""
    result = geocoder.geocode(address)
    assert result.precision == precision
    assert result.division_code == code
    assert result.location is not None


def test_full_name_and_location(geocoder: OfflineGeocoder) -> None:
    """A township result carries the full division path and the township's WGS-84 seat."""
    result = geocoder.geocode("贵州省遵义市桐梓县娄山关街道")
    assert result.division_name == "贵州省遵义市桐梓县娄山关街道"
    assert result.location == LatLon(28.118622, 106.824001)
    assert result.note == ""


@pytest.mark.parametrize("address", ["", "   ", "不详", "asdf1234", "13800138000", "？？？"])
def test_garbage_is_not_placed(geocoder: OfflineGeocoder, address: str) -> None:
    """Empty or meaningless text gives precision none and no location."""
    result = geocoder.geocode(address)
    assert result.precision == "none"
    assert result.location is None
    assert result.division_code == ""


def test_province_only_is_not_made_finer(geocoder: OfflineGeocoder) -> None:
    """An address naming only a province stays at province level, with a note."""
    result = geocoder.geocode("四川省")
    assert result.precision == "province"
    assert result.division_code == "510000000000"
    assert "only a province" in result.note


def test_township_without_county_found_by_its_prefecture(geocoder: OfflineGeocoder) -> None:
    """A township unique in the named prefecture is placed; the note says no county was named."""
    result = geocoder.geocode("贵州省遵义市娄山关街道石坪村")
    assert result.precision == "township"
    assert result.division_code == "520322001000"
    assert "no county named" in result.note


def test_township_outside_the_named_area_is_not_placed(geocoder: OfflineGeocoder) -> None:
    """A township that is not in the named prefecture leaves the result at the prefecture."""
    result = geocoder.geocode("贵州省贵阳市娄山关街道")
    assert result.precision == "prefecture"
    assert result.division_code == "520100000000"
    assert "'娄山关街道' is not in 贵阳市" in result.note


def test_ambiguous_township_falls_back_and_says_so(geocoder: OfflineGeocoder) -> None:
    """城关镇 names several townships in Guizhou: without a county it stays at the province."""
    result = geocoder.geocode("贵州省城关镇")
    assert result.precision == "province"
    assert result.division_code == "520000000000"
    assert "'城关镇' names 3 places; placed at province level" in result.note


def test_ambiguous_township_resolved_by_county(geocoder: OfflineGeocoder) -> None:
    """The named county picks the right one of several townships with the same name."""
    gaz = geocoder.gazetteer
    towns = [t for t in gaz.townships() if t.name == "城关镇"]
    assert len(towns) > 10
    for town in towns[:10]:
        result = geocoder.geocode(town.full_name + "东风村")
        assert result.division_code == town.code


def test_ambiguous_county_without_context(geocoder: OfflineGeocoder) -> None:
    """朝阳区 is in Beijing and Changchun: alone it is not placed; with a city it is."""
    alone = geocoder.geocode("朝阳区")
    assert alone.precision == "none"
    assert "2 places" in alone.note
    assert geocoder.geocode("北京朝阳区").division_code == "110105000000"
    assert geocoder.geocode("长春市朝阳区").division_code == "220104000000"


def test_old_names_resolve_with_a_note(geocoder: OfflineGeocoder) -> None:
    """Pre-2020 names (宜宾县, 柏溪镇) lead to today's divisions and are noted."""
    result = geocoder.geocode("四川省宜宾县柏溪镇")
    assert result.division_name == "四川省宜宾市叙州区柏溪街道"
    assert "old county name 宜宾县 -> 叙州区" in result.note
    assert "old township name 柏溪镇 -> 柏溪街道" in result.note


def test_suffix_variant_is_noted(geocoder: OfflineGeocoder) -> None:
    """娄山关镇 for 娄山关街道 is recognised and the note names both."""
    result = geocoder.geocode("贵州遵义桐梓娄山关镇")
    assert result.division_code == "520322001000"
    assert "娄山关镇 -> 娄山关街道" in result.note


def test_full_width_digits_and_spaces(geocoder: OfflineGeocoder) -> None:
    """Full-width characters, spaces and punctuation do not change the result."""
    plain = geocoder.geocode("重庆市江津区德感街道长江村3组12号")
    messy = geocoder.geocode(" 重庆市　江津区， 德感 街道 长江村３组１２号 ")
    assert messy == plain
    assert normalise_address("　贵州，桐梓３组") == "贵州桐梓3组"
    assert normalise_address("1. 户籍地址：中国四川省") == "四川省"


def test_missing_point_uses_the_parent_and_says_so(geocoder: OfflineGeocoder) -> None:
    """A township without a point of its own takes its county's and the note says so."""
    gaz = geocoder.gazetteer
    town = next(t for t in gaz.townships("52") if t.location is None)
    result = geocoder.geocode(town.full_name)
    assert result.division_code == town.code
    assert result.precision == "township"
    assert result.location == gaz.locate(town.code)[0]
    assert "no coordinate for township" in result.note


def test_notes_never_repeat_the_address(geocoder: OfflineGeocoder) -> None:
    """Notes name divisions at most, never the village or house number."""
    for address in ("贵州省城关镇石坪村3组12号", "四川省宜宾县柏溪镇石坪村3组", "asdf石坪村3组"):
        note = geocoder.geocode(address).note
        assert "石坪村" not in note
        assert normalise_address(address) not in note


def test_geocode_many_reuses_results(geocoder: OfflineGeocoder) -> None:
    """Repeated addresses (also differently typed) are parsed once and give the same result."""
    addresses = ["重庆江津德感街道", "贵州省", "重庆江津德感街道", " 重庆 江津 德感街道 "]
    results = geocoder.geocode_many(addresses)
    assert [r.division_code for r in results] == [
        "500116002000",
        "520000000000",
        "500116002000",
        "500116002000",
    ]
    assert results[0] is results[2] is results[3]


def test_module_geocode_many_asks_once_per_address() -> None:
    """geocode_many() asks a plain Geocoder once per distinct address and keeps the order."""

    class Counting:
        def __init__(self) -> None:
            self.calls = 0

        def geocode(self, address: str) -> GeocodeResult:
            self.calls += 1
            return GeocodeResult(location=None, precision="none", note=f"call {self.calls}")

    counting = Counting()
    results = geocode_many(counting, ["a", "b", "a", "c", "b"])
    assert counting.calls == 3
    assert [r.note for r in results] == ["call 1", "call 2", "call 1", "call 3", "call 2"]


def _county(code: str) -> str:
    return code[:6] + "000000" if code else ""


def test_accuracy_on_the_address_set(geocoder: OfflineGeocoder) -> None:
    """County >= 99 %, township >= 95 %, and no invented county-or-finer placement."""
    with ADDRESSES.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 600
    results = geocoder.geocode_many(r["address"] for r in rows)
    pairs = list(zip(rows, results, strict=True))
    counties = [(r, g) for r, g in pairs if r["expected_county_code"]]
    towns = [(r, g) for r, g in pairs if r["expected_township_code"]]
    county_ok = sum(_county(g.division_code) == r["expected_county_code"] for r, g in counties)
    town_ok = sum(g.division_code == r["expected_township_code"] for r, g in towns)
    invented = [
        r["address"]
        for r, g in pairs
        if r["names_county"] == "false" and g.precision in ("exact", "township", "county")
    ]
    assert county_ok / len(counties) >= 0.99
    assert town_ok / len(towns) >= 0.95
    assert invented == []


# --- online geocoding against a local server -----------------------------------


@dataclass
class FakeProvider:
    """A local HTTP server that answers like a provider, and counts requests."""

    host: str
    answers: dict[str, Any] = field(default_factory=dict)  # path -> JSON body
    status: int = 200
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    """Start an HTTP server on 127.0.0.1 (a free port) in a thread."""
    fake = FakeProvider(host="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            fake.requests.append(self.path)
            body = json.dumps(fake.answers.get(path, {})).encode()
            self.send_response(fake.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep the test output quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.host = f"127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()
    thread.join()


def _online(provider: FakeProvider, name: str, cache: Path, **kwargs: Any) -> OnlineGeocoder:
    return OnlineGeocoder(
        name,
        api_key=kwargs.pop("api_key", "test-key"),
        cache_path=cache,
        min_delay_seconds=0.0,
        domain=provider.host,
        scheme="http",
        fallback=kwargs.pop("fallback", None),
        max_retries=kwargs.pop("max_retries", 0),
    )


ADDRESS = "重庆市江津区德感街道长江村3组12号"


def test_nominatim_result_and_cache(provider: FakeProvider, tmp_path: Path) -> None:
    """Nominatim's WGS-84 answer is used as is; the cache file answers the second call."""
    provider.answers["/search"] = [
        {
            "lat": "29.3221",
            "lon": "106.1958",
            "display_name": "德感街道, 江津区, 重庆市, 中国",
            "class": "boundary",
            "type": "administrative",
            "addresstype": "town",
            "place_rank": 16,
        }
    ]
    cache = tmp_path / "geocache.json"
    first = _online(provider, "nominatim", cache).geocode(ADDRESS)
    assert first.location == LatLon(29.3221, 106.1958)
    assert first.precision == "township"
    assert len(provider.requests) == 1
    assert "countrycodes=cn" in provider.requests[0]
    # A new geocoder with the same cache file does not ask again.
    again = _online(provider, "nominatim", cache).geocode(ADDRESS)
    assert again.location == first.location
    assert "cached" in again.note
    assert len(provider.requests) == 1
    assert "长江村" not in cache.read_text(encoding="utf-8")


def test_amap_gcj02_is_converted(provider: FakeProvider, tmp_path: Path) -> None:
    """AMap's GCJ-02 "lon,lat" comes back as WGS-84 (the geodata's Jiangjin pair)."""
    provider.answers["/v3/geocode/geo"] = {
        "status": "1",
        "info": "OK",
        "infocode": "10000",
        "count": "1",
        "geocodes": [
            {
                "formatted_address": "重庆市江津区",
                "adcode": "500116",
                "location": "106.259281,29.290069",
                "level": "区县",
            }
        ],
    }
    result = _online(provider, "amap", tmp_path / "c.json").geocode(ADDRESS)
    assert result.precision == "county"
    assert result.location is not None
    # cn_divisions_2026_with_coords.csv: 江津区 GCJ-02 -> WGS-84 (29.292922, 106.255533)
    assert result.location.lat == pytest.approx(29.292922, abs=2e-6)
    assert result.location.lon == pytest.approx(106.255533, abs=2e-6)
    assert "key=test-key" in provider.requests[0]


def test_baidu_bd09_is_converted(provider: FakeProvider, tmp_path: Path) -> None:
    """Baidu's BD-09 answer is converted to WGS-84; a precise 门址 is an exact hit."""
    wgs = LatLon(29.3221, 106.1958)
    bd = wgs84_to_bd09(wgs)
    provider.answers["/geocoding/v3/"] = {
        "status": 0,
        "result": {
            "location": {"lng": bd.lon, "lat": bd.lat},
            "precise": 1,
            "confidence": 80,
            "level": "门址",
        },
    }
    result = _online(provider, "baidu", tmp_path / "c.json").geocode(ADDRESS)
    assert result.precision == "exact"
    assert result.location is not None
    assert result.location.lat == pytest.approx(wgs.lat, abs=1e-7)
    assert result.location.lon == pytest.approx(wgs.lon, abs=1e-7)


def test_no_match_uses_the_fallback_and_is_not_cached(
    provider: FakeProvider, tmp_path: Path, geocoder: OfflineGeocoder
) -> None:
    """An empty answer falls back to the offline geocoder and is asked again next time."""
    provider.answers["/search"] = []
    cache = tmp_path / "c.json"
    online = _online(provider, "nominatim", cache, fallback=geocoder)
    result = online.geocode(ADDRESS)
    assert result.division_code == "500116002000"
    assert result.note.startswith("nominatim found no match")
    online.geocode(ADDRESS)
    assert len(provider.requests) == 2
    assert not cache.exists()


def test_too_coarse_answer_is_not_used(provider: FakeProvider, tmp_path: Path) -> None:
    """A country-level hit is not passed off as a location."""
    provider.answers["/v3/geocode/geo"] = {
        "status": "1",
        "geocodes": [{"location": "116.3,39.9", "level": "国家"}],
    }
    result = _online(provider, "amap", tmp_path / "c.json").geocode(ADDRESS)
    assert result.precision == "none"
    assert result.location is None
    assert "too coarse" in result.note


def test_service_errors_raise_without_the_address(
    provider: FakeProvider, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An HTTP 500 raises GeocoderUnavailable; neither it nor any log line carries the address."""
    provider.status = 500
    online = _online(provider, "nominatim", tmp_path / "c.json", max_retries=1)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(GeocoderUnavailable) as info:
        online.geocode(ADDRESS)
    assert len(provider.requests) == 2  # one retry
    text = str(info.value) + "\n" + "\n".join(r.getMessage() for r in caplog.records)
    assert "长江村" not in text
    assert quote("长江村") not in text
    assert info.value.__cause__ is None


def test_amap_key_error_raises(provider: FakeProvider, tmp_path: Path) -> None:
    """AMap's status 0 (bad key) becomes GeocoderUnavailable naming the provider."""
    provider.answers["/v3/geocode/geo"] = {
        "status": "0",
        "info": "INVALID_USER_KEY",
        "infocode": "10001",
    }
    with pytest.raises(GeocoderUnavailable, match="amap"):
        _online(provider, "amap", tmp_path / "c.json").geocode(ADDRESS)


def test_unreachable_server_raises(tmp_path: Path) -> None:
    """A closed port raises GeocoderUnavailable rather than hanging or crashing."""
    online = OnlineGeocoder(
        "nominatim",
        api_key=None,
        cache_path=tmp_path / "c.json",
        min_delay_seconds=0.0,
        domain="127.0.0.1:9",
        scheme="http",
        fallback=None,
        max_retries=0,
        timeout=2.0,
    )
    with pytest.raises(GeocoderUnavailable):
        online.geocode(ADDRESS)


def test_bad_settings_are_input_errors(tmp_path: Path) -> None:
    """An unknown provider or a missing key is the user's to fix (InputError)."""
    with pytest.raises(InputError, match="unknown online geocoder"):
        OnlineGeocoder("mapquest", api_key=None, cache_path=tmp_path / "c", fallback=None)
    with pytest.raises(InputError, match="needs an API key"):
        OnlineGeocoder("amap", api_key=None, cache_path=tmp_path / "c", fallback=None)


def test_results_are_frozen() -> None:
    """GeocodeResult cannot be changed after it is made."""
    result = GeocodeResult(location=None, precision="none")
    with pytest.raises(AttributeError):
        result.note = "x"  # type: ignore[misc]


def test_unreadable_cache_is_an_input_error(tmp_path: Path) -> None:
    """A damaged cache file stops with a message naming the file and what to do."""
    cache = tmp_path / "geocache.json"
    cache.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"geocache\.json") as info:
        OnlineGeocoder("nominatim", api_key=None, cache_path=cache, fallback=None)
    assert "delete the file" in str(info.value)
