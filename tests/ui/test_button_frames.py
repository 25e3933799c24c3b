"""A button keeps room for its whole text when it takes focus or is the default one.

The stylesheet draws a thicker frame on focus and on the default button; a button's
size hint is computed without it, so a frame that ate into the contents clipped the
first and last letters ("ermer" for "Fermer" in a drill's injects dialog).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QStyle, QStyleOptionButton

from care_degraded.ui import style


def _contents_width(button: QPushButton) -> int:
    opt = QStyleOptionButton()
    button.initStyleOption(opt)
    return button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt,
                                         button).width()


@pytest.mark.parametrize("high_contrast", [False, True])
@pytest.mark.parametrize("text", ["Fermer", "Enregistrer", "Verrouiller (Ctrl+L)", "Annuler"])
def test_the_text_fits_focused_default_or_not(qapp, qtbot, high_contrast: bool, text: str):
    style.apply(qapp, high_contrast)
    try:
        dialog = QDialog()
        qtbot.addWidget(dialog)
        box = QDialogButtonBox(dialog)
        button = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        other = box.addButton("Autre", QDialogButtonBox.ButtonRole.RejectRole)
        dialog.show()
        qtbot.waitExposed(dialog)
        button.resize(button.sizeHint())
        needed = button.fontMetrics().horizontalAdvance(text)
        states = {}
        other.setFocus()
        button.setDefault(False)
        qapp.processEvents()
        states["plain"] = _contents_width(button)
        button.setDefault(True)
        qapp.processEvents()
        states["default"] = _contents_width(button)
        button.setFocus()
        qapp.processEvents()
        assert button.hasFocus()
        states["focused"] = _contents_width(button)
        for state, width in states.items():
            assert width >= needed, f"{text!r} {state}: {width} px for {needed} px of text"
        assert len(set(states.values())) == 1, states  # the text never moves or shrinks
    finally:
        style.apply(qapp, False)
