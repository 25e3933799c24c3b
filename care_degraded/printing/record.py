"""A filled record as printed evidence: every answer, who wrote it, when, and its history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Indenter, Paragraph, Spacer, Table, TableStyle

from care_degraded.domain.numbers import decimal_text
from care_degraded.printing.form import INDENT, identity_block
from care_degraded.printing.identity import PatientLabel
from care_degraded.printing.styles import (
    CELL,
    CELL_BOLD,
    FRAME_WIDTH,
    GRID,
    H2,
    H3,
    HINT,
    LIGHT,
    SHADE,
    SPLIT_IN_ROW,
    TITLE,
    esc,
)
from care_degraded.questionnaire.spec import FormSpec, Item

_STATUS = {"final": "validé", "amended": "modifié", "entered-in-error": "saisi par erreur"}


@dataclass(frozen=True)
class HistoryLine:
    """One revision of the record."""

    uuid: str
    at: dt.datetime
    author: str
    status: str  # final | amended | entered-in-error
    note: str = ""


def format_value(item: Item, value: Any, lang: str = "fr", zone: dt.tzinfo | None = None) -> str:
    """An answer as a nurse reads it on paper (times on the wall clock of ``zone``, the
    ward's; a time typed without an offset already is)."""
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, list):
        return ", ".join(format_value(item, v, lang, zone) for v in value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    option = item.option_for(value)
    if option is not None:
        return option.label(lang)
    if isinstance(value, Mapping) and "value" in value:
        return f"{decimal_text(value['value'], lang)} {value.get('unit') or ''}".strip()
    unit = item.unit.display.get(lang) if item.unit and item.unit.display else ""
    if isinstance(value, int | float):
        return f"{decimal_text(value, lang)} {unit}".strip()
    if item.type == "dateTime" and isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
            return (moment.astimezone(zone) if moment.tzinfo else moment).strftime(
                "%d/%m/%Y %H:%M")
        except ValueError:
            return value
    if item.type == "date" and isinstance(value, str) and len(value) == 10:
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
    return str(value)


def answer_rows(spec: FormSpec, answers: Mapping[str, Any], lang: str = "fr",
                zone: dt.tzinfo | None = None) -> list[Flowable]:
    """Every answered item, grouped as in the form (unanswered questions are left out)."""
    out: list[Flowable] = []

    def visit(items: tuple[Item, ...], values: Mapping[str, Any], depth: int) -> None:
        rows: list[list[object]] = []

        def flush() -> None:
            if rows:
                table = Table(list(rows), colWidths=[0.4 * FRAME_WIDTH - INDENT * depth, None],
                              splitInRow=SPLIT_IN_ROW)
                table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                           ("LINEBELOW", (0, 0), (-1, -1), 0.3, LIGHT)]))
                out.append(table)
                rows.clear()

        for item in items:
            if item.is_group:
                value = values.get(item.link_id)
                occurrences = value if isinstance(value, list) else [values]
                if not any(_has_answer(i, occ) for occ in occurrences for i in item.walk()
                           if i.is_question):
                    continue
                flush()
                out.append(Paragraph(esc(item.label(lang) or item.link_id), H3 if depth else H2))
                # Indented, so that the questions after the group do not look inside it.
                out.append(Indenter(left=INDENT))
                for n, occ in enumerate(occurrences, start=1):
                    if len(occurrences) > 1:
                        out.append(Paragraph(f"<i>{n}</i>", HINT))
                    visit(item.items, occ if isinstance(occ, Mapping) else {}, depth + 1)
                out.append(Indenter(left=-INDENT))
            elif item.is_question and _has_answer(item, values):
                rows.append([Paragraph(esc(item.label(lang) or item.link_id), CELL),
                             Paragraph(esc(format_value(item, values[item.link_id], lang,
                                                        zone)),
                                       CELL_BOLD)])
        flush()

    visit(spec.items, answers, 0)
    return out


def _has_answer(item: Item, values: Mapping[str, Any]) -> bool:
    value = values.get(item.link_id) if isinstance(values, Mapping) else None
    return value not in (None, "", [])


def record_story(spec: FormSpec, answers: Mapping[str, Any], history: Sequence[HistoryLine],
                 patient: PatientLabel | None, effective_at: dt.datetime | None,
                 lang: str = "fr", zone: dt.tzinfo | None = None) -> list[Flowable]:
    """The filled record, then its revisions (oldest first) as evidence.

    Times are shown on the wall clock of ``zone`` (the ward's; None: this machine's)."""
    latest = history[-1] if history else None
    out: list[Flowable] = [Paragraph(esc(spec.label(lang)), TITLE)]
    meta = f"Formulaire {esc(spec.short_id)} v{esc(spec.version or '?')}"
    if effective_at is not None:
        meta += f" · soins du {effective_at.astimezone(zone):%d/%m/%Y à %H:%M}"
    if latest is not None:
        meta += (f" · saisi par {esc(latest.author)} le {latest.at.astimezone(zone):%d/%m/%Y à %H:%M}"
                 f" · {esc(_STATUS.get(latest.status, latest.status))}")
    out += [Paragraph(meta, HINT), Spacer(1, 3 * mm), identity_block(patient), Spacer(1, 4 * mm)]
    if latest is not None and latest.status == "entered-in-error":
        out.append(Paragraph("<b>SAISI PAR ERREUR — ne pas utiliser</b>"
                             + (f" : {esc(latest.note)}" if latest.note else ""), H2))
    out += answer_rows(spec, answers, lang, zone)
    out += [Spacer(1, 5 * mm), Paragraph("Historique des révisions", H2)]
    rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", CELL) for h in
                                 ("n°", "date et heure", "auteur", "statut", "révision")]]
    for n, line in enumerate(history, start=1):
        status = _STATUS.get(line.status, line.status) + (f" : {line.note}" if line.note else "")
        rows.append([Paragraph(str(n), CELL),
                     Paragraph(f"{line.at.astimezone(zone):%d/%m/%Y %H:%M:%S}", CELL),
                     Paragraph(esc(line.author), CELL), Paragraph(esc(status), CELL),
                     Paragraph(f"<font size=6.5>{esc(line.uuid)}</font>", CELL)])
    table = Table(rows, colWidths=[10 * mm, 34 * mm, 36 * mm, 50 * mm, None], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID),
                               ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    out.append(table)
    return out
