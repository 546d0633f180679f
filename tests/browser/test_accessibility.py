"""Accessibility: axe-core in the served pages finds no serious or critical violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.server_process import TRAINER_KEY

pytestmark = pytest.mark.slow
AXE = Path(__file__).resolve().parents[2] / "var" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "00_start": ".kit-start-page h1",
    "01_principles": ".kit-quiz",
    "02_what_is_trafficking": ".kit-classifier",
    "03_local_mapping": ".kit-mapping",
    "05_assisting_victims": ".kit-planner",
    "trainer_dashboard": ".kit-room-summary",
}


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} – {len(v['nodes'])} node(s), e.g. {v['nodes'][0]['html'][:120]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_serious_violations(recording, kit_server, name):
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make test installs it with npm)")
    tab = recording()
    page = tab.page
    tab.open(f"{kit_server}/voila/render/{name}.ipynb?lang=en&participant=Axe&key={TRAINER_KEY}", PAGES[name])
    if page.locator(".kit-note-ok").count():
        page.click(".kit-note-ok")  # check the material behind the content note too, once it is all there
        page.wait_for_selector(".kit-note-ok", state="detached", timeout=30_000)
        page.wait_for_timeout(500)
    found = serious_violations(page)
    tab.screenshot(f"axe_{name}")
    assert not found, "\n".join(found)
    assert not tab.external()
