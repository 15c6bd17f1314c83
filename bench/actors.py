"""The actor the benchmarks act as: this computer's own browser, as on a laptop."""

from __future__ import annotations

from core.actors import WorkspaceActor

WORKSPACE = WorkspaceActor("bench")
