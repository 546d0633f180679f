"""Participants' kernels forked from a preloaded parent: fresh and isolated, adopted by the server,
started the usual way while the parent is down, and the parent restarted."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time

import pytest
from jupyter_client.manager import AsyncKernelManager

from kit.apps.kernels import ForkProvisioner, KernelParent, supervisor
from kit.apps.kernels.provisioner import ForkedKernelProcess, ipykernel_arguments
from support.event_loop import run_apart

pytestmark = pytest.mark.slow


def test_only_this_interpreters_ipykernel_is_forked():
    launch = [sys.executable, "-m", "ipykernel_launcher", "-f", "/tmp/k.json"]
    assert ipykernel_arguments(launch) == ["-f", "/tmp/k.json"]
    assert ipykernel_arguments(["/usr/bin/python3.9", *launch[1:]]) is None
    assert ipykernel_arguments([sys.executable, "-m", "other_kernel", "-f", "/tmp/k.json"]) is None
    assert ipykernel_arguments(["R", "--slave", "-e", "IRkernel::main()", "--args", "/tmp/k.json"]) is None


@pytest.fixture
def parent(tmp_path, monkeypatch):
    """A kernel parent of this test process (which becomes a subreaper, as the server does)."""
    kernel_parent = KernelParent(folder=tmp_path / "parent")
    (tmp_path / "parent").mkdir()
    monkeypatch.setattr(supervisor, "_current", kernel_parent)
    kernel_parent.start()
    deadline = time.monotonic() + 120
    while not kernel_parent.ready and time.monotonic() < deadline:
        time.sleep(0.1)
    assert kernel_parent.ready, "the kernel parent did not start within 120 s"
    yield kernel_parent
    kernel_parent.stop()


async def _start(tmp_path, query: str, transport: str = "tcp") -> tuple[AsyncKernelManager, object]:
    manager = AsyncKernelManager(kernel_name="python3", connection_file=str(tmp_path / f"kernel-{query}.json"),
                                 transport=transport)
    manager.provisioner = ForkProvisioner(kernel_id=query, kernel_spec=manager.kernel_spec, parent=manager)
    await manager.start_kernel(env=dict(os.environ, QUERY_STRING=query), cwd=str(tmp_path))
    client = manager.client()
    client.start_channels()
    await client.wait_for_ready(timeout=60)
    return manager, client


async def _run(client, code: str) -> str:
    printed: list[str] = []

    def keep(message):
        if message["header"]["msg_type"] == "stream":
            printed.append(message["content"]["text"])
        if message["header"]["msg_type"] == "error":
            printed.append(f"{message['content']['ename']}: {message['content']['evalue']}")

    await client.execute_interactive(code, output_hook=keep, timeout=60)
    return "".join(printed).strip()


def test_every_participant_gets_a_fresh_kernel_of_their_own(parent, tmp_path):
    async def scenario():
        first, first_client = await _start(tmp_path, "participant=owl")
        second, second_client = await _start(tmp_path, "participant=fox")
        try:
            assert first.provisioner.forked and second.provisioner.forked
            assert isinstance(first.provisioner.process, ForkedKernelProcess)
            # a variable, a patched module and a changed folder in one kernel are not in the other
            await _run(first_client, "import kit.content, os\nstrom_secret = 42\nkit.content.patched = True\nos.chdir('/')")
            seen = await _run(second_client, "import kit.content, os\n"
                                             "print('strom_secret' in globals(), hasattr(kit.content, 'patched'), os.getcwd())")
            assert seen == f"False False {tmp_path}"
            # each is a process of its own, adopted by this process (the server), leading its own group,
            # with the page's own environment and the kit already imported (not imported anew)
            facts = await _run(first_client, "import os, sys\nprint(os.getppid(), os.getpgid(0) == os.getpid(), "
                                             "os.environ['QUERY_STRING'], 'pandas' in sys.modules, "
                                             "'kit.apps.classifier' in sys.modules)")
            assert facts == f"{os.getpid()} True participant=owl True True"
            # what ipywidgets registers at import in a running IPython is registered in a forked kernel too
            # (the control comm sends a page every widget's state at once); no input history is written
            hooks = await _run(first_client, "from comm import get_comm_manager\n"
                                             "print(sorted(t for t in get_comm_manager().targets if t.startswith('jupyter.widget')), "
                                             "get_ipython().history_manager.enabled)")
            assert hooks == "['jupyter.widget', 'jupyter.widget.control'] False"
            assert first.provisioner.pid != second.provisioner.pid != parent.pid
            pids = await _run(first_client, "import numpy\nprint(numpy.random.randint(1 << 30))"), \
                await _run(second_client, "import numpy\nprint(numpy.random.randint(1 << 30))")
            assert pids[0] != pids[1]  # random state is not shared with the parent or each other
            # an interrupt reaches the kernel (its own process group), not the parent
            running = asyncio.ensure_future(_run(first_client, "import time\ntime.sleep(30)"))
            await asyncio.sleep(1.5)
            await first.interrupt_kernel()
            assert "KeyboardInterrupt" in await asyncio.wait_for(running, 20)
            assert parent.ready
        finally:
            for manager, client in ((first, first_client), (second, second_client)):
                client.stop_channels()
                await manager.shutdown_kernel(now=True)
        assert not await first.is_alive() and not await second.is_alive()
        for pid in (first.provisioner.pid if first.provisioner else None, second.provisioner.pid if second.provisioner else None):
            if pid:
                with pytest.raises(ProcessLookupError):
                    os.kill(pid, 0)  # reaped, not left as a zombie

    run_apart(scenario())


def test_a_dead_parent_means_a_usual_start_then_a_new_parent(parent, tmp_path):
    async def scenario():
        old = parent.pid
        os.kill(old, signal.SIGKILL)
        parent.process.wait()
        manager, client = await _start(tmp_path, "during")  # while it is down: the usual start, unnoticed
        try:
            assert not manager.provisioner.forked
            assert await _run(client, "print(6 * 7)") == "42"
        finally:
            client.stop_channels()
            await manager.shutdown_kernel(now=True)
        deadline = time.monotonic() + 120
        while not (parent.ready and parent.pid != old) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        assert parent.ready and parent.pid != old and parent.restarts == 1
        manager, client = await _start(tmp_path, "after")
        try:
            assert manager.provisioner.forked
            assert await _run(client, "print(6 * 7)") == "42"
        finally:
            client.stop_channels()
            await manager.shutdown_kernel(now=True)

    run_apart(scenario())


def test_kernels_outlive_their_parent(parent, tmp_path):
    async def scenario():
        manager, client = await _start(tmp_path, "outlive")
        try:
            parent.stop()
            assert await _run(client, "print('still here')") == "still here"
        finally:
            client.stop_channels()
            await manager.shutdown_kernel(now=True)

    run_apart(scenario())


def test_a_burst_of_output_read_late_loses_nothing(parent, tmp_path):
    """A page's kernel sends hundreds of widget messages at once (the classifier's material) while a
    busy server reads them late; over Unix sockets, as `strom-kit serve` connects its kernels, every
    message arrives (ZeroMQ's default limit of 1000 queued messages dropped the rest)."""
    burst = 5000

    async def scenario():
        manager, client = await _start(tmp_path, "burst", transport="ipc")
        try:
            assert manager.provisioner.forked
            reply = await client.execute(f"from IPython.display import display\nfor n in range({burst}): display(n)",
                                         reply=True, timeout=120)
            assert reply["content"]["status"] == "ok"  # the kernel is done; only now is its output read
            shown = []
            while True:
                message = await client.get_iopub_msg(timeout=10)
                if message["msg_type"] == "display_data":
                    shown.append(int(message["content"]["data"]["text/plain"]))
                if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle" \
                        and message["parent_header"].get("msg_id") == reply["parent_header"]["msg_id"]:
                    break
            assert shown == list(range(burst))
        finally:
            client.stop_channels()
            await manager.shutdown_kernel(now=True)

    run_apart(scenario())


def test_the_parent_refuses_a_malformed_request(parent):
    import json
    import socket

    for request in (b"not json\n", json.dumps({"args": ["-f"], "env": {"A": 1}, "cwd": "/"}).encode() + b"\n",
                    json.dumps({"args": ["x"], "env": {}, "cwd": "/"}).encode() + b"\n",
                    json.dumps({"args": ["-f", "k.json"], "env": {}, "cwd": "relative"}).encode() + b"\n"):
        with socket.socket(socket.AF_UNIX) as connection:
            connection.connect(str(parent.socket))
            connection.sendall(request)
            reply = json.loads(connection.makefile().readline())
        assert "error" in reply and "pid" not in reply
    assert parent.ready
