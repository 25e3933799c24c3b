"""Census test helpers: spec fixtures, synthetic census files, bundles built from them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.vault.conftest import cli  # noqa: F401  (the in-process command-line fixture)

DATA = Path(__file__).parent / "data"


def spec_resource(name: str) -> dict[str, Any]:
    """A FHIR example resource from tests/census/data (see its README)."""
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def bundle(resources: list[dict[str, Any]], *, kind: str = "collection",
           timestamp: str | None = "2026-03-02T06:00:00Z") -> dict[str, Any]:
    out: dict[str, Any] = {"resourceType": "Bundle", "type": kind, "entry": []}
    if timestamp:
        out["timestamp"] = timestamp
    for resource in resources:
        entry: dict[str, Any] = {"resource": resource}
        if "id" in resource:
            entry["fullUrl"] = f"http://example.org/fhir/{resource['resourceType']}/{resource['id']}"
        if kind == "transaction":
            entry["request"] = {"method": "PUT",
                                "url": f"{resource['resourceType']}/{resource.get('id', '')}"}
        out["entry"].append(entry)
    return out


def write_json(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def patient(pid: str, ipp: str | None, family: str, given: list[str], birth: str,
            gender: str = "female", **extra: Any) -> dict[str, Any]:
    """A minimal synthetic FHIR Patient."""
    resource: dict[str, Any] = {
        "resourceType": "Patient", "id": pid,
        "name": [{"use": "official", "family": family, "given": given}],
        "gender": gender, "birthDate": birth, **extra,
    }
    if ipp is not None:
        resource["identifier"] = [{
            "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                                 "code": "PI"}]},
            "system": "https://example.org/fhir/sid/ipp", "value": ipp}]
    return resource


def at(hours_ago: float, now: dt.datetime | None = None) -> str:
    moment = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(hours=hours_ago)
    return moment.replace(microsecond=0).isoformat()


@pytest.fixture
def small_census(tmp_path: Path) -> Path:
    """30 synthetic patients, seed 11, dated 2 hours ago."""
    from care_degraded.census import generator

    made = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=2)
    return generator.write(tmp_path / "census.json", 30, 11, generated_at=made)
