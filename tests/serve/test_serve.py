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


def test_listing_is_served_without_cdn_links(kit_server):
    status, html = fetch(kit_server + "/")
    assert status == 200 and "treepage.js" in html
    assert not external_urls(html), external_urls(html)


def test_a_bad_parameter_shows_no_traceback(kit_server):
    _, html = fetch(kit_server + "/voila/render/00_start.ipynb?lang=de")
    assert "application/vnd.jupyter.widget-view+json" not in html  # the cell failed ...
    assert "Traceback" not in html and "site-packages" not in html  # ... and no traceback shows
