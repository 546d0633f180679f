"""Tests of kit.cases."""
