"""Passphrase policy: at least 8 characters, not a common password. No composition rules."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from care_degraded.config import data_dir
from care_degraded.domain.errors import InvalidInput

MIN_LENGTH = 8


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    path = data_dir() / "common-passwords.txt"
    words: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            word = line.strip()
            if word and not word.startswith("#"):
                words.add(word.casefold())
    return frozenset(words)


def check_passphrase(passphrase: str) -> None:
    """Raise InvalidInput with the reason when a new passphrase is not acceptable."""
    text = unicodedata.normalize("NFC", passphrase)
    if len(text) < MIN_LENGTH:
        raise InvalidInput(f"passphrase too short: at least {MIN_LENGTH} characters",
                           reason="passphrase_too_short", params={"min": MIN_LENGTH})
    if text.strip().casefold() in common_passwords():
        raise InvalidInput("passphrase refused: it is in the list of common passwords",
                           reason="passphrase_common")
