"""The package reads in one direction and in pieces a reader can hold: no import cycle, no function more
complex than :data:`MAX_COMPLEXITY`.

Both tests read the source as text (``ast``, ``mccabe``): nothing is imported or run, and a failure names
every offender, not just the first.
"""

from __future__ import annotations

import ast
from pathlib import Path

import mccabe

import sphinx_academic_homepage

PACKAGE = Path(sphinx_academic_homepage.__file__).parent
NAME = PACKAGE.name

#: McCabe complexity (independent paths through a function) above which a function is split.
MAX_COMPLEXITY = 15


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imported_modules(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports: relative and absolute, at module level and inside
    functions alike (an import deferred into a function to dodge a cycle is still the cycle). Importing
    ``a.b`` is an edge to ``a.b`` only: a parent package's ``__init__`` runs first, but that is Python's
    order, not a dependency the module chose."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            # ``from . import images`` imports the module images; ``from .images import describe_image``
            # a name of the module images.
            submodules = {f"{module}.{alias.name}" for alias in node.names} & known.keys()
            targets |= submodules if len(submodules) == len(node.names) else submodules | {module}
    return {target for target in targets if target in known and target != name}


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported_modules(name, path, known) for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each group of modules that import each other (Tarjan's strongly connected
    components), as a path that returns to its start."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(group)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return [_path_through(group, graph) for group in groups]


def _path_through(group: set[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest import path from the group's first module back to itself, staying inside the group."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for module in frontier:
            for target in sorted(graph[module] & group):
                if target == start:
                    return paths[module] + [start]
                if target not in paths:
                    paths[target] = paths[module] + [target]
                    following.append(target)
        frontier = following
    raise AssertionError(f"no cycle through {sorted(group)}")


def complexities() -> dict[str, int]:
    """``module:function`` -> McCabe complexity, for every function and method of the package."""
    found = {}
    for name, path in modules().items():
        tree = compile(path.read_text(encoding="utf-8"), str(path), "exec", ast.PyCF_ONLY_AST)
        visitor = mccabe.PathGraphingAstVisitor()
        visitor.preorder(tree, visitor)
        for graph in visitor.graphs.values():
            found[f"{name}:{graph.entity}"] = graph.complexity()
    return found


def test_no_function_is_more_complex_than_a_reader_can_hold():
    found = complexities()
    assert len(found) > 300, "mccabe found too few functions: the walk is broken"
    too_complex = sorted(((value, where) for where, value in found.items() if value > MAX_COMPLEXITY), reverse=True)
    assert not too_complex, f"split these functions (complexity > {MAX_COMPLEXITY}):\n" + "\n".join(
        f"  {where}: {value}" for value, where in too_complex
    )


def test_the_package_imports_in_one_direction():
    graph = import_graph()
    assert len(graph) > 40 and sum(map(len, graph.values())) > 80, "the import walk found too little"
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join("  " + " -> ".join(cycle) for cycle in found)


def test_a_cycle_is_found_and_named(tmp_path):
    # The walk itself: relative imports resolved, an import inside a function counted, the cycle a path.
    module = tmp_path / "a.py"
    module.write_text(
        "from .b import x\nfrom . import c\nimport os\n\ndef later():\n    from ..q import d, e\n", encoding="utf-8"
    )
    known = dict.fromkeys(["p.s", "p.s.a", "p.s.b", "p.s.c", "p.q", "p.q.d"], module)
    assert imported_modules("p.s.a", module, known) == {"p.s.b", "p.s.c", "p.q", "p.q.d"}
    graph = {"p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": {"p.a"}, "p.d": {"p.a"}}
    assert cycles(graph) == [["p.a", "p.b", "p.c", "p.a"]]
