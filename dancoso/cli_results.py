"""`dancoso results build|notes|verify|certificates`.

Only the standard library at import time; each command imports pandas, matplotlib, reportlab…
when it runs. Typed functions live in ``grading`` (results_build, item review notes,
certificates); these are thin wrappers that turn their errors into one short message.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from quizzes.i18n import translate

from .cli_common import add_command, fail, tr

__all__ = ["register"]

TEXTS: dict[str, dict[str, str]] = {
    "build_help": {
        "vi": "tạo trang công bố kết quả (tĩnh, không cần mạng) và tệp cho ban tổ chức",
        "en": "build the static public results site and the organiser exports",
    },
    "notes_help": {
        "vi": "ghi cờ phân tích câu hỏi (quá dễ, quá khó, độ phân biệt âm…) vào ngân hàng",
        "en": "write item-analysis flags as review notes into the bank",
    },
    "verify_help": {"vi": "xác minh mã giấy chứng nhận", "en": "verify a certificate code"},
    "certificates_help": {
        "vi": "cấp giấy chứng nhận hoàn thành khoá học cho người học đã đạt mọi học phần",
        "en": "issue course-completion certificates to learners who passed every module",
    },
    "spec_help": {"vi": "tệp đề cương cuộc thi (YAML)", "en": "the contest spec (YAML)"},
    "course_dir_help": {
        "vi": "thư mục khoá nbgrader của cuộc thi (có results/ do bước chấm tạo ra)",
        "en": "the contest's nbgrader course directory (with results/ from grading)",
    },
    "out_help": {"vi": "thư mục trang công bố", "en": "folder of the public site"},
    "organiser_help": {
        "vi": "thư mục tệp của ban tổ chức (mặc định: <out>-organiser; không được nằm trong "
        "trang công bố)",
        "en": "organiser folder (default <out>-organiser; never inside the public site)",
    },
    "top_help": {
        "vi": "số người đứng đầu hiện trên mỗi bảng xếp hạng công khai (mặc định 50)",
        "en": "people listed per public ranking (default 50)",
    },
    "bank_help": {
        "vi": "thư mục ngân hàng câu hỏi (mặc định DANCOSO_BANK hoặc ngân hàng của dự án)",
        "en": "question bank folder (default DANCOSO_BANK or the project's bank)",
    },
    "no_certificates_help": {
        "vi": "không cấp giấy chứng nhận cho người đoạt giải",
        "en": "do not issue prize certificates",
    },
    "write_notes_help": {
        "vi": "đồng thời ghi cờ phân tích câu hỏi vào ngân hàng (--bank)",
        "en": "also write item-analysis flags into the bank (--bank)",
    },
    "data_dir_help": {
        "vi": "thư mục dữ liệu (mặc định DANCOSO_DATA hoặc ./var): khoá ký giấy chứng nhận",
        "en": "data folder (default DANCOSO_DATA or ./var): the certificate signing key",
    },
    "min_respondents_help": {
        "vi": "chỉ gắn cờ câu hỏi có ít nhất N người trả lời (mặc định 20)",
        "en": "flag only questions with at least N respondents (default 20)",
    },
    "timings_help": {
        "vi": "in thời gian của từng bước (đo hiệu năng)",
        "en": "print how long each step took",
    },
    "dry_run_help": {"vi": "chỉ in, không ghi", "en": "print only, write nothing"},
    "code_help": {"vi": "mã xác minh in trên giấy", "en": "the printed verification code"},
    "holder_help": {
        "vi": "họ tên in trên giấy, để đối chiếu",
        "en": "the name printed on the certificate, to compare",
    },
    "progress_help": {
        "vi": "tệp tiến độ học tập (mặc định <data>/progress.sqlite)",
        "en": "progress database (default <data>/progress.sqlite)",
    },
    "courses_help": {
        "vi": "thư mục học phần (mặc định courses/ của dự án)",
        "en": "course modules folder (default: the project's courses/)",
    },
    "roster_help": {
        "vi": "tệp CSV danh sách người học (learner, unit_id, display_name)",
        "en": "learner roster CSV (learner, unit_id, display_name)",
    },
    "cert_out_help": {
        "vi": "thư mục lưu các tệp PDF (chỉ ban tổ chức)",
        "en": "folder for the PDF files (organisers only)",
    },
    "built": {
        "vi": "Đã tạo trang công bố: {site}/index.html ({pages} tệp).\n"
        "Tệp cho ban tổ chức (KHÔNG công bố): {organiser}\n"
        "Giấy chứng nhận: {certificates}. Thời gian: {seconds:.1f} giây.",
        "en": "Public site: {site}/index.html ({pages} files).\n"
        "Organiser files (NOT to publish): {organiser}\n"
        "Certificates: {certificates}. Time: {seconds:.1f} s.",
    },
    "orphans": {
        "vi": "Lưu ý: bỏ qua {count} câu trả lời chưa có lượt thi tương ứng (đang chấm dở?).",
        "en": "Note: {count} responses without their attempt were skipped (grading under way?).",
    },
    "notes_written": {
        "vi": "Đã ghi {notes} ghi chú cho {questions} câu hỏi vào {bank}.",
        "en": "Wrote {notes} notes on {questions} questions into {bank}.",
    },
    "notes_none": {"vi": "Không có câu hỏi nào bị gắn cờ.", "en": "No question is flagged."},
    "no_results": {
        "vi": "Chưa có kết quả chấm trong {path}. Chạy: dancoso contest grade SPEC --course-dir "
        "DIR",
        "en": "No graded results in {path}. Run: dancoso contest grade SPEC --course-dir DIR",
    },
    "bad_results": {
        "vi": "Tệp kết quả không hợp lệ: {detail}",
        "en": "Invalid results file: {detail}",
    },
    "bad_spec": {
        "vi": "Đề cương cuộc thi có lỗi:\n{detail}",
        "en": "The contest spec has errors:\n{detail}",
    },
    "bad_folder": {
        "vi": "Thư mục tệp ban tổ chức không được nằm trong (hoặc chứa) trang công bố: {detail}",
        "en": "The organiser folder must not be inside (or contain) the public site: {detail}",
    },
    "not_site": {
        "vi": "{path} không trống và không phải trang kết quả đã tạo trước đó; chọn thư mục khác.",
        "en": "{path} is not empty and not an earlier results site; choose another folder.",
    },
    "rules_error": {"vi": "{detail}", "en": "{detail}"},
    "export_failed": {
        "vi": "Không ghi được tệp cho ban tổ chức: {detail}",
        "en": "Could not write the organiser files: {detail}",
    },
    "issued_course": {
        "vi": "Đã cấp {count} giấy chứng nhận hoàn thành khoá học vào {folder}.",
        "en": "Issued {count} course certificates into {folder}.",
    },
}


def t(key: str, **values: object) -> str:
    return translate(TEXTS, key, **values)


def register(groups) -> None:
    results = add_command(
        groups,
        "results",
        tr("results_help"),
        "dancoso results build quizzes/contests/demo.yaml --course-dir var/demo --out var/site",
    )
    commands = results.add_subparsers(dest="command", required=True)

    build = add_command(
        commands,
        "build",
        t("build_help"),
        "dancoso results build quizzes/contests/demo.yaml --course-dir var/demo --out var/site",
    )
    build.add_argument("spec", type=Path, help=t("spec_help"))
    build.add_argument("--course-dir", type=Path, required=True, help=t("course_dir_help"))
    build.add_argument("--out", type=Path, required=True, help=t("out_help"))
    build.add_argument("--organiser-out", type=Path, default=None, help=t("organiser_help"))
    build.add_argument("--top", type=int, default=50, help=t("top_help"))
    build.add_argument("--bank", type=Path, default=None, help=t("bank_help"))
    build.add_argument("--data-dir", type=Path, default=None, help=t("data_dir_help"))
    build.add_argument("--no-certificates", action="store_true", help=t("no_certificates_help"))
    build.add_argument("--write-notes", action="store_true", help=t("write_notes_help"))
    build.add_argument("--timings", action="store_true", help=t("timings_help"))
    build.set_defaults(run=run_build)

    notes = add_command(
        commands,
        "notes",
        t("notes_help"),
        "dancoso results notes quizzes/contests/demo.yaml --course-dir var/demo --dry-run",
    )
    notes.add_argument("spec", type=Path, help=t("spec_help"))
    notes.add_argument("--course-dir", type=Path, required=True, help=t("course_dir_help"))
    notes.add_argument("--bank", type=Path, default=None, help=t("bank_help"))
    notes.add_argument("--min-respondents", type=int, default=20, help=t("min_respondents_help"))
    notes.add_argument("--dry-run", action="store_true", help=t("dry_run_help"))
    notes.set_defaults(run=run_notes)

    verify = add_command(
        commands, "verify", t("verify_help"), "dancoso results verify 7K3M-Q9XA-2BFD-HT4P"
    )
    verify.add_argument("code", help=t("code_help"))
    verify.add_argument("--holder", default=None, help=t("holder_help"))
    verify.add_argument("--data-dir", type=Path, default=None, help=t("data_dir_help"))
    verify.set_defaults(run=run_verify)

    certificates = add_command(
        commands,
        "certificates",
        t("certificates_help"),
        "dancoso results certificates --out var/chung-nhan --roster var/hoc-vien.csv",
    )
    certificates.add_argument("--out", type=Path, required=True, help=t("cert_out_help"))
    certificates.add_argument("--progress", type=Path, default=None, help=t("progress_help"))
    certificates.add_argument("--courses", type=Path, default=None, help=t("courses_help"))
    certificates.add_argument("--roster", type=Path, default=None, help=t("roster_help"))
    certificates.add_argument("--data-dir", type=Path, default=None, help=t("data_dir_help"))
    certificates.set_defaults(run=run_course_certificates)


def _quiet_blas() -> None:
    # OpenBLAS spins one thread per core; when the machine is busy (a server also running
    # Voilà kernels) that makes item analysis many times slower. One thread is plenty here.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


class _SpecError(Exception):
    """The spec does not load; the message lists file:line problems."""


def _load_spec(path: Path):
    from quizzes.contest_load import load_contest

    loaded = load_contest(path)
    if loaded.spec is None:
        raise _SpecError("\n".join(p.render(Path.cwd()) for p in loaded.errors))
    return loaded.spec


def _guarded(action):
    """Run ``action``; turn the errors people can fix into a short message."""
    from grading.counting import RulesError
    from grading.exports import OrganiserFolderError
    from grading.results_build import ExportFailed
    from grading.results_files import ResultsFilesMissing
    from grading.results_model import ResultsInputError
    from grading.results_site import SiteError

    try:
        return action()
    except _SpecError as error:
        return fail(t("bad_spec", detail=error))
    except ResultsFilesMissing as error:
        return fail(t("no_results", path=Path(str(error)).parent))
    except ResultsInputError as error:
        return fail(t("bad_results", detail=error))
    except OrganiserFolderError as error:
        return fail(t("bad_folder", detail=error))
    except SiteError as error:
        return fail(t("not_site", path=error))
    except RulesError as error:
        return fail(t("rules_error", detail=error))
    except ExportFailed as error:
        return fail(t("export_failed", detail=error))


def run_build(arguments: argparse.Namespace) -> int:
    _quiet_blas()

    def action() -> int:
        import time

        from grading.results_build import build_results

        started = time.perf_counter()
        spec = _load_spec(arguments.spec)
        report = build_results(
            spec,
            course_dir=arguments.course_dir,
            out=arguments.out,
            organiser=arguments.organiser_out,
            data_dir=arguments.data_dir,
            bank=arguments.bank,
            top=arguments.top,
            certificates=not arguments.no_certificates,
        )
        if arguments.timings:
            for step, seconds in report.timings.items():
                print(f"  {step:<34} {seconds:7.3f} s", file=sys.stderr)
        if report.orphan_responses:
            print(t("orphans", count=report.orphan_responses), file=sys.stderr)
        if arguments.write_notes:
            _write_notes(report.results.flags, arguments.bank, dry_run=False)
        print(
            t(
                "built",
                site=report.site,
                pages=len(report.site_files),
                organiser=report.organiser,
                certificates=len(report.certificates),
                seconds=time.perf_counter() - started,
            )
        )
        return 0

    return _guarded(action)


def _write_notes(flags, bank: Path | None, *, dry_run: bool) -> int:
    from grading.item_review import write_review_notes
    from quizzes.bank import bank_dir

    bank = bank or bank_dir()
    written = write_review_notes(flags, bank=bank, dry_run=dry_run)
    if not written:
        print(t("notes_none"))
        return 0
    for question_id, notes in written.items():
        for note in notes:
            print(f"{question_id}: {note}")
    total = sum(len(v) for v in written.values())
    if not dry_run:
        print(t("notes_written", notes=total, questions=len(written), bank=bank))
    return 0


def run_notes(arguments: argparse.Namespace) -> int:
    _quiet_blas()

    def action() -> int:
        from grading.results_build import contest_questions
        from grading.results_files import read_results, units_frame
        from grading.results_report import compute_results

        spec = _load_spec(arguments.spec)
        files = read_results(arguments.course_dir)
        results = compute_results(
            spec,
            files.attempts,
            files.responses,
            units_frame(spec, files.attempts),
            questions=contest_questions(arguments.course_dir, arguments.bank),
            min_respondents=arguments.min_respondents,
        )
        return _write_notes(results.flags, arguments.bank, dry_run=arguments.dry_run)

    return _guarded(action)


def run_verify(arguments: argparse.Namespace) -> int:
    from grading.certificates import CertificateRegistry
    from grading.results_texts import text

    registry = CertificateRegistry(arguments.data_dir)
    result = registry.verify(arguments.code, holder=arguments.holder)
    print(result.message)
    if result.ok and result.certificate is not None:
        print(text("cert_status_holder", holder=result.certificate.holder))
    return 0 if result.ok else 1


def run_course_certificates(arguments: argparse.Namespace) -> int:
    from grading.course_progress import issue_course_certificates

    issued = issue_course_certificates(
        out=arguments.out,
        progress=arguments.progress,
        courses=arguments.courses,
        roster=arguments.roster,
        data_dir=arguments.data_dir,
    )
    print(t("issued_course", count=len(issued), folder=arguments.out))
    return 0
