"""``dancoso contest import``: answers gathered elsewhere, recorded through the intake.

Two layouts are read; every record goes through :meth:`grading.intake.Intake.record`, so it
lands in nbgrader's inbound with the same checks and flags as an answer from the contest page.

**CSV** (UTF-8, a BOM from Excel is fine), one row per attempt::

    participant,round,attempt,started_at,submitted_at,prediction,1,2,3,…
    ts-3f9a2c1b,vong-1,1,2026-12-01 09:02:11,2026-12-01 09:14:50,1250,B,A,C;D,…

Answer columns are slot numbers and hold the letters *as shown on that participant's paper*
(``;`` between letters of a multi-answer question, empty if unanswered). ``attempt`` may be
empty (next number). Times are ISO 8601, or ``dd/mm/yyyy HH:MM[:SS]``; without an offset they
are Vietnam time. A row without ``started_at`` is flagged ``no_start_time``.

**nbgrader zip-collect** (a ``.zip`` or a directory, e.g. ``downloaded/<assignment>/archive``):
files named as nbgrader's documentation example,
``<assignment>_<participant>_attempt_<YYYY-MM-DD-HH-MM-SS>_answers.json``; the timestamp is the
submission time (Vietnam time), the answers file is stored as received. Notebooks in the archive
are ignored: answers are data, and nothing from outside is ever executed. Zip members are read
in memory, never extracted, so a hostile archive cannot write outside.

Participant ids from elsewhere must already be safe (:mod:`grading.participant_ids`); a row
with an unsafe id is reported, never turned into a path. Bad rows are reported with their line
and skipped; the rest is recorded.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from quizzes.answers import MAX_ANSWERS_BYTES
from quizzes.contest_spec import assignment_id, parse_assignment_id

from . import clock
from .clock import VIETNAM
from .intake import Intake, IntakeError, SubmitReceipt
from .participant_ids import InvalidParticipantId, check_participant_id

__all__ = ["ImportReport", "import_answers", "record_attempt", "ZIP_NAME"]

ZIP_NAME = re.compile(
    r"^(?P<assignment>[a-z0-9-]+)_(?P<student_id>[a-z0-9-]+)_attempt_"
    r"(?P<timestamp>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})_(?P<file_id>answers\.json)$"
)
FIXED_COLUMNS = {"participant", "round", "attempt", "started_at", "submitted_at", "prediction"}


@dataclass
class ImportReport:
    read: int = 0
    recorded: int = 0
    resubmissions: int = 0
    flagged: int = 0
    errors: list[str] = field(default_factory=list)


def _time(text: str) -> dt.datetime | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y-%m-%d-%H-%M-%S"):
        try:
            return dt.datetime.strptime(text, pattern).replace(tzinfo=VIETNAM)
        except ValueError:
            continue
    moment = dt.datetime.fromisoformat(text)  # ValueError: reported with the row
    return moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)


def import_answers(*, course_dir: Path, source: Path) -> ImportReport:
    intake = Intake(course_dir)
    report = ImportReport()
    if source.is_dir() or zipfile.is_zipfile(source):
        _import_zip_collect(intake, source, report)
    else:
        _import_csv(intake, source, report)
    return report


def record_attempt(
    intake: Intake,
    participant: str,
    round_id: str,
    *,
    number: int | None,
    started_at: dt.datetime | None,
    submitted_at: dt.datetime,
    raw_answers: bytes,
    source: str,
) -> SubmitReceipt:
    """Record an attempt taken elsewhere: start and submit it with the given times.

    A number already used is a re-submission of that attempt (kept in held/)."""
    check_participant_id(participant)
    round_ = intake.round_spec(round_id)
    existing = intake.ledger.get(participant, round_id, number) if number is not None else None
    if existing is None:
        flags = set() if started_at else {"no_start_time"}
        begun = clock.in_vietnam(started_at) if started_at else None
        if begun and begun < round_.opens:
            flags.add("before_open")
        if not intake.registered(participant):
            flags.add("unregistered")
        existing = intake.ledger.begin(
            participant,
            round_id,
            "official",
            started_at=begun,
            deadline=begun + dt.timedelta(minutes=round_.paper.time_limit_minutes)
            if begun
            else None,
            allowed=round_.paper.attempts,
            assignment_for=lambda n: assignment_id(round_id, n),
            source=source,
            flags=flags,
            number=number,
        )
    return intake.store_submission(existing, raw_answers, clock.in_vietnam(submitted_at))


def _record(intake: Intake, report: ImportReport, where: str, **values) -> None:
    try:
        check_participant_id(values["participant"])
        receipt = record_attempt(intake, **values)
    except InvalidParticipantId as error:
        report.errors.append(f"{where}: mã người dự thi không hợp lệ {str(error.value)[:40]!r}")
        return
    except (IntakeError, ValueError) as error:
        report.errors.append(f"{where}: {error}")
        return
    report.recorded += 1
    report.resubmissions += receipt.duplicate
    report.flagged += bool(receipt.flags)


def _import_csv(intake: Intake, source: Path, report: ImportReport) -> None:
    text = source.read_bytes().decode("utf-8-sig")
    rows = csv.DictReader(io.StringIO(text))
    missing = {"participant", "round", "submitted_at"} - set(rows.fieldnames or [])
    if missing:
        report.errors.append(f"{source}:1: thiếu cột {', '.join(sorted(missing))}")
        return
    for line, row in enumerate(rows, start=2):
        report.read += 1
        where = f"{source}:{line}"
        try:
            submitted = _time(row.get("submitted_at") or "")
            if submitted is None:
                raise ValueError("thiếu submitted_at")
            started = _time(row.get("started_at") or "")
            number = int(row["attempt"]) if (row.get("attempt") or "").strip() else None
            prediction = int(row["prediction"]) if (row.get("prediction") or "").strip() else None
        except (ValueError, TypeError) as error:
            report.errors.append(f"{where}: {error}")
            continue
        answers: dict[str, object] = {}
        for column, value in row.items():
            if column in FIXED_COLUMNS or column is None or not (value or "").strip():
                continue
            letters = [part.strip().upper() for part in value.split(";") if part.strip()]
            answers[column.strip()] = letters if ";" in value else letters[0]
        sheet = {
            "schema_version": 1,
            "round": row["round"],
            "attempt": number or 0,
            "participant": row["participant"],
            "answers": answers,
            "prediction": prediction,
        }
        raw = (json.dumps(sheet, ensure_ascii=False) + "\n").encode("utf-8")
        _record(
            intake,
            report,
            where,
            participant=(row["participant"] or "").strip(),
            round_id=(row["round"] or "").strip(),
            number=number,
            started_at=started,
            submitted_at=submitted,
            raw_answers=raw,
            source="import-csv",
        )


def _members(source: Path):
    """(name, bytes) of every answers file, without extracting anything to disk."""
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if path.is_file() and not path.is_symlink():
                yield str(path), path.name, lambda p=path: p.open("rb").read(MAX_ANSWERS_BYTES + 1)
        return
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            name = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
            data = archive.open(info).read(MAX_ANSWERS_BYTES + 1)
            yield f"{source}!{info.filename}", name, lambda d=data: d


def _import_zip_collect(intake: Intake, source: Path, report: ImportReport) -> None:
    for where, name, read in _members(source):
        match = ZIP_NAME.match(name)
        if match is None:
            continue  # notebooks and other files: not answers data
        report.read += 1
        parsed = parse_assignment_id(match["assignment"])
        if parsed is None:
            report.errors.append(
                f"{where}: '{match['assignment']}' không phải mã bài thi <vòng>-lan-<n>"
            )
            continue
        round_id, number = parsed
        _record(
            intake,
            report,
            where,
            participant=match["student_id"],
            round_id=round_id,
            number=number,
            started_at=None,
            submitted_at=_time(match["timestamp"]),
            raw_answers=read(),
            source="import-zip",
        )
