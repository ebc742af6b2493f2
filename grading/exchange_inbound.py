"""Write a submission exactly as ``nbgrader submit`` (0.9.6, default exchange) leaves it:

    <exchange>/<course>/inbound/<student>+<assignment>+<timestamp>+<random>/
        <notebook>.ipynb, answers.json, …   the submitted files (0644)
        timestamp.txt                       the same timestamp, nbgrader's format
        submission_secret.txt               128 hex characters

The timestamp uses nbgrader's defaults (``Exchange.timezone = "UTC"``, format
``%Y-%m-%d %H:%M:%S.%f %Z``), e.g. ``2026-12-01 02:14:03.120044 UTC``; ``nbgrader collect``
parses it back. (A "+07" zone name would be misread by nbgrader's ``parse_utc`` as seven
seconds, so Vietnam time stays in our ledger, not in directory names.) The random part is
nbgrader's: 9 random bytes, URL-safe base64. Directories are 0755 and the submission's top
directory 0777, as nbgrader sets them.

The write is atomic: files go to a hidden temporary directory beside the target, which is
renamed into place, so ``collect`` never sees half a submission.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path

from .participant_ids import check_participant_id

__all__ = [
    "TIMESTAMP_FORMAT",
    "nbgrader_timestamp",
    "parse_nbgrader_timestamp",
    "parse_submission_name",
    "submission_name",
    "write_submission",
]

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"


def nbgrader_timestamp(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("submission time must be timezone-aware")
    return moment.astimezone(dt.UTC).strftime(TIMESTAMP_FORMAT)


def submission_name(student: str, assignment: str, moment: dt.datetime) -> str:
    check_participant_id(student)
    if not assignment or any(c in assignment for c in "+/*\\") or assignment.startswith("."):
        raise ValueError(f"unsafe assignment id {assignment!r}")
    random_part = base64.urlsafe_b64encode(os.urandom(9)).decode("ascii")
    return f"{student}+{assignment}+{nbgrader_timestamp(moment)}+{random_part}"


def write_submission(
    target: Path,
    student: str,
    assignment: str,
    files: Mapping[str, bytes],
    moment: dt.datetime,
) -> Path:
    """Write ``files`` as one submission under ``target`` (an inbound directory); return it."""
    target.mkdir(parents=True, exist_ok=True)
    temporary = target / f".incoming-{secrets.token_hex(8)}"
    temporary.mkdir()
    try:
        for name, content in files.items():
            if (
                "/" in name
                or "\\" in name
                or name.startswith(".")
                or name
                in {
                    "timestamp.txt",
                    "submission_secret.txt",
                }
            ):
                raise ValueError(f"unsafe submission file name {name!r}")
            _write(temporary / name, content)
        stamp = nbgrader_timestamp(moment)
        _write(temporary / "timestamp.txt", stamp.encode())
        _write(temporary / "submission_secret.txt", secrets.token_hex(64).encode())
        os.chmod(temporary, 0o777)
        while True:
            final = target / submission_name(student, assignment, moment)
            try:
                os.rename(temporary, final)  # atomic; fails if the name exists (never overwrite)
                return final
            except OSError:
                if not final.exists():
                    raise
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _write(path: Path, content: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o644)


def parse_submission_name(name: str) -> tuple[str, str, dt.datetime] | None:
    """``(student, assignment, submitted_at)`` of an inbound directory name, as nbgrader's
    collect reads it (``rsplit('+', 3)``); None if it is not one."""
    parts = name.rsplit("+", 3)
    if len(parts) != 4 or name.startswith("."):
        return None
    student, assignment, stamp, _ = parts
    try:
        return student, assignment, parse_nbgrader_timestamp(stamp)
    except ValueError:
        return None


def parse_nbgrader_timestamp(text: str) -> dt.datetime:
    """An aware time from nbgrader's timestamp text (UTC unless it says otherwise)."""
    text = text.strip()
    if text.endswith(" UTC"):
        return dt.datetime.strptime(text[:-4], "%Y-%m-%d %H:%M:%S.%f").replace(tzinfo=dt.UTC)
    from dateutil.parser import parse

    moment = parse(text)  # ValueError if it is not a time
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
