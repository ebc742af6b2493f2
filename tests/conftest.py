"""Shared fixtures: the project root, and a Vietnamese locale unless a test says otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _vietnamese_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    # Messages are asserted word for word; pin the language whatever the machine's locale.
    monkeypatch.setenv("DANCOSO_LANG", "vi")


@pytest.fixture
def project_root() -> Path:
    return ROOT
