"""Drafts kept across a lock belong to the user who typed them."""

from __future__ import annotations

from pathlib import Path

from care_degraded.services import drafts
from care_degraded.vault import Vault
from tests.conftest import MANAGER, NURSE

FORM = {"meta": {"mode": "new", "patient": "p1"}, "form": {"answers": {"hr": 140}}}


def test_a_draft_reopens_only_for_its_author(vault_path: Path) -> None:
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as nurse:
        drafts.keep(nurse, [FORM])
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as manager:
        assert drafts.take(manager) == []  # never reopened under the manager's name
        [left] = drafts.others(manager)
        assert (left.login, left.display_name, left.count) == (NURSE[0], NURSE[1], 1)
        assert left.kept_at is not None and left.kept_at.tzinfo is not None
        drafts.keep(manager, [])  # the manager's own lock leaves the nurse's draft alone
        assert drafts.count(manager) == 1
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as nurse:
        assert drafts.others(nurse) == []
        assert drafts.take(nurse) == [FORM]
        assert drafts.take(nurse) == [] and drafts.count(nurse) == 0


def test_another_user_may_discard_a_draft(vault_path: Path) -> None:
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as nurse:
        drafts.keep(nurse, [FORM, FORM])
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as manager:
        assert [d.count for d in drafts.others(manager)] == [2]
        assert drafts.discard(manager, NURSE[0]) == 2
        assert drafts.others(manager) == []
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as nurse:
        assert drafts.take(nurse) == []


def test_a_draft_kept_before_authors_is_nobodys_to_reopen(vault_path: Path) -> None:
    import json

    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as nurse:
        with nurse.transaction():
            nurse.set_meta(drafts.PREFIX + "0000", json.dumps(FORM))
        assert drafts.take(nurse) == []
        [unknown] = drafts.others(nurse)
        assert unknown.login == "" and unknown.kept_at is None
        assert drafts.discard(nurse, "") == 1 and drafts.count(nurse) == 0
