"""Write the published JSON Schema: `python -m export.schema` (tests check it is current)."""

from __future__ import annotations

import json
from pathlib import Path

from export.document_model import SCHEMA_VERSION, json_schema

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / f"nilai-project.v{SCHEMA_VERSION}.schema.json"


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> int:
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(SCHEMA_PATH)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
