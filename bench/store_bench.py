#!/usr/bin/env python3
"""Store benchmark: ingest throughput and report time over a generated store, with
the peak memory (resident set) of each step, each run as its own process.

    python bench/store_bench.py [ROWS]     (default 10,000,000; data cached in ~/.cache/motcua-bench)

The exports are generated column-wise with Polars (1,000,000 dossiers a file, CSV as
the national sync systems write it), so generation is not what is measured.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import polars as pl

CACHE = Path.home() / ".cache" / "motcua-bench"
CHUNK = 1_000_000
UNITS = ["Sở Tư pháp", "Sở Xây dựng", "Sở Công Thương", "UBND xã Tân Phú", "UBND phường Hòa Bình", "UBND xã Đắk Mil"]
FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Lý lịch tư pháp", "Môi trường", "Thương mại", "Bảo trợ xã hội"]
STATUS = ["Đã trả kết quả", "Đã xử lý xong", "Đang xử lý", "Chờ bổ sung"]


def make_chunk(index: int, rows: int) -> pl.DataFrame:
    start = datetime(2024, 1, 1, 8)
    seed = 1000 + index
    frame = pl.DataFrame({"i": pl.int_range(rows, eager=True)}).with_columns(
        r=pl.int_range(rows).shuffle(seed=seed) % (3 * 365 * 24 * 60),
        dur=(pl.int_range(rows).shuffle(seed=seed + 1) % 20) + 1,
        off=(pl.int_range(rows).shuffle(seed=seed + 2) % 9) - 5,
        u=pl.int_range(rows).shuffle(seed=seed + 3) % len(UNITS),
        f=pl.int_range(rows).shuffle(seed=seed + 4) % len(FIELDS),
        s=pl.int_range(rows).shuffle(seed=seed + 5) % 20,
    )
    received = pl.lit(start) + pl.duration(minutes=pl.col("r"))
    due = received + pl.duration(days=pl.col("dur") * 7 // 5)
    finished = due + pl.duration(days=pl.col("off"), hours=2)
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


def exports(rows: int) -> Path:
    folder = CACHE / f"store_exports_{rows}"
    if folder.exists() and len(list(folder.glob("*.csv"))) == -(-rows // CHUNK):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(-(-rows // CHUNK)):
        make_chunk(i, min(CHUNK, rows - i * CHUNK)).write_csv(folder / f"export_{i:03d}.csv")
    return folder


def timed(cmd: list[str]) -> tuple[float, float]:
    """(seconds, peak resident MB) of a command run as a child process of its own."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 5):
        raise SystemExit(proc.stderr.read().decode() if proc.stderr else f"exit {code}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    folder = exports(rows)
    store = CACHE / f"store_{rows}"
    shutil.rmtree(store, ignore_errors=True)
    motcua = [sys.executable, "-m", "motcua_cli"]
    secs, peak = timed([*motcua, "ingest", str(folder), "--store", str(store)])
    print(
        f"ingest {rows:,} dossiers ({len(list(folder.glob('*.csv')))} files): {secs:.1f}s, {rows / secs:,.0f} dossiers/s, peak {peak:,.0f} MB"
    )
    for period in ("2026-Q3", "2025"):
        secs, peak = timed([*motcua, "report", "--store", str(store), "--period", period, "--by", "unit", "-f", "json"])
        print(f"report {period} by unit over the {rows:,}-dossier store: {secs:.1f}s, peak {peak:,.0f} MB (each a new process)")


if __name__ == "__main__":
    main()
