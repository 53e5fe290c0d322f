#!/usr/bin/env python3
"""The benchmark suite (`make bench`): motcua against what a user would use instead.

    python bench/suite.py [--cases xlsx-100k,xlsx-1m,csv-1m,csv-10m,store-10m] [--out bench/results.md]

Each case runs, in this session and each as its own process (so peak memory is that
process's own): `motcua report FILE --period 2025 --by field -f json`; the floor (Polars
alone reading the same file); a plain pandas (+ openpyxl) script; DuckDB SQL over the
CSV. The per-field early / on-time / late counts of motcua and of each baseline must be
equal, or the suite stops: the comparison is of the same work. Each figure is the best
of three runs (pandas on a million rows or more: one run). Generated files are cached in
~/.cache/motcua-bench.

The store case ingests 10M dossiers (10 CSV files) into a fresh store, then reports
2025 over it; its baselines read the store's own Parquet export (`motcua store export`).
It also times a report over nine months of the store that receive 2.5M dossiers (the
size of a province's year).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import gen
from harness import Run, best, timed

HERE = Path(__file__).resolve().parent
PERIOD, START, END = "2025", "2025-01-01", "2025-12-31"
MOTCUA = [sys.executable, "-m", "motcua_cli"]
BASE = [sys.executable, str(HERE / "baselines.py")]


@dataclass
class Case:
    name: str
    rows: int
    motcua: Run
    floor: Run
    pandas: Run | None
    duckdb: Run | None
    note: str = ""


def counts_of_motcua(run: Run) -> dict[str, list[int]]:
    report = json.loads(run.stdout)
    return {r["field"]: [r["early"], r["on_time"], r["late"]] for r in report["rows"] if sum((r["early"], r["on_time"], r["late"]))}


def same_counts(name: str, ours: dict[str, list[int]], other: Run | None, who: str) -> None:
    if other is None:
        return
    theirs = json.loads(other.stdout)
    if ours != theirs:
        raise SystemExit(f"{name}: motcua and {who} disagree\nmotcua: {ours}\n{who}: {theirs}")


def file_case(name: str, path: Path, rows: int, runs: int, *, pandas: bool = True, duckdb: bool = True) -> Case:
    print(f"… {name}: {path.name}", flush=True)
    ours = best([*MOTCUA, "report", str(path), "--period", PERIOD, "--by", "field", "-f", "json"], runs)
    floor = best([*BASE, "floor", str(path)], runs)
    pd_run = best([*BASE, "pandas", str(path), START, END], 1 if rows >= 1_000_000 else runs) if pandas else None
    duck = best([*BASE, "duckdb", str(path), START, END], runs) if duckdb else None
    counts = counts_of_motcua(ours)
    same_counts(name, counts, pd_run, "pandas")
    same_counts(name, counts, duck, "duckdb")
    settled = sum(sum(v) for v in counts.values())
    # issue 16: `audit` on the same file and period, against `report` (target: under 1 s more).
    audit = best([*MOTCUA, "audit", str(path), "--period", PERIOD, "-f", "json"], runs)
    extra = audit.seconds - ours.seconds
    # issue 17: the HTML page (charts) of the same report (target: within 2 s of JSON).
    page = gen.CACHE / f"{path.stem}.html"
    html = best([*MOTCUA, "report", str(path), "--period", PERIOD, "--by", "field", "-o", str(page)], runs)
    note = (
        f"{settled:,} settled in 2025, counts equal; audit {audit.seconds:.2f} s ({extra:+.2f} s over report, peak {audit.peak_mb:,.0f} MB); "
        f"HTML {html.seconds:.2f} s ({html.seconds - ours.seconds:+.2f} s over JSON)"
    )
    return Case(name, rows, ours, floor, pd_run, duck, note)


def store_case(name: str, rows: int, runs: int) -> tuple[Case, str]:
    folder = gen.csv_folder(rows)
    store = gen.CACHE / f"store_{rows}"
    shutil.rmtree(store, ignore_errors=True)
    print(f"… {name}: ingest {folder}", flush=True)
    ingest = timed([*MOTCUA, "ingest", str(folder), "--store", str(store)])
    export = gen.CACHE / f"store_{rows}_export.parquet"
    timed([*MOTCUA, "store", "export", "--store", str(store), "-o", str(export)])
    ours = best([*MOTCUA, "report", "--store", str(store), "--period", PERIOD, "--by", "field", "-f", "json"], runs)
    floor = best([*BASE, "floor", str(export)], runs)
    pd_run = best([*BASE, "pandas", str(export), START, END], runs)
    duck = best([*BASE, "duckdb", str(export), START, END], runs)
    counts = counts_of_motcua(ours)
    same_counts("store", counts, pd_run, "pandas")
    same_counts("store", counts, duck, "duckdb")
    # issue 19: a province-year's report (2.5M dossiers) end to end. The store's nine
    # months 2025-01..09 receive as many (10M spread over three years).
    part = best([*MOTCUA, "report", "--store", str(store), "--from", START, "--to", "2025-09-30", "--by", "unit", "-f", "json"], runs)
    total = json.loads(part.stdout)["total"]
    line = f"ingest of {rows:,} dossiers ({len(list(folder.glob('*.csv')))} CSV files): {ingest.seconds:.0f} s, {rows / ingest.seconds:,.0f} dossiers/s, peak {ingest.peak_mb:,.0f} MB"
    line += (
        f"; report by unit over the store for {START} – 2025-09-30 ({total['received_new']:,} received then,"
        f" {total['received']:,} in scope with those carried over): {part.seconds:.2f} s, peak {part.peak_mb:,.0f} MB"
    )
    return Case(
        name,
        rows,
        ours,
        floor,
        pd_run,
        duck,
        "report over the store; baselines over its Parquet export; counts equal",
    ), line


def ratio(a: float, b: Run | None) -> str:
    return f"{a / b.seconds:.2f}" if b else "—"


def table(cases: list[Case]) -> str:
    lines = [
        "| case | rows | motcua s | floor s | ratio to floor | ratio to pandas | ratio to DuckDB | peak MB | pandas s | DuckDB s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for c in cases:
        s = c.motcua.seconds
        lines.append(
            f"| {c.name} | {c.rows:,} | {s:.2f} | {c.floor.seconds:.2f} | {ratio(s, c.floor)} | {ratio(s, c.pandas)} | {ratio(s, c.duckdb)} "
            f"| {c.motcua.peak_mb:,.0f} | {c.pandas.seconds if c.pandas else float('nan'):.2f} | {c.duckdb.seconds if c.duckdb else float('nan'):.2f} |"
        )
    return "\n".join(lines).replace("| nan |", "| — |")


def machine() -> str:
    import polars

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GB RAM, Python {platform.python_version()}, Polars {polars.__version__}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="xlsx-100k,xlsx-1m,csv-1m,csv-10m,store-10m")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--runs", type=int, help="runs per measurement (default: best of 3)")
    parser.add_argument("--classify", type=int, default=10_000_000, help="rows for the in-memory classify case (0: skip)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (a quick smoke run: 0.01)")
    args = parser.parse_args()
    # Byte-compiled first, as a regular install is (pip compiles what it installs; the
    # editable install does not, and with PYTHONDONTWRITEBYTECODE set every run would
    # compile the package again: 0.05-0.08 s of each start-up).
    compileall.compile_dir(HERE.parent / "src", quiet=1)
    size = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
    cases: list[Case] = []
    extra: list[str] = []
    for name in args.cases.split(","):
        kind, label = name.split("-")
        rows = max(1000, int(size[label] * args.scale))
        runs = args.runs or 3
        if kind == "xlsx":
            # DuckDB reads CSV: it has no place in the xlsx cases.
            cases.append(file_case(name, gen.xlsx_file(rows), rows, runs, duckdb=False))
        elif kind == "csv":
            cases.append(file_case(name, gen.csv_file(rows), rows, runs))
        else:
            case, line = store_case(name, rows, runs)
            cases.append(case)
            extra.append(line)
        print(table(cases[-1:]).splitlines()[-1], flush=True)
    # issue 19: start-up, each command best of `runs`, from the repository's root.
    root = HERE.parent
    samples = sorted(str(p) for p in (root / "sample_data").iterdir() if p.is_file())
    light = {
        "motcua --version": ["--version"],
        "motcua --help": ["--help"],
        "motcua calendar add 2026-01-09 1": ["calendar", "add", "2026-01-09", "1"],
        "motcua report sample_data/* --period 2026-Q3": ["report", *samples, "--period", "2026-Q3"],
    }
    script = str(Path(sys.executable).with_name("motcua"))
    startup = [f"{name}: {best([script, *args_], args.runs or 3).seconds:.2f} s" for name, args_ in light.items()]
    extra.append("start-up (the console script, best of three): " + "; ".join(startup))
    if args.classify:
        print(f"… classify + aggregate {args.classify:,} in-memory dossiers", flush=True)
        extra.append(timed([sys.executable, str(HERE / "classify_ratio.py"), str(args.classify)]).stdout.strip())
    text = "\n".join(
        [
            "# Benchmark results",
            "",
            f"Run on {date.today().isoformat()}, {machine()}, by `make bench` (bench/suite.py).",
            "Each figure is the best of three runs (pandas on a million rows or more: one), each run one process",
            "timed from start to exit (Python start-up and imports included; the package byte-compiled, as an installed one is);",
            "`motcua report FILE --period 2025 --by field -f json` against Polars reading the same file (floor),",
            "a plain pandas (+ openpyxl) script and DuckDB SQL over the CSV (bench/baselines.py), which compute",
            "the same per-field early / on-time / late counts; the suite checks the counts are equal.",
            "Ratios are motcua's time divided by the other's (below 1: motcua is faster). Peak MB is motcua's resident peak.",
            "",
            table(cases),
            "",
            *[f"- {c.name}: {c.note}" for c in cases],
            *[f"- {line}" for line in extra],
            "",
        ]
    )
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, args.out)
    print(text)
    if args.out == HERE / "results.md":
        quote_in_readme(text)


def quote_in_readme(results: str) -> None:
    """README quotes the latest results (between its bench markers)."""
    readme = HERE.parent / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start not in text or end not in text:
        return
    body = "\n".join(results.splitlines()[2:]).strip()  # without the title
    head, rest = text.split(start, 1)
    tmp = readme.with_suffix(".tmp")
    tmp.write_text(f"{head}{start}\n{body}\n{end}{rest.split(end, 1)[1]}", encoding="utf-8")
    os.replace(tmp, readme)


if __name__ == "__main__":
    main()
