"""Every label the terminal and the reports show, in Vietnamese and English.

Vietnamese is the default (DOMAIN.md section 1); ``--lang en`` switches. Renderers
look labels up here instead of writing text of their own.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # inspect
    "file": ("Tệp", "File"),
    "format": ("Định dạng", "Format"),
    "encoding": ("Bảng mã", "Encoding"),
    "sheet": ("Trang tính", "Sheet"),
    "sheets": ("Các trang tính", "Sheets"),
    "header_rows": ("Dòng tiêu đề", "Header rows"),
    "mapping": ("Ánh xạ cột", "Column mapping"),
    "column": ("Cột", "Column"),
    "header": ("Tiêu đề trong tệp", "Header in file"),
    "field": ("Trường", "Field"),
    "unmapped": ("Cột không dùng", "Unused columns"),
    "personal_dropped": ("Cột dữ liệu cá nhân đã bỏ", "Personal-data columns dropped"),
    "duplicate_columns": ("Cột trùng trường (bỏ qua)", "Columns duplicating a field (ignored)"),
    "counts": ("Số dòng", "Rows"),
    "read": ("Dòng dữ liệu đọc được", "Data rows read"),
    "kept": ("Hồ sơ giữ lại", "Dossiers kept"),
    "rejected": ("Dòng bị loại", "Rows rejected"),
    "duplicate": ("Dòng trùng mã (đã gộp)", "Duplicate rows (merged)"),
    "flagged": ("Hồ sơ có cảnh báo", "Dossiers flagged"),
    "blank": ("Dòng trống", "Blank rows"),
    "footer": ("Dòng chân trang", "Footer rows"),
    "repeated_header": ("Dòng tiêu đề lặp lại", "Repeated header rows"),
    "date_forms": ("Dạng ngày gặp", "Date forms seen"),
    "flags": ("Cảnh báo", "Flags"),
    "samples": ("Vài hồ sơ mẫu", "Sample dossiers"),
    "rejects_written": ("Đã ghi danh sách dòng bị loại vào", "Rejected rows written to"),
    "none": ("(không có)", "(none)"),
    "unparsed": ("không đọc được", "not a date"),
    "error": ("Lỗi", "Error"),
    "unexpected": (
        "Lỗi không mong đợi. Chạy lại với --debug để xem chi tiết và báo cho người bảo trì.",
        "Unexpected error. Run again with --debug for details and report it.",
    ),
    # calendar
    "calendar_title": ("Lịch làm việc năm", "Working calendar"),
    "date": ("Ngày", "Date"),
    "weekday": ("Thứ", "Weekday"),
    "day_kind": ("Loại ngày", "Kind"),
    "name": ("Tên", "Name"),
    "source": ("Nguồn", "Source"),
    "working_day": ("Làm việc", "Working day"),
    "day_off": ("Nghỉ", "Day off"),
    "due_answer": (
        "Nhận {start} + {n} ngày làm việc → hẹn trả {weekday} {due}",
        "Received {start} + {n} working day(s) → due {weekday} {due}",
    ),
    "between_answer": (
        "Từ {a} đến {b}: {n} ngày làm việc (không tính ngày đầu).",
        "From {a} to {b}: {n} working days (the first day not counted).",
    ),
    # explain and reports
    "row": ("dòng", "row"),
    "period": ("Kỳ", "Period"),
    "as_of": ("Tính đến", "As of"),
    "policy": ("Chính sách", "Policy"),
    "verdict": ("Kết luận", "Verdict"),
    "under_policy": ("Theo chính sách", "Under policy"),
    "v_excluded": ("không tính (không được tiếp nhận, hoặc bị loại theo chính sách)", "not counted (not accepted, or excluded by the policy)"),
    "v_outside": ("ngoài kỳ báo cáo", "outside the reporting period"),
    "v_carried": ("kỳ trước chuyển qua", "carried over"),
    "v_new": ("tiếp nhận trong kỳ", "received in the period"),
    "v_settled": ("đã giải quyết", "settled"),
    "v_pending": ("đang giải quyết", "pending"),
    "v_paused": ("đang chờ bổ sung", "waiting for a supplement"),
    "v_days_late": ("ngày làm việc trễ", "working days late"),
    "o_early": ("trước hạn", "early"),
    "o_on_time": ("đúng hạn", "on time"),
    "o_late": ("quá hạn", "late"),
    "o_in_time": ("trong hạn", "in time"),
    "o_overdue": ("quá hạn", "overdue"),
    "o_None": ("-", "-"),
    "too_many_rejects": (
        "Số dòng bị loại ({n}) vượt ngưỡng --max-rejects {limit}.",
        "Rejected rows ({n}) exceed --max-rejects {limit}.",
    ),
}


def label(key: str, lang: str = "vi", **values: object) -> str:
    vi, en = LABELS[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text
