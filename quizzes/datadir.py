"""Where the platform keeps its data: outside the source tree, never committed.

``DANCOSO_DATA`` wins; otherwise ``./var`` under the current directory (the README's
commands run from the project root).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir"]


def data_dir(explicit: Path | None = None, *, create: bool = True) -> Path:
    chosen = explicit or Path(os.environ.get("DANCOSO_DATA") or Path.cwd() / "var")
    chosen = chosen.expanduser().resolve()
    if create:
        chosen.mkdir(parents=True, exist_ok=True)
    return chosen
