"""The hub store: one folder, a SQLCipher database and a keyslot file, like a ward vault.

The database key is wrapped once per IT user (Argon2id passphrase) and once for IT's
recovery key (vault.keyslots). Inside: the hub's age identity that opens bundles,
its Ed25519 receipt-signing key, the enrolments and bound devices, and everything
received.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyrage
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from care_degraded.domain.clock import iso, utcnow
from care_degraded.domain.errors import DamagedData, InvalidInput, NotFound, Refused
from care_degraded.hub import schema
from care_degraded.sync.bundle import public_key_b64
from care_degraded.sync.canonical import b64, unb64
from care_degraded.sync.enrolment import Enrolment
from care_degraded.vault.connection import Connection, DatabaseError, check_pages, connect
from care_degraded.vault.keyslots import DEK_BYTES, KEYSLOT_FILE, KdfParams, KeyslotFile
from care_degraded.vault.passwords import check_passphrase
from care_degraded.vault.users import validate_login

HUB_DB = "hub.db"
HUB_WARD = "care-degraded hub"


def is_hub(path: Path) -> bool:
    return (Path(path) / HUB_DB).exists()


class HubStore:
    """An unlocked hub store; see :meth:`create` and :meth:`unlock`."""

    def __init__(self, path: Path, conn: Connection, keyslots: KeyslotFile, login: str) -> None:
        self.path = Path(path)
        self.conn = conn
        self.keyslots = keyslots
        self.login = login
        self._depth = 0
        self.hub_id = self.meta("hub_id")
        self.exercise = self.meta("exercise") == "1"
        self.identity = pyrage.x25519.Identity.from_str(self.meta("age_identity"))
        self.receipt_key = Ed25519PrivateKey.from_private_bytes(unb64(self.meta("receipt_key")))

    # -- opening ----------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, login: str, display_name: str, passphrase: str,
               recovery_recipient: str, url: str | None = None, exercise: bool = False,
               kdf: KdfParams | None = None) -> HubStore:
        path = Path(path)
        if is_hub(path) or (path / KEYSLOT_FILE).exists():
            raise Refused(f"a hub or vault already exists in {path}")
        validate_login(login)
        check_passphrase(passphrase)
        hub_id = str(uuid.uuid4())
        dek = secrets.token_bytes(DEK_BYTES)
        keyslots = KeyslotFile(vault_id=hub_id, ward=HUB_WARD, schema_version=schema.VERSION)
        keyslots = keyslots.with_recovery(recovery_recipient, dek)
        keyslots = keyslots.with_user(login, passphrase, dek, kdf)
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            conn = connect(path / HUB_DB, dek)
            conn.execute("BEGIN IMMEDIATE")
            schema.apply(conn)
            conn.execute(f"PRAGMA user_version = {schema.VERSION}")
            identity = pyrage.x25519.Identity.generate()
            receipt = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                serialization.NoEncryption())
            now = iso(utcnow())
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
                ("hub_id", hub_id), ("url", url or ""), ("exercise", "1" if exercise else "0"),
                ("age_identity", str(identity)), ("age_recipient", str(identity.to_public())),
                ("receipt_key", b64(receipt)), ("recovery_recipient", recovery_recipient),
                ("created_at", now)])
            conn.execute("INSERT INTO users (login, display_name, created_at) VALUES (?, ?, ?)",
                         (login, display_name.strip(), now))
            store = cls(path, conn, keyslots, login)
            store.journal("hub.init", hub_id)
            keyslots.save(path)
            conn.execute("COMMIT")
            return store
        except BaseException:
            for name in (HUB_DB, f"{HUB_DB}-wal", f"{HUB_DB}-shm", KEYSLOT_FILE):
                with contextlib.suppress(FileNotFoundError):
                    (path / name).unlink()
            raise

    @classmethod
    def unlock(cls, path: Path, login: str, passphrase: str) -> HubStore:
        path = Path(path)
        if not is_hub(path):
            raise InvalidInput(f"no hub store in {path}")
        keyslots = KeyslotFile.load(path)
        dek = keyslots.unwrap(login, passphrase)
        try:
            conn = connect(path / HUB_DB, dek)
            check_pages(conn)
        except DatabaseError:
            raise DamagedData("the hub database is damaged or was tampered with") from None
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > schema.VERSION:
            conn.close()
            raise Refused("this hub store was written by a newer care-degraded")
        if version < schema.VERSION:
            # the copy first, as a ward vault does: a failed step never costs the store
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            shutil.copy2(path / HUB_DB, path / f"{HUB_DB}.v{version}.bak")
            schema.migrate(conn, version)
        return cls(path, conn, keyslots, login)

    def close(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(DatabaseError):
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            self.conn.close()
            self.conn = None  # type: ignore[assignment]

    def __enter__(self) -> HubStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        if self._depth:
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self.conn
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self.conn.execute("COMMIT")

    # -- keys and metadata ------------------------------------------------------------------
    def meta(self, key: str) -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise DamagedData(f"hub store: {key} missing")
        return str(row[0])

    @property
    def recipient(self) -> str:
        return self.meta("age_recipient")

    @property
    def receipt_public_key(self) -> str:
        return public_key_b64(self.receipt_key)

    def journal(self, action: str, obj: str) -> None:
        self.conn.execute("INSERT INTO journal (at, actor, action, object) VALUES (?, ?, ?, ?)",
                          (iso(utcnow()), self.login, action, obj))

    # -- enrolment and devices -------------------------------------------------------------
    def enroll_device(self, ward: str, url: str | None = None,
                      certificate_pem: bytes | None = None) -> Enrolment:
        """A new one-time enrolment for one ward machine."""
        if not ward.strip():
            raise InvalidInput("the ward name is empty")
        fingerprint, cert_text = None, None
        if certificate_pem is not None:
            fingerprint, cert_text = certificate_fingerprint(certificate_pem)
        enrolment = Enrolment(
            enrolment_id=str(uuid.uuid4()), hub_id=self.hub_id,
            hub_url=url or self.meta("url") or None, hub_recipient=self.recipient,
            recovery_recipient=self.meta("recovery_recipient"),
            receipt_key=self.receipt_public_key, tls_fingerprint=fingerprint,
            tls_certificate=cert_text, ward=ward.strip(), secret=secrets.token_hex(32),
            exercise=self.exercise, created_at=iso(utcnow()))
        with self.transaction():
            self.conn.execute(
                "INSERT INTO enrolments (id, ward, secret, created_at, created_by)"
                " VALUES (?, ?, ?, ?, ?)", (enrolment.enrolment_id, enrolment.ward,
                                            enrolment.secret, enrolment.created_at, self.login))
            self.journal("device.enrol", f"{enrolment.enrolment_id}:{enrolment.ward}")
        return enrolment

    def devices(self) -> list[dict[str, Any]]:
        out = []
        for row in self.conn.execute(
                "SELECT id, enrolment_id, ward, public_key, vouched_by, bound_at, revoked_at"
                " FROM devices ORDER BY ward, bound_at"):
            device, enrolment, ward, key, vouched, bound, revoked = row
            out.append({"device": device, "enrolment": enrolment, "ward": ward,
                        "public_key": key, "vouched_by": vouched, "bound_at": bound,
                        "revoked": revoked is not None, "revoked_at": revoked})
        for row in self.conn.execute(
                "SELECT id, ward, created_at FROM enrolments WHERE device_id IS NULL"
                " ORDER BY created_at"):
            out.append({"device": None, "enrolment": row[0], "ward": row[1],
                        "public_key": None, "vouched_by": None, "bound_at": None,
                        "revoked": False, "revoked_at": None, "created_at": row[2]})
        return out

    def revoke(self, device_id: str) -> None:
        with self.transaction():
            row = self.conn.execute("SELECT revoked_at FROM devices WHERE id = ?",
                                    (device_id,)).fetchone()
            if row is None:
                raise NotFound(f"no device {device_id} at this hub")
            if row[0] is None:
                self.conn.execute("UPDATE devices SET revoked_at = ?, revoked_by = ?"
                                  " WHERE id = ?", (iso(utcnow()), self.login, device_id))
                self.journal("device.revoke", device_id)

    def status(self) -> dict[str, Any]:
        devices = []
        for row in self.conn.execute(
                "SELECT d.id, d.ward, d.revoked_at IS NOT NULL,"
                " (SELECT max(sequence) FROM bundles b WHERE b.device_id = d.id),"
                " (SELECT count(*) FROM received_revisions r WHERE r.device = d.id)"
                " FROM devices d ORDER BY d.ward, d.bound_at"):
            device, ward, revoked, last, revisions = row
            devices.append({"device": device, "ward": ward, "revoked": bool(revoked),
                            "last_sequence": int(last or 0), "gaps": self.gaps(device),
                            "revisions": int(revisions),
                            "alerts": self._count("alerts", "device_id", device)})
        tables = {"bundles": "bundles", "revisions": "received_revisions",
                  "conflicts": "conflicts", "patients": "patients", "alerts": "alerts"}
        totals = {name: int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                  for name, table in tables.items()}
        totals["devices"] = len(devices)
        totals["gaps"] = sum(len(d["gaps"]) for d in devices)
        return {"hub_id": self.hub_id, "exercise": self.exercise, "devices": devices,
                "totals": totals}

    def _count(self, table: str, column: str, value: str) -> int:
        return int(self.conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?",
                                     (value,)).fetchone()[0])

    def gaps(self, device_id: str) -> list[int]:
        """Sequence numbers not received yet below the highest one received."""
        seen = {int(r[0]) for r in self.conn.execute(
            "SELECT sequence FROM bundles WHERE device_id = ?", (device_id,))}
        return [n for n in range(1, max(seen, default=0)) if n not in seen]


def certificate_fingerprint(pem: bytes) -> tuple[str, str]:
    """SHA-256 of the certificate (DER), hex; and the PEM text."""
    try:
        cert = x509.load_pem_x509_certificate(pem)
    except ValueError:
        raise InvalidInput("not a PEM certificate") from None
    der = cert.public_bytes(serialization.Encoding.DER)
    return hashlib.sha256(der).hexdigest(), cert.public_bytes(
        serialization.Encoding.PEM).decode("ascii")
