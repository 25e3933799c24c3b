"""The database key is used as a raw SQLCipher key (``x'<hex>'``), never as a passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from care_degraded.vault.connection import raw_key_pragma
from tests.conftest import MANAGER, NURSE
from tests.vault.util import dek_from_slot, raw_connect


def test_ward_db_opens_with_the_raw_key_from_the_keyslot(vault_path: Path) -> None:
    dek = dek_from_slot(vault_path, MANAGER[0], MANAGER[2])
    assert len(dek) == 32
    conn = raw_connect(vault_path, dek)
    try:
        logins = {r[0] for r in conn.execute("SELECT login FROM users")}
        assert logins == {MANAGER[0], NURSE[0]}
    finally:
        conn.close()


@pytest.mark.parametrize("as_passphrase", ["hex", "x-form-unquoted"])
def test_the_same_key_as_a_plain_passphrase_does_not_open(vault_path: Path,
                                                          as_passphrase: str) -> None:
    dek = dek_from_slot(vault_path, NURSE[0], NURSE[2])
    conn = sqlcipher3.connect(str(vault_path / "ward.db"))
    conn.execute("PRAGMA cipher_log_level = NONE")
    # A plain passphrase goes through PBKDF2: the derived key differs, so the file
    # only opens if the vault really uses the raw form.
    secret = dek.hex() if as_passphrase == "hex" else f"x{dek.hex()}"
    conn.execute(f"PRAGMA key = '{secret}'")
    with pytest.raises(sqlcipher3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_file_is_not_plain_sqlite(vault_path: Path) -> None:
    head = (vault_path / "ward.db").read_bytes()[:16]
    assert head != b"SQLite format 3\x00"


def test_raw_key_pragma_form() -> None:
    assert raw_key_pragma(bytes(range(32))) == (
        "PRAGMA key = \"x'" + bytes(range(32)).hex() + "'\"")
    with pytest.raises(ValueError):
        raw_key_pragma(b"short")
