"""The package's shape: imports flow one way as kit/LAYERS.md's table says, domain code never
imports widgets, every module has a docstring, and there is no utils module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

KIT = Path(__file__).resolve().parents[2] / "kit"
LAYERS = KIT / "LAYERS.md"
ROW = re.compile(r"^\|\s*(?P<layer>[a-z_]+)\s*\|(?P<modules>[^|]*)\|(?P<imports>[^|]*)\|\s*(?P<widgets>yes|no)\s*\|\s*$")


class Layers:
    """kit/LAYERS.md's table: which layer each module of kit/ is in and what each layer may import."""

    def __init__(self, text: str):
        self.allowed: dict[str, set[str]] = {}
        self.widgets: dict[str, bool] = {}
        self.owner: dict[str, str] = {}  # "kit/course/" or "kit/cli.py" -> layer
        for line in text.splitlines():
            match = ROW.match(line.strip())
            if not match:
                continue
            layer = match["layer"]
            if layer in self.allowed:
                raise ValueError(f"{LAYERS.name}: layer {layer!r} has two rows")
            self.allowed[layer] = {layer} | set(re.findall(r"[a-z_]+", match["imports"]))
            self.widgets[layer] = match["widgets"] == "yes"
            for module in re.findall(r"`([^`]+)`", match["modules"]):
                if module in self.owner:
                    raise ValueError(f"{LAYERS.name}: {module} is in two layers")
                self.owner[module] = layer
        unknown = {name for names in self.allowed.values() for name in names} - set(self.allowed)
        if not self.allowed or unknown:
            raise ValueError(f"{LAYERS.name}: no layer table, or it names layers without a row: {sorted(unknown)}")

    def layer_of(self, relative: str) -> str | None:
        """The layer of a path under the repository ("kit/course/grading/release.py"), None if it has no row."""
        if relative in self.owner:
            return self.owner[relative]
        parts = relative.split("/")
        for depth in range(len(parts) - 1, 0, -1):
            folder = "/".join(parts[:depth]) + "/"
            if folder in self.owner:
                return self.owner[folder]
        return None

    def layer_of_module(self, name: str) -> str | None:
        """The layer of a dotted kit module ("kit.course.grading"), found where its file or folder is."""
        parts = name.split(".")
        if parts == ["kit"]:
            return self.layer_of("kit/__init__.py")
        for depth in range(len(parts), 1, -1):
            path = KIT.parent.joinpath(*parts[:depth])
            if path.is_dir():
                return self.layer_of("/".join(parts[:depth]) + "/__init__.py")
            if path.with_suffix(".py").is_file():
                return self.layer_of("/".join(parts[:depth]) + ".py")
        return None


def layers() -> Layers:
    return Layers(LAYERS.read_text(encoding="utf-8"))


def imported_modules(relative: str, source: str) -> list[str]:
    """Every module a file imports, anywhere in it, relative imports made absolute."""
    package = relative.split("/")[:-1]  # the package a relative import starts from
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            names.append(module)
            for alias in node.names:  # `from kit import cases`, `from . import pipeline`: a submodule each
                submodule = KIT.parent.joinpath(*module.split("."), alias.name)
                if submodule.is_dir() or submodule.with_suffix(".py").is_file():
                    names.append(f"{module}.{alias.name}")
    return names


def problems_in(rule: Layers, relative: str, source: str) -> list[str]:
    """What in one file of kit/ ("kit/apps/quiz.py") breaks the rule."""
    layer = rule.layer_of(relative)
    if layer is None:
        return [f"{relative} has no row in {LAYERS.name}"]
    problems = []
    for name in imported_modules(relative, source):
        if name.split(".")[0] == "ipywidgets" and not rule.widgets[layer]:
            problems.append(f"{relative} ({layer}) imports widgets")
        if name.split(".")[0] == "kit":
            target = rule.layer_of_module(name)
            if target is None:
                problems.append(f"{relative} imports {name}, which is not in kit/")
            elif target not in rule.allowed[layer]:
                problems.append(f"{relative} ({layer}) imports {name} ({target})")
    return problems


def modules() -> list[Path]:
    return sorted(KIT.rglob("*.py"))


def test_the_table_places_every_module_of_the_kit():
    rule = layers()
    assert rule.layer_of("kit/course/grading/release.py") == "course"  # sub-packages are their folder's layer
    assert rule.layer_of_module("kit.course.grading") == "course"
    homeless = [str(path.relative_to(KIT.parent)) for path in modules() if rule.layer_of(str(path.relative_to(KIT.parent))) is None]
    assert not homeless, f"modules with no row in {LAYERS.relative_to(KIT.parent)}: {homeless}"


def test_imports_flow_one_way_and_domain_code_has_no_widgets():
    rule = layers()
    problems = []
    for path in modules():
        relative = str(path.relative_to(KIT.parent))
        problems += problems_in(rule, relative, path.read_text(encoding="utf-8"))
    assert not problems, f"imports against {LAYERS.relative_to(KIT.parent)}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("relative", "source", "found"), [
    ("kit/apps/quiz.py", "def f():\n    from kit.course.grading import release\n", "(apps) imports kit.course.grading (course)"),
    ("kit/content/loader.py", "from kit import store\n", "(content) imports kit.store (store)"),
    ("kit/cases/bank.py", "import ipywidgets as widgets\n", "(cases) imports widgets"),
    ("kit/store/room.py", "from ..apps import shell\n", "(store) imports kit.apps (apps)"),
    ("kit/course/grading/release.py", "from kit.nowhere import x\n", "kit.nowhere, which is not in kit/"),
])
def test_an_import_against_the_rule_is_caught(relative, source, found):
    assert any(found in problem for problem in problems_in(layers(), relative, source))


@pytest.mark.parametrize(("relative", "source"), [
    ("kit/apps/quiz.py", "from kit.store import open_store\nimport ipywidgets\n"),
    ("kit/course/grading/release.py", "from . import pipeline\nfrom ..cohort import folder\nfrom kit import lazy_exports\n"),
    ("kit/cli.py", "from kit.course.grading import release\nfrom kit.hub import run\n"),
])
def test_imports_the_rule_allows_pass(relative, source):
    assert problems_in(layers(), relative, source) == []


@pytest.mark.parametrize(("table", "error"), [
    ("| a | `kit/a/` | b | no |", "without a row"),
    ("| a | `kit/a/` | — | no |\n| a | `kit/b/` | — | no |", "two rows"),
    ("| a | `kit/a/` | — | no |\n| b | `kit/a/` | — | no |", "two layers"),
    ("no table here", "no layer table"),
])
def test_a_table_that_cannot_be_the_rule_is_refused(table, error):
    with pytest.raises(ValueError, match=error):
        Layers(table)


def test_every_module_has_a_docstring_and_there_is_no_utils():
    for path in modules():
        assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))), f"{path.relative_to(KIT)} has no docstring"
        assert path.stem not in ("utils", "util", "helpers", "misc"), path
