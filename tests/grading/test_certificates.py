"""Certificates: PDFs for prize winners and course graduates, and their verification codes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from local_web import CHROMIUM, CHROMIUM_FLAGS

from grading.certificates import Certificate, CertificateRegistry, name_key
from grading.results_build import build_results, contest_questions
from grading.results_files import public_identity, write_results
from grading.results_sample import register_people, sample_frames, sample_progress
from quizzes.contest_load import load_contest_spec

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "quizzes" / "contests" / "demo.yaml"
AFTER = dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture(scope="module")
def issued(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("certificates")
    spec = load_contest_spec(DEMO)
    course = root / "course"
    frames = sample_frames(spec, 150, questions=contest_questions(course), seed=5)
    write_results(course, attempts=frames.attempts, responses=frames.responses)
    ids = list(dict.fromkeys(frames.attempts["participant_id"]))
    people = register_people(course, spec, ids, attempts=frames.attempts, seed=5)
    report = build_results(
        spec, course_dir=course, out=root / "site", data_dir=root / "data", now=AFTER
    )
    return {"root": root, "spec": spec, "course": course, "people": people, "report": report}


def test_every_standing_prize_has_a_pdf_with_an_embedded_unicode_font(issued) -> None:
    report = issued["report"]
    awarded = report.results.awards.awarded
    assert len(report.certificates) == len(awarded)
    for certificate, code, path in report.certificates:
        assert path.parent == report.organiser / "certificates"  # never in the public site
        data = path.read_bytes()
        assert data.startswith(b"%PDF") and b"DejaVu" in data
        assert len(code) == 19 and certificate.kind == "prize"
        assert certificate.holder == issued["people"][certificate.subject]["ho_ten"]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_certificate_renders_to_an_image(issued, tmp_path: Path) -> None:
    _certificate, _code, path = issued["report"].certificates[0]
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-singlefile", str(path), str(tmp_path / "page")],
        check=True,
    )
    assert (tmp_path / "page.png").stat().st_size > 10_000


def test_verify_valid_tampered_unknown_mismatch(issued) -> None:
    root = issued["root"]
    registry = CertificateRegistry(root / "data")
    certificate, code, _path = issued["report"].certificates[0]
    valid = registry.verify(code.lower().replace("-", " "), holder=certificate.holder.upper())
    assert valid.status == "valid" and "HỢP LỆ" in valid.message
    assert registry.verify(code, holder="Trần Văn Không Có").status == "name_mismatch"
    assert registry.verify("ZZZZ-ZZZZ-ZZZZ-ZZZZ").status == "unknown"
    data = json.loads(registry.path.read_text(encoding="utf-8"))
    original = json.dumps(data, ensure_ascii=False)
    data["entries"][code]["certificate"]["award"] = "Giải Nhất — Đợt 1"
    data["entries"][code]["certificate"]["holder"] = "Người Sửa Giấy"
    registry.path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    try:
        tampered = registry.verify(code)
        assert tampered.status == "tampered" and "KHÔNG HỢP LỆ" in tampered.message
    finally:
        registry.path.write_text(original, encoding="utf-8")


def test_changed_results_replace_or_revoke_old_codes(tmp_path: Path) -> None:
    registry = CertificateRegistry(tmp_path)
    now = dt.datetime(2027, 1, 20, tzinfo=dt.UTC)

    def prize(subject: str, holder: str) -> Certificate:
        return Certificate("prize", "c", "vong-1/nhat", subject, holder, "Sở Tư pháp",
                           "Giải Nhất — Đợt 1", "Cuộc thi", "2026-12-15", True)  # fmt: skip

    [(_, first)] = registry.issue([prize("ts-1", "Lê Văn Một")], kind="prize", scope="c", now=now)
    again = registry.issue([prize("ts-1", "Lê Văn Một")], kind="prize", scope="c", now=now)
    assert again[0][1] == first  # idempotent
    [(_, corrected)] = registry.issue(
        [prize("ts-1", "Lê Văn Mốt")], kind="prize", scope="c", now=now
    )
    assert corrected != first and registry.verify(first).status == "revoked"
    assert registry.verify(corrected).ok
    registry.issue([], kind="prize", scope="c", now=now)  # the prize no longer stands
    assert registry.verify(corrected).status == "revoked"


def test_public_lookup_names_only_consenting_holders(issued) -> None:
    registry = CertificateRegistry(issued["root"] / "data")
    lookup = registry.public_lookup()
    certificates = issued["report"].certificates
    consent = public_identity(
        issued["course"], issued["spec"], [c.subject for c, _, _ in certificates]
    )
    consented = dict(zip(consent["participant_id"], consent["consented"], strict=True))
    shown = {record.get("h") for record in lookup.values()}
    for certificate, _code, _path in certificates:
        assert (certificate.holder in shown) == consented[certificate.subject]
    script = (issued["report"].site / "assets" / "certificates.js").read_text(encoding="utf-8")
    for certificate, code, _path in certificates:
        assert code not in script  # the page lists hashes of codes, never the codes
        if not consented[certificate.subject]:
            assert certificate.holder not in script
    assert name_key("  Nguyễn   VĂN An ") == "nguyễn văn an"


def test_cli_verify(issued, monkeypatch, capsys) -> None:
    from dancoso.cli import main

    monkeypatch.setenv("DANCOSO_DATA", str(issued["root"] / "data"))
    certificate, code, _path = issued["report"].certificates[0]
    assert main(["results", "verify", code]) == 0
    output = capsys.readouterr().out
    assert "HỢP LỆ" in output and certificate.holder in output
    assert main(["results", "verify", "0000-0000-0000-0000"]) == 1
    assert "KHÔNG TÌM THẤY" in capsys.readouterr().out


def test_course_completion_certificates(issued, tmp_path: Path, monkeypatch, capsys) -> None:
    from dancoso.cli import main

    data = tmp_path / "data"
    data.mkdir()
    roster = sample_progress(data / "progress.sqlite", issued["spec"], 9)
    roster.to_csv(data / "learners.csv", index=False)
    monkeypatch.setenv("DANCOSO_DATA", str(data))
    code = main(["results", "certificates", "--out", str(tmp_path / "pdf")])
    assert code == 0 and "3 giấy chứng nhận" in capsys.readouterr().out  # every third finishes
    pdfs = sorted((tmp_path / "pdf").glob("*.pdf"))
    assert len(pdfs) == 3
    registry = CertificateRegistry(data)
    entries = json.loads(registry.path.read_text(encoding="utf-8"))["entries"]
    for code_, entry in entries.items():
        holder = entry["certificate"]["holder"]
        assert holder in set(roster["display_name"])
        assert registry.verify(code_, holder=holder).ok
    assert all("h" not in record for record in registry.public_lookup().values())


@pytest.mark.slow
@pytest.mark.browser
def test_verification_page_in_the_browser(issued, tmp_path: Path) -> None:
    playwright_sync = pytest.importorskip("playwright.sync_api")

    site = issued["report"].site
    certificate, code, _path = next(c for c in issued["report"].certificates if not c[0].public)
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto((site / "xac-minh.html").as_uri())
        result = page.locator("#verify-result")

        def check(value: str, name: str = "") -> str:
            page.fill("#verify-code", value)
            page.fill("#verify-name", name)
            page.click("button[type=submit]")
            result.wait_for(state="visible")
            return result.inner_text()

        assert "hợp lệ" in check(code.lower()).lower()
        assert "khớp" in check(code, certificate.holder.lower())
        assert "KHÔNG khớp" in check(code, "Người Khác Hẳn")
        assert "Không tìm thấy" in check("ZZZZ-ZZZZ-ZZZZ-ZZZZ")
        page.screenshot(path=str(tmp_path / "xac-minh-390.png"), full_page=True)
        browser.close()
