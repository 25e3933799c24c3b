"""Forms in progress carried across a lock, a switch of user or a change of language.

The contract for a screen shown in a tab of the main window (a chart, the handover
or checklist screen) is two optional methods:

* ``draft_state() -> dict | None``: what is being typed and not yet saved, JSON-able,
  including forms open in the screen's own dialogs (None or {} when nothing is);
* ``restore_draft(state: dict)``: put it back (reopening those dialogs).

A chart is found again by its ``patient_id`` attribute; the other screens by object
name. Where the states are kept meanwhile is ``services.drafts`` (inside the vault).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QTabWidget, QWidget

log = logging.getLogger(__name__)


def _screen_name(widget: QWidget) -> str:
    return widget.objectName() or type(widget).__name__


def collect(tabs: QTabWidget, first: int = 0) -> list[dict[str, Any]]:
    """Drafts of every tab from ``first`` on that implements the contract."""
    kept: list[dict[str, Any]] = []
    for index in range(first, tabs.count()):
        widget = tabs.widget(index)
        state_of = getattr(widget, "draft_state", None)
        if not callable(state_of):
            continue
        try:
            state = state_of()
        except Exception as exc:  # one broken screen must not cost the others their drafts
            log.error("draft not captured: %s", type(exc).__name__)
            continue
        if state:
            kept.append({"screen": _screen_name(widget),
                         "patient_id": getattr(widget, "patient_id", None), "state": state})
    return kept


def restore(kept: list[dict[str, Any]], tabs: QTabWidget,
            open_patient: Callable[[str], QWidget | None], first: int = 0) -> None:
    """Give each draft back to its screen (charts are reopened first)."""
    for draft in kept:
        patient = draft.get("patient_id")
        widget: QWidget | None
        if patient:
            widget = open_patient(str(patient))
        else:
            widget = next((tabs.widget(i) for i in range(first, tabs.count())
                           if _screen_name(tabs.widget(i)) == draft.get("screen")), None)
        put_back = getattr(widget, "restore_draft", None)
        if callable(put_back):
            try:
                put_back(draft.get("state") or {})
            except Exception as exc:
                log.error("draft not restored: %s", type(exc).__name__)
