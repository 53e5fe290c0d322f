"""Kill the store's writers at random moments and check nothing is damaged or lost.

Each round ingests a series of overlapping exports into an empty store, one after the
other; each ingest (and, between them, a `store compact` or `store repair`) is first
started and killed (SIGKILL) at a random moment, or at one of the named crash points,
then run again to the end. After every kill the store must verify clean (leftover files
of the killed writer are allowed: the next writer removes them) and hold exactly the
state before or after that step; after every finished step, exactly the state a serial
ingest without kills gives. Counted: kills, damaged stores, lost dossiers.

    python -m tests.crash --minutes 10 [--seed N]      (what `make crash` runs)
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import polars as pl

from motcua_cli.config import Config
from motcua_cli.store import CONTENT, Store

POINTS = ["after-merge", "after-parts", "before-rename", "after-rename", "compact-written", "repair-written"]


@dataclass
class Summary:
    kills: int = 0
    damaged: int = 0
    lost: int = 0
    wrong: int = 0
    steps: int = 0
    problems: list[str] = field(default_factory=list)


def exports(folder: Path, seed: int, n: int = 6, rows: int = 400) -> list[Path]:
    """Overlapping daily exports: each shows most dossiers again, some moved on."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    statuses = ["Đang xử lý", "Chờ bổ sung", "Đã trả kết quả", "Đã xử lý xong"]
    for day in range(n):
        lines = ["Mã hồ sơ,Lĩnh vực,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái"]
        for i in rng.sample(range(rows), rows * 3 // 4):
            received = datetime(2026, 1 + i % 11, 1 + i % 27, 8)
            status = rng.choice(statuses[: 2 + min(day, 2)])
            end = (received + timedelta(days=3 + i % 5)).strftime("%d/%m/%Y %H:%M") if status.startswith("Đã") else ""
            due = (received + timedelta(days=7)).strftime("%d/%m/%Y %H:%M")
            lines.append(f"K-{i},{rng.choice(['Hộ tịch', 'Đất đai'])},{received:%d/%m/%Y %H:%M},{due},{end},{status}")
        path = folder / f"day{day}.csv"
        path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
        stamp = datetime(2026, 11, 1 + day, 18).timestamp()
        os.utime(path, (stamp, stamp))
        files.append(path)
    return files


def content(root: Path) -> pl.DataFrame | None:
    store = Store(root)
    if not (root / "manifest.json").exists():
        return None
    try:
        return store.read().select("source_system", *CONTENT, "snapshot_at").sort("dossier_id")
    except Exception:  # an empty store
        return pl.DataFrame()


def _same(a: pl.DataFrame | None, b: pl.DataFrame | None) -> bool:
    if a is None or b is None or a.height == 0 or b.height == 0:
        return (a is None or a.height == 0) and (b is None or b.height == 0)
    return a.equals(b)


def _command(root: Path, step: tuple[str, Path | None]) -> list[str]:
    kind, path = step
    if kind == "ingest":
        return [sys.executable, "-m", "motcua_cli", "ingest", "--store", str(root), str(path)]
    return [sys.executable, "-m", "motcua_cli", "store", kind, "--store", str(root)]


def run_round(work: Path, rng: random.Random, summary: Summary, deadline: float) -> None:
    files = exports(work / "in", rng.randrange(1 << 30))
    steps: list[tuple[str, Path | None]] = []
    for f in files:
        steps.append(("ingest", f))
        if rng.random() < 0.4:
            steps.append((rng.choice(["compact", "repair"]), None))
    reference = work / "ref"
    states = [None]
    for kind, path in steps:
        if kind == "ingest":
            assert path is not None
            Store(reference).ingest(path, Config())
        states.append(content(reference))
    root = work / "kho"
    for i, step in enumerate(steps):
        if time.monotonic() > deadline:
            return
        env = dict(os.environ)
        use_point = rng.random() < 0.3
        if use_point:
            env["MOTCUA_TEST_CRASH"] = rng.choice(POINTS)
        proc = subprocess.Popen(_command(root, step), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if not use_point:
            time.sleep(rng.uniform(0.2, 2.5))
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.returncode == -signal.SIGKILL:
            summary.kills += 1
        now = content(root)
        check = Store(root).verify() if (root / "manifest.json").exists() else {"problems": []}
        if check["problems"]:
            summary.damaged += 1
            summary.problems.append(f"{step[0]} {i}: {check['problems'][:2]}")
        if not (_same(now, states[i]) or _same(now, states[i + 1])):
            summary.wrong += 1
            summary.problems.append(f"{step[0]} {i}: the store is neither before nor after the step")
        done = subprocess.run(_command(root, step), capture_output=True, text=True)
        summary.steps += 1
        after = content(root)
        if done.returncode != 0 or not _same(after, states[i + 1]):
            want = set() if states[i + 1] is None else set(states[i + 1]["dossier_id"].to_list())
            got = set() if after is None or after.height == 0 else set(after["dossier_id"].to_list())
            summary.lost += len(want - got)
            summary.wrong += 1
            summary.problems.append(f"{step[0]} {i} run again: exit {done.returncode} {done.stderr[-300:]}")
            return


def crash(minutes: float | None = None, kills: int | None = None, seed: int = 20261201) -> Summary:
    rng = random.Random(seed)
    summary = Summary()
    deadline = time.monotonic() + (minutes * 60 if minutes else 10**9)
    with tempfile.TemporaryDirectory(prefix="motcua-crash-") as tmp:
        n = 0
        while time.monotonic() < deadline and (kills is None or summary.kills < kills):
            work = Path(tmp) / f"round{n}"
            run_round(work, rng, summary, deadline if kills is None else time.monotonic() + 600)
            n += 1
            if summary.wrong or summary.damaged:
                break
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    s = crash(minutes=args.minutes, seed=args.seed)
    print(f"crash: {s.kills} kills over {s.steps} steps; {s.damaged} damaged stores, {s.lost} lost dossiers, {s.wrong} wrong states")
    for p in s.problems:
        print("  " + p)
    sys.exit(1 if s.damaged or s.lost or s.wrong else 0)


if __name__ == "__main__":
    main()
