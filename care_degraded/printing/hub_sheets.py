"""IT's printouts after recovery: a ward's back-entry worklist and the recovery reports.

Plain data in, PDF bytes out (no store, no patient lookup here). French first, an
English line under each heading; every line of the worklist carries a tick box and
a QR code that opens the line when scanned at the hub.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from care_degraded.printing import qr
from care_degraded.printing.fonts import SANS
from care_degraded.printing.styles import (
    CELL,
    CELL_BOLD,
    GRID,
    H2,
    HINT,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SHADE,
    SPLIT_IN_ROW,
    TITLE,
    esc,
)

KIND_FR = {"vitals": "Constantes", "medication": "Médicament", "handover": "Transmission",
           "care": "Soin", "admission": "Admission provisoire"}
STATE_FR = {"to-do": "à faire", "exported": "exporté", "re-entered": "ressaisi",
            "not-needed": "sans objet"}
EXPORT_FR = {"automatic": "export automatique", "by-hand": "à ressaisir à la main"}
QR_SIZE = 16 * mm


class QrCell(Flowable):  # type: ignore[misc]
    """A QR code as a table cell."""

    def __init__(self, payload: str, size: float = QR_SIZE) -> None:
        super().__init__()
        self.payload, self.size = payload, size

    def wrap(self, *_: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        qr.draw(self.canv, self.payload, 0, 0, self.size)


class TickBox(Flowable):  # type: ignore[misc]
    def wrap(self, *_: float) -> tuple[float, float]:
        return 6 * mm, 6 * mm

    def draw(self) -> None:
        self.canv.rect(0.5 * mm, 0.5 * mm, 5 * mm, 5 * mm)


@dataclass(frozen=True)
class WorklistLine:
    item: str
    scan: str  # the QR text
    at: str  # local time, "01/12 08:00"
    patient: str  # IPP or provisional number (and the status of the identity)
    kind: str
    title: str
    export: str  # automatic | by-hand
    state: str
    who: str  # "by, at" of the state, or ""
    author: str


def _footer(title: str, printed: str) -> object:
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 7)
        canvas.drawString(MARGIN, MARGIN / 2, f"{title} — imprimé {printed}")
        canvas.drawRightString(doc.pagesize[0] - MARGIN, MARGIN / 2, f"page {doc.page}")
        canvas.restoreState()
    return draw


def _build(story: list[Flowable], title: str, printed: str, wide: bool) -> bytes:
    buffer = io.BytesIO()
    size = landscape((PAGE_WIDTH, PAGE_HEIGHT)) if wide else (PAGE_WIDTH, PAGE_HEIGHT)
    doc = SimpleDocTemplate(buffer, pagesize=size, title=title, creator="care_degraded",
                            leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN)
    footer = _footer(title, printed)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def worklist_pdf(ward: str, lines: Sequence[WorklistLine], printed: str,
                 counts: dict[str, int]) -> bytes:
    """The ward's back-entry worklist: one line per record, a box to tick, its QR."""
    head = [Paragraph(f"<b>{h}</b>", CELL) for h in
            ("Fait", "Date, heure", "Patient", "Type", "Saisie", "État", "Auteur", "QR")]
    rows: list[list[object]] = [head]
    for line in lines:
        kind = KIND_FR.get(line.kind, line.kind)
        title = f"{esc(kind)}<br/><font size=6.5>{esc(line.title)}</font>"
        state = esc(STATE_FR.get(line.state, line.state))
        if line.who:
            state += f"<br/><font size=6.5>{esc(line.who)}</font>"
        patient = esc(line.patient).replace("\n", "<br/>")  # name, then the number
        rows.append([TickBox(), Paragraph(esc(line.at), CELL), Paragraph(patient, CELL),
                     Paragraph(title, CELL),
                     Paragraph(esc(EXPORT_FR.get(line.export, line.export)), CELL),
                     Paragraph(state, CELL), Paragraph(esc(line.author), CELL),
                     QrCell(line.scan)])
    widths = [11 * mm, 26 * mm, 38 * mm, None, 36 * mm, 32 * mm, 28 * mm, QR_SIZE + 4 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=SPLIT_IN_ROW)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID),
                               ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    summary = ", ".join(f"{STATE_FR[s]} : {n}" for s, n in counts.items())
    story: list[Flowable] = [
        Paragraph(f"Ressaisie dans le DPI — {esc(ward)}", TITLE),
        Paragraph("Back-entry worklist. Cocher chaque ligne ressaisie ; scanner son QR à la "
                  "DSI ouvre la ligne.", HINT),
        Paragraph(f"{len(lines)} ligne{'s' if len(lines) > 1 else ''} ({esc(summary)})",
                  CELL_BOLD), Spacer(1, 3 * mm)]
    if not lines:
        story.append(Paragraph("<i>aucun enregistrement à ressaisir pour ce service</i>", CELL))
    else:
        story.append(table)
    return _build(story, f"Ressaisie — {ward}", printed, wide=True)


@dataclass(frozen=True)
class ReportSection:
    title: str  # French
    title_en: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = "néant"


def report_pdf(title: str, subtitle: str, facts: Sequence[tuple[str, str]],
               sections: Sequence[ReportSection], printed: str) -> bytes:
    """A report: key figures first, then one table per section."""
    story: list[Flowable] = [Paragraph(esc(title), TITLE), Paragraph(esc(subtitle), HINT),
                             Spacer(1, 3 * mm)]
    if facts:
        fact_rows = [[Paragraph(esc(k), CELL_BOLD), Paragraph(esc(v), CELL)] for k, v in facts]
        table = Table(fact_rows, colWidths=[70 * mm, None])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
    for section in sections:
        story += [Paragraph(esc(section.title), H2), Paragraph(esc(section.title_en), HINT)]
        if not section.rows:
            story.append(Paragraph(f"<i>{esc(section.empty)}</i>", CELL))
            continue
        rows = [[Paragraph(f"<b>{esc(h)}</b>", CELL) for h in section.header]]
        rows += [[Paragraph(esc(c), CELL) for c in row] for row in section.rows]
        table = Table(rows, repeatRows=1, splitInRow=SPLIT_IN_ROW)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, GRID),
                                   ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
    return _build(story, title, printed, wide=False)
