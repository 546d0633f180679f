"""Links between the kit's pages: back to the start page, the previous and the next chapter."""

from __future__ import annotations

import html
from urllib.parse import urlencode

from kit.content import load

# The notebook behind each chapter page (0 is the start page), as served from notebooks/.
PAGES: dict[int, str] = {
    0: "00_start.ipynb",
    1: "01_principles.ipynb",
    2: "02_what_is_trafficking.ipynb",
    3: "03_local_mapping.ipynb",
    4: "04_identification.ipynb",
    5: "05_assisting_victims.ipynb",
    6: "06_prevention.ipynb",
}


def page_link(chapter: int, lang: str, participant: str | None = None) -> str:
    """The relative address of a chapter's page, keeping the language and the pseudonym."""
    query = {"lang": lang} | ({"participant": participant} if participant else {})
    return f"{PAGES[chapter]}?{urlencode(query)}"


def navigation_html(chapter: int, lang: str, participant: str | None = None, *, full: bool = False) -> str:
    """A bar of links: the start page, the previous chapter and the next one, in `lang`. Short
    ("← Kapitel 2", the full title on hover and for screen readers) at the top of a page, so that
    the activity stays on a phone's first screen; with full titles (`full`) at its end."""
    kb = load()

    def link(number: int, key: str, css: str) -> str:
        title = kb.get("chapters", kb.ids("chapters")[number]).title.get(lang)
        text = kb.ui(key, lang, number=number, title=title)
        shown = text if full or number == 0 else kb.ui(f"{key}_short", lang, number=number)
        return (f'<a class="{css}" href="{html.escape(page_link(number, lang, participant))}" title="{html.escape(text)}"'
                f' aria-label="{html.escape(text)}">{html.escape(shown)}</a>')

    links = [] if full else [link(0, "nav.start", "kit-nav-start")]
    if chapter > 1:
        links.append(link(chapter - 1, "nav.previous", "kit-nav-previous"))
    if chapter < max(PAGES):
        links.append(link(chapter + 1, "nav.next", "kit-nav-next"))
    label = html.escape(kb.ui("nav.label_end" if full else "nav.label", lang))
    css = "kit-nav kit-nav-end" if full else "kit-nav"
    return f'<nav class="{css}" aria-label="{label}">{"".join(links)}</nav>'
