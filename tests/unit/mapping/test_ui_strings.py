"""Every string a person reads in the mapping exercise exists in Swedish and English."""

from __future__ import annotations

import re
import string
from pathlib import Path

import yaml

from kit.mapping.vocabulary import DISTRICT_KINDS, SECTORS, SERVICES, SOURCES, STATUSES, TARGET_KINDS

PACKAGE = Path(__file__).resolve().parents[3] / "kit" / "mapping"
UI_FILE = Path(__file__).resolve().parents[3] / "kit" / "content" / "data" / "ui_mapping.yaml"


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_mapping_string_has_both_languages_and_the_same_placeholders(kb):
    own = yaml.safe_load(UI_FILE.read_text(encoding="utf-8"))
    assert own and all(key.startswith("mapping.") for key in own)
    for key in own:
        text = kb.ui_strings[key]
        assert text.sv.strip() and text.en.strip(), key
        assert fields(text.sv) == fields(text.en), key


def test_every_key_the_code_uses_exists(kb):
    used = set()
    for path in PACKAGE.glob("*.py"):
        used |= set(re.findall(r'"(mapping\.[a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    missing = sorted(key for key in used if key not in kb.ui_strings)
    assert not missing, missing
    for prefix, ids in (("sector", SECTORS), ("source", SOURCES), ("service", SERVICES), ("district_kind", DISTRICT_KINDS),
                        ("status", STATUSES), ("target", TARGET_KINDS)):
        assert all(f"mapping.{prefix}.{i}" in kb.ui_strings for i in ids), prefix
    from kit.mapping.simulation import COLUMNS

    assert all(f"mapping.column.{c}" in kb.ui_strings for c in COLUMNS)


def test_labels_of_the_catalogue_are_bilingual():
    from kit.mapping.risk_and_measures import catalogue

    cat = catalogue()
    for item in [*cat.risk_groups.values(), *cat.measures.values()]:
        assert item.label.sv != item.label.en, item.id
