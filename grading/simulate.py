"""``dancoso contest simulate``: synthetic participants through the real intake path.

    report = simulate(course_dir=Path("var/demo"), participants=200, seed=7)

Each synthetic person registers (Vietnamese and Khmer names as in Trà Vinh, a unit weighted by
headcount and by a per-unit eagerness, so some units lag; a CCCD with Trà Vinh's province code
084), then takes 1–3 attempts in every simulated round — a few take a fourth, beyond the
allowance — with an ability that improves a little per attempt, durations from under a minute
to the full limit, and a prediction. Some re-register with a used phone or CCCD (refused),
submit twice, submit late or after the window, send a broken answers file, or close the tab
(their draft is submitted by ``close_expired``). Essay (tự luận) slots get a short text, or
stay blank. Times fall inside each round's window, so the
demo runs whatever today's date is. The same seed gives the same people and answers.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from quizzes.papers import shown_key
from quizzes.schema import QuestionType

from .intake import Intake
from .registry_people import RegistrationError

__all__ = ["SimulationReport", "simulate", "synthetic_person"]

FAMILY = [
    ("Nguyễn", 30),
    ("Trần", 10),
    ("Lê", 9),
    ("Phạm", 6),
    ("Huỳnh", 5),
    ("Võ", 4),
    ("Phan", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Dương", 2),
    ("Lâm", 3),
    ("Hồ", 2),
]
MIDDLE_MALE = ["Văn", "Hữu", "Minh", "Quốc", "Thanh", "Đức", "Hoàng"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thị Mỹ", "Thanh", "Thị Thu", "Kim"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khoa",
    "Long",
    "Nam",
    "Phúc",
    "Quân",
    "Tâm",
    "Thành",
    "Tuấn",
    "Trí",
    "Vinh",
    "Lộc",
]
GIVEN_FEMALE = [
    "Hà",
    "Hạnh",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngọc",
    "Nhung",
    "Phương",
    "Thảo",
    "Trang",
    "Trinh",
    "Vy",
    "Yến",
    "Diễm",
    "Tuyết",
]
KHMER_FAMILY = ["Thạch", "Sơn", "Kim", "Lâm", "Danh", "Kiên"]
KHMER_GIVEN_MALE = ["Sô Phol", "Sa Rươne", "Pho", "Ry", "Thươl", "Chanh Đa", "Sóc"]
KHMER_GIVEN_FEMALE = [
    "Thị Sa Rết",
    "Thị Sa Mây",
    "Thị Sóc",
    "Thị Kim Sa",
    "Thị Sa Ra",
    "Thị Ngọc Sa",
]
ESSAYS = [
    "Theo Điều 3 Luật Thực hiện dân chủ ở cơ sở, công dân được biết, tham gia ý kiến, quyết "
    "định và kiểm tra, giám sát việc thực hiện dân chủ ở cơ sở.",
    "Nguyên tắc: bảo đảm quyền của công dân; bảo đảm sự lãnh đạo của Đảng, quản lý của Nhà "
    "nước, vai trò nòng cốt của Mặt trận Tổ quốc Việt Nam.",
    "Tôi cho rằng cần công khai thông tin để Nhân dân biết và cùng bàn, cùng quyết định.",
]
HOURS = [7, 8, 9, 9, 10, 10, 11, 13, 14, 14, 15, 15, 16, 19, 20, 20, 21, 22]


@dataclass
class SimulationReport:
    participants: int = 0
    refused_duplicates: int = 0
    attempts: int = 0
    submitted: int = 0
    practice: int = 0
    resubmissions: int = 0
    auto_submitted: int = 0
    flags: Counter = field(default_factory=Counter)
    participant_ids: list[str] = field(default_factory=list)


def _name(rng: random.Random) -> str:
    female = rng.random() < 0.5
    if rng.random() < 0.3:  # Khmer names, common in Trà Vinh
        given = KHMER_GIVEN_FEMALE if female else KHMER_GIVEN_MALE
        return f"{rng.choice(KHMER_FAMILY)} {rng.choice(given)}"
    family = rng.choices([f for f, _ in FAMILY], weights=[w for _, w in FAMILY])[0]
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    return f"{family} {middle} {rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)}"


def synthetic_person(
    spec, rng: random.Random, today: dt.date, eagerness: dict[str, float]
) -> dict[str, str]:
    """Form values for one synthetic person, in the spec's own field keys."""
    born = today - dt.timedelta(days=rng.randint(19 * 365, 58 * 365))
    leaves = [u for u in spec.units if not any(v.parent == u.id for v in spec.units)]
    weights = [(u.headcount or 50) * eagerness[u.id] for u in leaves]
    century_sex = (2 if born.year >= 2000 else 0) + rng.randint(0, 1)
    values = {}
    for item in spec.registration.fields:
        if item.kind == "name":
            values[item.key] = _name(rng)
        elif item.kind == "date_of_birth":
            values[item.key] = born.strftime("%d/%m/%Y")
        elif item.kind == "phone":
            values[item.key] = rng.choice(["09", "03", "07", "08"]) + f"{rng.randrange(10**8):08d}"
        elif item.kind == "cccd":
            values[item.key] = f"084{century_sex}{born.year % 100:02d}{rng.randrange(10**6):06d}"
        elif item.kind == "email":
            values[item.key] = f"nguoi{rng.randrange(10**6)}@example.vn"
        elif item.kind == "unit" and leaves:
            values[item.key] = rng.choices(leaves, weights=weights)[0].id
        elif item.kind == "choice":
            choices = item.choices or []
            values[item.key] = rng.choices(choices, weights=range(len(choices) + 1, 1, -1))[0]
        elif item.required:
            values[item.key] = "Không"
    return values


def _start_time(rng: random.Random, opens: dt.datetime, closes: dt.datetime) -> dt.datetime:
    days = max(0, (closes.date() - opens.date()).days)
    day = opens.date() + dt.timedelta(days=rng.randint(0, days))
    moment = dt.datetime.combine(
        day, dt.time(rng.choice(HOURS), rng.randrange(60), rng.randrange(60)), tzinfo=opens.tzinfo
    )
    return min(max(moment, opens + dt.timedelta(minutes=1)), closes - dt.timedelta(hours=1))


def simulate(
    *,
    course_dir: Path,
    participants: int,
    seed: int = 1,
    rounds: list[str] | None = None,
    progress: bool = True,
) -> SimulationReport:
    from tqdm import tqdm

    intake = Intake(course_dir)
    contest = intake.contest
    spec = contest.spec
    people = intake.people()
    rng = random.Random(seed)
    chosen = [r for r in spec.rounds if rounds is None or r.id in rounds]
    eagerness = {u.id: rng.uniform(0.2, 1.0) for u in spec.units}
    report = SimulationReport()
    used: list[dict[str, str]] = []
    bar = tqdm(total=participants, desc="Thí sinh mô phỏng", unit="người", disable=not progress)
    choose = lambda seq: rng.choice(seq)  # noqa: E731 — seeded ids
    while report.participants < participants:
        if used and rng.random() < 0.02:  # someone tries to register again with a used phone/CCCD
            try:
                people.register(dict(used[-1]), consent=True, now=chosen[0].opens, choose=choose)
            except RegistrationError:
                report.refused_duplicates += 1
            continue
        values = synthetic_person(spec, rng, chosen[0].opens.date(), eagerness)
        try:
            person = people.register(
                values,
                consent=True,
                publish_consent=rng.random() < 0.7,
                now=chosen[0].opens,
                choose=choose,
            )
        except RegistrationError:
            continue  # a generated phone/CCCD collided; draw another person
        used.append(values)
        report.participants += 1
        report.participant_ids.append(person.participant_id)
        ability = min(0.98, max(0.25, rng.betavariate(6, 2.5)))
        for round_ in chosen:
            _take_round(
                intake, contest, round_, person.participant_id, ability, participants, rng, report
            )
        bar.update(1)
    bar.close()
    last = max(r.closes for r in chosen) + dt.timedelta(days=1)
    report.auto_submitted = len(intake.close_expired(now=last))
    for attempt in intake.ledger.attempts():
        report.flags.update(attempt.flags)
    report.submitted = sum(a.submitted for a in intake.ledger.attempts(kind="official"))
    report.practice = sum(a.submitted for a in intake.ledger.attempts(kind="practice"))
    return report


def _take_round(intake, contest, round_, pid, ability, crowd, rng, report) -> None:
    paper_spec = round_.paper
    limit = dt.timedelta(minutes=paper_spec.time_limit_minutes)
    count = rng.choices([1, 2, 3, paper_spec.attempts + 1], weights=[55, 25, 15, 2])[0]
    moment = _start_time(rng, round_.opens, round_.closes)
    if rng.random() < 0.01:  # starts just before closing and submits after it
        moment = round_.closes - dt.timedelta(minutes=2)
    if paper_spec.practice and rng.random() < 0.2:
        started = intake.start(pid, round_.id, practice=True, now=moment)
        intake.submit(
            pid,
            round_.id,
            started.attempt.number,
            practice=True,
            **_answers(contest, started.attempt, ability * 0.9, rng),
            now=moment + dt.timedelta(minutes=rng.randint(2, 8)),
        )
        moment += dt.timedelta(minutes=15)
    for number in range(count):
        started = intake.start(pid, round_.id, now=moment)
        attempt = started.attempt
        report.attempts += 1
        skill = min(0.99, ability + 0.05 * number)
        sheet = _answers(contest, attempt, skill, rng)
        answers, essays = sheet["answers"], sheet["essays"]
        prediction = (
            max(0, int(rng.lognormvariate(0, 0.5) * crowd)) if rng.random() < 0.95 else None
        )
        duration = dt.timedelta(
            seconds=min(limit.total_seconds(), max(35, rng.lognormvariate(6.0, 0.6)))
        )
        fate = rng.random()
        if fate < 0.03:  # closes the tab halfway: only the draft remains
            partial = dict(list(answers.items())[: len(answers) // 2])
            intake.save_draft(
                pid,
                round_.id,
                attempt.number,
                {"answers": partial, "essays": essays, "prediction": prediction},
                now=moment + duration / 2,
            )
        elif fate < 0.04:  # a broken client sends a truncated file
            raw = json.dumps({"answers": answers}).encode()[:40]
            intake.submit(pid, round_.id, attempt.number, raw_answers=raw, now=moment + duration)
        else:
            if fate < 0.06:  # the automatic submit failed; the browser retried much later
                duration = limit + dt.timedelta(minutes=rng.randint(3, 30))
            intake.submit(
                pid,
                round_.id,
                attempt.number,
                answers=answers,
                prediction=prediction,
                essays=essays,
                now=moment + duration,
            )
            if rng.random() < 0.03:  # double click on "Nộp bài"
                again = intake.submit(
                    pid,
                    round_.id,
                    attempt.number,
                    answers=answers,
                    prediction=prediction,
                    essays=essays,
                    now=moment + duration + dt.timedelta(seconds=2),
                )
                report.resubmissions += again.duplicate
        moment += max(duration, limit) + dt.timedelta(minutes=rng.randint(5, 600))


def _answers(contest, attempt, skill: float, rng: random.Random) -> dict[str, dict]:
    """``{"answers": …, "essays": …}`` of one attempt (keyword arguments of Intake.submit)."""
    paper = contest.paper(attempt.participant, attempt.round_id, attempt.number, attempt.kind)
    questions = contest.questions(attempt.round_id)
    answers: dict[str, object] = {}
    essays: dict[str, str] = {}
    for slot in paper.slots:
        if rng.random() < 0.02:
            continue  # left blank
        question = questions[slot.question_id]
        if question.type is QuestionType.essay:  # graded by hand: some text, no key
            essays[str(slot.number)] = rng.choice(ESSAYS)
            continue
        key = shown_key(question, slot)
        if rng.random() < skill:
            answers[str(slot.number)] = key
        else:
            letters = "ABCDEF"[: len(slot.order)]
            wrong = [x for x in letters if x != key] or list(letters)
            answers[str(slot.number)] = (
                [rng.choice(letters)] if isinstance(key, list) else rng.choice(wrong)
            )
    return {"answers": answers, "essays": essays}
