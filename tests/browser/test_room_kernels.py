"""Kernels of a room in real Chromium: forked per page with a state of their own, freed when the page
closes, started the usual way while the parent is down, and the plain start still available."""

from __future__ import annotations

import glob
import os
import signal
import time
import urllib.error
import urllib.request

import psutil
import pytest

from support.server_process import served

pytestmark = pytest.mark.slow
CLASSIFIER = "/voila/render/02_what_is_trafficking.ipynb"
READY = ".kit-classifier .kit-pseudonym input"


def server_of(base: str) -> psutil.Process:
    """The Voila process serving `base`."""
    port = base.rsplit(":", 1)[1]
    return next(process for process in psutil.process_iter(["cmdline"])
                if f"--port={port}" in (process.info["cmdline"] or []) and "voila" in " ".join(process.info["cmdline"]))


def kernels(server: psutil.Process) -> dict[int, str]:
    """The server's kernel processes: pid -> how it started ('forked' or 'plain')."""
    found = {}
    for child in server.children():
        try:
            if child.name() == "strom-kernel":
                found[child.pid] = "forked"
            elif "ipykernel_launcher" in child.cmdline():
                found[child.pid] = "plain"
        except psutil.NoSuchProcess:
            continue
    return found


def kernel_parent(server: psutil.Process) -> psutil.Process | None:
    return next((child for child in server.children() if child.name() == "strom-kparent"), None)


def kernel_id(page) -> str:
    return page.evaluate("JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")


def kernel_exists(base: str, kernel: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/api/kernels/{kernel}", timeout=10):
            return True
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise


def run_in(kernel: str, code: str) -> str:
    """Run `code` in a page's kernel through its connection file (a page itself may only send widget
    messages) and return what it printed."""
    from jupyter_client import BlockingKernelClient

    files = glob.glob(f"/tmp/voila_*/kernel-{kernel}.json")
    assert files, f"no connection file for kernel {kernel}"
    client = BlockingKernelClient()
    client.load_connection_file(files[0])
    client.start_channels()
    printed: list[str] = []
    try:
        client.wait_for_ready(timeout=60)
        client.execute_interactive(code, timeout=60, output_hook=lambda message: printed.append(
            message["content"].get("text", "")) if message["header"]["msg_type"] == "stream" else None)
    finally:
        client.stop_channels()
    return "".join(printed).strip()


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    yield from served(tmp_path_factory.mktemp("room"))


def test_each_page_gets_a_forked_kernel_with_a_state_of_its_own(recording, room):
    server = server_of(room)
    first = recording().open(room + CLASSIFIER + "?participant=owl-7&lang=en", READY)
    second = recording().open(room + CLASSIFIER, READY)
    assert first.input_value(READY) == "owl-7"  # ?participant= and ?lang= reach the forked kernel
    assert "Classify the case" in first.inner_text(".kit-classifier")
    assert "Klassificera fallet" in second.inner_text(".kit-classifier")
    one, other = kernel_id(first), kernel_id(second)
    assert one != other
    assert run_in(one, "strom_secret = 42\nimport kit.content\nkit.content.patched = True\nprint(strom_secret)") == "42"
    assert run_in(other, "import kit.content, os, sys\nprint('strom_secret' in globals(), hasattr(kit.content, 'patched'), "
                         "os.getppid(), 'pandas' in sys.modules)") == f"False False {server.pid} True"
    pids = {run_in(kernel, "import os\nprint(os.getpid())") for kernel in (one, other)}
    assert len(pids) == 2 and all(kernels(server).get(int(pid)) == "forked" for pid in pids)


def test_a_closed_page_frees_its_kernel_within_30_seconds(browser, recording, room):
    left = recording()
    page = left.open(room + CLASSIFIER, READY)
    kernel = kernel_id(page)
    assert kernel_exists(room, kernel)
    # leaving for another page: the page's own shutdown post now passes (it was refused for a missing _xsrf)
    started = time.monotonic()
    page.goto(room + "/voila/render/00_start.ipynb", wait_until="domcontentloaded")
    page.wait_for_selector(".kit-start-page h1", timeout=90_000)
    while kernel_exists(room, kernel) and time.monotonic() - started < 30:
        time.sleep(0.5)
    assert not kernel_exists(room, kernel), "the kernel of a page left for another one still runs after 30 s"
    # closing the tab: shut down by its own post, or when it has had no websocket for the grace period
    context = browser.new_context()
    page = context.new_page()
    page.goto(room + CLASSIFIER, wait_until="domcontentloaded")
    page.wait_for_selector(READY, timeout=90_000)
    kernel = kernel_id(page)
    page.close(run_before_unload=True)
    context.close()
    started = time.monotonic()
    while kernel_exists(room, kernel) and time.monotonic() - started < 30:
        time.sleep(0.5)
    assert not kernel_exists(room, kernel), "the kernel of a closed page still runs after 30 s"


def test_when_the_parent_dies_a_page_still_works_and_the_parent_comes_back(recording, room):
    server = server_of(room)
    parent = kernel_parent(server)
    assert parent is not None
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait(timeout=10)
    page = recording().open(room + CLASSIFIER + "?participant=fox-3", READY)
    assert page.input_value(READY) == "fox-3"
    assert page.locator(".kit-problem, .jp-OutputArea-output pre").count() == 0  # nothing said about it
    pid = int(run_in(kernel_id(page), "import os\nprint(os.getpid())"))
    assert kernels(server)[pid] == "plain"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        back = kernel_parent(server)
        if back is not None and back.pid != parent.pid and glob.glob("/tmp/strom-kernel-parent-*/parent.sock"):
            break
        time.sleep(0.5)
    time.sleep(3)  # preloading
    page = recording().open(room + CLASSIFIER, READY)
    pid = int(run_in(kernel_id(page), "import os\nprint(os.getpid())"))
    assert kernels(server)[pid] == "forked"


def test_plain_kernels_are_still_available(recording, tmp_path):
    server = served(tmp_path, "--kernels", "plain")
    base = next(server)
    try:
        process = server_of(base)
        page = recording().open(base + CLASSIFIER + "?participant=owl-7", READY)
        assert page.input_value(READY) == "owl-7"
        pid = int(run_in(kernel_id(page), "import os\nprint(os.getpid())"))
        assert kernels(process)[pid] == "plain" and kernel_parent(process) is None
    finally:
        next(server, None)
