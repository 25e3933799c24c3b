"""What was already recorded, as the printed sheets show it: doses, vitals, DAR notes, weight.

One pass over the latest revision of every care record per print (never one query
per patient and sheet). The answers are read here only, through :func:`_answers`,
so that the sheets follow whatever the record model says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from care_degraded.domain.revision import Revision, RevisionStatus
from care_degraded.printing.flowsheet import VitalsPoint
from care_degraded.printing.mar import DoseEvent
from care_degraded.printing.text import fr_decimal
from care_degraded.printing.ward import DarNote
from care_degraded.services import board
from care_degraded.vault import Vault

VITALS = "vital-signs"
MEDICATION = "medication-administration"
TARGETED_NOTES = "targeted-notes"
GLUCOSE = "capillary-glucose"

_REASONS = {"refused": "refus du patient", "fasting": "à jeun", "absent": "patient absent",
            "unavailable": "médicament indisponible", "clinical": "raison clinique",
            "other": "autre"}
#: NEWS2 parameters and what the sheet calls them when one is missing
NEWS2_PARTS = {"news2-rr": "FR", "news2-spo2": "SpO2", "news2-o2": "O2",
               "news2-sbp": "PA", "news2-hr": "FC", "news2-avpu": "conscience",
               "news2-temp": "T°"}


@dataclass
class History:
    """Per patient id: doses, vitals, DAR notes, latest weight."""

    doses: dict[str, list[DoseEvent]] = field(default_factory=dict)
    vitals: dict[str, list[VitalsPoint]] = field(default_factory=dict)
    notes: dict[str, list[DarNote]] = field(default_factory=dict)
    weight: dict[str, tuple[dt.datetime, str]] = field(default_factory=dict)


def _answers(rev: Revision) -> dict[str, Any]:
    return board._flatten(rev.payload.get("answers") or {})


def _targets(rev: Revision) -> list[Mapping[str, Any]]:
    """Each target of a transmissions ciblées record (the group repeats)."""
    raw = (rev.payload.get("answers") or {}).get("target")
    items = raw if isinstance(raw, list) else [raw] if isinstance(raw, Mapping) else []
    return [board._flatten(i) for i in items if isinstance(i, Mapping)]


def _form(rev: Revision) -> str:
    return str(rev.payload.get("form_url", "")).rstrip("/").rsplit("/", 1)[-1]


def _time(value: object) -> dt.datetime | None:
    return board._parse_time(value)


def _effective(rev: Revision) -> dt.datetime:
    return _time(rev.payload.get("effective_at")) or rev.created_at


def gather(vault: Vault, patient_ids: Iterable[str], start: dt.datetime,
           end: dt.datetime) -> History:
    """Everything the sheets print about ``patient_ids`` around ``[start, end)``."""
    wanted = set(patient_ids)
    out = History()
    for rev in vault.revisions.by_kind(board.RECORD_KIND):
        pid = rev.patient_ref
        if pid not in wanted or rev.status is RevisionStatus.ENTERED_IN_ERROR:
            continue
        form = _form(rev)
        if form == MEDICATION:
            event = _dose(rev, vault)
            if event is not None:
                out.doses.setdefault(pid, []).append(event)
        elif form in (VITALS, GLUCOSE):
            when = _effective(rev)
            answers = _answers(rev)
            weight = answers.get("weight")
            if form == VITALS and weight not in (None, "", {}) and (
                    pid not in out.weight or when > out.weight[pid][0]):
                out.weight[pid] = (when, _quantity(weight, "kg"))
            if start <= when < end:
                values = _vitals_values(answers) if form == VITALS else _glucose_values(answers)
                out.vitals.setdefault(pid, []).append(VitalsPoint(when, values, rev.author))
        elif form == TARGETED_NOTES:
            when = _effective(rev)
            if start - dt.timedelta(hours=1) <= when < end:
                for a in _targets(rev):
                    out.notes.setdefault(pid, []).append(DarNote(
                        when, str(a.get("focus") or ""), str(a.get("data") or ""),
                        str(a.get("actions") or ""), str(a.get("results") or ""), rev.author))
    for notes in out.notes.values():
        notes.sort(key=lambda n: n.at)
    for points in out.vitals.values():
        points.sort(key=lambda p: p.at)
    return out


def _dose(rev: Revision, vault: Vault) -> DoseEvent | None:
    a = _answers(rev)
    drug = a.get("drug")
    status = a.get("status")
    if not drug or status not in ("given", "not-given"):
        return None  # a delayed dose stays due: nothing to print as done
    at = _time(a.get("given-at")) or _time(a.get("planned")) or _effective(rev)
    reason = ""
    if status == "not-given":
        reason = _REASONS.get(str(a.get("not-given-reason") or ""), "")
        detail = str(a.get("reason-detail") or "").strip()
        reason = ", ".join(x for x in (reason, detail) if x)
    return DoseEvent(str(drug), at, status == "given", rev.author, reason)


def _quantity(value: object, unit: str = "") -> str:
    if isinstance(value, Mapping):
        number = value.get("value")
        unit = str(value.get("unit") or value.get("code") or unit)
        return f"{fr_decimal(str(number))} {unit}".strip()
    return f"{fr_decimal(str(value))} {unit}".strip()


def _num(value: object) -> str:
    if value is None or value == "" or isinstance(value, bool):
        return ""
    return fr_decimal(str(value))


def news2_text(answers: Mapping[str, Any]) -> str:
    """"6", or for a partial score "≥ 4, incomplet : T° manquante" (never dropped)."""
    total = answers.get("news2-total")
    missing = [name for key, name in NEWS2_PARTS.items()
               if not isinstance(answers.get(key), int) or isinstance(answers.get(key), bool)]
    if isinstance(total, int) and not isinstance(total, bool) and not missing:
        return str(total)
    known = sum(v for k in NEWS2_PARTS if isinstance(v := answers.get(k), int)
                and not isinstance(v, bool))
    if len(missing) == len(NEWS2_PARTS):
        return ""
    absent = ", ".join(missing)
    word = "manquante" if len(missing) == 1 else "manquantes"
    return f"≥ {known}, incomplet : {absent} {word}"


def _vitals_values(a: Mapping[str, Any]) -> dict[str, str]:
    bp = "/".join(x for x in (_num(a.get("sbp")), _num(a.get("dbp"))) if x)
    spo2 = _num(a.get("spo2"))
    if a.get("o2") == "oxygen":
        spo2 += f" / {_num(a.get('o2-flow')) or '?'} L"
    elif a.get("o2") == "air":
        spo2 += " / AA"
    return {k: v for k, v in {
        "temp": _num(a.get("temp")), "hr": _num(a.get("hr")), "bp": bp, "rr": _num(a.get("rr")),
        "spo2": spo2.strip(" /"), "avpu": str(a.get("avpu") or ""), "pain": _num(a.get("pain")),
        "news2": news2_text(a)}.items() if v}


def _glucose_values(a: Mapping[str, Any]) -> dict[str, str]:
    glucose = next((a[k] for k in ("glucose", "value", "glycemia") if a.get(k) is not None), None)
    insulin = next((a[k] for k in ("insulin", "insulin-dose", "dose") if a.get(k) is not None),
                   None)
    return {k: v for k, v in {"glucose": _num(glucose), "insulin": _num(insulin)}.items() if v}
