"""Options shared by several commands, defined once."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

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


# Period, as-of and policy: shared by explain, report, form and overdue.
Period = typer.Option(
    None,
    "--period",
    "-p",
    help='Kỳ báo cáo: 2026, 2026-H1, 2026-Q3, 2026-09, "Quý III/2026", "tháng 9/2026", "6 tháng đầu năm 2026", "9 tháng 2026". Mặc định: quý hiện tại tính đến hôm nay.',
)
DateFrom = typer.Option(None, "--from", help="Từ ngày (2026-07-01 hoặc 01/07/2026), thay cho --period.")
DateTo = typer.Option(None, "--to", help="Đến ngày (mặc định hôm nay).")
CutoffDay = typer.Option(None, "--cutoff-day", help="Ngày chốt số liệu: 14 cho kỳ 15 tháng trước đến 14 (NĐ 09/2019).")
AsOf = typer.Option(None, "--as-of", help="Ngày xét hồ sơ đang giải quyết (mặc định: cuối kỳ, hoặc hôm nay nếu kỳ chưa hết).")
PolicyName = typer.Option(
    None, "--policy", help="Chính sách tính: form06 (mặc định), datetime, qd766, opencps (như OpenCPS), thanhhoa (như hệ thống Thanh Hóa)."
)
End = typer.Option(None, "--end", help="Cột kết thúc: finished (ngày có kết quả) hoặc returned (ngày trả).")
ExcludeWithdrawn = typer.Option(None, "--exclude-withdrawn/--include-withdrawn", help="Loại hồ sơ rút/từ chối khỏi số liệu.")


def today() -> date:
    """Today, or MOTCUA_TODAY (YYYY-MM-DD) so tests and reruns are reproducible."""
    import os

    value = os.environ.get("MOTCUA_TODAY")
    return date.fromisoformat(value) if value else date.today()


# Report options, shared by report, form and overdue.
By = typer.Option(None, "--by", help="Chia theo: field, unit, procedure, channel, level, month (lặp lại cho bảng hai cấp).")
Unit = typer.Option(None, "--unit", help="Chỉ tính đơn vị này (lặp lại được; so khớp không dấu, không phân biệt hoa thường).")
FieldFilter = typer.Option(None, "--field", help="Chỉ tính lĩnh vực này (lặp lại được).")
Channel = typer.Option(None, "--channel", help="Chỉ tính kênh: online, in_person, postal (lặp lại được).")
Output = typer.Option(
    None, "--output", "-o", help="Ghi ra tệp (ghi nguyên tử); {period}, {as_of}, {today} được thay; định dạng theo đuôi tệp."
)
ListFormat = typer.Option(
    None, "--format", "-f", help="Định dạng: table, json, csv, xlsx, md (mặc định: theo đuôi --output, không thì table)."
)
AuditFormat = typer.Option(None, "--format", "-f", help="Định dạng: table, json, md, xlsx (mặc định: theo đuôi --output, không thì table).")
OutFormat = typer.Option(
    None, "--format", "-f", help="Định dạng: table, json, csv, xlsx, md, html (mặc định: theo đuôi --output, không thì table)."
)


def output_path(template: Path | None, label: str, as_of: date) -> Path | None:
    """Fill ``{period}``, ``{as_of}`` and ``{today}`` in an output path."""
    if template is None:
        return None
    text = str(template)
    try:
        text = text.format(period=label, as_of=as_of.isoformat(), today=today().isoformat())
    except (KeyError, IndexError, ValueError) as exc:
        raise UsageError(
            f"--output '{template}': chỉ dùng được {{period}}, {{as_of}}, {{today}}.",
            f"--output '{template}': only {{period}}, {{as_of}} and {{today}} can be used.",
        ) from exc
    path = Path(text)
    if path.parent != Path(".") and text != str(template):
        # A templated path ('reports/{period}.xlsx') names folders the first night may
        # not have yet: they are made.
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(
                f"--output {path}: không tạo được thư mục {path.parent}: {exc.strerror}.",
                f"--output {path}: cannot create the folder {path.parent}: {exc.strerror}.",
            ) from exc
    return path


def percent(text: str | None, option: str) -> float | None:
    """A percentage as people write it: 95, 95%, 95,5 or 95.5."""
    if text is None:
        return None
    cleaned = str(text).strip().rstrip("%").strip().replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError as exc:
        raise UsageError(
            f"{option} '{text}' không phải tỉ lệ phần trăm: viết 95, 95% hoặc 95,5.",
            f"{option} '{text}' is not a percentage: write 95, 95% or 95.5.",
        ) from exc
    if not 0 <= value <= 100:
        raise UsageError(f"{option} {text}: cần từ 0 đến 100.", f"{option} {text}: must be 0 to 100.")
    return value


StoreDir = typer.Option(None, "--store", help="Thư mục kho (mặc định $MOTCUA_STORE, [store] path, ~/.local/share/motcua).")


def scope(
    env: Any,
    period: str | None,
    date_from: str | None,
    date_to: str | None,
    cutoff_day: int | None,
    as_of: str | None,
    policy: str | None,
    end: str | None,
    exclude_withdrawn: bool | None,
) -> Any:
    """The Scope the shared period, as-of and policy options ask for (report, form, explain)."""
    from ..scope import resolve_scope

    return resolve_scope(
        env.config,
        today=today(),
        period=period,
        date_from=date_from,
        date_to=date_to,
        cutoff_day=cutoff_day,
        as_of=as_of,
        policy=policy,
        end=end,
        exclude_withdrawn=exclude_withdrawn,
        lang=env.lang,
    )


Strict = typer.Option(
    False,
    "--strict",
    help="Thoát mã 6 và không ghi gì nếu có cột quan trọng không tìm thấy, hoặc trạng thái / kênh nộp không nhận ra.",
)


def check_strict(env: Any, notes: list[Any], strict: bool) -> None:
    """``--strict``: exit 6 (DATA_NOT_UNDERSTOOD) before anything is written when a note
    says motcua did not understand the data; the notes go to stderr."""
    from ..errors import ExitStatus
    from ..messages import label
    from ..notes import strict_failures

    failing = strict_failures(notes) if strict else []
    if not failing:
        return
    for n in failing:
        env.err.print(f"- {n.message(env.lang)}", markup=False, soft_wrap=True)
        if n.hint(env.lang):
            env.err.print(f"  → {n.hint(env.lang)}", markup=False, soft_wrap=True)
    env.error(label("strict_failed", env.lang, kinds=", ".join(sorted({n.kind for n in failing}))))
    raise typer.Exit(int(ExitStatus.DATA_NOT_UNDERSTOOD))


def config_name(env: Any) -> str | None:
    path = env.config.path
    return str(path) if path is not None else None


Wait = typer.Option(
    60.0,
    "--wait",
    help="Số giây chờ khi một lần ghi khác đang giữ kho (0: không chờ). Hết giờ: mã thoát 3, nói ai đang giữ.",
)


def on_wait(env: Any) -> Any:
    """What a writer prints while it waits for the store's lock."""
    from ..messages import label

    def say(holder: dict[str, Any]) -> None:
        env.err.print(
            label("store_waiting", env.lang, pid=holder.get("pid", "?"), host=holder.get("host", "?"), since=holder.get("since", "?")),
            markup=False,
            soft_wrap=True,
        )

    return say
