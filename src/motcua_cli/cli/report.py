"""`motcua report`: counts and rates per group, in the form's columns."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import ExitStatus, UsageError
from ..messages import label
from ..render.report import FORMATS, format_for, note_lines, notes_path, render_table, to_text, warning_lines, write_report
from ..report import Filters, build_report, compare
from . import app, options
from .context import env_of
from .inputs import load_input
from .summaries import SUMMARY


@app.command("report", short_help=SUMMARY["report"])
def report_command(
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
    by: list[str] = options.By,
    unit: list[str] = options.Unit,
    field: list[str] = options.FieldFilter,
    channel: list[str] = options.Channel,
    top: int | None = typer.Option(None, "--top", help="Chỉ in N dòng đầu sau khi sắp xếp."),
    sort: str | None = typer.Option(None, "--sort", help="Sắp xếp theo cột, ví dụ timely_rate (tỉ lệ: thấp trước) hoặc late:desc."),
    format: str | None = options.OutFormat,
    output: Path | None = options.Output,
    fail_under_text: str | None = typer.Option(
        None, "--fail-under", help="Thoát mã 5 nếu tỉ lệ trước và đúng hạn (tổng) dưới PCT % (95, 95% hoặc 95,5)."
    ),
    fail_under_each: bool = typer.Option(False, "--fail-under-each", help="Với --fail-under: xét từng dòng thay vì tổng."),
    max_rejects: str | None = options.MaxRejects,
    strict: bool = options.Strict,
    encoding: str | None = options.Encoding,
    sheet: str | None = options.Sheet,
    compare_with: str | None = typer.Option(
        None, "--compare", help="So sánh với: previous (kỳ trước cùng loại) hoặc year (cùng kỳ năm trước); thêm cột Δ."
    ),
    trend: bool = typer.Option(False, "--trend", help="Trang HTML: biểu đồ xu hướng 12 tháng gần nhất thay vì các tháng của kỳ."),
) -> None:
    """Báo cáo số hồ sơ tiếp nhận, đã giải quyết (trước, đúng, quá hạn), đang giải quyết.

    \b
    Ví dụ:
      motcua report sample_data/* --period 2026-Q3 --by field
      motcua report exports/*.xlsx --period 2026-Q3 --cutoff-day 14 --by unit --sort timely_rate --top 10
      motcua report exports/* --output 'reports/{period}.xlsx' --fail-under 95
      motcua report exports/* --period "Quý III/2026" --by unit --output bao_cao.html
      motcua report exports/* --period 2026-Q3 --by unit --compare year
    """
    env = env_of(ctx)
    fail_under = options.percent(fail_under_text, "--fail-under")
    scope = options.scope(env, period, date_from, date_to, cutoff_day, as_of, policy, end, exclude_withdrawn)
    path = options.output_path(output, scope.period.label, scope.as_of)
    fmt = options.check_format(format_for(path, format), FORMATS)
    if fmt in ("xlsx", "html") and path is None:
        raise UsageError(f"--format {fmt} cần --output TỆP.{fmt}.", f"--format {fmt} needs --output FILE.{fmt}.")
    if fmt == "html":
        # The chart library takes a second to import: it is imported while the files are read.
        import threading

        from ..render.html import warm_up

        threading.Thread(target=warm_up, daemon=True).start()
    since = scope.period.start
    if compare_with is not None:
        if compare_with not in ("previous", "year"):
            raise UsageError(
                f"--compare '{compare_with}' không hợp lệ; chọn previous (kỳ trước) hoặc year (cùng kỳ năm trước).",
                f"--compare '{compare_with}' is invalid; choose previous or year.",
            )
        from ..periods import compared_period

        since = min(since, compared_period(scope.period, compare_with, scope.cutoff_day).start)
    loaded = load_input(env, files, store, since, scope.period.end, sheet=sheet, encoding=encoding, ids=False)
    filters = Filters(unit or [], field or [], channel or [])
    split = []
    if fmt == "html":  # the charts' counts from the report's own pass (build_report says when it can)
        from ..pictures import chart_keys

        split = chart_keys(scope.period)
    report = build_report(loaded, scope, by or [], filters, sort, top, options.config_name(env), split)
    if compare_with is not None:
        report = compare(report, loaded, compare_with, filters)
    options.check_strict(env, report.notes, strict)
    target = fail_under if fail_under is not None else options.percent(env.config.section("report").get("target"), "[report] target")
    if fmt == "html" and path is not None:
        _write_html(env, loaded, report, scope, by or [], Filters(unit or [], field or [], channel or []), path, target, trend)
        env.err.print(f"{label('written', env.lang)}: {path}", markup=False, soft_wrap=True)
    elif path is not None:
        write_report(report, path, fmt, env.lang, None if target is None else float(target))
        env.err.print(f"{label('written', env.lang)}: {path}", markup=False, soft_wrap=True)
        if fmt == "csv" and report.notes:
            env.err.print(f"{label('written', env.lang)}: {notes_path(path)}", markup=False, soft_wrap=True)
        for line in warning_lines(report, env.lang):
            env.err.print(line, markup=False, soft_wrap=True, style="bold red")
    elif fmt == "table":
        render_table(report, env.out, env.lang, float(target) if target is not None else None)
    else:
        typer.echo(to_text(report, fmt, env.lang), nl=False)
        if fmt == "csv" and report.notes:  # a CSV holds one table: the notes go to stderr
            for line in note_lines(report.notes, env.lang):
                env.err.print(line, markup=False, soft_wrap=True)
    counts = loaded.counts
    if options.over_limit(counts["rejected"], counts["read"], max_rejects):
        env.error(label("too_many_rejects", env.lang, n=counts["rejected"], limit=max_rejects))
        raise typer.Exit(int(ExitStatus.TOO_MANY_REJECTS))
    if fail_under is not None:
        _check_target(env, report, fail_under, fail_under_each)


def _chart_group(by: list[str]) -> str:
    """The grouping of the ranked, age and online charts: the report's first (not the
    month), or unit."""
    group = by[0] if by else "unit"
    if group == "month":
        group = by[1] if len(by) > 1 else "unit"
    return group


def _write_html(env, loaded, report, scope, by, filters, path, target, trend) -> None:  # type: ignore[no-untyped-def]
    """The HTML page: the report, and the charts' figures counted on the same dossiers.
    The ranked, age and online charts go by the report's first grouping (unit when the
    report has none, said on the page)."""
    from ..pictures import last_months, pictures
    from ..render.files import write_atomic
    from ..render.html import to_html

    group = _chart_group(by)
    span = last_months(scope.as_of) if trend else None
    rows = report.rows if report.group_by == [group] else None
    split = report.split if report.group_by == [group] else None
    pics = pictures(filters.apply(loaded.dossiers), scope, group, span, rows, report.classified, split)
    page = to_html(report, pics, env.lang, None if target is None else float(target) / 100)
    write_atomic(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))


def _check_target(env, report, target: float, each: bool) -> None:  # type: ignore[no-untyped-def]
    """Exit 5 when the timely rate is under the target, after the output is written."""
    rate = report.total["timely_rate"]
    failing = []
    if each and report.rows.height:
        keys = [c for c in report.rows.columns if c in ("field", "unit", "procedure", "channel", "level", "month")]
        for row in report.rows.to_dicts():
            if row["timely_rate"] is not None and 100 * row["timely_rate"] < target:
                failing.append(" / ".join(str(row[k]) for k in keys))
    elif rate is not None and 100 * rate < target:
        failing.append("")
    if failing:
        where = f" ({'; '.join(failing)})" if each else ""
        shown = "–" if rate is None else f"{100 * rate:.1f}%"
        shown = shown.replace(".", ",") if env.lang == "vi" else shown
        env.error(label("fail_under", env.lang, rate=shown, target=f"{target:g}", where=where))
        raise typer.Exit(int(ExitStatus.TARGET_NOT_MET))
