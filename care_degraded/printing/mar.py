"""Medication administration record (MAR, « plan de soins ») for the next hours.

One row per active prescription: drug, dose, route and schedule, then one white
box per due time for the initials of the nurse who gave it (grey where nothing is
due). As-needed drugs get free boxes. Blank rows follow for new prescriptions.
The table continues on the next page with its header repeated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from care_degraded.domain.numbers import decimal_text
from care_degraded.domain.patient import Prescription
from care_degraded.printing.styles import (
    CELL,
    CELL_CENTER,
    FRAME_WIDTH,
    GRID,
    HINT,
    SHADE,
    SMALL,
    TITLE,
    esc,
)
from care_degraded.printing.widgets import RemarksLines

MAX_COLUMNS = 10
BLANK_ROWS = 4
DRUG_WIDTH = 62 * mm


def due_times(prescription: Prescription, start: dt.datetime,
              end: dt.datetime) -> list[dt.datetime]:
    """Occurrences of the prescription's times of day in ``[start, end)`` (local time).

    The one dose schedule, ``Prescription.occurrences`` (give ``start`` in the ward's
    ``ZoneInfo`` so that a change of clocks inside the sheet is right).
    """
    return prescription.occurrences(start, end)


#: A MAR row never splits across pages, so it must fit one: text beyond this is
#: shortened, saying so, and stays readable in the prescription itself.
MAX_CELL_TEXT = 400


def _short(text: str) -> str:
    if len(text) <= MAX_CELL_TEXT:
        return text
    return text[:MAX_CELL_TEXT].rsplit(" ", 1)[0] + " […] (suite : voir la prescription)"


def _drug_cell(p: Prescription, note: str = "") -> Paragraph:
    lines = [f"<b>{esc(_short(p.drug))}</b>"]
    dose = decimal_text(p.dose_label(), "fr")  # the MAR is printed in French
    if dose:
        lines.append(esc(dose))
    schedule = []
    if p.frequency:
        schedule.append(p.frequency)
    if p.times_of_day:
        schedule.append(" ".join(p.times_of_day))
    if p.as_needed:
        schedule.append("si besoin" + (f" : {p.as_needed_condition}" if p.as_needed_condition
                                       else ""))
    if p.max_per_day:
        schedule.append(f"max {p.max_per_day}/24 h")
    if p.rate:
        schedule.append(f"débit {p.rate}")
    if schedule:
        lines.append(f"<font size=7.5>{esc(' · '.join(schedule))}</font>")
    if p.instructions:
        lines.append(f"<font size=7><i>{esc(_short(p.instructions))}</i></font>")
    if note:
        lines.append(f"<font size=7>({esc(note)})</font>")
    return Paragraph("<br/>".join(lines), CELL)


def mar_story(prescriptions: Sequence[Prescription], start: dt.datetime, hours: int,
              blank_rows: int = BLANK_ROWS) -> list[Flowable]:
    """The MAR from ``start`` (local, aware) for ``hours`` hours."""
    # ``hours`` real hours, also on the nights the clocks change
    end = (start.astimezone(dt.UTC) + dt.timedelta(hours=hours)).astimezone(start.tzinfo)
    scheduled = [(p, due_times(p, start, end)) for p in prescriptions if not p.as_needed]
    as_needed = [p for p in prescriptions if p.as_needed]
    columns = sorted({at for _, times in scheduled for at in times})
    out: list[Flowable] = [
        Paragraph("Feuille d'administration des médicaments", TITLE),
        Paragraph(f"Du {start:%d/%m/%Y %H:%M} au {end:%d/%m/%Y %H:%M} — d'après les "
                  f"prescriptions actives du recensement ({len(prescriptions)}). Case blanche : "
                  "initiales de l'IDE qui a donné. Case grise : rien de prévu. Non donné : "
                  "écrire « ND » et le motif en remarque.", HINT),
        Spacer(1, 3 * mm),
    ]
    chunks = [columns[i:i + MAX_COLUMNS] for i in range(0, len(columns), MAX_COLUMNS)] or [[]]
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        out.append(_grid(scheduled, as_needed if last else [], chunk,
                         blank_rows if last else 0, start))
        out.append(Spacer(1, 4 * mm))
    if not prescriptions:
        out.insert(3, Paragraph("Aucune prescription active dans le recensement : écrire "
                                "les prescriptions ci-dessous.", SMALL))
    out.append(RemarksLines("Remarques (médicament, heure, motif de non-administration, "
                            "initiales) :"))
    return out


def _grid(scheduled: list[tuple[Prescription, list[dt.datetime]]], as_needed: list[Prescription],
          columns: list[dt.datetime], blank_rows: int, start: dt.datetime) -> Table:
    extra = 0 if columns else 6  # no fixed time at all: free columns to write times in
    n = len(columns) + extra
    # Few due times: wide boxes and a wider drug column, the table always spans the page.
    width = min(22 * mm, (FRAME_WIDTH - DRUG_WIDTH) / n)
    drug_width = FRAME_WIDTH - n * width
    header: list[object] = [Paragraph("<b>Médicament · dose · voie · rythme</b>", CELL)]
    previous_day = start.date()
    for at in columns:
        text = f"<b>{at:%H:%M}</b>"
        if at.date() != previous_day:
            text = f"<font size=6>{at:%d/%m}</font><br/>{text}"
            previous_day = at.date()
        header.append(Paragraph(text, CELL_CENTER))
    header += [Paragraph("<font size=7>heure</font>", CELL_CENTER)] * extra
    rows: list[list[object]] = [header]
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for p, times in scheduled:
        note = "aucune prise sur cette période" if not times and columns else ""
        row: list[object] = [_drug_cell(p, note)]
        r = len(rows)
        for c, at in enumerate(columns, start=1):
            row.append("")
            if at not in times:
                style.append(("BACKGROUND", (c, r), (c, r), SHADE))
        row += [""] * extra
        rows.append(row)
    for p in as_needed:
        rows.append([_drug_cell(p)] + [Paragraph("<font size=6>h :</font>", SMALL)] * n)
    for _ in range(blank_rows):
        rows.append([Paragraph("<font size=7>Nouvelle prescription : médicament, dose, voie, "
                               "prescripteur</font><br/><br/>", CELL)] + [""] * n)
    # Generous padding: rows are tall enough to write initials, and grow with long names.
    style += [("TOPPADDING", (0, 1), (-1, -1), 6), ("BOTTOMPADDING", (0, 1), (-1, -1), 6)]
    # Never split inside a row: half a row of boxes on each page invites double initials.
    table = Table(rows, colWidths=[drug_width] + [width] * n, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table
