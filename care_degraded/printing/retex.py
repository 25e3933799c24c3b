"""The RETEX report (retour d'expérience) of a drill: the evidence a CaRE exercise leaves.

Sections, in French: the drill (scenario, clock, dates), the timeline (injects and what
the ward did, in scenario time), the expected actions with their delays against the
scenario, the checklist runs with their times, records by type, the lessons.
Every text is printed in full (rows grow or split; nothing is cut).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from care_degraded.printing.styles import CELL, GRID, H2, HINT, SHADE, SPLIT_IN_ROW, TITLE, esc

RETEX_CELL = CELL.clone("retex-cell", fontSize=8, leading=9.5)
LATE = colors.Color(1.0, 0.88, 0.82)
SECTION = H2.clone("retex-section", keepWithNext=1)


@dataclass(frozen=True)
class RetexData:
    """The report's content as text, already worded in French."""

    title: str
    summary: Sequence[tuple[str, str]]  # (label, value)
    timeline: Sequence[tuple[str, str, str, str]]  # (scenario time, what, text, who)
    expected: Sequence[tuple[str, str, str, str, str, bool]]
    #   (inject time, inject, expected action, within, done/delay, met)
    runs: Sequence[tuple[str, str, str, str]]  # (checklist, started, completed, by)
    records: Sequence[tuple[str, int]]
    lessons: Sequence[tuple[str, str, str]]  # (time, author, text)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[object],
           shade_rows: Sequence[int] = ()) -> Table:
    body = [[Paragraph(f"<b>{esc(h)}</b>", RETEX_CELL) for h in header]] if header else []
    first = 1 if header else 0
    body += [[Paragraph(esc(c).replace("\n", "<br/>"), RETEX_CELL) for c in row]
             for row in rows]
    table = Table(body, colWidths=list(widths), repeatRows=first, splitInRow=SPLIT_IN_ROW)
    style = [("GRID", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    style += [("BACKGROUND", (0, r + first), (-1, r + first), LATE) for r in shade_rows]
    table.setStyle(TableStyle(style))
    return table


def _none(text: str) -> Paragraph:
    return Paragraph(f"<i>{esc(text)}</i>", CELL)


def retex_story(data: RetexData) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(esc(data.title), TITLE)]
    out.append(_table((), data.summary, (50 * mm, None)))
    out.append(Paragraph("Chronologie (heure du scénario)", SECTION))
    out.append(_table(("Heure", "Type", "Événement", "Par"), data.timeline,
                      (24 * mm, 34 * mm, None, 32 * mm)) if data.timeline
               else _none("aucun événement"))
    out.append(Paragraph("Actions attendues et délais", SECTION))
    out.append(Paragraph("Délai mesuré en temps du scénario depuis l'inject ; "
                         "les lignes en couleur sont en retard ou non faites.", HINT))
    late = [i for i, row in enumerate(data.expected) if not row[5]]
    out.append(_table(("Inject", "", "Action attendue", "Délai prévu", "Réalisé"),
                      [row[:5] for row in data.expected],
                      (16 * mm, None, 44 * mm, 20 * mm, 38 * mm), late) if data.expected
               else _none("le scénario n'attend aucune action"))
    out.append(Paragraph("Check-lists", SECTION))
    out.append(_table(("Check-list", "Démarrée", "Terminée", "Par"), data.runs,
                      (None, 30 * mm, 30 * mm, 34 * mm)) if data.runs
               else _none("aucune check-list démarrée"))
    out.append(Paragraph("Enregistrements par type", SECTION))
    out.append(_table(("Formulaire", "Nombre"), [(f, str(n)) for f, n in data.records],
                      (None, 24 * mm)) if data.records else _none("aucun enregistrement"))
    out.append(Paragraph("Enseignements (main courante)", SECTION))
    out.append(_table(("Heure", "Auteur", "Texte"), data.lessons, (24 * mm, 34 * mm, None))
               if data.lessons else _none("aucun enseignement écrit à la main courante "
                                          "(entrées commençant par « RETEX » ou écrites après "
                                          "la fin de l'exercice)"))
    out.append(Spacer(1, 3 * mm))
    return out
