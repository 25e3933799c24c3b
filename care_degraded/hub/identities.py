"""Provisional identities and their candidate matches; links made by IT, never automatically.

Every provisional identity a ward created is listed with its candidates: EHR patients
(from the post-recovery list) and other provisional identities, scored from birth
date, sex and names (census.matching: accents, case, hyphens, phonetics), with the
reasons. IT links one to an IPP, confirms a new patient, or says two provisional
identities are the same person; records follow through :class:`Resolver`, the signed
revisions are never rewritten. Links and unlinks are hub revisions (who, when, why).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from care_degraded.census.matching import birth_dates_to_check, find_candidates
from care_degraded.domain.errors import NotFound, Refused
from care_degraded.domain.patient import (
    AllergyStatus,
    Identity,
    Location,
    Patient,
    PresenceStatus,
    Sex,
)
from care_degraded.hub import decisions
from care_degraded.hub.ehr import ehr_patient_by_ipp, ehr_patients_born
from care_degraded.hub.records import WardPatient, ward_patients
from care_degraded.hub.store import HubStore

#: a candidate scoring this much is ranked first and shown as likely; never linked alone
LIKELY = 80
_SURNAME = {"same": 30, "spelling": 25, "compound": 20, "phonetic": 15}
_GIVEN = {"same": 20, "spelling": 16, "compound": 14, "phonetic": 10}
LINK_KINDS = ("ipp", "same-as", "new")
STATUS = {None: "pending", "ipp": "linked", "same-as": "same-as", "new": "new"}


@dataclass(frozen=True)
class Link:
    kind: str  # ipp | same-as | new
    target: str  # the IPP, the other provisional number, or the number itself (new)
    revision: str


class Resolver:
    """Ward patient id -> the person the records belong to, as the links stand now."""

    def __init__(self, store: HubStore) -> None:
        self.patients = ward_patients(store)
        self.links = {str(n): Link(str(k), str(t), str(r)) for n, k, t, r in store.conn.execute(
            "SELECT provisional_number, target_kind, target, revision FROM identity_links")}
        self.by_number = {p.provisional_number: p for p in self.patients.values()
                          if p.provisional_number}

    def resolve_number(self, number: str) -> str:
        seen = set()
        while number not in seen:
            seen.add(number)
            link = self.links.get(number)
            if link is None:
                return f"provisional:{number}"
            if link.kind == "ipp":
                return f"ipp:{link.target}"
            if link.kind == "new":
                return f"new:{number}"
            number = link.target
        return f"provisional:{min(seen)}"  # a loop is refused at link time; never guessed

    def key(self, patient_ref: str | None) -> str:
        """``ipp:X``, ``provisional:N``, ``new:N`` (confirmed new), or ``ward:ID``."""
        if not patient_ref:
            return ""
        patient = self.patients.get(patient_ref)
        if patient is None:
            return f"ward:{patient_ref}"
        if patient.provisional_number:
            return self.resolve_number(patient.provisional_number)
        return f"ipp:{patient.ipp}" if patient.ipp else f"ward:{patient_ref}"

    def number(self, patient_ref: str | None) -> str | None:
        patient = self.patients.get(patient_ref or "")
        return patient.provisional_number if patient else None


def label(key: str) -> str:
    """What a person reads for a resolved identity: the IPP or the provisional number."""
    return key.partition(":")[2] if key else ""


def _as_patient(p: WardPatient) -> Patient:
    assert p.identity is not None
    return Patient(id=p.id, identity=p.identity, location=Location(),
                   presence=PresenceStatus.PRESENT, allergy_status=AllergyStatus.NOT_DOCUMENTED,
                   allergies=(), prescriptions=())


def score(identity: Identity, other: Identity, reasons: tuple[str, ...]) -> tuple[int, list[str]]:
    """0-100 from the matching reasons, plus sex (a different sex costs 30)."""
    total = 40 if "same birth date" in reasons else 25
    for reason in reasons:
        kind, _, how = reason.partition(": ")
        if kind == "surname":
            total += _SURNAME.get(how, 0)
        elif kind == "given name":
            total += _GIVEN.get(how, 0)
        elif reason == "surname and given name swapped":
            total += 15
    out = list(reasons)
    known = (Sex.FEMALE, Sex.MALE)
    if identity.sex in known and other.sex in known:
        if identity.sex == other.sex:
            total += 10
            out.append("same sex")
        else:
            total -= 30
            out.append("sex differs")
    return max(0, min(100, total)), out


def candidates(store: HubStore, resolver: Resolver, patient: WardPatient) -> list[dict[str, Any]]:
    """EHR patients and other provisional identities who may be this person, best first."""
    ident = patient.identity
    if ident is None or ident.birth_date is None:
        return []
    dates = birth_dates_to_check(ident.birth_date)
    known = ehr_patients_born(store, dates)
    known += [_as_patient(p) for p in resolver.by_number.values()
              if p.id != patient.id and p.identity is not None
              and p.identity.birth_date in dates]
    out = []
    for cand in find_candidates(ident.birth_name, ident.given_names, ident.birth_date, known,
                                used_name=ident.used_name):
        points, reasons = score(ident, cand.patient.identity, cand.reasons)
        entry: dict[str, Any] = {"score": points, "reasons": reasons,
                                 "likely": points >= LIKELY}
        if cand.patient.id.startswith("ehr:"):
            entry["ipp"] = cand.patient.identity.ipp
        else:
            other = resolver.patients[cand.patient.id]
            entry.update(provisional_number=other.provisional_number, ward=other.ward)
        out.append(entry)
    out.sort(key=lambda c: (-c["score"], str(c.get("ipp") or c.get("provisional_number"))))
    return out


def identity_json(ident: Identity) -> dict[str, Any]:
    return {"birth_name": ident.birth_name, "used_name": ident.used_name,
            "given_names": list(ident.given_names),
            "birth_date": ident.birth_date.isoformat() if ident.birth_date else None,
            "sex": ident.sex.value}


def list_identities(store: HubStore, ward: str | None = None,
                    with_candidates: bool = True) -> list[dict[str, Any]]:
    """Every provisional identity with its status, link and candidates (contract fields)."""
    resolver = Resolver(store)
    counts: dict[str, int] = {}
    for ref, n in store.conn.execute(
            "SELECT patient_ref, count(DISTINCT record_id) FROM received_revisions"
            " WHERE patient_ref IS NOT NULL GROUP BY patient_ref"):
        counts[str(ref)] = int(n)
    out = []
    for patient in sorted(resolver.by_number.values(),
                          key=lambda p: (p.ward, p.provisional_number or "")):
        if ward is not None and patient.ward != ward:
            continue
        number = str(patient.provisional_number)
        link = resolver.links.get(number)
        assert patient.identity is not None
        out.append({
            "provisional_number": number, "ward": patient.ward,
            "status": STATUS[link.kind if link else None],
            "link": {"kind": link.kind, "target": link.target, "revision": link.revision}
            if link else None,
            "resolved": label(resolver.resolve_number(number)),
            "identity": identity_json(patient.identity), "records": counts.get(patient.id, 0),
            "candidates": candidates(store, resolver, patient) if with_candidates else []})
    return out


def link(store: HubStore, number: str, kind: str, target: str | None, reason: str) -> dict[str, Any]:
    """Link a provisional identity (to an IPP, to another provisional one, or as new)."""
    why = decisions.require_reason(reason)
    if kind not in LINK_KINDS:
        raise Refused(f"unknown link kind {kind}")
    with store.transaction():
        resolver = Resolver(store)
        if number not in resolver.by_number:
            raise NotFound(f"no provisional identity {number} at this hub")
        if number in resolver.links:
            raise Refused(f"provisional identity {number} is already linked: unlink it first")
        if kind == "ipp":
            if not target or ehr_patient_by_ipp(store, target) is None:
                raise NotFound(f"no EHR patient with IPP {target} (import the EHR list first)")
        elif kind == "same-as":
            if not target or target not in resolver.by_number:
                raise NotFound(f"no provisional identity {target} at this hub")
            if target == number or resolver.resolve_number(target) in (
                    f"provisional:{number}", f"new:{number}"):
                raise Refused("this link would make a loop of provisional identities")
        else:
            target = number
        assert target is not None
        rev = decisions.append(store, "identity.link", number,
                               {"action": "link", "target_kind": kind, "target": target,
                                "reason": why})
        store.conn.execute("INSERT INTO identity_links (provisional_number, target_kind, target,"
                           " revision) VALUES (?, ?, ?, ?)", (number, kind, target, rev.uuid))
    return {"provisional_number": number, "status": STATUS[kind], "target_kind": kind,
            "target": target, "revision": rev.uuid, "by": rev.author, "at": rev.created_at}


def unlink(store: HubStore, number: str, reason: str) -> dict[str, Any]:
    """Undo the link of a provisional identity (audited; the records follow back)."""
    why = decisions.require_reason(reason)
    with store.transaction():
        resolver = Resolver(store)
        if number not in resolver.by_number:
            raise NotFound(f"no provisional identity {number} at this hub")
        current = resolver.links.get(number)
        if current is None:
            raise Refused(f"provisional identity {number} is not linked")
        rev = decisions.append(store, "identity.link", number,
                               {"action": "unlink", "target_kind": current.kind,
                                "target": current.target, "reason": why})
        store.conn.execute("DELETE FROM identity_links WHERE provisional_number = ?", (number,))
    return {"provisional_number": number, "status": "pending", "revision": rev.uuid,
            "was": {"kind": current.kind, "target": current.target}, "by": rev.author,
            "at": rev.created_at}


def audit(store: HubStore, number: str | None = None) -> list[dict[str, Any]]:
    """Every link and unlink, oldest first, with who, when and why."""
    return [r.to_json() for r in decisions.history(store, "identity.", number)]


def known_reference(store: HubStore, resolver: Resolver, wanted: str) -> bool:
    """Is ``wanted`` an IPP of the EHR list or of a ward, or a provisional number?"""
    if wanted in resolver.by_number or ehr_patient_by_ipp(store, wanted) is not None:
        return True
    return any(p.ipp == wanted for p in resolver.patients.values())

