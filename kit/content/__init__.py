"""The knowledge base: the STROM guidelines as bilingual, referenced, typed data.

`kit.content.load()` returns a cached `KnowledgeBase`; heavy imports (YAML, msgspec)
happen on the first call, not at import. `render_list` and `render_item` (kit.content.render:
an item as text, for the CLI) are imported lazily too, for the same reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.content.loader import load
from kit.content.problems import ContentError, Problem
from kit.lazy_exports import lazy_getattr

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from kit.content.render import render_item as render_item
    from kit.content.render import render_list as render_list

_EXPORTS = {"render_item": "kit.content.render", "render_list": "kit.content.render"}
__all__ = ["ContentError", "Problem", "load", "render_item", "render_list"]

__getattr__ = lazy_getattr(__name__, _EXPORTS)
