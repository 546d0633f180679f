"""Joining a room, in real headless Chromium against `strom-kit serve --host 0.0.0.0` (the way a
trainer serves a room on the local network): the start page's projector view shows the room's
address as a QR code that encodes it and as a short link, large on a 1024x768 projector and usable
on a phone; /join lands on the start page in the room's language (also through the LAN address);
a participant's page says which pseudonym the answers are saved under. The browser itself only
ever talks to 127.0.0.1. Screenshots go to var/test-artefacts/joining_*.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import urlparse

import pytest

from kit.apps.room_address import lan_address
from kit.content.vocabulary import LANGS
from support.person import LAPTOP, PHONE, PROJECTOR, Person
from support.qr_svg import decode, encoded, svg_modules

pytestmark = pytest.mark.slow

START = "/voila/render/00_start.ipynb"


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    """(base URL on 127.0.0.1, the room's short link as serve worked it out) for a server on every interface."""
    from support.server_process import served

    server = served(tmp_path_factory.mktemp("room"), "--host", "0.0.0.0", "--lang", "sv")
    base = next(server)
    yield base, f"http://{lan_address() or '127.0.0.1'}:{urlparse(base).port}/join"
    next(server, None)


class Visit:
    """A Person who also records every host the page contacts."""

    def __init__(self, browser, screen):
        self.person = Person(browser, screen)
        self.hosts: set[str] = set()
        self.person.page.on("request", lambda request: self.hosts.add(urlparse(request.url).hostname or request.url[:5]))

    def outside(self) -> set[str]:
        return {host for host in self.hosts if host not in {"127.0.0.1", "data:", "blob:"}}


@pytest.fixture
def visit(browser):
    visits: list[Visit] = []

    def open_visit(screen) -> Visit:
        visits.append(Visit(browser, screen))
        return visits[-1]

    yield open_visit
    for one in visits:
        one.person.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("screen", [PROJECTOR, LAPTOP, PHONE], ids=lambda s: s.name)
def test_the_projector_view_shows_the_rooms_address_as_a_qr_code_and_a_short_link(kb, room, visit, screen, lang):
    base, address = room
    seen = visit(screen)
    person, page = seen.person, seen.person.page
    person.open(f"{base}{START}?lang={lang}", ".kit-start-page h1")
    button = page.locator(".kit-join > summary")
    assert button.inner_text().strip() == kb.ui("start.join_open", lang)
    assert not page.locator(".kit-join-view").is_visible()  # closed: a participant's phone shows one button
    person.looks_right(lang)
    person.screenshot(f"joining_start_{screen.name}_{lang}")

    person.tap(button)  # the trainer opens the view for the projector
    page.wait_for_selector(".kit-join-view svg", state="visible", timeout=10_000)
    qr = person.box(page.locator(".kit-join-view svg"))
    link = page.locator(".kit-join-link a")
    shown = address.split("://", 1)[1]
    assert link.inner_text() == shown and link.get_attribute("href") == address
    # the QR code on the screen encodes the room's address, as serve worked it out
    drawn = svg_modules(page.locator(".kit-join-view svg").evaluate("el => el.outerHTML"))
    assert decode(drawn) == (address, "M") and drawn == encoded(address)
    # big and whole on the screen: the code, the link and the close button
    smallest = {"projector": 420, "laptop": 420, "phone": 320}[screen.name]
    assert qr["width"] >= smallest and abs(qr["width"] - qr["height"]) < 1, qr
    for part in (".kit-join-view svg", ".kit-join-link", ".kit-join-lead", ".kit-join > summary"):
        box = person.box(page.locator(part))
        assert box["y"] >= 0 and box["y"] + box["height"] <= screen.height and box["x"] + box["width"] <= screen.width, (part, box)
    link_px = float(link.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    assert link_px >= (36 if screen.name == "projector" else 22), link_px
    assert kb.ui("start.join_lead", lang) in page.inner_text(".kit-join-view")
    assert page.locator(".kit-join > summary").inner_text().strip() == kb.ui("start.join_close", lang)
    person.looks_right(lang)
    person.screenshot(f"joining_projector_{screen.name}_{lang}")

    person.tap(page.locator(".kit-join > summary"))  # closed again with the same button
    page.wait_for_selector(".kit-join-view", state="hidden", timeout=10_000)
    assert not seen.outside(), f"requests left 127.0.0.1: {seen.outside()}"


@pytest.mark.parametrize("lang", LANGS)
def test_the_short_link_lands_on_the_start_page_in_the_rooms_language(kb, room, visit, lang):
    base, _ = room
    seen = visit(PHONE)
    asked = f"{base}/join" + ("" if lang == "sv" else f"?lang={lang}")  # the room is Swedish; ?lang= chooses another
    seen.person.open(asked, ".kit-start-page h1")
    page = seen.person.page
    assert urlparse(page.url).path == START and f"lang={lang}" in page.url
    assert page.inner_text(".kit-start-page h1") == kb.ui("start.title", lang)
    seen.person.screenshot(f"joining_landed_phone_{lang}")
    assert not seen.outside(), f"requests left 127.0.0.1: {seen.outside()}"


def test_the_short_link_answers_on_the_address_participants_are_given(room):
    """The server answers /join on the LAN address it printed (no browser: a participant's phone
    would be another machine on that network)."""
    _, address = room

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.build_opener(NoRedirect).open(address, timeout=30)
    assert answer.value.code == 302 and answer.value.headers["Location"] == f"{START}?lang=sv"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("screen", [PHONE, LAPTOP], ids=lambda s: s.name)
def test_a_participant_sees_the_pseudonym_the_answers_are_saved_under(kb, room, visit, screen, lang):
    base, _ = room
    seen = visit(screen)
    person, page = seen.person, seen.person.page
    person.open(f"{base}/voila/render/02_what_is_trafficking.ipynb?lang={lang}", ".kit-pseudonym input")
    assert page.locator(".kit-saved-under-key").count() == 0  # no pseudonym yet: nothing claims to be saved
    person.tap(page.locator(".kit-pseudonym input"))
    person.type("  Lina   Karlsson ")
    person.press("Enter")
    page.wait_for_selector(".kit-saved-under-key", state="visible", timeout=15_000)
    assert page.inner_text(".kit-saved-under-key") == "lina karlsson"
    line = " ".join(page.inner_text(".kit-saved-under-line").split())
    assert line == f'{kb.ui("app.saved_under", lang, pseudonym="lina karlsson")} {kb.ui("app.saved_under_case", lang)}'
    assert person.in_view(page.locator(".kit-saved-under-line"))  # beside the box, on the first screen
    person.looks_right(lang)
    person.screenshot(f"joining_pseudonym_{screen.name}_{lang}")
    assert not seen.outside(), f"requests left 127.0.0.1: {seen.outside()}"
