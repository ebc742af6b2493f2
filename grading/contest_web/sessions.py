"""Sessions of the contest page: an unguessable token per participant, kept in a cookie.

``<course>/contest/web_sessions.sqlite`` (the contest directory is 0700) maps the SHA-256 of
each token to a participant id — never the token itself, so a copy of the file opens no
session — and nothing personal. Tokens survive a server restart; lookups are cached in
memory, so a save costs no database read.

    store = SessionStore(layout.contest_dir / "web_sessions.sqlite")
    token = store.create("ts-3f9a2c1b")
    store.participant(token)          # -> "ts-3f9a2c1b", or None for an unknown token
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

from .. import clock

__all__ = ["SessionStore", "TOKEN_BYTES"]

TOKEN_BYTES = 32  # 256 bits from the OS's CSPRNG
_CACHE_LIMIT = 50_000

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    participant TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


class SessionStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        self._cache: dict[str, str] = {}
        self._lock = threading.Lock()
        with self._connect() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self):
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            # A session lost to a power cut costs a log-in, not an answer: no fsync per commit.
            db.execute("PRAGMA synchronous=NORMAL")
            yield db
        finally:
            db.close()

    def create(self, participant: str) -> str:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        digest = _digest(token)
        with self._connect() as db:
            db.execute(
                "INSERT INTO sessions (token_hash, participant, created_at) VALUES (?, ?, ?)",
                (digest, participant, clock.iso(clock.now())),
            )
        self._remember(digest, participant)
        return token

    def cached(self, token: str) -> str | None:
        """The participant if the token is in memory (no I/O; safe on the event loop)."""
        return self._cache.get(_digest(token)) if _plausible(token) else None

    def participant(self, token: str) -> str | None:
        if not _plausible(token):
            return None
        digest = _digest(token)
        found = self._cache.get(digest)
        if found is not None:
            return found
        with self._connect() as db:
            row = db.execute(
                "SELECT participant FROM sessions WHERE token_hash = ?", (digest,)
            ).fetchone()
        if row is None:
            return None
        self._remember(digest, row[0])
        return row[0]

    def delete(self, token: str) -> None:
        if not _plausible(token):
            return
        digest = _digest(token)
        with self._lock:
            self._cache.pop(digest, None)
        with self._connect() as db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (digest,))

    def _remember(self, digest: str, participant: str) -> None:
        with self._lock:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()  # crude but bounded; the database still has every session
            self._cache[digest] = participant


def _plausible(token: str) -> bool:
    return isinstance(token, str) and 20 <= len(token) <= 100 and token.isascii()
