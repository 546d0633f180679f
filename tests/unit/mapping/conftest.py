"""Shared fixtures: the shipped municipalities, generated once per session."""

from __future__ import annotations

import pytest

SHIPPED = ("port_city", "inland_town", "transit_town", "northern_town")


@pytest.fixture(scope="session")
def towns():
    """{profile id: Municipality} for the shipped profiles, seed 1."""
    from kit.mapping import generate

    return {profile: generate(profile, seed=1) for profile in SHIPPED}


@pytest.fixture(scope="session")
def inland(towns):
    return towns["inland_town"]


@pytest.fixture(scope="session")
def port(towns):
    return towns["port_city"]
