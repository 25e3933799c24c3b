"""Every route and instruction text of the demo ward survives wrapping on paper.

A MAR once printed "souscutanée" for "sous-cutanée": reportlab glued the two halves of
a word broken after its hyphen back together, without the hyphen, when a table wrapped
the cell a second time. Each text is wrapped here at several widths inside a table (which
measures, then draws, as the MAR does), the PDF is read back with pdfplumber, and every
character but spaces must be there in order: no hyphen dropped, no word lost or cut.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pdfplumber
import pytest
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table

from care_degraded.census.synthetic_data import DRUGS, ROUTES
from care_degraded.domain.patient import Prescription
from care_degraded.printing.mar import DRUG_WIDTH, MAR_CELL, mar_story
from care_degraded.printing.mar_rows import dose_text, is_infusion, schedule_text
from care_degraded.printing.styles import A4
from care_degraded.printing.text import cell, keep_units

WIDTHS_MM = (18, 22, 26, 30, 41, 55, 74)  # the narrowest text column of a sheet first
ZONE = ZoneInfo("Europe/Paris")


def _prescriptions() -> list[Prescription]:
    out = []
    for n, d in enumerate(DRUGS):
        route = ROUTES[d.route]
        when = ", ".join(d.times) if d.times else f"si {d.as_needed}"
        out.append(Prescription(
            key=f"rx{n}", drug=d.drug, dose_value=d.dose, dose_unit=d.unit_label, route=route,
            times_of_day=d.times, as_needed=d.as_needed is not None,
            as_needed_condition=d.as_needed, max_per_day=d.max_per_day, rate=d.rate,
            instructions=f"{d.dose.replace('.', ',')} {d.unit_label} {route}, {when}"))
    return out


def _texts() -> list[str]:
    texts = set(ROUTES.values())
    for p in _prescriptions():
        texts |= {p.drug, dose_text(p), schedule_text(p), p.instructions or ""}
    texts |= {"LAMBERT-SAINT-EXUPÉRY Marie-Thérèse", "voie sous-cutanée si besoin : douleur"}
    return sorted(t for t in texts if t)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


def _pdf_text(flowables: list[object], size: tuple[float, float] = A4,
              right: float | None = None) -> list[str]:
    """The text of each page, of its left part only up to ``right`` points when given."""
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=size, leftMargin=10 * mm, rightMargin=10 * mm,
                      topMargin=10 * mm, bottomMargin=10 * mm).build(flowables)
    with pdfplumber.open(io.BytesIO(buf.getvalue())) as pdf:
        return [(page.crop((0, 0, right, page.height)) if right else page).extract_text() or ""
                for page in pdf.pages]


@pytest.mark.parametrize("width_mm", WIDTHS_MM)
def test_every_demo_route_and_instruction_keeps_its_hyphens_and_words(width_mm: int) -> None:
    width = width_mm * mm
    texts = _texts()
    # One table per text, one cell each: the table wraps each cell twice before drawing.
    tables = [Table([[cell(t, MAR_CELL, width)]], colWidths=[width]) for t in texts]
    pages = _squash("".join(_pdf_text(tables)))
    missing = [t for t in texts if _squash(keep_units(t)) not in pages]
    assert not missing, f"lost or altered at {width_mm} mm: {missing}"
    assert "souscutanée" not in pages


def test_the_hyphen_after_a_line_break_survives_a_second_wrap() -> None:
    # The case seen on a kit: a bold dose, the line breaking right after "sous-".
    body = "<b>Héparine calcique 5 000 UI</b> — <b>5000 UI sous-cutanée</b>"
    para = cell(body, MAR_CELL, 221, markup=True)
    for _ in range(3):
        para.wrap(209, 1000)
        lines = ["".join(f.text for f in line.words) for line in para.blPara.lines]
        assert "".join(lines).replace("\u00a0", " ").count("sous-") == 1, lines


def test_a_mar_of_every_demo_drug_prints_every_instruction_whole() -> None:
    rx = _prescriptions()
    start = dt.datetime(2026, 12, 2, 6, 30, tzinfo=ZONE)
    # The drug column alone, so that the lines of one cell are read in order.
    pages = _squash("".join(_pdf_text(mar_story(rx, start, 8), landscape(A4),
                                      right=10 * mm + DRUG_WIDTH)))
    for p in (p for p in rx if not is_infusion(p)):
        # A scheduled line's instructions only restate dose and times: the row leaves them.
        for text in (p.drug, dose_text(p), p.instructions if p.as_needed else ""):
            assert _squash(keep_units(text or "")) in pages, text
    assert "souscutanée" not in pages
    assert "5\u00a0000" in keep_units("Héparine calcique 5 000 UI")  # never "5 / 000 UI"


def test_a_very_long_instruction_is_printed_whole_never_shortened() -> None:
    words = [f"consigne{n}" for n in range(400)]  # ~4,400 characters: taller than a page
    long = Prescription(key="rx-long", drug="Vancomycine 1 g", dose_value="1", dose_unit="g",
                        route="intraveineuse", times_of_day=("08:00",),
                        instructions="adapter selon " + " ".join(words))
    prn = Prescription(key="rx-prn", drug="Morphine 10 mg/mL", dose_value="5", dose_unit="mg",
                       route="sous-cutanée", as_needed=True, as_needed_condition="douleur",
                       max_per_day="6 fois/24 h", instructions="si " + " ".join(words))
    start = dt.datetime(2026, 12, 2, 6, 30, tzinfo=ZONE)
    pages = _pdf_text(mar_story([long, prn], start, 8), landscape(A4))
    text = _squash("".join(pages))
    assert "[…]" not in text and len(pages) > 1
    assert text.count("consigne399") == 2 and all(f"{w}consigne" in text for w in words[:-1])
    assert text.count("Consignescomplètes") >= 3  # each row points to the full text
