"""Read a FHIR R4 census Bundle (collection, searchset, transaction or batch).

Entries are streamed one by one (see json_stream); resources may come in any
order, so references (Encounter.subject, MedicationRequest.requester...) are
resolved once the whole file has been read. Nothing here touches the vault.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from care_degraded.census.json_stream import BundleStream
from care_degraded.census.model import MAX_PROBLEMS, ParsedCensus, Refusal
from care_degraded.domain.errors import InvalidInput
from care_degraded.domain.patient import (
    Allergy,
    AllergyStatus,
    CensusEntry,
    Identity,
    Location,
    Prescription,
)
from care_degraded.fhir import census_in as fhir
from care_degraded.fhir.datatypes import parse_datetime

BUNDLE_TYPES = frozenset({"collection", "searchset", "transaction", "batch"})
KNOWN_TYPES = frozenset({"Patient", "Encounter", "AllergyIntolerance", "MedicationRequest",
                         "Practitioner", "Location", "Medication"})


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.refused: list[Refusal] = []
        self.ignored: Counter[str] = Counter()
        self.patients: list[tuple[str, set[str], Identity]] = []  # where, refs, identity
        self.encounters: dict[str, list[fhir.Resource]] = defaultdict(list)
        self.allergies: dict[str, list[Allergy | str]] = defaultdict(list)
        self.prescriptions: dict[str, list[tuple[Prescription, str | None]]] = defaultdict(list)
        self.deferred_rx: list[tuple[int, int, dict[str, Any]]] = []
        self.practitioners: dict[str, str] = {}
        self.places: dict[str, fhir.Place] = {}
        self.medications: dict[str, str] = {}

    def problem(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def entry(self, index: int, line: int, entry: Any) -> None:
        if not isinstance(entry, dict):
            self.problem(f"entry {index + 1} (line {line})", "an entry is not a JSON object")
            return
        resource = entry.get("resource")
        if resource is None:  # e.g. a DELETE in a transaction
            self.ignored["entry without resource"] += 1
            return
        rtype = resource.get("resourceType") if isinstance(resource, dict) else None
        if not isinstance(rtype, str):
            self.problem(f"entry {index + 1} (line {line})", "resource without resourceType")
            return
        try:
            self.resource(index, line, rtype, entry, resource)
        except fhir.Malformed as exc:
            self.problem(f"entry {index + 1} ({rtype}, line {line})", str(exc))

    @staticmethod
    def refs(rtype: str, entry: dict[str, Any], resource: dict[str, Any]) -> set[str]:
        """Every spelling others may use to point at this resource."""
        refs = {f"{rtype}/{resource['id']}"} if isinstance(resource.get("id"), str) else set()
        full_url = entry.get("fullUrl")
        if isinstance(full_url, str) and full_url:
            refs.add(full_url)
            key = fhir.reference_key(full_url)
            if key:
                refs.add(key)
        return refs

    def resource(self, index: int, line: int, rtype: str, entry: dict[str, Any],
                 resource: dict[str, Any]) -> None:
        if rtype == "MedicationRequest":  # the most frequent by far: tested first
            self.medication_request(index, line, resource)
        elif rtype == "Patient":
            where = f"entry {index + 1} ({rtype}, line {line})"
            result = fhir.patient_identity(resource)
            if isinstance(result, fhir.Refusal):
                self.refused.append(Refusal(where, result.reason))
            else:
                self.patients.append((where, self.refs(rtype, entry, resource), result))
        elif rtype == "Encounter":
            subject = fhir.ref_of(resource.get("subject")) or fhir.ref_of(resource.get("patient"))
            self.encounters[subject or ""].append(resource)
        elif rtype == "AllergyIntolerance":
            subject = fhir.ref_of(resource.get("patient")) or fhir.ref_of(resource.get("subject"))
            found = fhir.allergy(resource)
            if found is None:
                self.ignored["AllergyIntolerance (inactive or refuted)"] += 1
            else:
                self.allergies[subject or ""].append(found)
        elif rtype == "Practitioner":
            name = fhir.practitioner_name(resource)
            for ref in self.refs(rtype, entry, resource):
                self.practitioners[ref] = name or ""
        elif rtype == "Location":
            found_place = fhir.place(resource)
            for ref in self.refs(rtype, entry, resource):
                self.places[ref] = found_place
        elif rtype == "Medication":
            name = fhir.medication_name(resource)
            for ref in self.refs(rtype, entry, resource):
                self.medications[ref] = name or ""
        else:
            self.ignored[rtype] += 1

    def medication_request(self, index: int, line: int, resource: dict[str, Any],
                           final: bool = False) -> None:
        med_ref = fhir.ref_of(resource.get("medicationReference"))
        if (not final and "medicationCodeableConcept" not in resource and med_ref
                and med_ref not in self.medications):
            self.deferred_rx.append((index, line, resource))  # its Medication may come later
            return
        found = fhir.prescription(resource, self.practitioners, self.medications)
        if found is None:
            self.ignored["MedicationRequest (not active)"] += 1
            return
        subject = fhir.ref_of(resource.get("subject"))
        self.prescriptions[subject or ""].append((found, fhir.ref_of(resource.get("requester"))))

    def finish(self) -> tuple[list[CensusEntry], list[Refusal]]:
        for index, line, resource in self.deferred_rx:
            where = f"entry {index + 1} (MedicationRequest, line {line})"
            try:
                self.medication_request(index, line, resource, final=True)
            except fhir.Malformed as exc:
                self.problem(where, str(exc))
        entries: list[CensusEntry] = []
        claimed: set[str] = set()
        seen_ids: dict[str, str] = {}
        for where, refs, identity in self.patients:
            key = f"ipp:{identity.ipp}" if identity.ipp else f"ins:{identity.ins}"
            if key in seen_ids:
                self.refused.append(Refusal(where, f"same identifier as {seen_ids[key]}"))
                continue
            seen_ids[key] = where
            claimed |= refs
            entries.append(self.assemble(refs, identity))
        for table, label in ((self.encounters, "Encounter"), (self.allergies, "AllergyIntolerance"),
                             (self.prescriptions, "MedicationRequest")):
            orphans = sum(len(v) for k, v in table.items() if k not in claimed)
            if orphans:
                self.ignored[f"{label} (no matching Patient)"] += orphans
        return entries, self.refused

    def assemble(self, refs: set[str], identity: Identity) -> CensusEntry:
        encounters = [e for ref in refs for e in self.encounters.get(ref, ())]
        stays = [fhir.encounter_stay(e, self.places) for e in encounters]
        current = [s for s in stays if s.status in fhir.CURRENT_ENCOUNTER] or []
        not_current = len(stays) - len(current)
        if not_current:
            self.ignored["Encounter (not current)"] += not_current
        stay = max(current, key=lambda s: s.admitted_at or "", default=None)
        allergy_items = [a for ref in refs for a in self.allergies.get(ref, ())]
        allergies = tuple(a for a in allergy_items if isinstance(a, Allergy))
        status = (AllergyStatus.PRESENT if allergies else AllergyStatus.NONE_KNOWN
                  if allergy_items else AllergyStatus.NOT_DOCUMENTED)
        prescriptions: list[Prescription] = []
        keys: set[str] = set()
        for rx, requester in (p for ref in refs for p in self.prescriptions.get(ref, ())):
            if rx.prescriber is None and requester in self.practitioners:
                rx = replace(rx, prescriber=self.practitioners[requester] or None)
            if rx.key not in keys:
                keys.add(rx.key)
                prescriptions.append(rx)
        location = Location(stay.unit, stay.room, stay.bed) if stay else Location()
        attending = self.practitioners.get(stay.attending_ref or "") if stay else None
        return CensusEntry(identity=identity, location=location, allergy_status=status,
                           allergies=allergies, prescriptions=tuple(prescriptions),
                           admitted_at=stay.admitted_at if stay else None,
                           attending=attending or None)


def read_fhir_census(path: str | Path, source_name: str | None = None) -> ParsedCensus:
    """Read and check a FHIR census file. Malformed: InvalidInput, listing where."""
    path = Path(path)
    with path.open("rb") as handle:
        return read_fhir_stream(handle, source_name or path.name,
                                lambda: dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC))


def read_fhir_stream(handle: BinaryIO, source_name: str,
                     file_time: Callable[[], dt.datetime] | None = None) -> ParsedCensus:
    """Read a census Bundle from an open binary stream (a file, or bytes in memory)."""
    reader = _Reader()
    stream = BundleStream(handle)
    with _collector_paused():
        for index, line, entry in stream:
            reader.entry(index, line, entry)
    header = stream.header
    if "entry" in header:  # present but not an array: the stream left it in the header
        reader.problems.insert(0, "Bundle.entry is not an array")
    if header.get("resourceType") != "Bundle":
        reader.problems.insert(0, "the file is not a FHIR Bundle (resourceType)")
    elif header.get("type") not in BUNDLE_TYPES:
        reader.problems.insert(0, "Bundle.type must be collection, searchset, transaction or batch")
    entries, refused = reader.finish()
    if reader.problems:
        count = len(reader.problems)
        raise InvalidInput(
            f"the census file is malformed ({count} problem{'s' if count > 1 else ''}, "
            f"first: {reader.problems[0]}); "
            f"nothing was imported", reader.problems[:MAX_PROBLEMS])
    generated_at, basis = _generated_at(header, file_time)
    return ParsedCensus(source=source_name, source_kind="fhir",
                        content_sha256=stream.sha256, generated_at=generated_at,
                        generated_at_basis=basis, entries=entries, refused=refused,
                        ignored=reader.ignored)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a census is read.

    Reading keeps every decoded resource alive until the end (references are
    resolved last), so the collector's passes over the growing heap find nothing
    to free and cost a sixth of the import. JSON values and the census model hold
    no reference cycles: memory does not grow. The previous state is restored.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _generated_at(header: dict[str, Any], file_time: Callable[[], dt.datetime] | None,
                  ) -> tuple[dt.datetime, str]:
    """When the EHR made the snapshot: Bundle.timestamp, meta.lastUpdated, or the file's date."""
    meta_value = header.get("meta")
    meta: dict[str, Any] = meta_value if isinstance(meta_value, dict) else {}
    for value, basis in ((header.get("timestamp"), "bundle-timestamp"),
                         (meta.get("lastUpdated"), "meta-lastUpdated")):
        if isinstance(value, str):
            try:
                return parse_datetime(value), basis
            except ValueError:
                raise InvalidInput("the census file is malformed: its timestamp is not a date-time",
                                   [f"Bundle: {basis} is not a date-time"]) from None
    if file_time is None:
        raise InvalidInput("the census does not say when it was made",
                           ["Bundle: no timestamp and no meta.lastUpdated"])
    return file_time(), "file-mtime"
