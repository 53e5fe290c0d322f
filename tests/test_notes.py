"""Notes next to the numbers (notes.py): each kind planted in an export and asserted in
the table, JSON and xlsx outputs; --strict exits 6; the form refuses without due
dates; config typos; the informational counts are subsets."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from . import systems
from .conftest import run
from .test_report import check_identities

HEAD = ["Mã hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái", "Hình thức nộp", "Lĩnh vực", "Cơ quan xử lý"]


def rows(n: int = 12) -> list[list[str]]:
    """n dossiers received in July 2026: half settled (some late), half pending."""
    out = []
    for i in range(n):
        day = 1 + i % 20
        due = f"{min(day + 7, 31):02d}/07/2026 08:00"
        end = f"{min(day + (10 if i % 4 == 0 else 2), 31):02d}/07/2026 10:00" if i % 2 == 0 else ""
        status = "Đã trả kết quả" if end else "Đang xử lý"
        out.append([f"X-{i}", f"{day:02d}/07/2026 08:00", due, end, status, "Trực tuyến" if i % 3 else "Trực tiếp", "Hộ tịch", "UBND xã A"])
    return out


def write(path: Path, head: list[str], body: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(head)
        w.writerows(body)
    return path


def report(runner: CliRunner, path: Path, *extra: str) -> tuple[int, dict]:
    result = run(runner, "report", str(path), "--period", "2026-Q3", "-f", "json", *extra)
    return result.exit_code, json.loads(result.stdout) if result.exit_code == 0 else {}


def kinds(data: dict) -> dict[str, dict]:
    return {n["kind"]: n for n in data["notes"]}


def everywhere(runner: CliRunner, path: Path, tmp: Path, kind: str, text: str) -> None:
    """The note is in the JSON, the terminal table and the xlsx Notes sheet, and
    --strict refuses when it is a strict kind."""
    code, data = report(runner, path)
    assert code == 0 and kind in kinds(data)
    table = run(runner, "report", str(path), "--period", "2026-Q3")
    assert table.exit_code == 0 and text in " ".join(table.stdout.split())
    out = tmp / "bc.xlsx"
    assert run(runner, "report", str(path), "--period", "2026-Q3", "-o", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out)["LuuY"]
    assert kind in [c.value for c in sheet["A"]]


def test_clean_file_has_no_notes(runner: CliRunner, tmp_path: Path) -> None:
    code, data = report(runner, write(tmp_path / "ok.csv", HEAD, rows()))
    assert code == 0 and data["notes"] == [] and data["config"] is None
    strict = run(runner, "report", str(tmp_path / "ok.csv"), "--period", "2026-Q3", "--strict")
    assert strict.exit_code == 0


def test_missing_due_column_warns_first_refuses_form_and_strict(runner: CliRunner, tmp_path: Path) -> None:
    head = [h for h in HEAD if h != "Ngày hẹn trả"] + ["Ghi nhận"]
    body = [[c for j, c in enumerate(r) if j != 2] + ["ok"] for r in rows()]
    path = write(tmp_path / "no_due.csv", head, body)
    _, data = report(runner, path)
    note = kinds(data)["missing_field"]
    assert note["values"] == {"due_at": 12} and note["count"] == 12 and "late" in note["affects"]
    assert "no_due_date" in kinds(data)
    # "0 late" is not a fact: said in the first lines, and the late number is marked.
    table = run(runner, "report", str(path), "--period", "2026-Q3").stdout.splitlines()
    assert any("CẢNH BÁO" in line and "ngày hẹn trả" in line for line in table[:8])
    assert any("Tổng cộng" in line and "0*" in line for line in table)
    everywhere(runner, path, tmp_path, "missing_field", "Không tìm thấy cột ngày hẹn trả")
    out = tmp_path / "x.json"
    strict = run(runner, "report", str(path), "--period", "2026-Q3", "--strict", "-o", str(out))
    assert strict.exit_code == 6 and not out.exists()
    form = tmp_path / "bieu.xlsx"
    refused = run(runner, "form", str(path), "--period", "2026-Q3", "-o", str(form))
    assert refused.exit_code == 6 and not form.exists() and "--force" in refused.stderr
    forced = run(runner, "form", str(path), "--period", "2026-Q3", "-o", str(form), "--force")
    assert forced.exit_code == 0 and "Luu y" in openpyxl.load_workbook(form).sheetnames


def test_no_end_column_is_said_once(runner: CliRunner, tmp_path: Path) -> None:
    head = [h for h in HEAD if h != "Ngày có kết quả"]
    path = write(tmp_path / "no_end.csv", head, [[c for j, c in enumerate(r) if j != 3] for r in rows()])
    _, data = report(runner, path)
    missing = [n for n in data["notes"] if n["kind"] == "missing_field"]
    assert [n["values"] for n in missing] == [{"finished_at": 12}] and data["total"]["settled"] == 0


def test_unknown_status_listed_with_its_config_line(runner: CliRunner, tmp_path: Path) -> None:
    body = rows()
    for r in body[1:6:2]:  # three pending dossiers
        r[4] = "XLTT-07"
    path = write(tmp_path / "st.csv", HEAD, body)
    _, data = report(runner, path)
    note = kinds(data)["unknown_status"]
    assert (note["count"], note["values"]) == (3, {"XLTT-07": 3})
    assert '[status] "XLTT-07"' in note["hint"]
    everywhere(runner, path, tmp_path, "unknown_status", "'XLTT-07' ×3")
    assert run(runner, "report", str(path), "--period", "2026-Q3", "--strict").exit_code == 6
    config = tmp_path / "motcua.toml"
    config.write_text('[status]\n"XLTT-07" = "supplement_requested"\n', encoding="utf-8")
    fixed = run(runner, "--config", str(config), "report", str(path), "--period", "2026-Q3", "-f", "json")
    data = json.loads(fixed.stdout)
    assert "unknown_status" not in kinds(data) and data["total"]["paused"] == 3 and data["config"] == str(config)


def test_guessed_status_is_counted_and_said(runner: CliRunner, tmp_path: Path) -> None:
    body = rows()
    body[1][4] = "Đang chờ tổ chức bổ sung giấy tờ"
    _, data = report(runner, write(tmp_path / "g.csv", HEAD, body))
    note = kinds(data)["status_guessed"]
    assert note["values"] == {"Đang chờ tổ chức bổ sung giấy tờ": 1} and data["total"]["paused"] == 1


def test_unknown_channel(runner: CliRunner, tmp_path: Path) -> None:
    body = rows()
    body[0][5] = "Fax"
    body[2][5] = "Fax"
    path = write(tmp_path / "ch.csv", HEAD, body)
    _, data = report(runner, path)
    assert kinds(data)["unknown_channel"]["values"] == {"Fax": 2}
    everywhere(runner, path, tmp_path, "unknown_channel", "'Fax' ×2")
    assert run(runner, "report", str(path), "--period", "2026-Q3", "--strict").exit_code == 6


def test_due_column_found_by_content_and_by_header_words(runner: CliRunner, tmp_path: Path) -> None:
    _, plain = report(runner, write(tmp_path / "plain.csv", HEAD, rows()))
    for header, kind in (("Cam kết", "mapped_by_content"), ("Ngày hẹn trả KQ cho dân", "mapped_by_words")):
        path = write(tmp_path / f"{kind}.csv", [header if h == "Ngày hẹn trả" else h for h in HEAD], rows())
        _, data = report(runner, path)
        assert data["total"] == plain["total"], kind
        note = kinds(data)[kind]
        assert f'[columns] "{header}" = "due_at"' in note["hint"]
        everywhere(runner, path, tmp_path, kind, header)


def test_flagged_rows_and_rejects(runner: CliRunner, tmp_path: Path) -> None:
    body = rows()
    body[0][2] = ""  # no due date, no duration
    body[2][3] = "30/06/2026 10:00"  # ends before its receipt (02/07)
    body[4][2] = "01/07/2026 08:00"  # due before its receipt (05/07)
    body[5][1] = "31/02/2026 08:00"  # not a date: rejected
    path = write(tmp_path / "flags.csv", HEAD, body)
    _, data = report(runner, path)
    k = kinds(data)
    assert k["no_due_date"]["count"] == 1 and k["end_before_received"]["count"] == 1 and k["due_before_received"]["count"] == 1
    assert k["rows_rejected"]["count"] == 1 and k["rows_rejected"]["values"] == {"bad_date": 1}
    for kind, text in (("no_due_date", "không có ngày hẹn trả"), ("end_before_received", "trước ngày tiếp nhận")):
        everywhere(runner, path, tmp_path, kind, text)


def test_markdown_and_csv_carry_the_notes(runner: CliRunner, tmp_path: Path) -> None:
    body = rows()
    body[1][4] = "XLTT-07"
    path = write(tmp_path / "m.csv", HEAD, body)
    md = tmp_path / "bc.md"
    assert run(runner, "report", str(path), "--period", "2026-Q3", "-o", str(md)).exit_code == 0
    assert "XLTT-07" in md.read_text(encoding="utf-8").split("## Lưu ý")[1]
    out = tmp_path / "bc.csv"
    assert run(runner, "report", str(path), "--period", "2026-Q3", "-o", str(out)).exit_code == 0
    assert "unknown_status" in (tmp_path / "bc.notes.csv").read_text(encoding="utf-8-sig")


def test_filter_naming_nothing_and_empty_period(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "f.csv", HEAD, rows())
    wrong = run(runner, "report", str(path), "--period", "2026-Q3", "--unit", "UBND xa B")
    assert wrong.exit_code == 2 and "UBND xã A" in wrong.stderr
    empty = run(runner, "report", str(path), "--period", "2025-Q1")
    assert empty.exit_code == 2 and "Không có hồ sơ nào trong kỳ" in empty.stderr and "01/07/2026" in empty.stderr


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ("[report]\ncutoff_dy = 14\n", "'cutoff_day'"),
        ("[reprot]\ncutoff_day = 14\n", "'[report]'"),
        ('[status]\n"X" = "procesing"\n', "'processing'"),
        ("[policy]\nnmae = 'form06'\n", "'name'"),
        ("[sources.a]\nfile = ['*.csv']\n", "'files'"),
    ],
)
def test_config_typos_name_the_nearest_key(runner: CliRunner, tmp_path: Path, toml: str, says: str) -> None:
    config = tmp_path / "motcua.toml"
    config.write_text(toml, encoding="utf-8")
    result = run(runner, "--config", str(config), "report", str(write(tmp_path / "a.csv", HEAD, rows())))
    assert result.exit_code == 2 and says in result.stderr


# Received 03/08, due 12/08, withdrawn 05/10: pending at the end of Q3.
W1_WITHDRAWN_IN_OCTOBER = [
    "W-1",
    "03/08/2026 08:00",
    "12/08/2026 08:00",
    "05/10/2026 09:00",
    "Công dân yêu cầu rút hồ sơ",
    "Trực tiếp",
    "Hộ tịch",
    "UBND xã A",
]


def test_withdrawn_after_the_period_is_pending_in_it(runner: CliRunner, tmp_path: Path) -> None:
    body = [W1_WITHDRAWN_IN_OCTOBER]
    path = write(tmp_path / "w.csv", HEAD, body)
    q3 = json.loads(run(runner, "report", str(path), "--period", "2026-Q3", "-f", "json").stdout)["total"]
    assert (q3["pending"], q3["settled"], q3["withdrawn"]) == (1, 0, 0)
    q4 = json.loads(run(runner, "report", str(path), "--period", "2026-Q4", "-f", "json").stdout)["total"]
    assert (q4["carried_over"], q4["settled"], q4["withdrawn"]) == (1, 1, 1)


@pytest.mark.parametrize("policy", ["form06", "datetime", "qd766"])
@pytest.mark.parametrize(("period", "cutoff"), [("2026-Q3", None), ("2026-08", None), ("2026-H2", None), ("2026", 14), ("2026-Q3", 14)])
def test_informational_counts_are_subsets(runner: CliRunner, tmp_path: Path, policy: str, period: str, cutoff: int | None) -> None:
    path = systems.write_opencps(systems.truth(seed=7, n=300), tmp_path / "o.csv")
    args = ["--policy", policy, "--by", "field"] + (["--cutoff-day", str(cutoff)] if cutoff else [])
    result = run(runner, "report", str(path), "--period", period, "-f", "json", *args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for row in [*data["rows"], data["total"]]:
        check_identities(row)
        assert row["paused"] <= row["pending"]
        assert row["withdrawn"] + row["refused"] <= row["settled"]
    assert data["total"]["withdrawn"] > 0 and data["total"]["paused"] > 0


def test_ingest_strict_refuses_a_file_it_does_not_understand(runner: CliRunner, tmp_path: Path) -> None:
    body = rows()
    body[1][4] = "XLTT-07"
    path = write(tmp_path / "s.csv", HEAD, body)
    refused = run(runner, "ingest", "--strict", str(path))
    assert refused.exit_code == 6 and "XLTT-07" in refused.stderr
    assert run(runner, "store", "info", "--format", "json").exit_code == 0
    assert json.loads(run(runner, "store", "info", "--format", "json").stdout)["dossiers"] == 0
    done = run(runner, "ingest", str(path), "--format", "json")
    assert done.exit_code == 0
    assert [n["kind"] for n in json.loads(done.stdout)["files"][0]["notes"]] == ["unknown_status"]


def test_store_reads_its_texts_again_with_todays_config(runner: CliRunner, tmp_path: Path) -> None:
    body = rows()
    body[1][4] = "XLTT-07"
    path = write(tmp_path / "s.csv", HEAD, body)
    assert run(runner, "ingest", str(path)).exit_code == 0
    data = json.loads(run(runner, "report", "--period", "2026-Q3", "-f", "json").stdout)
    assert kinds(data)["unknown_status"]["values"] == {"XLTT-07": 1}
    info = json.loads(run(runner, "store", "info", "--format", "json").stdout)
    assert info["status_texts_not_sure"] == [{"text": "XLTT-07", "meaning": None, "how": "unknown", "count": 1}]
    config = tmp_path / "motcua.toml"
    config.write_text('[status]\n"XLTT-07" = "supplement_requested"\n', encoding="utf-8")
    data = json.loads(run(runner, "--config", str(config), "report", "--period", "2026-Q3", "-f", "json").stdout)
    assert "unknown_status" not in kinds(data) and data["total"]["paused"] == 1


def test_the_other_note_kinds_in_table_json_and_xlsx(runner: CliRunner, tmp_path: Path) -> None:
    """status_guessed, due_before_received, rows_rejected, column_choice and
    received_from_submitted, each planted and found in all three outputs."""
    body = rows()
    body[1][4] = "Đang chờ tổ chức bổ sung giấy tờ"
    body[4][2] = "01/07/2026 08:00"  # due before its receipt (05/07)
    body[5][1] = "31/02/2026 08:00"  # not a date
    path = write(tmp_path / "k.csv", HEAD, body)
    for kind, text in (
        ("status_guessed", "Đang chờ tổ chức bổ sung giấy tờ"),
        ("due_before_received", "ngày hẹn trả trước ngày tiếp nhận"),
        ("rows_rejected", "ngày không đọc được ×1"),
    ):
        everywhere(runner, path, tmp_path, kind, text)
    both = write(tmp_path / "both.csv", ["Ngày nộp hồ sơ", *HEAD], [[r[1], *r] for r in rows()])
    everywhere(runner, both, tmp_path, "column_choice", "Ngày nộp hồ sơ")
    only = write(tmp_path / "only.csv", [h if h != "Ngày tiếp nhận" else "Ngày nộp hồ sơ" for h in HEAD], rows())
    everywhere(runner, only, tmp_path, "received_from_submitted", "ngày nộp hồ sơ làm ngày tiếp nhận")


def test_overdue_says_which_config_it_used(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "o.csv", HEAD, rows())
    data = json.loads(run(runner, "overdue", str(path), "--as-of", "2026-07-20", "-f", "json").stdout)
    assert data["config"] is None and data["notes"] == []


def test_exclude_withdrawn_keeps_a_dossier_withdrawn_after_the_period(runner: CliRunner, tmp_path: Path) -> None:
    """Review finding: withdrawn on 05/10, overdue at 30/09: pending in Q3 even with
    --exclude-withdrawn; left out of Q4, where it was withdrawn."""
    body = [
        W1_WITHDRAWN_IN_OCTOBER,
        ["W-2", "04/08/2026 08:00", "13/08/2026 08:00", "10/08/2026 09:00", "Đã trả kết quả", "Trực tiếp", "Hộ tịch", "UBND xã A"],
    ]
    path = write(tmp_path / "wd.csv", HEAD, body)
    q3 = json.loads(run(runner, "report", str(path), "--period", "2026-Q3", "--exclude-withdrawn", "-f", "json").stdout)["total"]
    assert (q3["received"], q3["pending_overdue"], q3["settled"]) == (2, 1, 1)
    q4 = run(runner, "report", str(path), "--period", "2026-Q4", "--as-of", "2026-10-31", "--exclude-withdrawn", "-f", "json")
    assert q4.exit_code == 2 and "Không có hồ sơ nào" in q4.stderr  # W-2 ended in Q3, W-1 left out


def test_due_dates_worked_out_from_the_duration_are_said_so_in_report_and_audit(runner, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An export with a duration but no due column: the due dates are motcua's, not the
    system's, and every output says so beside the numbers (report and audit alike)."""
    import csv
    import json

    from .conftest import SAMPLE_DIR, run

    rows = list(csv.reader((SAMPLE_DIR / "so_nnmt_dongbo_utf8bom.csv").open(encoding="utf-8-sig")))
    due = rows[0].index("NgayHenTra")
    path = tmp_path / "khong_han.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([r[:due] + r[due + 1 :] for r in rows])
    report = json.loads(run(runner, "report", str(path), "--period", "2026-Q3", "-f", "json").stdout)
    derived = next(n for n in report["notes"] if n["kind"] == "due_derived")
    assert derived["count"] == 900 and "ThoiHanGiaiQuyet" in derived["message"] and derived["severity"] == "warning"
    audit = json.loads(run(runner, "audit", str(path), "--period", "2026-Q3", "-f", "json").stdout)
    assert any(n["kind"] == "due_derived" for n in audit["notes"])
    assert "không có cột ngày hẹn trả" in run(runner, "audit", str(path), "--period", "2026-Q3").stdout


def test_equal_counts_come_out_in_the_same_order_on_every_run(runner: CliRunner, tmp_path: Path) -> None:
    """Texts, reject reasons and audit values seen equally often are listed by text: the
    report a cron job writes every night does not change when the data did not (found
    by a review: Polars' group_by left ties in hash order, 6 orders in 12 runs)."""
    path = tmp_path / "hoa.csv"
    path.write_text(
        "Mã hồ sơ,Ngày tiếp nhận,Ngày hẹn trả,Trạng thái,Hình thức nộp\n"
        "T1,01/07/2026,10/07/2026,xyz,kênh B\n"
        "T2,02/07/2026,11/07/2026,abc,kênh A\n"
        "T3,03/07/2026,12/07/2026,qqq,kênh C\n"
        "T4,04/07/2026,18/07/2026,Đang xử lý,Trực tuyến\n"
        "T5,05/07/2026,19/07/2026,Đang xử lý,Trực tiếp\n"
        ",06/07/2026,13/07/2026,Đang xử lý,Trực tiếp\n"
        "T7,hôm qua,13/07/2026,Đang xử lý,Trực tiếp\n",
        encoding="utf-8",
    )
    reports = {run(runner, "report", str(path), "--period", "2026-Q3", "-f", "json").stdout for _ in range(10)}
    audits = {run(runner, "audit", str(path), "--period", "2026-Q3", "-f", "json").stdout for _ in range(6)}
    assert len(reports) == 1 and len(audits) == 1
    notes = {n["kind"]: n for n in json.loads(reports.pop())["notes"]}
    assert list(notes["unknown_status"]["values"]) == ["abc", "qqq", "xyz"]
    assert "'abc' ×1, 'qqq' ×1, 'xyz' ×1" in notes["unknown_status"]["message"]
