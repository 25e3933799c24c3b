"""What goes into a MAR row besides the schedule: duplicates, history, infusions, PRN slots.

Pure functions over prescriptions and the doses already recorded; :mod:`mar` lays
them out.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from care_degraded.domain.numbers import decimal_text
from care_degraded.domain.patient import Prescription
from care_degraded.printing.text import keep_units

MIN_PRN_SLOTS = 4
#: max/24 h not given (or not a number): as many slots as a 6-hourly drug needs
UNKNOWN_MAX_PER_DAY = 4

_INFUSION_WORDS = ("ivse", "pse", "pousse-seringue", "seringue électrique", "perfusion continue",
                   "en continu", "selon tca", "selon anti-xa", "débit continu")
_INFUSION_ROUTES = ("ivse", "pse", "iv continu", "ivc")


@dataclass(frozen=True)
class DoseEvent:
    """A dose already recorded in the vault (given or not), as the MAR prints it."""

    drug: str
    at: dt.datetime  # aware: when given, else when it was due
    given: bool
    by: str  # the author's login
    reason: str = ""  # why not given, in words


@dataclass(frozen=True)
class MarLine:
    """One printed row: a prescription (or identical copies of it) and what is known."""

    prescription: Prescription
    copies: int = 1  # identical prescriptions merged into this row
    same_drug: int = 1  # prescriptions of this drug for the patient, this one included
    last_given: DoseEvent | None = None
    not_given: tuple[DoseEvent, ...] = ()
    in_period: tuple[DoseEvent, ...] = ()

    @property
    def duplicate_flag(self) -> str:
        count = max(self.copies, self.same_drug)
        return f"⚠ prescrit {count} fois — vérifier" if count > 1 else ""


def drug_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _same_drug(prescribed: str, recorded: str) -> bool:
    a, b = drug_key(prescribed), drug_key(recorded)
    return bool(a and b) and (a == b or a.startswith(b) or b.startswith(a))


def _identity(p: Prescription) -> tuple[object, ...]:
    return (drug_key(p.drug), p.dose_value, p.dose_unit, (p.route or "").casefold(),
            tuple(sorted(p.times_of_day)), p.as_needed, p.as_needed_condition, p.max_per_day,
            p.rate, p.instructions)


def mar_lines(prescriptions: Sequence[Prescription], events: Sequence[DoseEvent],
              start: dt.datetime, end: dt.datetime) -> list[MarLine]:
    """One line per distinct prescription, in prescription order, with duplicates flagged
    and the doses recorded before and during the period."""
    per_drug: dict[str, int] = {}
    for p in prescriptions:
        per_drug[drug_key(p.drug)] = per_drug.get(drug_key(p.drug), 0) + 1
    merged: dict[tuple[object, ...], int] = {}
    kept: list[Prescription] = []
    for p in prescriptions:
        ident = _identity(p)
        if ident in merged:
            merged[ident] += 1
            continue
        merged[ident] = 1
        kept.append(p)
    lines = []
    for p in kept:
        mine = sorted((e for e in events if _same_drug(p.drug, e.drug)), key=lambda e: e.at)
        before = [e for e in mine if e.given and e.at < start]
        lines.append(MarLine(
            p, merged[_identity(p)], per_drug[drug_key(p.drug)],
            before[-1] if before else None,
            tuple(e for e in mine if not e.given and start - dt.timedelta(hours=24) <= e.at < end),
            tuple(e for e in mine if start <= e.at < end)))
    return lines


def is_infusion(p: Prescription) -> bool:
    """A continuous infusion (IVSE, "selon TCA"...): rate and monitoring, not dose boxes."""
    if p.rate:
        return True
    if (p.route or "").casefold().strip() in _INFUSION_ROUTES:
        return True
    text = " ".join(x for x in (p.drug, p.frequency, p.instructions, p.route) if x).casefold()
    return any(w in text for w in _INFUSION_WORDS)


def monitoring_of(p: Prescription) -> str:
    """The value the rate follows ("TCA", "anti-Xa", "glycémie"), else a box to name it."""
    text = " ".join(x for x in (p.drug, p.instructions, p.frequency) if x).casefold()
    if "tca" in text or "héparine" in text or "heparine" in text:
        return "TCA"
    if "anti-xa" in text:
        return "anti-Xa"
    if "insuline" in text or "glyc" in text:
        return "Glycémie"
    return "Valeur surveillée"


def max_per_day(p: Prescription) -> int | None:
    """The maximum doses per 24 h as a number, when the prescription gives one."""
    if not p.max_per_day:
        return None
    found = re.search(r"\d+", p.max_per_day)
    return int(found.group()) if found else None


def prn_slots(p: Prescription, hours: int) -> int:
    """Writing slots for an as-needed line: what its maximum allows over the period, ≥ 4."""
    per_day = max_per_day(p) or UNKNOWN_MAX_PER_DAY
    return max(MIN_PRN_SLOTS, math.ceil(per_day * hours / 24))


def dose_text(p: Prescription) -> str:
    """"2,5 mg IV": French decimals, the number held to its unit."""
    dose = " ".join(x for x in (decimal_text(p.dose_value, "fr") if p.dose_value else None,
                                p.dose_unit) if x)
    return keep_units(" ".join(x for x in (dose, p.route) if x))


def schedule_text(p: Prescription) -> str:
    parts = []
    if p.frequency:
        parts.append(p.frequency)
    if p.times_of_day:
        parts.append(" ".join(t.strip() for t in p.times_of_day))
    if p.as_needed:
        parts.append("si besoin" + (f" : {p.as_needed_condition}" if p.as_needed_condition
                                    else " (condition non précisée)"))
        if not p.max_per_day:
            parts.append("max / 24 h non précisé")
        elif "24" in p.max_per_day or "/" in p.max_per_day:
            parts.append(f"max {p.max_per_day}")
        else:
            parts.append(f"max {p.max_per_day} / 24 h")
    if p.rate:
        parts.append(f"débit {p.rate}")
    return keep_units(" · ".join(parts))


def history_lines(line: MarLine, start: dt.datetime) -> list[str]:
    """"dernière prise 23:40 par ide1", "non donné 08:00 : refus (par ide2)"."""
    out = []
    last = line.last_given
    if last is not None:
        at = last.at.astimezone(start.tzinfo)
        when = f"{at:%H:%M}" if at.date() == start.date() else f"le {at:%d/%m} à {at:%H:%M}"
        out.append(f"dernière prise {when} par {last.by}")
    for e in line.not_given:
        at = e.at.astimezone(start.tzinfo)
        reason = f" : {e.reason}" if e.reason else " : motif non noté"
        out.append(f"non donné {at:%d/%m %H:%M}{reason} (par {e.by})")
    return out
