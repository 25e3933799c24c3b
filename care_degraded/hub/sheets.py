"""The hub's printouts built from its store (the renderers are in printing.hub_sheets)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from care_degraded.domain.clock import utcnow
from care_degraded.domain.errors import NotFound
from care_degraded.domain.patient import Identity
from care_degraded.hub import worklist
from care_degraded.hub.ehr import ehr_patient_by_ipp
from care_degraded.hub.identities import Resolver
from care_degraded.hub.records import ZONE
from care_degraded.hub.store import HubStore
from care_degraded.printing.hub_sheets import WorklistLine, worklist_pdf


def local(text: str | None, fmt: str = "%d/%m %H:%M") -> str:
    if not text:
        return ""
    return dt.datetime.fromisoformat(text).astimezone(ZONE).strftime(fmt)


def printed_line(store: HubStore) -> str:
    return f"{utcnow().astimezone(ZONE):%d/%m/%Y %H:%M} par {store.login}"


def _identity_line(ident: Identity | None) -> str:
    """Name and birth date, what the ward reads to find the patient's paper file."""
    if ident is None:
        return ""
    name = ident.birth_name.upper()
    if ident.used_name and ident.used_name.upper() != name:
        name = f"{ident.used_name.upper()} (née {name})"
    given = " ".join(ident.given_names)
    born = f", né(e) le {ident.birth_date:%d/%m/%Y}" if ident.birth_date else ""
    return f"{name} {given}".strip() + born


def _person(store: HubStore, resolver: Resolver, item: dict[str, Any]) -> str:
    number = item["provisional_number"]
    if number and number in resolver.by_number:
        return _identity_line(resolver.by_number[number].identity)
    resolved = str(item["resolved"])
    if resolved.startswith("ipp:"):
        known = ehr_patient_by_ipp(store, resolved.partition(":")[2])
        return _identity_line(known.identity if known else None)
    return ""


def worklist_document(store: HubStore, ward: str) -> tuple[bytes, list[dict[str, Any]]]:
    wards = {str(w) for (w,) in store.conn.execute("SELECT DISTINCT ward FROM devices")}
    if ward not in wards:
        raise NotFound(f"no ward {ward} at this hub")
    listed = worklist.items(store, ward=ward)
    resolver = Resolver(store)
    lines = []
    for item in listed:
        patient = item["patient"]
        person = _person(store, resolver, item)
        if item["provisional_number"] and item["provisional_number"] != patient:
            patient += f" (prov. {item['provisional_number']})"
        elif item["resolved"].startswith("provisional:"):
            patient += " (identité provisoire)"
        if person:
            patient = f"{person}\n{patient}"
        who = f"{item['by']}, {local(item['at'])}" if item["by"] else ""
        lines.append(WorklistLine(
            item=item["id"], scan=worklist.SCAN_PREFIX + item["id"],
            at=local(item["effective_at"]), patient=patient, kind=item["kind"],
            title=item["title"], export=item["export"], state=item["state"], who=who,
            author=item["author"]))
    return worklist_pdf(ward, lines, printed_line(store), worklist.counts(listed)), listed
