"""Fixtures for the policies tests: the test agency with one of the shipped packs in force."""

from __future__ import annotations

import pytest

from socialgov.core.testing import World
from socialgov.policies.tests.makers import adopt


@pytest.fixture
def dcfs(world) -> World:
    return adopt(world, "la-county-dcfs")


@pytest.fixture
def lac(world) -> World:
    return adopt(world, "la-county-cio")


@pytest.fixture
def lccs(world) -> World:
    return adopt(world, "lucas-county-cs")


@pytest.fixture
def ky(world) -> World:
    return adopt(world, "kentucky-cot")
