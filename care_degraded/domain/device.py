"""The ward machine a vault lives on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Device:
    #: random UUID given when the vault is created
    id: str
    #: short, random prefix for provisional patient numbers (unique per machine)
    prefix: str
