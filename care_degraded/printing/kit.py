"""The downtime kit: everything the ward needs on paper for one shift (or N hours), one PDF.

Order: a cover listing the contents; the census list (with blank rows for
admissions); per patient by bed, the summary, the MAR and the flowsheet (landscape),
the handover sheet (latest SBAR and the shift's DAR notes), the DAR sheet and a sheet
of labels; blank admission sets (form, MAR, flowsheet); the checklists. ``sheets``
picks which kinds are printed. Pure layout: the service layer gathers the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from care_degraded.domain.patient import Prescription
from care_degraded.printing.document import PageRef, Sheet
from care_degraded.printing.flowsheet import VitalsPoint, flowsheet_story
from care_degraded.printing.form import FormRenderer
from care_degraded.printing.mar import DoseEvent, mar_story, period_end
from care_degraded.printing.sheets import LabelSheet, SummaryInfo, summary_story
from care_degraded.printing.styles import CELL, GRID, HINT, SHADE, TITLE, esc
from care_degraded.printing.ward import (
    HandoverInfo,
    census_story,
    dar_story,
    handover_patient_story,
)
from care_degraded.questionnaire.spec import FormSpec

MAR_FORM = ("https://care-degraded.example/fhir/Questionnaire/medication-administration", "")
#: Every kind of sheet the kit can hold, in print order (``print kit --sheets``).
KIT_SHEETS = ("census", "summary", "mar", "flowsheet", "handover", "dar", "labels",
              "admission", "checklists")


@dataclass(frozen=True)
class KitPatient:
    """One patient's part of the kit."""

    handover: HandoverInfo
    prescriptions: tuple[Prescription, ...] = ()
    doses: tuple[DoseEvent, ...] = ()
    vitals: tuple[VitalsPoint, ...] = ()
    summary: SummaryInfo = SummaryInfo()
    label_payload: str = ""  # the labels' QR text (authenticated by the service)


@dataclass(frozen=True)
class KitForms:
    """The forms the kit is printed from (None: that part is left out, with a note)."""

    vitals: FormSpec | None
    sbar: FormSpec | None
    medication: FormSpec | None
    admission: FormSpec | None
    checklists: tuple[FormSpec, ...] = ()
    notes: FormSpec | None = None


def _form_ids(spec: FormSpec | None) -> tuple[str, str]:
    if spec is None:
        return "", ""
    return spec.url or spec.short_id, spec.version or ""


def kit_sheets(patients: Sequence[KitPatient], forms: KitForms, start: dt.datetime, hours: int,
               ward: str, admission_copies: int = 2, lang: str = "fr",
               sheets: Collection[str] = KIT_SHEETS) -> list[Sheet]:
    """The kit's sheets, cover first; ``patients`` must already be ordered by bed."""
    end = period_end(start, hours)
    body: list[Sheet] = []
    if "census" in sheets:
        body.append(Sheet("Liste des patients", "census",
                          census_story([p.handover.patient for p in patients])))
    mar_ids = _form_ids(forms.medication)
    vit_ids = _form_ids(forms.vitals)
    sbar_ids = _form_ids(forms.sbar)
    dar_ids = _form_ids(forms.notes)
    for kp in patients:
        label = kp.handover.patient
        where = f" — {label.bed}" if label.bed else ""
        if "summary" in sheets:
            body.append(Sheet(f"Synthèse{where}", "summary",
                              summary_story(label, kp.prescriptions, kp.summary), label))
        if "mar" in sheets:
            body.append(Sheet(f"Administration des médicaments{where}", "mar",
                              mar_story(kp.prescriptions, start, hours, events=kp.doses),
                              label, *mar_ids, landscape=True))
        if "flowsheet" in sheets and forms.vitals is not None:
            body.append(Sheet(f"Surveillance{where}", "flowsheet",
                              flowsheet_story(forms.vitals, start, hours, lang, kp.vitals),
                              label, *vit_ids, landscape=True))
        if "handover" in sheets:
            body.append(Sheet(f"Transmissions{where}", "handover",
                              handover_patient_story(kp.handover, forms.sbar, lang), label,
                              *sbar_ids))
        if "dar" in sheets:
            body.append(Sheet(f"Transmissions ciblées{where}", "dar",
                              dar_story(kp.handover, start, end), label, *dar_ids))
        if "labels" in sheets and kp.label_payload:
            body.append(Sheet(f"Étiquettes{where}", "labels",
                              [LabelSheet(label, kp.label_payload, 24)], label, bare=True))
    # Each admission set: the admission form, then a blank MAR and flowsheet for the
    # newcomer (identity boxes on every page), so a new patient is cared for like the others.
    copies = admission_copies if forms.admission is not None and "admission" in sheets else 0
    for n in range(copies):
        assert forms.admission is not None
        tag = f" (nouvelle admission {n + 1})"
        body.append(Sheet(f"{forms.admission.label(lang)}{tag}", "form",
                          FormRenderer(forms.admission, lang).story(None), None,
                          *_form_ids(forms.admission), identity_boxes=True))
        body.append(Sheet(f"Administration des médicaments{tag}", "mar",
                          mar_story((), start, hours, blank_rows=8), None, *mar_ids,
                          landscape=True, identity_boxes=True))
        if forms.vitals is not None:
            body.append(Sheet(f"Surveillance{tag}", "flowsheet",
                              flowsheet_story(forms.vitals, start, hours, lang), None, *vit_ids,
                              landscape=True, identity_boxes=True))
    for checklist in forms.checklists if "checklists" in sheets else ():
        body.append(Sheet(checklist.label(lang), "checklist",
                          FormRenderer(checklist, lang, checklist=True).story(None), None,
                          *_form_ids(checklist)))
    cover = Sheet("Kit mode dégradé — sommaire", "cover",
                  cover_story(body, start, hours, ward, len(patients)))
    return [cover, *body]


def cover_story(sheets: Sequence[Sheet], start: dt.datetime, hours: int, ward: str,
                patients: int, first_index: int = 1) -> list[Flowable]:
    """The contents, in print order: one line per patient (by bed), one per other sheet."""
    end = period_end(start, hours)
    out: list[Flowable] = [
        Paragraph(f"Kit papier du mode dégradé — {esc(ward)}", TITLE),
        Paragraph(f"Pour {hours} h : du {start:%d/%m/%Y %H:%M} au {end:%d/%m/%Y %H:%M}. "
                  f"{patients} patients. Chaque page porte un code QR (patient, formulaire, "
                  "feuille) : le scanner à la ressaisie ouvre le bon dossier.", HINT),
        Spacer(1, 4 * mm),
    ]
    rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", CELL) for h in
                                 ("Lit", "Patient", "Feuilles", "Pages")]]
    index = 0
    while index < len(sheets):
        sheet = sheets[index]
        # ``first_index``: where ``sheets`` start in the final PDF (after the cover).
        if sheet.patient is None:
            rows.append([Paragraph("", CELL), Paragraph("", CELL),
                         Paragraph(esc(sheet.title), CELL), PageRef([first_index + index])])
            index += 1
            continue
        group = [sheet]
        while index + len(group) < len(sheets) and \
                sheets[index + len(group)].patient is sheet.patient:
            group.append(sheets[index + len(group)])
        who = f"<b>{esc(sheet.patient.name)}</b>"
        if sheet.patient.provisional:
            who += "<br/><font size=7>IDENTITÉ PROVISOIRE</font>"
        kinds = ", ".join(_KIND_NAMES.get(s.kind, s.kind) for s in group)
        rows.append([Paragraph(esc(sheet.patient.bed), CELL), Paragraph(who, CELL),
                     Paragraph(esc(kinds), CELL),
                     PageRef(range(first_index + index, first_index + index + len(group)))])
        index += len(group)
    table = Table(rows, colWidths=["16%", "40%", "30%", "14%"], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, GRID),
                               ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    out.append(table)
    return out


_KIND_NAMES = {"mar": "médicaments", "flowsheet": "surveillance",
               "handover": "transmissions", "summary": "synthèse",
               "dar": "transmissions ciblées", "labels": "étiquettes"}
