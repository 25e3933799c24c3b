"""The downtime kit and the patient-level sheets gathered from the vault.

``print_kit`` covers the ward's current shift (see :mod:`shifts`), the whole ward or
one patient (``patient_id``), every kind of sheet or those in ``sheets``.
``print_labels`` prints one patient's A4 label sheet (3 × 8).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Sequence

from care_degraded.domain.errors import InvalidInput, NotFound
from care_degraded.domain.patient import Patient
from care_degraded.printing import qr
from care_degraded.printing.document import Sheet
from care_degraded.printing.identity import label_for
from care_degraded.printing.kit import KIT_SHEETS, KitForms, KitPatient, kit_sheets
from care_degraded.printing.mar import period_end
from care_degraded.printing.record import format_value
from care_degraded.printing.sheets import LABEL_COLUMNS, LABEL_ROWS, LabelSheet, SummaryInfo
from care_degraded.printing.ward import HandoverInfo
from care_degraded.questionnaire import FormLibrary, FormSpec
from care_degraded.services import print_history, shifts
from care_degraded.services import print_sources as sources
from care_degraded.services.forms import spec_for
from care_degraded.vault import Vault

LABEL_FORM = "urn:care-degraded:patient-label"
NOTES_FORM = "targeted-notes"


def period(vault: Vault, now: dt.datetime, hours: int | None) -> tuple[dt.datetime, int]:
    """The printed period: it starts when the current shift started; ``hours`` defaults
    to the shift's length."""
    start, length = shifts.shift_window(shifts.ward_shifts(vault), now, vault.zone)
    if hours is None:
        hours = max(1, round(length.total_seconds() / 3600))
    if not 1 <= hours <= 72:
        raise InvalidInput("hours must be between 1 and 72")
    return start, hours


def parse_sheets(text: str | Collection[str] | None) -> tuple[str, ...]:
    """``"mar,flowsheet"`` -> the kinds, checked against :data:`KIT_SHEETS`."""
    if text is None:
        return KIT_SHEETS
    names = [s.strip() for s in (text.split(",") if isinstance(text, str) else text)
             if s.strip()]
    unknown = [n for n in names if n not in KIT_SHEETS]
    if unknown or not names:
        raise InvalidInput(f"unknown sheet {', '.join(unknown) or '(none)'}; "
                           f"choose among {','.join(KIT_SHEETS)}")
    return tuple(names)


def kit_patients(vault: Vault, lib: FormLibrary, ward: Sequence[Patient], start: dt.datetime,
                 end: dt.datetime) -> list[KitPatient]:
    """Each patient's part of the kit: handover, prescriptions, what was recorded."""
    infos = sources.handover_infos(vault, lib, ward)
    history = print_history.gather(vault, [p.id for p in ward], start, end)
    key = vault.mac_key(qr.MAC_PURPOSE)
    out = []
    for info, p in zip(infos, ward, strict=True):
        info = with_history(vault, lib, info, history, p.id)
        out.append(KitPatient(info, p.prescriptions, tuple(history.doses.get(p.id, ())),
                              tuple(history.vitals.get(p.id, ())),
                              _summary(p, history.weight.get(p.id), vault.zone),
                              label_payload(key, p.id)))
    return out


def with_history(vault: Vault, lib: FormLibrary, info: HandoverInfo,
                 history: print_history.History, patient_id: str) -> HandoverInfo:
    """The handover as printed: the latest SBAR (not a later DAR note) and the shift's DAR."""
    notes = tuple(history.notes.get(patient_id, ()))
    sbar = history.sbar.get(patient_id)
    if sbar is None:
        return dataclasses.replace(info, notes=notes, sbar=(), sbar_meta="")
    try:
        spec = spec_for(vault, lib, sbar.form_url, sbar.form_version)
    except NotFound:
        return dataclasses.replace(info, notes=notes)
    sections = []
    for item in spec.walk():
        if not item.is_question or item.type in ("dateTime", "date", "time"):
            continue
        value = sbar.answer(item.link_id)
        if value not in (None, "", []):
            sections.append((item.label("fr"), format_value(item, value, "fr", vault.zone)))
    meta = f"du {sbar.effective_at:%d/%m à %H:%M} par {sources.author_name(vault, sbar.author)}"
    return dataclasses.replace(info, notes=notes, sbar=tuple(sections), sbar_meta=meta)


def label_payload(key: bytes, patient_id: str) -> str:
    """The labels' QR: names the patient, authenticated like every sheet code."""
    return qr.encode(qr.SheetClaims(LABEL_FORM, "1", patient_id, "ETIQ"), key)


def _summary(p: Patient, weight: tuple[dt.datetime, str] | None,
             zone: dt.tzinfo) -> SummaryInfo:
    admitted = ""
    if p.admitted_at:
        try:
            moment = dt.datetime.fromisoformat(p.admitted_at)
            admitted = f"{moment.astimezone(zone) if moment.tzinfo else moment:%d/%m/%Y %H:%M}"
        except ValueError:
            admitted = p.admitted_at
    measured = f"{weight[1]} (le {weight[0].astimezone(zone):%d/%m à %H:%M})" if weight else ""
    return SummaryInfo(admitted_at=admitted, weight=measured)


def kit_forms(lib: FormLibrary) -> KitForms:
    checklists = tuple(s for s in lib.list() if s.is_checklist)
    order = {"start": 0, "shift": 1, "recovery": 2}
    return KitForms(vitals=optional_form(lib, "vital-signs"),
                    sbar=optional_form(lib, "sbar-handover"),
                    medication=optional_form(lib, "medication-administration"),
                    admission=optional_form(lib, "downtime-admission"),
                    checklists=tuple(sorted(checklists,
                                            key=lambda s: order.get(s.checklist_phase or "", 9))),
                    notes=optional_form(lib, NOTES_FORM))


def optional_form(lib: FormLibrary, form: str) -> FormSpec | None:
    try:
        return lib.get(form)
    except NotFound:
        return None


def build_kit(vault: Vault, lib: FormLibrary, now: dt.datetime, hours: int | None,
              patients: Sequence[Patient] | None, patient_id: str | None,
              sheets: str | Collection[str] | None) -> tuple[list[Sheet], str]:
    """The kit's sheets and the audit detail."""
    kinds = parse_sheets(sheets)
    start, hours = period(vault, now, hours)
    if patient_id:
        ward = [sources.find_patient(vault, patient_id, patients)]
        # One patient's part only: no ward list, no blank admissions, no checklists.
        kinds = tuple(k for k in kinds if k not in ("census", "admission", "checklists"))
    else:
        ward = sources.sort_by_bed(patients) if patients is not None else \
            sources.ward_patients(vault)
    end = period_end(start, hours)
    people = kit_patients(vault, lib, ward, start, end)
    built = kit_sheets(people, kit_forms(lib), start, hours, vault.ward, sheets=kinds)
    detail = f"hours={hours} start={start:%H:%M} patients={len(ward)} sheets={','.join(kinds)}"
    if patient_id:
        detail += f" patient={ward[0].id}"
    return built, detail


def label_sheet(vault: Vault, patient: Patient, count: int) -> Sheet:
    if not 1 <= count <= LABEL_COLUMNS * LABEL_ROWS:
        raise InvalidInput(f"count must be between 1 and {LABEL_COLUMNS * LABEL_ROWS}")
    label = label_for(patient)
    payload = label_payload(vault.mac_key(qr.MAC_PURPOSE), patient.id)
    return Sheet("Étiquettes", "labels", [LabelSheet(label, payload, count)], label,
                 LABEL_FORM, "1", bare=True)


def handover_with_notes(vault: Vault, lib: FormLibrary, info: HandoverInfo, patient: Patient,
                        now: dt.datetime) -> HandoverInfo:
    """The handover info with the current shift's DAR notes."""
    start, hours = period(vault, now, None)
    history = print_history.gather(vault, [patient.id], start, period_end(start, hours))
    return with_history(vault, lib, info, history, patient.id)

