"""Run work once the page has its widgets, so slower parts of an app never delay its first view.

In a Voila page the notebook runs before the browser connects; the browser then opens the widget
control comm, receives every widget's state in one message and closes the comm. Work scheduled
for "after the page shows" waits for that close: run earlier, it would keep the kernel busy while
the browser asks for the widgets. A page that never connects (the participant left) gets the
work after `PATIENCE_SECONDS` all the same. In JupyterLab or under papermill the page is already
there (or there is none): the work runs as soon as the current cell has finished.
"""

from __future__ import annotations

import os
from collections.abc import Callable

CONTROL_TARGET = "jupyter.widget.control"
PATIENCE_SECONDS = 20.0

_waiting: list[Callable[[], None]] = []
_watching = False


def served_by_voila() -> bool:
    """True in a kernel that Voila started for a page (a browser will connect to it)."""
    return "VOILA_BASE_URL" in os.environ


def after_page_ready(callback: Callable[[], None]) -> None:
    """Call `callback()` on the kernel's event loop once the page has received its widgets."""
    import asyncio

    loop = asyncio.get_event_loop()
    if not served_by_voila() or not _watch_control_comm():
        loop.call_soon(callback)
        return
    _waiting.append(callback)
    loop.call_later(PATIENCE_SECONDS, _release)


def _release() -> None:
    """Run every waiting callback once, in the order they were scheduled."""
    while _waiting:
        _waiting.pop(0)()


def _watch_control_comm() -> bool:
    """Wrap the widget control comm's target so its close releases the waiting work (once).
    False when there is no comm manager to watch (no kernel, no ipywidgets target)."""
    global _watching
    if _watching:
        return True
    from comm import get_comm_manager

    manager = get_comm_manager()
    opened = getattr(manager, "targets", {}).get(CONTROL_TARGET) if manager is not None else None
    if opened is None:
        return False

    def watched(comm, message):  # the comm manager's target signature
        opened(comm, message)
        comm.on_close(lambda _message: _release())

    manager.register_target(CONTROL_TARGET, watched)
    _watching = True
    return True
