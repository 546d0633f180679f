"""Stopping a hub: every account's server through the hub's API, then the hub, then the proxy.

`strom-kit hub stop`. The hub and the proxy leave users' servers running when they stop (a
restart must not cut pages off), so stopping for good asks the hub to stop each server first.
The kit's own API token (a hub service `strom-kit`, kept in the state folder) does that.
JupyterHub stops its own services (the idle culler, the courses' formgraders) as it exits; a hub
that has to be killed cannot, so any process of this hub's services still running afterwards is
stopped too (found by the hub API address JupyterHub gives each service).
"""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from kit.hub.proxy import stop_proxy
from kit.hub.settings import HOST, HubSettings

ADMIN_SERVICE = "strom-kit"
ADMIN_SCOPES = ["list:users", "read:users", "admin:users", "admin:servers", "admin:server_state"]


def admin_service(settings: HubSettings) -> tuple[dict[str, Any], dict[str, Any]]:
    """The hub service whose token `strom-kit hub stop`, the tests and the bench use, and its role."""
    return ({"name": ADMIN_SERVICE, "api_token": settings.secret("admin-token").decode()},
            {"name": f"{ADMIN_SERVICE}-admin", "services": [ADMIN_SERVICE], "scopes": ADMIN_SCOPES})


def api(settings: HubSettings, method: str, path: str, timeout: float = 30) -> Any:
    """Call the hub's REST API (`path` below /hub/api) with the kit's token; the decoded answer."""
    request = urllib.request.Request(api_url(settings) + path, method=method,
                                     headers={"Authorization": f"token {settings.secret('admin-token').decode()}"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = response.read()
    return json.loads(body) if body else None


def running_servers(settings: HubSettings) -> list[str]:
    """Accounts whose default server runs (or is starting)."""
    return [user["name"] for user in api(settings, "GET", "/users?state=active") if user.get("servers")]


def stop_hub(settings: HubSettings, keep_servers: bool = False, timeout: float = 120) -> list[str]:
    """Stop every server (unless `keep_servers`), the hub and the proxy; the accounts whose servers stopped."""
    stopped: list[str] = []
    if not keep_servers:
        try:
            stopped = running_servers(settings)
            for name in stopped:
                api(settings, "DELETE", f"/users/{name}/server")
            deadline = time.monotonic() + timeout
            while running_servers(settings) and time.monotonic() < deadline:
                time.sleep(0.5)
        except (urllib.error.URLError, OSError):  # the hub is down: stop the servers its database records
            stopped = _stop_recorded_servers(settings)
    _stop_pid(settings.state / "jupyterhub.pid")
    stop_services(api_url(settings))
    stop_proxy(settings)
    return stopped


def api_url(settings: HubSettings) -> str:
    """The hub's API address, as JupyterHub gives it to its services (JUPYTERHUB_API_URL)."""
    return f"http://{HOST}:{settings.hub_port}/hub/api"


def stop_services(hub_api_url: str, proc: Path = Path("/proc"), timeout: float = 10) -> list[int]:
    """Stop the processes of the hub's services left running (a hub killed before its cleanup leaves
    them); the process ids stopped. A service is known by JUPYTERHUB_SERVICE_NAME and the hub's
    JUPYTERHUB_API_URL in its environment; no other process is touched."""
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            items = (entry / "environ").read_bytes().split(b"\0")
        except OSError:  # gone meanwhile, or not ours to read
            continue
        environment = dict(item.split(b"=", 1) for item in items if b"=" in item)
        if environment.get(b"JUPYTERHUB_SERVICE_NAME") and \
                environment.get(b"JUPYTERHUB_API_URL", b"").rstrip(b"/") == hub_api_url.rstrip("/").encode():
            found.append(int(entry.name))
    for pid in found:
        _stop_process(pid, timeout)
    return found


def _stop_recorded_servers(settings: HubSettings) -> list[str]:
    """Stop the servers whose process ids the hub's database keeps (LocalProcessSpawner's state)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    engine = create_engine(settings.hub_db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT users.name, spawners.state FROM spawners "
                                           "JOIN users ON users.id = spawners.user_id")).all()
    except SQLAlchemyError:
        return []
    finally:
        engine.dispose()
    stopped = []
    for name, state in rows:
        pid = (json.loads(state) if isinstance(state, str) else state or {}).get("pid")
        if pid:
            try:
                os.kill(int(pid), signal.SIGTERM)
                stopped.append(name)
            except ProcessLookupError:
                pass
    return stopped


def _stop_pid(path: Any, timeout: float = 30) -> None:
    try:
        pid = int(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return
    _stop_process(pid, timeout)


def _stop_process(pid: int, timeout: float) -> None:
    """SIGTERM, then SIGKILL if `pid` has not exited within `timeout` seconds."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
