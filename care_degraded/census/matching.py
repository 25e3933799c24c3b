"""Likely duplicates: is the person being admitted already known to the ward?

A candidate shares the birth date (or has day and month swapped, a common typing
slip) and has similar names: the same once accents, case, hyphens and
apostrophes are ignored, one or two typing differences, the same French sound,
one name part of the other ("Martin" / "Martin-Durand"), or surname and given
name swapped. Birth names and used names both count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from care_degraded.domain.errors import Refused
from care_degraded.domain.names import names_similar
from care_degraded.domain.patient import Patient


@dataclass(frozen=True)
class Candidate:
    """A patient who may be the one being admitted, and why."""

    patient: Patient
    reasons: tuple[str, ...]


class LikelyDuplicate(Refused):
    """Admission refused: the person may already be on the ward (exit 6).

    The message holds no patient data; the candidates are on ``candidates``.
    """

    code = "likely_duplicate"

    def __init__(self, candidates: list[Candidate]) -> None:
        count = len(candidates)
        super().__init__(f"likely duplicate of {count} known patient{'s' if count > 1 else ''}:"
                         " check the list, then admit with --force if this is someone else")
        self.candidates = candidates


def birth_dates_to_check(birth_date: dt.date) -> set[dt.date]:
    """The birth date, and the date with day and month swapped when that is a date."""
    dates = {birth_date}
    if birth_date.day <= 12 and birth_date.day != birth_date.month:
        dates.add(birth_date.replace(month=birth_date.day, day=birth_date.month))
    return dates


def _best(reasons: Iterable[str | None]) -> str | None:
    order = ("same", "spelling", "compound", "phonetic")
    found = [r for r in reasons if r]
    return min(found, key=order.index) if found else None


def find_candidates(surname: str, given_names: Iterable[str], birth_date: dt.date,
                    known: Iterable[Patient], used_name: str | None = None) -> list[Candidate]:
    """Known patients who may be this person, closest first."""
    givens = [g for g in given_names if g.strip()]
    surnames = [s for s in (surname, used_name) if s and s.strip()]
    found: list[tuple[int, Candidate]] = []
    for patient in known:
        ident = patient.identity
        if ident.birth_date is None or ident.birth_date not in birth_dates_to_check(birth_date):
            continue
        their_surnames = [s for s in (ident.birth_name, ident.used_name) if s]
        their_givens = [g for g in (*ident.given_names, ident.used_given_name or "") if g]
        reasons = ["same birth date" if ident.birth_date == birth_date
                   else "birth date with day and month swapped"]
        surname_match = _best(names_similar(a, b) for a in surnames for b in their_surnames)
        given_match = _best(names_similar(a, b) for a in givens for b in their_givens)
        if surname_match and (given_match or not givens or not their_givens):
            reasons.append(f"surname: {surname_match}")
            if given_match:
                reasons.append(f"given name: {given_match}")
        else:
            swapped_s = _best(names_similar(a, b) for a in surnames for b in their_givens)
            swapped_g = _best(names_similar(a, b) for a in givens for b in their_surnames)
            if not (swapped_s and swapped_g):
                continue
            reasons.append("surname and given name swapped")
        score = (0 if ident.birth_date == birth_date else 1) + (0 if surname_match == "same" else 1)
        found.append((score, Candidate(patient, tuple(reasons))))
    found.sort(key=lambda sc: (sc[0], sc[1].patient.identity.display_surname.casefold()))
    return [c for _, c in found]
