"""Rewritten history is caught on read, in audit verify, and against the printed head."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from care_degraded.domain.errors import DamagedData
from care_degraded.services import integrity, printing
from care_degraded.vault import Vault
from care_degraded.vault.connection import connect
from tests.conftest import MANAGER, NURSE
from tests.printing.helpers import pages_text, squash
from tests.vault.conftest import Cli
from tests.vault.util import dek_from_slot


def _write(vault_path: Path) -> tuple[str, bytes]:
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        with v.transaction():
            rev = v.revisions.append("note", "p-1", {"text": "morphine 1 mg"})
        return rev.uuid, v._key()


def _tamper(vault_path: Path, dek: bytes, sql: str, params: tuple[object, ...]) -> None:
    conn = connect(vault_path / "ward.db", dek)
    conn.execute("DROP TRIGGER IF EXISTS revisions_no_update")
    conn.execute(sql, params)
    conn.close()


def test_a_tampered_revision_is_refused_on_read(vault_path: Path, tmp_path: Path,
                                                cli: Cli) -> None:
    v = ["--vault", str(vault_path), "--as", NURSE[0]]
    done = cli("patient", "admit", *v, "--surname", "Zéphyrin-Test", "--given", "Éloïse",
               "--birth-date", "1937-05-06", "--sex", "female", "--bed", "7", "--json",
               passphrase=NURSE[2])
    assert done.code == 0, done.err
    listed = json.loads(cli("patient", "list", *v, "--json", passphrase=NURSE[2]).out)
    patient = (listed if isinstance(listed, list) else listed["patients"])[0]["id"]
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"hr": 88, "effective": "2026-11-29T04:00:00Z"}), "utf-8")
    done = cli("record", "add", *v, "--patient", patient, "--form", "vital-signs",
               "--answers", str(answers), "--json", passphrase=NURSE[2])
    assert done.code == 0, done.err
    uuid = json.loads(done.out)["uuid"]
    assert cli("record", "show", *v, "--record", uuid, passphrase=NURSE[2]).code == 0
    dek = dek_from_slot(vault_path, NURSE[0], NURSE[2])
    _tamper(vault_path, dek, "UPDATE revisions SET payload = replace(payload, '88', '188')"
            " WHERE uuid = ?", (uuid,))
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as vault, pytest.raises(DamagedData):
        vault.revisions.get(uuid)
    done = cli("record", "show", *v, "--record", uuid, passphrase=NURSE[2])
    assert done.code == 4, done.err
    assert "188" not in done.out and "tampered" in done.err


def test_a_removed_signature_after_schema_3_is_tampering(vault_path: Path) -> None:
    uuid, dek = _write(vault_path)
    _tamper(vault_path, dek, "UPDATE revisions SET signature = NULL WHERE uuid = ?", (uuid,))
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        report = integrity.verify(v)
        assert not report.ok and report.signatures.bad == (uuid,)
        assert report.signatures.unsigned == 0
        with pytest.raises(DamagedData):
            v.revisions.get(uuid)


def test_deleting_the_head_row_is_caught(vault_path: Path) -> None:
    _uuid, dek = _write(vault_path)
    _tamper(vault_path, dek, "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)", ())
    _tamper(vault_path, dek, "DELETE FROM meta WHERE key = ?", ("audit_head",))
    # the next append would seal the cut over: the unlock refuses instead
    with pytest.raises(DamagedData, match="head"):
        Vault.unlock(vault_path, MANAGER[0], MANAGER[2])


def test_every_printed_page_carries_the_audit_head(manager_vault: Vault,
                                                   tmp_path: Path) -> None:
    code = manager_vault.audit.head_code()
    printing.print_census(manager_vault, tmp_path / "c.pdf")
    pages = pages_text((tmp_path / "c.pdf").read_bytes())
    assert pages and all(squash(f"journal {code}") in squash(p) for p in pages)
