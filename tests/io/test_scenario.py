"""The scenario file."""

from __future__ import annotations

import errno
import logging
import os
import re
from pathlib import Path

import pytest

from returnbus.domain import LatLon
from returnbus.errors import InputError
from returnbus.geo.coords import CoordSystem, to_wgs84
from returnbus.io.scenario import load_scenario
from returnbus.routing.params import default_workers
from returnbus.text import say

from ..helpers import DEPOT, HUB, run, worker, write_scenario


def test_scenario_loads_with_defaults(tmp_path: Path) -> None:
    """A minimal scenario gets every documented default."""
    scenario = load_scenario(write_scenario(tmp_path, [worker("A1")]))
    s = scenario.settings
    assert (s.rules.max_ride_minutes, s.rules.max_route_minutes, s.quarantine.days) == (
        600,
        1200,
        14,
    )
    assert s.seating.policy == "rated_half" and s.seating.keep_last_two_rows_empty
    assert s.cluster.radius_m == 3000 and scenario.intake.placement.min_precision == "county"
    assert scenario.intake.screening.home_province == "重庆市"
    assert scenario.departure.utcoffset() is not None
    assert [b.id for b in scenario.fleet] == ["C45"]
    assert scenario.employers[0].id == "E1" and len(scenario.dormitories[0].rooms) == 50
    r = s.rules
    assert (r.max_dropoffs, r.quarantine_cohorts) == (3, "separate")
    assert (r.earliest_departure, r.arrive_from, r.arrive_until) == ("05:00", "08:00", "20:00")
    assert (r.max_continuous_driving_minutes, r.break_minutes) == (240, 20)
    assert r.max_driving_minutes_one_driver == 480
    assert scenario.intake.screening.close_contacts == "hold"
    assert not scenario.roster.require_phone
    assert scenario.fleet[0].second_driver_cost == 800


def test_a_sheet_named_for_a_csv_roster_is_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """[roster] sheet does nothing to a CSV: said, not ignored without a word."""
    path = write_scenario(tmp_path, [worker("A1")], extra='\n[roster]\nsheet = "名单"')
    with caplog.at_level(logging.WARNING):
        load_scenario(path)
    (warned,) = [r.msg for r in caplog.records if "sheet" in r.getMessage()]
    assert "workbooks only" in warned and "名单" in warned
    assert "不是工作簿" in say(warned, "zh")


@pytest.mark.parametrize("stem", ["employers", "dormitories", "roster"])
def test_a_table_of_the_named_one_s_stem_changed_later_is_warned_of_by_name_and_time(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, stem: str
) -> None:
    """employers.xlsx saved in Excel after the scenario's employers.csv:
    the csv the scenario names was read without a word, and the desk planned
    from the copy it stopped editing.  The one named is still read (the
    scenario says which), with a warning naming both, when each changed, and
    the scenario's key that names the table: the line the desk changes."""
    path = write_scenario(tmp_path, [worker("A1")])
    named = tmp_path / f"{stem}.csv"
    newer = tmp_path / f"{stem.upper()}.xlsx"  # as Windows may case it
    newer.write_bytes(b"")
    os.utime(named, (1_583_000_000, 1_583_000_000))  # 2020-02-29 18:13 UTC
    with caplog.at_level(logging.WARNING):
        scenario = load_scenario(path)
    (warned,) = [r.msg for r in caplog.records if "changed later" in r.getMessage()]
    assert warned.startswith(f"{named.name} (changed 2020-0"), warned
    assert f"but {newer.name} beside it was changed later" in warned
    assert f"as [scenario] {stem} of scenario.toml names it" in warned
    assert f"name it in [scenario] {stem} instead" in warned
    assert f"请在 [scenario] {stem} 中改为填写它" in say(warned, "zh")
    assert scenario.employers[0].id == "E1" and scenario.roster.path.name == "roster.csv"


def test_a_table_of_the_stem_older_than_the_named_one_is_not_warned_of(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The csv exported from a workbook, and named: the workbook is the older."""
    path = write_scenario(tmp_path, [worker("A1")])
    older = tmp_path / "employers.xlsx"
    older.write_bytes(b"")
    os.utime(older, (1_583_000_000, 1_583_000_000))
    with caplog.at_level(logging.WARNING):
        load_scenario(path)
    assert not [r for r in caplog.records if "changed later" in r.getMessage()]


def test_a_roster_checked_by_its_name_warns_of_a_newer_one_of_its_stem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`returnbus check roster.csv` with a later roster.xls beside it."""
    write_scenario(tmp_path, [worker("A1")])
    roster = tmp_path / "roster.csv"
    (tmp_path / "roster.xls").write_bytes(b"")
    os.utime(roster, (1_583_000_000, 1_583_000_000))
    assert run(["check", str(roster), "--lang", "en"]) == 0
    said = " ".join(capsys.readouterr().err.split())
    assert "roster.csv (changed 2020-0" in said and "roster.xls beside it" in said, said


@pytest.mark.parametrize(
    ("move", "key", "belongs"),
    [
        (("[rules]", "[scenario]"), "scenario.pickup_radius_m", "[rules]"),
        (("[solver]", "[rules]"), "rules.time_limit_seconds", "[solver]"),
        (("[[fleet]]", "[depot]"), "depot.cost_per_km", "[[fleet]]"),
    ],
)
def test_a_key_under_another_table_s_header_is_said_to_belong_to_its_table(
    tmp_path: Path, move: tuple[str, str], key: str, belongs: str
) -> None:
    """A setting spelled right under the wrong header was "unknown setting:
    check the spelling", which is right: where it belongs is said instead."""
    path = write_scenario(tmp_path, [worker("A1")], rules="pickup_radius_m = 2000")
    text = path.read_text(encoding="utf-8")
    line = {"[rules]": "pickup_radius_m = 2000", "[solver]": "time_limit_seconds = 1.0"}.get(
        move[0], "cost_per_km = 6"
    )
    text = text.replace(line + "\n", "", 1).replace(f"{move[1]}\n", f"{move[1]}\n{line}\n", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == key
    assert f"a setting of {belongs}" in caught.value.message
    assert f"under the header {belongs}" in caught.value.hint
    assert "标题下" in say(caught.value.hint, "zh")


@pytest.mark.parametrize(
    ("header", "written"), [("[depot]", "[Depot]"), ("[[fleet]]", "[[Fleet]]")]
)
def test_a_table_written_in_other_case_is_named_not_read_as_absent(
    tmp_path: Path, header: str, written: str
) -> None:
    """[Depot] was read as no [depot]: "depot.lat is missing, add lat = ...
    in [depot]" (it is there), or no buses at all for [[Fleet]]."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(header, written, 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == written.strip("[]")
    assert caught.value.message == f"unknown setting: did you mean `{header.strip('[]')}`?"


def test_a_seed_out_of_range_names_the_key_the_range_and_its_whole_value(
    tmp_path: Path,
) -> None:
    """seed = 2**63: exit 2 naming solver.seed, 0 to 2,147,483,647, and the
    number as written (not 9.22337203685478e+18)."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("seed = 1\n", f"seed = {2**63}\n"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_scenario(path)
    said = " ".join(str(raised.value).split())
    assert "scenario.toml" in said and "'solver.seed'" in said
    assert "got 9,223,372,036,854,775,808" in said and "e+" not in said
    assert "from 0 to 2,147,483,647" in said
    assert "0 到 2,147,483,647" in raised.value.said("zh")


def test_a_number_of_thousands_of_digits_is_an_input_error_at_its_line(
    tmp_path: Path,
) -> None:
    """A number longer than Python reads is refused at its line, not an
    internal fault; one a little shorter is shown by its start and length."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("seed = 1\n")].count("\n") + 1
    path.write_text(text.replace("seed = 1\n", f"seed = 1{'0' * 5000}\n"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_scenario(path)
    assert raised.value.line == line and "5,001 digits" in str(raised.value)
    path.write_text(text.replace("seed = 1\n", f"seed = 1{'0' * 4000}\n"), encoding="utf-8")
    with pytest.raises(InputError, match=r"got 10,000,000,000,… \(4,001 digits\)"):
        load_scenario(path)


@pytest.mark.parametrize("nest", [("[", "]"), ("{a = ", "}")])
def test_lists_nested_thousands_deep_are_an_input_error_at_their_line(
    tmp_path: Path, nest: tuple[str, str]
) -> None:
    """A value nested thousands deep (a paste gone wrong, a hostile file) is
    refused at its line, not an internal fault (RecursionError, exit 1)."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("seed = 1\n")].count("\n") + 1
    deep = nest[0] * 5000 + "1" + nest[1] * 5000
    path.write_text(text.replace("seed = 1\n", f"seed = {deep}\n"), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_scenario(path)
    assert raised.value.line == line and raised.value.path == path
    assert "nested" in str(raised.value) and "嵌套" in raised.value.said("zh")
    # The command line reads [output] lang from it first: that is no fault either.
    assert run(["check", "--scenario", str(path)]) == 2


def test_solver_workers_default_to_every_core_and_can_be_set(tmp_path: Path) -> None:
    """solver.workers: 0 or absent means one search per core; a number is kept."""
    assert load_scenario(
        write_scenario(tmp_path / "a", [worker("A1")])
    ).settings.solver.workers == (default_workers())
    path = write_scenario(tmp_path / "b", [worker("A1")], extra="workers = 3")
    assert load_scenario(path).settings.solver.workers == 3
    path = write_scenario(tmp_path / "c", [worker("A1")], extra="workers = -2")
    with pytest.raises(InputError, match="workers"):
        load_scenario(path)


@pytest.mark.parametrize(
    ("rules", "key", "said", "action"),
    [
        ("stop_minutes = 600", "stop_minutes", "at most 180 minutes", "600 seconds write 10"),
        ("break_minutes = 1200", "break_minutes", "got 1,200 minutes", "1,200 seconds write 20"),
        # A bound that was there already now says its unit, and the figure in it.
        (
            "max_night_driving_minutes = 2",
            "max_night_driving_minutes",
            "got 2 minutes",
            "write 120",
        ),
    ],
)
def test_a_figure_in_another_unit_is_refused_naming_the_key_value_and_unit(
    tmp_path: Path, rules: str, key: str, said: str, action: str
) -> None:
    """A stop of 600 minutes (seconds meant) no plan can keep: far outside
    what the unit means, the figure is refused with its unit and what to
    write in it."""
    path = write_scenario(tmp_path, [worker("A1")], rules=rules)
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == f"rules.{key}"
    assert said in caught.value.message, caught.value.message
    assert action in caught.value.hint, caught.value.hint
    assert "以" in say(caught.value.hint, "zh") and "为单位" in say(caught.value.hint, "zh")


@pytest.mark.parametrize(
    ("rules", "said", "action"),
    [
        # km written where metres are read: every home its own stop, in silence.
        ("pickup_radius_m = 3", "3 metres is unusually small", "for 3 km write 3000"),
        # hours written where minutes are read: every rider left out as too far.
        ("max_ride_minutes = 10", "10 minutes is unusually small", "for 10 hours write 600"),
        # (a ride no longer than the route, which is refused on its own)
        (
            "max_route_minutes = 16\nmax_ride_minutes = 12",
            "16 minutes is unusually small",
            "for 16 hours write 960",
        ),
    ],
)
def test_a_figure_small_enough_to_be_another_units_is_warned_of_and_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, rules: str, said: str, action: str
) -> None:
    """pickup_radius_m = 3 (3 km meant) was planned as 3 metres in silence, a
    ride cap of 10 (hours meant) left every rider out.  A desk may mean
    either (a shuttle within the district), so the figure is used, and
    warned of with its unit and what to write for the unit it may be."""
    path = write_scenario(tmp_path, [worker("A1")], rules=rules)
    with caplog.at_level(logging.WARNING):
        settings = load_scenario(path).settings
    key, _, value = rules.splitlines()[0].partition(" = ")
    read = settings.cluster.radius_m if key == "pickup_radius_m" else getattr(settings.rules, key)
    assert read == int(value)
    warned = " ".join(r.getMessage() for r in caplog.records)
    assert f"'rules.{key}': {said} for this setting; it is used as written" in warned, warned
    assert action in warned, warned


@pytest.mark.parametrize(
    "rules",
    ["pickup_radius_m = 0", "pickup_radius_m = 50", "max_ride_minutes = 30", "stop_minutes = 180"],
)
def test_a_figure_a_desk_may_mean_in_the_unit_is_read(tmp_path: Path, rules: str) -> None:
    """0 m (each home its own stop), 50 m, a 30-minute ride, a 3-hour stop."""
    path = write_scenario(tmp_path, [worker("A1")], rules=rules)
    key, _, value = rules.partition(" = ")
    settings = load_scenario(path).settings
    read = settings.cluster.radius_m if key == "pickup_radius_m" else getattr(settings.rules, key)
    assert read == int(value)


def test_a_cost_odd_in_yuan_is_warned_of_with_its_key_and_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A hire of 3 yuan (3,000 meant) or a km of 3,000 yuan (the hire written
    per km) may be costs weighed in the desk's own figures: used, warned of."""
    fleet = 'id = "C45"\nseats = 45\ncount = 4\nfixed_cost = 3\ncost_per_km = 3000'
    path = write_scenario(tmp_path, [worker("A1")], fleet=fleet)
    with caplog.at_level(logging.WARNING):
        (bus,) = load_scenario(path).fleet
    assert (bus.fixed_cost, bus.cost_per_km) == (3, 3000)
    warned = [r.getMessage() for r in caplog.records]
    assert any("'fleet[C45].fixed_cost': 3 yuan" in w for w in warned), warned
    assert any("'fleet[C45].cost_per_km': 3,000 yuan per km" in w for w in warned), warned
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        load_scenario(write_scenario(tmp_path / "usual", [worker("A1")]))
    assert not [r for r in caplog.records if "yuan" in r.getMessage()]


@pytest.mark.parametrize(
    ("rules", "words"),
    [
        ("max_ride_minutes = -5", "must be at least 1"),
        ("max_ride_minutes = 'long'", 'expected a whole number, got text in quotes "long"'),
        ("max_ride_minutes = 900\nmax_route_minutes = 600", "longer than max_route_minutes"),
        ("walk_radius = 3", "unknown setting"),
        ("min_precision = 'village'", "not one of"),
        ("arrive_from = '20:00'\narrive_until = '08:00'", "not before arrive_until"),
        ("earliest_departure = '25:00'", "not a time of day"),
        ("earliest_departure = '5:0'", "not a time of day"),
        ("arrive_from = '⑧:00:00'", "not a time of day"),
        ("quarantine_cohorts = 'sometimes'", "not one of"),
        ("max_dropoffs = 0", "must be at least 1"),
        ("max_ride_minutes = 100000", "must be at most"),
        ("stop_minutes = 1e400", "expected a whole number, got a number inf"),
        # As written: "got a number 3" said 3 was not a whole number.
        ("max_dropoffs = 3.0", "expected a whole number, got a number 3.0"),
        ("max_detour_factor = 1.0\nmax_detour_minutes = 5", "leaves no rider a ride"),
    ],
)
def test_bad_settings_name_the_key(tmp_path: Path, rules: str, words: str) -> None:
    """Each bad value raises InputError naming the file and the key."""
    path = write_scenario(tmp_path, [worker("A1")], rules=rules)
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert words in str(caught.value)
    assert "scenario.toml" in str(caught.value) and caught.value.key is not None


@pytest.mark.parametrize(
    ("fleet", "words"),
    [
        ('id = "C45"\nseats = 20000000\ncount = 4', "seats"),
        ('id = "C45"\nseats = 45\ncount = 10000000', "count"),
        ('id = "C45"\nseats = 45\ncount = 4\nfixed_cost = nan', "finite"),
        ('id = "C45"\nseats = 45\ncount = 4\ncost_per_km = inf', "finite"),
        ('id = "C45"\nseats = 45\ncount = 4\nseats_per_row = 30', "seats_per_row"),
        ('id = "C45"\nseats = 45\ncount = 0', "count = 0"),
        ('id = "C45"\nseats = 45\ncount = 4\nlayout = "2-2"', "layout"),
        ('id = "C45"\nseats = 45\ncount = 4\nlayout = "0+4"', "layout"),
        ('id = "C45"\nseats = 45\ncount = 4\nlayout = "2+1"\nseats_per_row = 4', "layout"),
        # A blank id named no type on the papers, the lists and the ledger's buses by type.
        ('id = ""\nseats = 45\ncount = 4', "fleet[#1].id"),
        ('id = "  "\nseats = 45\ncount = 4', "the bus type has no id"),
    ],
)
def test_absurd_fleet_values_are_refused_with_the_key(
    tmp_path: Path, fleet: str, words: str
) -> None:
    """Values no bus has (a unit slip, a typo) stop before the solver sees them."""
    path = write_scenario(tmp_path, [worker("A1")], fleet=fleet)
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert words in str(caught.value) and caught.value.key is not None


def test_a_bus_type_whose_minimum_exceeds_its_capacity_is_refused(tmp_path: Path) -> None:
    """A 45-seat coach seats 22 under rated_half; a minimum of 30 riders could never run."""
    fleet = 'id = "C45"\nseats = 45\ncount = 4\nfixed_cost = 3000\ncost_per_km = 6\nmin_riders = 30'
    with pytest.raises(InputError) as caught:
        load_scenario(write_scenario(tmp_path, [worker("A1")], fleet=fleet))
    assert "needs at least 30 riders but seats only 22" in str(caught.value)
    assert caught.value.key == "fleet.min_riders"


def test_close_contacts_to_quarantine_cannot_ride_mixed_buses(tmp_path: Path) -> None:
    """Carrying close contacts to isolation with mixed cohorts is a contradiction, named."""
    path = write_scenario(
        tmp_path,
        [worker("A1")],
        rules='quarantine_cohorts = "mixed"',
        extra='[screening]\nclose_contacts = "quarantine"\n',
    )
    with pytest.raises(InputError, match="quarantine_cohorts"):
        load_scenario(path)


def test_bad_seating_policy_and_speed_bands(tmp_path: Path) -> None:
    """An unknown seating policy or speed bands without a last open band are refused."""
    path = write_scenario(tmp_path, [worker("A1")], extra='[seating]\npolicy = "empty"\n')
    with pytest.raises(InputError, match=r"seating\.policy"):
        load_scenario(path)
    path = write_scenario(
        tmp_path, [worker("A1")], extra="[[travel.speed_bands]]\nup_to_km = 5\nkmh = 20\n"
    )
    with pytest.raises(InputError, match="speed_bands"):
        load_scenario(path)


def test_missing_files_and_bad_toml(tmp_path: Path) -> None:
    """A missing roster, a broken TOML and a missing scenario are input errors."""
    path = write_scenario(tmp_path, [worker("A1")])
    (tmp_path / "roster.csv").unlink()
    with pytest.raises(InputError, match="file not found"):
        load_scenario(path)
    path.write_text("[scenario\n", encoding="utf-8")
    with pytest.raises(InputError, match="not closed with"):
        load_scenario(path)
    with pytest.raises(InputError, match="not found"):
        load_scenario(tmp_path / "missing.toml")


def test_bad_dormitory_row_names_row_and_column(tmp_path: Path) -> None:
    """A dormitory row with a bad room count points at its row and column."""
    path = write_scenario(tmp_path, [worker("A1")])
    (tmp_path / "dormitories.csv").write_text(
        "dorm_id,name,lat,lon,rooms,sex\nD1,x,29.3,106.3,many,any\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert (caught.value.row, caught.value.column) == (2, "rooms")


def test_a_drop_off_site_far_from_the_destination_names_its_row(tmp_path: Path) -> None:
    """An employer's gate or a dormitory a province away (a place mistyped) is
    refused at its row: the routing would leave no bus the time to reach it."""
    path = write_scenario(tmp_path, [worker("A1")])
    employers = (tmp_path / "employers.csv").read_text(encoding="utf-8")
    (tmp_path / "employers.csv").write_text(employers + "E2,北京某厂,39.9,116.4\n", "utf-8")
    with pytest.raises(InputError, match="from the destination hub") as caught:
        load_scenario(path)
    assert (caught.value.path, caught.value.row, caught.value.column) == (
        tmp_path / "employers.csv",
        3,
        "lat",
    )
    (tmp_path / "employers.csv").write_text(employers, "utf-8")
    (tmp_path / "dormitories.csv").write_text(
        "dorm_id,name,lat,lon,rooms,sex\nD1,x,23.1,113.3,10,any\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"beyond the longest ride \(10\.0 h\)") as caught:
        load_scenario(path)
    assert (caught.value.path, caught.value.row) == (tmp_path / "dormitories.csv", 2)
    assert "lat and lon (latitude first)" in say(caught.value.hint, "en")
    # What to check is what the point was read from: a cell of both, or an address.
    (tmp_path / "dormitories.csv").write_text(
        'dorm_id,name,经纬度,rooms,sex\nD1,x,"113.3,23.1",10,any\n', encoding="utf-8"
    )
    with pytest.raises(InputError, match="longest ride") as caught:
        load_scenario(path)
    assert caught.value.column == "经纬度"  # the header as written
    assert "which is the latitude" in say(caught.value.hint, "en")
    assert "哪个是纬度" in say(caught.value.hint, "zh")
    (tmp_path / "dormitories.csv").write_text(
        "dorm_id,name,address,rooms,sex\nD1,x,广东省广州市越秀区,10,any\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="longest ride") as caught:
        load_scenario(path)
    assert caught.value.column == "address"
    assert "this row's address" in say(caught.value.hint, "en")
    assert "latitude first" not in say(caught.value.hint, "en")
    # Within the longest ride, a site stands.
    (tmp_path / "dormitories.csv").write_text(
        "dorm_id,name,lat,lon,rooms,sex\nD1,x,29.45,106.3,10,any\n", encoding="utf-8"
    )
    assert len(load_scenario(path).dormitories) == 1


def test_batch_tables_give_departures_and_their_own_fleet(tmp_path: Path) -> None:
    """[[batch]] tables carry an id, a departure and optionally a destination and fleet."""
    extra = (
        '[[batch]]\nid = "第一批"\n'
        '[[batch]]\nid = "第二批"\ndeparture = "2020-03-21T05:00:00+08:00"\n'
        '[[batch.fleet]]\nid = "M19"\nseats = 19\ncount = 2\n'
    )
    scenario = load_scenario(write_scenario(tmp_path, [worker("A1")], extra=extra))
    first, second = scenario.batches
    assert first.departure == scenario.departure and first.fleet is None
    assert second.departure.day == 21 and second.fleet is not None
    assert [b.id for b in second.fleet] == ["M19"]
    twice = '[[batch]]\nid = "第一批"\n[[batch]]\nid = "1"\n'
    with pytest.raises(InputError, match="same id") as caught:
        load_scenario(write_scenario(tmp_path, [worker("A1")], extra=twice))
    assert "the roster's batch column (返岗批次)" in str(caught.value)  # not 返岗批次 alone


def test_a_batch_id_written_as_a_number_without_quotes_is_that_batch(tmp_path: Path) -> None:
    """The roster's 返岗批次 says 1 and 2: `id = 2` without quotes was refused
    as 'not text', though it can be no other batch than "2"."""
    batches = '[[batch]]\nid = {}\n[[batch]]\nid = {}\ndeparture = "2020-03-21T05:00:00+08:00"\n'
    quoted = load_scenario(
        write_scenario(tmp_path, [worker("A1")], extra=batches.format('"1"', '"2"'))
    )
    bare = load_scenario(write_scenario(tmp_path, [worker("A1")], extra=batches.format(1, 2)))
    assert bare.batches == quoted.batches and [b.id for b in bare.batches] == ["1", "2"]
    with pytest.raises(InputError) as caught:  # a figure with a fraction is no batch's id
        load_scenario(write_scenario(tmp_path, [worker("A1")], extra=batches.format(1, 2.5)))
    assert caught.value.key == "batch[#2].id"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_a_scenario_saved_by_notepad_is_read_in_its_encoding(tmp_path: Path, encoding: str) -> None:
    """Notepad saves UTF-8 with a byte-order mark, "ANSI" (GBK on a Chinese
    Windows) or "Unicode" (UTF-16): each is read, its Chinese intact."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8").replace('name = "hub"', 'name = "德感工业园"')
    path.write_bytes(text.encode(encoding))
    assert load_scenario(path).destination.name == "德感工业园"


def test_a_windows_line_end_is_not_called_a_control_character(tmp_path: Path) -> None:
    """The CR of a CRLF line end is TOML's own: a bare word still says what it says."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8").replace('name = "hub"', "name = 德感")
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    with pytest.raises(InputError, match="at character 8 is not a number"):
        load_scenario(path)


def test_old_mac_line_ends_read_as_line_ends(tmp_path: Path) -> None:
    """A scenario saved with a bare CR at each line end (an old Mac editor; the
    roster reader takes them) reads as its lines, and an error in it is at its
    line: the whole file was 'row 1', its first CR 'an invisible control
    character' to delete, though every editor shows the lines."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.replace("\n", "\r").encode("utf-8"))
    scenario = load_scenario(path)
    assert scenario.destination.name == "hub" and [b.id for b in scenario.fleet] == ["C45"]
    line = text[: text.index('name = "hub"')].count("\n") + 1
    broken = text.replace('name = "hub"', "name = 德感")
    path.write_bytes(broken.replace("\n", "\r").encode("utf-8"))
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.line == line and "control character" not in str(caught.value)


def test_a_scenario_in_no_encoding_read_says_to_save_it_as_utf8(tmp_path: Path) -> None:
    """Bytes neither UTF-8 nor GB18030 are refused, saying how to save the file."""
    path = write_scenario(tmp_path, [worker("A1")])
    path.write_bytes(path.read_bytes().replace(b'"hub"', b'"\xff\x80"'))
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert "neither UTF-8 nor GBK" in str(caught.value)
    assert "另存为时把“编码”选为 UTF-8" in caught.value.said()


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("chinese", [False, True], ids=["ascii", "chinese"])
def test_a_scenario_in_utf16_without_a_byte_order_mark_says_so(
    tmp_path: Path, order: str, chinese: bool
) -> None:
    """UTF-16 without the mark is refused as the tables refuse it, saying what
    it is and to save it as UTF-8: it was "an invisible control character"
    (its zero bytes read as UTF-8) or "neither UTF-8 nor GBK"."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8")
    if chinese:
        text = text.replace('name = "hub"', 'name = "德感工业园"')
    path.write_bytes(text.encode(order))
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert "UTF-16 without a byte-order mark" in str(caught.value)
    assert "save it again with the encoding UTF-8" in str(caught.value.hint)
    assert "UTF-16" in caught.value.said("zh") and "选为 UTF-8" in caught.value.said("zh")
    assert run(["check", "--scenario", str(path)]) == 2


@pytest.mark.parametrize(
    ("old", "new", "line", "english", "chinese"),
    [
        ("seats = 45", "seats = 45\nseats = 20", 20, "'seats' is given twice", "“seats”写了两次"),
        ("[depot]", "[depot]\n[depot]", 9, "'[depot]' is given twice", "请只保留一处"),
        ("seats = 45", "seats ＝ 45", 19, "character 7, '＝', is a full-width", "半角的“=”"),
        ('name = "hub"', "name = “hub”", 13, "character 8, '“'", "是全角符号"),
        # Digits and letters typed with the input method in full-width mode.
        ("seats = 45", "seats = ４５", 19, "character 9, '４', is a full-width", "半角的“4”"),
        ("seats = 45", "ｓeats = 45", 19, "ｓ (U+FF53), a full-width letter", "`seats`"),
        ('name = "hub"', 'name = "hub', 13, "not closed on its line", "补上半角引号"),
        ("[depot]", "[depot", 8, "table name is not closed", "表名缺少右方括号"),
        ('name = "hub"', "name = 德感", 13, "at character 8 is not a number", "加半角双引号"),
        ("[depot]", "depot", 8, "must be followed by =: depot", "设置项名后面应是 =：depot"),
        ("seats = 45", "max seats = 45", 19, "followed by =: max seats = 45", "应是 =：max seats"),
        ("[depot]", "[depot] x", 8, "this line is not understood: [depot] x", "这一行无法识别"),
        # A unit, a thousands comma or a second word after a value: TOML reads
        # the figure and stops, which was said as a line not understood.
        (
            "seats = 45",
            "seats = 45座",
            19,
            "'座' follows the value 45: seats = 45座",
            "值 45 后面多了“座”",
        ),
        ("seats = 45", "seats = 4,5", 19, "',5' follows the value 4", "不带单位、千位逗号或空格"),
        (
            'name = "hub"',
            "name = 45座客车",
            13,
            "'座客车' follows the value 45",
            "整个加上半角双引号",
        ),
        ("[depot]", "[depot] x\u200b", 8, "not understood: [depot] x\\u200b", "无法识别"),
        (
            'name = "hub"',
            'name = "h\x00ub"',
            13,
            'character 10 is an invisible control character, \\x00: name = "h\\x00ub"',
            "第 10 个字符是看不见的控制字符 \\x00",
        ),
        (
            "[depot]",
            "[de\x00pot]",
            8,
            "character 4 is an invisible",
            "控制字符 \\x00：[de\\x00pot]",
        ),
        # A Windows path pasted in double quotes: tomllib's "Invalid hex value"
        # (\U starts an escape) and "Unescaped '\' in a string" were said as such.
        ('"roster.csv"', '"C:\\Users\\desk\\roster.csv"', 3, "backslash", "反斜杠"),
        ('"roster.csv"', '"D:\\返岗\\roster.csv"', 3, "write a path with /", "改用“/”分隔"),
    ],
)
def test_a_toml_syntax_error_is_said_at_its_line_with_what_to_do(
    tmp_path: Path, old: str, new: str, line: int, english: str, chinese: str
) -> None:
    """A key given twice, a full-width sign, an unclosed quote or bracket, a
    bare word for a value: each is named at its line in the desk's language,
    with what to do, not as tomllib's English alone.  A text file has lines,
    not rows: "line 11" in English (第 11 行 in Chinese)."""
    path = write_scenario(tmp_path, [worker("A1")])
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    said = caught.value.said()
    assert caught.value.line == line and english in str(caught.value), str(caught.value)
    assert f"scenario.toml, line {line}" in str(caught.value), str(caught.value)
    assert caught.value.row is None and ", row " not in str(caught.value)
    assert f"第 {line} 行" in said and chinese in said and "处理办法" in said, said
    assert not re.search(r"Invalid|Unescaped|\bstring\b", said), said  # no tomllib English


@pytest.mark.parametrize(
    ("key", "english", "chinese"),
    [
        ("roster", "the roster file (CSV or XLSX)", "名单文件（CSV 或 XLSX）"),
        ("employers", "the employers file (CSV or XLSX)", "企业名单文件"),
        ("dormitories", "the dormitories file (CSV or XLSX)", "宿舍名单文件"),
    ],
)
def test_a_folder_named_for_an_input_file_is_called_a_folder_at_its_key(
    tmp_path: Path, key: str, english: str, chinese: str
) -> None:
    """`roster = "名单"` naming a folder is not "file not found": the key is
    named, the path is called a folder, and the file wanted is said."""
    path = write_scenario(tmp_path, [worker("A1")])
    (tmp_path / "名单").mkdir()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'{key} = "{key}.csv"', f'{key} = "名单"'), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == f"scenario.{key}" and caught.value.path == path
    assert "is a folder, not a file" in str(caught.value) and english in str(caught.value)
    said = caught.value.said()
    assert "是文件夹，不是文件" in said and chinese in said and "找不到" not in said, said


@pytest.mark.parametrize("name", ["", "  "])
def test_an_empty_roster_name_is_said_to_be_empty_not_a_folder(tmp_path: Path, name: str) -> None:
    """`roster = ""` would name the scenario's own folder: it is said to be
    empty, with what to write, not to be "a folder"."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('roster = "roster.csv"', f'roster = "{name}"'), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == "scenario.roster" and caught.value.path == path
    said = str(caught.value)
    assert "the file name is empty" in said and 'like roster = "roster.csv"' in said
    assert "folder, not" not in said and "not found" not in said
    assert "文件名为空" in caught.value.said("zh")


@pytest.mark.parametrize("key", ["employers", "dormitories"])
@pytest.mark.parametrize("name", ["", "  "])
def test_a_blank_optional_file_name_means_no_file(tmp_path: Path, key: str, name: str) -> None:
    """`employers = "  "` (spaces only) is read as `employers = ""`: no
    employers file, not "file not found: .../  "."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'{key} = "{key}.csv"', f'{key} = "{name}"'), encoding="utf-8")
    scenario = load_scenario(path)
    assert getattr(scenario, key) == ()


def test_a_missing_employers_file_is_named_at_its_key(tmp_path: Path) -> None:
    """A dormitories or employers file not found is named at its scenario key,
    as the roster is."""
    path = write_scenario(tmp_path, [worker("A1")])
    (tmp_path / "employers.csv").unlink()
    with pytest.raises(InputError, match="file not found") as caught:
        load_scenario(path)
    assert caught.value.key == "scenario.employers" and caught.value.path == path


@pytest.mark.parametrize("key", ["roster", "employers", "dormitories"])
@pytest.mark.parametrize(
    ("name", "english", "chinese"),
    [
        ("名" * 100 + ".csv", "the name is too long", "名称过长"),  # 300 bytes: over 255
        ("loop.csv", "a link that leads back to itself", "指向自身的链接"),
        ("名单\\u0000.csv", "a NUL character (\\x00)", "空字符（\\x00）"),
    ],
)
def test_a_file_name_no_file_can_have_is_refused_at_its_key(
    tmp_path: Path, key: str, name: str, english: str, chinese: str
) -> None:
    """A file name the system refuses (too long, a link to itself, a NUL typed
    in as \\u0000) stops at the scenario key that names it, saying why; it
    was a fault of returnbus (exit 1: 'File name too long', 'Symlink loop',
    'embedded null byte')."""
    path = write_scenario(tmp_path, [worker("A1")])
    (tmp_path / "loop.csv").symlink_to(tmp_path / "loop.csv")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'{key} = "{key}.csv"', f'{key} = "{name}"'), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == f"scenario.{key}" and caught.value.path == path
    assert english in str(caught.value) and "rename" in str(caught.value)
    assert chinese in caught.value.said("zh") and "\x00" not in caught.value.said("zh")


@pytest.mark.parametrize(
    ("fleet", "key", "said"),
    [
        ('id = "C45"\nseats = 45\ncount = 1e12', "fleet[C45].count", "a number 1,000,000,000,000"),
        ('id = "C45"\nseats = 45\ncount = 1000000000000', "fleet[C45].count", "1,000,000,000,000"),
        ("seats = 45\ncount = 4", "fleet[#1].id", "missing"),
        (
            'id = "C45"\nseats = 45\ncount = 2\n[[fleet]]\nid = "C45"\nseats = 33\ncount = 1',
            "fleet",
            "the bus type id C45 is given to more than one [[fleet]]",
        ),
    ],
)
def test_a_fleet_value_is_named_by_its_bus_and_said_in_plain_figures(
    tmp_path: Path, fleet: str, key: str, said: str
) -> None:
    """The key names the [[fleet]] table by its id (or its place, counted
    from 1), not fleet[0]; figures are not in scientific notation."""
    path = write_scenario(tmp_path, [worker("A1")], fleet=fleet)
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == key and caught.value.hint
    assert said in str(caught.value) and "e+" not in str(caught.value)


@pytest.mark.parametrize("reserved", [22, 100])
def test_reserved_seats_leaving_a_bus_no_rider_seat_are_refused_with_the_range(
    tmp_path: Path, reserved: int
) -> None:
    """A 45-seat coach seats 22 under rated_half: reserving 22 or more for an
    escort would leave it none, and every rider unassigned.  The key is named
    with the values it may take."""
    extra = f"[seating]\nreserved_seats = {reserved}\n"
    with pytest.raises(InputError) as caught:
        load_scenario(write_scenario(tmp_path, [worker("A1")], extra=extra))
    assert caught.value.key == "seating.reserved_seats"
    assert f"must be 0 to 21, got {reserved}: bus type C45 seats only 22" in str(caught.value)
    assert "应在 0 到 21 之间" in caught.value.said()
    extra = "[seating]\nreserved_seats = 21\n"
    scenario = load_scenario(write_scenario(tmp_path, [worker("A1")], extra=extra))
    assert scenario.settings.seating.reserved_seats == 21


def test_reserved_seats_are_bounded_by_the_smallest_bus_of_any_batch(tmp_path: Path) -> None:
    """A batch's own minibus counts too: 2 reserved seats of its 9 are fine,
    9 leave it none."""
    minibus = '[[batch]]\nid = "1"\n[[batch.fleet]]\n'
    minibus += 'id = "M19"\nseats = 19\nseats_per_row = 3\ncount = 2\n'
    extra = f"{minibus}[seating]\nreserved_seats = 2\n"
    assert load_scenario(write_scenario(tmp_path, [worker("A1")], extra=extra))
    extra = f"{minibus}[seating]\nreserved_seats = 9\n"
    with pytest.raises(InputError, match="0 to 8, got 9: bus type M19 seats only 9"):
        load_scenario(write_scenario(tmp_path, [worker("A1")], extra=extra))


def test_a_bus_type_the_seating_policy_leaves_no_seat_is_refused(tmp_path: Path) -> None:
    """A one-seat vehicle carries nobody under rated_half (half of one seat)."""
    fleet = 'id = "C45"\nseats = 45\ncount = 4\n[[fleet]]\nid = "V1"\nseats = 1\ncount = 1'
    with pytest.raises(InputError, match=r"bus type V1 \(1 seats\) can carry no rider") as caught:
        load_scenario(write_scenario(tmp_path, [worker("A1")], fleet=fleet))
    assert caught.value.key == "fleet.seats"


@pytest.mark.parametrize(
    ("edit", "key", "meant"),
    [
        (("departure =", "departur ="), "scenario.departur", "departure"),
        (
            ("[rules]", "[rules]\nmax_ride_minute = 300"),
            "rules.max_ride_minute",
            "max_ride_minutes",
        ),
        (("[rules]", "[rule]\n[rules]"), "rule", "rules"),
    ],
)
def test_a_misspelled_key_is_named_with_the_key_it_likely_means(
    tmp_path: Path, edit: tuple[str, str], key: str, meant: str
) -> None:
    """A typo is said at the typo, with the key it is close to, not as the
    real key missing or an unknown setting with nothing to go on."""
    path = write_scenario(tmp_path, [worker("A1")])
    path.write_text(path.read_text(encoding="utf-8").replace(*edit, 1), encoding="utf-8")
    with pytest.raises(InputError, match=f"did you mean `{meant}`") as caught:
        load_scenario(path)
    assert caught.value.key == key and meant in caught.value.hint


def test_a_time_in_full_width_or_circled_figures_reads_as_its_hours(tmp_path: Path) -> None:
    """０８：００ (a Chinese input method) and ⑧:00 are 08:00, not an internal error."""
    rules = "arrive_from = '０８：００'\nearliest_departure = '⑤:00'"
    scenario = load_scenario(write_scenario(tmp_path, [worker("A1")], rules=rules))
    assert (scenario.settings.rules.arrive_from, scenario.settings.rules.earliest_departure) == (
        "08:00",
        "05:00",
    )


def test_a_scenario_path_through_a_file_is_not_found(tmp_path: Path) -> None:
    """scenario.toml/x.toml (a mistyped path) is 'not found', not NotADirectoryError."""
    path = write_scenario(tmp_path, [worker("A1")])
    with pytest.raises(InputError, match="scenario file not found") as caught:
        load_scenario(path / "x.toml")
    assert caught.value.hint


@pytest.mark.parametrize(
    ("table", "lat", "lon", "said"),
    [
        ("depot", "0", "0", "outside China"),
        ("depot", "29.292433", "-106.255882", "outside China"),
        ("destination", "0", "0", "outside China"),
        ("depot", "106.255882", "29.292433", "look swapped"),
        ("destination", "106.231957", "29.276017", "look swapped"),
    ],
)
def test_a_depot_or_destination_outside_china_is_refused_at_its_key(
    tmp_path: Path, table: str, lat: str, lon: str, said: str
) -> None:
    """A depot at 0, 0 (coordinates not filled in) planned a batch whose every
    rider was left 'too far from the depot', with exit 0: it is a settings error."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8")
    place = DEPOT if table == "depot" else HUB
    path.write_text(
        text.replace(f"lat = {place[0]}\nlon = {place[1]}", f"lat = {lat}\nlon = {lon}"),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == f"{table}.lat"
    assert said in str(caught.value) and caught.value.hint


def test_a_depot_no_bus_could_drive_from_is_refused_naming_it(tmp_path: Path) -> None:
    """A depot in Urumqi for a destination in Jiangjin (a mistyped longitude)
    is farther than a duty plus a ride: no bus could bring anyone, so the
    scenario is refused rather than every rider left unassigned."""
    rules = "max_ride_minutes = 300\nmax_route_minutes = 600"
    path = write_scenario(tmp_path, [worker("A1")], rules=rules)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(f"lat = {DEPOT[0]}\nlon = {DEPOT[1]}", "lat = 43.8\nlon = 87.6"),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == "depot.lat"
    assert "hub" in str(caught.value) and "max_route_minutes" in str(caught.value.hint)
    # The same depot is accepted where the limits allow the drive.
    path.write_text(
        text.replace(f"lat = {DEPOT[0]}\nlon = {DEPOT[1]}", "lat = 29.6\nlon = 106.5"),
        encoding="utf-8",
    )
    assert load_scenario(path).depot.location.lat == 29.6


@pytest.mark.parametrize(
    "typed",
    [
        "２０２０-０３-１７T05:00:00+08:00",
        "2020-03-17T05：00：00＋08：00",
        " 2020-03-17T05:00:00+08:00 ",
    ],
)
def test_a_departure_typed_full_width_or_with_spaces_is_the_departure(
    tmp_path: Path, typed: str
) -> None:
    """An input method in full-width mode types ２０２０ and ：, as it does in a
    time of day (read as 05:00); spaces inside the quotes are no part of a
    date. Each was refused as 'not in the format' beside an example that
    looks the same."""
    path = write_scenario(tmp_path, [worker("A1")])
    meant = load_scenario(path).departure
    written = 'departure = "2020-03-17T05:00:00+08:00"'
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(written, f'departure = "{typed}"'), encoding="utf-8")
    assert load_scenario(path).departure == meant


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("05:00:00", "'05:00:00'"), ("[2020, 3, 17]", "'[2020, 3, 17]'"), ("true", "'true'")],
)
def test_a_departure_of_another_toml_kind_is_said_as_written(
    tmp_path: Path, typed: str, shown: str
) -> None:
    """`departure = 05:00:00` (a TOML time, no quotes) is said as the desk wrote
    it, not as Python's datetime.time(5, 0)."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('departure = "2020-03-17T05:00:00+08:00"', f"departure = {typed}"),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == "scenario.departure"
    assert f"{shown} is not a date and time" in str(caught.value)
    assert "datetime" not in caught.value.said("zh") and "datetime." not in str(caught.value)


def _special(tmp_path: Path, kind: str) -> Path:
    """A path that is there but no regular file: the null device, or an empty named pipe."""
    if kind == "device":
        return Path(os.devnull)
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    return pipe


@pytest.mark.parametrize("special", ["device", "pipe"])
@pytest.mark.parametrize(
    ("key", "english", "chinese"),
    [
        ("roster", "the roster file (CSV or XLSX)", "名单文件（CSV 或 XLSX）"),
        ("employers", "the employers file (CSV or XLSX)", "企业名单文件"),
        ("dormitories", "the dormitories file (CSV or XLSX)", "宿舍名单文件"),
    ],
)
def test_a_device_or_pipe_named_for_an_input_file_is_said_so_at_its_key(
    tmp_path: Path, special: str, key: str, english: str, chinese: str
) -> None:
    """`roster = "/dev/null"` (or an empty named pipe) is there, so "file not
    found" misleads: it is said to be no regular file, at its key."""
    path = write_scenario(tmp_path, [worker("A1")])
    named = _special(tmp_path, special)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f'{key} = "{key}.csv"', f'{key} = "{named}"'), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == f"scenario.{key}" and caught.value.path == path
    said = str(caught.value)
    assert f"{named} is a {special if special == 'device' else 'named pipe'}" in said, said
    assert "not a file" in said and english in said and "not found" not in said
    assert "不是文件" in caught.value.said() and "找不到" not in caught.value.said()


@pytest.mark.parametrize("special", ["device", "pipe"])
def test_a_device_or_pipe_given_as_the_scenario_is_said_so(tmp_path: Path, special: str) -> None:
    """/dev/null read as a scenario was an empty one ("scenario.roster:
    missing"), and an empty named pipe waited for ever: each is said to be
    no scenario file, without reading it."""
    named = _special(tmp_path, special)
    with pytest.raises(InputError) as caught:
        load_scenario(named)
    said = str(caught.value)
    assert "not a scenario file" in said and "scenario.roster" not in said
    assert ("device" if special == "device" else "named pipe") in said and caught.value.hint
    assert caught.value.key is None and caught.value.path == named
    assert "不是方案文件" in caught.value.said()


@pytest.mark.parametrize("text", ["", "\n  \n", "\ufeff"])
def test_an_empty_scenario_file_is_said_to_be_empty(tmp_path: Path, text: str) -> None:
    """An empty scenario.toml is not one missing its roster key."""
    path = tmp_path / "scenario.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert "the scenario file is empty" in str(caught.value) and caught.value.key is None
    assert "方案文件是空的" in caught.value.said() and "synth" in str(caught.value.hint)


def test_a_scenario_the_disk_fails_to_read_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read refused for another reason than permission (a disk or network
    share failing: EIO) was an internal fault (exit 1)."""
    path = write_scenario(tmp_path, [worker("A1")])

    def failing(self: Path) -> bytes:
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(self))

    monkeypatch.setattr(Path, "read_bytes", failing)
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.path == path and "cannot be read" in str(caught.value)
    assert os.strerror(errno.EIO) in str(caught.value) and caught.value.hint


@pytest.mark.parametrize(
    ("old", "new", "key", "meant", "letter", "script"),
    [
        # A bare key: TOML itself refuses the letter ("must be followed by =").
        ("departure = ", "dеparture = ", "scenario.dеparture", "departure", "U+0435", "西里尔"),
        ("departure = ", "ｄeparture = ", "scenario.ｄeparture", "departure", "U+FF44", "全角"),
        ("departure = ", '"dеparture" = ', "scenario.dеparture", "departure", "U+0435", "西里尔"),
        ("[rules]", "[rulеs]", "rulеs", "rules", "U+0435", "西里尔"),
        ("seed = 1", "sееd = 1", "solver.sееd", "seed", "U+0435", "西里尔"),
        ("seed = 1", "sεed = 1", "solver.sεed", "seed", "U+03B5", "希腊"),
    ],
)
def test_a_key_with_a_lookalike_letter_names_the_letter_and_the_key_meant(
    tmp_path: Path, old: str, new: str, key: str, meant: str, letter: str, script: str
) -> None:
    """A key typed with a Cyrillic, Greek or full-width letter looks right
    and is not: said at its key, naming the letter, and the known key it
    reads as once that letter is the Latin one."""
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == key, caught.value
    lines = text.split("\n")
    assert caught.value.line == next(n for n, v in enumerate(lines, 1) if v.startswith(new.strip()))
    said = str(caught.value)
    assert letter in said and "not the Latin" in said and f"`{meant}`" in said, said
    assert f"`{meant}`" in str(caught.value.hint)
    assert script in caught.value.said() and "不是拉丁字母" in caught.value.said()


def test_a_lookalike_key_like_no_known_one_is_said_unknown_naming_its_letter(
    tmp_path: Path,
) -> None:
    """A key that is unknown even with Latin letters names its lookalike
    letter all the same, and suggests nothing."""
    path = write_scenario(tmp_path, [worker("A1")], rules="zеbra = 1")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    said = str(caught.value)
    assert caught.value.key == "rules.zеbra" and "U+0435" in said and "unknown" in said, said
    assert "did you mean" not in said


@pytest.mark.parametrize(("typed", "meant"), [("phonе", "phone"), ("phon", "phone")])
def test_a_roster_column_field_mistyped_is_named_at_its_key(
    tmp_path: Path, typed: str, meant: str
) -> None:
    """[roster.columns] phonе = ... (a Cyrillic е) was "unknown roster field"
    said of the roster file, not of the scenario's key, with no field meant."""
    path = write_scenario(tmp_path, [worker("A1")], extra=f'[roster.columns]\n{typed} = "手机"')
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == f"roster.columns.{typed}" and caught.value.path == path
    assert f"did you mean `{meant}`" in str(caught.value)
    assert ("U+0435" in str(caught.value)) == ("е" in typed)


@pytest.mark.parametrize("escape", ["r", "t", "n", "b", "f"])
def test_a_windows_path_whose_backslash_toml_took_for_an_escape_says_so(
    tmp_path: Path, escape: str
) -> None:
    """``roster = "data\\roster.csv"`` is valid TOML: ``\\r`` is a carriage
    return, and the file looked for (``data<CR>oster.csv``) is not there.
    "File not found" alone, with the name printed broken, leaves the desk
    nowhere: it is told the backslash is an escape and to write / instead."""
    path = write_scenario(tmp_path, [worker("A1")])
    (tmp_path / "data").mkdir()
    name = f"{escape}oster.csv"
    (tmp_path / "roster.csv").rename(tmp_path / "data" / name)
    text = path.read_text(encoding="utf-8").replace('"roster.csv"', f'"data\\{name}"', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    said = caught.value.said()
    head = said.partition("\n")[0]  # the message, its name shown as written, on one line
    assert caught.value.key == "scenario.roster", str(caught.value)
    assert f"data\\{name}" in head and "反斜杠" in head and "改用“/”分隔" in said, said
    assert not any(c in head for c in "\r\t\b\f"), said
    assert "backslash" in str(caught.value) and "write a path with /" in str(caught.value)


@pytest.mark.parametrize("written", ["'data\\roster.csv'", '"data\\\\roster.csv"'])
def test_a_windows_path_written_as_the_error_advises_is_read_on_any_system(
    tmp_path: Path, written: str
) -> None:
    """The backslash error advises single quotes ('D:\\返岗\\roster.csv'); a
    path so written (or with \\\\) names data/roster.csv on Windows, and must
    on the Linux server the desk's folder is copied to, not be "not found"."""
    path = write_scenario(tmp_path, [worker("A1"), worker("A2")])
    (tmp_path / "data").mkdir()
    (tmp_path / "roster.csv").rename(tmp_path / "data" / "roster.csv")
    text = path.read_text(encoding="utf-8").replace('"roster.csv"', written, 1)
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.roster.path == (tmp_path / "data" / "roster.csv").resolve()


@pytest.mark.parametrize(
    ("written", "system"),
    [("GCJ-02", "gcj02"), ("高德", "gcj02"), ("百度", "bd09"), ("GPS", "wgs84"), ("bd09", "bd09")],
)
def test_the_roster_s_coordinate_system_takes_the_words_its_column_takes(
    tmp_path: Path, written: str, system: str
) -> None:
    """The README lists GCJ02/高德 and BD09/百度 as the 坐标系 column's values;
    the same words in [roster] coord_system were refused for not being
    gcj02 or bd09 exactly."""
    extra = f'\n[roster]\ncoord_system = "{written}"'
    path = write_scenario(tmp_path, [worker("A1")], extra=extra)
    assert load_scenario(path).roster.coord_system == system


@pytest.mark.parametrize(("written", "system"), [("高德", "gcj02"), ("BD-09", "bd09")])
def test_depot_and_destinations_are_converted_from_the_coordinate_system_they_name(
    tmp_path: Path, written: str, system: CoordSystem
) -> None:
    """A depot or destination picked on AMap or Baidu lies 0.5 to 1 km off
    as WGS-84; the sites files' 坐标系 column converted theirs, and the
    TOML points had no way to say it.  Each table's coord_system converts
    its own point; a table that names none stays WGS-84."""
    path = write_scenario(tmp_path, [worker("A1")])
    said = f'coord_system = "{written}"'
    text = path.read_text(encoding="utf-8")
    text = text.replace("[depot]\n", f"[depot]\n{said}\n").replace(
        "[destination]\n", f"[destination]\n{said}\n"
    )
    text += (
        f'\n[[batch]]\nid = "1"\n\n[batch.destination]\n{said}\nlat = {HUB[0]}\nlon = {HUB[1]}\n'
    )
    text += f'\n[[batch]]\nid = "2"\n\n[batch.destination]\nlat = {HUB[0]}\nlon = {HUB[1]}\n'
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    depot, hub = LatLon(*DEPOT), LatLon(*HUB)
    assert scenario.depot.location == to_wgs84(depot, system) != depot
    assert scenario.destination.location == to_wgs84(hub, system) != hub
    first, second = (b.destination for b in scenario.batches)
    assert first is not None and first.location == to_wgs84(hub, system)
    assert second is not None and second.location == hub


def test_a_point_s_coordinate_system_no_one_knows_is_refused_at_its_key(tmp_path: Path) -> None:
    path = write_scenario(tmp_path, [worker("A1")])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[depot]\n", '[depot]\ncoord_system = "北京54"\n'), "utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == "depot.coord_system"
    assert "gcj02" in say(caught.value.hint, "zh")


def test_a_roster_coordinate_system_no_one_knows_is_refused_at_its_key(tmp_path: Path) -> None:
    extra = '\n[roster]\ncoord_system = "北京54"'
    path = write_scenario(tmp_path, [worker("A1")], extra=extra)
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == "roster.coord_system"
    assert "wgs84" in say(caught.value.hint, "zh")


def test_a_roster_encoding_python_does_not_know_is_refused_at_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Notepad calls GBK "ANSI": written in [roster] encoding, it stopped as
    the roster's error, telling the desk to drop a --encoding never given."""
    path = write_scenario(tmp_path, [worker("A1")], extra='\n[roster]\nencoding = "ANSI"')
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert (caught.value.path, caught.value.key) == (path, "roster.encoding")
    assert "gbk" in say(caught.value.hint, "zh") and "--encoding" not in say(
        caught.value.hint, "en"
    )
    assert run(["check", str(path)]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "roster.encoding" in said and "没有名为“ANSI”的文字编码" in said, said


def test_a_roster_the_scenario_s_encoding_cannot_read_says_where_that_encoding_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A UTF-8 roster read as the scenario's [roster] encoding = "ascii" is
    refused; what to do names that setting, not only --encoding."""
    path = write_scenario(tmp_path, [worker("A1")], extra='\n[roster]\nencoding = "ascii"')
    assert run(["check", str(path)]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "[roster]中的encoding" in said, said


@pytest.mark.parametrize(
    ("saved", "words"),
    [
        ("employers.csv.txt", "rename it employers.csv (Windows hides extensions"),
        ("Employers.csv", "rename it employers.csv"),
        ("ｅmployers.csv", "rename it employers.csv"),
        ("employers.xlsx", "give its name instead of employers.csv (renaming it would not"),
    ],
)
def test_an_input_file_not_found_names_the_file_beside_it_that_may_be_it(
    tmp_path: Path, saved: str, words: str
) -> None:
    """Notepad adds .txt where Windows hides it, Excel saves an edited CSV as
    a workbook: the desk sees the name they wrote and was told only 'not
    found'. The file beside it is named, with the way to use it."""
    path = write_scenario(tmp_path, [worker("A1")])
    (tmp_path / "employers.csv").rename(tmp_path / saved)
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == "scenario.employers"
    hint = say(caught.value.hint, "en")
    assert f"this folder holds {saved}: if that is the one, " in hint and words in hint, hint
    assert f"同一文件夹中有 {saved}" in say(caught.value.hint, "zh")


def test_a_scenario_saved_with_txt_added_is_named_and_unrelated_files_are_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_scenario(tmp_path, [worker("A1")])
    path.rename(tmp_path / "scenario.toml.txt")
    assert run(["plan", str(path), "--out", str(tmp_path / "out")]) == 2
    said = "".join(capsys.readouterr().err.split())
    assert "同一文件夹中有scenario.toml.txt" in said and "改名为scenario.toml" in said, said
    assert "roster.csv" not in said and "employers" not in said, said
    (tmp_path / "scenario.toml.txt").unlink()
    with pytest.raises(InputError) as caught:  # nothing like it there: the path to check
        load_scenario(path)
    assert "returnbus synth" in say(caught.value.hint, "en")


@pytest.mark.parametrize("table", ["rules", "depot"])
def test_a_single_table_written_with_double_brackets_says_to_write_single_ones(
    tmp_path: Path, table: str
) -> None:
    """[[rules]] copied from the [[fleet]] lines is a list of one table: it was
    said as 'expected a table, got a list [{...' with 'write it as a table'."""
    path = write_scenario(tmp_path, [worker("A1")], rules="max_ride_minutes = 300")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"[{table}]", f"[[{table}]]", 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == table
    assert f"written as [[{table}]]" in str(caught.value), str(caught.value)
    assert f"write its line as [{table}]" in say(caught.value.hint, "en")
    assert f"请把这一行写成 [{table}]" in say(caught.value.hint, "zh")


def test_one_text_where_a_list_of_them_goes_is_a_list_of_one(tmp_path: Path) -> None:
    """`quarantine_health_codes = "yellow"` can mean only ["yellow"]; so can
    one area, or one risk level. A value not allowed is still refused."""
    listed = '[screening]\nquarantine_health_codes = ["yellow"]\nquarantine_risk_levels = ["high"]'
    one = '[screening]\nquarantine_health_codes = "yellow"\nquarantine_risk_levels = "high"'
    as_list = load_scenario(
        write_scenario(tmp_path, [worker("A1")], rules='planning_area = ["重庆市"]', extra=listed)
    )
    as_one = load_scenario(
        write_scenario(tmp_path, [worker("A1")], rules='planning_area = "重庆市"', extra=one)
    )
    assert as_one.intake == as_list.intake
    assert as_one.intake.screening.quarantine_health_codes == ("yellow",)
    assert as_one.intake.placement.planning_area == ("重庆市",)
    wrong = '[screening]\nquarantine_health_codes = "purple"'
    with pytest.raises(InputError) as caught:
        load_scenario(write_scenario(tmp_path, [worker("A1")], extra=wrong))
    assert caught.value.key == "screening.quarantine_health_codes"


_BATCHES = '[[batch]]\nid = "第一批"\n[[batch]]\nid = "第二批"\n'


@pytest.mark.parametrize(
    ("written", "key", "belongs"),
    [
        ('[solver.destination]\nname = "罗璜"\nlat = 29.351\nlon = 106.424', "destination", ""),
        ('[[solver.fleet]]\nid = "M19"\nseats = 19\ncount = 2', "fleet", ""),
        ('id = "第一批"', "id", "[[batch]], [[fleet]], [depot], [destination]"),
    ],
)
@pytest.mark.parametrize("batches", ["", _BATCHES])
def test_a_batch_s_key_under_another_header_is_said_to_be_a_batch_s(
    tmp_path: Path, written: str, key: str, belongs: str, batches: str
) -> None:
    """A [[batch]] key written under another header was "unknown setting:
    check the spelling" where no [[batch]] table asked for it (a file of no
    batches, or batches without their own destination): it is said to belong
    under [[batch]], and, where the file has none, what such a table is for."""
    path = write_scenario(tmp_path, [worker("A1")], extra=written)
    if batches:  # before [solver], so that the key written stays under it
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("[solver]", f"{batches}\n[solver]", 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_scenario(path)
    assert caught.value.key == f"solver.{key}"
    belongs = belongs or "[[batch]]"
    assert f"a setting of {belongs}," in caught.value.message
    said = caught.value.said("zh")
    assert f"请把“{key} = …”这一行移到 {belongs.replace(', ', '、')} 标题下" in said
    if batches:
        assert "this file has none" not in caught.value.hint
    else:
        assert "a [[batch]] table (one per batch; this file has none)" in caught.value.hint
        assert "只有一个批次时不需要它" in said
