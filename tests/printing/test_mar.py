"""The MAR a ward can work from: one landscape grid, PRN slots, infusions, history, duplicates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from care_degraded.domain.patient import Prescription
from care_degraded.printing.document import Sheet, render
from care_degraded.printing.mar import DoseEvent, mar_story
from care_degraded.printing.text import keep_units
from tests.printing.helpers import (
    context,
    label,
    page_sizes,
    pages_text,
    render_page,
    squash,
    words,
)

PARIS = dt.timezone(dt.timedelta(hours=1))
START = dt.datetime(2026, 11, 29, 6, 30, tzinfo=PARIS)
#: fourteen distinct dose times over the day (the case that split the old MAR in two)
TIMES = ("00:00", "02:00", "04:00", "06:00", "07:30", "08:00", "10:00", "11:30", "12:00",
         "14:00", "16:00", "18:00", "18:30", "22:00")


def _rx(key: str, drug: str, times: tuple[str, ...] = (), **kw: object) -> Prescription:
    return Prescription(key=key, drug=drug, dose_value=kw.pop("dose", "1"),  # type: ignore[arg-type]
                        dose_unit=kw.pop("unit", "g"), route=kw.pop("route", "PO"),  # type: ignore[arg-type]
                        times_of_day=times, **kw)  # type: ignore[arg-type]


def _pdf(prescriptions: list[Prescription], hours: int = 24, events: tuple[DoseEvent, ...] = (),
         patient=None) -> bytes:  # type: ignore[no-untyped-def]
    story = mar_story(prescriptions, START, hours, events=events)
    return render([Sheet("Administration des médicaments", "mar", story, patient or label(),
                         landscape=True)], context()).pdf


def _ward_rx() -> list[Prescription]:
    rx = [_rx(f"s{i}", f"Médicament{i:02d}", (TIMES[i],)) for i in range(len(TIMES))]
    rx.append(_rx("p", "Paracétamol", ("08:00", "14:00", "20:00")))
    rx.append(_rx("prn", "Tramadol", as_needed=True, as_needed_condition="douleur EN > 4",
                  max_per_day="6", dose="50", unit="mg"))
    return rx


def test_one_landscape_grid_for_the_whole_day_each_drug_once() -> None:
    pdf = _pdf(_ward_rx())
    pages = pages_text(pdf)
    assert all(w > h for w, h in page_sizes(pdf))  # landscape, every page
    text = squash("\n".join(pages))
    for i in range(len(TIMES)):
        assert text.count(squash(f"Médicament{i:02d}")) == 1, i  # never printed twice
    # The grid's columns are the period's clock hours, all in one header: 06h ... 06h.
    first = squash(pages[0])
    hours = [f"{h:02d}h" for h in list(range(6, 24)) + list(range(0, 7))]
    assert all(h in first for h in hours)
    for page in pages:  # every page of the grid repeats the full header
        if squash("Médicament · dose · voie · rythme") in squash(page):
            assert all(h in squash(page) for h in hours)
    # Due times are written inside the grid, whole.
    for t in TIMES:
        assert t in "\n".join(pages), t
    assert "heure" not in pages[0].split("Si besoin")[0].split("rythme", 1)[1][:40]


def test_cells_are_greyed_where_nothing_is_due(tmp_path: Path) -> None:
    pdf = _pdf([_rx("p", "Paracétamol", ("08:00", "14:00", "20:00"))], hours=24)
    ws = words(pdf, 1)
    due = next(w for w in ws if w["text"] == "14:00")
    header = {w["text"]: w for w in ws if re.fullmatch(r"\d\dh", str(w["text"]))}
    image = render_page(pdf, 1, tmp_path)
    y = int(float(due["bottom"]) + 4)  # type: ignore[arg-type]

    def colour(col: str) -> tuple[int, int, int]:
        w = header[col]
        x = int((float(w["x0"]) + float(w["x1"])) / 2)  # type: ignore[arg-type]
        return image.getpixel((x, y))  # type: ignore[no-any-return]

    assert colour("14h") == (255, 255, 255)  # due: white, to write initials in
    assert colour("20h") == (255, 255, 255)
    for idle in ("09h", "13h", "15h", "03h"):
        r, g, b = colour(idle)
        assert r == g == b and 200 < r < 240, idle  # nothing due: grey


def test_prn_slots_follow_the_maximum_and_print_condition_and_max() -> None:
    six = _rx("m", "Morphine", as_needed=True, as_needed_condition="douleur EN > 4",
              max_per_day="6", dose="5", unit="mg", route="SC")
    text = "\n".join(pages_text(_pdf([six], hours=24)))
    assert "douleur EN > 4" in text and squash("max 6 / 24 h") in squash(text)
    morphine = squash(text).split("Morphine", 1)[1].split("Nouvelleprescription", 1)[0]
    assert morphine.count("heure") == 6
    unknown = _rx("t", "Tramadol", as_needed=True, dose="50", unit="mg")
    text = squash("\n".join(pages_text(_pdf([unknown], hours=8))))
    assert text.split("Tramadol", 1)[1].split("Nouvelleprescription", 1)[0].count("heure") == 4
    assert squash("condition non précisée") in text and squash("max / 24 h non précisé") in text


def test_blank_rows_for_new_prescriptions_have_slots_prescriber_and_signature() -> None:
    text = squash("\n".join(pages_text(_pdf([], hours=8))))
    assert squash("Aucune prescription active") in text
    assert text.count(squash("Nouvelle prescription")) == 4
    assert text.count("Prescripteur") == 4 and text.count("Signature") == 4
    # Slots do not depend on any schedule: 4 rows of 11 "heure / dose / initiales".
    assert text.count("heure") >= 4 * 8


def test_continuous_infusion_has_its_own_section_not_a_dose_box() -> None:
    heparin = _rx("h", "Héparine sodique", dose="25000", unit="UI/50 mL", route="IVSE",
                  rate="2 mL/h", instructions="adapter selon TCA")
    pages = pages_text(_pdf([heparin, _rx("p", "Paracétamol", ("08:00",))], hours=8))
    text = squash("\n".join(pages))
    assert squash("Perfusion continue — débit, changements, surveillance") in text
    for head in ("Débit (mL/h)", "Seringue / poche changée", "TCA : valeur",
                 "TCA : heure du prélèvement", "Initiales"):
        assert squash(head) in text, head
    assert text.count("Héparinesodique") == 1  # in its section only, not in the hourly grid
    assert squash("débit 2 mL/h") in text


def test_recorded_doses_are_printed() -> None:
    para = _rx("p", "Paracétamol", ("08:00", "14:00"))
    biso = _rx("b", "Bisoprolol", ("08:00",), dose="2.5", unit="mg")
    events = (DoseEvent("Paracétamol 1 g", dt.datetime(2026, 11, 29, 5, 40, tzinfo=PARIS), True,
                        "ide1"),
              DoseEvent("Paracétamol", dt.datetime(2026, 11, 28, 23, 40, tzinfo=PARIS), True,
                        "ide0"),
              DoseEvent("Bisoprolol", dt.datetime(2026, 11, 29, 8, 5, tzinfo=PARIS), False,
                        "ide2", "refus du patient"),
              DoseEvent("Paracétamol", dt.datetime(2026, 11, 29, 8, 10, tzinfo=PARIS), True,
                        "ide2"))
    text = "\n".join(pages_text(_pdf([para, biso], hours=8, events=events)))
    flat = squash(text)
    assert squash("dernière prise 05:40 par ide1") in flat  # the latest before the period
    assert squash("non donné 29/11 08:05 : refus du patient (par ide2)") in flat
    assert squash("✓ ide2") in flat and squash("ND ide2") in flat  # in the grid, at 08h


def test_duplicate_prescriptions_are_flagged_once() -> None:
    morphine = [_rx(f"m{i}", "Morphine", as_needed=True, as_needed_condition="douleur",
                    max_per_day="6", dose="5", unit="mg", route="SC") for i in range(3)]
    text = squash("\n".join(pages_text(_pdf([*morphine, _rx("p", "Paracétamol", ("08:00",))]))))
    assert text.count("Morphine") == 1  # one row, not three
    assert text.count(squash("⚠ prescrit 3 fois — vérifier")) == 1
    assert squash("prescrit 1 fois") not in text


def test_nothing_broken_times_names_units_and_french_decimals() -> None:
    long_name = "LAMBERT-SAINT-EXUPÉRY Marie-Christine"
    patient = label(name=long_name)
    augmentin = _rx("a", "Amoxicilline + acide clavulanique", ("02:00", "10:00", "18:00"),
                    dose="1", unit="g/200 mg", route="IV")
    bis = _rx("b", "Bisoprolol", ("08:00",), dose="2.5", unit="mg")
    pdf = _pdf([augmentin, bis], hours=24, patient=patient)
    lines = [line for page in pages_text(pdf) for line in page.splitlines()]
    flat = [line.replace("\xa0", " ") for line in lines]
    assert any("1 g/200 mg" in line for line in flat)  # number and unit on one line
    assert any("2,5 mg" in line for line in flat) and not any("2.5" in x for x in flat)
    for t in ("02:00", "10:00", "18:00"):
        assert any(t in line for line in flat)
    assert not any(re.search(r"\d\d:\d$", line) for line in flat)  # no "02:0 / 0"
    # The name is whole, or broken only after one of its own hyphens.
    tokens = [str(w["text"]) for w in words(pdf, 1)]
    assert "LAMBERT-SAINT-EXUPÉRY" in tokens and "Marie-Christine" in tokens
    assert not any(t in ("Y", "EXUPÉR", "NT-EXUPÉRY", "e") for t in tokens)


def test_keep_units_never_rounds() -> None:
    assert keep_units("0.125 mg") == "0,125\xa0mg"
    assert keep_units("1 g/200 mg") == "1\xa0g/200\xa0mg"
    assert keep_units("v1.2.3") == "v1.2.3"  # not a decimal


def test_a_word_too_wide_for_its_cell_shrinks_or_breaks_at_its_hyphens() -> None:
    from care_degraded.printing.styles import CELL
    from care_degraded.printing.text import cell

    para = cell("LAMBERT-SAINT-EXUPÉRY Marie-Christine 1 g/200 mg", CELL, 60)
    para.wrap(60, 1000)
    lines = ["".join(w if isinstance(w, str) else w[1] for w in line[1])
             if isinstance(line, tuple) else "" for line in para.blPara.lines]
    joined = "|".join(lines)
    assert "EXUPÉR|" not in joined and "|Y" not in joined and "Christin|" not in joined
    for line in lines[:-1]:
        assert line.endswith("-") or line.endswith("Y") or line.endswith("Christine") \
            or line.endswith("mg") or line.endswith("g/200\xa0mg"), lines


def test_a_dose_due_in_the_first_hour_before_the_sheet_starts_is_shown() -> None:
    # The sheet starts at START's minute; a dose due earlier in that same clock hour sits
    # in the first column: written there (marked as due before the sheet), never grey.
    first_hour = START.replace(minute=0)
    assert first_hour < START
    due = f"{first_hour:%H:%M}"
    text = "\n".join(pages_text(_pdf([_rx("a", "Amoxicilline", (due,))], hours=8)))
    assert f"⚠ {due}" in text
    assert squash("aucune prise prévue") not in squash(text)
