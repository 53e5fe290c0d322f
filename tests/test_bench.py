"""The benchmark suite itself works: a tiny run (1% of each size) goes through every
case, checks motcua's counts against pandas' and DuckDB's, and writes its table.
(No timing is asserted: speed is measured by `make bench`, not by the tests.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_suite_runs_and_the_counts_agree(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    done = subprocess.run(
        [sys.executable, "suite.py", "--scale", "0.01", "--runs", "1", "--classify", "20000", "--out", str(out)],
        cwd=ROOT / "bench",
        env={"MOTCUA_BENCH_CACHE": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    table = out.read_text(encoding="utf-8")
    for case in ("xlsx-100k", "xlsx-1m", "csv-1m", "csv-10m", "store-10m"):
        assert f"| {case} |" in table
    assert table.count("counts equal") == 5 and "classify + aggregate" in table
