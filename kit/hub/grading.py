"""Grading on the hub: nbgrader's multi-course set-up, with the kit's own course pipeline.

Each course is a hub group of its students (`nbgrader-C`) and one of its evaluators
(`formgrade-C`); its cohort folder (made by `strom-kit course init`) lives in `<state>/courses/C`,
and nbgrader's formgrader for it runs as a hub service `formgrader-C` that only its evaluators may
open. Release and submission go through nbgrader's exchange in `<state>/exchange`.

The service runs as root (the cohort is root's, mode 0700), so it runs no code: kit.hub.formgrader_guard
refuses kernels, formgrader's autograde and assign, every write, and the secret and the gradebook
(through the contents API and past a submission's files); every server extension but formgrader
and the guard is switched off
(JupyterLab's extension manager would install packages, nbgrader's validate extension executes
notebooks, Voila starts kernels). The evaluator grades by hand there and autogrades with
`strom-kit course autograde`, which runs each submission confined.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from kit.hub.settings import HOST, HubSettings

SERVICE_PORT_OFFSET = 10  # formgraders listen on port+10, port+11, …
GUARD = "kit.hub.formgrader_guard"
KEPT_EXTENSIONS = ("nbgrader.server_extensions.formgrader", GUARD)


def installed_server_extensions() -> list[str]:
    """The Jupyter server extensions the environment's config enables, by module name."""
    from jupyter_core.paths import jupyter_config_dir, jupyter_config_path
    from jupyter_server.extension.config import ExtensionConfigManager

    paths = [jupyter_config_dir(), *jupyter_config_path()]
    return sorted(name for name, enabled in ExtensionConfigManager(read_config_path=paths).get_jpserver_extensions().items()
                  if enabled)


def guard_options(extensions: list[str]) -> list[str]:
    """The formgrader service's options that make it run no code (kit.hub.formgrader_guard):
    the guard's classes and extension, and every other of `extensions` switched off."""
    switched = [f"--ServerApp.jpserver_extensions={name}={name in KEPT_EXTENSIONS}"
                for name in sorted({*extensions, *KEPT_EXTENSIONS})]
    return [*switched, "--ServerApp.reraise_server_extension_failures=True",
            f"--ServerApp.kernel_manager_class={GUARD}.RefusingKernelManager",
            f"--ServerApp.contents_manager_class={GUARD}.ReadOnlyContents",
            "--ServerApp.terminals_enabled=False"]


def service_name(course: str) -> str:
    return f"formgrader-{course}"


def grading_services(settings: HubSettings, courses: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The formgrader services of `courses` and the roles that let their evaluators (and only
    them) open them."""
    services: list[dict[str, Any]] = []
    roles: list[dict[str, Any]] = []
    singleuser = str(Path(sys.executable).with_name("jupyterhub-singleuser"))
    guarded = guard_options(installed_server_extensions())
    for number, course in enumerate(sorted(courses)):
        cohort = settings.courses / course
        if not cohort.is_dir():
            continue
        name = service_name(course)
        services.append({
            "name": name,
            "url": f"http://{HOST}:{settings.port + SERVICE_PORT_OFFSET + number}",
            # as root, like the kit's grading commands (the cohort is root's, 0700), guarded: it runs no code
            "command": [singleuser, "--allow-root", f"--ServerApp.root_dir={cohort}", f"--Exchange.root={settings.exchange}",
                        f"--CourseDirectory.course_id={course}", "--ServerApp.default_url=/formgrader", *guarded],
            "cwd": str(cohort),
            "oauth_no_confirm": True,
            "environment": {"PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
                            "JUPYTERHUB_DEFAULT_URL": "/formgrader"},
        })
        roles.append({"name": f"formgrade-{course}", "groups": [f"formgrade-{course}"],
                      "scopes": [f"access:services!service={name}"]})
        roles.append({"name": f"{name}-service", "services": [name], "scopes": ["read:users", "list:users"]})
    return services, roles
