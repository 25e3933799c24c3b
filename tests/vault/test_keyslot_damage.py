"""Slot fields edited with a recomputed checksum: damage (exit 4), never a wrong guess."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from care_degraded.domain.errors import DamagedData, WrongPassphrase
from care_degraded.vault import Vault
from care_degraded.vault.keyslots import KEYSLOT_FILE, KeyslotFile, _checksum
from care_degraded.vault.throttle import ATTEMPTS_FILE
from tests.conftest import NURSE


def _edit(vault_path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change the parsed file, then recompute its checksum as a careful forger would."""
    path = vault_path / KEYSLOT_FILE
    body = json.loads(path.read_text())
    body.pop("checksum")
    change(body)
    body["checksum"] = _checksum(body)
    path.write_text(json.dumps(body))


def _nurse_slot(body: dict[str, Any]) -> dict[str, Any]:
    sid = KeyslotFile(body["vault_id"], "", 0).slot_id(NURSE[0])
    slot: dict[str, Any] = next(s for s in body["slots"] if s["id"] == sid)
    return slot


def _flip_b64(slot: dict[str, Any], name: str) -> None:
    raw = bytearray(base64.b64decode(slot[name]))
    raw[3] ^= 0x01
    slot[name] = base64.b64encode(bytes(raw)).decode()


def _set(field: str, value: object) -> Callable[[dict[str, Any]], None]:
    return lambda body: _nurse_slot(body)["kdf"].__setitem__(field, value)


EDITS: dict[str, Callable[[dict[str, Any]], None]] = {
    "nonce": lambda body: _flip_b64(_nurse_slot(body), "nonce"),
    "wrapped-key": lambda body: _flip_b64(_nurse_slot(body), "wrapped"),
    "memory-8-kib": _set("memory_kib", 8),
    "memory-huge": _set("memory_kib", 10**12),
    "lanes-0": _set("lanes", 0),
    "iterations-million": _set("iterations", 10**6),
    "iterations-text": _set("iterations", "3"),
    "salt-short": _set("salt", base64.b64encode(b"abc").decode()),
    "kdf-not-object": lambda body: _nurse_slot(body).__setitem__("kdf", [1, 2]),
    "version-null": lambda body: body.__setitem__("version", None),
    "slots-not-list": lambda body: body.__setitem__("slots", {"a": 1}),
    "slot-not-object": lambda body: body.__setitem__("slots", [3]),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_an_edited_slot_is_damage_and_not_counted(vault_path: Path, edit: str) -> None:
    _edit(vault_path, EDITS[edit])
    started = time.monotonic()
    with pytest.raises(DamagedData) as err:
        Vault.unlock(vault_path, NURSE[0], NURSE[2])
    assert err.value.exit_code == 4
    assert time.monotonic() - started < 10  # refused before any long KDF run
    assert not (vault_path / ATTEMPTS_FILE).exists()


def test_a_deeply_nested_file_is_damage(vault_path: Path) -> None:
    (vault_path / KEYSLOT_FILE).write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(DamagedData):
        KeyslotFile.load(vault_path)
    (vault_path / KEYSLOT_FILE).write_bytes(b"{" + b" " * (2 << 20) + b"}")
    with pytest.raises(DamagedData):
        KeyslotFile.load(vault_path)


def test_a_wrong_passphrase_is_still_a_wrong_passphrase(vault_path: Path) -> None:
    with pytest.raises(WrongPassphrase) as err:
        Vault.unlock(vault_path, NURSE[0], "pas la bonne phrase du tout")
    assert type(err.value) is WrongPassphrase
