"""Texts of the results pages, exports, certificates and dashboards — Vietnamese first.

Kept apart from the results core's :mod:`grading.results_labels` (ranking, prizes, statistics)
and from the intake's ``grading/messages.py``. Look texts up with :func:`text`.
"""

from __future__ import annotations

from quizzes.i18n import current_language, translate

__all__ = ["TEXTS", "text", "duration_text", "share_text", "number_text", "date_text"]

TEXTS: dict[str, dict[str, str]] = {
    # Site navigation and headings.
    "site_home": {"vi": "Trang chủ", "en": "Home"},
    "site_units": {"vi": "Đơn vị", "en": "Units"},
    "site_statistics": {"vi": "Thống kê", "en": "Statistics"},
    "site_verify": {"vi": "Xác minh giấy chứng nhận", "en": "Verify a certificate"},
    "site_results_of": {"vi": "Kết quả {title}", "en": "Results of {title}"},
    "site_overall": {"vi": "Bảng xếp hạng chung", "en": "Overall ranking"},
    "site_winners": {"vi": "Danh sách đoạt giải", "en": "Prize winners"},
    "site_prizes": {"vi": "Giải cá nhân đã trao", "en": "Individual prizes"},
    "site_collective": {"vi": "Giải tập thể", "en": "Collective prizes"},
    "site_ranking": {"vi": "Bảng xếp hạng", "en": "Ranking"},
    "site_top": {
        "vi": "{shown} người đứng đầu trên tổng số {total} người dự thi.",
        "en": "The top {shown} of {total} participants.",
    },
    "site_no_attempts": {"vi": "Chưa có bài thi nào.", "en": "No attempts yet."},
    "site_provisional": {
        "vi": "Kết quả tạm tính: {round} chưa kết thúc (đến {closes}). Thứ hạng và giải có thể "
        "thay đổi cho đến khi Ban Tổ chức công bố chính thức.",
        "en": "Provisional: {round} is still open (until {closes}). Ranks and prizes may change "
        "until the organisers announce them.",
    },
    "site_generated": {
        "vi": "Cập nhật lúc {moment} (giờ Việt Nam).",
        "en": "Updated {moment} (Vietnam time).",
    },
    "site_privacy": {
        "vi": "Theo Luật Bảo vệ dữ liệu cá nhân (Luật số 91/2025/QH15), trang này chỉ công bố họ "
        "tên và đơn vị của người đã đồng ý công bố; người khác hiện bằng mã ẩn danh. Không công "
        "bố số căn cước, ngày sinh, số điện thoại, thư điện tử hay địa chỉ.",
        "en": "Under Law 91/2025 on personal data, only people who agreed are named (name and "
        "unit); others appear as an anonymous code. No ID number, date of birth, phone, email "
        "or address is published.",
    },
    "site_anonymous": {"vi": "Người dự thi {code}", "en": "Participant {code}"},
    "site_anonymous_note": {
        "vi": "Mã ẩn danh: người dự thi chưa đồng ý công bố họ tên.",
        "en": "Anonymous code: the participant did not agree to be named.",
    },
    "site_summary": {
        "vi": "{attempts} lượt dự thi của {people} người, thuộc {units} đơn vị.",
        "en": "{attempts} attempts by {people} people from {units} units.",
    },
    "site_tied": {"vi": "đồng hạng", "en": "tied"},
    "site_round_link": {"vi": "Xem kết quả {round}", "en": "See {round}"},
    "site_distribution_title": {
        "vi": "Phân bố số câu trả lời đúng — {round}",
        "en": "Correct answers — {round}",
    },
    "site_units_title": {
        "vi": "Tỷ lệ tham gia theo đơn vị — {round}",
        "en": "Participation by unit — {round}",
    },
    "site_units_intro": {
        "vi": "Tỷ lệ tham gia = số người dự thi ÷ số người thuộc diện dự thi của đơn vị (kể cả "
        "các đơn vị trực thuộc).",
        "en": "Participation rate = participants ÷ the unit's eligible headcount (units below "
        "it included).",
    },
    "site_perfect": {
        "vi": "{count} người đạt điểm tuyệt đối.",
        "en": "{count} people with full marks.",
    },
    "site_fast": {
        "vi": "{count} người đạt điểm tuyệt đối trong dưới {seconds} giây.",
        "en": "{count} people with full marks in under {seconds} seconds.",
    },
    "site_chart_alt": {
        "vi": "Biểu đồ: {title}. Số liệu chi tiết ở bảng bên dưới.",
        "en": "Chart: {title}. Figures in the table below.",
    },
    "site_all_rounds": {"vi": "Toàn cuộc thi", "en": "Whole contest"},
    # Table headings.
    "col_rank": {"vi": "Hạng", "en": "Rank"},
    "col_person": {"vi": "Họ và tên", "en": "Name"},
    "col_unit": {"vi": "Đơn vị", "en": "Unit"},
    "col_correct": {"vi": "Số câu đúng", "en": "Correct"},
    "col_score": {"vi": "Điểm", "en": "Score"},
    "col_time": {"vi": "Thời gian", "en": "Time"},
    "col_prediction": {"vi": "Dự đoán", "en": "Prediction"},
    "col_prize": {"vi": "Giải", "en": "Prize"},
    "col_participants": {"vi": "Người dự thi", "en": "Participants"},
    "col_attempts": {"vi": "Lượt dự thi", "en": "Attempts"},
    "col_headcount": {"vi": "Số người thuộc diện", "en": "Headcount"},
    "col_rate": {"vi": "Tỷ lệ tham gia", "en": "Participation"},
    "col_mean": {"vi": "Điểm trung bình", "en": "Mean score"},
    "col_round": {"vi": "Đợt", "en": "Round"},
    "col_people_share": {"vi": "Số người (tỷ lệ)", "en": "People (share)"},
    "col_group": {"vi": "Nhóm đối tượng", "en": "Group"},
    "col_points": {"vi": "Điểm tổng hợp", "en": "Points"},
    "col_winners": {"vi": "Số người đoạt giải", "en": "Winners"},
    "col_per_person": {"vi": "Lượt/người", "en": "Attempts per person"},
    "no_group": {"vi": "(không ghi)", "en": "(none)"},
    "no_headcount": {"vi": "—", "en": "—"},
    "correct_of": {"vi": "{correct}/{total}", "en": "{correct}/{total}"},
    "chart_people": {"vi": "Số người", "en": "People"},
    "chart_correct": {"vi": "Số câu đúng", "en": "Correct answers"},
    "chart_rate": {"vi": "Tỷ lệ tham gia", "en": "Participation rate"},
    "chart_attempts": {"vi": "Số lượt dự thi", "en": "Attempts"},
    "chart_day": {"vi": "Ngày", "en": "Day"},
    # Verification page.
    "verify_intro": {
        "vi": "Nhập mã xác minh in trên giấy chứng nhận (ví dụ 7K3M-Q9XA-2BFD-HT4P). Trang "
        "kiểm tra ngay trên máy của bạn, không gửi dữ liệu đi đâu.",
        "en": "Enter the verification code printed on the certificate. The check runs in your "
        "browser; nothing is sent anywhere.",
    },
    "verify_code": {"vi": "Mã xác minh", "en": "Verification code"},
    "verify_name": {
        "vi": "Họ và tên in trên giấy (không bắt buộc)",
        "en": "Name printed on the certificate (optional)",
    },
    "verify_button": {"vi": "Kiểm tra", "en": "Check"},
    "verify_noscript": {
        "vi": "Trang này cần JavaScript để kiểm tra mã.",
        "en": "This page needs JavaScript to check a code.",
    },
    "verify_count": {
        "vi": "Danh sách gồm {count} giấy chứng nhận đã cấp.",
        "en": "The list holds {count} certificates.",
    },
    "verify_valid": {"vi": "Giấy chứng nhận hợp lệ.", "en": "The certificate is valid."},
    "verify_unknown": {
        "vi": "Không tìm thấy mã {code}: giấy chứng nhận không do Ban Tổ chức cấp, hoặc mã bị gõ "
        "sai.",
        "en": "Code {code} not found: not issued by the organisers, or mistyped.",
    },
    "verify_revoked": {
        "vi": "Mã {code} đã bị thu hồi hoặc thay thế; giấy chứng nhận này không còn hiệu lực.",
        "en": "Code {code} was revoked or replaced; this certificate is no longer valid.",
    },
    "verify_issued": {"vi": "Cấp ngày {date}.", "en": "Issued {date}."},
    "verify_holder": {"vi": "Người nhận: {holder}.", "en": "Holder: {holder}."},
    "verify_hidden": {
        "vi": "Người nhận không đồng ý công bố họ tên; nhập họ tên in trên giấy để đối chiếu.",
        "en": "The holder is not named publicly; type the printed name to compare.",
    },
    "verify_name_ok": {
        "vi": "Họ tên in trên giấy khớp với người được cấp.",
        "en": "The printed name matches the holder.",
    },
    "verify_name_bad": {
        "vi": "Họ tên «{name}» KHÔNG khớp với người được cấp mã này.",
        "en": "The name «{name}» does NOT match the holder of this code.",
    },
    # Certificates.
    "course_title": {
        "vi": "Khoá bồi dưỡng Luật Thực hiện dân chủ ở cơ sở",
        "en": "Course on the Law on Implementing Grassroots Democracy",
    },
    "course_organiser": {"vi": "Ban Tổ chức khoá bồi dưỡng", "en": "The course organisers"},
    "cert_signature": {"vi": "TM. BAN TỔ CHỨC", "en": "FOR THE ORGANISERS"},
    "cert_title": {"vi": "GIẤY CHỨNG NHẬN", "en": "CERTIFICATE"},
    "cert_nation": {
        "vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "en": "SOCIALIST REPUBLIC OF VIET NAM",
    },
    "cert_motto": {
        "vi": "Độc lập - Tự do - Hạnh phúc",
        "en": "Independence - Freedom - Happiness",
    },
    "cert_certifies": {"vi": "Chứng nhận", "en": "This certifies that"},
    "cert_unit": {"vi": "Đơn vị: {unit}", "en": "Unit: {unit}"},
    "cert_prize": {"vi": "Đã đạt {award}", "en": "has won {award}"},
    "cert_in_contest": {"vi": "{round} — {contest}", "en": "{round} — {contest}"},
    "cert_course": {
        "vi": "Đã hoàn thành khoá học",
        "en": "has completed the course",
    },
    "cert_course_detail": {
        "vi": "{modules} học phần, mỗi bài tự kiểm tra đạt từ 50% trở lên",
        "en": "{modules} modules, every self-check passed at 50% or more",
    },
    "cert_date": {"vi": "Ngày {day} tháng {month} năm {year}", "en": "{year}-{month}-{day}"},
    "cert_code": {"vi": "Mã xác minh: {code}", "en": "Verification code: {code}"},
    "cert_verify_hint": {
        "vi": "Tra cứu mã tại trang «Xác minh giấy chứng nhận» của kết quả cuộc thi, hoặc: "
        "dancoso results verify {code}",
        "en": "Check the code on the results site's verification page, or: "
        "dancoso results verify {code}",
    },
    "cert_anonymous_holder": {
        "vi": "Người dự thi {participant}",
        "en": "Participant {participant}",
    },
    "cert_status_valid": {
        "vi": "HỢP LỆ — {award}; {context}; cấp ngày {issued}.",
        "en": "VALID — {award}; {context}; issued {issued}.",
    },
    "cert_status_holder": {"vi": "Người nhận: {holder}", "en": "Holder: {holder}"},
    "cert_status_unknown": {
        "vi": "KHÔNG TÌM THẤY mã {code}: giấy chứng nhận không do Ban Tổ chức cấp, hoặc mã bị "
        "gõ sai.",
        "en": "UNKNOWN code {code}: not issued by the organisers, or mistyped.",
    },
    "cert_status_tampered": {
        "vi": "KHÔNG HỢP LỆ: dữ liệu của mã {code} không khớp chữ ký (đã bị sửa).",
        "en": "INVALID: the record of code {code} does not match its signature (altered).",
    },
    "cert_status_revoked": {
        "vi": "ĐÃ THU HỒI: mã {code} không còn hiệu lực ({reason}).",
        "en": "REVOKED: code {code} is no longer valid ({reason}).",
    },
    "cert_status_name_mismatch": {
        "vi": "KHÔNG KHỚP: họ tên «{given}» khác với người được cấp.",
        "en": "MISMATCH: the name «{given}» is not the holder's.",
    },
    "cert_reason_replaced": {"vi": "đã cấp lại bằng mã {code}", "en": "replaced by {code}"},
    "cert_reason_withdrawn": {
        "vi": "kết quả không còn đạt giải này",
        "en": "the results no longer give this prize",
    },
    # Dashboards.
    "dash_round": {"vi": "Đợt thi", "en": "Round"},
    "dash_unit": {"vi": "Đơn vị", "en": "Unit"},
    "dash_all_units": {"vi": "Tất cả đơn vị", "en": "All units"},
    "dash_refresh": {"vi": "Cập nhật số liệu", "en": "Refresh"},
    "dash_no_results": {
        "vi": "Chưa có kết quả chấm ({path}). Khi ban tổ chức chấm bài, số liệu sẽ hiện ở đây.",
        "en": "No graded results yet ({path}). Figures appear here once attempts are graded.",
    },
    "dash_no_course_dir": {
        "vi": "Chưa cấu hình cuộc thi: đặt biến môi trường DANCOSO_COURSE_DIR là thư mục khoá "
        "nbgrader của cuộc thi (ví dụ var/demo).",
        "en": "No contest configured: set DANCOSO_COURSE_DIR to the contest's nbgrader course "
        "directory (e.g. var/demo).",
    },
    "dash_no_spec": {
        "vi": "Không đọc được đề cương cuộc thi: {detail}",
        "en": "Cannot read the contest spec: {detail}",
    },
    "dash_attempts_over_time": {"vi": "Lượt dự thi theo ngày", "en": "Attempts per day"},
    "dash_item_flags": {"vi": "Câu hỏi cần rà soát", "en": "Questions to review"},
    "dash_no_flags": {
        "vi": "Không có câu hỏi nào bị gắn cờ (cần ít nhất {n} người trả lời mỗi câu).",
        "en": "No question is flagged (each needs at least {n} respondents).",
    },
    "dash_live": {
        "vi": "{attempts} lượt dự thi · {people} người · lượt gần nhất lúc {last}",
        "en": "{attempts} attempts · {people} people · last at {last}",
    },
    "dash_no_topics": {
        "vi": "Chưa đủ câu trả lời để đánh giá (mỗi nội dung cần ít nhất 5 câu trả lời).",
        "en": "Not enough answers yet (each topic needs at least 5).",
    },
    "dash_course_progress": {"vi": "Tiến độ học tập", "en": "Course progress"},
    "dash_per_unit": {"vi": "Theo đơn vị", "en": "By unit"},
    "dash_per_person": {"vi": "Theo người học", "en": "By learner"},
    "dash_per_participant": {"vi": "Theo người dự thi", "en": "By participant"},
    "dash_contest_scores": {"vi": "Điểm thi", "en": "Contest scores"},
    "dash_weak_topics": {"vi": "Nội dung còn yếu", "en": "Weakest topics"},
    "dash_by_chapter": {"vi": "Theo chương", "en": "By chapter"},
    "dash_by_article": {"vi": "Theo điều", "en": "By article"},
    "dash_no_progress": {
        "vi": "Chưa có dữ liệu học tập ({path}).",
        "en": "No learning records yet ({path}).",
    },
    "dash_learner": {"vi": "Người học", "en": "Learner"},
    "dash_modules_done": {"vi": "Học phần đã hoàn thành", "en": "Modules completed"},
    "dash_completed_course": {"vi": "Hoàn thành khoá học", "en": "Course completed"},
    "dash_learners": {"vi": "Số người học", "en": "Learners"},
    "dash_share_right": {"vi": "Tỷ lệ trả lời đúng", "en": "Share correct"},
    "dash_answers": {"vi": "Số câu trả lời", "en": "Answers"},
    "dash_topic": {"vi": "Nội dung", "en": "Topic"},
    "dash_source": {"vi": "Nguồn", "en": "Source"},
    "dash_source_selfcheck": {"vi": "tự kiểm tra", "en": "self-check"},
    "dash_source_contest": {"vi": "bài thi", "en": "contest"},
    "dash_unassigned": {"vi": "(chưa xếp đơn vị)", "en": "(no unit)"},
    "dash_yes": {"vi": "Có", "en": "Yes"},
    "dash_no": {"vi": "Chưa", "en": "Not yet"},
    "dash_question": {"vi": "Câu hỏi", "en": "Question"},
    "dash_flag": {"vi": "Cờ", "en": "Flag"},
    "dash_note": {"vi": "Ghi chú", "en": "Note"},
    "dash_anonymous": {"vi": "Mã {code}", "en": "Code {code}"},
    "chapter_label": {
        "vi": "Chương {chapter} — {document}",
        "en": "Chapter {chapter} — {document}",
    },
    "article_label": {"vi": "Điều {article} — {document}", "en": "Article {article} — {document}"},
    "whole_document": {"vi": "{document}", "en": "{document}"},
    # Dates in words: public pages never show dd/mm/yyyy, the shape of a date of birth.
    "date_words": {
        "vi": "ngày {day} tháng {month} năm {year}",
        "en": "{year}-{month:02d}-{day:02d}",
    },
    "moment_words": {
        "vi": "{hour:02d}:{minute:02d} {date}",
        "en": "{date} {hour:02d}:{minute:02d}",
    },
    # Durations.
    "minutes_seconds": {"vi": "{m} phút {s:02d} giây", "en": "{m} min {s:02d} s"},
    "seconds": {"vi": "{s} giây", "en": "{s} s"},
}


def text(key: str, /, **values: object) -> str:
    """The text ``key`` in the current language (``DANCOSO_LANG``), formatted with ``values``."""
    return translate(TEXTS, key, **values)


def duration_text(seconds: float) -> str:
    whole = int(round(float(seconds)))
    if whole < 60:
        return text("seconds", s=whole)
    return text("minutes_seconds", m=whole // 60, s=whole % 60)


def share_text(value: float) -> str:
    """A share as a Vietnamese percentage (comma decimals): 0.4567 → ``45,7%``."""
    if value is None or value != value:  # missing or NaN
        return "—"
    shown = f"{100 * float(value):.1f}%"
    return shown if current_language() == "en" else shown.replace(".", ",")


def number_text(value: float, decimals: int = 0) -> str:
    """A number with Vietnamese separators (1.234.567,5); English ones for ``en``."""
    if value is None or value != value:
        return "—"
    shown = f"{float(value):,.{decimals}f}"
    if current_language() == "en":
        return shown
    return shown.replace(",", "\0").replace(".", ",").replace("\0", ".")


def date_text(value, *, time: bool = False) -> str:
    """``ngày 16 tháng 11 năm 2026`` (with ``time``: ``08:00 ngày …``), in Vietnam time for
    an aware datetime. A date in words cannot be mistaken for a published date of birth."""
    import datetime as dt

    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.timezone(dt.timedelta(hours=7)))
    day = text("date_words", day=value.day, month=value.month, year=value.year)
    if not time or not isinstance(value, dt.datetime):
        return day
    return text("moment_words", hour=value.hour, minute=value.minute, date=day)
