"""Online geocoding against a local imitation of each provider (no network)."""

from __future__ import annotations

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

from returnbus.domain import LatLon, Worker
from returnbus.errors import GeocoderUnavailable, InputError
from returnbus.geo.coords import wgs84_to_bd09
from returnbus.geo.geocode import (
    OfflineGeocoder,
)
from returnbus.io.online import OnlineGeocoder
from returnbus.locate import locate_workers
from returnbus.screen import ScreeningPolicy, quarantine_cause

from ..helpers import NO_FILE_SAID, no_file_at


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
#: Nominatim's answer for the town of ADDRESS.
DEGAN = {
    "lat": "29.3221",
    "lon": "106.1958",
    "display_name": "德感街道, 江津区, 重庆市, 中国",
    "class": "boundary",
    "type": "administrative",
    "addresstype": "town",
    "place_rank": 16,
}


def test_nominatim_result_and_cache(provider: FakeProvider, tmp_path: Path) -> None:
    """Nominatim's WGS-84 answer is used as is; the cache file answers the second call."""
    provider.answers["/search"] = [dict(DEGAN)]
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
    with pytest.raises(GeocoderUnavailable, match="'amap' refused the API key") as info:
        _online(provider, "amap", tmp_path / "c.json").geocode(ADDRESS)
    assert "offline gazetteer" in info.value.hint


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
    with pytest.raises(GeocoderUnavailable, match="'nominatim' cannot be reached") as info:
        online.geocode(ADDRESS)
    assert "without --online" in info.value.hint


def test_bad_settings_are_input_errors(tmp_path: Path) -> None:
    """An unknown provider or a missing key is the user's to fix (InputError)."""
    with pytest.raises(InputError, match="unknown online geocoder"):
        OnlineGeocoder("mapquest", api_key=None, cache_path=tmp_path / "c", fallback=None)
    with pytest.raises(InputError, match="needs an API key") as info:
        OnlineGeocoder("amap", api_key=None, cache_path=tmp_path / "c", fallback=None)
    # The hint names what the desk can type: the flag or the environment variable.
    for said in (str(info.value), info.value.said("zh")):
        assert "--api-key" in said and "RETURNBUS_GEOCODER_KEY" in said, said
        assert " api_key" not in said, said


def test_unreadable_cache_is_an_input_error(tmp_path: Path) -> None:
    """A damaged cache file stops with a message naming the file and what to do."""
    cache = tmp_path / "geocache.json"
    cache.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"geocache\.json") as info:
        OnlineGeocoder("nominatim", api_key=None, cache_path=cache, fallback=None)
    assert "delete the file" in str(info.value)


@pytest.mark.parametrize("kind", ["device", "pipe", "folder", "unreadable"])
def test_a_cache_that_is_no_file_to_read_is_said_so_not_to_be_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """--cache /dev/null or a folder was "delete the file to start a new
    cache" (the device, the folder), a pipe waited for ever, and a cache we
    may not read was called damaged: each is said as what it is."""
    cache = no_file_at(tmp_path, kind, monkeypatch, "geocache.json")
    with pytest.raises(InputError) as caught:
        OnlineGeocoder("nominatim", api_key=None, cache_path=cache, fallback=None)
    said = str(caught.value)
    assert NO_FILE_SAID[kind][0] in said and "delete" not in said, said
    assert caught.value.path == cache and "--cache" in str(caught.value.hint)


def test_a_cache_that_cannot_be_written_is_an_input_error(
    provider: FakeProvider, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache in a folder we may not write to was an internal fault (the
    system's PermissionError, exit 1) once the first answer came."""
    provider.answers["/search"] = [dict(DEGAN)]
    cache = tmp_path / "geocache.json"
    online = _online(provider, "nominatim", cache)

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr("tempfile.mkstemp", refused)
    with pytest.raises(InputError) as caught:
        online.geocode(ADDRESS)
    assert "cannot write the geocoder cache" in str(caught.value) and caught.value.path == cache
    assert "--cache" in str(caught.value.hint)


def test_an_online_home_is_given_its_province(
    provider: FakeProvider, tmp_path: Path, geocoder: OfflineGeocoder
) -> None:
    """The provider names no division: the point gives the province when the
    gazetteer's seats leave no doubt (as roster lat/lon do), fresh or cached,
    so a self-returner placed online in Chongqing is not quarantined as if
    from outside."""
    provider.answers["/search"] = [dict(DEGAN)]
    cache = tmp_path / "c.json"
    for _ in range(2):  # asked, then read from the cache
        online = _online(provider, "nominatim", cache, fallback=geocoder)
        (worker,) = locate_workers(
            [Worker(id="w", row=2, name="x", address=ADDRESS, travel_mode="self")],
            online,
            gazetteer=geocoder.gazetteer,
        )
        assert (worker.division_code, worker.division_name) == ("500000000000", "重庆市")
        assert worker.precision == "township"
        assert quarantine_cause(worker, ScreeningPolicy(), "50") is None
    assert len(provider.requests) == 1


def test_an_online_home_far_from_any_seat_is_given_no_province(
    provider: FakeProvider, tmp_path: Path, geocoder: OfflineGeocoder
) -> None:
    """At sea the province is not guessed (the division stays unknown)."""
    provider.answers["/search"] = [dict(DEGAN, lat="20.0", lon="125.0")]
    online = _online(provider, "nominatim", tmp_path / "c.json", fallback=geocoder)
    result = online.geocode(ADDRESS)
    assert result.location == LatLon(20.0, 125.0)
    assert (result.division_code, result.division_name) == ("", "")
