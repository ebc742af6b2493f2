"""Participant ids: they become nbgrader student ids, hence directory names.

An id is 3–40 characters of ``a-z 0-9 -``, starting with a letter or digit: no ``/``, ``..``,
``+`` (nbgrader's exchange separator), ``*``, ``_`` (the zip-collect separator), spaces or
upper case (case-insensitive file systems). :func:`check_participant_id` rejects anything
else; :func:`map_external_id` turns an id from another system into a safe one, stably and
without collisions between distinct inputs.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata

__all__ = [
    "ID_PATTERN",
    "InvalidParticipantId",
    "check_participant_id",
    "new_participant_id",
    "map_external_id",
]

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,39}$")
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i


class InvalidParticipantId(ValueError):
    def __init__(self, value: object):
        self.value = value
        super().__init__(f"invalid participant id {str(value)[:60]!r}")


def check_participant_id(value: object) -> str:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise InvalidParticipantId(value)
    return value


def new_participant_id(choice=secrets.choice) -> str:
    """``ts-`` and 8 unambiguous characters (≈ 8·10¹¹ ids); ``choice`` may be seeded."""
    return "ts-" + "".join(choice(_ALPHABET) for _ in range(8))


def map_external_id(raw: str) -> str:
    """A safe id for ``raw``: itself if already safe, else an ASCII slug plus a hash."""
    if ID_PATTERN.fullmatch(raw):
        return raw
    text = unicodedata.normalize("NFKD", raw.replace("đ", "d").replace("Đ", "D"))
    slug = re.sub(r"[^a-z0-9]+", "-", text.encode("ascii", "ignore").decode().lower()).strip("-")
    digest = hashlib.blake2b(raw.encode("utf-8"), digest_size=4).hexdigest()
    return f"{(slug[:28] or 'x')}-{digest}".lstrip("-")
