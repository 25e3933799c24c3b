"""The sync and hub command lines: names, JSON fields and exit codes as the issue writes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from care_degraded.cli import main
from tests.conftest import MANAGER, RecoveryKey
from tests.sync.kit import IT


def _run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, secret: str,
         *argv: str) -> tuple[int, str, str]:
    monkeypatch.setenv("CARE_DEGRADED_PASSPHRASE", secret)
    monkeypatch.setenv("CARE_DEGRADED_NEW_PASSPHRASE", secret)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_usb_loop_through_the_command_line(vault_path: Path, tmp_path: Path,
                                           recovery_key: RecoveryKey,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    pub = tmp_path / "it.key.pub"
    pub.write_text(recovery_key.recipient + "\n")
    hub, usb, enrol = tmp_path / "hub", tmp_path / "usb", tmp_path / "enrol.json"
    usb.mkdir()
    hub_ = ("--dir", str(hub), "--as", IT[0])
    ward = ("--vault", str(vault_path), "--as", MANAGER[0])
    assert _run(capsys, monkeypatch, IT[2], "hub", "init", "--dir", str(hub), "--user", IT[0],
                "--name", IT[1], "--recovery-pubkey", str(pub))[0] == 0
    assert _run(capsys, monkeypatch, IT[2], "hub", "enroll-device", *hub_, "--ward",
                "Médecine B (test)", "--out", str(enrol))[0] == 0
    code, out, _ = _run(capsys, monkeypatch, MANAGER[2], "sync", "status", *ward, "--json")
    assert code == 0 and json.loads(out)["enrolled"] is False
    assert _run(capsys, monkeypatch, MANAGER[2], "enroll", *ward, "--file", str(enrol))[0] == 0
    code, out, _ = _run(capsys, monkeypatch, MANAGER[2], "sync", "status", *ward, "--json")
    status = json.loads(out)
    assert {"pending", "last_receipt_at", "last_sequence", "enrolled"} <= set(status)
    code, out, _ = _run(capsys, monkeypatch, MANAGER[2], "sync", "export", *ward, "--to",
                        str(usb), "--json")
    bundle = Path(json.loads(out)["file"])
    assert code == 0 and bundle.exists()
    damaged = usb / "damaged.cdb.age"
    damaged.write_bytes(bundle.read_bytes()[:-5])
    code, out, err = _run(capsys, monkeypatch, IT[2], "hub", "ingest", *hub_, str(bundle),
                          str(damaged), "--receipts-to", str(usb), "--json")
    summary = json.loads(out)
    assert code == 4 and err.count("\n") == 1 and "damaged.cdb.age" in err
    assert {"bundles", "accepted", "duplicates", "conflicts", "gaps", "refused"} <= set(summary)
    assert summary["refused"][0]["file"] == str(damaged) and summary["refused"][0]["reason"]
    receipt = next(usb.glob("*.receipt.json"))
    assert _run(capsys, monkeypatch, MANAGER[2], "sync", "receipts", *ward, str(receipt))[0] == 0
    code, out, _ = _run(capsys, monkeypatch, MANAGER[2], "sync", "status", *ward, "--json")
    assert json.loads(out)["pending"] == 0 and json.loads(out)["last_receipt_at"]
    code, out, _ = _run(capsys, monkeypatch, IT[2], "hub", "status", *hub_, "--json")
    device = json.loads(out)["devices"][0]
    assert {"device", "ward", "last_sequence", "gaps", "revisions"} <= set(device)
    code, out, _ = _run(capsys, monkeypatch, IT[2], "hub", "devices", "list", *hub_, "--json")
    assert json.loads(out)["devices"][0]["device"] == device["device"]
    assert _run(capsys, monkeypatch, IT[2], "hub", "devices", "revoke", *hub_, "--device",
                device["device"])[0] == 0
    code, out, _ = _run(capsys, monkeypatch, MANAGER[2], "sync", "export", *ward, "--to",
                        str(usb), "--json")
    code, out, err = _run(capsys, monkeypatch, IT[2], "hub", "ingest", *hub_,
                          json.loads(out)["file"], "--json")
    assert code == 6 and "revoked" in err
