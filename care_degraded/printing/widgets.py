"""Small drawn flowables for writing by hand: digit boxes, date/time boxes, lines."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from care_degraded.printing.fonts import SANS
from care_degraded.printing.styles import GRID

BOX = 5.5 * mm
BALLOT = "☐"  # U+2610, in DejaVu Sans


class Boxes(Flowable):  # type: ignore[misc]
    """``digits`` boxes (a comma before the last ``decimals``), then a unit."""

    def __init__(self, digits: int = 3, decimals: int = 0, unit: str = "",
                 prefix: str = "") -> None:
        super().__init__()
        self.digits, self.decimals, self.unit, self.prefix = digits, decimals, unit, prefix

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(avail_width, (self.digits + self.decimals + 1) * BOX + 60 * mm)
        self.height = BOX + 2
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(GRID)
        c.setLineWidth(0.6)
        c.setFont(SANS, 8.5)
        x = 0.0
        if self.prefix:
            c.drawString(0, 4, self.prefix)
            x += c.stringWidth(self.prefix, SANS, 8.5) + 3
        for _ in range(self.digits):
            c.rect(x, 1, BOX, BOX)
            x += BOX
        if self.decimals:
            c.drawString(x + 1, 2, ",")
            x += 5
            for _ in range(self.decimals):
                c.rect(x, 1, BOX, BOX)
                x += BOX
        if self.unit:
            c.drawString(x + 4, 4, self.unit)


class DateTimeBoxes(Flowable):  # type: ignore[misc]
    """``jj/mm/aaaa`` and/or ``hh:mm`` boxes."""

    def __init__(self, date: bool = True, time: bool = False) -> None:
        super().__init__()
        self.date, self.time = date, time

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(avail_width, 80 * mm)
        self.height = BOX + 9
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(GRID)
        c.setLineWidth(0.6)
        x = 0.0
        groups: list[tuple[int, str, str]] = []
        if self.date:
            groups += [(2, "/", "jj"), (2, "/", "mm"), (4, "", "aaaa")]
        if self.time:
            if self.date:
                groups[-1] = (4, "   à", "aaaa")
            groups += [(2, ":", "hh"), (2, "", "mm")]
        for count, sep, hint in groups:
            c.setFont(SANS, 5.5)
            c.setFillColor(colors.grey)
            c.drawString(x + 1, 1, hint)
            c.setFillColor(colors.black)
            for _ in range(count):
                c.rect(x, 8, BOX, BOX)
                x += BOX
            if sep:
                c.setFont(SANS, 9)
                c.drawString(x + 1, 10, sep)
                x += c.stringWidth(sep, SANS, 9) + 3


class WriteLines(Flowable):  # type: ignore[misc]
    """``count`` dotted lines to write on."""

    def __init__(self, count: int = 1, gap: float = 7 * mm) -> None:
        super().__init__()
        self.count, self.gap = count, gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.count * self.gap
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(colors.Color(0.5, 0.5, 0.5))
        c.setLineWidth(0.5)
        c.setDash(1, 2)
        for i in range(self.count):
            y = self.height - (i + 1) * self.gap + 1
            c.line(0, y, self.width, y)


class RemarksLines(WriteLines):
    """A title and up to ``count`` lines, only as many as fit in what is left of the page.

    Used at the end of a sheet so that notes never push a nearly empty page out.
    """

    def __init__(self, title: str, count: int = 4, gap: float = 7 * mm) -> None:
        super().__init__(count, gap)
        self.title = title
        self.max_count = count

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        room = int((avail_height - 12) // self.gap)
        self.count = max(0, min(self.max_count, room))
        self.width = avail_width
        self.height = 12 + self.count * self.gap if self.count else 0
        return self.width, self.height

    def draw(self) -> None:
        if not self.count:
            return
        c = self.canv
        c.setFont(SANS, 7.5)
        c.setFillColor(colors.black)
        c.drawString(0, self.height - 9, self.title)
        super().draw()
