"""Tests: browser layer."""
