"""`report --compare previous|year` (issue 17): the other period of the same kind, its
figures beside each row and the total, the change in percentage points."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from motcua_cli.periods import Period, between, compared_period, parse_period

from .conftest import SAMPLE_DIR, run

FILES = [str(p) for p in sorted(SAMPLE_DIR.iterdir()) if p.is_file()]


@pytest.mark.parametrize(
    ("label", "kind", "cutoff", "start", "end"),
    [
        ("2026-Q3", "previous", None, date(2026, 4, 1), date(2026, 6, 30)),
        ("2026-Q1", "previous", None, date(2025, 10, 1), date(2025, 12, 31)),
        ("2026-Q3", "year", None, date(2025, 7, 1), date(2025, 9, 30)),
        ("2026-Q3", "year", 14, date(2025, 6, 15), date(2025, 9, 14)),  # the same cut-off day (NĐ 09/2019)
        ("2026-Q3", "previous", 14, date(2026, 3, 15), date(2026, 6, 14)),
        ("2026-01", "previous", None, date(2025, 12, 1), date(2025, 12, 31)),
        ("2026-H1", "previous", None, date(2025, 7, 1), date(2025, 12, 31)),
        ("2026", "previous", None, date(2025, 1, 1), date(2025, 12, 31)),
        ("2026-9M", "previous", None, date(2025, 1, 1), date(2025, 9, 30)),  # nine months: a year earlier
    ],
)
def test_the_compared_period(label: str, kind: str, cutoff: int | None, start: date, end: date) -> None:
    other = compared_period(parse_period(label, cutoff), kind, cutoff)
    assert (other.start, other.end) == (start, end)


def test_a_period_cut_short_is_compared_with_the_same_span() -> None:
    running = Period(date(2026, 10, 1), date(2026, 12, 2), "2026-Q4")  # the current quarter to date
    assert compared_period(running, "year") == Period(date(2025, 10, 1), date(2025, 12, 2), "2025-Q4")
    assert compared_period(running, "previous") == Period(date(2026, 7, 1), date(2026, 9, 1), "2026-Q3")
    span = between(date(2026, 1, 5), date(2026, 2, 10))
    assert (compared_period(span, "previous").start, compared_period(span, "previous").end) == (date(2025, 11, 29), date(2026, 1, 4))


def test_json_compare_equals_the_other_periods_own_report(runner: CliRunner) -> None:
    data = json.loads(run(runner, "report", *FILES, "--period", "2026-Q3", "--by", "unit", "--compare", "year", "-f", "json").stdout)
    then = json.loads(run(runner, "report", *FILES, "--period", "2025-Q3", "--by", "unit", "-f", "json").stdout)
    c = data["compare"]
    assert c["kind"] == "year" and c["period"] == {"start": "2025-07-01", "end": "2025-09-30", "label": "2025-Q3"}
    for key in ("received", "settled", "late", "pending_overdue", "timely_rate"):
        assert c["total"][key] == then["total"][key], key
    assert c["change"]["pending_overdue"] == data["total"]["pending_overdue"] - then["total"]["pending_overdue"]
    assert c["change"]["timely_rate"] == pytest.approx(100 * (data["total"]["timely_rate"] - then["total"]["timely_rate"]))
    by_unit = {r["unit"]: r for r in then["rows"]}
    assert len(c["rows"]) == len(data["rows"])
    for row, compared in zip(data["rows"], c["rows"], strict=True):
        assert compared["unit"] == row["unit"]
        assert compared["other"]["settled"] == by_unit[row["unit"]]["settled"]
    assert "rows" in data and "total" in data  # the contract's keys stay; compare is added


def _export(path: Path, rows: list[tuple[str, str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Mã hồ sơ", "Đơn vị", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái", "Kênh nộp"])
        for i, (unit, received, due, end, status) in enumerate(rows):
            w.writerow([f"HS-{i:03d}", unit, received, due, end, status, "Trực tiếp"])
    return path


def test_groups_in_one_period_only_are_shown_with_zeros(runner: CliRunner, tmp_path: Path) -> None:
    path = _export(
        tmp_path / "x.csv",
        [
            ("UBND xã Cũ", "02/07/2025 08:00", "09/07/2025 17:00", "08/07/2025 10:00", "Đã trả kết quả"),  # only last year
            ("UBND xã Cũ", "03/07/2025 08:00", "10/07/2025 17:00", "14/07/2025 10:00", "Đã trả kết quả"),
            ("UBND xã Mới", "02/07/2026 08:00", "09/07/2026 17:00", "08/07/2026 10:00", "Đã trả kết quả"),  # only this year
        ],
    )
    data = json.loads(run(runner, "report", str(path), "--period", "2026-Q3", "--by", "unit", "--compare", "year", "-f", "json").stdout)
    units = {r["unit"]: r for r in data["rows"]}
    assert set(units) == {"UBND xã Cũ", "UBND xã Mới"}
    assert units["UBND xã Cũ"]["received"] == 0 and units["UBND xã Cũ"]["timely_rate"] is None
    compared = {r["unit"]: r for r in data["compare"]["rows"]}
    assert compared["UBND xã Cũ"]["other"]["settled"] == 2 and compared["UBND xã Cũ"]["other"]["late"] == 1
    assert compared["UBND xã Mới"]["other"]["received"] == 0
    assert data["total"]["received"] == sum(r["received"] for r in data["rows"]) == 1


def test_the_change_in_every_output(runner: CliRunner, tmp_path: Path) -> None:
    args = [*FILES, "--period", "2026-Q3", "--by", "unit", "--compare", "previous"]
    table = run(runner, "report", *args).stdout
    assert "Δ % đúng hạn" in table and "Δ Quá hạn" in table
    assert "so với kỳ trước 2026-Q2 (01/04/2026 – 30/06/2026); ▲ tốt hơn, ▼ kém hơn" in table
    md = run(runner, "report", *args, "-f", "md").stdout
    assert "Thay đổi % trước và đúng hạn (điểm %)" in md and "▲" in md
    out = tmp_path / "c.xlsx"
    assert run(runner, "report", *args, "-o", str(out)).exit_code == 0
    ws = openpyxl.load_workbook(out)["BaoCao"]
    heads = [c.value for row in ws.iter_rows(max_row=20) for c in row if c.value]
    assert "% trước và đúng hạn kỳ so sánh" in heads and "Thay đổi số quá hạn đang GQ" in heads
    page = tmp_path / "c.html"
    assert run(runner, "report", *args, "-o", str(page)).exit_code == 0
    assert "so với kỳ trước 2026-Q2" in page.read_text(encoding="utf-8")
    assert run(runner, "report", *FILES, "--compare", "lastyear").exit_code == 2


def test_compare_keeps_top_months_and_says_when_the_other_period_is_not_in_the_data(runner: CliRunner) -> None:
    top = json.loads(
        run(
            runner,
            "report",
            *FILES,
            "--period",
            "2026-Q3",
            "--by",
            "unit",
            "--compare",
            "previous",
            "--top",
            "3",
            "--sort",
            "timely_rate",
            "-f",
            "json",
        ).stdout
    )
    assert len(top["rows"]) == 3 and all(r["received"] > 0 for r in top["rows"])  # no group put back with zeros
    months = json.loads(run(runner, "report", *FILES, "--period", "2026-Q3", "--by", "month", "--compare", "previous", "-f", "json").stdout)
    assert [r["month"] for r in months["rows"]] == ["2026-07", "2026-08", "2026-09"]
    april = json.loads(run(runner, "report", *FILES, "--period", "2026-04", "-f", "json").stdout)
    assert months["compare"]["rows"][0]["other"]["settled"] == april["total"]["settled"]  # July against April
    old = json.loads(run(runner, "report", *FILES, "--period", "2025-Q1", "--compare", "year", "-f", "json").stdout)
    assert any(n["kind"] == "compare_not_covered" for n in old["notes"])
    assert not any(n["kind"] == "compare_not_covered" for n in months["notes"])
