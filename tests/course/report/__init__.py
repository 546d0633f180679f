"""Tests of kit.course.report."""
