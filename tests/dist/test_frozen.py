"""The ward executable built with build.spec, run as IT would run it on a bare machine.

Every command runs under ``env -i`` with only HOME, a system PATH and
QT_QPA_PLATFORM=offscreen, from a folder outside the checkout: nothing from the
virtualenv or the source tree can stand in for what the folder lacks.
Run alone with ``pytest -m dist``.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.dist.conftest import ROOT, Frozen, hardlinked_copy

pytestmark = pytest.mark.dist

ARTEFACTS = ROOT / "artefacts"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
MANAGER = ("cadre", "cadre-demo-2026")
NURSE = ("ide1", "ide1-demo-2026")


def _ok(done: subprocess.CompletedProcess[str], what: str) -> str:
    assert done.returncode == 0, f"{what}: exit {done.returncode}: {done.stderr.strip()}"
    return done.stdout


def _source_form_ids() -> set[str]:
    return {json.loads(p.read_text("utf-8"))["id"] for p in (ROOT / "forms").glob("*.json")}


def _frozen_form_ids(frozen: Frozen, home: Path) -> set[str]:
    listed = json.loads(_ok(frozen.run(frozen.cli, "form", "list", "--json", home=home),
                            "form list"))
    return {form["id"] for form in listed}


def _qr_payloads(pdf: Path, out: Path) -> list[str]:
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(pdf),
                    str(out / "page")], check=True)
    page = next(out.glob("page*.png"))
    done = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sqrcode.enable", str(page)],
                          capture_output=True, text=True, check=False)
    return [line for line in done.stdout.splitlines() if line.strip()]


def _demo(frozen: Frozen, home: Path) -> tuple[Path, Path, Path]:
    """A demo ward made by the frozen program, and its two passphrase files."""
    vault = home / "ward"
    out = _ok(frozen.run(frozen.cli, "demo", "--vault", vault, home=home), "demo")
    assert "cadre" in out and vault.is_dir()
    manager, nurse = home / "manager.pass", home / "nurse.pass"
    manager.write_text(MANAGER[1] + "\n")
    nurse.write_text(NURSE[1] + "\n")
    return vault, manager, nurse


def test_the_frozen_program_from_version_to_ward_board(frozen: Frozen, home: Path) -> None:
    for tool in ("env", "pdftoppm", "zbarimg"):
        assert shutil.which(tool), f"{tool} missing: run make system"
    run = frozen.run

    # the version is pyproject.toml's
    assert _ok(run(frozen.cli, "--version", home=home), "--version").strip() \
        == f"care-degraded {VERSION}"

    # the per-user data folder: the default vault lives under HOME, not in the program
    done = run(frozen.cli, "status", home=home)
    assert done.returncode == 5
    assert str(home / ".local" / "share" / "care_degraded" / "ward") in done.stderr

    # every form of the library is in the folder, and nothing else
    assert _frozen_form_ids(frozen, home) == _source_form_ids()

    vault, manager, nurse = _demo(frozen, home)
    as_manager = ["--vault", vault, "--as", MANAGER[0], "--passphrase-file", manager]
    as_nurse = ["--vault", vault, "--as", NURSE[0], "--passphrase-file", nurse]

    # census import: a synthetic snapshot, generated and imported by the frozen program
    census = home / "census.json"
    _ok(run(frozen.cli, "census", "generate", "--patients", "6", "--seed", "16",
            "--out", census, "--beds", "30", "--generated-at",
            dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), home=home), "census generate")
    imported = json.loads(_ok(run(frozen.cli, "census", "import", *as_manager, census,
                                  "--json", home=home), "census import"))
    assert imported
    patients = json.loads(_ok(run(frozen.cli, "patient", "list", *as_nurse, "--json",
                                  home=home), "patient list"))
    assert patients

    # record add: vital signs for the first patient, through the form library
    answers = home / "vitals.json"
    answers.write_text(json.dumps({"effective": dt.datetime.now(dt.UTC).isoformat(),
                                   "temp": 38.4}))
    _ok(run(frozen.cli, "record", "add", *as_nurse, "--patient", patients[0]["id"],
            "--form", "vital-signs", "--answers", answers, home=home), "record add")

    # print kit: the pages it says, in the fonts it carries, with QR codes that decode
    kit = home / "kit.pdf"
    summary = json.loads(_ok(run(frozen.cli, "print", "kit", *as_manager, "--out", kit,
                                 "--hours", "8", "--json", home=home), "print kit"))
    reader = PdfReader(kit)
    assert summary["pages"] == len(reader.pages) >= len(patients)
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold"} <= fonts, fonts
    payloads = _qr_payloads(kit, home)
    assert payloads, "no QR code decoded on the kit's first page"
    verified = _ok(run(frozen.cli, "print", "verify-qr", *as_manager, payloads[0], home=home),
                   "verify-qr")
    assert "verified sheet" in verified

    # the audit chain the frozen program wrote holds
    _ok(run(frozen.cli, "audit", "verify", *as_manager, home=home), "audit verify")

    # the desktop application: unlock screen, demo passphrase, ward board, picture
    board = home / "board.png"
    done = run(frozen.gui, "--vault", vault, "--smoke-test", board, home=home)
    assert done.returncode == 0, done.stderr
    assert "smoke test: ok" in done.stdout
    assert board.read_bytes().startswith(b"\x89PNG")
    ARTEFACTS.mkdir(exist_ok=True)
    shutil.copy(board, ARTEFACTS / "frozen-ward-board.png")


def test_a_copy_missing_a_font_plugin_translation_or_form_fails(
        frozen: Frozen, home: Path, tmp_path: Path) -> None:
    """What IT would see on an incomplete copy (a USB stick filled half-way)."""
    vault, manager, _nurse = _demo(frozen, home)
    as_manager = ["--vault", vault, "--as", MANAGER[0], "--passphrase-file", manager]
    internal = Path("_internal")
    qt = internal / "PySide6" / "Qt"
    cases = {
        "font": internal / "resources" / "fonts" / "DejaVuSans.ttf",
        "xcb": qt / "plugins" / "platforms" / "libqxcb.so",
        "its library": qt / "lib" / "libQt6XcbQpa.so.6",
        "translation": internal / "resources" / "i18n" / "care_degraded_fr.qm",
        "qtbase": qt / "translations" / "qtbase_fr.qm",
        "form": internal / "forms" / "braden.json",
    }
    for what, missing in cases.items():
        copy = Frozen(hardlinked_copy(frozen.folder, tmp_path / what.replace(" ", "-")))
        assert (copy.folder / missing).exists(), f"{missing} is not in the build"
        (copy.folder / missing).unlink()
        if what == "font":
            done = copy.run(copy.cli, "print", "kit", *as_manager, "--out", home / "k.pdf",
                            home=home)
            assert done.returncode == 1 and "DejaVuSans.ttf" in done.stderr, done.stderr
        elif what == "form":
            assert _frozen_form_ids(copy, home) == _source_form_ids() - {"braden"}
        else:
            done = copy.run(copy.gui, "--vault", vault, "--smoke-test", home / "b.png",
                            home=home)
            assert done.returncode == 1, f"{what}: {done.stdout} {done.stderr}"
            assert "smoke test failed" in done.stderr
            shutil.rmtree(copy.folder)


def test_the_folder_holds_what_the_wards_need_and_no_more(frozen: Frozen) -> None:
    files = [p.relative_to(frozen.bundle) for p in frozen.bundle.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    qt = frozen.bundle / "PySide6" / "Qt"
    assert sorted(p.name for p in (qt / "translations").iterdir()) == ["qtbase_fr.qm"]
    assert {"libqoffscreen.so", "libqxcb.so"} == {p.name for p in (qt / "plugins" / "platforms")
                                                    .iterdir()}
    assert not (qt / "plugins" / "platformthemes").exists()
    assert not [n for n in names if n.startswith(("libgtk", "libgdk", "libcups.so", "libQt6Network",
                                                  "libQt6Qml", "libQt6Quick", "libQt6Svg",
                                                  "libQt6OpenGL", "libtk", "libtcl"))]
    assert not [p for p in files if p.suffix == ".ts" or p.parts[0] == "tkinter"]
    assert (frozen.bundle / "resources" / "i18n" / "care_degraded_fr.qm").is_file()
    assert sorted(p.name for p in (frozen.bundle / "forms").glob("*.json")) \
        == sorted(p.name for p in (ROOT / "forms").glob("*.json"))
    assert not (frozen.bundle / "forms" / "_source").exists()
    # ReportLab's standard fonts: the frozen program would fail at the first PDF without them
    assert list((frozen.bundle / "reportlab" / "fonts").glob("*.afm"))
