"""The start page: what the kit is, the six chapters, a content note and the language switch."""

from __future__ import annotations

from html import escape

from kit.apps.navigation import page_link
from kit.content import load
from kit.content.i18n import resolve_lang
from kit.content.vocabulary import LANGS


def start_page_html(lang: str) -> str:
    """The start page as HTML in `lang`, built from the knowledge base."""
    kb = load()

    def ui(key: str, **values: object) -> str:
        return escape(kb.ui(key, lang, **values))

    chapters = []
    for chapter in kb.chapters:
        title = chapter.title.get(lang)
        if chapter.number == 0:
            heading = f"<strong>{escape(title)}</strong>"
        else:  # each chapter opens its page, in the language chosen here
            line = ui("start.chapter_line", number=chapter.number, title=title)
            heading = f'<a class="kit-chapter-link" href="{escape(page_link(chapter.number, lang))}"><strong>{line}</strong></a>'
        chapters.append(
            f'<li class="kit-chapter" data-chapter="{chapter.number}">{heading}'
            f"<br>{escape(chapter.summary.get(lang))}</li>"
        )
    return (
        f'<div class="kit-start" lang="{lang}" data-kit-lang="{lang}">'
        f"<h1>{ui('start.title')}</h1>"
        f"<p>{ui('start.what_is')}</p>"
        f"<p>{ui('start.who_for')}</p>"
        f'<div class="kit-note" role="note"><strong>{ui("start.content_note_title")}</strong>'
        f"<p>{ui('start.content_note')}</p></div>"
        f"<h2>{ui('start.chapters_title')}</h2>"
        f'<ol class="kit-chapters" start="0">{"".join(chapters)}</ol>'
        f"<h2>{ui('start.language_title')}</h2>"
        f"<p>{ui('start.language_howto')}</p>"
        f"<p><small>{ui('kit.source')} {ui('start.disclaimer')}</small></p>"
        "</div>"
    )


def show_start_page(lang: str | None = None) -> None:
    """Display the start page with a Swedish / English switch that re-renders it in place."""
    import ipywidgets as widgets
    from IPython.display import display

    current = resolve_lang(lang)
    kb = load()
    page = widgets.HTML(start_page_html(current))
    page.add_class("kit-start-page")
    switch = widgets.ToggleButtons(
        options=[(kb.ui("lang.self_name", code), code) for code in LANGS],
        value=current,
        description=kb.ui("lang.label", current),
        tooltips=[kb.ui(f"lang.{code}", code) for code in LANGS],
    )
    switch.add_class("kit-lang-switch")

    def on_change(change: dict) -> None:
        chosen = change["new"]
        switch.description = kb.ui("lang.label", chosen)
        page.value = start_page_html(chosen)

    switch.observe(on_change, names="value")
    display(widgets.VBox([switch, page]))
