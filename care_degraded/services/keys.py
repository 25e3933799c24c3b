"""IT's X25519 key pair in the age format."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyrage

from care_degraded.domain.errors import InvalidInput, Refused
from care_degraded.vault.atomic import write_atomic


def generate_keypair(out: Path, force: bool = False) -> tuple[Path, Path, str]:
    """Write FILE (secret identity, mode 0600) and FILE.pub (recipient); returns the recipient."""
    out = Path(out)
    pub = out.with_name(out.name + ".pub")
    if not force and (out.exists() or pub.exists()):
        raise Refused(f"{out} already exists: refusing to overwrite a key")
    identity = pyrage.x25519.Identity.generate()
    recipient = str(identity.to_public())
    created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    secret = f"# created: {created}\n# public key: {recipient}\n{identity}\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, secret.encode("ascii"), mode=0o600)
    write_atomic(pub, (recipient + "\n").encode("ascii"), mode=0o644)
    return out, pub, recipient


def read_recipient(path: Path) -> str:
    """The first age recipient in a .pub file (comments allowed)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot read recovery public key {path}: {exc.strerror}") from None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("# public key:"):
            line = line.split(":", 1)[1].strip()
        if line.startswith("age1"):
            return line
    raise InvalidInput(f"no age public key (age1...) in {path}")


def read_identity(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"cannot read recovery key {path}: {exc.strerror}") from None
