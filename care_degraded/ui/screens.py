"""Screens written elsewhere in ``ui/``, imported lazily by name.

The shell must start even while a screen is not written yet (or fails to build):
it then shows a placeholder saying so, never a traceback.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from care_degraded.ui.operations import error_sentence

log = logging.getLogger(__name__)

CHART = ("care_degraded.ui.chart", "ChartWidget")  # ChartWidget(ctx, patient_id)
HANDOVER = ("care_degraded.ui.handover", "HandoverWidget")  # HandoverWidget(ctx)
CHECKLISTS = ("care_degraded.ui.checklists", "ChecklistWidget")  # ChecklistWidget(ctx)
ADMIT = ("care_degraded.ui.admit", "AdmitDialog")  # AdmitDialog(ctx), a QDialog


def find(target: tuple[str, str]) -> Any | None:
    """The class named by ``target``, or None when its module is not there yet."""
    module_name, class_name = target
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return None
        raise
    return getattr(module, class_name, None)


def take_keyboard(screen: QWidget, target: QWidget) -> None:
    """Give ``target`` the keyboard when ``screen`` is shown as a tab, unless a child of
    the screen has it already: the screen's shortcuts then work at once."""
    focus = QApplication.focusWidget()
    if focus is None or not screen.isAncestorOf(focus):
        target.setFocus(Qt.FocusReason.OtherFocusReason)


class Placeholder(QWidget):
    """Stands in for a screen that is missing or could not be built."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholder")
        label = QLabel(text, self)
        label.setObjectName("placeholder")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.label = label


def build(target: tuple[str, str], *args: Any) -> QWidget:
    """An instance of the screen, or a placeholder saying why there is none."""
    try:
        cls = find(target)
    except Exception as exc:  # a screen that fails to import must not stop the ward
        log.error("screen %s failed to import: %s", target[1], type(exc).__name__)
        return Placeholder(error_sentence(exc))
    if cls is None:
        return Placeholder(QCoreApplication.translate(
            "screens", "This screen is not available in this version."))
    try:
        widget: QWidget = cls(*args)
    except Exception as exc:
        log.error("screen %s failed to build: %s", target[1], type(exc).__name__)
        return Placeholder(error_sentence(exc))
    return widget
