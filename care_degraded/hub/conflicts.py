"""Conflicts and clinical double entries: flagged for a person to decide, never merged.

* ``integrity``: a revision uuid the hub holds arrived again with other content;
* ``double-dose``: two administrations given for one prescription's due time (the
  planned time the nurse confirmed, else the due time of the EHR prescription nearest
  to when it was given, from ``Prescription.occurrences``), on one device or several;
* ``prn-max``: an as-needed medicine given more often in 24 h than its maximum;
* ``vitals-twice``: two vitals sets for one person within minutes, from two machines;
* ``linked-same-time``: once identities are linked, two records of the same form at
  the same minute that came under two identities.

Detection runs on the records as the links stand now (a revision IT voided on the
hub stays in its conflict, marked, so the decision stays with it); a conflict's id is
a digest of its kind and revisions, so re-ingesting the same bundles finds the same
ids and IT's decisions (hub revisions) still apply.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from care_degraded.domain.errors import InvalidInput, NotFound
from care_degraded.domain.names import fold
from care_degraded.domain.patient import Prescription
from care_degraded.domain.record import RECORD_KIND, Record, RecordKind
from care_degraded.hub import decisions
from care_degraded.hub.ehr import ehr_patient_by_ipp
from care_degraded.hub.identities import Resolver, label
from care_degraded.hub.records import ZONE, HubRecord, care_records, hub_voided
from care_degraded.hub.store import HubStore

VITALS_WINDOW = dt.timedelta(minutes=10)
#: a dose given this far from a due time is not read as that dose
DUE_WINDOW = dt.timedelta(minutes=90)
DECISIONS = ("keep-both", "void", "not-duplicate")
_DOSE_WORDS = {"", "prise", "prises", "dose", "doses", "{dose}", "administration",
               "administrations", "fois"}


@dataclass
class Conflict:
    kind: str
    patient: str  # resolved identity key
    revisions: list[dict[str, Any]]
    detail: str
    id: str = ""
    decision: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        uuids = sorted(r["uuid"] + r.get("sha256", "") for r in self.revisions)
        digest = hashlib.sha256(json.dumps([self.kind, uuids]).encode()).hexdigest()
        self.id = self.id or f"C-{digest[:12]}"

    @property
    def status(self) -> str:
        return "resolved" if self.decision else "open"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "patient": label(self.patient),
                "resolved": self.patient, "status": self.status, "detail": self.detail,
                "revisions": self.revisions, "decision": self.decision, **self.extra}


def _rev(h: HubRecord, voided: dict[str, str]) -> dict[str, Any]:
    r = h.record
    return {"uuid": r.uuid, "record": r.record_id, "ward": h.ward, "device": r.device,
            "author": r.author, "form": r.form_url, "effective_at": r.effective_at.isoformat(),
            "voided_on_hub": r.uuid in voided}


def detect(store: HubStore, resolver: Resolver | None = None) -> list[Conflict]:
    """Every conflict and double entry, with IT's decision when there is one."""
    resolver = resolver or Resolver(store)
    voided = hub_voided(store)
    found = _integrity(store, resolver)
    live = [h for h in care_records(store, kinds=(RECORD_KIND,)) if not h.record.voided]
    by_person: dict[str, list[HubRecord]] = defaultdict(list)
    for h in live:
        key = resolver.key(h.record.patient_ref)
        if key:
            by_person[key].append(h)
    prescriptions: dict[str, tuple[Prescription, ...]] = {}
    for key in by_person:
        if key.startswith("ipp:"):
            ehr = ehr_patient_by_ipp(store, label(key))
            prescriptions[key] = ehr.prescriptions if ehr else ()
    for key, records in by_person.items():
        rx = prescriptions.get(key, ())
        meds = [h for h in records if h.record.kind is RecordKind.MEDICATION
                and h.record.medication().given and h.record.medication().drug]
        flagged: set[str] = set()
        for conflict in [*_double_doses(key, meds, rx, voided), *_prn(key, meds, rx, voided),
                         *_vitals_twice(key, records, voided)]:
            found.append(conflict)
            flagged.update(r["uuid"] for r in conflict.revisions)
        found.extend(_linked_same_time(key, records, resolver, voided, flagged))
    decided = {str(r[0]): {"decision": r[1], "voided": r[2], "reason": r[3], "by": r[4],
                           "at": r[5], "revision": r[6]} for r in store.conn.execute(
        "SELECT conflict, decision, voided, reason, actor, at, revision FROM conflict_decisions")}
    for conflict in found:
        conflict.decision = decided.get(conflict.id)
    found.sort(key=lambda c: (c.status != "open", c.kind, label(c.patient), c.id))
    return found


def _integrity(store: HubStore, resolver: Resolver) -> list[Conflict]:
    out = []
    clashes: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for uuid, sha, bundle, at in store.conn.execute(
            "SELECT uuid, sha256, bundle_id, received_at FROM conflicts ORDER BY id"):
        clashes[str(uuid)].append((str(sha), str(bundle), str(at)))
    for uuid, others in clashes.items():
        held = store.conn.execute(
            "SELECT sha256, bundle_id, patient_ref, device FROM received_revisions"
            " WHERE uuid = ?", (uuid,)).fetchone()
        revs = [{"uuid": uuid, "sha256": held[0], "bundle": held[1], "held": True,
                 "device": held[3]}] if held else []
        revs += [{"uuid": uuid, "sha256": sha, "bundle": bundle, "held": False,
                  "received_at": at, "device": _bundle_device(store, bundle)}
                 for sha, bundle, at in others]
        out.append(Conflict("integrity", resolver.key(held[2]) if held else "", revs,
                            f"revision held, then received again with other content "
                            f"({len(others)} other version(s)); the first one is kept"))
    return out


def _bundle_device(store: HubStore, bundle: str) -> str | None:
    row = store.conn.execute("SELECT device_id FROM bundles WHERE id = ?", (bundle,)).fetchone()
    return str(row[0]) if row else None


def _drug(record: Record) -> str:
    return " ".join(fold(record.medication().drug or "").split())


def _given_at(record: Record) -> dt.datetime:
    med = record.medication()
    return med.given_at or record.effective_at


def _matching_rx(drug: str, prescriptions: Iterable[Prescription]) -> list[Prescription]:
    out = []
    for rx in prescriptions:
        name = " ".join(fold(rx.drug).split())
        if name and (name == drug or name.startswith(drug + " ") or drug.startswith(name + " ")):
            out.append(rx)
    return out


def _due_slot(record: Record, prescriptions: list[Prescription]) -> dt.datetime | None:
    planned = record.medication().planned
    if planned is not None:
        return planned.astimezone(dt.UTC)
    given = _given_at(record)
    best = None
    for rx in prescriptions:
        for due in rx.occurrences(given - DUE_WINDOW, given + DUE_WINDOW, ZONE):
            if best is None or abs(due - given) < abs(best - given):
                best = due
    return best.astimezone(dt.UTC) if best else None


def _double_doses(key: str, meds: list[HubRecord], rx: tuple[Prescription, ...],
                  voided: dict[str, str]) -> list[Conflict]:
    slots: dict[tuple[str, dt.datetime], list[HubRecord]] = defaultdict(list)
    for h in meds:
        drug = _drug(h.record)
        scheduled = [p for p in _matching_rx(drug, rx) if not p.as_needed]
        if any(p.as_needed for p in _matching_rx(drug, rx)) and not scheduled:
            continue  # as needed: counted against its maximum instead
        slot = _due_slot(h.record, scheduled)
        if slot is not None:
            slots[(drug, slot)].append(h)
    out = []
    for (_drug_name, slot), group in slots.items():
        if len(group) < 2:
            continue
        devices = {h.record.device for h in group}
        where = f"on {len(devices)} devices" if len(devices) > 1 else "on one device"
        out.append(Conflict("double-dose", key, [_rev(h, voided) for h in group],
                            f"{len(group)} administrations for the dose due "
                            f"{slot.astimezone(ZONE):%d/%m %H:%M}, {where}",
                            extra={"due": slot.astimezone(ZONE).isoformat()}))
    return out


def parse_max(text: str | None) -> tuple[Decimal, str, dt.timedelta] | None:
    """"4 prises/24 h" -> (4, "", 24 h); "3 g/1 d" -> (3, "g", 24 h); None if unreadable."""
    if not text:
        return None
    m = re.match(r"^\s*(\d+(?:[.,]\d+)?)\s*([^/]*?)\s*/\s*(\d+(?:[.,]\d+)?)?\s*([a-zA-Z]+)\s*$",
                 text)
    if not m:
        return None
    amount, unit, per, per_unit = m.groups()
    hours = {"h": 1, "d": 24, "j": 24, "day": 24, "jour": 24}.get(per_unit.lower())
    if hours is None:
        return None
    unit = unit.strip().lower()
    span = dt.timedelta(hours=float(Decimal((per or "1").replace(",", "."))) * hours)
    return Decimal(amount.replace(",", ".")), "" if unit in _DOSE_WORDS else unit, span


def _amount(record: Record, unit: str) -> Decimal:
    if not unit:
        return Decimal(1)
    med = record.medication()
    if (med.unit or "").strip().lower() != unit:
        return Decimal(1)  # another unit: counted as a dose, never converted
    try:
        return Decimal(str(med.dose).replace(",", "."))
    except (InvalidOperation, ValueError):
        return Decimal(1)


def _prn(key: str, meds: list[HubRecord], rx: tuple[Prescription, ...],
         voided: dict[str, str]) -> list[Conflict]:
    out = []
    for p in rx:
        limit = parse_max(p.max_per_day) if p.as_needed else None
        if limit is None:
            continue
        most, unit, span = limit
        given = sorted((h for h in meds if p in _matching_rx(_drug(h.record), (p,))),
                       key=lambda h: _given_at(h.record))
        excess: list[HubRecord] = []
        for i, first in enumerate(given):
            start = _given_at(first.record)
            window = [h for h in given[i:] if _given_at(h.record) - start < span]
            if sum(_amount(h.record, unit) for h in window) > most:
                excess.extend(h for h in window if h not in excess)
        if excess:
            out.append(Conflict("prn-max", key, [_rev(h, voided) for h in excess],
                                f"{p.drug}: more than {p.max_per_day} (as needed)",
                                extra={"maximum": p.max_per_day}))
    return out


def _vitals_twice(key: str, records: list[HubRecord], voided: dict[str, str]
                  ) -> list[Conflict]:
    vitals = sorted((h for h in records if h.record.kind is RecordKind.VITALS),
                    key=lambda h: h.record.effective_at)
    out = []
    group: list[HubRecord] = []
    for h in vitals:
        if group and h.record.effective_at - group[-1].record.effective_at > VITALS_WINDOW:
            out.extend(_vitals_group(key, group, voided))
            group = []
        group.append(h)
    out.extend(_vitals_group(key, group, voided))
    return out


def _vitals_group(key: str, group: list[HubRecord], voided: dict[str, str]) -> list[Conflict]:
    if len(group) < 2 or len({h.record.device for h in group}) < 2:
        return []
    return [Conflict("vitals-twice", key, [_rev(h, voided) for h in group],
                     f"{len(group)} vitals sets within {VITALS_WINDOW.seconds // 60} min "
                     "from two machines")]


def _linked_same_time(key: str, records: list[HubRecord], resolver: Resolver,
                      voided: dict[str, str], flagged: set[str]) -> list[Conflict]:
    slots: dict[tuple[str, dt.datetime], list[HubRecord]] = defaultdict(list)
    for h in records:
        if h.record.uuid in flagged:
            continue
        minute = h.record.effective_at.astimezone(dt.UTC).replace(second=0, microsecond=0)
        slots[(h.record.form_url, minute)].append(h)
    out = []
    for group in slots.values():
        if len({h.record.patient_ref for h in group}) < 2:
            continue
        out.append(Conflict("linked-same-time", key, [_rev(h, voided) for h in group],
                            f"{len(group)} records of the same form at the same time, "
                            "written under identities now linked"))
    return out


def resolve(store: HubStore, conflict_id: str, decision: str, revision: str | None,
            reason: str) -> dict[str, Any]:
    """IT's decision on one conflict, as an audited hub revision."""
    why = decisions.require_reason(reason)
    if decision not in DECISIONS:
        raise InvalidInput(f"unknown decision {decision} (one of {', '.join(DECISIONS)})")
    with store.transaction():
        conflict = next((c for c in detect(store) if c.id == conflict_id), None)
        if conflict is None:
            raise NotFound(f"no conflict {conflict_id} at this hub")
        uuids = {r["uuid"] for r in conflict.revisions}
        if decision == "void":
            if revision is None:
                raise InvalidInput("--decision void needs --revision UUID (the one in error)")
            if revision not in uuids:
                raise NotFound(f"revision {revision} is not part of conflict {conflict_id}")
        elif revision is not None and revision not in uuids:
            raise NotFound(f"revision {revision} is not part of conflict {conflict_id}")
        voided = revision if decision == "void" else None
        rev = decisions.append(store, "conflict.decision", conflict_id,
                               {"decision": decision, "revision": revision, "reason": why,
                                "conflict_kind": conflict.kind,
                                "revisions": sorted(uuids)})
        store.conn.execute(
            "INSERT OR REPLACE INTO conflict_decisions (conflict, decision, voided, reason,"
            " actor, at, revision) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (conflict_id, decision, voided, why, rev.author, rev.created_at, rev.uuid))
    return {"id": conflict_id, "kind": conflict.kind, "decision": decision,
            "revision": revision, "reason": why, "by": rev.author, "at": rev.created_at,
            "hub_revision": rev.uuid}
