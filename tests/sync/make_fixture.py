"""Write tests/sync/fixtures/v1/: a version-1 bundle with fixed keys (run by hand, once).

Keys are derived from a fixed seed, so the fixture is reproducible in content; age's
own randomness makes the ciphertext differ from run to run, which does not matter.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from care_degraded.sync.bundle import BundleContent, public_key_b64, write_bundle
from care_degraded.sync.canonical import b64
from care_degraded.vault.revisions import signing_bytes

HERE = Path(__file__).with_name("fixtures") / "v1"
SEED = b"care-degraded fixture v1"


def main() -> None:
    device_key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(SEED).digest())
    hub = pyrage.x25519.Identity.generate()
    revisions = []
    for n in range(3):
        fields = [f"00000000-0000-4000-8000-00000000000{n}", f"00000000-0000-4000-8000-00000000000{n}",
                  "obs-test", None, "ide", "dev-fixture", f"2026-12-01T0{n}:00:00.000000+00:00",
                  None, "final", json.dumps({"n": n, "t": 37.0 + n / 10}, sort_keys=True,
                                            separators=(",", ":"))]
        sig = b64(device_key.sign(signing_bytes(*fields)))  # type: ignore[arg-type]
        keys = ("uuid", "record_id", "kind", "patient_ref", "author", "device", "created_at",
                "supersedes", "status", "payload")
        revisions.append({**dict(zip(keys, fields, strict=True)), "seq": n + 1,
                          "signature": sig})
    content = BundleContent(
        hub_id="hub-fixture", enrolment_id="enrolment-fixture", enrolment_proof="0" * 64,
        device_id="dev-fixture", vault_id="vault-fixture", ward="Fixture", exercise=False,
        sequence=1, created_at="2026-12-01T03:00:00.000000+00:00", previous_bundle_id=None,
        revisions=revisions, patients=[], forms=[],
        checkpoint={"audit_head": "7:" + "0" * 64, "revision_count": 3}, predecessors={})
    _, data = write_bundle(content, device_key, [str(hub.to_public())],
                           bundle_id="00000000-0000-4000-8000-0000000000b1")
    HERE.mkdir(parents=True, exist_ok=True)
    (HERE / "bundle.cdb.age").write_bytes(data)
    (HERE / "hub.key").write_text(f"# test-only fixture key\n{hub}\n", encoding="ascii")
    (HERE / "device.pub").write_text(public_key_b64(device_key) + "\n", encoding="ascii")


if __name__ == "__main__":
    main()
