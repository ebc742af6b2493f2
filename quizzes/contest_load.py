"""Load a contest spec: read YAML, validate, check it against the bank — every problem located.

    loaded = load_contest(Path("quizzes/contests/demo.yaml"), bank=usable_questions()[0])
    for problem in loaded.problems: print(problem.render())
    spec = loaded.spec            # None if any error

``load_contest_spec`` is the raising form. Quotas are checked against the bank's questions of
the spec's ``draw_status`` (reviewed by default): each quota alone, then all together by a
matching, since quotas may share questions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .bank import BANK_DIR, load_bank
from .contest_messages import CONTEST_MESSAGES
from .contest_rules import spec_issues
from .contest_spec import ContestSpec
from .i18n import translate
from .messages import MESSAGES
from .papers import max_fill, pool_for, quota_matches
from .problems import ContentError, Problem
from .schema import Question
from .schema_errors import problems_from_validation
from .yaml_source import YamlDocument, read_yaml

__all__ = ["ContestLoad", "load_contest", "load_contest_spec", "usable_questions"]


@dataclass
class ContestLoad:
    spec: ContestSpec | None
    problems: list[Problem]
    document: YamlDocument

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def usable_questions(
    paths: Iterable[Path] = (BANK_DIR,),
) -> tuple[dict[str, Question], list[Problem]]:
    """Questions of the bank without errors, and the bank's problems (as warnings).

    Writers edit the bank while contests are built: a faulty question is left out of every
    paper, and the build reports it, instead of one typo stopping the contest.
    """
    from .checks import check_bank  # local: checks imports bank

    loaded = load_bank(paths)
    problems = check_bank(loaded)
    faulty = {p.question_id for p in problems if p.severity == "error" and p.question_id}
    faulty_files = {p.file for p in problems if p.severity == "error" and not p.question_id}
    questions: dict[str, Question] = {}
    for item in loaded.questions:
        if item.question.id in faulty or item.file in faulty_files:
            continue
        questions.setdefault(item.question.id, item.question)
    return questions, problems


def load_contest(path: Path, *, bank: Mapping[str, Question] | None = None) -> ContestLoad:
    """Read and check a spec; with ``bank``, also check that every quota can be filled."""
    document = read_yaml(path)
    problems = [
        Problem(
            file=path,
            line=p.line,
            code=p.code,
            message=translate(MESSAGES, p.code, detail=p.detail),
            fixable=p.fixable,
        )
        for p in document.problems
    ]
    if document.data is None:
        return ContestLoad(None, problems, document)
    try:
        spec = ContestSpec.model_validate(document.data, context={"defer_rules": True})
    except ValidationError as error:
        problems.extend(problems_from_validation(error, document))
        return ContestLoad(None, problems, document)
    for issue in spec_issues(spec):
        problems.append(_located(document, issue.path, issue.code, issue.message()))
    if bank is not None and not problems:
        problems.extend(_quota_problems(spec, bank, document))
    ok = not any(p.severity == "error" for p in problems)
    return ContestLoad(spec if ok else None, problems, document)


def load_contest_spec(path: Path, *, bank: Mapping[str, Question] | None = None) -> ContestSpec:
    loaded = load_contest(path, bank=bank)
    if loaded.spec is None:
        raise ContentError(loaded.errors)
    return loaded.spec


def _located(document: YamlDocument, path: tuple, code: str, message: str) -> Problem:
    label = ""
    for part in path:
        label += f"[{part}]" if isinstance(part, int) else (f".{part}" if label else str(part))
    return Problem(
        file=document.path,
        line=document.line_of(tuple(path)),
        code=code,
        message=message,
        field=label or None,
    )


def _quota_problems(
    spec: ContestSpec, bank: Mapping[str, Question], document: YamlDocument
) -> list[Problem]:
    problems: list[Problem] = []
    bank = spec.drawable(bank)
    status = "reviewed" if spec.draw_status == "reviewed" else "(mọi trạng thái)"
    for r_index, round_ in enumerate(spec.rounds):
        short = False
        for q_index, quota in enumerate(round_.paper.quotas):
            available = sum(quota_matches(quota, q, spec.draw_status) for q in bank.values())
            if available < quota.count:
                short = True
                path = ("rounds", r_index, "paper", "quotas", q_index, "count")
                values = {
                    "round": round_.id,
                    "index": q_index + 1,
                    "filters": quota.describe(),
                    "count": quota.count,
                    "available": available,
                    "status": status,
                }
                message = translate(CONTEST_MESSAGES, "quota_short", **values)
                problems.append(_located(document, path, "quota_short", message))
        if short:
            continue
        pool = pool_for(bank, round_.paper, spec.draw_status)
        filled = max_fill(pool, round_.paper, spec.draw_status)
        if filled < round_.paper.question_count:
            path = ("rounds", r_index, "paper", "quotas")
            values = {
                "round": round_.id,
                "count": round_.paper.question_count,
                "available": filled,
                "status": status,
            }
            message = translate(CONTEST_MESSAGES, "quotas_short", **values)
            problems.append(_located(document, path, "quotas_short", message))
    return problems
