"""Tests of kit.course.cohort."""
