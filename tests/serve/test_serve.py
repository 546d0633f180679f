"""`strom-kit serve`: Voila on 127.0.0.1 serving the start page, offline, tracebacks hidden."""

from __future__ import annotations

import re
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.status, response.read().decode("utf-8", errors="replace")


def external_urls(html: str) -> list[str]:
    """Addresses in src/href attributes that leave the machine."""
    found = re.findall(r"""(?:src|href)\s*=\s*["']((?:https?:)?//[^"']+)""", html)
    return [url for url in found if not re.match(r"(?:https?:)?//(127\.0\.0\.1|localhost)[:/]", url)]


def test_start_page_runs_and_is_served(kit_server):
    status, html = fetch(kit_server + "/voila/render/00_start.ipynb")
    assert status == 200
    assert "<title>STROM</title>" in html
    # The page's cell ran in a kernel and produced the start page widget, not an error.
    assert "application/vnd.jupyter.widget-view+json" in html
    assert '"output_type": "error"' not in html
    assert not external_urls(html), external_urls(html)
    assert 'role="main"' in html


def test_the_root_address_leads_to_the_start_page_without_cdn_links(kit_server):
    for root, start in (("/", "/voila/render/00_start.ipynb"), ("/?lang=en", "/voila/render/00_start.ipynb?lang=en"),
                        ("/voila/tree", "/voila/render/00_start.ipynb")):
        status, html = fetch(kit_server + root)
        assert status == 200 and "Voilà Home" not in html and "treepage.js" not in html
        refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
        assert refresh and refresh.group(1).replace("&amp;", "&") == start, html
        assert f'href="{start}"' in html  # a link too, for a browser that does not follow the refresh
        assert not external_urls(html), external_urls(html)
    status, html = fetch(kit_server + "/voila/render/00_start.ipynb")
    assert status == 200 and "application/vnd.jupyter.widget-view+json" in html


def test_a_bad_parameter_shows_no_traceback(kit_server):
    _, html = fetch(kit_server + "/voila/render/00_start.ipynb?lang=de")
    assert "application/vnd.jupyter.widget-view+json" not in html  # the cell failed ...
    assert "Traceback" not in html and "site-packages" not in html  # ... and no traceback shows
