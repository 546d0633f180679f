"""A course run and what it holds: the cohort folder with its settings and secret, the roster and
the intake of new learners, the graded material, the six assignments as data, each learner's
variant (derived from the secret) and the learner's side of a notebook (`open_task`).

Modules: `folder` (the cohort folder: `init_cohort`, `Cohort`), `secret`, `roster`, `enrolment`,
`material`, `assignments`, `learner_variants`, `learner` (what a released notebook calls; it runs
in the learner's kernel and imports nothing of the grader).

Public names: see `__all__` (imported lazily: a learner's kernel and the CLI start without them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy_exports import lazy_getattr

if TYPE_CHECKING:  # the same names, eagerly, for type checkers
    from kit.course.cohort.assignments import Assignment as Assignment
    from kit.course.cohort.assignments import Part as Part
    from kit.course.cohort.assignments import UnknownAssignmentError as UnknownAssignmentError
    from kit.course.cohort.assignments import get_assignment as get_assignment
    from kit.course.cohort.assignments import load_assignments as load_assignments
    from kit.course.cohort.assignments import load_rubrics as load_rubrics
    from kit.course.cohort.enrolment import enrol as enrol
    from kit.course.cohort.folder import EXERCISES as EXERCISES
    from kit.course.cohort.folder import SOLUTIONS as SOLUTIONS
    from kit.course.cohort.folder import Cohort as Cohort
    from kit.course.cohort.folder import CohortError as CohortError
    from kit.course.cohort.folder import init_cohort as init_cohort
    from kit.course.cohort.folder import material_notes as material_notes
    from kit.course.cohort.learner import open_task as open_task
    from kit.course.cohort.learner_variants import LearnerVariant as LearnerVariant
    from kit.course.cohort.learner_variants import learner_variant as learner_variant
    from kit.course.cohort.learner_variants import public_variant as public_variant
    from kit.course.cohort.material import Material as Material
    from kit.course.cohort.material import load_material as load_material
    from kit.course.cohort.roster import ROSTER_FIELDS as ROSTER_FIELDS
    from kit.course.cohort.roster import RosterError as RosterError
    from kit.course.cohort.roster import parse_roster as parse_roster
    from kit.course.cohort.roster import read_roster as read_roster
    from kit.course.cohort.secret import SecretError as SecretError

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
