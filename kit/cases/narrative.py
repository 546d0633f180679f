"""Narrative templates: placeholders for the person and setting, filled in either language."""

from __future__ import annotations

import functools
import re
import string
from pathlib import Path
from typing import Any

from kit.content.models import Text
from kit.content.snapshot import snapshotted

SURFACE_FILE = Path(__file__).with_name("data") / "surface.yaml"

# Placeholder -> its words per person form: woman, man, girl, boy.
_PERSON_WORDS: dict[str, dict[str, Text]] = {
    "person": {
        "woman": Text(sv="kvinna", en="woman"),
        "man": Text(sv="man", en="man"),
        "girl": Text(sv="flicka", en="girl"),
        "boy": Text(sv="pojke", en="boy"),
    },
    "the_person": {
        "woman": Text(sv="kvinnan", en="the woman"),
        "man": Text(sv="mannen", en="the man"),
        "girl": Text(sv="flickan", en="the girl"),
        "boy": Text(sv="pojken", en="the boy"),
    },
    "she": {
        "woman": Text(sv="hon", en="she"),
        "man": Text(sv="han", en="he"),
        "girl": Text(sv="hon", en="she"),
        "boy": Text(sv="han", en="he"),
    },
    "her": {
        "woman": Text(sv="henne", en="her"),
        "man": Text(sv="honom", en="him"),
        "girl": Text(sv="henne", en="her"),
        "boy": Text(sv="honom", en="him"),
    },
    "her_poss": {
        "woman": Text(sv="hennes", en="her"),
        "man": Text(sv="hans", en="his"),
        "girl": Text(sv="hennes", en="her"),
        "boy": Text(sv="hans", en="his"),
    },
}
_SETTING_WORDS = ("age", "nationality", "nationality_pl", "country", "town", "sector")
# English "a" becomes "an" before numbers spoken with a vowel sound: 8, 11, 18, 80-89, 800...
_AN_BEFORE_NUMBER = re.compile(r"\b([Aa]) (?=(?:8\d*|11|18)\b)")
PLACEHOLDERS: frozenset[str] = frozenset(
    list(_PERSON_WORDS) + [name[0].upper() + name[1:] for name in _PERSON_WORDS] + list(_SETTING_WORDS)
)


@functools.lru_cache(maxsize=1)
def surface() -> dict[str, Any]:
    """The surface vocabularies: nationalities, town types, sectors (snapshotted: no YAML per kernel)."""
    return snapshotted("case-surface", (SURFACE_FILE.parent,), read_surface)


def read_surface() -> dict[str, Any]:
    """The surface vocabularies as written in their YAML file."""
    import yaml

    return yaml.load(SURFACE_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def placeholders_in(template: str) -> set[str]:
    """The placeholder names a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def person_form(gender: str, age: int) -> str:
    """woman, man, girl or boy."""
    if age < 18:
        return "girl" if gender == "female" else "boy"
    return "woman" if gender == "female" else "man"


def fill(template: str, lang: str, *, gender: str, age: int, nationality: str, town_type: str, sector: str | None) -> str:
    """The template with every placeholder filled in `lang` ("sv" or "en")."""
    form = person_form(gender, age)
    vocab = surface()
    nation = vocab["nationalities"][nationality]
    values: dict[str, Any] = {name: words[form].get(lang) for name, words in _PERSON_WORDS.items()}
    values.update({name[0].upper() + name[1:]: value[0].upper() + value[1:] for name, value in list(values.items())})
    values.update(
        age=age,
        nationality=nation[lang],
        nationality_pl=nation["sv_pl"] if lang == "sv" else nation["en"],
        country=nation[f"country_{lang}"],
        town=vocab["town_types"][town_type][lang],
        sector=vocab["sectors"][sector][lang] if sector else "",
    )
    text = template.format_map(values)
    return _AN_BEFORE_NUMBER.sub(r"\1n ", text) if lang == "en" else text


def render(case: Any, lang: str) -> tuple[str, str]:
    """A case's title and narrative in `lang`, filled for its own person and setting."""
    details = dict(
        gender=case.person.gender, age=case.person.age, nationality=case.person.nationality,
        town_type=case.setting.town_type, sector=case.setting.sector,
    )
    return fill(case.title.get(lang), lang, **details), fill(case.narrative.get(lang), lang, **details)
