"""Text normalisation shared by the bank, answer sheets and graders."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["nfc", "normalise_answer", "normalise_stem"]

_SPACES = re.compile(r"\s+")
_EDGE_PUNCTUATION = ".,;:!?\"'“”‘’()[]"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalise_answer(text: str) -> str:
    """Canonical form for short-answer matching: NFC, case-folded, single spaces,
    no surrounding punctuation. Diacritics are kept: "bàn" and "bán" are different words."""
    folded = _SPACES.sub(" ", nfc(text).casefold()).strip()
    return folded.strip(_EDGE_PUNCTUATION + " ")


def normalise_stem(text: str) -> str:
    """Form used to detect the same stem written twice (spacing and case ignored)."""
    return normalise_answer(text)
