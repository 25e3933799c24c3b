"""crisis add | list | amend | void and print crisis-log: the contract scripts rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import MANAGER, NURSE


def run(*args: str, env_pass: str = NURSE[2]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CARE_DEGRADED_PASSPHRASE": env_pass}
    return subprocess.run([sys.executable, "-m", "care_degraded", *args], capture_output=True,
                          text=True, env=env, check=False)


def test_add_list_amend_void_and_print(tmp_path: Path, vault_path: Path) -> None:
    v = ["--vault", str(vault_path), "--as", NURSE[0]]
    out = run("crisis", "add", *v, "--category", "incident", "--text",
              "Imprimante du poste 2 hors service")
    assert out.returncode == 0, out.stderr
    assert "Imprimante du poste 2 hors service" in out.stdout
    out = run("crisis", "add", "--vault", str(vault_path), "--as", MANAGER[0], "--category",
              "decision", "--text", "Transfert des admissions vers l'UHCD", "--json",
              env_pass=MANAGER[2])
    assert out.returncode == 0, out.stderr
    decision = json.loads(out.stdout)
    assert decision["author"] == MANAGER[0] and decision["category"] == "decision"
    out = run("crisis", "list", *v, "--json")
    assert out.returncode == 0, out.stderr
    listed = json.loads(out.stdout)
    assert [e["category"] for e in listed] == ["incident", "decision"]
    assert [e["author"] for e in listed] == [NURSE[0], MANAGER[0]]
    assert {"entry_id", "uuid", "at", "text", "patient", "status", "reason"} <= set(listed[0])
    first = listed[0]["entry_id"]
    out = run("crisis", "amend", *v, "--entry", first, "--text", "Imprimante 2 réparée",
              "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["status"] == "amended"
    out = run("crisis", "void", *v, "--entry", first, "--reason", "mauvais poste", "--json")
    assert json.loads(out.stdout)["status"] == "entered-in-error"
    out = run("crisis", "list", *v)
    assert out.returncode == 0 and "mauvais poste" in out.stdout

    pdf = tmp_path / "mc.pdf"
    out = run("print", "crisis-log", *v, "--out", str(pdf))
    assert out.returncode == 0, out.stderr
    text = " ".join((p.extract_text() or "") for p in PdfReader(pdf).pages)
    assert "Main courante" in text and "UHCD" in text and "mauvais poste" in text


def test_bad_input_exit_codes_and_nothing_stored(vault_path: Path) -> None:
    v = ["--vault", str(vault_path), "--as", NURSE[0]]
    out = run("crisis", "add", *v, "--category", "rumeur", "--text", "x")
    assert out.returncode == 2 and "rumeur" in out.stderr  # argparse choices: usage
    out = run("crisis", "add", *v, "--category", "action", "--text", "   ")
    assert out.returncode == 5 and len(out.stderr.strip().splitlines()) == 1
    out = run("crisis", "add", *v, "--category", "patient", "--text", "chute",
              "--patient", "inconnu-42")
    assert out.returncode == 5 and "inconnu-42" not in out.stderr
    out = run("crisis", "list", *v, env_pass="mauvaise phrase")
    assert out.returncode == 3
    out = run("crisis", "void", *v, "--entry", "00000000-0000-0000-0000-000000000000",
              "--reason", "x")
    assert out.returncode == 5
    out = run("crisis", "list", *v, "--json")
    assert json.loads(out.stdout) == []
