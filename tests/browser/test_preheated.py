"""Workshop mode (`strom-kit serve --pool N`): preheated kernels still honour the page address."""

from __future__ import annotations

import shutil
import time

import pytest

from support.server_process import ROOT, served

pytestmark = pytest.mark.slow
PAGES = ("00_start", "02_what_is_trafficking")


@pytest.fixture(scope="module")
def pooled_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pooled")
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    for name in PAGES:
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", notebooks)
    started = time.monotonic()
    yield from served(folder, "--pool", "1", "--notebooks", str(notebooks),
                      ready=lambda base: time.monotonic() - started > 25)  # let the pool run the notebooks


def test_preheated_pages_take_language_and_participant_from_the_address(recording, pooled_server):
    tab = recording()
    tab.open(pooled_server + "/voila/render/00_start.ipynb?lang=en", ".kit-start-page h1")
    assert tab.page.inner_text(".kit-start-page h1") == "Welcome to STROM"
    app = recording()
    app.open(pooled_server + "/voila/render/02_what_is_trafficking.ipynb?participant=owl-7", ".kit-classifier .kit-pseudonym input")
    assert app.page.input_value(".kit-classifier .kit-pseudonym input") == "owl-7"
    assert not tab.external() and not app.external()
