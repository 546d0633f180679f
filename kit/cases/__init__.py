"""The case bank: anonymised cases, their Palermo truth, variants, scoring, screening, anonymiser,
and the intake of trainers' own cases (`check`, `import_cases`).

Public functions are imported lazily so that `import kit.cases` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy_exports import lazy_getattr

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from kit.cases.anonymiser import anonymise as anonymise
    from kit.cases.bank import CaseError as CaseError
    from kit.cases.bank import load_bank as load_bank
    from kit.cases.bank import load_case as load_case
    from kit.cases.formats import export as export
    from kit.cases.intake import check as check
    from kit.cases.intake import import_cases as import_cases
    from kit.cases.scoring import score_answer as score_answer
    from kit.cases.screening import screen as screen
    from kit.cases.variants import variant as variant

_EXPORTS = {
    "anonymise": "kit.cases.anonymiser",
    "load_case": "kit.cases.bank",
    "load_bank": "kit.cases.bank",
    "CaseError": "kit.cases.bank",
    "variant": "kit.cases.variants",
    "score_answer": "kit.cases.scoring",
    "screen": "kit.cases.screening",
    "export": "kit.cases.formats",
    "check": "kit.cases.intake",
    "import_cases": "kit.cases.intake",
}
__all__ = sorted(_EXPORTS)


__getattr__ = lazy_getattr(__name__, _EXPORTS)
