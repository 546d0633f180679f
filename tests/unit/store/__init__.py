"""Tests of kit.store."""
