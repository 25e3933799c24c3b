"""The ward board at 1366x768: allergies, due times and names are never cut.

Each cell's text is laid out in the cell's own rectangle (word wrap, as the view draws
it); it must fit whole, in French and in English, on the demo ward with its longest
allergy list.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from care_degraded.ui.board import Column
from tests.ui.app_helpers import unlock

CUT_ANYWHERE = (Column.PATIENT, Column.ALLERGY, Column.MEDS, Column.NEWS2, Column.BED)


def _cut_cells(view) -> list[str]:
    table = view.table
    cut = []
    model = table.model()
    for row in range(model.rowCount()):
        for column in CUT_ANYWHERE:
            index = model.index(row, column)
            text = str(index.data() or "")
            if not text:
                continue
            font = index.data(Qt.ItemDataRole.FontRole) or table.font()
            metrics = QFontMetrics(font)
            # the item view's text margin: the focus frame's margin plus one, each side
            rect = table.visualRect(index).adjusted(3, 0, -3, 0)
            needed = metrics.boundingRect(QRect(0, 0, rect.width(), 100_000),
                                          int(Qt.TextFlag.TextWordWrap), text)
            if needed.width() > rect.width() or needed.height() > rect.height():
                cut.append(f"{column.name}: {text!r} needs {needed.size().toTuple()}"
                           f" in {rect.size().toTuple()}")
    return cut


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_cell_of_the_board_is_cut_at_1366(qtbot, demo_window, lang):
    w = demo_window
    unlock(qtbot, w, "ide1", "ide1-demo-2026")
    if lang == "en":
        w.set_language("en")
    view = w.board
    qtbot.waitUntil(lambda: view.table.model().rowCount() > 0)
    longest = max((str(view.table.model().index(r, Column.ALLERGY).data() or "")
                   for r in range(view.table.model().rowCount())), key=len)
    assert len(longest) > 40  # the demo ward has a long allergy list to show
    assert _cut_cells(view) == []
