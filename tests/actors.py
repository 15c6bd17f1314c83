"""Actors the tests act as. Each is what the domain would build for a real session."""

from __future__ import annotations

from core.actors import WorkspaceActor

# This computer's own browser: every project outside the class space.
WORKSPACE = WorkspaceActor("tests")
