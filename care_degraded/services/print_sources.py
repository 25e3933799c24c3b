"""What the printers need from the vault: patients, labels, latest NEWS2 and handovers.

Reads only, a few queries per print (never one per patient and per sheet).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from care_degraded.domain.errors import NotFound
from care_degraded.domain.patient import Patient
from care_degraded.domain.record import Record
from care_degraded.printing.identity import label_for
from care_degraded.printing.record import format_value
from care_degraded.printing.ward import HandoverInfo
from care_degraded.questionnaire import FormLibrary, FormSpec
from care_degraded.services import board, records
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


def handover_infos(vault: Vault, lib: FormLibrary, patients: Sequence[Patient],
                   lang: str = "fr") -> list[HandoverInfo]:
    """Each patient's allergies, latest NEWS2 and latest handover, in ``patients`` order.

    The latest handover is the query layer's (the board and the handover screen ask
    the same), its time the ward's wall clock.
    """
    ids = [p.id for p in patients]
    vitals = records.latest_vitals_by_patient(vault, ids)
    handovers = records.latest_handovers(vault, ids)
    zone = vault.zone
    infos = []
    for p in patients:
        news2 = ""
        if p.id in vitals:
            score = vitals[p.id].news2()
            if score.total is not None:
                level = _LEVELS.get(board.news2_level(score.total, score.single_3), "")
                at = vitals[p.id].effective_at.astimezone(zone)
                news2 = f"{score.summary('fr')} ({level}) — {at:%d/%m %H:%M}"
        sbar: tuple[tuple[str, str], ...] = ()
        meta = ""
        handover = handovers.get(p.id)
        if handover is not None:
            spec = _spec(vault, lib, handover)
            if spec is not None:
                sbar = tuple(_sections(spec, handover, lang, zone))
            by = author_name(vault, handover.author)
            meta = f"du {handover.effective_at.astimezone(zone):%d/%m à %H:%M}"
            meta += f" par {by}" if by else ""
        infos.append(HandoverInfo(label_for(p), news2, sbar, meta))
    return infos


def author_name(vault: Vault, login: str) -> str:
    """"Inès Durand (ide)" for a login, the login alone if unknown."""
    user = vault.users.find(login)
    return f"{user.display_name} ({login})" if user is not None else login


def _spec(vault: Vault, lib: FormLibrary, record: Record) -> FormSpec | None:
    try:
        return spec_for(vault, lib, record.form_url, record.form_version)
    except NotFound:
        return None


def _sections(spec: FormSpec, record: Record, lang: str,
              zone: dt.tzinfo) -> list[tuple[str, str]]:
    """The answered text-like items of a handover, as (label, text)."""
    out = []
    for item in spec.walk():
        if not item.is_question or item.type in ("dateTime", "date", "time"):
            continue
        value = record.answer(item.link_id)
        if value in (None, "", []):
            continue
        out.append((item.label(lang), format_value(item, value, lang, zone)))
    return out
