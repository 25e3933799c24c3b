"""The ward board service: rows from patients, vitals records, handovers, prescriptions."""

from __future__ import annotations

import datetime as dt

import pytest

from care_degraded.domain.patient import (
    Allergy,
    AllergyStatus,
    Identity,
    IdentityStatus,
    Location,
    Patient,
    Prescription,
    PresenceStatus,
)
from care_degraded.domain.record import SBAR_FORM_URL, record_payload
from care_degraded.services import board
from care_degraded.services.board import VITALS_FORM_URL, news2_level, ward_board

PARIS = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 29, 13, 30, tzinfo=PARIS)


def make_patient(pid: str, bed: str, surname: str, *, provisional: bool = False,
                 allergies: tuple[str, ...] = (), times: tuple[str, ...] = (),
                 as_needed: bool = False) -> Patient:
    status = IdentityStatus.PROVISIONAL if provisional else IdentityStatus.VALIDATED
    identity = Identity(surname, ("Jeanne",), dt.date(1940, 12, 1), ipp=None if provisional
                        else f"IPP{pid}", status=status,
                        provisional_number=f"AB-{pid}" if provisional else None)
    return Patient(
        id=pid, identity=identity, location=Location(unit="MED", room=bed, bed=bed),
        presence=PresenceStatus.PRESENT,
        allergy_status=AllergyStatus.PRESENT if allergies else AllergyStatus.NONE_KNOWN,
        allergies=tuple(Allergy(a) for a in allergies),
        prescriptions=(Prescription("rx1", "Paracétamol", "1", "g", "PO", times_of_day=times,
                                    as_needed=as_needed),))


def add_vitals(vault, pid: str, at: dt.datetime, answers: dict, status: str = "final"):
    with vault.transaction():
        return vault.revisions.append("record", pid, {
            "form_url": VITALS_FORM_URL, "form_version": "1.0.0",
            "effective_at": at.astimezone(dt.UTC).isoformat(), "answers": answers})


def test_rows_sorted_by_bed_naturally_with_identity_markers(vault):
    patients = [make_patient("p10", "10", "Zola"), make_patient("p2", "2", "Abel",
                                                                  provisional=True),
                make_patient("p12a", "12A", "Ménard", allergies=("Pénicilline",))]
    rows = ward_board(vault, NOW, patients, tz=PARIS)
    assert [r.bed for r in rows] == ["2", "10", "12A"]
    assert rows[0].provisional and rows[0].reference == "AB-p2"
    assert rows[0].display_name == "ABEL Jeanne"
    assert rows[0].age == 85  # born 1 Dec 1940, not yet 86 on 29 Nov 2026
    assert rows[2].allergies == ("Pénicilline",)
    assert rows[2].allergy_status is AllergyStatus.PRESENT
    assert all(r.news2 is None and r.last_vitals_at is None for r in rows)


def test_latest_vitals_and_news2_of_each_patient(vault):
    patients = [make_patient("p1", "1", "Abel"), make_patient("p2", "2", "Brel")]
    add_vitals(vault, "p1", NOW - dt.timedelta(hours=4), {"news2-total": 8})
    add_vitals(vault, "p1", NOW - dt.timedelta(hours=1), {"news2-total": 2, "news2-rr": 3})
    # effective time counts, not the order of writing: a back-dated entry is older
    add_vitals(vault, "p1", NOW - dt.timedelta(hours=6), {"news2-total": 9})
    add_vitals(vault, "p2", NOW - dt.timedelta(minutes=10), {"news2-total": 5})
    rows = {r.patient_id: r for r in ward_board(vault, NOW, patients, tz=PARIS)}
    assert rows["p1"].news2 == 2 and rows["p1"].news2_single_3
    assert rows["p1"].news2_level == "medium"
    assert rows["p1"].last_vitals_at == NOW - dt.timedelta(hours=1)
    assert rows["p2"].news2 == 5 and rows["p2"].news2_level == "medium"


def test_voided_vitals_do_not_count(vault):
    patients = [make_patient("p1", "1", "Abel")]
    first = add_vitals(vault, "p1", NOW - dt.timedelta(hours=3), {"news2-total": 1})
    wrong = add_vitals(vault, "p1", NOW - dt.timedelta(hours=1), {"news2-total": 9})
    with vault.transaction():
        vault.revisions.append("record", "p1", dict(wrong.payload), supersedes=wrong.uuid,
                               status="entered-in-error")
    [row] = ward_board(vault, NOW, patients, tz=PARIS)
    assert row.news2 == 1
    assert row.last_vitals_at == dt.datetime.fromisoformat(first.payload["effective_at"])


@pytest.mark.parametrize(("total", "single", "level"), [
    (None, False, ""), (0, False, "low"), (4, False, "low"), (3, True, "medium"),
    (5, False, "medium"), (6, False, "medium"), (7, False, "high"), (12, True, "high"),
])
def test_news2_thresholds(total, single, level):
    assert news2_level(total, single) == level


def test_meds_due_in_the_next_hour_only_scheduled(vault):
    patients = [make_patient("p1", "1", "Abel", times=("08:00", "14:00", "20:00")),
                make_patient("p2", "2", "Brel", times=("14:00",), as_needed=True),
                make_patient("p3", "3", "Cros", times=("14:45", "13:28"))]
    rows = {r.patient_id: r for r in ward_board(vault, NOW, patients, tz=PARIS)}
    assert [m.at for m in rows["p1"].meds_due] == ["14:00"]
    assert rows["p1"].meds_due[0].drug == "Paracétamol"
    assert rows["p2"].meds_due == ()
    # 13:28 is two minutes late: still due; 14:45 is beyond the hour
    assert [m.at for m in rows["p3"].meds_due] == ["13:28"]


def test_meds_due_across_midnight():
    late = dt.datetime(2026, 11, 29, 23, 30, tzinfo=PARIS)
    rx = [Prescription("k", "Lovenox", times_of_day=("00:15",))]
    assert [m.at for m in board.meds_due(rx, late)] == ["00:15"]


def add_sbar(vault, pid: str, at: dt.datetime, situation: str = "Fièvre"):
    """An SBAR record in the shape the app writes."""
    with vault.transaction():
        return vault.revisions.append("record", pid, record_payload(
            SBAR_FORM_URL, "1.0.0", "Transmissions SBAR", at,
            {"effective": at.isoformat(), "situation": situation}, vault.zone))


def test_handover_this_shift(vault):
    patients = [make_patient("p1", "1", "Abel"), make_patient("p2", "2", "Brel"),
                make_patient("p3", "3", "Cros")]
    add_sbar(vault, "p1", NOW - dt.timedelta(minutes=20))
    add_sbar(vault, "p3", NOW - dt.timedelta(hours=8))  # the night shift's
    rows = {r.patient_id: r for r in ward_board(vault, NOW, patients, tz=PARIS)}
    assert rows["p1"].handover_this_shift
    assert not rows["p2"].handover_this_shift and not rows["p3"].handover_this_shift


@pytest.mark.parametrize(("hour", "start"), [(3, (28, 21)), (7, (29, 7)), (13, (29, 7)),
                                             (14, (29, 14)), (22, (29, 21))])
def test_shift_start(hour, start):
    now = dt.datetime(2026, 11, 29, hour, 5, tzinfo=PARIS)
    got = board.shift_start(now)
    assert (got.day, got.hour) == start


def test_pending_sync_counts_revisions_no_receipt_named(vault):
    from care_degraded.vault.sync_state import SyncState

    before = board.pending_sync(vault)
    add_vitals(vault, "p1", NOW, {"news2-total": 1})
    assert board.pending_sync(vault) == before + 1
    with vault.transaction():
        SyncState(vault.conn).acknowledge(
            "bundle-test", {r.uuid: "accepted" for r in vault.revisions.iter_all()},
            "2026-11-29T10:00:00+00:00")
    assert board.pending_sync(vault) == 0


def test_banner_info(vault):
    info = board.banner_info(vault, NOW)
    assert info.ward == "Médecine B (test)" and not info.demo
    assert info.pending_sync >= 0


def test_bed_sort_key():
    beds = ["10", "2", "12B", "12A", "", "1"]
    assert sorted(beds, key=board.bed_sort_key) == ["1", "2", "10", "12A", "12B", ""]


def test_drafts_survive_close_and_reopen_only_for_their_author(vault_path):
    from care_degraded.services import drafts
    from care_degraded.vault import Vault
    from tests.conftest import MANAGER, NURSE

    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        drafts.keep(v, [{"kind": "chart", "patient_id": "p1", "form": {"hr": 88}}])
        assert drafts.count(v) == 1
    # encrypted at rest: the answers are not in the database file in clear
    assert b'"hr"' not in (vault_path / "ward.db").read_bytes()
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        assert drafts.take(v) == []  # another user: told, never given the form
        assert [d.login for d in drafts.others(v)] == [NURSE[0]]
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        assert drafts.take(v) == [{"kind": "chart", "patient_id": "p1", "form": {"hr": 88}}]
        assert drafts.take(v) == []


def give(vault, pid: str, drug: str, planned: dt.datetime, status: str = "given"):
    with vault.transaction():
        return vault.revisions.append("record", pid, {
            "form_url": board.MEDICATION_FORM_URL, "form_version": "1.0.0",
            "effective_at": planned.astimezone(dt.UTC).isoformat(),
            "answers": {"drug": drug, "planned": planned.isoformat(), "status": status}})


def test_overdue_doses_first_and_recorded_ones_gone(vault):
    # 13:30: the 12:00 dose is late and not recorded; the 14:00 one is due within the hour
    patients = [make_patient("p1", "1", "Abel", times=("12:00", "14:00")),
                make_patient("p2", "2", "Brel", times=("12:00", "14:00"))]
    give(vault, "p2", "PARACÉTAMOL", NOW.replace(hour=12, minute=5))
    rows = {r.patient_id: r for r in ward_board(vault, NOW, patients, tz=PARIS)}
    assert [(m.at, m.overdue) for m in rows["p1"].meds_due] == [("12:00", True),
                                                                ("14:00", False)]
    assert [(m.at, m.overdue) for m in rows["p2"].meds_due] == [("14:00", False)]


def test_delayed_or_voided_administration_keeps_the_dose_due(vault):
    patients = [make_patient("p1", "1", "Abel", times=("12:00",))]
    give(vault, "p1", "Paracétamol", NOW.replace(hour=12, minute=0), status="delayed")
    wrong = give(vault, "p1", "Paracétamol", NOW.replace(hour=12, minute=0))
    with vault.transaction():
        vault.revisions.append("record", "p1", dict(wrong.payload), supersedes=wrong.uuid,
                               status="entered-in-error")
    [row] = ward_board(vault, NOW, patients, tz=PARIS)
    assert [(m.at, m.overdue) for m in row.meds_due] == [("12:00", True)]


@pytest.mark.parametrize("form", ["sbar-handover", "targeted-notes"])
def test_handover_forms_recorded_as_care_count(vault, form):
    patients = [make_patient("p1", "1", "Abel"), make_patient("p2", "2", "Brel")]
    url = f"https://care-degraded.example/fhir/Questionnaire/{form}"
    with vault.transaction():
        vault.revisions.append("record", "p1", {"form_url": url, "answers": {}})
        vault.revisions.append("record", "p2", {"form_url": url.replace(form, "vital-signs"),
                                                "answers": {}})
    clock_now = dt.datetime.now(PARIS)
    rows = {r.patient_id: r for r in ward_board(vault, clock_now, patients, tz=PARIS)}
    assert rows["p1"].handover_this_shift and not rows["p2"].handover_this_shift
