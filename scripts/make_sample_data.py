#!/usr/bin/env python3
"""Generate motcua's synthetic sample exports and their ground truth.

    python scripts/make_sample_data.py                 # sample_data/ + tests/data/
    python scripts/make_sample_data.py --large 1000000 --format csv --out /tmp/big.csv

Each dossier is drawn first as canonical values (what really happened), with its
intended outcome; then written in one vendor "dialect" (DOMAIN.md section 4): an
xlsx with title rows, a merged two-row header and a footer; an HTML table saved as
.xls; a national-sync CSV with UTF-8 BOM; a UTF-16 tab-separated "Unicode Text"; a
Windows-1258 CSV with decomposed text; a SpreadsheetML 2003 file. The truth records
each dossier as its file holds it (a date-only cell is a date at 00:00), so tests can
compare the reader's output value for value. Deterministic for a given seed.

Personal data in the files (names, phones, addresses) is invented.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import holidays

ROOT = Path(__file__).resolve().parent.parent
EXPORT_DAY = datetime(2026, 11, 20, 17, 0)
FIRST_DAY = date(2025, 1, 2)

# Swaps the holidays package lacks (CV 12729/VPCP-KGVX): 2/1/2026 off, Sat 10/1/2026 worked.
EXTRA_OFF = {date(2026, 1, 2)}
EXTRA_WORK = {date(2026, 1, 10)}


def _calendar() -> tuple[set[date], set[date]]:
    vn = holidays.country_holidays("VN", years=range(2024, 2028))
    off = set(vn) | EXTRA_OFF
    work = set(getattr(vn, "weekend_workdays", set())) | EXTRA_WORK
    return off, work


OFF, WORK = _calendar()


def is_working(d: date) -> bool:
    if d in WORK:
        return True
    return d.weekday() < 5 and d not in OFF


def add_working_days(start: datetime, days: int) -> datetime:
    d = start.date()
    step = 1 if days >= 0 else -1
    left = abs(days)
    while left:
        d += timedelta(days=step)
        if is_working(d):
            left -= 1
    return datetime.combine(d, start.time())


# Units after the 2025 reform: province departments and communes.
UNITS = {
    "STP": ("Sở Tư pháp", "Cấp tỉnh"),
    "SXD": ("Sở Xây dựng", "Cấp tỉnh"),
    "SNNMT": ("Sở Nông nghiệp và Môi trường", "Cấp tỉnh"),
    "SCT": ("Sở Công Thương", "Cấp tỉnh"),
    "PHB": ("UBND phường Hòa Bình", "Cấp xã"),
    "XTP": ("UBND xã Tân Phú", "Cấp xã"),
    "XDM": ("UBND xã Đắk Mil", "Cấp xã"),
}
# field → procedures (code, name, working days)
PROCEDURES = {
    "Lý lịch tư pháp": [("1.001234", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", 10)],
    "Hộ tịch": [
        ("1.000894", "Đăng ký khai sinh", 1),
        ("1.001193", "Đăng ký kết hôn", 3),
        ("1.000656", "Đăng ký khai tử", 1),
    ],
    "Chứng thực": [("2.000815", "Chứng thực bản sao từ bản chính", 1)],
    "Xây dựng": [
        ("1.009972", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", 15),
        ("1.009974", "Điều chỉnh giấy phép xây dựng", 10),
    ],
    "Đất đai": [
        ("1.004227", "Đăng ký biến động quyền sử dụng đất", 10),
        ("1.003003", "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", 20),
    ],
    "Môi trường": [("1.010727", "Cấp giấy phép môi trường", 15)],
    "Thương mại": [("2.000633", "Cấp Giấy phép bán lẻ rượu", 10)],
    "Bảo trợ xã hội": [("1.001776", "Trợ cấp xã hội hằng tháng", 7)],
}
UNIT_FIELDS = {
    "STP": ["Lý lịch tư pháp", "Hộ tịch"],
    "SXD": ["Xây dựng"],
    "SNNMT": ["Đất đai", "Môi trường"],
    "SCT": ["Thương mại"],
    "PHB": ["Hộ tịch", "Chứng thực", "Bảo trợ xã hội", "Đất đai"],
    "XTP": ["Hộ tịch", "Chứng thực", "Đất đai"],
    "XDM": ["Hộ tịch", "Chứng thực", "Bảo trợ xã hội"],
}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Đức Dũng", "Thị Hoà", "Quốc Huy", "Ngọc Lan"]


@dataclass
class Dossier:
    dossier_id: str
    unit_code: str
    unit: str
    level: str
    field: str
    procedure_code: str
    procedure_name: str
    duration_days: int
    channel: str  # in_person / online / postal
    status: str  # canonical status name
    received_at: datetime
    due_at: datetime | None
    finished_at: datetime | None = None
    returned_at: datetime | None = None
    supplement_requested_at: datetime | None = None
    supplement_received_at: datetime | None = None
    outcome: str = ""  # intended: early / on_time / late / pending / paused / ...
    applicant: str = ""
    phone: str = ""
    address: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def _work_time(rng: random.Random) -> time:
    if rng.random() < 0.55:
        return time(rng.randint(7, 10), rng.choice([0, 15, 30, 45]))
    return time(rng.randint(13, 16), rng.choice([30, 45]) if rng.random() < 0.3 else rng.choice([0, 15]))


def _received_day(rng: random.Random, last: date) -> date:
    # Put extra weight on days around Tết, 30/4, 2/9 and the make-up Saturdays.
    special = [
        date(2025, 1, 24),
        date(2025, 4, 26),
        date(2025, 4, 29),
        date(2025, 8, 29),
        date(2026, 1, 10),
        date(2026, 2, 12),
        date(2026, 2, 13),
        date(2026, 4, 29),
        date(2026, 8, 28),
        date(2026, 11, 23),
    ]
    while True:
        if rng.random() < 0.08:
            d = rng.choice(special)
        else:
            d = FIRST_DAY + timedelta(days=rng.randint(0, (last - FIRST_DAY).days))
        if is_working(d) and d <= last:
            return d


def draw_dossiers(unit_code: str, n: int, rng: random.Random) -> list[Dossier]:
    unit, level = UNITS[unit_code]
    out: list[Dossier] = []
    seq: dict[str, int] = {}
    for _ in range(n):
        fld = rng.choice(UNIT_FIELDS[unit_code])
        code, name, days = rng.choice(PROCEDURES[fld])
        recv_day = _received_day(rng, EXPORT_DAY.date() - timedelta(days=1))
        received = datetime.combine(recv_day, _work_time(rng))
        key = recv_day.strftime("%y%m%d")
        seq[key] = seq.get(key, 0) + 1
        dossier_id = f"{unit_code}-{key}-{seq[key]:04d}"
        due = add_working_days(received, days)
        channel = rng.choices(["online", "in_person", "postal"], [0.45, 0.5, 0.05])[0]
        d = Dossier(
            dossier_id,
            unit_code,
            unit,
            level,
            fld,
            code,
            name,
            days,
            channel,
            "processing",
            received,
            due,
            applicant=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
            phone=f"09{rng.randint(10000000, 99999999)}",
            address=f"Số {rng.randint(1, 200)} đường {rng.choice(['Lê Lợi', 'Trần Phú', 'Hùng Vương'])}",
        )
        _settle(d, rng)
        out.append(d)
    return out


def _settle(d: Dossier, rng: random.Random) -> None:
    """Choose what happened to the dossier and set its dates accordingly."""
    assert d.due_at is not None
    open_days_left = d.due_at > EXPORT_DAY
    r = rng.random()
    if r < 0.005:
        d.status, d.outcome, d.due_at = "not_accepted", "not_accepted", None
        return
    if r < 0.02:
        d.status, d.outcome = "withdrawn", "withdrawn"
        d.finished_at = min(add_working_days(d.received_at, rng.randint(0, 2)), EXPORT_DAY)
        return
    if r < 0.03:
        d.status, d.outcome = "refused", "refused"
        d.finished_at = min(add_working_days(d.received_at, rng.randint(0, 3)), EXPORT_DAY)
        return
    if r < 0.05 and d.received_at < EXPORT_DAY - timedelta(days=3):
        # Supplement requested and not yet received: paused.
        d.status, d.outcome = "supplement_requested", "paused"
        d.supplement_requested_at = datetime.combine(add_working_days(d.received_at, 1).date(), time(9, 0))
        return
    if open_days_left or r < 0.08:
        # Still being processed; overdue when the due date has passed.
        if d.due_at + timedelta(days=1) <= EXPORT_DAY and not open_days_left:
            d.outcome = "pending_overdue"
        elif open_days_left:
            d.outcome = "pending_in_time"
        else:
            d.outcome = "pending_overdue"
        d.status = "processing"
        return
    kind = rng.choices(["early", "on_time", "late"], [0.3, 0.6, 0.1])[0]
    due_day = d.due_at
    if kind == "early":
        end = add_working_days(due_day, -rng.randint(1, max(1, min(3, d.duration_days))))
        if end.date() < d.received_at.date() or end <= d.received_at:
            kind, end = "on_time", due_day
    elif kind == "late":
        end = add_working_days(due_day, rng.randint(1, 6))
    else:
        end = due_day
    end = datetime.combine(end.date(), time(rng.randint(8, 16), rng.choice([0, 10, 20, 40])))
    if end <= d.received_at:
        end = d.received_at + timedelta(hours=1)
    if end > EXPORT_DAY:
        d.status, d.outcome = "processing", "pending_overdue" if kind == "late" else "pending_in_time"
        return
    d.finished_at = end
    d.outcome = kind
    if rng.random() < 0.7:
        d.status = "returned"
        ret = add_working_days(end, rng.choice([0, 0, 1, 2]))
        d.returned_at = min(datetime.combine(ret.date(), time(rng.randint(8, 16), 30)), EXPORT_DAY)
        if d.returned_at < end:
            d.returned_at = end
    else:
        d.status = "processed"
    if rng.random() < 0.04:
        # A supplement round already closed: requested, received, due moved by the pause.
        req = add_working_days(d.received_at, 1)
        back = add_working_days(req, 2)
        if back < end:
            d.supplement_requested_at = datetime.combine(req.date(), time(9, 0))
            d.supplement_received_at = datetime.combine(back.date(), time(14, 0))


# ---------------------------------------------------------------- dialect writers

STATUS_TEXT = {
    "not_accepted": "Không được tiếp nhận",
    "processing": "Đang xử lý",
    "supplement_requested": "Yêu cầu bổ sung giấy tờ",
    "withdrawn": "Công dân yêu cầu rút hồ sơ",
    "refused": "Từ chối",
    "processed": "Đã xử lý xong",
    "returned": "Đã trả kết quả",
}
STATUS_CODE = {
    "not_accepted": "3",
    "processing": "4",
    "supplement_requested": "5",
    "withdrawn": "7",
    "refused": "8",
    "processed": "9",
    "returned": "10",
}
CHANNEL_TEXT = {"in_person": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính công ích"}
CHANNEL_CODE = {"in_person": "1", "online": "2", "postal": "3"}


def strip_marks(text: str) -> str:
    s = unicodedata.normalize("NFD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("đ", "d").replace("Đ", "D")


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 the way Windows writes it: base letters precomposed, tones combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + tone).encode("cp1258")
    return bytes(out)


def _fmt(value: datetime | None, pattern: str) -> str:
    return value.strftime(pattern) if value else ""


def _truncate(value: datetime | None, date_only: bool) -> datetime | None:
    if value is None or not date_only:
        return value
    return datetime.combine(value.date(), time())


@dataclass
class Written:
    """How a file holds each dossier: the truth rows, and counts tests expect."""

    truth: list[dict[str, object]]
    expect: dict[str, object]


NOT_WRITTEN = {
    # columns each dialect does not have: the truth holds them empty
    "xlsx": {"supplement_requested_at", "supplement_received_at"},
    "html": {"procedure_code", "level", "unit", "supplement_requested_at", "supplement_received_at"},
    "sync": {"level"},
    "utf16": {"procedure_code", "level", "supplement_requested_at", "supplement_received_at"},
    "cp1258": {"procedure_code", "level", "supplement_requested_at", "supplement_received_at"},
    "xml2003": {"supplement_requested_at", "supplement_received_at"},
}


def _truth_row(d: Dossier, file: str, dialect: str, *, date_only: set[str] | None = None) -> dict[str, object]:
    date_only = date_only or set()
    row = {
        "file": file,
        "dossier_id": d.dossier_id,
        "procedure_code": d.procedure_code,
        "procedure_name": d.procedure_name,
        "field": d.field,
        "unit": d.unit,
        "level": d.level,
        "channel": d.channel,
        "status": d.status,
        "outcome": d.outcome,
        "duration_days": d.duration_days,
    }
    for name in ("received_at", "due_at", "finished_at", "returned_at", "supplement_requested_at", "supplement_received_at"):
        value = getattr(d, name)
        value = _truncate(value, name in date_only)
        row[name] = value.isoformat(sep=" ") if value else ""
    for name in NOT_WRITTEN[dialect]:
        row[name] = ""
    return row


def write_xlsx(ds: list[Dossier], path: Path, rng: random.Random) -> Written:
    """Sở Tư pháp + Sở Xây dựng: title rows, merged two-row header, footer, native dates."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DanhSachHoSo"
    wb.create_sheet("HuongDan").append(["Hướng dẫn: sheet này không có dữ liệu hồ sơ."])
    ws.append(["UBND TỈNH LÂM ĐỒNG"])
    ws.append(["SỞ TƯ PHÁP - SỞ XÂY DỰNG"])
    ws.append(["DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT"])
    ws.append(["Từ ngày 02/01/2025 đến ngày 20/11/2026"])
    ws.append([])
    top = [
        "STT",
        "Mã hồ sơ",
        "Mã thủ tục",
        "Tên thủ tục",
        "Lĩnh vực",
        "Chủ hồ sơ",
        "Số điện thoại",
        "Ngày",
        None,
        None,
        None,
        "Trạng thái",
        "Hình thức nộp",
        "Cơ quan xử lý",
        "Cấp",
    ]
    sub = [None] * 7 + ["Tiếp nhận", "Hẹn trả", "Có kết quả", "Trả kết quả"] + [None] * 4
    ws.append(top)
    ws.append(sub)
    ws.merge_cells(start_row=6, start_column=8, end_row=6, end_column=11)
    for col in list(range(1, 8)) + list(range(12, 16)):
        ws.merge_cells(start_row=6, start_column=col, end_row=7, end_column=col)
    for cell in ws[6] + ws[7]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    truth = []
    serial_due = 0
    # One dossier also appears earlier in an older state (still processing): a duplicate.
    dup = next(d for d in ds if d.status == "returned")
    rows = []
    for i, d in enumerate(ds):
        due: object = d.due_at
        if d.due_at and i % 37 == 5:
            # Some systems write the due date as a bare Excel serial number.
            due = (d.due_at - datetime(1899, 12, 30)).total_seconds() / 86400
            serial_due += 1
        rows.append(
            [
                d.dossier_id,
                d.procedure_code,
                d.procedure_name,
                d.field,
                d.applicant,
                d.phone,
                d.received_at,
                due,
                d.finished_at,
                d.returned_at,
                STATUS_TEXT[d.status],
                CHANNEL_TEXT[d.channel],
                d.unit,
                d.level,
            ]
        )
        truth.append(_truth_row(d, path.name, "xlsx"))
    older = [
        dup.dossier_id,
        dup.procedure_code,
        dup.procedure_name,
        dup.field,
        dup.applicant,
        dup.phone,
        dup.received_at,
        dup.due_at,
        None,
        None,
        "Đang xử lý",
        CHANNEL_TEXT[dup.channel],
        dup.unit,
        dup.level,
    ]
    rows.insert(3, older)
    for n, r in enumerate(rows, start=1):
        ws.append([n, *r])
    ws.append([])
    ws.append([f"Tổng cộng: {len(rows)} hồ sơ"])
    ws.append([])
    ws.append(["Người lập biểu", None, None, None, None, None, None, None, None, None, "Thủ trưởng đơn vị"])
    for row in ws.iter_rows(min_row=8, min_col=8, max_col=11):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
    wb.save(path)
    n = len(rows)
    return Written(
        truth,
        {
            "format": "xlsx",
            "sheet": "DanhSachHoSo",
            "header_rows": [6, 7],
            "read": n,
            "kept": n - 1,
            "rejected": 0,
            "duplicate": 1,
            "footer": 2,
            "blank": 2,
            "personal_dropped": 2,
            "serial_due": serial_due,
        },
    )


def write_html(ds: list[Dossier], path: Path, rng: random.Random) -> Written:
    """Phường Hòa Bình: a web page "exported to Excel", with rowspan/colspan header."""
    buf = io.StringIO()
    buf.write(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        "<title>Danh sach ho so</title></head><body>\n<table border=1>\n"
    )
    buf.write('<tr><td colspan="12"><b>UBND PHƯỜNG HOÀ BÌNH</b></td></tr>\n')
    buf.write('<tr><td colspan="12">DANH SÁCH HỒ SƠ</td></tr>\n')
    buf.write('<tr><td colspan="12">Trạng thái hồ sơ: Tất cả</td></tr>\n')
    buf.write(
        "<tr>"
        + "".join(f'<th rowspan="2">{h}</th>' for h in ["STT", "Số hồ sơ", "Thủ tục", "Lĩnh vực", "Người nộp", "Địa chỉ"])
        + '<th colspan="4">Thời gian</th>'
        + "".join(f'<th rowspan="2">{h}</th>' for h in ["Tình trạng", "Kênh nộp"])
        + "</tr>\n"
    )
    buf.write("<tr><th>Ngày nhận</th><th>Ngày hẹn trả</th><th>Ngày kết thúc xử lý</th><th>Ngày trả</th></tr>\n")
    truth = []
    for i, d in enumerate(ds, start=1):
        cells = [
            str(i),
            d.dossier_id,
            d.procedure_name,
            d.field,
            d.applicant,
            d.address,
            _fmt(d.received_at, "%d/%m/%Y %H:%M"),
            _fmt(d.due_at, "%d/%m/%Y %H:%M"),
            _fmt(d.finished_at, "%d/%m/%Y %H:%M"),
            _fmt(d.returned_at, "%d/%m/%Y %H:%M"),
            STATUS_TEXT[d.status],
            CHANNEL_TEXT[d.channel],
        ]
        buf.write("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>\n")
        truth.append(_truth_row(d, path.name, "html"))
    buf.write("</table></body></html>\n")
    path.write_text(buf.getvalue(), encoding="utf-8")
    return Written(
        truth,
        {
            "format": "html",
            "sheet": "table 1",
            "header_rows": [4, 5],
            "read": len(ds),
            "kept": len(ds),
            "rejected": 0,
            "duplicate": 0,
            "footer": 0,
            "blank": 0,
            "personal_dropped": 2,
        },
    )


def write_sync_csv(ds: list[Dossier], path: Path, rng: random.Random) -> Written:
    """Sở NN&MT: national sync field names, yyyyMMddHHmmss dates, status/channel codes."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(
        [
            "MaHoSo",
            "MaTTHC",
            "TenTTHC",
            "TenLinhVuc",
            "DonViXuLy",
            "KenhThucHien",
            "TrangThaiHoSo",
            "NgayTiepNhan",
            "NgayHenTra",
            "NgayKetThucXuLy",
            "NgayTra",
            "ThoiHanGiaiQuyet",
            "NgayYeuCauBoSung",
            "NgayNhanBoSung",
            "ChuHoSo",
            "SoDienThoai",
        ]
    )
    truth = []
    no_due = 0
    for i, d in enumerate(ds):
        row = _truth_row(d, path.name, "sync")
        if d.status == "refused":
            row["status"] = "stopped"  # the national codes have no "refused": 8 Dừng xử lý
        due = _fmt(d.due_at, "%Y%m%d%H%M%S")
        if d.due_at and i % 50 == 7:
            due, row["due_at"] = "", ""  # only the duration: the due date must be derived
            no_due += 1
        w.writerow(
            [
                d.dossier_id,
                d.procedure_code,
                d.procedure_name,
                d.field,
                d.unit,
                CHANNEL_CODE[d.channel],
                STATUS_CODE[d.status],
                _fmt(d.received_at, "%Y%m%d%H%M%S"),
                due,
                _fmt(d.finished_at, "%Y%m%d%H%M%S"),
                _fmt(d.returned_at, "%Y%m%d%H%M%S"),
                f"{d.duration_days} ngày làm việc",
                _fmt(d.supplement_requested_at, "%Y%m%d%H%M%S"),
                _fmt(d.supplement_received_at, "%Y%m%d%H%M%S"),
                d.applicant,
                d.phone,
            ]
        )
        truth.append(row)
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    return Written(
        truth,
        {
            "format": "delimited",
            "encoding": "utf-8-sig",
            "header_rows": [1],
            "read": len(ds),
            "kept": len(ds),
            "rejected": 0,
            "duplicate": 0,
            "footer": 0,
            "blank": 0,
            "personal_dropped": 2,
            "no_due": no_due,
        },
    )


def write_utf16_tsv(ds: list[Dossier], path: Path, rng: random.Random) -> Written:
    """Xã Tân Phú: Excel "Unicode Text" (UTF-16, tabs), names without diacritics, mixed dates."""
    lines = ["DANH SACH HO SO UBND XA TAN PHU", "Tu ngay 02/01/2025 den ngay 20/11/2026", ""]
    lines.append(
        "\t".join(
            [
                "Ma ho so",
                "Ten thu tuc",
                "Linh vuc",
                "Co quan xu ly",
                "Ho ten nguoi nop",
                "Ngay tiep nhan",
                "Ngay hen tra",
                "Ngay co ket qua",
                "Ngay tra ket qua",
                "Trang thai",
                "Hinh thuc nop",
            ]
        )
    )
    forms = ["%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M", "%d-%m-%Y"]
    truth = []
    for i, d in enumerate(ds):
        form = forms[i % 3]
        date_only = {"due_at", "finished_at", "returned_at", "received_at"} if form == "%d-%m-%Y" else set()
        lines.append(
            "\t".join(
                [
                    d.dossier_id,
                    d.procedure_name,
                    strip_marks(d.field),
                    d.unit,
                    d.applicant,
                    _fmt(d.received_at, form),
                    _fmt(d.due_at, form),
                    _fmt(d.finished_at, form),
                    _fmt(d.returned_at, form),
                    strip_marks(STATUS_TEXT[d.status]),
                    strip_marks(CHANNEL_TEXT[d.channel]),
                ]
            )
        )
        row = _truth_row(d, path.name, "utf16", date_only=date_only)
        row["field"] = strip_marks(d.field)
        truth.append(row)
    path.write_bytes("\r\n".join([*lines, ""]).encode("utf-16"))
    return Written(
        truth,
        {
            "format": "delimited",
            "encoding": "utf-16",
            "header_rows": [4],
            "read": len(ds),
            "kept": len(ds),
            "rejected": 0,
            "duplicate": 0,
            "footer": 0,
            "blank": 0,
            "personal_dropped": 1,
        },
    )


def write_cp1258_csv(ds: list[Dossier], path: Path, rng: random.Random) -> Written:
    """Xã Đắk Mil: Windows-1258 (decomposed tones), semicolons, a footer, one bad date."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(["UBND XÃ ĐẮK MIL"])
    w.writerow(["DANH SÁCH HỒ SƠ MỘT CỬA"])
    w.writerow(
        [
            "Mã hồ sơ",
            "Tên thủ tục",
            "Lĩnh vực",
            "Đơn vị",
            "Ngày nhận",
            "Hẹn trả",
            "Ngày hoàn thành",
            "Ngày trả",
            "Trạng thái",
            "Kênh",
            "Địa chỉ",
        ]
    )
    truth = []
    bad = None
    for i, d in enumerate(ds):
        finished = _fmt(d.finished_at, "%d/%m/%Y %H:%M")
        if bad is None and d.finished_at and i > 100:
            finished, bad = "31/02/2026 10:00", d.dossier_id  # a date that does not exist
        else:
            truth.append(_truth_row(d, path.name, "cp1258"))
        w.writerow(
            [
                d.dossier_id,
                d.procedure_name,
                d.field,
                d.unit,
                _fmt(d.received_at, "%d/%m/%Y %H:%M"),
                _fmt(d.due_at, "%d/%m/%Y %H:%M"),
                finished,
                _fmt(d.returned_at, "%d/%m/%Y %H:%M"),
                STATUS_TEXT[d.status],
                CHANNEL_TEXT[d.channel],
                d.address,
            ]
        )
    w.writerow([])
    w.writerow(["Tổng cộng", len(ds)])
    w.writerow(["Người lập biểu"])
    path.write_bytes(cp1258_bytes(buf.getvalue()))
    return Written(
        truth,
        {
            "format": "delimited",
            "encoding": "cp1258",
            "header_rows": [3],
            "read": len(ds),
            "kept": len(ds) - 1,
            "rejected": 1,
            "duplicate": 0,
            "footer": 2,
            "blank": 1,
            "personal_dropped": 1,
            "rejected_id": bad,
        },
    )


def write_xml2003(ds: list[Dossier], path: Path, rng: random.Random) -> Written:
    """Sở Công Thương: SpreadsheetML 2003 with typed DateTime cells."""
    head = [
        "Mã hồ sơ",
        "Mã TTHC",
        "Tên TTHC",
        "Lĩnh vực",
        "Đơn vị tiếp nhận",
        "Cấp",
        "Ngày tiếp nhận",
        "Ngày hẹn trả",
        "Ngày kết thúc xử lý",
        "Ngày trả kết quả",
        "Trạng thái hồ sơ",
        "Kênh thực hiện",
    ]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
        '<Worksheet ss:Name="Ho so"><Table>',
        '<Row><Cell ss:MergeAcross="11"><Data ss:Type="String">SỞ CÔNG THƯƠNG - DANH SÁCH HỒ SƠ</Data></Cell></Row>',
        '<Row ss:Index="3">' + "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in head) + "</Row>",
    ]
    truth = []

    def dt(v: datetime | None) -> str:
        if v is None:
            return "<Cell/>"
        return f'<Cell><Data ss:Type="DateTime">{v.strftime("%Y-%m-%dT%H:%M:%S")}.000</Data></Cell>'

    for d in ds:
        s = lambda t: f'<Cell><Data ss:Type="String">{escape(t)}</Data></Cell>'  # noqa: E731
        out.append(
            "<Row>"
            + s(d.dossier_id)
            + s(d.procedure_code)
            + s(d.procedure_name)
            + s(d.field)
            + s(d.unit)
            + s(d.level)
            + dt(d.received_at)
            + dt(d.due_at)
            + dt(d.finished_at)
            + dt(d.returned_at)
            + s(STATUS_TEXT[d.status])
            + s(CHANNEL_TEXT[d.channel])
            + "</Row>"
        )
        truth.append(_truth_row(d, path.name, "xml2003"))
    out.append("</Table></Worksheet></Workbook>")
    path.write_text("\n".join(out), encoding="utf-8")
    return Written(
        truth,
        {
            "format": "xml2003",
            "sheet": "Ho so",
            "header_rows": [3],
            "read": len(ds),
            "kept": len(ds),
            "rejected": 0,
            "duplicate": 0,
            "footer": 0,
            "blank": 0,
            "personal_dropped": 0,
        },
    )


SAMPLES = [
    # file name, writer, units, dossiers
    ("so_tu_phap_xay_dung_2025-2026.xlsx", write_xlsx, ["STP", "SXD"], 1200),
    ("phuong_hoa_binh.xls", write_html, ["PHB"], 900),
    ("so_nnmt_dongbo_utf8bom.csv", write_sync_csv, ["SNNMT"], 900),
    ("xa_tan_phu_unicode.txt", write_utf16_tsv, ["XTP"], 800),
    ("xa_dak_mil_cp1258.csv", write_cp1258_csv, ["XDM"], 700),
    ("so_cong_thuong_2003.xml", write_xml2003, ["SCT"], 500),
]


def make_samples(out_dir: Path, truth_dir: Path, seed: int = 20261123) -> None:
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    truth_dir.mkdir(parents=True, exist_ok=True)
    all_truth: list[dict[str, object]] = []
    expect: dict[str, object] = {}
    for name, writer, units, n in SAMPLES:
        ds: list[Dossier] = []
        for u in units:
            ds += draw_dossiers(u, n // len(units), rng)
        ds.sort(key=lambda d: d.received_at)
        written = writer(ds, out_dir / name, rng)
        all_truth += written.truth
        expect[name] = written.expect
    with (truth_dir / "sample_truth.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(all_truth[0]))
        w.writeheader()
        w.writerows(all_truth)
    (truth_dir / "sample_expect.json").write_text(json.dumps(expect, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def make_large(n: int, fmt: str, out: Path, seed: int = 7) -> None:
    """A large export for benchmarks: ``fmt`` is csv or xlsx (xlsxwriter, constant memory)."""
    rng = random.Random(seed)
    codes = list(UNITS)
    header = [
        "Mã hồ sơ",
        "Mã thủ tục",
        "Tên thủ tục",
        "Lĩnh vực",
        "Cơ quan xử lý",
        "Hình thức nộp",
        "Trạng thái",
        "Ngày tiếp nhận",
        "Ngày hẹn trả",
        "Ngày có kết quả",
        "Ngày trả kết quả",
    ]
    chunk = 20_000
    if fmt == "csv":
        with out.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            for start in range(0, n, chunk):
                for d in _large_chunk(rng, codes, min(chunk, n - start), start):
                    w.writerow(
                        [
                            d.dossier_id,
                            d.procedure_code,
                            d.procedure_name,
                            d.field,
                            d.unit,
                            CHANNEL_TEXT[d.channel],
                            STATUS_TEXT[d.status],
                            _fmt(d.received_at, "%d/%m/%Y %H:%M"),
                            _fmt(d.due_at, "%d/%m/%Y %H:%M"),
                            _fmt(d.finished_at, "%d/%m/%Y %H:%M"),
                            _fmt(d.returned_at, "%d/%m/%Y %H:%M"),
                        ]
                    )
        return
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    ws = wb.add_worksheet("DanhSach")
    datefmt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    ws.write_row(0, 0, header)
    r = 1
    for start in range(0, n, chunk):
        for d in _large_chunk(rng, codes, min(chunk, n - start), start):
            ws.write_row(
                r, 0, [d.dossier_id, d.procedure_code, d.procedure_name, d.field, d.unit, CHANNEL_TEXT[d.channel], STATUS_TEXT[d.status]]
            )
            for c, v in enumerate([d.received_at, d.due_at, d.finished_at, d.returned_at], start=7):
                if v is not None:
                    ws.write_datetime(r, c, v, datefmt)
            r += 1
    wb.close()


def _large_chunk(rng: random.Random, codes: list[str], n: int, start: int) -> list[Dossier]:
    ds = draw_dossiers(rng.choice(codes), n, rng)
    for i, d in enumerate(ds):
        d.dossier_id = f"{d.unit_code}-{start + i:09d}"
    return ds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="output folder (samples) or file (--large)")
    parser.add_argument("--truth", type=Path, default=ROOT / "tests" / "data")
    parser.add_argument("--large", type=int, help="write one large export of this many dossiers")
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    if args.large:
        make_large(args.large, args.format, args.out or Path(f"large_{args.large}.{args.format}"), args.seed)
    else:
        make_samples(args.out or ROOT / "sample_data", args.truth, args.seed)


if __name__ == "__main__":
    main()


__all__ = ["Dossier", "asdict", "make_large", "make_samples"]
