"""Property tests: no random mutation of a valid bundle is ever accepted, none writes a row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from care_degraded.domain.errors import CareError
from care_degraded.hub.ingest import ingest
from care_degraded.sync.bundle import MAGIC, encrypt
from tests.sync import forge
from tests.sync.kit import open_hub

ROW_TABLES = ("devices", "bundles", "received_revisions", "conflicts", "patients", "forms", "alerts")


@pytest.fixture
def material(enrolled: Path, hub_dir: Path) -> Iterator[tuple[Any, bytes, bytes, str]]:
    data = forge.bundle_from(enrolled, records=4)
    sealed = forge.opened(data, hub_dir)
    _, recipient = forge.hub_identity(hub_dir)
    inner = b"".join([MAGIC, forge.canonical(dict(sealed.header)), b"\n",
                      sealed.manifest_bytes, sealed.signature, sealed.body])
    with open_hub(hub_dir) as store:  # opened once: the KDF is slow on purpose
        yield store, data, inner, recipient


def _rows(store) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    return tuple(int(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
                 for t in ROW_TABLES)


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**9), st.integers(0, 7)),
    st.tuples(st.just("cut"), st.integers(0, 10**9), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 10**9), st.integers(0, 255)),
    st.tuples(st.just("delete"), st.integers(0, 10**9), st.integers(1, 64)),
)


def _mutate(data: bytes, kind: str, where: int, arg: int) -> bytes:
    at = where % max(1, len(data))
    if kind == "flip":
        out = bytearray(data)
        out[at] ^= 1 << arg
        return bytes(out)
    if kind == "cut":
        return data[:at]
    if kind == "insert":
        return data[:at] + bytes([arg]) + data[at:]
    return data[:at] + data[at + arg:]


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=mutation)
def test_mutated_outer_file_is_refused(material: tuple[Any, bytes, bytes, str],
                                       kind: tuple[str, int, int]) -> None:
    store, data, _, _ = material
    mutated = _mutate(data, *kind)
    if mutated == data:
        return
    before = _rows(store)
    with pytest.raises(CareError):
        ingest(store, mutated)
    assert _rows(store) == before


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=mutation)
def test_mutated_inner_content_re_encrypted_is_refused(
        material: tuple[Any, bytes, bytes, str], kind: tuple[str, int, int]) -> None:
    """Even a mutation made under a fresh, valid age encryption is caught inside."""
    store, _, inner, recipient = material
    mutated = _mutate(inner, *kind)
    if mutated == inner:
        return
    before = _rows(store)
    with pytest.raises(CareError):
        ingest(store, encrypt(mutated, [recipient]))
    assert _rows(store) == before


def test_a_header_respelled_with_the_same_meaning_is_refused(
        material: tuple[Any, bytes, bytes, str]) -> None:
    store, _, inner, recipient = material
    respelled = inner.replace(b'{"device_id":', b'{ "device_id":', 1)
    before = _rows(store)
    with pytest.raises(CareError, match="canonical"):
        ingest(store, encrypt(respelled, [recipient]))
    assert _rows(store) == before
