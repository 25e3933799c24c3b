"""A scenario run accelerated (×10) on a fake clock: injects fire at their times, the
expected actions are detected with their delays, and the RETEX report prints them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from care_degraded.domain.errors import Refused
from care_degraded.domain.scenario import parse_scenario
from care_degraded.services import checklists, crisis_log, drill, forms, records
from care_degraded.services.drill_review import review
from care_degraded.services.exercise import is_exercise, is_exercise_dir
from care_degraded.services.patients import ward_patients
from care_degraded.services.printing import print_kit
from care_degraded.services.retex import print_retex
from care_degraded.vault import Vault
from tests.conftest import MANAGER
from tests.drill.conftest import FakeClock
from tests.printing.helpers import all_text, squash


def fired(v: Vault) -> list[str]:
    return [i.inject.id for i in drill.status(v).fired]


def test_drill_vault_is_marked_and_separate(drill_path: Path, drill_vault: tuple[Vault, FakeClock],
                                            manager_vault: Vault) -> None:
    v, _ = drill_vault
    assert is_exercise(v) and is_exercise_dir(drill_path)
    assert v.meta("exercise") == "1" and v.ward.startswith("EXERCICE")
    assert len(ward_patients(v)) == 5  # the synthetic ward
    assert v.vault_id != manager_vault.vault_id and v.device.id != manager_vault.device.id
    assert not is_exercise(manager_vault) and not is_exercise_dir(manager_vault.path)
    with pytest.raises(Refused):  # never over an existing vault, production or not
        drill.start_drill(manager_vault.path, drill.load_scenario("power-cut"), "x", "X",
                          "une phrase de passe longue", "age1x")


def test_drill_commands_refuse_a_production_vault(manager_vault: Vault) -> None:
    for call in (drill.status, drill.pause_drill, drill.resume_drill, drill.end_drill):
        with pytest.raises(Refused) as err:
            call(manager_vault)
        assert err.value.exit_code == 6
    with pytest.raises(Refused):
        print_retex(manager_vault, manager_vault.path.parent / "r.pdf")


def test_accelerated_clock_fires_injects_and_pauses(drill_vault: tuple[Vault, FakeClock]) -> None:
    v, clock = drill_vault
    assert fired(v) == [] and drill.status(v).state == "running"
    clock.advance(0.9)  # ×10: 9 scenario minutes
    assert fired(v) == []
    clock.advance(0.1)  # 0:10, 02:10 on the scenario's clock
    st = drill.status(v)
    assert fired(v) == ["detect"] and st.scenario.wall_clock(st.elapsed) == "02:10"
    assert st.injects[0].fired_at == drill.clock_of(v).started_at + dt.timedelta(minutes=1)
    drill.pause_drill(v)
    clock.advance(600)  # ten real hours paused: the scenario does not move
    assert drill.status(v).elapsed == dt.timedelta(minutes=10) and fired(v) == ["detect"]
    with pytest.raises(Refused):
        drill.pause_drill(v)
    drill.resume_drill(v)
    clock.advance(2)  # 0:30
    assert fired(v) == ["detect", "inventory"]
    drill.end_drill(v)
    clock.advance(10_000)
    assert fired(v) == ["detect", "inventory"] and drill.status(v).state == "ended"
    with pytest.raises(Refused):
        drill.resume_drill(v)


def test_expected_actions_and_retex_report(drill_vault: tuple[Vault, FakeClock],
                                           tmp_path: Path) -> None:
    v, clock = drill_vault
    lib = forms.library()
    clock.advance(1.5)  # 0:15 — the start checklist, 5 min after "detect"
    run = checklists.start_run(v, lib, "start")
    clock.advance(0.5)  # 0:20
    crisis_log.add_entry(v, "decision", "Passage en mode dégradé décidé par la cadre")
    clock.advance(2.5)  # 0:45 — the kit, 15 min after "inventory"
    print_kit(v, tmp_path / "kit.pdf", 4, patient_id=ward_patients(v)[0].id)
    clock.advance(2.0)  # 1:05
    patient = ward_patients(v)[1]
    records.record_care(v, lib, patient.id, "vital-signs",
                       {"effective": clock.now.isoformat(timespec="minutes"), "hr": 88})
    state = checklists.run_state(v, lib, run.run_id)
    for item in state.items:
        checklists.tick(v, lib, run.run_id, item.link_id)
    clock.advance(1.0)  # 1:15
    checklists.end_run(v, lib, run.run_id)
    drill.end_drill(v)
    clock.advance(30)  # the debrief, after the end
    crisis_log.add_entry(v, "information", "Les étiquettes patients manquaient au poste 2")

    rv = review(v, lib)
    outcome = {(o.inject.id, o.expected.action): o for o in rv.outcomes}
    assert outcome["detect", "checklist-started"].delay == dt.timedelta(minutes=5)
    assert outcome["detect", "checklist-started"].met
    assert outcome["detect", "crisis-entry"].delay == dt.timedelta(minutes=10)
    assert outcome["inventory", "kit-printed"].delay == dt.timedelta(minutes=15)
    assert outcome["first-care", "record"].delay == dt.timedelta(minutes=5)
    assert outcome["partial-network", "crisis-entry"].delay is None  # never fired
    assert not outcome["partial-network", "crisis-entry"].met
    assert [n for _, n in rv.records_by_type] == [1]
    assert [e.text for e in rv.lessons] == ["Les étiquettes patients manquaient au poste 2"]

    out = tmp_path / "retex.pdf"
    result = print_retex(v, out)

    text = all_text(out.read_bytes())
    flat = squash(text)
    assert result.pages >= 1 and "RETEX" in text
    assert squash("rançongiciel détecté, DPI inaccessible") in flat
    assert squash("+0:10 (02:10)") in flat  # the inject, in scenario time
    assert squash("+0:15 (02:15)") in flat  # the checklist started
    assert squash("en 0:05") in flat and squash("en 0:15") in flat
    assert squash("inject non joué") in flat  # 06:00 never reached: not "done"
    assert squash("Passage en mode dégradé décidé par la cadre") in flat
    assert squash("Les étiquettes patients manquaient au poste 2") in flat
    assert squash("Enregistrements par type") in flat
    assert "EXERCICE" in text


def test_a_drill_can_require_an_establishment_checklist(tmp_path: Path, recovery_key) -> None:
    from tests.services.test_form_import import URL, checklist, write

    scenario = json.loads((drill.scenarios_dir() / "power-cut.json").read_text("utf-8"))
    scenario["injects"][0]["expected"] = [
        {"action": "checklist-started", "form": "chk-evacuation", "within": "0:30"}]
    path = tmp_path / "drill"
    drill.start_drill(path, parse_scenario(scenario), MANAGER[0], MANAGER[1], MANAGER[2],
                      recovery_key.recipient, patients=2, speed=2)
    with Vault.unlock(path, MANAGER[0], MANAGER[2]) as v:
        clock = FakeClock(drill.clock_of(v).started_at)
        v.clock = clock
        forms.import_form(v, write(tmp_path, checklist()))
        lib = forms.vault_library(v)
        clock.advance(1)  # ×2: 0:02
        checklists.start_run(v, lib, "start")  # the shipped one: not what is expected
        clock.advance(4)  # 0:10
        run = checklists.start_run(v, lib, "chk-evacuation")
        [outcome] = review(v).outcomes[:1]
        assert run.form_url == URL
        assert outcome.met and outcome.delay == dt.timedelta(minutes=10)
