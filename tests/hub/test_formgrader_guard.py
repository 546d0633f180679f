"""The course's formgrader on the hub runs as root, so it runs no code (kit.hub.formgrader_guard):
through the hub's proxy its evaluator cannot start a kernel, autograde or generate an assignment
with formgrader, read the course secret or the gradebook file (through the contents API or past a
submission's files), or write a file in the cohort; and grading by hand still works: the pages
answer and a manual score and comment reach the gradebook."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import httpx
import pytest

from .conftest import strom_kit
from .test_grading_on_the_hub import ASSIGNMENT, course_hub, login  # noqa: F401 (course_hub: the module's fixture)

pytestmark = pytest.mark.slow
INSTEAD = "strom-kit course autograde"


class Graded(NamedTuple):
    evaluator: httpx.Client  # logged in, with the service's _xsrf cookie
    service: str  # the service's path through the proxy
    cohort: Path
    students: list[str]  # both submitted, the kit autograded only the first


@pytest.fixture(scope="module")
def graded(course_hub):  # noqa: F811
    """The course's evaluator before its formgrader, two submissions of which the kit autograded the first."""
    from bench.learners import honest_notebook, submit

    hub = course_hub
    cohort = hub.state / "courses" / hub.room
    students = sorted(name for name in hub.passwords if "-s" in name)
    strom_kit("course", "release", ASSIGNMENT, "--cohort", str(cohort))
    for name in students:
        submit(cohort, ASSIGNMENT, name, honest_notebook(cohort, ASSIGNMENT, name, "partial"))
    strom_kit("course", "autograde", ASSIGNMENT, "--cohort", str(cohort), "--student", students[0], timeout=600)
    evaluator = login(hub, f"{hub.room}-eval")
    service = f"/services/formgrader-{hub.room}"
    assert evaluator.get(f"{service}/formgrader").status_code == 200  # the page sets the service's _xsrf cookie
    yield Graded(evaluator, service, cohort, students)
    evaluator.close()


def send(client: httpx.Client, service: str, method: str, path: str, **kwargs) -> httpx.Response:
    """A request to the service with its XSRF token, as formgrader's pages send it."""
    token = client.cookies.get("_xsrf", path=f"{service}/") or ""
    return client.request(method, f"{service}{path}", headers={"X-XSRFToken": token}, **kwargs)


def test_the_evaluator_cannot_start_a_kernel(graded):
    evaluator, service = graded.evaluator, graded.service
    started = send(evaluator, service, "POST", "/api/kernels", json={"name": "python3"})
    assert started.status_code == 403 and INSTEAD in started.json()["message"], started.text
    session = send(evaluator, service, "POST", "/api/sessions",
                   json={"path": "x.ipynb", "type": "notebook", "kernel": {"name": "python3"}})
    assert session.status_code >= 400 and INSTEAD in session.text, session.text
    assert send(evaluator, service, "GET", "/api/kernels").json() == []


def test_formgrader_does_not_autograde_or_generate_assignments(graded):
    evaluator, service, cohort, students = graded
    autograded = send(evaluator, service, "POST", f"/formgrader/api/submission/{ASSIGNMENT}/{students[1]}/autograde")
    assert autograded.status_code == 200, autograded.text  # formgrader shows a refusal only in this shape
    result = json.loads(autograded.text)
    assert result["success"] is False and INSTEAD in result["error"], result
    assert not (cohort / "autograded" / students[1]).exists()
    assigned = json.loads(send(evaluator, service, "POST", f"/formgrader/api/assignment/{ASSIGNMENT}/assign").text)
    assert assigned["success"] is False and INSTEAD in assigned["error"], assigned
    # the other extensions that would run code are off: nbgrader's validate, Voila, JupyterLab
    assert send(evaluator, service, "POST", "/assignments/validate", data={"path": "x.ipynb"}).status_code == 404
    assert evaluator.get(f"{service}/voila/render/x.ipynb").status_code == 404
    assert evaluator.get(f"{service}/lab").status_code == 404


def test_the_secret_and_the_gradebook_are_not_served_and_nothing_is_written(graded):
    evaluator, service, cohort = graded.evaluator, graded.service, graded.cohort
    assert (cohort / "secret").is_file() and (cohort / "gradebook.db").is_file()
    for path in ("/api/contents/secret", "/files/secret",
                 "/files/secret?download=1", "/api/contents/gradebook.db", "/files/gradebook.db"):
        assert send(evaluator, service, "GET", path).status_code == 404, path
    listed = {entry["name"] for entry in send(evaluator, service, "GET", "/api/contents/").json()["content"]}
    assert "submitted" in listed and not listed & {"secret", "gradebook.db"}, listed
    config = (cohort / "nbgrader_config.py").read_text()
    written = send(evaluator, service, "PUT", "/api/contents/nbgrader_config.py",
                   json={"type": "file", "format": "text", "content": "import os\n"})
    assert written.status_code == 403 and (cohort / "nbgrader_config.py").read_text() == config, written.text
    assert send(evaluator, service, "DELETE", "/api/contents/course.yaml").status_code == 403
    assert (cohort / "course.yaml").is_file()


def test_grading_by_hand_still_works(graded):
    from nbgrader.api import Gradebook

    from kit.course.cohort.folder import Cohort

    evaluator, service, cohort, students = graded
    for page in ("/formgrader", "/formgrader/gradebook", f"/formgrader/gradebook/{ASSIGNMENT}",
                 f"/formgrader/manage_submissions/{ASSIGNMENT}"):
        assert evaluator.get(f"{service}{page}").status_code == 200, page
    assignments = send(evaluator, service, "GET", "/formgrader/api/assignments")
    assert assignments.status_code == 200 and ASSIGNMENT in {a["name"] for a in assignments.json()}
    [submission] = [s for s in send(evaluator, service, "GET", f"/formgrader/api/submitted_notebooks/{ASSIGNMENT}/{ASSIGNMENT}").json()
                    if s["student"] == students[0]]
    page = evaluator.get(f"{service}/formgrader/submissions/{submission['id']}")  # the grading form of the submission
    assert page.status_code == 200 and "grade" in page.text.lower()
    notebook = evaluator.get(f"{service}/formgrader/submissions/{submission['id']}/{ASSIGNMENT}.ipynb")
    assert notebook.status_code == 200 and notebook.json()["cells"]  # the submission's own files are served
    for escape in ("%2e%2e/%2e%2e/%2e%2e/secret", "..%2f..%2f..%2fsecret", "%2e%2e/%2e%2e/%2e%2e/gradebook.db"):
        assert evaluator.get(f"{service}/formgrader/submissions/{submission['id']}/{escape}").status_code == 404, escape
    grades = send(evaluator, service, "GET", "/formgrader/api/grades", params={"submission_id": submission["id"]}).json()
    grade = next(g for g in grades if g["max_score"])
    score = grade["max_score"] / 2
    saved = send(evaluator, service, "PUT", f"/formgrader/api/grade/{grade['id']}", json={"manual_score": score})
    assert saved.status_code == 200 and saved.json()["manual_score"] == score, saved.text
    comments = send(evaluator, service, "GET", "/formgrader/api/comments", params={"submission_id": submission["id"]}).json()
    if comments:
        commented = send(evaluator, service, "PUT", f"/formgrader/api/comment/{comments[0]['id']}",
                         json={"manual_comment": "Bra motivering."})
        assert commented.status_code == 200, commented.text
    opened = Cohort.open(cohort)
    with Gradebook(opened.db_url, opened.course_id) as gradebook:
        assert gradebook.find_grade_by_id(grade["id"]).manual_score == score
        if comments:
            assert gradebook.find_comment_by_id(comments[0]["id"]).manual_comment == "Bra motivering."
