"""Ward-level sheets: handover (per patient and for the whole ward) and the census list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from care_degraded.printing.form import FormRenderer
from care_degraded.printing.identity import PROVISIONAL_MARK, PatientLabel
from care_degraded.printing.styles import (
    CELL,
    FRAME_WIDTH,
    GRID,
    H2,
    HINT,
    LIGHT,
    PROVISIONAL,
    SHADE,
    SMALL,
    SPLIT_IN_ROW,
    TITLE,
    esc,
)
from care_degraded.questionnaire.spec import FormSpec

TABLE_CELL = CELL.clone("table-cell", fontSize=7.5, leading=9)


@dataclass(frozen=True)
class HandoverInfo:
    """What the handover sheet says about one patient."""

    patient: PatientLabel
    news2: str = ""  # "6 (moyen) — 29/11 02:10", "" if no vitals recorded
    sbar: tuple[tuple[str, str], ...] = ()  # (section label, text) of the latest handover
    sbar_meta: str = ""  # "par Inès Durand le 29/11 à 02:10"
    extra: tuple[str, ...] = field(default_factory=tuple)


def _name_cell(p: PatientLabel) -> Paragraph:
    text = f"<b>{esc(p.name)}</b>"
    if p.provisional:
        text = f"<font color='#{_hex(PROVISIONAL)}'><b>{PROVISIONAL_MARK}</b></font><br/>" + text
    details = " · ".join(x for x in (p.birth_date, p.sex,
                                      f"{p.number_kind} {p.number}" if p.number else "") if x)
    return Paragraph(f"{text}<br/><font size=7>{esc(details)}</font>", TABLE_CELL)


def _hex(color: object) -> str:
    r, g, b = (int(round(getattr(color, c) * 255)) for c in ("red", "green", "blue"))
    return f"{r:02x}{g:02x}{b:02x}"


def _sbar_text(info: HandoverInfo) -> str:
    if not info.sbar:
        return "<i>aucune transmission enregistrée</i>"
    # "S - Situation : motif de l'appel…" -> "S - Situation": the table has little room.
    parts = [f"<b>{esc(label.split(' : ')[0])} :</b> {esc(text)}" for label, text in info.sbar]
    if info.sbar_meta:
        parts.append(f"<font size=6.5>{esc(info.sbar_meta)}</font>")
    return "<br/>".join(parts)


def handover_patient_story(info: HandoverInfo, sbar_form: FormSpec | None,
                           lang: str = "fr") -> list[Flowable]:
    """One patient: allergies, NEWS2, latest SBAR in full, then a blank SBAR for this shift."""
    p = info.patient
    out: list[Flowable] = [Paragraph("Transmissions — fiche patient", TITLE)]
    rows = [[Paragraph("Allergies", CELL), Paragraph(f"<b>{esc(p.allergies or '—')}</b>", CELL)],
            [Paragraph("Dernier NEWS2", CELL),
             Paragraph(esc(info.news2 or "aucune constante enregistrée"), CELL)]]
    for label, text in info.sbar:
        rows.append([Paragraph(esc(label), CELL), Paragraph(esc(text), CELL)])
    if not info.sbar:
        rows.append([Paragraph("Dernière transmission", CELL),
                     Paragraph("<i>aucune transmission enregistrée</i>", CELL)])
    table = Table(rows, colWidths=[0.3 * FRAME_WIDTH, None], splitInRow=SPLIT_IN_ROW)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID),
                               ("BACKGROUND", (0, 0), (0, -1), LIGHT),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    out += [table]
    if info.sbar_meta:
        out.append(Paragraph(f"Dernière transmission {esc(info.sbar_meta)}", HINT))
    if sbar_form is not None:
        out += [Spacer(1, 5 * mm), Paragraph("Transmission de cette équipe", H2)]
        out += FormRenderer(sbar_form, lang).story(p, with_identity=False)[2:]
    return out


def handover_ward_story(infos: Sequence[HandoverInfo]) -> list[Flowable]:
    """Every patient on one table, ordered by bed."""
    header = [Paragraph(f"<b>{h}</b>", TABLE_CELL) for h in
              ("Lit", "Patient", "Allergies", "NEWS2", "Dernière transmission (SBAR)")]
    rows: list[list[object]] = [header]
    for info in infos:
        p = info.patient
        rows.append([Paragraph(esc(p.bed), TABLE_CELL), _name_cell(p),
                     Paragraph(esc(p.allergies), TABLE_CELL),
                     Paragraph(esc(info.news2 or "—"), TABLE_CELL),
                     Paragraph(_sbar_text(info), TABLE_CELL)])
    widths = [16 * mm, 42 * mm, 30 * mm, 20 * mm, None]
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=SPLIT_IN_ROW)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID),
                               ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Paragraph("Transmissions du service", TITLE),
            Paragraph(f"{len(infos)} patients, par lit. NEWS2 : dernier score enregistré.", HINT),
            Spacer(1, 3 * mm), table]


def census_story(patients: Sequence[PatientLabel]) -> list[Flowable]:
    """The census list: who is on the ward, by bed."""
    header = [Paragraph(f"<b>{h}</b>", TABLE_CELL) for h in
              ("Lit", "Patient", "Allergies", "Médecin", "Présent ✓")]
    rows: list[list[object]] = [header]
    for p in patients:
        rows.append([Paragraph(esc(p.bed), TABLE_CELL), _name_cell(p),
                     Paragraph(esc(p.allergies), TABLE_CELL),
                     Paragraph(esc(p.attending), TABLE_CELL), ""])
    table = Table(rows, colWidths=[18 * mm, 66 * mm, 50 * mm, 30 * mm, None], repeatRows=1,
                  splitInRow=SPLIT_IN_ROW)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID),
                               ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    provisional = sum(1 for p in patients if p.provisional)
    note = f"{len(patients)} patients"
    if provisional:
        note += f", dont {provisional} en identité provisoire"
    return [Paragraph("Liste des patients du service", TITLE), Paragraph(note, HINT),
            Spacer(1, 3 * mm), table,
            Spacer(1, 4 * mm),
            Paragraph("Entrées pendant le mode dégradé : remplir une fiche d'admission et "
                      "l'ajouter ici.", SMALL)]
