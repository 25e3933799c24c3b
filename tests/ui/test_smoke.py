"""``care-degraded-gui --smoke-test FILE.png`` from the virtualenv (the frozen run: tests/dist)."""

from __future__ import annotations

import shutil

from care_degraded.ui import app, i18n, smoke


def test_smoke_test_unlocks_the_demo_ward_and_saves_the_board(qapp, tmp_path, _demo_template,
                                                               capsys):
    ward = tmp_path / "ward"
    shutil.copytree(_demo_template, ward)
    png = tmp_path / "shots" / "board.png"
    assert app.main(["--vault", str(ward), "--smoke-test", str(png)]) == 0
    out = capsys.readouterr().out
    assert "unlock screen shown at" in out and "smoke test: ok" in out
    assert png.read_bytes().startswith(b"\x89PNG")
    assert png.with_suffix(".txt").read_text().startswith("smoke test: ok")


def test_smoke_test_refuses_a_vault_without_demo_passphrases(qapp, tmp_path, vault_path, capsys):
    assert app.main(["--vault", str(vault_path), "--smoke-test", str(tmp_path / "b.png")]) == 1
    err = capsys.readouterr().err
    assert "smoke test failed" in err and "not a demo vault" in err
    assert not (tmp_path / "b.png").exists()
    assert "not a demo vault" in (tmp_path / "b.txt").read_text()


def test_missing_translations_are_named(qapp):
    i18n.install("fr")
    assert smoke.missing_translations("fr") == []
    i18n.install("en")  # no translator installed: as if both .qm files were missing
    assert len(smoke.missing_translations("fr")) == 2
    assert smoke.missing_translations("en") == []
    i18n.install("fr")


def test_the_platform_plugins_of_this_system_load(qapp):
    assert smoke.missing_platform_plugins() == []
