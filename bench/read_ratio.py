#!/usr/bin/env python3
"""Reader speed against its floor: motcua's load_file vs polars.read_excel (calamine)
on the same generated xlsx, in the same process; best of N runs each.

    python bench/read_ratio.py [ROWS]     (default 200000; files cached in ~/.cache/motcua-bench)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import polars as pl

from motcua_cli.load import load_file

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path.home() / ".cache" / "motcua-bench"


def best_of(fn, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"export_{rows}.xlsx"
    if not path.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "make_sample_data.py"), "--large", str(rows), "--format", "xlsx", "--out", str(path)],
            check=True,
        )
    floor = best_of(lambda: pl.read_excel(path, engine="calamine"))
    ours = best_of(lambda: load_file(path))
    kept = load_file(path)[2].counts["kept"]
    print(f"read {rows} rows xlsx: polars.read_excel {floor:.2f}s, motcua load_file {ours:.2f}s, ratio {ours / floor:.2f} (kept {kept})")


if __name__ == "__main__":
    main()
