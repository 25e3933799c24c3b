"""Care records: append-only revisions made from forms, amended, voided, versioned."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from care_degraded.domain.errors import InvalidInput, NotFound, Refused
from care_degraded.domain.revision import RevisionStatus
from care_degraded.questionnaire import FormLibrary
from care_degraded.services import forms, patients, records
from care_degraded.vault import Vault

VITALS = {"effective": "2026-11-29T03:10:00+01:00", "temp": 38.4, "hr": 112, "sbp": 98,
          "dbp": 60, "rr": 24, "spo2": 93, "o2": "air", "avpu": "A"}


@pytest.fixture
def patient_id(vault: Vault) -> str:
    admission = patients.admit_patient(vault, surname="Lefèvre-Test", given_names=["Aimé"],
                                       birth_date=dt.date(1948, 3, 2), sex="male", bed="12")
    return admission.patient.id


def test_record_stores_answers_with_calculated_news2(vault: Vault, patient_id: str) -> None:
    rev = records.record_care(vault, forms.library(), patient_id, "vital-signs", VITALS)
    assert rev.kind == records.RECORD_KIND and rev.patient_ref == patient_id
    assert rev.author == vault.user.login and rev.status is RevisionStatus.FINAL
    answers = rev.payload["answers"]
    assert answers["news2-total"] >= 5  # RR 24, SpO2 93, SBP 98, HR 112, T 38.4
    assert rev.payload["form_version"] == forms.library().get("vital-signs").version
    summary = records.patient_records(vault, patient_id)
    assert [s.uuid for s in summary] == [rev.uuid]


def test_invalid_answers_store_nothing(vault: Vault, patient_id: str) -> None:
    before = vault.revisions.count()
    with pytest.raises(InvalidInput) as err:
        records.record_care(vault, forms.library(), patient_id, "vital-signs",
                            {**VITALS, "hr": 900, "temp": "hot"})
    assert any(p.startswith("hr:") for p in err.value.problems)
    assert any(p.startswith("temp:") for p in err.value.problems)
    assert vault.revisions.count() == before


def test_unknown_patient_is_refused(vault: Vault) -> None:
    with pytest.raises(NotFound):
        records.record_care(vault, forms.library(), "nobody", "vital-signs", VITALS)


def test_amend_then_void_keeps_history(vault: Vault, patient_id: str) -> None:
    lib = forms.library()
    first = records.record_care(vault, lib, patient_id, "vital-signs", VITALS)
    second = records.amend(vault, lib, first.uuid, {**VITALS, "hr": 80})
    assert second.supersedes == first.uuid and second.record_id == first.record_id
    assert second.status is RevisionStatus.FINAL
    assert second.display_status is RevisionStatus.AMENDED
    with pytest.raises(InvalidInput):  # superseded revisions cannot be amended again
        vault.revisions.append(records.RECORD_KIND, patient_id, {}, supersedes=first.uuid)
    voided = records.void(vault, second.uuid, "wrong patient")
    assert voided.status is RevisionStatus.ENTERED_IN_ERROR
    history = records.record_history(vault, first.uuid)
    assert [r.uuid for r in history] == [first.uuid, second.uuid, voided.uuid]
    assert history[0].payload["answers"]["hr"] == 112  # the original is still readable
    with pytest.raises(Refused):
        records.amend(vault, lib, voided.uuid, VITALS)
    with pytest.raises(InvalidInput):
        records.void(vault, voided.uuid, "  ")
    assert records.latest_by_form(vault, patient_id, first.payload["form_url"]) is None


def test_record_survives_a_changed_form_file(tmp_path: Path, vault: Vault,
                                             patient_id: str) -> None:
    """A record keeps its form version; the definition lives in the vault too."""
    folder = tmp_path / "forms"
    shutil.copytree(forms.library().forms_dir, folder)
    old_lib = FormLibrary(folder)
    rev = records.record_care(vault, old_lib, patient_id, "vital-signs", VITALS)
    # The form changes: new version, the old file gone.
    path = folder / "vital-signs.json"
    data = json.loads(path.read_text("utf-8"))
    data["version"] = "9.0.0"
    data["item"] = [i for i in data["item"] if i["linkId"] != "comment"]
    path.write_text(json.dumps(data), "utf-8")
    new_lib = FormLibrary(folder)
    assert new_lib.get("vital-signs").version == "9.0.0"
    summary = records.patient_records(vault, patient_id, new_lib)[0]
    assert summary.form_version == rev.payload["form_version"]
    amended = records.amend(vault, new_lib, rev.uuid, {**VITALS, "comment": "ok"})
    assert amended.payload["form_version"] == rev.payload["form_version"]
    qr = records.as_response(vault, new_lib, amended)
    assert qr["resourceType"] == "QuestionnaireResponse"
    assert qr["questionnaire"].endswith(rev.payload["form_version"])


def test_checklist_forms_are_not_care_records(vault: Vault, patient_id: str) -> None:
    with pytest.raises(InvalidInput):
        records.record_care(vault, forms.library(), patient_id, "checklist-downtime-start", {})


def test_effective_time_comes_from_the_form_answer(vault: Vault, patient_id: str) -> None:
    rev = records.record_care(vault, forms.library(), patient_id, "vital-signs", VITALS)
    assert records.get_record(vault, rev.uuid).effective_at == dt.datetime(
        2026, 11, 29, 2, 10, tzinfo=dt.UTC)
    explicit = dt.datetime(2026, 11, 28, 22, 0, tzinfo=dt.UTC)
    rev = records.record_care(vault, forms.library(), patient_id, "vital-signs", VITALS,
                              effective_at=explicit)
    assert records.get_record(vault, rev.uuid).effective_at == explicit


BED_1A = {"effective": "2026-11-29T03:10:00+01:00", "hr": 131, "sbp": 85, "rr": 29,
          "spo2": 88, "o2": "air", "avpu": "V"}  # no temperature


def test_partial_vitals_store_the_partial_news2_and_the_board_shows_it(
        vault: Vault, patient_id: str) -> None:
    from care_degraded.services import board

    rev = records.record_care(vault, forms.library(), patient_id, "vital-signs", BED_1A)
    score = records.get_record(vault, rev.uuid).news2()
    assert (score.total, score.level, score.missing) == (15, "high", ("news2-temp",))
    stored = rev.payload["answers"]
    assert stored["news2-total"] == 15 and stored["news2-level"] == "high"
    assert stored["news2-missing"] == "temp"
    now = dt.datetime(2026, 11, 29, 3, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    [row] = [r for r in board.ward_board(vault, now) if r.patient_id == patient_id]
    assert row.news2 == 15 and row.news2_level == "high"
    assert row.news2_text("fr") == "≥ 15, incomplet : T° manquante"


def test_out_of_limits_names_the_question_and_the_limit(vault: Vault, patient_id: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        records.record_care(vault, forms.library(), patient_id, "vital-signs",
                            {**VITALS, "hr": 300})
    text = " ".join([str(caught.value), *caught.value.problems])
    assert "hr" in text and "20–250 /min" in text and "300" not in text
    assert records.records_for(vault, patient_id) == []
