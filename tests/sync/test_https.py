"""Ward -> HTTPS -> hub with a real server on 127.0.0.1 (port 0) and a self-signed certificate."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from care_degraded.domain.errors import InvalidInput, Refused
from care_degraded.hub.ingest import ingest
from care_degraded.hub.server import bind, make_server
from care_degraded.hub.store import HubStore
from care_degraded.services import sync
from care_degraded.sync.outbox import make_bundle
from care_degraded.sync.push import Backoff, HubUnreachable
from care_degraded.vault import Vault
from care_degraded.vault.sync_state import SyncState
from tests.conftest import NURSE, RecoveryKey
from tests.sync.kit import (
    enroll,
    hub_revision_count,
    new_ward,
    open_hub,
    pending,
    self_signed,
    write_records,
)

QUICK = Backoff(attempts=3, first_delay=0.01)


@dataclass
class RunningHub:
    url: str
    cert: Path
    key: Path
    store: HubStore
    thread: threading.Thread
    server: Any

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.store.close()


def start_hub(hub_dir: Path, cert: Path, key: Path, port: int = 0,
              max_bytes: int | None = None) -> RunningHub:
    store = open_hub(hub_dir)
    kwargs = {"max_bytes": max_bytes} if max_bytes else {}
    server = make_server(store, "127.0.0.1", cert, key, **kwargs)
    sock = bind("127.0.0.1", port)  # listening before the thread starts: no wait needed
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    return RunningHub(f"https://127.0.0.1:{sock.getsockname()[1]}", cert, key, store,
                      thread, server)


@pytest.fixture
def tls(tmp_path: Path) -> tuple[Path, Path]:
    return self_signed(tmp_path / "tls")


@pytest.fixture
def running(hub_dir: Path, tls: tuple[Path, Path]) -> Iterator[RunningHub]:
    hub = start_hub(hub_dir, *tls)
    try:
        yield hub
    finally:
        hub.stop()


def test_https_round_trip(vault_path: Path, hub_dir: Path, tmp_path: Path,
                          running: RunningHub) -> None:
    enroll(vault_path, hub_dir, tmp_path, url=running.url, cert=running.cert)
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        write_records(v, 40)
        result = sync.push(v, backoff=QUICK)
        assert result["pending"] == 0 and result["bundles"] == 1
        assert result["acknowledged"] == 40
        assert sync.push(v, backoff=QUICK)["bundles"] == 0  # nothing left to send
        write_records(v, 2)
        assert sync.push(v, backoff=QUICK)["acknowledged"] == 2
        assert sync.status(v)["last_sequence"] == 2
    assert hub_revision_count(hub_dir) == 42


def test_another_certificate_than_the_pinned_one_is_refused(
        vault_path: Path, hub_dir: Path, tmp_path: Path, running: RunningHub) -> None:
    other_cert, _ = self_signed(tmp_path / "other-tls")
    enroll(vault_path, hub_dir, tmp_path, url=running.url, cert=other_cert)
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        write_records(v, 2)
        with pytest.raises(Refused, match="certificate"):
            sync.push(v, backoff=QUICK)
    assert hub_revision_count(hub_dir) == 0 and pending(vault_path) == 2


def test_plain_http_only_on_loopback(enrolled: Path, hub_dir: Path) -> None:
    with Vault.unlock(enrolled, NURSE[0], NURSE[2]) as v, \
            pytest.raises(Refused, match="loopback"):
        sync.push(v, url="http://192.0.2.10:8443", backoff=QUICK)
    with open_hub(hub_dir) as store, pytest.raises(Refused, match="loopback"):
        make_server(store, "0.0.0.0")


def test_plain_http_on_loopback_round_trip(vault_path: Path, hub_dir: Path,
                                           tmp_path: Path) -> None:
    store = open_hub(hub_dir)
    server = make_server(store, "127.0.0.1")
    sock = bind("127.0.0.1", 0)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        enroll(vault_path, hub_dir, tmp_path, url=f"http://127.0.0.1:{sock.getsockname()[1]}")
        with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
            write_records(v, 3)
            assert sync.push(v, backoff=QUICK)["pending"] == 0
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        store.close()


def test_network_down_then_up_loses_and_duplicates_nothing(
        vault_path: Path, hub_dir: Path, tmp_path: Path, tls: tuple[Path, Path]) -> None:
    hub = start_hub(hub_dir, *tls)
    port = int(hub.url.rsplit(":", 1)[1])
    enroll(vault_path, hub_dir, tmp_path, url=hub.url, cert=hub.cert)
    hub.stop()  # the network goes down
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        write_records(v, 12)
        with pytest.raises(HubUnreachable):
            sync.push(v, backoff=QUICK)
        assert SyncState(v.conn).pending_count() == 12
        write_records(v, 3)  # the ward goes on working meanwhile
    hub = start_hub(hub_dir, *tls, port=port)  # and comes back on the same address
    try:
        with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
            result = sync.push(v, backoff=QUICK)
            assert result["pending"] == 0 and result["acknowledged"] == 15
            # the bundle that could not leave was sent as it was, then one for the rest
            assert sync.status(v)["last_sequence"] == 2
        status = hub.store.status()
        assert status["totals"]["revisions"] == 15 and status["totals"]["gaps"] == 0
    finally:
        hub.stop()


def test_a_push_cut_after_the_hub_stored_it_is_resent_without_duplicates(
        vault_path: Path, hub_dir: Path, tmp_path: Path, running: RunningHub) -> None:
    enroll(vault_path, hub_dir, tmp_path, url=running.url, cert=running.cert)
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        write_records(v, 5)
        with v.transaction():
            made = make_bundle(v, keep=True)
    assert ingest(running.store, made.data).accepted == 5  # the receipt never came back
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        result = sync.push(v, backoff=QUICK)
        assert result["pending"] == 0 and result["bundles"] == 1
        assert sync.status(v)["last_sequence"] == 1  # the same bundle, not a new one
    status = running.store.status()
    assert status["totals"]["revisions"] == 5 and status["totals"]["bundles"] == 1


def test_two_wards_pushing_at_once(hub_dir: Path, tmp_path: Path, running: RunningHub,
                                   recovery_key: RecoveryKey) -> None:
    wards = [new_ward(tmp_path / f"ward-{n}", recovery_key.recipient) for n in range(2)]
    for ward in wards:
        enroll(ward, hub_dir, tmp_path, url=running.url, cert=running.cert)
        with Vault.unlock(ward, NURSE[0], NURSE[2]) as v:
            write_records(v, 30)
    results: dict[int, dict[str, Any]] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    # unlocked one after the other (the KDF is slow on purpose), pushed at the same moment
    vaults = [Vault.unlock(ward, NURSE[0], NURSE[2]) for ward in wards]

    def push(n: int) -> None:
        try:
            start.wait()
            results[n] = sync.push(vaults[n], backoff=QUICK)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=push, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for v in vaults:
        v.close()
    assert errors == []
    assert all(results[n]["pending"] == 0 for n in range(2))
    status = running.store.status()
    assert status["totals"]["devices"] == 2 and status["totals"]["revisions"] == 60


def test_the_server_refuses_a_request_over_its_size_cap(
        vault_path: Path, hub_dir: Path, tmp_path: Path, tls: tuple[Path, Path]) -> None:
    hub = start_hub(hub_dir, *tls, max_bytes=2000)
    try:
        enroll(vault_path, hub_dir, tmp_path, url=hub.url, cert=hub.cert)
        with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
            write_records(v, 30)
            with pytest.raises(InvalidInput, match="larger than the limit"):
                sync.push(v, backoff=QUICK)
            assert SyncState(v.conn).pending_count() == 30
    finally:
        hub.stop()
    assert hub_revision_count(hub_dir) == 0
