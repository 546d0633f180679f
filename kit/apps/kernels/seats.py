"""Seats in a room: at most so many participants' kernels at once; the others wait for a seat.

A page asked for when every seat is taken gets a ticket and a short waiting page (HTTP 503, in
the page's language) that asks again by itself with its ticket; seats that free up go to tickets
in the order they were given, so nobody who waits is overtaken by someone who came later. A
ticket not asked about again for `TICKET_SECONDS` (the participant left) is dropped.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from urllib.parse import parse_qsl, quote, urlencode

from tornado.web import HTTPError

from kit.content.i18n import resolve_lang, ui

SEAT_PARAMETER = "seat"
RETRY_SECONDS = 3
TICKET_SECONDS = 20.0


class WaitingForSeat(HTTPError):
    """Every seat is taken: what the waiting page shows, and the address it asks again at."""

    def __init__(self, ticket: str, position: int, lang: str, retry_url: str) -> None:
        super().__init__(503, "waiting for a seat (ticket %s, place %d)", ticket, position, reason="Waiting for a seat")
        self.ticket = ticket
        self.position = position
        self.lang = lang
        self.retry_url = retry_url
        self.retry_seconds = RETRY_SECONDS
        self.heading = ui("seats.waiting_title", lang)
        self.text = ui("seats.waiting_text", lang)
        self.place = ui("seats.waiting_place", lang, place=position)


class Seats:
    """Who may have a kernel now: `limit` seats (0: no limit) and the queue of waiting tickets."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._waiting: OrderedDict[str, float] = OrderedDict()  # ticket -> when it last asked

    @property
    def waiting(self) -> int:
        """How many tickets wait now."""
        self._expire(time.monotonic())
        return len(self._waiting)

    def admit(self, taken: int, path: str, query: str) -> None:
        """Return when the page at `path?query` may have a seat (`taken` are in use); else raise
        WaitingForSeat with its ticket, its place in the queue and the address to ask again at."""
        if self.limit <= 0:
            return
        now = time.monotonic()
        self._expire(now)
        free = self.limit - taken
        ticket = dict(parse_qsl(query)).get(SEAT_PARAMETER)
        if ticket is not None and ticket in self._waiting:
            place = list(self._waiting).index(ticket)
            if place < free:
                del self._waiting[ticket]
                return
            self._waiting[ticket] = now
        else:
            if free > len(self._waiting):
                return
            ticket = secrets.token_urlsafe(9)
            self._waiting[ticket] = now
            place = len(self._waiting) - 1
        raise WaitingForSeat(ticket, place + 1, _page_lang(query), _retry_url(path, query, ticket))

    def _expire(self, now: float) -> None:
        for ticket, seen in list(self._waiting.items()):
            if now - seen > TICKET_SECONDS:
                del self._waiting[ticket]


def _page_lang(query: str) -> str:
    lang = dict(parse_qsl(query)).get("lang")
    try:
        return resolve_lang(lang)
    except ValueError:
        return resolve_lang(None)


def _retry_url(path: str, query: str, ticket: str) -> str:
    pairs = [(name, value) for name, value in parse_qsl(query, keep_blank_values=True) if name != SEAT_PARAMETER]
    return quote(path, safe="/") + "?" + urlencode([*pairs, (SEAT_PARAMETER, ticket)])
