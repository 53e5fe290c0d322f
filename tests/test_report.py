"""`motcua report`: JSON contract, identities, ground truth, every format, bad input."""

from __future__ import annotations

import io
import json
import os
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from typer.testing import CliRunner

from motcua_cli.periods import parse_period

from .conftest import ROOT, SAMPLE_DIR, run

sys.path.insert(0, str(ROOT / "scripts"))
from make_sample_data import add_working_days

FILES = [str(p) for p in sorted(SAMPLE_DIR.iterdir()) if p.is_file()]
COUNT_KEYS = [
    "received",
    "received_new",
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
    "paused",
    "withdrawn",
    "refused",
]


def check_identities(row: dict) -> None:
    assert row["received"] == row["received_new"] + row["carried_over"]
    assert row["received_new"] == row["received_online"] + row["received_offline"]
    assert row["settled"] == row["early"] + row["on_time"] + row["late"]
    assert row["pending"] == row["pending_in_time"] + row["pending_overdue"]
    assert row["received"] == row["settled"] + row["pending"]
    if row["settled"]:
        assert row["timely_rate"] == pytest.approx((row["early"] + row["on_time"]) / row["settled"])
    else:
        assert row["timely_rate"] is None


def reference_totals(truth: pl.DataFrame, start: date, end: date, policy: str) -> dict[str, int]:
    """A plain, row-by-row reading of DOMAIN.md 3.1 and 3.6 over the generator's truth."""
    n = dict.fromkeys(
        ["received_new", "carried_over", "settled", "early", "on_time", "late", "pending", "pending_in_time", "pending_overdue"], 0
    )
    s, cut = datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())
    for r in truth.iter_rows(named=True):
        if r["status"] == "not_accepted":
            continue
        received = datetime.fromisoformat(r["received_at"])
        end_at = r["finished_at"] or r["returned_at"]
        end_at = datetime.fromisoformat(end_at) if end_at else None
        due = datetime.fromisoformat(r["due_at"]) if r["due_at"] else add_working_days(received, int(r["duration_days"]))
        date_only = due.time() == time()
        due_ts = due + timedelta(days=1) - timedelta(microseconds=1) if date_only else due
        if s <= received < cut:
            n["received_new"] += 1
        elif received < s and (end_at is None or end_at >= s):
            n["carried_over"] += 1
        else:
            continue
        if end_at is not None and end_at < cut:
            n["settled"] += 1
            if end_at.date() < due.date():
                n["early"] += 1
            elif policy == "form06":
                n["on_time" if end_at.date() == due.date() else "late"] += 1
            else:
                n["late" if end_at > due_ts else "on_time"] += 1
        else:
            n["pending"] += 1
            # Waiting for the citizen: a supplement or a financial obligation (DOMAIN.md 3.4).
            paused = r["status"] in ("supplement_requested", "financial_obligation") or (
                r["supplement_requested_at"] and not r["supplement_received_at"]
            )
            if policy == "form06":
                overdue = due.date() < end
            else:
                overdue = due_ts < cut
            n["pending_overdue" if overdue and not paused else "pending_in_time"] += 1
    return n


def report_json(runner: CliRunner, *args: str) -> dict:
    result = run(runner, "report", *FILES, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("policy", ["form06", "datetime"])
@pytest.mark.parametrize(("period", "cutoff"), [("2026-Q3", None), ("2025", None), ("2026-Q3", 14), ("2026-H1", 14), ("2025-02", None)])
def test_json_reconciles_with_ground_truth(runner: CliRunner, truth: pl.DataFrame, policy: str, period: str, cutoff: int | None) -> None:
    args = ["--period", period, "--policy", policy, "--by", "field"] + (["--cutoff-day", str(cutoff)] if cutoff else [])
    data = report_json(runner, *args)
    p = parse_period(period, cutoff)
    assert data["period"] == {"start": p.start.isoformat(), "end": p.end.isoformat(), "label": p.label}
    assert data["policy"] == policy and data["group_by"] == ["field"]
    assert data["as_of"] == p.end.isoformat()
    total = data["total"]
    check_identities(total)
    for row in data["rows"]:
        check_identities(row)
    for key in COUNT_KEYS:
        assert sum(r[key] for r in data["rows"]) == total[key], key
    want = reference_totals(truth, p.start, p.end, policy)
    got = {k: total[k] for k in want}
    assert got == want
    assert total["received"] > 0 and total["settled"] > 0
    assert sum(f["kept"] for f in data["inputs"]) == 4999


def test_qd766_identities_and_two_classes(runner: CliRunner) -> None:
    data = report_json(runner, "--period", "2026-Q3", "--policy", "qd766", "--by", "unit", "--by", "field")
    check_identities(data["total"])
    assert data["total"]["early"] == 0
    for row in data["rows"]:
        check_identities(row)
        assert set(row) >= {"unit", "field", "progress_score"}
    score = data["total"]["progress_score"]
    t = data["total"]
    assert score == pytest.approx(20 * (t["early"] + t["on_time"] + t["pending_in_time"]) / (t["settled"] + t["pending"]))


def test_by_month_rows_are_months_each_reconciling(runner: CliRunner) -> None:
    data = report_json(runner, "--period", "2026-Q3", "--by", "month")
    assert [r["month"] for r in data["rows"]] == ["2026-07", "2026-08", "2026-09"]
    for row in data["rows"]:
        check_identities(row)
    # What is pending at the end of a month is carried into the next.
    assert data["rows"][1]["carried_over"] == data["rows"][0]["pending"]
    assert data["rows"][0]["carried_over"] == data["total"]["carried_over"]


@pytest.mark.parametrize("key", ["field", "unit", "procedure", "channel", "level"])
def test_groups_split_the_total(runner: CliRunner, key: str) -> None:
    """Every dossier in scope is in exactly one group: each count of the rows sums to the total's."""
    data = report_json(runner, "--period", "2026-Q3", "--by", key)
    assert len(data["rows"]) >= 2 and len({r[key] for r in data["rows"]}) == len(data["rows"])
    for name in COUNT_KEYS:
        assert sum(r[name] for r in data["rows"]) == data["total"][name], name
    for row in data["rows"]:
        check_identities(row)


def test_group_names_merge_spellings(runner: CliRunner) -> None:
    fields = [r["field"] for r in report_json(runner, "--period", "2026", "--by", "field")["rows"]]
    assert "Chứng thực" in fields and "Chung thuc" not in fields and len(fields) == len(set(fields))


def test_filters_sort_and_top(runner: CliRunner) -> None:
    all_units = report_json(runner, "--period", "2026-Q3", "--by", "unit")
    one = report_json(runner, "--period", "2026-Q3", "--unit", "so tu phap")
    want = next(r for r in all_units["rows"] if r["unit"] == "Sở Tư pháp")
    assert one["total"]["received"] == want["received"] and one["filters"] == {"unit": ["so tu phap"]}
    online = report_json(runner, "--period", "2026-Q3", "--channel", "trực tuyến")
    assert online["total"]["received_new"] == online["total"]["received_online"] == all_units["total"]["received_online"]
    worst = report_json(runner, "--period", "2026-Q3", "--by", "unit", "--sort", "timely_rate", "--top", "2")
    rates = sorted(r["timely_rate"] for r in all_units["rows"] if r["timely_rate"] is not None)
    assert [r["timely_rate"] for r in worst["rows"]] == rates[:2]
    busiest = report_json(runner, "--period", "2026-Q3", "--by", "unit", "--sort", "received", "--top", "1")
    assert busiest["rows"][0]["received"] == max(r["received"] for r in all_units["rows"])


def test_csv_md_json_files_and_period_in_name(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "bc_{period}.csv"
    result = run(runner, "report", *FILES, "--period", "2026-Q3", "--by", "field", "--output", str(out))
    assert result.exit_code == 0, result.output
    path = tmp_path / "bc_2026-Q3.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pl.read_csv(io.BytesIO(raw))
    rows = frame.to_dicts()
    assert rows[-1]["field"] == "Tổng cộng"
    for row in rows:
        check_identities(row)
    md = tmp_path / "bc.md"
    run(runner, "report", *FILES, "--period", "2026-Q3", "--by", "field", "-o", str(md))
    text = md.read_text(encoding="utf-8")
    assert "| Lĩnh vực |" in text and "Tổng cộng" in text and "2026-Q3" in text
    js = tmp_path / "bc.json"
    run(runner, "report", *FILES, "--period", "2026-Q3", "-o", str(js))
    assert json.loads(js.read_text(encoding="utf-8"))["period"]["label"] == "2026-Q3"
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary file
    mask = os.umask(0)
    os.umask(mask)
    assert js.stat().st_mode & 0o777 == 0o666 & ~mask  # the usual permissions, not private


def test_xlsx_workbook_values_chart_and_settings(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "bc.xlsx"
    result = run(runner, "report", *FILES, "--period", "2026-Q3", "--by", "field", "-o", str(out))
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    ws = wb["BaoCao"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    header_row = next(i for i, r in enumerate(values) if r[0] == "Lĩnh vực")
    head = values[header_row]
    rows = [dict(zip(head, r, strict=False)) for r in values[header_row + 1 :] if r[0]]
    assert rows[-1]["Lĩnh vực"] == "Tổng cộng"
    for r in rows:
        assert r["Tổng số nhận"] == r["Nhận trong kỳ"] + r["Từ kỳ trước"] == r["Đã giải quyết"] + r["Đang giải quyết"]
        assert not isinstance(r["Tổng số nhận"], str)  # literal numbers, not text or formulas
    assert "BieuDo" in wb.sheetnames and wb["BieuDo"]._charts, "a native chart of the rate per group, on its own sheet"
    settings = {r[0].value: r[1].value for r in wb["ThietLap"].iter_rows(min_row=2)}
    assert settings["Chính sách"].startswith("form06") and "2026-07-01" in settings["Kỳ"]
    # Print-ready (issue 17): A4 landscape, one page wide, the heading repeated, the
    # settings and the chart's data hidden (never printed with the table).
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert (
        (ws.page_setup.fitToWidth or 1) == 1 and ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    )  # 1 is the default, left out
    assert ws.print_title_rows == f"${header_row + 1}:${header_row + 1}"
    assert ws.freeze_panes is not None and "&P/&N" in ws.oddFooter.center.text
    assert wb["ThietLap"].sheet_state == "hidden" and wb["DuLieuBieuDo"].sheet_state == "hidden"
    shown = [v for v in values[header_row] if v]
    assert shown[:3] == ["Lĩnh vực", "Tổng số nhận", "Từ kỳ trước"]  # the form's columns first, the printed ones


def test_table_output_names_scope(runner: CliRunner) -> None:
    result = run(runner, "report", *FILES, "--period", "2026-Q3", "--by", "field")
    assert result.exit_code == 0
    for words in ("01/07/2026", "30/09/2026", "form06", "Tổng cộng", "Lịch", "6 tệp"):
        assert words in result.stdout
    en = run(runner, "--lang", "en", "report", *FILES, "--period", "2026-Q3")
    assert "Total" in en.stdout and "Period" in en.stdout


def test_fail_under_exits_5_after_writing(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = run(runner, "report", *FILES, "--period", "2026-Q3", "-o", str(out), "--fail-under", "99")
    assert result.exit_code == 5 and out.exists()
    assert "99%" in result.stderr
    assert run(runner, "report", *FILES, "--period", "2026-Q3", "-f", "json", "--fail-under", "50").exit_code == 0
    each = run(runner, "report", *FILES, "--period", "2026-Q3", "--by", "unit", "-f", "json", "--fail-under", "90", "--fail-under-each")
    assert each.exit_code == 5 and "UBND xã Tân Phú" in each.stderr


def test_formula_text_stays_inert_in_csv_and_xlsx(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text(
        "Mã hồ sơ,Tên thủ tục,Ngày nhận,Ngày hẹn trả,Ngày có kết quả\r\n"
        'H1,"=HYPERLINK(""http://x"",""y"")",01/07/2026 08:00,03/07/2026 08:00,02/07/2026 09:00\r\n',
        encoding="utf-8",
    )
    csv_out, xlsx_out = tmp_path / "r.csv", tmp_path / "r.xlsx"
    for out in (csv_out, xlsx_out):
        assert run(runner, "report", str(src), "--period", "2026-Q3", "--by", "procedure", "-o", str(out)).exit_code == 0
    assert pl.read_csv(csv_out)["procedure"][0] == '\'=HYPERLINK("http://x","y")'
    cell = next(c for row in openpyxl.load_workbook(xlsx_out)["BaoCao"].iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value))
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--period", "2026-Q5"], "2026-Q5"),
        (["--from", "2026-09-30", "--to", "2026-07-01"], "--from"),
        (["--by", "unit", "--period", "2026-Q3"], "--by unit"),  # the HTML export has no unit column
        (["--by", "nothing"], "--by"),
        (["--sort", "bogus", "--by", "field"], "--sort"),
        (["--format", "pdf"], "--format"),
        (["--channel", "fax"], "--channel"),
    ],
)
def test_bad_options_exit_2(runner: CliRunner, args: list[str], words: str) -> None:
    result = run(runner, "report", str(SAMPLE_DIR / "phuong_hoa_binh.xls"), *args)
    assert result.exit_code == 2, result.output
    assert words in result.stderr and "Traceback" not in result.stderr


def test_unwritable_output_and_no_files(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "report", *FILES, "--period", "2026-Q3", "-o", str(tmp_path / "khong_co" / "r.csv"))
    assert result.exit_code == 2 and "khong_co" in result.stderr
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run(runner, "report", *FILES, "--period", "2026-Q3", "-o", str(locked / "r.csv"))
        import os

        if os.geteuid() != 0:  # root may write anywhere
            assert result.exit_code == 2
    finally:
        locked.chmod(0o700)
    result = run(runner, "report")
    assert result.exit_code == 2 and "sample_data" in result.stderr
    assert run(runner, "report", str(tmp_path / "none.csv")).exit_code == 3


def test_outputs_people_ask_for(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 18, in part: an extension the command cannot write is exit 2 naming the
    ones it can; .txt is the table; a templated output's folders are made; --fail-under
    takes 95%, 95,5; --sort takes the table's own words; dates as data files write them."""
    for name in ("x.pdf", "x.xls", "x.docx", "x"):
        result = run(runner, "report", *FILES, "--period", "2026-Q3", "-o", str(tmp_path / name))
        assert result.exit_code == 2 and ".xlsx" in result.stderr and not (tmp_path / name).exists(), name
    for name in ("y.pdf", "y.html"):  # the report writes .html (issue 17); the watch list does not
        assert run(runner, "overdue", *FILES, "-o", str(tmp_path / name)).exit_code == 2 and not (tmp_path / name).exists()
    txt = tmp_path / "bc.txt"
    assert run(runner, "report", *FILES, "--period", "2026-Q3", "-o", str(txt)).exit_code == 0
    assert "Tổng cộng" in txt.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    made = run(runner, "report", *FILES, "--period", "2026-Q3", "-o", "reports/{period}/bc.json")
    assert made.exit_code == 0 and (tmp_path / "reports" / "2026-Q3" / "bc.json").exists()
    assert run(runner, "report", *FILES, "--period", "2026-Q3", "--fail-under", "95%").exit_code == 5
    assert run(runner, "report", *FILES, "--period", "2026-Q3", "--fail-under", "90,5").exit_code == 0
    assert run(runner, "report", *FILES, "--period", "2026-Q3", "--fail-under", "chín lăm").exit_code == 2
    by_words = json.loads(
        run(runner, "report", *FILES, "--period", "2026-Q3", "--by", "field", "--sort", "% đúng hạn", "-f", "json").stdout
    )
    by_key = json.loads(run(runner, "report", *FILES, "--period", "2026-Q3", "--by", "field", "--sort", "timely_rate", "-f", "json").stdout)
    assert by_words["rows"] == by_key["rows"]
    slashed = json.loads(run(runner, "report", *FILES, "--from", "2026/07/01", "--to", "2026/09/30", "-f", "json").stdout)
    assert slashed["period"]["start"] == "2026-07-01" and slashed["period"]["end"] == "2026-09-30"


def test_one_meaning_per_word_late_and_overdue(runner: CliRunner, tmp_path: Path) -> None:
    """Settled late is "Trễ hạn", pending overdue "Quá hạn", in every renderer (issue 18)."""
    from motcua_cli.folding import fold_key
    from motcua_cli.messages import LABELS

    for key in ("col_late", "short_late", "o_late", "col_late_rate"):
        assert "qua han" not in fold_key(LABELS[key][0]), key
    for key in ("col_pending_overdue", "short_pending_overdue", "o_overdue"):
        assert "tre" not in fold_key(LABELS[key][0]).split(), key
    md = run(runner, "report", *FILES, "--period", "2026-Q3", "--by", "field", "-f", "md").stdout
    head = next(line for line in md.splitlines() if line.startswith("| Lĩnh vực"))
    assert "| Trễ hạn |" in head and "| Quá hạn (đang GQ) |" in head and "| Quá hạn |" not in head
    out = tmp_path / "bc.xlsx"
    run(runner, "report", *FILES, "--period", "2026-Q3", "--by", "field", "-o", str(out))
    cells = {c.value for row in openpyxl.load_workbook(out)["BaoCao"].iter_rows() for c in row}
    assert {"Trễ hạn", "Quá hạn (đang GQ)"} <= cells and "Quá hạn" not in cells
