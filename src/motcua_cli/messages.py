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
    "too_many_rejects": (
        "Số dòng bị loại ({n}) vượt ngưỡng --max-rejects {limit}.",
        "Rejected rows ({n}) exceed --max-rejects {limit}.",
    ),
}


def label(key: str, lang: str = "vi", **values: object) -> str:
    vi, en = LABELS[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text
