"""Clinical times: when the care happened, in the ward's own time zone.

A time typed on a form without an offset ("2026-03-29T08:30") is the ward's wall
clock, never UTC and never the zone of whatever machine reads it later. It is
stored with its offset, so every reader shows the same wall-clock time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from care_degraded.domain.errors import InvalidInput

#: The zone of a ward that has not set one (a vault setting, see ``Vault.zone``).
DEFAULT_WARD_ZONE = "Europe/Paris"

#: Answers that say when the care happened, in order of preference. A record's
#: clinically-effective time is the first of these the form answers, else the
#: explicit ``effective_at``, else the time of saving.
EFFECTIVE_LINK_IDS = ("effective", "given-at", "occurred-at", "admitted-at", "at",
                      "period-start", "sample-at", "requested-at")


def ward_zone(name: str | None = None) -> ZoneInfo:
    """The IANA zone ``name`` (the default ward zone if None); InvalidInput if unknown."""
    try:
        return ZoneInfo(name or DEFAULT_WARD_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"unknown time zone: {name}") from None


def localize(moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """An aware datetime; a naive one is read as the wall clock of ``zone``.

    A wall-clock time that does not exist (the hour skipped in late March) is the
    same instant read with the offset before the change; an ambiguous one (the hour
    repeated in late October) is its first occurrence.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=zone, fold=0).astimezone(dt.UTC).astimezone(zone)
    return moment


def parse_clinical(text: str, zone: dt.tzinfo) -> dt.datetime:
    """An ISO 8601 date-time ("Z" accepted); without an offset it is ``zone``'s wall clock."""
    value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return localize(value, zone)


def try_parse_clinical(value: object, zone: dt.tzinfo) -> dt.datetime | None:
    """``parse_clinical`` for an answer that may be anything; None unless a date-time."""
    if not isinstance(value, str) or "T" not in value:
        return None
    try:
        return parse_clinical(value, zone)
    except ValueError:
        return None


def effective_time(answers: Mapping[str, object], zone: dt.tzinfo) -> dt.datetime | None:
    """The clinical time typed in the form (measurement, administration...), if any."""
    for link_id in EFFECTIVE_LINK_IDS:
        found = try_parse_clinical(answers.get(link_id), zone)
        if found is not None:
            return found
    return None


def stored(moment: dt.datetime, zone: dt.tzinfo) -> str:
    """How a clinical time is stored: the ward's wall clock with its offset."""
    return localize(moment, zone).astimezone(zone).isoformat(timespec="microseconds")


def with_offsets(answers: Mapping[str, object], zone: dt.tzinfo) -> dict[str, object]:
    """The answers with the offset written on each clinical time typed without one.

    The wall clock the person typed stays exactly as typed; only the zone it was
    typed in is made explicit, so that no reader takes it for UTC.
    """
    out = dict(answers)
    for link_id in EFFECTIVE_LINK_IDS:
        value = out.get(link_id)
        if not isinstance(value, str) or "T" not in value:
            continue
        try:
            parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            continue
        if parsed.tzinfo is None:
            local = localize(parsed, zone)
            if local.replace(tzinfo=None) == parsed:  # never move a skipped hour
                out[link_id] = local.isoformat(timespec="seconds" if not parsed.microsecond
                                               else "microseconds")
    return out
