"""A participant's page at the protocol level: what the browser does, without the browser.

GET the page (Voila runs the notebook in the page's own kernel), open the kernel's websocket,
fetch every widget's state through the widget control comm, then act on widgets by their CSS
classes: set a value as an input would, click a button. An action is done when the kernel has
handled it (its status goes back to idle for our message: see `_comm`).
"""

from __future__ import annotations

import asyncio
import datetime
import json
import re
import uuid
from collections.abc import Callable
from typing import Any

KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')


class PageError(RuntimeError):
    """The page or its kernel did not do what a browser would have seen it do."""


class ParticipantPage:
    """One open page: its kernel's websocket and the state of its widgets, kept up to date."""

    def __init__(self, base: str, path: str, kernel_id: str, connection: Any):
        self.base, self.path, self.kernel_id = base, path, kernel_id
        self.connection = connection
        self.session = uuid.uuid4().hex
        self.models: dict[str, dict[str, Any]] = {}
        self._waiting: dict[str, asyncio.Future] = {}
        self._states: asyncio.Future | None = None
        self._control: str | None = None
        self._comm_info: asyncio.Future | None = None
        self.closed = asyncio.get_running_loop().create_future()
        self._reader = asyncio.ensure_future(self._read())

    @classmethod
    async def open(cls, base: str, path: str, timeout: float = 300) -> ParticipantPage:
        """GET `path` under `base` (http://host:port), connect to its kernel, load the widgets."""
        from tornado.httpclient import AsyncHTTPClient, HTTPRequest
        from tornado.websocket import websocket_connect

        response = await AsyncHTTPClient().fetch(HTTPRequest(base + path, request_timeout=timeout, connect_timeout=timeout))
        found = KERNEL_ID.search(response.body.decode("utf-8", errors="replace"))
        if not found:
            raise PageError(f"no kernel in the page {path}")
        kernel_id = found.group(1)
        ws_base = base.replace("http://", "ws://", 1)
        connection = await websocket_connect(f"{ws_base}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}",
                                             max_message_size=64 * 1024 * 1024)
        page = cls(base, path, kernel_id, connection)
        await page._load_states(timeout)
        return page

    # --- what a person does -------------------------------------------------------------------

    def find(self, css_class: str) -> str:
        """The id of the one widget that carries `css_class`."""
        found = [model_id for model_id, state in self.models.items() if css_class in (state.get("_dom_classes") or ())]
        if len(found) != 1:
            raise PageError(f"{len(found)} widgets with the class {css_class!r}")
        return found[0]

    def value(self, css_class: str, name: str = "value") -> Any:
        return self.models[self.find(css_class)].get(name)

    async def set(self, css_class: str, timeout: float = 120, **state: Any) -> None:
        """Change a widget's state as its input would (e.g. value=..., index=...) and wait for the kernel."""
        model_id = self.find(css_class)
        self.models[model_id].update(state)
        await self._comm(model_id, {"method": "update", "state": state, "buffer_paths": []}, timeout, f"{css_class} set to {state}")

    async def click(self, css_class: str, timeout: float = 120) -> None:
        """Click the button with `css_class` and wait until the kernel has handled the click."""
        await self._comm(self.find(css_class), {"method": "custom", "content": {"event": "click"}}, timeout, f"{css_class} clicked")

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 60, what: str = "") -> None:
        """Wait until `condition()` holds for the widgets' state (as the kernel's updates arrive)."""
        deadline = asyncio.get_running_loop().time() + timeout
        while not condition():
            if self.closed.done():
                raise PageError("the connection to the kernel closed")
            if asyncio.get_running_loop().time() > deadline:
                raise PageError(f"not within {timeout} s: {what}")
            await asyncio.sleep(0.1)

    async def close(self) -> None:
        self.connection.close()
        self._reader.cancel()

    # --- the protocol ---------------------------------------------------------------------------

    async def _load_states(self, timeout: float) -> None:
        """All widget states in one request through the control comm; where the kernel has no
        control comm, one request per widget, as ipywidgets' own manager falls back to."""
        self._control = uuid.uuid4().hex
        self._states = asyncio.get_running_loop().create_future()
        self._send("comm_open", {"comm_id": self._control, "target_name": "jupyter.widget.control", "data": {}})
        self._send("comm_msg", {"comm_id": self._control, "data": {"method": "request_states"}})
        states = await asyncio.wait_for(self._states, timeout)
        if states is None:  # the kernel closed the control comm: no such target
            self._comm_info = asyncio.get_running_loop().create_future()
            self._send("comm_info_request", {"target_name": "jupyter.widget"})
            comms = await asyncio.wait_for(self._comm_info, timeout)
            await asyncio.gather(*(self._comm(comm_id, {"method": "request_state"}, timeout) for comm_id in comms))
            return
        for model_id, model in states.items():
            self.models[model_id] = dict(model.get("state") or {})
        self._send("comm_close", {"comm_id": self._control, "data": {}})  # as the browser does: the page has its widgets

    async def _comm(self, comm_id: str, data: dict[str, Any], timeout: float, what: str = "a widget's state asked for") -> None:
        """Send a widget message and wait until the kernel has handled it: its status goes back to idle
        for it. A lost idle status is a fault of the server (kit.apps.room_kernels.unbounded_queues), not
        something to wait out."""
        future = self._expect(self._send("comm_msg", {"comm_id": comm_id, "data": data}))
        try:
            done, _ = await asyncio.wait([future, self.closed], timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            if future in done:
                return
            if self.closed in done:
                raise PageError("the connection to the kernel closed")
            raise PageError(f"kernel {self.kernel_id}: no reply within {timeout} s to: {what}")
        finally:
            for msg_id, waiting in list(self._waiting.items()):
                if waiting is future:
                    del self._waiting[msg_id]

    def _expect(self, msg_id: str) -> asyncio.Future:
        future = self._waiting[msg_id] = asyncio.get_running_loop().create_future()
        return future

    def _send(self, msg_type: str, content: dict[str, Any]) -> str:
        msg_id = uuid.uuid4().hex
        message = {
            "header": {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": "participant",
                       "date": datetime.datetime.now(datetime.UTC).isoformat(), "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell", "buffers": [],
        }
        from tornado.websocket import WebSocketClosedError

        try:
            self.connection.write_message(json.dumps(message))
        except WebSocketClosedError:
            raise PageError("the connection to the kernel closed") from None
        return msg_id

    async def _read(self) -> None:
        try:
            while True:
                raw = await self.connection.read_message()
                if raw is None:
                    break
                if isinstance(raw, bytes):  # binary frames carry widget buffers, which these apps do not use
                    continue
                self._handle(json.loads(raw))
        finally:
            if not self.closed.done():
                self.closed.set_result(True)

    def _handle(self, message: dict[str, Any]) -> None:
        kind, content = message.get("msg_type") or message["header"]["msg_type"], message.get("content") or {}
        parent = (message.get("parent_header") or {}).get("msg_id")
        if kind == "status" and content.get("execution_state") == "idle" and parent in self._waiting:
            future = self._waiting[parent]
            if not future.done():
                future.set_result(True)
        elif kind == "comm_open":
            self.models[content["comm_id"]] = dict((content.get("data") or {}).get("state") or {})
        elif kind == "comm_msg":
            data = content.get("data") or {}
            if data.get("method") == "update_states" and self._states is not None and not self._states.done():
                self._states.set_result(data.get("states") or {})
            elif data.get("method") in ("update", "echo_update"):
                self.models.setdefault(content["comm_id"], {}).update(data.get("state") or {})
        elif kind == "comm_close":
            if content.get("comm_id") == self._control and self._states is not None and not self._states.done():
                self._states.set_result(None)
            self.models.pop(content.get("comm_id"), None)
        elif kind == "comm_info_reply" and self._comm_info is not None and not self._comm_info.done():
            self._comm_info.set_result([comm_id for comm_id, info in (content.get("comms") or {}).items()
                                        if info.get("target_name") == "jupyter.widget"])
