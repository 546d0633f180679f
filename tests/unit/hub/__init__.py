"""Unit tests of kit.hub (no hub running)."""
