"""A student's graded assignments, kept in the store for their progress: written by the course, read by the student.

The graded course (kit/course, a layer above the store) exports each learner's result of an
assignment once its feedback is released: the points, the maximum, whether a part still awaits
manual grading, the assignment's chapter and titles in both languages (the store and the apps
never read the course), how many graded assignments the course has, and when it was graded and
released. A student reads their own rows (`assignment_results`); an export writes them again
(`save_assignment_results`: a row per participant, course and assignment, replaced whole), so a
grade changed by hand reaches the student at the next export. On the hub's PostgreSQL only the
administrator (the evaluator's tools) writes the table and each account reads only its own rows
(kit/hub/database.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, delete, insert, select

from kit.store.answers import AnswerStore, is_valid_pseudonym
from kit.store.errors import StoreError
from kit.store.schema import assignment_results as results_table

_ID = re.compile(r"^[\w\-.:]{1,120}$")
TITLE_LENGTH = 200


@dataclass(frozen=True, slots=True)
class AssignmentResult:
    """One participant's result of one graded assignment of a course, as released to them."""

    participant: str  # the stored form of the pseudonym (kit.store.pseudonym_key)
    course: str
    assignment: str
    chapter: int
    title_sv: str
    title_en: str
    score: float
    max_score: float
    provisional: bool  # a part still awaits manual grading: the points may grow
    course_assignments: int  # how many graded assignments the course has
    graded_at: float
    released_at: float

    def title(self, lang: str) -> str:
        """The assignment's title in `lang` (Swedish unless English is asked for)."""
        return self.title_en if lang == "en" else self.title_sv

    @property
    def share(self) -> float:
        """The points as a share of the maximum (0-1; more with extra credit)."""
        return self.score / self.max_score


def save_assignment_results(store: AnswerStore, results: Iterable[AssignmentResult]) -> int:
    """Write `results`, each replacing the stored row of its participant, course and assignment, in
    one transaction; returns how many. StoreError (nothing written) for a result the store would not take."""
    rows = [_row(result) for result in results]
    table = results_table
    with store.engine.begin() as connection:
        for row in rows:
            connection.execute(delete(table).where(and_(table.c.participant == row["participant"],
                                                        table.c.course == row["course"],
                                                        table.c.assignment == row["assignment"])))
            connection.execute(insert(table).values(**row))
    return len(rows)


def assignment_results(store: AnswerStore, participant: str) -> list[AssignmentResult]:
    """`participant`'s released results (the stored form of the pseudonym), by course, then chapter."""
    table = results_table
    query = (select(table).where(table.c.participant == participant)
             .order_by(table.c.course, table.c.chapter, table.c.assignment))
    with store.engine.connect() as connection:
        return [AssignmentResult(row.participant, row.course, row.assignment, int(row.chapter), row.title_sv, row.title_en,
                                 float(row.score), float(row.max_score), bool(row.provisional), int(row.course_assignments),
                                 float(row.graded_at), float(row.released_at))
                for row in connection.execute(query)]


def _row(result: AssignmentResult) -> dict[str, object]:
    """The table row of `result`, checked: StoreError names what the store would not take."""
    if not is_valid_pseudonym(result.participant) or result.participant != " ".join(result.participant.split()).casefold():
        raise StoreError(f"participant {result.participant!r} is not the stored form of a pseudonym (kit.store.pseudonym_key)")
    for field, value in (("course", result.course), ("assignment", result.assignment)):
        if not isinstance(value, str) or not _ID.match(value):
            raise StoreError(f"{field} {value!r} is not a valid id")
    for field, title in (("Swedish title", result.title_sv), ("English title", result.title_en)):
        if not isinstance(title, str) or not title.strip() or len(title) > TITLE_LENGTH:
            raise StoreError(f"the {field} of {result.assignment} must be 1-{TITLE_LENGTH} characters")
    if not _finite(result.max_score) or result.max_score <= 0:
        raise StoreError(f"the maximum of {result.assignment} must be a positive number, not {result.max_score!r}")
    if not _finite(result.score) or result.score < 0:  # above the maximum with nbgrader's extra credit
        raise StoreError(f"the score of {result.assignment} must be a number of points, not {result.score!r}")
    if not isinstance(result.chapter, int) or result.chapter < 1:
        raise StoreError(f"the chapter of {result.assignment} must be a chapter number, not {result.chapter!r}")
    if not isinstance(result.course_assignments, int) or result.course_assignments < 1:
        raise StoreError(f"the number of assignments of course {result.course} must be at least 1")
    if not (_finite(result.graded_at) and _finite(result.released_at)):
        raise StoreError(f"the times of {result.assignment} must be seconds since the epoch")
    return dict(participant=result.participant, course=result.course, assignment=result.assignment, chapter=result.chapter,
                title_sv=result.title_sv, title_en=result.title_en, score=float(result.score),
                max_score=float(result.max_score), provisional=bool(result.provisional),
                course_assignments=result.course_assignments, graded_at=float(result.graded_at),
                released_at=float(result.released_at))


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
