"""What the contest page may know about a contest: titles, rounds, rules, the form, consent.

Built from the spec alone — never from the question pool — so nothing here can carry a key.
Rules (thể lệ) come from :func:`grading.paper_notebook.rules_text`, the same text the paper
notebook shows, as plain lines the page renders as text (never as HTML).
"""

from __future__ import annotations

import datetime as dt

from quizzes.contest_spec import ContestSpec, Round
from quizzes.schema import QuestionType

from .. import clock
from ..paper_notebook import rules_text

__all__ = ["contest_info", "round_state", "when", "login_keys"]

LOGIN_KINDS = ("phone", "cccd", "email", "date_of_birth")


def when(moment: dt.datetime) -> str:
    """``08 giờ 00 ngày 16/11/2026`` in Vietnam time."""
    return clock.in_vietnam(moment).strftime("%H giờ %M ngày %d/%m/%Y")


def round_state(round_: Round, moment: dt.datetime) -> str:
    if moment < round_.opens:
        return "upcoming"
    return "open" if moment <= round_.closes else "closed"


def _rules(spec: ContestSpec, round_: Round) -> list[dict[str, str]]:
    lines: list[dict[str, str]] = []
    started = False
    for raw in rules_text(spec, round_).splitlines():
        text = raw.strip()
        if text.startswith("#"):
            started = started or text.startswith("## ")
            continue  # the page shows the title, the round and the "Thể lệ" heading itself
        if not text or not started:
            continue
        text = text.replace("**", "")
        if text.startswith("- "):
            lines.append({"kind": "item", "text": text[2:]})
        else:
            lines.append({"kind": "text", "text": text})
    return lines


def _unit_options(spec: ContestSpec) -> list[dict[str, str | None]]:
    """Units a person can belong to (those without sub-units), with their parent's name."""
    parents = {u.parent for u in spec.units if u.parent}
    names = {u.id: u.name for u in spec.units}
    return [
        {"value": u.id, "label": u.name, "group": names.get(u.parent) if u.parent else None}
        for u in spec.units
        if u.id not in parents
    ]


def login_keys(spec: ContestSpec) -> list[str]:
    """Fields that identify a registered person again (all must match): required phone,
    CCCD, email and date of birth. Empty when the form has no unique field."""
    fields = spec.registration.fields
    if not any(f.unique for f in fields):
        return []
    return [f.key for f in fields if f.kind in LOGIN_KINDS and (f.required or f.unique)]


def contest_info(spec: ContestSpec, moment: dt.datetime) -> dict:
    fields = []
    for item in spec.registration.fields:
        entry = {
            "name": item.key,
            "label": item.label,
            "kind": item.kind,
            "required": item.required,
        }
        if item.kind == "choice":
            entry["choices"] = list(item.choices or [])
        if item.kind == "unit":
            entry["options"] = _unit_options(spec)
        fields.append(entry)
    rounds = []
    for round_ in spec.rounds:
        paper = round_.paper
        rounds.append(
            {
                "id": round_.id,
                "title": round_.title,
                "opens": clock.iso(round_.opens),
                "closes": clock.iso(round_.closes),
                "opens_text": when(round_.opens),
                "closes_text": when(round_.closes),
                "state": round_state(round_, moment),
                "questions": paper.question_count,
                "essays": sum(q.count for q in paper.quotas if q.type is QuestionType.essay),
                "time_limit_minutes": paper.time_limit_minutes,
                "attempts": paper.attempts,
                "practice": paper.practice,
                "rules": _rules(spec, round_),
            }
        )
    return {
        "contest": {"id": spec.id, "title": spec.title, "organiser": spec.organiser},
        "rounds": rounds,
        "registration": {"fields": fields, "min_age": spec.registration.min_age},
        "login_fields": login_keys(spec),
        "consent": {
            "version": spec.consent.version,
            "text": spec.consent.text,
            "publish_text": spec.consent.publish_text,
        },
        "now": clock.iso(moment),
    }
