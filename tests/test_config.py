"""config.py finds forms, resources and the per-user data folder from a checkout, from an
installed wheel and in the frozen executable (the frozen program itself: tests/dist)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from care_degraded import config

ROOT = Path(__file__).resolve().parents[1]
FORM_FILES = sorted(p.name for p in (ROOT / "forms").glob("*.json"))
FONT_FILES = sorted(p.name for p in (ROOT / "resources" / "fonts").iterdir())

PROBE = """
import json, sys
from care_degraded import config
json.dump({"kind": config.run_kind(), "forms": str(config.forms_dir()),
           "resources": str(config.resources_dir()), "data": str(config.data_dir()),
           "vault": str(config.default_vault_dir())}, sys.stdout)
"""


def test_from_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CARE_DEGRADED_FORMS", raising=False)
    assert config.run_kind() == "source"
    assert config.forms_dir() == ROOT / "forms"
    assert config.resources_dir() == ROOT / "resources"
    assert (config.data_dir() / "common-passwords.txt").is_file()


def test_frozen_reads_the_bundle_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CARE_DEGRADED_FORMS", raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert config.is_frozen() and config.run_kind() == "frozen"
    assert config.forms_dir() == tmp_path / "forms"
    assert config.resources_dir() == tmp_path / "resources"


def test_frozen_prints_only_with_the_fonts_it_carries(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    from care_degraded.printing import fonts

    monkeypatch.delenv("CARE_DEGRADED_FONTS", raising=False)
    assert fonts.SYSTEM_DIR in fonts.font_dirs()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert fonts.font_dirs() == [tmp_path / "resources" / "fonts"]


@pytest.mark.parametrize(("platform", "env", "expected"), [
    ("win32", {"LOCALAPPDATA": "C:/Users/ide/AppData/Local"},
     Path("C:/Users/ide/AppData/Local/care_degraded/ward")),
    ("linux", {"XDG_DATA_HOME": "/srv/ide/data"}, Path("/srv/ide/data/care_degraded/ward")),
    ("linux", {}, Path.home() / ".local/share/care_degraded/ward"),
    ("darwin", {}, Path.home() / "Library/Application Support/care_degraded/ward"),
])
def test_the_vault_is_in_the_person_s_data_folder(
        monkeypatch: pytest.MonkeyPatch, platform: str, env: dict[str, str],
        expected: Path) -> None:
    for name in ("CARE_DEGRADED_VAULT", "LOCALAPPDATA", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    assert config.default_vault_dir() == expected
    monkeypatch.setenv("CARE_DEGRADED_VAULT", "/mnt/usb/ward")
    assert config.default_vault_dir() == Path("/mnt/usb/ward")


@pytest.mark.dist
def test_from_an_installed_wheel(tmp_path: Path) -> None:
    """pip install of the wheel into a fresh virtualenv: forms and resources come along."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", *map(str, wheels.glob("*.whl"))],
                   check=True, capture_output=True)
    # Run from elsewhere: the checkout must not be importable.
    found = json.loads(subprocess.run([str(python), "-I", "-c", PROBE], cwd=tmp_path,
                                      capture_output=True, text=True, check=True).stdout)
    share = venv / "share" / "care_degraded"
    assert found["kind"] == "installed"
    assert Path(found["forms"]) == share / "forms"
    assert sorted(p.name for p in (share / "forms").glob("*.json")) == FORM_FILES
    assert Path(found["resources"]) == share / "resources"
    assert sorted(p.name for p in (share / "resources" / "fonts").iterdir()) == FONT_FILES
    assert (share / "resources" / "i18n" / "care_degraded_fr.qm").is_file()
    assert (Path(found["data"]) / "common-passwords.txt").is_file()
    assert not Path(found["vault"]).is_relative_to(venv)
