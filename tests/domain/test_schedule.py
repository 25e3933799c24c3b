"""Prescription.occurrences: the one dose schedule (board, chart, MAR)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from care_degraded.domain.patient import Prescription

PARIS = ZoneInfo("Europe/Paris")


def rx(*times: str, as_needed: bool = False) -> Prescription:
    return Prescription("k", "Lovenox", times_of_day=times, as_needed=as_needed)


def wall(moments: list[dt.datetime]) -> list[str]:
    return [f"{m:%d/%m %H:%M %z}" for m in moments]


def test_over_a_day_boundary() -> None:
    start = dt.datetime(2026, 11, 29, 20, 0, tzinfo=PARIS)
    got = rx("08:00", "22:00", "00:15").occurrences(start, start + dt.timedelta(hours=13))
    assert wall(got) == ["29/11 22:00 +0100", "30/11 00:15 +0100", "30/11 08:00 +0100"]


def test_end_is_excluded_and_start_included() -> None:
    start = dt.datetime(2026, 11, 29, 8, 0, tzinfo=PARIS)
    got = rx("08:00", "20:00").occurrences(start, start + dt.timedelta(hours=12))
    assert wall(got) == ["29/11 08:00 +0100"]


def test_clocks_go_forward_in_late_march() -> None:
    # 29 March 2026: 02:00 CET becomes 03:00 CEST; the night has 23 hours.
    start = dt.datetime(2026, 3, 28, 21, 0, tzinfo=PARIS)
    end = dt.datetime(2026, 3, 29, 9, 0, tzinfo=PARIS)
    got = rx("22:00", "02:30", "06:00", "08:00").occurrences(start, end)
    # 02:30 does not exist that night: the dose is due at the same instant, 03:30 CEST.
    assert wall(got) == ["28/03 22:00 +0100", "29/03 03:30 +0200", "29/03 06:00 +0200",
                         "29/03 08:00 +0200"]
    # 22:00 to 06:00 reads eight hours on the wall clock, but lasts seven
    assert got[2].astimezone(dt.UTC) - got[0].astimezone(dt.UTC) == dt.timedelta(hours=7)


def test_clocks_go_back_in_late_october() -> None:
    # 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    start = dt.datetime(2026, 10, 24, 21, 0, tzinfo=PARIS)
    end = dt.datetime(2026, 10, 25, 9, 0, tzinfo=PARIS)
    got = rx("02:30", "06:00", "22:00").occurrences(start, end)
    assert wall(got) == ["24/10 22:00 +0200", "25/10 02:30 +0200", "25/10 06:00 +0100"]
    utc = [m.astimezone(dt.UTC) for m in got]
    assert utc[2] - utc[0] == dt.timedelta(hours=9)  # the 25-hour night


def test_span_given_in_utc_is_read_on_the_ward_clock() -> None:
    start = dt.datetime(2026, 3, 29, 0, 0, tzinfo=dt.UTC)  # 01:00 CET
    got = rx("08:00").occurrences(start, start + dt.timedelta(hours=12), PARIS)
    assert wall(got) == ["29/03 08:00 +0200"]
    assert got[0].astimezone(dt.UTC).hour == 6


def test_as_needed_and_unreadable_times_have_no_schedule() -> None:
    start = dt.datetime(2026, 11, 29, 0, 0, tzinfo=PARIS)
    end = start + dt.timedelta(days=1)
    assert rx("08:00", as_needed=True).occurrences(start, end) == []
    assert wall(rx("8h", "12:00").occurrences(start, end)) == ["29/11 12:00 +0100"]


def test_naive_span_is_refused() -> None:
    with pytest.raises(ValueError):
        rx("08:00").occurrences(dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 2))
