"""One way for each shared job, read from the package's source: who touches the builder, who sets priorities,
who loads YAML, who keeps state on the application."""

from __future__ import annotations

import ast
from pathlib import Path

import sphinx_academic_homepage

PACKAGE = Path(sphinx_academic_homepage.__file__).parent


def modules() -> dict[str, ast.Module]:
    """Every module of the package, by its path inside the package."""
    return {
        path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _is_builder(node: ast.expr) -> bool:
    """``builder`` or ``<anything>.builder``."""
    return (isinstance(node, ast.Name) and node.id == "builder") or (
        isinstance(node, ast.Attribute) and node.attr == "builder"
    )


def builder_internals(tree: ast.Module) -> list[tuple[int, str]]:
    """Lines that set an attribute on the builder or read a private one."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _is_builder(node.value):
            if isinstance(node.ctx, ast.Store | ast.Del) or node.attr.startswith("_"):
                found.append((node.lineno, node.attr))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"setattr", "getattr", "hasattr"}:
            if node.args and _is_builder(node.args[0]) and isinstance(node.args[1], ast.Constant):
                name = node.args[1].value
                if node.func.id == "setattr" or name.startswith("_"):
                    found.append((node.lineno, name))
    return found


def test_only_the_page_writer_touches_builder_internals():
    touched = {name: builder_internals(tree) for name, tree in modules().items()}
    touched = {name: lines for name, lines in touched.items() if lines}
    assert set(touched) == {"generated_pages.py"}
    # What write_doc() sets for a document, which a generated page sets for itself; nothing private.
    assert sorted(attribute for _, attribute in touched["generated_pages.py"]) == [
        "current_docname", "dlpath", "fignumbers", "imgpath", "secnumbers",
    ]


def test_the_check_finds_what_it_looks_for():
    tree = ast.parse("app.builder.dlpath = 1\nx = builder._settings\nsetattr(app.builder, 'y', 2)\napp.builder.name")
    assert builder_internals(tree) == [(1, "dlpath"), (2, "_settings"), (3, "y")]


def connect_priorities(tree: ast.Module) -> list[tuple[int, str]]:
    """``app.connect(..., priority=X)``: each X as written."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "connect":
            for keyword in node.keywords:
                if keyword.arg == "priority":
                    found.append((node.lineno, ast.unparse(keyword.value)))
    return found


def test_every_priority_is_named_in_the_table():
    from sphinx_academic_homepage.priorities import PRIORITY

    used = []
    for name, tree in modules().items():
        for line, written in connect_priorities(tree):
            assert written.startswith("PRIORITY."), f"{name}:{line}: priority={written} is not from priorities.py"
            used.append(written.removeprefix("PRIORITY."))
    assert used, "no priority found: the check reads nothing"
    assert set(used) <= set(vars(PRIORITY))
    # Every row of the table is used by some handler.
    assert set(vars(PRIORITY)) == set(used)


def imported_modules(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_yaml_is_loaded_by_one_module():
    """yamlfile.py loads YAML, within limits; frontmatter.py reads the node graph it gives (for key lines)."""
    users = {name for name, tree in modules().items() if "yaml" in imported_modules(tree)}
    assert users == {"yamlfile.py", "frontmatter.py"}
    frontmatter = modules()["frontmatter.py"]
    loads = [
        node
        for node in ast.walk(frontmatter)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "yaml"
        and node.attr in {"load", "safe_load", "SafeLoader", "Loader", "FullLoader", "compose", "load_all"}
    ]
    assert [(node.lineno, node.attr) for node in loads] == []


def test_no_state_on_the_application():
    """Per-build state lives in buildstate.py, per-site state on the environment: not in ``app.__dict__``."""
    found = []
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "__dict__" and ast.unparse(node.value) == "app":
                found.append((name, node.lineno))
    assert found == []
