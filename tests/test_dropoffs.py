"""Drop-off site ids: a dormitory's, made and read back in one place."""

from __future__ import annotations

from returnbus.dropoffs import DESTINATION, QUARANTINE, dorm_of_site, dorm_site


def test_a_dormitory_s_site_id_is_its_id_behind_dorm_and_reads_back() -> None:
    """``dorm:<id>`` is what plan.json's drop-off stops hold (README), so
    the form is pinned here; reading it back gives the id again."""
    assert dorm_site("DA") == "dorm:DA"
    assert dorm_of_site(dorm_site("DA")) == "DA"
    assert dorm_of_site(dorm_site("dorm:B")) == "dorm:B"  # only one prefix comes off


def test_sites_of_employers_the_destination_and_the_stand_in_are_no_dormitory_s() -> None:
    for site in ("employer:E1", DESTINATION, QUARANTINE, "DA", "xdorm:DA"):
        assert dorm_of_site(site) is None
