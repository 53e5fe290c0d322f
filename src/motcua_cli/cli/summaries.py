"""Each command's one line in `motcua --help`, kept here so that the top-level help is
written without importing the commands (and Polars behind them): issue 19, start-up.

The commands declare these as their ``short_help``; `help_en.py` has their English.
"""

from __future__ import annotations

# name → Vietnamese line, in the order of the daily work (the help lists them so).
SUMMARY: dict[str, str] = {
    "report": "Báo cáo hồ sơ tiếp nhận, đã giải quyết, đang giải quyết.",
    "overdue": "Danh sách hồ sơ đang giải quyết đã quá hạn hoặc sắp quá hạn.",
    "form": "Lập Biểu số II.06a/VPCP/KSTT ra tệp Excel để in và ký.",
    "audit": "Tìm dữ liệu đáng ngờ; vì sao số khác màn hình hệ thống.",
    "inspect": "Xem motcua đọc được gì từ mỗi tệp: định dạng, cột.",
    "explain": "Giải thích vì sao một hồ sơ được tính sớm, đúng hay trễ hạn.",
    "ingest": "Nạp tệp xuất vào kho: mỗi hồ sơ một dòng, mới nhất.",
    "store": "Kho dữ liệu cục bộ: info, log, verify, compact, repair, export.",
    "cron": "In việc chạy hằng đêm: kịch bản và dòng crontab.",
    "calendar": "Lịch làm việc: ngày nghỉ, làm bù; tính hạn, đếm ngày.",
    "init": "Tạo tệp cấu hình mẫu motcua.toml, có chú thích.",
}
