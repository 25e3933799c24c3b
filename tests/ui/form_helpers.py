"""Shared by the tests that drive a FormView on its own (no main window)."""

from __future__ import annotations

from pathlib import Path

from care_degraded.ui.forms import FormView

FORMS = Path(__file__).resolve().parents[2] / "forms"


def show_form(qtbot, view: FormView) -> FormView:  # type: ignore[no-untyped-def]
    """Show ``view`` at 1366x768, active, ready for keystrokes."""
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view
