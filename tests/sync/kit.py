"""Helpers for the sync tests: a hub, an enrolled ward, records, a self-signed certificate."""

from __future__ import annotations

import datetime as dt
import ipaddress
import shutil
import uuid
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from care_degraded.domain.patient import Sex
from care_degraded.domain.user import Role
from care_degraded.hub.store import HubStore
from care_degraded.services import hub as hub_service
from care_degraded.services import patients
from care_degraded.services import sync as sync_service
from care_degraded.vault import Vault
from care_degraded.vault.sync_state import SyncState
from tests.conftest import MANAGER, NURSE

IT = ("it-hub", "Hugo Test-IT", "reprise apres incident 77")
WARD = "Médecine B (test)"


def make_hub(path: Path, recipient: str, exercise: bool = False) -> Path:
    with HubStore.create(path, IT[0], IT[1], IT[2], recipient, exercise=exercise):
        pass
    return path


def open_hub(path: Path) -> HubStore:
    return HubStore.unlock(path, IT[0], IT[2])


def enrolment_file(hub_dir: Path, out: Path, ward: str = WARD, url: str | None = None,
                   cert: Path | None = None) -> Path:
    with open_hub(hub_dir) as store:
        hub_service.enroll_device(store, ward, out, url=url, certificate=cert)
    return out


def enroll(vault_path: Path, hub_dir: Path, tmp: Path, url: str | None = None,
           cert: Path | None = None) -> Path:
    file = enrolment_file(hub_dir, tmp / f"enrol-{uuid.uuid4().hex[:8]}.json", url=url,
                          cert=cert)
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        sync_service.enroll(v, file)
    return file


def new_ward(path: Path, recipient: str, ward: str = WARD) -> Path:
    """A separate ward machine (its own device id and key), with the usual users."""
    with Vault.create(path, ward=ward, login=MANAGER[0], display_name=MANAGER[1],
                      passphrase=MANAGER[2], recovery_recipient=recipient) as v:
        v.add_user(NURSE[0], NURSE[1], Role.NURSE, NURSE[2])
    return path


def write_records(vault: Vault, count: int, kind: str = "obs-test") -> list[str]:
    out = []
    with vault.transaction():
        for n in range(count):
            rev = vault.revisions.append(kind, None, {"n": n, "note": f"relevé {n} à 37,2 °C"})
            out.append(rev.uuid)
    return out


def admit(vault: Vault, surname: str) -> str:
    admitted = patients.admit_patient(vault, surname=surname, given_names=["Test"],
                                      birth_date=dt.date(1950, 1, 1), sex=Sex.FEMALE,
                                      force=True)
    return admitted.patient.id


def pending(vault_path: Path) -> int:
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        return SyncState(v.conn).pending_count()


def hub_revision_count(hub_dir: Path) -> int:
    with open_hub(hub_dir) as store:
        return int(store.conn.execute("SELECT count(*) FROM received_revisions").fetchone()[0])


def hub_rows(hub_dir: Path) -> dict[str, int]:
    """Row counts of every table that ingest writes."""
    with open_hub(hub_dir) as store:
        return {t.removeprefix("received_"):
                int(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                for t in ("devices", "bundles", "received_revisions", "conflicts", "patients",
                          "forms", "alerts", "enrolments")}


def self_signed(folder: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """A certificate and key made here with `cryptography` (valid one day)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "care-degraded test hub")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(host)), x509.DNSName("localhost")]),
                critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "hub.crt", folder / "hub.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def copy_vault(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst
