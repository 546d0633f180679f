"""The kit's own imports sit at the top of each module (kit/LAYERS.md's table says which are allowed);
a function imports a module of the kit only for a reason named in ALLOWED below. Heavy third-party
packages are deferred in the module that needs them, or behind a lazy package (kit/lazy_exports.py),
not by importing the kit's module late."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KIT = Path(__file__).resolve().parents[2] / "kit"

# (module, the kit module it imports inside a function): why it cannot be at the top.
ALLOWED = {
    # Preloading is the act: the kernel parent loads what the apps read before it forks the kernels.
    ("kit.apps.kernels.parent", "kit.cases.bank"): "preloaded into the kernel parent before forking",
    ("kit.apps.kernels.parent", "kit.cases.narrative"): "preloaded into the kernel parent before forking",
    ("kit.apps.kernels.parent", "kit.content"): "preloaded into the kernel parent before forking",
    ("kit.apps.kernels.parent", "kit.mapping.profiles"): "preloaded into the kernel parent before forking",
    ("kit.apps.kernels.parent", "kit.mapping.risk_and_measures"): "preloaded into the kernel parent before forking",
    ("kit.apps.kernels.parent", "kit.nrm.chain"): "preloaded into the kernel parent before forking",
    ("kit.course.confine.kernel_server", "kit.content"): "preloaded into the grading forkserver before forking",
    ("kit.course.confine.kernel_server", "kit.course.cohort.assignments"): "preloaded into the grading forkserver before forking",
    # The module is the heavy import: its classes are built on the third-party package.
    ("kit.content.loader", "kit.content.integrity"): "msgspec models; `import kit.content` and a snapshot load start without msgspec",
    ("kit.content.loader", "kit.content.kinds"): "msgspec models; `import kit.content` and a snapshot load start without msgspec",
    ("kit.content.loader", "kit.content.models"): "msgspec models; `import kit.content` and a snapshot load start without msgspec",
    ("kit.course.grading.pipeline", "kit.course.grading.preprocessors"): "subclasses of nbgrader's preprocessors; the cohort and the release import the pipeline without nbgrader",
    # An optional dependency: the hub extra's LTI authenticator, present only where the hub logs in by LTI.
    ("kit.hub.config", "kit.hub.lti"): "imports jupyterhub-ltiauthenticator, needed only for LTI launches",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(KIT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def function_level_kit_imports(module: str, source: str, is_package: bool = False) -> set[tuple[str, str]]:
    """(module, imported kit module) for every import of the kit inside a function body of `source`."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found = set()
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                found |= {(module, alias.name) for alias in node.names if alias.name.split(".")[0] == "kit"}
            elif isinstance(node, ast.ImportFrom):
                base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
                imported = ".".join(part for part in (base, node.module or "") if part)
                if imported.split(".")[0] == "kit":
                    found.add((module, imported))
    return found


def all_function_level_kit_imports() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(KIT.rglob("*.py")):
        found |= function_level_kit_imports(module_name(path), path.read_text(encoding="utf-8"), path.name == "__init__.py")
    return found


def test_the_kits_imports_are_at_the_top_of_each_module():
    late = sorted(all_function_level_kit_imports() - set(ALLOWED))
    assert not late, ("imports of the kit inside functions (move them to the top; defer a heavy third-party "
                      "import in the module that needs it instead):\n" + "\n".join(f"{m} imports {i}" for m, i in late))


def test_every_allowed_exception_is_still_needed():
    stale = sorted(set(ALLOWED) - all_function_level_kit_imports())
    assert not stale, f"allowed exceptions that no longer exist (remove them from ALLOWED): {stale}"


@pytest.mark.parametrize(("module", "source", "found"), [
    ("kit.apps.quiz", "def f():\n    from kit.nrm.principles_quiz import load\n", ("kit.apps.quiz", "kit.nrm.principles_quiz")),
    ("kit.apps.quiz", "class A:\n    async def f(self):\n        import kit.store\n", ("kit.apps.quiz", "kit.store")),
    ("kit.course.grading.release", "def f():\n    def g():\n        from ..cohort import folder\n",
     ("kit.course.grading.release", "kit.course.cohort")),
])
def test_a_kit_import_inside_a_function_is_found(module, source, found):
    assert found in function_level_kit_imports(module, source)


def test_imports_at_the_top_and_of_other_packages_pass():
    source = "import kit.store\nfrom kit.cases import bank\n\ndef f():\n    import pandas\n    from IPython import display\n"
    assert function_level_kit_imports("kit.apps.quiz", source) == set()
