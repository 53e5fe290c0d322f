#!/usr/bin/env python3
"""Store benchmark: ingest throughput and report time over a generated store, with
the peak memory (resident set) of each step, each run as its own process.

    python bench/store_bench.py [ROWS]     (default 10,000,000; data cached in ~/.cache/motcua-bench)

The exports are generated column-wise with Polars (1,000,000 dossiers a file, CSV as
the national sync systems write it), so generation is not what is measured.
"""

from __future__ import annotations

import shutil
import sys

from gen import CACHE, csv_folder
from harness import timed


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
    folder = csv_folder(rows)
    store = CACHE / f"store_{rows}"
    shutil.rmtree(store, ignore_errors=True)
    motcua = [sys.executable, "-m", "motcua_cli"]
    run = timed([*motcua, "ingest", str(folder), "--store", str(store)])
    secs, peak = run.seconds, run.peak_mb
    print(
        f"ingest {rows:,} dossiers ({len(list(folder.glob('*.csv')))} files): {secs:.1f}s, {rows / secs:,.0f} dossiers/s, peak {peak:,.0f} MB"
    )
    for period in ("2026-Q3", "2025"):
        run = timed([*motcua, "report", "--store", str(store), "--period", period, "--by", "unit", "-f", "json"])
        secs, peak = run.seconds, run.peak_mb
        print(f"report {period} by unit over the {rows:,}-dossier store: {secs:.1f}s, peak {peak:,.0f} MB (each a new process)")


if __name__ == "__main__":
    main()
