"""Ward staff."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    NURSE = "nurse"
    MANAGER = "manager"
    IT = "it"

    @property
    def can_manage_users(self) -> bool:
        return self in (Role.MANAGER, Role.IT)


@dataclass(frozen=True)
class User:
    login: str
    display_name: str
    role: Role
    active: bool = True
