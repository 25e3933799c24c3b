"""The clear attempts file: locked while counting, never trusted, never a lockout or crash."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from care_degraded.domain.errors import Throttled, WrongPassphrase
from care_degraded.vault import Vault
from care_degraded.vault.keyslots import KeyslotFile
from care_degraded.vault.throttle import ATTEMPTS_FILE, FREE_ATTEMPTS, MAX_DELAY, AttemptBook
from tests.conftest import MANAGER, NURSE


def _sid(vault_path: Path, login: str) -> str:
    return KeyslotFile.load(vault_path).slot_id(login)


def _write(vault_path: Path, data: object) -> None:
    (vault_path / ATTEMPTS_FILE).write_text(json.dumps(data))


def test_forged_events_never_reach_the_audit_log(vault_path: Path) -> None:
    now = time.time()
    _write(vault_path, {"events": [
        {"action": "user.disable", "detail": "cadre", "at": now - 86400},
        {"action": "backup", "detail": "faux", "at": now - 3600},
        {"action": "record.write", "detail": "note:forged", "at": now - 60},
        {"action": "restore", "detail": "faux", "at": now - 30}]})
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        prefix = v.device.prefix
        entries = v.audit.entries()
        assert [e for e in entries if e.action in ("user.disable", "backup", "restore")] == []
        assert not [e for e in entries if "forged" in e.object]
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        assert v.device.prefix == prefix  # no forged restore gives a new prefix


def test_failures_are_audited_as_coming_from_the_clear_file(vault_path: Path) -> None:
    with pytest.raises(WrongPassphrase):
        Vault.unlock(vault_path, NURSE[0], "pas la bonne phrase")
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        failure = [e for e in v.audit.entries() if e.action == "login.failure"][-1]
    assert failure.actor == "-"
    assert _sid(vault_path, NURSE[0]) in failure.object and "attempts.json" in failure.object


@pytest.mark.parametrize("content", [
    {"slots": {"SID": {"failures": "six", "last": 0}}},
    {"slots": {"SID": {"failures": 1e10, "last": 0}}},
    {"slots": {"SID": {"failures": 10**400, "last": 0}}},
    {"slots": {"SID": None}},
    {"slots": [1, 2]},
    {"pending": [{"slot": "../../etc", "at": 1}]},
    {"pending": [{"slot": "SID", "at": "hier"}]},
    [1, 2, 3],
    "texte",
])
def test_a_malformed_file_is_replaced_and_audited_never_an_error(vault_path: Path,
                                                                 content: object) -> None:
    text = json.dumps(content).replace("SID", _sid(vault_path, NURSE[0]))
    (vault_path / ATTEMPTS_FILE).write_text(text)
    started = time.monotonic()
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        actions = [e.action for e in v.audit.entries(limit=5)]
    assert time.monotonic() - started < 20  # no quadratic blow-up on huge numbers
    assert "login.attempts-file-replaced" in actions
    json.loads((vault_path / ATTEMPTS_FILE).read_text())  # a sound file again


def test_deep_nesting_or_huge_file_is_replaced(vault_path: Path) -> None:
    (vault_path / ATTEMPTS_FILE).write_text("[" * 100_000 + "]" * 100_000)
    Vault.unlock(vault_path, NURSE[0], NURSE[2]).close()
    (vault_path / ATTEMPTS_FILE).write_bytes(b" " * (2 << 20))
    Vault.unlock(vault_path, NURSE[0], NURSE[2]).close()


def test_a_time_in_the_future_never_locks_out_for_long(vault_path: Path) -> None:
    sid = _sid(vault_path, NURSE[0])
    _write(vault_path, {"slots": {sid: {"failures": 6, "last": time.time() + 365 * 86400}}})
    wait = AttemptBook(vault_path).wait_needed(sid)
    assert 0 < wait <= MAX_DELAY


def test_parallel_attempts_get_one_real_guess(vault_path: Path) -> None:
    sid = _sid(vault_path, NURSE[0])
    _write(vault_path, {"slots": {sid: {"failures": FREE_ATTEMPTS - 1, "last": 0}}})

    def guess(_: int) -> str:
        try:
            Vault.unlock(vault_path, NURSE[0], "pas la bonne phrase")
        except Throttled as exc:
            return "real" if str(exc).startswith("wrong passphrase") else "refused"
        except WrongPassphrase:
            return "real"
        return "opened"

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(guess, range(6)))
    assert outcomes.count("real") == 1, outcomes
    assert outcomes.count("refused") == 5
    assert AttemptBook(vault_path).failures(sid) == FREE_ATTEMPTS


def test_a_deleted_file_gets_its_counters_back_from_the_database(vault_path: Path) -> None:
    sid = _sid(vault_path, NURSE[0])
    _write(vault_path, {"slots": {sid: {"failures": 9, "last": time.time()}}})
    Vault.unlock(vault_path, MANAGER[0], MANAGER[2]).close()  # copies the counters in
    (vault_path / ATTEMPTS_FILE).unlink()
    Vault.unlock(vault_path, MANAGER[0], MANAGER[2]).close()
    assert AttemptBook(vault_path).failures(sid) == 9
    assert AttemptBook(vault_path).wait_needed(sid) > 0
    # and the manager's own success does not bring back her own old counter
    assert AttemptBook(vault_path).failures(_sid(vault_path, MANAGER[0])) == 0
