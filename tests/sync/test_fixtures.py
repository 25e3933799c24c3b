"""Bundles written by each released format version still open and verify."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyrage

from care_degraded.sync.bundle import decrypt, load_public_key, open_body, split, verify_manifest

FIXTURES = Path(__file__).with_name("fixtures")


def test_version_1_fixture_opens_and_verifies() -> None:
    folder = FIXTURES / "v1"
    identity = next(line for line in (folder / "hub.key").read_text().splitlines()
                    if line.startswith("AGE-SECRET-KEY-"))
    sealed = split(decrypt((folder / "bundle.cdb.age").read_bytes(),
                           [pyrage.x25519.Identity.from_str(identity)]))
    key = load_public_key((folder / "device.pub").read_text().strip())
    manifest = verify_manifest(sealed, key)
    opened = open_body(sealed, manifest, lambda device: key)
    assert manifest["version"] == 1 and manifest["sequence"] == 1
    assert manifest["bundle_id"] == "00000000-0000-4000-8000-0000000000b1"
    assert [r["seq"] for r in opened.revisions] == [1, 2, 3]


def test_version_1_fixture_opens_with_the_age_command(tmp_path: Path) -> None:
    folder = FIXTURES / "v1"
    inner = subprocess.run(["age", "-d", "-i", str(folder / "hub.key"),
                            str(folder / "bundle.cdb.age")], capture_output=True,
                           check=True).stdout
    assert inner.startswith(b"care-degraded-bundle/1\n")
