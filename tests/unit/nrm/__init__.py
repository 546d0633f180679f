"""Tests of kit.nrm."""
