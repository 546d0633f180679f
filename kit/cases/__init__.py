"""The case bank: anonymised cases, their Palermo truth, variants, scoring, screening, anonymiser.

Public functions are imported lazily so that `import kit.cases` stays cheap.
"""

from __future__ import annotations

from kit.lazy_exports import lazy_getattr

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


__getattr__ = lazy_getattr(__name__, _EXPORTS)
