"""Fixtures shared by every test layer."""

from __future__ import annotations

import shutil
import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/support


@pytest.fixture(scope="session")
def kb():
    """The kit's own knowledge base, loaded once."""
    from kit.content import load

    return load()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A temporary copy of the content folder that a test may break."""
    from kit.content.loader import DATA_DIR

    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def kit_server(tmp_path_factory):
    """`strom-kit serve` on a free port, as a trainer would start it; yields the base URL."""
    import os
    import subprocess
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    script = Path(sys.executable).with_name("strom-kit")
    folder = tmp_path_factory.mktemp("serve")
    log = folder / "voila.log"
    env = dict(os.environ, PATH=f"{script.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    with open(log, "wb") as sink:
        process = subprocess.Popen([str(script), "serve", "--port", str(port), "--db", f"sqlite:///{folder / 'answers.sqlite'}"], cwd=ROOT, env=env,
                                   stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"strom-kit serve exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/", timeout=5):
                break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail(f"strom-kit serve did not answer within 90 s:\n{log.read_text(errors='replace')}")
    yield base
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
