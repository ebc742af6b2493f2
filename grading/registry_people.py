"""Personal data of participants, kept apart from answers (Law 91/2025 on personal data).

``<course>/private/participants.sqlite`` — the directory 0700, the files 0600: readable only
by the organiser's account. Answers, papers, the attempt ledger and nbgrader's gradebook hold
only the participant id (random, derived from nothing personal), so erasing this row leaves
results that are anonymous.

    people = PeopleRegistry(layout.people_file, spec)
    person = people.register({"ho_ten": "Nguyễn Văn An", ...}, consent=True,
                             publish_consent=False)          # RegistrationError if refused
    people.find(phone="0912345678")                          # -> participant id or None
    people.forget(person.participant_id)                     # erase; keep results anonymous

Consent is never assumed: ``consent`` must be True (the box starts unticked), and the time and
the version of the consent text are recorded. Publishing name and unit is a separate, optional
consent. Duplicate phone/CCCD/email (fields marked ``unique``) are refused with a message that
names the field; nothing already stored is changed. Erasure overwrites the deleted content
(``secure_delete``) and checkpoints the WAL, so the bytes do not linger in the files.

Registrations arriving together from several threads (the contest page at a round's opening)
are written by :class:`grading.registry_batch.GroupCommit`: one transaction and one fsync for
the group, each registration in its own savepoint, so a duplicate or a failure refuses only
its own registration. ``register`` returns after the commit that holds the row.

Permissions never depend on the umask, which is process-wide and so not ours to change while
other threads create files: the directory is made 0700 and the database file 0600 at
creation (``os.open`` with ``O_EXCL``), and SQLite gives its ``-wal`` and ``-shm`` files the
database file's mode. Connections open the file read-write, never creating it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from quizzes.contest_spec import UNIQUE_KINDS, ContestSpec
from quizzes.i18n import translate

from . import clock
from .messages import MESSAGES
from .participant_ids import check_participant_id, new_participant_id
from .registration_fields import FieldProblem, clean_registration
from .registry_batch import GroupCommit

__all__ = ["Person", "RegistrationError", "PeopleRegistry"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS people (
    id TEXT PRIMARY KEY,
    registered_at TEXT NOT NULL,
    unit TEXT,
    grp TEXT,
    data TEXT,
    phone TEXT UNIQUE,
    cccd TEXT UNIQUE,
    email TEXT UNIQUE,
    consent_version TEXT NOT NULL,
    consented_at TEXT NOT NULL,
    publish_consent INTEGER NOT NULL DEFAULT 0,
    publish_consented_at TEXT,
    forgotten_at TEXT
);
CREATE TABLE IF NOT EXISTS erasures (participant TEXT NOT NULL, erased_at TEXT NOT NULL);
"""


class RegistrationError(ValueError):
    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


@dataclass(frozen=True)
class Person:
    participant_id: str
    registered_at: dt.datetime
    unit: str | None
    group: str | None
    fields: dict[str, str] | None  # None once erased
    consent_version: str
    consented_at: dt.datetime
    publish_consent: bool
    forgotten_at: dt.datetime | None


@dataclass(frozen=True)
class _Registration:
    """A validated registration waiting for its place in a group commit."""

    cleaned: dict[str, str]
    unique: dict[str, str | None]
    moment: dt.datetime
    publish_consent: bool
    participant_id: str | None
    choose: Callable | None


def _private_file(path: Path) -> None:
    """``path``'s directory 0700 and the file 0600, never wider even for a moment."""
    path.parent.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(path.parent, 0o700)
    except FileExistsError:
        pass
    os.chmod(path.parent, 0o700)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    for existing in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if existing.exists():  # made by an older version, perhaps under a wider umask
            os.chmod(existing, 0o600)


def _person(row: sqlite3.Row) -> Person:
    return Person(
        participant_id=row["id"],
        registered_at=dt.datetime.fromisoformat(row["registered_at"]),
        unit=row["unit"],
        group=row["grp"],
        fields=None if row["data"] is None else json.loads(row["data"]),
        consent_version=row["consent_version"],
        consented_at=dt.datetime.fromisoformat(row["consented_at"]),
        publish_consent=bool(row["publish_consent"]),
        forgotten_at=None
        if row["forgotten_at"] is None
        else dt.datetime.fromisoformat(row["forgotten_at"]),
    )


class PeopleRegistry:
    def __init__(self, path: Path, spec: ContestSpec):
        self.path = Path(path)
        self.spec = spec
        _private_file(self.path)
        self._uri = self.path.absolute().as_uri() + "?mode=rw"
        self._unique = {
            f.kind: f for f in spec.registration.fields if f.unique and f.kind in UNIQUE_KINDS
        }
        group = next((f for f in spec.registration.fields if f.kind == "choice"), None)
        self._group_key = group.key if group else None
        unit = spec.registration.field_of_kind("unit")
        self._unit_key = unit.key if unit else None
        self._writer: GroupCommit[_Registration, Person] = GroupCommit(self._connect, self._insert)
        with self._connect() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _connect(self):
        # check_same_thread=False: a group commit's connection is used by one leader at a
        # time, but the leader is whichever caller's thread holds the role.
        db = sqlite3.connect(
            self._uri, uri=True, timeout=30, isolation_level=None, check_same_thread=False
        )
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA secure_delete=ON")
            yield db
        finally:
            db.close()

    def register(
        self,
        values: Mapping[str, object],
        *,
        consent: bool,
        publish_consent: bool = False,
        now: dt.datetime | None = None,
        participant_id: str | None = None,
        choose: Callable | None = None,
    ) -> Person:
        """Validate, then store with the registrations arriving meanwhile (one commit)."""
        moment = clock.in_vietnam(now or clock.now())
        cleaned, problems = clean_registration(self.spec, values, moment.date())
        if consent is not True:
            problems.append(
                FieldProblem("consent", "consent_required", translate(MESSAGES, "consent_required"))
            )
        if problems:
            raise RegistrationError(problems)
        unique = {kind: cleaned.get(field.key) for kind, field in self._unique.items()}
        registration = _Registration(
            cleaned, unique, moment, bool(publish_consent), participant_id, choose
        )
        return self._writer.submit(registration)

    def _insert(self, db: sqlite3.Connection, registration: _Registration) -> Person:
        """One registration inside the group's transaction; earlier ones of the same group
        are visible to the duplicate check."""
        cleaned, unique, moment = registration.cleaned, registration.unique, registration.moment
        clashes = [
            FieldProblem(
                self._unique[kind].key,
                "duplicate",
                translate(MESSAGES, "duplicate_value", label=self._unique[kind].label),
            )
            for kind, value in unique.items()
            if value is not None
            and db.execute(f"SELECT 1 FROM people WHERE {kind} = ?", (value,)).fetchone()
        ]
        if clashes:
            raise RegistrationError(clashes)
        pid = self._new_id(db, registration.participant_id, registration.choose)
        publish = registration.publish_consent
        db.execute(
            "INSERT INTO people (id, registered_at, unit, grp, data, phone, cccd, email, "
            "consent_version, consented_at, publish_consent, publish_consented_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                pid,
                clock.iso(moment),
                cleaned.get(self._unit_key) if self._unit_key else None,
                cleaned.get(self._group_key) if self._group_key else None,
                json.dumps(cleaned, ensure_ascii=False),
                unique.get("phone"),
                unique.get("cccd"),
                unique.get("email"),
                self.spec.consent.version,
                clock.iso(moment),
                int(publish),
                clock.iso(moment) if publish else None,
            ),
        )
        return _person(db.execute("SELECT * FROM people WHERE id = ?", (pid,)).fetchone())

    def _new_id(self, db, wanted: str | None, choose: Callable | None) -> str:
        if wanted is not None:
            check_participant_id(wanted)
            if db.execute("SELECT 1 FROM people WHERE id = ?", (wanted,)).fetchone():
                raise RegistrationError(
                    [
                        FieldProblem(
                            "participant",
                            "exists",
                            translate(MESSAGES, "participant_exists", participant=wanted),
                        )
                    ]
                )
            return wanted
        while True:
            pid = new_participant_id(choose) if choose else new_participant_id()
            if not db.execute("SELECT 1 FROM people WHERE id = ?", (pid,)).fetchone():
                return pid

    def get(self, participant_id: str) -> Person | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM people WHERE id = ?", (participant_id,)).fetchone()
        return None if row is None else _person(row)

    def exists(self, participant_id: str) -> bool:
        with self._connect() as db:
            return (
                db.execute("SELECT 1 FROM people WHERE id = ?", (participant_id,)).fetchone()
                is not None
            )

    def find(
        self, *, phone: str | None = None, cccd: str | None = None, email: str | None = None
    ) -> str | None:
        """The participant registered with this (normalised) unique value, if any."""
        for kind, value in (("phone", phone), ("cccd", cccd), ("email", email)):
            if value is not None:
                with self._connect() as db:
                    row = db.execute(f"SELECT id FROM people WHERE {kind} = ?", (value,)).fetchone()
                return None if row is None else row["id"]
        return None

    def ids(self) -> list[str]:
        with self._connect() as db:
            return [
                row["id"] for row in db.execute("SELECT id FROM people ORDER BY registered_at, id")
            ]

    def units(self) -> dict[str, tuple[str | None, str | None]]:
        """``{participant: (unit, group)}`` — kept after erasure, for anonymous statistics."""
        with self._connect() as db:
            return {
                r["id"]: (r["unit"], r["grp"])
                for r in db.execute("SELECT id, unit, grp FROM people")
            }

    def public_entry(self, participant_id: str) -> dict[str, str] | None:
        """Name and unit for public results: only with the publishing consent, never erased."""
        person = self.get(participant_id)
        if person is None or not person.publish_consent or person.fields is None:
            return None
        name_field = self.spec.registration.field_of_kind("name")
        unit = self.spec.unit(person.unit) if person.unit else None
        return {"name": person.fields.get(name_field.key, ""), "unit": unit.name if unit else ""}

    def forget(self, participant_id: str, *, now: dt.datetime | None = None) -> bool:
        """Erase the person's data; True if there was something to erase."""
        moment = clock.iso(clock.in_vietnam(now or clock.now()))
        with self._connect() as db:
            cursor = db.execute(
                "UPDATE people SET data = NULL, phone = NULL, cccd = NULL, email = NULL, "
                "publish_consent = 0, forgotten_at = ? WHERE id = ? AND forgotten_at IS NULL",
                (moment, participant_id),
            )
            if cursor.rowcount:
                db.execute("INSERT INTO erasures VALUES (?, ?)", (participant_id, moment))
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("VACUUM")
            return bool(cursor.rowcount)
