"""Language and currency: one Swedish term per concept, words a Swedish social worker uses today,
actor references that say what the actor entry claims, and notes on what changed since 2016."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.content.models import Model, Text
from support.seed import seed_lines

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("kit", "solutions", "notebooks", "exercises")
SUFFIXES = {".yaml", ".py", ".ipynb", ".md"}

# Wording the kit must not use (a pattern, and why), checked in every text file of the kit.
BANNED = {
    r"skälig(a)? misstanke": "a criminal-procedure threshold for a suspect; the kit's threshold is 'rimliga skäl'",
    r"skälig anledning": "the kit's threshold is 'rimliga skäl (att misstänka människohandel)'",
    r"rimlig misstanke": "the kit's threshold is 'rimliga skäl (att misstänka människohandel)'",
    r"\bett bordell": "'en bordell'",
    r"rumsplats": "not Swedish: 'ett eget rum'",
    r"yrkesinspektion": "abolished in 2001: the Work Environment Authority (Arbetsmiljöverket)",
    r"\bbarnavården\b|\bbarnavårdsmyndighet": "Norwegian usage: 'barnskyddet' or the social services",
    r"\bglapp\b": "'lucka' / 'luckor'",
    r"pojke fickstölder": "ungrammatical",
    r"\b(hon eller han|han eller hon|henne eller honom|honom eller henne|hennes eller hans|hans eller hennes)\b":
        "the kit writes 'hen' throughout",
}


def kit_files():
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts and "tests" not in path.parts:
                yield path


# The schema names the wording it replaces, to say what to write instead.
NAMES_THE_RULE = (ROOT / "kit" / "content" / "SCHEMA.md",)


@pytest.mark.parametrize("pattern", sorted(BANNED))
def test_wording_the_kit_does_not_use(pattern):
    hits = [f"{path.relative_to(ROOT)}:{number}" for path in kit_files() if path not in NAMES_THE_RULE
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
            if re.search(pattern, line, re.IGNORECASE)]
    assert not hits, f"{pattern!r} ({BANNED[pattern]}) in: {', '.join(hits[:10])}"


def test_the_scan_reads_the_kits_swedish_text():
    """The scan above is not vacuous: it reads the content, the case bank and the notebooks."""
    names = {path.name for path in kit_files()}
    assert {"actors.yaml", "situations.yaml", "ui_mapping.yaml", "chain.yaml"} <= names
    assert any(name.endswith(".ipynb") for name in names)


def test_the_middle_strength_grade_is_maattlig(kb):
    assert kb.ui("value.medium", "sv") == "måttlig"
    grade_texts = [kb.ui(key, "sv") for key in kb.ui_strings if key.startswith(("indicator.", "screening.", "lesson."))]
    assert not [text for text in grade_texts if re.search(r"\bstark, medel\b|\bmedelstark", text)]


def test_the_threshold_is_named_one_way(kb):
    texts = [text for kind in kb.kinds for item in kb.items(kind) for text in swedish_texts(item)]
    texts += [kb.ui(key, "sv") for key in kb.ui_strings]
    assert any("rimliga skäl att misstänka människohandel" in text for text in texts)
    assert not [text for text in texts if re.search(r"skälig|rimlig misstanke|rimliga grunder", text, re.IGNORECASE)]


def test_the_partnership_action_is_cross_sector_not_cross_border(kb):
    assert "prevention_cross_border_cooperation" not in kb.ids("municipality_actions")
    action = kb.get("municipality_actions", "prevention_cross_sector_partnerships")
    assert "sektor" in action.text.sv and "sector" in action.text.en
    assert "gränsöverskridande" not in action.text.sv and "över gränserna" not in action.text.sv
    assert "border" not in action.text.en


# Each actor whose reference was wrong, and a word the first lines of its reference must contain.
ACTOR_REF_WORDS = {
    "local_police": "polis",
    "embassies_consulates": "ambassader",
    "shelters": "skyddat boende",
    "outreach_workers": "uppsökande",
    "employers_organisations": "företagarförening",
    "immigrant_organisations": "migrantgrupper",
    "health_inspectors": "hälsovårds",
    "fire_safety_inspectors": "brandskydds",
    "tax_inspectors": "skattemyndigheter",
}


@pytest.mark.parametrize("actor_id", sorted(ACTOR_REF_WORDS))
def test_an_actors_reference_points_at_lines_about_it(kb, actor_id):
    lines = seed_lines()
    if not lines:
        pytest.skip("the seed text is not available")
    first, last = kb.get("actors", actor_id).ref.lines
    opening = " ".join(lines[first - 1:min(last, first + 3)]).lower()  # the passage starts with the actor
    assert ACTOR_REF_WORDS[actor_id] in opening, f"{actor_id}: lines {first}-{last} do not open on it"


def swedish_texts(node):
    if isinstance(node, Text):
        yield node.sv
    elif isinstance(node, Model):
        for name in node.__struct_fields__:
            yield from swedish_texts(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for element in node:
            yield from swedish_texts(element)


def own_texts(item):
    """The Swedish texts of an item without its "since the guidelines" notes."""
    for name in item.__struct_fields__:
        if name != "since":
            yield from swedish_texts(getattr(item, name))


def test_every_item_naming_the_2016_coordinator_says_where_it_is_now(kb):
    dated = [(kind, item) for kind in kb.kinds for item in kb.items(kind)
             if any("Länsstyrelsen i Stockholm" in text for text in own_texts(item))]
    assert len(dated) >= 4  # the actor, the Swedish regime, two municipal actions, the suspicion step
    for kind, item in dated:
        assert any("Jämställdhetsmyndigheten" in note.text.sv and "2018" in note.text.sv and note.year == 2018
                   for note in item.since), f"{kind}[{item.id}] names the 2016 coordinator without a note"


def test_the_2024_directive_adds_three_forms_in_a_note_on_the_minimum_list(kb):
    rule = kb.get("legal_rules", "minimum_forms_of_exploitation")
    (note,) = rule.since
    assert note.year == 2024 and "2024/1712" in note.source.sv and "2024/1712" in note.source.en
    for word in ("surrogatmoderskap", "tvångsäktenskap", "olaglig adoption"):
        assert word in note.text.sv
    for word in ("surrogacy", "forced marriage", "illegal adoption"):
        assert word in note.text.en
    assert "surrogat" not in rule.rule.sv  # the guidelines' own statement is kept as it is


def test_since_notes_postdate_the_guidelines_and_name_a_source(kb):
    notes = [note for kind in kb.kinds for item in kb.items(kind) for note in item.since]
    assert len(notes) >= 7
    for note in notes:
        assert note.year > 2016
        assert note.source.sv.strip() and note.source.en.strip()
