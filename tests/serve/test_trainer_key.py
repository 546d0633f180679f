"""`strom-kit serve` and the trainer key: printed on start with the dashboard's address, taken
from the environment when the trainer sets one, never in a participant's page; the kit's own
listing for a sub-folder, and the root address leading to the start page."""

from __future__ import annotations

import os
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

KEY = "workshop-key-0815"
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as response:
        assert response.status == 200
        return response.read().decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def keyed_server(tmp_path_factory):
    """The kit's notebooks plus a sub-folder, served with the key set in the environment."""
    from support.server_process import served

    folder = tmp_path_factory.mktemp("keyed")
    notebooks = folder / "notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    (notebooks / "extra material").mkdir()
    shutil.copy(NOTEBOOKS / "00_start.ipynb", notebooks / "extra material" / "copy.ipynb")
    before = os.environ.get("STROM_KIT_TRAINER_KEY")
    os.environ["STROM_KIT_TRAINER_KEY"] = KEY
    try:
        server = served(folder, "--notebooks", str(notebooks))
        base = next(server)
    finally:
        if before is None:
            del os.environ["STROM_KIT_TRAINER_KEY"]
        else:
            os.environ["STROM_KIT_TRAINER_KEY"] = before
    yield base, folder / "voila.log"
    next(server, None)  # resume the generator: it stops the server


def test_serve_prints_the_key_and_the_dashboard_address_before_voila_starts(keyed_server):
    base, log = keyed_server
    text = log.read_text(errors="replace")
    lines = text.splitlines()
    assert f"STROM: {base}/  (Ctrl-C stops)" in lines
    dashboard = f"Trainer dashboard: {base}/voila/render/trainer_dashboard.ipynb?key={KEY}"
    assert dashboard in lines and any(line.startswith(f"Trainer key: {KEY}") for line in lines)
    assert lines.index(dashboard) < next(i for i, line in enumerate(lines) if line.startswith("[Voila]"))


def test_participants_pages_never_carry_the_key(keyed_server):
    base, _ = keyed_server
    for page in ("/", "/voila/render/00_start.ipynb", "/voila/render/01_principles.ipynb?lang=en"):
        assert KEY not in fetch(base + page), page


def test_a_sub_folder_is_listed_by_the_kit_without_scripts_or_cdn(keyed_server):
    base, _ = keyed_server
    html = fetch(base + "/voila/tree/extra%20material")
    assert "Voilà Home" not in html and "treepage.js" not in html and "<script" not in html
    assert 'href="/voila/render/extra%20material/copy.ipynb"' in html
    assert 'http-equiv="refresh"' not in html  # only the top of the served folder leads on
    assert not re.findall(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", html)
