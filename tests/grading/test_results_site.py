"""The public results site after a simulated contest: pages, privacy, offline, exports, CLI."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from grading.results_build import build_results, contest_questions
from grading.results_files import read_results, write_results
from grading.results_sample import register_people, sample_frames
from grading.results_site import SiteError
from quizzes.contest_load import load_contest_spec

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "quizzes" / "contests" / "demo.yaml"
AFTER = dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
DURING = dt.datetime(2026, 12, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))

CCCD = re.compile(r"(?<!\d)\d{12}(?!\d)")
PHONE = re.compile(r"(?<!\d)0[1-9]\d{8}(?!\d)|\+84[\s.]?\d{2,3}[\s.]?\d{3}[\s.]?\d{3,4}")
PHONE_SPACED = re.compile(r"(?<!\d)0\d{2,3}[\s.]\d{3}[\s.]\d{3,4}(?!\d)")
DATE = re.compile(r"(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-](19|20)\d{2}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PARTICIPANT_ID = re.compile(r"ts-\d{7}")


@pytest.fixture(scope="module")
def contest(tmp_path_factory) -> dict:
    """A demo contest of 400 simulated people, all registered (60 % consent to publishing),
    built into a site after both rounds closed."""
    root = tmp_path_factory.mktemp("results")
    spec = load_contest_spec(DEMO)
    course = root / "course"
    questions = contest_questions(course)
    frames = sample_frames(spec, 400, questions=questions, seed=11)
    write_results(course, attempts=frames.attempts, responses=frames.responses)
    ids = list(dict.fromkeys(frames.attempts["participant_id"]))
    people = register_people(course, spec, ids, attempts=frames.attempts, seed=11)
    report = build_results(
        spec, course_dir=course, out=root / "site", data_dir=root / "data", now=AFTER
    )
    return {
        "root": root,
        "spec": spec,
        "course": course,
        "frames": frames,
        "people": people,
        "report": report,
    }


def _site_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


def test_site_has_every_page_and_chart(contest) -> None:
    site = contest["report"].site
    names = {p.relative_to(site).as_posix() for p in _site_files(site)}
    for page in ("index.html", "dot-vong-1.html", "dot-vong-2.html", "don-vi.html",
                 "thong-ke.html", "xac-minh.html", "assets/style.css", "assets/verify.js",
                 "assets/certificates.js", "charts/phan-bo-vong-1.svg",
                 "charts/don-vi-toan-cuoc-thi.svg"):  # fmt: skip
        assert page in names
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in index and 'name="viewport"' in index
    assert "Giải Nhất" in index and "Giải tập thể" in index and "Bảng xếp hạng chung" in index
    round_page = (site / "dot-vong-1.html").read_text(encoding="utf-8")
    assert '<img src="charts/phan-bo-vong-1.svg"' in round_page
    assert "Tỷ lệ tham gia" in (site / "don-vi.html").read_text(encoding="utf-8")
    assert "người đúng" in (site / "thong-ke.html").read_text(encoding="utf-8")


def test_winners_are_named_only_with_consent(contest) -> None:
    report, people = contest["report"], contest["people"]
    site_text = "\n".join(p.read_text(encoding="utf-8") for p in _site_files(report.site))
    awarded = report.results.awards.awarded
    registry_consent = _consent(contest)
    named = [pid for pid in awarded["participant_id"] if registry_consent[pid]]
    hidden = [pid for pid in awarded["participant_id"] if not registry_consent[pid]]
    assert named and hidden, "the sample should have winners of both kinds"
    for pid in named:
        assert people[pid]["ho_ten"] in site_text
    for pid in hidden:
        assert people[pid]["ho_ten"] not in site_text


def _consent(contest) -> dict[str, bool]:
    from grading.results_files import public_identity

    ids = list(contest["people"])
    identity = public_identity(contest["course"], contest["spec"], ids)
    return dict(zip(identity["participant_id"], identity["consented"], strict=True))


def test_public_site_holds_no_personal_data(contest) -> None:
    """Law 91/2025: no CCCD, phone, date of birth, email or address; no participant id; no
    name of anyone who did not consent to publication."""
    consent = _consent(contest)
    private_values = set()
    for pid, values in contest["people"].items():
        private_values.update({values["so_dien_thoai"], values["cccd"], values["ngay_sinh"]})
        born = dt.datetime.strptime(values["ngay_sinh"], "%d/%m/%Y").date()
        private_values.update({born.isoformat(), born.strftime("%d-%m-%Y")})
        if not consent[pid]:
            private_values.add(values["ho_ten"])
    for path in _site_files(contest["report"].site):
        content = path.read_text(encoding="utf-8")
        where = path.name
        for pattern in (CCCD, PHONE, PHONE_SPACED, DATE, EMAIL, PARTICIPANT_ID):
            found = pattern.search(content)
            assert found is None, f"{where}: {pattern.pattern} matched {found.group(0)!r}"
        leaked = [value for value in private_values if value in content]
        assert not leaked, f"{where} leaks {leaked[:3]}"


def test_site_loads_nothing_from_the_internet(contest) -> None:
    """Offline: no CDN, no external asset; the only URLs are SVG namespace names."""
    namespace = re.compile(r'xmlns(:\w+)?="https?://www\.w3\.org/[^"]*"')
    for path in _site_files(contest["report"].site):
        content = path.read_text(encoding="utf-8")
        stripped = namespace.sub("", content) if path.suffix == ".svg" else content
        assert not re.search(r"https?://", stripped), path.name
        assert not re.search(r"""(src|href)\s*=\s*["']?//""", stripped), path.name
        assert "@import" not in stripped and "url(http" not in stripped
        for reference in re.findall(r"""(?:src|href)="([^"#]+)""", content):
            target = (path.parent / reference).resolve()
            assert target.exists(), f"{path.name} links to a missing {reference}"


def test_organiser_exports_are_outside_the_site_and_complete(contest) -> None:
    import openpyxl

    report = contest["report"]
    organiser, site = report.organiser, report.site
    assert site not in organiser.parents and organiser not in site.parents
    assert organiser.name == f"{site.name}-organiser"
    workbook = openpyxl.load_workbook(organiser / "results.xlsx", read_only=True)
    assert workbook.sheetnames[:4] == ["ranking", "units", "items", "attempts"]
    attempts = workbook["attempts"]
    rows = list(attempts.iter_rows(values_only=True))
    assert len(rows) == len(contest["frames"].attempts) + 1
    header = rows[0]
    assert header[:3] == ("contest_id", "round_id", "participant_id")
    started = rows[1][header.index("started_at")]
    assert isinstance(started, dt.datetime)  # real dates, shown in Vietnam time
    ranking = list(workbook["ranking"].iter_rows(values_only=True))
    assert "rank" in ranking[0] and "prize" in ranking[0]
    items = list(workbook["items"].iter_rows(values_only=True))
    assert "facility" in items[0] and "discrimination" in items[0] and len(items) > 10
    for name in ("ranking", "units", "items", "attempts", "winners"):
        frame = pd.read_csv(organiser / f"{name}.csv", encoding="utf-8-sig")
        assert len(frame.columns) > 3
    winners = pd.read_csv(organiser / "winners.csv", encoding="utf-8-sig")
    assert winners["full_name"].notna().all()  # organisers get every winner's name


def test_provisional_round_has_a_banner_and_no_certificates(contest, tmp_path: Path) -> None:
    report = build_results(
        contest["spec"],
        course_dir=contest["course"],
        out=tmp_path / "site",
        data_dir=tmp_path / "data",
        now=DURING,
    )
    index = (report.site / "index.html").read_text(encoding="utf-8")
    assert "Kết quả tạm tính" in index
    closed = [c for c in report.certificates if c[0].slot.startswith("vong-2")]
    assert report.certificates and not closed  # round 1 has closed, round 2 has not


def test_refuses_to_overwrite_a_folder_that_is_not_a_site(contest, tmp_path: Path) -> None:
    precious = tmp_path / "tai-lieu"
    precious.mkdir()
    (precious / "bao-cao.docx").write_text("x")
    with pytest.raises(SiteError):
        build_results(contest["spec"], course_dir=contest["course"], out=precious,
                      data_dir=tmp_path / "data", now=AFTER, certificates=False)  # fmt: skip
    assert (precious / "bao-cao.docx").exists()


def test_results_files_round_trip_and_orphans(contest, tmp_path: Path) -> None:
    frames = contest["frames"]
    write_results(tmp_path, attempts=frames.attempts, responses=frames.responses)
    read = read_results(tmp_path)
    pd.testing.assert_frame_equal(read.attempts, frames.attempts, check_like=True)
    assert read.orphan_responses == 0
    # A reader that sees responses newer than attempts drops the orphans, never fails.
    first = frames.attempts.iloc[: len(frames.attempts) // 2]
    from grading.results_files import _replace_atomically

    _replace_atomically(
        tmp_path / "results" / "attempts.parquet", lambda p: first.to_parquet(p, index=False)
    )
    partial = read_results(tmp_path)
    assert partial.orphan_responses > 0 and len(partial.attempts) == len(first)


def test_cli_build_and_errors(contest, tmp_path: Path, monkeypatch, capsys) -> None:
    from dancoso.cli import main

    monkeypatch.setenv("DANCOSO_DATA", str(tmp_path / "data"))
    code = main(["results", "build", str(DEMO), "--course-dir", str(contest["course"]),
                 "--out", str(tmp_path / "site"), "--no-certificates", "--top", "10"])  # fmt: skip
    output = capsys.readouterr()
    assert code == 0, output.err
    assert "index.html" in output.out and "organiser" in output.out
    assert (tmp_path / "site-organiser" / "results.xlsx").exists()
    code = main(["results", "build", str(DEMO), "--course-dir", str(tmp_path / "empty"),
                 "--out", str(tmp_path / "site2")])  # fmt: skip
    error = capsys.readouterr().err
    assert code == 1 and "Chưa có kết quả chấm" in error and "Traceback" not in error
    code = main(["results", "build", str(DEMO), "--course-dir", str(contest["course"]),
                 "--out", str(tmp_path / "x"), "--organiser-out", str(tmp_path / "x" / "btc")])  # fmt: skip
    assert code == 1 and "không được nằm trong" in capsys.readouterr().err


@pytest.mark.slow
def test_item_flags_become_review_notes_in_a_bank_copy(contest, tmp_path: Path) -> None:
    from grading.item_review import write_review_notes
    from quizzes.bank import BANK_DIR, load_bank

    flags = contest["report"].results.flags
    faulty = contest["frames"].faulty
    assert set(faulty) <= set(flags["question_id"])  # the planted faults are all found
    for question_id, kind in faulty.items():
        assert kind in set(flags.loc[flags["question_id"] == question_id, "flag"])
    flags = flags[flags["question_id"].isin(faulty)]
    flagged = set(flags["question_id"])
    files = {item.file for item in load_bank([BANK_DIR]).questions if item.question.id in flagged}
    bank = tmp_path / "bank"
    bank.mkdir()
    for file in files:
        shutil.copy(file, bank / file.name)
    written = write_review_notes(flags, bank=bank)
    assert set(written) == flagged
    before = {file.name: file.read_bytes() for file in bank.glob("*.yaml")}
    again = write_review_notes(flags, bank=bank)  # idempotent: known notes are skipped
    assert again == {}
    assert {file.name: file.read_bytes() for file in bank.glob("*.yaml")} == before
    for file in bank.glob("*.yaml"):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        for question in data["questions"]:
            if question["id"] in flagged:
                notes = question["notes"].splitlines()
                assert len(notes) == len(set(notes))
                assert any("Đợt" in n for n in notes)


def test_cli_notes_dry_run_lists_the_flags(contest, monkeypatch, capsys) -> None:
    from dancoso.cli import main

    code = main(["results", "notes", str(DEMO), "--course-dir", str(contest["course"]),
                 "--dry-run"])  # fmt: skip
    output = capsys.readouterr().out
    assert code == 0
    for question_id in contest["frames"].faulty:
        assert f"{question_id}: Đợt" in output
