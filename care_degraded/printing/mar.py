"""Medication administration record (MAR, « plan de soins ») over a period, in landscape.

One grid for the whole period: a column per hour (per 2 or 3 hours beyond 24 h), one
row per prescription, the due time written inside its cell and every other cell
greyed. The grid is split across pages by rows only, header repeated. Then:
as-needed lines and blank rows for new prescriptions with "heure / dose /
initiales" slots that do not depend on the schedule; continuous infusions in a
section of their own (rate, syringe changes, the monitored value). Doses already
recorded are printed: the last one before the period, those not given and why,
those given during it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from care_degraded.domain.patient import Prescription
from care_degraded.printing.fonts import SANS_BOLD
from care_degraded.printing.mar_rows import (
    DoseEvent,
    MarLine,
    dose_text,
    history_lines,
    is_infusion,
    mar_lines,
    monitoring_of,
    prn_slots,
    schedule_text,
)
from care_degraded.printing.styles import (
    BAND,
    CELL,
    CELL_CENTER,
    GRID,
    H3,
    HINT,
    LANDSCAPE_FRAME_WIDTH,
    SHADE,
    SMALL,
    TITLE,
    esc,
)
from care_degraded.printing.text import cell, keep_units

__all__ = ["DoseEvent", "due_times", "mar_story"]

BLANK_ROWS = 4
DRUG_WIDTH = 78 * mm
SLOT_WIDTH = 24 * mm
MAX_COLUMNS = 24
MAR_CELL = CELL.clone("mar-cell", fontSize=7.5, leading=9)
#: flowing text across pages; reportlab's splitLongWords would cut words mid-way
_LONG = SMALL.clone("mar-long", splitLongWords=0)
MARK = CELL_CENTER.clone("mar-mark", fontSize=6.5, leading=7.5)
#: A MAR row is kept whole on one page (half a row of boxes on each page invites
#: double initials), so instructions longer than this are printed in full under the
#: grid ("Consignes complètes"), the row pointing to them: never cut, never shortened.
MAX_CELL_TEXT = 400


def due_times(prescription: Prescription, start: dt.datetime,
              end: dt.datetime) -> list[dt.datetime]:
    """Occurrences of the prescription's times of day in ``[start, end)`` (local time).

    The one dose schedule, ``Prescription.occurrences`` (give ``start`` in the ward's
    ``ZoneInfo`` so that a change of clocks inside the sheet is right).
    """
    return prescription.occurrences(start, end)


def period_end(start: dt.datetime, hours: int) -> dt.datetime:
    """``hours`` real hours after ``start``, also on the nights the clocks change."""
    return (start.astimezone(dt.UTC) + dt.timedelta(hours=hours)).astimezone(start.tzinfo)


def columns_for(start: dt.datetime, hours: int) -> tuple[list[dt.datetime], int]:
    """The grid's column starts and their width in hours (1 up to 24 h, then 2, 3...).

    Columns sit on clock hours ("06h" is 06:00–06:59): a period starting at 06:30 opens
    with the 06h column, and one ending at 06:30 closes with it.
    """
    step = max(1, math.ceil(hours / MAX_COLUMNS))
    first = start.replace(minute=0, second=0, microsecond=0)
    end = start + dt.timedelta(hours=hours)
    out = []
    at = first
    while at < end:
        out.append(at)
        at += dt.timedelta(hours=step)
    return out, step


def _is_long(p: Prescription) -> bool:
    return len(p.instructions or "") > MAX_CELL_TEXT


def _instructions(p: Prescription) -> str:
    if _is_long(p):
        return "<i>consignes longues : en entier sous le tableau (« Consignes complètes »)</i>"
    return f"<i>{esc(keep_units(p.instructions or ''))}</i>"


def _long_instructions(lines: Sequence[MarLine]) -> list[Flowable]:
    """Every long instruction in full, as paragraphs that flow across pages."""
    out: list[Flowable] = []
    for x in lines:
        p = x.prescription
        if _is_long(p):
            if not out:
                out.append(Paragraph("Consignes complètes", H3))
            out += [Paragraph(f"<b>{esc(keep_units(p.drug))}</b> — {esc(dose_text(p))} : "
                              f"{esc(keep_units(p.instructions or ''))}", _LONG),
                    Spacer(1, 2 * mm)]
    return out


def _drug_cell(line: MarLine, start: dt.datetime, width: float, note: str = "",
               brief: bool = False) -> Paragraph:
    p = line.prescription
    head = f"<b>{esc(keep_units(p.drug))}</b>"
    dose = dose_text(p)
    if dose:
        head += f" — <b>{esc(dose)}</b>"
    if brief:
        return cell(head, MAR_CELL, width, markup=True)
    small = [esc(x) for x in (schedule_text(p), note) if x]
    if p.instructions and not _repeats_schedule(p):
        small.append(_instructions(p))
    parts = [head]
    if small:
        parts.append(f"<font size=6.5>{' · '.join(small)}</font>")
    if line.duplicate_flag:
        parts.append(f"<font color='#b00000'><b>{esc(line.duplicate_flag)}</b></font>")
    history = history_lines(line, start)
    if history:
        parts.append(f"<font size=6.5>{esc(' · '.join(history))}</font>")
    return cell("<br/>".join(parts), MAR_CELL, width, markup=True)


def _repeats_schedule(p: Prescription) -> bool:
    """Census instructions that only restate dose and times add nothing to the row."""
    text = (p.instructions or "").casefold()
    return bool(p.times_of_day) and all(t.strip() in text for t in p.times_of_day) \
        and len(text) < 60


def mar_story(prescriptions: Sequence[Prescription], start: dt.datetime, hours: int,
              blank_rows: int = BLANK_ROWS,
              events: Sequence[DoseEvent] = ()) -> list[Flowable]:
    """The MAR from ``start`` (local, aware) for ``hours`` hours, for a landscape sheet."""
    end = period_end(start, hours)
    lines = mar_lines(prescriptions, events, start, end)
    infusions = [x for x in lines if is_infusion(x.prescription)]
    scheduled = [x for x in lines if x not in infusions and not x.prescription.as_needed
                 and x.prescription.times_of_day]
    slotted = [x for x in lines if x not in infusions and x not in scheduled]
    out: list[Flowable] = [
        Paragraph("Feuille d'administration des médicaments", TITLE),
        Paragraph(f"Du {start:%d/%m/%Y %H:%M} au {end:%d/%m/%Y %H:%M} — d'après les "
                  f"prescriptions actives du recensement ({len(prescriptions)}). Heure écrite "
                  "dans la case : dose prévue, y mettre ses initiales. Case grise : rien de "
                  "prévu. Non donné : « ND » dans la case et le motif en remarque.", HINT),
        Spacer(1, 2 * mm),
    ]
    if not prescriptions:
        out.append(Paragraph("Aucune prescription active dans le recensement : écrire "
                             "les prescriptions ci-dessous.", SMALL))
    if scheduled:
        out += [_grid(scheduled, start, hours), Spacer(1, 3 * mm)]
    if slotted or blank_rows:
        out += [_slots_table(slotted, start, hours, blank_rows), Spacer(1, 3 * mm)]
    for line in infusions:
        out += [_infusion_table(line, start, hours), Spacer(1, 3 * mm)]
    return out + _long_instructions(lines)


def _header_text(at: dt.datetime, step: int, previous: dt.date | None) -> str:
    text = f"<b>{at:%H}h</b>" if step == 1 else f"<b>{at:%H}h</b><br/>{step}\u00a0h"
    if at.date() != previous:
        text = f"<font size=5.5>{at:%d/%m}</font><br/>{text}"
    return text


def _grid(lines: list[MarLine], start: dt.datetime, hours: int) -> Table:
    columns, step = columns_for(start, hours)
    width = (LANDSCAPE_FRAME_WIDTH - DRUG_WIDTH) / len(columns)
    header: list[object] = [Paragraph("<b>Médicament · dose · voie · rythme</b>", MAR_CELL)]
    previous: dt.date | None = None
    for at in columns:
        header.append(cell(_header_text(at, step, previous), MARK, width, markup=True, padding=2))
        previous = at.date()
    rows: list[list[object]] = [header]
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (0, -1), "MIDDLE"), ("VALIGN", (1, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (1, 0), (-1, -1), 1), ("RIGHTPADDING", (1, 0), (-1, -1), 1),
    ]
    end = start + dt.timedelta(hours=hours)
    for line in lines:
        # From the first column's hour: a dose due at 06:00 on a sheet from 06:30 is in the
        # 06h column, marked as due before the sheet, never a grey "nothing due" cell.
        times = due_times(line.prescription, columns[0], end)
        r = len(rows)
        if not times and not line.in_period and not line.duplicate_flag \
                and not history_lines(line, start):
            # Nothing due, nothing recorded: one grey band says so, the row stays short.
            p = line.prescription
            said = esc(schedule_text(p))
            if p.instructions and not _repeats_schedule(p):
                said += f" · {_instructions(p)}"
            rows.append([_drug_cell(line, start, DRUG_WIDTH, brief=True),
                         cell(f"{said} — <b>aucune prise prévue sur cette période</b>",
                              MAR_CELL, width * len(columns), markup=True)]
                        + [""] * (len(columns) - 1))
            style += [("SPAN", (1, r), (-1, r)), ("BACKGROUND", (1, r), (-1, r), SHADE),
                      ("VALIGN", (1, r), (-1, r), "MIDDLE")]
            continue
        row: list[object] = [_drug_cell(line, start, DRUG_WIDTH)]
        for c, at in enumerate(columns, start=1):
            until = at + dt.timedelta(hours=step)
            due = [t for t in times if at <= t < until]
            done = [e for e in line.in_period if at <= e.at.astimezone(start.tzinfo) < until]
            marks = [f"<b>{'⚠ ' if t < start else ''}{t:%H:%M}</b>" for t in due]
            marks += [("✓ " if e.given else "ND ") + esc(e.by) for e in done]
            if not due:
                style.append(("BACKGROUND", (c, r), (c, r), SHADE))
            row.append(cell("<br/>".join(marks), MARK, width, markup=True, padding=2) if marks else "")
        rows.append(row)
    style += [("TOPPADDING", (0, 1), (-1, -1), 2), ("BOTTOMPADDING", (0, 1), (-1, -1), 4)]
    table = Table(rows, colWidths=[DRUG_WIDTH] + [width] * len(columns), repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _slot() -> Paragraph:
    return Paragraph("<font size=6>heure ........<br/>dose ..........<br/>initiales ....</font>",
                     MAR_CELL)


def _slots_table(lines: list[MarLine], start: dt.datetime, hours: int,
                 blank_rows: int) -> Flowable:
    """As-needed lines, lines without a time of day, then blank rows for new prescriptions."""
    per_row = int((LANDSCAPE_FRAME_WIDTH - DRUG_WIDTH) // SLOT_WIDTH)
    slot_width = (LANDSCAPE_FRAME_WIDTH - DRUG_WIDTH) / per_row
    rows: list[list[object]] = [[Paragraph("<b>Si besoin, horaires non précisés et nouvelles "
                                           "prescriptions</b>", MAR_CELL),
                                 Paragraph("<b>Une case par prise : heure, dose, initiales</b>",
                                           MAR_CELL)] + [""] * (per_row - 1)]
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("SPAN", (1, 0), (-1, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 1), (-1, -1), 3), ("BOTTOMPADDING", (0, 1), (-1, -1), 3),
    ]

    def add(first: Paragraph, slots: int) -> None:
        lines_needed = max(1, math.ceil(slots / per_row))
        top = len(rows)
        for n in range(lines_needed):
            count = min(per_row, slots - n * per_row)
            row: list[object] = [first if n == 0 else ""]
            row += [_slot() for _ in range(count)] + [""] * (per_row - count)
            for c in range(count + 1, per_row + 1):
                style.append(("BACKGROUND", (c, len(rows)), (c, len(rows)), SHADE))
            rows.append(row)
        if lines_needed > 1:
            style.append(("SPAN", (0, top), (0, top + lines_needed - 1)))

    for line in lines:
        p = line.prescription
        note = "" if p.as_needed else "horaires non précisés : noter l'heure de chaque prise"
        add(_drug_cell(line, start, DRUG_WIDTH, note), prn_slots(p, hours) if p.as_needed
            else max(4, math.ceil(hours / 4)))
    for _ in range(blank_rows):
        add(Paragraph("<font size=6.5>Nouvelle prescription — médicament, dose, voie, "
                      "rythme :</font><br/><br/><font size=6.5>Prescripteur : ............"
                      "..... Signature : ..........</font><br/><font size=6.5>le ..../.... "
                      "à ....:....</font>", MAR_CELL), per_row)
    table = Table(rows, colWidths=[DRUG_WIDTH] + [slot_width] * per_row, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _infusion_table(line: MarLine, start: dt.datetime, hours: int) -> Flowable:
    """A continuous infusion: a row per check (rate, syringe change, monitored value)."""
    p = line.prescription
    monitored = monitoring_of(p)
    heads = ["Heure", "Débit (mL/h)", "Seringue / poche changée", f"{monitored} : valeur",
             f"{monitored} : heure du prélèvement", "Initiales", "Remarque"]
    shares = [0.09, 0.12, 0.14, 0.15, 0.16, 0.10, 0.24]
    widths = [s * LANDSCAPE_FRAME_WIDTH for s in shares]
    rows: list[list[object]] = [
        [_drug_cell(line, start, LANDSCAPE_FRAME_WIDTH)] + [""] * (len(heads) - 1),
        [cell(f"<b>{esc(h)}</b>", MAR_CELL, w, markup=True) for h, w in zip(heads, widths,
                                                                             strict=True)],
    ]
    for _ in range(max(4, math.ceil(hours / 3) + 1)):
        rows.append(["", "", "☐", "", "", "", ""])
    table = Table(rows, colWidths=widths, repeatRows=2)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 1), (-1, 1), SHADE), ("LINEABOVE", (0, 0), (-1, 0), 1.5, BAND),
        ("FONTNAME", (2, 2), (2, -1), SANS_BOLD), ("ALIGN", (2, 2), (2, -1), "CENTER"),
        ("TOPPADDING", (0, 2), (-1, -1), 5), ("BOTTOMPADDING", (0, 2), (-1, -1), 5),
    ]))
    return _titled("Perfusion continue — débit, changements, surveillance", table)


def _titled(title: str, table: Table) -> Flowable:
    from reportlab.platypus import KeepTogether

    return KeepTogether([Paragraph(esc(title), H3), table])
