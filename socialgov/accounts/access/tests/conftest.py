from __future__ import annotations

import pytest

from socialgov.core.testing import World
from socialgov.policies.tests.makers import adopt


@pytest.fixture
def lac(world) -> World:
    return adopt(world, "la-county-cio")
