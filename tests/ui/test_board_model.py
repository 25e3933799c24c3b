"""The ward board model and filter, tested without a window."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from care_degraded.domain.patient import AllergyStatus
from care_degraded.services.board import BedRow, MedDue
from care_degraded.ui import i18n, style
from care_degraded.ui.board import BoardFilter, BoardModel, Column, Filter, Role

NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)


def row(bed: str, name: str, news2: int | None = None, *, single3: bool = False,
        provisional: bool = False, allergies: tuple[str, ...] = (),
        meds: int = 0, late: int = 0, handover: bool = False, vitals: bool = True) -> BedRow:
    return BedRow(
        bed=bed, patient_id=f"id-{bed}", display_name=name, provisional=provisional,
        reference=f"PROV-{bed}" if provisional else f"IPP{bed}", age=80,
        allergy_status=AllergyStatus.PRESENT if allergies else AllergyStatus.NONE_KNOWN,
        allergies=allergies,
        last_vitals_at=NOW - dt.timedelta(hours=1) if vitals else None,
        news2=news2, news2_single_3=single3,
        meds_due=(tuple(MedDue("Lovenox", "4000 UI SC", "11:00", overdue=True)
                        for _ in range(late))
                  + tuple(MedDue("Paracétamol", "1 g PO", "12:30") for _ in range(meds))),
        handover_this_shift=handover)


ROWS = [row("10", "ZOLA Émile", 2, late=1),
        row("2", "MÉNARD Zoé", 6, allergies=("Pénicilline",)),
        row("1", "ABEL Jean", 8, meds=2), row("3", "DUPONT Inès", 1, single3=True),
        row("12A", "X Inconnu", None, provisional=True, vitals=False, handover=True)]


@pytest.fixture(autouse=True)
def english(qapp):
    """The texts below are the source (English) ones, whatever ran before."""
    i18n.install("en")
    yield
    i18n.install("fr")


@pytest.fixture
def model(qapp):
    m = BoardModel(tz=dt.UTC)
    m.set_rows(ROWS, NOW)
    return m


def cell(model, r, column, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(r, column), role)


def test_rows_columns_and_headers(model):
    assert model.rowCount() == 5 and model.columnCount() == len(Column)
    assert model.headerData(Column.NEWS2, Qt.Orientation.Horizontal) == "NEWS2"
    assert cell(model, 1, Column.PATIENT) == "MÉNARD Zoé"
    assert cell(model, 1, Column.PATIENT, Role.PATIENT_ID) == "id-2"
    assert "Pénicilline" in cell(model, 1, Column.ALLERGY)
    assert cell(model, 0, Column.VITALS) == "11:00"
    assert cell(model, 4, Column.VITALS) == "none"
    assert cell(model, 2, Column.MEDS) == "2 at 12:30"
    assert "Paracétamol" in cell(model, 2, Column.MEDS, Qt.ItemDataRole.ToolTipRole)
    assert cell(model, 0, Column.MEDS) == "⚠ 1 late (11:00)"
    assert "(late)" in cell(model, 0, Column.MEDS, Qt.ItemDataRole.ToolTipRole)
    assert cell(model, 0, Column.MEDS, Qt.ItemDataRole.FontRole).bold()


def test_provisional_identity_is_marked(model):
    text = cell(model, 4, Column.PATIENT)
    assert "PROVISIONAL" in text and "PROV-12A" in text
    assert cell(model, 4, Column.PATIENT, Role.PROVISIONAL) is True
    assert cell(model, 4, Column.PATIENT, Qt.ItemDataRole.FontRole).italic()


@pytest.mark.parametrize(("r", "level"), [(0, "low"), (1, "medium"), (2, "high"),
                                          (3, "medium"), (4, "")])
def test_news2_colour_by_threshold(model, r, level):
    assert cell(model, r, Column.NEWS2, Role.NEWS2_LEVEL) == level
    background = cell(model, r, Column.NEWS2, Qt.ItemDataRole.BackgroundRole)
    expected = {"low": style.NORMAL.news2_low, "medium": style.NORMAL.news2_medium,
                "high": style.NORMAL.news2_high}
    if level:
        assert background == QColor(expected[level])
    else:
        assert background is None


def test_high_contrast_colours(model):
    model.high_contrast = True
    assert cell(model, 2, Column.NEWS2, Qt.ItemDataRole.BackgroundRole) == QColor(
        style.HIGH_CONTRAST.news2_high)


def proxy_for(model):
    proxy = BoardFilter()
    proxy.setSourceModel(model)
    return proxy


def beds(proxy):
    return [proxy.index(r, Column.BED).data() for r in range(proxy.rowCount())]


def test_sort_beds_naturally_and_by_news2(model):
    proxy = proxy_for(model)
    proxy.sort(Column.BED, Qt.SortOrder.AscendingOrder)
    assert beds(proxy) == ["1", "2", "3", "10", "12A"]
    proxy.sort(Column.NEWS2, Qt.SortOrder.DescendingOrder)
    assert beds(proxy)[:2] == ["1", "2"]
    proxy.sort(Column.MEDS, Qt.SortOrder.DescendingOrder)
    assert beds(proxy)[:2] == ["10", "1"]  # a late dose before two due ones


def test_search_is_accent_and_case_insensitive(model):
    proxy = proxy_for(model)
    proxy.set_search("menard")
    assert beds(proxy) == ["2"]
    proxy.set_search("IPP10")
    assert beds(proxy) == ["10"]
    proxy.set_search("prov-12")
    assert beds(proxy) == ["12A"]
    proxy.set_search("")
    assert proxy.rowCount() == 5


@pytest.mark.parametrize(("which", "expected"), [
    (Filter.NEWS2_ALERT, {"2", "1", "3"}), (Filter.MEDS_DUE, {"1", "10"}),
    (Filter.NO_HANDOVER, {"10", "2", "1", "3"}), (Filter.PROVISIONAL, {"12A"}),
    (Filter.NO_VITALS, {"12A"}), (Filter.ALL, {"10", "2", "1", "3", "12A"}),
])
def test_filters(model, which, expected):
    proxy = proxy_for(model)
    proxy.set_filter(which)
    assert set(beds(proxy)) == expected


def test_clear_forgets_every_patient(model):
    model.clear()
    assert model.rowCount() == 0


def test_view_opens_chart_on_enter(qtbot, model):
    from care_degraded.ui.board_view import BoardView

    view = BoardView()
    qtbot.addWidget(view)
    view.set_rows(ROWS, NOW)
    view.show()
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    with qtbot.waitSignal(view.open_patient, timeout=2000) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == ["id-1"]
    # typing a unique match in the search box and Enter opens it too
    with qtbot.waitSignal(view.open_patient, timeout=2000) as blocker:
        qtbot.keyClicks(view.search, "zola")
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert blocker.args == ["id-10"]
    assert view.count.text() == "1 of 5 patients"


def test_view_opens_chart_on_double_click(qtbot):
    from care_degraded.ui.board_view import BoardView

    view = BoardView()
    qtbot.addWidget(view)
    view.set_rows(ROWS, NOW)
    view.show()
    rect = view.table.visualRect(view.proxy.index(2, Column.PATIENT))
    opened = []
    view.open_patient.connect(opened.append)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == []  # a single click only selects: a chart never opens by accident
    with qtbot.waitSignal(view.open_patient, timeout=2000) as blocker:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [view.proxy.index(2, 0).data(Role.PATIENT_ID)]


def test_selection_survives_a_refresh(qtbot):
    from care_degraded.ui.board_view import BoardView

    view = BoardView()
    qtbot.addWidget(view)
    view.set_rows(ROWS, NOW)
    view.select_patient("id-3")
    view.set_rows(list(reversed(ROWS)), NOW)
    assert view.selected_patient() == "id-3"


def test_lit_12_finds_bed_12(qapp):
    m = BoardModel()
    m.set_rows([row("1", "ABEL Jeanne"), row("12", "BREL Marc"), row("120", "CARO Léa"),
                row("12A", "DIAZ Noé"), row("2", "EKO Ada")])
    proxy = proxy_for(m)
    proxy.set_search("lit 12")
    assert sorted(beds(proxy)) == ["12", "12A"]
    proxy.set_search("Bed 120")
    assert beds(proxy) == ["120"]
    proxy.set_search("chambre 2")
    assert beds(proxy) == ["2"]


def test_partial_news2_on_the_board_says_what_is_missing(qapp):
    m = BoardModel()
    partial = replace(row("1A", "FRANÇOIS Hervé", 15), news2_missing=("news2-temp",))
    m.set_rows([partial])
    assert cell(m, 0, Column.NEWS2) == "≥ 15, incomplete: temp missing"
    assert m.index(0, Column.NEWS2).data(Role.NEWS2_LEVEL) == "high"
