"""Run a command as a child process of its own and measure it: wall seconds, peak
resident memory (the kernel's ru_maxrss for that one child, via wait4) and its output."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class Run:
    seconds: float
    peak_mb: float
    stdout: str


def timed(cmd: list[str], ok: tuple[int, ...] = (0, 5)) -> Run:
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if code not in ok:
            raise SystemExit(f"{' '.join(cmd)} → exit {code}\n{err.read().decode(errors='replace')}")
        return Run(seconds, usage.ru_maxrss / 1024, out.read().decode())


def best(cmd: list[str], runs: int) -> Run:
    """The fastest of ``runs`` runs (peak memory of that run)."""
    return min((timed(cmd) for _ in range(runs)), key=lambda r: r.seconds)
