"""The review workflow: draft → reviewed (or rejected back to draft), written into the bank file.

Edits go through ruamel.yaml's round-trip mode so comments and layout survive, and through the
schema before anything is written: an edit that would make the question invalid is refused and
the file is left as it was. Writes are atomic (temporary file, then rename).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml import YAML

from .bank import BANK_DIR, load_bank
from .schema import Question, Status
from .text import nfc

__all__ = [
    "ReviewError",
    "approve",
    "reject",
    "edit",
    "add_note",
    "add_notes",
    "find_question_file",
]

EDITABLE = {"stem", "options", "answer", "explanation", "difficulty", "tags", "notes", "basis"}


class ReviewError(Exception):
    """A review action that cannot be carried out; the message is for the reviewer."""


def find_question_file(question_id: str, bank: Path = BANK_DIR) -> Path:
    for item in load_bank([bank]).questions:
        if item.question.id == question_id:
            return item.file
    raise ReviewError(f"Không tìm thấy câu hỏi '{question_id}' trong {bank}.")


def approve(
    question_id: str,
    *,
    reviewer: str,
    basis: str,
    bank: Path = BANK_DIR,
    today: dt.date | None = None,
) -> Question:
    """Mark a question reviewed by ``reviewer`` today, recording where its key rests."""
    if not reviewer.strip():
        raise ReviewError("Cần ghi tên người rà soát.")
    if not basis.strip():
        raise ReviewError("Cần ghi căn cứ của đáp án (văn bản, điều, khoản).")
    return _update(
        question_id,
        bank,
        {
            "status": Status.reviewed.value,
            "reviewed_by": nfc(reviewer.strip()),
            "reviewed_on": (today or dt.date.today()),
            "basis": nfc(basis.strip()),
        },
    )


def reject(
    question_id: str,
    *,
    reviewer: str,
    reason: str,
    bank: Path = BANK_DIR,
    today: dt.date | None = None,
) -> Question:
    """Send a question back to draft with the reviewer's reason in its notes (never deleted)."""
    if not reason.strip():
        raise ReviewError("Cần ghi lý do không duyệt.")
    day = (today or dt.date.today()).isoformat()
    note = f"Không duyệt ({reviewer.strip() or 'người rà soát'}, {day}): {reason.strip()}"
    return _update(
        question_id,
        bank,
        {
            "status": Status.draft.value,
            "reviewed_by": None,
            "reviewed_on": None,
        },
        append_note=nfc(note),
    )


def edit(question_id: str, changes: dict, *, bank: Path = BANK_DIR) -> Question:
    """Change editable fields; the question goes back to draft until it is approved again."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ReviewError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    normalised = {k: _nfc_value(v) for k, v in changes.items()}
    return _update(
        question_id,
        bank,
        {
            **normalised,
            "status": Status.draft.value,
            "reviewed_by": None,
            "reviewed_on": None,
        },
    )


def add_note(question_id: str, note: str, *, bank: Path = BANK_DIR) -> None:
    """Append one review note (e.g. an item-analysis flag); the status is unchanged."""
    if not note.strip():
        raise ReviewError("Ghi chú rỗng.")
    if question_id in add_notes({question_id: [note]}, bank=bank).unknown:
        raise ReviewError(f"Không tìm thấy câu hỏi '{question_id}' trong {bank}.")


@dataclass
class NotesWritten:
    written: dict[str, list[str]]  # question id -> notes actually added
    unknown: list[str]  # ids not in this bank


def add_notes(notes: Mapping[str, Sequence[str]], *, bank: Path = BANK_DIR) -> NotesWritten:
    """Append many notes at once: the bank is read once and each file written once.

    A note already present word for word is skipped, so re-running an analysis is idempotent;
    statuses never change. Every touched question is validated before its file is replaced.
    """
    files: dict[Path, list[str]] = {}
    known = {item.question.id: item.file for item in load_bank([bank]).questions}
    unknown = [qid for qid in notes if qid not in known]
    for qid in notes:
        if qid in known:
            files.setdefault(known[qid], []).append(qid)
    written: dict[str, list[str]] = {}
    for path, ids in files.items():
        yaml, document = _load(path)
        for qid in ids:
            entry = next(q for q in document["questions"] if q.get("id") == qid)
            present = str(entry.get("notes") or "").splitlines()
            for note in notes[qid]:
                text = nfc(note.strip())
                if text and text not in present:
                    present.append(text)
                    written.setdefault(qid, []).append(text)
            if qid in written:
                entry["notes"] = "\n".join(present)
                _validated(entry)
        if any(qid in written for qid in ids):
            _dump(yaml, document, path)
    return NotesWritten(written=written, unknown=unknown)


def _nfc_value(value: object) -> object:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [nfc(v) if isinstance(v, str) else v for v in value]
    return value


def _update(
    question_id: str, bank: Path, changes: dict, append_note: str | None = None
) -> Question:
    path = find_question_file(question_id, bank)
    yaml, document = _load(path)
    entry = next(q for q in document["questions"] if q.get("id") == question_id)
    for key, value in changes.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value
    if append_note:
        entry["notes"] = f"{entry['notes']}\n{append_note}" if entry.get("notes") else append_note
    question = _validated(entry)
    _dump(yaml, document, path)
    return question


def _load(path: Path):
    yaml = YAML()  # round-trip: keeps comments, key order and flow style
    yaml.width = 4096  # never re-wrap authors' lines
    yaml.indent(mapping=2, sequence=4, offset=2)  # the bank's house layout
    yaml.preserve_quotes = True
    return yaml, yaml.load(path.read_text(encoding="utf-8"))


def _validated(entry) -> Question:
    try:
        return Question.model_validate(_plain(entry))
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "câu hỏi"
        raise ReviewError(f"Không lưu: {field}: {first['msg']}") from None


def _dump(yaml, document, path: Path) -> None:
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(buffer.getvalue(), encoding="utf-8")
    temporary.replace(path)  # atomic: never a half-written bank file


def _plain(value: object) -> object:
    """ruamel's commented containers → plain dicts/lists for pydantic."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
