"""`strom-kit course …`: the evaluator's commands over kit.course (no logic of its own)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

import kit.course.cohort
import kit.course.confine
import kit.course.grading
import kit.course.report
import kit.store

if TYPE_CHECKING:
    from kit.course.cohort import Cohort

COHORT = click.option("--cohort", "cohort_dir", type=click.Path(file_okay=False, path_type=Path),
                      envvar="STROM_KIT_COHORT", default=Path("."), show_default=True,
                      help="The cohort folder (or $STROM_KIT_COHORT).")


class CourseGroup(click.Group):
    """Turns the course's own errors into one readable line and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Exception as exc:
            # The error classes are looked up only when something went wrong: the course's packages
            # import a module on its first use, and each costs every command that succeeds without it.
            cohort, grading, report = kit.course.cohort, kit.course.grading, kit.course.report
            if isinstance(exc, (cohort.CohortError, cohort.SecretError, grading.ReleaseError, grading.RubricError,
                                cohort.RosterError, grading.CollectError, report.ExportError,
                                cohort.UnknownAssignmentError)):
                raise click.ClickException(str(exc)) from None
            raise


@click.group(cls=CourseGroup)
def course() -> None:
    """Graded course with nbgrader: release, collect, autograde, feedback, export, report."""


def _cohort(folder: Path):
    return kit.course.cohort.Cohort.open(folder)


@course.command("init")
@click.argument("cohort_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--material", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Graded material to copy in: cases/*.yaml and situations.yaml.")
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="roster.csv with a student_id column (pseudonyms are fine).")
@click.option("--no-sandbox", is_flag=True, help="Do not install the confined grading kernel.")
def course_init(cohort_dir: Path, material: Path | None, roster: Path | None, no_sandbox: bool) -> None:
    """Make a cohort folder with its nbgrader config, secret and (optionally) material and roster."""
    if not no_sandbox:
        problem = kit.course.confine.socket_room_problem(cohort_dir)
        if problem:
            raise kit.course.cohort.CohortError(problem)
    cohort = kit.course.cohort.init_cohort(cohort_dir, material=material, roster=roster)
    if material is not None:
        for line in kit.course.cohort.material_notes(material, cohort):
            click.echo(line, err=line.startswith("warning:"))
    if not no_sandbox:
        limits = kit.course.confine.Limits(memory_mb=cohort.limit("memory_mb"), processes=cohort.limit("processes"))
        sandbox = kit.course.confine.install_kernel(cohort.root, limits)
        click.echo("grading kernel: " + ", ".join(sandbox.level))
    click.echo(f"cohort ready: {cohort.root}")


@course.command("build")
def course_build() -> None:
    """Regenerate the release (exercises/) from the source assignments (solutions/), for maintainers."""
    for path in kit.course.grading.build_exercises(kit.course.cohort.EXERCISES):
        click.echo(f"built {path}")


@course.command("release")
@click.argument("assignment")
@COHORT
def course_release(assignment: str, cohort_dir: Path) -> None:
    """Build outbound/ASSIGNMENT: the release notebook and every learner's own variant."""
    target = kit.course.grading.release(_cohort(cohort_dir), assignment)
    click.echo(f"released {assignment} to {target} ({len(list((target / 'variants').glob('*.json')))} learners)")


@course.command("collect")
@click.argument("assignment")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@COHORT
def course_collect(assignment: str, source: Path, cohort_dir: Path) -> None:
    """Take in an LMS download (ZIP or folder, one file per learner) as submissions.

    Prints every exception (renamed, unmatched, rejected files) and one count line; exit 1 when
    nothing could be stored."""
    report = kit.course.grading.collect(_cohort(cohort_dir), assignment, source)
    for student, name in report.renamed:
        click.echo(f"renamed: {student}: {name} stored as {assignment}.ipynb")
    for note in report.notes:
        click.echo(f"note: {note}")
    for name, reason in report.unmatched:
        click.echo(f"unmatched: {name}: {reason}", err=True)
    for name, reason in report.rejected:
        click.echo(f"rejected: {name}: {reason}", err=True)
    left_out = f"; left out {len(report.skipped)} file(s)" if report.skipped else ""
    click.echo(f"stored {len(report.stored)} submission(s) of {assignment}{left_out}")
    if not report.stored:
        raise click.ClickException(f"nothing stored from {source}: no notebook matched a learner of the roster "
                                   "(see the lines above); check the roster's student_id and lms_id columns")


@course.command("autograde")
@click.argument("assignment")
@COHORT
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes (default: cores).")
@click.option("--student", "students", multiple=True, help="Only these learners (repeatable).")
def course_autograde(assignment: str, cohort_dir: Path, jobs: int | None, students: tuple[str, ...]) -> None:
    """Grade every submission in parallel; exit 1 when any submission failed.

    The score column is the graded points of the graded maximum: free text that awaits manual
    grading is listed as such, and a part that got 0 because its cell hit the time limit says so."""
    cohort = _cohort(cohort_dir)
    kit.course.cohort.get_assignment(assignment)
    kit.course.grading.require_released(cohort, assignment)
    total = len(students) or len(cohort.learners())
    with click.progressbar(length=total, label=f"autograding {assignment}", file=sys.stderr) as bar:
        outcomes = kit.course.grading.autograde(cohort.root, assignment, jobs=jobs, students=list(students) or None,
                                                on_outcome=lambda _: bar.update(1))
    lines = kit.course.grading.summarise(cohort, assignment, outcomes)
    width = max([len(line.student) for line in lines] + [7])
    click.echo(f"{'learner':<{width}}  {'status':<7}  {'score':>11}  {'s':>5}  notes")
    for line in lines:
        click.echo(f"{line.student:<{width}}  {line.status:<7}  {line.score:>11}  {line.seconds:>5.1f}  {'; '.join(line.notes)}")
    failed = [line for line in lines if line.status != "graded"]
    waiting = sum(any(note.startswith("awaits manual grading") for note in line.notes) for line in lines)
    click.echo(f"{len(lines) - len(failed)} graded, {len(failed)} failed"
               + (f", {waiting} awaiting manual grading (strom-kit course grade)" if waiting else ""))
    if failed:
        raise SystemExit(1)


STORE = click.option("--db", "db_url", envvar="STROM_KIT_DB", default=None,
                     help="The answer store the students' progress is read from (default: $STROM_KIT_DB, else the "
                          "kit's SQLite file, as `strom-kit serve` uses).")


@course.command("feedback")
@click.argument("assignment")
@COHORT
@STORE
@click.option("--no-progress", is_flag=True, help="Do not put the released grades into the answer store.")
def course_feedback(assignment: str, cohort_dir: Path, db_url: str | None, no_progress: bool) -> None:
    """Write each graded learner's feedback HTML (hidden tests and the key left out); name who is skipped.
    The grades whose feedback is written go into the answer store, for each student's progress."""
    cohort = _cohort(cohort_dir)
    skipped = kit.course.grading.skipped_learners(cohort, assignment)
    problems = kit.course.grading.generate_feedback(cohort, assignment)
    for student, reason in skipped.items():
        click.echo(f"skipped: {student}: {reason}", err=True)
    for student, problem in problems.items():
        if problem:
            click.echo(f"{student}: {problem}", err=True)
    click.echo(f"feedback for {sum(p is None for p in problems.values())} learner(s)"
               + (f"; skipped {len(skipped)}" if skipped else ""))
    exported = no_progress or not any(p is None for p in problems.values()) or _export_progress(cohort, db_url, [assignment])
    if any(problems.values()) or not exported:
        raise SystemExit(1)


@course.command("export-progress")
@click.argument("assignments", nargs=-1)
@COHORT
@STORE
def course_export_progress(assignments: tuple[str, ...], cohort_dir: Path, db_url: str | None) -> None:
    """Put the grades whose feedback is written (of ASSIGNMENTS, default all) into the answer store again,
    e.g. after grading by hand; `course feedback` does it for its assignment."""
    if not _export_progress(_cohort(cohort_dir), db_url, list(assignments) or None):
        raise SystemExit(1)


def _export_progress(cohort: Cohort, db_url: str | None, assignments: list[str] | None) -> bool:
    """Export released grades into the store; say what was written and who was left out; False if the store failed."""
    try:
        store = kit.store.open_store(db_url)
        try:
            done = kit.course.report.export_progress(cohort, store, assignments)
        finally:
            store.close()
    except kit.store.StoreError as exc:
        click.echo(f"the grades did not reach the students' progress: {exc} "
                   "(run `strom-kit course export-progress --db URL` once the store is there)", err=True)
        return False
    for (assignment, student), reason in sorted(done.left_out.items()):
        click.echo(f"not in the progress: {student} ({assignment}): {reason}", err=True)
    click.echo(f"progress: {done.count} released grade(s) in the answer store")
    return True


@course.command("rubric")
@click.argument("assignment")
@click.argument("part")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
def course_rubric(assignment: str, part: str, lang: str) -> None:
    """Show a free-text part's rubric and comment bank."""
    rubric = kit.course.grading.rubric_for(assignment, part)
    for item in rubric.items:
        click.echo(f"{item.id} ({item.points:g} p): {item.description.get(lang)}")
    for comment in rubric.comments:
        click.echo(f"  comment {comment.id}: {comment.text.get(lang)}")


@course.command("grade")
@click.argument("assignment")
@click.argument("student")
@click.argument("part")
@click.option("--mark", "marks", multiple=True, metavar="ITEM=POINTS", help="Points for a rubric item (repeatable).")
@click.option("--comment", "comments", multiple=True, metavar="ID", help="A comment from the bank (repeatable).")
@click.option("--note", default="", help="Your own words for the learner.")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@COHORT
def course_grade(assignment: str, student: str, part: str, marks: tuple[str, ...], comments: tuple[str, ...],
                 note: str, lang: str, cohort_dir: Path) -> None:
    """Grade a free-text part by its rubric (clears 'needs manual grade')."""
    parsed = {}
    for mark in marks:
        item, _, points = mark.partition("=")
        try:
            parsed[item] = float(points)
        except ValueError:
            raise kit.course.grading.RubricError(f"--mark {mark!r}: write ITEM=POINTS, e.g. names_principle=1") from None
    result = kit.course.grading.apply_manual_grade(_cohort(cohort_dir), assignment, student, part, parsed, list(comments), note, lang)
    click.echo(f"{student} {part}: {result.score:g} points")


@course.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "canvas", "moodle"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--final", is_flag=True, help="Refuse while any free text still awaits manual grading.")
@click.option("--canvas-ids", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="CSV assignment,canvas_id: Canvas columns become 'NAME (ID)' so they update those assignments.")
@click.option("--moodle-grades", type=click.Choice(["points", "percent"]), default="points", show_default=True,
              help="Moodle: points, or percent of the assignment's points (for grade items out of 100).")
@COHORT
def course_export(fmt: str, out: Path, final: bool, canvas_ids: Path | None, moodle_grades: str, cohort_dir: Path) -> None:
    """Export the grades (csv with pseudonymous ids, or an LMS import file).

    Every learner of the roster has a row; a failed grading is left blank (named on stderr), and
    points of assignments with free text awaiting manual grading are provisional (named on stderr;
    a `provisional` column in csv)."""
    if canvas_ids is not None and fmt != "canvas":
        raise click.ClickException("--canvas-ids is for --format canvas only")
    if moodle_grades != "points" and fmt != "moodle":
        raise click.ClickException("--moodle-grades is for --format moodle only")
    cohort = _cohort(cohort_dir)
    grades = kit.course.report.cohort_grades(cohort)
    pending = grades.pending()
    if final and pending:
        first = ", ".join(f"{student} {assignment} ({', '.join(parts)})" for (assignment, student), parts in sorted(pending.items())[:3])
        raise kit.course.cohort.CohortError(f"not final: {len(pending)} submission(s) still await manual grading, e.g. {first}; grade them with "
                                            "`strom-kit course grade` (or formgrader), or export without --final")
    ids = kit.course.report.read_canvas_ids(canvas_ids) if canvas_ids is not None else None
    roster = cohort.path("roster.csv")
    kit.course.report.export_grades(grades.totals, roster if roster.exists() else None, fmt, out, canvas_ids=ids,
                                    learners=grades.learners, maxima=grades.maxima(), grades=moodle_grades)
    for (assignment, student), reasons in sorted(grades.failures.items()):
        click.echo(f"left blank: {student} {assignment}: {'; '.join(reasons)}", err=True)
    for (assignment, student), parts in sorted(pending.items()):
        click.echo(f"provisional: {student} {assignment}: awaits manual grading of {', '.join(parts)}", err=True)
    click.echo(f"wrote {out}" + (f" ({len(pending)} provisional)" if pending else ""))


@course.command("report")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for report.html, report.ipynb and report.csv (default: COHORT/report).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@COHORT
def course_report(out: Path | None, lang: str, cohort_dir: Path) -> None:
    """Write the cohort's analytics: HTML report, a notebook for trainers, and a pseudonymous CSV."""
    cohort = _cohort(cohort_dir)
    written = kit.course.report.write_report(cohort.root, out or cohort.path("report"), lang, course_id=cohort.course_id)
    for path in written.values():
        click.echo(f"wrote {path}")


@course.group("roster")
def roster() -> None:
    """The cohort's learners: list them, or add learners to a running course."""


@roster.command("list")
@COHORT
def roster_list(cohort_dir: Path) -> None:
    """Every learner of the roster, with their LMS id, e-mail, name and section."""
    people = kit.course.cohort.read_roster(_cohort(cohort_dir).path("roster.csv"))
    fields = kit.course.cohort.ROSTER_FIELDS
    widths = {field: max([len(field)] + [len(row[field]) for row in people.values()]) for field in fields}
    click.echo("  ".join(field.ljust(widths[field]) for field in fields).rstrip())
    for row in people.values():
        click.echo("  ".join(row[field].ljust(widths[field]) for field in fields).rstrip())
    click.echo(f"{len(people)} learner(s)")


@roster.command("add")
@click.argument("student_ids", nargs=-1)
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A CSV in the roster's format (student_id, lms_id, email, name, section) with the learners to add.")
@click.option("--lms-id", default="", help="The LMS id of the one learner given (for an LMS download and exports).")
@click.option("--email", default="", help="The e-mail of the one learner given.")
@COHORT
def roster_add(student_ids: tuple[str, ...], source: Path | None, lms_id: str, email: str, cohort_dir: Path) -> None:
    """Add learners (ids, or --from FILE) to the roster; every released assignment gets their variants."""
    if bool(student_ids) == bool(source):
        raise kit.course.cohort.RosterError("give the new learners' ids (strom-kit course roster add s13 s14) or --from FILE, not both")
    if len(set(student_ids)) != len(student_ids):
        raise kit.course.cohort.RosterError("a learner is given twice; list each new learner once")
    if (lms_id or email) and len(student_ids) != 1:
        raise kit.course.cohort.RosterError("--lms-id and --email belong to one learner: add the others one by one, or use --from FILE")
    if source is not None:
        new = kit.course.cohort.parse_roster(source.read_bytes(), str(source))
    else:
        new = {student: {"student_id": student, "lms_id": lms_id, "email": email, "name": "", "section": ""}
               for student in student_ids}
    added, released = kit.course.cohort.enrol(_cohort(cohort_dir), new)
    click.echo(f"added {len(added)} learner(s): {', '.join(added)}")
    for assignment in released:
        click.echo(f"variants written for {assignment}")
