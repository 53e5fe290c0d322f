"""`motcua form`: Biểu II.06a read back, identities checked, print set-up."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from .conftest import SAMPLE_DIR, run

FILES = [str(p) for p in sorted(SAMPLE_DIR.iterdir()) if p.is_file()]


def read_form(path: Path) -> tuple[openpyxl.worksheet.worksheet.Worksheet, list[list]]:
    ws = openpyxl.load_workbook(path)["Bieu II.06a"]
    return ws, [[c.value for c in row] for row in ws.iter_rows()]


def body(values: list[list]) -> list[list]:
    numbers_row = next(i for i, r in enumerate(values) if r[2] == "(1)")
    assert list(values[numbers_row][2:13]) == [f"({i})" for i in range(1, 12)]
    out = []
    for r in values[numbers_row + 1 :]:
        if r[1] is None or not isinstance(r[2], int):
            break
        out.append(r)
    return out


def check(r: list) -> None:
    c = r[2:13]
    assert c[0] == c[1] + c[2] + c[3]  # (1) = (2) + (3) + (4)
    assert c[4] == c[5] + c[6] + c[7]  # (5) = (6) + (7) + (8)
    assert c[8] == c[9] + c[10]  # (9) = (10) + (11)
    assert c[0] == c[4] + c[8]  # (1) = (5) + (9)


@pytest.mark.parametrize("policy", ["form06", "qd766"])
def test_form_by_field_identities_and_total_match_report(runner: CliRunner, tmp_path: Path, policy: str) -> None:
    out = tmp_path / "bieu_{period}.xlsx"
    result = run(runner, "form", *FILES, "--period", "2026-Q3", "--cutoff-day", "14", "--policy", policy, "-o", str(out))
    assert result.exit_code == 0, result.output
    ws, values = read_form(tmp_path / "bieu_2026-Q3.xlsx")
    flat = [v for row in values for v in row if isinstance(v, str)]
    assert "Biểu số II.06a/VPCP/KSTT" in flat
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC" in flat
    assert "(Từ ngày 15/06/2026 đến ngày 14/09/2026)" in flat and "Kỳ báo cáo: Quý III/2026" in flat
    assert "Đơn vị tính: Số hồ sơ TTHC" in flat and "THỦ TRƯỞNG ĐƠN VỊ" in flat and "NGƯỜI LẬP BIỂU" in flat
    rows = body(values)
    *fields, total = rows
    assert total[1] == "Tổng số" and len(fields) >= 8
    for r in rows:
        check(r)
    for j in range(2, 13):
        assert total[j] == sum(r[j] for r in fields)
    report = json.loads(run(runner, "report", *FILES, "--period", "2026-Q3", "--cutoff-day", "14", "--policy", policy, "-f", "json").stdout)
    assert total[2:13] == [
        report["total"][k]
        for k in [
            "received",
            "received_online",
            "received_offline",
            "carried_over",
            "settled",
            "early",
            "on_time",
            "late",
            "pending",
            "pending_in_time",
            "pending_overdue",
        ]
    ]
    # Print-ready: A4 landscape, one page wide, header rows repeated.
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize in (9, "9")
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (1, None)
    assert ws.print_title_rows.replace("$", "") == "6:9"
    assert any(str(m) == "C6:F6" for m in ws.merged_cells.ranges)


def test_form_grouped_by_level(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "b.xlsx"
    assert run(runner, "form", *FILES, "--period", "2026-Q3", "--by", "level", "--by", "unit", "-o", str(out)).exit_code == 0
    _, values = read_form(out)
    rows = body(values)
    total = rows[-1]
    levels = [r for r in rows[:-1] if r[0] in ("I", "II", "III")]
    assert len(levels) >= 2
    for r in rows:
        check(r)
    for j in range(2, 13):
        assert total[j] == sum(r[j] for r in levels)
    assert values[[r[0] for r in values].index("I")][1] in ("Cấp tỉnh", "Cấp xã", "(không rõ cấp)")


def test_form_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    assert run(runner, "form", *FILES, "--period", "2026-Q3", "-o", str(tmp_path / "b.csv")).exit_code == 2
    assert run(runner, "form", *FILES, "--period", "2026-Q3", "--by", "month", "-o", str(tmp_path / "b.xlsx")).exit_code == 2
    assert run(runner, "form", *FILES, "--period", "Q9", "-o", str(tmp_path / "b.xlsx")).exit_code == 2
    assert run(runner, "form", *FILES, "--period", "2026-Q3", "-o", str(tmp_path / "x" / "b.xlsx")).exit_code == 2
    assert run(runner, "form").exit_code == 2


def test_the_form_prints_on_its_own_pages(runner: CliRunner, tmp_path: Path) -> None:
    """Issue 17: the settings sheet is kept but hidden, so it is never printed with the
    form and the footer counts the form's own pages ("Trang 1/1")."""
    out = tmp_path / "bieu.xlsx"
    assert run(runner, "form", *FILES, "--period", "2026-Q3", "-o", str(out)).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb["Thiet lap"].sheet_state == "hidden"
    assert wb["Bieu II.06a"].sheet_state == "visible" and "&P/&N" in wb["Bieu II.06a"].oddFooter.center.text


def test_a_group_not_known_is_explained_under_the_table(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "bieu.xlsx"
    assert run(runner, "form", *FILES, "--period", "2026-Q3", "--by", "unit", "-o", str(out)).exit_code == 0
    _, values = read_form(out)
    names = [r[1] for r in body(values)]
    assert "(không rõ)" in names
    lines = [r[0] for r in values if isinstance(r[0], str) and r[0].startswith("(không rõ):")]
    assert lines and "không ghi đơn vị" in lines[0] and "Luu y" in lines[0]
