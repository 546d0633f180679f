"""Tests: serve layer."""
