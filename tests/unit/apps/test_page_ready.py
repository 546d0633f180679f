"""Work for "after the page shows" waits in a Voila kernel until the browser has its widgets."""

from __future__ import annotations

import asyncio

import pytest

from kit.apps import page_ready


class FakeComm:
    def __init__(self):
        self.closed_by_page = None

    def on_close(self, callback):
        self.closed_by_page = callback


class FakeManager:
    def __init__(self, opened):
        self.targets = {page_ready.CONTROL_TARGET: opened}

    def register_target(self, name, callback):
        self.targets[name] = callback


@pytest.fixture
def voila_kernel(monkeypatch):
    """A kernel as Voila starts it, with ipywidgets' control target on a fake comm manager."""
    import comm

    opened = []
    manager = FakeManager(lambda comm_, message: opened.append(message))
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    monkeypatch.setattr(comm, "get_comm_manager", lambda: manager)
    monkeypatch.setattr(page_ready, "_watching", False)
    monkeypatch.setattr(page_ready, "_waiting", [])
    return manager, opened


def run_briefly(loop: asyncio.AbstractEventLoop, seconds: float = 0.05) -> None:
    loop.run_until_complete(asyncio.sleep(seconds))


def in_a_kernel_thread(body) -> None:
    """Run `body(loop)` in a thread of its own with a fresh event loop, as a kernel's main loop
    (the test process's own thread may have a loop running, e.g. the browser tests' driver)."""
    import threading

    failures = []

    def run():
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            body(loop)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            failures.append(exc)
        finally:
            loop.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def test_outside_voila_the_work_runs_once_the_cell_has_finished(monkeypatch):
    monkeypatch.delenv("VOILA_BASE_URL", raising=False)
    done = []

    def body(loop):
        page_ready.after_page_ready(lambda: done.append("work"))
        assert done == []
        run_briefly(loop)
        assert done == ["work"]

    in_a_kernel_thread(body)


def test_in_voila_the_work_waits_until_the_page_has_received_its_widgets(voila_kernel):
    manager, opened = voila_kernel
    done = []

    def body(loop):
        page_ready.after_page_ready(lambda: done.append("first"))
        page_ready.after_page_ready(lambda: done.append("second"))
        run_briefly(loop)
        assert done == []  # no page yet
        page_comm = FakeComm()
        manager.targets[page_ready.CONTROL_TARGET](page_comm, {"content": {}})
        assert opened, "ipywidgets' own handler still answers the page"
        assert done == []  # the page asked for the widgets but has not received them
        page_comm.closed_by_page({})
        assert done == ["first", "second"]
        page_comm.closed_by_page({})  # a second close runs nothing twice
        assert done == ["first", "second"]

    in_a_kernel_thread(body)


def test_a_page_that_never_connects_gets_the_work_after_the_patience_runs_out(voila_kernel, monkeypatch):
    monkeypatch.setattr(page_ready, "PATIENCE_SECONDS", 0.01)
    done = []

    def body(loop):
        page_ready.after_page_ready(lambda: done.append("work"))
        run_briefly(loop)
        assert done == ["work"]

    in_a_kernel_thread(body)
