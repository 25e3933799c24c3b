"""The EXERCICE mark on every window of a drill vault.

``ExerciseMarker`` is an application event filter: while active, every main window and
dialog shown gets a diagonal watermark (``ExerciseOverlay``, drawn over its content and
transparent to the mouse and keyboard) and a window title starting "EXERCICE —"
("EXERCISE —" in English). The main window turns it on when its vault folder holds a
drill vault (readable before unlocking), so the unlock screen carries it too.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget


def mark_text() -> str:
    return QApplication.translate("Exercise", "EXERCISE")


def title_prefix() -> str:
    return QApplication.translate("Exercise", "EXERCISE — ")


class ExerciseOverlay(QWidget):
    """A diagonal "EXERCICE" across its parent, over everything, never in the way."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("exerciseOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parent() and event.type() in (QEvent.Type.Resize,
                                                         QEvent.Type.ChildAdded):
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
            self.raise_()
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        painter.translate(w / 2, h / 2)
        painter.rotate(-math.degrees(math.atan2(h, w)))
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(24, int(min(w, h) * 0.2)))
        painter.setFont(font)
        painter.setPen(QColor(176, 0, 32, 38))
        text = mark_text()
        width = painter.fontMetrics().horizontalAdvance(text)
        painter.drawText(int(-width / 2), int(font.pixelSize() * 0.35), text)
        painter.end()


class ExerciseMarker(QObject):
    """Marks ``owner`` and every dialog opened from it while ``active`` (see the module's
    docstring); windows of another main window are left alone."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner)
        self.owner = owner
        self.active = False
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_active(self, on: bool) -> None:
        self.active = on
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and self.owns(widget):
                self.mark(widget)

    def owns(self, obj: QObject) -> bool:
        """``obj`` is the owner or a dialog opened from it (any widget of it)."""
        if obj is self.owner:
            return True
        if not isinstance(obj, QDialog):
            return False
        widget = obj.parentWidget()
        while widget is not None:
            if widget is self.owner:
                return True
            widget = widget.parentWidget()
        return False

    def mark(self, window: QWidget) -> None:
        """The watermark and the title prefix on ``window`` (or neither when inactive)."""
        overlay = window.findChild(ExerciseOverlay, "exerciseOverlay",
                                   Qt.FindChildOption.FindDirectChildrenOnly)
        if self.active and overlay is None:
            ExerciseOverlay(window)
        elif not self.active and overlay is not None:
            overlay.deleteLater()
        self.fix_title(window)

    def fix_title(self, window: QWidget) -> None:
        title = window.windowTitle()
        prefix = title_prefix()
        bare = title
        for p in (prefix, "EXERCICE — ", "EXERCISE — "):
            if bare.startswith(p):
                bare = bare[len(p):]
        wanted = prefix + bare if self.active else bare
        if wanted != title:
            window.setWindowTitle(wanted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if self.active and kind in (QEvent.Type.Show, QEvent.Type.WindowTitleChange) \
                and isinstance(watched, QDialog | QMainWindow) and self.owns(watched):
            if kind == QEvent.Type.Show:
                self.mark(watched)
            else:
                self.fix_title(watched)
        return False
