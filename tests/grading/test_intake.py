"""Intake: nbgrader's inbound layout, atomic writes, attempts kept and flagged, safe ids."""

from __future__ import annotations

import datetime as dt
import json
import stat

import pytest
from contest_fixtures import at
from nbgrader.utils import parse_utc
from pydantic import ValidationError

from grading.course_layout import CourseLayout
from grading.exchange_inbound import write_submission
from grading.intake import Intake, IntakeError
from grading.participant_ids import InvalidParticipantId, map_external_id
from quizzes.answers import MAX_ESSAY_CHARS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def intake(course) -> Intake:
    return Intake(course)


def inbound_dirs(intake: Intake, pid: str) -> list:
    return sorted(p for p in intake.layout.inbound.iterdir() if p.name.startswith(pid + "+"))


def test_submission_layout_is_what_nbgrader_submit_leaves(intake) -> None:
    started = intake.start("ts-layout01", "vong-1", now=at(3, 9))
    assert started.attempt.number == 1 and not started.resumed
    assert started.attempt.deadline == at(3, 9, 10)
    receipt = intake.submit(
        "ts-layout01", "vong-1", 1, answers={"1": "A"}, prediction=5, now=at(3, 9, 4, 30)
    )
    path = receipt.path
    assert path.parent == intake.layout.inbound
    student, assignment, timestamp, random_part = path.name.split("+")
    assert (student, assignment) == ("ts-layout01", "vong-1-lan-1")
    assert timestamp == "2026-11-03 02:04:30.000000 UTC" and len(random_part) == 12
    assert (path / "timestamp.txt").read_text() == timestamp
    assert parse_utc(timestamp) == dt.datetime(2026, 11, 3, 2, 4, 30)
    assert len((path / "submission_secret.txt").read_text()) == 128
    assert sorted(p.name for p in path.iterdir()) == [
        "answers.json",
        "paper.json",
        "submission_secret.txt",
        "timestamp.txt",
        "vong-1.ipynb",
    ]
    assert stat.S_IMODE(path.stat().st_mode) == 0o777
    assert stat.S_IMODE((path / "answers.json").stat().st_mode) == 0o644
    sheet = json.loads((path / "answers.json").read_text(encoding="utf-8"))
    assert sheet["answers"] == {"1": "A"} and sheet["prediction"] == 5
    assert receipt.attempt.submitted_at == at(
        3, 9, 4, 30
    ) and receipt.attempt.duration == dt.timedelta(minutes=4, seconds=30)
    release = (intake.layout.release_dir / "vong-1-lan-1" / "vong-1.ipynb").read_bytes()
    assert (path / "vong-1.ipynb").read_bytes() == release
    assert not list(intake.layout.inbound.glob(".incoming-*"))


def test_a_failed_write_leaves_nothing(intake, tmp_path) -> None:
    with pytest.raises(ValueError):
        write_submission(
            tmp_path, "ts-atomic01", "vong-1-lan-1", {"a.json": b"{}", "../evil": b"x"}, at(3, 9)
        )
    assert list(tmp_path.iterdir()) == []


def test_double_submit_keeps_the_first_and_holds_the_second(intake) -> None:
    intake.start("ts-double01", "vong-1", now=at(4, 9))
    first = intake.submit("ts-double01", "vong-1", 1, answers={"1": "B"}, now=at(4, 9, 5))
    again = intake.submit("ts-double01", "vong-1", 1, answers={"1": "C"}, now=at(4, 9, 5, 2))
    assert not first.duplicate and again.duplicate
    assert again.path.parent == intake.layout.held_dir
    assert len(inbound_dirs(intake, "ts-double01")) == 1
    kept = json.loads((first.path / "answers.json").read_text(encoding="utf-8"))
    assert kept["answers"] == {"1": "B"}
    attempt = intake.ledger.get("ts-double01", "vong-1", 1)
    assert attempt.submitted_at == at(4, 9, 5) and attempt.name == first.path.name
    extras = [e for e in intake.ledger.extras() if e.attempt == attempt.id]
    assert [(e.reason, e.name) for e in extras] == [("duplicate", again.path.name)]


def test_window_time_limit_and_allowance_are_flagged_not_dropped(intake) -> None:
    pid = "ts-flags001"
    early = intake.start(
        pid, "vong-1", now=dt.datetime(2026, 10, 31, 23, 0, tzinfo=at(1, 0).tzinfo)
    )
    assert early.attempt.flags >= {"before_open"}
    intake.submit(
        pid, "vong-1", 1, answers={}, now=dt.datetime(2026, 10, 31, 23, 5, tzinfo=at(1, 0).tzinfo)
    )
    intake.start(pid, "vong-1", now=at(5, 9))  # limit 10 min, grace 30 s
    on_time = intake.submit(pid, "vong-1", 2, answers={}, now=at(5, 9, 10, 30))
    assert "over_time" not in on_time.flags
    intake.start(pid, "vong-1", now=at(5, 10))
    late = intake.submit(pid, "vong-1", 3, answers={}, now=at(5, 10, 10, 31))
    assert "over_time" in late.flags and not late.attempt.counts
    fourth = intake.start(pid, "vong-1", now=at(6, 9))
    assert fourth.attempt.number == 4 and "over_allowance" in fourth.attempt.flags
    assert fourth.attempt.assignment == "vong-1-lan-4"
    stored = intake.submit(pid, "vong-1", 4, answers={}, now=at(6, 9, 3))
    assert stored.path.parent == intake.layout.inbound  # kept with the others, flagged
    assert intake.attempts_left(pid, "vong-1") == 0
    intake.start(pid, "vong-1", now=at(30, 16, 55))
    after = intake.submit(pid, "vong-1", 5, answers={}, now=at(30, 17, 5))
    assert {"after_close", "over_allowance"} <= after.flags
    assert len(inbound_dirs(intake, pid)) == 5
    assert intake.round_state("vong-1", at(30, 17, 1)) == "closed"
    assert intake.round_state("vong-2", at(30, 17, 1)) == "upcoming"


@pytest.mark.parametrize(
    "pid", ["../ts-evil", "ts/evil", "TS-UPPER", "ts+evil", "ts*", "ts_under", "", ".."]
)
def test_ids_with_path_characters_are_refused(intake, pid) -> None:
    before = set(intake.layout.inbound.iterdir())
    with pytest.raises(InvalidParticipantId):
        intake.start(pid, "vong-1", now=at(7, 9))
    with pytest.raises(InvalidParticipantId):
        intake.submit(pid, "vong-1", 1, answers={}, now=at(7, 9))
    assert set(intake.layout.inbound.iterdir()) == before
    assert not (intake.layout.root / "evil").exists()


def test_external_ids_map_to_safe_distinct_ids() -> None:
    mapped = {
        raw: map_external_id(raw)
        for raw in ["../../etc/passwd", "Nguyễn Văn A", "nguyen-van-a", "a+b", "A+B"]
    }
    assert mapped["nguyen-van-a"] == "nguyen-van-a"
    assert len(set(mapped.values())) == len(mapped)
    for value in mapped.values():
        assert "/" not in value and "+" not in value and ".." not in value


def test_unknown_round_and_unstarted_attempt(intake) -> None:
    with pytest.raises(IntakeError):
        intake.start("ts-unknown1", "vong-9", now=at(7, 9))
    with pytest.raises(IntakeError):
        intake.submit("ts-unknown1", "vong-1", 1, answers={}, now=at(7, 9))


def test_resume_draft_and_auto_submit(intake) -> None:
    pid = "ts-resume01"
    first = intake.start(pid, "vong-1", now=at(8, 9))
    again = intake.start(pid, "vong-1", now=at(8, 9, 3))  # closed the tab, came back
    assert again.resumed and again.attempt.id == first.attempt.id and again.paper == first.paper
    intake.save_draft(pid, "vong-1", 1, {"answers": {"2": "D"}, "prediction": 12}, now=at(8, 9, 4))
    with pytest.raises(ValidationError):
        intake.save_draft(pid, "vong-1", 1, {"answers": {"2": "print(1)"}}, now=at(8, 9, 5))
    assert intake.load_draft(pid, "vong-1", 1).answer(2) == "D"  # the bad save changed nothing
    draft_dir = intake.layout.drafts_dir / pid
    assert [p.name for p in draft_dir.iterdir()] == ["vong-1-official-1.json"]
    closed = intake.close_expired(now=at(8, 9, 20))
    mine = [r for r in closed if r.attempt.participant == pid]
    assert len(mine) == 1 and mine[0].attempt.submitted_at == at(8, 9, 10)
    sheet = json.loads((mine[0].path / "answers.json").read_text(encoding="utf-8"))
    assert sheet["answers"] == {"2": "D"} and sheet["prediction"] == 12
    assert intake.start(pid, "vong-1", now=at(8, 9, 21)).attempt.number == 2


def test_essays_travel_with_a_submission_and_with_an_auto_submitted_draft(intake) -> None:
    essay = "Theo khoản 1 Điều 3: công dân được biết, tham gia ý kiến.\n<b>không phải HTML</b>"
    given = intake.start("ts-essay001", "vong-1", now=at(12, 9))
    number = given.attempt.number
    receipt = intake.submit(
        "ts-essay001", "vong-1", number, answers={"1": "A"}, essays={"4": essay}, now=at(12, 9, 5)
    )
    stored = json.loads((receipt.path / "answers.json").read_text(encoding="utf-8"))
    assert stored["essays"] == {"4": essay} and stored["answers"] == {"1": "A"}
    intake.start("ts-essay002", "vong-1", now=at(12, 9))  # no essays: no "essays" key
    receipt = intake.submit("ts-essay002", "vong-1", 1, answers={"1": "A"}, now=at(12, 9, 5))
    assert "essays" not in json.loads((receipt.path / "answers.json").read_bytes())
    drafted = intake.start("ts-essay003", "vong-1", now=at(12, 9))
    intake.save_draft(
        "ts-essay003", "vong-1", drafted.attempt.number, {"essays": {"4": essay}}, now=at(12, 9, 3)
    )
    with pytest.raises(ValidationError):  # too long: refused, the draft stays
        intake.save_draft(
            "ts-essay003", "vong-1", 1, {"essays": {"4": "x" * (MAX_ESSAY_CHARS + 1)}}
        )
    [closed] = [
        r for r in intake.close_expired(now=at(12, 9, 30)) if r.attempt.participant == "ts-essay003"
    ]
    assert json.loads((closed.path / "answers.json").read_bytes())["essays"] == {"4": essay}


def test_practice_attempts_stay_out_of_the_exchange(intake) -> None:
    started = intake.start("ts-practic1", "vong-1", practice=True, now=at(9, 9))
    official = intake.contest.paper("ts-practic1", "vong-1", 1)
    assert started.attempt.kind == "practice" and started.attempt.assignment is None
    assert [q["stem"] for q in started.paper["questions"]] != [
        intake.contest.questions("vong-1")[s.question_id].stem for s in official.slots
    ]
    receipt = intake.submit("ts-practic1", "vong-1", 1, practice=True, answers={}, now=at(9, 9, 4))
    assert receipt.path.parent == intake.layout.practice_dir
    assert intake.attempts_left("ts-practic1", "vong-1") == 3


def test_paper_sent_to_the_browser_has_no_key(intake) -> None:
    started = intake.start("ts-keyless1", "vong-1", now=at(11, 9))
    text = json.dumps(started.paper, ensure_ascii=False)
    for question in intake.contest.pools["vong-1"]:
        assert question.id not in text and question.explanation not in text
    assert started.paper["time_limit_minutes"] == 10 and len(started.paper["questions"]) == 10
    assert started.paper["prediction"]["text"]


def test_layout_reopens_from_disk(course) -> None:
    layout = CourseLayout.open(course)
    assert layout.inbound == course / "exchange" / "kiem-thu" / "inbound"
