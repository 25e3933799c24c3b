"""Ward -> USB folder -> hub -> receipt -> ward: nothing acknowledged without the hub's word."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from care_degraded.hub.ingest import ingest
from care_degraded.services import hub as hub_service
from care_degraded.services import sync
from care_degraded.sync.bundle import decrypt, load_public_key, open_body, split, verify_manifest
from care_degraded.vault import Vault
from care_degraded.vault.sync_state import SyncState
from tests.conftest import MANAGER, NURSE
from tests.sync.kit import admit, hub_revision_count, open_hub, pending, write_records


def test_usb_round_trip_empties_the_outbox(enrolled: Path, hub_dir: Path, tmp_path: Path) -> None:
    usb, receipts = tmp_path / "usb", tmp_path / "receipts"
    usb.mkdir()
    receipts.mkdir()
    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v:
        written = write_records(v, 25)
        patient = admit(v, "Provisoire-Test")
        before = sync.status(v)
        assert before["enrolled"] and before["pending"] == 26  # 25 records + the admission
        out = sync.export(v, usb)
        assert out["revisions"] == 26 and out["sequence"] == 1
        # exported is not acknowledged: still pending until the receipt comes back
        assert sync.status(v)["pending"] == 26
    files = sorted(usb.iterdir())
    assert [f.name for f in files] == [Path(out["file"]).name]
    assert files[0].name.endswith("-000001.cdb.age")
    with open_hub(hub_dir) as store:
        summary = hub_service.ingest_files(store, files, receipts)
        assert summary["accepted"] == 26 and summary["refused"] == []
        held = {r[0] for r in store.conn.execute("SELECT uuid FROM received_revisions")}
        assert set(written) <= held
        provisional = store.conn.execute("SELECT body FROM patients WHERE id = ?",
                                         (patient,)).fetchone()
        assert provisional is not None and json.loads(provisional[0])["origin"] == "ward"
    receipt_files = sorted(receipts.iterdir())
    assert len(receipt_files) == 1
    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v:
        applied = sync.apply_receipts(v, receipt_files)
        assert applied[0]["acknowledged"] == 26
        info = sync.status(v)
        assert info["pending"] == 0 and info["last_receipt_at"] is not None
        assert info["last_sequence"] == 1 and info["last_acknowledged_sequence"] == 1
        # applying the same receipt twice changes nothing
        assert sync.apply_receipts(v, receipt_files)[0]["acknowledged"] == 0
        # next export is incremental: only what was written since
        write_records(v, 3)
        second = sync.export(v, usb)
        assert second["revisions"] == 3 and second["sequence"] == 2
        full = sync.export(v, usb, full=True)
        assert full["revisions"] == 29 and full["sequence"] == 3
    with open_hub(hub_dir) as store:
        summary = hub_service.ingest_files(store, sorted(usb.iterdir()), receipts)
        # the first file again is a duplicate; the full bundle brings nothing new
        assert summary["duplicates"] == 1 and summary["accepted"] == 3
        assert summary["held"] == 29 and summary["conflicts"] == 0 and summary["gaps"] == []
    assert hub_revision_count(hub_dir) == 29
    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v:
        sync.apply_receipts(v, sorted(receipts.iterdir()))
        assert sync.status(v)["pending"] == 0


def test_census_patients_travel_by_ipp_and_ins_only(enrolled: Path, hub_dir: Path) -> None:
    from care_degraded.services.census import populate_demo
    from care_degraded.services.patients import ward_patients

    with Vault.unlock(enrolled, MANAGER[0], MANAGER[2]) as v:
        populate_demo(v, patients=3, beds=4, seed=5)
        census = next(p for p in ward_patients(v) if p.identity.ipp)
        with v.transaction():
            v.revisions.append("obs-test", census.id, {"t": 37.1})
        with v.transaction():
            data = sync_service_bundle(v)
    with open_hub(hub_dir) as store:
        ingest(store, data)
        body = json.loads(store.conn.execute(
            "SELECT body FROM patients WHERE id = ?", (census.id,)).fetchone()[0])
    assert body["ipp"] == census.identity.ipp and body["origin"] == "census"
    assert set(body) == {"id", "origin", "ipp", "ins", "ins_system"}


def sync_service_bundle(v: Vault) -> bytes:
    from care_degraded.sync.outbox import make_bundle

    return make_bundle(v).data


def test_age_cli_opens_a_bundle_and_its_manifest_verifies(enrolled: Path, tmp_path: Path,
                                                          it_key: Path) -> None:
    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v:
        write_records(v, 4)
        out = sync.export(v, tmp_path)
        public = v.signing_key().public_key()
    opened = subprocess.run(["age", "-d", "-i", str(it_key), out["file"]],
                            capture_output=True, check=True).stdout
    sealed = split(opened)
    manifest = verify_manifest(sealed, load_public_key(sealed.public_key))
    assert load_public_key(sealed.public_key).public_bytes_raw() == public.public_bytes_raw()
    body = open_body(sealed, manifest, lambda device: public)
    assert len(body.revisions) == 4 and manifest["sequence"] == 1
    assert manifest["checkpoint"]["revision_count"] >= 4
    assert manifest["checkpoint"]["audit_head"].count(":") == 1


def test_the_it_key_alone_opens_it_in_python_too(enrolled: Path, recovery_key) -> None:
    import pyrage

    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v, v.transaction():
        data = sync_service_bundle(v)
    inner = decrypt(data, [pyrage.x25519.Identity.from_str(recovery_key.identity)])
    assert inner.startswith(b"care-degraded-bundle/1\n")


def test_not_enrolled_is_refused_with_a_clear_reason(vault_path: Path, tmp_path: Path) -> None:
    import pytest

    from care_degraded.domain.errors import Refused

    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        assert sync.status(v)["enrolled"] is False
        with pytest.raises(Refused, match="not enrolled"):
            sync.export(v, tmp_path)
    assert list(tmp_path.glob("*.cdb.age")) == []
    assert pending(vault_path) == SyncStateCount(vault_path)


def SyncStateCount(vault_path: Path) -> int:  # noqa: N802 - reads like the count it is
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        return SyncState(v.conn).revision_count()
