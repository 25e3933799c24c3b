"""CSV census: BOM, separators, quotes, formula-looking cells, bad dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from care_degraded.census.csv_census import read_csv_census
from care_degraded.census.reader import read_census
from care_degraded.domain.errors import InvalidInput
from care_degraded.domain.patient import AllergyStatus, IdentityStatus, Sex
from care_degraded.services import census, patients
from care_degraded.vault import Vault

HEADER = ("ipp;ins;statut_identite;nom_naissance;nom_utilise;prenoms;date_naissance;sexe;"
          "chambre;lit;allergies;medicament;dose;unite_dose;voie;horaires;si_besoin;id_prescription")


def _write(tmp_path: Path, lines: list[str], *, bom: bool = False, sep: str = ";") -> Path:
    text = "\r\n".join(line.replace(";", sep) if sep != ";" else line for line in lines)
    path = tmp_path / "census.csv"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


ROWS = [
    HEADER,
    "00012;;VALI;Lefèvre;;Hélène Marie;31/01/1941;F;12;12A;Pénicillines|Latex;"
    "Paracétamol 1 g;1;g;voie orale;06:00|12:00|18:00|00:00;;rx-1",
    "00012;;VALI;Lefèvre;;Hélène Marie;31/01/1941;F;12;12A;Pénicillines|Latex;"
    "Morphine 10 mg/mL;5;mg;SC;;douleur EVA > 4;rx-2",
    "00013;269054958815780;QUAL;N'Diaye;Le Goff;Aïcha;1969-05-04;F;14;14;aucune;;;;;;;",
    "00014;;;Martin-Durand;;Jean-Baptiste;1950-12-03;M;15;15B;;Furosémide 40 mg;40;mg;"
    "voie orale;8h;;",
]


@pytest.mark.parametrize(("bom", "sep"), [(False, ";"), (True, ";"), (False, ","), (True, ",")])
def test_bom_and_separators(tmp_path: Path, bom: bool, sep: str) -> None:
    lines = ROWS if sep == ";" else [r.replace("Hélène Marie", "Hélène Marie") for r in ROWS]
    parsed = read_census(_write(tmp_path, lines, bom=bom, sep=sep))
    assert parsed.source_kind == "csv"
    assert [e.identity.ipp for e in parsed.entries] == ["00012", "00013", "00014"]
    helene = parsed.entries[0]
    assert helene.identity.birth_name == "Lefèvre"
    assert helene.identity.given_names == ("Hélène", "Marie")
    assert str(helene.identity.birth_date) == "1941-01-31"
    assert helene.identity.sex is Sex.FEMALE
    assert (helene.location.room, helene.location.bed) == ("12", "12A")
    assert [a.substance for a in helene.allergies] == ["Pénicillines", "Latex"]
    assert [rx.drug for rx in helene.prescriptions] == ["Paracétamol 1 g", "Morphine 10 mg/mL"]
    assert helene.prescriptions[0].times_of_day == ("00:00", "06:00", "12:00", "18:00")
    assert helene.prescriptions[1].as_needed
    aicha = parsed.entries[1]
    assert aicha.identity.ins == "269054958815780"
    assert aicha.identity.status is IdentityStatus.QUALIFIED
    assert aicha.identity.used_name == "Le Goff"
    assert aicha.allergy_status is AllergyStatus.NONE_KNOWN and aicha.prescriptions == ()
    assert parsed.entries[2].prescriptions[0].times_of_day == ("08:00",)


def test_quotes_and_formula_cells_are_text(tmp_path: Path) -> None:
    lines = [
        "ipp,nom_naissance,prenoms,date_naissance,sexe,medicament,horaires",
        '"00020","=HYPERLINK(""http://x"")","+Paul","1960-01-01","M","Doliprane, 1 g","08:00"',
        '"00021","@SUM(A1)","-Anne","1961-02-02","F","""Lasilix"" 40; mg",""',
    ]
    parsed = read_csv_census(_write(tmp_path, lines))
    first, second = parsed.entries
    assert first.identity.birth_name == '=HYPERLINK("http://x")'
    assert first.identity.given_names == ("+Paul",)
    assert first.prescriptions[0].drug == "Doliprane, 1 g"
    assert second.identity.birth_name == "@SUM(A1)"
    assert second.identity.given_names == ("-Anne",)
    assert second.prescriptions[0].drug == '"Lasilix" 40; mg'


def test_multiline_quoted_cell_keeps_line_numbers(tmp_path: Path) -> None:
    lines = [
        "ipp;nom_naissance;prenoms;date_naissance;sexe;medicament",
        '1;Martin;Léa;1950-01-01;F;"Paracétamol\nsi fièvre"',
        "2;Petit;Paul;1950-13-01;M;",
    ]
    with pytest.raises(InvalidInput) as err:
        read_csv_census(_write(tmp_path, lines))
    assert err.value.problems == ["line 4, column birth_date: not a date (YYYY-MM-DD or DD/MM/YYYY)"]


def test_bad_dates_are_reported_with_line_numbers(vault: Vault, tmp_path: Path) -> None:
    lines = [HEADER,
             "1;;;Martin;;Léa;31/02/1950;F;;;;;;;;;;",
             "2;;;Petit;;Paul;1950-01-01;M;;;;;;;;;;",
             "3;;;Roux;;Inès;hier;F;;;;;;;;;;"]
    path = _write(tmp_path, lines)
    with pytest.raises(InvalidInput) as err:
        census.import_census(vault, path)
    assert err.value.exit_code == 5
    assert [p.split(":")[0] for p in err.value.problems] == [
        "line 2, column birth_date", "line 4, column birth_date"]
    assert "Martin" not in str(err.value) and "hier" not in " ".join(err.value.problems)
    assert patients.list_patients(vault, include_left=True) == []


def test_row_without_identifier_is_refused_rest_imports(vault: Vault, tmp_path: Path) -> None:
    lines = [HEADER, "1;;;Martin;;Léa;1950-01-01;F;;;;;;;;;;",
             ";;;Inconnu;;X;1950-01-01;U;;;;;;;;;;",
             ";1234;VALI;Petit;;Paul;1950-01-01;M;;;;;;;;;;"]
    summary = census.import_census(vault, _write(tmp_path, lines))
    assert summary.imported == 1
    assert [(r.where, r.reason) for r in summary.refused_details] == [
        ("line 3", "no identifier"), ("line 4", "no IPP and no qualified INS")]


def test_disagreeing_identity_lines_are_malformed(tmp_path: Path) -> None:
    lines = [HEADER, "1;;;Martin;;Léa;1950-01-01;F;;;;A;;;;;;",
             "1;;;Martin;;Léo;1950-01-01;M;;;;B;;;;;;"]
    with pytest.raises(InvalidInput) as err:
        read_csv_census(_write(tmp_path, lines))
    assert err.value.problems == ["line 3, column identity: differs from line 2 for the same patient"]


def test_missing_columns_and_non_utf8(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as err:
        read_csv_census(_write(tmp_path, ["ipp;prenoms", "1;Léa"]))
    assert "line 1: missing column birth_name" in err.value.problems
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("ipp;nom;prenoms;date_naissance;sexe\n1;Lefèvre;Léa;1950-01-01;F\n"
                       .encode("latin-1"))
    with pytest.raises(InvalidInput, match="UTF-8"):
        read_csv_census(latin1)


def test_documented_example_file_imports(vault: Vault) -> None:
    from tests.census.conftest import DATA

    summary = census.import_census(vault, DATA / "example-census.csv")
    assert (summary.imported, summary.refused) == (3, 0)
    helene = patients.get_patient(vault, "00012")
    assert helene is not None
    assert helene.admitted_at == "2026-11-27T14:20"
    assert [rx.key for rx in helene.prescriptions] == ["rx-12-1", "rx-12-2"]
    assert helene.location.unit == "Médecine B" and helene.attending == "Dr Claire Fontaine"
