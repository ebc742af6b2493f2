"""Rules of a contest spec that span fields: windows, overlaps, units, tiers, the form.

Each issue carries the data path it is about, so the loader can name the file line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from .contest_messages import CONTEST_MESSAGES
from .contest_spec import (
    DRAWABLE_TYPES,
    SINGLE_KINDS,
    UNIQUE_KINDS,
    ContestSpec,
    Round,
    parse_assignment_id,
)
from .i18n import translate

__all__ = ["SpecIssue", "spec_issues"]

VIETNAM_OFFSET = dt.timedelta(hours=7)


@dataclass(frozen=True)
class SpecIssue:
    path: tuple[str | int, ...]
    code: str
    values: dict = field(default_factory=dict)

    def message(self) -> str:
        return translate(CONTEST_MESSAGES, self.code, **self.values)


def spec_issues(spec: ContestSpec) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    issues.extend(_rounds(spec.rounds))
    issues.extend(_units(spec))
    issues.extend(_prizes(spec))
    issues.extend(_ranking(spec))
    issues.extend(_registration(spec))
    return issues


def _moment(value: dt.datetime, path: tuple) -> SpecIssue | None:
    offset = value.utcoffset()
    if offset is None:
        return SpecIssue(path, "naive_datetime", {"value": value.isoformat(sep=" ")})
    if offset != VIETNAM_OFFSET:
        return SpecIssue(path, "wrong_offset", {"value": value.isoformat()})
    return None


def _rounds(rounds: list[Round]) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    seen: set[str] = set()
    aware: list[tuple[int, Round]] = []
    for index, round_ in enumerate(rounds):
        if round_.id in seen:
            issues.append(
                SpecIssue(("rounds", index, "id"), "duplicate_round", {"round": round_.id})
            )
        seen.add(round_.id)
        if parse_assignment_id(round_.id):
            issues.append(
                SpecIssue(("rounds", index, "id"), "round_id_reserved", {"round": round_.id})
            )
        problems = [
            _moment(round_.opens, ("rounds", index, "opens")),
            _moment(round_.closes, ("rounds", index, "closes")),
        ]
        issues.extend(p for p in problems if p)
        for quota_index, quota in enumerate(round_.paper.quotas):
            if quota.type not in DRAWABLE_TYPES:
                path = ("rounds", index, "paper", "quotas", quota_index, "type")
                issues.append(SpecIssue(path, "quota_type", {"type": quota.type.value}))
        if any(problems):
            continue
        if round_.closes <= round_.opens:
            issues.append(
                SpecIssue(
                    ("rounds", index, "closes"),
                    "closes_before_opens",
                    {
                        "round": round_.id,
                        "opens": _show(round_.opens),
                        "closes": _show(round_.closes),
                    },
                )
            )
            continue
        aware.append((index, round_))
    ordered = sorted(aware, key=lambda item: item[1].opens)
    for (_, earlier), (index, later) in zip(ordered, ordered[1:], strict=False):
        if later.opens <= earlier.closes:
            issues.append(
                SpecIssue(
                    ("rounds", index, "opens"),
                    "rounds_overlap",
                    {
                        "round": later.id,
                        "opens": _show(later.opens),
                        "other": earlier.id,
                        "closes": _show(earlier.closes),
                    },
                )
            )
    return issues


def _show(moment: dt.datetime) -> str:
    return moment.strftime("%H:%M %d/%m/%Y")


def _units(spec: ContestSpec) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    counts = Counter(unit.id for unit in spec.units)
    parents = {unit.id: unit.parent for unit in spec.units}
    for index, unit in enumerate(spec.units):
        if counts[unit.id] > 1:
            issues.append(SpecIssue(("units", index, "id"), "duplicate_unit", {"unit": unit.id}))
        if unit.parent is not None and unit.parent not in parents:
            issues.append(
                SpecIssue(
                    ("units", index, "parent"),
                    "unknown_parent",
                    {"unit": unit.id, "parent": unit.parent},
                )
            )
            continue
        seen = {unit.id}
        current = unit.parent
        while current is not None:
            if current in seen:
                issues.append(
                    SpecIssue(("units", index, "parent"), "unit_cycle", {"unit": unit.id})
                )
                break
            seen.add(current)
            current = parents.get(current)
    return issues


def _prizes(spec: ContestSpec) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    tier_lists = [(("prizes", "per_round"), spec.prizes.per_round)]
    tier_lists += [
        (("rounds", index, "prizes"), r.prizes) for index, r in enumerate(spec.rounds) if r.prizes
    ]
    known: set[str] = set()
    for path, tiers in tier_lists:
        counts = Counter(t.id for t in tiers)
        for index, tier in enumerate(tiers):
            known.add(tier.id)
            if counts[tier.id] > 1:
                issues.append(SpecIssue((*path, index, "id"), "duplicate_tier", {"tier": tier.id}))
    for index, rule in enumerate(spec.prizes.collective):
        path = ("prizes", "collective", index)
        for tier in rule.prize_points or {}:
            if tier not in known:
                issues.append(
                    SpecIssue(
                        (*path, "prize_points", tier),
                        "unknown_tier",
                        {"tier": tier, "known": ", ".join(sorted(known)) or "—"},
                    )
                )
        if rule.rule in {"participation_rate", "quang_nam"}:
            for unit_index, unit in enumerate(spec.units):
                if unit.headcount is None and _competes(spec, unit.id, rule.among):
                    issues.append(
                        SpecIssue(
                            ("units", unit_index),
                            "headcount_needed",
                            {"rule": rule.id, "unit": unit.id},
                        )
                    )
    return issues


def _competes(spec: ContestSpec, unit_id: str, among: str) -> bool:
    if among == "top":
        return spec.unit(unit_id).parent is None
    return not any(u.parent == unit_id for u in spec.units)


def _ranking(spec: ContestSpec) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    if spec.ranking and spec.ranking[0] != "correct":
        issues.append(SpecIssue(("ranking", 0), "ranking_first"))
    seen: set[str] = set()
    for index, key in enumerate(spec.ranking):
        if key in seen:
            issues.append(SpecIssue(("ranking", index), "ranking_duplicate", {"key": key}))
        seen.add(key)
    return issues


def _registration(spec: ContestSpec) -> list[SpecIssue]:
    issues: list[SpecIssue] = []
    fields = spec.registration.fields
    keys = Counter(f.key for f in fields)
    kinds = Counter(f.kind for f in fields)
    reported: set[str] = set()
    for index, item in enumerate(fields):
        path = ("registration", "fields", index)
        if keys[item.key] > 1:
            issues.append(SpecIssue((*path, "key"), "duplicate_field", {"key": item.key}))
        if item.kind in SINGLE_KINDS and kinds[item.kind] > 1 and item.kind not in reported:
            reported.add(item.kind)
            issues.append(SpecIssue((*path, "kind"), "field_kind_twice", {"kind": item.kind}))
        if item.kind == "choice" and not item.choices:
            issues.append(SpecIssue((*path, "kind"), "choices_needed", {"key": item.key}))
        if item.kind != "choice" and item.choices is not None:
            issues.append(SpecIssue((*path, "choices"), "choices_not_allowed", {"key": item.key}))
        if item.unique and item.kind not in UNIQUE_KINDS:
            issues.append(SpecIssue((*path, "unique"), "unique_not_allowed", {"key": item.key}))
        if item.kind == "unit" and not spec.units:
            issues.append(SpecIssue((*path, "kind"), "unit_field_without_units"))
    name = spec.registration.field_of_kind("name")
    if name is None or not name.required:
        issues.append(SpecIssue(("registration", "fields"), "name_field_missing"))
    if spec.units and "unit" not in kinds:
        issues.append(SpecIssue(("registration", "fields"), "unit_field_missing"))
    return issues
