"""Printing use cases: the downtime kit, blank forms, records, handovers, census, checklists.

The one API the interface and the command line call::

    print_kit(vault, out, hours=None, patient_id=None, sheets=None) -> PrintResult
    print_form(vault, out, form, patient_id=None) -> PrintResult  # form: id, url or FILE.json
    print_labels(vault, out, patient_id, count=24) -> PrintResult
    print_record(vault, out, record_uuid) -> PrintResult
    print_handover(vault, out, patient_id=None) -> PrintResult   # ward sheet, or one patient
    print_census(vault, out) -> PrintResult
    print_checklist(vault, out, form=None) -> PrintResult       # None: every checklist
    print_crisis_log(vault, out) -> PrintResult                 # the main courante


    print_checklist(vault, out, form=None, record=None) -> PrintResult  # record: a filled run
    verify_sheet_code(vault, payload) -> SheetCheck              # DamagedData if forged
    spool_file(vault) -> context manager of a temp PDF path inside the vault (print dialog)

Every call writes the PDF atomically (``out``), or sends it to a printer through
the system print service (``printer=``) from a temporary file inside the vault
folder that is removed afterwards, and appends one audit row: what was printed
and how many pages. Patient data never goes to the system temp folder.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from care_degraded.domain.crisis_entry import CrisisEntry
from care_degraded.domain.errors import InvalidInput, NotFound, Refused, UsageError
from care_degraded.domain.patient import Patient
from care_degraded.printing import qr
from care_degraded.printing.crisis_log import CrisisLine, crisis_log_story
from care_degraded.printing.document import PageContext, RenderResult, Sheet, render
from care_degraded.printing.flowsheet import flowsheet_story
from care_degraded.printing.form import FormRenderer
from care_degraded.printing.identity import PatientLabel, label_for
from care_degraded.printing.mar import mar_story, period_end
from care_degraded.printing.record import HistoryLine, record_story
from care_degraded.printing.sheets import RunSheet, TickLine, checklist_run_story
from care_degraded.printing.ward import census_story, handover_patient_story, handover_ward_story
from care_degraded.questionnaire import FormLibrary, FormSpec, load_questionnaire
from care_degraded.services import print_history
from care_degraded.services import print_kit as print_kit_module
from care_degraded.services import print_sources as sources
from care_degraded.services.exercise import is_exercise
from care_degraded.services.forms import spec_for, vault_library
from care_degraded.vault import Vault, leftovers
from care_degraded.vault.atomic import write_atomic

SPOOL_DIR = leftovers.SPOOL_DIR
VITALS_FORM = "vital-signs"
SBAR_FORM = "sbar-handover"
MEDICATION_FORM = "medication-administration"
ADMISSION_FORM = "downtime-admission"


@dataclass(frozen=True)
class PrintResult:
    """What one print produced."""

    what: str
    pages: int
    job: str
    path: Path | None
    payloads: tuple[str, ...] = field(default=(), repr=False)  # QR text of each page
    warnings: tuple[str, ...] = ()  # what the form loader could not support (no patient data)


@dataclass(frozen=True)
class SheetCheck:
    """A scanned sheet code that verified: what it names, resolved when possible."""

    claims: qr.SheetClaims
    patient: PatientLabel | None
    form_title: str


# -- public use cases ---------------------------------------------------------------------
def print_kit(vault: Vault, out: Path | None, hours: int | None = None, *,
              printer: str | None = None, patients: Sequence[Patient] | None = None,
              now: dt.datetime | None = None, lib: FormLibrary | None = None,
              patient_id: str | None = None,
              sheets: str | Collection[str] | None = None) -> PrintResult:
    """The downtime kit for the current shift (or ``hours`` from its start): the whole
    ward, or one patient's part (``patient_id``); every sheet, or the kinds in ``sheets``."""
    lib = vault_library(vault) if lib is None else lib
    now = now or vault.clock()
    built, detail = print_kit_module.build_kit(vault, lib, now, hours, patients, patient_id,
                                               sheets)
    return _output(vault, built, now, out, printer, "kit", detail, "Kit mode dégradé")


def print_labels(vault: Vault, out: Path | None, patient_id: str, count: int = 24, *,
                 printer: str | None = None, patients: Sequence[Patient] | None = None,
                 now: dt.datetime | None = None) -> PrintResult:
    """One patient's A4 label sheet (3 × 8 labels of 70 × 37 mm), ``count`` labels."""
    now = now or vault.clock()
    patient = sources.find_patient(vault, patient_id, patients)
    sheet = print_kit_module.label_sheet(vault, patient, count)
    return _output(vault, [sheet], now, out, printer, "labels",
                   f"patient={patient.id} count={count}", "Étiquettes")


def print_form(vault: Vault, out: Path | None, form: str, patient_id: str | None = None, *,
               printer: str | None = None, patients: Sequence[Patient] | None = None,
               now: dt.datetime | None = None, lib: FormLibrary | None = None,
               hours: int | None = None) -> PrintResult:
    """A blank form (pre-filled identity when a patient is given).

    The medication form prints as the patient's MAR and the vital signs form, for a
    patient, as the flowsheet when ``form`` is ``mar`` or ``flowsheet``.
    """
    lib = vault_library(vault) if lib is None else lib
    now = now or vault.clock()
    patient = sources.find_patient(vault, patient_id, patients) if patient_id else None
    label = label_for(patient) if patient else None
    warnings: tuple[str, ...] = ()
    if form in ("mar", "flowsheet"):
        if patient is None or label is None:
            raise UsageError(f"--patient is required for {form}")
        start, hours = print_kit_module.period(vault, now, hours)
        end = period_end(start, hours)
        history = print_history.gather(vault, [patient.id], start, end)
        if form == "mar":
            spec = _optional_form(lib, MEDICATION_FORM)
            story = mar_story(patient.prescriptions, start, hours,
                              events=history.doses.get(patient.id, ()))
            title = "Administration des médicaments"
        else:
            spec = lib.get(VITALS_FORM)
            story = flowsheet_story(spec, start, hours,
                                    points=history.vitals.get(patient.id, ()))
            title = "Surveillance"
        sheet = Sheet(title, form, story, label, *_ids(spec), landscape=True)
    else:
        spec = _form_from(lib, form)
        warnings = spec.warnings
        sheet = Sheet(spec.label(), "checklist" if spec.is_checklist else "form",
                      FormRenderer(spec).story(label), label, *_ids(spec),
                      identity_boxes=label is None and not spec.is_checklist)
    detail = f"{sheet.form_url}|{sheet.form_version}"
    if patient is not None:
        detail += f" patient={patient.id}"
    result = _output(vault, [sheet], now, out, printer, "form", detail, sheet.title)
    return dataclasses.replace(result, warnings=warnings)


def print_record(vault: Vault, out: Path | None, record_uuid: str, *,
                 printer: str | None = None, patients: Sequence[Patient] | None = None,
                 now: dt.datetime | None = None, lib: FormLibrary | None = None) -> PrintResult:
    """A filled record with its author, time and amendment history."""
    from care_degraded.services.records import history as record_history

    lib = vault_library(vault) if lib is None else lib
    now = now or vault.clock()
    history = record_history(vault, record_uuid)
    latest = history[-1]
    spec = spec_for(vault, lib, latest.form_url, latest.form_version)
    label = None
    if latest.patient_ref:
        with contextlib.suppress(NotFound):
            label = label_for(sources.find_patient(vault, latest.patient_ref, patients))
    lines = [HistoryLine(r.uuid, r.recorded_at, sources.author_name(vault, r.author),
                         r.status.value, r.reason or "") for r in history]
    # The ward's wall clock, whatever the zone of the machine that prints.
    story = record_story(spec, latest.answers, lines, label, latest.effective_at,
                         zone=vault.zone)
    sheet = Sheet(f"{spec.label()} — enregistrement", "record", story, label, *_ids(spec))
    if label is None and latest.patient_ref:
        sheet.patient = PatientLabel(latest.patient_ref, "patient inconnu du recensement")
    return _output(vault, [sheet], now, out, printer, "record", f"record={latest.record_id}",
                   sheet.title)


def print_handover(vault: Vault, out: Path | None, patient_id: str | None = None, *,
                   printer: str | None = None, patients: Sequence[Patient] | None = None,
                   now: dt.datetime | None = None, lib: FormLibrary | None = None) -> PrintResult:
    """The ward handover sheet (every patient by bed), or one patient's handover sheet."""
    lib = vault_library(vault) if lib is None else lib
    now = now or vault.clock()
    sbar = _optional_form(lib, SBAR_FORM)
    if patient_id:
        patient = sources.find_patient(vault, patient_id, patients)
        info = print_kit_module.handover_with_notes(
            vault, lib, sources.handover_infos(vault, lib, [patient])[0], patient, now)
        sheets = [Sheet("Transmissions", "handover", handover_patient_story(info, sbar),
                        info.patient, *_ids(sbar))]
        detail = f"patient={patient.id}"
    else:
        ward = sources.sort_by_bed(patients) if patients is not None else \
            sources.ward_patients(vault)
        infos = sources.handover_infos(vault, lib, ward)
        sheets = [Sheet("Transmissions du service", "handover", handover_ward_story(infos),
                        None, *_ids(sbar))]
        detail = f"patients={len(ward)}"
    return _output(vault, sheets, now, out, printer, "handover", detail, "Transmissions")


def print_census(vault: Vault, out: Path | None, *, printer: str | None = None,
                 patients: Sequence[Patient] | None = None,
                 now: dt.datetime | None = None) -> PrintResult:
    """The census list, by bed."""
    now = now or vault.clock()
    ward = sources.sort_by_bed(patients) if patients is not None else sources.ward_patients(vault)
    sheet = Sheet("Liste des patients", "census", census_story([label_for(p) for p in ward]))
    return _output(vault, [sheet], now, out, printer, "census", f"patients={len(ward)}",
                   "Liste des patients")


def print_checklist(vault: Vault, out: Path | None, form: str | None = None, *,
                    printer: str | None = None, now: dt.datetime | None = None,
                    lib: FormLibrary | None = None, record: str | None = None) -> PrintResult:
    """One checklist (by id, url or phase: start, shift, recovery), or all of them; with
    ``record``, that run filled in: who ticked what and when."""
    lib = vault_library(vault) if lib is None else lib
    now = now or vault.clock()
    if record:
        return _checklist_run(vault, out, record, printer, now, lib)
    specs = [s for s in lib.list() if s.is_checklist]
    if form:
        chosen = [s for s in specs if form in (s.short_id, s.url, s.checklist_phase)]
        if not chosen:
            spec = lib.get(form)
            if not spec.is_checklist:
                raise InvalidInput("that form is not a checklist")
            chosen = [spec]
        specs = chosen
    if not specs:
        raise NotFound("no checklist in the form library")
    sheets = [Sheet(s.label(), "checklist", FormRenderer(s, checklist=True).story(None), None,
                    *_ids(s)) for s in specs]
    return _output(vault, sheets, now, out, printer, "checklist",
                   ",".join(s.short_id for s in specs), "Check-lists")


def print_crisis_log(vault: Vault, out: Path | None, *, printer: str | None = None,
                     now: dt.datetime | None = None) -> PrintResult:
    """The crisis log (main courante): every entry, amended and voided ones marked."""
    from care_degraded.services.crisis_log import entries

    now = now or vault.clock()
    found = entries(vault)
    lines = [_crisis_line(vault, e) for e in found]
    sheet = Sheet("Main courante", "crisis-log", crisis_log_story(lines, vault.ward))
    return _output(vault, [sheet], now, out, printer, "crisis-log", f"entries={len(found)}",
                   "Main courante")


def _crisis_line(vault: Vault, entry: CrisisEntry) -> CrisisLine:
    def local(when: dt.datetime) -> str:
        return when.astimezone(vault.zone).strftime("%d/%m %H:%M")

    patient = ""
    if entry.patient_ref:
        try:
            label = label_for(sources.find_patient(vault, entry.patient_ref))
            patient = f"{label.bed} — {label.name}" if label.bed else label.name
        except NotFound:
            patient = entry.patient_ref
    status = ""
    if entry.voided:
        status = (f"erreur de saisie ({sources.author_name(vault, entry.revised_by)}, "
                  f"{local(entry.revised_at)}) : {entry.reason or ''}")
    elif entry.revisions > 1:
        status = (f"rectifiée par {sources.author_name(vault, entry.revised_by)} le "
                  f"{local(entry.revised_at)}")
    return CrisisLine(at=local(entry.at), category=entry.category.value,
                      author=sources.author_name(vault, entry.author), text=entry.text,
                      patient=patient, status=status, voided=entry.voided)


def _checklist_run(vault: Vault, out: Path | None, run_id: str, printer: str | None,
                   now: dt.datetime, lib: FormLibrary) -> PrintResult:
    from care_degraded.services import checklists

    state = checklists.run_state(vault, lib, run_id)
    zone = vault.zone
    run = RunSheet(state.title, state.started_at.astimezone(zone),
                   sources.author_name(vault, state.started_by),
                   state.ended_at.astimezone(zone) if state.ended_at else None, tuple(
                       TickLine(i.label, i.role or "", i.checked,
                                sources.author_name(vault, i.by) if i.by else "",
                                i.at.astimezone(zone) if i.at else None,
                                i.note or "") for i in state.items))
    sheet = Sheet(f"{state.title} — déroulé", "checklist", checklist_run_story(run), None,
                  state.form_url, state.form_version or "")
    return _output(vault, [sheet], now, out, printer, "checklist", f"run={state.run_id}",
                   sheet.title)


def _form_from(lib: FormLibrary, form: str) -> FormSpec:
    """A library form by id or url, or a Questionnaire file (``*.json``) not in the library."""
    if form.lower().endswith(".json"):
        path = Path(form)
        if not path.is_file():
            raise NotFound(f"no such form file: {path.name}")
        return load_questionnaire(path)
    return lib.get(form)


def verify_sheet_code(vault: Vault, payload: str, *, patients: Sequence[Patient] | None = None,
                      lib: FormLibrary | None = None) -> SheetCheck:
    """What a scanned QR code names; DamagedData (exit 4) if forged, altered or foreign."""
    claims = qr.verify(payload, vault.mac_key(qr.MAC_PURPOSE))
    label = None
    if claims.patient_id:
        with contextlib.suppress(NotFound):
            label = label_for(sources.find_patient(vault, claims.patient_id, patients))
    title = ""
    if claims.form_url:
        with contextlib.suppress(NotFound):
            title = spec_for(vault, vault_library(vault) if lib is None else lib, claims.form_url,
                             claims.form_version or None).label()
    return SheetCheck(claims, label, title)


@contextlib.contextmanager
def spool_file(vault: Vault) -> Iterator[Path]:
    """A private temporary ``.pdf`` path inside the vault folder, removed on exit.

    For the interface's print dialog: ``with spool_file(vault) as path:
    print_kit(vault, path); <print path>``. Never the system temp folder.
    """
    spool = vault.path / SPOOL_DIR
    spool.mkdir(mode=0o700, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix="job-", suffix=".pdf", dir=spool)
    # held while the job lives: leftovers.clean_spool() removes only unlocked files,
    # i.e. those a killed job left behind
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield Path(name)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
        os.close(fd)


def send_to_printer(vault: Vault, pdf: bytes, printer: str | None) -> None:
    """Print through the system print service (``lp``), the PDF on its standard input.

    No spool file is written, so a job killed half way leaves no patient PDF behind.
    ``printer`` is a CUPS queue name, or "" / "default" for the default printer.
    """
    lp = shutil.which("lp")
    if lp is None:
        raise Refused("no system print service (lp not found): print to a PDF file instead",
                      reason="no_print_service")
    cmd = [lp, "-s"]
    if printer and printer != "default":
        cmd += ["-d", printer]
    done = subprocess.run(cmd, input=pdf, capture_output=True, check=False)
    if done.returncode != 0:
        raise Refused(f"the print service refused the job (lp exit {done.returncode})",
                      reason="print_refused", params={"code": done.returncode})


def print_sheets(vault: Vault, sheets: list[Sheet], out: Path | None, what: str, detail: str,
                 title: str, *, printer: str | None = None,
                 now: dt.datetime | None = None) -> PrintResult:
    """Sheets built by another use case (the RETEX report), with the same page furniture,
    atomic file, printer and audit row as every other print."""
    return _output(vault, sheets, now or vault.clock(), out, printer, what, detail, title)


# -- helpers --------------------------------------------------------------------------------
def _output(vault: Vault, sheets: list[Sheet], now: dt.datetime, out: Path | None,
            printer: str | None, what: str, detail: str, title: str) -> PrintResult:
    if out is None and printer is None:
        raise UsageError("give an output file or a printer")
    ctx = PageContext(ward=vault.ward, census=sources.census_label(vault, now), printed_at=now,
                      printed_by=f"{vault.user.display_name} ({vault.user.login})",
                      qr_key=vault.mac_key(qr.MAC_PURPOSE), device_prefix=vault.device.prefix,
                      audit_code=vault.audit.head_code(), exercise=is_exercise(vault))
    try:
        result: RenderResult = render(sheets, ctx, title=title)
    except LayoutError:
        # Something taller than a page that cannot split: say so, without its content.
        raise InvalidInput(f"a {what} sheet could not be laid out on A4 pages") from None
    delivered: list[str] = []
    try:
        if out is not None:
            write_atomic(Path(out), result.pdf, mode=0o600)
            delivered.append("file")
        if printer is not None:
            send_to_printer(vault, result.pdf, printer)
            delivered.append("printer")
    finally:
        # Whatever reached paper or disk is audited, even if the other half failed.
        if delivered:
            with vault.transaction():
                vault.audit.append(f"print.{what}",
                                   f"{detail} pages={result.page_count} job={result.job}"
                                   f" to={'+'.join(delivered)}")
    return PrintResult(what, result.page_count, result.job, Path(out) if out else None,
                       tuple(p.payload for p in result.pages))


def _optional_form(lib: FormLibrary, form: str) -> FormSpec | None:
    try:
        return lib.get(form)
    except NotFound:
        return None


def _ids(spec: FormSpec | None) -> tuple[str, str]:
    if spec is None:
        return "", ""
    return spec.url or spec.short_id, spec.version or ""

