"""What every screen is given: the unlocked vault, the language, the form library,
and one hub of change notifications so that screens refresh each other.

No global application object (Anki's ``mw`` is what not to copy): each widget is
built with the ``AppContext`` it needs, e.g. ``ChartWidget(ctx, patient_id)``.

Refreshing each other::

    ctx.changed.connect(self._on_changed)        # slot(topic: str, patient_id: str)
    ctx.notify(Topic.RECORDS, patient_id)        # after a save, an amend, a void
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from care_degraded.domain.clock import utcnow

if TYPE_CHECKING:  # the questionnaire engine is loaded later, off the start-up path
    from care_degraded.services.forms import FormLibrary
    from care_degraded.services.vaults import Vault


class Topic:
    """What changed (the first argument of ``changed``)."""

    RECORDS = "records"  # a record was saved, amended or voided (patient_id given)
    PATIENTS = "patients"  # census imported, patient admitted or moved
    HANDOVER = "handover"  # a handover was written (patient_id given)
    CHECKLISTS = "checklists"  # a checklist item was ticked
    CRISIS_LOG = "crisis-log"  # a crisis log entry was written, amended or voided
    USERS = "users"  # users added or disabled
    SETTINGS = "settings"  # auto-lock delay, language, contrast


class ChangeHub(QObject):
    """One signal, ``changed(topic, patient_id)``; patient_id is "" for ward-wide news."""

    changed = Signal(str, str)

    def __init__(self) -> None:
        # Owned by the application, so that Python's garbage collector (which may run
        # on a worker thread) never destroys a GUI-thread object.
        super().__init__(QCoreApplication.instance())


@dataclass
class AppContext:
    """The session a screen works in. ``vault`` is None while the window is locked."""

    vault: Vault | None
    vault_path: Path
    lang: str = "fr"
    forms: FormLibrary | None = None
    hub: ChangeHub = field(default_factory=ChangeHub)
    clock: Callable[[], datetime] = utcnow
    #: screen-wide settings (auto_lock_minutes, high_contrast...), read by the shell
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def changed(self) -> Any:
        """The bound ``changed(topic, patient_id)`` signal: ``ctx.changed.connect(slot)``."""
        return self.hub.changed

    def notify(self, topic: str, patient_id: str = "") -> None:
        """Tell every screen that something changed (call on the GUI thread)."""
        self.hub.changed.emit(topic, patient_id)

    def require_vault(self) -> Vault:
        """The unlocked vault (a locked window has no screen that could ask)."""
        if self.vault is None:
            raise RuntimeError("the session is locked")
        return self.vault

    @property
    def user_login(self) -> str:
        return self.vault.user.login if self.vault is not None else ""
