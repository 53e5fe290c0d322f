"""`motcua init`: write a commented config file with every setting at its default."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import UsageError
from ..messages import label
from ..render.files import write_atomic
from . import app
from .context import env_of
from .summaries import SUMMARY

TEMPLATE = """\
# Tệp cấu hình motcua (TOML). Mọi mục đều không bắt buộc; dòng bắt đầu bằng # là chú thích.
# motcua tìm tệp này theo thứ tự: --config TỆP, biến MOTCUA_CONFIG, ./motcua.toml,
# ~/.config/motcua/config.toml. Giá trị dưới đây là giá trị mặc định.

[columns]
# Tên cột trong tệp xuất của đơn vị → trường của motcua (hoặc "ignore" để bỏ qua).
# Trường: dossier_id, procedure_code, procedure_name, field_code, field, unit, level,
# channel, received_at, submitted_at, due_at, finished_at, returned_at, status, duration,
# supplement_requested_at, supplement_received_at, supplement_count, vendor_verdict.
# "Ngày nhận HS" = "received_at"

[units]
# Tên đơn vị cũ → tên mới (sau sắp xếp đơn vị hành chính 2025); so khớp không dấu.
# "UBND xã Hoà An" = "UBND xã Hòa Bình"

[status]
# Trạng thái trong tệp xuất mà motcua không nhận ra → nghĩa: registered, accepted,
# not_accepted, processing, supplement_requested, financial_obligation, withdrawn,
# stopped, processed, returned, refused. `motcua inspect` in sẵn các dòng cần thêm.
# "XLTT-07" = "processing"

[channel]
# Kênh nộp không nhận ra → online (trực tuyến), in_person (trực tiếp), postal (BCCI).
# "Nộp qua Zalo" = "online"

# [sources.phuong]
# files = ["phuong_*.xls"]          # tệp nào áp dụng (mẫu tên tệp)
# columns = { "Ngày HT" = "finished_at" }
# unit = "UBND phường Hòa Bình"     # cho tệp không có cột đơn vị (cũng được: level, field)
# system = "egov-phuong"            # hệ thống nguồn, để phân biệt mã hồ sơ trong kho

[calendar]
days_off = []                       # ngày nghỉ thêm, ví dụ ["2026-12-31"]
working_days = []                   # ngày làm việc thêm (kể cả để bỏ một ngày nghỉ), ví dụ ["2026-08-31"]
saturday = "off"                    # "off", "morning" (làm sáng thứ Bảy) hoặc "full"
hours = ["07:00-11:30", "13:30-17:00"]
hours_per_day = 8

[policy]
name = "form06"                     # form06, datetime hoặc qd766
end = "finished"                    # finished (ngày có kết quả) hoặc returned (ngày trả)
exclude_withdrawn = false           # true: không tính hồ sơ rút / từ chối

[report]
# cutoff_day = 14                   # ngày chốt số liệu (NĐ 09/2019): kỳ từ 15 tháng trước đến 14
# target = 95                       # tỉ lệ đúng hạn mục tiêu (%): dưới mức này tô đỏ

[store]
# path = "~/.local/share/motcua"    # thư mục kho
# source_system = ""
# quarantine = "/srv/motcua/loi"    # tệp không đọc được được chuyển vào đây (ingest --quarantine)

[form]
reporting_unit = ""                 # "Đơn vị báo cáo" in trên biểu II.06a
recipient = ""                      # "Đơn vị nhận báo cáo"
place = ""                          # địa danh ở dòng ngày tháng, ví dụ "Đà Lạt"
"""


@app.command("init", short_help=SUMMARY["init"])
def init_command(
    ctx: typer.Context,
    output: Path = typer.Option(Path("motcua.toml"), "--output", "-o", help="Nơi ghi tệp cấu hình."),
    force: bool = typer.Option(False, "--force", help="Ghi đè nếu tệp đã có."),
) -> None:
    """Tạo tệp cấu hình mẫu motcua.toml, có chú thích, mọi giá trị ở mặc định.

    \b
    Ví dụ: motcua init && nano motcua.toml
    """
    env = env_of(ctx)
    if output.exists() and not force:
        raise UsageError(
            f"{output} đã có; dùng --force để ghi đè.",
            f"{output} exists; use --force to overwrite.",
        )
    write_atomic(output, lambda tmp: tmp.write_text(TEMPLATE, encoding="utf-8"))
    env.err.print(f"{label('written', env.lang)}: {output}", markup=False, soft_wrap=True)
