"""Auto-lock after inactivity.

An event filter on the application restarts one single-shot ``QTimer`` at every
key press, click, wheel or mouse move anywhere in the program. When it fires,
``timed_out`` is emitted and the main window locks (see ``MainWindow.lock_now``):
patient widgets are destroyed, forms in progress go into the vault
(``services.drafts``), and the vault is closed.

Tests never wait five minutes: they call ``timer.timeout.emit()`` or ``lock_now()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

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


class LockKey(QObject):
    """Ctrl+L from any window or dialog of the application, modal ones included.

    A QAction shortcut only fires in its own window (and a modal form dialog blocks
    the main window's), so the key is watched application-wide; ``pressed`` is
    emitted and the key event consumed."""

    pressed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
                event, QKeyEvent) and event.key() == Qt.Key.Key_L and event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier) and not event.modifiers() & (
                Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier):
            if kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
                self.pressed.emit()
            event.accept()
            return True
        return False
