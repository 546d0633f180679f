"""Hub benchmark: a room of participants on `strom-kit hub` beside the same room on `strom-kit serve`,
and the answer store's throughput on PostgreSQL beside SQLite.

Run (as root: the hub runs each account's server as its own system user):
    .venv/bin/python bench/hub.py [--room 30] [--writers 40] [--answers 50]

Room: each participant is simulated at the protocol level (bench/room.py's participant, no browser:
on two cores browsers would eat the server's cores). On the hub a participant logs in through the
proxy (the login form's post), the hub starts their server, they open the classifier (the single-
user server's OAuth round trip included) and the kernel websocket, ask for the widget state and
type their pseudonym; on `serve` the same without login and server. Measured: from the first
request to the widget state received (the server's part of "interactive"; what a device then spends
drawing is the same on both and left out). Both one participant after the other and all at once.

Store: N writer processes (each imports, opens the store, then waits for a common start) record M
answers each, acknowledged one by one; answers per second = N x M / (last acknowledgement - start).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from room import Participant, start_server  # bench/room.py

ROOT = Path(__file__).resolve().parents[1]
STROM_KIT = str(Path(sys.executable).with_name("strom-kit"))
CLASSIFIER = "02_what_is_trafficking"
WRITER = """
import sys, time
from kit.store import open_store
url, who, count, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
store = open_store(url)
time.sleep(max(0.0, start - time.time()))
for n in range(count):
    store.record(who, "classifier", f"case_{n}", {"trafficking": n % 2 == 0, "n": n}, score=0.5)
print(time.time(), flush=True)
"""


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def line(title: str, times: list[float | None]) -> str:
    done = [t for t in times if t is not None]
    if not done:
        return f"{title}: 0/{len(times)} interactive"
    return (f"{title}: {len(done)}/{len(times)} interactive, p50 {statistics.median(done):.1f} s, "
            f"p95 {quantile(done, 0.95):.1f} s")


def ratio_line(title: str, hub: list[float | None], serve: list[float | None]) -> str:
    """The hub's p50 and p95 as a multiple of `strom-kit serve`'s, for the same room."""
    hub_done, serve_done = [t for t in hub if t is not None], [t for t in serve if t is not None]
    if not hub_done or not serve_done:
        return f"hub / serve, {title}: no ratio (a side had nobody interactive)"
    return (f"hub / serve, {title}: p50 {statistics.median(hub_done) / statistics.median(serve_done):.1f}x, "
            f"p95 {quantile(hub_done, 0.95) / quantile(serve_done, 0.95):.1f}x")


# ---------------------------------------------------------------- the store

def store_throughput(url: str, writers: int, answers: int) -> float:
    """Answers per second of `writers` processes writing `answers` each at once into `url`."""
    from kit.store import open_store

    open_store(url).close()
    start = time.time() + 4 + writers * 0.25  # after every writer has imported the kit and opened the store
    processes = [subprocess.Popen([sys.executable, "-c", WRITER, url, f"w{n:02d}", str(answers), str(start)],
                                  stdout=subprocess.PIPE, text=True, cwd=ROOT) for n in range(writers)]
    ends = []
    for process in processes:
        output, _ = process.communicate(timeout=600)
        if process.returncode != 0:
            raise RuntimeError(f"a writer failed on {url}")
        ends.append(float(output.split()[-1]))
    if min(ends) < start:
        raise RuntimeError("a writer started late: raise the head start")
    stored = open_store(url).count()
    if stored != writers * answers:
        raise RuntimeError(f"{stored} answers stored, {writers * answers} acknowledged")
    return writers * answers / (max(ends) - start)


# ---------------------------------------------------------------- a participant on the hub

class HubParticipant:
    """A participant who logs in to the hub, waits for their server and opens the classifier."""

    def __init__(self, base: str, name: str, password: str):
        self.base, self.name, self.password = base, name, password

    async def open(self) -> float | None:
        import httpx

        started = time.monotonic()
        async with httpx.AsyncClient(base_url=self.base, follow_redirects=True, timeout=600) as client:
            await client.get("/hub/login")
            login = await client.post("/hub/login", data={"username": self.name, "password": self.password,
                                                          "_xsrf": client.cookies.get("_xsrf", path="/hub/")})
            if login.status_code != 200:
                return None
            page = f"/user/{self.name}/voila/render/{CLASSIFIER}.ipynb"
            while True:  # the login leads to the spawn page; the classifier opens once the server is up
                response = await client.get(page)
                if response.status_code == 200 and "kernelId" in response.text:
                    break
                if time.monotonic() - started > 600:
                    return None
                await asyncio.sleep(0.5)
            kernel = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', response.text)
            cookies = {cookie.name: cookie.value for cookie in client.cookies.jar}
        person = Participant(f"{self.base}/user/{self.name}", CLASSIFIER, [], 0.0)
        person.cookies = cookies
        person.visit.kernel = kernel.group(1) if kernel else None
        if person.visit.kernel is None:
            return None
        await person._connect()
        await person._request(person._message("kernel_info_request", {}), "kernel_info_reply")
        states = await person._widget_states()
        await person._event(states)
        elapsed = time.monotonic() - started
        person.socket.close()
        return elapsed


async def hub_room(base: str, passwords: dict[str, str], together: bool) -> list[float | None]:
    people = [HubParticipant(base, name, password) for name, password in sorted(passwords.items())]
    if together:
        return list(await asyncio.gather(*(person.open() for person in people)))
    return [await person.open() for person in people]


async def serve_room(base: str, count: int, together: bool) -> list[float | None]:
    async def one() -> float | None:
        person = Participant(base, CLASSIFIER, [], 0.0)
        visit = await person.open()
        await person.leave()
        return None if visit.error else visit.interactive_after

    if together:
        return list(await asyncio.gather(*(one() for _ in range(count))))
    return [await one() for _ in range(count)]


def run_hub(cluster_url: str, folder: Path, count: int) -> tuple[list, list]:
    """The room on the hub, one participant after the other, then (every server stopped) all at once;
    each line is printed as soon as it is measured."""
    from kit.hub.control import stop_hub
    from kit.hub.settings import load_settings

    state = folder / "hub"
    state.mkdir()
    state.chmod(0o711)
    made = subprocess.run([STROM_KIT, "hub", "--state", str(state), "room", "bench", "--accounts", str(count)],
                          capture_output=True, text=True, check=True).stdout.splitlines()[1:]
    passwords = dict(row.split(",", 1) for row in made)
    port = 28000 + os.getpid() % 1000 * 3
    log = open(state / "hub.log", "wb")  # noqa: SIM115 - the hub's log for its life
    process = subprocess.Popen([STROM_KIT, "hub", "--state", str(state), "--port", str(port), "--init-db", "--db",
                                cluster_url, "--notebooks", str(ROOT / "notebooks")], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        import urllib.request

        for _ in range(240):
            try:
                urllib.request.urlopen(base + "/hub/login", timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        one_by_one = asyncio.run(hub_room(base, passwords, together=False))
        print(line(f"hub (login + own server), {count} one after the other", one_by_one), flush=True)
        settings = load_settings(state)
        stop_hub(settings, keep_servers=False)  # every server stopped: the room arrives again, all at once
        process.wait(timeout=60)
        process = subprocess.Popen([STROM_KIT, "hub", "--state", str(state), "--port", str(port)], stdout=log,
                                   stderr=subprocess.STDOUT)
        for _ in range(240):
            try:
                urllib.request.urlopen(base + "/hub/login", timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        together = asyncio.run(hub_room(base, passwords, together=True))
        print(line(f"hub (login + own server), {count} at once", together), flush=True)
        return one_by_one, together
    finally:
        stop_hub(load_settings(state))
        if process.poll() is None:
            process.kill()
        for name in passwords:
            subprocess.run(["userdel", f"sk-{name}"], capture_output=True)


def run_serve(folder: Path, count: int) -> tuple[list, list]:
    serve_folder = folder / "serve"
    serve_folder.mkdir()
    shutil.copytree(ROOT / "notebooks", serve_folder / "notebooks")
    server = start_server(serve_folder, "fork", "--seats", "0")
    try:
        one_by_one = asyncio.run(serve_room(server.base, count, together=False))
        together = asyncio.run(serve_room(server.base, count, together=True))
        return one_by_one, together
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--room", type=int, default=30)
    parser.add_argument("--writers", type=int, default=40)
    parser.add_argument("--answers", type=int, default=50)
    parser.add_argument("--skip-room", action="store_true", help="only the store's throughput")
    options = parser.parse_args()
    from kit.hub.database import prepare
    from kit.hub.postgres import LocalCluster

    folder = Path(tempfile.mkdtemp(prefix="strom-bench-hub-"))
    folder.chmod(0o755)
    cluster = LocalCluster(folder / "postgres", 27000 + os.getpid() % 1000)
    cluster.init()
    cluster.start()
    try:
        pg_url = cluster.admin_url("bench_store")
        prepare(pg_url)
        postgres = store_throughput(pg_url, options.writers, options.answers)
        sqlite = store_throughput(f"sqlite:///{folder / 'bench.sqlite'}", options.writers, options.answers)
        print(f"store, {options.writers} writers x {options.answers} answers: PostgreSQL {postgres:.0f} answers/s, "
              f"SQLite {sqlite:.0f} answers/s", flush=True)
        if options.skip_room:
            return 0
        if os.geteuid() != 0:
            print("room on the hub: skipped (the hub runs servers as system users: run as root)")
            return 0
        serve_one, serve_all = run_serve(folder, options.room)
        print(line(f"serve, {options.room} one after the other", serve_one), flush=True)
        print(line(f"serve, {options.room} at once", serve_all), flush=True)
        hub_one, hub_all = run_hub(cluster.admin_url("bench_hub"), folder, options.room)
        for title, hub, serve in (("one after the other", hub_one, serve_one), ("at once", hub_all, serve_all)):
            print(ratio_line(title, hub, serve), flush=True)
        return 0
    finally:
        cluster.remove()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
