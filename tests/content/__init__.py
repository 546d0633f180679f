"""Tests: content layer."""
