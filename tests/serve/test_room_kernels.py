"""A connection count left behind by a page that closed as it connected is corrected before culling."""

from __future__ import annotations

import types

from kit.apps import room_kernels
from kit.apps.room_kernels import RoomKernelManager


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
