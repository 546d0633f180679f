"""Voila benchmark: each app beside a bare notebook served by the same Voila, in headless Chromium.

Run: .venv/bin/python bench/voila.py [--runs N] [--room N]
Targets (issue 6): time to interactive of each app within 1.25x that of a bare markdown notebook;
kernel memory per app within 1.3x of a bare kernel that imports pandas and ipywidgets; N
participants (default 20) opening the classifier at once all interactive (the time is reported);
after every page closes, kernels back to baseline within 60 s (the server culls idle kernels).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = {  # notebook -> selector that appears when the app is interactive
    "00_start": ".kit-start-page h1",
    "01_principles": ".kit-quiz",
    "02_what_is_trafficking": ".kit-classifier .kit-pseudonym input",
    "05_assisting_victims": ".kit-planner .kit-pseudonym input",
    "trainer_dashboard": ".kit-room-summary",
}
# Idle kernels are culled after this many seconds: long enough for a loaded server to connect a
# page to its kernel (a kernel culled before its page connects leaves that page dead).
CULL_AFTER = 45
BARE_MARKDOWN = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Bare page\n", "A markdown cell."]}]}
BARE_KERNEL = {"cells": [
    {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
     "source": ["import pandas, ipywidgets\n", "ipywidgets.HTML('<p class=\"bare-ready\">ready</p>')"]}]}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
        # every participant's page is in the foreground on their own device: no background throttling
        "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"]


def write_notebook(path: Path, body: dict) -> None:
    body = dict(body, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                nbformat=4, nbformat_minor=5)
    for number, cell in enumerate(body["cells"]):
        cell.setdefault("id", f"cell{number}")
    path.write_text(json.dumps(body), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def kernel_rss_mib(server_pid: int) -> list[float]:
    """Resident memory of every ipykernel process below the server."""
    sizes = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        ppid = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
        if ppid == server_pid and "ipykernel" in cmdline:
            rss = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
            sizes.append(int(rss) / 1024)
    return sizes


def time_to_interactive(browser, url: str, selector: str) -> float:
    page = browser.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector(selector, timeout=120_000)
    elapsed = time.perf_counter() - start
    page.close(run_before_unload=True)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--room", type=int, default=20)
    parser.add_argument("--pool", type=int, default=0,
                        help="Preheat this many kernels per notebook (workshop mode, strom-kit serve --pool).")
    options = parser.parse_args()
    chromium = shutil.which("chromium")
    if not chromium:
        print("chromium is not installed: run make test once (it installs Debian chromium)")
        return 2
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="strom-bench-"))
    for name in APPS:
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", folder / f"{name}.ipynb")
    write_notebook(folder / "bare_markdown.ipynb", BARE_MARKDOWN)
    write_notebook(folder / "bare_kernel.ipynb", BARE_KERNEL)
    port = free_port()
    env = dict(os.environ, STROM_KIT_DB=f"sqlite:///{folder / 'answers.sqlite'}")
    server = subprocess.Popen([str(Path(sys.executable).with_name("strom-kit")), "serve", "--port", str(port),
                               "--notebooks", str(folder), "--cull-after", str(CULL_AFTER),
                               "--pool", str(options.pool)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/voila/render"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        if options.pool:  # let the pool fill: every notebook's kernels started and their notebooks run
            expected = options.pool * len(list(folder.glob("*.ipynb")))
            deadline = time.perf_counter() + 300
            while len(kernel_rss_mib(server.pid)) < expected and time.perf_counter() < deadline:
                time.sleep(2)
            time.sleep(20)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            pages = {"bare_markdown": "#rendered_cells h1", **APPS}
            for name, selector in pages.items():  # warm up: first loads fill caches
                time_to_interactive(browser, f"{base}/{name}.ipynb", selector)
            # Interleaved rounds: every round loads the bare page and each app once, in a rotating
            # order, so that drift in the machine's load (idle kernels awaiting the cull) falls on
            # all pages alike rather than on whichever is measured last.
            times: dict[str, list[float]] = {name: [] for name in pages}
            names = list(pages)
            for round_number in range(options.runs):
                shift = round_number % len(names)
                for name in names[shift:] + names[:shift]:
                    times[name].append(time_to_interactive(browser, f"{base}/{name}.ipynb", pages[name]))
            bare = statistics.median(times["bare_markdown"])
            print(f"{'page':<26} {'interactive (median)':>21} {'bare markdown':>14} {'ratio':>7}  target <= 1.25x")
            for name in APPS:
                ours = statistics.median(times[name])
                print(f"{name:<26} {ours:>19.2f} s {bare:>12.2f} s {ours / bare:>6.2f}x  {'ok' if ours / bare <= 1.25 else 'MISSED'}")

            # Memory: one open page per kind, kernels measured while the pages stay open.
            page = browser.new_page()
            page.goto(f"{base}/bare_kernel.ipynb", wait_until="domcontentloaded")
            page.wait_for_selector(".bare-ready", timeout=120_000)
            bare_rss = max(kernel_rss_mib(server.pid))
            page.close()
            app_page = browser.new_page()
            app_page.goto(f"{base}/02_what_is_trafficking.ipynb", wait_until="domcontentloaded")
            app_page.wait_for_selector(APPS["02_what_is_trafficking"], timeout=120_000)
            app_rss = max(kernel_rss_mib(server.pid))
            app_page.close()
            print(f"{'kernel memory (classifier)':<26} {app_rss:>17.0f} MiB {bare_rss:>10.0f} MiB {app_rss / bare_rss:>6.2f}x  target <= 1.3x "
                  f"{'ok' if app_rss / bare_rss <= 1.3 else 'MISSED'}")

            if not options.room:
                browser.close()
                return 0
            # A room: N participants open the classifier at once, each in a browser of their own.
            baseline = len(kernel_rss_mib(server.pid))
            contexts = [browser.new_context() for _ in range(options.room)]
            pages = [context.new_page() for context in contexts]
            start = time.perf_counter()
            for tab in pages:
                tab.goto(f"{base}/02_what_is_trafficking.ipynb", wait_until="commit")
            ready: dict[int, float] = {}
            while len(ready) < len(pages) and time.perf_counter() - start < 600:
                for number, tab in enumerate(pages):
                    if number not in ready and tab.locator(APPS["02_what_is_trafficking"]).count():
                        ready[number] = time.perf_counter() - start
                time.sleep(0.5)
            times = sorted(ready.values())
            print(f"{options.room} participants at once: {len(ready)} interactive; first after {times[0]:.1f} s, "
                  f"median {statistics.median(times):.1f} s, last after {times[-1]:.1f} s" if times else "none became interactive")
            for tab in pages:
                tab.close(run_before_unload=True)
            for context in contexts:
                context.close()
            start = time.perf_counter()
            while time.perf_counter() - start < 90 and len(kernel_rss_mib(server.pid)) > baseline:
                time.sleep(2)
            back = time.perf_counter() - start
            remaining = len(kernel_rss_mib(server.pid))
            print(f"after the pages closed: {remaining} kernel(s) left (baseline {baseline}) after {back:.0f} s  "
                  f"target <= 60 s {'ok' if remaining <= baseline and back <= 60 else 'MISSED'}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
