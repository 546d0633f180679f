"""Tests: notebooks layer."""
