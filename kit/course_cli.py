"""`strom-kit course …`: the evaluator's commands over kit.course (no logic of its own)."""

from __future__ import annotations

from pathlib import Path

import click

COHORT = click.option("--cohort", "cohort_dir", type=click.Path(file_okay=False, path_type=Path),
                      envvar="STROM_KIT_COHORT", default=Path("."), show_default=True,
                      help="The cohort folder (or $STROM_KIT_COHORT).")


class CourseGroup(click.Group):
    """Turns the course's own errors into one readable line and exit status 1."""

    def invoke(self, ctx: click.Context):
        from kit.course.cohort import CohortError
        from kit.course.manual_grading import RubricError
        from kit.course.release import ReleaseError
        from kit.course.secret import SecretError

        try:
            return super().invoke(ctx)
        except (CohortError, SecretError, ReleaseError, RubricError) as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=CourseGroup)
def course() -> None:
    """Graded course with nbgrader: release, collect, autograde, feedback, export, report."""


def _cohort(folder: Path):
    from kit.course.cohort import Cohort

    return Cohort.open(folder)


@course.command("init")
@click.argument("cohort_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--material", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Graded material to copy in: cases/*.yaml and situations.yaml.")
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="roster.csv with a student_id column (pseudonyms are fine).")
@click.option("--no-sandbox", is_flag=True, help="Do not install the confined grading kernel.")
def course_init(cohort_dir: Path, material: Path | None, roster: Path | None, no_sandbox: bool) -> None:
    """Make a cohort folder with its nbgrader config, secret and (optionally) material and roster."""
    from kit.course.cohort import CohortError, init_cohort

    if not no_sandbox:
        from kit.course.sandbox import socket_room_problem

        problem = socket_room_problem(cohort_dir)
        if problem:
            raise CohortError(problem)
    cohort = init_cohort(cohort_dir, material=material, roster=roster)
    if material is not None:
        from kit.course.cohort import material_notes

        for line in material_notes(material, cohort):
            click.echo(line, err=line.startswith("warning:"))
    if not no_sandbox:
        from kit.course.sandbox import Limits, install_kernel

        sandbox = install_kernel(cohort.root, Limits(memory_mb=cohort.limit("memory_mb"),
                                                     processes=cohort.limit("processes")))
        click.echo("grading kernel: " + ", ".join(sandbox.level))
    click.echo(f"cohort ready: {cohort.root}")


@course.command("build")
def course_build() -> None:
    """Regenerate the release (exercises/) from the source assignments (solutions/), for maintainers."""
    from kit.course.cohort import EXERCISES
    from kit.course.release import build_exercises

    for path in build_exercises(EXERCISES):
        click.echo(f"built {path}")


@course.command("release")
@click.argument("assignment")
@COHORT
def course_release(assignment: str, cohort_dir: Path) -> None:
    """Build outbound/ASSIGNMENT: the release notebook and every learner's own variant."""
    from kit.course.release import release

    target = release(_cohort(cohort_dir), assignment)
    click.echo(f"released {assignment} to {target} ({len(list((target / 'variants').glob('*.json')))} learners)")


@course.command("collect")
@click.argument("assignment")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@COHORT
def course_collect(assignment: str, source: Path, cohort_dir: Path) -> None:
    """Take in an LMS download (ZIP or folder, one file per learner) as submissions."""
    from kit.course.collect import collect

    report = collect(_cohort(cohort_dir), assignment, source)
    for note in report.notes:
        click.echo(f"note: {note}")
    for name, reason in report.skipped:
        click.echo(f"left out {name}: {reason}", err=True)
    click.echo(f"stored {len(report.stored)} submission(s) of {assignment}")


@course.command("autograde")
@click.argument("assignment")
@COHORT
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes (default: cores).")
@click.option("--student", "students", multiple=True, help="Only these learners (repeatable).")
def course_autograde(assignment: str, cohort_dir: Path, jobs: int | None, students: tuple[str, ...]) -> None:
    """Grade every submission in parallel; exit 1 when any submission failed."""
    from kit.course.autograde import autograde

    cohort = _cohort(cohort_dir)
    total = len(students) or len(cohort.learners())
    with click.progressbar(length=total, label=f"autograding {assignment}", file=click.get_text_stream("stderr")) as bar:
        outcomes = autograde(cohort.root, assignment, jobs=jobs, students=list(students) or None,
                             on_outcome=lambda _: bar.update(1))
    width = max([len(o.student) for o in outcomes] + [7])
    click.echo(f"{'learner':<{width}}  {'status':<7}  {'score':>11}  {'s':>5}  reasons")
    for o in outcomes:
        score = "" if o.score is None else f"{o.score:g}/{o.max_score:g}"
        click.echo(f"{o.student:<{width}}  {o.status:<7}  {score:>11}  {o.seconds:>5.1f}  {'; '.join(o.reasons)}")
    failed = [o for o in outcomes if o.status != "graded"]
    click.echo(f"{len(outcomes) - len(failed)} graded, {len(failed)} failed")
    if failed:
        raise SystemExit(1)


@course.command("feedback")
@click.argument("assignment")
@COHORT
def course_feedback(assignment: str, cohort_dir: Path) -> None:
    """Write each graded learner's feedback HTML (hidden tests and the key left out)."""
    from kit.course.feedback import generate_feedback

    problems = generate_feedback(_cohort(cohort_dir), assignment)
    for student, problem in problems.items():
        if problem:
            click.echo(f"{student}: {problem}", err=True)
    click.echo(f"feedback for {sum(p is None for p in problems.values())} learner(s)")
    if any(problems.values()):
        raise SystemExit(1)


@course.command("rubric")
@click.argument("assignment")
@click.argument("part")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
def course_rubric(assignment: str, part: str, lang: str) -> None:
    """Show a free-text part's rubric and comment bank."""
    from kit.course.manual_grading import rubric_for

    rubric = rubric_for(assignment, part)
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
    from kit.course.manual_grading import RubricError, apply_manual_grade

    parsed = {}
    for mark in marks:
        item, _, points = mark.partition("=")
        try:
            parsed[item] = float(points)
        except ValueError:
            raise RubricError(f"--mark {mark!r}: write ITEM=POINTS, e.g. names_principle=1") from None
    result = apply_manual_grade(_cohort(cohort_dir), assignment, student, part, parsed, list(comments), note, lang)
    click.echo(f"{student} {part}: {result.score:g} points")


@course.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "canvas", "moodle"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@COHORT
def course_export(fmt: str, out: Path, cohort_dir: Path) -> None:
    """Export the grades (csv with pseudonymous ids, or an LMS import file)."""
    from kit.course.failures import without_failures
    from kit.course.grade_exports import export_grades
    from kit.course.gradebook_frame import grades_frame, totals_frame

    cohort = _cohort(cohort_dir)
    roster = cohort.path("roster.csv")
    totals, failures = without_failures(totals_frame(grades_frame(cohort.db_url, cohort.course_id)), cohort.root)
    export_grades(totals, roster if roster.exists() else None, fmt, out)
    for (assignment, student), reasons in sorted(failures.items()):
        click.echo(f"left blank: {student} {assignment}: {'; '.join(reasons)}", err=True)
    click.echo(f"wrote {out}")


@course.command("report")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for report.html, report.ipynb and report.csv (default: COHORT/report).")
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@COHORT
def course_report(out: Path | None, lang: str, cohort_dir: Path) -> None:
    """Write the cohort's analytics: HTML report, a notebook for trainers, and a pseudonymous CSV."""
    from kit.course.report import write_report

    cohort = _cohort(cohort_dir)
    written = write_report(cohort.root, out or cohort.path("report"), lang, course_id=cohort.course_id)
    for path in written.values():
        click.echo(f"wrote {path}")
