"""Room benchmark: a workshop room opening the apps at once, simulated at the protocol level.

Run: .venv/bin/python bench/room.py [--room 30] [--crowd 60] [--seats 40] [--hold 20] [--lead-only]

Participants' devices are not the server, so each participant is simulated doing what its browser
does, at the protocol level, in one client process: GET the page (following the waiting page while
every seat is taken), fetch the static files a real Chromium fetched for that page, GET the kernel
model, open the kernel websocket, ask for kernel_info and the widget state (the control comm's
request_states), send one widget event (the pseudonym typed) and wait for the kernel to finish with
it; leaving, it closes the websocket and posts the page's shutdown, as a closing tab does. What a
device spends on its own (parsing the scripts, drawing the widgets) is measured in headless
Chromium on the idle server and added to each simulated participant; the simulation is checked
against real Chromium for 1 and 3 participants (target: within 20 % of the time to interactive
measured inside the page).

Then, in the same run, with the kit's serve (forked kernels) and with plain Voila kernels (`strom-kit
serve --kernels plain`: a new interpreter per page, as Voila starts kernels): N participants open the
classifier at once, and a mix (classifier, planner, mapping); each participant's time to
interactive, its kernel's RSS and PSS, the room's memory, and the time until kernels and memory are
back to the baseline after every page closed. A crowd of M participants beyond the seats: nobody
gets an error page, those beyond the seats wait and get in as seats free up (each participant stays
`--hold` seconds). A single page (real Chromium) against a page of three plain ipywidgets served by
the same Voila.

A room the trainer leads (issue 16, section 5): N participants open the classifier and its material;
the trainer's choice of a case is stored as the dashboard's Start button stores it (RoomLead.choose),
three times in a row; for each choice, the time until the last participant's page has the room's case
(the kernel's message that sets the case title has arrived; each page polls the room twice a
second). `--lead-only` runs this part alone.

Targets (issue 16, 2 cores): 30/30 interactive, p50 <= 4 s, p95 <= 6 s; 30 open pages <= 1.5 GiB;
back to baseline within 60 s; 60 at once: no error page, the waiting get in; a single page within
1.1x of the three-widget page; the last of 30 led participants shows the trainer's case within 2 s. The last line reads
`room 30: 30/30 interactive, p50 X s, p95 Y s; plain Voila p50 Z s, p95 W s`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass
from html import unescape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from voila import ARGS, BARE_WIDGETS, READY_PROBE, free_port, write_notebook  # bench/voila.py

FLOOR = "floor_widgets"  # the least a page can be that a participant types into: three lines and a text box
FLOOR_WIDGETS = {"cells": [
    {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
     "source": ["import ipywidgets\n",
                "page = ipywidgets.VBox([ipywidgets.HTML(f'<p>Line {i}</p>') for i in range(3)] + [ipywidgets.Text()])\n",
                "page.add_class('floor-widgets-ready')\n", "page"]}]}

ROOT = Path(__file__).resolve().parents[1]
PAGES = {  # notebook -> selector that shows when the app is interactive
    "02_what_is_trafficking": ".kit-classifier .kit-pseudonym input",
    "05_assisting_victims": ".kit-planner .kit-pseudonym input",
    "03_local_mapping": ".kit-pseudonym input",
}
FLOOR_READY = ".floor-widgets-ready input"
CLASSIFIER = "02_what_is_trafficking"
MIX = ("02_what_is_trafficking", "05_assisting_victims", "03_local_mapping")
BARE = "bare_widgets"
TRAINER_KEY = "bench-trainer-key"
WEBSOCKET_PROTOCOL = "v1.kernel.websocket.jupyter.org"
CONTROL_PROTOCOL = "1.0.0"  # ipywidgets 8's control comm and widget protocol, as the page's manager sends them
WIDGET_PROTOCOL = "2.1.0"
GiB = 1024 ** 3
MiB = 1024 ** 2
BASELINE_SLACK = 16 * MiB
PATIENCE_S = 180  # a participant still without a working page after this long has given up  # "back to baseline": within this of the memory before the room


# ---------------------------------------------------------------- the server and its processes

@dataclass
class Server:
    """A `strom-kit serve` process and its address."""

    process: subprocess.Popen
    base: str
    label: str

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(folder: Path, label: str, *extra: str) -> Server:
    port = free_port()
    log = open(folder / f"{label}.log", "wb")  # noqa: SIM115 - kept open for the server's life
    env = dict(os.environ, STROM_KIT_DB=f"sqlite:///{folder / 'answers.sqlite'}")
    process = subprocess.Popen([str(Path(sys.executable).with_name("strom-kit")), "serve", "--port", str(port),
                                "--notebooks", str(folder / "notebooks"), "--trainer-key", TRAINER_KEY, *extra],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            urllib.request.urlopen(base + "/voila/static/voila.js", timeout=5)
            break
        except OSError:
            time.sleep(0.5)
    server = Server(process, base, label)
    deadline = time.monotonic() + 120
    while "fork" in label and not parent_ready(server) and time.monotonic() < deadline:
        time.sleep(0.5)
    return server


def children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def kernel_pids(server: Server) -> list[int]:
    """The server's kernels (forked ones are named strom-kernel; plain ones run ipykernel_launcher)."""
    return [pid for pid in children(server.pid)
            if comm(pid) == "strom-kernel" or "ipykernel_launcher" in cmdline(pid)]


def parent_ready(server: Server) -> bool:
    return any(comm(pid) == "strom-kparent" for pid in children(server.pid)) and bool(
        list(Path(tempfile.gettempdir()).glob("strom-kernel-parent-*/parent.sock")))


def memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of `pid` in bytes; zeros when it is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = {line.split(":")[0]: int(line.split()[1]) * 1024 for line in text.splitlines()[1:] if line.split()}
    return values.get("Rss", 0), values.get("Pss", 0)


def cpu_seconds(pid: int, with_reaped: bool = True) -> float:
    """CPU time of `pid` (user + system), with that of its reaped children."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    used = int(fields[11]) + int(fields[12]) + ((int(fields[13]) + int(fields[14])) if with_reaped else 0)
    return used / os.sysconf("SC_CLK_TCK")


def tree_cpu(server: Server) -> dict[str, float]:
    """CPU seconds so far: the server's own, its kernels' (running and reaped), the parent's, this client's."""
    own = cpu_seconds(server.pid, with_reaped=False)
    kernels = cpu_seconds(server.pid) - own + sum(cpu_seconds(pid) for pid in kernel_pids(server))
    parent = sum(cpu_seconds(pid) for pid in children(server.pid) if comm(pid) == "strom-kparent")
    return {"server": own, "kernels": kernels, "parent": parent, "client": cpu_seconds(os.getpid())}


def kernels_pss(server: Server) -> int:
    """PSS of every process below the server (the parent, the kernels): what pages hold."""
    return tree_pss(server) - memory(server.pid)[1]


def tree_pss(server: Server) -> int:
    """PSS of the server and every process below it (the parent, the kernels)."""
    total, stack = 0, [server.pid]
    while stack:
        pid = stack.pop()
        total += memory(pid)[1]
        stack.extend(children(pid))
    return total


# ---------------------------------------------------------------- one simulated participant

@dataclass
class Visit:
    """What happened to one simulated participant."""

    page: str
    started: float = 0.0
    html_after: float | None = None
    states_after: float | None = None  # widget state received: the server's part is done
    event_reply_s: float | None = None
    waited_s: float = 0.0  # time on the waiting page
    error: str | None = None
    kernel: str | None = None
    widgets: int = 0
    device_s: float = 0.0

    @property
    def interactive_after(self) -> float | None:
        return None if self.states_after is None else self.states_after + self.device_s


class Participant:
    """A browser reduced to its protocol: cookies, the page, static files, the kernel websocket."""

    def __init__(self, base: str, page: str, statics: list[str], device_s: float) -> None:
        from tornado.httpclient import AsyncHTTPClient

        self.base = base
        self.visit = Visit(page, device_s=device_s)
        self.statics = statics
        self.cookies: dict[str, str] = {}
        self.http = AsyncHTTPClient()
        self.socket = None
        self.session = uuid.uuid4().hex

    async def fetch(self, url: str, **kwargs):
        from tornado.httpclient import HTTPRequest

        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        response = await self.http.fetch(HTTPRequest(url, headers=headers, request_timeout=600, connect_timeout=600,
                                                     follow_redirects=True, **kwargs), raise_error=False)
        for header in response.headers.get_list("Set-Cookie"):
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    async def open(self) -> Visit:
        visit = self.visit
        visit.started = time.monotonic()
        try:
            html = await self._page()
            if html is None:
                return visit
            visit.html_after = time.monotonic() - visit.started
            match = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', html)
            if not match:
                visit.error = "no kernel id in the page"
                return visit
            visit.kernel = match.group(1)
            await self._statics()
            await self.fetch(f"{self.base}/api/kernels/{visit.kernel}?{int(time.time() * 1000)}")
            await self._connect()
            await self._request(self._message("kernel_info_request", {}), "kernel_info_reply")
            states = await self._widget_states()
            visit.states_after = time.monotonic() - visit.started
            visit.widgets = len(states)
            visit.event_reply_s = await self._event(states)
        except Exception as error:  # noqa: BLE001 - a participant's failure is reported, not raised
            visit.error = f"{type(error).__name__}: {error}"
        return visit

    async def _page(self) -> str | None:
        url = f"{self.base}/voila/render/{self.visit.page}.ipynb"
        waiting_since = None
        while True:
            response = await self.fetch(url)
            body = response.body.decode(errors="replace") if response.body else ""
            if response.code == 503 and "kit-waiting-seat" in body:
                refresh = re.search(r'http-equiv="refresh" content="(\d+);url=([^"]+)"', body)
                waiting_since = waiting_since or time.monotonic()
                await asyncio.sleep(int(refresh.group(1)))
                url = self.base + unescape(refresh.group(2))
                continue
            if waiting_since is not None:
                self.visit.waited_s = time.monotonic() - waiting_since
            if response.code != 200:
                self.visit.error = f"HTTP {response.code} for the page"
                return None
            return body

    async def _statics(self) -> None:
        """Fetch the page's static files over six kept-alive connections, as a browser does."""
        queue: asyncio.Queue[str] = asyncio.Queue()
        for path in self.statics:
            queue.put_nowait(path)
        host, port = self.base.removeprefix("http://").split(":")
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())

        async def connection() -> None:
            reader, writer = await asyncio.open_connection(host, int(port), limit=16 * MiB)
            try:
                while not queue.empty():
                    path = queue.get_nowait()
                    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {cookie}\r\n"
                                 "Accept-Encoding: identity\r\n\r\n".encode())
                    await writer.drain()
                    await _read_response(reader)
            finally:
                writer.close()

        await asyncio.gather(*(connection() for _ in range(min(6, len(self.statics)))))

    async def _connect(self) -> None:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        url = (f"{self.base.replace('http://', 'ws://')}/api/kernels/{self.visit.kernel}/channels"
               f"?session_id={self.session}")
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        self.socket = await websocket_connect(HTTPRequest(url, headers=headers, request_timeout=600,
                                                          connect_timeout=600), max_message_size=256 * MiB,
                                              subprotocols=[WEBSOCKET_PROTOCOL])
        if self.socket.selected_subprotocol != WEBSOCKET_PROTOCOL:
            raise ConnectionError("the server did not take the kernel websocket protocol the page's library asks for")

    def _message(self, kind: str, content: dict, metadata: dict | None = None) -> dict:
        return {"header": {"msg_id": uuid.uuid4().hex, "username": "bench", "session": self.session, "msg_type": kind,
                           "version": "5.3", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
                "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": "shell", "buffers": []}

    async def _send(self, message: dict) -> None:
        """One message in the v1 kernel websocket protocol (what the page's @jupyterlab/services sends)."""
        parts = [json.dumps(message[name]).encode() for name in ("header", "parent_header", "metadata", "content")]
        channel = message["channel"].encode()
        offsets = [8 * (1 + 1 + len(parts) + 1)]
        offsets.append(offsets[-1] + len(channel))
        for part in parts:
            offsets.append(offsets[-1] + len(part))
        frame = b"".join([len(offsets).to_bytes(8, "little"), *(o.to_bytes(8, "little") for o in offsets), channel, *parts])
        await self.socket.write_message(frame, binary=True)

    async def _receive(self) -> dict:
        """The next message: header and parent header decoded, the content only when it is asked for."""
        raw = await asyncio.wait_for(self.socket.read_message(), 600)
        if raw is None:
            raise ConnectionError("the kernel websocket closed")
        count = int.from_bytes(raw[:8], "little")
        offsets = [int.from_bytes(raw[8 * (i + 1): 8 * (i + 2)], "little") for i in range(count)]
        parts = [raw[offsets[i]: offsets[i + 1]] for i in range(1, count - 1)]
        header, parent = json.loads(parts[0]), json.loads(parts[1])
        return {"header": header, "parent_header": parent, "raw_content": parts[3]}

    async def _request(self, message: dict, reply: str | None, until=None) -> dict | None:
        """Send `message`; return the reply of type `reply` (or the first message `until` accepts),
        its content decoded, once the kernel is idle again for it."""
        await self._send(message)
        found, idle = None, False
        while found is None or not idle:
            received = await self._receive()
            if received["parent_header"].get("msg_id") != message["header"]["msg_id"]:
                continue
            kind = received["header"]["msg_type"]
            if kind == "status":
                idle = json.loads(received["raw_content"]).get("execution_state") == "idle"
                if idle and reply is None and until is None:
                    return None
            elif kind == reply or (until is not None and until(kind, received)):
                received["content"] = json.loads(received["raw_content"])
                found = received
        return found

    async def _widget_states(self) -> dict:
        """What the widget manager does first: open the control comm, request_states, close it."""
        comm_id = uuid.uuid4().hex
        await self._send(self._message(
            "comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
            {"version": CONTROL_PROTOCOL}))
        reply = await self._request(
            self._message("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}}), None,
            until=lambda kind, m: kind == "comm_msg" and b'"update_states"' in m["raw_content"])
        await self._send(self._message("comm_close", {"comm_id": comm_id, "data": {}}))
        return reply["content"]["data"]["states"]

    async def _event(self, states: dict) -> float:
        """Type a pseudonym (the first text box, the shell's) and wait until the kernel is done with it."""
        text = next((model for model, state in states.items() if state.get("model_name") == "TextModel"), None)
        if text is None:
            raise LookupError("no text box among the widgets")
        started = time.monotonic()
        await self._request(self._message("comm_msg", {"comm_id": text, "data": {
            "method": "update", "state": {"value": f"bench-{self.session[:8]}"}, "buffer_paths": []}},
            {"version": WIDGET_PROTOCOL}), None)
        return time.monotonic() - started

    async def leave(self) -> None:
        """Close the tab: the websocket goes, and the page posts its kernel's shutdown (the beacon)."""
        if self.socket is not None:
            self.socket.close()
        if self.visit.kernel:
            boundary = "----bench" + uuid.uuid4().hex
            body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"_xsrf\"\r\n\r\n"
                    f"{self.cookies.get('_xsrf', '')}\r\n--{boundary}--\r\n")
            await self._post_shutdown(body, boundary)

    async def _post_shutdown(self, body: str, boundary: str) -> None:
        from tornado.httpclient import HTTPRequest

        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "Content-Type": f"multipart/form-data; boundary={boundary}"}
        await self.http.fetch(HTTPRequest(f"{self.base}/voila/api/shutdown/{self.visit.kernel}", method="POST",
                                          body=body, headers=headers, request_timeout=120), raise_error=False)


async def _read_response(reader: asyncio.StreamReader) -> int:
    """Read one HTTP/1.1 response (length-delimited or chunked) and drop its body; its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def room(server: Server, pages: list[str], statics: dict[str, list[str]], device: dict[str, float],
               hold_s: float = 0.0, keep_open=None) -> list[Visit]:
    """Everyone opens their page at once; each stays `hold_s` after being interactive and leaves
    (if `keep_open` is given it is awaited, all pages open, before anyone leaves)."""
    from tornado.httpclient import AsyncHTTPClient

    AsyncHTTPClient.configure(None, max_clients=10_000)
    people = [Participant(server.base, page, statics[page], device.get(page, 0.0)) for page in pages]

    async def one(person: Participant) -> Visit:
        try:
            visit = await asyncio.wait_for(person.open(), PATIENCE_S)
        except TimeoutError:  # a page that never becomes interactive (its kernel died)
            visit = person.visit
            visit.error = visit.error or f"not interactive after {PATIENCE_S} s"
            visit.states_after = None
        if hold_s:
            await asyncio.sleep(hold_s)
            await person.leave()
        return visit

    visits = await asyncio.gather(*(one(person) for person in people))
    if keep_open is not None:
        await keep_open()
    if not hold_s:
        await asyncio.gather(*(person.leave() for person in people))
    return list(visits)


def simulate(coroutine):
    """Run a simulation on an event loop of its own (Playwright's sync API holds this thread's loop)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


# ---------------------------------------------------------------- real Chromium

def ready_selector(page: str) -> str:
    """What shows in `page` once a participant can use it."""
    return PAGES.get(page) or {FLOOR: FLOOR_READY}.get(page, ".bare-widgets-ready")


def chromium_statics(browser, server: Server, page: str) -> list[str]:
    """The same-origin files a real Chromium fetches for `page` (beyond the page and the kernel API)."""
    tab = browser.new_page()
    fetched: list[str] = []
    tab.on("requestfinished", lambda request: fetched.append(request.url))
    tab.goto(f"{server.base}/voila/render/{page}.ipynb", wait_until="domcontentloaded")
    tab.wait_for_selector(ready_selector(page), timeout=180_000)
    time.sleep(1.0)
    tab.close(run_before_unload=True)
    paths = []
    for url in fetched:
        path = url.removeprefix(server.base)
        if path.startswith("/") and "/voila/render/" not in path and not path.startswith("/api/"):
            paths.append(path)
    return list(dict.fromkeys(paths))


def chromium_room(browser, server: Server, page: str, count: int) -> list[float]:
    """Time to interactive (s) measured inside each of `count` Chromium pages opened at once."""
    return [interactive for interactive, _html in chromium_visits(browser, server, page, count)]


def chromium_visits(browser, server: Server, page: str, count: int) -> list[tuple[float, float]]:
    """(time to interactive, time the page's HTML had arrived) in s, measured inside each of `count`
    Chromium pages whose navigations all start at once (none waits for another's response)."""
    contexts = [browser.new_context() for _ in range(count)]
    tabs = [context.new_page() for context in contexts]
    for tab in tabs:
        tab.add_init_script(READY_PROBE % json.dumps(ready_selector(page)))
    for tab in tabs:
        tab.evaluate("url => { window.location.href = url; }", f"{server.base}/voila/render/{page}.ipynb")
    times = []
    for tab in tabs:
        tab.wait_for_function("window.__kitInteractiveAfter !== undefined", timeout=300_000)
        html = tab.evaluate("performance.getEntriesByType('navigation')[0].responseEnd")
        times.append((tab.evaluate("window.__kitInteractiveAfter") / 1000, html / 1000))
    for tab, context in zip(tabs, contexts):
        tab.close(run_before_unload=True)
        context.close()
    return times


def wait_for_baseline(server: Server, kernels: int, seconds: float = 120) -> float:
    start = time.monotonic()
    while len(kernel_pids(server)) > kernels and time.monotonic() - start < seconds:
        time.sleep(0.5)
    return time.monotonic() - start


# ---------------------------------------------------------------- reporting

def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(visits: list[Visit]) -> tuple[int, float, float]:
    times = [visit.interactive_after for visit in visits if visit.interactive_after is not None and not visit.error]
    return len(times), quantile(times, 0.5), quantile(times, 0.95)


def report_room(title: str, server: Server, visits: list[Visit], memory_rows: list[tuple[int, int]],
                room_pss: int, baseline_pss: int, back_s: float, back_pss: int, baseline_kernels: int,
                baseline_below: int, back_below: int) -> None:
    ok, p50, p95 = summary(visits)
    html = [v.html_after for v in visits if v.html_after is not None]
    replies = [v.event_reply_s for v in visits if v.event_reply_s is not None]
    print(f"\n{title} [{server.label}]: {ok}/{len(visits)} interactive, p50 {p50:.2f} s, p95 {p95:.2f} s, "
          f"max {max((v.interactive_after or 0) for v in visits):.2f} s; page HTML p50 {quantile(html, 0.5):.2f} s; "
          f"widget event reply p50 {quantile(replies, 0.5) * 1000:.0f} ms, p95 {quantile(replies, 0.95) * 1000:.0f} ms")
    errors = [v.error for v in visits if v.error]
    if errors:
        print(f"  errors: {errors[:5]}")
    print("  each participant's time to interactive (s): "
          + " ".join(f"{v.interactive_after:.1f}" if v.interactive_after else "-" for v in visits))
    if memory_rows:
        rss = [r / MiB for r, _ in memory_rows]
        pss = [p / MiB for _, p in memory_rows]
        print(f"  kernels: {len(memory_rows)}; per participant RSS p50 {quantile(rss, 0.5):.0f} MiB (max {max(rss):.0f}), "
              f"PSS p50 {quantile(pss, 0.5):.1f} MiB (max {max(pss):.1f}); kernels' PSS total {sum(pss):.0f} MiB")
        print("  per participant PSS (MiB): " + " ".join(f"{value:.0f}" for value in pss))
    added = room_pss - baseline_pss
    print(f"  memory of the server's tree with {len(visits)} pages open: {room_pss / MiB:.0f} MiB "
          f"(baseline {baseline_pss / MiB:.0f} MiB, +{added / MiB:.0f} MiB)  target <= 1.5 GiB "
          f"{'ok' if room_pss <= 1.5 * GiB else 'MISSED'}")
    back_kernels = len(kernel_pids(server))
    back = back_kernels <= baseline_kernels and back_s < 60 and back_below <= baseline_below + BASELINE_SLACK
    print(f"  after every page closed: {back_kernels} kernel(s) (baseline {baseline_kernels}) and the parent and "
          f"kernels' memory {back_below / MiB:.0f} MiB (baseline {baseline_below / MiB:.0f} MiB) after {back_s:.1f} s  "
          f"target <= 60 s {'ok' if back else 'MISSED'}; the server's own heap keeps "
          f"{(back_pss - back_below - (baseline_pss - baseline_below)) / MiB:+.0f} MiB")


async def measured_room(server: Server, pages: list[str], statics, device) -> tuple[list[Visit], list, int]:
    rows: list[tuple[int, int]] = []
    total = [0]

    async def measure() -> None:
        await asyncio.sleep(1.0)  # the pages' last messages settle
        rows.extend(memory(pid) for pid in kernel_pids(server))
        total[0] = tree_pss(server)

    visits = await room(server, pages, statics, device, keep_open=measure)
    return visits, rows, total[0]


def run_room(title: str, server: Server, pages: list[str], statics, device, warm_up: bool = False) -> list[Visit]:
    """One room, measured; with `warm_up`, an unmeasured room of the same pages first (the server's
    Python heap grows to what a room needs once, and keeps it: the baseline is taken after that)."""
    if warm_up:
        simulate(room(server, pages, statics, device))
        wait_for_baseline(server, 0, 120)
        time.sleep(2)
    baseline_kernels = len(kernel_pids(server))
    baseline_pss, baseline_below = tree_pss(server), kernels_pss(server)
    before = tree_cpu(server)
    visits, rows, room_pss = simulate(measured_room(server, pages, statics, device))
    after = tree_cpu(server)
    print(f"\n{title} [{server.label}]: CPU seconds used, " + ", ".join(
        f"{name} {after[name] - before[name]:.1f}" for name in before) + " (the client: every simulated device)")
    closed = time.monotonic()
    while time.monotonic() - closed < 60 and (len(kernel_pids(server)) > baseline_kernels
                                              or kernels_pss(server) > baseline_below + BASELINE_SLACK):
        time.sleep(0.5)
    report_room(title, server, visits, rows, room_pss, baseline_pss, time.monotonic() - closed, tree_pss(server),
                baseline_kernels, baseline_below, kernels_pss(server))
    return visits


def run_crowd(server: Server, count: int, seats: int, hold_s: float, statics, device) -> str:
    baseline_kernels = len(kernel_pids(server))
    visits = simulate(room(server, [CLASSIFIER] * count, statics, device, hold_s=hold_s))
    ok, p50, p95 = summary(visits)
    errors = [v for v in visits if v.error]
    waited = [v for v in visits if v.waited_s > 0]
    last_wait = max((v.waited_s for v in waited), default=0.0)
    last_in = max((v.interactive_after or 0) for v in visits)
    print(f"\ncrowd {count} at once, {seats} seats, each stays {hold_s:.0f} s [{server.label}]: {ok}/{count} interactive, "
          f"{len(errors)} error page(s); {len(waited)} waited for a seat, the last one {last_wait:.1f} s "
          f"(interactive after {last_in:.1f} s); p50 {p50:.2f} s, p95 {p95:.2f} s")
    if errors:
        print(f"  errors: {[v.error for v in errors[:5]]}")
    wait_for_baseline(server, baseline_kernels, 120)
    return (f"room {count}: {ok}/{count} interactive, {len(errors)} error pages, {len(waited)} waited for a seat, "
            f"the last one {last_wait:.1f} s")


# ---------------------------------------------------------------- a room the trainer leads

class LedParticipant(Participant):
    """A simulated participant who opens the classifier, opens the material behind the content note,
    then keeps reading its kernel's messages: the moment the case title's widget says the room's case."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.states: dict = {}
        self.title_model: str | None = None
        self.title = ""
        self.expected: str | None = None
        self.shown: asyncio.Future | None = None
        self.drawn: asyncio.Future | None = None  # the material is open: a case title has arrived
        self.reader: asyncio.Task | None = None

    async def _event(self, states: dict) -> float:
        self.states = states
        return await super()._event(states)

    def _model(self, css_class: str) -> str:
        found = [model for model, state in self.states.items() if css_class in (state.get("state", {}).get("_dom_classes") or ())]
        if len(found) != 1:
            raise LookupError(f"{len(found)} widgets with the class {css_class}")
        return found[0]

    async def reveal(self) -> None:
        """Tap the content note's button, then follow the page's messages."""
        self.title_model = self._model("kit-case-title")
        self.title = self.states[self.title_model].get("state", {}).get("value", "")
        self.drawn = asyncio.get_running_loop().create_future()
        self.reader = asyncio.ensure_future(self._follow())
        await self._send(self._message("comm_msg", {"comm_id": self._model("kit-note-ok"),
                                                    "data": {"method": "custom", "content": {"event": "click"}}},
                                       {"version": WIDGET_PROTOCOL}))

    def expect(self, title: str) -> asyncio.Future:
        self.expected = title
        self.shown = asyncio.get_running_loop().create_future()
        self._check()
        return self.shown

    async def _follow(self) -> None:
        while True:
            received = await self._receive()
            if received["header"]["msg_type"] != "comm_msg" or b'"value"' not in received["raw_content"]:
                continue
            content = json.loads(received["raw_content"])
            data = content.get("data") or {}
            if content.get("comm_id") == self.title_model and data.get("method") in ("update", "echo_update"):
                self.title = (data.get("state") or {}).get("value", self.title)
                self._check()

    def _check(self) -> None:
        if self.drawn is not None and not self.drawn.done() and self.title:
            self.drawn.set_result(time.monotonic())
        if self.shown is not None and not self.shown.done() and self.expected is not None and self.title == self.expected:
            self.shown.set_result(time.monotonic())


async def led_room(server: Server, count: int, db_url: str, titles: list[tuple[str, str]]) -> list[list[float]]:
    """`count` participants open the classifier and its material; then, for each (case id, title),
    the trainer's choice is stored as the dashboard's Start button stores it, and the time until each
    participant's page has the room's case (its kernel's message with the case title has arrived)."""
    from tornado.httpclient import AsyncHTTPClient

    from kit.store import RoomLead, open_store

    AsyncHTTPClient.configure(None, max_clients=10_000)
    people = [LedParticipant(server.base, CLASSIFIER, [], 0.0) for _ in range(count)]
    visits = await asyncio.wait_for(asyncio.gather(*(person.open() for person in people)), PATIENCE_S)
    failed = [visit.error for visit in visits if visit.error]
    if failed:
        raise RuntimeError(f"{len(failed)} page(s) did not open: {failed[:3]}")
    await asyncio.gather(*(person.reveal() for person in people))
    await asyncio.wait_for(asyncio.gather(*(person.drawn for person in people)), 180)
    await asyncio.sleep(3.0)  # every page has drawn its first case and polls the room
    store = open_store(db_url)
    lead = RoomLead(store)
    rounds = []
    try:
        for case_id, title in titles:
            waits = [person.expect(title) for person in people]
            chosen = time.monotonic()
            lead.choose("classifier", case_id)
            arrived = await asyncio.wait_for(asyncio.gather(*waits), 120)
            rounds.append([moment - chosen for moment in arrived])
            await asyncio.sleep(2.0)
        lead.stop()
    finally:
        store.close()
        for person in people:
            if person.reader is not None:
                person.reader.cancel()
            await person.leave()
    return rounds


def run_led_room(server: Server, count: int, db_url: str) -> str:
    """The room led by a trainer through three cases; one line per choice, and the summary line."""
    from kit.apps.case_picker import case_title
    from kit.apps.classifier import select_cases

    cases = select_cases("seed")[2:5]  # none is the case a page opens on
    rounds = simulate(led_room(server, count, db_url, [(case.id, case_title(case, "sv")) for case in cases]))
    lasts = []
    for number, times in enumerate(rounds, 1):
        lasts.append(max(times))
        print(f"  choice {number}: {len(times)}/{count} pages show the room's case; p50 {quantile(times, 0.5):.2f} s, "
              f"last {max(times):.2f} s after the trainer's choice")
    return (f"lead {count}: the last of {count} participants shows the trainer's case after "
            f"{statistics.median(lasts):.2f} s (median of {len(lasts)} choices; each: {', '.join(f'{v:.2f}' for v in lasts)} s)"
            f"  target <= 2 s {'ok' if max(lasts) <= 2 else 'MISSED'}")


# ---------------------------------------------------------------- main

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--room", type=int, default=30)
    parser.add_argument("--crowd", type=int, default=60)
    parser.add_argument("--seats", type=int, default=40)
    parser.add_argument("--hold", type=float, default=20.0, help="seconds each of the crowd stays")
    parser.add_argument("--runs", type=int, default=5, help="rounds of the single-page comparison")
    parser.add_argument("--lead-only", action="store_true",
                        help="only the trainer-led room: time from the trainer's choice to the last participant showing the case")
    parser.add_argument("--quick", type=float, default=None, metavar="DEVICE_S",
                        help="development only: no Chromium (this device time per page instead), no crowd, no plain Voila")
    options = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        print("chromium is not installed: run make test once (it installs Debian chromium)")
        return 2
    from playwright.sync_api import sync_playwright

    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{v:.1f}' for v in os.getloadavg())} "
          "(shared with other work: the figures below include it)")
    folder = Path(tempfile.mkdtemp(prefix="strom-room-"))
    (folder / "notebooks").mkdir()
    for name in PAGES:
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", folder / "notebooks" / f"{name}.ipynb")
    write_notebook(folder / "notebooks" / f"{BARE}.ipynb", BARE_WIDGETS)
    write_notebook(folder / "notebooks" / f"{FLOOR}.ipynb", FLOOR_WIDGETS)
    servers: list[Server] = []
    try:
        kit = start_server(folder, "fork", "--seats", str(options.seats))
        servers.append(kit)
        db_url = f"sqlite:///{folder / 'answers.sqlite'}"
        if options.lead_only:
            print(f"\nroom {options.room} led by a trainer [{kit.label}] (protocol level):")
            print(run_led_room(kit, options.room, db_url))
            return 0
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            statics = {page: chromium_statics(browser, kit, page) for page in (*PAGES, FLOOR)}
            if options.quick is not None:
                browser.close()
                wait_for_baseline(kit, 0, 60)
                device = dict.fromkeys(PAGES, options.quick)
                run_room(f"room {options.room}, classifier", kit, [CLASSIFIER] * options.room, statics, device,
                         warm_up=True)
                return 0
            # The device's own time per page: Chromium's time to interactive on the idle server, less what
            # the simulation measures for the server's part of the same page, on the same idle server.
            device: dict[str, float] = {}
            for page in (*PAGES, FLOOR):  # interleaved: Chromium, then the simulation, three times
                gaps = []
                for _ in range(3):
                    browser_s = chromium_room(browser, kit, page, 1)[0]
                    wait_for_baseline(kit, 0, 60)
                    server_s = simulate(room(kit, [page], statics, {}))[0].states_after
                    wait_for_baseline(kit, 0, 60)
                    gaps.append(browser_s - server_s)
                device[page] = max(0.0, statistics.median(gaps))
            print("device time per page (Chromium's own work on this machine, added to each simulated participant): "
                  + ", ".join(f"{page} {seconds:.2f} s" for page, seconds in device.items()))
            print("simulation against real Chromium (classifier, opened at once; time to interactive inside the page, "
                  "median of 3 rounds):")
            for count in (1, 3):
                real, simulated, real_html, simulated_html = [], [], [], []
                for _ in range(3):
                    visits = chromium_visits(browser, kit, CLASSIFIER, count)
                    real.append(statistics.median(interactive for interactive, _ in visits))
                    real_html.append(statistics.median(html for _, html in visits))
                    wait_for_baseline(kit, 0, 60)
                    simulated_visits = simulate(room(kit, [CLASSIFIER] * count, statics, device))
                    simulated.append(summary(simulated_visits)[1])
                    simulated_html.append(statistics.median(v.html_after for v in simulated_visits if v.html_after is not None))
                    wait_for_baseline(kit, 0, 60)
                gap = statistics.median(simulated) / statistics.median(real) - 1
                html_gap = statistics.median(simulated_html) / statistics.median(real_html) - 1
                print(f"  {count} participant(s): Chromium p50 {statistics.median(real):.2f} s, simulated p50 "
                      f"{statistics.median(simulated):.2f} s ({gap:+.0%})  target within 20 % {'ok' if abs(gap) <= 0.2 else 'MISSED'}; "
                      f"the page's HTML (the server's share, before any browser work): Chromium {statistics.median(real_html):.2f} s, "
                      f"simulated {statistics.median(simulated_html):.2f} s ({html_gap:+.0%})")
            # A single page against a page of three plain ipywidgets, same Voila, real Chromium.
            rounds: dict[str, list[float]] = {CLASSIFIER: [], BARE: []}
            for number in range(options.runs):
                for page in ((CLASSIFIER, BARE) if number % 2 == 0 else (BARE, CLASSIFIER)):
                    rounds[page].append(chromium_room(browser, kit, page, 1)[0])
            ours, floor = statistics.median(rounds[CLASSIFIER]), statistics.median(rounds[BARE])
            print(f"single page (Chromium, median of {options.runs}): classifier {ours:.2f} s, three plain ipywidgets "
                  f"{floor:.2f} s, {ours / floor:.2f}x  target <= 1.1x {'ok' if ours / floor <= 1.1 else 'MISSED'}")
            browser.close()
        wait_for_baseline(kit, 0, 60)

        kit_room = run_room(f"room {options.room}, classifier", kit, [CLASSIFIER] * options.room, statics, device,
                            warm_up=True)
        # The floor: the same room opening the least page a participant can type into, same serve, same run.
        floor_room = run_room(f"room {options.room}, three lines and a text box (the floor of any widget page)", kit,
                              [FLOOR] * options.room, statics, device, warm_up=True)
        mix = [MIX[number % len(MIX)] for number in range(options.room)]
        run_room(f"room {options.room}, mix of classifier, planner and mapping", kit, mix, statics, device)
        print(f"\nroom {options.room} led by a trainer [{kit.label}] (protocol level):")
        lead_line = run_led_room(kit, options.room, db_url)
        print(lead_line)
        crowd_line = run_crowd(kit, options.crowd, options.seats, options.hold, statics, device)
        kit.stop()
        servers.remove(kit)

        plain = start_server(folder, "plain Voila kernels", "--kernels", "plain", "--seats", "0")
        servers.append(plain)
        plain_room = run_room(f"room {options.room}, classifier", plain, [CLASSIFIER] * options.room, statics, device)
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    ok, p50, p95 = summary(kit_room)
    _, plain_p50, plain_p95 = summary(plain_room)
    _, floor_p50, floor_p95 = summary(floor_room)
    print()
    print(lead_line)
    print(crowd_line)
    print(f"room {options.room} floor (a page of three lines and a text box, same serve): p50 {floor_p50:.1f} s, "
          f"p95 {floor_p95:.1f} s; the classifier is {p50 / floor_p50:.2f}x at p50, {p95 / floor_p95:.2f}x at p95")
    print(f"room {options.room}: {ok}/{options.room} interactive, p50 {p50:.1f} s, p95 {p95:.1f} s; "
          f"plain Voila p50 {plain_p50:.1f} s, p95 {plain_p95:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
