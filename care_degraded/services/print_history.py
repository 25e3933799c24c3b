"""What was already recorded, as the printed sheets show it: doses, vitals, DAR notes, weight.

One pass over the query layer's latest records per print (never one query per
patient and sheet); every reading goes through the typed ``Record``. Times are the
ward's wall clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from care_degraded.domain.numbers import decimal_text
from care_degraded.domain.record import Record, RecordKind
from care_degraded.printing.flowsheet import VitalsPoint
from care_degraded.printing.mar import DoseEvent
from care_degraded.printing.ward import DarNote
from care_degraded.services import records
from care_degraded.vault import Vault

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
    """Per patient id: doses, vitals, DAR notes, latest weight, latest SBAR."""

    doses: dict[str, list[DoseEvent]] = field(default_factory=dict)
    vitals: dict[str, list[VitalsPoint]] = field(default_factory=dict)
    notes: dict[str, list[DarNote]] = field(default_factory=dict)
    weight: dict[str, tuple[dt.datetime, str]] = field(default_factory=dict)
    sbar: dict[str, Record] = field(default_factory=dict)


def gather(vault: Vault, patient_ids: Iterable[str], start: dt.datetime,
           end: dt.datetime) -> History:
    """Everything the sheets print about ``patient_ids`` around ``[start, end)``."""
    wanted = set(patient_ids)
    out = History()
    begin, stop = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    for record in records.all_records(vault):
        pid = record.patient_ref
        if pid is None or pid not in wanted or record.voided:
            continue
        when = record.effective_at
        inside = begin <= when.astimezone(dt.UTC) < stop
        if record.kind is RecordKind.MEDICATION:
            event = _dose(record)
            if event is not None:
                out.doses.setdefault(pid, []).append(event)
        elif record.kind is RecordKind.VITALS:
            weight = record.answer("weight")
            if weight not in (None, "", {}) and (
                    pid not in out.weight or when > out.weight[pid][0]):
                out.weight[pid] = (when, _quantity(weight, "kg"))
            if inside:
                out.vitals.setdefault(pid, []).append(
                    VitalsPoint(when, _vitals_values(record), record.author))
        elif record.form_url.rstrip("/").endswith(GLUCOSE):
            if inside:
                values = _glucose_values(record)
                if values:
                    out.vitals.setdefault(pid, []).append(VitalsPoint(when, values,
                                                                      record.author))
        elif record.handover_kind == "sbar":
            if pid not in out.sbar or when > out.sbar[pid].effective_at:
                out.sbar[pid] = record
        elif record.handover_kind == "dar" and \
                begin - dt.timedelta(hours=1) <= when.astimezone(dt.UTC) < stop:
            out.notes.setdefault(pid, []).extend(_notes(record))
    for notes in out.notes.values():
        notes.sort(key=lambda n: n.at)
    for points in out.vitals.values():
        points.sort(key=lambda p: p.at)
    return out


def _notes(record: Record) -> list[DarNote]:
    """Each target of a transmissions ciblées record, in the order written."""
    notes: list[DarNote] = []
    current: dict[str, str] = {}
    for part, text in record.handover_sections():
        if part == "focus" and current:
            notes.append(_note(record, current))
            current = {}
        current[part] = text
    if current:
        notes.append(_note(record, current))
    return notes


def _note(record: Record, parts: Mapping[str, str]) -> DarNote:
    return DarNote(record.effective_at, parts.get("focus", ""), parts.get("data", ""),
                   parts.get("actions", ""), parts.get("results", ""), record.author)


def _dose(record: Record) -> DoseEvent | None:
    med = record.medication()
    if not med.drug or med.status not in ("given", "not-given"):
        return None  # a delayed dose stays due: nothing to print as done
    at = med.given_at or med.planned or record.effective_at
    reason = ""
    if not med.given:
        reason = _REASONS.get(med.not_given_reason or "", med.not_given_reason or "")
        detail = (med.reason_detail or "").strip()
        reason = ", ".join(x for x in (reason, detail) if x)
    return DoseEvent(med.drug, at, med.given, record.author, reason)


def _quantity(value: object, unit: str = "") -> str:
    if isinstance(value, Mapping):
        number = value.get("value")
        unit = str(value.get("unit") or value.get("code") or unit)
        return f"{decimal_text(str(number), 'fr')} {unit}".strip()
    return f"{decimal_text(str(value), 'fr')} {unit}".strip()


def _num(value: object) -> str:
    if value is None or value == "" or isinstance(value, bool):
        return ""
    return decimal_text(str(value), "fr")


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


def _vitals_values(record: Record) -> dict[str, str]:
    a = record.vitals()
    news2 = record.news2()
    parts: dict[str, Any] = dict(news2.parameters)
    if news2.total is not None:
        parts["news2-total"] = news2.total
    bp = "/".join(x for x in (_num(a.get("sbp")), _num(a.get("dbp"))) if x)
    spo2 = _num(a.get("spo2"))
    if a.get("o2") == "oxygen":
        spo2 += f" / {_num(a.get('o2-flow')) or '?'} L"
    elif a.get("o2") == "air":
        spo2 += " / AA"
    return {k: v for k, v in {
        "temp": _num(a.get("temp")), "hr": _num(a.get("hr")), "bp": bp, "rr": _num(a.get("rr")),
        "spo2": spo2.strip(" /"), "avpu": str(a.get("avpu") or ""), "pain": _num(a.get("pain")),
        "news2": news2_text(parts)}.items() if v}


def _glucose_values(record: Record) -> dict[str, str]:
    glucose = record.answer("glucose")
    insulin = record.answer("insulin-dose")
    return {k: v for k, v in {"glucose": _num(glucose), "insulin": _num(insulin)}.items() if v}
