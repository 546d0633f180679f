"""The kit on Zero to JupyterHub (Kubernetes): the hub pod's configuration, from its environment.

deploy/z2jh/config.yaml runs `configure_z2jh(c)` in `hub.extraConfig`. The hub pod holds the store's
administrator URL (STROM_KIT_DB, from a Kubernetes Secret), the key that derives each account's
database password (STROM_KIT_ROLE_KEY) and the accounts file on the hub's volume. Before each
user pod starts, the account gets its PostgreSQL role (kit.hub.database, row-level security as on a
single machine) and the pod its environment and first page; the pod's image is deploy/image's.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

from kit.hub.accounts import Accounts
from kit.hub.database import Membership, grant, role_password
from kit.hub.pages import landing, server_args

ACCOUNTS_ENV = "STROM_KIT_ACCOUNTS"
ROLE_KEY_ENV = "STROM_KIT_ROLE_KEY"
DEFAULT_ACCOUNTS = "/srv/jupyterhub/accounts.json"
IMAGE_NOTEBOOKS = "/srv/strom/notebooks"  # where deploy/image puts the chapters


def configure_z2jh(c: Any, env: dict[str, str] | None = None) -> None:
    """Set the kit's authenticator and the pre-spawn hook of KubeSpawner in JupyterHub's config `c`."""
    env = dict(os.environ) if env is None else env
    store_url, role_key = env["STROM_KIT_DB"], env[ROLE_KEY_ENV].encode()
    accounts_file = Path(env.get(ACCOUNTS_ENV, DEFAULT_ACCOUNTS))
    lang = env.get("STROM_KIT_LANG", "sv")
    c.JupyterHub.authenticator_class = "kit.hub.auth.RoomAuthenticator"
    c.RoomAuthenticator.accounts_file = str(accounts_file)
    c.Authenticator.allow_all = True  # the authenticator admits only the accounts in the accounts file
    c.Authenticator.manage_groups = True

    async def give_account_its_store(spawner: Any) -> None:
        account = Accounts(accounts_file).get(spawner.user.name)
        if account is None:
            raise PermissionError(f"{spawner.user.name} has no account on this hub")
        own_url = await asyncio.to_thread(grant, store_url, Membership(account.name, account.rooms, account.leads),
                                          role_password(role_key, account.name))
        spawner.default_url, environment = landing(account, own_url, lang)
        spawner.environment.update(environment)
        spawner.args = [*spawner.args, *server_args()]
        # participants and trainers: the apps (read-only, from the image); others: their own volume
        spawner.notebook_dir = IMAGE_NOTEBOOKS if account.role in ("participant", "trainer") else "~"

    c.KubeSpawner.pre_spawn_hook = give_account_its_store
