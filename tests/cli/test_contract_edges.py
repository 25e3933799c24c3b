"""Command-line contracts of issues 2-4 on bad input: exit code, one line, nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MANAGER, NURSE
from tests.vault.conftest import Cli, CliResult
from tests.vault.conftest import cli as _cli_fixture

cli = _cli_fixture


def _one_line(err: str) -> None:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("care-degraded: "), err


def _as(vault: Path, who: tuple[str, str, str]) -> list[str]:
    return ["--vault", str(vault), "--as", who[0]]


@pytest.fixture
def patient(vault_path: Path, cli: Cli) -> str:
    res = cli("patient", "admit", *_as(vault_path, NURSE), "--surname", "Quintal-Test",
              "--given", "Aurèle", "--birth-date", "1941-03-02", "--sex", "male",
              passphrase=NURSE[2])
    assert res.code == 0, res.err
    res = cli("patient", "list", *_as(vault_path, NURSE), "--json", passphrase=NURSE[2])
    return str(json.loads(res.out)[0]["id"])


def _records(vault_path: Path, cli: Cli) -> list[dict[str, object]]:
    res = cli("record", "list", *_as(vault_path, NURSE), "--json", passphrase=NURSE[2])
    assert res.code == 0, res.err
    rows: list[dict[str, object]] = json.loads(res.out)
    return rows


def _add(vault_path: Path, cli: Cli, patient: str, answers: Path, *extra: str,
         form: str = "vital-signs") -> CliResult:
    return cli("record", "add", *_as(vault_path, NURSE), "--patient", patient, "--form", form,
               "--answers", str(answers), *extra, passphrase=NURSE[2])


def test_demo_is_a_30_bed_ward_with_28_patients(tmp_path: Path, cli: Cli) -> None:
    res = cli("demo", "--vault", str(tmp_path / "demo"), "--json")
    assert res.code == 0, res.err
    users = {u["login"]: u["passphrase"] for u in json.loads(res.out)["users"]}
    res = cli("patient", "list", "--vault", str(tmp_path / "demo"), "--as", "cadre", "--json",
              passphrase=users["cadre"])
    assert res.code == 0, res.err
    ward = json.loads(res.out)
    assert len(ward) == 28
    beds = {p["bed"] for p in ward}
    assert len(beds) == 28 and None not in beds


def test_census_generate_same_seed_same_file_and_unwritable_target(tmp_path: Path,
                                                                   cli: Cli) -> None:
    one, two = tmp_path / "a.json", tmp_path / "b.json"
    for out in (one, two):
        res = cli("census", "generate", "--patients", "12", "--seed", "5", "--out", str(out))
        assert res.code == 0, res.err
    assert one.read_bytes() == two.read_bytes()
    res = cli("census", "generate", "--patients", "3", "--seed", "5", "--out",
              str(tmp_path / "missing" / "c.json"))
    assert res.code == 5
    _one_line(res.err)
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(("content", "says"), [
    (b"", "empty"), (b"\xef\xbb\xbf  \n", "empty"), (b'[{"resourceType": "Patient"}]', "array"),
])
def test_census_import_of_an_empty_file_or_a_json_array(vault_path: Path, tmp_path: Path,
                                                        cli: Cli, content: bytes,
                                                        says: str) -> None:
    census = tmp_path / "census.json"
    census.write_bytes(content)
    res = cli("census", "import", *_as(vault_path, MANAGER), str(census), passphrase=MANAGER[2])
    assert res.code == 5
    _one_line(res.err)
    assert says in res.err


def test_several_answers_to_a_single_question_are_refused(vault_path: Path, tmp_path: Path,
                                                          cli: Cli, patient: str) -> None:
    answers = tmp_path / "qr.json"
    at = {"linkId": "effective", "answer": [{"valueDateTime": "2026-11-29T04:00:00Z"}]}
    for items in (
        [at, {"linkId": "hr", "answer": [{"valueInteger": 80}, {"valueInteger": 140}]}],
        [at, {"linkId": "hr", "answer": [{"valueInteger": 80}]},
         {"linkId": "hr", "answer": [{"valueInteger": 140}]}],
    ):
        answers.write_text(json.dumps({"resourceType": "QuestionnaireResponse",
                                       "status": "completed", "item": items}), "utf-8")
        res = _add(vault_path, cli, patient, answers)
        assert res.code == 5, res.out
        assert "hr:" in res.err and "Traceback" not in res.err
    assert _records(vault_path, cli) == []


def test_a_response_to_another_form_is_refused(vault_path: Path, tmp_path: Path, cli: Cli,
                                               patient: str) -> None:
    answers = tmp_path / "qr.json"
    qr = {"resourceType": "QuestionnaireResponse", "status": "completed",
          "questionnaire": "https://care-degraded.example/fhir/Questionnaire/pain|1.0.0",
          "item": [{"linkId": "effective",
                    "answer": [{"valueDateTime": "2026-11-29T04:00:00Z"}]}]}
    answers.write_text(json.dumps(qr), "utf-8")
    res = _add(vault_path, cli, patient, answers)
    assert res.code == 5
    _one_line(res.err)
    assert _records(vault_path, cli) == []
    # The same response for its own form is stored.
    res = _add(vault_path, cli, patient, answers, form="pain")
    assert res.code == 5 and "method:" in res.err  # pain asks for its method too
    qr["questionnaire"] = "https://care-degraded.example/fhir/Questionnaire/vital-signs|1.0.0"
    answers.write_text(json.dumps(qr), "utf-8")
    res = _add(vault_path, cli, patient, answers)
    assert res.code == 0, res.err


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_invalid_input(vault_path: Path, tmp_path: Path, cli: Cli,
                                            patient: str, number: str) -> None:
    answers = tmp_path / "a.json"
    text = '{"effective": "2026-11-29T04:00:00Z", "temp": NUMBER, "rr": 18}'
    answers.write_text(text.replace("NUMBER", number), "utf-8")
    res = _add(vault_path, cli, patient, answers)
    assert res.code == 5
    _one_line(res.err)
    assert _records(vault_path, cli) == []


def test_bad_effective_time_is_a_usage_error(vault_path: Path, tmp_path: Path, cli: Cli,
                                             patient: str) -> None:
    answers = tmp_path / "a.json"
    answers.write_text('{"effective": "2026-11-29T04:00:00Z", "hr": 80}', "utf-8")
    res = _add(vault_path, cli, patient, answers, "--effective-at", "hier soir")
    assert res.code == 2
    assert "Traceback" not in res.err and "--effective-at" in res.err
    assert _records(vault_path, cli) == []


def test_half_written_answers_file_is_invalid_input(vault_path: Path, tmp_path: Path,
                                                    cli: Cli, patient: str) -> None:
    whole = json.dumps({"effective": "2026-11-29T04:00:00Z", "hr": 80, "rr": 18})
    answers = tmp_path / "a.json"
    answers.write_text(whole[: len(whole) // 2], "utf-8")
    res = _add(vault_path, cli, patient, answers)
    assert res.code == 5
    _one_line(res.err)
    assert _records(vault_path, cli) == []


def test_answers_saved_with_a_byte_order_mark_are_read(vault_path: Path, tmp_path: Path,
                                                       cli: Cli, patient: str) -> None:
    answers = tmp_path / "a.json"
    answers.write_bytes(b"\xef\xbb\xbf" + b'{"effective": "2026-11-29T04:00:00Z", "hr": 80}')
    res = _add(vault_path, cli, patient, answers)
    assert res.code == 0, res.err
    assert len(_records(vault_path, cli)) == 1


def test_unusable_paths_are_invalid_input_not_internal_errors(tmp_path: Path, cli: Cli,
                                                              vault_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder", "utf-8")
    res = cli("keygen", "--out", str(a_file / "it.key"))
    assert res.code == 5
    _one_line(res.err)
    key = tmp_path / "it.key"
    assert cli("keygen", "--out", str(key)).code == 0
    res = cli("init", "--vault", str(a_file), "--ward", "W", "--user", "cadre", "--name", "C",
              "--recovery-pubkey", f"{key}.pub", new_passphrase="une phrase correcte")
    assert res.code == 5
    _one_line(res.err)
    res = cli("backup", *_as(vault_path, MANAGER), "--to", str(a_file / "bk"),
              passphrase=MANAGER[2])
    assert res.code == 5
    _one_line(res.err)


def test_json_nested_too_deeply_is_invalid_input(vault_path: Path, tmp_path: Path, cli: Cli,
                                                 patient: str) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"a":' * 100_000, "utf-8")
    res = cli("census", "import", *_as(vault_path, MANAGER), str(deep), passphrase=MANAGER[2])
    assert res.code == 5 and "Traceback" not in res.err
    assert cli("form", "check", str(deep)).code == 5
    res = _add(vault_path, cli, patient, deep)
    assert res.code == 5
    _one_line(res.err)


def test_invalid_answers_name_their_questions_on_the_first_line(vault_path: Path,
                                                                tmp_path: Path, cli: Cli,
                                                                patient: str) -> None:
    answers = tmp_path / "a.json"
    answers.write_text('{"effective": "2026-11-29T04:00:00Z", "hr": 999, "temp": "x"}',
                       "utf-8")
    res = _add(vault_path, cli, patient, answers)
    assert res.code == 5
    first = res.err.splitlines()[0]
    assert first.startswith("care-degraded: ") and "hr" in first and "temp" in first
    assert "999" not in res.err  # the answers themselves are never echoed


def test_a_census_cut_half_way_or_not_utf8_is_one_line_and_imports_nothing(
        vault_path: Path, tmp_path: Path, cli: Cli) -> None:
    whole = tmp_path / "whole.json"
    assert cli("census", "generate", "--patients", "20", "--seed", "3", "--out",
               str(whole)).code == 0
    data = whole.read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(data[: len(data) // 2])
    latin = tmp_path / "latin.csv"
    latin.write_bytes("ipp;nom_naissance;prenoms;date_naissance;sexe\n1;Hélène;A;1950-01-01;F\n"
                      .encode("latin-1"))
    for bad in (cut, latin):
        res = cli("census", "import", *_as(vault_path, MANAGER), str(bad),
                  passphrase=MANAGER[2])
        assert res.code == 5
        _one_line(res.err)
    res = cli("census", "status", *_as(vault_path, MANAGER), "--json", passphrase=MANAGER[2])
    assert json.loads(res.out)["patients"]["present"] == 0
