"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import UsageError

Files = typer.Argument(
    ...,
    help="Tệp xuất từ hệ thống một cửa (.xlsx, .xls, .xlsb, HTML, XML 2003, CSV, TSV).",
    show_default=False,
)
Encoding = typer.Option(None, "--encoding", help="Bảng mã của tệp văn bản (utf-8, cp1258, utf-16); mặc định tự nhận.")
Sheet = typer.Option(None, "--sheet", help="Tên trang tính cần đọc; mặc định chọn trang có tiêu đề hồ sơ.")
Format = typer.Option("table", "--format", "-f", help="Định dạng kết quả: table hoặc json.")
Rejects = typer.Option(None, "--rejects", help="Ghi các dòng bị loại ra tệp CSV (UTF-8 có BOM).")
MaxRejects = typer.Option(
    None,
    "--max-rejects",
    help="Thoát với mã 4 nếu số dòng bị loại vượt ngưỡng: một số (50) hoặc tỉ lệ (2%).",
)


def over_limit(rejected: int, read: int, limit: str | None) -> bool:
    """True when ``rejected`` exceeds ``limit`` ("50" rows or "2%" of rows read)."""
    if limit is None:
        return False
    text = limit.strip()
    try:
        if text.endswith("%"):
            return rejected > float(text[:-1]) / 100 * read
        return rejected > int(text)
    except ValueError as exc:
        raise UsageError(
            f"--max-rejects '{limit}' không hợp lệ: cần một số (50) hoặc tỉ lệ (2%).",
            f"--max-rejects '{limit}' is invalid: give a count (50) or a share (2%).",
        ) from exc


def check_format(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise UsageError(
            f"--format '{value}' không hỗ trợ; chọn một trong: {', '.join(allowed)}.",
            f"--format '{value}' is not supported; choose one of: {', '.join(allowed)}.",
        )
    return value


def paths(values: list[Path]) -> list[Path]:
    return [Path(v) for v in values]
