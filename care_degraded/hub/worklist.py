"""The back-entry worklist: every record that must reach the EHR, and where it stands.

One item per record chain (its id is the record's id), per ward and patient, in
clinical order. States: ``to-do``, ``exported`` (sent by the FHIR export, with the
server's id and version), ``re-entered`` (typed into the EHR by hand), ``not-needed``
(with a reason; a record voided on the ward or on the hub is not-needed by itself).
Every change is a hub revision with who and when. Vitals, medication and handovers
can be exported automatically; other records (and provisional admissions) are
re-entered by hand.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from care_degraded.domain.clock import iso
from care_degraded.domain.errors import InvalidInput, NotFound
from care_degraded.domain.record import RecordKind
from care_degraded.hub import decisions
from care_degraded.hub.identities import Resolver, known_reference, label
from care_degraded.hub.records import ADMISSION_KIND, HubRecord, care_records, hub_voided
from care_degraded.hub.store import HubStore

STATES = ("to-do", "exported", "re-entered", "not-needed")
MARKS = ("exported", "re-entered", "not-needed", "to-do")
#: what the FHIR export sends by itself (Observation, MedicationAdministration, Composition)
AUTOMATIC = frozenset({RecordKind.VITALS.value, RecordKind.MEDICATION.value,
                       RecordKind.HANDOVER.value})
SCAN_PREFIX = "CDW1:"


def item_kind(h: HubRecord) -> str:
    return ADMISSION_KIND if h.record.revision_kind == ADMISSION_KIND else h.record.kind.value


def items(store: HubStore, ward: str | None = None, patient: str | None = None,
          resolver: Resolver | None = None) -> list[dict[str, Any]]:
    """The worklist (contract fields), per ward, patient, then clinical time."""
    resolver = resolver or Resolver(store)
    target = None
    if patient is not None:
        if not known_reference(store, resolver, patient):
            raise NotFound(f"no patient {patient} at this hub (neither an IPP nor a "
                           "provisional number)")
        target = resolver.resolve_number(patient) if patient in resolver.by_number \
            else f"ipp:{patient}"
    states = {str(r[0]): r for r in store.conn.execute(
        "SELECT item, state, reason, actor, at, server_id, version, error FROM worklist_states")}
    voided_on_hub = hub_voided(store)
    out: list[tuple[dt.datetime, dict[str, Any]]] = []
    for h in care_records(store, ward):
        key = resolver.key(h.record.patient_ref)
        if target is not None and key != target:
            continue
        out.append((h.record.effective_at,
                    _item(h, key, resolver, states.get(h.id), voided_on_hub)))
    out.sort(key=lambda pair: (pair[1]["ward"], pair[1]["patient"], pair[0], pair[1]["id"]))
    return [item for _, item in out]


def _item(h: HubRecord, key: str, resolver: Resolver, state: tuple[Any, ...] | None,
          voided_on_hub: dict[str, str]) -> dict[str, Any]:
    rec = h.record
    kind = item_kind(h)
    item: dict[str, Any] = {
        "id": h.id, "revision": rec.uuid, "ward": h.ward, "device": rec.device,
        "patient": label(key), "resolved": key,
        "provisional_number": resolver.number(rec.patient_ref), "kind": kind,
        "form": rec.form_url, "title": rec.form_title or kind,
        "effective_at": rec.effective_at.isoformat(), "author": rec.author,
        "export": "automatic" if kind in AUTOMATIC else "by-hand",
        "state": "to-do", "reason": None, "by": None, "at": None,
        "server_id": None, "version": None, "error": None}
    if state is not None:
        _, st, reason, actor, at, server_id, version, error = state
        item.update(state=st, reason=reason, by=actor, at=at, server_id=server_id,
                    version=version, error=error)
    if rec.voided:
        item.update(state="not-needed", reason=f"entered-in-error on the ward: {rec.reason}",
                    by=rec.author, at=iso(rec.recorded_at))
    elif rec.uuid in voided_on_hub:
        item.update(state="not-needed",
                    reason=f"entered-in-error on the hub: {voided_on_hub[rec.uuid]}")
    return item


def counts(listed: list[dict[str, Any]]) -> dict[str, int]:
    out = dict.fromkeys(STATES, 0)
    for item in listed:
        out[item["state"]] += 1
    return out


def _known_item(store: HubStore, item: str) -> None:
    if store.conn.execute("SELECT 1 FROM received_revisions WHERE record_id = ? LIMIT 1",
                          (item,)).fetchone() is None:
        raise NotFound(f"no worklist item {item} at this hub")


def item_from_scan(text: str) -> str:
    """The item id a scanned worklist line (or a typed id) names."""
    text = text.strip()
    return text[len(SCAN_PREFIX):] if text.startswith(SCAN_PREFIX) else text


def mark(store: HubStore, item: str, state: str, reason: str | None = None) -> dict[str, Any]:
    """Set an item's state by hand (re-entered, not needed with a reason...), audited."""
    if state not in MARKS:
        raise InvalidInput(f"unknown state {state} (one of {', '.join(MARKS)})")
    why = decisions.require_reason(reason) if state == "not-needed" else (reason or "").strip()
    with store.transaction():
        _known_item(store, item)
        rev = decisions.append(store, "worklist.state", item,
                               {"state": state, "reason": why or None})
        _write_state(store, item, state, why or None, rev, None, None, None)
    return {"id": item, "state": state, "reason": why or None, "by": rev.author,
            "at": rev.created_at, "revision": rev.uuid}


def record_export_outcome(store: HubStore, item: str, *, server_id: str | None = None,
                          version: str | None = None, error: str | None = None
                          ) -> dict[str, Any]:
    """The FHIR export's result for one item: exported (server id and version) or failed.

    A failure keeps the item to do, with the reason shown; an export is a hub revision
    like any other decision (the acting login is the store's).
    """
    if (error is None) == (server_id is None):
        raise InvalidInput("an export outcome is either a server id or an error")
    with store.transaction():
        _known_item(store, item)
        if error is not None:
            body: dict[str, Any] = {"outcome": "failed", "error": error}
            rev = decisions.append(store, "worklist.export", item, body)
            row = store.conn.execute("SELECT state, reason FROM worklist_states WHERE item = ?",
                                     (item,)).fetchone()
            state, reason = (row[0], row[1]) if row else ("to-do", None)
            _write_state(store, item, state, reason, rev, None, None, error)
            return {"id": item, "state": state, "error": error, "revision": rev.uuid}
        body = {"outcome": "exported", "server_id": server_id, "version": version}
        rev = decisions.append(store, "worklist.export", item, body)
        _write_state(store, item, "exported", None, rev, server_id, version, None)
    return {"id": item, "state": "exported", "server_id": server_id, "version": version,
            "revision": rev.uuid}


def _write_state(store: HubStore, item: str, state: str, reason: str | None,
                 rev: decisions.HubRevision, server_id: str | None, version: str | None,
                 error: str | None) -> None:
    store.conn.execute(
        "INSERT OR REPLACE INTO worklist_states (item, state, reason, actor, at, server_id,"
        " version, error, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (item, state, reason, rev.author, rev.created_at, server_id, version, error, rev.uuid))
