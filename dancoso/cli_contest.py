"""`dancoso contest …` (check, build, simulate, import, forget, serve, grade, feedback,
lab-codes) — thin commands over ``grading``.

Only the standard library at import time; each command imports its machinery when it runs.
Contest texts live in ``grading.messages`` (a plain dict, cheap to import).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grading.messages import MESSAGES
from quizzes.i18n import translate

from .cli_common import add_command, fail, tr

__all__ = ["register"]

DEMO = "quizzes/contests/demo.yaml"


def t(key: str, **values: object) -> str:
    return translate(MESSAGES, key, **values)


def register(groups) -> None:
    contest = add_command(
        groups, "contest", tr("contest_help"), f"dancoso contest build {DEMO} --course-dir var/demo"
    )
    commands = contest.add_subparsers(dest="command", required=True)

    check = add_command(commands, "check", t("cli_check_help"), f"dancoso contest check {DEMO}")
    _spec(check, course=False)
    check.set_defaults(run=run_check)

    build = add_command(
        commands,
        "build",
        t("cli_build_help"),
        f"dancoso contest build {DEMO} --course-dir var/demo",
    )
    _spec(build)
    build.add_argument("--db-url", help=t("cli_db_url_help"))
    build.add_argument("--exchange", type=Path, help=t("cli_exchange_help"))
    build.add_argument(
        "--refreeze", action="append", default=[], metavar="ROUND", help=t("cli_refreeze_help")
    )
    build.set_defaults(run=run_build)

    simulate = add_command(
        commands,
        "simulate",
        t("cli_simulate_help"),
        f"dancoso contest simulate {DEMO} --course-dir var/demo --participants 200 --seed 7",
    )
    _spec(simulate, bank=False)
    simulate.add_argument(
        "--participants", type=int, required=True, help=t("cli_participants_help")
    )
    simulate.add_argument("--seed", type=int, default=1, help=t("cli_seed_help"))
    simulate.add_argument("--round", action="append", dest="rounds", help=t("cli_round_help"))
    simulate.set_defaults(run=run_simulate)

    imports = add_command(
        commands,
        "import",
        t("cli_import_help"),
        f"dancoso contest import {DEMO} --course-dir var/demo bai-lam.csv",
    )
    _spec(imports, bank=False)
    imports.add_argument("file", type=Path, help=t("cli_file_help"))
    imports.set_defaults(run=run_import)

    forget = add_command(
        commands,
        "forget",
        t("cli_forget_help"),
        f"dancoso contest forget {DEMO} --course-dir var/demo ts-3f9a2c1b",
    )
    _spec(forget, bank=False)
    forget.add_argument("participant", help=t("cli_participant_help"))
    forget.set_defaults(run=run_forget)

    _register_serve(commands)
    _register_grade(commands)
    from .cli_lab import register_lab_codes

    register_lab_codes(commands, _spec, _open_course)


def _spec(parser: argparse.ArgumentParser, course: bool = True, bank: bool = True) -> None:
    parser.add_argument("spec", type=Path, metavar="SPEC", help=t("cli_spec_help"))
    if course:
        parser.add_argument("--course-dir", type=Path, required=True, help=t("cli_course_help"))
    if bank:
        parser.add_argument("--bank", type=Path, action="append", help=t("cli_bank_help"))


def _bank(arguments: argparse.Namespace) -> list[Path]:
    from quizzes.bank import BANK_DIR

    return list(arguments.bank or [BANK_DIR])


def _print_problems(problems) -> None:
    root = Path.cwd()
    for problem in problems:
        print(problem.render(root), file=sys.stderr)


def run_check(arguments: argparse.Namespace) -> int:
    from quizzes.contest_load import load_contest, usable_questions
    from quizzes.papers import pool_for

    bank, bank_problems = usable_questions(_bank(arguments))
    loaded = load_contest(arguments.spec, bank=bank)
    _print_problems(loaded.problems)
    if loaded.spec is None:
        return fail(t("spec_failed", errors=len(loaded.errors)))
    _warn_bank(bank_problems)
    spec = loaded.spec
    drawable = spec.drawable(bank)
    pooled = {q.id for r in spec.rounds for q in pool_for(drawable, r.paper, spec.draw_status)}
    print(t("spec_ok", rounds=len(loaded.spec.rounds), questions=len(pooled)))
    return 0


def _warn_bank(problems) -> None:
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        print(t("bank_warnings", count=len(errors)), file=sys.stderr)


def run_build(arguments: argparse.Namespace) -> int:
    from grading.contest_store import PaperChanged
    from grading.course_build import BuildError, build_course
    from quizzes.problems import ContentError

    try:
        report = build_course(
            spec_path=arguments.spec,
            course_dir=arguments.course_dir,
            bank_paths=_bank(arguments),
            db_url=arguments.db_url,
            exchange=arguments.exchange,
            refreeze=arguments.refreeze,
        )
    except ContentError as error:
        _print_problems(error.problems)
        return fail(t("spec_failed", errors=len(error.problems)))
    except PaperChanged as error:
        return fail(t("paper_changed", round=error.round_id, attempts=error.attempts))
    except BuildError as error:
        return fail(t("nbgrader_failed", detail=error))
    if report.bank_warnings:
        print(t("bank_warnings", count=len(report.bank_warnings)), file=sys.stderr)
    layout = report.layout
    print(
        t(
            "built",
            course=layout.course_id,
            root=layout.root,
            assignments=len(report.assignments),
            students=report.students,
        )
    )
    lab = report.lab
    if lab is not None and lab.participants:
        print(t("lab_line", participants=lab.participants))
    if lab is not None and lab.skipped:
        names = ", ".join(repr(name[:40]) for name in lab.skipped[:10])
        print(t("lab_skipped", count=len(lab.skipped), names=names), file=sys.stderr)
    for round_id, state in report.pools.items():
        print(
            t(
                "pool_line",
                round=round_id,
                size=report.pool_sizes[round_id],
                state=t(f"pool_{state}"),
            )
        )
    return 0


def _open_course(arguments: argparse.Namespace):
    """The built course, checked to be the spec's; returns (layout, error code or None)."""
    from grading.course_layout import CourseLayout, CourseNotBuilt
    from quizzes.contest_load import load_contest

    try:
        layout = CourseLayout.open(arguments.course_dir)
    except CourseNotBuilt:
        return None, fail(t("not_built", root=arguments.course_dir))
    loaded = load_contest(arguments.spec)
    if loaded.spec is None:
        _print_problems(loaded.problems)
        return None, fail(t("spec_failed", errors=len(loaded.errors)))
    if loaded.spec.id != layout.course_id:
        return None, fail(
            t("wrong_course", root=layout.root, built=layout.course_id, spec=loaded.spec.id)
        )
    return layout, None


def run_simulate(arguments: argparse.Namespace) -> int:
    layout, code = _open_course(arguments)
    if layout is None:
        return code
    from grading.course_build import sync_students
    from grading.simulate import simulate

    report = simulate(
        course_dir=layout.root,
        participants=arguments.participants,
        seed=arguments.seed,
        rounds=arguments.rounds,
    )
    sync_students(layout, report.participant_ids)
    flags = ", ".join(f"{name} {count}" for name, count in sorted(report.flags.items())) or "—"
    print(
        t(
            "simulated",
            participants=report.participants,
            attempts=report.attempts,
            submitted=report.submitted,
            auto=report.auto_submitted,
            practice=report.practice,
            resubmissions=report.resubmissions,
            refused=report.refused_duplicates,
            flags=flags,
        )
    )
    return 0


def run_import(arguments: argparse.Namespace) -> int:
    layout, code = _open_course(arguments)
    if layout is None:
        return code
    from grading.import_answers import import_answers

    report = import_answers(course_dir=layout.root, source=arguments.file)
    for error in report.errors:
        print(error, file=sys.stderr)
    print(
        t(
            "imported",
            read=report.read,
            recorded=report.recorded,
            flagged=report.flagged,
            resubmissions=report.resubmissions,
            errors=len(report.errors),
        )
    )
    return 1 if report.errors and not report.recorded else 0


def run_forget(arguments: argparse.Namespace) -> int:
    layout, code = _open_course(arguments)
    if layout is None:
        return code
    from grading.contest_store import load_frozen
    from grading.participant_ids import ID_PATTERN
    from grading.registry_people import PeopleRegistry

    if not ID_PATTERN.fullmatch(arguments.participant):
        return fail(t("invalid_participant", participant=arguments.participant[:60]))
    people = PeopleRegistry(layout.people_file, load_frozen(layout.root).spec)
    if not people.forget(arguments.participant):
        return fail(t("nothing_to_forget", participant=arguments.participant))
    print(t("forgotten", participant=arguments.participant))
    return 0


# -- `dancoso contest serve`: the contest page (grading.contest_web) ------------------------


def _register_serve(commands) -> None:
    from grading.contest_web.messages import message

    serve = add_command(
        commands,
        "serve",
        message("cli_serve_help"),
        f"dancoso contest serve {DEMO} --course-dir var/demo --port 8870",
    )
    _spec(serve, bank=False)
    serve.add_argument("--host", default="127.0.0.1", help=message("cli_host_help"))
    serve.add_argument("--port", type=int, default=8870, help=message("cli_port_help"))
    serve.add_argument("--behind-proxy", action="store_true", help=message("cli_proxy_help"))
    serve.set_defaults(run=run_serve)


def run_serve(arguments: argparse.Namespace) -> int:
    layout, code = _open_course(arguments)
    if layout is None:
        return code
    from grading.contest_web.app import serve_contest

    return serve_contest(
        course_dir=layout.root,
        host=arguments.host,
        port=arguments.port,
        behind_proxy=arguments.behind_proxy,
    )


# -- `dancoso contest grade` and `feedback`: scoring into nbgrader's gradebook ---------------


def g(key: str, **values: object) -> str:
    from grading.grade_messages import GRADE_MESSAGES

    return translate(GRADE_MESSAGES, key, **values)


def _register_grade(commands) -> None:
    grade = add_command(
        commands,
        "grade",
        g("cli_grade_help"),
        f"dancoso contest grade {DEMO} --course-dir var/demo --engine fast --workers 2",
    )
    _spec(grade, bank=False)
    grade.add_argument("--round", action="append", dest="rounds", help=g("cli_grade_round_help"))
    grade.add_argument(
        "--engine", choices=("auto", "nbgrader", "fast"), default="auto", help=g("cli_engine_help")
    )
    grade.add_argument("--workers", type=int, default=1, help=g("cli_workers_help"))
    grade.add_argument("--timeout", type=float, default=120.0, help=g("cli_timeout_help"))
    grade.add_argument("--force", action="store_true", help=g("cli_force_help"))
    grade.add_argument(
        "--notebooks",
        choices=("auto", "all", "needed"),
        default="auto",
        help=g("cli_notebooks_help"),
    )
    grade.add_argument("--quiet", action="store_true", help=g("cli_quiet_help"))
    grade.set_defaults(run=run_grade)

    feedback = add_command(
        commands,
        "feedback",
        g("cli_feedback_help"),
        f"dancoso contest feedback {DEMO} --course-dir var/demo --round vong-1",
    )
    _spec(feedback, bank=False)
    feedback.add_argument("--round", action="append", dest="rounds", help=t("cli_round_help"))
    feedback.add_argument("--out", type=Path, help=g("cli_feedback_out_help"))
    feedback.set_defaults(run=run_feedback)


def _known_rounds(layout, rounds) -> str | None:
    from grading.contest_store import load_frozen

    spec = load_frozen(layout.root).spec
    return next((r for r in rounds or [] if r not in {x.id for x in spec.rounds}), None)


def _open_course_rounds(arguments: argparse.Namespace):
    """The course, once every ``--round`` named is one of the contest's; else (None, exit code)."""
    layout, code = _open_course(arguments)
    if layout is None:
        return None, code
    unknown = _known_rounds(layout, arguments.rounds)
    if unknown:
        return None, fail(g("unknown_round", round=unknown))
    return layout, 0


def run_grade(arguments: argparse.Namespace) -> int:
    layout, code = _open_course_rounds(arguments)
    if layout is None:
        return code
    from sqlalchemy.exc import SQLAlchemyError

    from grading.grade_messages import REASONS
    from grading.grade_run import grade_contest

    try:
        report = grade_contest(
            course_dir=layout.root,
            rounds=arguments.rounds,
            engine=arguments.engine,
            workers=arguments.workers,
            force=arguments.force,
            timeout=arguments.timeout,
            progress=not arguments.quiet,
            notebooks=arguments.notebooks,
        )
    except SQLAlchemyError as error:
        return fail(g("gradebook_unreachable", detail=str(error).splitlines()[0][:200]))
    print(
        g(
            "graded",
            graded=report.graded,
            engine=report.engine,
            skipped=report.skipped,
            failed=len(report.failed),
            seconds=report.seconds,
            results=report.results,
        )
    )
    for reason, count in sorted(report.reasons.items()):
        text = translate(REASONS, reason) if reason in REASONS else reason
        print(g("reason_line", count=count, reason=text))
    for assignment, student, why in report.failed[:20]:
        print(g("failed_line", assignment=assignment, student=student, why=why), file=sys.stderr)
    return 1 if report.failed else 0


def run_feedback(arguments: argparse.Namespace) -> int:
    layout, code = _open_course_rounds(arguments)
    if layout is None:
        return code
    from grading.feedback import FeedbackRefused, write_feedback

    try:
        written = write_feedback(layout.root, rounds=arguments.rounds, out=arguments.out)
    except FeedbackRefused as error:
        return fail(str(error))
    folder = arguments.out or layout.root / "feedback"
    print(g("feedback_written", count=len(written), folder=folder))
    return 0
