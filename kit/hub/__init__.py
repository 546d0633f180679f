"""The kit on JupyterHub for a region: accounts and rooms, a server per account, one PostgreSQL store.

`strom-kit hub` (kit.hub.run) checks PostgreSQL and the proxy and starts JupyterHub with
deploy/hub/jupyterhub_config.py, which reads the saved settings through kit.hub.config. The hub's
own pieces (authenticator, spawner, LTI launch) import JupyterHub and are loaded by it only.

Public face: `Accounts`/`AccountError` (rooms, accounts, room codes), `HubSettings`, `LocalCluster`
(a PostgreSQL of the kit's own), `prepare`/`grant` (the hub's databases, roles and row security),
`hub_settings`/`run_hub`/`HubError`/`stop_hub` (starting and stopping the hub), and nbgrader's exchange
for a course (`publish_release`, `latest_submissions`, `gather`, `publish_feedback`, `ExchangeError`).
The names are imported lazily: the databases' modules import SQLAlchemy, the others urllib and json,
and `strom-kit --help` starts without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy_exports import lazy_getattr

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from kit.hub.accounts import AccountError as AccountError
    from kit.hub.accounts import Accounts as Accounts
    from kit.hub.control import stop_hub as stop_hub
    from kit.hub.database import HubDatabaseError as HubDatabaseError
    from kit.hub.database import Membership as Membership
    from kit.hub.database import grant as grant
    from kit.hub.database import prepare as prepare
    from kit.hub.exchange import ExchangeError as ExchangeError
    from kit.hub.exchange import gather as gather
    from kit.hub.exchange import latest_submissions as latest_submissions
    from kit.hub.exchange import publish_feedback as publish_feedback
    from kit.hub.exchange import publish_release as publish_release
    from kit.hub.postgres import LocalCluster as LocalCluster
    from kit.hub.postgres import PostgresError as PostgresError
    from kit.hub.run import HubError as HubError
    from kit.hub.run import hub_settings as hub_settings
    from kit.hub.run import run_hub as run_hub
    from kit.hub.settings import HubSettings as HubSettings
    from kit.hub.settings import HubSettingsError as HubSettingsError
    from kit.hub.settings import default_state as default_state
    from kit.hub.settings import load_settings as load_settings

_EXPORTS = {
    "AccountError": "kit.hub.accounts",
    "Accounts": "kit.hub.accounts",
    "stop_hub": "kit.hub.control",
    "HubDatabaseError": "kit.hub.database",
    "Membership": "kit.hub.database",
    "grant": "kit.hub.database",
    "prepare": "kit.hub.database",
    "ExchangeError": "kit.hub.exchange",
    "gather": "kit.hub.exchange",
    "latest_submissions": "kit.hub.exchange",
    "publish_feedback": "kit.hub.exchange",
    "publish_release": "kit.hub.exchange",
    "LocalCluster": "kit.hub.postgres",
    "PostgresError": "kit.hub.postgres",
    "HubError": "kit.hub.run",
    "hub_settings": "kit.hub.run",
    "run_hub": "kit.hub.run",
    "HubSettings": "kit.hub.settings",
    "HubSettingsError": "kit.hub.settings",
    "default_state": "kit.hub.settings",
    "load_settings": "kit.hub.settings",
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_getattr(__name__, _EXPORTS)
