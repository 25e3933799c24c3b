"""What the printers need from the vault: patients, labels, latest NEWS2 and handovers.

Reads only, a few queries per print (never one per patient and per sheet).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from care_degraded.domain.errors import NotFound
from care_degraded.domain.patient import Patient
from care_degraded.printing.identity import label_for
from care_degraded.printing.record import format_value
from care_degraded.printing.ward import HandoverInfo
from care_degraded.questionnaire import FormLibrary, FormSpec
from care_degraded.services import board
from care_degraded.services import census as census_service
from care_degraded.services import patients as patient_service
from care_degraded.services.forms import spec_for
from care_degraded.vault import Vault

_LEVELS = {"high": "élevé", "medium": "moyen", "low": "faible"}


def ward_patients(vault: Vault) -> list[Patient]:
    """Present patients, ordered by bed."""
    return sort_by_bed(patient_service.ward_patients(vault))


def sort_by_bed(patients: Sequence[Patient]) -> list[Patient]:
    """Room then bed, numbers in natural order ("2" before "10")."""
    return sorted(patients, key=lambda p: (
        board.bed_sort_key(p.location.room or ""), board.bed_sort_key(p.location.bed or ""),
        p.identity.display_name()))


def find_patient(vault: Vault, reference: str, known: Sequence[Patient] | None = None) -> Patient:
    """A patient by internal id, IPP or provisional number; NotFound (exit 5) if none."""
    if known is not None:
        for p in known:
            if reference in (p.id, p.identity.ipp, p.identity.provisional_number):
                return p
    found = patient_service.get_patient(vault, reference)
    if found is None:
        raise NotFound("no such patient")
    return found


def census_label(vault: Vault, now: dt.datetime) -> str:
    """"recensement de 14:05, il y a 2 h 10" for the footer of every page."""
    return census_service.freshness(vault, now).label("fr")


def _latest_records(vault: Vault) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(patient id, status, author, payload) of the latest revision of every care record."""
    rows = vault.conn.execute(
        "SELECT patient_ref, status, author, payload FROM revisions WHERE kind = ? AND seq IN"
        " (SELECT max(seq) FROM revisions WHERE kind = ? GROUP BY record_id)",
        (board.RECORD_KIND, board.RECORD_KIND)).fetchall()
    return [(str(r[0]), str(r[1]), str(r[2]), json.loads(r[3])) for r in rows
            if r[0] is not None]


def handover_infos(vault: Vault, lib: FormLibrary, patients: Sequence[Patient],
                   lang: str = "fr") -> list[HandoverInfo]:
    """Each patient's allergies, latest NEWS2 and latest handover, in ``patients`` order."""
    vitals = board.latest_vitals(vault)
    latest: dict[str, tuple[str, str, dict[str, Any]]] = {}
    for pid, status, author, payload in _latest_records(vault):
        url = str(payload.get("form_url", "")).lower()
        if status == "entered-in-error" or not any(h in url for h in board.HANDOVER_FORM_HINTS):
            continue
        when = str(payload.get("effective_at", ""))
        if pid not in latest or when > latest[pid][0]:
            latest[pid] = (when, author, payload)
    infos = []
    for p in patients:
        news2 = ""
        if p.id in vitals:
            at, total, single = vitals[p.id]
            if total is not None:
                level = _LEVELS.get(board.news2_level(total, single), "")
                news2 = f"{total} ({level}) — {at.astimezone():%d/%m %H:%M}"
        sbar: tuple[tuple[str, str], ...] = ()
        meta = ""
        if p.id in latest:
            when, author, payload = latest[p.id]
            spec = _spec(vault, lib, payload)
            if spec is not None:
                sbar = tuple(_sections(spec, payload.get("answers") or {}, lang))
            by = author_name(vault, author)
            moment = dt.datetime.fromisoformat(when).astimezone() if when else None
            meta = f"du {moment:%d/%m à %H:%M}" if moment else ""
            meta += f" par {by}" if by else ""
        infos.append(HandoverInfo(label_for(p), news2, sbar, meta))
    return infos


def author_name(vault: Vault, login: str) -> str:
    """"Inès Durand (ide)" for a login, the login alone if unknown."""
    user = vault.users.find(login)
    return f"{user.display_name} ({login})" if user is not None else login


def _spec(vault: Vault, lib: FormLibrary, payload: Mapping[str, Any]) -> FormSpec | None:
    try:
        return spec_for(vault, lib, str(payload["form_url"]), payload.get("form_version"))
    except (NotFound, KeyError):
        return None


def _sections(spec: FormSpec, answers: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """The answered text-like items of a handover, as (label, text)."""
    flat = board._flatten(answers)
    out = []
    for item in spec.walk():
        if not item.is_question or item.type in ("dateTime", "date", "time"):
            continue
        value = flat.get(item.link_id)
        if value in (None, "", []):
            continue
        out.append((item.label(lang), format_value(item, value, lang)))
    return out
