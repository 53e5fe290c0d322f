#!/usr/bin/env python3
"""Classification plus aggregation (by field) of N in-memory dossiers (the sample data repeated, shifted in time)
against a plain group-by count of the same frame, in the same process.

    python bench/classify_ratio.py [ROWS]   (default 10,000,000)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import polars as pl

from motcua_cli.aggregate import aggregate_period
from motcua_cli.calendar import WorkCalendar
from motcua_cli.load import load_files
from motcua_cli.periods import parse_period
from motcua_cli.policy import PRESETS

ROOT = Path(__file__).resolve().parent.parent


def frame(rows: int) -> pl.DataFrame:
    base = load_files(sorted(p for p in (ROOT / "sample_data").iterdir() if p.is_file())).dossiers
    copies = -(-rows // base.height)
    big = pl.concat([base] * copies).head(rows)
    return big.with_columns(dossier_id=pl.format("{}-{}", pl.col("dossier_id"), pl.int_range(pl.len()))).rechunk()


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    big = frame(rows)
    cal = WorkCalendar.build()
    period = parse_period("2026-Q3")
    floor = ours = float("inf")
    for _ in range(3):  # best of three, as everywhere in the suite
        start = time.perf_counter()
        big.group_by("field", "status").len()
        floor = min(floor, time.perf_counter() - start)
        start = time.perf_counter()
        out, total = aggregate_period(big, period, period.end, PRESETS["form06"], cal, ["field"])
        ours = min(ours, time.perf_counter() - start)
    assert out.height > 0 and total["received"] == total["settled"] + total["pending"]
    print(
        f"classify + aggregate by field, {rows:,} in-memory dossiers: {ours:.2f}s; plain group-by count {floor:.2f}s; ratio {ours / floor:.1f}"
    )


if __name__ == "__main__":
    main()
