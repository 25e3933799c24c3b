"""InjectsDialog: every inject of the drill fired so far, with its scenario time."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from care_degraded.services.drill import DrillBanner


class InjectsDialog(QDialog):
    """Public children: heading, injects (list), buttons."""

    def __init__(self, drill: DrillBanner, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("injectsDialog")
        self.setWindowTitle(self.tr("Drill injects"))
        layout = QVBoxLayout(self)
        self.heading = QLabel(self.tr("%1 — injects so far (%2 of %3)").replace(
            "%1", drill.title(lang)).replace("%2", str(len(drill.fired))).replace(
            "%3", str(drill.total)))
        self.heading.setObjectName("injectsHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        layout.addWidget(self.heading)
        self.injects = QListWidget()
        self.injects.setObjectName("injectsList")
        self.injects.setWordWrap(True)
        audience = {"ward": self.tr("ward"), "manager": self.tr("manager"),
                    "crisis-cell": self.tr("crisis cell")}
        for inject in drill.fired:
            who = ", ".join(audience.get(a, a) for a in inject.audience)
            self.injects.addItem(f"{inject.scenario_time}  {inject.text(lang)}  ({who})")
        if not drill.fired:
            self.injects.addItem(self.tr("No inject yet"))
        layout.addWidget(self.injects, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(720, 420)
