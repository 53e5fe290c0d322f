"""Terminal tables that fit (issue 18, the report part): at 80, 100 and 120 columns the
report keeps its group names and never cuts a number."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console
from typer.testing import CliRunner

from .conftest import SAMPLE_DIR, run

FILES = [str(p) for p in sorted(SAMPLE_DIR.iterdir()) if p.is_file()]


def table_text(runner: CliRunner, width: int, *by: str) -> tuple[str, dict]:
    from motcua_cli.config import Config
    from motcua_cli.load import load_files
    from motcua_cli.render.report import render_table
    from motcua_cli.report import build_report
    from motcua_cli.scope import resolve_scope

    args = [a for b in by for a in ("--by", b)]
    data = json.loads(run(runner, "report", *FILES, "--period", "2026-Q3", *args, "-f", "json").stdout)
    from datetime import date
    from pathlib import Path

    scope = resolve_scope(Config(), today=date(2026, 12, 1), period="2026-Q3")
    report = build_report(load_files([Path(f) for f in FILES]), scope, list(by))
    buffer = io.StringIO()
    render_table(report, Console(file=buffer, width=width, color_system=None), "vi")
    return buffer.getvalue(), data


def _figures(row: dict) -> list[str]:
    out = [str(row[k]) for k in ("received", "carried_over", "settled", "early", "on_time", "late", "pending", "pending_overdue")]
    rate = row["timely_rate"]
    out.append("–" if rate is None else f"{100 * rate:.1f}%".replace(".", ","))
    return out


@pytest.mark.parametrize("width", [80, 100, 120])
@pytest.mark.parametrize("by", [("field",), ("unit",), ("field", "unit")])
def test_every_figure_appears_whole(runner: CliRunner, width: int, by: tuple[str, ...]) -> None:
    text, data = table_text(runner, width, *by)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    tables = text.split("Nhận = kỳ trước")[0]  # the notes below may hold a "…" to fill in
    assert "…" not in tables
    tokens = set(text.replace("*", " ").split())
    for row in [*data["rows"], data["total"]]:
        for figure in _figures(row):
            assert figure in tokens, (figure, row)
    # every group keeps its name (long ones wrap, so their first word is on a line)
    for row in data["rows"]:
        for key in by:
            name = row[key] or "(không rõ)"
            assert name.split()[0] in text, name


@pytest.mark.parametrize("width", [80, 120])
def test_a_report_with_no_groups_fits_too(runner: CliRunner, width: int) -> None:
    text, data = table_text(runner, width)
    assert "Tổng cộng" in text and str(data["total"]["received"]) in text.replace("*", " ").split()


@pytest.mark.parametrize("width", [80, 100, 120])
def test_the_overdue_list_keeps_ids_dates_and_numbers_whole(runner: CliRunner, width: int) -> None:
    import polars as pl

    from motcua_cli.cli.overdue import _shown, _table

    data = json.loads(run(runner, "overdue", *FILES, "--as-of", "2026-11-20", "--within", "2", "-f", "json").stdout)
    rows = data["dossiers"]
    assert len(rows) > 100
    listed = pl.DataFrame(rows, infer_schema_length=None).with_columns(pl.col("received_at", "due_at").str.to_datetime())
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None).print(_table(_shown(listed), "vi", width))
    text = buffer.getvalue()
    assert max(len(line) for line in text.splitlines()) <= width
    assert "…" not in text
    tokens = set(text.split())
    lines = text.splitlines()
    for row in rows:
        assert row["dossier_id"] in tokens, row
        for key in ("received_at", "due_at"):
            day, clock = row[key][8:10] + "/" + row[key][5:7] + "/" + row[key][:4], row[key][11:16]
            assert any(f"{day} {clock}" in line for line in lines), (key, row)
        for key in ("working_days_overdue", "working_days_left"):
            if row[key] is not None:
                assert str(row[key]) in tokens, (key, row)


@pytest.mark.parametrize("width", [80, 100, 120])
def test_store_info_and_log_fit(runner: CliRunner, width: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from motcua_cli.cli import context

    assert run(runner, "ingest", *FILES).exit_code == 0
    monkeypatch.setattr(context, "Console", lambda **kw: Console(**{**kw, "width": width, "color_system": None}))
    info = run(runner, "store", "info")
    log = run(runner, "store", "log")
    for text in (info.stdout, log.stdout):
        assert max(len(line) for line in text.splitlines()) <= width, text
        assert "…" not in text
    assert "Số hồ sơ: 4.999" in info.stdout and "chưa xong:" in info.stdout
    entries = json.loads(run(runner, "store", "log", "-f", "json").stdout)
    tokens = set(log.stdout.split())
    for entry in entries:
        assert entry["file"][:12] in log.stdout  # a long name folds onto the next lines, it is not cut
        assert f"{entry['read']:,}".replace(",", ".") in tokens
