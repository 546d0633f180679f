"""The course: cohort analytics for trainers (and, later, nbgrader glue for graded assignments)."""
