"""`motcua form`: the quarterly report in the official form Biểu II.06a."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import DataNotUnderstood, UsageError
from ..messages import label
from ..render.files import write_atomic
from ..render.form import FormText, write_form
from ..report import Filters, build_report
from . import app, options
from .context import env_of
from .inputs import load_input
from .summaries import SUMMARY


@app.command("form", short_help=SUMMARY["form"])
def form_command(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(None, help="Tệp xuất từ hệ thống một cửa.", show_default=False),
    store: Path | None = options.StoreDir,
    period: str | None = options.Period,
    date_from: str | None = options.DateFrom,
    date_to: str | None = options.DateTo,
    cutoff_day: int | None = options.CutoffDay,
    as_of: str | None = options.AsOf,
    policy: str | None = options.PolicyName,
    end: str | None = options.End,
    exclude_withdrawn: bool | None = options.ExcludeWithdrawn,
    by: list[str] = typer.Option(None, "--by", help="Dòng của biểu: field (mặc định) hoặc unit; thêm --by level để nhóm theo cấp."),
    unit: list[str] = options.Unit,
    field: list[str] = options.FieldFilter,
    channel: list[str] = options.Channel,
    output: Path | None = typer.Option(None, "--output", "-o", help="Tệp xlsx (mặc định bieu_II06a_{period}.xlsx)."),
    reporting_unit: str | None = typer.Option(
        None, "--reporting-unit", help="Tên đơn vị báo cáo in trên biểu (hoặc [form] reporting_unit)."
    ),
    strict: bool = options.Strict,
    force: bool = typer.Option(
        False, "--force", help="Vẫn lập biểu khi thiếu cột ngày tiếp nhận, hẹn trả hoặc kết thúc (không khuyến khích)."
    ),
    encoding: str | None = options.Encoding,
    sheet: str | None = options.Sheet,
) -> None:
    """Lập Biểu số II.06a/VPCP/KSTT (TT 01/2020/TT-VPCP) ra tệp Excel, sẵn sàng in.

    \b
    Ví dụ:
      motcua form sample_data/* --period 2026-Q3 --cutoff-day 14
      motcua form exports/* --period 2026-Q3 --by level --by field -o bieu_quy3.xlsx
    """
    env = env_of(ctx)
    chosen = list(dict.fromkeys(by or []))
    rows = [b for b in chosen if b != "level"] or ["field"]
    if len(rows) != 1 or rows[0] not in ("field", "unit", "procedure"):
        raise UsageError(
            "--by của biểu: field hoặc unit (hoặc procedure), có thể thêm level.",
            "--by for the form: field or unit (or procedure), optionally with level.",
        )
    scope = options.scope(env, period, date_from, date_to, cutoff_day, as_of, policy, end, exclude_withdrawn)
    path = options.output_path(output or Path("bieu_II06a_{period}.xlsx"), scope.period.label, scope.as_of)
    assert path is not None
    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"--output {path}: biểu được ghi ra tệp .xlsx.", f"--output {path}: the form is written as .xlsx.")
    loaded = load_input(env, files, store, scope.period.start, scope.period.end, sheet=sheet, encoding=encoding, ids=False)
    group = (["level"] if "level" in chosen else []) + rows
    report = build_report(loaded, scope, group, Filters(unit or [], field or [], channel or []), config=options.config_name(env))
    options.check_strict(env, report.notes, strict)
    _check_required(report, force)
    cfg = env.config.section("form")
    text = FormText(
        reporting_unit=reporting_unit or str(cfg.get("reporting_unit", "")),
        recipient=str(cfg.get("recipient", "")),
        place=str(cfg.get("place", "")),
        signed_on=options.today(),
    )
    write_atomic(path, lambda tmp: write_form(report, tmp, text, rows[0]))
    env.err.print(f"{label('written', env.lang)}: {path}", markup=False, soft_wrap=True)
    for n in report.notes:
        if n.severity == "warning":
            env.err.print(f"{label('warning', env.lang)}: {n.message(env.lang)}", markup=False, soft_wrap=True, style="bold red")


# The form's columns (5)-(11) cannot be filled without these: a form to be signed is
# refused rather than written with zeros that are not facts.
FORM_NEEDS = ("received_at", "due_at", "finished_at", "returned_at")


def _check_required(report, force: bool) -> None:  # type: ignore[no-untyped-def]
    missing = [n for n in report.notes if n.kind == "missing_field" and set(n.values) & set(FORM_NEEDS)]
    if not missing or force:
        return
    raise DataNotUnderstood(
        "Không lập biểu: " + " ".join(n.vi for n in missing),
        "Form not written: " + " ".join(n.en for n in missing),
        hint_vi=missing[0].hint_vi + ". Nếu vẫn muốn lập biểu, thêm --force (biểu sẽ kèm trang Lưu ý).",
        hint_en=missing[0].hint_en + ". To write it anyway, add --force (the form then carries a Notes sheet).",
    )
