"""Look-ups in the knowledge base: ids, kinds, UI strings, unknown ids."""

from __future__ import annotations

import pytest

from kit.content.knowledge_base import UnknownIdError


def test_get_and_ids(kb):
    assert kb.get("actors", "taxi_drivers").name.en == "Taxi drivers"
    assert kb.ids("chapters")[0] == "introduction"
    assert kb.actors is kb.items("actors")


def test_unknown_id_suggests_close_matches(kb):
    with pytest.raises(UnknownIdError) as caught:
        kb.get("actors", "taxi_driver")
    assert "did you mean taxi_drivers" in str(caught.value)


def test_unknown_kind(kb):
    with pytest.raises(UnknownIdError, match="unknown content kind id 'actor'"):
        kb.items("actor")
    with pytest.raises(AttributeError):
        kb.no_such_kind  # noqa: B018


def test_ui_strings_fill_placeholders(kb):
    assert kb.ui("start.chapter_line", "en", number=3, title="Mapping") == "Chapter 3: Mapping"
    with pytest.raises(UnknownIdError):
        kb.ui("start.no_such_key", "sv")
    with pytest.raises(ValueError, match="unknown language 'de'"):
        kb.ui("start.title", "de")
