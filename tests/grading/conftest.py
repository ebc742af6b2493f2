"""Contest fixtures: a course built from the fixture spec and bank, once per test module."""

from __future__ import annotations

from pathlib import Path

import pytest
from contest_fixtures import build


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("course") / "kiem-thu"
    build(path)
    return path
