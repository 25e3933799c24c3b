"""Read a census exported as CSV (a spreadsheet or an EHR "downtime report").

The file
--------
UTF-8, with or without a byte-order mark; cells separated by ``;`` (French
spreadsheets) or ``,`` (found from the header line); cells may be quoted with
``"``. A cell starting with ``=``, ``+``, ``-`` or ``@`` is kept as text: nothing
here ever evaluates a formula. The first line names the columns (case, accents
and the French names below are accepted).

One line per active prescription; a patient without any prescription takes one
line with the prescription columns empty. The identity columns repeat on each
line of a patient and must agree.

=====================  =====================  ===========================================
column                 French name            content
=====================  =====================  ===========================================
ipp                    ipp                    hospital patient number (ipp or ins needed)
ins                    ins                    INS (kept only when identity_status = QUAL)
identity_status        statut_identite        PROV, RECUP, VALI or QUAL
birth_name *           nom_naissance          birth name
used_name              nom_utilise            used name (e.g. married name)
given_names *          prenoms                given names, separated by spaces or ","
used_given_name        prenom_utilise         used first name
birth_date *           date_naissance         YYYY-MM-DD or DD/MM/YYYY
sex *                  sexe                   F, M, female, male, other, unknown (I, U)
birthplace_code        code_lieu_naissance    INSEE commune code
birthplace             lieu_naissance         birthplace name
unit                   unite                  care unit
room                   chambre                room
bed                    lit                    bed
admitted_at            date_entree            admission date(-time)
attending              medecin                attending doctor
allergies              allergies              "aucune" for none known, else items
                                              separated by "|"
drug                   medicament             prescribed drug (empty: no prescription)
dose                   dose                   e.g. 1 or 2,5
dose_unit              unite_dose             mg, g, UI, mL...
route                  voie                   voie orale, IV, SC...
times                  horaires               08:00|20:00 (or 8h|20h)
as_needed              si_besoin              condition for an "as needed" prescription
prescriber             prescripteur           prescribing doctor
start                  debut                  start date(-time)
end                    fin                    end date(-time)
prescription_id        id_prescription        stable id of the prescription line
=====================  =====================  ===========================================

(* required.) A malformed file (bad date, unknown sex, identity lines that
disagree) imports nothing and the error names each line.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from pathlib import Path

from care_degraded.census.model import MAX_PROBLEMS, ParsedCensus, Refusal
from care_degraded.domain.errors import InvalidInput
from care_degraded.domain.names import fold
from care_degraded.domain.patient import (
    Allergy,
    AllergyStatus,
    CensusEntry,
    Identity,
    IdentityStatus,
    Location,
    Prescription,
    Sex,
)
from care_degraded.fhir.codes import IDENTITY_STATUS_CODES

_ALIASES = {
    "ipp": "ipp", "ins": "ins", "identity_status": "identity_status",
    "statut_identite": "identity_status", "birth_name": "birth_name",
    "nom_naissance": "birth_name", "nom_de_naissance": "birth_name", "nom": "birth_name",
    "used_name": "used_name", "nom_utilise": "used_name", "nom_usage": "used_name",
    "given_names": "given_names", "prenoms": "given_names", "prenom": "given_names",
    "used_given_name": "used_given_name", "prenom_utilise": "used_given_name",
    "birth_date": "birth_date", "date_naissance": "birth_date", "date_de_naissance": "birth_date",
    "sex": "sex", "sexe": "sex", "birthplace_code": "birthplace_code",
    "code_lieu_naissance": "birthplace_code", "birthplace": "birthplace",
    "lieu_naissance": "birthplace", "unit": "unit", "unite": "unit", "service": "unit",
    "room": "room", "chambre": "room", "bed": "bed", "lit": "bed",
    "admitted_at": "admitted_at", "date_entree": "admitted_at", "attending": "attending",
    "medecin": "attending", "allergies": "allergies", "drug": "drug", "medicament": "drug",
    "dose": "dose", "dose_unit": "dose_unit", "unite_dose": "dose_unit", "route": "route",
    "voie": "route", "times": "times", "horaires": "times", "as_needed": "as_needed",
    "si_besoin": "as_needed", "prescriber": "prescriber", "prescripteur": "prescriber",
    "start": "start", "debut": "start", "end": "end", "fin": "end",
    "prescription_id": "prescription_id", "id_prescription": "prescription_id",
}
REQUIRED = ("birth_name", "given_names", "birth_date", "sex")
_IDENTITY = ("ipp", "ins", "identity_status", "birth_name", "used_name", "given_names",
             "used_given_name", "birth_date", "sex", "birthplace_code", "birthplace", "unit",
             "room", "bed", "admitted_at", "attending", "allergies")
_SEX = {"f": Sex.FEMALE, "female": Sex.FEMALE, "femme": Sex.FEMALE, "m": Sex.MALE,
        "male": Sex.MALE, "h": Sex.MALE, "homme": Sex.MALE, "other": Sex.OTHER,
        "autre": Sex.OTHER, "i": Sex.OTHER, "unknown": Sex.UNKNOWN, "u": Sex.UNKNOWN,
        "inconnu": Sex.UNKNOWN, "": Sex.UNKNOWN}
_NONE_KNOWN = {"aucune", "aucune allergie connue", "none", "none known", "nka", "ras", "0"}
_TIME = re.compile(r"^(\d{1,2})(?:[:hH](\d{2})?)?$")


def _column(name: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", fold(name.strip())).strip("_")
    return _ALIASES.get(key, key)


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"


def parse_date(text: str) -> dt.date:
    """YYYY-MM-DD or DD/MM/YYYY (also DD-MM-YYYY, DD.MM.YYYY); ValueError otherwise."""
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    raise ValueError("not a date")


def parse_moment(text: str) -> str:
    """A date or date-time as ISO text ("2026-01-14" or "2026-01-14T08:30")."""
    text = text.strip()
    date_part, _, time_part = text.replace("T", " ").partition(" ")
    day = parse_date(date_part)
    if not time_part:
        return day.isoformat()
    match = _TIME.match(time_part.strip()[:5]) if len(time_part.strip()) <= 5 else None
    if match is None:
        moment = dt.datetime.fromisoformat(f"{day.isoformat()}T{time_part.strip()}")
        return moment.isoformat()
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    return dt.datetime.combine(day, dt.time(hour, minute)).isoformat(timespec="minutes")


def _times(text: str) -> tuple[str, ...]:
    found = []
    for part in re.split(r"[|;,/ ]+", text.strip()):
        if not part:
            continue
        match = _TIME.match(part)
        if match is None or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
            raise ValueError("not a time of day")
        found.append(f"{int(match.group(1)):02d}:{int(match.group(2) or 0):02d}")
    return tuple(sorted(set(found)))


def _allergies(text: str) -> tuple[AllergyStatus, tuple[Allergy, ...]]:
    if not text.strip():
        return AllergyStatus.NOT_DOCUMENTED, ()
    if fold(text.strip()) in _NONE_KNOWN:
        return AllergyStatus.NONE_KNOWN, ()
    items = tuple(Allergy(substance=p.strip()) for p in text.split("|") if p.strip())
    return AllergyStatus.PRESENT, items


class _Rows:
    """Patients gathered from their lines, with the problems found on the way."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.refused: list[Refusal] = []
        self.identity_cells: dict[str, tuple[int, tuple[str, ...]]] = {}
        self.entries: dict[str, CensusEntry] = {}
        self.prescriptions: dict[str, list[Prescription]] = {}

    def bad(self, line: int, column: str, what: str) -> None:
        self.problems.append(f"line {line}, column {column}: {what}")

    def add(self, line: int, row: dict[str, str]) -> None:
        ipp, ins = row.get("ipp", "").strip(), row.get("ins", "").strip()
        status_code = row.get("identity_status", "").strip().upper()
        status = IdentityStatus(IDENTITY_STATUS_CODES.get(status_code, "unknown"))
        if status_code and status_code not in IDENTITY_STATUS_CODES:
            self.bad(line, "identity_status", "not PROV, RECUP, VALI or QUAL")
        qualified_ins = ins if ins and status is IdentityStatus.QUALIFIED else ""
        if not ipp and not qualified_ins:
            reason = "no identifier" if not ins else "no IPP and no qualified INS"
            self.refused.append(Refusal(f"line {line}", reason))
            return
        key = f"ipp:{ipp}" if ipp else f"ins:{qualified_ins}"
        cells = tuple(row.get(c, "").strip() for c in _IDENTITY)
        if key in self.identity_cells:
            first, known = self.identity_cells[key]
            if known != cells:
                self.bad(line, "identity", f"differs from line {first} for the same patient")
                return
        else:
            self.identity_cells[key] = (line, cells)
            entry = self._entry(line, row, ipp, qualified_ins, status)
            if entry is None:
                return
            self.entries[key] = entry
            self.prescriptions[key] = []
        rx = self._prescription(line, row, len(self.prescriptions[key]))
        if rx is not None:
            self.prescriptions[key].append(rx)

    def _entry(self, line: int, row: dict[str, str], ipp: str, ins: str,
               status: IdentityStatus) -> CensusEntry | None:
        ok = True
        for column in REQUIRED:
            if column != "sex" and not row.get(column, "").strip():
                self.bad(line, column, "empty")
                ok = False
        birth_date = None
        try:
            birth_date = parse_date(row.get("birth_date", ""))
        except ValueError:
            if row.get("birth_date", "").strip():
                self.bad(line, "birth_date", "not a date (YYYY-MM-DD or DD/MM/YYYY)")
            ok = False
        sex = _SEX.get(fold(row.get("sex", "").strip()))
        if sex is None:
            self.bad(line, "sex", "not F, M, other or unknown")
            ok = False
        admitted = row.get("admitted_at", "").strip() or None
        if admitted:
            try:
                admitted = parse_moment(admitted)
            except ValueError:
                self.bad(line, "admitted_at", "not a date or date-time")
                ok = False
        if not ok or sex is None:
            return None
        given = tuple(g for g in re.split(r"[,\s]+", row["given_names"].strip()) if g)
        allergy_status, allergies = _allergies(row.get("allergies", ""))
        used = row.get("used_name", "").strip() or None
        identity = Identity(
            birth_name=row["birth_name"].strip(), given_names=given, birth_date=birth_date,
            sex=sex, used_name=used if used != row["birth_name"].strip() else None,
            used_given_name=row.get("used_given_name", "").strip() or None,
            ipp=ipp or None, ins=ins or None, status=status,
            birthplace_code=row.get("birthplace_code", "").strip() or None,
            birthplace=row.get("birthplace", "").strip() or None)
        location = Location(*(row.get(c, "").strip() or None for c in ("unit", "room", "bed")))
        return CensusEntry(identity=identity, location=location, allergy_status=allergy_status,
                           allergies=allergies, admitted_at=admitted,
                           attending=row.get("attending", "").strip() or None)

    def _prescription(self, line: int, row: dict[str, str], position: int) -> Prescription | None:
        drug = row.get("drug", "").strip()
        if not drug:
            return None
        values: dict[str, str | None] = {}
        for column in ("start", "end"):
            text = row.get(column, "").strip()
            values[column] = None
            if text:
                try:
                    values[column] = parse_moment(text)
                except ValueError:
                    self.bad(line, column, "not a date or date-time")
        try:
            times = _times(row.get("times", ""))
        except ValueError:
            self.bad(line, "times", "not times of day (08:00|20:00)")
            times = ()
        as_needed = row.get("as_needed", "").strip()
        key = row.get("prescription_id", "").strip() or f"line|{position + 1}:{drug}"
        return Prescription(
            key=key, drug=drug, dose_value=row.get("dose", "").strip().replace(",", ".") or None,
            dose_unit=row.get("dose_unit", "").strip() or None,
            route=row.get("route", "").strip() or None, times_of_day=times,
            as_needed=bool(as_needed), as_needed_condition=as_needed or None,
            prescriber=row.get("prescriber", "").strip() or None,
            start=values["start"], end=values["end"])


def read_csv_census(path: str | Path, source_name: str | None = None) -> ParsedCensus:
    """Read and check a CSV census. Malformed: InvalidInput naming each line."""
    path = Path(path)
    digest = hashlib.sha256()
    with path.open("rb") as raw:
        for chunk in iter(lambda: raw.read(1 << 20), b""):
            digest.update(chunk)
    rows = _Rows()
    try:
        with path.open("r", encoding="utf-8-sig", newline="") as handle:
            header_line = handle.readline()
            handle.seek(0)
            reader = csv.reader(handle, delimiter=_delimiter(header_line), quotechar='"')
            header = [_column(h) for h in next(reader, [])]
            missing = [c for c in REQUIRED if c not in header]
            if "ipp" not in header and "ins" not in header:
                missing.insert(0, "ipp or ins")
            if missing:
                raise InvalidInput("the census file is malformed: missing columns",
                                   [f"line 1: missing column {c}" for c in missing])
            for cells in reader:
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) > len(header):
                    rows.bad(reader.line_num, "-", f"{len(cells)} cells for {len(header)} columns")
                    continue
                rows.add(reader.line_num, dict(zip(header, cells, strict=False)))
    except UnicodeDecodeError:
        raise InvalidInput("the census file is not UTF-8 text (save it as CSV UTF-8)") from None
    except csv.Error as exc:  # one problem: said in the one line
        raise InvalidInput(f"the census file is malformed CSV ({exc})") from None
    if rows.problems:
        count = len(rows.problems)
        raise InvalidInput(
            f"the census file is malformed ({count} problem{'s' if count > 1 else ''}, "
            f"first: {rows.problems[0]}); "
            "nothing was imported", rows.problems[:MAX_PROBLEMS])
    entries = [CensusEntry(**{**entry.__dict__, "prescriptions": tuple(rows.prescriptions[key])})
               for key, entry in rows.entries.items()]
    return ParsedCensus(
        source=source_name or path.name, source_kind="csv", content_sha256=digest.hexdigest(),
        generated_at=dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC),
        generated_at_basis="file-mtime", entries=entries, refused=rows.refused)
