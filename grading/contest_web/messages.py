"""Texts of the contest page's API (what an official reads), Vietnamese first.

The page's own labels live in its HTML and JavaScript (Vietnamese only: officials are its
readers); these are the server's answers, which the page shows as they are.
"""

from __future__ import annotations

from quizzes.i18n import translate

__all__ = ["MESSAGES", "message"]

MESSAGES: dict[str, dict[str, str]] = {
    "cli_serve_help": {
        "vi": "Mở trang thi cho người dự thi (đăng ký, làm bài, nộp bài) trên một cổng.",
        "en": "Serve the contest page for participants (register, answer, submit) on a port.",
    },
    "cli_host_help": {
        "vi": "Địa chỉ lắng nghe (mặc định 127.0.0.1; 0.0.0.0 để mở cho mạng ngoài).",
        "en": "Address to listen on (default 127.0.0.1; 0.0.0.0 for other machines).",
    },
    "cli_port_help": {"vi": "Cổng (mặc định 8870).", "en": "Port (default 8870)."},
    "cli_proxy_help": {
        "vi": "Chạy sau máy chủ proxy (nginx…): tin các tiêu đề X-Forwarded-*.",
        "en": "Behind a reverse proxy (nginx…): trust X-Forwarded-* headers.",
    },
    "not_found": {
        "vi": "Không tìm thấy trang hoặc chức năng này.",
        "en": "No such page or function.",
    },
    "method_not_allowed": {
        "vi": "Thao tác này không được hỗ trợ.",
        "en": "This operation is not supported.",
    },
    "bad_request": {
        "vi": "Yêu cầu không hợp lệ. Vui lòng tải lại trang rồi thử lại.",
        "en": "Invalid request. Please reload the page and try again.",
    },
    "internal": {
        "vi": "Máy chủ đang gặp sự cố; câu trả lời đã lưu không bị mất. Vui lòng thử lại "
        "sau ít phút.",
        "en": "The server has a problem; saved answers are safe. Please try again shortly.",
    },
    "too_large": {
        "vi": "Dữ liệu gửi lên quá lớn (tối đa {limit} KB).",
        "en": "The request is too large (at most {limit} KB).",
    },
    "not_json": {
        "vi": "Dữ liệu gửi lên không đúng định dạng. Vui lòng tải lại trang rồi thử lại.",
        "en": "The request body is not valid JSON. Please reload the page and try again.",
    },
    "wrong_content_type": {
        "vi": "Yêu cầu phải gửi dữ liệu dạng JSON.",
        "en": "The request must carry JSON.",
    },
    "cross_site": {
        "vi": "Yêu cầu đến từ trang khác nên bị từ chối.",
        "en": "The request comes from another site and was refused.",
    },
    "not_registered": {
        "vi": "Bạn chưa đăng ký hoặc phiên làm việc đã hết. Vui lòng đăng ký hoặc đăng nhập lại.",
        "en": "You are not registered or your session has ended. Please register or log in.",
    },
    "registration_invalid": {
        "vi": "Thông tin đăng ký chưa hợp lệ. Vui lòng sửa các mục được đánh dấu.",
        "en": "The registration has problems. Please fix the marked fields.",
    },
    "registration_duplicate": {
        "vi": "Thông tin này đã được dùng để đăng ký. Mỗi người chỉ đăng ký một lần; nếu là "
        "bạn, hãy chọn \u201cĐăng nhập lại\u201d. Thông tin đã đăng ký không bị thay đổi.",
        "en": "These details are already registered. One registration per person; if it is "
        "you, choose 'Log in again'. Nothing registered was changed.",
    },
    "login_failed": {
        "vi": "Thông tin không khớp với người đã đăng ký nào. Vui lòng kiểm tra lại.",
        "en": "These details match no registered person. Please check them.",
    },
    "login_unavailable": {
        "vi": "Cuộc thi này không hỗ trợ đăng nhập lại; vui lòng liên hệ Ban Tổ chức.",
        "en": "This contest has no way to log in again; please contact the organisers.",
    },
    "login_throttled": {
        "vi": "Bạn đã thử quá nhiều lần. Vui lòng thử lại sau {minutes} phút.",
        "en": "Too many tries. Please try again in {minutes} minutes.",
    },
    "unknown_round": {
        "vi": "Không có đợt thi này.",
        "en": "There is no such round.",
    },
    "round_upcoming": {
        "vi": "{round} chưa mở. Thời gian thi: từ {opens} đến {closes}.",
        "en": "{round} is not open yet. It runs from {opens} to {closes}.",
    },
    "round_closed": {
        "vi": "{round} đã kết thúc lúc {closes}; không thể bắt đầu lượt thi mới.",
        "en": "{round} closed at {closes}; no new attempt can start.",
    },
    "no_attempts_left": {
        "vi": "Bạn đã dùng hết {attempts} lượt thi của {round}.",
        "en": "You have used all {attempts} attempts of {round}.",
    },
    "no_practice": {
        "vi": "{round} không có chế độ thi thử.",
        "en": "{round} has no practice mode.",
    },
    "no_such_attempt": {
        "vi": "Không tìm thấy lượt thi này. Vui lòng tải lại trang.",
        "en": "No such attempt. Please reload the page.",
    },
    "already_submitted": {
        "vi": "Bài thi này đã được nộp lúc {submitted}; không thể sửa hay nộp lại.",
        "en": "This attempt was submitted at {submitted}; it cannot be changed or resubmitted.",
    },
    "time_up": {
        "vi": "Đã hết thời gian làm bài; câu trả lời này không được lưu. Bài được nộp với "
        "các câu trả lời đã lưu trước khi hết giờ.",
        "en": "Time is up; this answer was not saved. The attempt is submitted with the "
        "answers saved before time ran out.",
    },
    "bad_answers": {
        "vi": "Câu trả lời không hợp lệ ({detail}). Vui lòng tải lại trang.",
        "en": "Invalid answers ({detail}). Please reload the page.",
    },
    "essay_too_long": {
        "vi": "Bài làm câu {number} dài quá {limit} ký tự nên chưa được lưu. Vui lòng rút gọn.",
        "en": "The answer to question {number} is over {limit} characters and was not saved. "
        "Please shorten it.",
    },
    "essays_too_large": {
        "vi": "Các bài tự luận dài quá mức cho phép (tổng cộng {limit} KB) nên chưa được lưu. "
        "Vui lòng rút gọn.",
        "en": "The essay answers are too long together (at most {limit} KB) and were not "
        "saved. Please shorten them.",
    },
    "submitted_late": {
        "vi": "Bài được nộp sau khi hết giờ: các câu trả lời đã lưu trước khi hết giờ được "
        "tính; bản gửi muộn được lưu riêng để Ban Tổ chức xem xét.",
        "en": "Submitted after time ran out: the answers saved before the limit count; the "
        "late copy is kept aside for the organisers.",
    },
}


def message(key: str, **values: object) -> str:
    return translate(MESSAGES, key, **values)
