"""`motcua audit`: what is doubtful in the data, before the report is signed."""

from __future__ import annotations

from pathlib import Path

import typer

from ..audit import FINDINGS, export_day, run_audit, whole_period
from ..errors import ExitStatus, InputUnreadable, UsageError
from ..messages import label
from ..render.audit import FORMATS, render_table, to_json, to_markdown, write_workbook
from ..render.files import write_atomic
from ..render.report import format_for
from ..report import Filters, check_filters
from . import app, options
from .context import env_of
from .inputs import load_input
from .summaries import SUMMARY


def _fail_on(text: str | None) -> set[str]:
    if not text:
        return set()
    codes = {c.strip() for c in text.split(",") if c.strip()}
    if "any" in codes:
        return set(FINDINGS)
    for code in codes:
        if code not in FINDINGS:
            import difflib

            near = difflib.get_close_matches(code, list(FINDINGS), n=1)
            hint = f" ({near[0]}?)" if near else ""
            raise UsageError(
                label("au_unknown_code", "vi", code=code, codes=", ".join(FINDINGS)) + hint,
                label("au_unknown_code", "en", code=code, codes=", ".join(FINDINGS)) + hint,
            )
    return codes


@app.command("audit", short_help=SUMMARY["audit"])
def audit_command(
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
    unit: list[str] = options.Unit,
    field: list[str] = options.FieldFilter,
    format: str | None = options.AuditFormat,
    output: Path | None = options.Output,
    fail_on: str | None = typer.Option(
        None, "--fail-on", help="Thoát mã 7 nếu có vấn đề thuộc các mã này (end_equals_due,due_stretched…) hoặc any (mọi vấn đề)."
    ),
    encoding: str | None = options.Encoding,
    sheet: str | None = options.Sheet,
) -> None:
    """Tìm chỗ đáng ngờ trong dữ liệu và vì sao số liệu khác màn hình của hệ thống, trước khi ký báo cáo.

    Không ghi kỳ thì xem mọi hồ sơ trong dữ liệu. Mỗi vấn đề có mã, số hồ sơ, ví dụ (tệp, dòng)
    và ảnh hưởng tới tỉ lệ; cuối cùng là tỉ lệ và điểm 766 theo từng chính sách.

    \b
    Ví dụ:
      motcua audit sample_data/*
      motcua audit exports/*.xlsx --period "Quý III/2026" --output kiem_tra_{period}.xlsx
      motcua audit --store /srv/motcua/kho --period 2026-Q3 --fail-on end_equals_due,verdict_mismatch
    """
    env = env_of(ctx)
    codes = _fail_on(fail_on)
    whole = not (period or date_from)
    if whole:  # every dossier: the as-of day alone bounds the scope (no default quarter)
        scope = options.scope(env, None, "2000-01-01", as_of, cutoff_day, as_of, policy, end, exclude_withdrawn)
    else:
        scope = options.scope(env, period, date_from, date_to, cutoff_day, as_of, policy, end, exclude_withdrawn)
    path = options.output_path(output, scope.period.label if not whole else "all", scope.as_of)
    fmt = options.check_format(format_for(path, format), FORMATS)
    if fmt == "xlsx" and path is None:
        raise UsageError("--format xlsx cần --output TỆP.xlsx.", "--format xlsx needs --output FILE.xlsx.")
    since = None if whole else scope.period.start
    loaded = load_input(env, files, store, since, None if whole else scope.period.end, sheet=sheet, encoding=encoding)
    filters = Filters(unit or [], field or [], [])
    check_filters(filters, loaded.dossiers, loaded.reports)
    dossiers = filters.apply(loaded.dossiers)
    if dossiers.is_empty():
        names = ", ".join(r.file for r in loaded.reports) or "kho / store"
        raise InputUnreadable(f"Không có hồ sơ nào để kiểm tra trong {names}.", f"No dossiers to audit in {names}.")
    as_of_day, how = scope.as_of, "option" if as_of else "period"
    if as_of is None and files:
        from ..store import snapshot_time

        stamps = [snapshot_time(Path(r.file), r.title) for r in loaded.reports if getattr(r, "format", "") != "store"]
        as_of_day, how = export_day(stamps, scope.as_of)
        if how == "export" and not whole:
            as_of_day = min(max(as_of_day, scope.period.start), scope.period.end)
    the_period = whole_period(dossiers, as_of_day) if whole else scope.period
    audit = run_audit(
        dossiers,
        period=the_period,
        whole=whole,
        as_of=as_of_day,
        as_of_source=how,
        policy=scope.policy,
        calendar=scope.calendar,
        rejects=loaded.rejects,
        superseded=loaded.superseded,
        from_store=not files,
    )
    # The same notes as the report's: what motcua guessed or could not read, beside the findings.
    from dataclasses import replace

    from ..notes import file_notes, scope_notes

    audit.notes = file_notes(loaded.reports) + scope_notes(
        dossiers, loaded.reports, replace(scope, period=the_period, as_of=as_of_day), loaded.texts
    )
    if fmt == "json":
        text = to_json(audit, env.lang)
    elif fmt == "md":
        text = to_markdown(audit, env.lang)
    else:
        text = ""
    if path is not None:
        if fmt == "xlsx":
            write_atomic(path, lambda tmp: write_workbook(audit, tmp, env.lang))
        elif fmt == "table":
            from io import StringIO

            from rich.console import Console

            buffer = StringIO()
            render_table(audit, Console(file=buffer, width=120, color_system=None), env.lang)
            write_atomic(path, lambda tmp: tmp.write_text(buffer.getvalue(), encoding="utf-8"))
        else:
            write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        env.err.print(f"{label('written', env.lang)}: {path}", markup=False, soft_wrap=True)
    elif fmt == "table":
        render_table(audit, env.out, env.lang)
    else:
        typer.echo(text, nl=False)
    hits = sorted(f.code for f in audit.found() if f.code in codes)
    if hits:
        env.err.print(label("au_fail_on", env.lang, codes=", ".join(hits)), markup=False, soft_wrap=True)
        raise typer.Exit(int(ExitStatus.AUDIT_FINDINGS))
