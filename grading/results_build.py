"""``dancoso results build``: from the grader's files to the public site and organiser exports.

    report = build_results(spec, course_dir=Path("var/demo"), out=Path("var/site"))

Steps (each timed in ``report.timings``): read ``<course-dir>/results/`` (see
:mod:`grading.results_files`), compute every result once (:mod:`grading.results_report`),
issue certificates for the prize winners of closed rounds, write the public site
(:mod:`grading.results_site`) and the organiser exports (:mod:`grading.exports`) into a separate
folder, ``<out>-organiser`` unless given.

Two processes share the work (the 10-second budget for 100,000 people needs both cores): once
rankings and prizes are computed, a forked worker runs the item analysis (only the organiser's
workbook and the bank notes need it) while the parent computes collective prizes and
statistics and sends them over (small tables); the worker then writes the workbook while the
parent issues certificates and writes the site and the CSV files. The worker inherits the
rankings and frames through ``fork`` (nothing big is pickled) and sends back only the small
item tables. Where ``fork`` is
unavailable, or with ``parallel=False``, the steps run one after the other.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from quizzes.contest_spec import ContestSpec

from .certificates import Certificate, CertificateRegistry, issue_and_render
from .exports import ITEM_TABLES, TABLES, check_separate, write_exports
from .results_files import holder_names, public_identity, read_results, units_frame
from .results_report import (
    STATISTICS_FIELDS,
    ContestResults,
    rank_contest,
    with_items,
    with_statistics,
)
from .results_site import PublicPeople, anonymous_code, build_site, shown_participants

__all__ = ["BuildReport", "ExportFailed", "build_results", "contest_questions", "organiser_dir"]


class ExportFailed(RuntimeError):
    """The organiser exports could not be written (the message says why)."""


@dataclass
class BuildReport:
    site: Path
    organiser: Path
    results: ContestResults
    site_files: list[Path] = field(default_factory=list)
    export_files: list[Path] = field(default_factory=list)
    certificates: list[tuple[Certificate, str, Path]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    orphan_responses: int = 0


def organiser_dir(out: Path) -> Path:
    out = Path(out).resolve()
    return out.with_name(f"{out.name}-organiser")


def contest_questions(course_dir: Path, bank: Path | None = None) -> Mapping[str, object]:
    """The contest's questions: its frozen pools when the course was built, else the bank."""
    pools = Path(course_dir) / "contest" / "pools"
    if bank is None and pools.is_dir() and any(pools.glob("*.json")):
        try:
            from .contest_store import load_frozen

            frozen = load_frozen(Path(course_dir))
            return {q.id: q for pool in frozen.pools.values() for q in pool}
        except (ImportError, OSError, ValueError, KeyError):
            pass  # fall back to the bank
    from quizzes.bank import bank_dir, load_bank

    loaded = load_bank([bank or bank_dir()])
    questions: dict[str, object] = {}
    for item in loaded.questions:
        questions.setdefault(item.question.id, item.question)
    return questions


class _Clock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = self.timings.get(name, 0.0) + now - self._last
        self._last = now


def _prize_certificates(
    results: ContestResults, names: Mapping[str, str], consented: Mapping[str, bool]
) -> list[Certificate]:
    """One certificate per standing prize of every closed round."""
    from .results_texts import text

    spec = results.spec
    unit_names = dict(zip(results.units["unit_id"], results.units["name"], strict=True))
    certificates = []
    for winner in results.awards.awarded.itertuples(index=False):
        round_result = results.rounds[winner.round_id]
        if not round_result.closed:
            continue
        closes = round_result.round.closes.astimezone(dt.timezone(dt.timedelta(hours=7)))
        holder = names.get(winner.participant_id) or text(
            "cert_anonymous_holder", participant=winner.participant_id
        )
        certificates.append(
            Certificate(
                kind="prize",
                scope=spec.id,
                slot=f"{winner.round_id}/{winner.prize}",
                subject=winner.participant_id,
                holder=holder,
                unit=unit_names.get(winner.unit_id, winner.unit_id),
                award=f"{results.tier_name(winner.prize)} — {round_result.round.title}",
                context=spec.title,
                issued_on=closes.date().isoformat(),
                public=bool(consented.get(winner.participant_id)),
            )
        )
    return certificates


def build_results(
    spec: ContestSpec,
    *,
    course_dir: Path,
    out: Path,
    organiser: Path | None = None,
    data_dir: Path | None = None,
    bank: Path | None = None,
    top: int = 50,
    certificates: bool = True,
    now: dt.datetime | None = None,
    parallel: bool = True,
) -> BuildReport:
    """Build the public site and the organiser exports; see the module docstring."""
    clock = _Clock()
    out = Path(out).resolve()
    organiser = Path(organiser).resolve() if organiser else organiser_dir(out)
    check_separate(out, organiser)
    files = read_results(course_dir)
    clock.lap("read results files")
    questions = contest_questions(course_dir, bank)
    clock.lap("load questions")
    units = units_frame(spec, files.attempts)
    fork = parallel and "fork" in multiprocessing.get_all_start_methods()
    results = rank_contest(spec, files.attempts, files.responses, units, now=now)
    clock.lap("rankings and prizes")

    registry = CertificateRegistry(data_dir)
    shown = shown_participants(results, top)
    identity = public_identity(course_dir, spec, shown)
    public_names = {
        pid: name
        for pid, name, ok in zip(
            identity["participant_id"],
            identity["display_name"],
            identity["consented"],
            strict=True,
        )  # fmt: skip
        if ok and name
    }
    codes = {pid: anonymous_code(registry.secret, spec.id, pid) for pid in shown}
    winners = list(results.awards.winners["participant_id"].unique())
    full_names = holder_names(course_dir, spec, winners)
    clock.lap("names and codes")

    worker = None
    question_info = _question_info(questions)
    export_args = dict(names=full_names, codes=codes, questions=question_info)
    if fork:
        worker = _start_exports(results, questions, organiser, export_args)
    results = with_statistics(results)
    if worker is not None:
        _send_statistics(worker, results)
    clock.lap("collective prizes and statistics")
    report = BuildReport(out, organiser, results, orphan_responses=files.orphan_responses)
    if certificates:
        consented = dict(zip(identity["participant_id"], identity["consented"], strict=True))
        issued = issue_and_render(
            registry,
            _prize_certificates(results, full_names, consented),
            organiser / "certificates",
            kind="prize",
            scope=spec.id,
            organiser=spec.organiser,
            now=now or results.generated_at,
        )
        report.certificates = issued
        clock.lap("certificates")
    people = PublicPeople(public_names, codes)
    report.site_files = build_site(
        results, out, people=people, lookup=registry.public_lookup(), top=top
    )
    clock.lap("public site")
    if worker is not None:
        others = set(TABLES) - ITEM_TABLES
        own = write_exports(results, organiser, workbook=False, csv=others, **export_args)
        clock.lap("organiser CSV files")
        analysis, flags, files = _finish_exports(worker, organiser)
        report.export_files = [*own, *files]
        report.results = dataclasses.replace(results, items=analysis, flags=flags)
        clock.lap("items and workbook (waited for the worker)")
    else:
        report.results = with_items(results, questions)
        clock.lap("item analysis")
        report.export_files = write_exports(report.results, organiser, **export_args)
        clock.lap("organiser exports")
    report.timings = clock.timings
    return report


def _question_info(questions: Mapping[str, object]):
    from .question_info import question_frame

    try:
        return question_frame(questions)
    except (ValueError, KeyError, AttributeError):
        return None


def _exports_child(results, questions, organiser, export_args, inbox, outbox) -> None:
    """The worker: item analysis while the parent computes the statistics, then (with the
    statistics it sends) the workbook and the item tables."""
    try:
        results = with_items(results, questions)
        statistics = inbox.recv()
        results = dataclasses.replace(results, **statistics)
        files = write_exports(results, organiser, csv=ITEM_TABLES, **export_args)
        outbox.send(("ok", (results.items, results.flags, [str(p) for p in files])))
    except BaseException as error:  # report anything to the parent, which raises it
        outbox.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        outbox.close()


def _start_exports(results, questions, organiser, export_args):
    context = multiprocessing.get_context("fork")
    inbox, to_child = context.Pipe(duplex=False)
    from_child, outbox = context.Pipe(duplex=False)
    process = context.Process(
        target=_exports_child,
        args=(results, questions, organiser, export_args, inbox, outbox),
        daemon=True,
    )
    process.start()
    inbox.close()
    outbox.close()
    return process, to_child, from_child


def _send_statistics(worker, results: ContestResults) -> None:
    _process, to_child, _from_child = worker
    try:
        to_child.send({field: getattr(results, field) for field in STATISTICS_FIELDS})
    except (BrokenPipeError, EOFError):
        pass  # the worker failed already; _finish_exports reports why
    finally:
        to_child.close()


def _finish_exports(worker, organiser: Path):
    process, _to_child, receiver = worker
    try:
        status, payload = receiver.recv()
    except EOFError:
        status, payload = "error", f"worker exited with code {process.exitcode}"
    process.join()
    if status != "ok":
        raise ExportFailed(f"{organiser}: {payload}")
    analysis, flags, files = payload
    return analysis, flags, [Path(p) for p in files]
