"""The served pages' identity provider: every page gets the _xsrf cookie its kernel's shutdown needs.

When a Voila page closes it posts `voila/api/shutdown/KERNEL` with the `_xsrf` value read from
the page's cookie. Voila never sets that cookie on a page, so the post was refused (HTTP 403,
"'_xsrf' argument missing from POST") and the kernel lived on until the idle cull. This provider
(jupyter_server's documented `identity_provider_class` hook) touches the handler's xsrf token on
every page request, which sets the cookie; the page's own post then passes tornado's XSRF check
unchanged, and the closed page's kernel is shut down at once.
"""

from __future__ import annotations

from typing import Any

from jupyter_core.utils import ensure_async
from jupyter_server.auth.identity import PasswordIdentityProvider

PAGE_PREFIX = "/voila/render/"


class PageIdentityProvider(PasswordIdentityProvider):
    """Voila's default identity provider, plus the _xsrf cookie on every rendered page."""

    async def get_user(self, handler: Any) -> Any:
        user = await ensure_async(super().get_user(handler))
        request = handler.request
        if user is not None and request.method == "GET" and PAGE_PREFIX in request.path:
            handler.current_user = user  # as the handler's prepare() does next; the token needs it
            _ = handler.xsrf_token  # tornado sets the _xsrf cookie when the token is first asked for
        return user
