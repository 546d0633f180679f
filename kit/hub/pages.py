"""Where each account lands and what its server's environment holds, wherever its server runs
(a local process, kit.hub.spawner, or a Kubernetes pod, kit.hub.k8s)."""

from __future__ import annotations

import secrets
from urllib.parse import quote

from kit.apps.serving import TEMPLATE
from kit.content.i18n import LANG_ENV
from kit.hub.accounts import Account
from kit.store.lead import ROOM_ENV, ROOMS_ENV

START_PAGE = "/voila/render/00_start.ipynb"
DASHBOARD = "/voila/render/trainer_dashboard.ipynb"
# The page loads only the widget extensions (as `strom-kit serve` does).
PAGE_EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8")
KERNEL_CULL_SECONDS = 900


def landing(account: Account, store_url: str, lang: str) -> tuple[str, dict[str, str]]:
    """The account's first page and its server's kit settings: its own store URL, its pseudonym,
    the language and the room (the first a trainer leads, or the one a participant answers in: kit.store.lead
    follows it); a trainer's server also holds every room the trainer leads, in the account's order (its
    dashboard chooses among them), and a fresh dashboard key, which its first page carries."""
    environment = {"STROM_KIT_DB": store_url, "STROM_KIT_PARTICIPANT": account.name, LANG_ENV: lang}
    room = next(iter(account.leads or account.rooms), None)  # the room a trainer leads, or a participant answers in
    if room is not None:
        environment[ROOM_ENV] = room
    if account.role == "trainer" and account.leads:
        environment[ROOMS_ENV] = ",".join(dict.fromkeys(account.leads))
    if account.role == "trainer":
        key = secrets.token_urlsafe(12)
        environment["STROM_KIT_TRAINER_KEY"] = key
        return f"{DASHBOARD}?key={quote(key, safe='')}", environment
    if account.role == "participant":
        return START_PAGE, environment
    return "/lab", environment


def server_args() -> list[str]:
    """The single-user server's options: the kit's Voila template, no tracebacks, kernels whose messages
    are never dropped (kit.apps.room_kernels.QueueingKernelManager), idle kernels culled."""
    return [
        "--ServerApp.kernel_manager_class=kit.apps.room_kernels.QueueingKernelManager",
        f"--VoilaConfiguration.template={TEMPLATE}",
        "--VoilaConfiguration.show_tracebacks=False",
        *(f"--VoilaConfiguration.extension_allowlist={name}" for name in PAGE_EXTENSIONS),
        f"--MappingKernelManager.cull_idle_timeout={KERNEL_CULL_SECONDS}",
        "--MappingKernelManager.cull_interval=60",
    ]
