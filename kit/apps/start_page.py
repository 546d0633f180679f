"""The start page: what the kit is, the six chapters, a content note, the language switch, and for
the trainer a projector view of the room's address (QR code and short link)."""

from __future__ import annotations

from html import escape

from kit.apps.navigation import page_link
from kit.apps.progress_view import progress_view
from kit.apps.room_address import is_local_only, join_address, on_hub, qr_svg
from kit.content import load
from kit.content.i18n import resolve_lang
from kit.content.vocabulary import LANGS

# The projector view fills the screen when opened (a 1024x768 projector included) and closes with
# the same button; on a phone the page shows only that one button.
JOIN_CSS = """<style>
.kit-join > summary { display: inline-block; min-height: 44px; box-sizing: border-box; padding: 0.6rem 0.9rem;
  border: 1px solid #0b4f85; border-radius: 6px; color: #0b4f85; cursor: pointer; list-style: none; }
.kit-join > summary::-webkit-details-marker { display: none; }
.kit-join > summary:focus-visible { outline: 3px solid #0b4f85; outline-offset: 2px; }
.kit-join .kit-join-close-label, .kit-join[open] .kit-join-open-label { display: none; }
.kit-join[open] .kit-join-close-label { display: inline; }
.kit-join[open] > summary { position: fixed; top: 0.75rem; right: 0.75rem; z-index: 1001; background: #fff;
  font-size: 1.25rem; }
.kit-join:not([open]) .kit-join-view { display: none; }
.kit-join-view { position: fixed; inset: 0; z-index: 1000; background: #fff; color: #000; overflow: auto;
  display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 1vh; padding: 1rem;
  box-sizing: border-box; text-align: center; }
.kit-join-view .kit-qr { width: min(62vh, 88vw); height: min(62vh, 88vw); }
.kit-join .kit-join-view p { margin: 0; max-width: 44rem; line-height: 1.25; }
.kit-join .kit-join-view .kit-join-lead, .kit-join .kit-join-view .kit-join-then { font-size: clamp(1rem, 2.6vh, 1.6rem); }
.kit-join .kit-join-view .kit-join-link, .kit-join .kit-join-view .kit-join-link a { font-size: clamp(1.4rem, 5.5vh, 3.2rem);
  font-weight: 700; overflow-wrap: anywhere; color: #000; }
.kit-join .kit-join-view .kit-join-local { color: #8a1c1c; }
</style>"""


def join_html(lang: str, address: str | None, hub: bool = False) -> str:
    """The projector view of the room's address in `lang`: closed, a single button; '' without a room.
    On a `hub` the address is its login page, where a participant's account and pseudonym are made."""
    if not address:
        return ""
    kb = load()

    def ui(key: str, **values: object) -> str:
        return escape(kb.ui(key, lang, **values))

    shown = address.split("://", 1)[-1].rstrip("/")  # what people type: no http://
    local = f'<p class="kit-join-local" role="note">{ui("start.join_local_only")}</p>' if is_local_only(address) else ""
    return (
        f'{JOIN_CSS}<details class="kit-join"><summary><span class="kit-join-open-label">{ui("start.join_open")}</span>'
        f'<span class="kit-join-close-label">{ui("start.join_close")}</span></summary>'
        f'<div class="kit-join-view"><p class="kit-join-lead">{ui("start.join_lead")}</p>'
        f'<div class="kit-join-qr" role="img" aria-label="{ui("start.join_qr_title", address=shown)}">'
        f'{qr_svg(address, kb.ui("start.join_qr_title", lang, address=shown))}</div>'
        f'<p class="kit-join-link"><a href="{escape(address)}">{escape(shown)}</a></p>'
        f'<p class="kit-join-then">{ui("start.join_then_hub" if hub else "start.join_then")}</p>{local}</div></details>'
    )


def start_page_html(lang: str, address: str | None = None, hub: bool = False) -> str:
    """The start page as HTML in `lang`, built from the knowledge base; with the room's `address`
    (a served page) it holds the projector view of it."""
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
        f"{join_html(lang, address, hub)}"
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
    address, hub = join_address(), on_hub()
    page = widgets.HTML(start_page_html(current, address, hub))
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
        page.value = start_page_html(chosen, address, hub)

    switch.observe(on_change, names="value")
    display(widgets.VBox([switch, page, progress_view(switch)]))
