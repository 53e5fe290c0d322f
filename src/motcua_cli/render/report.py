"""Render a report: terminal table, JSON, CSV, Markdown, xlsx workbook.

Files are written atomically (``files.write_atomic``). In xlsx every text is written
with ``write_string`` so a value such as ``=HYPERLINK(...)`` stays text, never a formula.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl
from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..aggregate import COUNTS, GROUP_KEYS, RATES
from ..errors import UsageError
from ..messages import label
from ..notes import Note
from ..report import Report
from .files import inert_text, write_atomic, write_csv

FORMATS = ("table", "json", "csv", "xlsx", "md", "html")
SHOWN_IN_TABLE = ["received", "carried_over", "settled", "early", "on_time", "late", "pending", "pending_overdue"]
SHOWN_RATES = ["timely_rate", "progress_score"]


def format_for(path: Path | None, given: str | None) -> str:
    """The output format: given, else from the file extension, else a table."""
    if given:
        return given
    if path is not None:
        ext = path.suffix.lower().lstrip(".")
        known = {"json": "json", "csv": "csv", "xlsx": "xlsx", "md": "md", "txt": "table", "html": "html", "htm": "html"}
        if ext not in known:
            # An extension the command cannot write is the user's to fix, never a crash
            # and never a file of another kind under that name.
            raise UsageError(
                f"--output {path}: không ghi được tệp .{ext or '(không có đuôi)'}; chọn đuôi: .json, .csv, .xlsx, .md, .txt, .html.",
                f"--output {path}: cannot write a .{ext or '(no extension)'} file; choose: .json, .csv, .xlsx, .md, .txt, .html.",
            )
        return known[ext]
    return "table"


def _rate_text(value: float | None, column: str, lang: str) -> str:
    if value is None:
        return "–"
    if column == "progress_score":
        text = f"{value:.1f}"
    else:
        text = f"{100 * value:.1f}%"
    return text.replace(".", ",") if lang == "vi" else text


def _group_text(value: Any, lang: str) -> str:
    return label("unknown_group", lang) if value is None else str(value)


def header_lines(report: Report, lang: str) -> list[str]:
    s = report.scope
    c = report.input_counts
    lines = [
        f"{label('period', lang)}: {s.period.start:%d/%m/%Y} – {s.period.end:%d/%m/%Y} ({s.period.label})"
        f"   {label('as_of', lang)}: {s.as_of:%d/%m/%Y}",
        f"{label('policy', lang)}: {s.policy.describe(lang)}   {label('calendar', lang)}: {s.calendar.describe(lang)}",
        f"{label('inputs', lang)}: "
        + label(
            "inputs_line",
            lang,
            files=len(report.inputs),
            read=c["read"],
            kept=c["kept"],
            rejected=c["rejected"],
            duplicate=c["duplicate"] + c.get("superseded_across_files", 0),
        ),
    ]
    if report.filters:
        lines.append(f"{label('filters', lang)}: " + "; ".join(f"{k}={', '.join(v)}" for k, v in report.filters.items()))
    lines.append(f"{label('config', lang)}: {report.config or label('no_config', lang)}")
    return lines


def warning_lines(report: Report, lang: str) -> list[str]:
    """The first lines of a report whose numbers are in doubt: the gravest notes in
    full (a field with no column), then where to read the rest."""
    lines = [f"{label('warning', lang)}: {n.message(lang)}" for n in report.notes if n.kind == "missing_field" and n.severity == "warning"]
    if any(n.severity == "warning" for n in report.notes):
        lines.append(label("marked_numbers", lang))
    return lines


def note_lines(notes: Sequence[Note], lang: str) -> list[str]:
    """The notes block (a report's, an audit's): each note, then the line that fixes it."""
    lines = []
    for n in notes:
        lines.append(f"- {n.message(lang)}")
        if n.hint(lang):
            lines.append(f"  → {n.hint(lang)}")
    return lines


DELTAS = ["d_timely_rate", "d_pending_overdue"]  # --compare: the change beside the figures
COMPARE_COLUMNS = ["o_timely_rate", "d_timely_rate", "o_pending_overdue", "d_pending_overdue"]


def compare_value(report: Report, i: int, column: str) -> Any:
    """Row ``i`` of the report (the total after the rows): the compared period's figure
    (``o_…``) or the change (``d_…``)."""
    c = report.compare or {}
    rows = c.get("rows", [])
    entry = rows[i] if i < len(rows) else {"other": c.get("total", {}), "change": c.get("change", {})}
    return (entry["other"] if column.startswith("o_") else entry["change"]).get(column[2:])


def compare_cell(report: Report, i: int, column: str, lang: str) -> str:
    value = compare_value(report, i, column)
    if column.startswith("d_"):
        return delta_text(value, column[2:], lang)
    if column == "o_timely_rate":
        return _rate_text(value, "timely_rate", lang)
    return "–" if value is None else str(value)


def delta_text(value: float | None, column: str, lang: str) -> str:
    """A change with its sign and an arrow that says better (▲) or worse (▼): a higher
    rate is better, more overdue dossiers worse. Rates in percentage points."""
    if value is None:
        return "–"
    better = value > 0 if column in ("timely_rate", "progress_score", "early", "on_time", "settled") else value < 0
    shown = round(value, 2 if column == "progress_score" else 1)
    if shown == 0:  # no change at the precision shown: not called better or worse
        return "= 0" if column not in ("timely_rate", "progress_score") else ("= 0,0" if lang == "vi" else "= 0.0")
    arrow = "▲" if better else "▼"
    if column in ("timely_rate",):
        text = f"{value:+.1f}"
    elif column == "progress_score":
        text = f"{value:+.2f}"
    else:
        text = f"{int(value):+d}"
    text = text.replace("-", "−")
    return f"{arrow} {text.replace('.', ',') if lang == 'vi' else text}"


def compare_legend(report: Report, lang: str) -> str:
    c = report.compare or {}
    other = c.get("period", {})
    from datetime import date

    start, end = (date.fromisoformat(other[k]) for k in ("start", "end")) if other else (None, None)
    return label(
        f"compare_legend_{c.get('kind')}",
        lang,
        label_=other.get("label", ""),
        start=f"{start:%d/%m/%Y}" if start else "",
        end=f"{end:%d/%m/%Y}" if end else "",
    )


def render_table(report: Report, console: Console, lang: str, target: float | None = None) -> None:
    console.print(f"[bold]{label('report_title', lang)}[/]")
    for line in header_lines(report, lang):
        console.print(line, markup=False)
    for line in warning_lines(report, lang):
        console.print(line, markup=False, style="bold red")
    marked = report.affected()
    keys = [GROUP_KEYS[b] for b in report.group_by]
    compared = report.compare
    numbers = SHOWN_IN_TABLE + SHOWN_RATES + (DELTAS if compared else [])
    heads = {c: label(f"short_{c}", lang) + ("*" if c in marked else "") for c in numbers}

    def cells(row: dict[str, Any], star: bool = False, change: dict[str, Any] | None = None) -> dict[str, str]:
        out = {c: str(row[c]) + ("*" if star and c in marked else "") for c in SHOWN_IN_TABLE}
        for c in SHOWN_RATES:
            text = _rate_text(row[c], c, lang) + ("*" if star and c in marked else "")
            low = c == "timely_rate" and target is not None and row[c] is not None and 100 * row[c] < target
            out[c] = f"[red]{text}[/]" if low else text
        if compared:
            for c in DELTAS:
                out[c] = delta_text((change or {}).get(c[2:]), c[2:], lang)
        return out

    changes = [r["change"] for r in compared["rows"]] if compared else []
    rows_now = report.rows.to_dicts() if report.rows.height else []
    body = [
        ([_group_text(row[k], lang) for k in keys], cells(row, change=changes[i] if changes else None)) for i, row in enumerate(rows_now)
    ]
    total = (
        [label("total", lang), *[""] * (len(keys) - 1)] if keys else [label("total", lang)],
        cells(report.total, star=True, change=compared["change"] if compared else None),
    )
    # Fit the terminal (80 columns and up): names wrap within their column, numbers are
    # never cut; when all the numbers cannot sit beside the names, the table is printed
    # in parts, each with the names again.
    width = console.width
    cap = 28 if width >= 100 or len(keys) < 2 else 18
    name_widths = [
        min(
            cap,
            max(12, len(label(f"col_{k}", lang)) if k else 0, *(len(n[i]) for n, _ in body), len(total[0][i]) if i < len(total[0]) else 0),
        )
        for i, k in enumerate(keys or [""])
    ]
    need = {c: max(len(heads[c]), *(Text.from_markup(r[c]).cell_len for _, r in [*body, total])) for c in numbers}

    def build(shown: list[str]) -> Table:
        table = Table(show_footer=False, header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))
        for i, k in enumerate(keys or [""]):
            table.add_column(label(f"col_{k}", lang) if k else "", min_width=name_widths[i], max_width=name_widths[i], overflow="fold")
        for c in shown:
            table.add_column(heads[c], justify="right", no_wrap=True, min_width=need[c])
        for names, values in body:
            table.add_row(*names, *[values[c] for c in shown])
        if keys:
            table.add_section()
        table.add_row(*total[0], *[total[1][c] for c in shown], style="bold")
        return table

    def fits(shown: list[str]) -> bool:
        return Measurement.get(console, console.options.update_width(10**5), build(shown)).maximum <= width

    parts: list[list[str]] = [[]]
    for c in numbers:
        if parts[-1] and not fits([*parts[-1], c]):
            parts.append([])
        parts[-1].append(c)
    for shown in parts:
        console.print(build(shown))
    console.print(label("table_legend", lang), style="dim", markup=False)
    if compared:
        console.print(compare_legend(report, lang), style="dim", markup=False)
    if report.notes:
        console.print(f"[bold]{label('notes', lang)}[/]")
        for line in note_lines(report.notes, lang):
            console.print(line, markup=False)


def report_frame(report: Report, lang: str) -> pl.DataFrame:
    """Rows plus the total row, with the group keys first (CSV, Markdown)."""
    keys = [GROUP_KEYS[b] for b in report.group_by]
    total = {**dict.fromkeys(keys), **report.total}
    if keys:
        total[keys[0]] = label("total", lang)
    rows = report.rows.to_dicts() if report.rows.height else []
    schema = dict.fromkeys(keys, pl.String) | dict.fromkeys(COUNTS, pl.Int64) | dict.fromkeys(RATES, pl.Float64)
    return pl.DataFrame([*rows, total], schema=schema)


def to_text(report: Report, fmt: str, lang: str) -> str:
    if fmt == "json":
        return json.dumps(report.to_json(lang), ensure_ascii=False, indent=2, default=str)
    frame = report_frame(report, lang)
    if fmt == "csv":
        return inert_text(frame).write_csv()
    if fmt == "md":
        return _markdown(report, frame, lang)
    raise ValueError(fmt)


def _markdown(report: Report, frame: pl.DataFrame, lang: str) -> str:
    keys = [GROUP_KEYS[b] for b in report.group_by]
    cols = keys + COUNTS + RATES
    head = [label(f"col_{c}", lang) for c in cols]
    lines = [f"# {label('report_title', lang)}", ""] + [f"- {line}" for line in header_lines(report, lang)] + [""]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join("---" if c in keys else "---:" for c in cols) + "|")
    extra = COMPARE_COLUMNS if report.compare else []
    if extra:
        lines[-2] = lines[-2][:-2] + " | " + " | ".join(label(f"col_{c}", lang) for c in extra) + " |"
        lines[-1] = lines[-1] + "---:|" * len(extra)
    for i, row in enumerate(frame.to_dicts()):
        cells = []
        for c in cols:
            v = row[c]
            if c in RATES:
                cells.append(_rate_text(v, c, lang))
            elif c in keys:
                cells.append(_group_text(v, lang).replace("|", "\\|"))
            else:
                cells.append(str(v))
        cells += [compare_cell(report, i, c, lang) for c in extra]
        lines.append("| " + " | ".join(cells) + " |")
    if report.compare:
        lines += ["", compare_legend(report, lang)]
    if report.notes:
        lines += ["", f"## {label('notes', lang)}", ""] + [line.replace("|", "\\|") for line in note_lines(report.notes, lang)]
    return "\n".join(lines) + "\n"


def write_report(report: Report, path: Path, fmt: str, lang: str, target: float | None = None) -> None:
    if fmt == "xlsx":
        write_atomic(path, lambda tmp: _workbook(report, tmp, lang, target))
        return
    if fmt == "table":  # .txt: the terminal's table, plain text, as wide as a cron mail's
        import io

        buffer = io.StringIO()
        render_table(report, Console(file=buffer, width=132, color_system=None, highlight=False), lang, target)
        text = buffer.getvalue()
        write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        return
    text = to_text(report, fmt, lang)
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    write_atomic(path, lambda tmp: tmp.write_text(text, encoding=encoding, newline=""))
    if fmt == "csv" and report.notes:
        write_csv(notes_frame(report, lang), notes_path(path))


def row_height(cells: Iterable[tuple[str, int]]) -> float:
    """A row tall enough for its wrapped texts, each given with the characters a line of
    its column holds (spreadsheets do not grow a row for wrapped text when they open a
    file): 15 points a line."""
    return 15.0 * max([1, *(-(-len(text) // max(per_line, 1)) for text, per_line in cells)])


def note_row_height(*texts: str, chars_per_line: int = 62) -> float:
    """A Notes row tall enough for its wrapped text (``row_height``)."""
    return row_height((t, chars_per_line) for t in texts)


def notes_path(path: Path) -> Path:
    """Where a CSV report's notes go: beside it (a CSV holds one table)."""
    return path.with_name(f"{path.stem}.notes.csv")


def notes_frame(report: Report, lang: str) -> pl.DataFrame:
    rows = [n.to_json(lang) for n in report.notes]
    return pl.DataFrame(
        {
            "kind": [r["kind"] for r in rows],
            "count": [r["count"] for r in rows],
            "message": [r["message"] for r in rows],
            "hint": [r["hint"] for r in rows],
            "values": [json.dumps(r["values"], ensure_ascii=False) for r in rows],
            "files": ["; ".join(r["files"]) for r in rows],
        },
        schema={"kind": pl.String, "count": pl.Int64, "message": pl.String, "hint": pl.String, "values": pl.String, "files": pl.String},
    )


PRINTED = [
    "received", "carried_over", "received_new", "settled", "early", "on_time", "late",
    "pending", "pending_in_time", "pending_overdue", "timely_rate", "progress_score",
]  # fmt: skip


def _workbook(report: Report, path: Path, lang: str, target: float | None = None) -> None:
    """The report as a workbook to print: the table (A4 landscape, one page wide, heading
    repeated), the chart on its own sheet, the notes; the settings hidden. ``target`` is
    a percent (95), drawn on the chart."""
    import xlsxwriter

    keys = [GROUP_KEYS[b] for b in report.group_by]
    # The form's columns first (these are printed), then the others (on screen only).
    compared = COMPARE_COLUMNS if report.compare else []
    cols = keys + PRINTED + compared + [c for c in COUNTS + RATES if c not in PRINTED]
    printed = len(keys) + len(PRINTED) + len(compared)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    bold = wb.add_format({"bold": True})
    title = wb.add_format({"bold": True, "font_size": 14})
    head = wb.add_format({"bold": True, "text_wrap": True, "valign": "vcenter", "align": "center", "border": 1, "bg_color": "#DDEBF7"})
    num = wb.add_format({"border": 1, "num_format": "#,##0"})
    pct = wb.add_format({"border": 1, "num_format": "0.0%"})
    score = wb.add_format({"border": 1, "num_format": "0.00"})
    text = wb.add_format({"border": 1})
    total_num = wb.add_format({"border": 1, "bold": True, "num_format": "#,##0"})
    total_pct = wb.add_format({"border": 1, "bold": True, "num_format": "0.0%"})
    total_score = wb.add_format({"border": 1, "bold": True, "num_format": "0.00"})

    ws = wb.add_worksheet("BaoCao" if lang != "en" else "Report")
    ws.write_string(0, 0, label("report_title", lang), title)
    lines = header_lines(report, lang) + warning_lines(report, lang)
    warn = wb.add_format({"bold": True, "font_color": "#C00000"})
    for i, line in enumerate(lines, start=1):
        ws.write_string(i, 0, line, warn if i > len(header_lines(report, lang)) else None)
    marked = report.affected()
    top = len(lines) + (3 if marked else 2)
    if marked:
        # Above the header, so the header keeps the form's words for whoever reads it back;
        # the line above says what the marks mean.
        ws.write_string(top - 2, 0, label("marked_row", lang), warn)
        for j, c in enumerate(cols):
            if c in marked:
                ws.write_string(top - 1, j, "*", warn)
    for j, c in enumerate(cols):
        ws.write_string(top, j, label(f"col_{c}", lang), head)
    rows = report.rows.to_dicts() if report.rows.height else []

    change = wb.add_format({"border": 1, "num_format": "+0.0;-0.0;0.0"})
    change_n = wb.add_format({"border": 1, "num_format": "+#,##0;-#,##0;0"})

    def put(r: int, row: dict[str, Any], is_total: bool, index: int = -1) -> None:
        for j, c in enumerate(cols):
            v = row.get(c)
            if c in COMPARE_COLUMNS:
                value = compare_value(report, len(rows) if is_total else index, c)
                if value is None:
                    ws.write_blank(r, j, None, num)
                elif c == "o_timely_rate":
                    ws.write_number(r, j, float(value), total_pct if is_total else pct)
                else:
                    ws.write_number(r, j, float(value), change if c == "d_timely_rate" else change_n if c.startswith("d_") else num)
                continue
            if c in keys:
                ws.write_string(
                    r,
                    j,
                    label("total", lang) if is_total and j == 0 else _group_text(v, lang) if not is_total else "",
                    total_num if is_total else text,
                )
            elif v is None:
                ws.write_blank(r, j, None, total_num if is_total else num)
            elif c == "progress_score":
                ws.write_number(r, j, float(v), total_score if is_total else score)
            elif c in RATES:
                ws.write_number(r, j, float(v), total_pct if is_total else pct)
            else:
                ws.write_number(r, j, int(v), total_num if is_total else num)

    for i, row in enumerate(rows):
        put(top + 1 + i, row, False, i)
    total_row = top + 1 + len(rows)
    put(total_row, report.total, True)
    ws.set_row(top, 45)
    ws.set_column(0, max(0, len(keys) - 1), 30)
    ws.set_column(len(keys), len(cols) - 1, 11)
    ws.freeze_panes(top + 1, len(keys))
    # Printed: A4 landscape, one page wide, the heading row on every page, page numbers.
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top)
    ws.print_area(0, 0, total_row, printed - 1)
    ws.set_footer(f"&C{label('page', lang)} &P/&N")
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    if rows and keys:
        _chart_sheet(wb, report, rows, keys, lang, None if target is None else float(target) / 100)
    if report.notes:
        sheet = wb.add_worksheet("LuuY" if lang != "en" else "Notes")
        wrap = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
        for j, h in enumerate(("kind", "count", "message", "hint")):
            sheet.write_string(0, j, label(f"note_{h}", lang), head)
        for i, n in enumerate(report.notes, start=1):
            sheet.write_string(i, 0, n.kind, wrap)
            sheet.write_number(i, 1, n.count, wrap)
            sheet.write_string(i, 2, n.message(lang), wrap)
            sheet.write_string(i, 3, n.hint(lang), wrap)
            sheet.set_row(i, note_row_height(n.message(lang), n.hint(lang)))
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 9)
        sheet.set_column(2, 3, 70)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
    settings = wb.add_worksheet("ThietLap" if lang != "en" else "Settings")
    data = report.to_json()
    pairs = [
        (label("period", lang), f"{data['period']['start']} – {data['period']['end']} ({data['period']['label']})"),
        (label("as_of", lang), data["as_of"]),
        (label("policy", lang), report.scope.policy.describe(lang)),
        ("cutoff_day", str(report.scope.cutoff_day or "")),
        (label("calendar", lang), data["calendar"]),
        ("group_by", ", ".join(report.group_by)),
        (label("filters", lang), json.dumps(report.filters, ensure_ascii=False)),
        (label("config", lang), report.config or label("no_config", lang)),
        ("motcua", data["motcua_version"]),
        (label("generated", lang), datetime.now().strftime("%Y-%m-%d %H:%M")),
    ]
    for f in report.inputs:
        pairs.append(
            (
                label("file", lang),
                f"{f['file']}: read {f['rows_read']}, kept {f['kept']}, rejected {f['rejected']}, duplicate {f['duplicate']}",
            )
        )
    settings.write_string(0, 0, label("settings", lang), bold)
    for i, (k, v) in enumerate(pairs, start=1):
        settings.write_string(i, 0, k)
        settings.write_string(i, 1, v)
    settings.set_column(0, 0, 22)
    settings.set_column(1, 1, 90)
    settings.hide()  # for whoever checks how the numbers were made; never printed with the table
    wb.close()


def _chart_sheet(wb: Any, report: Report, rows: list[dict[str, Any]], keys: list[str], lang: str, target: float | None) -> None:
    """The timely rate by group on a sheet of its own, sized for an A4 page: worst first,
    the axis starting just under the lowest rate so differences show, the target (when
    the config or --fail-under gives one) as a line."""
    ranked = sorted((r for r in rows if r.get("timely_rate") is not None), key=lambda r: r["timely_rate"])
    if not ranked:
        return
    data = wb.add_worksheet("DuLieuBieuDo" if lang != "en" else "ChartData")
    data.write_string(0, 0, label("col_group", lang))
    data.write_string(0, 1, label("col_timely_rate", lang))
    if target is not None:
        data.write_string(0, 2, label("h_target", lang, pct=f"{100 * target:g}"))
    for i, r in enumerate(ranked, start=1):
        data.write_string(i, 0, " / ".join(_group_text(r[k], lang) for k in keys))
        data.write_number(i, 1, float(r["timely_rate"]))
        if target is not None:
            data.write_number(i, 2, float(target))
    data.hide()
    chart = wb.add_chart({"type": "column"})
    n = len(ranked)
    chart.add_series(
        {
            "name": label("col_timely_rate", lang),
            "categories": [data.name, 1, 0, n, 0],
            "values": [data.name, 1, 1, n, 1],
            "data_labels": {"value": True, "num_format": "0.0%"},
            "fill": {"color": "#2F6EBA"},
            "gap": 60,
        }
    )
    low = min([float(r["timely_rate"]) for r in ranked] + ([float(target)] if target is not None else []))
    chart.set_y_axis({"num_format": "0%", "min": max(0.0, int(low * 20) / 20 - 0.05), "max": 1, "major_gridlines": {"visible": True}})
    chart.set_x_axis({"num_font": {"rotation": -45 if n > 6 else 0}})
    if target is not None:
        line = wb.add_chart({"type": "line"})
        line.add_series(
            {
                "name": label("h_target", lang, pct=f"{100 * target:g}"),
                "categories": [data.name, 1, 0, n, 0],
                "values": [data.name, 1, 2, n, 2],
                "line": {"color": "#B42318", "dash_type": "dash", "width": 1.5},
                "marker": {"type": "none"},
            }
        )
        chart.combine(line)
    chart.set_title({"name": label("h_c_ranked", lang, group=label(f"by_{report.group_by[0]}", lang))})
    chart.set_legend({"position": "bottom"} if target is not None else {"none": True})
    sheet = wb.add_chartsheet("BieuDo" if lang != "en" else "Chart")
    sheet.set_chart(chart)
    sheet.set_landscape()
    sheet.set_paper(9)
