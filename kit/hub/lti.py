"""An LMS (Moodle, Canvas) sends its learners straight into the hub with LTI 1.3.

The maintained `jupyterhub-ltiauthenticator` checks the launch: the platform's signature against its
published keys (JWKS), issuer, audience (our client id), nonce and state. The kit then matches the
learner's LMS id (the token's `sub`) to an account of the hub (`strom-kit hub account NAME --role
student --course C --lms-id ID`); a learner the roster does not know is refused. Imported by
JupyterHub only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ltiauthenticator.lti13.auth import LTI13Authenticator
from traitlets import Unicode

from kit.hub.accounts import Accounts
from kit.hub.settings import HubSettings

LTI_KEYS = ("issuer", "client_id", "authorize_url", "jwks_url")


class KitLTI13Authenticator(LTI13Authenticator):
    """LTI 1.3 launches, each matched to the hub account with the learner's LMS id."""

    accounts_file = Unicode(help="The hub's accounts file (kit.hub.accounts).").tag(config=True)

    async def authenticate(self, handler: Any, data: dict[str, Any] | None = None) -> dict[str, Any] | None:
        launch = await super().authenticate(handler, data)
        lms_id = str((data or {}).get("sub") or "")
        account = Accounts(Path(self.accounts_file)).by_lms_id(lms_id) if lms_id else None
        if account is None:
            self.log.warning("LTI launch refused: LMS id %r is not on the roster", lms_id)
            return None
        self.log.info("LTI launch of %s (LMS id %s)", account.name, lms_id)
        return {"name": account.name, "groups": account.groups(), "auth_state": launch.get("auth_state")}


def configure_lti(c: Any, settings: HubSettings) -> None:
    """Use LTI 1.3 launches as the hub's login."""
    lti = settings.lti
    c.JupyterHub.authenticator_class = "kit.hub.lti.KitLTI13Authenticator"
    c.KitLTI13Authenticator.accounts_file = str(settings.accounts_file)
    c.KitLTI13Authenticator.issuer = lti["issuer"]
    c.KitLTI13Authenticator.client_id = [lti["client_id"]]
    c.KitLTI13Authenticator.authorize_url = lti["authorize_url"]
    c.KitLTI13Authenticator.jwks_endpoint = lti["jwks_url"]
    c.KitLTI13Authenticator.username_key = "sub"
