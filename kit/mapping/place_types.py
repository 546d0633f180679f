"""Place types a profile may use: the guidelines' table 4 (knowledge base) and the mapping's own sites.

The sites (kit/mapping/data/sites.yaml) are places a northern or rural municipality needs that
table 4 does not name: mines and large industrial projects, tourist resorts, workers' camps.
Each is the kit's own practice note with the seed lines it extends.
"""

from __future__ import annotations

import functools
from pathlib import Path

from kit.content import load
from kit.content.loader import problem_from_validation, read_yaml_mapping
from kit.content.models import Item, Text
from kit.content.problems import ContentError, Problem

SITES_FILE = Path(__file__).with_name("data") / "sites.yaml"


class Site(Item, frozen=True, kw_only=True):
    """A place type of the mapping beyond table 4 (the kit's own practice note)."""

    label: Text
    category: str
    practice_note: Text


@functools.lru_cache(maxsize=1)
def sites() -> dict[str, Site]:
    """The mapping's own place types by id (cached); raises ContentError naming file and field."""
    import msgspec

    document, problem = read_yaml_mapping(SITES_FILE, "a mapping with the key sites")
    if problem is not None:
        raise ContentError([problem])
    found, problems = {}, []
    table_four = set(load().ids("places"))
    categories = {place.category for place in load().places}
    for position, raw in enumerate(document.get("sites") or []):
        try:
            site = msgspec.convert(raw, Site)
        except msgspec.ValidationError as exc:
            problems.append(problem_from_validation(SITES_FILE.name, f"sites[{position}]", exc, raw))
            continue
        where = f"sites[{site.id}]"
        if site.id in table_four or site.id in found:
            problems.append(Problem(SITES_FILE.name, f"{where}.id", "already a place type"))
        if site.category not in categories:
            problems.append(Problem(SITES_FILE.name, f"{where}.category", f"unknown category (known: {', '.join(sorted(categories))})"))
        found[site.id] = site
    if problems:
        raise ContentError(problems)
    return found


def place_type_ids() -> list[str]:
    """Every place type a profile may use: table 4 first, then the mapping's sites."""
    return [*load().ids("places"), *sites()]


def place_type(place_type_id: str):
    """The table-4 place or mapping site with this id (both have .label, .category and .ref)."""
    found = sites().get(place_type_id)
    return found if found is not None else load().get("places", place_type_id)
