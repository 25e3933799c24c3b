"""An establishment's own forms: `form import` into the vault, the establishment folder
loaded after the shipped library, a drill that requires an establishment checklist."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from care_degraded.domain.errors import InvalidInput, NotFound, Refused
from care_degraded.services import checklists, forms
from care_degraded.vault import Vault
from tests.conftest import MANAGER, NURSE

URL = "https://chu-exemple.fr/fhir/Questionnaire/chk-evacuation"


def checklist(version: str = "1.0.0", item_type: str = "boolean",
              extra_item: dict | None = None) -> dict:
    items = [{"linkId": "evac-1", "text": "Recenser les patients non déplaçables",
              "type": item_type},
             {"linkId": "evac-2", "text": "Prévenir le standard", "type": "boolean"}]
    if extra_item:
        items.append(extra_item)
    return {"resourceType": "Questionnaire", "id": "chk-evacuation", "url": URL,
            "version": version, "title": "Check-list évacuation (CHU Exemple)",
            "status": "active",
            "meta": {"tag": [{"system":
                              "https://care-degraded.example/fhir/CodeSystem/form-kind",
                              "code": "checklist"}]},
            "extension": [{"url": "https://chu-exemple.fr/fhir/ext/couleur",
                           "valueString": "rouge"}],
            "item": [{"linkId": "evac", "text": "Évacuation", "type": "group",
                      "item": items}]}


def write(tmp_path: Path, data: dict, name: str = "chk.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_degrades_with_warnings_and_every_use_sees_it(manager_vault: Vault,
                                                            tmp_path: Path) -> None:
    photo = {"linkId": "evac-photo", "text": "Photo du plan", "type": "attachment"}
    spec = forms.import_form(manager_vault, write(tmp_path, checklist(extra_item=photo)))
    assert spec.url == URL and spec.is_checklist
    assert any("evac-photo" in w and "attachment" in w for w in spec.warnings)
    assert any("couleur" in w for w in spec.warnings)
    lib = forms.vault_library(manager_vault)
    assert lib.get("chk-evacuation").version == "1.0.0"
    with pytest.raises(NotFound):  # the shipped library alone does not know it
        forms.library().get("chk-evacuation")
    run = checklists.start_run(manager_vault, lib, "chk-evacuation")
    assert run.form_url == URL and {i.link_id for i in run.items} >= {"evac-1", "evac-2"}
    # A new version is another import; the first stays for the records made with it.
    forms.import_form(manager_vault, write(tmp_path, checklist("1.1.0"), "v2.json"))
    lib = forms.vault_library(manager_vault)
    assert lib.get("chk-evacuation").version == "1.1.0"
    assert lib.get(URL, "1.0.0").version == "1.0.0"


def test_import_refusals_store_nothing(manager_vault: Vault, vault: Vault,
                                       tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as err:  # an unknown item type: refused clearly
        forms.import_form(manager_vault, write(tmp_path, checklist(item_type="signature")))
    assert "evac-1" in str(err.value) and "signature" in str(err.value)
    assert err.value.exit_code == 5
    assert forms.imported_forms(manager_vault) == []
    with pytest.raises(Refused):  # a nurse cannot change the ward's forms
        forms.import_form(vault, write(tmp_path, checklist()))
    no_version = checklist()
    del no_version["version"]
    with pytest.raises(InvalidInput, match="version"):
        forms.import_form(manager_vault, write(tmp_path, no_version))
    forms.import_form(manager_vault, write(tmp_path, checklist()))
    with pytest.raises(Refused, match="already known"):
        forms.import_form(manager_vault, write(tmp_path, checklist()))
    changed = checklist()
    changed["title"] = "Autre titre"
    with pytest.raises(InvalidInput, match="new version"):
        forms.import_form(manager_vault, write(tmp_path, changed))
    shipped = json.loads(Path(forms.library().get("vital-signs").source).read_text("utf-8"))
    shipped["title"] = "Constantes du CHU"
    with pytest.raises(InvalidInput, match="new version"):  # a shipped version, altered
        forms.import_form(manager_vault, write(tmp_path, shipped, "vs.json"))
    assert [s.version for s in forms.imported_forms(manager_vault)] == ["1.0.0"]


def run(*args: str, env_pass: str = MANAGER[2], **env: str) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "CARE_DEGRADED_PASSPHRASE": env_pass, **env}
    return subprocess.run([sys.executable, "-m", "care_degraded", *args], capture_output=True,
                          text=True, env=full, check=False)


def test_form_import_cli_and_the_establishment_folder(vault_path: Path, tmp_path: Path) -> None:
    v = ["--vault", str(vault_path), "--as", MANAGER[0]]
    photo = {"linkId": "evac-photo", "text": "Photo du plan", "type": "attachment"}
    out = run("form", "import", *v, str(write(tmp_path, checklist(extra_item=photo))))
    assert out.returncode == 0, out.stderr
    assert "imported checklist chk-evacuation 1.0.0" in out.stdout
    assert "warning: evac-photo" in out.stderr
    # Another process on the same vault (another machine of it) uses the imported checklist.
    out = run("checklist", "start", *v, "--phase", "chk-evacuation", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["form_url"] == URL
    out = run("form", "import", *v, str(write(tmp_path, checklist("2.0.0", "signature"),
                                              "bad.json")))
    assert out.returncode == 5 and "unknown type 'signature'" in out.stderr
    out = run("form", "import", "--vault", str(vault_path), "--as", NURSE[0],
              str(write(tmp_path, checklist("3.0.0"), "n.json")), env_pass=NURSE[2])
    assert out.returncode == 6

    folder = tmp_path / "etablissement"
    folder.mkdir()
    own = checklist("1.0.0")
    own.update(id="chk-confinement", url="https://chu-exemple.fr/fhir/Questionnaire/conf")
    write(folder, own, "confinement.json")
    listed = json.loads(run("form", "list", "--json",
                            CARE_DEGRADED_FORMS=str(folder)).stdout)
    ids = {f["id"] for f in listed}
    assert "chk-confinement" in ids and "vital-signs" in ids  # after, not instead of, shipped
    listed = json.loads(run("form", "list", "--forms", str(folder), "--json").stdout)
    assert {"chk-confinement", "vital-signs"} <= {f["id"] for f in listed}
    out = run("checklist", "start", *v, "--phase", "chk-confinement", "--json",
              CARE_DEGRADED_FORMS=str(folder))
    assert out.returncode == 0, out.stderr
