"""Tests of kit.apps (headless: widgets without a browser)."""
