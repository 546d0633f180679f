"""The guard of the hub's formgrader services: they run as root, so they run no code at all.

A course's formgrader (kit.hub.grading) is a Jupyter server running as root in the course's cohort
folder, where the gradebook and the course secret live. Its evaluator grades by hand there
(submissions, manual scores, comments); everything that would execute code is refused, and the
evaluator is told to run the kit's confined pipeline instead (`strom-kit course autograde`):

- `RefusingKernelManager` starts no kernel: the kernels and sessions APIs (and anything else that
  asks the server for a kernel) answer 403 with `KERNELS_REFUSED`.
- This module is also a server extension (`--ServerApp.jpserver_extensions`): it registers
  `RefusedFormgraderHandler` for formgrader's API endpoints that execute notebooks in-process,
  outside the kit's confinement: autograde (nbgrader's `Execute`) and generate the student version
  ("assign", whose `InstantiateTests` runs the source notebook in a kernel). Extensions load in
  alphabetical order and tornado takes the first matching handler, so `kit.hub.formgrader_guard`'s
  handlers answer before `nbgrader.server_extensions.formgrader`'s; loading checks that order and
  fails if formgrader came first (with `--ServerApp.reraise_server_extension_failures` the
  service then does not start). The refusal is formgrader's own shape of a failed operation
  (`{"success": false, "error": …}`), because formgrader shows that text in its dialog, and
  only a generic error for any other status.
- `ConfinedSubmissionFilesHandler` answers, ahead of formgrader's own, for the files of an
  autograded submission (its images): formgrader's handler serves any file of the cohort folder
  given `../` (or `%2e%2e/`) after the submission, the secret included; this one serves only files
  that are, links resolved, inside that submission's own folder.
- `ReadOnlyContents` is the contents manager: it writes nothing (a `nbgrader_config.py` written in
  the cohort would run as root at formgrader's next request), and the course secret and the
  gradebook cannot be read, listed or downloaded (`/files/` goes through it too, not straight to
  the disk).

Manual grading writes the gradebook through formgrader's own API (grades, comments, flags), which
stays open, as do its pages and the release, collect and feedback actions (they copy and render,
they do not execute). The service switches off every other server extension (kit.hub.grading).
nbgrader is imported at the top: this module is only ever loaded by that service, where it is
loaded anyway (kit.hub.grading names it by its module path).
"""

from __future__ import annotations

import json
import os
from typing import Any

from jupyter_server.base.handlers import APIHandler
from jupyter_server.files.handlers import FilesHandler
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from nbgrader.api import MissingEntry
from nbgrader.server_extensions.formgrader.handlers import SubmissionFilesHandler
from tornado import web
from traitlets import default

AUTOGRADE_INSTEAD = "run `strom-kit course autograde ASSIGNMENT` on the hub's machine"
KERNELS_REFUSED = f"This formgrader runs no code (it runs as root); to autograde, {AUTOGRADE_INSTEAD}."
EXECUTION_REFUSED = (f"Refused: formgrader would run notebooks here as root, outside the kit's confinement; "
                     f"{AUTOGRADE_INSTEAD} (it runs each submission confined).")
WRITES_REFUSED = "This formgrader's files are read-only; grade through formgrader's pages."
PROTECTED_NAMES = ("secret", "gradebook.db")  # in the cohort folder: kit.course.cohort.folder

# formgrader's API endpoints (nbgrader/server_extensions/formgrader/apihandlers.py) that execute notebooks
EXECUTING_ENDPOINTS = (
    r"/formgrader/api/submission/([^/]+)/([^/]+)/autograde",
    r"/formgrader/api/assignment/([^/]+)/assign",
)
# formgrader's files of a submission: `<id>/<path>`, except its static `components/` and the
# navigation `<id>/next` etc., which formgrader's own handlers answer
SUBMISSION_FILES = r"/formgrader/submissions/(?!components/)(?![^/]+/(?:next_incorrect|prev_incorrect|next|prev)/?$)([^/]+/.+)"


class RefusingKernelManager(AsyncMappingKernelManager):
    """A kernel manager that starts no kernel."""

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        raise web.HTTPError(403, KERNELS_REFUSED)


class RefusedFormgraderHandler(APIHandler):
    """Answers formgrader's executing endpoints with the refusal, in formgrader's result shape."""

    def check_xsrf_cookie(self) -> None:
        """No check: the handler changes nothing, so a forged request gains nothing."""

    @web.authenticated
    def post(self, *args: str) -> None:
        self.log.warning("refused %s: the formgrader service executes no notebooks", self.request.path)
        self.finish(json.dumps({"success": False, "error": EXECUTION_REFUSED, "log": EXECUTION_REFUSED}))


class ConfinedSubmissionFilesHandler(SubmissionFilesHandler):
    """formgrader's files of an autograded submission, only from inside that submission's folder."""

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        submission_id = self.path_args[0].split("/", 1)[0]
        try:
            submission = self.gradebook.find_submission_notebook_by_id(submission_id)
        except MissingEntry:
            raise web.HTTPError(404, f"Invalid submission: {submission_id}") from None
        folder = os.path.realpath(self.coursedir.format_path(
            self.coursedir.autograded_directory, submission.student.id, submission.assignment.assignment.name))
        if not os.path.realpath(absolute_path).startswith(folder + os.sep):
            raise web.HTTPError(404, "not a file of this submission")
        return super().validate_absolute_path(root, absolute_path)


class ReadOnlyContents(AsyncLargeFileManager):
    """The cohort's files, read-only, without the course secret and the gradebook."""

    @default("hide_globs")
    def _hide_globs_default(self) -> list[str]:
        return [*AsyncLargeFileManager.class_traits()["hide_globs"].default(), *PROTECTED_NAMES]

    @default("files_handler_class")
    def _files_handler_class_default(self) -> type:
        return FilesHandler  # through `get` below, not a static handler on the folder

    @default("files_handler_params")
    def _files_handler_params_default(self) -> dict[str, Any]:
        return {"path": self.root_dir}  # StaticFileHandler's argument; FilesHandler reads through `get`

    def is_protected(self, path: str) -> bool:
        """Whether the API path leads (through any link) to the secret or the gradebook."""
        target = os.path.realpath(self._get_os_path(path.strip("/")))
        root = os.path.realpath(self.root_dir)
        return any(target == os.path.join(root, name) for name in PROTECTED_NAMES)

    async def is_hidden(self, path: str) -> bool:
        return self.is_protected(path) or await super().is_hidden(path)

    async def get(self, path: str, content: bool = True, type: str | None = None, format: str | None = None,
                  require_hash: bool = False) -> dict[str, Any]:
        if self.is_protected(path):
            raise web.HTTPError(404, f"No such file or directory: {path}")
        return await super().get(path, content=content, type=type, format=format, require_hash=require_hash)

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise web.HTTPError(403, WRITES_REFUSED)

    save = new = new_untitled = copy = update = rename = rename_file = delete = delete_file = _refuse  # type: ignore[assignment]
    create_checkpoint = restore_checkpoint = delete_checkpoint = trust_notebook = _refuse  # type: ignore[assignment]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "kit.hub.formgrader_guard"}]


def _load_jupyter_server_extension(server_app: Any) -> None:
    """Register the refusals ahead of formgrader's own handlers (see the module's docstring)."""
    web_app = server_app.web_app
    if "nbgrader_formgrader" in web_app.settings:
        raise RuntimeError("formgrader loaded before kit.hub.formgrader_guard: its executing endpoints would answer first")
    base_url = web_app.settings["base_url"]
    handlers: list[tuple[str, type]] = [(pattern, RefusedFormgraderHandler) for pattern in EXECUTING_ENDPOINTS]
    handlers.append((SUBMISSION_FILES, ConfinedSubmissionFilesHandler))
    web_app.add_handlers(".*$", [(url_path_join(base_url, pattern), handler) for pattern, handler in handlers])
    server_app.log.info("kit.hub.formgrader_guard: kernels, autograde and assign refused, submission files confined")
