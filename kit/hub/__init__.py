"""The kit on JupyterHub for a region: accounts and rooms, a server per account, one PostgreSQL store.

`strom-kit hub` (kit.hub.run) checks PostgreSQL and the proxy and starts JupyterHub with
deploy/hub/jupyterhub_config.py, which reads the saved settings through kit.hub.config. The hub's
own pieces (authenticator, spawner, LTI launch) import JupyterHub and are loaded by it only.

Public face: `Accounts`/`AccountError` (rooms, accounts, room codes), `HubSettings`, `LocalCluster`
(a PostgreSQL of the kit's own), `prepare`/`grant` (the hub's databases, roles and row security).
"""

from kit.hub.accounts import AccountError, Accounts
from kit.hub.database import HubDatabaseError, Membership, grant, prepare
from kit.hub.postgres import LocalCluster, PostgresError
from kit.hub.settings import HubSettings

__all__ = ["AccountError", "Accounts", "HubDatabaseError", "HubSettings", "LocalCluster", "Membership", "PostgresError",
           "grant", "prepare"]
