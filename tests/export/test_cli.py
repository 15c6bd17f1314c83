"""`python -m export`: the same writers from the command line, and clear failures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "data" / "campus_library.id.json"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "export", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_cli_writes_every_format(tmp_path: Path) -> None:
    out = {fmt: tmp_path / f"out.{fmt}" for fmt in ("pdf", "png", "md", "csv", "xlsx", "json")}
    result = run(
        str(EXAMPLE),
        "--lang",
        "id",
        "--paper",
        "letter",
        "--sections",
        "cover",
        "canvas",
        *[arg for fmt, path in out.items() for arg in (f"--{fmt}", str(path))],
    )
    assert result.returncode == 0, result.stderr
    assert out["pdf"].read_bytes().startswith(b"%PDF")
    assert out["png"].read_bytes().startswith(b"\x89PNG")
    assert out["md"].read_text(encoding="utf-8").startswith("# Contoh")
    assert json.loads(out["json"].read_text(encoding="utf-8"))["schema_version"] == 2
    info = subprocess.run(["pdfinfo", str(out["pdf"])], capture_output=True, text=True, check=True).stdout
    pages = int(info.split("Pages:")[1].split()[0])
    assert "792 x 612 pts" in info and pages >= 2  # cover + canvas (+ overflow pages on the smaller Letter)


def test_cli_json_round_trips_its_own_output(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run(str(EXAMPLE), "--json", str(first)).returncode == 0
    assert run(str(first), "--json", str(second)).returncode == 0
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b


def test_cli_lists_the_problems_of_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "nilai-project",
                "schema_version": 1,
                "project": {"name": ""},
                "items": [{"id": "i1", "area": "moon", "text": "x"}],
            }
        )
    )
    result = run(str(bad), "--pdf", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert "can't be imported" in result.stderr and "Note 1" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.pdf").exists()
    missing = run(str(tmp_path / "nope.json"), "--pdf", str(tmp_path / "x.pdf"))
    assert missing.returncode == 2 and "can't read" in missing.stderr
