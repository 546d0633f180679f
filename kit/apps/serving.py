"""How the kit serves its notebooks: Voila on 127.0.0.1 (or the local network), offline template, forked
kernels, seats, the room's short link."""

from __future__ import annotations

import errno
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import kit.store
from kit.apps.kernels import PROVISIONER_NAME as PROVISIONER
from kit.apps.room_address import (
    ALL_INTERFACES,
    JOIN_URL_ENV,
    PublicUrlError,
    check_public_url,
    is_local_only,
    served_join_url,
)
from kit.apps.serve_settings import KERNEL_MODES, MAX_SEATS, ServeSettings
from kit.apps.trainer_key import KEY_ENV, TrainerKeyError, check_chosen_key
from kit.content.i18n import LANG_ENV
from kit.content.vocabulary import LANGS

TEMPLATE = "strom"
TEMPLATE_ROOT = Path(__file__).with_name("jupyter")  # holds voila/templates/strom
CULL_INTERVAL_SECONDS = 60
IOPUB_TIMEOUT_SECONDS = 120
KERNEL_STARTUP_SECONDS = 180
# The page loads only the widget extensions: the others installed beside the kit (nbgrader's
# formgrader, the notebook and pygments extensions) serve JupyterLab, and each would be fetched,
# parsed and started by every participant's page before it connects to its kernel.
PAGE_EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8")
START_NOTEBOOK = "00_start.ipynb"
DASHBOARD_NOTEBOOK = "trainer_dashboard.ipynb"
# Seconds a kernel whose page vanished without saying so (no websocket left) waits for a reconnect.
CLOSED_PAGE_GRACE_SECONDS = 10


class ServeError(RuntimeError):
    """A setting that keeps the server from starting, explained for the person starting it."""


def default_notebooks_dir() -> Path:
    """`notebooks/` of the current folder if there is one, else the one beside the package."""
    here = Path.cwd() / "notebooks"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "notebooks"


def check_settings(settings: ServeSettings) -> None:
    """Refuse, with a clear reason, what would make Voila fail later."""
    if settings.lang not in LANGS:
        raise ServeError(f"unsupported language {settings.lang!r}: use one of {', '.join(LANGS)}")
    if not settings.notebooks.is_dir():
        raise ServeError(f"notebook folder not found: {settings.notebooks}")
    if not 30 <= settings.cull_idle_seconds <= 86_400:
        # Shorter, and a busy server may cull a kernel before its page has connected to it.
        raise ServeError(f"--cull-after {settings.cull_idle_seconds}: give 30 to 86400 seconds")
    if settings.kernels not in KERNEL_MODES:
        raise ServeError(f"--kernels {settings.kernels}: use one of {', '.join(KERNEL_MODES)}")
    if not 0 <= settings.seats <= MAX_SEATS:
        raise ServeError(f"--seats {settings.seats}: give 1 to {MAX_SEATS} participants at once, or 0 for no limit")
    if not 0 <= settings.pool <= 40:
        raise ServeError(f"--pool {settings.pool}: preheat between 0 and 40 kernels (each holds about 100 MiB)")
    try:
        check_chosen_key(settings.trainer_key)
    except TrainerKeyError as exc:
        raise ServeError(f"--trainer-key: {exc}") from None

    try:  # a bad database setting is refused now, not in the middle of a workshop
        kit.store.open_store(settings.db_url).close()
    except kit.store.StoreError as exc:
        raise ServeError(f"answer database: {exc}") from None
    if not (1024 <= settings.port <= 65535):
        raise ServeError(f"port {settings.port} is outside 1024-65535")
    family = check_host(settings.host)
    if settings.public_url:
        try:
            check_public_url(settings.public_url)
        except PublicUrlError as exc:
            raise ServeError(f"--public-url {exc}") from None
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # as the server itself binds: connections of a server that just died (TIME_WAIT) do not
        # keep the trainer from starting it again on the same port; a running server still does
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((settings.host, settings.port))
        except OSError as exc:
            if exc.errno == errno.EADDRNOTAVAIL:
                raise ServeError(f"--host {settings.host}: this computer has no such address") from None
            raise ServeError(f"port {settings.port} on {settings.host} is already in use: choose another with --port") from None


def check_host(host: str) -> socket.AddressFamily:
    """The address family of `host`, an IP address of this computer (or 0.0.0.0 / :: for all);
    a name is refused: which of its addresses the server would listen on is not clear."""
    import ipaddress

    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise ServeError(f"--host {host!r}: give an IP address: 127.0.0.1 (this computer only) or "
                         f"0.0.0.0 (the local network too)") from None
    return socket.AF_INET6 if address.version == 6 else socket.AF_INET


def join_url(settings: ServeSettings) -> str:
    """The short link participants open (/join on the address they reach the server at)."""
    return served_join_url(settings.host, settings.port, settings.public_url)


def voila_command(settings: ServeSettings) -> list[str]:
    """The Voila command line for `settings`."""
    return [
        sys.executable, "-m", "voila", str(settings.notebooks),
        "--no-browser",
        f"--port={settings.port}",
        f"--Voila.ip={settings.host}",
        f"--template={TEMPLATE}",
        "--VoilaConfiguration.show_tracebacks=False",
        *(f"--VoilaConfiguration.extension_allowlist={name}" for name in PAGE_EXTENSIONS),
        # kernels forked from a preloaded parent, seats, a closed page's kernel shut down (see room_kernels)
        "--VoilaConfiguration.multi_kernel_manager_class=kit.apps.room_kernels.RoomKernelManager",
        *kernel_options(settings),
        # A room of participants starting kernels at once on a small machine: wait for a busy
        # kernel's output instead of dropping it (nbclient's default is 4 s).
        f"--VoilaExecutor.iopub_timeout={IOPUB_TIMEOUT_SECONDS}",
        f"--VoilaExecutor.startup_timeout={KERNEL_STARTUP_SECONDS}",
        f"--MappingKernelManager.cull_idle_timeout={settings.cull_idle_seconds}",
        f"--MappingKernelManager.cull_interval={min(CULL_INTERVAL_SECONDS, max(1, settings.cull_idle_seconds // 3))}",
    ] + (["--preheat_kernel=True", f"--pool_size={settings.pool}"] if settings.pool else []) + (
        # The server's root address leads to the start page (the kit's listing template redirects there).
        [f"--Voila.tornado_settings=default_url=/voila/render/{START_NOTEBOOK}"]
        if (settings.notebooks / START_NOTEBOOK).is_file() else [])


def kernel_options(settings: ServeSettings) -> list[str]:
    """Voila options for how participants' kernels start, how many run at once, and how a closed
    page frees its kernel."""
    fork = settings.kernels == "fork"
    return [
        f"--RoomKernelManager.kernel_parent={fork}",
        *([f"--KernelProvisionerFactory.default_provisioner_name={PROVISIONER}"] if fork else []),
        f"--RoomKernelManager.seats={settings.seats}",
        f"--RoomKernelManager.closed_page_grace={CLOSED_PAGE_GRACE_SECONDS}",
        # Unix sockets between server and kernels: TCP ports are picked by binding and releasing them,
        # and with a room of kernels starting at once another socket can take one first ("Address
        # already in use", a page that never becomes interactive).
        "--KernelManager.transport=ipc",
        # every page gets the _xsrf cookie its shutdown post on closing needs; /join leads to the start page
        "--Voila.identity_provider_class=kit.apps.join_route.RoomIdentityProvider",
    ]


def voila_environment(settings: ServeSettings) -> dict[str, str]:
    """The server's environment: the kit's template on JUPYTER_PATH, the room's language."""
    env = dict(os.environ)
    paths = [str(TEMPLATE_ROOT)] + [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    env[LANG_ENV] = settings.lang
    env[JOIN_URL_ENV] = join_url(settings)  # the start page shows it as a QR code and a short link
    env[KEY_ENV] = check_chosen_key(settings.trainer_key)  # the dashboard's kernel compares against it
    if settings.db_url:
        env["STROM_KIT_DB"] = settings.db_url
    if settings.profile:
        env["STROM_KIT_PROFILE"] = settings.profile
    return env


def compile_kit() -> None:
    """Write the kit's bytecode now: every page's kernel imports the kit, and without cached
    bytecode (a fresh checkout, PYTHONDONTWRITEBYTECODE) each kernel would compile it anew.
    Skipped quietly where the package folder is read-only (an installed kit is compiled already)."""
    import compileall

    try:
        compileall.compile_dir(str(Path(__file__).resolve().parents[1]), quiet=2)
    except OSError:
        return


def start_lines(settings: ServeSettings) -> list[str]:
    """What the trainer reads when the server starts: where the room goes, and the dashboard's
    address with the trainer key in it."""
    local = "127.0.0.1" if settings.host in ALL_INTERFACES else settings.host
    base = f"http://{f'[{local}]' if ':' in local else local}:{settings.port}"
    key = check_chosen_key(settings.trainer_key)
    lines = [f"STROM: {base}/  (Ctrl-C stops)", f"Participants join at: {join_url(settings)}"
             + ("  (this computer only: --host 0.0.0.0 serves the local network)" if is_local_only(join_url(settings)) else "")]
    if (settings.notebooks / DASHBOARD_NOTEBOOK).is_file():
        lines.append(f"Trainer dashboard: {base}/voila/render/{DASHBOARD_NOTEBOOK}?key={quote(key, safe='')}")
    lines.append(f"Trainer key: {key}  (opens the dashboard; keep it from participants)")
    return lines


def serve(settings: ServeSettings, say: Callable[[str], None] = print) -> None:
    """Check the settings, tell the trainer the addresses and the key, then replace this process
    with the Voila server."""
    check_settings(settings)
    compile_kit()
    command = voila_command(settings)
    environment = voila_environment(settings)
    for line in start_lines(settings):
        say(line)
    sys.stdout.flush()  # exec replaces the process: what is still buffered would be lost
    os.execve(command[0], command, environment)
