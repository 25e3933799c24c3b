"""A stand-in chart screen with a form in progress (drafts across a lock).

Not a mock of the application: the real window, vault and board are used; only the
chart screen, written elsewhere, is replaced by this minimal one exposing the
documented ``draft_state`` / ``restore_draft`` contract.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget


class FakeChart(QWidget):
    def __init__(self, ctx, patient_id: str) -> None:
        super().__init__()
        self.setObjectName("fakeChart")
        self.patient_id = patient_id
        self.header = QLabel(f"chart of {patient_id}", self)
        self.note = QLineEdit(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.note)

    def draft_state(self) -> dict | None:
        return {"note": self.note.text()} if self.note.text() else None

    def restore_draft(self, state: dict) -> None:
        self.note.setText(state.get("note", ""))
