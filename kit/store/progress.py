"""A self-paced student's progress, read from the answer store: per chapter, what is done and how it went.

One participant's answers (the store's `answers_by_participant` index finds them) become one
line per chapter: how many of the chapter's exercises are done out of how many there are, the
average of each exercise's latest score, the best and the latest score, and the day of the last
answer. An exercise is a quiz situation (chapter 1), a bank case (chapters 2 and 4: an answer to a
variant counts for the bank case behind it), a case planned for (chapter 5; the scenario played
counts apart) or a municipality planned for (chapters 3 and 6). Chapters 2 and 4 share the
classifier: a case that is in both chapters' sets is done in both. A student of the graded course
also gets, per course, the assignments whose feedback has been released (kit.store.graded: the
course exports them): how many of the course's assignments, and the points of each.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeGuard

from kit.cases import load_bank
from kit.content import load
from kit.mapping import shipped_profiles
from kit.store.answers import AnswerStore, StoredAnswer, is_valid_pseudonym, pseudonym_key
from kit.store.errors import StoreError
from kit.store.graded import AssignmentResult, assignment_results

QUIZ, CLASSIFIER, MAPPING, PLANNER = "principles_quiz", "classifier", "mapping_simulator", "nrm_planner"
PREVENTION_PREFIX = "prevention:"  # chapter 6 keeps its plans apart from chapter 3's (kit/apps/mapping_simulator.py)
SCENARIO_SUFFIX = ":scenario"  # a planner's played scenario (kit/apps/planner.py)
# What each chapter's exercises are, in the order of the chapters (the apps each chapter page ends with).
CHAPTER_KINDS: dict[int, str] = {1: "situations", 2: "cases", 3: "municipalities", 4: "cases", 5: "plans", 6: "municipalities"}


@dataclass(frozen=True, slots=True)
class ExerciseProgress:
    """One exercise done: its id (a case, situation or municipality profile), its latest and best
    score (0-1, None when the app gives none), how many answers and variants, the last answer's time."""

    exercise: str
    latest: float | None
    best: float | None
    answers: int
    variants: int
    last_at: float


@dataclass(frozen=True, slots=True)
class ChapterProgress:
    """A chapter's exercises done out of `total`, and the scenarios played (chapter 5)."""

    number: int
    kind: str
    total: int
    done: tuple[ExerciseProgress, ...]
    scenarios: tuple[ExerciseProgress, ...] = ()

    @property
    def started(self) -> bool:
        return bool(self.done or self.scenarios)

    @property
    def average(self) -> float | None:
        """The mean of the latest score of each exercise done (None: nothing scored)."""
        scores = [exercise.latest for exercise in self.done if exercise.latest is not None]
        return sum(scores) / len(scores) if scores else None

    @property
    def best(self) -> float | None:
        scores = [exercise.best for exercise in self.done if exercise.best is not None]
        return max(scores) if scores else None

    @property
    def latest(self) -> float | None:
        """The score of the chapter's most recent answer (None: nothing scored)."""
        scored = [exercise for exercise in self.done if exercise.latest is not None]
        return max(scored, key=lambda exercise: exercise.last_at).latest if scored else None

    @property
    def last_at(self) -> float | None:
        times = [exercise.last_at for exercise in (*self.done, *self.scenarios)]
        return max(times) if times else None


@dataclass(frozen=True, slots=True)
class CourseProgress:
    """A graded course's assignments released to the student (by chapter) out of the course's `total`."""

    course: str
    total: int
    done: tuple[AssignmentResult, ...]

    @property
    def last_at(self) -> float:
        return max(result.released_at for result in self.done)


@dataclass(frozen=True, slots=True)
class StudentProgress:
    """Every chapter of one participant (under the stored form of the pseudonym), and their graded courses."""

    participant: str
    chapters: tuple[ChapterProgress, ...]
    courses: tuple[CourseProgress, ...] = ()

    @property
    def started(self) -> bool:
        return any(chapter.started for chapter in self.chapters) or bool(self.courses)

    @property
    def last_at(self) -> float | None:
        """When the student last answered (grades released to them are not their work: not counted)."""
        times = [chapter.last_at for chapter in self.chapters if chapter.last_at is not None]
        return max(times) if times else None

    def chapter(self, number: int) -> ChapterProgress:
        return next(chapter for chapter in self.chapters if chapter.number == number)


@dataclass(frozen=True, slots=True)
class Exercises:
    """The exercises each chapter counts: quiz situations, the bank's cases by set, the shipped profiles."""

    situations: Sequence[str]
    seed_cases: Sequence[str]
    all_cases: Sequence[str]
    trafficking_cases: Sequence[str]
    profiles: Sequence[str]

    @classmethod
    def shipped(cls) -> Exercises:
        """The kit's own: the situations of the knowledge base, the case bank, the shipped profiles."""
        return cls.from_bank([situation.id for situation in load().situations], load_bank(), shipped_profiles())

    @classmethod
    def from_bank(cls, situations: Sequence[str], bank: Mapping[str, Any], profiles: Sequence[str]) -> Exercises:
        # the sets the chapter pages open (kit/apps/chapter.py): seed cases in 2, all in 4, trafficking in 5
        return cls(tuple(situations), tuple(c.id for c in bank.values() if c.source.kind == "seed"), tuple(bank),
                   tuple(c.id for c in bank.values() if c.truth.trafficking), tuple(profiles))


def read_progress(store: AnswerStore, pseudonym: str, exercises: Exercises | None = None) -> StudentProgress:
    """The progress of the participant who typed `pseudonym` (in any case, with any spacing);
    StoreError for a pseudonym the store would not take."""
    name = " ".join(str(pseudonym).split())
    if not is_valid_pseudonym(name):
        raise StoreError("a pseudonym is 1-40 letters, digits, spaces, '-', '_' or '.'")
    participant = pseudonym_key(name)
    progress = progress_from_answers(participant, store.answers(participant=participant), exercises or Exercises.shipped())
    return replace(progress, courses=courses_from_results(assignment_results(store, participant)))


def courses_from_results(results: Iterable[AssignmentResult]) -> tuple[CourseProgress, ...]:
    """The released results grouped by course (in the order given: by course, then chapter); a
    course's total is what its latest export said."""
    by_course: dict[str, list[AssignmentResult]] = {}
    for result in results:
        by_course.setdefault(result.course, []).append(result)
    return tuple(CourseProgress(course, max(done, key=lambda result: result.released_at).course_assignments, tuple(done))
                 for course, done in by_course.items())


def progress_from_answers(participant: str, answers: Iterable[StoredAnswer], exercises: Exercises) -> StudentProgress:
    """`participant`'s progress from their stored answers (oldest first, as the store lists them)."""
    groups: dict[str, dict[str, list[StoredAnswer]]] = {key: {} for key in ("quiz", "cases", "ch3", "ch6", "plans", "scenarios")}
    for stored in answers:
        group, exercise = _exercise_of(stored)
        if group is not None:
            groups[group].setdefault(exercise, []).append(stored)
    cases = groups["cases"]
    chapters = (
        _chapter(1, exercises.situations, groups["quiz"]),
        _chapter(2, exercises.seed_cases, cases),
        _chapter(3, exercises.profiles, groups["ch3"]),
        _chapter(4, exercises.all_cases, cases),
        _chapter(5, exercises.trafficking_cases, groups["plans"], groups["scenarios"]),
        _chapter(6, exercises.profiles, groups["ch6"]),
    )
    return StudentProgress(participant, chapters)


def _exercise_of(stored: StoredAnswer) -> tuple[str | None, str]:
    """The group and exercise an answer counts for (None: an app no chapter counts)."""
    if stored.app == QUIZ:
        return "quiz", stored.item
    if stored.app == CLASSIFIER:
        return "cases", stored.base
    if stored.app == MAPPING:
        if stored.item.startswith(PREVENTION_PREFIX):
            return "ch6", stored.item[len(PREVENTION_PREFIX):].split(":")[0]
        return "ch3", stored.item.split(":")[0]
    if stored.app == PLANNER:
        return ("scenarios" if stored.item.endswith(SCENARIO_SUFFIX) else "plans"), stored.item.split(":")[0]
    return None, stored.item


def _chapter(number: int, exercises: Sequence[str], answered: Mapping[str, list[StoredAnswer]],
             scenarios: Mapping[str, list[StoredAnswer]] | None = None) -> ChapterProgress:
    """The chapter's exercises that have answers, in the chapter's order; answers to exercises the
    chapter no longer offers (a case taken out of the bank) are not counted."""
    done = tuple(_exercise(exercise, answered[exercise]) for exercise in exercises if exercise in answered)
    played = tuple(_exercise(exercise, scenarios[exercise]) for exercise in exercises if scenarios and exercise in scenarios)
    return ChapterProgress(number, CHAPTER_KINDS[number], len(exercises), done, played)


def _exercise(exercise: str, answers: list[StoredAnswer]) -> ExerciseProgress:
    """An exercise from its answers: the most recent answer gives the latest score, every answer the best."""
    last = max(answers, key=lambda stored: (stored.created_at, stored.id))
    scores = [stored.score for stored in answers if _is_score(stored.score)]
    return ExerciseProgress(exercise, last.score if _is_score(last.score) else None, max(scores) if scores else None,
                            len(answers), len({stored.seed for stored in answers}), last.created_at)


def _is_score(score: Any) -> TypeGuard[float]:
    return isinstance(score, (int, float)) and not isinstance(score, bool) and score == score  # NaN is no score
