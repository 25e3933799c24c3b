"""Keyslots: wrong passphrase versus damage, nothing written, KDF floor, rewrap, throttle."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from care_degraded.domain.errors import (
    DamagedData,
    InvalidInput,
    Refused,
    Throttled,
    UnknownUser,
    WrongPassphrase,
)
from care_degraded.domain.user import Role
from care_degraded.vault import Vault
from care_degraded.vault.keyslots import KeyslotFile
from care_degraded.vault.throttle import ATTEMPTS_FILE, FREE_ATTEMPTS, MAX_DELAY
from tests.conftest import MANAGER, NURSE
from tests.vault.util import digests, raw_connect

PROTECTED = ("ward.db", "ward.db-wal", "ward.db-shm", "keyslots.json")


# -- wrong passphrase / unknown user: exit 3, nothing but the counter written -------------
def test_wrong_passphrase_is_exit_3_and_writes_only_the_counter(vault_path: Path) -> None:
    before = digests(vault_path, PROTECTED)
    with pytest.raises(WrongPassphrase) as err:
        Vault.unlock(vault_path, NURSE[0], "pas la bonne phrase")
    assert err.value.exit_code == 3
    assert type(err.value) is WrongPassphrase
    assert digests(vault_path, PROTECTED) == before
    book = json.loads((vault_path / ATTEMPTS_FILE).read_text())
    assert sum(e["failures"] for e in book["slots"].values()) == 1


def test_unknown_user_is_exit_3_and_writes_nothing(vault_path: Path) -> None:
    # counted like a wrong passphrase (attempts.json), so as not to reveal who exists
    before = digests(vault_path, PROTECTED)
    with pytest.raises(UnknownUser) as err:
        Vault.unlock(vault_path, "personne", NURSE[2])
    assert err.value.exit_code == 3
    assert digests(vault_path, PROTECTED) == before


def test_failures_reach_the_audit_log_at_next_unlock(vault_path: Path) -> None:
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_path, NURSE[0], "pas la bonne phrase")
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        actions = [e.action for e in v.audit.entries()]
    assert actions[-2:] == ["login.failure", "login.success"]


# -- damage: exit 4, nothing written ---------------------------------------------------------
def _flip(offset: int) -> Callable[[Path], None]:
    def mutate(vault: Path) -> None:
        path = vault / "ward.db"
        data = bytearray(path.read_bytes())
        data[offset] ^= 0x5A
        path.write_bytes(bytes(data))
    return mutate


def _truncate_db(fraction: float = 0.0, size: int | None = None) -> Callable[[Path], None]:
    def mutate(vault: Path) -> None:
        path = vault / "ward.db"
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction) if size is None else size])
    return mutate


def _grow(vault_path: Path) -> None:
    """Enough pages that damage can sit far from the pages an unlock reads first."""
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v, v.transaction():
        for i in range(120):
            v.revisions.append("note", f"P{i % 7}", {"text": "x" * 300})


DB_DAMAGE = {
    "header-page": _flip(40),
    "page-2": _flip(4096 + 700),
    "middle-page": _flip(-1),  # replaced below by the middle of the file
    "last-page": _flip(-200),
    "truncated-half": _truncate_db(0.5),
    "truncated-to-one-page": _truncate_db(size=4096),
    "truncated-mid-page": _truncate_db(0.8),
    "emptied": _truncate_db(size=0),
}


@pytest.mark.parametrize("damage", sorted(DB_DAMAGE))
def test_damaged_database_is_exit_4_and_writes_nothing(vault_path: Path, damage: str) -> None:
    _grow(vault_path)
    db = vault_path / "ward.db"
    size = db.stat().st_size
    assert size > 30 * 4096
    mutate = DB_DAMAGE[damage]
    if damage == "middle-page":
        mutate = _flip((size // 4096 // 2) * 4096 + 1234)
    mutate(vault_path)
    before = digests(vault_path)
    for login, secret in (MANAGER[::2], NURSE[::2]):
        with pytest.raises(DamagedData) as err:
            Vault.unlock(vault_path, login, secret)
        assert err.value.exit_code == 4
    assert digests(vault_path) == before


def _slot_flip(vault: Path) -> None:
    path = vault / "keyslots.json"
    data = bytearray(path.read_bytes())
    body = json.loads(data)
    wrapped = body["slots"][0]["wrapped"]
    at = data.index(wrapped.encode()) + 5
    data[at] = ord("A") if data[at] != ord("A") else ord("B")
    path.write_bytes(bytes(data))


def _slot_flip_anywhere(vault: Path) -> None:
    path = vault / "keyslots.json"
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x01
    path.write_bytes(bytes(data))


def _slot_truncate(vault: Path) -> None:
    path = vault / "keyslots.json"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _slot_delete(vault: Path) -> None:
    (vault / "keyslots.json").unlink()


def _slot_empty(vault: Path) -> None:
    (vault / "keyslots.json").write_bytes(b"")


SLOT_DAMAGE = {"flip-in-wrapped-key": _slot_flip, "flip-anywhere": _slot_flip_anywhere,
               "truncated": _slot_truncate, "deleted": _slot_delete, "emptied": _slot_empty}


@pytest.mark.parametrize("damage", sorted(SLOT_DAMAGE))
def test_damaged_keyslot_file_is_exit_4_and_writes_nothing(vault_path: Path,
                                                           damage: str) -> None:
    SLOT_DAMAGE[damage](vault_path)
    before = digests(vault_path)
    with pytest.raises(DamagedData) as err:
        Vault.unlock(vault_path, NURSE[0], NURSE[2])
    assert err.value.exit_code == 4
    # A damaged slot file must not count as a wrong passphrase either.
    assert digests(vault_path) == before


# -- the slots themselves ------------------------------------------------------------------------
def test_argon2id_parameters_are_stored_and_meet_the_floor(vault_path: Path) -> None:
    body = json.loads((vault_path / "keyslots.json").read_text())
    assert len(body["slots"]) == 2
    for slot in body["slots"]:
        kdf = slot["kdf"]
        assert kdf["name"] == "argon2id"
        assert kdf["memory_kib"] >= 64 * 1024
        assert kdf["iterations"] >= 3
        assert len(kdf["salt"]) >= 16
        assert slot["aead"] == "aes-256-gcm"
    salts = {s["kdf"]["salt"] for s in body["slots"]}
    assert len(salts) == 2
    # the logins are not readable in the file
    text = (vault_path / "keyslots.json").read_text()
    assert f'"{MANAGER[0]}"' not in text
    assert f'"{NURSE[0]}"' not in text


def test_passphrase_change_rewraps_only(vault_path: Path) -> None:
    new = "une autre phrase du soir"
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        dek = v._key()
        pages_before = raw_tables(v)
        v.change_passphrase(new)
        after = raw_tables(v)
    # only the audit (and its head in meta) changed in the database
    changed = {t for t in pages_before if pages_before[t] != after[t]}
    assert changed <= {"audit", "meta"}
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_path, NURSE[0], NURSE[2])
    with Vault.unlock(vault_path, NURSE[0], new) as v:
        assert v._key() == dek  # no rekey
        assert "user.passphrase-change" in [e.action for e in v.audit.entries()]
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        assert v._key() == dek


def raw_tables(v: Vault) -> dict[str, list[tuple[object, ...]]]:
    names = [r[0] for r in v.conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    return {n: list(v.conn.execute(f'SELECT * FROM "{n}"')) for n in names}


def test_database_file_is_unchanged_by_rewrap_apart_from_the_audit(vault_path: Path) -> None:
    """The page-level view: a rewrap keeps the key, so the file still opens with the old DEK."""
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        dek = v._key()
        v.change_passphrase("une autre phrase du soir")
    conn = raw_connect(vault_path, dek)
    assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
    conn.close()


@pytest.mark.parametrize("secret", ["court", "1234567", "password", "azertyuiop", "123456789",
                                    "PASSWORD1"])
def test_weak_passphrases_are_refused(vault_path: Path, secret: str) -> None:
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        with pytest.raises(InvalidInput) as err:
            v.add_user("ide9", "Test Neuf", Role.NURSE, secret)
        assert err.value.exit_code == 5
        with pytest.raises(InvalidInput):
            v.change_passphrase(secret)
    assert not KeyslotFile.load(vault_path).has_user("ide9")


def test_long_passphrase_without_composition_rules_is_accepted(vault_path: Path) -> None:
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        v.add_user("ide9", "Test Neuf", Role.NURSE, "tout en minuscules")
    Vault.unlock(vault_path, "ide9", "tout en minuscules").close()


# -- throttling ------------------------------------------------------------------------------------
class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_growing_delay_after_five_failures_never_permanent(vault_path: Path) -> None:
    clock = FakeClock()
    for _ in range(FREE_ATTEMPTS - 1):
        with pytest.raises(WrongPassphrase) as err:
            Vault.unlock(vault_path, NURSE[0], "mauvaise phrase", clock=clock)
        assert not isinstance(err.value, Throttled)
        clock.now += 1
    waits: list[float] = []
    for _ in range(4):
        # the failure that crosses the threshold announces the wait
        with pytest.raises(Throttled) as err:
            Vault.unlock(vault_path, NURSE[0], "mauvaise phrase", clock=clock)
        assert err.value.exit_code == 3
        waits.append(err.value.retry_after)
        # during the wait even the right passphrase is refused, without a KDF run
        with pytest.raises(Throttled):
            Vault.unlock(vault_path, NURSE[0], NURSE[2], clock=clock)
        clock.now += err.value.retry_after
    assert waits == sorted(waits) and waits[-1] > waits[0]
    # the other user is not slowed down
    Vault.unlock(vault_path, MANAGER[0], MANAGER[2], clock=clock).close()
    # more failures: the delay reaches its cap and stays there, never a lockout
    more = 6
    for _ in range(more):
        with pytest.raises(Throttled) as err:
            Vault.unlock(vault_path, NURSE[0], "mauvaise phrase", clock=clock)
        assert err.value.retry_after <= MAX_DELAY
        clock.now += err.value.retry_after
    assert err.value.retry_after == MAX_DELAY
    with Vault.unlock(vault_path, NURSE[0], NURSE[2], clock=clock) as v:
        failures = [e for e in v.audit.entries() if e.action == "login.failure"]
        assert len(failures) == FREE_ATTEMPTS - 1 + 4 + more
    # success resets the counter
    with pytest.raises(WrongPassphrase) as err:
        Vault.unlock(vault_path, NURSE[0], "mauvaise phrase", clock=clock)
    assert not isinstance(err.value, Throttled)


# -- users -----------------------------------------------------------------------------------------
def test_disabling_removes_the_slot_and_keeps_the_audit(vault_path: Path) -> None:
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v, v.transaction():
        v.revisions.append("note", "P1", {"text": "avant"})
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        v.disable_user(NURSE[0])
    assert not KeyslotFile.load(vault_path).has_user(NURSE[0])
    assert len(KeyslotFile.load(vault_path).slots) == 1
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_path, NURSE[0], NURSE[2])
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        user = v.users.get(NURSE[0])
        assert not user.active
        nurse_rows = [e for e in v.audit.entries() if e.actor == NURSE[0]]
        assert nurse_rows  # her login and her write are still attributed to her
        assert v.audit.verify().ok
        assert [r.author for r in v.revisions.for_patient("P1")] == [NURSE[0]]


def test_only_manager_or_it_manage_users(vault: Vault, vault_path: Path) -> None:
    before = digests(vault_path, ["keyslots.json"])
    with pytest.raises(Refused) as err:
        vault.add_user("ide9", "Test Neuf", Role.NURSE, "une phrase correcte")
    assert err.value.exit_code == 6
    with pytest.raises(Refused):
        vault.disable_user(MANAGER[0])
    assert digests(vault_path, ["keyslots.json"]) == before
    assert os.path.exists(vault_path / "keyslots.json")
