"""Texts of the grading layer (contest course, intake, personal data), Vietnamese first."""

from __future__ import annotations

__all__ = ["MESSAGES"]

BUILD = "dancoso contest build SPEC --course-dir DIR"

MESSAGES: dict[str, dict[str, str]] = {
    "not_in_course": {
        "vi": "{path} không nằm trong một khoá nbgrader của cuộc thi. Chạy: " + BUILD,
        "en": "{path} is not inside a contest's nbgrader course. Run: " + BUILD,
    },
    "unknown_assignment": {
        "vi": "bài thi '{assignment}' không thuộc cuộc thi này.",
        "en": "assignment '{assignment}' is not part of this contest.",
    },
    "sheet_unusable": {
        "vi": "Không dùng được phiếu trả lời ({code}); câu này không được tính điểm.",
        "en": "The answers file is unusable ({code}); this question scores nothing.",
    },
    "no_such_slot": {
        "vi": "Đề không có câu {number}.",
        "en": "The paper has no question {number}.",
    },
    "slot_wrong": {
        "vi": "Câu {number}: chưa đúng hoặc chưa trả lời.",
        "en": "Question {number}: wrong or unanswered.",
    },
}

MESSAGES.update(
    {
        "unknown_field": {
            "vi": "Trường '{key}' không có trong mẫu đăng ký.",
            "en": "Field '{key}' is not on the registration form.",
        },
        "field_required": {"vi": "{label}: bắt buộc nhập.", "en": "{label}: required."},
        "field_too_long": {
            "vi": "{label}: quá dài (tối đa {limit} ký tự).",
            "en": "{label}: too long (at most {limit} characters).",
        },
        "field_phone_invalid": {
            "vi": "{label}: không đúng định dạng số di động Việt Nam (10 chữ số, ví dụ "
            "0912345678).",
            "en": "{label}: not a Vietnamese mobile number (10 digits, e.g. 0912345678).",
        },
        "field_cccd_invalid": {
            "vi": "{label}: số căn cước công dân gồm đúng 12 chữ số, bắt đầu bằng 0.",
            "en": "{label}: a citizen ID (CCCD) number is exactly 12 digits starting with 0.",
        },
        "field_email_invalid": {
            "vi": "{label}: địa chỉ email không hợp lệ.",
            "en": "{label}: invalid email.",
        },
        "field_date_invalid": {
            "vi": "{label}: ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 05/09/1985.",
            "en": "{label}: invalid date; use day/month/year, e.g. 05/09/1985.",
        },
        "field_too_young": {
            "vi": "{label}: người dự thi phải từ {age} tuổi trở lên.",
            "en": "{label}: participants must be at least {age} years old.",
        },
        "field_unit_unknown": {
            "vi": "{label}: chọn một đơn vị trong danh sách.",
            "en": "{label}: choose a unit from the list.",
        },
        "field_choice_unknown": {
            "vi": "{label}: chọn một giá trị trong danh sách.",
            "en": "{label}: choose a value from the list.",
        },
        "field_name_invalid": {
            "vi": "{label}: nhập họ và tên đầy đủ, không có chữ số.",
            "en": "{label}: enter the full name, without digits.",
        },
        "duplicate_value": {
            "vi": "{label}: đã được dùng để đăng ký. Mỗi người chỉ đăng ký một lần; nếu bạn đã "
            "đăng ký, hãy đăng nhập, hoặc liên hệ Ban Tổ chức.",
            "en": "{label}: already used to register. Each person registers once; if you have "
            "registered, log in, or contact the organisers.",
        },
        "consent_required": {
            "vi": "Bạn cần đánh dấu ô đồng ý xử lý dữ liệu cá nhân để đăng ký dự thi.",
            "en": "Tick the personal-data consent box to register.",
        },
        "participant_exists": {
            "vi": "Mã người dự thi {participant} đã tồn tại.",
            "en": "Participant id {participant} already exists.",
        },
    }
)

# The `dancoso contest …` commands (help and results).
MESSAGES.update(
    {
        "cli_check_help": {
            "vi": "kiểm tra tệp cuộc thi so với ngân hàng câu hỏi (lỗi ghi rõ tệp:dòng)",
            "en": "check a contest file against the question bank (errors name file:line)",
        },
        "cli_build_help": {
            "vi": "tạo hoặc cập nhật khoá nbgrader của cuộc thi (đề, sổ điểm, phát đề)",
            "en": "create or update the contest's nbgrader course (papers, gradebook, release)",
        },
        "cli_simulate_help": {
            "vi": "tạo người dự thi và bài làm mô phỏng qua đúng đường nộp bài thật",
            "en": "create synthetic participants and attempts through the real intake",
        },
        "cli_import_help": {
            "vi": "nhập bài làm thu ở nơi khác (CSV mỗi dòng một lượt, hoặc zip-collect của "
            "nbgrader)",
            "en": "import answers gathered elsewhere (CSV, one row per attempt, or nbgrader "
            "zip-collect)",
        },
        "cli_forget_help": {
            "vi": "xoá dữ liệu cá nhân của một người theo yêu cầu; kết quả giữ lại ở dạng ẩn danh",
            "en": "erase a person's personal data on request; results stay, anonymised",
        },
        "cli_spec_help": {"vi": "tệp YAML của cuộc thi", "en": "the contest YAML file"},
        "cli_course_help": {"vi": "thư mục khoá nbgrader", "en": "the nbgrader course directory"},
        "cli_bank_help": {
            "vi": "tệp/thư mục ngân hàng câu hỏi (mặc định: của dự án)",
            "en": "question bank files/folders (default: the project's)",
        },
        "cli_db_url_help": {
            "vi": "địa chỉ sổ điểm khi tạo mới (mặc định SQLite trong khoá; có thể là "
            "postgresql://…)",
            "en": "gradebook URL for a new course (default SQLite in the course; or "
            "postgresql://…)",
        },
        "cli_exchange_help": {
            "vi": "thư mục exchange của nbgrader (mặc định <khoá>/exchange)",
            "en": "nbgrader exchange directory (default <course>/exchange)",
        },
        "cli_refreeze_help": {
            "vi": "lấy lại bộ câu hỏi của vòng này từ ngân hàng (chỉ khi vòng chưa có lượt thi)",
            "en": "redraw this round's question pool from the bank (only while it has no attempts)",
        },
        "cli_participants_help": {
            "vi": "số người dự thi mô phỏng",
            "en": "number of synthetic participants",
        },
        "cli_seed_help": {
            "vi": "hạt giống ngẫu nhiên (cùng hạt, cùng kết quả)",
            "en": "random seed",
        },
        "cli_round_help": {
            "vi": "chỉ mô phỏng vòng này (lặp lại được)",
            "en": "simulate only this round",
        },
        "cli_file_help": {
            "vi": "tệp CSV, tệp .zip hoặc thư mục zip-collect",
            "en": "CSV, .zip or folder",
        },
        "cli_participant_help": {"vi": "mã người dự thi", "en": "participant id"},
        "spec_ok": {
            "vi": "Tệp cuộc thi hợp lệ: {rounds} vòng, {questions} câu hỏi đủ điều kiện trong "
            "ngân hàng.",
            "en": "Contest file is valid: {rounds} rounds, {questions} eligible questions in the "
            "bank.",
        },
        "spec_failed": {"vi": "{errors} lỗi.", "en": "{errors} errors."},
        "bank_warnings": {
            "vi": "Cảnh báo: {count} lỗi trong ngân hàng câu hỏi; các câu lỗi không được đưa vào "
            "đề "
            "(xem: dancoso bank check).",
            "en": "Warning: {count} errors in the question bank; faulty questions are left out "
            "(see: dancoso bank check).",
        },
        "built": {
            "vi": "Đã tạo khoá nbgrader '{course}' tại {root}: {assignments} bài thi, {students} "
            "người "
            "dự thi trong sổ điểm.",
            "en": "Built nbgrader course '{course}' in {root}: {assignments} assignments, "
            "{students} "
            "participants in the gradebook.",
        },
        "lab_line": {
            "vi": "JupyterLab: đã niêm phong đề riêng của {participants} thí sinh (thêm bằng "
            "nbgrader); mã làm bài: dancoso contest lab-codes.",
            "en": "JupyterLab: sealed the own papers of {participants} participants (added with "
            "nbgrader); access codes: dancoso contest lab-codes.",
        },
        "lab_skipped": {
            "vi": "Cảnh báo: {count} học viên trong sổ điểm nbgrader có tên tài khoản không dùng "
            "được làm mã người dự thi (chỉ a-z, 0-9, '-', 3–40 ký tự), nên không thi được trên "
            "JupyterLab: {names}",
            "en": "Warning: {count} students in nbgrader's gradebook have account names that "
            "cannot be participant ids (a-z, 0-9, '-', 3–40 characters), so they cannot take "
            "the contest in JupyterLab: {names}",
        },
        "pool_line": {
            "vi": "  {round}: {size} câu hỏi trong bộ đề ({state})",
            "en": "  {round}: {size} questions in the pool ({state})",
        },
        "pool_frozen": {"vi": "vừa cố định", "en": "frozen now"},
        "pool_kept": {"vi": "giữ nguyên bộ đã cố định", "en": "kept as frozen"},
        "pool_refrozen": {"vi": "lấy lại từ ngân hàng", "en": "redrawn from the bank"},
        "paper_changed": {
            "vi": "Vòng {round} đã có {attempts} lượt thi: không thể đổi seed, hạn mức đề hay bộ "
            "câu hỏi "
            "của vòng này nữa (đề của người đã thi sẽ khác khi chấm lại).",
            "en": "Round {round} already has {attempts} attempts: its seed, quotas and pool can no "
            "longer change (papers already taken would be recomputed differently).",
        },
        "not_built": {
            "vi": "{root} chưa có khoá của cuộc thi. Chạy trước: " + BUILD,
            "en": "{root} holds no built contest. Run first: " + BUILD,
        },
        "wrong_course": {
            "vi": "{root} là khoá của cuộc thi '{built}', không phải '{spec}'.",
            "en": "{root} holds contest '{built}', not '{spec}'.",
        },
        "simulated": {
            "vi": "Đã mô phỏng {participants} người dự thi: {attempts} lượt thi chính thức "
            "({submitted} "
            "đã nộp, {auto} nộp tự động khi hết giờ), {practice} lượt thi thử, {resubmissions} "
            "lần nộp "
            "lại, {refused} đăng ký trùng bị từ chối. Cờ: {flags}.",
            "en": "Simulated {participants} participants: {attempts} official attempts "
            "({submitted} "
            "submitted, {auto} auto-submitted at the limit), {practice} practice attempts, "
            "{resubmissions} re-submissions, {refused} duplicate registrations refused. Flags: "
            "{flags}.",
        },
        "imported": {
            "vi": "Đã đọc {read} bài, ghi nhận {recorded} ({flagged} có cờ, {resubmissions} nộp "
            "lại); "
            "{errors} lỗi.",
            "en": "Read {read} records, recorded {recorded} ({flagged} flagged, {resubmissions} "
            "re-submissions); {errors} errors.",
        },
        "forgotten": {
            "vi": "Đã xoá dữ liệu cá nhân của {participant}; kết quả dự thi giữ lại ở dạng ẩn "
            "danh.",
            "en": "Erased the personal data of {participant}; results are kept, anonymised.",
        },
        "nothing_to_forget": {
            "vi": "Không có dữ liệu cá nhân nào của {participant} (chưa đăng ký hoặc đã xoá).",
            "en": "No personal data held for {participant} (never registered or already erased).",
        },
        "invalid_participant": {
            "vi": "Mã người dự thi không hợp lệ: {participant}",
            "en": "Invalid participant id: {participant}",
        },
        "nbgrader_failed": {
            "vi": "nbgrader báo lỗi:\n{detail}",
            "en": "nbgrader failed:\n{detail}",
        },
    }
)
