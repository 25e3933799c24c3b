"""`hub serve`: bundles pushed over HTTPS (Starlette on uvicorn).

POST /v1/bundles with the age file as the body answers the hub's signed receipt
(200), or a JSON refusal: 400 malformed, 403 refused, 413 too large, 422 tampered
or undecryptable. Ingests run one at a time (one SQLite writer); many wards can
be connected and sending at once.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from care_degraded.domain.errors import CareError, InvalidInput, Refused
from care_degraded.hub.ingest import Outcome, ingest
from care_degraded.hub.store import HubStore
from care_degraded.sync.bundle import DEFAULT_MAX_BYTES
from care_degraded.sync.push import BUNDLES_PATH, is_loopback

_STATUS = {4: 422, 5: 400, 6: 403}


def make_app(store: HubStore, max_bytes: int = DEFAULT_MAX_BYTES) -> Starlette:
    lock = threading.Lock()

    def ingest_locked(data: bytes) -> Outcome:
        with lock:
            return ingest(store, data, max_bytes)

    async def post_bundle(request: Request) -> Response:
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > max_bytes):
            return _refusal(413, "too_large", f"bundle larger than the limit ({max_bytes} bytes)")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > max_bytes:
                return _refusal(413, "too_large",
                                f"bundle larger than the limit ({max_bytes} bytes)")
        try:
            outcome = await run_in_threadpool(ingest_locked, bytes(body))
        except CareError as exc:
            return _refusal(_STATUS.get(exc.exit_code, 400), exc.code, str(exc))
        return Response(outcome.receipt, media_type="application/json",
                        headers={"x-care-degraded-status": outcome.status})

    async def health(request: Request) -> Response:
        return JSONResponse({"hub_id": store.hub_id, "exercise": store.exercise})

    return Starlette(routes=[Route(BUNDLES_PATH, post_bundle, methods=["POST"]),
                             Route("/v1/health", health, methods=["GET"])])


def _refusal(status: int, code: str, reason: str) -> JSONResponse:
    return JSONResponse({"error": code, "reason": reason}, status_code=status)


def parse_listen(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not host:
        raise InvalidInput("--listen takes HOST:PORT (port 0 picks a free one)")
    return host.strip("[]"), int(port)


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def make_server(store: HubStore, host: str, cert: Path | None = None,
                key: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> uvicorn.Server:
    """A uvicorn server for the hub; HTTPS when ``cert`` and ``key`` are given."""
    if (cert is None) != (key is None):
        raise InvalidInput("--cert and --key go together")
    if cert is None and not is_loopback(host):
        raise Refused("plain HTTP only on a loopback address: give --cert and --key for HTTPS")
    kwargs: dict[str, Any] = {}
    if cert is not None and key is not None:
        for path in (cert, key):
            if not Path(path).is_file():
                raise InvalidInput(f"cannot read {path}")
        kwargs = {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}
    config = uvicorn.Config(make_app(store, max_bytes), log_level="warning", access_log=False,
                            limit_concurrency=256, timeout_keep_alive=15,
                            server_header=False, **kwargs)
    return uvicorn.Server(config)


def serve(store: HubStore, listen: str, cert: Path | None = None, key: Path | None = None,
          max_bytes: int = DEFAULT_MAX_BYTES,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted (Ctrl+C, SIGTERM)."""
    host, port = parse_listen(listen)
    server = make_server(store, host, cert, key, max_bytes)
    sock = bind(host, port)
    scheme = "https" if cert is not None else "http"
    shown = f"[{host}]" if ":" in host else host
    if ready is not None:
        ready(f"{scheme}://{shown}:{sock.getsockname()[1]}")
    server.run(sockets=[sock])
