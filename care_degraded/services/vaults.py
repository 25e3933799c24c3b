"""Use cases around the vault itself: create, status, demo ward, backup and restore."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from care_degraded.domain.errors import DamagedData, InvalidInput, Refused
from care_degraded.domain.user import Role
from care_degraded.services.census import populate_demo
from care_degraded.services.keys import generate_keypair
from care_degraded.vault import Vault, is_vault, migrations
from care_degraded.vault.backup import restore_backup
from care_degraded.vault.connection import DB_FILE
from care_degraded.vault.keyslots import KeyslotFile

__all__ = ["DEMO_USERS", "DEMO_WARD", "DemoWard", "Vault", "create_demo", "demo_logins",
           "is_vault", "restore", "status", "unlock", "ward_name"]

DEMO_WARD = "Médecine polyvalente — démo"

#: demo logins, display names, roles and passphrases (shown on a demo vault only)
DEMO_USERS: tuple[tuple[str, str, Role, str], ...] = (
    ("cadre", "Claire Cadre (démo)", Role.MANAGER, "cadre-demo-2026"),
    ("ide1", "Inès Infirmière (démo)", Role.NURSE, "ide1-demo-2026"),
    ("ide2", "Noé Infirmier (démo)", Role.NURSE, "ide2-demo-2026"),
    ("dsi", "Yann Informatique (démo)", Role.IT, "dsi-demo-2026"),
)


@dataclass(frozen=True)
class DemoWard:
    path: Path
    recovery_key: Path
    users: tuple[tuple[str, str, Role, str], ...]


def create_demo(path: Path, if_missing: bool = False, seed: int = 2026) -> DemoWard:
    """A ready demo ward with its users (and patients once the census is in)."""
    path = Path(path)
    key_path = path.with_name(path.name + ".recovery-key")
    if is_vault(path):
        if if_missing and demo_logins(path):
            return DemoWard(path, key_path, DEMO_USERS)
        raise Refused(f"a vault already exists in {path}")
    if not key_path.exists():
        generate_keypair(key_path)
    recipient = key_path.with_name(key_path.name + ".pub").read_text("ascii").strip()
    first = DEMO_USERS[0]
    vault = Vault.create(path, ward=DEMO_WARD, login=first[0], display_name=first[1],
                         passphrase=first[3], recovery_recipient=recipient, role=first[2])
    try:
        for login, name, role, secret in DEMO_USERS[1:]:
            vault.add_user(login, name, role, secret)
        logins = {login: secret for login, _n, _r, secret in DEMO_USERS}
        vault.keyslots = replace(vault.keyslots, extra={"demo": {"logins": logins}})
        vault.keyslots.save(path)
        _populate(vault, seed)
    finally:
        vault.close()
    return DemoWard(path, key_path, DEMO_USERS)


#: the demo ward's size (issue 3: a 30-bed ward with about 28 patients)
DEMO_BEDS = 30
DEMO_PATIENTS = 28


def _populate(vault: Vault, seed: int) -> None:
    # Imported directly: a renamed census function must fail loudly, not leave an
    # empty demo ward behind.
    populate_demo(vault, patients=DEMO_PATIENTS, beds=DEMO_BEDS, seed=seed)


def unlock(path: Path, login: str, passphrase: str) -> Vault:
    """Open the vault as ``login`` (wrong passphrase, throttling and damage raise typed
    errors; see :meth:`Vault.unlock`)."""
    return Vault.unlock(path, login, passphrase)


def ward_name(path: Path) -> str:
    """The ward's name as the keyslot file gives it, readable before unlocking."""
    return KeyslotFile.load(Path(path)).ward


def demo_logins(path: Path) -> dict[str, str]:
    """Demo logins and passphrases, for a demo vault only (empty for a real one)."""
    try:
        extra = KeyslotFile.load(Path(path)).extra
    except (DamagedData, Refused):
        return {}
    demo = extra.get("demo") or {}
    logins = demo.get("logins") or {}
    return {str(k): str(v) for k, v in logins.items()}


def status(path: Path, vault: Vault | None = None) -> dict[str, Any]:
    """What can be told about a vault; more when it is unlocked."""
    path = Path(path)
    if not is_vault(path):
        raise InvalidInput(f"no vault in {path}")
    keyslots = KeyslotFile.load(path)
    db = path / DB_FILE
    info: dict[str, Any] = {
        "vault": str(path),
        "vault_id": keyslots.vault_id,
        "ward": keyslots.ward,
        "schema_version": keyslots.schema_version,
        "program_schema_version": migrations.latest_version(),
        "enrolled_slots": len(keyslots.slots),
        "recovery_slot": keyslots.recovery is not None,
        "database_bytes": db.stat().st_size if db.exists() else None,
        "demo": bool(keyslots.extra.get("demo")),
        "unlocked": vault is not None,
    }
    if vault is not None:
        conn = vault.conn
        info.update({
            "ward": vault.ward,
            "device_id": vault.device.id,
            "device_prefix": vault.device.prefix,
            "schema_version": migrations.current_version(conn),
            "users": len(vault.users.list(include_disabled=False)),
            "revisions": vault.revisions.count(),
            "audit_rows": int(conn.execute("SELECT count(*) FROM audit").fetchone()[0]),
            "last_backup": _last_action(vault, "backup"),
        })
    return info


def _last_action(vault: Vault, action: str) -> str | None:
    row = vault.conn.execute(
        "SELECT at FROM audit WHERE action = ? ORDER BY seq DESC LIMIT 1", (action,)).fetchone()
    return None if row is None else str(row[0])


def restore(source: Path, vault_dir: Path, force: bool = False) -> Path | None:
    """Restore a backup folder into ``vault_dir``; returns where a replaced vault went."""
    return restore_backup(source, vault_dir, force=force)
