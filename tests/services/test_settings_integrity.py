"""Ward settings and the integrity check as services: role checks, audit rows, results."""

from __future__ import annotations

import pytest

from care_degraded.domain.errors import InvalidInput, Refused
from care_degraded.domain.user import Role
from care_degraded.services import integrity
from care_degraded.services import settings as ward_settings
from care_degraded.vault import Vault
from tests.conftest import MANAGER
from tests.vault.util import dek_from_slot, raw_connect


def test_auto_lock_is_a_managers_audited_setting(vault, manager_vault):
    with pytest.raises(Refused):
        ward_settings.set_auto_lock(vault, 12)  # a nurse
    assert ward_settings.auto_lock_minutes(vault) == ward_settings.DEFAULT_LOCK_MINUTES
    assert ward_settings.set_auto_lock(manager_vault, 12) == 12
    assert ward_settings.auto_lock_minutes(manager_vault) == 12
    last = manager_vault.audit.entries(limit=1)[0]
    assert (last.action, last.object, last.actor) == ("settings.auto-lock", "12", MANAGER[0])


@pytest.mark.parametrize("minutes", [0, 61, -5])
def test_a_delay_out_of_range_is_refused_not_clamped(manager_vault, minutes):
    with pytest.raises(InvalidInput, match="1 to 60"):
        ward_settings.set_auto_lock(manager_vault, minutes)
    assert manager_vault.meta(ward_settings.AUTO_LOCK_KEY) is None


def test_users_are_listed_added_and_disabled_by_a_manager_only(vault, manager_vault):
    with pytest.raises(Refused):
        ward_settings.list_users(vault)
    with pytest.raises(Refused):
        ward_settings.add_user(vault, "ide9", "Someone", Role.NURSE, "relève du matin 77")
    ward_settings.add_user(manager_vault, "ide9", "Noé Test", Role.NURSE, "relève du matin 77")
    ward_settings.disable_user(manager_vault, "ide9")
    users = {u.login: u.active for u in ward_settings.list_users(manager_vault)}
    assert users["ide9"] is False
    assert "ide9" not in {u.login for u in ward_settings.list_users(manager_vault, False)}
    actions = [e.action for e in manager_vault.audit.entries(limit=2)]
    assert actions == ["user.add", "user.disable"]


def test_prefs_file_round_trip_and_never_creates_a_folder(tmp_path):
    ward_settings.save_prefs(tmp_path, {"lang": "en", "high_contrast": True})
    assert ward_settings.load_prefs(tmp_path) == {"lang": "en", "high_contrast": True}
    (tmp_path / ward_settings.PREFS_FILE).write_text("[1, 2]")
    assert ward_settings.load_prefs(tmp_path) == {}
    ward_settings.save_prefs(tmp_path / "absent", {"lang": "fr"})
    assert not (tmp_path / "absent").exists()


def test_integrity_of_an_untouched_vault(manager_vault):
    manager_vault.revisions.append("note", "P1", {"text": "note"})
    report = integrity.verify_as_manager(manager_vault)
    assert report.ok and report.chain.rows >= 3 and report.signatures.checked == 1


def test_integrity_is_a_managers_action_in_the_app(vault):
    with pytest.raises(Refused):
        integrity.verify_as_manager(vault)
    assert integrity.verify(vault).ok  # the command line's check, for any user


def test_an_edited_audit_row_is_named(vault_path):
    dek = dek_from_slot(vault_path, MANAGER[0], MANAGER[2])
    conn = raw_connect(vault_path, dek)
    conn.execute("UPDATE audit SET actor = 'quelqu-un' WHERE seq = 2")
    conn.commit()
    conn.close()
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        report = integrity.verify_as_manager(v)
    assert not report.ok and report.chain.first_bad == 2 and report.signatures.ok
