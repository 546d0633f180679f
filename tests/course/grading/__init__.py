"""Tests of kit.course.grading."""
