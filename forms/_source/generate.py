"""Write every form of the library as JSON into forms/ (run after editing a form)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import care  # noqa: E402
import checklists  # noqa: E402
import scores  # noqa: E402
import vitals  # noqa: E402

FORMS = [
    vitals.vital_signs, scores.medication_administration, scores.glucose_insulin,
    scores.pain, scores.glasgow, scores.braden, scores.fall_risk, care.fluid_balance,
    care.targeted_notes, care.sbar, care.lab_imaging_request, care.admission,
    care.discharge, care.adverse_event, checklists.start, checklists.shift,
    checklists.recovery,
]


def main() -> None:
    out_dir = Path(__file__).resolve().parent.parent
    for make in FORMS:
        data = make()
        path = out_dir / f"{data['id']}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(path.name)


if __name__ == "__main__":
    main()
