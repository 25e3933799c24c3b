"""The screens the shell lays out, built here so that their modules load on first use.

The chart, handover, checklist and admission screens pull in the questionnaire engine:
importing them when a screen is first needed keeps the unlock screen quick to appear.
An import error is a bug, and raises like one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from care_degraded.ui.context import AppContext

if TYPE_CHECKING:
    from care_degraded.ui.admit import AdmitDialog
    from care_degraded.ui.chart import ChartWidget
    from care_degraded.ui.checklists import ChecklistWidget
    from care_degraded.ui.crisis import CrisisEntryDialog, CrisisLogWidget
    from care_degraded.ui.handover import HandoverWidget


def chart(ctx: AppContext, patient_id: str) -> ChartWidget:
    """One patient's chart."""
    from care_degraded.ui.chart import ChartWidget

    return ChartWidget(ctx, patient_id)


def handover(ctx: AppContext) -> HandoverWidget:
    """The ward handover screen."""
    from care_degraded.ui.handover import HandoverWidget

    return HandoverWidget(ctx)


def checklists(ctx: AppContext) -> ChecklistWidget:
    """The downtime checklists screen."""
    from care_degraded.ui.checklists import ChecklistWidget

    return ChecklistWidget(ctx)


def crisis_log(ctx: AppContext) -> CrisisLogWidget:
    """The crisis log screen (ward managers)."""
    from care_degraded.ui.crisis import CrisisLogWidget

    return CrisisLogWidget(ctx)


def crisis_entry(ctx: AppContext) -> CrisisEntryDialog:
    """The quick "add to the crisis log" dialog (not yet shown)."""
    from care_degraded.ui.crisis import CrisisEntryDialog

    return CrisisEntryDialog(ctx)


def admit(ctx: AppContext) -> AdmitDialog:
    """The admission dialog (not yet shown)."""
    from care_degraded.ui.admit import AdmitDialog

    return AdmitDialog(ctx)


def take_keyboard(screen: QWidget, target: QWidget) -> None:
    """Give ``target`` the keyboard when ``screen`` is shown as a tab, unless a child of
    the screen has it already: the screen's shortcuts then work at once."""
    focus = QApplication.focusWidget()
    if focus is None or not screen.isAncestorOf(focus):
        target.setFocus(Qt.FocusReason.OtherFocusReason)
