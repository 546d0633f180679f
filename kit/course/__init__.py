"""The graded course (nbgrader), in four sub-packages by responsibility (see COURSE.md):

- `kit.course.cohort`: a course run (cohort folder, secret, roster and intake, graded material,
  the assignments as data, each learner's variant, what a released notebook calls);
- `kit.course.grading`: release, intake of submissions, checks, nbgrader's pipeline with the kit's
  preprocessors, part and plan scoring outside the learner's kernel, the autograde runner,
  failures, feedback, manual grading, the answer key;
- `kit.course.confine`: Linux confinement of learner code (primitives, whitelist view, the
  forkserver and its client, the chain's launcher, the installer);
- `kit.course.report`: the gradebook as pandas, grade exports and the cohort report.

Imports run one way: `confine` and `cohort` import nothing else of the course, `grading` imports
those two, `report` imports `cohort` and `grading`. Other packages use only the names each
sub-package lists in its `__all__`.
"""
