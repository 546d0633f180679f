"""Tests of kit.course."""
