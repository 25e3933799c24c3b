"""The typed Record: clinical time in the ward's zone, status, typed accessors."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from care_degraded.domain.clinical_time import effective_time, parse_clinical, with_offsets
from care_degraded.domain.record import (
    MEDICATION_FORM_URL,
    SBAR_FORM_URL,
    TARGETED_NOTES_FORM_URL,
    VITALS_FORM_URL,
    Record,
    RecordKind,
    record_payload,
)
from care_degraded.domain.revision import Revision, RevisionStatus

PARIS = ZoneInfo("Europe/Paris")
SAVED = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def revision(url: str, answers: dict, *, status: str = "final", supersedes: str | None = None,
             effective: dt.datetime | None = None) -> Revision:
    payload = record_payload(url, "1.0.0", "titre", effective or SAVED, answers, PARIS)
    return Revision("u2", "u1", "record", "p1", "ide", "dev", SAVED, supersedes,
                    RevisionStatus(status), payload, 7)


def test_naive_clinical_time_is_the_wards_wall_clock() -> None:
    assert parse_clinical("2026-03-10T08:30", PARIS) == dt.datetime(
        2026, 3, 10, 7, 30, tzinfo=dt.UTC)
    assert parse_clinical("2026-07-10T08:30:00", PARIS).utcoffset() == dt.timedelta(hours=2)
    assert parse_clinical("2026-03-10T08:30:00Z", PARIS).hour == 8  # UTC stays UTC
    # the first of the answers that say when, whatever other answers hold
    answers = {"given-at": "2026-03-10T08:30", "planned": "2026-03-10T08:00"}
    assert effective_time(answers, PARIS) == dt.datetime(2026, 3, 10, 8, 30, tzinfo=PARIS)
    assert effective_time({"effective": "pas une date"}, PARIS) is None


def test_offsets_written_on_naive_times_without_moving_the_wall_clock() -> None:
    out = with_offsets({"effective": "2026-03-10T08:30", "temp": 37.2}, PARIS)
    assert out == {"effective": "2026-03-10T08:30:00+01:00", "temp": 37.2}
    kept = {"effective": "2026-03-10T08:30:00Z"}
    assert with_offsets(kept, PARIS) == kept


def test_record_time_status_and_chain() -> None:
    rev = revision(VITALS_FORM_URL, {"effective": "2026-03-10T08:30"}, supersedes="u1",
                   effective=dt.datetime(2026, 3, 10, 8, 30))
    record = Record.from_revision(rev, PARIS, ("u1", "u2"))
    assert f"{record.effective_at:%H:%M %z}" == "08:30 +0100"
    assert record.recorded_at == SAVED and record.recorded_at.tzinfo is PARIS
    assert record.status is RevisionStatus.AMENDED and not record.voided
    assert record.revisions == 2 and record.kind is RecordKind.VITALS
    voided = Record.from_revision(revision(VITALS_FORM_URL, {}, status="entered-in-error"),
                                  PARIS)
    assert voided.voided and voided.status is RevisionStatus.ENTERED_IN_ERROR


def test_answers_are_a_copy_the_record_stays_as_stored() -> None:
    record = Record.from_revision(revision(VITALS_FORM_URL, {"bp": {"sbp": 120}}), PARIS)
    record.answers["bp"]["sbp"] = 80
    assert record.answer("sbp") == 120 and record.answers["bp"] == {"sbp": 120}


def test_news2_total_parameters_and_what_is_missing() -> None:
    answers = {"news2": {"news2-parts": {"news2-rr": 3, "news2-hr": 1}, "news2-total": 4}}
    score = Record.from_revision(revision(VITALS_FORM_URL, answers), PARIS).news2()
    assert score.total == 4 and score.single_3 and score.partial
    assert dict(score.parameters) == {"news2-rr": 3, "news2-hr": 1}
    assert "news2-temp" in score.missing
    empty = Record.from_revision(revision(VITALS_FORM_URL, {"hr": 80}), PARIS)
    assert empty.news2().total is None and empty.vitals() == {"hr": 80}


def test_medication_given_and_not_given_with_reason() -> None:
    given = Record.from_revision(revision(MEDICATION_FORM_URL, {
        "drug": "Paracétamol", "dose": 1, "unit": "g", "status": "given",
        "planned": "2026-03-10T08:00", "given-at": "2026-03-10T08:10"}), PARIS)
    med = given.medication()
    assert med.given and med.closes_dose and med.drug == "Paracétamol"
    assert f"{med.planned:%H:%M %z}" == "08:00 +0100"
    refused = Record.from_revision(revision(MEDICATION_FORM_URL, {
        "drug": "Lovenox", "status": "not-given", "not-given-reason": "refused",
        "reason-detail": "dort"}), PARIS).medication()
    assert not refused.given and refused.closes_dose
    assert (refused.not_given_reason, refused.reason_detail) == ("refused", "dort")
    delayed = Record.from_revision(revision(MEDICATION_FORM_URL, {
        "drug": "Lovenox", "status": "delayed"}), PARIS).medication()
    assert not delayed.closes_dose


def test_handover_sections_sbar_and_focus_notes() -> None:
    sbar = Record.from_revision(revision(SBAR_FORM_URL, {
        "situation": "Fièvre", "assessment": "NEWS2 5", "from": "IDE nuit"}), PARIS)
    assert sbar.kind is RecordKind.HANDOVER and sbar.handover_kind == "sbar"
    assert sbar.handover_sections() == (("situation", "Fièvre"), ("assessment", "NEWS2 5"))
    assert sbar.handover_summary() == "Fièvre"
    dar = Record.from_revision(revision(TARGETED_NOTES_FORM_URL, {"target": [
        {"focus": "Douleur", "data": "EN 6"}, {"focus": "Chute"}]}), PARIS)
    assert dar.handover_kind == "dar"
    assert dar.handover_summary() == "Douleur · Chute"


def test_news2_of_a_partial_set_keeps_its_total_and_level() -> None:
    parts = {"news2-rr": 3, "news2-spo2": 3, "news2-o2": 0, "news2-sbp": 3, "news2-hr": 3,
             "news2-avpu": 3}
    # a set recorded with a form that computed no total for a partial set
    old = Record.from_revision(revision(VITALS_FORM_URL, {"news2": {"news2-parts": parts}}),
                               PARIS).news2()
    assert old.total == 15 and old.missing == ("news2-temp",) and old.level == "high"
    assert old.summary() == "≥ 15, incomplet : T° manquante"
