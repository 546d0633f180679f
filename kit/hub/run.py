"""`strom-kit hub`: check PostgreSQL and the proxy, save the settings, replace this process with JupyterHub."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path

from kit.hub.database import HubDatabaseError, check_reachable, describe, hub_database_url, prepare
from kit.hub.postgres import LocalCluster, PostgresError
from kit.hub.proxy import start_proxy
from kit.hub.settings import (
    HOST,
    LOCAL_PG_PORT,
    STATE_ENV,
    HubSettings,
    HubSettingsError,
    config_file,
    find_proxy,
    load_settings,
)


class HubError(RuntimeError):
    """What keeps the hub from starting, in one line."""


def init_database(state: Path, db_url: str | None, pg_port: int = LOCAL_PG_PORT) -> str:
    """Prepare the hub's databases; without `db_url`, make and start the kit's own PostgreSQL
    cluster in `<state>/postgres` first. Returns the store's administrator URL."""
    try:
        if not db_url:
            cluster = LocalCluster(state / "postgres", pg_port)
            cluster.init()
            cluster.start()
            db_url = cluster.admin_url("strom")
        prepare(db_url)
    except (PostgresError, HubDatabaseError) as exc:
        raise HubError(str(exc)) from None
    return db_url


def hub_settings(state: Path, *, port: int, db_url: str | None, init_db: bool, notebooks: Path, lang: str,
                 pg_port: int = LOCAL_PG_PORT, lti: dict[str, str] | None = None) -> HubSettings:
    """The settings the hub will run with, checked: PostgreSQL reachable, proxy installed, ports free."""
    state.mkdir(parents=True, exist_ok=True)
    try:
        previous = load_settings(state)
    except HubSettingsError:
        previous = None
    if init_db:
        db_url = init_database(state, db_url, pg_port)
    db_url = db_url or (previous.store_url if previous else None)
    if not db_url:
        raise HubError("no database for the hub: give --db postgresql://… (or $STROM_KIT_DB), "
                       "or run `strom-kit hub --init-db` to make a local PostgreSQL")
    try:
        check_reachable(db_url)
    except HubDatabaseError as exc:
        raise HubError(f"{exc} (start PostgreSQL, or run `strom-kit hub --init-db`)") from None
    if not notebooks.is_dir():
        raise HubError(f"notebook folder not found: {notebooks}")
    try:
        proxy = find_proxy()
    except HubSettingsError as exc:
        raise HubError(str(exc)) from None
    settings = HubSettings(state=state, store_url=db_url, hub_db_url=hub_database_url(db_url), notebooks=notebooks,
                           proxy=proxy, port=port, lang=lang,
                           lti=lti if lti is not None else (previous.lti if previous else {}))
    _check_port(settings.hub_port)
    if not _in_use(settings.proxy_api_port):  # a proxy that outlived the hub keeps the public port: reuse it
        _check_port(settings.port)
    return settings


def run_hub(settings: HubSettings, say: Callable[[str], None] = print) -> None:
    """Save `settings` and replace this process with JupyterHub (as root: users' servers run as
    their own system users)."""
    if os.geteuid() != 0:
        raise HubError("the hub runs each account's server as its own system user: start it as root")
    try:
        import jupyterhub  # noqa: F401 - only to say what is missing in one line
    except ImportError:
        raise HubError("JupyterHub is not installed: run `make hub` (pip install -e '.[hub]')") from None
    try:
        config = config_file()
    except HubSettingsError as exc:
        raise HubError(str(exc)) from None
    settings.save()
    try:
        start_proxy(settings)
    except RuntimeError as exc:
        raise HubError(str(exc)) from None
    say(f"STROM hub: http://{HOST}:{settings.port}/  (Ctrl-C stops; answers in {describe(settings.store_url)})")
    say(f"State: {settings.state}  (accounts: strom-kit hub room NAME --accounts N)")
    sys.stdout.flush()
    env = dict(os.environ, **{STATE_ENV: str(settings.state)})
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    command = [sys.executable, "-m", "jupyterhub", "-f", str(config)]
    os.chdir(settings.state)
    os.execve(command[0], command, env)


def _in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) == 0


def _check_port(port: int) -> None:
    if not 1024 <= port <= 65000:
        raise HubError(f"port {port} is outside 1024-65000")
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers bind: a just-stopped hub's port is free
        try:
            probe.bind((HOST, port))
        except OSError:
            raise HubError(f"port {port} on {HOST} is in use: choose another with --port") from None
