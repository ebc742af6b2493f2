"""Message catalogue lookup: Vietnamese by default, English for maintainers.

The language comes from ``DANCOSO_LANG`` (``vi`` or ``en``), else from the system locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``): an ``en*`` locale selects English, anything else
Vietnamese, because the people this platform serves read Vietnamese.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["current_language", "translate", "Catalogue"]

Catalogue = Mapping[str, Mapping[str, str]]


def current_language() -> str:
    explicit = os.environ.get("DANCOSO_LANG", "").strip().lower()
    if explicit in {"vi", "en"}:
        return explicit
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "en" if value.lower().startswith("en") else "vi"
    return "vi"


def translate(catalogue: Catalogue, key: str, /, **values: object) -> str:
    """Format message ``key`` from ``catalogue`` in the current language."""
    entry = catalogue[key]
    template = entry.get(current_language()) or entry["vi"]
    return template.format(**values)
