"""One PDF from a list of sheets, with the page furniture on every page.

A *sheet* is one logical document (the MAR of one patient, a blank admission
form...). Each starts on a new page. Every page gets: the ward, the red band
"MODE DÉGRADÉ — à ressaisir", the patient's identity line (and "IDENTITÉ
PROVISOIRE" when it is one), census freshness, printed at and by whom,
"page x / y" and an authenticated QR code (form, version, patient, sheet serial).

Page totals are only known at the end, so the furniture is drawn in a second
pass over saved page states (the classic reportlab "numbered canvas").
"""

from __future__ import annotations

import io
import math
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from care_degraded.printing import qr
from care_degraded.printing.fonts import SANS, SANS_BOLD
from care_degraded.printing.identity import PROVISIONAL_MARK, AllergyLevel, PatientLabel
from care_degraded.printing.styles import (
    ASK,
    BAND,
    FOOTER_HEIGHT,
    HEADER_HEIGHT,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PROVISIONAL,
    SEVERE,
)

EXERCISE_COLOUR = colors.HexColor("#B00020")

DEGRADED_BAND = "MODE DÉGRADÉ — à ressaisir"
#: the diagonal mark on every page printed from a drill vault (French first, then English)
EXERCISE_MARK = "EXERCICE"
EXERCISE_SUBMARK = "EXERCISE — données fictives / fictitious data"
QR_SIZE = 22 * mm
_SERIAL_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class PageContext:
    """What every page says about where and when it was printed."""

    ward: str
    census: str  # e.g. "recensement de 14:05, il y a 2 h 10"
    printed_at: datetime  # aware
    printed_by: str  # display name (login)
    qr_key: bytes
    device_prefix: str = ""
    audit_code: str = ""  # the vault's audit head when printed (vault.audit.head_code())
    #: a drill vault: every page carries the diagonal EXERCICE watermark
    exercise: bool = False

    def printed_label(self) -> str:
        local = self.printed_at.astimezone()
        return f"imprimé le {local:%d/%m/%Y à %H:%M} par {self.printed_by}"


@dataclass
class Sheet:
    """One logical document inside a PDF."""

    title: str
    kind: str  # "mar", "flowsheet", "form", "handover", "census", "checklist", "record", "cover"
    story: list[Flowable]
    patient: PatientLabel | None = None
    form_url: str = ""
    form_version: str = ""
    #: printed on the long side (MAR and flowsheet over a period: one grid)
    landscape: bool = False
    #: a blank sheet with no patient: empty identity boxes on every page, to fill by hand
    identity_boxes: bool = False
    #: a page with no furniture at all (a sheet of labels drawn edge to edge)
    bare: bool = False

    @property
    def template(self) -> str:
        return "bare" if self.bare else "landscape" if self.landscape else "portrait"


@dataclass
class PageInfo:
    """What was printed on one page (for tests, the audit and the cover)."""

    number: int
    sheet_index: int
    serial: str
    payload: str


@dataclass
class RenderResult:
    """A rendered PDF: its bytes and what each page carries."""

    pdf: bytes
    pages: list[PageInfo] = field(default_factory=list)
    job: str = ""

    @property
    def page_count(self) -> int:
        return len(self.pages)


def new_job_id(prefix: str = "") -> str:
    """A print job id: the device prefix (unique per machine) and 6 random characters."""
    rand = "".join(secrets.choice(_SERIAL_ALPHABET) for _ in range(6))
    return f"{prefix}-{rand}" if prefix else rand


class _SheetMark(Flowable):  # type: ignore[misc]
    """Zero-size marker: from here on, pages belong to sheet ``index``."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._cd_sheet = self.index


class PageRef(Flowable):  # type: ignore[misc]
    """A cell that shows on which pages some sheets are ("p. 4–7"), filled in at the end.

    Page numbers are only known once everything is laid out, so the slot records
    where it was drawn and the final pass writes the numbers there.
    """

    def __init__(self, sheet_indices: Sequence[int], width: float = 20 * mm) -> None:
        super().__init__()
        self.sheet_indices = tuple(sheet_indices)
        self.width, self.height = width, 9

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return min(self.width, avail_width), self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.canv._cd_refs.append((self.canv.getPageNumber(), x, y, self.sheet_indices))


def render(sheets: Sequence[Sheet], ctx: PageContext, title: str = "care_degraded",
           job: str | None = None) -> RenderResult:
    """Lay out ``sheets`` into one A4 PDF; every sheet starts on a new page."""
    job = job or new_job_id(ctx.device_prefix)
    story: list[Flowable] = []
    for index, sheet in enumerate(sheets):
        if index:
            story.append(NextPageTemplate(sheet.template))
            story.append(PageBreak())
        story.append(_SheetMark(index))
        story.extend(sheet.story)
    result = RenderResult(b"", job=job)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), title=title,
                          author=ctx.printed_by, creator="care_degraded",
                          leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN + HEADER_HEIGHT, bottomMargin=MARGIN + FOOTER_HEIGHT,
                          invariant=False)
    templates = [_template("portrait", PAGE_WIDTH, PAGE_HEIGHT),
                 _template("landscape", PAGE_HEIGHT, PAGE_WIDTH),
                 PageTemplate(id="bare", pagesize=(PAGE_WIDTH, PAGE_HEIGHT), frames=[
                     Frame(0, 0, PAGE_WIDTH, PAGE_HEIGHT, 0, 0, 0, 0, id="bare-body")])]
    first = sheets[0].template if sheets else "portrait"
    doc.addPageTemplates(sorted(templates, key=lambda t: t.id != first))
    doc.build(story, canvasmaker=_canvas_maker(list(sheets), ctx, job, result))
    result.pdf = buffer.getvalue()
    return result


def _template(name: str, width: float, height: float) -> PageTemplate:
    frame = Frame(MARGIN, MARGIN + FOOTER_HEIGHT, width - 2 * MARGIN,
                  height - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"{name}-body")
    return PageTemplate(id=name, frames=[frame], pagesize=(width, height))


def _canvas_maker(sheets: list[Sheet], ctx: PageContext, job: str,
                  result: RenderResult) -> Callable[..., Canvas]:
    class _FurnishedCanvas(Canvas):  # type: ignore[misc]
        """Saves every page, then draws headers, footers and QR codes once totals are known."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._cd_sheet = 0
            self._cd_pages: list[dict[str, Any]] = []
            self._cd_refs: list[tuple[int, float, float, tuple[int, ...]]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._cd_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            pages = self._cd_pages
            per_sheet: dict[int, int] = {}
            for state in pages:
                per_sheet[state["_cd_sheet"]] = per_sheet.get(state["_cd_sheet"], 0) + 1
            first: dict[int, int] = {}
            last: dict[int, int] = {}
            for number, state in enumerate(pages, start=1):
                first.setdefault(state["_cd_sheet"], number)
                last[state["_cd_sheet"]] = number
            refs = list(self._cd_refs)
            seen: dict[int, int] = {}
            for number, state in enumerate(pages, start=1):
                self.__dict__.update(state)
                for page, x, y, indices in refs:
                    if page == number:
                        _page_ref(self, x, y, [first[i] for i in indices if i in first],
                                  [last[i] for i in indices if i in last])
                index = self._cd_sheet
                seen[index] = seen.get(index, 0) + 1
                sheet = sheets[index] if sheets else Sheet("", "", [])
                serial = f"{job}-{number:04d}"
                claims = qr.SheetClaims(sheet.form_url, sheet.form_version,
                                        sheet.patient.id if sheet.patient else "", serial)
                payload = qr.encode(claims, ctx.qr_key)
                if not sheet.bare:
                    _furnish(self, ctx, sheet, number, len(pages), seen[index],
                             per_sheet[index], serial, payload)
                if ctx.exercise:
                    _exercise_watermark(self)
                result.pages.append(PageInfo(number, index, serial, payload))
                Canvas.showPage(self)
            Canvas.save(self)

    return _FurnishedCanvas


def _furnish(c: Canvas, ctx: PageContext, sheet: Sheet, number: int, total: int,
             in_sheet: int, sheet_total: int, serial: str, payload: str) -> None:
    page_width, page_height = c._pagesize
    frame_width = page_width - 2 * MARGIN
    top = page_height - MARGIN
    left, right = MARGIN, page_width - MARGIN
    c.saveState()
    # Line 1: ward on the left, sheet title on the right.
    c.setFillColor(colors.black)
    size = _shrink(c, ctx.ward, SANS_BOLD, 10, frame_width * 0.45)
    c.setFont(SANS_BOLD, size)
    c.drawString(left, top - 9, _fit(c, ctx.ward, SANS_BOLD, size, frame_width * 0.45))
    title = sheet.title + (f" ({in_sheet}/{sheet_total})" if sheet_total > 1 else "")
    size = _shrink(c, title, SANS_BOLD, 10, frame_width * 0.53)
    c.setFont(SANS_BOLD, size)
    c.drawRightString(right, top - 9, _fit(c, title, SANS_BOLD, size, frame_width * 0.53))
    # Line 2: the band.
    c.setFillColor(BAND)
    c.rect(left, top - 24, frame_width, 11, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.setFont(SANS_BOLD, 8.5)
    c.drawCentredString(page_width / 2, top - 21.5, f"{DEGRADED_BAND} · {ctx.census}")
    # Line 3: who this sheet is about, on every page of it (wrapped, never cut), then
    # the allergies in a framed block: the most visible line after the name.
    c.setFillColor(colors.black)
    y = top - 38
    floor = top - HEADER_HEIGHT + 4
    if sheet.patient is not None:
        x = left
        if sheet.patient.provisional:
            c.setFont(SANS_BOLD, 9)
            width = c.stringWidth(PROVISIONAL_MARK, SANS_BOLD, 9) + 8
            c.setFillColor(PROVISIONAL)
            c.rect(x, y - 3, width, 13, stroke=0, fill=1)
            c.setFillColor(colors.white)
            c.drawString(x + 4, y, PROVISIONAL_MARK)
            c.setFillColor(colors.black)
            x += width + 6
        c.setFont(SANS_BOLD, 10)
        for line in simpleSplit(sheet.patient.one_line(), SANS_BOLD, 10, right - x)[:2]:
            c.drawString(x, y, line)
            y -= 11
        _allergy_block(c, sheet.patient, left, y + 6, frame_width, floor)
    elif sheet.identity_boxes:
        _identity_boxes(c, left, y, frame_width)
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.6)
    c.line(left, top - HEADER_HEIGHT + 2, right, top - HEADER_HEIGHT + 2)
    # Footer: freshness and who printed, page x / y, QR with its serial.
    base = MARGIN
    c.line(left, base + FOOTER_HEIGHT - 2, right, base + FOOTER_HEIGHT - 2)
    c.setFont(SANS, 7.5)
    text_right = right - QR_SIZE - 6
    lines = [DEGRADED_BAND, f"Données : {ctx.census}", ctx.printed_label(),
             f"Feuille {serial}" + (f" · journal {ctx.audit_code}" if ctx.audit_code else "")]
    for i, line in enumerate(lines):
        c.drawString(left, base + FOOTER_HEIGHT - 12 - i * 9.5,
                     _fit(c, line, SANS, 7.5, text_right - left - 70))
    c.setFont(SANS_BOLD, 10)
    c.drawRightString(text_right, base + 8, f"page {number} / {total}")
    qr.draw(c, payload, right - QR_SIZE, base, QR_SIZE)
    c.restoreState()


def _exercise_watermark(c: Canvas) -> None:
    """The diagonal EXERCICE mark across the page, over everything, light enough to read
    through (drawn last, on every page, bare sheets of labels included)."""
    page_width, page_height = c._pagesize
    c.saveState()
    c.translate(page_width / 2, page_height / 2)
    c.rotate(math.degrees(math.atan2(page_height, page_width)))
    c.setFillColor(EXERCISE_COLOUR)
    c.setFillAlpha(0.28)
    size = min(page_width, page_height) * 0.24
    c.setFont(SANS_BOLD, size)
    c.drawCentredString(0, -size * 0.3, EXERCISE_MARK)
    c.setFont(SANS_BOLD, size * 0.16)
    c.drawCentredString(0, -size * 0.3 - size * 0.3, EXERCISE_SUBMARK)
    c.restoreState()


def _allergy_block(c: Canvas, patient: PatientLabel, left: float, top: float, width: float,
                   floor: float) -> None:
    """A framed, bold block: white on red for a severe reaction, orange when unknown."""
    level = patient.allergy_level
    text = patient.allergy_line()
    size = 8.5
    lines = simpleSplit(text, SANS_BOLD, size, width - 10)
    room = max(1, int((top - floor - 5) // (size + 1.5)))
    if len(lines) > room:
        # Never silently cut: the block says where the rest is.
        lines = lines[:room]
        lines[-1] = _fit(c, lines[-1] + " …", SANS_BOLD, size, width - 110) + \
            " (suite sur la fiche)"
    height = len(lines) * (size + 1.5) + 5
    fill = {AllergyLevel.SEVERE: SEVERE, AllergyLevel.UNKNOWN: ASK}.get(level)
    c.setLineWidth(1.6 if level is not AllergyLevel.NONE else 0.8)
    c.setStrokeColor(fill or colors.black)
    if fill is not None:
        c.setFillColor(fill)
        c.rect(left, top - height, width, height, stroke=1, fill=1)
        c.setFillColor(colors.white)
    else:
        c.rect(left, top - height, width, height, stroke=1, fill=0)
        c.setFillColor(colors.black)
    c.setFont(SANS_BOLD, size)
    y = top - size - 1.5
    for line in lines:
        c.drawString(left + 5, y, line)
        y -= size + 1.5
    c.setFillColor(colors.black)
    c.setStrokeColor(colors.black)


def _identity_boxes(c: Canvas, left: float, y: float, width: float) -> None:
    """Empty identity boxes: a loose page of a blank form still says whose it is."""
    c.setFont(SANS, 7.5)
    c.setLineWidth(0.6)
    fields = [("Nom, prénom", 0.40), ("Né(e) le", 0.16), ("IPP / n° provisoire", 0.24),
              ("Ch. / lit", 0.20)]
    x = left
    for name, share in fields:
        w = width * share
        c.rect(x, y - 8, w - 3, 17, stroke=1, fill=0)
        c.drawString(x + 2, y + 3, name)
        x += w
    c.setFont(SANS_BOLD, 8)
    c.rect(left, y - 28, width, 16, stroke=1, fill=0)
    c.drawString(left + 4, y - 22, "Allergies :")


def _page_ref(c: Canvas, x: float, y: float, firsts: list[int], lasts: list[int]) -> None:
    if not firsts:
        return
    low, high = min(firsts), max(lasts)
    text = f"p. {low}" if low == high else f"p. {low}–{high}"
    c.saveState()
    c.setFillColor(colors.black)
    c.setFont(SANS, 8.5)
    c.drawString(x, y + 1, text)
    c.restoreState()


def _shrink(c: Canvas, text: str, font: str, size: float, width: float,
            smallest: float = 6.5) -> float:
    """The largest font size (down to ``smallest``) at which ``text`` fits ``width``."""
    while size > smallest and c.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _fit(c: Canvas, text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` (header lines must stay one line)."""
    if c.stringWidth(text, font, size) <= width:
        return text
    while text and c.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
