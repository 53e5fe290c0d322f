"""Generated exports in the vocabularies of real one-stop systems, with their truth.

``truth(seed, n)`` makes dossiers as ``tests/data/sample_truth.csv`` holds them (the
columns ``test_report.reference_totals`` reads); the writers lay them out as the systems
do (DOMAIN.md 4):

- ``write_opencps``: OpenCPS v2's field names (``dossierNo``, ``receiveDate``,
  ``releaseDate`` = end of processing, ``finishDate`` = hand-over, ``dossierStatus``
  codes, boolean ``online``, ``viaPostal`` 2 = by post, ``dossierOverdue`` verdicts);
- ``write_thanhhoa``: the Thanh Hóa system's list headers ("Ngày nộp hồ sơ" days before
  "Ngày nhận", one end column "Ngày kết thúc xử lý", "Đơn vị tiếp nhận") with its channel
  texts and statuses carrying the system's verdict ("Đã trả kết quả (Trễ hạn)").
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from make_sample_data import add_working_days, is_working  # noqa: E402

FIELDS = ["Hộ tịch", "Đất đai", "Chứng thực", "Xây dựng"]
UNITS = ["UBND phường Hòa Bình", "UBND xã Tân Phú"]

# meaning → (OpenCPS dossierStatus code, its Vietnamese text as OpenCPS shows it)
OPENCPS = {
    "processing": ("processing", "Đang xử lý"),
    "supplement_requested": ("waiting", "Chờ bổ sung"),
    "financial_obligation": ("paying", "Chờ thực hiện nghĩa vụ tài chính"),
    "processed": ("releasing", "Chờ trả kết quả"),
    "returned": ("done", "Đã trả kết quả"),
    "withdrawn": ("cancelled", "Đã rút hồ sơ"),
    "stopped": ("unresolved", "Dừng xử lý"),
    "not_accepted": ("denied", "Từ chối tiếp nhận"),
}
# meaning → status texts of the Thanh Hóa list; settled ones get the verdict appended.
THANHHOA = {
    "processing": ["Đang xử lý", "Đang xử lý - Quá hạn", "Hồ sơ đang xử lý liên thông"],
    "supplement_requested": ["Chờ bổ sung", "Hồ sơ chờ công dân bổ sung"],
    "financial_obligation": ["Chờ thực hiện nghĩa vụ tài chính"],
    "processed": ["Đã xử lý xong", "Chờ trả kết quả"],
    "returned": ["Đã trả kết quả"],
    "withdrawn": ["Công dân yêu cầu rút hồ sơ"],
    "stopped": ["Dừng xử lý"],
    "not_accepted": ["Không được tiếp nhận"],
}
CHANNELS_TH = {"in_person": "Trực tiếp", "online": "Trực tuyến", "postal": "Qua bưu chính công ích"}


def _working_moment(rng: random.Random, start: datetime, span_days: int) -> datetime:
    while True:
        d = start + timedelta(days=rng.randrange(span_days))
        if is_working(d.date()):
            return datetime.combine(d.date(), datetime.min.time()) + timedelta(
                hours=rng.choice([7, 8, 9, 10, 14, 15]), minutes=rng.choice([0, 15, 30, 45])
            )


def truth(seed: int, n: int = 400) -> pl.DataFrame:
    """Dossiers received from 2026-05-01 over about five months, with their meanings."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        received = _working_moment(rng, datetime(2026, 5, 1), 150)
        days = rng.choice([3, 5, 7, 10, 15])
        due = add_working_days(received, days)
        roll = rng.random()
        if roll < 0.04:
            status, end = "not_accepted", None
        elif roll < 0.30:
            status, end = rng.choice(["processing", "processing", "supplement_requested", "financial_obligation"]), None
        else:
            status = rng.choice(["returned", "returned", "returned", "processed", "withdrawn", "stopped"])
            end = add_working_days(received, rng.randint(0, days + 4)) + timedelta(hours=rng.choice([-2, 0, 1, 2]))
            end = max(end, received + timedelta(hours=1))
        returned = end + timedelta(days=rng.choice([0, 1, 2])) if end is not None and status == "returned" else None
        channel = rng.choice(["in_person", "online", "online", "postal"])
        rows.append(
            {
                "dossier_id": f"G{seed}-{i:05d}",
                "field": rng.choice(FIELDS),
                "unit": rng.choice(UNITS),
                "channel": channel,
                "status": status,
                "duration_days": str(days),
                "received_at": received.isoformat(sep=" "),
                "submitted_at": (received - timedelta(days=rng.choice([0, 1, 3]) if channel == "online" else 0)).isoformat(sep=" "),
                "due_at": due.isoformat(sep=" "),
                "finished_at": end.isoformat(sep=" ") if end else "",
                "returned_at": returned.isoformat(sep=" ") if returned else "",
                "supplement_requested_at": "",
                "supplement_received_at": "",
            }
        )
    return pl.DataFrame(rows).with_columns(pl.all().replace("", None))


def _d(value: str | None, form: str = "%d/%m/%Y %H:%M:%S") -> str:
    return datetime.fromisoformat(value).strftime(form) if value else ""


def _verdict(r: dict) -> str:
    """The vendor's own grading as OpenCPS's dossierOverdue writes it (timestamps)."""
    due = datetime.fromisoformat(r["due_at"])
    if r["finished_at"]:
        late = (datetime.fromisoformat(r["finished_at"]) - due).total_seconds() / 86400
        return f"Quá hạn {late:.2f} ngày" if late > 0 else "Đúng hạn"
    return f"Còn {(due - datetime(2026, 9, 30)).days} ngày" if due > datetime(2026, 9, 30) else "Quá hạn"


def write_opencps(truth: pl.DataFrame, path: Path) -> Path:
    head = [
        "dossierNo", "serviceCode", "serviceName", "govAgencyName", "domainName", "applicantName", "address",
        "submitDate", "receiveDate", "dueDate", "extendDate", "releaseDate", "finishDate",
        "dossierStatus", "dossierStatusText", "online", "viaPostal", "durationCount", "durationUnit", "dossierOverdue",
    ]  # fmt: skip
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(head)
        for r in truth.iter_rows(named=True):
            code, text = OPENCPS[r["status"]]
            w.writerow(
                [
                    r["dossier_id"], "1.000123", "Đăng ký khai sinh", r["unit"], r["field"], "Nguyễn Văn A", "Số 1 đường B",
                    _d(r["submitted_at"]), _d(r["received_at"]), _d(r["due_at"]), "", _d(r["finished_at"]), _d(r["returned_at"]),
                    code, text, "True" if r["channel"] == "online" else "False", "2" if r["channel"] == "postal" else "0",
                    r["duration_days"], "0", _verdict(r),
                ]
            )  # fmt: skip
    return path


def write_thanhhoa(truth: pl.DataFrame, path: Path, seed: int = 1) -> Path:
    """The Thanh Hóa list: a title, "Ngày nộp hồ sơ" and "Ngày nhận", one end column."""
    rng = random.Random(seed)
    head = [
        "STT", "Mã hồ sơ", "Tên thủ tục", "Lĩnh vực", "Chủ hồ sơ", "Ngày nộp hồ sơ", "Ngày nhận", "Ngày hẹn trả",
        "Ngày kết thúc xử lý", "Trạng thái", "Kênh thực hiện", "Đơn vị tiếp nhận",
    ]  # fmt: skip
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["DANH SÁCH HỒ SƠ"])
        w.writerow(["Từ ngày 01/05/2026 đến ngày 30/09/2026"])
        w.writerow(head)
        for i, r in enumerate(truth.iter_rows(named=True), start=1):
            end = r["finished_at"] or r["returned_at"]
            status = rng.choice(THANHHOA[r["status"]])
            if end and r["status"] in ("returned", "processed"):
                late = datetime.fromisoformat(end).date() > datetime.fromisoformat(r["due_at"]).date()
                status += " (Trễ hạn)" if late else " (Đúng hạn)"
            w.writerow(
                [
                    i, r["dossier_id"], "Cấp giấy phép xây dựng", r["field"], "Trần Thị B", _d(r["submitted_at"], "%d/%m/%Y %H:%M"),
                    _d(r["received_at"], "%d/%m/%Y %H:%M"), _d(r["due_at"], "%d/%m/%Y %H:%M"), _d(end, "%d/%m/%Y %H:%M"),
                    status, CHANNELS_TH[r["channel"]], r["unit"],
                ]
            )  # fmt: skip
        w.writerow(["Tổng cộng", len(truth)])
    return path


def exports(folder: Path, seeds: tuple[int, ...] = (1, 2), suffix: str = ".csv") -> list[Path]:
    """Both systems' exports of the truth of each seed, written into ``folder`` (CSV
    content; ``suffix`` names them, the reader sniffs what they hold)."""
    out = []
    for seed in seeds:
        truth_ = truth(seed)
        out.append(write_opencps(truth_, folder / f"opencps_{seed}{suffix}"))
        out.append(write_thanhhoa(truth_, folder / f"thanhhoa_{seed}{suffix}", seed=seed))
    return out
