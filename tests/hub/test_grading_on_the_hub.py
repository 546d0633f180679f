"""A graded course on the hub: the evaluator releases an assignment through nbgrader's exchange, two
students fetch it, answer and submit from their own servers (nbgrader's assignment list, as
JupyterLab's panel calls it), the kit collects, autogrades and writes feedback with its own pipeline
(unchanged), the feedback goes back through the exchange, and only the course's evaluator opens
its formgrader."""

from __future__ import annotations

import re
import secrets
import string
import time

import httpx
import pytest

from .conftest import launch_hub, open_folder, require_hub_tools, strom_kit

pytestmark = pytest.mark.slow
ASSIGNMENT = "ch2_what_is_trafficking"
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"


@pytest.fixture(scope="module")
def course_hub(postgres):
    from bench.learners import make_cohort

    require_hub_tools()
    state = open_folder("strom-hub-course-")
    course = "c" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(4))
    students = [f"{course}-s1", f"{course}-s2"]
    passwords = {}
    for name, role in [(students[0], "student"), (students[1], "student"), (f"{course}-eval", "evaluator")]:
        line = strom_kit("hub", "--state", str(state), "account", name, "--role", role, "--course", course).stdout
        passwords[name] = line.strip().split(",", 1)[1]
    make_cohort(state / "courses" / course, students)  # `strom-kit course init`, as the evaluator would
    yield from launch_hub(postgres, state, course, passwords)


def login(hub, name: str) -> httpx.Client:
    client = httpx.Client(base_url=hub.base, follow_redirects=True, timeout=120)
    client.get("/hub/login")
    client.post("/hub/login", data={"username": name, "password": hub.passwords[name],
                                    "_xsrf": client.cookies.get("_xsrf", path="/hub/")})
    deadline = time.monotonic() + 150
    while time.monotonic() < deadline:  # the login starts the server; it answers once it is up
        page = client.get(f"/user/{name}/lab")  # a page: the server's OAuth round trip sets its cookie
        if page.status_code == 200 and page.url.path == f"/user/{name}/lab":
            return client
        time.sleep(1)
    raise AssertionError(f"{name}'s server did not start:\n{hub.log.read_text(errors='replace')[-3000:]}")


def on_server(client: httpx.Client, name: str, method: str, path: str, **kwargs) -> httpx.Response:
    """A request to the student's own server with its XSRF token, as JupyterLab sends it."""
    token = client.cookies.get("_xsrf", path=f"/user/{name}/")
    response = client.request(method, f"/user/{name}{path}", headers={"X-XSRFToken": token or ""}, **kwargs)
    assert response.status_code < 300, f"{method} {path}: {response.status_code} {response.text[-400:]}"
    return response


def test_release_fetch_submit_autograde_feedback_through_the_exchange(course_hub, postgres):
    from nbgrader.api import Gradebook

    from bench.learners import honest_notebook

    hub = course_hub
    course = hub.room
    students = sorted(name for name in hub.passwords if "-s" in name)
    cohort = hub.state / "courses" / course
    released = strom_kit("hub", "--state", str(hub.state), "course", "release", course, ASSIGNMENT)
    assert "released" in released.stdout

    clients = {}
    for name, quality in zip(students, ("perfect", "partial")):
        client = clients[name] = login(hub, name)
        assert on_server(client, name, "GET", "/api/status").json()["started"]  # the student's server, its API
        listed = on_server(client, name, "POST", "/assignments/fetch",
                           data={"course_id": course, "assignment_id": ASSIGNMENT}).json()
        assert listed["success"], listed
        fetched = on_server(client, name, "GET", f"/api/contents/{NOTEBOOK}").json()
        assert fetched["type"] == "notebook"
        answered = honest_notebook(cohort, ASSIGNMENT, name, quality)  # what the student writes and saves
        on_server(client, name, "PUT", f"/api/contents/{NOTEBOOK}",
                  json={"type": "notebook", "format": "json", "content": answered})
        submitted = on_server(client, name, "POST", "/assignments/submit",
                              data={"course_id": course, "assignment_id": ASSIGNMENT}).json()
        assert submitted["success"], submitted

    collected = strom_kit("hub", "--state", str(hub.state), "course", "collect", course, ASSIGNMENT)
    assert "collected 2 of 2" in collected.stdout, collected.stdout + collected.stderr
    graded = strom_kit("course", "autograde", ASSIGNMENT, "--cohort", str(cohort), timeout=600)
    assert all(name in graded.stdout for name in students), graded.stdout
    # feedback written, and each student's points go into the hub's store (their progress on the start page)
    store_url = postgres.admin_url(f"hub_{course}")
    strom_kit("course", "feedback", ASSIGNMENT, "--cohort", str(cohort), "--db", store_url, timeout=300)
    returned = strom_kit("hub", "--state", str(hub.state), "course", "return", course, ASSIGNMENT)
    assert "returned to 2" in returned.stdout, returned.stderr

    from kit.course.cohort.folder import Cohort

    opened = Cohort.open(cohort)
    with Gradebook(opened.db_url, opened.course_id) as gradebook:
        scores = {name: gradebook.find_submission(ASSIGNMENT, name).score for name in students}
    from kit.store import open_store, pseudonym_key
    from kit.store.graded import assignment_results

    store = open_store(store_url)
    try:
        for name in students:
            [graded] = assignment_results(store, pseudonym_key(name))
            assert graded.score == pytest.approx(scores[name], abs=0.01), (name, graded)
    finally:
        store.close()
    assert scores[students[0]] >= scores[students[1]] > 0, scores  # the perfect answer scores at least the partial one

    for name, client in clients.items():
        on_server(client, name, "POST", "/assignments/fetch_feedback", data={"course_id": course, "assignment_id": ASSIGNMENT})
        folder = on_server(client, name, "GET", f"/api/contents/{ASSIGNMENT}/feedback").json()
        [stamp] = [entry["path"] for entry in folder["content"] if entry["type"] == "directory"]
        page = on_server(client, name, "GET", f"/api/contents/{stamp}/{ASSIGNMENT}.html",
                         params={"content": 1, "format": "text"}).json()["content"]
        assert "Traceback (most recent call last)" not in page, f"{name}: a traceback in the feedback"
        score = re.search(r"Score: ([0-9.]+) / ([0-9.]+)", page)
        assert score and float(score.group(1)) == pytest.approx(scores[name], abs=0.01), (name, scores, score and score.group(0))
        client.close()


def test_only_the_course_evaluator_opens_its_formgrader(course_hub):
    hub = course_hub
    course = hub.room
    service = f"/services/formgrader-{course}/formgrader"
    evaluator = login(hub, f"{course}-eval")
    try:
        response = evaluator.get(service)
        assert response.status_code == 200 and "formgrader" in response.text.lower(), response.status_code
    finally:
        evaluator.close()
    student = login(hub, f"{course}-s1")
    try:
        assert student.get(service).status_code == 403
    finally:
        student.close()
