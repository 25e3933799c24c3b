"""The form library: list, get by url / id / version, every version kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from care_degraded.domain.errors import InvalidInput, NotFound
from care_degraded.questionnaire import FormLibrary
from tests.questionnaire.builders import item, questionnaire

URL = "https://care-degraded.example/fhir/Questionnaire/test"


def _write(folder: Path, name: str, version: str, **extra: object) -> None:
    q = questionnaire(item("a", "string"), id="test", version=version, **extra)
    (folder / name).write_text(json.dumps(q), encoding="utf-8")


def test_versions_are_all_kept_and_latest_is_default(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    _write(tmp_path, "test.json", "1.10.0")
    _write(tmp_path / "archive", "test-1.2.0.json", "1.2.0")
    lib = FormLibrary(tmp_path)
    assert len(lib) == 1
    assert lib.get("test").version == "1.10.0"
    assert lib.get(URL).version == "1.10.0"
    assert lib.get(URL, "1.2.0").version == "1.2.0"
    assert lib.get(f"{URL}|1.2.0").version == "1.2.0"
    assert [s.version for s in lib.versions("test")] == ["1.2.0", "1.10.0"]
    assert [s.short_id for s in lib.list()] == ["test"]


def test_unknown_form_or_version(tmp_path: Path) -> None:
    _write(tmp_path, "test.json", "1")
    lib = FormLibrary(tmp_path)
    with pytest.raises(NotFound):
        lib.get("nope")
    with pytest.raises(NotFound):
        lib.get("test", "9")
    with pytest.raises(NotFound):
        FormLibrary(tmp_path / "missing")


def test_same_version_twice_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", "1")
    _write(tmp_path, "b.json", "1")
    with pytest.raises(InvalidInput, match="defined twice"):
        FormLibrary(tmp_path)


def test_the_shipped_library_lists_forms_then_checklists() -> None:
    lib = FormLibrary(Path(__file__).resolve().parents[2] / "forms")
    forms = lib.list()
    kinds = [s.is_checklist for s in forms]
    assert kinds == sorted(kinds) and kinds.count(True) == 3
