"""The contest page's JSON API over HTTP: register, start, save, submit — and what it refuses.

The app runs in this process on a free 127.0.0.1 port with a clock the tests move, so
windows and time limits are tested without waiting.
"""

from __future__ import annotations

import datetime as dt
import json

import httpx
import pytest
from page_helpers import person

from grading.contest_web.errors import PageError
from grading.contest_web.people import LoginThrottle

pytestmark = pytest.mark.slow

VIETNAMESE = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def vietnamese(text: str) -> bool:
    return any(ch in VIETNAMESE for ch in text.lower())


def registered(app, **changes) -> tuple[httpx.Client, str]:
    client = app.client()
    response = client.post("/api/register", json={"values": person(**changes), "consent": True})
    assert response.status_code == 201, response.text
    return client, response.json()["participant"]


def started(client: httpx.Client, practice: bool = False) -> dict:
    response = client.post("/api/rounds/vong-1/start", json={"practice": practice})
    assert response.status_code == 200, response.text
    return response.json()


def path(data: dict, tail: str) -> str:
    attempt = data["attempt"]
    return f"/api/rounds/{attempt['round']}/{attempt['kind']}/{attempt['number']}/{tail}"


def inbound_of(app, pid: str) -> list:
    inbound = app.service.layout.inbound
    return sorted(p for p in inbound.iterdir() if p.name.startswith(pid + "+"))


@pytest.fixture(autouse=True)
def _clock_back(app):
    app.clock.offset = dt.timedelta()
    yield
    app.clock.offset = dt.timedelta()


def test_registration_sets_a_private_cookie_and_records_consent(app) -> None:
    client = app.client()
    response = client.post("/api/register", json={"values": person(), "consent": True})
    assert response.status_code == 201
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("dcs_phien=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert len(cookie.split(";")[0].split("=", 1)[1]) >= 40  # 256 random bits
    pid = response.json()["participant"]
    stored = app.service.intake.people().get(pid)
    assert stored.consent_version == "v1" and not stored.publish_consent
    assert abs(stored.consented_at - app.clock()) < dt.timedelta(minutes=1)
    me = client.get("/api/me").json()
    assert me["participant"] == pid and me["rounds"][0]["attempts_left"] == 3
    # the session file holds hashes, never the token
    token = cookie.split(";")[0].split("=", 1)[1]
    assert (
        token.encode() not in (app.service.layout.contest_dir / "web_sessions.sqlite").read_bytes()
    )


def test_registration_problems_are_per_field_and_in_vietnamese(app) -> None:
    people_before = app.service.intake.people().ids()
    bad = person(so_dien_thoai="12345", cccd="08419000000", don_vi="xa-khong-co")
    response = app.client().post("/api/register", json={"values": bad, "consent": False})
    assert response.status_code == 400
    data = response.json()
    assert data["error"] == "registration_invalid" and vietnamese(data["message"])
    fields = {p["field"] for p in data["problems"]}
    assert fields == {"so_dien_thoai", "cccd", "don_vi", "consent"}
    assert all(vietnamese(p["message"]) for p in data["problems"])
    assert app.service.intake.people().ids() == people_before
    assert "set-cookie" not in response.headers


def test_duplicate_phone_or_cccd_is_refused_and_nothing_is_overwritten(app) -> None:
    first = person()
    client = app.client()
    assert client.post("/api/register", json={"values": first, "consent": True}).status_code == 201
    pid = client.get("/api/me").json()["participant"]
    kept = app.service.intake.people().get(pid)
    for clash in (
        person(so_dien_thoai=first["so_dien_thoai"], ho_ten="Lê Văn Tám"),
        person(cccd=first["cccd"], ho_ten="Lê Văn Tám"),
    ):
        response = app.client().post("/api/register", json={"values": clash, "consent": True})
        assert response.status_code == 409
        data = response.json()
        assert data["error"] == "registration_duplicate" and "Đăng nhập lại" in data["message"]
        assert [p["code"] for p in data["problems"]] == ["duplicate"]
    assert app.service.intake.people().get(pid) == kept


def test_logging_in_again_needs_phone_cccd_and_birth_date(app) -> None:
    values = person()
    client = app.client()
    client.post("/api/register", json={"values": values, "consent": True})
    pid = client.get("/api/me").json()["participant"]
    keys = ("so_dien_thoai", "cccd", "ngay_sinh")
    phone = app.client()
    wrong = {k: values[k] for k in keys} | {"ngay_sinh": "1991-05-17"}
    refused = phone.post("/api/login", json={"values": wrong})
    assert refused.status_code == 401 and vietnamese(refused.json()["message"])
    right = {k: values[k] for k in keys} | {"so_dien_thoai": "+84 " + values["so_dien_thoai"][1:]}
    assert phone.post("/api/login", json={"values": right}).status_code == 200
    assert phone.get("/api/me").json()["participant"] == pid


def test_failed_logins_are_throttled() -> None:
    throttle = LoginThrottle(limit=3, window=60)
    for _ in range(3):
        throttle.check("10.0.0.1")
        throttle.failed("10.0.0.1")
    with pytest.raises(PageError) as caught:
        throttle.check("10.0.0.1")
    assert caught.value.status == 429 and vietnamese(caught.value.message)
    throttle.check("10.0.0.2")


def test_an_attempt_from_start_to_the_exchange_inbound(app) -> None:
    client, pid = registered(app)
    data = started(client)
    attempt, paper = data["attempt"], data["paper"]
    assert attempt["number"] == 1 and not data["resumed"] and data["draft"] is None
    deadline = dt.datetime.fromisoformat(attempt["deadline"])
    now = dt.datetime.fromisoformat(data["now"])
    assert dt.timedelta(minutes=9, seconds=59) < deadline - now <= dt.timedelta(minutes=10)
    assert len(paper["questions"]) == 10 and paper["prediction"]["text"]
    sheet = {"answers": {"1": "A", "3": "C"}, "prediction": None, "seq": 1}
    saved = client.put(path(data, "answers"), json=sheet)
    assert saved.status_code == 200 and saved.json()["saved"] is True
    sheet = {"answers": {"1": "B", "3": "C", "10": ["A", "B"]}, "prediction": 42, "seq": 2}
    assert client.put(path(data, "answers"), json=sheet).json()["saved"]
    receipt = client.post(path(data, "submit"), json={}).json()["receipt"]
    assert receipt["answered"] == 3 and receipt["unanswered"] == [2, 4, 5, 6, 7, 8, 9]
    assert receipt["prediction"] == 42 and "score" not in receipt
    [submission] = inbound_of(app, pid)
    assert submission.name.startswith(f"{pid}+vong-1-lan-1+")
    stored = json.loads((submission / "answers.json").read_text(encoding="utf-8"))
    assert (
        stored["answers"] == {"1": "B", "3": "C", "10": ["A", "B"]} and stored["prediction"] == 42
    )
    assert {p.name for p in submission.iterdir()} >= {"vong-1.ipynb", "timestamp.txt"}
    assert app.service.intake.ledger.get(pid, "vong-1", 1).submitted


def test_a_closed_tab_resumes_with_its_draft_and_old_saves_never_win(app) -> None:
    client, _ = registered(app)
    data = started(client)
    newer = {"answers": {"2": "D"}, "prediction": 7, "seq": 5}
    assert client.put(path(data, "answers"), json=newer).json()["saved"]
    older = client.put(path(data, "answers"), json={"answers": {"2": "A"}, "seq": 4}).json()
    assert older["saved"] is False and older["stale"] is True
    again = started(client)
    assert again["resumed"] and again["attempt"] == data["attempt"]
    assert again["draft"] == {"answers": {"2": "D"}, "essays": {}, "prediction": 7}
    assert again["seq"] == 5
    assert again["paper"] == data["paper"]


def test_practice_is_scored_for_the_participant_and_stays_out_of_the_exchange(app) -> None:
    client, pid = registered(app)
    data = started(client, practice=True)
    assert data["attempt"]["kind"] == "practice"
    receipt = client.post(path(data, "submit"), json={"answers": {"1": "A"}}).json()["receipt"]
    assert receipt["score"]["questions"] == 10 and 0 <= receipt["score"]["correct"] <= 1
    assert set(receipt["score"]) == {"correct", "questions"}  # how many, never which
    assert inbound_of(app, pid) == []
    assert client.get("/api/me").json()["rounds"][0]["attempts_left"] == 3


def test_the_server_submits_an_abandoned_attempt_when_its_time_is_up(app) -> None:
    client, pid = registered(app)
    data = started(client)
    client.put(path(data, "answers"), json={"answers": {"4": "B"}, "seq": 1})
    app.clock.offset = dt.timedelta(minutes=10, seconds=31)  # limit + grace, not + margin yet
    app.call(app.service.sweep())
    assert not app.service.intake.ledger.get(pid, "vong-1", 1).submitted
    app.clock.offset = dt.timedelta(minutes=12)
    assert app.call(app.service.sweep()) >= 1
    attempt = app.service.intake.ledger.get(pid, "vong-1", 1)
    assert attempt.submitted_at == attempt.deadline and "over_time" not in attempt.flags
    [submission] = inbound_of(app, pid)
    assert json.loads((submission / "answers.json").read_bytes())["answers"] == {"4": "B"}


def test_after_the_limit_saves_are_refused_and_the_in_time_answers_count(app) -> None:
    client, pid = registered(app)
    data = started(client)
    client.put(path(data, "answers"), json={"answers": {"1": "A"}, "seq": 1})
    app.clock.offset = dt.timedelta(minutes=10, seconds=29)  # within the 30 s grace
    assert client.put(path(data, "answers"), json={"answers": {"1": "B"}, "seq": 2}).json()["saved"]
    app.clock.offset = dt.timedelta(minutes=10, seconds=45)
    late = client.put(path(data, "answers"), json={"answers": {"1": "C"}, "seq": 3})
    assert late.status_code == 409 and late.json()["error"] == "time_up"
    submitted = client.post(path(data, "submit"), json={"answers": {"1": "D"}}).json()
    assert vietnamese(submitted["notice"])
    attempt = app.service.intake.ledger.get(pid, "vong-1", 1)
    assert attempt.submitted_at == attempt.deadline and attempt.counts
    [submission] = inbound_of(app, pid)
    assert json.loads((submission / "answers.json").read_bytes())["answers"] == {"1": "B"}
    held = [e for e in app.service.intake.ledger.extras() if e.attempt == attempt.id]
    assert [e.location for e in held] == ["held"]  # the late sheet is kept aside, not dropped
    late_copy = app.service.layout.held_dir / held[0].name / "answers.json"
    assert json.loads(late_copy.read_bytes())["answers"] == {"1": "D"}


def test_double_submit_and_save_after_submit_are_refused_nothing_lost(app) -> None:
    client, pid = registered(app)
    data = started(client)
    client.put(path(data, "answers"), json={"answers": {"5": "C"}, "seq": 1})
    first = client.post(path(data, "submit"), json={"answers": {"5": "C"}})
    again = client.post(path(data, "submit"), json={"answers": {"5": "A"}})
    assert first.status_code == 200 and again.status_code == 409
    body = again.json()
    assert body["error"] == "already_submitted" and vietnamese(body["message"])
    assert body["receipt"]["code"] == first.json()["receipt"]["code"]
    assert len(inbound_of(app, pid)) == 1
    saved = client.put(path(data, "answers"), json={"answers": {"5": "B"}, "seq": 2})
    assert saved.status_code == 409 and saved.json()["error"] == "already_submitted"
    [submission] = inbound_of(app, pid)
    assert json.loads((submission / "answers.json").read_bytes())["answers"] == {"5": "C"}


def test_windows_and_allowance_are_enforced_with_clear_messages(app) -> None:
    client, _ = registered(app)
    upcoming = client.post("/api/rounds/vong-2/start", json={})
    assert upcoming.status_code == 409 and upcoming.json()["error"] == "round_upcoming"
    assert "chưa mở" in upcoming.json()["message"]
    for _ in range(3):
        data = started(client)
        client.post(path(data, "submit"), json={})
    used = client.post("/api/rounds/vong-1/start", json={})
    assert used.status_code == 409 and "hết 3 lượt" in used.json()["message"]
    other, _ = registered(app)
    app.clock.offset = dt.timedelta(days=25)
    closed = other.post("/api/rounds/vong-1/start", json={})
    assert closed.status_code == 409 and "đã kết thúc" in closed.json()["message"]
    assert other.post("/api/rounds/vong-9/start", json={}).status_code == 404


@pytest.mark.parametrize(
    "target",
    [
        "/api/rounds/..%2F..%2Fetc/start",
        "/api/rounds/vong-1/official/1%2F..%2F..%2Fx/answers",
        "/api/rounds/vong-1/../../private/start",
        "/api/rounds/VONG-1/start",
        "/api/rounds/vong-1/official/0/answers",
        "/api/rounds/vong-1/secret/1/submit",
        "/api/rounds/vong-1/official/1000/submit",
        "/private/participants.sqlite",
        "/static/../../contest/pools/vong-1.json",
    ],
)
def test_paths_with_path_characters_reach_nothing(app, target) -> None:
    client, _ = registered(app)
    for response in (client.post(target, json={}), client.get(target)):
        assert response.status_code in (403, 404, 405), response.text
        assert b"questions" not in response.content and b"ho_ten" not in response.content
        if response.headers.get("content-type", "").startswith("application/json"):
            assert vietnamese(response.json()["message"])


def test_ids_are_never_taken_from_the_client(app) -> None:
    client, pid = registered(app)
    data = started(client)
    response = client.put(
        path(data, "answers"), json={"answers": {"1": "A"}, "participant": "../../evil"}
    )
    assert response.status_code == 400
    assert not (app.service.layout.drafts_dir / "evil").exists()
    assert not list(app.service.layout.root.rglob("*evil*"))


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b"{not json", "application/json", 400, "not_json"),
        (b"\xff\xfe\x00", "application/json", 400, "not_json"),
        (b"[1, 2]", "application/json", 400, "not_json"),
        (b'{"answers": {"1": NaN}}', "application/json", 400, "not_json"),
        (b"[" * 300_000 + b"]" * 300_000, "application/json", 413, "too_large"),
        (b'{"answers": {}}' + b" " * 600_000, "application/json", 413, "too_large"),
        (b'{"answers": {"1": "A"}}', "text/plain", 415, "wrong_content_type"),
        (b'{"answers": {"1": "Z"}}', "application/json", 400, "bad_answers"),
        (b'{"answers": {"99": "A"}}', "application/json", 400, "bad_answers"),
        (b'{"answers": {"1": "print(1)"}}', "application/json", 400, "bad_answers"),
        (b'{"answers": {"1": ["A", 3]}}', "application/json", 400, "bad_answers"),
        (b'{"answers": {}, "prediction": -1}', "application/json", 400, "bad_answers"),
        (b'{"answers": {}, "prediction": "12"}', "application/json", 400, "bad_answers"),
        (b'{"answers": {}, "prediction": true}', "application/json", 400, "bad_answers"),
        (b'{"answers": "A"}', "application/json", 400, "bad_answers"),
    ],
)
def test_garbage_bodies_get_a_vietnamese_4xx_and_lose_nothing(
    app, body, content_type, status, code
) -> None:
    client, pid = registered(app)
    data = started(client)
    client.put(path(data, "answers"), json={"answers": {"2": "B"}, "prediction": 3, "seq": 1})
    response = client.put(
        path(data, "answers"), content=body, headers={"Content-Type": content_type}
    )
    assert response.status_code == status, response.text
    assert response.json()["error"] == code and vietnamese(response.json()["message"])
    submit = client.post(path(data, "submit"), content=body, headers={"Content-Type": content_type})
    assert submit.status_code == status
    draft = app.service.intake.load_draft(pid, "vong-1", data["attempt"]["number"])
    assert dict(draft.answers) == {"2": "B"} and draft.prediction == 3


def test_only_answer_sheets_may_be_long(app) -> None:
    """Essays make a sheet long (up to 256 KB); every other request stays under 16 KB."""
    values = person(ho_ten="Nguyễn Thị Mỹ Linh" + " " * 20_000)
    response = app.client().post("/api/register", json={"values": values, "consent": True})
    assert response.status_code == 413 and response.json()["error"] == "too_large"
    client, _ = registered(app)
    data = started(client)
    sheet = {"answers": {"1": "A"}, "essays": {"2": "ơ" * 15_000}, "seq": 1}  # ~ 45 KB
    assert client.put(path(data, "answers"), json=sheet).json()["saved"]


def test_a_body_over_a_mebibyte_is_dropped_unread(app) -> None:
    client, pid = registered(app)
    data = started(client)
    client.put(path(data, "answers"), json={"answers": {"2": "B"}, "seq": 1})
    try:
        response = client.put(
            path(data, "answers"),
            content=b"x" * (2 << 20),
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 400
    except httpx.HTTPError:
        pass  # tornado may close the connection instead: the body is never read either way
    assert app.service.intake.load_draft(pid, "vong-1", 1).answer(2) == "B"


def test_requests_from_another_site_or_without_a_session_are_refused(app) -> None:
    client, _ = registered(app)
    data = started(client)
    cross = client.put(
        path(data, "answers"),
        json={"answers": {"1": "A"}},
        headers={"Origin": "https://example.com"},
    )
    assert cross.status_code == 403 and cross.json()["error"] == "cross_site"
    stranger = app.client()
    for response in (
        stranger.get("/api/me"),
        stranger.post("/api/rounds/vong-1/start", json={}),
        stranger.put(path(data, "answers"), json={"answers": {}}),
    ):
        assert response.status_code == 401 and vietnamese(response.json()["message"])
    stranger.cookies.set("dcs_phien", "x" * 43)
    assert stranger.get("/api/me").status_code == 401


def test_many_saves_at_once_then_submit_keep_the_newest(app) -> None:
    import asyncio

    client, pid = registered(app)
    data = started(client)
    cookie = {"Cookie": f"dcs_phien={client.cookies['dcs_phien']}"}
    target = app.url + path(data, "answers")

    async def burst() -> list[dict]:
        async with httpx.AsyncClient(timeout=30) as many:
            sends = [
                many.put(target, json={"answers": {"1": "ABCD"[n % 4]}, "seq": n}, headers=cookie)
                for n in range(1, 31)
            ]
            return [r.json() for r in await asyncio.gather(*sends)]

    results = asyncio.run(burst())
    newest = max(r["seq"] for r in results if r.get("saved"))
    client.post(path(data, "submit"), json={})
    [submission] = inbound_of(app, pid)
    stored = json.loads((submission / "answers.json").read_bytes())
    assert stored["answers"] == {"1": "ABCD"[newest % 4]}


def test_contest_info_is_the_spec_as_the_page_needs_it(app) -> None:
    info = app.client().get("/api/contest").json()
    first = info["rounds"][0]
    assert first["state"] == "open" and first["questions"] == 10 and first["practice"]
    texts = [line["text"] for line in first["rules"]]
    assert any("10 phút" in t for t in texts) and not any("**" in t or "#" in t for t in texts)
    [unit] = [f for f in info["registration"]["fields"] if f["kind"] == "unit"]
    assert [(o["value"], o["group"]) for o in unit["options"]] == [
        ("xa-a", "Tỉnh"),
        ("xa-b", "Tỉnh"),
    ]
    assert info["login_fields"] == ["ngay_sinh", "so_dien_thoai", "cccd"]
    assert info["consent"]["version"] == "v1" and info["consent"]["publish_text"]


def test_logout_ends_the_session_and_a_forgotten_person_cannot_log_in(app) -> None:
    values = person()
    client = app.client()
    client.post("/api/register", json={"values": values, "consent": True})
    pid = client.get("/api/me").json()["participant"]
    assert client.post("/api/logout", json={}).status_code == 200
    assert client.get("/api/me").status_code == 401
    app.service.intake.people().forget(pid)
    keys = ("so_dien_thoai", "cccd", "ngay_sinh")
    refused = app.client().post("/api/login", json={"values": {k: values[k] for k in keys}})
    assert refused.status_code == 401
