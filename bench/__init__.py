"""Benchmarks. `python -m bench` runs each module's run() and prints one JSON object last.

Each module measures in one process run and reports medians; ratios compare figures
taken in the same run, because the machines are shared and noisy.
"""

# One entry per benchmark module (bench/<name>.py with `run() -> dict[str, float]`).
MODULES = [
    "foundation",
    "personas",
    "competitors",
    "canvas",
    "canvas_live",
    "classroom",
    "export",
    "workshop",
    "security",
    "history",
    "experiments",
    "feedback",
    "themes",
    "team",
    "operate",
]
