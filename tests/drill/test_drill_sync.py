"""A vault made by `drill start` syncs only with an exercise hub, its crisis log included."""

from __future__ import annotations

from pathlib import Path

import pytest

from care_degraded.domain.errors import DamagedData, Refused
from care_degraded.hub.ingest import ingest
from care_degraded.services import crisis_log
from care_degraded.services import sync as sync_service
from care_degraded.sync.outbox import make_bundle
from care_degraded.vault import Vault
from tests.conftest import RecoveryKey
from tests.drill.conftest import FakeClock
from tests.sync.kit import enrolment_file, make_hub, open_hub


def test_drill_vault_syncs_with_an_exercise_hub_only(drill_vault: tuple[Vault, FakeClock],
                                                     tmp_path: Path,
                                                     recovery_key: RecoveryKey) -> None:
    v, _ = drill_vault
    prod_hub = make_hub(tmp_path / "hub", recovery_key.recipient)
    drill_hub = make_hub(tmp_path / "drill-hub", recovery_key.recipient, exercise=True)
    prod_file = enrolment_file(prod_hub, tmp_path / "prod.json", ward=v.ward)
    with pytest.raises(Refused, match="production enrolment cannot be used on an exercise"):
        sync_service.enroll(v, prod_file)
    sync_service.enroll(v, enrolment_file(drill_hub, tmp_path / "drill.json", ward=v.ward))
    entry = crisis_log.add_entry(v, "decision", "Cellule de crise activée (exercice)")
    with v.transaction():
        data = make_bundle(v).data
    with open_hub(drill_hub) as store:
        result = ingest(store, data)
    assert result.status == "accepted"
    # sealed for the exercise hub: a production hub cannot even open it
    with open_hub(prod_hub) as store, pytest.raises(DamagedData, match="another hub"):
        ingest(store, data)
    assert entry.entry_id in {r.record_id for r in v.revisions.by_kind("crisis-entry")}
