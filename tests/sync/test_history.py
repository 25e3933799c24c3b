"""The hub tells when a ward's history changed after a checkpoint it holds."""

from __future__ import annotations

import shutil
from pathlib import Path

from care_degraded.hub.ingest import ingest
from care_degraded.services import hub as hub_service
from care_degraded.services.vaults import restore
from care_degraded.sync import outbox
from care_degraded.vault import Vault
from tests.conftest import MANAGER, NURSE
from tests.sync import forge
from tests.sync.kit import enroll, open_hub, write_records


def test_a_vault_rolled_back_to_a_copy_is_reported(enrolled: Path, hub_dir: Path,
                                                   tmp_path: Path) -> None:
    copy = tmp_path / "copied-vault"
    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v:
        write_records(v, 2)
    shutil.copytree(enrolled, copy)  # a raw file copy keeps the device id and key
    first = forge.bundle_from(enrolled)
    with open_hub(hub_dir) as store:
        assert ingest(store, first).alerts == []
    rolled = forge.bundle_from(copy, records=1)  # same device, same sequence, other content
    with open_hub(hub_dir) as store:
        outcome = ingest(store, rolled)
        assert any("already received" in a for a in outcome.alerts)
        status = store.status()
    assert status["devices"][0]["alerts"] >= 1


def test_an_audit_head_that_goes_backwards_is_reported(enrolled: Path, hub_dir: Path) -> None:
    later = forge.forged_content(enrolled, sequence=2,
                                 checkpoint={"audit_head": "50:" + "a" * 64,
                                             "revision_count": 10})
    earlier_but_bigger = forge.forged_content(enrolled, sequence=3,
                                              checkpoint={"audit_head": "40:" + "b" * 64,
                                                          "revision_count": 12})
    with open_hub(hub_dir) as store:
        assert ingest(store, later).alerts == []
        outcome = ingest(store, earlier_but_bigger)
    assert any("went backwards" in a for a in outcome.alerts)


def test_a_restored_vault_is_a_new_device_that_enrols_again(
        enrolled: Path, hub_dir: Path, tmp_path: Path) -> None:
    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v:
        old_device = v.device.id
        written = write_records(v, 3)
    with Vault.unlock(enrolled, MANAGER[0], MANAGER[2]) as v:
        v.backup(tmp_path / "bk")
    restore(tmp_path / "bk", tmp_path / "restored")
    with Vault.unlock(tmp_path / "restored", MANAGER[0], MANAGER[2]) as v:
        assert v.device.id != old_device
        assert outbox.enrolment_of(v) is None  # must enrol again
        assert v.revisions.get(written[0]).device == old_device  # history keeps its device
        report = v.revisions.verify_signatures(v.device_public_keys())
        assert report.ok and report.unsigned == 0
    enroll(tmp_path / "restored", hub_dir, tmp_path)
    data = forge.bundle_from(tmp_path / "restored", records=1)
    with open_hub(hub_dir) as store:
        outcome = ingest(store, data)
        assert outcome.accepted >= 4  # the old device's revisions verified with its key
        devices = {d["device"]: d for d in store.devices()}
    assert devices[old_device]["vouched_by"] is not None


def test_ingest_files_lists_refusals_and_writes_receipts(enrolled: Path, hub_dir: Path,
                                                        tmp_path: Path) -> None:
    good = tmp_path / "good.cdb.age"
    good.write_bytes(forge.bundle_from(enrolled))
    bad = tmp_path / "bad.cdb.age"
    bad.write_bytes(good.read_bytes()[:-10])
    receipts = tmp_path / "receipts"
    receipts.mkdir()
    with open_hub(hub_dir) as store:
        summary = hub_service.ingest_files(store, [good, bad], receipts)
    assert summary["bundles"] == 2 and summary["accepted"] == 3
    assert summary["refused"][0]["file"] == str(bad) and summary["exit_code"] == 4
    assert [p.name for p in receipts.iterdir()] == ["good.receipt.json"]
