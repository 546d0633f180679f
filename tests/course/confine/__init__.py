"""Tests of kit.course.confine."""
