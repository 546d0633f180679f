"""The room's address for participants: where the server is reached, its short link, its QR code.

`strom-kit serve` works the address out as it starts (`served_join_url`: the trainer's
`--public-url`, else this machine's address on the local network when it serves on every
interface, else 127.0.0.1) and hands it to every page's kernel in $STROM_KIT_JOIN_URL. On a hub
the address is the hub's own (its public URL when JupyterHub has one, else the host the page was
asked for). The QR code is drawn here as inline SVG by segno: nothing is fetched to draw it.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Mapping
from urllib.parse import urlsplit

JOIN_PATH = "/join"
JOIN_URL_ENV = "STROM_KIT_JOIN_URL"
ALL_INTERFACES = ("0.0.0.0", "::")
# A UDP socket "connected" towards a private address sends nothing: it only asks the kernel which
# of this machine's addresses the route to the local network leaves from.
_PROBE = ("10.255.255.255", 1)


class PublicUrlError(ValueError):
    """A --public-url that participants could not open, with the reason."""


def check_public_url(url: str) -> str:
    """`url` as participants will open it (http or https, a host, no query); else PublicUrlError."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PublicUrlError(f"{url!r} is not an address participants can open: give http://HOST:PORT or https://HOST")
    if parts.query or parts.fragment or any(c.isspace() for c in text):
        raise PublicUrlError(f"{url!r}: give the server's address only, without spaces, ?query or #fragment")
    return text.rstrip("/")


def lan_address() -> str | None:
    """This machine's IPv4 address on its local network; None when it has none but loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(_PROBE)
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if ipaddress.ip_address(address).is_loopback or address == "0.0.0.0" else address


def served_join_url(host: str, port: int, public_url: str | None = None) -> str:
    """The short link participants open for a server listening on `host`:`port`."""
    if public_url:
        return check_public_url(public_url) + JOIN_PATH
    if host in ALL_INTERFACES:
        host = lan_address() or "127.0.0.1"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{JOIN_PATH}"


def join_address(environ: Mapping[str, str] | None = None) -> str | None:
    """The address to show participants, seen from a page's kernel; None outside a served page
    (JupyterLab, papermill), where there is no room to join."""
    env = os.environ if environ is None else environ
    if env.get(JOIN_URL_ENV):
        return env[JOIN_URL_ENV]
    if on_hub(env):  # on a hub: the hub's front door, where the login page is
        base = env.get("JUPYTERHUB_BASE_URL") or "/"
        public = urlsplit(env.get("JUPYTERHUB_PUBLIC_HUB_URL") or "")
        if public.scheme and public.netloc:
            return f"{public.scheme}://{public.netloc}{base}"
        return _requested_origin(env) + base if env.get("SERVER_NAME") else None
    if env.get("SERVER_NAME"):  # Voila started by hand: the address this page was asked for
        return _requested_origin(env) + "/"
    return None


def on_hub(environ: Mapping[str, str] | None = None) -> bool:
    """True in a page served by a JupyterHub user's server."""
    return bool((os.environ if environ is None else environ).get("JUPYTERHUB_SERVICE_PREFIX"))


def _requested_origin(env: Mapping[str, str]) -> str:
    """scheme://host[:port] of the page's request as Voila hands it to the kernel. Without a port
    the page came through a front server on the standard port: https, as such servers are set up."""
    host, port = env["SERVER_NAME"], env.get("SERVER_PORT", "")
    shown = f"[{host}]" if ":" in host else host
    if not port:
        return f"https://{shown}"
    return f"{'https' if port == '443' else 'http'}://{shown}:{port}"


def is_local_only(url: str) -> bool:
    """True when `url` can be opened on this computer only (127.0.0.1, ::1, localhost)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def qr_matrix(url: str) -> tuple[tuple[int, ...], ...]:
    """The QR code of `url` as rows of 0 (light) and 1 (dark) modules, quiet zone left out."""
    code = _qr(url)
    return tuple(tuple(1 if module else 0 for module in row) for row in code.matrix)


def qr_svg(url: str, title: str) -> str:
    """The QR code of `url` as inline SVG that scales with its box (no width or height of its own),
    with `title` for screen readers."""
    return _qr(url).svg_inline(scale=1, border=4, omitsize=True, title=title, svgclass="kit-qr",
                               dark="#000", light="#fff")


def _qr(url: str):
    import segno  # third-party, only where a code is drawn

    # Error correction M (15 %) keeps the code coarse enough to read across a room from a projector.
    return segno.make_qr(url, error="m", boost_error=False)
