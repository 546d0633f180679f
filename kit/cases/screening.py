"""Screening aid: from ticked indicators, which Palermo elements are supported, and are there grounds?

This is screening support in the style of the ILO/EC operational indicators (2009), never a
legal determination. The indicators are graded strong, medium or weak per element (the grades
are the kit's own judgement, kit/content/data/indicators.yaml).

- An element is *supported* with two strong indicators, or one strong and one medium or weak,
  or three medium, or two medium and one weak (the ILO/EC combination rule).
- An element is *indicated* when it is supported or has at least one strong indicator.
- Reasonable grounds to suspect trafficking ("rimliga skäl att misstänka människohandel", the
  first phase of identification, ch. 4 lines 938-947): for an adult (or a person of unknown
  age), means and purpose are both indicated and at least one of them is supported; for a
  child, the purpose is indicated, since no means are needed under 18 (Palermo art. 3c).
  This threshold is the kit's own practice note: it is lower than the ILO/EC identification of a
  victim (which asks every dimension to be supported), as a reason to refer is lower than a
  decision on status.

Every rule is monotone: ticking one more indicator, or learning that the person is a child,
never takes grounds away.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kit.content import load

ELEMENTS = ("act", "means", "purpose")


@dataclass(frozen=True, slots=True)
class ElementSupport:
    """The indicators ticked for one element, by strength, and how far they support it."""

    element: str
    strong: tuple[str, ...]
    medium: tuple[str, ...]
    weak: tuple[str, ...]
    supported: bool
    indicated: bool


@dataclass(frozen=True, slots=True)
class Screening:
    """The element-by-element result and whether there are reasonable grounds to suspect trafficking."""

    elements: dict[str, ElementSupport]
    context: tuple[str, ...]
    minor: bool | None
    reasonable_grounds: bool

    def explanation(self, lang: str) -> list[str]:
        """The result as sentences in `lang`, the rule and the disclaimer included."""
        kb = load()
        lines = [kb.ui("screening.disclaimer", lang), kb.ui("screening.rule", lang)]
        for element in ELEMENTS:
            support = self.elements[element]
            key = ("screening.supported" if support.supported
                   else "screening.indicated" if support.indicated else "screening.not_supported")
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


def element_indicated(strong: int, medium: int, weak: int) -> bool:
    """Supported, or pointed to by at least one strong indicator."""
    return strong >= 1 or element_supported(strong, medium, weak)


def grounds(means: ElementSupport, purpose: ElementSupport, minor: bool | None) -> bool:
    """Reasonable grounds to suspect trafficking: see the module docstring for the rule."""
    if minor:
        return purpose.indicated
    return means.indicated and purpose.indicated and (means.supported or purpose.supported)


def screen(indicator_ids: Iterable[str], minor: bool | None = None) -> Screening:
    """Screen the ticked `indicator_ids`; `minor` True means no means are required.

    The act (recruiting, moving, housing) is usually shown by the facts rather than by
    indicators, so it is reported but not required here. Unknown ids raise UnknownIdError.
    """
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
    elements = {}
    for element, found in by_element.items():
        counts = len(found["strong"]), len(found["medium"]), len(found["weak"])
        elements[element] = ElementSupport(element, tuple(found["strong"]), tuple(found["medium"]), tuple(found["weak"]),
                                           element_supported(*counts), element_indicated(*counts))
    return Screening(elements=elements, context=tuple(context), minor=minor,
                     reasonable_grounds=grounds(elements["means"], elements["purpose"], minor))
