"""The served pages' kernel manager: kernels forked from a preloaded parent, seats, closed pages freed.

- Kernel parent: with `kernel_parent` on (`strom-kit serve`, the default), the server starts the
  kit's kernel parent (kit.apps.kernels) as it starts, and the `strom-fork` provisioner forks each
  page's kernel from it.
- Templates: pages share the compiled page template (kit.apps.kernels.template_cache).
- Seats: at most `seats` participants' kernels at once (the trainer's dashboard does not count);
  beyond that a page shows a waiting page that gets in as seats free up (kit.apps.kernels.seats).
- A page closed before it connected gives its seat back after `unconnected_grace` seconds.
- A closed page frees its kernel: its own shutdown post now passes (kit.apps.kernels.page_identity);
  a page that vanished without it (a phone that killed the tab) leaves its kernel with no
  websocket, and the kernel is shut down once it has had none for `closed_page_grace` seconds
  (a reload reconnects in far less; a reload gets a new kernel anyway).
- Idle kernels are culled even when a page left too early: the server counts each kernel's
  websocket connections and never culls a kernel that has one. Of 20 pages closed the moment they
  showed, 3 once left kernels that were never culled; a count left at one with no page behind it
  (the page gone while its websocket was being set up) is the likely cause. Before each culling
  pass this manager compares the count with the websockets really open for the kernel; a count
  still too high on the next pass (so never a page that is just connecting) is corrected, and the
  kernel is then culled like any other idle kernel.
"""

from __future__ import annotations

import asyncio
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Bool, Float, Integer
from zmq.constants import SocketOption

from kit.apps.kernels import start_parent
from kit.apps.kernels.seats import Seats
from kit.apps.kernels.template_cache import share_compiled_templates

DASHBOARD_PAGE = "trainer_dashboard.ipynb"


def unbounded_queues(context: Any) -> None:
    """Let the server's sockets to its kernels queue every message instead of dropping them.

    ZeroMQ keeps at most 1000 messages per connection by default and a kernel's output socket drops
    what does not fit. Opening the classifier's material sends some 900 widget messages at once; with
    30 pages starting together the server reads them late, and a page lost its case title that way.
    An unbounded receive queue lets ZeroMQ's own thread take every message off the kernel's socket at
    once, whatever the server's Python is busy with. Sockets made after this call are affected.
    """
    context.setsockopt(SocketOption.RCVHWM, 0)  # a zmq.Context
    context.setsockopt(SocketOption.SNDHWM, 0)


def open_websockets(kernel_id: str) -> int:
    """How many page websockets are open right now for `kernel_id`."""
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

    count = 0
    for connection in list(ZMQChannelsWebsocketConnection._open_sockets):
        handler = getattr(connection, "websocket_handler", None)
        if connection.kernel_id == kernel_id and handler is not None and handler.ws_connection is not None:
            count += 1
    return count


class QueueingKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager whose sockets to its kernels drop no message (`unbounded_queues`).

    The hub's single-user servers run it (kit.hub.pages.server_args): their kernels are plain
    kernels, and their JupyterLab keeps Jupyter's own kernel lifetimes.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        unbounded_queues(self.context)


class RoomKernelManager(QueueingKernelManager):
    """The queueing kernel manager with a kernel parent, seats, and kernels freed when their page closes."""

    kernel_parent = Bool(False, config=True, help="Fork participants' kernels from a preloaded parent process.")
    seats = Integer(0, config=True, help="Participants' kernels at once (0: no limit); others wait for a seat.")
    closed_page_grace = Float(10.0, config=True,
                              help="Seconds a kernel whose page closed its last websocket is kept for a reconnect.")
    unconnected_grace = Float(90.0, config=True,
                              help="Seconds a participant's kernel whose page never connected keeps its seat.")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._overcounted: dict[str, int] = {}  # kernel -> count seen too high on the last pass
        self._seated: set[str] = set()  # kernels that hold a participant's seat
        self._starting = 0  # seats given to kernels still starting
        self._closing: dict[str, asyncio.TimerHandle] = {}
        self._connected: set[str] = set()  # kernels a page has connected to
        self._shutting: set[asyncio.Future] = set()  # shutdowns under way, held so none is collected mid-way
        self.room_seats = Seats(self.seats)
        share_compiled_templates()
        if self.kernel_parent:
            start_parent(log=self.log)

    async def start_kernel(self, *, kernel_id=None, path=None, **kwargs):  # the base class's signature
        env = kwargs.get("env") or {}
        takes_seat = kernel_id is None and _takes_seat(env)
        if takes_seat:
            self.room_seats.admit(self.seats_taken(), env.get("SCRIPT_NAME", "/"), env.get("QUERY_STRING", ""))
            self._starting += 1
        try:
            started = await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        finally:
            if takes_seat:
                self._starting -= 1
        if takes_seat:
            self._seated.add(started)
            asyncio.get_running_loop().call_later(self.unconnected_grace, self._free_if_never_connected, started)
        return started

    def _free_if_never_connected(self, kernel_id: str) -> None:
        """A seat held by a page that never connected (it was closed while loading) is given back."""
        if kernel_id in self._kernels and kernel_id not in self._connected and open_websockets(kernel_id) == 0:
            self.log.info("Kernel %s: no page connected within %.0f s; shutting it down", kernel_id, self.unconnected_grace)
            self._shut_in_background(kernel_id)

    def seats_taken(self) -> int:
        """Participants' kernels running or starting now."""
        self._seated &= set(self._kernels)
        self._connected &= set(self._kernels)
        return len(self._seated) + self._starting

    def notify_connect(self, kernel_id):  # the base class's signature
        super().notify_connect(kernel_id)
        self._connected.add(kernel_id)
        closing = self._closing.pop(kernel_id, None)
        if closing is not None:
            closing.cancel()

    def notify_disconnect(self, kernel_id):  # the base class's signature
        super().notify_disconnect(kernel_id)
        if kernel_id in self._kernels and self._kernel_connections.get(kernel_id, 0) <= 0 and kernel_id not in self._closing:
            loop = asyncio.get_running_loop()
            self._closing[kernel_id] = loop.call_later(self.closed_page_grace, self._shut_if_still_closed, kernel_id)

    def _shut_if_still_closed(self, kernel_id: str) -> None:
        self._closing.pop(kernel_id, None)
        if kernel_id in self._kernels and open_websockets(kernel_id) == 0:
            self.log.info("Kernel %s: its page closed %.0f s ago; shutting it down", kernel_id, self.closed_page_grace)
            self._shut_in_background(kernel_id)

    def _shut_in_background(self, kernel_id: str) -> None:
        shutting = asyncio.ensure_future(self._shut_quietly(kernel_id))
        self._shutting.add(shutting)
        shutting.add_done_callback(self._shutting.discard)

    async def _shut_quietly(self, kernel_id: str) -> None:
        try:
            await self.shutdown_kernel(kernel_id)
        except KeyError:  # shut down meanwhile (the page's own post, the culler)
            return

    def correct_connection_count(self, kernel_id: str) -> None:
        """Lower the kernel's connection count to its open websockets when it was too high on the
        last pass too."""
        counted = self._kernel_connections.get(kernel_id, 0)
        live = open_websockets(kernel_id)
        if counted <= live:
            self._overcounted.pop(kernel_id, None)
            return
        if self._overcounted.get(kernel_id) == counted:
            self.log.info("Kernel %s counted %d connection(s) but has %d open page(s): corrected", kernel_id, counted, live)
            self._kernel_connections[kernel_id] = live
            self._overcounted.pop(kernel_id, None)
        else:
            self._overcounted[kernel_id] = counted

    async def cull_kernel_if_idle(self, kernel_id):  # the base class's signature
        if kernel_id in self._kernels:
            self.correct_connection_count(kernel_id)
        await super().cull_kernel_if_idle(kernel_id)
        if kernel_id not in self._kernels:
            self._overcounted.pop(kernel_id, None)


def _takes_seat(env: dict) -> bool:
    """A participant's page takes a seat; the trainer's dashboard and Voila's preheated kernels do not."""
    if env.get("VOILA_PREHEAT") == "True":
        return False
    return not str(env.get("SCRIPT_NAME", "")).endswith("/" + DASHBOARD_PAGE)
