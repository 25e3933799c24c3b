"""One user of the vault's connection at a time: transactions of two threads never mix."""

from __future__ import annotations

import threading

from care_degraded.domain.errors import Busy
from care_degraded.vault import Vault
from tests.conftest import NURSE
from tests.vault.util import dek_from_slot, raw_connect


def test_a_second_thread_waits_for_the_whole_transaction(vault: Vault) -> None:
    events: list[str] = []
    inside, second_in = threading.Event(), threading.Event()

    def first() -> None:
        with vault.transaction():
            vault.revisions.append("note", "P1", {"text": "first"})
            events.append("first begins")
            inside.set()
            # Were the second thread let in now (the nesting counter shared by every
            # thread, as it was), it would say so at once; it must wait for our commit.
            second_in.wait(timeout=1.0)
            events.append("first commits")

    def second() -> None:
        inside.wait(timeout=10)
        with vault.transaction():
            events.append("second begins")
            second_in.set()
            vault.revisions.append("note", "P1", {"text": "second"})

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert events == ["first begins", "first commits", "second begins"]
    assert vault.revisions.count() == 2


def test_a_failed_transaction_of_one_thread_keeps_the_others_write(vault: Vault) -> None:
    """Each thread's transaction is its own: a rollback never takes another's rows."""
    done = threading.Event()

    def writer() -> None:
        with vault.transaction():
            vault.revisions.append("note", "P1", {"text": "kept"})
        done.set()

    try:
        with vault.transaction():
            t = threading.Thread(target=writer)
            t.start()
            vault.revisions.append("note", "P1", {"text": "rolled back"})
            raise RuntimeError("abandon")
    except RuntimeError:
        pass
    t.join(timeout=30)
    assert done.is_set()
    texts = [row[0] for row in vault.conn.execute(
        "SELECT json_extract(payload, '$.text') FROM revisions")]
    assert texts == ["kept"]


def test_another_programs_write_lock_is_busy_before_anything_is_written(
        vault: Vault, vault_path) -> None:
    other = raw_connect(vault_path, dek_from_slot(vault_path, NURSE[0], NURSE[2]))
    vault.conn.execute("PRAGMA busy_timeout = 50")  # the test need not wait 5 s
    try:
        other.execute("BEGIN IMMEDIATE")
        before = vault.revisions.count()
        try:
            with vault.transaction():
                vault.revisions.append("note", "P1", {"text": "x"})
        except Busy as exc:
            assert exc.exit_code == 7 and exc.code == "busy"
        else:
            raise AssertionError("Busy expected")
        other.execute("ROLLBACK")
        assert vault.revisions.count() == before
        with vault.transaction():  # free again: the same write goes through
            vault.revisions.append("note", "P1", {"text": "x"})
        assert vault.revisions.count() == before + 1
    finally:
        other.close()
