"""The formgrader service's guard without a hub (kit.hub.formgrader_guard, kit.hub.grading): no
kernel starts, formgrader's executing endpoints are all refused ahead of formgrader, the contents
write nothing and never serve the secret or the gradebook, and the service keeps no other extension."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pytest
from tornado import web
from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
from traitlets.utils.importstring import import_item

from kit.hub import formgrader_guard
from kit.hub.formgrader_guard import (
    EXECUTING_ENDPOINTS,
    ConfinedSubmissionFilesHandler,
    ReadOnlyContents,
    RefusedFormgraderHandler,
    RefusingKernelManager,
)
from kit.hub.grading import GUARD, KEPT_EXTENSIONS, guard_options, installed_server_extensions
from support.event_loop import run_apart

INSTEAD = "strom-kit course autograde"


def test_no_kernel_starts(tmp_path):
    manager = RefusingKernelManager(root_dir=str(tmp_path))
    with pytest.raises(web.HTTPError) as refused:
        run_apart(manager.start_kernel(kernel_name="python3"))
    assert refused.value.status_code == 403 and INSTEAD in refused.value.log_message
    assert manager.list_kernel_ids() == []


def test_every_formgrader_endpoint_that_executes_notebooks_is_refused():
    from nbgrader.server_extensions.formgrader import apihandlers

    executing = {pattern for pattern, handler, *_ in apihandlers.default_handlers
                 if any(call in inspect.getsource(handler) for call in ("api.autograde(", "api.generate_assignment("))}
    assert executing == set(EXECUTING_ENDPOINTS)


class _ServerApp:
    def __init__(self, settings: dict):
        self.web_app = web.Application(**settings)
        self.log = web.app_log


def _routed(server: _ServerApp, method: str, path: str) -> type | None:
    request = HTTPServerRequest(start_line=RequestStartLine(method, path, "HTTP/1.1"), headers=HTTPHeaders({"Host": "localhost"}))
    found = server.web_app.default_router.find_handler(request)
    return found.handler_class if found is not None else None  # type: ignore[attr-defined]


def test_the_refusals_are_routed_and_registered_before_formgrader():
    server = _ServerApp({"base_url": "/services/formgrader-c/"})
    formgrader_guard._load_jupyter_server_extension(server)
    base = "/services/formgrader-c/formgrader"
    assert _routed(server, "POST", f"{base}/api/submission/a/s/autograde") is RefusedFormgraderHandler
    assert _routed(server, "POST", f"{base}/api/assignment/a/assign") is RefusedFormgraderHandler
    for path in ("/abc/a.png", "/abc/%2e%2e/%2e%2e/secret", "/abc/sub/next"):
        assert _routed(server, "GET", f"{base}/submissions{path}") is ConfinedSubmissionFilesHandler, path
    for path in ("/abc", "/abc/", "/abc/next", "/abc/prev_incorrect/", "/components/x.js"):  # formgrader's own
        assert _routed(server, "GET", f"{base}/submissions{path}") is None, path
    assert sorted([GUARD, "nbgrader.server_extensions.formgrader"])[0] == GUARD  # the guard loads first
    with pytest.raises(RuntimeError):
        formgrader_guard._load_jupyter_server_extension(_ServerApp({"base_url": "/", "nbgrader_formgrader": object()}))


@pytest.fixture
def cohort(tmp_path) -> Path:
    (tmp_path / "secret").write_text("s3cret\n")
    (tmp_path / "gradebook.db").write_bytes(b"SQLite format 3\0")
    (tmp_path / "submitted").mkdir()
    (tmp_path / "submitted" / "answer.txt").write_text("42\n")
    os.symlink(tmp_path / "secret", tmp_path / "submitted" / "link")
    return tmp_path


def test_the_secret_and_the_gradebook_are_not_served(cohort):
    contents = ReadOnlyContents(root_dir=str(cohort))
    for path in ("secret", "/secret", "submitted/../secret", "submitted/link", "gradebook.db"):
        with pytest.raises(web.HTTPError) as hidden:
            run_apart(contents.get(path))
        assert hidden.value.status_code == 404, path
        assert run_apart(contents.is_hidden(path)), path
    assert run_apart(contents.get("submitted/answer.txt"))["content"] == "42\n"
    listed = {entry["name"] for entry in run_apart(contents.get(""))["content"]}
    assert listed == {"submitted"}
    assert contents.files_handler_class.__name__ == "FilesHandler"  # /files/ reads through `get`, not the disk


def test_nothing_is_written(cohort):
    contents = ReadOnlyContents(root_dir=str(cohort))
    writes = [lambda: contents.save({"type": "file", "format": "text", "content": "x"}, "nbgrader_config.py"),
              lambda: contents.delete("submitted/answer.txt"), lambda: contents.rename("submitted", "moved"),
              lambda: contents.new_untitled(path="", type="notebook"), lambda: contents.copy("submitted/answer.txt", ""),
              lambda: contents.update({"path": "moved"}, "submitted"), lambda: contents.create_checkpoint("submitted/answer.txt")]
    for write in writes:
        with pytest.raises(web.HTTPError) as refused:
            write()
        assert refused.value.status_code == 403
    assert sorted(p.name for p in cohort.iterdir()) == ["gradebook.db", "secret", "submitted"]
    assert (cohort / "submitted" / "answer.txt").read_text() == "42\n"


def test_the_service_keeps_only_formgrader_and_the_guard():
    options = guard_options(["jupyterlab", "voila.server_extension", "nbgrader.server_extensions.validate_assignment",
                             "nbgrader.server_extensions.formgrader"])
    switched = dict(option.removeprefix("--ServerApp.jpserver_extensions=").rsplit("=", 1)
                    for option in options if option.startswith("--ServerApp.jpserver_extensions="))
    assert switched == {"jupyterlab": "False", "voila.server_extension": "False",
                        "nbgrader.server_extensions.validate_assignment": "False",
                        "nbgrader.server_extensions.formgrader": "True", GUARD: "True"}
    assert "--ServerApp.reraise_server_extension_failures=True" in options  # a guard that fails stops the service
    for option in options:
        if option.startswith(("--ServerApp.kernel_manager_class=", "--ServerApp.contents_manager_class=")):
            assert import_item(option.split("=", 1)[1]) in (RefusingKernelManager, ReadOnlyContents)
    assert "nbgrader.server_extensions.formgrader" in installed_server_extensions()
    assert set(KEPT_EXTENSIONS) == {GUARD, "nbgrader.server_extensions.formgrader"}
