"""Validate a registration form against the spec's fields (phone, CCCD, date of birth, unit…).

    values, problems = clean_registration(spec, {"ho_ten": "Nguyễn Văn An", ...}, today)

Returns the cleaned values (NFC text, phone as ``0xxxxxxxxx``, CCCD as 12 digits, dates as
ISO) and one :class:`FieldProblem` per bad field, with a Vietnamese message the form shows
next to the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from quizzes.contest_spec import ContestSpec, RegistrationField
from quizzes.i18n import translate
from quizzes.text import nfc

from .messages import MESSAGES

__all__ = [
    "FieldProblem",
    "clean_registration",
    "normalise_phone",
    "normalise_cccd",
    "parse_birth_date",
]

_PHONE = re.compile(r"^0[35789]\d{8}$")  # Vietnamese mobile numbers
_CCCD = re.compile(r"^0\d{11}$")  # 3-digit province code (001–096), then 9 digits
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SEPARATORS = re.compile(r"[\s.\-()]")
MAX_TEXT = 200


@dataclass(frozen=True)
class FieldProblem:
    key: str
    code: str
    message: str


def normalise_phone(raw: str) -> str | None:
    digits = _SEPARATORS.sub("", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits if _PHONE.fullmatch(digits) else None


def normalise_cccd(raw: str) -> str | None:
    digits = re.sub(r"\s", "", raw)
    return digits if _CCCD.fullmatch(digits) else None


def parse_birth_date(raw: str) -> dt.date | None:
    text = raw.strip()
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _age(born: dt.date, today: dt.date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _clean(
    field: RegistrationField, raw: str, spec: ContestSpec, today: dt.date
) -> tuple[str | None, str | None, dict]:
    """(value, problem code, message values)."""
    kind = field.kind
    if len(raw) > MAX_TEXT:
        return None, "too_long", {"limit": MAX_TEXT}
    if kind == "phone":
        value = normalise_phone(raw)
        return (value, None, {}) if value else (None, "phone_invalid", {})
    if kind == "cccd":
        value = normalise_cccd(raw)
        return (value, None, {}) if value else (None, "cccd_invalid", {})
    if kind == "email":
        value = raw.strip().lower()
        return (value, None, {}) if _EMAIL.fullmatch(value) else (None, "email_invalid", {})
    if kind == "date_of_birth":
        born = parse_birth_date(raw)
        if born is None or not dt.date(1900, 1, 1) <= born <= today:
            return None, "date_invalid", {}
        minimum = spec.registration.min_age
        if minimum is not None and _age(born, today) < minimum:
            return None, "too_young", {"age": minimum}
        return born.isoformat(), None, {}
    if kind == "unit":
        if spec.unit(raw.strip()) is None:
            return None, "unit_unknown", {}
        return raw.strip(), None, {}
    if kind == "choice":
        value = " ".join(nfc(raw).split())
        return (value, None, {}) if value in (field.choices or []) else (None, "choice_unknown", {})
    value = " ".join(nfc(raw).split())
    if kind == "name" and (len(value) < 2 or any(ch.isdigit() for ch in value)):
        return None, "name_invalid", {}
    return value, None, {}


def clean_registration(
    spec: ContestSpec, values: Mapping[str, object], today: dt.date
) -> tuple[dict[str, str], list[FieldProblem]]:
    known = {f.key: f for f in spec.registration.fields}
    problems: list[FieldProblem] = []
    for key in values:
        if key not in known:
            problems.append(
                FieldProblem(
                    str(key)[:40],
                    "unknown_field",
                    translate(MESSAGES, "unknown_field", key=str(key)[:40]),
                )
            )
    cleaned: dict[str, str] = {}
    for field in spec.registration.fields:
        raw = values.get(field.key)
        raw = "" if raw is None else raw
        if not isinstance(raw, str):
            raw = str(raw)
        if not raw.strip():
            if field.required:
                problems.append(
                    FieldProblem(
                        field.key,
                        "required",
                        translate(MESSAGES, "field_required", label=field.label),
                    )
                )
            continue
        value, code, extra = _clean(field, raw, spec, today)
        if code:
            message = translate(MESSAGES, "field_" + code, label=field.label, **extra)
            problems.append(FieldProblem(field.key, code, message))
        else:
            cleaned[field.key] = value
    return cleaned, problems
