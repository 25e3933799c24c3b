"""drill start | status | pause | resume | end | report | scenarios: the contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.conftest import MANAGER, NURSE, RecoveryKey

PASS = "exercice de nuit 2026"


def run(*args: str, env_pass: str = PASS) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CARE_DEGRADED_PASSPHRASE": env_pass,
           "CARE_DEGRADED_NEW_PASSPHRASE": env_pass}
    return subprocess.run([sys.executable, "-m", "care_degraded", *args], capture_output=True,
                          text=True, env=env, check=False)


def test_scenarios_list() -> None:
    out = run("drill", "scenarios", "--json")
    assert out.returncode == 0, out.stderr
    listed = {s["name"]: s for s in json.loads(out.stdout)}
    assert {"ransomware-night", "network-72h", "power-cut"} <= set(listed)
    assert listed["network-72h"]["duration"] == "72:00"
    assert {"name", "title", "duration"} <= set(listed["power-cut"])


def test_start_status_pause_resume_end_report(tmp_path: Path,
                                              recovery_key: RecoveryKey) -> None:
    pub = tmp_path / "recovery.pub"
    pub.write_text(recovery_key.recipient + "\n", encoding="ascii")
    d = tmp_path / "drill"
    out = run("drill", "start", "--vault", str(d), "--scenario", "power-cut", "--user",
              "anim", "--name", "Animateur Exercice", "--recovery-pubkey", str(pub),
              "--patients", "4", "--speed", "10", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["exercise"] is True
    v = ["--vault", str(d), "--as", "anim"]
    out = run("drill", "status", *v, "--json")
    assert out.returncode == 0, out.stderr
    st = json.loads(out.stdout)
    assert st["state"] == "running" and st["speed"] == 10 and st["scenario"] == "power-cut"
    assert st["injects"][0]["fired"] is True  # the power cut is at 0:00
    assert run("drill", "pause", *v, "--json").returncode == 0
    out = run("drill", "pause", *v)
    assert out.returncode == 6 and "already paused" in out.stderr
    assert json.loads(run("drill", "resume", *v, "--json").stdout)["state"] == "running"
    out = run("crisis", "add", *v, "--category", "incident", "--text", "Onduleur en alarme")
    assert out.returncode == 0, out.stderr
    assert json.loads(run("drill", "end", *v, "--json").stdout)["state"] == "ended"
    pdf = tmp_path / "retex.pdf"
    out = run("drill", "report", *v, "--out", str(pdf))
    assert out.returncode == 0, out.stderr
    text = " ".join(p.extract_text() or "" for p in PdfReader(pdf).pages)
    assert "RETEX" in text and "Onduleur en alarme" in text and "EXERCICE" in text
    # a drill folder is never reused
    out = run("drill", "start", "--vault", str(d), "--scenario", "power-cut", "--user",
              "anim", "--name", "A", "--recovery-pubkey", str(pub))
    assert out.returncode == 6


def test_production_vault_refused(vault_path: Path, tmp_path: Path,
                                  recovery_key: RecoveryKey) -> None:
    v = ["--vault", str(vault_path), "--as", MANAGER[0]]
    for action in ("status", "pause", "resume", "end"):
        out = run("drill", action, *v, env_pass=MANAGER[2])
        assert out.returncode == 6 and "production vault" in out.stderr, action
    out = run("drill", "report", *v, "--out", str(tmp_path / "r.pdf"), env_pass=MANAGER[2])
    assert out.returncode == 6 and not (tmp_path / "r.pdf").exists()
    pub = tmp_path / "recovery.pub"
    pub.write_text(recovery_key.recipient, encoding="ascii")
    out = run("drill", "start", "--vault", str(vault_path), "--scenario", "power-cut",
              "--user", "anim", "--name", "A", "--recovery-pubkey", str(pub))
    assert out.returncode == 6 and "production" in out.stderr
    out = run("drill", "status", "--vault", str(vault_path), "--as", NURSE[0],
              env_pass=NURSE[2])
    assert out.returncode == 6


def test_bad_scenario_is_invalid_input(tmp_path: Path, recovery_key: RecoveryKey) -> None:
    pub = tmp_path / "recovery.pub"
    pub.write_text(recovery_key.recipient, encoding="ascii")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "care-degraded-scenario", "version": 1,
                               "name": "bad", "title": {"fr": "x"}, "starts_at": "02:00",
                               "duration": "1:00", "injects": [
                                   {"id": "a", "at": "2:00", "audience": ["ward"],
                                    "text": {"fr": "trop tard"}}]}), encoding="utf-8")
    args = ["--user", "anim", "--name", "A", "--recovery-pubkey", str(pub)]
    out = run("drill", "start", "--vault", str(tmp_path / "d"), "--scenario", str(bad), *args)
    assert out.returncode == 5 and "after the scenario's end" in out.stderr
    out = run("drill", "start", "--vault", str(tmp_path / "d"), "--scenario", "nope", *args)
    assert out.returncode == 5 and "power-cut" in out.stderr
    assert not (tmp_path / "d").exists()
