"""Every format and encoding, built in a temporary folder, reads to the same dossiers."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from motcua_cli.errors import InputUnreadable
from motcua_cli.load import load_file

HEADER = ["Mã hồ sơ", "Lĩnh vực", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái", "Hình thức nộp"]
ROWS = [
    ["H-001", "Hộ tịch", "02/01/2026 08:00", "06/01/2026 08:00", "05/01/2026 10:00", "Đã trả kết quả", "Trực tuyến"],
    ["H-002", "Đất đai", "10/01/2026 09:30", "23/01/2026 09:30", "", "Đang xử lý", "Trực tiếp"],
    ["H-003", "Chứng thực", "12/01/2026 14:00", "13/01/2026 14:00", "14/01/2026 15:00", "9", "3"],
]


def _check(path: Path, **kw: object) -> None:
    dossiers, rejects, report = load_file(path, **kw)  # type: ignore[arg-type]
    assert report.counts["kept"] == 3 and rejects.height == 0, report.counts
    assert dossiers["dossier_id"].to_list() == ["H-001", "H-002", "H-003"]
    assert dossiers["field"].to_list() == ["Hộ tịch", "Đất đai", "Chứng thực"]  # NFC
    assert dossiers["received_at"].to_list()[1] == dt.datetime(2026, 1, 10, 9, 30)
    assert dossiers["finished_at"].to_list()[1] is None
    assert dossiers["status"].to_list() == ["returned", "processing", "processed"]
    assert dossiers["channel"].to_list() == ["online", "in_person", "postal"]


def _text(rows: list[list[str]], sep: str) -> str:
    return "\r\n".join(sep.join(r) for r in rows) + "\r\n"


def test_csv_utf8_with_bom(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_bytes(b"\xef\xbb\xbf" + _text([HEADER, *ROWS], ",").encode())
    _check(p)


def test_csv_utf8_semicolons_without_bom_and_quotes(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    rows = [[f'"{c}"' for c in r] for r in [HEADER, *ROWS]]
    p.write_text(_text(rows, ";"), encoding="utf-8")
    _check(p)


def test_tsv_utf16_named_xls(tmp_path: Path) -> None:
    p = tmp_path / "export.xls"  # the extension lies: content decides
    p.write_bytes(_text([["DANH SÁCH HỒ SƠ"], HEADER, *ROWS], "\t").encode("utf-16"))
    _check(p)


def test_windows_1258_with_decomposed_text(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from make_sample_data import cp1258_bytes

    p = tmp_path / "a.csv"
    p.write_bytes(cp1258_bytes(_text([HEADER, *ROWS], ";")))
    _check(p)
    assert load_file(p)[2].encoding == "cp1258"


def test_nfd_utf8_text_is_normalised(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text(unicodedata.normalize("NFD", _text([HEADER, *ROWS], ",")), encoding="utf-8")
    _check(p)


def test_forced_encoding_overrides_detection(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_bytes(_text([HEADER, *ROWS], ",").encode("utf-16-le"))
    _check(p, encoding="utf-16-le")


def _xlsx(path: Path, rows: list[list[object]], title: str = "DS") -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    wb.save(path)


def test_xlsx_with_native_dates_title_and_footer(tmp_path: Path) -> None:
    p = tmp_path / "a.xlsx"
    rows: list[list[object]] = [["SỞ TƯ PHÁP"], ["DANH SÁCH HỒ SƠ"], [], HEADER]
    for r in ROWS:
        rows.append([r[0], r[1], dt.datetime.strptime(r[2], "%d/%m/%Y %H:%M"), r[3], r[4] or None, r[5], r[6]])
    rows += [[], ["Tổng cộng: 3"], ["Người lập biểu", None, None, "Thủ trưởng"]]
    _xlsx(p, rows)
    _check(p)
    report = load_file(p)[2]
    assert report.header_rows == [4]
    assert (report.counts["footer"], report.counts["blank"]) == (2, 1)


def test_xlsx_with_leading_blank_rows_and_columns_reports_true_positions(tmp_path: Path) -> None:
    p = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for i, r in enumerate([HEADER, *ROWS]):
        for j, v in enumerate(r):
            ws.cell(row=3 + i, column=2 + j, value=v)
    ws.cell(row=6, column=5, value="not a date")
    wb.save(p)
    _, rejects, report = load_file(p)
    assert report.header_rows == [3]
    assert report.mapping[0]["column"] == "B"
    row = rejects.row(0, named=True)
    assert (row["source_row"], row["column"], row["reason"]) == (6, "Ngày hẹn trả (E)", "bad_date")


def test_xlsx_merged_two_row_header(tmp_path: Path) -> None:
    p = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã hồ sơ", "Ngày", None, "Trạng thái"])
    ws.append([None, "Tiếp nhận", "Hẹn trả", None])
    ws.merge_cells("B1:C1")
    ws.merge_cells("A1:A2")
    ws.merge_cells("D1:D2")
    ws.append(["H1", "02/01/2026", "05/01/2026", "Đang xử lý"])
    wb.save(p)
    dossiers, _, report = load_file(p)
    assert report.header_rows == [1, 2]
    assert {m["header"]: m["field"] for m in report.mapping} == {
        "Mã hồ sơ": "dossier_id",
        "Ngày / Tiếp nhận": "received_at",
        "Ngày / Hẹn trả": "due_at",
        "Trạng thái": "status",
    }
    assert dossiers["due_at"].to_list() == [dt.datetime(2026, 1, 5)]


def test_sheet_with_the_dossier_header_is_chosen_or_named(tmp_path: Path) -> None:
    p = tmp_path / "a.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Bia"
    wb.active.append(["BÁO CÁO"])
    ws = wb.create_sheet("Du lieu")
    for r in [HEADER, *ROWS]:
        ws.append(r)
    wb.save(p)
    assert load_file(p)[2].sheet == "Du lieu"
    with pytest.raises(InputUnreadable) as err:
        load_file(p, sheet="Bia")
    assert "Bia" in err.value.vi and "mã hồ sơ" in err.value.vi
    with pytest.raises(InputUnreadable):
        load_file(p, sheet="Khong co")


def test_biff8_xls(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    p = tmp_path / "a.xls"
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("DS")
    for i, r in enumerate([HEADER, *ROWS]):
        for j, v in enumerate(r):
            ws.write(i, j, v)
    wb.save(str(p))
    assert load_file(p)[2].format == "xls"
    _check(p)


def test_html_table_saved_as_xls_with_spans(tmp_path: Path) -> None:
    p = tmp_path / "a.xls"
    head = (
        '<tr><td colspan="7">DANH SÁCH HỒ SƠ</td></tr>'
        '<tr><th rowspan="2">Mã hồ sơ</th><th rowspan="2">Lĩnh vực</th><th colspan="3">Ngày</th>'
        '<th rowspan="2">Trạng thái</th><th rowspan="2">Hình thức nộp</th></tr>'
        "<tr><th>Tiếp nhận</th><th>Hẹn trả</th><th>Có kết quả</th></tr>"
    )
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in ROWS)
    p.write_text(f"<html><body><table>{head}{body}</table></body></html>", encoding="utf-8")
    _check(p)
    assert load_file(p)[2].header_rows == [2, 3]


def test_spreadsheetml_2003(tmp_path: Path) -> None:
    p = tmp_path / "a.xml"

    def row(cells: list[str]) -> str:
        return "<Row>" + "".join(f'<Cell><Data ss:Type="String">{c}</Data></Cell>' for c in cells) + "</Row>"

    p.write_text(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"><Table>'
        + "".join(row(r) for r in [HEADER, *ROWS])
        + "</Table></Worksheet></Workbook>",
        encoding="utf-8",
    )
    _check(p)


def test_duplicate_ids_keep_the_row_with_newer_information(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    older = ["H-001", "Hộ tịch", "02/01/2026 08:00", "06/01/2026 08:00", "", "Đang xử lý", "Trực tuyến"]
    p.write_text(_text([HEADER, ROWS[0], older, *ROWS[1:]], ","), encoding="utf-8")
    dossiers, rejects, report = load_file(p)
    assert report.counts["duplicate"] == 1 and report.counts["kept"] == 3
    assert dossiers.filter(dossiers["dossier_id"] == "H-001")["status"].to_list() == ["returned"]
    assert rejects["reason"].to_list() == ["duplicate"] and rejects["source_row"].to_list() == [3]


def test_suspicious_rows_are_kept_and_flagged(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    bad = ["H-009", "Hộ tịch", "10/01/2026 08:00", "06/01/2026 08:00", "05/01/2026 10:00", "Đã trả kết quả", "Fax"]
    p.write_text(_text([HEADER, *ROWS, bad], ","), encoding="utf-8")
    dossiers, _, report = load_file(p)
    assert report.counts["kept"] == 4 and report.counts["flagged"] == 1
    flags = dossiers.filter(dossiers["dossier_id"] == "H-009")["flags"].item().split(";")
    assert set(flags) == {"due_before_received", "finished_before_received", "unknown_channel"}
    assert report.flags == {"due_before_received": 1, "finished_before_received": 1, "unknown_channel": 1}


def test_rows_without_id_or_receipt_are_rejected_with_reason(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    rows = [HEADER, ROWS[0], ["", "Hộ tịch", "02/01/2026", "", "", "", ""], ["H-7", "Hộ tịch", "", "", "", "", ""], *ROWS[1:]]
    p.write_text(_text(rows, ","), encoding="utf-8")
    _, rejects, report = load_file(p)
    assert report.counts == {**report.counts, "read": 5, "kept": 3, "rejected": 2}
    assert rejects.select("source_row", "reason").rows() == [(3, "missing_id"), (4, "missing_received_at")]


def test_a_receipt_date_of_spaces_is_missing_and_one_with_spaces_around_is_read(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    spaces = ["H-7", "Hộ tịch", "   ", "", "", "", ""]
    padded = ["H-8", "Hộ tịch", "  03/01/2026 08:00 ", " 07/01/2026 08:00\t", "", "Đang xử lý", ""]
    p.write_text(_text([HEADER, *ROWS, spaces, padded], ","), encoding="utf-8")
    dossiers, rejects, report = load_file(p)
    assert (report.counts["kept"], report.counts["rejected"]) == (4, 1)
    assert rejects.select("source_row", "reason", "column").rows() == [(5, "missing_received_at", "Ngày tiếp nhận (C)")]
    h8 = dossiers.filter(dossiers["dossier_id"] == "H-8").row(0, named=True)
    assert (h8["received_at"], h8["due_at"]) == (dt.datetime(2026, 1, 3, 8), dt.datetime(2026, 1, 7, 8))
    assert report.date_forms["received_at"] == [{"format": "%d/%m/%Y %H:%M", "count": 4}]


def test_unit_aliases_from_config(tmp_path: Path) -> None:
    from motcua_cli.config import Config

    p = tmp_path / "a.csv"
    p.write_text(_text([["Mã hồ sơ", "Ngày nhận", "Đơn vị"], ["H1", "02/01/2026", "UBND xã Hoà An"]], ","), encoding="utf-8")
    config = Config(data={"units": {"UBND xã Hòa An": "UBND xã Hòa Bình"}})
    assert load_file(p, config=config)[0]["unit"].to_list() == ["UBND xã Hòa Bình"]


def test_cells_unlike_the_first_rows_are_read_too(tmp_path: Path) -> None:
    """Date forms and status texts are learnt from the first 20,000 rows while a CSV is
    scanned; rows below that bring a new date form, a new status text and decomposed
    text, and each must still be read as if it had come first."""
    from motcua_cli import dates

    head = dates.SAMPLE_ROWS
    lines = [",".join(HEADER)]
    lines += [f"A-{i},Hộ tịch,02/01/2026 08:00,06/01/2026 08:00,05/01/2026 10:00,Đã trả kết quả,Trực tuyến" for i in range(head)]
    decomposed = unicodedata.normalize("NFD", "Đất đai")
    lines += [f"B-{i},{decomposed},2026-01-10 09:30,2026-01-23,,Chờ bổ sung,Bưu chính công ích" for i in range(100)]
    path = tmp_path / "late_forms.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dossiers, rejects, report = load_file(path)
    assert report.counts["kept"] == head + 100 and rejects.height == 0
    tail = dossiers.tail(100)
    assert tail["received_at"].to_list() == [dt.datetime(2026, 1, 10, 9, 30)] * 100
    assert tail["due_at"].to_list() == [dt.datetime(2026, 1, 23)] * 100
    assert tail["due_has_time"].to_list() == [False] * 100
    assert dossiers.head(1)["due_has_time"].to_list() == [True]
    assert set(tail["status"].to_list()) == {"supplement_requested"}
    assert set(tail["channel"].to_list()) == {"postal"}
    assert set(tail["field"].to_list()) == {"Đất đai"}  # NFC, like the rows above
    assert report.date_forms["received_at"] == [
        {"format": "%d/%m/%Y %H:%M", "count": head},
        {"format": "%Y-%m-%d %H:%M", "count": 100},
    ]
    assert report.flags == {}
