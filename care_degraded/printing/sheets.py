"""Sheets a downtime kit needs besides the MAR and flowsheet.

The patient summary, the A4 sheet of patient labels (3 × 8, name, birth date, sex,
number, bed and a QR naming the patient), and a filled checklist run (who ticked
what, when). Pure layout: the service layer gathers the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from care_degraded.domain.patient import Prescription
from care_degraded.printing import qr
from care_degraded.printing.fonts import SANS, SANS_BOLD
from care_degraded.printing.form import identity_block
from care_degraded.printing.identity import PROVISIONAL_MARK, PatientLabel
from care_degraded.printing.mar_rows import dose_text, is_infusion, mar_lines, schedule_text
from care_degraded.printing.styles import (
    CELL,
    FRAME_WIDTH,
    GRID,
    H2,
    HINT,
    LIGHT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PROVISIONAL,
    SHADE,
    SMALL,
    TITLE,
    esc,
)
from care_degraded.printing.text import keep_units

LABEL_COLUMNS, LABEL_ROWS = 3, 8
LABEL_WIDTH, LABEL_HEIGHT = 70 * mm, 37 * mm
LABEL_PADDING = 3.5 * mm
QR_SIZE = 22 * mm


@dataclass(frozen=True)
class SummaryInfo:
    """What the patient summary says beyond identity and prescriptions."""

    admitted_at: str = ""  # "28/11/2026 14:10"
    reason: str = ""  # reason for admission, when the census gives it
    weight: str = ""  # "72,5 kg (le 29/11 07:10)"
    code_status: str = ""  # when the census carries it
    isolation: str = ""


def summary_story(patient: PatientLabel, prescriptions: Sequence[Prescription],
                  info: SummaryInfo) -> list[Flowable]:
    """One patient on one page: identity, allergies, admission, active prescriptions."""
    rows = [("Motif d'hospitalisation", info.reason or "non renseigné dans le recensement"),
            ("Entrée le", info.admitted_at or "non renseigné"),
            ("Médecin responsable", patient.attending or "non renseigné"),
            ("Poids", info.weight or "non enregistré")]
    if info.code_status:
        rows.append(("Statut réanimatoire", info.code_status))
    if info.isolation:
        rows.append(("Isolement", info.isolation))
    facts = Table([[Paragraph(esc(k), CELL), Paragraph(f"<b>{esc(keep_units(v))}</b>", CELL)]
                   for k, v in rows], colWidths=[0.3 * FRAME_WIDTH, 0.7 * FRAME_WIDTH])
    facts.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID),
                               ("BACKGROUND", (0, 0), (0, -1), LIGHT),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    out: list[Flowable] = [Paragraph("Fiche de synthèse du patient", TITLE),
                           identity_block(patient), Spacer(1, 3 * mm), facts,
                           Paragraph(f"Prescriptions actives ({len(prescriptions)})", H2)]
    lines = mar_lines(prescriptions, (), dt.datetime.min.replace(tzinfo=dt.UTC),
                      dt.datetime.min.replace(tzinfo=dt.UTC))
    if not lines:
        out.append(Paragraph("Aucune prescription active dans le recensement.", SMALL))
        return out
    table_rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", CELL) for h in
                                       ("Médicament", "Dose, voie", "Rythme", "Remarque")]]
    for line in lines:
        p = line.prescription
        remark = "; ".join(x for x in (line.duplicate_flag,
                                       "perfusion continue" if is_infusion(p) else "",
                                       p.instructions or "") if x)
        table_rows.append([Paragraph(f"<b>{esc(keep_units(p.drug))}</b>", CELL),
                           Paragraph(esc(dose_text(p)), CELL),
                           Paragraph(esc(schedule_text(p)), CELL),
                           Paragraph(esc(keep_units(remark)), CELL)])
    table = Table(table_rows, colWidths=[0.34 * FRAME_WIDTH, 0.16 * FRAME_WIDTH,
                                         0.26 * FRAME_WIDTH, 0.24 * FRAME_WIDTH], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID),
                               ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    out.append(table)
    return out


class LabelSheet(Flowable):  # type: ignore[misc]
    """A whole A4 page of 3 × 8 labels (70 × 37 mm), drawn on a page without furniture."""

    def __init__(self, patient: PatientLabel, payload: str, count: int) -> None:
        super().__init__()
        self.patient, self.payload = patient, payload
        self.count = max(1, min(count, LABEL_COLUMNS * LABEL_ROWS))
        self.width, self.height = PAGE_WIDTH, PAGE_HEIGHT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, min(self.height, avail_height)

    def draw(self) -> None:
        top = (PAGE_HEIGHT + LABEL_ROWS * LABEL_HEIGHT) / 2
        left = (PAGE_WIDTH - LABEL_COLUMNS * LABEL_WIDTH) / 2
        # The QR is the same on every label: encoded and drawn once, placed 24 times.
        form = f"cd-label-{abs(hash(self.payload)):x}"
        c = self.canv
        c.beginForm(form)
        qr.draw(c, self.payload, 0, 0, QR_SIZE)
        c.endForm()
        # The canvas origin is the frame's bottom-left: labels are placed on the page.
        x0, y0 = c.absolutePosition(0, 0)
        for n in range(self.count):
            row, col = divmod(n, LABEL_COLUMNS)
            self.label(left + col * LABEL_WIDTH - x0,
                       top - (row + 1) * LABEL_HEIGHT - y0, form)

    def label(self, x: float, y: float, form: str) -> None:
        c, p = self.canv, self.patient
        qr_size = QR_SIZE
        c.saveState()
        c.translate(x + LABEL_WIDTH - LABEL_PADDING - qr_size, y + LABEL_PADDING)
        c.doForm(form)
        c.restoreState()
        width = LABEL_WIDTH - 3 * LABEL_PADDING - qr_size
        ty = y + LABEL_HEIGHT - LABEL_PADDING - 8
        tx = x + LABEL_PADDING
        if p.provisional:
            c.setFillColor(PROVISIONAL)
            c.setFont(SANS_BOLD, 6)
            c.drawString(tx, ty + 1, PROVISIONAL_MARK)
            c.setFillColor(colors.black)
            ty -= 8
        size = 9.0
        while size > 6 and max(c.stringWidth(w, SANS_BOLD, size) for w in p.name.split()) > width:
            size -= 0.5
        for line in simpleSplit(p.name, SANS_BOLD, size, width)[:3]:
            c.setFont(SANS_BOLD, size)
            c.drawString(tx, ty, line)
            ty -= size + 1
        c.setFont(SANS, 7.5)
        for line in (f"né(e) le {p.birth_date or '____'}  {p.sex}",
                     f"{p.number_kind} {p.number or '________'}", p.bed):
            if line:
                c.drawString(tx, ty, line)
                ty -= 9


@dataclass(frozen=True)
class TickLine:
    """One checklist item as it stands in a run."""

    label: str
    role: str
    checked: bool
    by: str = ""
    at: dt.datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class RunSheet:
    """A checklist run: who started it, when, and every item's state."""

    title: str
    started_at: dt.datetime
    started_by: str
    ended_at: dt.datetime | None
    items: tuple[TickLine, ...]


def checklist_run_story(run: RunSheet) -> list[Flowable]:
    """A filled checklist: ticked items with who and when, open items left to do."""
    done = sum(1 for i in run.items if i.checked)
    state = (f"terminée le {run.ended_at:%d/%m/%Y à %H:%M}" if run.ended_at
             else "en cours (non terminée)")
    rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", CELL) for h in
                                 ("", "Élément", "Rôle", "Coché par", "Le", "Note")]]
    style: list[tuple[object, ...]] = [("GRID", (0, 0), (-1, -1), 0.4, GRID),
                                       ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for item in run.items:
        mark = "☑" if item.checked else "☐"
        rows.append([Paragraph(f"<font size=11>{mark}</font>", CELL),
                     Paragraph(esc(item.label), CELL), Paragraph(esc(item.role), CELL),
                     Paragraph(esc(item.by) if item.checked else "<i>à faire</i>", CELL),
                     Paragraph(f"{item.at:%d/%m %H:%M}" if item.at else "", CELL),
                     Paragraph(esc(item.note), CELL)])
        if not item.checked:
            style.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), LIGHT))
    shares = [0.05, 0.41, 0.1, 0.16, 0.11, 0.17]
    table = Table(rows, colWidths=[s * FRAME_WIDTH for s in shares], repeatRows=1)
    table.setStyle(TableStyle(style))
    return [Paragraph(esc(run.title), TITLE),
            Paragraph(f"Déroulé commencé le {run.started_at:%d/%m/%Y à %H:%M} par "
                      f"{esc(run.started_by)}, {state}. {done} / {len(run.items)} éléments "
                      "cochés.", HINT), Spacer(1, 3 * mm), table]
