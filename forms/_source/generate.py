"""Write every form of the library as JSON into forms/ (run after editing a form)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import vitals  # noqa: E402

FORMS = [vitals.vital_signs]


def main() -> None:
    out_dir = Path(__file__).resolve().parent.parent
    for make in FORMS:
        data = make()
        path = out_dir / f"{data['id']}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(path.name)


if __name__ == "__main__":
    main()
