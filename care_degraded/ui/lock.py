"""Auto-lock after inactivity.

An event filter on the application restarts one single-shot ``QTimer`` at every
key press, click, wheel or mouse move anywhere in the program. When it fires,
``timed_out`` is emitted and the main window locks (see ``MainWindow.lock_now``):
patient widgets are destroyed, forms in progress go into the vault
(``services.drafts``), and the vault is closed.

Tests never wait five minutes: they call ``timer.timeout.emit()`` or ``lock_now()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

from care_degraded.services.settings import DEFAULT_LOCK_MINUTES as DEFAULT_MINUTES
from care_degraded.services.settings import MAX_LOCK_MINUTES as MAX_MINUTES
from care_degraded.services.settings import MIN_LOCK_MINUTES as MIN_MINUTES
from care_degraded.services.settings import clamp_minutes

__all__ = ["DEFAULT_MINUTES", "MAX_MINUTES", "MIN_MINUTES", "InactivityLock", "clamp_minutes"]

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel, QEvent.Type.MouseMove, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
}


class InactivityLock(QObject):
    """Emits ``timed_out`` after ``minutes`` without user input while armed."""

    timed_out = Signal()

    def __init__(self, parent: QObject | None = None, minutes: int = DEFAULT_MINUTES) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setObjectName("autoLockTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._fire)
        self.set_minutes(minutes)
        self._armed = False
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def minutes(self) -> int:
        return self.timer.interval() // 60000

    @property
    def armed(self) -> bool:
        return self._armed

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(clamp_minutes(minutes) * 60_000)
        if self._armed_safe():
            self.timer.start()

    def arm(self) -> None:
        """Start counting (after an unlock)."""
        self._armed = True
        self.timer.start()

    def disarm(self) -> None:
        """Stop counting (while the unlock screen shows: nothing to protect)."""
        self._armed = False
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() in _ACTIVITY:
            self.timer.start()  # restart: the interval counts from the last activity
        return False

    def _fire(self) -> None:
        if self._armed:
            self._armed = False
            self.timed_out.emit()

    def _armed_safe(self) -> bool:
        return bool(getattr(self, "_armed", False))
