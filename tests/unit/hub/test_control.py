"""Stopping a hub: the processes of its services that outlive a killed hub are stopped, and no other."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from kit.hub.control import stop_services

HUB = "http://127.0.0.1:18081/hub/api"


def service(api_url: str, name: str | None = "idle-culler") -> subprocess.Popen:
    """A process with a service's environment (as JupyterHub starts its services), reaped when it ends."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("JUPYTERHUB_")}
    env["JUPYTERHUB_API_URL"] = api_url
    if name is not None:
        env["JUPYTERHUB_SERVICE_NAME"] = name
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], env=env)
    threading.Thread(target=process.wait, daemon=True).start()  # reaped at once, as init reaps an orphan
    return process


def test_the_hubs_left_services_stop_and_nothing_else_does():
    culler, formgrader = service(HUB), service(HUB + "/", "formgrader-strom")
    other_hub, not_a_service = service("http://127.0.0.1:28081/hub/api"), service(HUB, name=None)
    time.sleep(0.3)
    try:
        stopped = stop_services(HUB, timeout=5)
        assert sorted(stopped) == sorted([culler.pid, formgrader.pid])
        for process in (culler, formgrader):
            process.wait(timeout=5)
        assert other_hub.poll() is None and not_a_service.poll() is None
    finally:
        for process in (culler, formgrader, other_hub, not_a_service):
            process.kill()


def test_with_no_service_left_nothing_is_stopped():
    assert stop_services("http://127.0.0.1:1/hub/api") == []
