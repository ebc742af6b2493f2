"""Texts of grading and feedback (``dancoso contest grade|feedback``), Vietnamese first."""

from __future__ import annotations

__all__ = ["GRADE_MESSAGES", "REASONS"]

GRADE_MESSAGES: dict[str, dict[str, str]] = {
    "cli_grade_help": {
        "vi": "chấm mọi lượt thi đã nộp vào sổ điểm nbgrader (chỉ chấm bài mới hoặc đã đổi)",
        "en": "score every submitted attempt into nbgrader's gradebook (new or changed only)",
    },
    "cli_engine_help": {
        "vi": "nbgrader: autograde của nbgrader (chậm, mỗi bài một kernel); fast: cùng kết quả, "
        "không chạy kernel; auto (mặc định): nbgrader khi ít bài, fast khi nhiều",
        "en": "nbgrader: nbgrader's autograde (one kernel per paper); fast: the same grades "
        "without a kernel; auto (default): nbgrader for a few papers, fast for many",
    },
    "cli_workers_help": {
        "vi": "số tiến trình chấm song song (mặc định 1)",
        "en": "worker processes grading in parallel (default 1)",
    },
    "cli_force_help": {
        "vi": "chấm lại mọi lượt, kể cả bài đã chấm và không đổi",
        "en": "re-grade every attempt, even unchanged ones",
    },
    "cli_timeout_help": {
        "vi": "giới hạn giây cho mỗi bài với nbgrader; quá hạn thì dừng hẳn (mặc định 120)",
        "en": "seconds per paper with nbgrader; past it the worker is killed (default 120)",
    },
    "cli_quiet_help": {"vi": "không hiện thanh tiến độ", "en": "no progress bar"},
    "cli_notebooks_help": {
        "vi": "bài đã chấm (autograded) cho formgrader với cách chấm fast: all = mọi lượt; "
        "needed = chỉ lượt cần người xem (tự luận, bài có vấn đề); auto (mặc định): all khi "
        "chấm tới 10.000 lượt, needed khi nhiều hơn",
        "en": "graded notebooks for formgrader with the fast engine: all attempts; needed = only "
        "those a person must look at (essays, flagged); auto (default): all up to 10,000 "
        "attempts, needed beyond",
    },
    "cli_grade_round_help": {
        "vi": "chỉ chấm vòng (đợt) này; có thể lặp lại",
        "en": "grade only this round; may be repeated",
    },
    "graded": {
        "vi": "Đã chấm {graded} lượt ({engine}), bỏ qua {skipped} lượt không đổi, {failed} lượt "
        "lỗi, trong {seconds:.1f} giây. Kết quả: {results}",
        "en": "Graded {graded} attempts ({engine}), skipped {skipped} unchanged, {failed} "
        "failed, in {seconds:.1f} s. Results: {results}",
    },
    "reason_line": {"vi": "  {count} lượt: {reason}", "en": "  {count} attempts: {reason}"},
    "failed_line": {
        "vi": "  lỗi: {assignment} / {student}: {why}",
        "en": "  failed: {assignment} / {student}: {why}",
    },
    "unknown_round": {
        "vi": "Cuộc thi không có vòng '{round}'.",
        "en": "The contest has no round '{round}'.",
    },
    "gradebook_unreachable": {
        "vi": "Không mở được sổ điểm nbgrader ({detail}). Kiểm tra db_url trong "
        "nbgrader_config.py của khoá, rồi chạy lại.",
        "en": "Cannot open nbgrader's gradebook ({detail}). Check db_url in the course's "
        "nbgrader_config.py, then run again.",
    },
    "cli_feedback_help": {
        "vi": "tạo trang phản hồi (HTML) cho từng người dự thi sau khi vòng thi đã kết thúc",
        "en": "write each participant's feedback page (HTML) once the round has closed",
    },
    "cli_feedback_out_help": {
        "vi": "thư mục ghi trang phản hồi (mặc định <khoá>/feedback)",
        "en": "folder for the feedback pages (default <course>/feedback)",
    },
    "round_not_closed": {
        "vi": "Vòng '{round}' chưa kết thúc (đóng lúc {closes}); chỉ tạo phản hồi sau khi vòng "
        "thi kết thúc, để không lộ đáp án.",
        "en": "Round '{round}' has not closed (it closes at {closes}); feedback is written only "
        "after a round closes, so that no key leaks.",
    },
    "feedback_written": {
        "vi": "Đã tạo {count} trang phản hồi trong {folder}.",
        "en": "Wrote {count} feedback pages in {folder}.",
    },
    "not_graded": {
        "vi": "Chưa có bài nào được chấm. Chạy trước: dancoso contest grade SPEC --course-dir DIR",
        "en": "Nothing is graded yet. Run first: dancoso contest grade SPEC --course-dir DIR",
    },
}

REASONS: dict[str, dict[str, str]] = {
    "symlink": {
        "vi": "bài nộp có liên kết tượng trưng (không được đọc)",
        "en": "a symbolic link in the submission (not followed)",
    },
    "answers_missing": {"vi": "không có phiếu trả lời", "en": "no answers file"},
    "answers_too_large": {"vi": "phiếu trả lời quá lớn", "en": "answers file too large"},
    "answers_not_utf8": {"vi": "phiếu trả lời không phải UTF-8", "en": "answers not UTF-8"},
    "answers_not_json": {"vi": "phiếu trả lời hỏng (không phải JSON)", "en": "answers not JSON"},
    "answers_schema": {
        "vi": "phiếu trả lời sai cấu trúc (kiểu dữ liệu, số âm, …)",
        "en": "answers file breaks the format (types, a negative number, …)",
    },
    "answers_unknown_questions": {
        "vi": "có trả lời cho câu không có trong đề (bỏ qua)",
        "en": "answers for questions not on the paper (ignored)",
    },
    "notebook_missing": {"vi": "thiếu tệp bài thi", "en": "paper notebook missing"},
    "notebook_too_large": {"vi": "tệp bài thi quá lớn", "en": "paper notebook too large"},
    "notebook_not_json": {"vi": "tệp bài thi hỏng", "en": "paper notebook is not JSON"},
    "notebook_invalid": {"vi": "tệp bài thi sai định dạng", "en": "paper notebook invalid"},
    "cells_added": {"vi": "có ô được thêm (đã bỏ)", "en": "cells added (dropped)"},
    "cells_edited": {"vi": "có ô bị sửa (đã khôi phục)", "en": "cells edited (restored)"},
    "cells_missing": {"vi": "có ô bị xoá (đã thêm lại)", "en": "cells deleted (re-added)"},
    "cells_duplicated": {"vi": "có ô bị nhân bản (đã bỏ)", "en": "cells copied (dropped)"},
    "timeout": {"vi": "chấm quá thời gian cho phép", "en": "grading timed out"},
    "autograde_failed": {"vi": "nbgrader không chấm được", "en": "nbgrader could not grade"},
    "engines_disagree": {"vi": "hai cách chấm cho kết quả khác", "en": "engines disagree"},
    "submission_unreadable": {"vi": "không đọc được bài nộp", "en": "submission unreadable"},
}
