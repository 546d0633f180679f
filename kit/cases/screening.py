"""Screening aid: from ticked indicators, which Palermo elements are supported, and are there grounds?

This is screening support in the style of the ILO/EC operational indicators (2009), never a
legal determination. An element counts as supported with two strong indicators, or one strong
and one medium or weak, or three medium, or two medium and one weak.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ELEMENTS = ("act", "means", "purpose")


@dataclass(frozen=True, slots=True)
class ElementSupport:
    """The indicators ticked for one element, by strength, and whether they support it."""

    element: str
    strong: tuple[str, ...]
    medium: tuple[str, ...]
    weak: tuple[str, ...]
    supported: bool


@dataclass(frozen=True, slots=True)
class Screening:
    """The element-by-element result and whether there are reasonable grounds to suspect trafficking."""

    elements: dict[str, ElementSupport]
    context: tuple[str, ...]
    minor: bool | None
    reasonable_grounds: bool

    def explanation(self, lang: str) -> list[str]:
        """The result as sentences in `lang`, the rule and the disclaimer included."""
        from kit.content import load

        kb = load()
        lines = [kb.ui("screening.disclaimer", lang), kb.ui("screening.rule", lang)]
        for element in ELEMENTS:
            support = self.elements[element]
            key = "screening.supported" if support.supported else "screening.not_supported"
            lines.append(kb.ui(key, lang, element=kb.ui(f"element.{element}", lang),
                               strong=len(support.strong), medium=len(support.medium), weak=len(support.weak)))
        lines.append(kb.ui("screening.act_note", lang))
        if self.minor:
            lines.append(kb.ui("screening.minor_note", lang))
        lines.append(kb.ui("screening.grounds_yes" if self.reasonable_grounds else "screening.grounds_no", lang))
        return lines


def element_supported(strong: int, medium: int, weak: int) -> bool:
    """The ILO/EC-style combination rule."""
    return strong >= 2 or (strong >= 1 and medium + weak >= 1) or medium >= 3 or (medium >= 2 and weak >= 1)


def screen(indicator_ids: Iterable[str], minor: bool | None = None) -> Screening:
    """Screen the ticked `indicator_ids`; `minor` True means no means are required.

    Reasonable grounds: the purpose is supported and, for an adult (or unknown age), the means
    too. The act (recruiting, moving, housing) is usually shown by the facts rather than by
    indicators, so it is reported but not required here. Unknown ids raise UnknownIdError.
    """
    from kit.content import load

    kb = load()
    ticked = list(dict.fromkeys(indicator_ids))
    by_element: dict[str, dict[str, list[str]]] = {e: {"strong": [], "medium": [], "weak": []} for e in ELEMENTS}
    context = []
    for indicator_id in ticked:
        indicator = kb.get("indicators", indicator_id)
        if indicator.element == "context":
            context.append(indicator_id)
        else:
            by_element[indicator.element][indicator.strength].append(indicator_id)
    elements = {
        element: ElementSupport(
            element, tuple(found["strong"]), tuple(found["medium"]), tuple(found["weak"]),
            element_supported(len(found["strong"]), len(found["medium"]), len(found["weak"])),
        )
        for element, found in by_element.items()
    }
    grounds = elements["purpose"].supported and (bool(minor) or elements["means"].supported)
    return Screening(elements=elements, context=tuple(context), minor=minor, reasonable_grounds=grounds)
