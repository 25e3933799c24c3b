"""Forms in progress carried across a lock, a switch of user or a change of language.

The contract for a screen shown in a tab of the main window (a chart, the handover
or checklist screen) is two optional methods:

* ``draft_state() -> dict | None``: what is being typed and not yet saved, JSON-able,
  including forms open in the screen's own dialogs (None or {} when nothing is);
* ``restore_draft(state: dict)``: put it back (reopening those dialogs).

A chart is found again by its ``patient_id`` attribute; the other screens by object
name. Where the states are kept meanwhile is ``services.drafts`` (inside the vault).
A screen whose drafts are the one form dialog it opens inherits :class:`FormDraftMixin`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QTabWidget, QWidget

if TYPE_CHECKING:  # annotations only: the dialog and operation modules need not load here
    from care_degraded.ui.forms.dialog import FormDialog
    from care_degraded.ui.operations import Operation

log = logging.getLogger(__name__)


def _screen_name(widget: QWidget | None) -> str:
    if widget is None:
        return ""
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


class FormDraftMixin:
    """The draft contract for a screen that writes through one form dialog at a time.

    The screen sets ``dialog``, ``loading`` (its data load) and ``_pending_draft`` (None)
    itself, and implements ``_reopen_draft()``: take ``_pending_draft``, clear it, and
    reopen the dialog from it. It calls ``_reopen_draft()`` again once its data is loaded,
    since the form may name a patient or record not listed yet.
    """

    dialog: FormDialog | None
    loading: Operation | None
    _pending_draft: dict[str, Any] | None

    def draft_state(self) -> dict[str, Any] | None:
        """The form open on this screen, if any (kept encrypted in the vault on lock)."""
        if self.dialog is None or not self.dialog.is_open():
            return None
        return self.dialog.draft()

    def restore_draft(self, state: dict[str, Any]) -> None:
        """Reopen the form captured by :meth:`draft_state` (once the screen is loaded)."""
        if not state:
            return
        self._pending_draft = state
        if self.loading is not None and self.loading.done:
            self._reopen_draft()

    def _reopen_draft(self) -> None:
        raise NotImplementedError  # each screen knows how to reopen its own forms
