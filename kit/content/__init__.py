"""The knowledge base: the STROM guidelines as bilingual, referenced, typed data.

`kit.content.load()` returns a cached `KnowledgeBase`; heavy imports (YAML, msgspec)
happen on the first call, not at import.
"""

from kit.content.loader import load
from kit.content.problems import ContentError, Problem

__all__ = ["ContentError", "Problem", "load"]
