"""The offline travel model."""

from __future__ import annotations

import numpy as np
from geopy.distance import great_circle
from hypothesis import given
from hypothesis import strategies as st

from returnbus.domain import LatLon
from returnbus.travel import GreatCircleTravel, SpeedBand, TravelSettings, drive_hours

TONGZI = LatLon(28.1186, 106.8240)
JIANGJIN = LatLon(29.2924, 106.2559)


def test_distance_is_great_circle_times_detour() -> None:
    """Road metres are geopy's great-circle distance times the detour factor."""
    model = GreatCircleTravel(TravelSettings(detour_factor=1.3))
    metres, _ = model.leg(TONGZI, JIANGJIN)
    expected = 1.3 * great_circle(TONGZI, JIANGJIN).km * 1000
    assert abs(metres - expected) < 1


def test_bands_are_driven_in_turn() -> None:
    """60 km = 5 km at 25 + 45 km at 45 + 10 km at 70 km/h."""
    bands = (
        SpeedBand(up_to_km=5, kmh=25),
        SpeedBand(up_to_km=50, kmh=45),
        SpeedBand(up_to_km=None, kmh=70),
    )
    hours = drive_hours(np.array([60.0]), bands)[0]
    assert abs(hours - (5 / 25 + 45 / 45 + 10 / 70)) < 1e-9


@given(st.floats(0, 2000), st.floats(0, 2000))
def test_time_is_monotone_and_subadditive(a: float, b: float) -> None:
    """Longer legs never take less time, and one leg never takes longer than two."""
    bands = TravelSettings().speed_bands
    ta, tb, tab = drive_hours(np.array([a, b, a + b]), bands)
    assert tab >= max(ta, tb) - 1e-9
    assert tab <= ta + tb + 1e-9


def test_matrix_is_symmetric_with_zero_diagonal() -> None:
    """Every point to itself is 0; there and back are the same."""
    m = GreatCircleTravel(TravelSettings()).matrix([TONGZI, JIANGJIN, LatLon(27.73, 106.92)])
    assert (np.diag(m.metres) == 0).all() and (np.diag(m.seconds) == 0).all()
    assert (m.metres == m.metres.T).all() and (m.seconds == m.seconds.T).all()
