"""`motcua calendar` and `motcua explain` through the command line."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from .conftest import SAMPLE_DIR, run


def test_calendar_year_lists_swaps_and_holidays(runner: CliRunner) -> None:
    result = run(runner, "calendar", "2026", "--format", "json")
    assert result.exit_code == 0
    days = {d["date"]: d for d in json.loads(result.stdout)["days"]}
    assert days["2026-01-02"]["working"] is False and days["2026-01-02"]["source"] == "motcua"
    assert days["2026-01-10"]["working"] is True
    assert days["2026-11-24"]["name"] == "Ngày Văn hóa Việt Nam"
    table = run(runner, "calendar", "2026")
    assert "Làm việc" in table.stdout and "Tết" in table.stdout


def test_calendar_add_and_between(runner: CliRunner) -> None:
    due = json.loads(run(runner, "calendar", "add", "12/02/2026 09:00", "3", "--format", "json").stdout)
    assert due["due"] == "2026-02-24T09:00:00"
    text = run(runner, "calendar", "add", "2026-11-23", "1").stdout
    assert "25/11/2026" in text
    n = json.loads(run(runner, "calendar", "between", "28/08/2026", "03/09/2026", "--format", "json").stdout)
    assert n["working_days"] == 1


def test_calendar_bad_input(runner: CliRunner) -> None:
    assert run(runner, "calendar", "add", "31/02/2026", "3").exit_code == 2
    assert run(runner, "calendar", "add", "12/02/2026", "ba").exit_code == 2
    assert run(runner, "calendar", "1900").exit_code == 2
    result = run(runner, "calendar", "what")
    assert result.exit_code == 2 and "calendar" in result.stderr


def test_calendar_honours_config_days(runner: CliRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cfg = tmp_path / "motcua.toml"
    cfg.write_text('[calendar]\ndays_off = ["2026-12-31"]\nworking_days = ["2026-08-31"]\n', encoding="utf-8")
    n = json.loads(run(runner, "--config", str(cfg), "calendar", "between", "30/12/2026", "31/12/2026", "--format", "json").stdout)
    assert n["working_days"] == 0
    due = json.loads(run(runner, "--config", str(cfg), "calendar", "add", "28/08/2026 08:00", "1", "--format", "json").stdout)
    assert due["due"] == "2026-08-31T08:00:00"


def test_explain_shows_steps_and_other_policies(runner: CliRunner) -> None:
    path = str(SAMPLE_DIR / "so_nnmt_dongbo_utf8bom.csv")
    result = run(runner, "explain", path, "--id", "SNNMT-250225-0002", "--period", "2025-Q1", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"]["start"] == "2025-01-01" and data["policy"] == "form06"
    entry = data["entries"][0]
    assert entry["classification"]["outcome"] == "overdue" and entry["classification"]["working_days_late"] == 14
    assert entry["dossier"]["dossier_id"] == "SNNMT-250225-0002"
    text = run(runner, "explain", path, "--id", "SNNMT-250225-0002", "--period", "2025-Q1").stdout
    assert "Kết luận" in text and "quá hạn" in text


def test_explain_derived_due_date_is_spelled_out(runner: CliRunner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "a.csv"
    src.write_text(
        "Mã hồ sơ,Ngày nhận,Thời hạn giải quyết,Ngày có kết quả,Trạng thái\r\n"
        "H1,12/02/2026 09:00,3 ngày làm việc,24/02/2026 15:00,Đã xử lý xong\r\n",
        encoding="utf-8",
    )
    data = json.loads(run(runner, "explain", str(src), "--id", "H1", "--period", "2026-Q1", "--format", "json").stdout)
    entry = data["entries"][0]
    assert entry["classification"]["due_eff"] == "24/02/2026 09:00"
    assert any("+ 3 ngày làm việc = 24/02/2026 09:00" in s["vi"] for s in entry["steps"])
    assert entry["classification"]["outcome"] == "on_time"
    assert entry["other_policies"]["datetime"]["outcome"] == "late"  # 15:00 is after 09:00


def test_explain_bad_input(runner: CliRunner) -> None:
    path = str(SAMPLE_DIR / "so_nnmt_dongbo_utf8bom.csv")
    assert run(runner, "explain", path, "--id", "KHONG-CO", "--period", "2025-Q1").exit_code == 2
    assert run(runner, "explain", path, "--id", "X", "--period", "2025-Q5").exit_code == 2
    assert run(runner, "explain", path, "--id", "X", "--from", "2025-03-01", "--to", "2025-01-01").exit_code == 2
    assert run(runner, "explain", path, "--id", "X", "--policy", "khac").exit_code == 2
