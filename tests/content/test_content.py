"""The whole knowledge base: vocabularies, both languages, refs into the seed, restated text."""

from __future__ import annotations

import string
import typing

import pytest

from kit.content import models
from kit.content.kinds import KINDS
from kit.content.models import Model, Ref, Text
from kit.content.vocabulary import FORMS, PALERMO_ACTS, PALERMO_MEANS, REGIME_COUNTRIES
from support.seed import copied_runs, seed_lines, seed_path


def walk(node, path):
    """Yield (path, value) for every Text and Ref below a model."""
    if isinstance(node, (Text, Ref)):
        yield path, node
        return
    if isinstance(node, Model):
        for name in node.__struct_fields__:
            yield from walk(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, (list, tuple)):
        for position, element in enumerate(node):
            yield from walk(element, f"{path}[{getattr(element, 'id', position)}]")


def all_nodes(kb, kind_filter=None):
    for kind, items in kb.kinds.items():
        for item in items:
            yield from walk(item, f"{kind}[{item.id}]")


def test_vocabularies_are_the_designs(kb):
    assert tuple(kb.ids("forms")) == FORMS
    acts = [t.id for t in kb.palermo_terms if t.element == "act"]
    means = [t.id for t in kb.palermo_terms if t.element == "means"]
    assert tuple(acts) == PALERMO_ACTS
    assert tuple(means) == PALERMO_MEANS
    assert kb.ids("palermo_elements") == ["act", "means", "purpose"]
    assert tuple(r.country for r in kb.regimes) == REGIME_COUNTRIES
    assert {i.strength for i in kb.indicators} == {"strong", "medium", "weak"}


def test_every_text_has_both_languages_and_they_differ_somewhere(kb):
    texts = [node for _, node in all_nodes(kb) if isinstance(node, Text)]
    assert len(texts) > 500
    for text in texts:
        assert text.sv.strip() and text.en.strip()
    translated = sum(1 for t in texts if t.sv != t.en)
    assert translated / len(texts) > 0.95, "most Swedish texts must differ from their English twin"


def test_every_ui_string_has_both_languages_and_the_same_placeholders(kb):
    formatter = string.Formatter()
    for key, text in kb.ui_strings.items():
        fields = [{name for _, name, _, _ in formatter.parse(getattr(text, lang)) if name} for lang in ("sv", "en")]
        assert fields[0] == fields[1], f"ui.yaml:{key}: placeholders differ between sv and en"


def test_refs_lie_inside_the_seed():
    lines = seed_lines()
    if not lines:
        pytest.skip("../shared/seed is absent: refs checked against chapter spans only (in the loader)")
    from kit.content import load

    for path, node in all_nodes(load()):
        if isinstance(node, Ref):
            assert node.lines[1] <= len(lines), f"{path}: line {node.lines[1]} is past the seed's {len(lines)} lines"


def test_refs_point_at_text_not_blank_lines(kb):
    lines = seed_lines()
    if not lines:
        pytest.skip("../shared/seed is absent")
    for path, node in all_nodes(kb):
        if isinstance(node, Ref):
            start, end = node.lines
            assert any(line.strip() for line in lines[start - 1 : end]), f"{path}: lines {start}-{end} are blank"


def test_content_restates_the_seed_rather_than_copying_it(kb):
    if seed_path() is None:
        pytest.skip("../shared/seed is absent: cannot compare with the seed")
    copied = []
    for path, node in all_nodes(kb):
        if isinstance(node, Text):
            for lang in ("sv", "en"):
                copied += [f"{path}.{lang}: {run}" for run in copied_runs(node.get(lang))]
    for key, text in kb.ui_strings.items():
        copied += [f"ui:{key}: {run}" for run in copied_runs(text.sv)]
    assert not copied, "12+ words copied from the seed:\n" + "\n".join(copied[:20])


def _literal_values(annotation) -> set[str]:
    values: set[str] = set()
    for arg in typing.get_args(annotation) or ():
        values |= _literal_values(arg)
    if typing.get_origin(annotation) is typing.Literal:
        values |= {v for v in typing.get_args(annotation) if isinstance(v, str)}
    return values


def test_every_field_and_value_shown_to_people_has_a_ui_label(kb):
    """`content show` labels fields and literal values from ui.yaml: none may be missing."""
    missing = []
    for model in {*KINDS.values(), models.Point, models.Sign}:
        hints = typing.get_type_hints(model, include_extras=True)
        for name in model.__struct_fields__:
            if name != "id" and f"field.{name}" not in kb.ui_strings:
                missing.append(f"field.{name}")
            if name in ("id", "country"):
                continue
            missing += [f"value.{v}" for v in _literal_values(hints[name]) if f"value.{v}" not in kb.ui_strings]
    assert not sorted(set(missing))


def test_no_phone_numbers_or_emails_in_content(kb):
    import re

    phone = re.compile(r"\b0\d{1,3}[- ]\d{2,3}[ -]?\d{2}[ -]?\d{2}\b|\+\d{2}[ \d]{6,}")
    email = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
    for path, node in all_nodes(kb):
        if isinstance(node, Text):
            for lang in ("sv", "en"):
                assert not phone.search(node.get(lang)), f"{path}.{lang} holds a phone number"
                assert not email.search(node.get(lang)), f"{path}.{lang} holds an e-mail address"


def test_indicators_are_labelled_as_the_kits_judgement(kb):
    note = kb.ui("indicator.grade_note", "en")
    assert "kit's own judgement" in note and "ILO" in note
    for indicator in kb.indicators:
        assert indicator.strength_rationale.en.strip()


def test_regimes_follow_the_seed(kb):
    regimes = {r.country: r for r in kb.regimes}
    assert regimes["SE"].formal_status is False and regimes["SE"].formal_identifiers == []
    assert set(regimes["PL"].formal_identifiers) == {"prosecution", "local_police", "border_guard"}
    assert "authorised_ngo_lv" in regimes["LV"].formal_identifiers
    for regime in kb.regimes:
        for actor_id in regime.formal_identifiers:
            assert "formally_identify" in kb.get("actors", actor_id).roles, f"{regime.id}: {actor_id}"
