"""`motcua inspect`: what the reader found in each file."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl
import typer
from rich.table import Table

from ..dates import EXCEL_SERIAL
from ..errors import ExitStatus, MotcuaError
from ..load import FileReport, load_file
from ..messages import field_label, label, value_label
from ..render.files import write_csv
from ..validate import FLAGS, REJECT_SCHEMA
from . import app, options
from .context import Env, env_of
from .summaries import SUMMARY

SAMPLE_FIELDS = ["dossier_id", "field", "status", "received_at", "due_at", "finished_at"]


@app.command("inspect", short_help=SUMMARY["inspect"])
def inspect_command(
    ctx: typer.Context,
    files: list[Path] = options.Files,
    format: str = options.Format,
    rejects: Path | None = options.Rejects,
    max_rejects: str | None = options.MaxRejects,
    encoding: str | None = options.Encoding,
    sheet: str | None = options.Sheet,
    samples: int = typer.Option(3, "--samples", help="Số hồ sơ mẫu in ra cho mỗi tệp (không có dữ liệu cá nhân)."),
) -> None:
    """Xem motcua đọc được gì từ mỗi tệp: định dạng, tiêu đề, ánh xạ cột, số dòng.

    \b
    Ví dụ: motcua inspect sample_data/* --rejects loai.csv
    """
    env = env_of(ctx)
    options.check_format(format, ("table", "json"))
    results: list[dict[str, Any]] = []
    all_rejects: list[pl.DataFrame] = []
    worst = ExitStatus.OK
    total_read = total_rejected = 0
    for path in files:
        try:
            dossiers, rej, report = load_file(path, config=env.config, sheet=sheet, encoding=encoding)
        except MotcuaError as exc:
            if env.debug:
                raise
            worst = max(worst, exc.status)
            results.append({"file": str(path), "error": {"status": int(exc.status), "message": exc.message(env.lang)}})
            if format == "table":
                env.error(exc.message(env.lang))
            continue
        all_rejects.append(rej)
        total_read += report.counts["read"]
        total_rejected += report.counts["rejected"]
        sample = dossiers.select(SAMPLE_FIELDS).head(samples)
        results.append({**report.to_dict(), "samples": json.loads(sample.write_json())})
        if format == "table":
            _print_report(env, report, sample)
    if rejects is not None:
        frame = pl.concat(all_rejects) if all_rejects else pl.DataFrame(schema=REJECT_SCHEMA)
        write_csv(frame, rejects)
        if format == "table":
            env.err.print(f"{label('rejects_written', env.lang)} {rejects} ({frame.height})")
    if format == "json":
        text = json.dumps({"files": results}, ensure_ascii=False, indent=2, default=str)
        typer.echo(text)
    if worst == ExitStatus.OK and options.over_limit(total_rejected, total_read, max_rejects):
        env.error(label("too_many_rejects", env.lang, n=total_rejected, limit=max_rejects))
        worst = ExitStatus.TOO_MANY_REJECTS
    if worst != ExitStatus.OK:
        raise typer.Exit(int(worst))


def _print_report(env: Env, report: FileReport, sample: pl.DataFrame) -> None:
    lang, out = env.lang, env.out
    L = lambda key: label(key, lang)  # noqa: E731
    out.rule(f"[bold]{report.file}")
    sheet = repr(report.sheet) if report.sheet else "-"
    rows = (
        "–".join(str(r) for r in (report.header_rows[0], report.header_rows[-1]))
        if len(report.header_rows) > 1
        else str(report.header_rows[0])
    )
    out.print(
        f"{L('format')}: {report.format}   {L('encoding')}: {report.encoding or '-'}   {L('sheet')}: {sheet}   {L('header_rows')}: {rows}"
    )
    table = Table(title=L("mapping"), show_lines=False)
    table.add_column(L("column"))
    table.add_column(L("header"))
    table.add_column(L("field"))
    table.add_column(L("how_mapped"))
    for m in report.mapping:
        table.add_row(m["column"], m["header"], field_label(m["field"], lang), L(f"how_{m.get('how', 'alias')}"))
    out.print(table)
    if report.missing:
        out.print(f"{L('missing_fields')}: {', '.join(field_label(f, lang) for f in report.missing)}", style="bold red", markup=False)
    if report.due_candidates:
        out.print(f"{L('due_candidates')}: {'; '.join(report.due_candidates)}", markup=False)
    for key in ("unmapped", "personal_dropped", "duplicate_columns"):
        values = getattr(report, key)
        if values:
            out.print(f"{L(key)}: {'; '.join(values)}")
    c = report.counts
    out.print(
        f"{L('counts')}: {L('read')} {c['read']} = {L('kept')} {c['kept']} + {L('rejected')} {c['rejected']}"
        f" + {L('duplicate')} {c['duplicate']};  {L('flagged')} {c['flagged']};"
        f"  {L('blank')} {c['blank']}, {L('footer')} {c['footer']}, {L('repeated_header')} {c['repeated_header']}"
    )
    if report.repairs:
        out.print(f"{L('repairs')}: " + ", ".join(f"{L(k)} {v}" for k, v in sorted(report.repairs.items())))
    if report.flags:
        names = {k: (vi if lang != "en" else en) for k, (vi, en) in FLAGS.items()}
        out.print(f"{L('flags')}: " + ", ".join(f"{names.get(k, k)} ({k}) {v}" for k, v in report.flags.items()), markup=False)
    _print_texts(env, report)
    forms = []
    for fld, seen in report.date_forms.items():
        parts = [f"{_example(f['format']) if f['format'] else L('unparsed')} ×{f['count']}" for f in seen]
        forms.append(f"{field_label(fld, lang, with_code=False)}: " + ", ".join(parts))
    if forms:
        out.print(f"{L('date_forms')}:\n  " + "\n  ".join(forms))
    if sample.height:
        st = Table(title=L("samples"))
        for col in sample.columns:
            st.add_column(field_label(col, lang, with_code=False))
        for row in sample.iter_rows():
            st.add_row(*[value_label(c, _cell(v), lang) for c, v in zip(sample.columns, row, strict=True)])
        out.print(st)


def _print_texts(env: Env, report: FileReport) -> None:
    """Each status or channel text not read for sure: its count, its first rows, and
    the config lines that settle it."""
    lang, out = env.lang, env.out
    for kind, texts in report.texts.items():
        unknown = [t for t in texts if t["meaning"] is None]
        guessed = [t for t in texts if t["meaning"] is not None]
        for title, listed in (("unknown_texts", unknown), ("guessed_texts", guessed)):
            if not listed:
                continue
            out.print(f"{label(title + '_' + kind, lang)}:", markup=False)
            for t in listed:
                rows = ", ".join(str(r) for r in t["rows"]) + (", …" if t["count"] > len(t["rows"]) else "")
                meaning = f" → {t['meaning']} ({label('rule', lang)} {t['rule']})" if t["meaning"] else ""
                out.print(f"  '{t['text']}' ×{t['count']}{meaning}  ({label('rows', lang)} {rows})", markup=False)
        if texts:
            out.print(label("add_to_config", lang), markup=False)
            out.print(f"  [{kind}]", markup=False)
            for t in texts:
                text = t["text"].replace("\\", "\\\\").replace('"', '\\"')
                out.print(f'  "{text}" = "{t["meaning"] or "…"}"', markup=False)


def _example(form: str) -> str:
    """A date form as a date people read ("31/12/2026 08:30"), not a strftime code."""
    if form == EXCEL_SERIAL:
        return "46387 (số ngày kiểu Excel / Excel serial)"
    try:
        return datetime(2026, 12, 31, 8, 30, 15).strftime(form)
    except ValueError:
        return form


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")  # day first, as officials write dates
    return str(value)
