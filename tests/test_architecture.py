"""No import cycles, module by module, across every project package.

A cycle is what let the warm-up thread and the first request meet a partially initialised
module after a restart (storage/__init__ -> repositories -> storage). Importing `a.b.c`
first runs `a/__init__` and `a/b/__init__`, so an import of a submodule also counts as an
import of each package above it: that is how a package __init__ that re-exports a module
which imports its siblings closes a cycle. Function-level imports count too: they run in
the middle of someone else's import just as well. The layering rules themselves are
import-linter contracts (.importlinter), checked by `lint-imports` in `dev.py test`.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
# Every top-level package of the project; pages/ is run by path, not imported.
PROJECT_PACKAGES = sorted(
    path.parent.name for path in ROOT.glob("*/__init__.py") if path.parent.name not in {"tests", "docs"}
)


def import_graph(*packages: str) -> dict[str, set[str]]:
    """module -> the modules it needs initialised, including the packages above each."""
    graph = grimp.build_graph(*packages, cache_dir=None)
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        needed: set[str] = set()
        for imported in graph.find_modules_directly_imported_by(module):
            parts = imported.split(".")
            needed.update(".".join(parts[:depth]) for depth in range(1, len(parts) + 1))
        needed.discard(module)
        edges[module] = {m for m in needed if m in graph.modules}
    return edges


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the groups of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def shortest_cycle(edges: dict[str, set[str]], group: list[str]) -> list[str]:
    """One shortest round trip through `group`, for the failure message."""
    members = set(group)
    best: list[str] = []
    for start in group:
        parents = {start: start}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for child in sorted(edges[node] & members):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parents[path[-1]])
                    cycle = [*reversed(path), start]
                    if not best or len(cycle) < len(best):
                        best = cycle
                    queue.clear()
                    break
                if child not in parents:
                    parents[child] = node
                    queue.append(child)
    return best


def test_the_project_packages_are_found() -> None:
    assert {"core", "storage", "canvas", "ui", "server"} <= set(PROJECT_PACKAGES)


def test_no_module_imports_itself_in_a_round_trip() -> None:
    edges = import_graph(*PROJECT_PACKAGES)
    cycles = [" -> ".join(shortest_cycle(edges, group)) for group in strongly_connected(edges)]
    assert cycles == [], "import cycles (break each one):\n" + "\n".join(cycles)


def test_the_cycle_finder_sees_the_restart_race_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shape behind the restart race: a package __init__ re-exports a module that
    imports a sibling through the package, which needs the package's __init__ first."""
    package = tmp_path / "oldstorage"
    package.mkdir()
    (package / "__init__.py").write_text("from oldstorage.repositories import Store\n")
    (package / "repositories.py").write_text("from oldstorage import tables\n\nclass Store: ...\n")
    (package / "tables.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))

    edges = import_graph("oldstorage")

    assert strongly_connected(edges) == [["oldstorage", "oldstorage.repositories"]]
    assert shortest_cycle(edges, ["oldstorage", "oldstorage.repositories"]) in (
        ["oldstorage", "oldstorage.repositories", "oldstorage"],
        ["oldstorage.repositories", "oldstorage", "oldstorage.repositories"],
    )


def page_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, set[str]]:
    """page file -> the project modules it imports. Pages are scripts, not a package, so
    they are linked into a throwaway package for grimp to read."""
    package = tmp_path / "nilai_pages"
    package.mkdir()
    (package / "__init__.py").write_text("")
    scripts = [*sorted((ROOT / "pages").glob("*.py")), ROOT / "app.py"]
    for script in scripts:
        (package / script.name).symlink_to(script)
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("nilai_pages", *PROJECT_PACKAGES, cache_dir=None)
    return {
        f"{script.relative_to(ROOT)}": {
            imported
            for imported in graph.find_modules_directly_imported_by(f"nilai_pages.{script.stem}")
            if imported.split(".")[0] in PROJECT_PACKAGES
        }
        for script in scripts
    }


def test_pages_import_only_the_ui(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page reads state and calls ui/ (which calls the domain): no contract sees page
    scripts, so this test does."""
    imports = page_imports(tmp_path, monkeypatch)
    assert "pages/home.py" in imports and any(imports.values())
    outside = {page: sorted(m for m in modules if m.split(".")[0] != "ui") for page, modules in imports.items()}
    assert {page: modules for page, modules in outside.items() if modules} == {}


def test_models_import_only_core_i18n_and_other_models() -> None:
    """Storage and projects' scope modules may read the domain's models (the one exception
    the layers contract names), so the models must stay at the bottom themselves."""
    models = {"projects.team_models", "history.changes"}
    graph = grimp.build_graph(*PROJECT_PACKAGES, cache_dir=None)
    models |= {module for module in graph.modules if module.endswith(".models")}
    allowed = {"core", "i18n"}
    wrong = {
        module: sorted(
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if imported not in models and imported.split(".")[0] not in allowed
        )
        for module in sorted(models)
    }
    assert {module: found for module, found in wrong.items() if found} == {}


def test_every_projects_module_has_a_layer() -> None:
    """`projects` is split between two layers in .importlinter (its lifecycle service among
    the feature services, its scope modules below them): a new module must be placed."""
    config = (ROOT / ".importlinter").read_text()
    layered = set(re.findall(r"\bprojects\.\w+", config))
    modules = {f"projects.{path.stem}" for path in (ROOT / "projects").glob("*.py") if path.stem != "__init__"}
    assert modules - layered == set()
