"""Page furniture: fonts, header/footer, page numbers, authenticated QR codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from care_degraded.domain.errors import DamagedData
from care_degraded.printing import qr
from care_degraded.printing.document import DEGRADED_BAND, Sheet, render
from care_degraded.printing.form import identity_block
from care_degraded.printing.identity import PatientLabel
from care_degraded.printing.styles import BODY
from tests.printing.helpers import KEY, all_text, context, decode_qr, label, pages_text, squash

ACCENTS = "Été, À l’hôpital, « cœur » et Œdème, Ça, È"


def _long_sheet(provisional: bool = False) -> Sheet:
    story = [Paragraph(f"{ACCENTS} — paragraphe {i}. " * 8, BODY) for i in range(40)]
    return Sheet("Feuille d’essai", "form", story, label(provisional=provisional),
                 "https://care-degraded.example/fhir/Questionnaire/x", "1.2.0")


def test_every_page_has_band_ward_printer_and_page_numbers() -> None:
    result = render([_long_sheet()], context())
    texts = pages_text(result.pdf)
    assert len(texts) == result.page_count >= 2
    for number, text in enumerate(texts, start=1):
        assert DEGRADED_BAND in text
        assert "Médecine B — Saint-Éloi" in text
        assert "Inès Durand-Test" in text
        assert "recensement de 14:05" in text
        assert f"page {number} / {len(texts)}" in text
        assert "DUPONT-ÉLÉONORE" in text  # the patient on every page of the sheet


def test_accents_survive_text_extraction() -> None:
    text = all_text(render([_long_sheet()], context()).pdf)
    for word in ("Été", "l’hôpital", "« cœur »", "Œdème", "Ça", "È", "Cœlestine"):
        assert word in text


def test_provisional_identity_is_marked_on_paper() -> None:
    text = all_text(render([_long_sheet(provisional=True)], context()).pdf)
    assert "IDENTITÉ PROVISOIRE" in text
    assert "IDENTITÉ PROVISOIRE" not in all_text(render([_long_sheet()], context()).pdf)


def test_qr_on_rendered_pages_decodes_and_verifies(tmp_path: Path) -> None:
    result = render([_long_sheet()], context())
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(result.pdf)
    for page in (1, result.page_count):
        found = decode_qr(pdf, page, tmp_path)
        assert found == [result.pages[page - 1].payload]
        claims = qr.verify(found[0], KEY)
        assert claims.patient_id == label().id
        assert claims.form_url.endswith("/Questionnaire/x")
        assert claims.form_version == "1.2.0"
        assert claims.serial == f"{result.job}-{page:04d}"
    assert len({p.serial for p in result.pages}) == result.page_count


@pytest.mark.parametrize("mutate", [
    lambda p: p.replace("11111111", "11111112"),       # another patient
    lambda p: p.replace("1.2.0", "1.3.0"),             # another version
    lambda p: p[:-2] + ("AA" if not p.endswith("AA") else "BB"),  # altered tag
    lambda p: p.rsplit("|", 1)[0],                     # no tag
    lambda p: "CD2" + p[3:],                           # unknown format
    lambda p: "garbage",
])
def test_tampered_payload_is_refused(mutate: object) -> None:
    claims = qr.SheetClaims("https://care-degraded.example/fhir/Questionnaire/x", "1.2.0",
                            "11111111-2222-3333-4444-555555555555", "AB12-XYZ-0001")
    payload = qr.encode(claims, KEY)
    assert qr.verify(payload, KEY) == claims
    with pytest.raises(DamagedData):
        qr.verify(mutate(payload), KEY)  # type: ignore[operator]


def test_code_from_another_vault_is_refused() -> None:
    claims = qr.SheetClaims("u", "1", "p", "s")
    with pytest.raises(DamagedData):
        qr.verify(qr.encode(claims, b"\x01" * 32), KEY)


@pytest.mark.parametrize("url", ["urn:x|y", "*literal-star", qr.CANONICAL_BASE + "vital-signs",
                                 qr.CANONICAL_BASE])
def test_fields_with_separators_round_trip(url: str) -> None:
    claims = qr.SheetClaims(url, "1 0", "é|p", "s%1")
    assert qr.verify(qr.encode(claims, KEY), KEY) == claims
    assert qr.encode(claims, KEY).isascii()


def test_canonical_form_url_is_shortened_but_still_authenticated() -> None:
    claims = qr.SheetClaims(qr.CANONICAL_BASE + "vital-signs", "1.0.0", "p", "s")
    payload = qr.encode(claims, KEY)
    assert "|*vital-signs|" in payload and "example" not in payload
    with pytest.raises(DamagedData):
        qr.verify(payload.replace("*vital-signs", "*pain"), KEY)


def test_long_name_is_wrapped_not_cut_in_header() -> None:
    long_name = "DE LA TOUR D’AUVERGNE-LAURAGUAIS (née MONTMORENCY-LAVAL) Marie-Éléonore-Géraldine"
    sheet = _long_sheet()
    sheet.patient = label(name=long_name)
    text = squash(pages_text(render([sheet], context()).pdf)[1])
    assert squash(long_name) in text


def test_missing_fonts_give_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    from care_degraded.printing import fonts

    monkeypatch.setattr(fonts, "SYSTEM_DIR", tmp_path / "none")
    monkeypatch.setattr(fonts, "resources_dir", lambda: tmp_path)
    monkeypatch.delenv("CARE_DEGRADED_FONTS", raising=False)
    with pytest.raises(fonts.FontsMissing, match="fonts-dejavu-core"):
        fonts._find("DejaVuSans.ttf")


def test_fonts_are_embedded() -> None:
    pdf = render([_long_sheet()], context()).pdf
    assert b"/FontFile2" in pdf and b"DejaVuSans" in pdf


def test_long_allergy_list_never_silently_cut() -> None:
    allergies = ", ".join(f"Allergène n°{i} « réaction grave » & <œdème>" for i in range(25))
    sheet = _long_sheet()
    sheet.patient = PatientLabel(**{**label().__dict__, "allergies": allergies})
    sheet.story = [identity_block(sheet.patient), *sheet.story]
    pages = pages_text(render([sheet], context()).pdf)
    assert "(suite sur la fiche)" in pages[0]  # the header says there is more...
    assert squash(allergies) in squash(pages[0])  # ...and the identity block has it all
