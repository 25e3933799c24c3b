"""Sync use cases on the ward: enrol, what is waiting, export to a folder, push, receipts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from care_degraded.domain.clock import parse_iso
from care_degraded.sync import outbox
from care_degraded.sync.enrolment import Enrolment
from care_degraded.sync.push import Backoff, push_outbox
from care_degraded.sync.receipts import read_receipt_file
from care_degraded.vault import Vault


def enroll(vault: Vault, file: Path, replace: bool = False) -> dict[str, Any]:
    enrolment = Enrolment.read(file)
    outbox.enroll(vault, enrolment, replace=replace)
    return {"hub_id": enrolment.hub_id, "ward": enrolment.ward, "url": enrolment.hub_url,
            "enrolment": enrolment.enrolment_id, "device": vault.device.id}


def status(vault: Vault) -> dict[str, Any]:
    return outbox.status(vault)


def is_enrolled(vault: Vault) -> bool:
    return outbox.enrolment_of(vault) is not None


def export(vault: Vault, folder: Path, full: bool = False) -> dict[str, Any]:
    return outbox.export(vault, folder, full=full)


def push(vault: Vault, url: str | None = None, backoff: Backoff | None = None,
         progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    return push_outbox(vault, url=url, backoff=backoff, progress=progress)


def apply_receipts(vault: Vault, files: Sequence[Path]) -> list[dict[str, Any]]:
    """Verify and apply each receipt file (all are checked; the first bad one raises)."""
    return [outbox.apply_receipt(vault, read_receipt_file(Path(f))) for f in files]


def banner_counts(vault: Vault) -> tuple[int, datetime | None]:
    """Revisions waiting to be sent, and when the hub last acknowledged (UTC)."""
    info = outbox.status(vault)
    last = info["last_receipt_at"]
    return int(info["pending"]), None if last is None else parse_iso(str(last))
