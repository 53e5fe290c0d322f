"""`motcua overdue`: the watch list for apology letters."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import polars as pl
from typer.testing import CliRunner

from motcua_cli.calendar import WorkCalendar
from motcua_cli.policy import PRESETS
from motcua_cli.validate import DOSSIER_SCHEMA
from motcua_cli.watchlist import watch_list

from .conftest import SAMPLE_DIR, run

FILES = [str(p) for p in sorted(SAMPLE_DIR.iterdir()) if p.is_file()]


def _frame(rows: list[dict]) -> pl.DataFrame:
    base = dict.fromkeys(DOSSIER_SCHEMA)
    return pl.DataFrame([{**base, "channel": "in_person", "due_has_time": True, **r} for r in rows], schema=DOSSIER_SCHEMA)


def test_overdue_and_due_soon_worst_first_without_paused() -> None:
    rows = [
        {"dossier_id": "A", "received_at": datetime(2026, 11, 2, 8), "due_at": datetime(2026, 11, 16, 8), "status": "processing"},
        {"dossier_id": "B", "received_at": datetime(2026, 11, 2, 8), "due_at": datetime(2026, 11, 19, 8), "status": "processing"},
        # due Wednesday 25/11: Tuesday 24/11 is the Culture Day, so 1 working day left on 23/11.
        {"dossier_id": "C", "received_at": datetime(2026, 11, 16, 8), "due_at": datetime(2026, 11, 25, 8), "status": "processing"},
        {"dossier_id": "D", "received_at": datetime(2026, 11, 16, 8), "due_at": datetime(2026, 12, 10, 8), "status": "processing"},
        {"dossier_id": "E", "received_at": datetime(2026, 11, 2, 8), "due_at": datetime(2026, 11, 10, 8), "status": "supplement_requested"},
        {
            "dossier_id": "F",
            "received_at": datetime(2026, 11, 2, 8),
            "due_at": datetime(2026, 11, 10, 8),
            "finished_at": datetime(2026, 11, 12, 8),
            "status": "processed",
        },
    ]
    listed, counts = watch_list(_frame(rows), date(2026, 11, 23), 1, PRESETS["form06"], WorkCalendar.build())
    assert listed["dossier_id"].to_list() == ["A", "B", "C"]
    assert listed["working_days_overdue"].to_list() == [5, 2, None]
    assert listed["working_days_left"].to_list() == [None, None, 1]
    assert counts == {"overdue": 2, "due_soon": 1, "paused": 1}
    listed, _ = watch_list(_frame(rows), date(2026, 11, 23), 0, PRESETS["form06"], WorkCalendar.build())
    assert listed["dossier_id"].to_list() == ["A", "B"]


def test_sample_watch_list_json_matches_classification(runner: CliRunner) -> None:
    result = run(runner, "overdue", *FILES, "--as-of", "2026-11-20", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"]["overdue"] == len(data["dossiers"]) == 155
    overdue = [d["working_days_overdue"] for d in data["dossiers"]]
    assert overdue == sorted(overdue, reverse=True) and min(overdue) >= 1
    assert set(data["dossiers"][0]) == {
        "dossier_id",
        "procedure",
        "field",
        "unit",
        "received_at",
        "due_at",
        "status",
        "working_days_overdue",
        "working_days_left",
        "status_label",  # the status in words, added beside the code (issue 17)
    }
    soon = json.loads(run(runner, "overdue", *FILES, "--as-of", "2026-11-20", "--within", "3", "-f", "json").stdout)
    assert len(soon["dossiers"]) == 155 + soon["counts"]["due_soon"] and soon["counts"]["due_soon"] > 0


def test_watch_list_files(runner: CliRunner, tmp_path: Path) -> None:
    for ext in ("csv", "xlsx", "md", "json"):
        out = tmp_path / f"xin_loi_{{as_of}}.{ext}"
        result = run(runner, "overdue", *FILES, "--as-of", "2026-11-20", "--unit", "Sở Tư pháp", "-o", str(out))
        assert result.exit_code == 0, result.output
    path = tmp_path / "xin_loi_2026-11-20"
    frame = pl.read_csv(io.BytesIO(path.with_suffix(".csv").read_bytes()))
    assert frame.height > 0 and set(frame["unit"].to_list()) == {"Sở Tư pháp"}
    ws = openpyxl.load_workbook(path.with_suffix(".xlsx")).active
    assert ws.cell(3, 1).value == "Mã hồ sơ" and ws.max_row == 3 + frame.height
    assert "Mã hồ sơ" in path.with_suffix(".md").read_text(encoding="utf-8")
    text = path.with_suffix(".csv").read_text(encoding="utf-8-sig") + path.with_suffix(".md").read_text(encoding="utf-8")
    assert "Nguyễn" not in text and "đường" not in text  # no personal data


def test_watch_list_table_and_bad_input(runner: CliRunner) -> None:
    result = run(runner, "overdue", *FILES, "--as-of", "20/11/2026")
    assert result.exit_code == 0 and "quá hạn" in result.stdout and "Đang xử lý" in result.stdout
    assert run(runner, "overdue", *FILES, "--within", "-1").exit_code == 2
    assert run(runner, "overdue", *FILES, "--as-of", "32/11/2026").exit_code == 2
    assert run(runner, "overdue").exit_code == 2
    assert run(runner, "overdue", *FILES, "-f", "xlsx").exit_code == 2


def test_the_overdue_workbook_prints_and_speaks_vietnamese(runner: CliRunner, tmp_path: Path) -> None:
    """Issue 17: landscape, one page wide, the heading wrapped and repeated, statuses in
    words in every format (JSON keeps the codes and adds status_label)."""
    import openpyxl

    out = tmp_path / "ql.xlsx"
    assert run(runner, "overdue", *FILES, "--as-of", "2026-11-20", "-o", str(out)).exit_code == 0
    ws = openpyxl.load_workbook(out)["QuaHan"]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$3:$3" and ws.cell(3, 1).alignment.wrap_text
    statuses = {ws.cell(r, 7).value for r in range(4, ws.max_row + 1)}
    assert "Đang xử lý" in statuses and not statuses & {"processing", "supplement_requested", "accepted"}
    # A unit name wider than its column wraps onto a row tall enough for it, not over the next row.
    long_unit = [r for r in range(4, ws.max_row + 1) if len(ws.cell(r, 4).value or "") > 20]  # the unit column: 20 wide
    short = [r for r in range(4, ws.max_row + 1) if max(len(str(ws.cell(r, c).value or "")) for c in (1, 2, 3, 4)) < 18]
    assert long_unit and all((ws.row_dimensions[r].height or 15) >= 30 for r in long_unit)
    assert short and all(ws.row_dimensions[r].height in (None, 15) for r in short)
    # Without --within, nothing is "due within 0 working days": the summary does not say so.
    summary = ws.cell(1, 1).value
    assert "đã quá hạn; " in summary and "trong 0 ngày" not in summary and "sẽ đến hạn" not in summary
    md = tmp_path / "ql.md"
    assert run(runner, "overdue", *FILES, "--as-of", "2026-11-20", "-o", str(md)).exit_code == 0
    assert "| Đang xử lý |" in md.read_text(encoding="utf-8") and "| processing |" not in md.read_text(encoding="utf-8")
    data = json.loads(run(runner, "overdue", *FILES, "--as-of", "2026-11-20", "-f", "json").stdout)
    first = data["dossiers"][0]
    assert first["status"] == "processing" and first["status_label"] == "Đang xử lý"
