"""The room's address: worked out from serve's options and a page's request, drawn as a QR code that
encodes exactly that address, and the short link /join that leads to the start page."""

from __future__ import annotations

import pytest

from kit.apps.room_address import (
    JOIN_URL_ENV,
    PublicUrlError,
    check_public_url,
    is_local_only,
    join_address,
    lan_address,
    on_hub,
    qr_matrix,
    qr_svg,
    served_join_url,
)
from support.qr_svg import decode, encoded, svg_modules


@pytest.mark.parametrize("address", ["http://192.168.1.23:8866/join", "https://strom.example.org/join",
                                     "http://[fd00::5]:8866/join"])
def test_the_qr_code_drawn_encodes_the_address(address):
    drawn = svg_modules(qr_svg(address, "QR"))
    assert decode(drawn) == (address, "M")  # read back as a scanner reads it
    assert drawn == encoded(address) == qr_matrix(address)  # and the same code as one encoded anew
    assert drawn != svg_modules(qr_svg(address.replace("join", "jojn"), "QR"))  # another address, another code
    assert len(drawn) <= 33  # version 4 at most: coarse modules, readable across a room


@pytest.mark.parametrize("level", "lmqh")
@pytest.mark.parametrize("mask", range(8))
def test_the_tests_qr_reader_reads_every_level_and_mask_and_refuses_a_damaged_code(level, mask):
    import segno

    for text in ("http://10.0.0.1:8866/join", "https://strom.example.org/" + "x" * 20):
        code = segno.make_qr(text, error=level, mask=mask, boost_error=False, mode="byte")
        modules = [[int(bool(m)) for m in row] for row in code.matrix]
        assert decode(tuple(map(tuple, modules))) == (text, level.upper())
    modules[8][0] ^= 1  # one format bit flipped
    with pytest.raises(AssertionError, match="BCH"):
        decode(tuple(map(tuple, modules)))


def test_the_svg_scales_with_its_box_and_names_itself():
    svg = qr_svg("http://10.0.0.2:8866/join", "QR code for 10.0.0.2:8866/join")
    assert svg.startswith("<svg") and "width=" not in svg.split(">")[0] and "viewBox" in svg
    assert "<title>QR code for 10.0.0.2:8866/join</title>" in svg
    assert "http" not in svg.replace("QR code for", "")  # drawn here: no image fetched from anywhere


def test_serve_options_give_the_short_link():
    assert served_join_url("127.0.0.1", 8866) == "http://127.0.0.1:8866/join"
    assert served_join_url("192.168.1.5", 9000) == "http://192.168.1.5:9000/join"
    assert served_join_url("0.0.0.0", 8866, "https://strom.example.org/") == "https://strom.example.org/join"
    lan = lan_address()
    assert served_join_url("0.0.0.0", 8866) == f"http://{lan or '127.0.0.1'}:8866/join"
    if lan:
        import ipaddress

        assert not ipaddress.ip_address(lan).is_loopback


@pytest.mark.parametrize("bad", ["strom.example.org", "ftp://x.org", "http://", "http://x.org/?a=1", "http://x .org"])
def test_a_public_url_participants_cannot_open_is_refused(bad):
    with pytest.raises(PublicUrlError):
        check_public_url(bad)
    assert check_public_url(" https://x.org/strom/ ") == "https://x.org/strom"


def test_local_only_addresses():
    assert is_local_only("http://127.0.0.1:8866/join") and is_local_only("http://localhost:1/") and is_local_only("http://[::1]:8/")
    assert not is_local_only("http://192.168.1.5:8866/join") and not is_local_only("https://strom.example.org/")


def test_a_page_finds_the_rooms_address_where_it_is_served():
    assert join_address({JOIN_URL_ENV: "http://10.1.2.3:8866/join", "SERVER_NAME": "127.0.0.1"}) == "http://10.1.2.3:8866/join"
    # on a hub: the hub's public address when JupyterHub has one, else the host the page was asked for
    hub = {"JUPYTERHUB_SERVICE_PREFIX": "/user/lina/", "JUPYTERHUB_BASE_URL": "/", "SERVER_NAME": "10.0.0.9",
           "SERVER_PORT": "8000"}
    assert join_address(hub) == "http://10.0.0.9:8000/"
    assert join_address(hub | {"JUPYTERHUB_PUBLIC_HUB_URL": "https://hub.example.org/hub/"}) == "https://hub.example.org/"
    assert join_address(hub | {"SERVER_NAME": "hub.example.org", "SERVER_PORT": ""}) == "https://hub.example.org/"
    assert join_address({"SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8866"}) == "http://127.0.0.1:8866/"  # Voila by hand
    assert join_address({}) is None  # JupyterLab, papermill: no room
    assert on_hub(hub) and not on_hub({"SERVER_NAME": "127.0.0.1"})


def test_join_redirects_to_the_start_page_in_the_rooms_language(monkeypatch):
    from tornado.httpclient import AsyncHTTPClient
    from tornado.testing import bind_unused_port
    from tornado.web import Application

    from kit.apps.join_route import RoomIdentityProvider
    from support.event_loop import run_apart

    monkeypatch.setenv("STROM_KIT_LANG", "en")
    routes = RoomIdentityProvider().get_handlers()
    assert ("/login" in [r[0] for r in routes]) and any(r[0].startswith("/join") for r in routes)

    async def ask(paths):
        socket, port = bind_unused_port()
        from tornado.httpserver import HTTPServer

        server = HTTPServer(Application(routes, base_url="/"))
        server.add_sockets([socket])
        client = AsyncHTTPClient()
        answers = []
        for path in paths:
            response = await client.fetch(f"http://127.0.0.1:{port}{path}", follow_redirects=False, raise_error=False)
            answers.append((response.code, response.headers.get("Location")))
        server.stop()
        return answers

    answers = run_apart(ask(["/join", "/join/", "/join?lang=sv", "/join?lang=xx", "/joinx"]))
    start = "/voila/render/00_start.ipynb"
    assert answers[:4] == [(302, f"{start}?lang=en"), (302, f"{start}?lang=en"), (302, f"{start}?lang=sv"),
                           (302, f"{start}?lang=en")]
    assert answers[4][0] == 404
