"""A course run and what it holds: the cohort folder with its settings and secret, the roster and
the intake of new learners, the graded material, the six assignments as data, each learner's
variant (derived from the secret) and the learner's side of a notebook (`open_task`).

Modules: `folder` (the cohort folder: `init_cohort`, `Cohort`), `secret`, `roster`, `enrolment`,
`material`, `assignments`, `learner_variants`, `learner` (what a released notebook calls; it runs
in the learner's kernel and imports nothing of the grader).

Public names: see `__all__` (imported lazily: a learner's kernel and the CLI start without them).
"""

from __future__ import annotations

from kit.lazy_exports import lazy_getattr

_EXPORTS = {
    "Cohort": "kit.course.cohort.folder",
    "CohortError": "kit.course.cohort.folder",
    "init_cohort": "kit.course.cohort.folder",
    "material_notes": "kit.course.cohort.folder",
    "SOLUTIONS": "kit.course.cohort.folder",
    "EXERCISES": "kit.course.cohort.folder",
    "SecretError": "kit.course.cohort.secret",
    "RosterError": "kit.course.cohort.roster",
    "ROSTER_FIELDS": "kit.course.cohort.roster",
    "read_roster": "kit.course.cohort.roster",
    "parse_roster": "kit.course.cohort.roster",
    "enrol": "kit.course.cohort.enrolment",
    "Material": "kit.course.cohort.material",
    "load_material": "kit.course.cohort.material",
    "Assignment": "kit.course.cohort.assignments",
    "Part": "kit.course.cohort.assignments",
    "UnknownAssignmentError": "kit.course.cohort.assignments",
    "get_assignment": "kit.course.cohort.assignments",
    "load_assignments": "kit.course.cohort.assignments",
    "load_rubrics": "kit.course.cohort.assignments",
    "LearnerVariant": "kit.course.cohort.learner_variants",
    "learner_variant": "kit.course.cohort.learner_variants",
    "public_variant": "kit.course.cohort.learner_variants",
    "open_task": "kit.course.cohort.learner",
}
__all__ = sorted(_EXPORTS)

__getattr__ = lazy_getattr(__name__, _EXPORTS)
