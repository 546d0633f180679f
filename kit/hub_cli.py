"""`strom-kit hub …`: the region's hub (JupyterHub + PostgreSQL) and its accounts (no logic of its own)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

import kit.apps
import kit.course.cohort
import kit.course.grading
import kit.hub

STATE = click.option("--state", "state", type=click.Path(file_okay=False, path_type=Path), envvar="STROM_KIT_HUB_STATE",
                     default=None, help="The hub's state folder (default: $STROM_KIT_HUB_STATE, else ./var/hub).")


def _state(state: Path | None) -> Path:
    return (state or kit.hub.default_state()).resolve()


@click.group(invoke_without_command=True)
@STATE
@click.option("--port", type=int, default=8000, show_default=True, help="The hub's port on 127.0.0.1 (API: +1, proxy API: +2).")
@click.option("--db", "db_url", envvar="STROM_KIT_DB", default=None,
              help="The answer store's PostgreSQL URL with rights to create roles (default: $STROM_KIT_DB, "
                   "else the one saved in the state folder).")
@click.option("--init-db", is_flag=True, help="Prepare the databases first; without --db, make and start a local "
                                              "PostgreSQL cluster in the state folder (Debian's postgresql package).")
@click.option("--pg-port", type=int, default=5433, show_default=True, help="Port of the local cluster made by --init-db.")
@click.option("--notebooks", type=click.Path(path_type=Path), default=None, help="The chapter notebooks (default: ./notebooks).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@click.option("--lti", "lti", nargs=4, default=None, metavar="ISSUER CLIENT_ID AUTHORIZE_URL JWKS_URL",
              help="Log learners in with LTI 1.3 launches from an LMS (instead of passwords and room codes): the "
                   "platform's issuer, the client id it gave the hub, its authorisation and key-set addresses.")
@click.pass_context
def hub(ctx: click.Context, state: Path | None, port: int, db_url: str | None, init_db: bool, pg_port: int,
        notebooks: Path | None, lang: str, lti: tuple[str, str, str, str] | None) -> None:
    """JupyterHub for a region: accounts, a server per user, one PostgreSQL store. Without a
    subcommand: start the hub on 127.0.0.1 (as root)."""
    ctx.obj = _state(state)
    if ctx.invoked_subcommand is not None:
        return
    try:
        settings = kit.hub.hub_settings(ctx.obj, port=port, db_url=db_url, init_db=init_db,
                                notebooks=(notebooks or kit.apps.default_notebooks_dir()).resolve(), lang=lang, pg_port=pg_port,
                                lti=dict(zip(("issuer", "client_id", "authorize_url", "jwks_url"), lti)) if lti else None)
        kit.hub.run_hub(settings, say=click.echo)
    except kit.hub.HubError as exc:
        raise click.ClickException(str(exc)) from None


@hub.command("room")
@click.argument("name")
@click.option("--accounts", "count", type=int, default=0, show_default=True, help="Accounts to make: NAME-01, NAME-02, …")
@click.option("--trainer", default=None, help="The trainer account that leads the room (made when new).")
@click.pass_obj
def room(state: Path, name: str, count: int, trainer: str | None) -> None:
    """Make a room (or add accounts to it): prints the room code and, as CSV, each new account's password."""
    try:
        made_room, made = kit.hub.Accounts(state / "accounts.json").create_room(name, count, trainer)
    except kit.hub.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"# room {made_room.name}: participants may also join with the code {made_room.code}", err=True)
    click.echo("account,password")
    for account, password in made:
        click.echo(f"{account},{password}")


@hub.command("account")
@click.argument("name")
@click.option("--role", type=click.Choice(["participant", "trainer", "evaluator", "student"]), required=True)
@click.option("--room", "rooms", multiple=True, help="Room the account answers in (a trainer: leads).")
@click.option("--course", "courses", multiple=True, help="Course the account studies (student) or grades (evaluator).")
@click.option("--lms-id", default=None, help="The learner's id in the LMS (LTI 1.3 'sub').")
@click.pass_obj
def account(state: Path, name: str, role: str, rooms: tuple[str, ...], courses: tuple[str, ...], lms_id: str | None) -> None:
    """Make one account; prints its password."""
    try:
        password = kit.hub.Accounts(state / "accounts.json").add(name, role, rooms=rooms, courses=courses, lms_id=lms_id)
    except kit.hub.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{name},{password}")


@hub.command("stop")
@click.option("--keep-servers", is_flag=True, help="Stop only the hub and the proxy; users' servers go on.")
@click.pass_obj
def stop(state: Path, keep_servers: bool) -> None:
    """Stop every account's server, the hub and its proxy."""
    try:
        settings = kit.hub.load_settings(state)
    except kit.hub.HubSettingsError as exc:
        raise click.ClickException(str(exc)) from None
    stopped = kit.hub.stop_hub(settings, keep_servers=keep_servers)
    click.echo(f"stopped the hub and {len(stopped)} server(s)")


@hub.group("course")
def hub_course() -> None:
    """A graded course on the hub: the kit's release out through nbgrader's exchange, submissions in,
    feedback back. The course's cohort folder is <state>/courses/COURSE (make it with
    `strom-kit course init <state>/courses/COURSE …`); grade it with `strom-kit course … --cohort` as usual."""


@hub_course.command("release")
@click.argument("course")
@click.argument("assignment")
@click.pass_obj
def hub_course_release(state: Path, course: str, assignment: str) -> None:
    """Release ASSIGNMENT with the kit (variants per learner) and put it in the exchange for `fetch`."""
    cohort_root = state / "courses" / course
    try:
        kit.course.grading.release(kit.course.cohort.Cohort.open(cohort_root), assignment)
        target = kit.hub.publish_release(cohort_root, state / "exchange", course, assignment)
    except (kit.course.cohort.CohortError, kit.course.grading.ReleaseError, kit.course.cohort.UnknownAssignmentError,
            kit.hub.ExchangeError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"released {assignment} to {target}")


@hub_course.command("collect")
@click.argument("course")
@click.argument("assignment")
@click.pass_obj
def hub_course_collect(state: Path, course: str, assignment: str) -> None:
    """Take each learner's latest submission from the exchange into the cohort (the kit's collect)."""
    submissions = kit.hub.latest_submissions(state / "exchange", course, assignment)
    if not submissions:
        raise click.ClickException(f"no submission of {assignment} in the exchange of {course}")
    with tempfile.TemporaryDirectory() as folder:
        try:
            report = kit.course.grading.collect(kit.course.cohort.Cohort.open(state / "courses" / course), assignment,
                                                kit.hub.gather(submissions, assignment, Path(folder)))
        except (kit.course.cohort.CohortError, kit.course.grading.CollectError) as exc:
            raise click.ClickException(str(exc)) from None
    for source, reason in report.skipped:
        click.echo(f"skipped {source}: {reason}", err=True)
    click.echo(f"collected {len(report.stored)} of {len(submissions)} learner(s)")


@hub_course.command("return")
@click.argument("course")
@click.argument("assignment")
@click.pass_obj
def hub_course_return(state: Path, course: str, assignment: str) -> None:
    """Put the feedback that `strom-kit course feedback` made where learners' fetch_feedback finds it."""
    submissions = kit.hub.latest_submissions(state / "exchange", course, assignment)
    published, missing = kit.hub.publish_feedback(state / "courses" / course, state / "exchange", course, assignment, submissions)
    for student, reason in sorted(missing.items()):
        click.echo(f"not returned to {student}: {reason}", err=True)
    click.echo(f"feedback returned to {len(published)} learner(s)")
