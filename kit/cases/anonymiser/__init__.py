"""The anonymiser: remove personal data from a case text, each item replaced by a placeholder in the learner's language.

Public: `anonymise(text, lang)` returns the cleaned text and its `Finding`s (kind and span in the original,
never the data itself); `KINDS` lists the kinds of personal data it removes. Inside, one module per step:
`patterns` (the regular expressions), `detectors` (structured data: identity numbers, phones, e-mail, addresses,
postcodes, dates, plates, bank accounts, passports), `names` (the person-name detector) and `replace` (the whole
pass: overlaps settled, spans replaced from right to left).
"""

from __future__ import annotations

from kit.cases.anonymiser.detectors import KINDS
from kit.cases.anonymiser.replace import Finding, anonymise

__all__ = ["KINDS", "Finding", "anonymise"]
