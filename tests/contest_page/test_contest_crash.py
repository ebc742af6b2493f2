"""A saved answer survives the server being killed: what was answered 200 is on disk, and
after a restart the same session resumes the same attempt with it and submits it."""

from __future__ import annotations

import json
import signal

import httpx
import pytest
from page_helpers import person, serve_page, stop_page

from grading.intake import Intake

pytestmark = pytest.mark.slow


def test_answers_acknowledged_before_a_kill_are_kept(served, built, tmp_path) -> None:
    spec, course = built
    client = httpx.Client(base_url=served.url, timeout=30)
    assert client.post("/api/register", json={"values": person(), "consent": True}).is_success
    pid = client.get("/api/me").json()["participant"]
    started = client.post("/api/rounds/vong-1/start", json={"practice": False}).json()
    base = f"/api/rounds/vong-1/official/{started['attempt']['number']}"
    acked = None
    for seq in range(1, 16):
        sheet = {"answers": {str(n): "ABCD"[(seq + n) % 4] for n in range(1, seq % 10 + 2)}}
        sheet["prediction"] = seq * 10
        response = client.put(base + "/answers", json={**sheet, "seq": seq})
        assert response.status_code == 200
        acked = sheet
    served.process.send_signal(signal.SIGKILL)
    served.process.wait(timeout=30)

    intake = Intake(course)
    number = started["attempt"]["number"]
    draft = intake.drafts.path(pid, "vong-1", number, "official")
    on_disk = json.loads(draft.read_bytes())
    assert on_disk["answers"] == acked["answers"] and on_disk["prediction"] == acked["prediction"]

    again = serve_page(spec, course, tmp_path / "again.log")
    try:
        client = httpx.Client(base_url=again.url, cookies=client.cookies, timeout=30)
        resumed = client.post("/api/rounds/vong-1/start", json={"practice": False}).json()
        assert resumed["resumed"] and resumed["draft"] == {**acked, "essays": {}}
        receipt = client.post(base + "/submit", json={}).json()["receipt"]
        assert receipt["prediction"] == acked["prediction"]
    finally:
        stop_page(again)
    [entry] = [p for p in intake.layout.inbound.iterdir() if p.name.startswith(pid + "+")]
    stored = json.loads((entry / "answers.json").read_bytes())
    assert stored["answers"] == acked["answers"] and stored["prediction"] == acked["prediction"]
