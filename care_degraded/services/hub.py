"""IT's hub: create it, enrol ward machines, ingest bundles (files or network), status."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from care_degraded.domain.errors import CareError, InvalidInput
from care_degraded.hub.ingest import Outcome, ingest
from care_degraded.hub.store import HubStore
from care_degraded.sync.bundle import DEFAULT_MAX_BYTES, SUFFIX
from care_degraded.sync.receipts import SUFFIX as RECEIPT_SUFFIX
from care_degraded.vault.atomic import write_atomic

__all__ = ["HubStore", "create_hub", "enroll_device", "ingest_files", "open_hub"]


def create_hub(path: Path, login: str, display_name: str, passphrase: str,
               recovery_recipient: str, url: str | None = None,
               exercise: bool = False) -> HubStore:
    return HubStore.create(path, login, display_name, passphrase, recovery_recipient,
                           url=url, exercise=exercise)


def open_hub(path: Path, login: str, passphrase: str) -> HubStore:
    return HubStore.unlock(path, login, passphrase)


def enroll_device(store: HubStore, ward: str, out: Path, url: str | None = None,
                  certificate: Path | None = None) -> dict[str, Any]:
    """Write one enrolment file (mode 0600: it holds a one-time secret)."""
    pem = None
    if certificate is not None:
        try:
            pem = Path(certificate).read_bytes()
        except OSError as exc:
            raise InvalidInput(f"cannot read certificate {certificate}: {exc.strerror}") from None
    enrolment = store.enroll_device(ward, url=url, certificate_pem=pem)
    write_atomic(Path(out), enrolment.to_bytes(), mode=0o600)
    return {"file": str(out), "enrolment": enrolment.enrolment_id, "hub_id": enrolment.hub_id,
            "ward": enrolment.ward, "url": enrolment.hub_url,
            "tls_fingerprint": enrolment.tls_fingerprint}


def receipt_name(bundle_file: Path) -> str:
    name = Path(bundle_file).name
    stem = name[:-len(SUFFIX)] if name.endswith(SUFFIX) else name
    return stem + RECEIPT_SUFFIX


def ingest_files(store: HubStore, files: list[Path], receipts_to: Path | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, Any]:
    """Ingest each file on its own; a refused one is listed with its reason, writes nothing."""
    summary: dict[str, Any] = {"bundles": len(files), "ingested": 0, "accepted": 0, "held": 0, "duplicates": 0,
                               "conflicts": 0, "gaps": [], "refused": [], "alerts": [],
                               "results": [], "receipts": []}
    exit_code = 0
    gaps: dict[str, list[int]] = {}
    for path in files:
        try:
            size = Path(path).stat().st_size
            if size > max_bytes:
                raise InvalidInput(f"bundle larger than the limit ({max_bytes} bytes)")
            outcome = ingest(store, Path(path).read_bytes(), max_bytes)
        except CareError as exc:
            summary["refused"].append({"file": str(path), "reason": str(exc),
                                       "code": exc.code, "exit_code": exc.exit_code})
            exit_code = exit_code or exc.exit_code
            continue
        except OSError as exc:
            summary["refused"].append({"file": str(path), "reason": exc.strerror or "unreadable",
                                       "code": "invalid", "exit_code": InvalidInput.exit_code})
            exit_code = exit_code or InvalidInput.exit_code
            continue
        _add(summary, outcome, str(path))
        gaps[outcome.device] = outcome.gaps
        if receipts_to is not None:
            target = Path(receipts_to) / receipt_name(Path(path))
            write_atomic(target, outcome.receipt, mode=0o644)
            summary["receipts"].append(str(target))
    # gaps as they stand after the last bundle of each device
    summary["gaps"] = [{"device": d, "missing": g} for d, g in gaps.items() if g]
    summary["exit_code"] = exit_code
    return summary


def _add(summary: dict[str, Any], outcome: Outcome, file: str) -> None:
    summary["ingested"] += 1
    summary["accepted"] += outcome.accepted
    summary["held"] += outcome.held
    summary["conflicts"] += outcome.conflicts
    if outcome.status == "duplicate":
        summary["duplicates"] += 1
    summary["alerts"].extend({"file": file, "device": outcome.device, "alert": a}
                             for a in outcome.alerts)
    summary["results"].append({"file": file, **outcome.to_json()})
