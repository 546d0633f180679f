"""The hub's proxy (configurable-http-proxy): started on its own, so it outlives a restart of the hub.

JupyterHub would stop a proxy it finds running and start a new one, cutting every open page's
connection. Run apart (as Zero to JupyterHub runs it in its own pod), the proxy keeps serving the
users' servers while the hub restarts, and the hub takes up its routes again when it is back.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time

from kit.hub.settings import HOST, HubSettings

START_SECONDS = 30


def proxy_running(settings: HubSettings) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((HOST, settings.proxy_api_port)) == 0


def start_proxy(settings: HubSettings) -> int | None:
    """Start the proxy unless it runs; returns its process id (None when it was running already)."""
    if proxy_running(settings):
        return None
    hub = f"http://{HOST}:{settings.hub_port}"
    command = [settings.proxy, "--ip", HOST, "--port", str(settings.port), "--api-ip", HOST,
               "--api-port", str(settings.proxy_api_port), "--default-target", hub, "--error-target", f"{hub}/hub/error",
               "--log-level", "warn"]
    env = dict(os.environ, CONFIGPROXY_AUTH_TOKEN=settings.secret("proxy-token").decode())
    with open(settings.state / "proxy.log", "ab") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True, cwd=settings.state)
    (settings.state / "proxy.pid").write_text(str(process.pid))
    deadline = time.monotonic() + START_SECONDS
    while not proxy_running(settings):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"configurable-http-proxy did not start; see {settings.state / 'proxy.log'}")
        time.sleep(0.2)
    return process.pid


def stop_proxy(settings: HubSettings) -> bool:
    """Stop the proxy recorded in the state folder; True when one was stopped."""
    path = settings.state / "proxy.pid"
    try:
        pid = int(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return False
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    finally:
        path.unlink(missing_ok=True)
    return True
