"""Vitals flowsheet (« feuille de surveillance ») over a period, in landscape, one grid.

Rows are the ward's: T°, FC, PA, FR, SpO2 / O2, conscience, NEWS2, pain, diuresis,
stools, glucose / insulin, initials. Columns sit on clock hours (per 2 or 3 hours
beyond 24 h): the period is one grid, split across pages by nothing. Measures
already recorded in the vault are printed in their column, a partial NEWS2 with
what is missing. The NEWS2 scoring table follows on the sheet (its back when the
grid fills the page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from care_degraded.printing.mar import columns_for, period_end
from care_degraded.printing.styles import (
    CELL,
    CELL_CENTER,
    GRID,
    HINT,
    LANDSCAPE_FRAME_WIDTH,
    LIGHT,
    SHADE,
    SMALL,
    TITLE,
    esc,
)
from care_degraded.printing.text import cell
from care_degraded.questionnaire.spec import FormSpec

#: (key, label) of every row, in the order a ward reads them.
ROWS: tuple[tuple[str, str], ...] = (
    ("temp", "T° (°C)"),
    ("hr", "FC (/min)"),
    ("bp", "PA (mmHg)"),
    ("rr", "FR (/min)"),
    ("spo2", "SpO2 (%) / O2 (L/min)"),
    ("avpu", "Conscience (A C V P U)"),
    ("news2", "NEWS2 (total)"),
    ("pain", "Douleur (EN 0-10)"),
    ("diuresis", "Diurèse (mL)"),
    ("stools", "Selles (nombre, aspect)"),
    ("glucose", "Glycémie capillaire (g/L)"),
    ("insulin", "Insuline (UI)"),
    ("initials", "Initiales"),
)
LABEL_WIDTH = 44 * mm
VALUE = CELL_CENTER.clone("flow-value", fontSize=7, leading=8)


@dataclass(frozen=True)
class VitalsPoint:
    """One measurement already recorded: its time and the printed value of each row key."""

    at: dt.datetime  # aware
    values: dict[str, str] = field(default_factory=dict)  # row key -> "37,8", "≥ 5, incomplet…"
    by: str = ""  # author login, printed in the "Initiales" row


def flowsheet_rows(spec: FormSpec | None = None, lang: str = "fr") -> list[str]:
    """The row labels, fixed by the ward's practice (the form gives units elsewhere)."""
    return [label for _key, label in ROWS]


def time_slots(start: dt.datetime, hours: int) -> list[dt.datetime]:
    """One slot per clock hour of the period (per 2 or 3 h beyond 24 h)."""
    return columns_for(start, hours)[0]


def flowsheet_story(spec: FormSpec | None, start: dt.datetime, hours: int, lang: str = "fr",
                    points: Sequence[VitalsPoint] = ()) -> list[Flowable]:
    """The flowsheet for ``hours`` hours from ``start`` (local time), for a landscape sheet."""
    columns, step = columns_for(start, hours)
    end = period_end(start, hours)
    form = f"Formulaire {esc(spec.short_id)} v{esc(spec.version or '?')} : " if spec else ""
    out: list[Flowable] = [
        Paragraph("Feuille de surveillance", TITLE),
        Paragraph(f"Du {start:%d/%m/%Y %H:%M} au {end:%d/%m/%Y %H:%M}, une colonne par "
                  f"{'heure' if step == 1 else f'{step} heures'}. Valeurs imprimées : déjà "
                  f"enregistrées dans l'application. {form}reporter chaque mesure dans "
                  "l'application au retour du système.", HINT),
        Spacer(1, 2 * mm),
        _grid(columns, step, start, end, points),
        Spacer(1, 2 * mm),
        Paragraph("Mesure hors créneau : l'écrire dans la colonne de son heure avec l'heure "
                  "exacte. NEWS2 ≥ 5 ou un paramètre à 3 : appel médical.", SMALL),
    ]
    chart = _news2_chart(spec, lang)
    if chart is not None:
        out += [Spacer(1, 3 * mm), chart]
    return out


def _grid(columns: list[dt.datetime], step: int, start: dt.datetime, end: dt.datetime,
          points: Sequence[VitalsPoint]) -> Table:
    width = (LANDSCAPE_FRAME_WIDTH - LABEL_WIDTH) / len(columns)
    header: list[object] = [Paragraph("<b>Paramètre</b>", CELL)]
    previous: dt.date | None = None
    for at in columns:
        text = f"<b>{at:%H}h</b>"
        if at.date() != previous:
            text = f"<font size=5.5>{at:%d/%m}</font><br/>{text}"
        previous = at.date()
        header.append(cell(text, VALUE, width, markup=True, padding=2))
    placed: dict[int, list[VitalsPoint]] = {}
    for point in points:
        local = point.at.astimezone(start.tzinfo)
        if not start <= local < end:
            continue
        index = int((local - columns[0]).total_seconds() // (3600 * step))
        placed.setdefault(min(index, len(columns) - 1), []).append(point)
    body = []
    for key, label in ROWS:
        row: list[object] = [Paragraph(f"<b>{esc(label)}</b>", CELL)]
        for c in range(len(columns)):
            values = []
            for point in placed.get(c, []):
                if key == "initials":
                    values.append(point.by)
                elif point.values.get(key):
                    values.append(point.values[key])
            if key == "temp" and placed.get(c):
                # Several measures in one hour: each keeps its minute, in the first row.
                values = [f"{p.at.astimezone(start.tzinfo):%H:%M}" for p in placed[c]
                          if len(placed[c]) > 1] + values
            row.append(cell("\n".join(values), VALUE, width, padding=2) if values else "")
        body.append(row)
    table = Table([header, *body], colWidths=[LABEL_WIDTH] + [width] * len(columns),
                  repeatRows=1)
    news2_row = 1 + [k for k, _ in ROWS].index("news2")
    table.setStyle(TableStyle([
        ("TOPPADDING", (0, 1), (-1, -1), 3), ("BOTTOMPADDING", (0, 1), (-1, -1), 4),
        ("LEFTPADDING", (1, 0), (-1, -1), 1), ("RIGHTPADDING", (1, 0), (-1, -1), 1),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, LIGHT]),
        ("BACKGROUND", (0, news2_row), (-1, news2_row), SHADE),
        ("LINEABOVE", (0, news2_row), (-1, news2_row), 1.2, GRID),
        ("LINEBELOW", (0, news2_row), (-1, news2_row), 1.2, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def _news2_chart(spec: FormSpec | None, lang: str) -> Flowable | None:
    """The NEWS2 scoring table, read from the form's own score ladders."""
    if spec is None:
        return None
    from care_degraded.printing.form import FormRenderer

    renderer = FormRenderer(spec, lang)
    for item in spec.walk():
        if item.is_group:
            chart, charted = renderer.score_chart(item, LANDSCAPE_FRAME_WIDTH)
            if chart is not None and charted:
                return chart
    return None
