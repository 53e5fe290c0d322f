"""The official quarterly form, Biểu số II.06a/VPCP/KSTT (Thông tư 01/2020/TT-VPCP).

"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
(DOMAIN.md 3.7): a three-row merged header with the column numbers (1)-(11), one row
per field (or unit), optionally grouped under levels, a total row, the place and date
line and the signature blocks; A4 landscape, one page wide, header rows repeated on
every printed page. Values are literal numbers that satisfy the form's identities.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..report import Report
from .report import note_row_height

FORM_ID = "Biểu số II.06a/VPCP/KSTT"
FORM_BASIS = "Ban hành theo Thông tư số 01/2020/TT-VPCP"
FORM_TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
# The form's numbered columns, in order: (1) .. (11).
FORM_COLUMNS = [
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
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
HEADER_TOP = 5  # first header row (0-based); the numbers row is HEADER_TOP + 3


@dataclass
class FormText:
    reporting_unit: str = ""
    recipient: str = ""
    place: str = ""
    signed_on: date | None = None


def period_title(report: Report) -> str:
    label = report.scope.period.label
    if len(label) == 4:
        return f"Năm {label}"
    if label[5:6] == "Q":
        return f"Quý {ROMAN[int(label[6]) - 1]}/{label[:4]}"
    if label[5:6] == "H":
        return f"6 tháng {'đầu' if label[6] == '1' else 'cuối'} năm {label[:4]}"
    if label[5:] == "9M":
        return f"9 tháng đầu năm {label[:4]}"
    if len(label) == 7:
        return f"Tháng {int(label[5:7])}/{label[:4]}"
    return "Tùy chọn"


def write_form(report: Report, path: Path, text: FormText, row_kind: str) -> None:
    """Write the form; ``report`` is grouped by [field|unit] or [level, field|unit]."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("Bieu II.06a")
    f = _formats(wb)
    last_col = 1 + len(FORM_COLUMNS)  # A, B, then C..M
    s = report.scope

    ws.merge_range(0, 0, 0, 2, FORM_ID, f["bold"])
    ws.merge_range(1, 0, 1, 2, FORM_BASIS, f["italic"])
    ws.merge_range(0, 3, 0, 9, FORM_TITLE, f["title"])
    ws.merge_range(1, 3, 1, 9, f"Kỳ báo cáo: {period_title(report)}", f["center_bold"])
    ws.merge_range(2, 3, 2, 9, f"(Từ ngày {s.period.start:%d/%m/%Y} đến ngày {s.period.end:%d/%m/%Y})", f["center_italic"])
    ws.merge_range(0, 10, 0, last_col, f"Đơn vị báo cáo: {text.reporting_unit}", f["wrap"])
    ws.merge_range(1, 10, 1, last_col, f"Đơn vị nhận báo cáo: {text.recipient}", f["wrap"])
    ws.merge_range(3, 10, 3, last_col, "Đơn vị tính: Số hồ sơ TTHC", f["right_italic"])

    top = HEADER_TOP
    name = {"field": "Lĩnh vực", "unit": "Đơn vị", "procedure": "Thủ tục"}[row_kind]
    h = f["head"]
    ws.merge_range(top, 0, top + 2, 0, "STT", h)
    ws.merge_range(top, 1, top + 2, 1, name, h)
    ws.merge_range(top, 2, top, 5, "Số hồ sơ nhận giải quyết", h)
    ws.merge_range(top, 6, top, 9, "Số hồ sơ đã giải quyết", h)
    ws.merge_range(top, 10, top, 12, "Số hồ sơ đang giải quyết", h)
    ws.merge_range(top + 1, 2, top + 2, 2, "Tổng số", h)
    ws.merge_range(top + 1, 3, top + 1, 4, "Trong kỳ", h)
    ws.write_string(top + 2, 3, "Trực tuyến", h)
    ws.write_string(top + 2, 4, "Trực tiếp, dịch vụ bưu chính", h)
    ws.merge_range(top + 1, 5, top + 2, 5, "Từ kỳ trước", h)
    for col, title in [
        (6, "Tổng số"),
        (7, "Trước hạn"),
        (8, "Đúng hạn"),
        (9, "Quá hạn"),
        (10, "Tổng số"),
        (11, "Trong hạn"),
        (12, "Quá hạn"),
    ]:
        ws.merge_range(top + 1, col, top + 2, col, title, h)
    ws.write_string(top + 3, 0, "", f["number_head"])
    ws.write_string(top + 3, 1, "", f["number_head"])
    for j in range(len(FORM_COLUMNS)):
        ws.write_string(top + 3, 2 + j, f"({j + 1})", f["number_head"])

    r = top + 4
    rows = report.rows.to_dicts() if report.rows.height else []
    if "level" in report.group_by:
        levels: dict[Any, list[dict[str, Any]]] = {}
        for row in rows:
            levels.setdefault(row["level"], []).append(row)
        for i, (level, members) in enumerate(levels.items()):
            subtotal = {c: sum(m[c] for m in members) for c in FORM_COLUMNS}
            r = _row(ws, r, ROMAN[i] if i < len(ROMAN) else str(i + 1), str(level or "(không rõ cấp)"), subtotal, f, bold=True)
            for n, m in enumerate(members, start=1):
                r = _row(ws, r, str(n), _name(m[row_kind]), m, f)
    else:
        for n, m in enumerate(rows, start=1):
            r = _row(ws, r, str(n), _name(m[row_kind]), m, f)
    r = _row(ws, r, "", "Tổng số", report.total, f, bold=True)
    unknown = [m for m in rows if m.get(row_kind) is None]
    if unknown:  # a row "(không rõ)" is explained where it is read, and the note says what to add
        what = {"unit": "đơn vị", "field": "lĩnh vực", "level": "cấp"}.get(row_kind, row_kind)
        n = sum(int(m["received"]) for m in unknown)
        ws.merge_range(
            r, 0, r, last_col,
            f"(không rõ): {n} hồ sơ mà tệp xuất không ghi {what}; xem trang \"Luu y\" để biết tệp nào và cách khai báo.",
            f["italic"],
        )  # fmt: skip
        r += 1

    signed = text.signed_on or date.today()
    place = f"{text.place}, " if text.place else ""
    ws.merge_range(
        r + 1, 9, r + 1, last_col, f"{place}ngày {signed.day:02d} tháng {signed.month:02d} năm {signed.year}", f["center_italic"]
    )
    ws.merge_range(r + 2, 0, r + 2, 4, "NGƯỜI LẬP BIỂU", f["center_bold"])
    ws.merge_range(r + 3, 0, r + 3, 4, "(Ký, ghi rõ họ tên)", f["center_italic"])
    ws.merge_range(r + 2, 9, r + 2, last_col, "THỦ TRƯỞNG ĐƠN VỊ", f["center_bold"])
    ws.merge_range(r + 3, 9, r + 3, last_col, "(Ký tên, đóng dấu)", f["center_italic"])
    bottom = r + 8

    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 34)
    ws.set_column(2, last_col, 10.5)
    ws.set_row(0, 32)
    ws.set_row(top + 2, 45)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
    ws.repeat_rows(top, top + 3)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.print_area(0, 0, bottom, last_col)
    ws.set_footer("&CTrang &P/&N")

    notes = wb.add_worksheet("Thiet lap")
    info = report.to_json()
    for i, (k, v) in enumerate(
        [
            ("Chính sách", report.scope.policy.describe("vi")),
            ("Kỳ", f"{info['period']['start']} – {info['period']['end']} ({info['period']['label']})"),
            ("Tính đến", info["as_of"]),
            ("Ngày chốt số liệu", str(report.scope.cutoff_day or "theo lịch")),
            ("Lịch làm việc", info["calendar"]),
            ("Lọc", str(report.filters or "")),
            ("Tệp đầu vào", "; ".join(f"{x['file']} ({x['kept']} hồ sơ, loại {x['rejected']})" for x in report.inputs)),
            ("motcua", info["motcua_version"]),
        ]
    ):
        notes.write_string(i, 0, k)
        notes.write_string(i, 1, v)
    notes.write_string(9, 0, "Cấu hình")
    notes.write_string(9, 1, report.config or "không dùng tệp cấu hình nào")
    notes.set_column(0, 0, 20)
    notes.set_column(1, 1, 100)
    notes.set_landscape()
    notes.set_paper(9)
    notes.fit_to_pages(1, 1)
    notes.hide()  # kept for whoever checks the settings, never printed with the form ("Trang 1/1")
    if report.notes:
        # What motcua guessed or could not read: the signer reads it before signing.
        sheet = wb.add_worksheet("Luu y")
        head = f["head"]
        for j, h in enumerate(("Loại", "Số hồ sơ", "Nội dung", "Cách sửa")):
            sheet.write_string(0, j, h, head)
        for i, note in enumerate(report.notes, start=1):
            sheet.write_string(i, 0, note.kind, f["cell"])
            sheet.write_number(i, 1, note.count, f["num"])
            sheet.write_string(i, 2, note.vi, f["cell"])
            sheet.write_string(i, 3, note.hint_vi, f["cell"])
            sheet.set_row(i, note_row_height(note.vi, note.hint_vi))
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 10)
        sheet.set_column(2, 3, 70)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
    wb.close()


def _name(value: Any) -> str:
    return "(không rõ)" if value is None else str(value)


def _row(ws: Any, r: int, stt: str, name: str, values: dict[str, Any], f: dict[str, Any], bold: bool = False) -> int:
    ws.write_string(r, 0, stt, f["cell_bold_center"] if bold else f["cell_center"])
    ws.write_string(r, 1, name, f["cell_bold"] if bold else f["cell"])
    for j, c in enumerate(FORM_COLUMNS):
        ws.write_number(r, 2 + j, int(values[c]), f["num_bold"] if bold else f["num"])
    return r + 1


def _formats(wb: Any) -> dict[str, Any]:
    base = {"font_name": "Times New Roman", "font_size": 11}

    def fmt(**kw: Any) -> Any:
        return wb.add_format({**base, **kw})

    return {
        "bold": fmt(bold=True),
        "italic": fmt(italic=True),
        "title": fmt(bold=True, align="center", valign="vcenter", text_wrap=True, font_size=12),
        "center_bold": fmt(bold=True, align="center"),
        "center_italic": fmt(italic=True, align="center"),
        "right_italic": fmt(italic=True, align="right"),
        "wrap": fmt(text_wrap=True, valign="top"),
        "head": fmt(bold=True, align="center", valign="vcenter", text_wrap=True, border=1),
        "number_head": fmt(italic=True, align="center", border=1),
        "cell": fmt(border=1, text_wrap=True, valign="vcenter"),
        "cell_bold": fmt(border=1, bold=True, text_wrap=True, valign="vcenter"),
        "cell_center": fmt(border=1, align="center", valign="vcenter"),
        "cell_bold_center": fmt(border=1, bold=True, align="center", valign="vcenter"),
        "num": fmt(border=1, align="right", valign="vcenter", num_format="#,##0"),
        "num_bold": fmt(border=1, bold=True, align="right", valign="vcenter", num_format="#,##0"),
    }
