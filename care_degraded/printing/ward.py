"""Ward-level sheets: handover (per patient and for the whole ward) and the census list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from care_degraded.printing.form import FormRenderer
from care_degraded.printing.identity import PROVISIONAL_MARK, AllergyLevel, PatientLabel
from care_degraded.printing.styles import (
    ASK,
    CELL,
    FRAME_WIDTH,
    GRID,
    H2,
    HINT,
    LIGHT,
    PROVISIONAL,
    SEVERE,
    SHADE,
    SMALL,
    SPLIT_IN_ROW,
    TITLE,
    esc,
)
from care_degraded.printing.text import cell
from care_degraded.questionnaire.spec import FormSpec

TABLE_CELL = CELL.clone("table-cell", fontSize=7.5, leading=9)
CENSUS_BLANK_ROWS = 6
DAR_BLANK_ROWS = 8


@dataclass(frozen=True)
class DarNote:
    """One recorded transmission ciblée (DAR: cible, données, actions, résultats)."""

    at: dt.datetime  # aware
    focus: str
    data: str = ""
    actions: str = ""
    results: str = ""
    by: str = ""


@dataclass(frozen=True)
class HandoverInfo:
    """What the handover sheet says about one patient."""

    patient: PatientLabel
    news2: str = ""  # "6 (moyen) — 29/11 02:10", "" if no vitals recorded
    sbar: tuple[tuple[str, str], ...] = ()  # (section label, text) of the latest handover
    sbar_meta: str = ""  # "par Inès Durand le 29/11 à 02:10"
    extra: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[DarNote, ...] = ()  # the shift's DAR notes, oldest first


def _name_cell(p: PatientLabel) -> Paragraph:
    text = f"<b>{esc(p.name)}</b>"
    if p.provisional:
        text = f"<font color='#{_hex(PROVISIONAL)}'><b>{PROVISIONAL_MARK}</b></font><br/>" + text
    details = " · ".join(x for x in (p.birth_date, p.sex,
                                      f"{p.number_kind} {p.number}" if p.number else "") if x)
    return Paragraph(f"{text}<br/><font size=7>{esc(details)}</font>", TABLE_CELL)


def allergy_cell(p: PatientLabel, style: object = TABLE_CELL) -> Paragraph:
    """Allergies as a table cell: severe in red capitals, unknown flagged to ask."""
    level = p.allergy_level
    text = esc(p.allergy_line())
    if level is AllergyLevel.SEVERE:
        text = f"<font color='#{_hex(SEVERE)}'><b>{text}</b></font>"
    elif level is AllergyLevel.UNKNOWN:
        text = f"<font color='#{_hex(ASK)}'><b>{text}</b></font>"
    elif level is AllergyLevel.PRESENT:
        text = f"<b>{text}</b>"
    return Paragraph(text, style)


def _allergy_style(rows_with: list[tuple[int, PatientLabel]], column: int) -> list[tuple[object, ...]]:
    """A frame around each allergy cell, thick and red where severe."""
    out: list[tuple[object, ...]] = []
    for r, p in rows_with:
        level = p.allergy_level
        if level is AllergyLevel.SEVERE:
            out.append(("BOX", (column, r), (column, r), 1.6, SEVERE))
        elif level is AllergyLevel.UNKNOWN:
            out.append(("BOX", (column, r), (column, r), 1.2, ASK))
    return out


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
    rows = [[Paragraph("Allergies", CELL), allergy_cell(p, CELL)],
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
    table.setStyle(TableStyle(_allergy_style([(0, p)], 1)))
    out += [table]
    if info.sbar_meta:
        out.append(Paragraph(f"Dernière transmission {esc(info.sbar_meta)}", HINT))
    out += [Spacer(1, 3 * mm), Paragraph("Transmissions ciblées de l'équipe (DAR)", H2)]
    out.append(dar_table(info.notes, blank_rows=0) if info.notes else
               Paragraph("<i>aucune transmission ciblée enregistrée pour cette équipe</i>",
                         SMALL))
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
        rows.append([Paragraph(esc(p.bed), TABLE_CELL), _name_cell(p), allergy_cell(p),
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


def census_story(patients: Sequence[PatientLabel],
                 blank_rows: int = CENSUS_BLANK_ROWS) -> list[Flowable]:
    """The census list, by bed, then blank rows for admissions during the outage."""
    header = [Paragraph(f"<b>{h}</b>", TABLE_CELL) for h in
              ("Lit", "Patient", "Allergies", "Médecin", "Présent ✓")]
    rows: list[list[object]] = [header]
    for p in patients:
        rows.append([Paragraph(esc(p.bed), TABLE_CELL), _name_cell(p), allergy_cell(p),
                     Paragraph(esc(p.attending), TABLE_CELL), ""])
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP")]
    style += _allergy_style([(i + 1, p) for i, p in enumerate(patients)], 2)
    first_blank = len(rows)
    for _ in range(blank_rows):
        rows.append(["", Paragraph("<font size=6.5>Nom, prénom, né(e) le :</font><br/><br/>"
                                   "<font size=6.5>N° provisoire : .......................</font>",
                                   TABLE_CELL),
                     Paragraph("<font size=6.5>Allergies :</font>", TABLE_CELL), "", ""])
    if blank_rows:
        style += [("TOPPADDING", (0, first_blank), (-1, -1), 4),
                  ("BOTTOMPADDING", (0, first_blank), (-1, -1), 6)]
    table = Table(rows, colWidths=[18 * mm, 66 * mm, 50 * mm, 30 * mm, None], repeatRows=1,
                  splitInRow=SPLIT_IN_ROW)
    table.setStyle(TableStyle(style))
    provisional = sum(1 for p in patients if p.provisional)
    unknown = sum(1 for p in patients if p.allergy_level is AllergyLevel.UNKNOWN)
    note = f"{len(patients)} patients"
    if provisional:
        note += f", dont {provisional} en identité provisoire"
    if unknown:
        note += f" — allergies non renseignées pour {unknown} : demander"
    return [Paragraph("Liste des patients du service", TITLE), Paragraph(note, HINT),
            Spacer(1, 3 * mm), table,
            Spacer(1, 2 * mm),
            Paragraph("Entrées pendant le mode dégradé : une ligne vierge par entrée (numéro "
                      "provisoire de la fiche d'admission), et une fiche d'admission.", SMALL)]


def dar_table(notes: Sequence[DarNote], blank_rows: int = DAR_BLANK_ROWS,
              width: float = FRAME_WIDTH) -> Table:
    """Transmissions ciblées: one row per note (recorded ones printed), then blank rows."""
    shares = [0.11, 0.15, 0.24, 0.24, 0.17, 0.09]
    header = [cell(f"<b>{h}</b>", TABLE_CELL, share * width, markup=True) for h, share in
              zip(("Date, heure", "Cible", "Données", "Actions", "Résultats", "Initiales"),
                  shares, strict=True)]
    rows: list[list[object]] = [header]
    for n in notes:
        rows.append([Paragraph(f"{n.at:%d/%m %H:%M}", TABLE_CELL),
                     Paragraph(f"<b>{esc(n.focus)}</b>", TABLE_CELL),
                     Paragraph(esc(n.data), TABLE_CELL), Paragraph(esc(n.actions), TABLE_CELL),
                     Paragraph(esc(n.results), TABLE_CELL), Paragraph(esc(n.by), TABLE_CELL)])
    first_blank = len(rows)
    rows += [["", "", "", "", "", ""] for _ in range(blank_rows)]
    table = Table(rows, colWidths=[s * width for s in shares], repeatRows=1,
                  splitInRow=SPLIT_IN_ROW)
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if blank_rows:
        style += [("TOPPADDING", (0, first_blank), (-1, -1), 14),
                  ("BOTTOMPADDING", (0, first_blank), (-1, -1), 14)]
    table.setStyle(TableStyle(style))
    return table


def dar_story(info: HandoverInfo, start: dt.datetime, end: dt.datetime,
              blank_rows: int = DAR_BLANK_ROWS) -> list[Flowable]:
    """The shift's transmissions ciblées sheet: the notes already recorded, then blank rows."""
    return [Paragraph("Transmissions ciblées (DAR) — équipe", TITLE),
            Paragraph(f"Du {start:%d/%m/%Y %H:%M} au {end:%d/%m/%Y %H:%M}. Cible : le problème ; "
                      "Données : ce qui est observé ; Actions : ce qui est fait ; Résultats : "
                      "l'effet. Lignes imprimées : déjà enregistrées.", HINT),
            Spacer(1, 3 * mm), dar_table(info.notes, blank_rows)]
