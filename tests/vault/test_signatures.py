"""Every revision is signed with the device key; a changed revision is caught."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

from care_degraded.vault import Vault
from care_degraded.vault.connection import connect
from tests.conftest import NURSE


def test_revisions_are_signed_and_verified(vault: Vault) -> None:
    with vault.transaction():
        rev = vault.revisions.append("note", "p-1", {"text": "pansement refait"})
    row = vault.conn.execute("SELECT signature FROM revisions WHERE uuid = ?",
                             (rev.uuid,)).fetchone()
    assert row[0] and len(base64.b64decode(row[0])) == 64  # an Ed25519 signature
    report = vault.revisions.verify_signatures(vault.signing_key().public_key())
    assert report.ok and report.checked == 1 and report.unsigned == 0


def test_tampered_payload_fails_audit_verify(vault_path: Path) -> None:
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        with v.transaction():
            rev = v.revisions.append("note", "p-1", {"text": "original"})
        dek = v._key()
    conn = connect(vault_path / "ward.db", dek)
    # The append-only triggers refuse updates; an attacker with the key drops them first.
    conn.execute("DROP TRIGGER revisions_no_update")
    conn.execute("UPDATE revisions SET payload = ? WHERE uuid = ?",
                 (json.dumps({"text": "forged"}), rev.uuid))
    conn.close()
    env = {**os.environ, "CARE_DEGRADED_PASSPHRASE": NURSE[2]}
    out = subprocess.run([sys.executable, "-m", "care_degraded", "audit", "verify", "--vault",
                          str(vault_path), "--as", NURSE[0], "--json"], capture_output=True,
                         text=True, env=env, check=False)
    assert out.returncode == 4, out.stderr
    data = json.loads(out.stdout)
    assert data["ok"] is False and data["signatures"]["bad"] == [rev.uuid]
