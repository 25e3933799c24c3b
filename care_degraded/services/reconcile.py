"""IT's reconciliation after recovery: identities, conflicts, the back-entry worklist, reports.

The one API the command line and the workbench call. Every hub command is for IT
staff: a nurse or ward manager pointing one at their ward vault is refused (exit 6).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from care_degraded.domain.errors import InvalidInput, NotFound, Refused
from care_degraded.domain.user import Role
from care_degraded.hub import conflicts, identities, reports, worklist
from care_degraded.hub.ehr import import_ehr_census
from care_degraded.hub.store import HubStore, is_hub
from care_degraded.vault import Vault
from care_degraded.vault.atomic import write_atomic
from care_degraded.vault.keyslots import KEYSLOT_FILE

__all__ = ["HubStore", "audit", "census_import", "identities_list", "link", "open_for_it",
           "unlink", "worklist_items", "worklist_mark", "conflicts_list", "report", "resolve"]


def open_for_it(path: Path, login: str, passphrase: str) -> HubStore:
    """Open the hub for an IT user; a ward's nurse or manager is refused with exit 6."""
    path = Path(path)
    if not is_hub(path) and (path / KEYSLOT_FILE).exists():
        with Vault.unlock(path, login, passphrase) as vault:
            role = vault.user.role
        if role is not Role.IT:
            raise Refused(f"hub commands are for IT staff; {login} is a ward {role.value}")
        raise InvalidInput(f"{path} is a ward vault, not a hub store")
    return HubStore.unlock(path, login, passphrase)


def census_import(store: HubStore, file: Path) -> dict[str, Any]:
    return import_ehr_census(store, Path(file))


def identities_list(store: HubStore, ward: str | None = None) -> list[dict[str, Any]]:
    return identities.list_identities(store, ward)


def link(store: HubStore, number: str, *, ipp: str | None = None, same_as: str | None = None,
         new: bool = False, reason: str) -> dict[str, Any]:
    if sum((ipp is not None, same_as is not None, new)) != 1:
        raise InvalidInput("give exactly one of --ipp, --same-as, --new")
    if ipp is not None:
        return identities.link(store, number, "ipp", ipp, reason)
    if same_as is not None:
        return identities.link(store, number, "same-as", same_as, reason)
    return identities.link(store, number, "new", None, reason)


def unlink(store: HubStore, number: str, reason: str) -> dict[str, Any]:
    return identities.unlink(store, number, reason)


def audit(store: HubStore, number: str | None = None) -> list[dict[str, Any]]:
    return identities.audit(store, number)


def worklist_items(store: HubStore, ward: str | None = None, patient: str | None = None,
                   scan: str | None = None) -> list[dict[str, Any]]:
    """The worklist; ``scan`` (a scanned line's QR text or an item id) keeps that line."""
    found = worklist.items(store, ward, patient)
    if scan is not None:
        wanted = worklist.item_from_scan(scan)
        found = [i for i in found if i["id"] == wanted]
        if not found:
            raise NotFound(f"no worklist item {wanted} at this hub")
    return found


def worklist_mark(store: HubStore, item: str, state: str,
                  reason: str | None = None) -> dict[str, Any]:
    return worklist.mark(store, worklist.item_from_scan(item), state, reason)


def worklist_print(store: HubStore, ward: str, out: Path) -> dict[str, Any]:
    """Write the ward's worklist PDF (atomic, 0600: it names patients)."""
    from care_degraded.hub.sheets import worklist_document

    pdf, listed = worklist_document(store, ward)
    write_atomic(Path(out), pdf, mode=0o600)
    return {"file": str(out), "ward": ward, "items": len(listed),
            "pages": pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages"),
            "counts": worklist.counts(listed)}


def conflicts_list(store: HubStore) -> list[dict[str, Any]]:
    return [c.to_json() for c in conflicts.detect(store)]


def resolve(store: HubStore, conflict: str, decision: str, revision: str | None,
            reason: str) -> dict[str, Any]:
    return conflicts.resolve(store, conflict, decision, revision, reason)


def report(store: HubStore, kind: str, out: Path) -> dict[str, Any]:
    """Write a recovery or outage report (PDF, 0600)."""
    if kind not in reports.KINDS:
        raise InvalidInput(f"unknown report {kind} (recovery or outage)")
    pdf = reports.render(store, kind)
    write_atomic(Path(out), pdf, mode=0o600)
    return {"file": str(out), "kind": kind, "bytes": len(pdf)}
