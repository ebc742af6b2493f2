"""No answer key reaches the browser: every page, asset and API answer of a whole attempt
(official and practice, resumed, saved, submitted, refused) is checked against the bank keys
of the very questions on that participant's papers — for essays (tự luận), their rubric and
model answer."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from page_helpers import ESSAY_SLOT, essay_person, person

from quizzes.papers import TRUE_FALSE_OPTIONS

pytestmark = pytest.mark.slow

FORBIDDEN_KEYS = {
    "answer",
    "key",
    "explanation",
    "solution",
    "citation",
    "citations",
    "question_id",
    "is_correct",
    "dap_an",
    "rubric",
    "basis",
    "notes",
}
QUESTION_KEYS = {"number", "type", "choose", "stem", "options"}
ESSAY_KEYS = QUESTION_KEYS | {"max_chars"}
ESSAY = "Theo Điều 3 Luật Thực hiện dân chủ ở cơ sở, có các nguyên tắc sau."


def walk(node, parents=()):
    """Every (key path, value) in a JSON document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*parents, key), value
            yield from walk(value, (*parents, key))
    elif isinstance(node, list):
        for value in node:
            yield from walk(value, parents)


def collect_bodies(
    app, values: dict | None = None, kinds=(False, True), essays: dict | None = None
) -> tuple[list[bytes], list[dict], str]:
    """All bytes the browser receives during the attempts of one participant (official, then
    practice unless ``kinds`` says otherwise), saving and submitting ``essays`` if given."""
    essays = essays or {}
    client = app.client()
    raw: list[bytes] = []
    documents: list[dict] = []

    def keep(response):
        raw.append(response.content)
        if response.headers.get("content-type", "").startswith("application/json"):
            documents.append(response.json())
        return response

    page = keep(client.get("/"))
    for asset in ("contest.css", "main.js", "api.js", "dom.js", "forms.js", "saver.js", "sheet.js"):
        assert keep(client.get(f"/static/{asset}")).status_code == 200
    assert b"/static/" in page.content
    keep(client.get("/api/contest"))
    keep(client.post("/api/register", json={"values": values or person(), "consent": True}))
    pid = keep(client.get("/api/me")).json()["participant"]
    for practice in kinds:
        start = keep(client.post("/api/rounds/vong-1/start", json={"practice": practice})).json()
        attempt = start["attempt"]
        base = f"/api/rounds/vong-1/{attempt['kind']}/{attempt['number']}"
        sheet = {"answers": {"1": "A"}, "essays": essays, "prediction": 9, "seq": 1}
        keep(client.put(base + "/answers", json=sheet))
        keep(client.post("/api/rounds/vong-1/start", json={"practice": practice}))  # resumed
        keep(client.put(base + "/answers", json={"answers": {"1": "Z"}}))  # refused
        keep(client.put(base + "/answers", json={"essays": {"1": 5}}))  # refused
        keep(
            client.post(base + "/submit", json={"answers": {"1": "B", "2": "C"}, "essays": essays})
        )
        keep(client.post(base + "/submit", json={}))  # refused: already submitted
        keep(client.get("/api/me"))
    keep(client.get("/api/time"))
    return raw, documents, pid


def test_no_response_carries_key_material(app) -> None:
    raw, documents, pid = collect_bodies(app)
    contest = app.service.intake.contest
    questions = contest.questions("vong-1")
    papers = [
        contest.paper(pid, "vong-1", 1, "official"),
        contest.paper(pid, "vong-1", 1, "practice"),
    ]
    everything = b"\n".join(raw).decode("utf-8")
    shown = Counter()
    for document in documents:
        for path, value in walk(document):
            assert path[-1] not in FORBIDDEN_KEYS, f"{path} in a response"
            if path[-1] == "correct":
                assert path[-2] == "score" and isinstance(value, int)  # a practice count only
            if path[-1] == "questions" and isinstance(value, list):
                for item in value:
                    assert set(item) == (ESSAY_KEYS if item["type"] == "essay" else QUESTION_KEYS)
                    for option in item["options"]:
                        assert set(option) == {"letter", "text"}, option
                        shown[option["text"]] += 1
    assert shown, "the papers were not among the responses"
    for paper in papers:
        for slot in paper.slots:
            question = questions[slot.question_id]
            assert question.id not in everything
            assert question.explanation not in everything
            for citation in question.citations:
                quoted = getattr(citation, "quote", None)
                assert not quoted or quoted not in everything
            options = question.options or list(TRUE_FALSE_OPTIONS)
            if question.options:  # the key's text is shown exactly as often as every other
                counts = {shown[text] for text in options}
                assert len(counts) == 1, (question.id, {t: shown[t] for t in options})
    # The receipt of an official attempt says what was answered, never how well.
    official = [d for d in documents if d.get("receipt", {}).get("kind") == "official"]
    assert official and all("score" not in d["receipt"] for d in official)


def test_the_static_page_has_no_inline_script_and_a_strict_policy(app) -> None:
    response = app.client().get("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.text and "cdn" not in response.text.lower()
    assert json.dumps(app.client().get("/api/contest").json()).count("vong-1") >= 1


def test_no_response_carries_an_essay_rubric_or_model_answer(essay_app) -> None:
    raw, documents, pid = collect_bodies(
        essay_app, essay_person(), kinds=(False,), essays={ESSAY_SLOT: ESSAY}
    )
    contest = essay_app.service.intake.contest
    questions = contest.questions("vong-1")
    paper = contest.paper(pid, "vong-1", 1, "official")
    everything = b"\n".join(raw).decode("utf-8")
    assert ESSAY in everything  # the participant's own text comes back (the draft)
    essays = [questions[s.question_id] for s in paper.slots if questions[s.question_id].rubric]
    assert essays, "the paper has no essay"
    for question in essays:
        assert question.id not in everything and question.answer is None
        assert question.explanation not in everything
        for item in question.rubric:
            assert item.criterion not in everything
        for citation in question.citations:
            quoted = getattr(citation, "quote", None)
            assert not quoted or quoted not in everything
    for document in documents:
        for path, _ in walk(document):
            assert path[-1] not in FORBIDDEN_KEYS | {"criterion", "points"}, path
