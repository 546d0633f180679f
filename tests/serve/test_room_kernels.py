"""The served pages' kernel managers: a connection count left behind by a page that closed as it
connected is corrected before culling; seats; and the hub's queueing manager drops no message."""

from __future__ import annotations

import types

import pytest
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from kit.apps import room_kernels
from kit.apps.room_kernels import QueueingKernelManager, RoomKernelManager
from support.event_loop import run_apart


def test_a_count_with_no_page_behind_it_is_corrected_on_the_second_look_only(monkeypatch, tmp_path):
    manager = RoomKernelManager(connection_dir=str(tmp_path))
    open_pages = {"k1": 0, "k2": 1}
    monkeypatch.setattr(room_kernels, "open_websockets", lambda kernel_id: open_pages[kernel_id])
    manager._kernel_connections.update({"k1": 1, "k2": 1})
    manager.correct_connection_count("k1")
    manager.correct_connection_count("k2")
    assert manager._kernel_connections == {"k1": 1, "k2": 1}  # one look: k1 may be a page still connecting
    manager.correct_connection_count("k1")
    manager.correct_connection_count("k2")
    assert manager._kernel_connections == {"k1": 0, "k2": 1}  # still no page behind k1: it may be culled now


def test_a_page_that_connects_between_two_looks_keeps_its_count(monkeypatch, tmp_path):
    manager = RoomKernelManager(connection_dir=str(tmp_path))
    open_pages = {"k1": 0}
    monkeypatch.setattr(room_kernels, "open_websockets", lambda kernel_id: open_pages[kernel_id])
    manager._kernel_connections["k1"] = 1
    manager.correct_connection_count("k1")
    open_pages["k1"] = 1
    manager.correct_connection_count("k1")
    open_pages["k1"] = 0  # ...and the next look starts afresh
    manager.correct_connection_count("k1")
    assert manager._kernel_connections["k1"] == 1


def test_open_websockets_counts_only_the_kernels_own_open_pages(monkeypatch):
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

    def connection(kernel_id, open_):
        return types.SimpleNamespace(kernel_id=kernel_id, websocket_handler=types.SimpleNamespace(ws_connection=object() if open_ else None))

    monkeypatch.setattr(ZMQChannelsWebsocketConnection, "_open_sockets",
                        [connection("k1", True), connection("k1", False), connection("k2", True)])
    assert room_kernels.open_websockets("k1") == 1 and room_kernels.open_websockets("k3") == 0


def test_a_kernel_whose_page_closed_is_shut_down_after_the_grace_unless_it_reconnects(monkeypatch, tmp_path):
    import asyncio

    manager = RoomKernelManager(connection_dir=str(tmp_path), closed_page_grace=0.2)
    shut: list[str] = []

    async def shutdown_kernel(kernel_id, **_):
        shut.append(kernel_id)

    monkeypatch.setattr(manager, "shutdown_kernel", shutdown_kernel)
    monkeypatch.setattr(room_kernels, "open_websockets", lambda kernel_id: manager._kernel_connections[kernel_id])

    async def scenario():
        for kernel_id in ("closed", "reloaded"):
            manager._kernels[kernel_id] = object()
            manager._kernel_connections[kernel_id] = 0
            manager.notify_connect(kernel_id)
            manager.notify_disconnect(kernel_id)
        await asyncio.sleep(0.05)
        manager.notify_connect("reloaded")  # its page came back within the grace
        await asyncio.sleep(0.4)

    run_apart(scenario())
    assert shut == ["closed"]


def test_a_seat_held_by_a_page_that_never_connected_is_given_back(monkeypatch, tmp_path):
    import asyncio

    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    manager = RoomKernelManager(connection_dir=str(tmp_path), seats=1, unconnected_grace=0.2)
    shut: list[str] = []

    async def started(self, *, kernel_id=None, path=None, **kwargs):
        kernel_id = f"k{len(self._kernels)}"
        self._kernels[kernel_id] = object()
        self._kernel_connections[kernel_id] = 0
        return kernel_id

    async def shutdown_kernel(kernel_id, **_):
        shut.append(kernel_id)
        manager._kernels.pop(kernel_id)

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", started)
    monkeypatch.setattr(manager, "shutdown_kernel", shutdown_kernel)
    monkeypatch.setattr(room_kernels, "open_websockets", lambda kernel_id: 0)
    page = {"SCRIPT_NAME": "/voila/render/00_start.ipynb", "QUERY_STRING": ""}

    async def scenario():
        first = await manager.start_kernel(env=page)
        assert manager.seats_taken() == 1
        try:
            await manager.start_kernel(env=page)
        except Exception as error:  # noqa: BLE001 - the waiting page
            assert getattr(error, "status_code", None) == 503
        else:
            raise AssertionError("a second page got a seat that was taken")
        dashboard = await manager.start_kernel(env={"SCRIPT_NAME": "/voila/render/trainer_dashboard.ipynb"})
        await asyncio.sleep(0.4)
        return first, dashboard

    first, dashboard = run_apart(scenario())
    assert shut == [first] and manager.seats_taken() == 0 and dashboard in manager._kernels


async def _shown_when_read_late(manager: AsyncMappingKernelManager, burst: int) -> tuple[int, bool]:
    """How many of a kernel's `burst` outputs, and whether its idle status, reach the server's output
    socket (made as the server's websocket makes it) when the server reads them only after the kernel
    is done."""
    kernel_id = await manager.start_kernel()
    kernel = manager.get_kernel(kernel_id)
    stream = kernel.connect_iopub()
    output = stream.socket
    client = kernel.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        reply = await client.execute(f"from IPython.display import display\nfor n in range({burst}): display(str(n) * 500)",
                                     reply=True, timeout=120)
        shown = 0
        while output.poll(5_000):
            _, parts = kernel.session.feed_identities(output.recv_multipart())
            message = kernel.session.deserialize(parts)
            shown += message["msg_type"] == "display_data"
            if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle" \
                    and message["parent_header"].get("msg_id") == reply["parent_header"]["msg_id"]:
                return shown, True
        return shown, False
    finally:
        client.stop_channels()
        stream.close()
        await manager.shutdown_kernel(kernel_id, now=True)


@pytest.mark.slow
def test_the_hubs_servers_get_every_message_of_a_burst_their_plain_kernels_send(tmp_path):
    """The hub's single-user servers run plain kernels over TCP (kit.hub.pages.server_args). A burst of
    output read late by a busy server arrives whole there; with Jupyter's own manager ZeroMQ's limit
    of 1000 queued messages dropped more than half of it and the idle status that ends it (measured:
    3,494 of 8,000 arrived, and no idle status)."""
    burst = 8_000
    shown, idle = run_apart(_shown_when_read_late(QueueingKernelManager(connection_dir=str(tmp_path)), burst))
    assert (shown, idle) == (burst, True)
    lost, idle = run_apart(_shown_when_read_late(AsyncMappingKernelManager(connection_dir=str(tmp_path)), burst))
    print(f"Jupyter's own manager: {lost} of {burst}, idle status {'kept' if idle else 'lost'}")
    assert (lost, idle) != (burst, True)  # the same burst with Jupyter's own manager: the test can fail
