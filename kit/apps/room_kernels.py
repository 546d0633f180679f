"""The served pages' kernel manager: idle kernels are culled even when a page left too early.

The server counts each kernel's websocket connections and never culls a kernel that has one. Of
20 pages closed the moment they showed, 3 once left kernels that were never culled; a count left
at one with no page behind it (the page gone while its websocket was being set up) is the likely
cause, and such a kernel, about 60 MiB, would live until the server stops. Before each culling
pass this manager compares the count with the websockets really open for the kernel; a count that
is still too high on the next pass (so never a page that is just connecting) is corrected, and the
kernel is then culled like any other idle kernel.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


def open_websockets(kernel_id: str) -> int:
    """How many page websockets are open right now for `kernel_id`."""
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

    count = 0
    for connection in list(ZMQChannelsWebsocketConnection._open_sockets):
        handler = getattr(connection, "websocket_handler", None)
        if connection.kernel_id == kernel_id and handler is not None and handler.ws_connection is not None:
            count += 1
    return count


class RoomKernelManager(AsyncMappingKernelManager):
    """AsyncMappingKernelManager whose culler does not trust a connection count with no page behind it."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._overcounted: dict[str, int] = {}  # kernel -> count seen too high on the last pass

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

    async def cull_kernel_if_idle(self, kernel_id):  # noqa: ANN001, ANN201 - the base class's signature
        if kernel_id in self._kernels:
            self.correct_connection_count(kernel_id)
        await super().cull_kernel_if_idle(kernel_id)
        if kernel_id not in self._kernels:
            self._overcounted.pop(kernel_id, None)
