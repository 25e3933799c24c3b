"""Crisis log entries travel to the hub like every revision: entry, amendment, void."""

from __future__ import annotations

from pathlib import Path

from care_degraded.services import crisis_log, sync
from care_degraded.services import hub as hub_service
from care_degraded.vault import Vault
from tests.conftest import MANAGER, NURSE
from tests.sync.kit import admit, open_hub


def test_crisis_log_entries_sync_with_their_revisions(enrolled: Path, hub_dir: Path,
                                                      tmp_path: Path) -> None:
    usb, receipts = tmp_path / "usb", tmp_path / "receipts"
    usb.mkdir()
    receipts.mkdir()
    with Vault.unlock(enrolled, MANAGER[0], MANAGER[2]) as v:
        decision = crisis_log.add_entry(v, "decision", "Passage en mode dégradé à 02:10")
        crisis_log.amend_entry(v, decision.uuid, "Passage en mode dégradé à 02:15")
    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v:
        patient = admit(v, "Chute-Test")
        fall = crisis_log.add_entry(v, "patient", "Chute au lever", patient=patient)
        wrong = crisis_log.add_entry(v, "incident", "Panne du poste 3")
        crisis_log.void_entry(v, wrong.uuid, "mauvais poste")
        uuids = {r.uuid for e in crisis_log.entries(v)
                 for r in crisis_log.entry_history(v, e.entry_id)}
        assert len(uuids) == 5
        assert sync.status(v)["pending"] == 6  # the five revisions and the admission
        sync.export(v, usb)
    with open_hub(hub_dir) as store:
        summary = hub_service.ingest_files(store, sorted(usb.iterdir()), receipts)
        assert summary["accepted"] == 6 and summary["refused"] == []
        rows = {str(u): (str(k), p, str(a)) for u, k, p, a in store.conn.execute(
            "SELECT uuid, kind, patient_ref, author FROM received_revisions")}
    assert uuids <= set(rows)
    assert {rows[u][0] for u in uuids} == {"crisis-entry"}
    assert rows[fall.uuid][1] == patient and rows[fall.uuid][2] == NURSE[0]
    assert rows[decision.uuid][2] == MANAGER[0]
    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v:
        assert sync.apply_receipts(v, sorted(receipts.iterdir()))[0]["acknowledged"] == 6
        assert sync.status(v)["pending"] == 0
