"""Logging in to the hub: accounts a trainer made, or a pseudonym that joins a room with its code.

Imported by JupyterHub only (jupyterhub_config.py). The account's roles become hub groups at every
login (`manage_groups`): `room-R` for a participant of room R, `trainers` and `lead-R` for its
trainer, `formgrade-C` for an evaluator of course C, `nbgrader-C` for its students.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyterhub.auth import Authenticator
from jupyterhub.handlers.login import LoginHandler
from traitlets import Unicode

from kit.hub.accounts import Account, AccountError, Accounts


class KitLoginHandler(LoginHandler):
    """JupyterHub's login page with the reason a join failed instead of 'Invalid username or password'."""

    kit_login_error: str | None = None

    def _render(self, login_error: str | None = None, username: str | None = None, **kwargs: Any):
        return super()._render(login_error=self.kit_login_error or login_error, username=username, **kwargs)


class RoomAuthenticator(Authenticator):
    """Password login for the accounts in the hub's accounts file; a room code makes a new account."""

    accounts_file = Unicode(help="The hub's accounts file (kit.hub.accounts).").tag(config=True)

    def get_handlers(self, app: Any) -> list[tuple[str, Any]]:
        return [(r"/login", KitLoginHandler)]

    async def authenticate(self, handler: Any, data: dict[str, str]) -> dict[str, Any] | None:
        accounts = Accounts(Path(self.accounts_file))
        name = (data.get("username") or "").strip().lower()
        password = data.get("password") or ""
        code = (data.get("room_code") or "").strip()
        account: Account | None
        try:
            if code and accounts.get(name) is None:
                account = accounts.join(code, name, password)
                self.log.info("%s joined room %s", account.name, account.rooms[0])
            else:
                account = accounts.check_password(name, password)
        except AccountError as exc:
            if isinstance(handler, KitLoginHandler):
                handler.kit_login_error = str(exc)
            return None
        if account is None:
            return None
        return {"name": account.name, "groups": account.groups(), "admin": False}

