"""The scenario format and the scenario clock (pure: no vault, no sleeping)."""

from __future__ import annotations

import datetime as dt

import pytest

from care_degraded.domain.errors import InvalidInput, Refused
from care_degraded.domain.scenario import parse_scenario
from care_degraded.domain.scenario_clock import ScenarioClock

T0 = dt.datetime(2026, 12, 2, 1, 0, tzinfo=dt.UTC)
M = dt.timedelta(minutes=1)


def test_speed_pause_resume_and_the_way_back() -> None:
    clock = ScenarioClock.start(T0, 10)
    assert clock.elapsed(T0 + 3 * M) == 30 * M
    clock = clock.pause(T0 + 3 * M)
    assert clock.paused and clock.speed == 10
    assert clock.elapsed(T0 + 500 * M) == 30 * M
    assert clock.real_at(31 * M) is None  # a paused clock never gets there
    clock = clock.resume(T0 + 60 * M)
    assert clock.elapsed(T0 + 61 * M) == 40 * M
    # real -> scenario -> real, across the pause
    assert clock.real_at(20 * M) == T0 + 2 * M
    assert clock.real_at(40 * M) == T0 + 61 * M
    assert clock.real_at(30 * M) == T0 + 3 * M  # reached first before the pause
    clock = clock.end(T0 + 62 * M)
    assert clock.elapsed(T0 + 999 * M) == 50 * M and clock.real_at(51 * M) is None
    again = ScenarioClock.from_json(clock.to_json())
    assert again == clock
    with pytest.raises(Refused):
        clock.resume(T0 + 70 * M)


def test_refusals() -> None:
    clock = ScenarioClock.start(T0, 2)
    with pytest.raises(Refused):
        clock.resume(T0 + M)
    with pytest.raises(InvalidInput):
        clock.pause(T0 - M)  # the clock never goes back
    with pytest.raises(InvalidInput):
        ScenarioClock.start(T0, 0)


def base() -> dict:
    return {"format": "care-degraded-scenario", "version": 1, "name": "t",
            "title": {"fr": "Essai"}, "starts_at": "23:30", "duration": "30:00",
            "injects": [{"id": "a", "at": "1:00", "audience": ["ward"],
                         "text": {"fr": "texte"},
                         "expected": [{"action": "record", "within": "0:15"}]}]}


def test_wall_clock_crosses_midnight() -> None:
    sc = parse_scenario(base())
    assert sc.wall_clock(dt.timedelta(0)) == "23:30"
    assert sc.wall_clock(dt.timedelta(hours=1)) == "J+1 00:30"


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(version=2), "format"),
    (lambda d: d["injects"][0].update(at="1h"), "not H:MM"),
    (lambda d: d["injects"][0].update(audience=["public"]), "audience"),
    (lambda d: d["injects"][0]["expected"][0].update(action="pray"), "action"),
    (lambda d: d["injects"].append(dict(d["injects"][0])), "used twice"),
    (lambda d: d.update(injects=[]), "non-empty"),
    (lambda d: d.update(starts_at="25:00"), "starts_at"),
])
def test_bad_scenarios_name_the_problem(change, message) -> None:
    data = base()
    change(data)
    with pytest.raises(InvalidInput, match=message):
        parse_scenario(data)
