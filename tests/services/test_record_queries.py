"""The one query layer: latest revision only, entered-in-error counts for nothing,
latest by clinical time, in the ward's zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from care_degraded.domain.errors import InvalidInput
from care_degraded.domain.record import RecordKind
from care_degraded.services import forms, patients, records
from care_degraded.vault import Vault

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def pid(vault: Vault) -> str:
    return patients.admit_patient(vault, surname="Requête-Test", given_names=["Lou"],
                                  birth_date=dt.date(1950, 1, 2), sex="female",
                                  bed="4").patient.id


def vitals(vault: Vault, pid: str, at: str, hr: int = 80) -> str:
    return records.record_care(vault, forms.library(), pid, "vital-signs",
                               {"effective": at, "hr": hr}).uuid


def sbar(vault: Vault, pid: str, at: str, situation: str) -> str:
    return records.record_care(vault, forms.library(), pid, "sbar-handover", sbar_answers(
        at, situation)).uuid


def sbar_answers(at: str, situation: str) -> dict[str, str]:
    return {"effective": at, "from": "IDE de jour", "situation": situation,
            "assessment": "stable", "recommendation": "surveiller"}


def test_latest_is_by_clinical_time_not_by_saving_order(vault: Vault, pid: str) -> None:
    vitals(vault, pid, "2026-03-10T10:00", hr=100)
    vitals(vault, pid, "2026-03-10T08:00", hr=70)  # back-entered afterwards
    latest = records.latest_vitals(vault, pid)
    assert latest is not None and latest.answer("hr") == 100
    assert f"{latest.effective_at:%H:%M %z}" == "10:00 +0100"


def test_amendment_replaces_and_void_removes(vault: Vault, pid: str) -> None:
    lib = forms.library()
    first = sbar(vault, pid, "2026-03-10T07:30", "Première")
    records.amend(vault, lib, first, sbar_answers("2026-03-10T07:30", "Corrigée"))
    latest = records.latest_handover(vault, pid)
    assert latest is not None and latest.handover_summary() == "Corrigée"
    assert latest.revisions == 2 and latest.status.value == "amended"
    records.void(vault, first, "mauvais patient")
    assert records.latest_handover(vault, pid) is None
    assert records.records_for(vault, pid) == []
    shown = records.records_for(vault, pid, include_voided=True)
    assert len(shown) == 1 and shown[0].voided and shown[0].reason == "mauvais patient"


def test_an_older_valid_handover_shows_through_a_voided_newer_one(vault: Vault,
                                                                   pid: str) -> None:
    sbar(vault, pid, "2026-03-10T07:30", "Ancienne")
    newer = sbar(vault, pid, "2026-03-10T14:30", "Récente")
    records.void(vault, newer, "erreur")
    latest = records.latest_handover(vault, pid)
    assert latest is not None and latest.handover_summary() == "Ancienne"


def test_records_for_kinds_and_since(vault: Vault, pid: str) -> None:
    vitals(vault, pid, "2026-03-10T06:00")
    vitals(vault, pid, "2026-03-10T12:00")
    sbar(vault, pid, "2026-03-10T13:00", "S")
    since = dt.datetime(2026, 3, 10, 11, 0, tzinfo=PARIS)
    got = records.records_for(vault, pid, [RecordKind.VITALS], since)
    assert [f"{r.effective_at:%H:%M}" for r in got] == ["12:00"]
    assert [r.kind for r in records.records_for(vault, pid)] == [
        RecordKind.HANDOVER, RecordKind.VITALS, RecordKind.VITALS]


def test_administrations_since_use_the_planned_time(vault: Vault, pid: str) -> None:
    lib = forms.library()
    for planned, status in (("2026-03-10T08:00", "given"), ("2026-03-10T12:00", "delayed"),
                            ("2026-03-09T20:00", "given")):
        records.record_care(vault, lib, pid, "medication-administration", {
            "drug": "Paracétamol", "dose": 1, "unit": "g", "route": "po",
            "planned": planned, "status": status, "given-at": planned, "high-risk": False})
    got = records.administrations(vault, pid, dt.datetime(2026, 3, 10, 0, 0, tzinfo=PARIS))
    assert [(f"{r.medication().planned:%H:%M}", r.medication().status) for r in got] == [
        ("08:00", "given"), ("12:00", "delayed")]


def test_pending_sync_is_every_unacknowledged_revision(vault: Vault, pid: str) -> None:
    before = len(records.pending_sync(vault))
    uuid = vitals(vault, pid, "2026-03-10T06:00")
    pending = records.pending_sync(vault)
    assert len(pending) == before + 1 and pending[-1].uuid == uuid


def test_the_ward_zone_is_a_vault_setting(manager_vault: Vault) -> None:
    assert manager_vault.zone.key == "Europe/Paris"
    manager_vault.set_zone("America/Cayenne")
    assert manager_vault.zone.key == "America/Cayenne"
    with pytest.raises(InvalidInput):
        manager_vault.set_zone("Mars/Olympus")
