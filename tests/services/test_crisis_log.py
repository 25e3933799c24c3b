"""The crisis log (main courante): entries as append-only revisions, amend and void."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime
from pathlib import Path

import pytest

from care_degraded.domain.crisis_entry import CRISIS_KIND, CrisisCategory
from care_degraded.domain.errors import InvalidInput, NotFound, Refused
from care_degraded.domain.revision import RevisionStatus
from care_degraded.services import crisis_log, printing
from care_degraded.services.patients import admit_patient
from care_degraded.vault import Vault
from tests.conftest import MANAGER, NURSE
from tests.printing.helpers import all_text, decode_qr, pages_text, squash


def test_entries_are_attributed_timed_and_kept_in_order(vault_path: Path) -> None:
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        v.clock = lambda: datetime(2026, 12, 2, 2, 10, tzinfo=UTC)
        first = crisis_log.add_entry(v, "decision", "Passage en mode dégradé, DPI coupé")
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        v.clock = lambda: datetime(2026, 12, 2, 2, 30, tzinfo=UTC)
        second = crisis_log.add_entry(v, CrisisCategory.ACTION, "  Kit papier imprimé\n")
        found = crisis_log.entries(v)
    assert [e.entry_id for e in found] == [first.entry_id, second.entry_id]
    assert found[0].author == MANAGER[0] and found[1].author == NURSE[0]
    assert found[0].at == datetime(2026, 12, 2, 2, 10, tzinfo=UTC)
    assert found[1].text == "  Kit papier imprimé\n"  # exactly as typed
    assert found[0].category is CrisisCategory.DECISION
    assert found[0].status is RevisionStatus.FINAL and found[0].patient_ref is None


def test_amend_keeps_time_and_author_void_needs_reason(vault: Vault) -> None:
    vault.clock = lambda: datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
    entry = crisis_log.add_entry(vault, "information", "Réseau coupé jusqu'à 8 h")
    vault.clock = lambda: datetime(2026, 12, 2, 3, 20, tzinfo=UTC)
    amended = crisis_log.amend_entry(vault, entry.uuid, "Réseau coupé jusqu'à 10 h", "incident")
    assert amended.entry_id == entry.entry_id and amended.revisions == 2
    assert amended.at == entry.at and amended.text.endswith("10 h")
    assert amended.category is CrisisCategory.INCIDENT
    assert amended.status is RevisionStatus.AMENDED
    with pytest.raises(InvalidInput):
        crisis_log.void_entry(vault, entry.uuid, "  ")
    voided = crisis_log.void_entry(vault, entry.uuid, "doublon")
    assert voided.voided and voided.reason == "doublon"
    with pytest.raises(Refused):
        crisis_log.amend_entry(vault, entry.uuid, "encore")
    with pytest.raises(Refused):
        crisis_log.void_entry(vault, entry.uuid, "encore")
    history = crisis_log.entry_history(vault, entry.entry_id)
    assert [r.status for r in history] == [RevisionStatus.FINAL, RevisionStatus.FINAL,
                                           RevisionStatus.ENTERED_IN_ERROR]
    assert history[0].payload["text"] == "Réseau coupé jusqu'à 8 h"  # nothing rewritten
    assert [r.kind for r in history] == [CRISIS_KIND] * 3
    assert len(crisis_log.entries(vault, include_voided=False)) == 0
    # every revision is in the store the sync reads, in order
    assert [r.uuid for r in vault.revisions.iter_all() if r.kind == CRISIS_KIND] == \
        [r.uuid for r in history]


def test_bad_input_is_refused_and_nothing_stored(vault: Vault) -> None:
    with pytest.raises(InvalidInput) as exc:
        crisis_log.add_entry(vault, "rumeur", "texte")
    assert exc.value.reason == "crisis_category"
    with pytest.raises(InvalidInput):
        crisis_log.add_entry(vault, "action", " \n ")
    with pytest.raises(NotFound):
        crisis_log.add_entry(vault, "patient", "chute", patient="inconnu-42")
    with pytest.raises(NotFound):
        crisis_log.get_entry(vault, "00000000-0000-0000-0000-000000000000")
    assert vault.revisions.by_kind(CRISIS_KIND) == []


def test_patient_event_links_the_patient(vault: Vault) -> None:
    p = admit_patient(vault, surname="Lœwy-Test", given_names=["Maëlys"],
                      birth_date=dt.date(1988, 3, 14), sex="female", room="8", bed="8",
                      force=True).patient
    entry = crisis_log.add_entry(vault, "patient", "Chute sans gravité", patient=p.id)
    assert entry.patient_ref == p.id
    assert vault.revisions.get(entry.uuid).patient_ref == p.id
    # not a care record: the chart's query layer does not see it
    assert vault.records.records_for(p.id) == []


def test_printed_crisis_log_has_every_entry_band_and_qr(manager_vault: Vault,
                                                        tmp_path: Path) -> None:
    v = manager_vault
    v.clock = lambda: datetime(2026, 12, 2, 1, 10, tzinfo=UTC)
    long_text = "Cellule de crise réunie ; " * 60 + "FIN-DU-TEXTE"
    crisis_log.add_entry(v, "decision", long_text)
    wrong = crisis_log.add_entry(v, "incident", "Panne électrique bâtiment C")
    crisis_log.void_entry(v, wrong.uuid, "mauvais bâtiment")
    for i in range(40):
        crisis_log.add_entry(v, "action", f"Action numéro {i:02d} réalisée")
    out = tmp_path / "mc.pdf"
    result = printing.print_crisis_log(v, out)
    assert result.what == "crisis-log" and result.pages >= 2
    pages = pages_text(out.read_bytes())
    text = squash(all_text(out.read_bytes()))
    # never cut (the long entry may split across pages, the page band in between)
    assert text.count(squash("Cellule de crise réunie")) == 60
    for wanted in ("Main courante", "FIN-DU-TEXTE", "02/12 02:10", "Décision", "mauvais bâtiment",
                   "erreur de saisie", "Action numéro 39", MANAGER[1]):
        assert squash(wanted) in text, wanted  # 02:10: the ward's wall clock (Paris)
    assert f"page1/{result.pages}" in squash(pages[0])
    assert f"page{result.pages}/{result.pages}" in squash(pages[-1])
    found = decode_qr(out, 1, tmp_path)
    assert found, "no QR code on the first page"
    printing.verify_sheet_code(v, found[0])
    audit = [str(o) for (o,) in v.conn.execute(
        "SELECT object FROM audit WHERE action = 'print.crisis-log'")]
    assert audit and "entries=42" in audit[0]


def test_empty_crisis_log_prints_and_says_so(manager_vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "mc.pdf"
    printing.print_crisis_log(manager_vault, out)
    assert squash("aucune entrée") in squash(all_text(out.read_bytes()))
