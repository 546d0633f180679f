"""Stopping a hub: every account's server through the hub's API, then the hub, then the proxy.

`strom-kit hub stop`. The hub and the proxy leave users' servers running when they stop (a
restart must not cut pages off), so stopping for good asks the hub to stop each server first.
The kit's own API token (a hub service `strom-kit`, kept in the state folder) does that.
"""

from __future__ import annotations

import json
import os
import signal
import time
import urllib.error
import urllib.request
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
    request = urllib.request.Request(f"http://{HOST}:{settings.hub_port}/hub/api{path}", method=method,
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
    stop_proxy(settings)
    return stopped


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
        os.kill(pid, signal.SIGTERM)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)
