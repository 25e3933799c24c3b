"""The line under the banner that says whose forms are still in progress.

A draft belongs to the user who typed it (``services.drafts``): after another user
unlocks, the forms are not reopened; this bar says "1 saisie en cours par Inès
Infirmière (ide1), 02:14" and offers to discard them, never to open them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from care_degraded.services.drafts import DraftsOf


class DraftsNotice(QFrame):
    """Hidden unless another user left forms in progress; ``discard(login)`` asked."""

    discard_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftsNotice")
        self.setStyleSheet("#draftsNotice { background: #fff3cd; border-bottom: 1px solid "
                           "#b58900; } #draftsNotice QLabel { color: #1b1b1b; }")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 4, 10, 4)
        self.lines: list[tuple[QLabel, QPushButton]] = []
        self._owners: list[DraftsOf] = []
        self.setVisible(False)

    def set_owners(self, owners: list[DraftsOf]) -> None:
        self._owners = list(owners)
        for label, button in self.lines:
            label.deleteLater()
            button.deleteLater()
        self.lines = []
        for owner in self._owners:
            label = QLabel(self)
            label.setObjectName("draftsOwner")
            button = QPushButton(self)
            button.setObjectName("draftsDiscard")
            button.clicked.connect(self._discard_of(owner.login))
            self._layout.addWidget(label, 1)
            self._layout.addWidget(button)
            self.lines.append((label, button))
        self.retranslate()
        self.setVisible(bool(self._owners))

    def _discard_of(self, login: str) -> Callable[[], None]:
        return lambda: self.discard_requested.emit(login)

    def text_for(self, owner: DraftsOf) -> str:
        when = f"{owner.kept_at:%H:%M}" if owner.kept_at is not None else "?"
        template = self.tr("1 form in progress by %1 (%2), %3") if owner.count == 1 else \
            self.tr("%4 forms in progress by %1 (%2), %3")
        return template.replace("%1", owner.display_name).replace("%2", owner.login or "?") \
            .replace("%3", when).replace("%4", str(owner.count))

    def retranslate(self) -> None:
        for owner, (label, button) in zip(self._owners, self.lines, strict=True):
            label.setText(self.text_for(owner))
            button.setText(self.tr("Discard"))
