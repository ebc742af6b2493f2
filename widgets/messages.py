"""Texts learners see in the course widgets, Vietnamese first (English for maintainers)."""

from __future__ import annotations

from quizzes.i18n import translate

__all__ = ["MESSAGES", "tr"]


def tr(key: str, /, **values: object) -> str:
    """The message ``key`` in the current language (``DANCOSO_LANG``, else the locale)."""
    return translate(MESSAGES, key, **values)


MESSAGES: dict[str, dict[str, str]] = {
    # Self-check
    "question_number": {"vi": "Câu {number}", "en": "Question {number}"},
    "check": {"vi": "Kiểm tra", "en": "Check"},
    "check_again": {"vi": "Kiểm tra lại", "en": "Check again"},
    "true": {"vi": "Đúng", "en": "True"},
    "false": {"vi": "Sai", "en": "False"},
    "choose_one": {"vi": "Chọn một đáp án", "en": "Choose one answer"},
    "choose_many": {
        "vi": "Chọn tất cả đáp án đúng (có thể nhiều hơn một)",
        "en": "Choose every correct answer (maybe more than one)",
    },
    "short_label": {"vi": "Câu trả lời", "en": "Your answer"},
    "short_placeholder": {"vi": "Gõ câu trả lời ngắn", "en": "Type a short answer"},
    "essay_label": {"vi": "Bài viết", "en": "Your answer"},
    "essay_placeholder": {"vi": "Viết câu trả lời của bạn", "en": "Write your answer"},
    "no_answer": {
        "vi": "Bạn chưa trả lời câu này.",
        "en": "You have not answered this question yet.",
    },
    "right": {"vi": "Đúng rồi!", "en": "Correct!"},
    "wrong": {"vi": "Chưa đúng.", "en": "Not quite."},
    "key_is": {"vi": "Đáp án đúng: {key}.", "en": "Correct answer: {key}."},
    "essay_saved": {
        "vi": "Đã ghi nhận bài viết. Câu tự luận không chấm tự động; "
        "hãy tự đối chiếu với các tiêu chí dưới đây.",
        "en": "Answer saved. Essays are not marked automatically; "
        "compare yours with the criteria below.",
    },
    "rubric_title": {"vi": "Tiêu chí đánh giá", "en": "Marking criteria"},
    "points": {"vi": "{points} điểm", "en": "{points} points"},
    "explanation_title": {"vi": "Giải thích", "en": "Explanation"},
    "official_text_title": {
        "vi": "Nguyên văn (văn bản chính thức đã nhập)",
        "en": "Official text (imported)",
    },
    "citation_title": {"vi": "Căn cứ", "en": "Legal basis"},
    "in_chapter": {"vi": "thuộc Chương {chapter}: {title}", "en": "in Chapter {chapter}: {title}"},
    "summary": {
        "vi": "Kết quả tự kiểm tra: đúng {correct}/{total} câu ({percent} %).",
        "en": "Self-check result: {correct}/{total} correct ({percent} %).",
    },
    "summary_pass": {
        "vi": "Đạt yêu cầu (từ 50 % trở lên).",
        "en": "Passed (50 % or more).",
    },
    "summary_fail": {
        "vi": "Chưa đạt 50 %: hãy đọc lại phần giải thích rồi thử lại.",
        "en": "Below 50 %: read the explanations and try again.",
    },
    "previous": {"vi": "Câu trước", "en": "Previous"},
    "next": {"vi": "Câu tiếp theo", "en": "Next"},
    "position": {"vi": "Câu {number}/{total}", "en": "Question {number} of {total}"},
    "unknown_question": {
        "vi": "Không tìm thấy câu hỏi “{id}” trong ngân hàng câu hỏi; câu này được bỏ qua. "
        "Xin báo cho người biên soạn bài học.",
        "en": "Question “{id}” is not in the question bank and was skipped. "
        "Please tell the course author.",
    },
    "bank_broken": {
        "vi": "Ngân hàng câu hỏi đang có lỗi nên chưa hiện được phần tự kiểm tra. "
        "Xin báo cho người phụ trách khoá học.",
        "en": "The question bank has errors, so the self-check cannot be shown. "
        "Please tell the course maintainer.",
    },
    "no_questions": {
        "vi": "Phần tự kiểm tra này chưa có câu hỏi.",
        "en": "This self-check has no questions yet.",
    },
    "topic_short": {
        "vi": "Chỉ có {found} câu hỏi phù hợp (cần {wanted}); hiển thị tất cả.",
        "en": "Only {found} matching questions ({wanted} wanted); showing them all.",
    },
    # Learner
    "learner_label": {"vi": "Họ và tên", "en": "Full name"},
    "learner_placeholder": {"vi": "Ví dụ: Nguyễn Thị Lan", "en": "e.g. Nguyễn Thị Lan"},
    "learner_save": {"vi": "Lưu tên", "en": "Save name"},
    "learner_prompt": {
        "vi": "Nhập họ và tên của bạn (chỉ một lần) để lưu tiến độ học tập.",
        "en": "Enter your name (once) so that your progress is saved.",
    },
    "learner_is": {"vi": "Học viên: {name}", "en": "Learner: {name}"},
    "learner_saved": {"vi": "Đã lưu tên: {name}.", "en": "Name saved: {name}."},
    "name_empty": {
        "vi": "Bạn chưa nhập họ và tên.",
        "en": "Please enter your name.",
    },
    "name_too_short": {
        "vi": "Họ và tên quá ngắn: cần ít nhất 2 chữ cái.",
        "en": "The name is too short: at least 2 letters.",
    },
    "name_too_long": {
        "vi": "Họ và tên quá dài (tối đa {limit} ký tự).",
        "en": "The name is too long (at most {limit} characters).",
    },
    "name_bad_characters": {
        "vi": "Họ và tên chỉ gồm chữ cái, dấu cách và các dấu . - ' (không có chữ số, ký hiệu).",
        "en": "A name holds letters, spaces and . - ' only (no digits or symbols).",
    },
    "pending_saved": {
        "vi": "Đã lưu {count} câu trả lời trước đó vào tiến độ của bạn.",
        "en": "Saved {count} earlier answers to your progress.",
    },
    "not_saved_yet": {
        "vi": "Kết quả chưa được lưu vì chưa có tên học viên: hãy nhập họ và tên ở trên.",
        "en": "Not saved yet because no learner name is set: enter your name above.",
    },
    # Progress
    "progress_reset": {
        "vi": "Tệp tiến độ học tập bị hỏng nên đã được cất sang “{aside}” và hệ thống bắt đầu "
        "một tệp mới. Kết quả cũ vẫn còn trong tệp đã cất: xin báo người phụ trách khoá học.",
        "en": "The progress file was damaged; it was moved to “{aside}” and a new one was "
        "started. Old results are still in the moved file: please tell the course maintainer.",
    },
    "progress_unavailable": {
        "vi": "Tạm thời không lưu được tiến độ học tập ({reason}). Bạn vẫn học được bình thường.",
        "en": "Progress cannot be saved at the moment ({reason}). You can keep learning.",
    },
    "status_done": {"vi": "Hoàn thành", "en": "Completed"},
    "status_started": {"vi": "Đang học", "en": "In progress"},
    "status_new": {"vi": "Chưa bắt đầu", "en": "Not started"},
    "module_score": {
        "vi": "Tự kiểm tra: đúng {correct}/{total} câu",
        "en": "Self-check: {correct}/{total} correct",
    },
    "module_progress_label": {
        "vi": "Tiến độ bài {title}",
        "en": "Progress in {title}",
    },
    "my_progress_title": {"vi": "Tiến độ của tôi", "en": "My progress"},
    "overall": {
        "vi": "Đã hoàn thành {done}/{total} bài học.",
        "en": "Completed {done} of {total} modules.",
    },
    "overall_label": {"vi": "Tiến độ toàn khoá", "en": "Course progress"},
    "col_module": {"vi": "Bài học", "en": "Module"},
    "col_status": {"vi": "Trạng thái", "en": "Status"},
    "col_score": {"vi": "Tự kiểm tra", "en": "Self-check"},
    "col_last": {"vi": "Lần học gần nhất", "en": "Last activity"},
    "no_learner_progress": {
        "vi": "Chưa có tên học viên nên chưa có tiến độ để hiển thị.",
        "en": "No learner name yet, so there is no progress to show.",
    },
    # Course home
    "home_intro": {
        "vi": "Chọn một bài học để bắt đầu. Mỗi bài có phần tự kiểm tra; "
        "bài được tính là hoàn thành khi bạn trả lời đúng từ 50 % số câu trở lên.",
        "en": "Pick a module to start. Each has a self-check; a module counts as "
        "completed when at least 50 % of its answers are correct.",
    },
    "minutes": {"vi": "khoảng {minutes} phút", "en": "about {minutes} min"},
    "no_modules": {
        "vi": "Chưa có bài học nào được chuẩn bị.",
        "en": "No module has been prepared yet.",
    },
    "course_home": {"vi": "Trang chủ khoá học", "en": "Course home"},
    "module_list": {"vi": "Danh sách bài học", "en": "Modules"},
}
