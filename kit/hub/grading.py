"""Grading on the hub: nbgrader's multi-course set-up, with the kit's own course pipeline.

Each course is a hub group of its students (`nbgrader-C`) and one of its evaluators
(`formgrade-C`); its cohort folder (made by `strom-kit course init`) lives in `<state>/courses/C`,
and nbgrader's formgrader for it runs as a hub service `formgrader-C` that only its evaluators may
open. Release and submission go through nbgrader's exchange in `<state>/exchange`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from kit.hub.settings import HOST, HubSettings

SERVICE_PORT_OFFSET = 10  # formgraders listen on port+10, port+11, …


def service_name(course: str) -> str:
    return f"formgrader-{course}"


def grading_services(settings: HubSettings, courses: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The formgrader services of `courses` and the roles that let their evaluators (and only
    them) open them."""
    services: list[dict[str, Any]] = []
    roles: list[dict[str, Any]] = []
    singleuser = str(Path(sys.executable).with_name("jupyterhub-singleuser"))
    for number, course in enumerate(sorted(courses)):
        cohort = settings.courses / course
        if not cohort.is_dir():
            continue
        name = service_name(course)
        services.append({
            "name": name,
            "url": f"http://{HOST}:{settings.port + SERVICE_PORT_OFFSET + number}",
            # as root, like the kit's grading commands (the cohort is root's, 0700); no terminals
            "command": [singleuser, "--allow-root", f"--ServerApp.root_dir={cohort}", f"--Exchange.root={settings.exchange}",
                        f"--CourseDirectory.course_id={course}", "--ServerApp.default_url=/formgrader",
                        "--ServerApp.terminals_enabled=False"],
            "cwd": str(cohort),
            "oauth_no_confirm": True,
            "environment": {"PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
                            "JUPYTERHUB_DEFAULT_URL": "/formgrader"},
        })
        roles.append({"name": f"formgrade-{course}", "groups": [f"formgrade-{course}"],
                      "scopes": [f"access:services!service={name}"]})
        roles.append({"name": f"{name}-service", "services": [name], "scopes": ["read:users", "list:users"]})
    return services, roles
