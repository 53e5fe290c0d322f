"""Generated exports for the benchmarks, built column-wise with Polars so that
generation is fast and not what is measured. Files are cached in ~/.cache/motcua-bench
(or $MOTCUA_BENCH_CACHE) so a second run does not regenerate them.

The columns are those of a national-sync export: id, field, unit, received, due,
finished (text dates ``dd/mm/yyyy HH:MM``), status. 85% settled, spread over 2024-2026.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import polars as pl

CACHE = Path(os.environ.get("MOTCUA_BENCH_CACHE", Path.home() / ".cache" / "motcua-bench"))
CHUNK = 1_000_000
UNITS = ["Sở Tư pháp", "Sở Xây dựng", "Sở Công Thương", "UBND xã Tân Phú", "UBND phường Hòa Bình", "UBND xã Đắk Mil"]
FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Lý lịch tư pháp", "Môi trường", "Thương mại", "Bảo trợ xã hội"]
STATUS = ["Đã trả kết quả", "Đã xử lý xong", "Đang xử lý", "Chờ bổ sung"]


def make_chunk(index: int, rows: int) -> pl.DataFrame:
    start = datetime(2024, 1, 1, 8)
    seed = 1000 + index

    def draw(salt: int, n: int) -> pl.Expr:  # uniform in [0, n), repeatable
        return (pl.col("i").hash(seed + 7919 * salt) % n).cast(pl.Int64)

    frame = pl.DataFrame({"i": pl.int_range(rows, eager=True)}).with_columns(
        r=draw(0, 3 * 365 * 24 * 60),
        dur=draw(1, 20) + 1,
        off=draw(2, 9) - 5,
        u=draw(3, len(UNITS)),
        f=draw(4, len(FIELDS)),
        s=draw(5, 20),
    )
    received = pl.lit(start) + pl.duration(minutes=pl.col("r"))
    due = received + pl.duration(days=pl.col("dur") * 7 // 5)
    # Never before receipt: a real system does not finish a dossier before it arrives.
    finished = pl.max_horizontal(due + pl.duration(days=pl.col("off"), hours=2), received + pl.duration(hours=1))
    status = (
        pl.when(pl.col("s") < 15)
        .then(pl.lit(STATUS[0]))
        .when(pl.col("s") < 17)
        .then(pl.lit(STATUS[1]))
        .when(pl.col("s") < 19)
        .then(pl.lit(STATUS[2]))
        .otherwise(pl.lit(STATUS[3]))
    )
    settled = pl.col("s") < 17
    fmt = "%d/%m/%Y %H:%M"
    return frame.select(
        pl.format("H-{}-{}", pl.lit(index), pl.col("i")).alias("Mã hồ sơ"),
        pl.col("f").replace_strict(dict(enumerate(FIELDS))).alias("Lĩnh vực"),
        pl.col("u").replace_strict(dict(enumerate(UNITS))).alias("Cơ quan xử lý"),
        received.dt.strftime(fmt).alias("Ngày tiếp nhận"),
        due.dt.strftime(fmt).alias("Ngày hẹn trả"),
        pl.when(settled).then(finished.dt.strftime(fmt)).alias("Ngày có kết quả"),
        status.alias("Trạng thái"),
    )


def csv_folder(rows: int) -> Path:
    """``rows`` dossiers as CSV files of 1,000,000 each (the store benchmark's inbox)."""
    folder = CACHE / f"store_exports_{rows}"
    parts = -(-rows // CHUNK)
    if folder.exists() and len(list(folder.glob("*.csv"))) == parts:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(parts):
        _atomic(folder / f"export_{i:03d}.csv", lambda tmp, i=i: make_chunk(i, min(CHUNK, rows - i * CHUNK)).write_csv(tmp))
    return folder


def csv_file(rows: int) -> Path:
    """One CSV export of ``rows`` dossiers."""
    path = CACHE / f"export_{rows}.csv"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)

        def write(tmp: Path) -> None:
            with tmp.open("wb") as fh:
                for i in range(-(-rows // CHUNK)):
                    make_chunk(i, min(CHUNK, rows - i * CHUNK)).write_csv(fh, include_header=i == 0)

        _atomic(path, write)
    return path


def xlsx_file(rows: int) -> Path:
    """One xlsx export of ``rows`` dossiers, the same columns and text dates as the CSV
    (many one-stop systems export dates as text), written by xlsxwriter in constant memory."""
    path = CACHE / f"export_{rows}.xlsx"
    if path.exists():
        return path
    import xlsxwriter

    CACHE.mkdir(parents=True, exist_ok=True)

    def write(tmp: Path) -> None:
        wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_numbers": False})
        ws = wb.add_worksheet("DanhSach")
        r = 0
        for i in range(-(-rows // CHUNK)):
            chunk = make_chunk(i, min(CHUNK, rows - i * CHUNK))
            if i == 0:
                ws.write_row(0, 0, chunk.columns)
                r = 1
            for row in chunk.iter_rows():
                for c, v in enumerate(row):
                    if v is not None:
                        ws.write_string(r, c, v)
                r += 1
        wb.close()

    _atomic(path, write)
    return path


def _atomic(path: Path, write) -> None:  # type: ignore[no-untyped-def]
    tmp = path.with_name(path.name + ".part" + path.suffix)
    write(tmp)
    os.replace(tmp, path)
