"""The room's short link on `strom-kit serve`: /join redirects to the start page in the room's language.

Voila has no setting for a route of one's own; jupyter_server's identity provider has a documented
hook for extra handlers (`get_handlers`, there for login pages), which Voila adds to its routes.
The served pages' identity provider gains the /join route through it, nothing else changes.
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

from tornado import web

from kit.apps.kernels.page_identity import PageIdentityProvider
from kit.apps.room_address import JOIN_PATH
from kit.content.i18n import LANG_ENV
from kit.content.vocabulary import LANGS

START_PAGE = "voila/render/00_start.ipynb"


class JoinHandler(web.RequestHandler):
    """GET /join: a redirect to the start page, in the room's language unless ?lang= names another."""

    def get(self) -> None:
        asked = self.get_argument("lang", "")
        lang = asked if asked in LANGS else os.environ.get(LANG_ENV, "")
        lang = lang if lang in LANGS else LANGS[0]
        base = self.settings.get("base_url", "/")
        self.redirect(f"{base.rstrip('/')}/{START_PAGE}?{urlencode({'lang': lang})}", status=302)

    head = get


class RoomIdentityProvider(PageIdentityProvider):
    """The served pages' identity provider (the _xsrf cookie for closing pages) plus the /join route."""

    def get_handlers(self) -> list[tuple[str, object]]:
        return [*super().get_handlers(), (rf"{JOIN_PATH}/?", JoinHandler)]
