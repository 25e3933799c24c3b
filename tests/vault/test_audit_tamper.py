"""The hash-chained audit log: any edit, removal, insertion or reordering is named."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlcipher3

from care_degraded.vault import Vault
from care_degraded.vault.audit import AuditLog, row_hash
from tests.conftest import MANAGER, NURSE
from tests.vault.conftest import Cli
from tests.vault.util import dek_from_slot, raw_connect

Tamper = Callable[[sqlcipher3.Connection], int]  # returns the seq that must be named


def _fill(vault_path: Path) -> None:
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v, v.transaction():
        for i in range(6):
            v.revisions.append("note", "P1", {"text": f"note {i}"})


def _row(conn: sqlcipher3.Connection, seq: int) -> tuple[object, ...]:
    return tuple(conn.execute(
        "SELECT seq, at, actor, device, action, object, prev_hash, hash FROM audit"
        " WHERE seq = ?", (seq,)).fetchone())


def _shift_up(conn: sqlcipher3.Connection, after: int) -> None:
    # seq is the rowid: move through negatives so that no two rows collide
    conn.execute("UPDATE audit SET seq = -(seq + 1) WHERE seq > ?", (after,))
    conn.execute("UPDATE audit SET seq = -seq WHERE seq < 0")


def edit(conn: sqlcipher3.Connection) -> int:
    conn.execute("UPDATE audit SET actor = 'quelqu-un' WHERE seq = 4")
    return 4


def edit_time(conn: sqlcipher3.Connection) -> int:
    conn.execute("UPDATE audit SET at = '2020-01-01T00:00:00Z' WHERE seq = 6")
    return 6


def delete(conn: sqlcipher3.Connection) -> int:
    conn.execute("DELETE FROM audit WHERE seq = 3")
    return 3


def delete_first(conn: sqlcipher3.Connection) -> int:
    conn.execute("DELETE FROM audit WHERE seq = 1")
    return 1


def delete_last(conn: sqlcipher3.Connection) -> int:
    last = conn.execute("SELECT max(seq) FROM audit").fetchone()[0]
    conn.execute("DELETE FROM audit WHERE seq = ?", (last,))
    return int(last)


def insert_forged(conn: sqlcipher3.Connection) -> int:
    _shift_up(conn, 4)
    prev = _row(conn, 4)
    conn.execute("INSERT INTO audit VALUES (5, ?, 'x', ?, 'login.success', 'x', ?, ?)",
                 (prev[1], prev[3], prev[7], "f" * 64))
    return 5


def insert_well_hashed(conn: sqlcipher3.Connection) -> int:
    """A row whose own hash is right: the row after it still names its true predecessor."""
    _shift_up(conn, 4)
    prev = _row(conn, 4)
    at, device, prev_hash = str(prev[1]), str(prev[3]), str(prev[7])
    digest = row_hash(prev_hash, 5, at, "x", device, "login.success", "x")
    conn.execute("INSERT INTO audit VALUES (5, ?, 'x', ?, 'login.success', 'x', ?, ?)",
                 (at, device, prev_hash, digest))
    return 5


def insert_at_end(conn: sqlcipher3.Connection) -> int:
    last = _row(conn, int(conn.execute("SELECT max(seq) FROM audit").fetchone()[0]))
    seq = int(str(last[0])) + 1
    digest = row_hash(str(last[7]), seq, str(last[1]), "x", str(last[3]), "export", "x")
    conn.execute("INSERT INTO audit VALUES (?, ?, 'x', ?, 'export', 'x', ?, ?)",
                 (seq, last[1], last[3], last[7], digest))
    return seq  # the head kept in meta still names the previous row


def swap_rows(conn: sqlcipher3.Connection) -> int:
    a, b = _row(conn, 5), _row(conn, 6)
    conn.execute("DELETE FROM audit WHERE seq IN (5, 6)")
    conn.execute("INSERT INTO audit VALUES (5, ?, ?, ?, ?, ?, ?, ?)", b[1:])
    conn.execute("INSERT INTO audit VALUES (6, ?, ?, ?, ?, ?, ?, ?)", a[1:])
    return 5


def swap_rows_with_their_seq(conn: sqlcipher3.Connection) -> int:
    """Reordered rows keep their own numbers: the order itself gives them away."""
    a, b = _row(conn, 5), _row(conn, 6)
    conn.execute("DELETE FROM audit WHERE seq IN (5, 6)")
    conn.execute("INSERT INTO audit VALUES (5, ?, ?, ?, ?, ?, ?, ?)", a[1:])
    conn.execute("INSERT INTO audit VALUES (6, ?, ?, ?, ?, ?, ?, ?)", b[1:])
    conn.execute("UPDATE audit SET seq = -1 WHERE seq = 5")
    conn.execute("UPDATE audit SET seq = 5 WHERE seq = 6")
    conn.execute("UPDATE audit SET seq = 6 WHERE seq = -1")
    return 5


TAMPERS: dict[str, Tamper] = {f.__name__: f for f in (
    edit, edit_time, delete, delete_first, delete_last, insert_forged, insert_well_hashed,
    insert_at_end, swap_rows, swap_rows_with_their_seq)}


def test_intact_log_verifies(vault_path: Path, cli: Cli) -> None:
    _fill(vault_path)
    res = cli("audit", "verify", "--vault", str(vault_path), "--as", MANAGER[0], "--json",
              passphrase=MANAGER[2])
    assert res.code == 0, res.err
    report = json.loads(res.out)
    assert report["ok"] is True and report["first_bad_seq"] is None
    assert report["rows"] >= 10
    res = cli("audit", "verify", "--vault", str(vault_path), "--as", MANAGER[0],
              passphrase=MANAGER[2])
    assert res.code == 0 and "intact" in res.out


@pytest.mark.parametrize("tamper", sorted(TAMPERS))
def test_tampering_is_named(vault_path: Path, cli: Cli, tamper: str) -> None:
    _fill(vault_path)
    conn = raw_connect(vault_path, dek_from_slot(vault_path, MANAGER[0], MANAGER[2]))
    expected = TAMPERS[tamper](conn)
    conn.close()
    res = cli("audit", "verify", "--vault", str(vault_path), "--as", MANAGER[0], "--json",
              passphrase=MANAGER[2])
    assert res.code == 4, (res.out, res.err)
    report = json.loads(res.out)
    assert report["ok"] is False
    assert report["first_bad_seq"] == expected, report
    # without --json: one line on stderr naming the row
    res = cli("audit", "verify", "--vault", str(vault_path), "--as", MANAGER[0],
              passphrase=MANAGER[2])
    assert res.code == 4
    assert f"row {expected}" in res.err and len(res.err.strip().splitlines()) == 1


@pytest.mark.parametrize("tamper", sorted(TAMPERS))
def test_tampering_is_named_without_a_new_login_row(vault_path: Path, tamper: str) -> None:
    """The same, read straight after the edit (no unlock row appended on top)."""
    _fill(vault_path)
    conn = raw_connect(vault_path, dek_from_slot(vault_path, MANAGER[0], MANAGER[2]))
    try:
        expected = TAMPERS[tamper](conn)
        report = AuditLog(conn, lambda: "t", "d").verify()
    finally:
        conn.close()
    assert not report.ok
    assert report.first_bad == expected, report
