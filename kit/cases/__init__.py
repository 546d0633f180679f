"""The case bank: anonymised cases, their Palermo truth, variants, scoring, screening, anonymiser.

Public functions are imported lazily so that `import kit.cases` stays cheap.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "anonymise": "kit.cases.anonymiser",
    "load_case": "kit.cases.bank",
    "load_bank": "kit.cases.bank",
    "CaseError": "kit.cases.bank",
    "variant": "kit.cases.variants",
    "score_answer": "kit.cases.scoring",
    "screen": "kit.cases.screening",
    "export": "kit.cases.formats",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kit.cases' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
