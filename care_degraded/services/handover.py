"""The ward handover: every present patient with their latest handover (SBAR or DAR).

"Latest handover" is the query layer's one rule (vault.records): the board, the
handover screen and the printed sheets all show the same one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from care_degraded.domain.patient import Patient
from care_degraded.domain.record import Record
from care_degraded.services import patients as patient_service
from care_degraded.services import records
from care_degraded.vault import Vault


@dataclass(frozen=True)
class HandoverRow:
    patient: Patient
    latest: Record | None  # the newest valid SBAR or targeted-notes record

    @property
    def kind(self) -> str | None:
        """"sbar" | "dar" (focus notes), None when there is no handover."""
        return self.latest.handover_kind if self.latest is not None else None

    @property
    def effective_at(self) -> dt.datetime | None:
        return self.latest.effective_at if self.latest is not None else None

    def summary(self) -> str:
        """One line: the SBAR situation, or the targets of the focus notes."""
        return self.latest.handover_summary() if self.latest is not None else ""


def ward_handover(vault: Vault) -> tuple[list[HandoverRow], dict[str, str]]:
    """Rows in bed order and author names (login -> display name)."""
    ward = patient_service.ward_patients(vault)
    latest = records.latest_handovers(vault, [p.id for p in ward])
    rows = [HandoverRow(p, latest.get(p.id)) for p in ward]
    authors = {u.login: u.display_name for u in vault.users.list()}
    return rows, authors
