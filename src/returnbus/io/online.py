"""Opt-in online geocoding: AMap (Gaode), Baidu or Nominatim through geopy.

Only used when the user asks for it (``returnbus geocode --online NAME``):
addresses leave the machine.  Every answer is cached in a local JSON file
keyed by a hash of provider and address, requests are paced by geopy's
``RateLimiter``, and points from Chinese services are converted from GCJ-02
or BD-09 to WGS-84.  Nothing here logs an address.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeopyError,
)
from geopy.exc import GeocoderUnavailable as GeopyUnavailable
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import BaiduV3, Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL
from geopy.geocoders.base import Geocoder as _GeopyGeocoder
from geopy.location import Location

from ..domain import PRECISION_ORDER, LatLon, Precision
from ..errors import GeocoderUnavailable, InputError, special_file
from ..geo.coords import CoordSystem, to_wgs84
from ..geo.gazetteer import Gazetteer
from ..geo.geocode import Geocoder, GeocodeResult, OfflineGeocoder, normalise_address
from ..geo.nearby import province_at
from ..text import Text, by_count, joined, listed, system_said
from ..version import __version__
from .gazetteer import load_gazetteer

logger = logging.getLogger(__name__)


class _AMap(_GeopyGeocoder):  # type: ignore[misc]  # geopy ships no type hints
    """AMap (Gaode) web-service geocoder, following geopy's own pattern.

    Documentation: https://lbs.amap.com/api/webservice/guide/api/georegeo .
    Points come back in GCJ-02 as ``"lon,lat"``.
    """

    api_path = "/v3/geocode/geo"
    _AUTH_CODES = frozenset({"10001", "10002", "10005", "10006", "10007", "10008"})
    _QUOTA_CODES = frozenset({"10003", "10004", "10014", "10019", "10020", "10021"})

    def __init__(
        self,
        api_key: str,
        *,
        domain: str = "restapi.amap.com",
        scheme: str | None = None,
        timeout: float = 10.0,
        user_agent: str | None = None,
    ) -> None:
        super().__init__(scheme=scheme, timeout=timeout, user_agent=user_agent)
        self.api_key = api_key
        self.api = f"{self.scheme}://{domain.strip('/')}{self.api_path}"

    def _construct_url(self, params: dict[str, str]) -> str:
        return "?".join((self.api, urlencode(params)))

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Any:
        url = self._construct_url({"key": self.api_key, "address": query, "output": "JSON"})
        callback = functools.partial(self._parse_json, exactly_one=exactly_one)
        return self._call_geocoder(url, callback, timeout=timeout)

    def _parse_json(self, page: dict[str, Any], exactly_one: bool = True) -> Any:
        if str(page.get("status")) != "1":
            code = str(page.get("infocode", ""))
            info = str(page.get("info", "unknown error"))
            if code in self._AUTH_CODES:
                raise GeocoderAuthenticationFailure(info)
            if code in self._QUOTA_CODES:
                raise GeocoderQuotaExceeded(info)
            raise GeocoderServiceError(info)
        places = [self._parse_place(p) for p in page.get("geocodes") or []]
        if not places:
            return None
        return places[0] if exactly_one else places

    @staticmethod
    def _parse_place(place: dict[str, Any]) -> Location:
        lon, lat = (float(v) for v in str(place["location"]).split(","))
        return Location(place.get("formatted_address") or "", (lat, lon), place)


class _BaiduV3(BaiduV3):  # type: ignore[misc]  # geopy ships no type hints
    """geopy's BaiduV3 with a configurable domain (for proxies and tests)."""

    def __init__(self, api_key: str, *, domain: str | None, **kwargs: Any) -> None:
        super().__init__(api_key, **kwargs)
        if domain:
            self.api = f"{self.scheme}://{domain.strip('/')}{self.api_path}"


# Provider answers -> our precision; None means "not usable".
_AMAP_LEVELS: dict[str, Precision | None] = {
    "国家": None, "省": "province", "市": "prefecture", "区县": "county",
    "开发区": "county", "乡镇": "township", "村庄": "township",
    "热点商圈": "township", "道路": "township", "道路交叉路口": "township",
    "公交站台、地铁站": "township", "兴趣点": "exact", "门牌号": "exact",
    "单元号": "exact", "未知": None,
}  # fmt: skip
_BAIDU_ADMIN_LEVELS: dict[str, Precision | None] = {
    "UNKNOWN": None, "国家": None, "省": "province", "城市": "prefecture",
    "区县": "county", "乡镇": "township",
}  # fmt: skip
_NOMINATIM_TYPES: dict[str, Precision | None] = {
    "country": None, "state": "province", "province": "province",
    "region": "prefecture", "state_district": "prefecture", "city": "prefecture",
    "county": "county", "district": "county", "city_district": "county",
    "municipality": "county", "borough": "county", "town": "township",
    "township": "township", "suburb": "township", "quarter": "township",
    "village": "township", "hamlet": "township", "neighbourhood": "township",
    "isolated_dwelling": "township", "road": "township", "residential": "township",
    "house": "exact", "building": "exact",
}  # fmt: skip


def _amap_precision(raw: dict[str, Any]) -> tuple[Precision | None, str]:
    level = str(raw.get("level", ""))
    return _AMAP_LEVELS.get(level), level


def _baidu_precision(raw: dict[str, Any]) -> tuple[Precision | None, str]:
    level = str(raw.get("level", ""))
    if level in _BAIDU_ADMIN_LEVELS:
        return _BAIDU_ADMIN_LEVELS[level], level
    # Anything finer (门址, 村庄, a POI) is at least township; Baidu's own
    # "precise" flag says whether it is a real point rather than a guess.
    return ("exact" if raw.get("precise") == 1 else "township"), level


def _nominatim_precision(raw: dict[str, Any]) -> tuple[Precision | None, str]:
    kind = str(raw.get("addresstype") or raw.get("type") or "")
    return _NOMINATIM_TYPES.get(kind), kind


@dataclass(frozen=True, slots=True)
class _Provider:
    name: str
    system: CoordSystem
    needs_key: bool
    precision: Callable[[dict[str, Any]], tuple[Precision | None, str]]


_PROVIDERS = {
    "amap": _Provider("amap", "gcj02", True, _amap_precision),
    "baidu": _Provider("baidu", "bd09", True, _baidu_precision),
    "nominatim": _Provider("nominatim", "wgs84", False, _nominatim_precision),
}
_ALIASES = {"gaode": "amap", "baiduv3": "baidu", "osm": "nominatim"}


class _DropAll(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return False


# geopy logs request URLs and RateLimiter's call arguments, urllib3 logs the
# URLs it fetches: all of them contain the address.
_CHATTY_LOGGERS = ("geopy", "urllib3.connectionpool")


@contextlib.contextmanager
def _network_logs_silenced() -> Iterator[None]:
    """Drop every record of the loggers that would write the address."""
    drop = _DropAll()
    for name in _CHATTY_LOGGERS:
        logging.getLogger(name).addFilter(drop)
    try:
        yield
    finally:
        for name in _CHATTY_LOGGERS:
            logging.getLogger(name).removeFilter(drop)


def _unavailable(name: str, error: Exception) -> GeocoderUnavailable:
    """The failure said by its cause (never by its text, which can carry the address)."""
    kind = type(error).__name__
    if isinstance(error, GeocoderAuthenticationFailure | GeocoderInsufficientPrivileges):
        cause = "geocoder_key_refused"
    elif isinstance(error, GeocoderQuotaExceeded | GeocoderRateLimited):
        cause = "geocoder_quota"
    elif isinstance(error, GeopyUnavailable | GeocoderTimedOut) or (
        isinstance(error, OSError) and not isinstance(error, GeopyError)  # refused, no route
    ):
        cause = "geocoder_unreachable"
    else:
        cause = "geocoder_failed"
    # What to do, then the offline gazetteer, whatever the cause.
    return GeocoderUnavailable(
        Text(cause, name=name, kind=kind),
        hint=joined([Text(f"{cause}_action"), Text("geocoder_offline_action")]),
    )


class OnlineGeocoder:
    """Geocode with a web service, caching every answer in a local JSON file.

    Parameters
    ----------
    provider:
        ``"amap"`` (Gaode; needs ``api_key``), ``"baidu"`` (Baidu v3; needs
        ``api_key``) or ``"nominatim"`` (OpenStreetMap).
    api_key:
        The provider's key.  It is sent to the provider only.
    cache_path:
        JSON file of earlier answers, keyed by a SHA-256 hash of provider and
        normalised address (the file holds no address text).  Each address is
        asked once; failures and unusable answers are not cached.
    min_delay_seconds:
        Pause between requests (geopy's ``RateLimiter``).
    domain, scheme:
        Another host (a self-hosted Nominatim, a proxy) and ``"http"`` or
        ``"https"``.
    fallback:
        Used when the provider finds nothing usable, typically an
        :class:`OfflineGeocoder`.
    max_retries:
        Retries after a service error before giving up.
    gazetteer:
        Tells the province of a point the provider placed (it names no
        division), when the seats around it leave no doubt: screening asks
        the home's province.  By default the fallback's, else the shipped one.

    Network and service errors raise :class:`~returnbus.errors.GeocoderUnavailable`.
    """

    def __init__(
        self,
        provider: str,
        *,
        api_key: str | None,
        cache_path: Path,
        min_delay_seconds: float = 1.0,
        domain: str | None = None,
        scheme: str | None = None,
        fallback: Geocoder | None,
        max_retries: int = 2,
        timeout: float = 10.0,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        name = _ALIASES.get(provider.strip().lower(), provider.strip().lower())
        if name not in _PROVIDERS:
            raise InputError(
                Text("geocoder_unknown", value=provider),
                hint=Text("geocoder_unknown_action", names=listed(sorted(_PROVIDERS))),
            )
        self._provider = _PROVIDERS[name]
        if self._provider.needs_key and not api_key:
            raise InputError(
                Text("geocoder_needs_key", name=name),
                hint=Text("geocoder_needs_key_action", name=name),
            )
        self.cache_path = Path(cache_path)
        self.fallback = fallback
        if gazetteer is None:
            gazetteer = (
                fallback.gazetteer if isinstance(fallback, OfflineGeocoder) else load_gazetteer()
            )
        self.gazetteer = gazetteer
        user_agent = f"returnbus/{__version__}"
        service: Any
        if name == "amap":
            service = _AMap(
                str(api_key),
                domain=domain or "restapi.amap.com",
                scheme=scheme,
                timeout=timeout,
                user_agent=user_agent,
            )
        elif name == "baidu":
            service = _BaiduV3(
                str(api_key),
                domain=domain,
                scheme=scheme,
                timeout=timeout,
                user_agent=user_agent,
            )
        else:
            service = Nominatim(
                domain=domain or "nominatim.openstreetmap.org",
                scheme=scheme,
                timeout=timeout,
                user_agent=user_agent,
            )
        self._service = service
        self._ask = RateLimiter(
            self._query,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=max(min_delay_seconds, 1.0),
            swallow_exceptions=False,
        )
        self._cache = self._read_cache()
        cached = len(self._cache)
        logger.debug("%s", Text(by_count("log_online_cached", cached), name=name, answers=cached))

    def geocode(self, address: str) -> GeocodeResult:
        """Place one address with the provider (or the cache, or the fallback)."""
        text = normalise_address(address)
        if not text:
            return self._fall_back(address, Text("geo_empty"))
        key = hashlib.sha256(f"{self._provider.name}\n{text}".encode()).hexdigest()
        hit = self._cache.get(key)
        if hit is not None:
            return self._from_cache(hit)
        try:
            with _network_logs_silenced():
                location = self._ask(text)
        except (GeopyError, OSError, ValueError) as error:
            # The error text can carry the request URL, i.e. the address:
            # report only its type.
            raise _unavailable(self._provider.name, error) from None
        if location is None:
            return self._fall_back(address, Text("geo_online_none", name=self._provider.name))
        precision, level = self._provider.precision(dict(location.raw))
        if precision is None:
            return self._fall_back(
                address,
                Text("geo_online_coarse", name=self._provider.name, level=level or "unknown"),
            )
        point = to_wgs84((location.latitude, location.longitude), self._provider.system)
        entry = {"lat": point.lat, "lon": point.lon, "precision": precision, "level": level}
        self._cache[key] = entry
        self._write_cache()
        return self._from_cache(entry, cached=False)

    def _query(self, text: str) -> Any:
        if self._provider.name == "nominatim":
            return self._service.geocode(text, exactly_one=True, country_codes="cn")
        return self._service.geocode(text, exactly_one=True)

    def _from_cache(self, entry: dict[str, Any], *, cached: bool = True) -> GeocodeResult:
        name = self._provider.name
        source = Text("geo_online_cached", name=name) if cached else name
        level = entry.get("level") or "?"
        point = LatLon(float(entry["lat"]), float(entry["lon"]))
        # The provider names no division: the province, as for roster lat/lon,
        # else the home's province is unknown to screening and the area check.
        province = province_at(point, self.gazetteer)
        return GeocodeResult(
            location=point,
            precision=entry["precision"],
            division_code=province.code if province else "",
            division_name=province.full_name if province else "",
            note=Text("geo_online", source=source, level=level),
        )

    def _fall_back(self, address: str, why: str) -> GeocodeResult:
        if self.fallback is None:
            return GeocodeResult(location=None, precision="none", note=why)
        result = self.fallback.geocode(address)
        note = (
            Text("geo_offline", why=why, note=result.note)
            if result.note
            else Text("geo_offline_only", why=why)
        )
        return GeocodeResult(
            location=result.location,
            precision=result.precision,
            division_code=result.division_code,
            division_name=result.division_name,
            note=note,
        )

    def _read_cache(self) -> dict[str, dict[str, Any]]:
        # /dev/null, a pipe, a folder or a file we may not read is no damaged
        # cache to delete: said as what it is (a pipe would wait for ever).
        special = special_file(self.cache_path)
        if special is not None or self.cache_path.is_dir():
            what = special or Text("a_folder")
            raise InputError(
                Text("geocache_not_file", what=what),
                path=self.cache_path,
                hint=Text("geocache_path_action"),
            )
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise InputError(
                Text("geocache_unreadable_os", why=system_said(error)),
                path=self.cache_path,
                hint=Text("geocache_path_action"),
            ) from None
        except ValueError:
            raise InputError(
                Text("geocache_unreadable"),
                path=self.cache_path,
                hint=Text("geocache_unreadable_action"),
            ) from None
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(entries, dict):
            return {}
        # Keep only well-formed answers; anything else is simply asked again.
        return {
            key: entry
            for key, entry in entries.items()
            if isinstance(entry, dict)
            and entry.get("precision") in PRECISION_ORDER
            and isinstance(entry.get("lat"), float | int)
            and isinstance(entry.get("lon"), float | int)
        }

    def _write_cache(self) -> None:
        # Write a temporary file and rename it, so a crash never leaves half a cache.
        payload = json.dumps({"version": 1, "entries": self._cache}, ensure_ascii=False)
        try:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.cache_path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(payload)
            os.replace(tmp, self.cache_path)
        except OSError as error:  # a folder we may not write to, a full disk: the desk's to settle
            raise InputError(
                Text("geocache_unwritable", why=system_said(error)),
                path=self.cache_path,
                hint=Text("geocache_path_action"),
            ) from None
