"""Pushing bundles to the hub over HTTPS with the certificate pinned (httpx).

The hub's certificate from the enrolment file is the only one trusted, and its
SHA-256 fingerprint is checked again on the connection. Connection failures are
retried with exponential backoff; a refusal by the hub is not retried.
"""

from __future__ import annotations

import hashlib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from ipaddress import ip_address
from typing import Any
from urllib.parse import urlsplit

import httpx

from care_degraded.domain.errors import CareError, DamagedData, InvalidInput, Refused
from care_degraded.sync.enrolment import Enrolment
from care_degraded.sync.outbox import apply_receipt, make_bundle, require_enrolment
from care_degraded.vault import Vault
from care_degraded.vault.sync_state import SyncState

BUNDLES_PATH = "/v1/bundles"
CONTENT_TYPE = "application/vnd.care-degraded.bundle+age"


class HubUnreachable(CareError):
    """The hub could not be reached (network down, hub stopped): nothing was lost."""

    exit_code = 8
    code = "unreachable"


@dataclass(frozen=True)
class Backoff:
    attempts: int = 5
    first_delay: float = 0.5
    factor: float = 2.0
    max_delay: float = 30.0

    def delays(self) -> list[float]:
        out, delay = [], self.first_delay
        for _ in range(max(0, self.attempts - 1)):
            out.append(min(delay, self.max_delay))
            delay *= self.factor
        return out


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _ssl_context(enrolment: Enrolment) -> ssl.SSLContext:
    if not enrolment.tls_certificate or not enrolment.tls_fingerprint:
        raise Refused("the enrolment file has no hub certificate: HTTPS cannot be pinned")
    ctx = ssl.create_default_context(cadata=enrolment.tls_certificate)
    # The pinned certificate is the trust anchor by itself; the host name is not what
    # is trusted (the ward may reach the hub by IP), the certificate is.
    ctx.check_hostname = False
    ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


class HubClient:
    """One hub, one pinned connection pool."""

    def __init__(self, enrolment: Enrolment, url: str | None = None,
                 timeout: float = 30.0, backoff: Backoff | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        base = (url or enrolment.hub_url or "").rstrip("/")
        if not base:
            raise InvalidInput("no hub URL: give --url or enrol with a URL")
        parts = urlsplit(base)
        if parts.scheme == "https":
            verify: ssl.SSLContext | bool = _ssl_context(enrolment)
        elif parts.scheme == "http" and is_loopback(parts.hostname or ""):
            verify = False
        elif parts.scheme == "http":
            raise Refused("plain HTTP is allowed only to a loopback address: use https://")
        else:
            raise InvalidInput(f"hub URL must be https:// (got {parts.scheme or 'none'})")
        self.base = base
        self.fingerprint = enrolment.tls_fingerprint if parts.scheme == "https" else None
        self.backoff = backoff or Backoff()
        self._sleep = sleep
        self._client = httpx.Client(verify=verify, timeout=timeout, trust_env=False)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send_bundle(self, data: bytes) -> bytes:
        """POST one bundle; the hub's receipt (bytes, not yet verified)."""
        delays = self.backoff.delays()
        for attempt in range(len(delays) + 1):
            try:
                response = self._client.post(self.base + BUNDLES_PATH, content=data,
                                             headers={"content-type": CONTENT_TYPE})
                self._check_pin(response)
            except httpx.TransportError as exc:
                if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                    raise Refused("the hub's certificate is not the one in the enrolment "
                                  "file (pinned fingerprint)") from None
                if attempt == len(delays):
                    raise HubUnreachable(
                        f"hub unreachable after {attempt + 1} attempts; nothing was lost, "
                        "the bundles stay in the outbox") from None
                self._sleep(delays[attempt])
                continue
            if response.status_code >= 500 and attempt < len(delays):
                self._sleep(delays[attempt])
                continue
            return _answer(response)
        raise HubUnreachable("hub unreachable")  # pragma: no cover - loop always returns

    def _check_pin(self, response: httpx.Response) -> None:
        if self.fingerprint is None:
            return
        stream = response.extensions.get("network_stream")
        ssl_object = stream.get_extra_info("ssl_object") if stream is not None else None
        der = ssl_object.getpeercert(True) if ssl_object is not None else None
        if der is None or hashlib.sha256(der).hexdigest() != self.fingerprint:
            raise Refused("the hub's certificate does not match the enrolment file's fingerprint")


def _answer(response: httpx.Response) -> bytes:
    if response.status_code == 200:
        return response.content
    try:
        body: Any = response.json()
        reason = str(body.get("reason") or body.get("error") or "")
    except ValueError:
        reason = ""
    reason = reason or f"HTTP {response.status_code}"
    code = response.status_code
    if code == 422:
        raise DamagedData(f"hub refused the bundle: {reason}")
    if code in (400, 413):
        raise InvalidInput(f"hub refused the bundle: {reason}")
    if code in (403, 409):
        raise Refused(f"hub refused the bundle: {reason}")
    raise HubUnreachable(f"hub answered {reason}")


#: bundles made in one push at most (new revisions may keep arriving while it runs)
MAX_ROUNDS = 8


def push_outbox(vault: Vault, url: str | None = None, backoff: Backoff | None = None,
                progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Send what is pending; a revision leaves the outbox only with a verified receipt.

    A bundle already sent but not acknowledged (the push was cut) is sent again as
    it is: the hub answers a bundle it holds with its first receipt, so nothing is
    duplicated and the sequence has no hole.
    """
    enrolment = require_enrolment(vault)
    state = SyncState(vault.conn)
    sent, acknowledged, conflicts = 0, 0, 0
    with HubClient(enrolment, url=url, backoff=backoff) as client:
        for _ in range(MAX_ROUNDS):
            waiting = state.unacknowledged_with_data(vault.device.id)
            if not waiting:
                if state.pending_count() == 0:
                    break
                with vault.transaction():
                    make_bundle(vault, keep=True)
                continue
            for bundle in waiting:
                assert bundle.data is not None
                if progress is not None:
                    progress(f"bundle {bundle.sequence}: {bundle.revisions} revisions")
                receipt = client.send_bundle(bundle.data)
                result = apply_receipt(vault, receipt)
                sent += 1
                acknowledged += int(result["acknowledged"])
                conflicts += int(result["conflicts"])
    return {"bundles": sent, "acknowledged": acknowledged, "conflicts": conflicts,
            "pending": state.pending_count(), "last_receipt_at": state.last_receipt_at()}
