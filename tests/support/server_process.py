"""`strom-kit serve` as a test fixture's process: started on a free port, stopped afterwards."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The trainer key the test servers run with: tests that open the dashboard add `&key=` to its address.
TRAINER_KEY = "test-trainer-key"


def served(folder: Path, *extra: str, ready=None):
    """Run `strom-kit serve` (with `extra` options) until the generator is closed; yields the base URL
    once the server answers and `ready(base)` (if given) is true."""
    import os
    import subprocess
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    script = Path(sys.executable).with_name("strom-kit")
    log = folder / "voila.log"
    env = dict(os.environ, PATH=f"{script.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    # the known test key, unless the test sets the trainer's key through the environment itself
    key = [] if os.environ.get("STROM_KIT_TRAINER_KEY") else ["--trainer-key", TRAINER_KEY]
    with open(log, "wb") as sink:
        process = subprocess.Popen([str(script), "serve", "--port", str(port), "--db", f"sqlite:///{folder / 'answers.sqlite'}",
                                    *key, *extra], cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"strom-kit serve exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/", timeout=5):
                if ready is None or ready(base):
                    break
        except OSError:
            pass
        time.sleep(0.5)
    else:
        process.kill()
        pytest.fail(f"strom-kit serve was not ready within 180 s:\n{log.read_text(errors='replace')}")
    yield base
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
