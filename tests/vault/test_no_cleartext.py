"""No clear text: planted names never appear in any file of the vault, its backups or /tmp."""

from __future__ import annotations

import contextlib
import os
import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from care_degraded.domain.errors import WrongPassphrase
from care_degraded.domain.user import Role
from care_degraded.vault import Vault
from tests.conftest import MANAGER, NURSE


def _planted(seed: int) -> list[str]:
    """Unique synthetic names: nothing in any file could contain them by chance."""
    rng = random.Random(seed)
    first = ["Zéphyrine", "Aurèle", "Gwenolé", "Maëlys", "Théophane"]
    last = ["Kerdudou", "Pélissou", "Quévreux", "Ombredanne", "Labrûlerie"]
    return [f"{rng.choice(first)} {rng.choice(last)}-{rng.randrange(16**8):08x}"
            for _ in range(5)]


def _needles(words: list[str]) -> list[bytes]:
    out = []
    for word in words:
        # the distinctive hex tail alone, too: a partial leak is still a leak
        for text in (word, word.upper(), word.rsplit("-", 1)[1]):
            for enc in ("utf-8", "utf-16-le", "utf-16-be"):
                out.append(text.encode(enc))
    return out


def _files_under(folder: Path, since: float | None = None) -> Iterator[Path]:
    for root, _dirs, names in os.walk(folder, onerror=lambda _e: None):
        for name in names:
            path = Path(root) / name
            try:
                if path.is_symlink() or not path.is_file():
                    continue
                if since is not None and path.stat().st_mtime < since:
                    continue
            except OSError:
                continue
            yield path


def _hits(paths: list[Path], needles: list[bytes]) -> list[str]:
    found = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        found += [f"{path}" for n in needles if n in data]
    return found


def test_planted_names_are_nowhere_in_clear(vault_path: Path, tmp_path: Path) -> None:
    started = time.time() - 1
    names = _planted(seed=4242)
    staff, patients = names[:2], names[2:]
    with Vault.unlock(vault_path, MANAGER[0], MANAGER[2]) as v:
        v.add_user("ide7", staff[0], Role.NURSE, "phrase de test sept")
        v.add_user("it7", staff[1], Role.IT, "phrase de test huit")
    seen_files: set[str] = set()
    with contextlib.suppress(WrongPassphrase):  # so that attempts.json is scanned too
        Vault.unlock(vault_path, MANAGER[0], "pas la bonne phrase")
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as v:
        with v.transaction():
            for i, patient in enumerate(patients * 20):
                v.revisions.append("note", f"IPP-{i % 3}", {
                    "patient_name": patient,
                    "text": f"{patient} a bien dormi, pas de douleur",
                })
        # while open: the WAL and shared-memory files hold the latest pages
        assert (vault_path / "ward.db-wal").exists()
        paths = list(_files_under(vault_path))
        seen_files |= {p.name for p in paths}
        assert _hits(paths, _needles(names)) == []
        # sanity: the names really are in the vault
        assert any(patients[0] in str(r.payload) for r in v.revisions.for_patient("IPP-0"))
        v.backup(tmp_path / "backup")
    paths = list(_files_under(vault_path)) + list(_files_under(tmp_path / "backup"))
    seen_files |= {p.name for p in paths}
    assert {"ward.db", "ward.db-wal", "ward.db-shm", "keyslots.json", "attempts.json",
            "backup.json"} <= seen_files
    assert _hits(paths, _needles(names)) == []
    # and nothing the vault did left a clear copy in the temp folder
    temp_files = list(_files_under(Path(tempfile.gettempdir()), since=started))
    assert temp_files  # the vault and backup themselves are under it
    assert _hits(temp_files, _needles(names)) == []


def test_the_scan_would_see_a_leak(tmp_path: Path) -> None:
    """The scanner itself finds a name written in UTF-16 (so a zero above means zero)."""
    names = _planted(seed=1)
    (tmp_path / "leak.txt").write_bytes(names[0].encode("utf-16-le"))
    assert _hits(list(_files_under(tmp_path)), _needles(names))
