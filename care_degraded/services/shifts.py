"""The ward's shifts, a vault setting: printed sheets cover a shift, not "from now".

Stored as ``"06:30-14:30,14:30-22:30,22:30-06:30"`` (the default). A shift may
cross midnight. The kit printed at 13:50 covers 06:30–14:30 of that day; with more
hours asked, the period still starts when the current shift started.
"""

from __future__ import annotations

import datetime as dt
import re

from care_degraded.domain.errors import InvalidInput
from care_degraded.vault import Vault

META_KEY = "print.shifts"
DEFAULT_SHIFTS = "06:30-14:30,14:30-22:30,22:30-06:30"
_SHIFT = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")

Shift = tuple[dt.time, dt.time]


def parse_shifts(text: str) -> list[Shift]:
    """``"06:30-14:30,..."`` -> [(06:30, 14:30), ...]; InvalidInput names the bad part."""
    shifts: list[Shift] = []
    for part in text.split(","):
        m = _SHIFT.match(part)
        if m is None:
            raise InvalidInput(f"shift {part.strip()!r} is not HH:MM-HH:MM")
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
            raise InvalidInput(f"shift {part.strip()!r} has an impossible time")
        start, end = dt.time(h1, m1), dt.time(h2, m2)
        if start == end:
            raise InvalidInput(f"shift {part.strip()!r} has no length")
        shifts.append((start, end))
    if not shifts:
        raise InvalidInput("no shift given")
    return shifts


def ward_shifts(vault: Vault) -> list[Shift]:
    """The vault's shifts (the default when none was set or the setting is unreadable)."""
    text = vault.meta(META_KEY)
    try:
        return parse_shifts(text) if text else parse_shifts(DEFAULT_SHIFTS)
    except InvalidInput:
        return parse_shifts(DEFAULT_SHIFTS)


def set_ward_shifts(vault: Vault, text: str) -> list[Shift]:
    """Store the ward's shifts (validated), audited."""
    shifts = parse_shifts(text)
    canonical = ",".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in shifts)
    with vault.transaction():
        vault.set_meta(META_KEY, canonical)
        vault.audit.append("settings.shifts", canonical)
    return shifts


def _length(shift: Shift) -> dt.timedelta:
    a, b = (dt.datetime.combine(dt.date(2000, 1, 1), t) for t in shift)
    return (b - a) if b > a else (b - a + dt.timedelta(days=1))


def shift_window(shifts: list[Shift], now: dt.datetime,
                 zone: dt.tzinfo | None = None) -> tuple[dt.datetime, dt.timedelta]:
    """The start (aware, in the ward's ``zone``) and length of the shift ``now`` falls in."""
    local = now.astimezone(zone)
    zone = zone or local.tzinfo
    best: tuple[dt.datetime, dt.timedelta] | None = None
    for shift in shifts:
        length = _length(shift)
        for days in (0, -1):
            start = dt.datetime.combine(local.date() + dt.timedelta(days=days), shift[0], zone)
            if start <= local < start + length and (best is None or start > best[0]):
                best = (start, length)
    if best is None:  # shifts with a gap: the period starts at the current hour
        return local.replace(minute=0, second=0, microsecond=0), _length(shifts[0])
    return best
