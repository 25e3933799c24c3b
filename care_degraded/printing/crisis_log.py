"""The crisis log sheet (main courante): every entry in full, in the order it was kept."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from care_degraded.printing.styles import CELL, GRID, HINT, SHADE, SPLIT_IN_ROW, TITLE, esc

TABLE_CELL = CELL.clone("crisis-cell", fontSize=8, leading=9.5)

CATEGORY_FR = {"decision": "Décision", "information": "Information", "action": "Action",
               "incident": "Incident", "patient": "Événement patient"}


@dataclass(frozen=True)
class CrisisLine:
    """One entry as printed; the text is never cut (the row grows, or splits across pages)."""

    at: str  # the ward's local time, "02/12 02:10"
    category: str  # a CrisisCategory value
    author: str  # "Claire Cadre (cadre)"
    text: str
    patient: str = ""  # "Lit 12 — DUPONT Jeanne", "" if none
    status: str = ""  # "rectifiée par … le …", "erreur de saisie : motif", ""
    voided: bool = False


def crisis_log_story(lines: Sequence[CrisisLine], ward: str) -> list[Flowable]:
    header = [Paragraph(f"<b>{h}</b>", TABLE_CELL) for h in
              ("Heure", "Catégorie", "Auteur", "Entrée", "Patient")]
    rows: list[list[object]] = [header]
    for line in lines:
        text = esc(line.text).replace("\n", "<br/>")
        if line.voided:
            text = f"<strike>{text}</strike>"
        if line.status:
            text += f"<br/><font size=6.5><i>{esc(line.status)}</i></font>"
        rows.append([Paragraph(esc(line.at), TABLE_CELL),
                     Paragraph(esc(CATEGORY_FR.get(line.category, line.category)), TABLE_CELL),
                     Paragraph(esc(line.author), TABLE_CELL), Paragraph(text, TABLE_CELL),
                     Paragraph(esc(line.patient), TABLE_CELL)])
    table = Table(rows, colWidths=[22 * mm, 24 * mm, 32 * mm, None, 34 * mm], repeatRows=1,
                  splitInRow=SPLIT_IN_ROW)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID),
                               ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    voided = sum(1 for line in lines if line.voided)
    plural = "s" if len(lines) > 1 else ""
    note = f"{len(lines)} entrée{plural}, dans l'ordre où elles ont été écrites"
    if voided:
        mark = "marquées" if voided > 1 else "marquée"
        note += f", dont {voided} {mark} erreur de saisie (barrée{'s' if voided > 1 else ''}, " \
                "motif indiqué)"
    out: list[Flowable] = [Paragraph(f"Main courante — {esc(ward)}", TITLE),
                           Paragraph(note + ".", HINT), Spacer(1, 3 * mm)]
    if not lines:
        out.append(Paragraph("<i>aucune entrée dans la main courante</i>", CELL))
        return out
    return [*out, table]
