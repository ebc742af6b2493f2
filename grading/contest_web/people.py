"""Registering on the contest page and logging in again — blocking calls, run off the loop.

Registration goes through :class:`grading.registry_people.PeopleRegistry` (validation by
:mod:`grading.registration_fields`, consent recorded with its time and text version, duplicate
phone/CCCD refused with nothing overwritten). Logging in again, on another phone or after the
cookie was cleared, needs every identifying field the form has (phone, CCCD, email, date of
birth) to match one registration; failures are throttled per client address.
"""

from __future__ import annotations

import collections
import time
from collections.abc import Mapping

from ..registration_fields import normalise_cccd, normalise_phone, parse_birth_date
from ..registry_people import PeopleRegistry, RegistrationError
from .errors import PageError
from .page_data import login_keys

__all__ = ["register_person", "find_person", "LoginThrottle"]


def _problems(error: RegistrationError) -> list[dict[str, str]]:
    return [{"field": p.key, "code": p.code, "message": p.message} for p in error.problems]


def register_person(people: PeopleRegistry, body: Mapping, moment) -> str:
    """The new participant id; raises PageError 400 (invalid) or 409 (duplicate)."""
    values = body.get("values")
    if not isinstance(values, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in values.items()
    ):
        raise PageError(400, "bad_request")
    consent = body.get("consent") is True  # never assumed: the box starts unticked
    publish = body.get("publish_consent") is True
    try:
        person = people.register(values, consent=consent, publish_consent=publish, now=moment)
    except RegistrationError as error:
        problems = _problems(error)
        if any(p["code"] == "duplicate" for p in problems):
            raise PageError(409, "registration_duplicate", extra={"problems": problems}) from None
        raise PageError(400, "registration_invalid", extra={"problems": problems}) from None
    return person.participant_id


def _normalise(kind: str, raw: str) -> str | None:
    if kind == "phone":
        return normalise_phone(raw)
    if kind == "cccd":
        return normalise_cccd(raw)
    if kind == "email":
        return raw.strip().lower() or None
    if kind == "date_of_birth":
        born = parse_birth_date(raw)
        return born.isoformat() if born else None
    return None


def find_person(people: PeopleRegistry, body: Mapping) -> str | None:
    """The participant whose identifying fields all match ``body["values"]``, else None."""
    spec = people.spec
    keys = login_keys(spec)
    if not keys:
        raise PageError(409, "login_unavailable")
    values = body.get("values")
    if not isinstance(values, dict):
        raise PageError(400, "bad_request")
    kinds = {f.key: f.kind for f in spec.registration.fields}
    wanted = {}
    for key in keys:
        raw = values.get(key)
        value = _normalise(kinds[key], raw) if isinstance(raw, str) and len(raw) < 200 else None
        if value is None:
            return None
        wanted[key] = value
    lookup = next(k for k in keys if kinds[k] in ("phone", "cccd", "email"))
    participant = people.find(**{kinds[lookup]: wanted[lookup]})
    person = people.get(participant) if participant else None
    if person is None or person.fields is None:
        return None
    return participant if all(person.fields.get(k) == v for k, v in wanted.items()) else None


class LoginThrottle:
    """At most ``limit`` failed logins per client address in ``window`` seconds."""

    def __init__(self, limit: int = 20, window: float = 15 * 60):
        self.limit = limit
        self.window = window
        self._failures: dict[str, collections.deque] = {}

    def _recent(self, address: str) -> collections.deque:
        queue = self._failures.setdefault(address, collections.deque())
        horizon = time.monotonic() - self.window
        while queue and queue[0] < horizon:
            queue.popleft()
        return queue

    def check(self, address: str) -> None:
        if len(self._recent(address)) >= self.limit:
            raise PageError(429, "login_throttled", minutes=int(self.window // 60))

    def failed(self, address: str) -> None:
        self._recent(address).append(time.monotonic())
        if len(self._failures) > 10_000:  # bounded memory under a flood of addresses
            self._failures = {a: q for a, q in self._failures.items() if q}
