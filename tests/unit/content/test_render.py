"""Plain-text rendering of items, in both languages."""

from __future__ import annotations

from kit.content.render import headline, render_item, render_list


def test_every_item_renders_in_both_languages(kb):
    for kind in kb.kinds:
        for lang in ("sv", "en"):
            assert render_list(kb, kind, lang).count("\n") == len(kb.items(kind)) - 1
            for item in kb.items(kind):
                text = render_item(kb, item, lang)
                assert item.id in text and headline(item, lang) in text


def test_references_are_shown_by_name_and_refs_by_chapter(kb):
    text = render_item(kb, kb.get("mapping_tables", kb.ids("mapping_tables")[0]), "en")
    assert "Members of the public" in text and "ch. 3, table 1" in text
    text = render_item(kb, kb.get("indicators", kb.ids("indicators")[0]), "sv")
    assert "Styrka (materialets bedömning)" in text
