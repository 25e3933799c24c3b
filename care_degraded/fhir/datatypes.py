"""FHIR primitive types the census reads: date and dateTime."""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_fhir_date(text: object) -> dt.date | None:
    """A FHIR ``date``: full dates become a date, partial ones (1950, 1950-03) None.

    Raises ValueError for anything that is not a FHIR date.
    """
    if not isinstance(text, str) or not _DATE.match(text):
        raise ValueError("not a FHIR date")
    if len(text) < 10:
        return None
    return dt.date.fromisoformat(text)


def parse_datetime(text: str) -> dt.datetime:
    """ISO 8601 date-time (a trailing Z allowed); naive values are taken as UTC."""
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def check_datetime(text: object) -> str:
    """The text of a FHIR dateTime or date, checked; ValueError if it is neither."""
    if not isinstance(text, str):
        raise ValueError("not a date-time")
    if _DATE.match(text):
        parse_fhir_date(text)
        return text
    parse_datetime(text)
    return text
