"""`motcua overdue`: the watch list for apology letters."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl
import typer
from rich.table import Table

from ..calendar import WorkCalendar
from ..errors import UsageError
from ..messages import label
from ..notes import file_notes, scope_notes
from ..periods import Period, parse_day
from ..policy import resolve_policy
from ..render.files import inert_text, write_atomic, write_csv, write_value
from ..render.fit import compact_table, fit_table
from ..render.report import format_for, row_height
from ..report import Filters, check_filters
from ..scope import Scope
from ..watchlist import watch_list
from . import app, options
from .context import env_of
from .inputs import load_input
from .summaries import SUMMARY

FORMATS = ("table", "json", "csv", "xlsx", "md")


@app.command("overdue", short_help=SUMMARY["overdue"])
def overdue_command(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(None, help="Tệp xuất từ hệ thống một cửa.", show_default=False),
    store: Path | None = options.StoreDir,
    within: int = typer.Option(0, "--within", help="Cũng liệt kê hồ sơ sẽ quá hạn trong N ngày làm việc tới."),
    as_of: str | None = typer.Option(None, "--as-of", help="Ngày xét (mặc định hôm nay)."),
    policy: str | None = options.PolicyName,
    end: str | None = options.End,
    unit: list[str] = options.Unit,
    field: list[str] = options.FieldFilter,
    channel: list[str] = options.Channel,
    format: str | None = options.ListFormat,
    output: Path | None = options.Output,
    strict: bool = options.Strict,
    encoding: str | None = options.Encoding,
    sheet: str | None = options.Sheet,
) -> None:
    """Danh sách hồ sơ đang giải quyết đã quá hạn (hoặc sắp quá hạn) để gửi văn bản xin lỗi.

    \b
    Ví dụ:
      motcua overdue sample_data/* --as-of 2026-11-20 --within 2
      motcua overdue exports/*.xlsx --output 'xin_loi_{as_of}.xlsx'
    """
    env = env_of(ctx)
    if within < 0:
        raise UsageError("--within phải là số không âm.", "--within must not be negative.")
    day = parse_day(as_of, "--as-of") if as_of else options.today()
    path = options.output_path(output, day.isoformat(), day)
    fmt = options.check_format(format_for(path, format), FORMATS)
    if fmt == "xlsx" and path is None:
        raise UsageError("--format xlsx cần --output TỆP.xlsx.", "--format xlsx needs --output FILE.xlsx.")
    pol = resolve_policy(policy, end=end, config=env.config.section("policy"))
    cal = WorkCalendar.build(env.config.section("calendar"))
    loaded = load_input(env, files, store, day, day, sheet=sheet, encoding=encoding)
    filters = Filters(unit or [], field or [], channel or [])
    check_filters(filters, loaded.dossiers, loaded.reports)
    dossiers = filters.apply(loaded.dossiers)
    listed, counts = watch_list(dossiers, day, within, pol, cal)
    listed = _named(listed, lang=env.lang)
    first = dossiers["received_at"].min() if dossiers.height else None
    start = min(first.date() if isinstance(first, datetime) else day, day)
    notes = file_notes(loaded.reports) + scope_notes(
        dossiers, loaded.reports, Scope(Period(start, day, "watch"), day, pol, cal), loaded.texts
    )
    options.check_strict(env, notes, strict)
    lang = env.lang
    summary = label(
        "watch_summary" if within else "watch_summary_plain",
        lang,
        as_of=day.strftime("%d/%m/%Y"),
        overdue=counts["overdue"],
        soon=counts["due_soon"],
        within=within,
        paused=counts["paused"],
        policy=pol.name,
    )
    summary += "   " + f"{label('config', lang)}: {options.config_name(env) or label('no_config', lang)}"
    if fmt == "json":
        text = json.dumps(
            {
                "as_of": day.isoformat(),
                "within": within,
                "policy": pol.name,
                "counts": counts,
                "dossiers": json.loads(listed.write_json()),  # the codes (the contract) and status_label
                "notes": [n.to_json(lang) for n in notes],
                "config": options.config_name(env),
            },
            ensure_ascii=False,
            indent=2,
        )
        _emit(env, path, text)
    elif fmt == "csv":
        if path is None:
            typer.echo(inert_text(_shown(listed)).write_csv(datetime_format="%Y-%m-%d %H:%M"), nl=False)
        else:
            write_csv(_shown(listed), path)
    elif fmt == "md":
        _emit(env, path, _markdown(_shown(listed), summary, lang))
    elif fmt == "xlsx":
        assert path is not None
        write_atomic(path, lambda tmp: _workbook(_shown(listed), summary, tmp, lang))
    else:
        env.out.print(summary, markup=False)
        for n in notes:
            if n.kind == "missing_field" and n.severity == "warning":
                env.out.print(f"{label('warning', lang)}: {n.message(lang)}", markup=False, style="bold red")
        if listed.height:
            env.out.print(_table(_shown(listed), lang, env.out.width))
    if notes and fmt != "json":
        out = env.out if fmt == "table" and path is None else env.err
        out.print(label("notes", lang), style="bold", markup=False)
        for n in notes:
            out.print(f"- {n.message(lang)}", markup=False, soft_wrap=fmt != "table")
            if n.hint(lang):
                out.print(f"  → {n.hint(lang)}", markup=False, soft_wrap=fmt != "table")
    if path is not None:
        env.err.print(f"{label('written', lang)}: {path} ({listed.height})", markup=False, soft_wrap=True)


def _named(listed: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Field and unit names merged as `report` merges them (spellings of one name shown
    once, in the fullest spelling), and the status in words beside its code."""
    from ..aggregate import display_names

    for column in ("field", "unit"):
        if listed.height and listed[column].drop_nulls().len():
            names = display_names(listed.group_by(column).agg(_n=pl.len()))
            listed = listed.with_columns(pl.col(column).replace(names))
    labels = {code: label(f"status_{code}", lang) for code in listed["status"].drop_nulls().unique().to_list()}
    return listed.with_columns(status_label=pl.col("status").replace_strict(labels, default=None, return_dtype=pl.String))


def _shown(listed: pl.DataFrame) -> pl.DataFrame:
    """The list as people read it: the status in words, in place of the code."""
    return listed.with_columns(status=pl.col("status_label")).drop("status_label")


def _emit(env: Any, path: Path | None, text: str) -> None:
    if path is None:
        typer.echo(text)
    else:
        write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.strftime("%d/%m/%Y %H:%M")
    return str(v)


def _headers(lang: str) -> list[str]:
    return [
        label(f"w_{c}", lang)
        for c in [
            "dossier_id",
            "procedure",
            "field",
            "unit",
            "received_at",
            "due_at",
            "status",
            "working_days_overdue",
            "working_days_left",
        ]
    ]


def _table(listed: pl.DataFrame, lang: str, width: int) -> Table:
    """The list as wide as the terminal allows: one column per value when each text keeps
    room to wrap, otherwise id over procedure, field over unit and receipt over due date.
    Ids, dates and numbers are never cut or wrapped (issue 18: whole at 80 columns)."""
    heads = _headers(lang)
    ids = max((len(v) for v in listed["dossier_id"].cast(pl.String).fill_null("")), default=8)
    numbers = (label("w_short_overdue", lang), label("w_short_left", lang))
    wide = compact_table()
    wide.add_column(heads[0], no_wrap=True)
    for h in heads[1:4]:
        wide.add_column(h, min_width=12)
    wide.add_column(heads[4], no_wrap=True)
    wide.add_column(heads[5], no_wrap=True)
    wide.add_column(heads[6], min_width=10)
    for h in numbers:
        wide.add_column(h, no_wrap=True, justify="right")
    narrow = compact_table()
    narrow.add_column(f"{heads[0]}\n{heads[1]}", min_width=min(ids, 26), overflow="fold")
    narrow.add_column(f"{heads[2]}\n{heads[3]}", min_width=12)
    narrow.add_column(f"{heads[4]}\n{heads[5]}", no_wrap=True)
    narrow.add_column(heads[6], min_width=10)
    for h in numbers:
        narrow.add_column(h, no_wrap=True, justify="right")
    for row in listed.iter_rows():
        style = "red" if row[7] is not None else None
        cells = [_cell(v) for v in row]
        wide.add_row(*cells, style=style)
        stacked = (f"{cells[0]}\n{cells[1]}", f"{cells[2]}\n{cells[3]}", f"{cells[4]}\n{cells[5]}")
        narrow.add_row(*stacked, *cells[6:], style=style)
        narrow.add_section()
    chosen = wide if fit_table(wide, width) else narrow
    if chosen is narrow:
        fit_table(narrow, max(width, 79))
    chosen.caption, chosen.caption_justify = label("w_short_legend", lang), "left"
    return chosen


def _markdown(listed: pl.DataFrame, summary: str, lang: str) -> str:
    lines = [summary, "", "| " + " | ".join(_headers(lang)) + " |", "|" + "---|" * len(listed.columns)]
    for row in listed.iter_rows():
        lines.append("| " + " | ".join(_cell(v).replace("|", "\\|") for v in row) + " |")
    return "\n".join(lines) + "\n"


def _workbook(listed: pl.DataFrame, summary: str, path: Path, lang: str) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("QuaHan" if lang != "en" else "Overdue")
    head = wb.add_format({"bold": True, "border": 1, "bg_color": "#FCE4D6", "text_wrap": True, "valign": "vcenter"})
    cell = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    when = wb.add_format({"border": 1, "num_format": "dd/mm/yyyy hh:mm", "valign": "top"})
    ws.merge_range(0, 0, 1, 8, summary, wb.add_format({"text_wrap": True, "valign": "top", "bold": True}))
    for j, h in enumerate(_headers(lang)):
        ws.write_string(2, j, h, head)
    widths = [20, 34, 20, 20, 15, 15, 16, 10, 10]
    for i, row in enumerate(listed.iter_rows(), start=3):
        for j, v in enumerate(row):
            write_value(ws, i, j, v, cell, when)
        # A long unit or procedure name, wrapped, would print over the next row.
        height = row_height((v, widths[j] - 2) for j, v in enumerate(row) if isinstance(v, str) and j < len(widths))
        if height > 15:
            ws.set_row(i, height)
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    ws.set_row(0, 30)
    ws.set_row(2, 32)
    ws.freeze_panes(3, 1)
    ws.autofilter(2, 0, 2 + listed.height, len(listed.columns) - 1)
    # Printed: A4 landscape, one page wide, the heading on every page, page numbers.
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer(f"&C{label('page', lang)} &P/&N")
    wb.close()
