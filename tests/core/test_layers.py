"""Layers that point one way (issue 8, point 3).

Every import in ``platform/mentoring`` — at the top of a module or inside a
function, ``TYPE_CHECKING`` blocks included — must point down the list below:
a package may use its own modules and the layers under it, never a layer above
nor a sibling on its own layer. And no module may take part in an import cycle.
A new package fails here until someone decides where it stands.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "platform" / "mentoring"

# Bottom to top. Packages on one line form one layer and may not import each other
# (the first layer excepted: the core and its inert extensions know each other).
LAYERS: list[tuple[str, ...]] = [
    ("config", "extensions", "core"),
    ("jobs", "health"),  # RQ plumbing (queues, after-commit, the tick); the probe
    ("tenancy",),  # the cities
    ("mail",),
    ("accounts",),
    ("audit",),  # recording who did what; its page is in home
    ("sso",),  # city staff's single sign-on (OpenID Connect): accounts + audit
    ("programmes",),  # the base domain: templates, cohorts, participants, pairs
    ("applications", "events", "meetings"),
    ("matching", "surveys"),
    ("messages",),  # a coordinator's messages to a cohort (uses events, surveys)
    ("results",),
    ("reports",),
    ("benchmarking",),  # the network's comparison of cities (snapshots, disclosure)
    ("network",),
    ("home",),  # pages that bring the domains together
    ("privacy",),  # export, erasure, consents, retention: reads every domain
    ("demo",),
    ("app",),
    ("worker", "performance", "showcase"),  # build the app: rq, bench, live demo
]
RANK = {name: rank for rank, layer in enumerate(LAYERS) for name in layer}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """``(line, module)`` for every import of a ``mentoring`` module in ``path``."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                yield node.lineno, candidate if candidate in MODULES else node.module


def _edges() -> Iterator[tuple[str, int, str]]:
    for name, path in MODULES.items():
        for line, target in _imports(path):
            if target.startswith("mentoring.") and target in MODULES:
                yield name, line, target


def _package(module: str) -> str:
    return module.split(".")[1] if module != "mentoring" else ""


def test_every_package_has_a_place_in_the_layers():
    packages = {_package(m) for m in MODULES} - {""}
    assert sorted(packages - set(RANK)) == []


def test_imports_point_down_the_layers():
    wrong = []
    for source, line, target in _edges():
        here, there = _package(source), _package(target)
        if here == there or not here or not there:
            continue
        if RANK[there] > RANK[here] or (RANK[there] == RANK[here] and RANK[here] > 0):
            wrong.append(f"{source}:{line} -> {target}")
    assert not wrong, "imports that point up or sideways:\n" + "\n".join(wrong)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles():
    graph: dict[str, set[str]] = {}
    for source, _line, target in _edges():
        if source != target:
            graph.setdefault(source, set()).add(target)
    cycles = _cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join(map(" <-> ".join, cycles))


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_the_cycle_finder_finds_cycles(graph, expected):
    assert _cycles(graph) == expected


def test_an_upward_import_is_caught(tmp_path, monkeypatch):
    """The check itself: a core module importing a domain would fail it."""
    fake = tmp_path / "mentoring" / "core" / "bad.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("from mentoring.programmes.models import Cohort\n")
    monkeypatch.setitem(MODULES, "mentoring.core.bad", fake)
    with pytest.raises(AssertionError, match="mentoring.core.bad:1 -> "):
        test_imports_point_down_the_layers()
