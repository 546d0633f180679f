"""Seats: at most so many participants' kernels; the others wait in the order they came."""

from __future__ import annotations

import pytest

from kit.apps.kernels import seats as seats_module
from kit.apps.kernels.seats import Seats, WaitingForSeat
from kit.apps.room_kernels import _takes_seat


def wait(seats: Seats, taken: int, query: str = "") -> WaitingForSeat:
    with pytest.raises(WaitingForSeat) as waiting:
        seats.admit(taken, "/voila/render/02_what_is_trafficking.ipynb", query)
    return waiting.value


def test_pages_get_in_until_the_seats_are_taken_then_wait_in_order():
    seats = Seats(2)
    seats.admit(0, "/p.ipynb", "")
    seats.admit(1, "/p.ipynb", "")
    first = wait(seats, 2, "lang=en&participant=owl")
    second = wait(seats, 2)
    assert (first.position, second.position) == (1, 2) and first.status_code == 503
    assert first.retry_url == f"/voila/render/02_what_is_trafficking.ipynb?lang=en&participant=owl&seat={first.ticket}"
    assert first.lang == "en" and first.heading == "Waiting for a seat" and "number 1" in first.place
    assert second.lang == "sv" and second.heading == "Väntar på en plats"
    # one seat frees: a newcomer does not overtake, the second in the queue waits, the first gets in
    wait(seats, 1)
    assert wait(seats, 1, f"seat={second.ticket}").position == 2
    seats.admit(1, "/p.ipynb", f"lang=en&participant=owl&seat={first.ticket}")
    assert wait(seats, 2, f"seat={second.ticket}").position == 1


def test_a_ticket_nobody_asks_about_expires(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(seats_module.time, "monotonic", lambda: clock[0])
    seats = Seats(1)
    gone = wait(seats, 1)
    clock[0] += seats_module.TICKET_SECONDS + 1
    assert seats.waiting == 0
    seats.admit(0, "/p.ipynb", f"seat={gone.ticket}")  # a stale ticket is a newcomer again


def test_no_limit_admits_everyone():
    seats = Seats(0)
    for taken in range(500):
        seats.admit(taken, "/p.ipynb", "")


def test_the_dashboard_and_preheated_kernels_take_no_seat():
    assert _takes_seat({"SCRIPT_NAME": "/voila/render/02_what_is_trafficking.ipynb"})
    assert not _takes_seat({"SCRIPT_NAME": "/voila/render/trainer_dashboard.ipynb"})
    assert not _takes_seat({"SCRIPT_NAME": "/voila/render/02_what_is_trafficking.ipynb", "VOILA_PREHEAT": "True"})
