"""No patient name in clear in any file of the vault, nor in the temporary folder."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest

from care_degraded.domain.names import fold, search_terms
from care_degraded.services import census, patients
from care_degraded.vault import Vault
from tests.conftest import NURSE


def _names(census_file: Path) -> set[str]:
    bundle = json.loads(census_file.read_text(encoding="utf-8"))
    found: set[str] = set()
    for entry in bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] != "Patient":
            continue
        for name in resource["name"]:
            found.update([name["family"], *name["given"]])
    # as written, folded, upper case, and the parts kept in the search columns
    variants = found | {fold(n) for n in found} | {n.upper() for n in found}
    variants |= search_terms(found)
    return {v for v in variants if len(v) >= 6}  # shorter strings occur by chance


def _files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def _leaks(files: list[Path], names: set[str]) -> list[str]:
    needles = [n.encode("utf-8") for n in names] + [n.encode("utf-16-le") for n in names]
    leaks = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        leaks += [f"{path.name}" for needle in needles if needle in data][:1]
    return leaks


def test_no_name_in_clear_after_import_search_and_admission(
        vault_path: Path, small_census: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    names = _names(small_census)
    assert len(names) > 30
    assert _leaks([small_census], names)  # the scan does see names written in clear
    # A private temporary folder, so that other programs' files cannot blur the check.
    private = tmp_path / "tmp"
    private.mkdir()
    for var in ("TMPDIR", "SQLITE_TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(var, str(private))
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    with Vault.unlock(vault_path, NURSE[0], NURSE[2]) as vault:
        census.import_census(vault, small_census)
        first = patients.ward_patients(vault)[0]
        patients.search_patients(vault, first.identity.birth_name)
        patients.admit_patient(vault, surname="Œuvrard-Lemaître", given_names=["Bénédicte"],
                               birth_date=first.identity.birth_date or dt.date(1950, 1, 1),
                               sex="female", force=True)
        # SQLCipher's own temporary tables and sort files stay in memory (built with
        # TEMP_STORE=2, temp_store left at its default): nothing for the scan below to miss
        options = {row[0] for row in vault.conn.execute("PRAGMA compile_options")}
        assert "TEMP_STORE=2" in options or "TEMP_STORE=3" in options
        assert vault.conn.execute("PRAGMA temp_store").fetchone()[0] != 1
        # while open: the WAL and any journal hold recent pages
        assert _leaks(_files(vault_path), names | {"Œuvrard", "OEUVRARD"}) == []
    assert _leaks(_files(vault_path), names | {"Œuvrard", "OEUVRARD"}) == []
    assert _leaks(_files(private), names) == []
