"""Checklist runs: a phase, a start and an end; each tick with who and when."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from care_degraded.domain.errors import InvalidInput, Refused
from care_degraded.services import checklists, forms
from care_degraded.vault import Vault
from tests.conftest import MANAGER, NURSE


def test_run_ticks_record_who_and_when(vault_path: Path) -> None:
    lib = forms.library()
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        state = checklists.start_run(v, lib, "start")
        assert state.phase == "start" and state.ended_at is None
        roles = state.progress()
        assert set(roles) == {"nurse", "manager", "it"}
        assert all(done == 0 for done, _ in roles.values())
        first_manager = next(i for i in state.items if i.role == "manager")
        v.clock = lambda: datetime(2026, 11, 29, 2, 30, tzinfo=UTC)
        state = checklists.tick(v, lib, state.run_id, first_manager.link_id)
        run_id = state.run_id
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        first_nurse = next(i for i in state.items if i.role == "nurse")
        state = checklists.tick(v, lib, run_id, first_nurse.link_id, note="chariot prêt")
        ticked = {i.link_id: i for i in state.items if i.checked}
        assert ticked[first_manager.link_id].by == MANAGER[0]
        assert ticked[first_manager.link_id].at == datetime(2026, 11, 29, 2, 30, tzinfo=UTC)
        assert ticked[first_nurse.link_id].by == NURSE[0]
        assert ticked[first_nurse.link_id].note == "chariot prêt"
        assert state.progress()["nurse"][0] == 1 and state.progress()["manager"][0] == 1
        # unticking is a new revision too
        state = checklists.tick(v, lib, run_id, first_nurse.link_id, checked=False)
        assert state.progress()["nurse"][0] == 0
        assert len(v.revisions.history(run_id)) == 4
        with pytest.raises(InvalidInput):
            checklists.tick(v, lib, run_id, "no-such-item")
        closed = checklists.end_run(v, lib, run_id)
        assert closed.ended_at is not None
        with pytest.raises(Refused):
            checklists.tick(v, lib, run_id, first_nurse.link_id)
        assert checklists.active_runs(v, lib) == []
        assert [s.run_id for s in checklists.runs(v, lib)] == [run_id]


def test_every_phase_has_a_checklist_and_unknown_phase_is_refused(vault: Vault) -> None:
    lib = forms.library()
    for phase in checklists.PHASES:
        assert checklists.checklist_for_phase(lib, phase).checklist_phase == phase
    with pytest.raises(InvalidInput):
        checklists.start_run(vault, lib, "lunch")
    with pytest.raises(InvalidInput):
        checklists.start_run(vault, lib, "vital-signs")
