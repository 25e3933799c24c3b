"""The ward vault: one folder, one SQLCipher database and one keyslot file."""

from __future__ import annotations

import contextlib
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from care_degraded.domain.clinical_time import ward_zone
from care_degraded.domain.clock import iso, utcnow
from care_degraded.domain.device import Device
from care_degraded.domain.errors import (
    Busy,
    CareError,
    DamagedData,
    InvalidInput,
    Refused,
    Throttled,
    UnknownUser,
    WrongPassphrase,
)
from care_degraded.domain.user import Role, User
from care_degraded.vault import commit_mark, migrations, signature_check
from care_degraded.vault.audit import AuditLog
from care_degraded.vault.connection import (
    DB_FILE,
    Connection,
    DatabaseError,
    checkpoint,
    connect,
    is_busy,
)
from care_degraded.vault.keyslots import DEK_BYTES, KEYSLOT_FILE, KdfParams, KeyslotFile
from care_degraded.vault.leftovers import clean_spool
from care_degraded.vault.opening import open_db
from care_degraded.vault.passwords import check_passphrase
from care_degraded.vault.records import RecordQueries
from care_degraded.vault.revisions import RevisionRepository
from care_degraded.vault.throttle import AttemptBook
from care_degraded.vault.unlock_audit import unlock_audit
from care_degraded.vault.users import UserRepository, validate_login

RECOVERY_ACTOR = "recovery-key"
#: meta key of the ward's IANA time zone (Europe/Paris when unset)
ZONE_KEY = "ward.timezone"
_PREFIX_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def is_vault(path: Path) -> bool:
    path = Path(path)
    return (path / DB_FILE).exists() or (path / KEYSLOT_FILE).exists()


class Vault:
    """An unlocked vault. Obtain one with :meth:`create`, :meth:`unlock` or :meth:`recover`."""

    def __init__(self, path: Path, conn: Connection, keyslots: KeyslotFile, dek: bytes,
                 user: User, clock: Callable[[], datetime] = utcnow) -> None:
        self.path = Path(path)
        self.conn = conn
        self.keyslots = keyslots
        self._dek = dek
        self.user = user
        self.clock = clock
        # One user of the connection at a time: the nesting depth below belongs to the
        # thread holding this lock, and a transaction never interleaves with another's.
        self._lock = threading.RLock()
        self._depth = 0
        self._mark_key = commit_mark.mark_key(dek)
        # A vault restored from a backup gets a new device (see _new_device): the
        # current one is named in meta, the earlier ones stay for their signatures.
        row = conn.execute(
            "SELECT id, prefix FROM device WHERE id = coalesce("
            "(SELECT value FROM meta WHERE key = 'device_id'), id)"
            " ORDER BY created_at DESC LIMIT 1").fetchone()
        self.device = Device(str(row[0]), str(row[1]))
        # Audit rows and revisions ask self.clock each time, so a test (or a drill's
        # time source) set on the vault times everything written through it.
        self.audit = AuditLog(conn, lambda: self.user.login, self.device.id,
                              lambda: self.clock())
        signed_from = self.signed_from()
        for device_id, key in self.device_public_keys().items():
            signature_check.register(device_id, key, signed_from)
        self.users = UserRepository(conn)
        self.revisions = RevisionRepository(conn, self.audit, lambda: self.user.login,
                                            self.device.id, lambda: self.clock(),
                                            signer=self._sign)
        self.records = RecordQueries(conn, lambda: self.zone)

    # -- properties ------------------------------------------------------------
    @property
    def ward(self) -> str:
        return self.meta("ward") or self.keyslots.ward

    @property
    def vault_id(self) -> str:
        return self.keyslots.vault_id

    @property
    def db_path(self) -> Path:
        return self.path / DB_FILE

    @property
    def zone(self) -> ZoneInfo:
        """The ward's time zone: clinical times typed without an offset are its wall clock."""
        return ward_zone(self.meta(ZONE_KEY))

    def set_zone(self, name: str) -> None:
        """Set the ward's time zone (an IANA name; InvalidInput if unknown), audited."""
        ward_zone(name)
        with self.transaction():
            self.set_meta(ZONE_KEY, name)
            self.audit.append("vault.timezone", name)

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def _sign(self, data: bytes) -> bytes:
        key = self.__dict__.get("_signing_key")
        if key is None:
            key = self.__dict__["_signing_key"] = self.signing_key()
        return bytes(key.sign(data))

    def signed_from(self) -> int:
        """The first revision sequence number that must carry a signature.

        Fixed the first time it is asked: the first signed revision's number, or the
        next one to be written when none is signed yet (revisions before it were
        written before schema 3 and are older unsigned, anything later unsigned is
        tampering)."""
        known = self.meta(signature_check.META_SIGNED_FROM)
        if known is not None:
            return int(known)
        row = self.conn.execute("SELECT min(seq) FROM revisions WHERE signature IS NOT NULL"
                                ).fetchone()
        if row[0] is None:
            row = self.conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM revisions"
                                    ).fetchone()
        return int(row[0])

    def signing_key(self) -> Ed25519PrivateKey:
        """The device's Ed25519 key (bundles are signed with it)."""
        row = self.conn.execute("SELECT signing_key FROM device WHERE id = ?",
                                (self.device.id,)).fetchone()
        return Ed25519PrivateKey.from_private_bytes(bytes(row[0]))

    def device_public_keys(self) -> dict[str, Ed25519PublicKey]:
        """Every device this vault has had (a restore adds one), by id."""
        return {str(i): Ed25519PrivateKey.from_private_bytes(bytes(k)).public_key()
                for i, k in self.conn.execute("SELECT id, signing_key FROM device")}

    def mac_key(self, purpose: str) -> bytes:
        """A key derived from the database key for one purpose (QR codes on paper...)."""
        import hashlib
        import hmac

        return hmac.new(self._dek, f"care-degraded/{purpose}".encode(), hashlib.sha256).digest()

    # -- transactions ------------------------------------------------------------
    @contextlib.contextmanager
    def exclusive(self) -> Iterator[Connection]:
        """The connection for this thread alone until the block ends (re-entrant).

        Transactions take it themselves; a reader that must not see another thread's
        transaction half done (several queries read together) takes it too."""
        with self._lock:
            yield self.conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """BEGIN IMMEDIATE ... COMMIT; nested calls (same thread) join the outer one.

        Another thread waits for the whole transaction to end before its own begins.
        Another program holding the write lock past the busy timeout raises Busy,
        before anything is written."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except DatabaseError as exc:
                if is_busy(exc):
                    raise Busy("another program is writing to the vault: nothing was "
                               "written, try again") from None
                raise
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self._depth = 0
                self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            try:
                counter = commit_mark.bump(self.conn)
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
            # after the commit: a crash in between leaves the database ahead of its mark
            commit_mark.write_mark(self.path, self._mark_key, self.vault_id, counter)

    # -- creation and unlocking ----------------------------------------------------
    @classmethod
    def create(cls, path: Path, ward: str, login: str, display_name: str, passphrase: str,
               recovery_recipient: str, role: Role = Role.MANAGER,
               device_prefix: str | None = None, kdf: KdfParams | None = None) -> Vault:
        """A new vault with its first user (a manager by default) and IT's recovery slot."""
        path = Path(path)
        if is_vault(path):
            raise Refused(f"a vault already exists in {path}")
        if not ward.strip():
            raise InvalidInput("the ward name is empty")
        validate_login(login)
        check_passphrase(passphrase)
        prefix = (device_prefix or _random_prefix()).upper()
        if not (2 <= len(prefix) <= 12 and all(c in _PREFIX_ALPHABET for c in prefix)):
            raise InvalidInput("device prefix: 2 to 12 characters of 0-9 A-Z (no I, L, O, U)")
        dek = secrets.token_bytes(DEK_BYTES)
        keyslots = KeyslotFile(vault_id=str(uuid.uuid4()), ward=ward.strip(),
                               schema_version=migrations.latest_version())
        keyslots = keyslots.with_recovery(recovery_recipient, dek)
        keyslots = keyslots.with_user(login, passphrase, dek, kdf)
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            conn = connect(path / DB_FILE, dek)
            migrations.migrate(conn, migrations.pending(conn))
            now = iso(utcnow())
            signing = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                serialization.NoEncryption())
            user = User(login, display_name.strip(), role)
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
                ("vault_id", keyslots.vault_id), ("ward", ward.strip()), ("created_at", now),
                (signature_check.META_SIGNED_FROM, "1")])
            conn.execute("INSERT INTO device (id, prefix, signing_key, created_at)"
                          " VALUES (?, ?, ?, ?)", (str(uuid.uuid4()), prefix, signing, now))
            UserRepository(conn).add(login, display_name, role, created_by=None)
            vault = cls(path, conn, keyslots, dek, user)
            vault.audit.append("vault.create", keyslots.vault_id)
            vault.audit.append("user.add", f"{login}:{role.value}")
            counter = commit_mark.bump(conn)
            commit_mark.replace_mark(path, vault._mark_key, keyslots.vault_id, 0)
            keyslots.save(path)
            conn.execute("COMMIT")
            commit_mark.write_mark(path, vault._mark_key, keyslots.vault_id, counter)
            return vault
        except BaseException:
            # Leave nothing half-made behind: a later init must be able to try again.
            for name in (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", KEYSLOT_FILE,
                         commit_mark.MARK_FILE):
                with contextlib.suppress(FileNotFoundError):
                    (path / name).unlink()
            raise

    @classmethod
    def unlock(cls, path: Path, login: str, passphrase: str,
               clock: Callable[[], float] = time.time) -> Vault:
        """Open the vault as ``login``. Wrong passphrase: WrongPassphrase; damage: DamagedData."""
        path = Path(path)
        if not path.is_dir() or not is_vault(path):
            raise InvalidInput(f"no vault in {path}")
        keyslots = KeyslotFile.load(path)
        if not (path / DB_FILE).exists():
            raise DamagedData("the vault database file is missing")
        book = AttemptBook(path, clock)
        sid = keyslots.slot_id(login)
        with book.attempt(sid) as wait:
            if wait > 0:
                raise Throttled(f"too many wrong attempts: wait {int(wait + 0.999)} s", wait)
            try:
                dek = keyslots.unwrap(login, passphrase)
            except WrongPassphrase:
                count = book.record_failure(sid)
                wait = book.wait_needed(sid)
                if wait > 0:
                    raise Throttled(f"wrong passphrase ({count} failures): wait "
                                    f"{int(wait + 0.999)} s before trying again",
                                    wait) from None
                raise
        conn = open_db(path, dek, keyslots.vault_id)
        try:
            keyslots = _migrate_with_backup(path, conn, keyslots, dek)
            user = UserRepository(conn).find(login)
            if user is None or not user.active:
                raise UnknownUser("unknown user or wrong passphrase")
            vault = cls(path, conn, keyslots, dek, user)
            with vault.transaction():
                unlock_audit(vault, book)
                vault.audit.append("login.success", login)
            book.clear(sid)
            clean_spool(path)  # patient PDFs a killed print job left behind
            return vault
        except BaseException:
            conn.close()
            raise

    @classmethod
    def recover(cls, path: Path, identity_text: str, new_login: str, display_name: str,
                passphrase: str, role: Role = Role.IT) -> Vault:
        """Open with IT's private key, then enrol ``new_login`` (or reset its passphrase)."""
        path = Path(path)
        if not is_vault(path):
            raise InvalidInput(f"no vault in {path}")
        keyslots = KeyslotFile.load(path)
        validate_login(new_login)
        check_passphrase(passphrase)
        dek = keyslots.open_recovery(identity_text)
        conn = open_db(path, dek, keyslots.vault_id)
        try:
            keyslots = _migrate_with_backup(path, conn, keyslots, dek)
            repo = UserRepository(conn)
            existing = repo.find(new_login)
            acting = User(RECOVERY_ACTOR, "IT recovery", Role.IT)
            vault = cls(path, conn, keyslots, dek, acting)
            with vault.transaction():
                vault.audit.append("recovery.open", keyslots.vault_id)
                if existing is None:
                    repo.add(new_login, display_name, role, created_by=RECOVERY_ACTOR)
                    vault.audit.append("user.add", f"{new_login}:{role.value}")
                else:
                    repo.set_active(new_login, True, RECOVERY_ACTOR)
                    vault.audit.append("user.passphrase-reset", new_login)
                vault.keyslots = vault.keyslots.with_user(new_login, passphrase, dek)
                vault.keyslots.save(path)
            vault.user = repo.get(new_login)
            return vault
        except BaseException:
            conn.close()
            raise

    # -- users -----------------------------------------------------------------------
    def require_manager(self) -> None:
        if not self.user.role.can_manage_users:
            raise Refused("only a ward manager or IT can manage users",
                          reason="manage_users_role")

    def add_user(self, login: str, display_name: str, role: Role, passphrase: str) -> User:
        self.require_manager()
        validate_login(login)
        check_passphrase(passphrase)
        with self.transaction():
            existing = self.users.find(login)
            if existing is not None and existing.active:
                raise InvalidInput(f"login already exists: {login}", reason="login_exists",
                                   params={"login": login})
            if existing is None:
                user = self.users.add(login, display_name, role, created_by=self.user.login)
            else:  # re-enabling a disabled login keeps its history
                self.users.set_active(login, True, self.user.login)
                user = self.users.get(login)
            self.audit.append("user.add", f"{login}:{role.value}")
            self.keyslots = self.keyslots.with_user(login, passphrase, self._dek)
            self.keyslots.save(self.path)
        return user

    def change_passphrase(self, new_passphrase: str) -> None:
        """The logged-in user's own passphrase: the slot is rewrapped, the data untouched."""
        check_passphrase(new_passphrase)
        with self.transaction():
            self.audit.append("user.passphrase-change", self.user.login)
            self.keyslots = self.keyslots.with_user(self.user.login, new_passphrase, self._dek)
            self.keyslots.save(self.path)

    def disable_user(self, login: str) -> None:
        """Remove the user's slot; the account row and the audit trail stay."""
        self.require_manager()
        if login == self.user.login:
            raise Refused("you cannot disable your own account", reason="disable_self")
        with self.transaction():
            self.users.set_active(login, False, self.user.login)
            self.audit.append("user.disable", login)
            self.keyslots = self.keyslots.without_user(login)
            self.keyslots.save(self.path)

    # -- lifecycle ------------------------------------------------------------------------
    def checkpoint(self) -> None:
        checkpoint(self.conn)

    def close(self) -> None:
        """Fold the WAL into the database and close (used on lock and exit too)."""
        with self._lock:  # never under another thread's transaction
            if self.conn is None:
                return
            with contextlib.suppress(CareError, DatabaseError):
                checkpoint(self.conn)
            self.conn.close()
            self.conn = None  # type: ignore[assignment,unused-ignore]
            self._dek = b""

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def backup(self, target: Path) -> Path:
        """An encrypted, verified copy of the vault with its keyslots (see vault.backup)."""
        from care_degraded.vault.backup import write_backup

        return write_backup(self, target, self._dek)

    def _key(self) -> bytes:
        return self._dek

    def _new_device(self) -> None:
        """A restored vault becomes a new device: new id, signing key and number prefix.

        The backup's counter is behind the numbers the original machine gave after
        the backup (maybe on wristbands already), and the original may still run: a
        new prefix keeps every provisional number unique. Its bundle sequence and
        signatures must not be mistaken for the original's either, so the restored
        vault gets its own device id and Ed25519 key and must be enrolled again at
        the hub. Earlier revisions keep their device and signature.
        """
        old = self.device
        prefix = _random_prefix()
        while prefix == old.prefix:  # pragma: no cover - one chance in a billion
            prefix = _random_prefix()
        device_id = str(uuid.uuid4())
        signing = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
            serialization.NoEncryption())
        self.conn.execute("INSERT INTO device (id, prefix, signing_key, created_at)"
                          " VALUES (?, ?, ?, ?)", (device_id, prefix, signing, iso(self.clock())))
        self.set_meta("device_id", device_id)
        # The enrolment belonged to the original machine: this one enrols again.
        self.conn.execute("DELETE FROM meta WHERE key = 'sync.enrolment'")
        self.__dict__.pop("_signing_key", None)
        self.device = Device(device_id, prefix)
        self.audit = AuditLog(self.conn, lambda: self.user.login, device_id, self.clock)
        self.revisions = RevisionRepository(self.conn, self.audit, lambda: self.user.login,
                                            device_id, self.clock, signer=self._sign)
        self.audit.append("device.prefix", f"{old.prefix} -> {prefix} (restored from a backup)")
        self.audit.append("device.new", f"{old.id} -> {device_id} (restored from a backup)")


def _random_prefix() -> str:
    return "".join(secrets.choice(_PREFIX_ALPHABET) for _ in range(6))


def _migrate_with_backup(path: Path, conn: Connection, keyslots: KeyslotFile,
                         dek: bytes) -> KeyslotFile:
    """Bring the schema up to date (backup first); returns the keyslots as saved."""
    try:
        steps = migrations.pending(conn)
    except DatabaseError:
        raise DamagedData("the vault database is damaged or was tampered with") from None
    if not steps:
        return keyslots
    version = migrations.current_version(conn)
    if version > 0:
        from care_degraded.vault.backup import copy_database

        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = path / "backups" / f"before-schema-{steps[-1].version}-from-{version}-{stamp}"
        copy_database(conn, dek, target, keyslots)
    migrations.migrate(conn, steps)
    if keyslots.schema_version != migrations.latest_version():
        keyslots = replace(keyslots, schema_version=migrations.latest_version())
        keyslots.save(path)
    return keyslots
