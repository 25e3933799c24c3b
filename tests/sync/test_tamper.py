"""Every kind of tampering is refused with a clear reason, and writes nothing at the hub."""

from __future__ import annotations

import random
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from care_degraded.domain.errors import CareError, DamagedData, InvalidInput, Refused
from care_degraded.hub.ingest import ingest
from care_degraded.vault import Vault
from tests.conftest import NURSE, RecoveryKey
from tests.sync import forge
from tests.sync.kit import enroll, hub_rows, make_hub, open_hub, write_records


def _refused(hub_dir: Path, data: bytes, kind: type[CareError], match: str | None = None) -> str:
    before = hub_rows(hub_dir)
    with open_hub(hub_dir) as store, pytest.raises(kind, match=match) as caught:
        ingest(store, data)
    assert hub_rows(hub_dir) == before, "a refused bundle wrote something"
    reason = str(caught.value)
    assert reason and "\n" not in reason
    return reason


def _accept(hub_dir: Path, data: bytes) -> None:
    with open_hub(hub_dir) as store:
        assert ingest(store, data).status == "accepted"


def test_a_bit_flip_anywhere_is_refused(enrolled: Path, hub_dir: Path) -> None:
    data = forge.bundle_from(enrolled)
    rng = random.Random(12)
    before = hub_rows(hub_dir)
    refusals: set[type] = set()
    with open_hub(hub_dir) as store:
        for position in range(len(data)):  # every byte, one random bit of it
            flipped = bytearray(data)
            flipped[position] ^= 1 << rng.randrange(8)
            with pytest.raises((DamagedData, InvalidInput)) as caught:
                ingest(store, bytes(flipped))
            refusals.add(type(caught.value))
    assert hub_rows(hub_dir) == before
    assert DamagedData in refusals


def test_truncation_at_every_64k_chunk_boundary_is_refused(enrolled: Path,
                                                           hub_dir: Path) -> None:
    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v, v.transaction():
        for n in range(400):  # about 5 chunks of 64 KiB
            v.revisions.append("obs-test", None, {"n": n, "text": "x" * 700})
    data = forge.bundle_from(enrolled, records=0)
    header_end = data.index(b"\n---") + 1
    header_end = data.index(b"\n", header_end) + 1
    payload = header_end + 16  # the stream nonce
    boundaries = list(range(payload, len(data), 65536 + 16))
    assert len(boundaries) >= 4
    cuts = sorted({c + d for c in boundaries for d in (-1, 0, 1)} | {header_end, 10})
    with open_hub(hub_dir) as store:
        for cut in cuts:
            if cut >= len(data):
                continue
            with pytest.raises((DamagedData, InvalidInput)):
                ingest(store, data[:cut])
    assert hub_rows(hub_dir)["revisions"] == 0
    _accept(hub_dir, data)  # the whole file is fine


def test_a_bundle_for_another_hub_is_refused(enrolled: Path, hub_dir: Path, tmp_path: Path,
                                             recovery_key: RecoveryKey) -> None:
    other = make_hub(tmp_path / "other-hub", recovery_key.recipient)
    _, other_recipient = forge.hub_identity(other)
    # encrypted to the other hub: this one cannot even open it
    reason = _refused(hub_dir, forge.forged_content(enrolled, recipients=[other_recipient]),
                      DamagedData)
    assert "another hub" in reason
    # opened here, but its signed manifest names another hub
    with open_hub(other) as store:
        other_id = store.hub_id
    _refused(hub_dir, forge.forged_content(enrolled, hub_id=other_id), Refused,
             "another hub")


def test_an_unknown_device_is_refused(enrolled: Path, hub_dir: Path) -> None:
    data = forge.forged_content(enrolled, enrolment_id=str(uuid.uuid4()))
    _refused(hub_dir, data, Refused, "unknown device")


def test_a_revoked_device_is_refused(enrolled: Path, hub_dir: Path) -> None:
    _accept(hub_dir, forge.bundle_from(enrolled))
    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v:
        device = v.device.id
    with open_hub(hub_dir) as store:
        store.revoke(device)
        assert [d["revoked"] for d in store.devices() if d["device"] == device] == [True]
    _refused(hub_dir, forge.bundle_from(enrolled), Refused, "revoked")


def test_a_valid_bundle_re_signed_by_another_key_is_refused(enrolled: Path,
                                                            hub_dir: Path) -> None:
    _, recipient = forge.hub_identity(hub_dir)
    stranger = Ed25519PrivateKey.generate()
    first = forge.opened(forge.bundle_from(enrolled), hub_dir)
    # before the binding: the enrolment proof does not hold for another key
    _refused(hub_dir, forge.reseal(first, recipient, key=stranger), Refused, "enrolment proof")
    _accept(hub_dir, forge.reseal(first, recipient))
    second = forge.opened(forge.bundle_from(enrolled), hub_dir)
    _refused(hub_dir, forge.reseal(second, recipient, key=stranger), Refused, "another key")
    # the right key in the header, a signature by another: the signature fails
    bad_sig = stranger.sign(b"anything")
    _refused(hub_dir, forge.reseal(second, recipient, signature=bad_sig), DamagedData,
             "signature")


def test_a_second_machine_cannot_reuse_the_enrolment_file(enrolled: Path, hub_dir: Path,
                                                          tmp_path: Path,
                                                          recovery_key: RecoveryKey) -> None:
    from care_degraded.services import sync
    from tests.conftest import MANAGER
    from tests.sync.kit import new_ward

    _accept(hub_dir, forge.bundle_from(enrolled))
    with Vault.unlock(enrolled, MANAGER[0], MANAGER[2]) as v:
        from care_degraded.vault.sync_state import SyncState

        enrolment = SyncState(v.conn).enrolment()
    assert enrolment is not None
    file = tmp_path / "copied-enrolment.json"
    import json

    file.write_text(json.dumps(enrolment), encoding="utf-8")
    second = new_ward(tmp_path / "second-machine", recovery_key.recipient)
    with Vault.unlock(second, MANAGER[0], MANAGER[2]) as v:
        sync.enroll(v, file)
        write_records(v, 2)
    _refused(hub_dir, forge.bundle_from(second), Refused, "already bound")


def test_a_replayed_bundle_is_a_duplicate_with_no_rows(enrolled: Path, hub_dir: Path) -> None:
    data = forge.bundle_from(enrolled)
    _accept(hub_dir, data)
    before = hub_rows(hub_dir)
    with open_hub(hub_dir) as store:
        outcome = ingest(store, data)
    assert outcome.status == "duplicate" and outcome.accepted == 0
    assert hub_rows(hub_dir) == before


def test_reordered_bundles_are_accepted_and_the_gap_closes(enrolled: Path,
                                                          hub_dir: Path) -> None:
    first = forge.bundle_from(enrolled)
    second = forge.bundle_from(enrolled)
    third = forge.bundle_from(enrolled)
    with open_hub(hub_dir) as store:
        assert ingest(store, third).gaps == [1, 2]
        assert ingest(store, first).gaps == [2]
        done = ingest(store, second)
        assert done.gaps == [] and done.alerts == []
        status = store.status()
    assert status["devices"][0]["last_sequence"] == 3 and status["totals"]["gaps"] == 0
    assert status["devices"][0]["revisions"] == 9


def test_a_revision_altered_in_a_re_signed_manifest_fails_its_own_signature(
        enrolled: Path, hub_dir: Path) -> None:
    _, recipient = forge.hub_identity(hub_dir)
    sealed = forge.opened(forge.bundle_from(enrolled), hub_dir)
    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v:
        key = v.signing_key()  # the attacker even holds the device key
    data = forge.altered_revision(sealed, key, recipient)
    _refused(hub_dir, data, DamagedData, "fails its signature")


def test_a_revision_changed_without_re_signing_fails_its_hash(enrolled: Path,
                                                             hub_dir: Path) -> None:
    _, recipient = forge.hub_identity(hub_dir)
    sealed = forge.opened(forge.bundle_from(enrolled), hub_dir)
    body = sealed.body.replace(b'"n\\":0', b'"n\\":7', 1)
    assert body != sealed.body
    _refused(hub_dir, forge.reseal(sealed, recipient, body=body), DamagedData,
             "does not match")


def test_exercise_and_production_bundles_are_refused_by_the_other_kind_of_hub(
        enrolled: Path, hub_dir: Path, tmp_path: Path, recovery_key: RecoveryKey) -> None:
    _refused(hub_dir, forge.forged_content(enrolled, exercise=True), Refused,
             "exercise bundle refused by a production hub")
    drill_hub = make_hub(tmp_path / "drill-hub", recovery_key.recipient, exercise=True)
    drill_ward = tmp_path / "drill-ward"
    import shutil

    shutil.copytree(enrolled, drill_ward)
    from tests.conftest import MANAGER

    with Vault.unlock(drill_ward, MANAGER[0], MANAGER[2]) as v, v.transaction():
        v.set_meta("exercise", "1")
        v.conn.execute("DELETE FROM meta WHERE key = 'sync.enrolment'")
    enroll(drill_ward, drill_hub, tmp_path)
    _refused(drill_hub, forge.forged_content(drill_ward, exercise=False), Refused,
             "production bundle refused by an exercise hub")
    _accept(drill_hub, forge.bundle_from(drill_ward))


def test_an_exercise_enrolment_is_refused_on_a_production_vault(
        vault_path: Path, tmp_path: Path, recovery_key: RecoveryKey) -> None:
    from care_degraded.services import sync
    from tests.conftest import MANAGER
    from tests.sync.kit import enrolment_file

    drill_hub = make_hub(tmp_path / "drill-hub", recovery_key.recipient, exercise=True)
    file = enrolment_file(drill_hub, tmp_path / "e.json")
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v, \
            pytest.raises(Refused, match="production vault"):
        sync.enroll(v, file)


def test_an_oversized_bundle_is_refused_before_decryption(enrolled: Path,
                                                          hub_dir: Path) -> None:
    data = forge.bundle_from(enrolled)
    with open_hub(hub_dir) as store, pytest.raises(InvalidInput, match="larger"):
        ingest(store, data, max_bytes=len(data) - 1)
