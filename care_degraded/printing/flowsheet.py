"""Vitals flowsheet: the form's parameters as rows, time slots as columns.

Rows come from the FormSpec (vital signs with NEWS2 in our library), never from a
hand-drawn list: every question that takes a number, a choice or a yes/no becomes a
row; so does a score total (a calculated number that is not a per-parameter points
lookup); then "Initiales".
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from care_degraded.printing.scoring import rules_of
from care_degraded.printing.styles import (
    CELL,
    CELL_CENTER,
    FRAME_WIDTH,
    GRID,
    HINT,
    LIGHT,
    SHADE,
    SMALL,
    TITLE,
    esc,
)
from care_degraded.questionnaire.spec import FormSpec, Item

SLOTS_PER_TABLE = 12
_ROW_TYPES = ("integer", "decimal", "quantity", "choice", "open-choice", "boolean")


def flowsheet_rows(spec: FormSpec, lang: str = "fr") -> list[str]:
    """The row labels (with units and choice hints) for ``spec``."""
    rows: list[str] = []

    def visit(items: tuple[Item, ...], parent: str) -> None:
        for item in items:
            if item.hidden:
                continue
            if item.is_group:
                small = sum(1 for i in item.items if i.is_question) <= 3
                visit(item.items, item.label(lang) if small else "")
                continue
            if item.type not in _ROW_TYPES or (item.is_calculated and not _is_total(item)):
                continue
            text = item.label(lang)
            if parent and not item.is_calculated:
                text = f"{parent} — {text}"
            unit = item.unit.display.get(lang) if item.unit and item.unit.display else (
                item.unit.code if item.unit else None)
            if unit:
                text += f" ({unit})"
            if item.options and item.type in ("choice", "open-choice"):
                choices = esc(" / ".join(o.label(lang) for o in item.options))
                text += f"<br/><font size=6.5>{choices}</font>"
                rows.append(_escape_head(text))
                continue
            if item.type == "boolean":
                text += " (oui / non)"
            rows.append(esc(text))

    visit(spec.items, "")
    return rows


def _is_total(item: Item) -> bool:
    """A score made of other scores (NEWS2 total) gets a row; a points lookup does not.

    Points lookups are the ladders :mod:`scoring` can read ("FR <= 8: 3"); what it
    cannot read (sums over a group...) is taken as a total.
    """
    expr = item.calculated_expression
    return (expr is not None and item.type in ("integer", "decimal")
            and rules_of(expr.expression) is None)


def _escape_head(text: str) -> str:
    head, _, tail = text.partition("<br/>")
    return esc(head) + "<br/>" + tail


def time_slots(start: dt.datetime, hours: int) -> list[dt.datetime]:
    """One slot per hour from the hour ``start`` falls in."""
    first = start.replace(minute=0, second=0, microsecond=0)
    return [first + dt.timedelta(hours=h) for h in range(max(1, hours))]


def flowsheet_story(spec: FormSpec, start: dt.datetime, hours: int,
                    lang: str = "fr") -> list[Flowable]:
    """The flowsheet for ``hours`` hours from ``start`` (local time), 12 columns a table."""
    slots = time_slots(start, hours)
    rows = flowsheet_rows(spec, lang) + ["Initiales"]
    end = slots[-1] + dt.timedelta(hours=1)
    out: list[Flowable] = [
        Paragraph(f"Surveillance — {esc(spec.label(lang))}", TITLE),
        Paragraph(f"Du {slots[0]:%d/%m/%Y %H:%M} au {end:%d/%m/%Y %H:%M}, une colonne par "
                  f"heure. Formulaire {esc(spec.short_id)} "
                  f"v{esc(spec.version or '?')} : reporter chaque mesure dans l'application "
                  "au retour du système.", HINT),
        Spacer(1, 3 * mm),
    ]
    label_width = 52 * mm
    for chunk_start in range(0, len(slots), SLOTS_PER_TABLE):
        chunk = slots[chunk_start:chunk_start + SLOTS_PER_TABLE]
        col = (FRAME_WIDTH - label_width) / max(len(chunk), 8)
        header: list[object] = [Paragraph("<b>Paramètre</b>", CELL)]
        previous_day = None
        for slot in chunk:
            day = slot.date()
            text = f"<b>{slot:%H}h</b>"
            if day != previous_day:
                text = f"<font size=6>{slot:%d/%m}</font><br/>{text}"
                previous_day = day
            header.append(Paragraph(text, CELL_CENTER))
        body = [[Paragraph(r, CELL)] + [""] * len(chunk) for r in rows]
        table = Table([header, *body], colWidths=[label_width] + [col] * len(chunk),
                      repeatRows=1)
        table.setStyle(TableStyle([
            # Padding, not fixed heights: long labels grow their row instead of overflowing.
            ("TOPPADDING", (0, 1), (-1, -1), 5), ("BOTTOMPADDING", (0, 1), (-1, -1), 5),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, LIGHT]),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]))
        out += [table, Spacer(1, 4 * mm)]
    out.append(Paragraph("Reporter aussi toute mesure hors créneau dans la colonne la plus proche "
                         "en notant l'heure exacte.", SMALL))
    return out
