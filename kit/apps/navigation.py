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


def navigation_html(chapter: int, lang: str, participant: str | None = None) -> str:
    """A bar of links: the start page, the previous chapter and the next one, in `lang`."""
    kb = load()

    def link(number: int, key: str, css: str) -> str:
        title = kb.get("chapters", kb.ids("chapters")[number]).title.get(lang)
        text = kb.ui(key, lang, number=number, title=title)
        return f'<a class="{css}" href="{html.escape(page_link(number, lang, participant))}">{html.escape(text)}</a>'

    links = [link(0, "nav.start", "kit-nav-start")]
    if chapter > 1:
        links.append(link(chapter - 1, "nav.previous", "kit-nav-previous"))
    if chapter < max(PAGES):
        links.append(link(chapter + 1, "nav.next", "kit-nav-next"))
    label = html.escape(kb.ui("nav.label", lang))
    return f'<nav class="kit-nav" aria-label="{label}">{"".join(links)}</nav>'
