"""The package's shape: cheap to import, one-way imports, no widgets, a docstring on every module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[3] / "kit" / "mapping"


def test_importing_kit_mapping_pulls_in_no_heavy_library():
    code = "import sys, kit.mapping; print(sorted(m for m in ('pandas', 'numpy', 'matplotlib') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_modules_import_only_downwards_and_never_widgets():
    allowed = ("kit.mapping", "kit.content", "kit.cases", "kit.lazy_exports")
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.name} needs a module docstring"
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert not name.startswith("ipywidgets"), path.name
                if name.startswith("kit"):
                    assert name.startswith(allowed), f"{path.name} imports {name}"
    assert not (PACKAGE / "utils.py").exists()


def test_public_names_resolve():
    import kit.mapping

    for name in kit.mapping.__all__:
        assert getattr(kit.mapping, name) is not None, name


def _mapping_imports(path: Path) -> set[str]:
    """The kit.mapping modules `path` imports, at its top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kit.mapping"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("kit.mapping"))
    return found


def test_no_module_imports_back_a_module_that_imports_it():
    modules = {f"kit.mapping.{path.stem}": path for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    graph = {name: _mapping_imports(path) & set(modules) - {name} for name, path in modules.items()}

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            name = todo.pop()
            if name == goal:
                return True
            if name not in seen:
                seen.add(name)
                todo += graph[name]
        return False

    cycles = sorted(f"{a} -> {b} -> ... -> {a}" for a in graph for b in graph[a] if reaches(b, a))
    assert not cycles, "\n".join(cycles)
