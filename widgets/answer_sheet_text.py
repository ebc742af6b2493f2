"""Texts of the contest answer sheet in JupyterLab, Vietnamese first (English for maintainers)."""

from __future__ import annotations

from quizzes.i18n import translate

__all__ = ["SHEET_MESSAGES", "st"]


def st(key: str, /, **values: object) -> str:
    return translate(SHEET_MESSAGES, key, **values)


SHEET_MESSAGES: dict[str, dict[str, str]] = {
    "title": {"vi": "Phiếu trả lời", "en": "Answer sheet"},
    "code_label": {"vi": "Mã làm bài", "en": "Access code"},
    "code_help": {
        "vi": "Nhập mã làm bài Ban Tổ chức cấp cho bạn (dạng XXXX-XXXX-XXXX) để mở đề thi "
        "của riêng bạn.",
        "en": "Enter the access code the organisers gave you (XXXX-XXXX-XXXX) to open your "
        "own paper.",
    },
    "open": {"vi": "Mở đề thi", "en": "Open my paper"},
    "bad_code": {
        "vi": "Mã làm bài gồm 12 chữ cái và chữ số (dạng XXXX-XXXX-XXXX). Vui lòng kiểm tra lại.",
        "en": "An access code has 12 letters and digits (XXXX-XXXX-XXXX). Please check it.",
    },
    "no_paper": {
        "vi": "Không có đề thi nào ứng với mã này trong lượt thi {assignment}. Kiểm tra lại mã, "
        "hoặc liên hệ Ban Tổ chức nếu bạn mới đăng ký.",
        "en": "No paper of attempt {assignment} matches this code. Check the code, or ask the "
        "organisers if you registered recently.",
    },
    "damaged": {
        "vi": "Không mở được đề thi: tệp đề bị hỏng hoặc không thuộc lượt thi này. Hãy tải lại "
        "bài thi (Fetch) hoặc liên hệ Ban Tổ chức.",
        "en": "The paper cannot be opened: its file is damaged or belongs to another attempt. "
        "Fetch the assignment again or ask the organisers.",
    },
    "wrong_account": {
        "vi": "Mã này cấp cho thí sinh {participant}, nhưng bạn đang dùng tài khoản Jupyter "
        "“{account}”. Bài nộp mang tên tài khoản, nên sẽ không được chấm theo đề của bạn. "
        "Hãy đăng nhập đúng tài khoản hoặc liên hệ Ban Tổ chức.",
        "en": "This code belongs to participant {participant}, but you are using the Jupyter "
        "account “{account}”. Submissions carry the account's name, so it would not be graded "
        "against your paper. Log in with the right account or ask the organisers.",
    },
    "not_fetched": {
        "vi": "Phiếu trả lời chỉ dùng được trong thư mục bài thi đã tải về (Assignments › Fetch).",
        "en": "The answer sheet works only in a fetched assignment folder (Assignments › Fetch).",
    },
    "who": {
        "vi": "Thí sinh {participant} · {round_title} · lượt {attempt} · {count} câu, "
        "{minutes} phút",
        "en": "Participant {participant} · {round_title} · attempt {attempt} · {count} "
        "questions, {minutes} minutes",
    },
    "time_note": {
        "vi": "Mở đề lúc {opened}. Thời gian làm bài {minutes} phút; Ban Tổ chức ghi nhận giờ "
        "nộp theo máy chủ.",
        "en": "Opened at {opened}. You have {minutes} minutes; the organisers record the "
        "submission time on the server.",
    },
    "time_left": {"vi": "Còn lại {clock}", "en": "Time left {clock}"},
    "time_until": {"vi": "hết giờ lúc {until}", "en": "time is up at {until}"},
    "time_up": {
        "vi": "Hết giờ làm bài: các câu trả lời đã lưu được giữ nguyên, thay đổi sau giờ này "
        "không được lưu. Hãy nộp bài ngay (Assignments › Submit).",
        "en": "Time is up: the answers saved so far are kept; changes from now on are not "
        "saved. Submit now (Assignments › Submit).",
    },
    "view_all": {"vi": "Tất cả các câu", "en": "All questions"},
    "view_one": {"vi": "Từng câu một", "en": "One at a time"},
    "previous": {"vi": "‹ Câu trước", "en": "‹ Previous"},
    "next": {"vi": "Câu sau ›", "en": "Next ›"},
    "question": {"vi": "Câu {number}", "en": "Question {number}"},
    "choose_many": {
        "vi": "Chọn tất cả phương án đúng.",
        "en": "Choose every correct option.",
    },
    "essay_placeholder": {"vi": "Viết bài làm của bạn", "en": "Write your answer"},
    "essay_count": {"vi": "{used}/{limit} ký tự", "en": "{used}/{limit} characters"},
    "essay_too_long": {
        "vi": "Câu {number} dài quá {limit} ký tự: phần vượt quá chưa được lưu.",
        "en": "Question {number} exceeds {limit} characters: it was not saved.",
    },
    "prediction_label": {"vi": "Câu hỏi dự đoán", "en": "Prediction question"},
    "prediction_placeholder": {"vi": "Số nguyên, không âm", "en": "A whole number, 0 or more"},
    "prediction_bad": {
        "vi": "Câu dự đoán chỉ nhận số nguyên không âm (ví dụ 1250).",
        "en": "The prediction takes a whole number, 0 or more (for example 1250).",
    },
    "saved": {"vi": "Đã lưu lúc {time}.", "en": "Saved at {time}."},
    "save_failed": {
        "vi": "Chưa lưu được ({detail}). Câu trả lời vẫn còn trên màn hình; hãy thử lại.",
        "en": "Not saved ({detail}). Your answers are still on screen; try again.",
    },
    "unanswered": {
        "vi": "Chưa trả lời: {numbers}.",
        "en": "Not answered yet: {numbers}.",
    },
    "all_answered": {"vi": "Bạn đã trả lời tất cả các câu.", "en": "Every question is answered."},
    "how_to_submit": {
        "vi": "Làm xong, mở <b>Assignments</b> (menu Nbgrader), tìm dòng <b>{assignment}</b> và "
        "bấm <b>Submit</b>. Câu trả lời được lưu tự động vào answers.json trong thư mục bài "
        "thi; đừng sửa hay xoá tệp này.",
        "en": "When done, open <b>Assignments</b> (Nbgrader menu), find <b>{assignment}</b> and "
        "press <b>Submit</b>. Answers are saved automatically to answers.json in the "
        "assignment folder; do not edit or delete it.",
    },
    "no_answers": {"vi": "Chưa có câu trả lời nào.", "en": "No answers yet."},
    "unreadable": {
        "vi": "Không đọc được phiếu trả lời ({code}).",
        "en": "The answer sheet cannot be read ({code}).",
    },
    "prediction_shown": {"vi": "Dự đoán", "en": "Prediction"},
}
