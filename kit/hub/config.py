"""JupyterHub's configuration for the kit, from the settings `strom-kit hub` saved (kit.hub.settings).

deploy/hub/jupyterhub_config.py calls `configure(c)`. Everything listens on 127.0.0.1: the proxy
(configurable-http-proxy) on the hub's port, the hub's API and the proxy's API on the next two.
The proxy and the users' servers outlive a restart of the hub (`cleanup_proxy`/`cleanup_servers`
off): a hub restart mid-workshop does not stop anyone's page.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from kit.hub.accounts import Accounts
from kit.hub.control import admin_service
from kit.hub.grading import grading_services
from kit.hub.settings import HOST, HubSettings, load_settings

TEMPLATES = Path(__file__).with_name("templates")


def configure(c: Any, state: Path | None = None) -> HubSettings:
    """Fill JupyterHub's config object `c` for the hub whose state folder is `state`."""
    settings = load_settings(state)
    secrets_folder = settings.state / "secrets"
    settings.secret("proxy-token")
    c.JupyterHub.ip = HOST
    c.JupyterHub.port = settings.port
    c.JupyterHub.hub_ip = HOST
    c.JupyterHub.hub_port = settings.hub_port
    c.JupyterHub.db_url = settings.hub_db_url
    c.JupyterHub.cookie_secret_file = str(secrets_folder / "cookie-secret")
    c.JupyterHub.pid_file = str(settings.state / "jupyterhub.pid")
    c.JupyterHub.cleanup_servers = False
    c.JupyterHub.cleanup_proxy = False
    c.JupyterHub.template_paths = [str(TEMPLATES)]
    c.ConfigurableHTTPProxy.command = [settings.proxy]
    c.ConfigurableHTTPProxy.api_url = f"http://{HOST}:{settings.proxy_api_port}"
    c.ConfigurableHTTPProxy.auth_token = settings.secret("proxy-token").decode()
    c.ConfigurableHTTPProxy.should_start = False  # `strom-kit hub` runs it apart (kit.hub.proxy)

    if settings.lti:
        # kit.hub.lti imports jupyterhub-ltiauthenticator (the hub extra): only a hub with LTI launches needs it.
        from kit.hub.lti import configure_lti

        configure_lti(c, settings)
    else:
        c.JupyterHub.authenticator_class = "kit.hub.auth.RoomAuthenticator"
        c.RoomAuthenticator.accounts_file = str(settings.accounts_file)
    c.Authenticator.allow_all = True  # the authenticator admits only the accounts in the accounts file
    c.Authenticator.manage_groups = True
    c.JupyterHub.spawner_class = "kit.hub.spawner.KitSpawner"
    c.KitSpawner.hub_state = str(settings.state)
    c.Spawner.start_timeout = 180
    c.Spawner.http_timeout = 180
    c.Spawner.poll_interval = 10  # a server that died is seen (and can be started again) within seconds

    services: list[dict[str, Any]] = [{
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={settings.cull_idle_seconds}"],
    }]
    roles: list[dict[str, Any]] = [{
        "name": "idle-culler", "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    }]
    admin, admin_role = admin_service(settings)
    services.append(admin)
    roles.append(admin_role)
    more_services, more_roles = grading_services(settings, Accounts(settings.accounts_file).courses())
    c.JupyterHub.services = services + more_services
    c.JupyterHub.load_roles = roles + more_roles
    return settings
