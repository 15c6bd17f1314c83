"""Every benchmark module imports: a helper renamed or moved elsewhere (bench/flood.py used
bench.workshop.Server after the harness replaced it) fails here, not at the end of a long
`python -m bench` run."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.mark.parametrize("name", sorted(p.stem for p in BENCH.glob("*.py") if p.stem != "__main__"))
def test_bench_module_imports(name: str) -> None:
    importlib.import_module(f"bench.{name}")
