"""`bank check --fix`: rewrite files with the byte-level problems removed.

Only lossless repairs: drop a UTF-8 BOM, turn CRLF into LF, normalise to NFC. Content is
never reformatted, so comments and layout survive.
"""

from __future__ import annotations

from pathlib import Path

from .yaml_source import decode_text

__all__ = ["fix_file"]


def fix_file(path: Path) -> bool:
    """Rewrite ``path`` if a lossless fix applies; return whether it changed."""
    raw = path.read_bytes()
    text, problems = decode_text(raw)
    if text is None or not any(p.fixable for p in problems):
        return False
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(text.encode("utf-8"))
    temporary.replace(path)  # atomic: never a half-written bank file
    return True
