"""The package's shape: imports flow one way, domain code never imports widgets, every module
has a docstring, and there is no utils module."""

from __future__ import annotations

import ast
from pathlib import Path

KIT = Path(__file__).resolve().parents[2] / "kit"
BASE = {"kit", "kit.lazy_exports"}
ALLOWED = {  # package -> the kit packages its modules may import
    "content": {"content"},
    "store": {"store", "cases", "mapping", "nrm", "content"},  # DESIGN: store → cases / mapping / nrm → content
    "cases": {"cases", "content"},
    "mapping": {"mapping", "content", "cases"},
    "nrm": {"nrm", "content", "cases"},
    "course": {"course", "cases", "mapping", "nrm", "content", "store"},
    "apps": {"apps", "course", "cases", "mapping", "nrm", "content", "store"},
    "hub": {"hub", "apps", "content", "store"},
}
DOMAIN = {"content", "store", "cases", "mapping", "nrm", "course"}


def kit_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_imports_flow_one_way_and_domain_code_has_no_widgets():
    problems = []
    for package, allowed in ALLOWED.items():
        for path in (KIT / package).rglob("*.py"):
            for name in kit_imports(path):
                if name.startswith("ipywidgets") and package in DOMAIN:
                    problems.append(f"{path.relative_to(KIT)} imports widgets")
                if name.startswith("kit") and name not in BASE:
                    target = name.split(".")[1]
                    if target not in allowed:
                        problems.append(f"{path.relative_to(KIT)} imports {name}")
    assert not problems, "\n".join(problems)


def test_every_module_has_a_docstring_and_there_is_no_utils():
    for path in KIT.rglob("*.py"):
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), f"{path.relative_to(KIT)} has no docstring"
        assert path.stem not in ("utils", "util", "helpers", "misc"), path
