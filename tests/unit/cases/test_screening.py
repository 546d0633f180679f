"""The screening aid: the ILO/EC-style combination rule and reasonable grounds, labelled as screening."""

from __future__ import annotations

import itertools

import pytest

from kit.cases.screening import element_supported, screen
from kit.content.knowledge_base import UnknownIdError


@pytest.mark.parametrize("strong, medium, weak", list(itertools.product(range(3), range(4), range(3))))
def test_the_combination_rule(strong, medium, weak):
    expected = strong >= 2 or (strong >= 1 and medium + weak >= 1) or medium >= 3 or (medium >= 2 and weak >= 1)
    assert element_supported(strong, medium, weak) is expected


def by(kb, element, strength):
    return [i.id for i in kb.indicators if i.element == element and i.strength == strength]


def test_reasonable_grounds_need_purpose_and_means_for_adults(kb):
    means = by(kb, "means", "strong")[:2]
    purpose = by(kb, "purpose", "strong")[:2]
    assert screen(means + purpose).reasonable_grounds
    assert not screen(purpose).reasonable_grounds
    assert screen(purpose, minor=True).reasonable_grounds
    result = screen(means + purpose + by(kb, "context", "weak")[:2])
    assert result.elements["means"].supported and result.elements["purpose"].supported
    assert len(result.context) == 2


def test_explanation_is_labelled_as_screening_in_both_languages(kb):
    result = screen(by(kb, "means", "strong")[:1])
    sv, en = result.explanation("sv"), result.explanation("en")
    assert sv[0].startswith("Screeningstöd, inte en juridisk bedömning")
    assert en[0].startswith("Screening support, not a legal determination")
    assert "two strong indicators" in en[1]
    assert any(line.startswith("Means: not supported yet") for line in en)


def test_unknown_indicator_is_refused():
    with pytest.raises(UnknownIdError, match="unknown indicators id 'gut_feeling'"):
        screen(["gut_feeling"])
