"""A crisis exercise scenario: timed injects, who they are for, what is expected.

A scenario is a JSON file (schema in docs/scenario-format.md, examples shipped in
``resources/scenarios/``). Offsets are scenario time from the start of the drill,
written ``"H:MM"`` (``"0:10"``, ``"36:00"``). Parsing checks everything and names
what is wrong; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from care_degraded.domain.errors import InvalidInput

FORMAT = "care-degraded-scenario"
FORMAT_VERSION = 1
AUDIENCES = ("ward", "manager", "crisis-cell")
#: what the ward is expected to do after an inject, and how the drill detects it
EXPECTED_ACTIONS = ("checklist-started", "checklist-completed", "kit-printed", "crisis-entry",
                    "record", "sync")
SPEEDS = (1, 2, 10)
_OFFSET = re.compile(r"^(\d{1,3}):([0-5]\d)$")


def parse_offset(text: str, where: str) -> dt.timedelta:
    """``"H:MM"`` as a duration; InvalidInput naming ``where`` otherwise."""
    m = _OFFSET.match(str(text).strip())
    if not m:
        raise InvalidInput(f"{where}: offset '{text}' is not H:MM (e.g. 0:10, 36:00)")
    return dt.timedelta(hours=int(m.group(1)), minutes=int(m.group(2)))


def offset_text(delta: dt.timedelta) -> str:
    """A duration as ``+H:MM`` (negative durations as ``-H:MM``)."""
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Expected:
    """An action the ward should take after the inject, within ``within``."""

    action: str
    within: dt.timedelta
    form: str | None = None  # a checklist phase or form id/url, for checklist actions
    category: str | None = None  # a crisis log category, for crisis-entry

    def describe(self, lang: str = "fr") -> str:
        fr = {"checklist-started": "check-list démarrée", "checklist-completed":
              "check-list terminée", "kit-printed": "kit imprimé",
              "crisis-entry": "entrée à la main courante", "record": "premier enregistrement",
              "sync": "synchronisation"}
        en = {"checklist-started": "checklist started", "checklist-completed":
              "checklist completed", "kit-printed": "kit printed",
              "crisis-entry": "crisis log entry", "record": "first record", "sync": "sync"}
        text = (fr if lang == "fr" else en)[self.action]
        detail = self.form or self.category
        return f"{text} ({detail})" if detail else text


@dataclass(frozen=True)
class Inject:
    id: str
    offset: dt.timedelta
    text_fr: str
    text_en: str
    audience: tuple[str, ...]
    expected: tuple[Expected, ...]

    def text(self, lang: str = "fr") -> str:
        return self.text_en if lang == "en" and self.text_en else self.text_fr


@dataclass(frozen=True)
class Scenario:
    name: str
    title_fr: str
    title_en: str
    starts_at: dt.time  # the scenario's wall clock at its start ("02:00")
    duration: dt.timedelta
    injects: tuple[Inject, ...]
    raw: dict[str, Any]

    def title(self, lang: str = "fr") -> str:
        return self.title_en if lang == "en" and self.title_en else self.title_fr

    def wall_clock(self, elapsed: dt.timedelta) -> str:
        """The scenario's own clock at ``elapsed`` ("02:10", "J+1 14:00")."""
        start = dt.datetime.combine(dt.date(2000, 1, 1), self.starts_at)
        at = start + elapsed
        day = (at.date() - start.date()).days
        return f"J+{day} {at:%H:%M}" if day else f"{at:%H:%M}"


def _text(obj: dict[str, Any], key: str, where: str, required: bool = True) -> str:
    value = obj.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{where}: '{key}' must be a non-empty text")
    return value


def parse_scenario(data: Any, name: str = "") -> Scenario:
    """The scenario in ``data`` (parsed JSON); InvalidInput naming the first problem."""
    if not isinstance(data, dict):
        raise InvalidInput("scenario: a JSON object is expected")
    if data.get("format") != FORMAT or data.get("version") != FORMAT_VERSION:
        raise InvalidInput(f"scenario: 'format' must be '{FORMAT}' and 'version' "
                           f"{FORMAT_VERSION}")
    sname = str(data.get("name") or name)
    if not re.match(r"^[a-z0-9][a-z0-9-]{0,63}$", sname):
        raise InvalidInput("scenario: 'name' must be lower-case letters, digits and dashes")
    title = data.get("title")
    if not isinstance(title, dict):
        raise InvalidInput("scenario: 'title' must be {\"fr\": ..., \"en\": ...}")
    title_fr = _text(title, "fr", "scenario title")
    title_en = _text(title, "en", "scenario title", required=False)
    try:
        starts_at = dt.time.fromisoformat(_text(data, "starts_at", "scenario"))
    except ValueError:
        raise InvalidInput("scenario: 'starts_at' must be HH:MM") from None
    duration = parse_offset(_text(data, "duration", "scenario"), "scenario duration")
    raw_injects = data.get("injects")
    if not isinstance(raw_injects, list) or not raw_injects:
        raise InvalidInput("scenario: 'injects' must be a non-empty list")
    injects: list[Inject] = []
    seen: set[str] = set()
    for i, obj in enumerate(raw_injects, start=1):
        injects.append(_inject(obj, i, seen, duration))
    injects.sort(key=lambda x: x.offset)
    return Scenario(sname, title_fr, title_en, starts_at, duration, tuple(injects), data)


def _inject(obj: Any, index: int, seen: set[str], duration: dt.timedelta) -> Inject:
    where = f"inject {index}"
    if not isinstance(obj, dict):
        raise InvalidInput(f"{where}: a JSON object is expected")
    iid = _text(obj, "id", where)
    if iid in seen:
        raise InvalidInput(f"{where}: id '{iid}' is used twice")
    seen.add(iid)
    offset = parse_offset(_text(obj, "at", where), where)
    if offset > duration:
        raise InvalidInput(f"{where}: at {offset_text(offset)} is after the scenario's end")
    text = obj.get("text")
    if not isinstance(text, dict):
        raise InvalidInput(f"{where}: 'text' must be {{\"fr\": ..., \"en\": ...}}")
    audience = obj.get("audience")
    if not isinstance(audience, list) or not audience or \
            any(a not in AUDIENCES for a in audience):
        raise InvalidInput(f"{where}: 'audience' must list some of {', '.join(AUDIENCES)}")
    expected: list[Expected] = []
    for j, exp in enumerate(obj.get("expected") or [], start=1):
        ewhere = f"{where} expected {j}"
        if not isinstance(exp, dict) or exp.get("action") not in EXPECTED_ACTIONS:
            raise InvalidInput(f"{ewhere}: 'action' must be one of "
                               f"{', '.join(EXPECTED_ACTIONS)}")
        within = parse_offset(_text(exp, "within", ewhere), ewhere)
        form = exp.get("form")
        category = exp.get("category")
        expected.append(Expected(str(exp["action"]), within,
                                 str(form) if form else None,
                                 str(category) if category else None))
    return Inject(iid, offset, _text(text, "fr", where), _text(text, "en", where, False),
                  tuple(str(a) for a in audience), tuple(expected))
