"""Mutation fuzzing of the whole command over the sample exports.

Each case takes one sample file, applies one to three mutations (truncation, flipped
bytes, inserted NUL or junk bytes, shuffled rows, dropped or blanked columns,
duplicated rows, two files spliced together) and runs
``motcua report FILE --period 2026-Q3 -f json`` on the result. A case passes when the
command ends, within the time bound, in

- a report (exit 0) whose JSON keeps the identities: every row read is kept, rejected
  or a duplicate, and received = settled + pending; or
- a clean refusal with a documented exit status (3 unreadable input, 4 too many
  rejects) and a message that names the file, or exit 2 saying the period holds no
  dossier (a truncated export may keep none of 2026-Q3);

and never with exit 1 (an unexpected error, i.e. a bug), a traceback, or a hang.

    python -m tests.fuzz --minutes 10 [--seed N] [--keep DIR]      (what `make fuzz` runs)

The cases run in a worker process that imports motcua once; a case that outlives the
time bound kills the worker (counted as a hang) and a new one takes over. Failing
inputs are copied to --keep with the command's output, to reproduce by hand.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import selectors
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for p in (ROOT / "sample_data").iterdir() if p.is_file())
ALLOWED = {0, 2, 3, 4}  # README's exit statuses a broken file may give; 1 is a bug
NOTHING_IN_PERIOD = "Không có hồ sơ nào trong kỳ"  # the one exit 2 a broken file may give
COMMAND = ["report", "--period", "2026-Q3", "-f", "json"]
TEXT_ENCODINGS = ("utf-8-sig", "utf-16", "cp1258")


# --- mutations: bytes in, bytes out ------------------------------------------------


def truncate(data: bytes, rng: random.Random, path: Path) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def flip_bytes(data: bytes, rng: random.Random, path: Path) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 30)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def insert_junk(data: bytes, rng: random.Random, path: Path) -> bytes:
    junk = rng.choice([b"\x00", b"\x00" * 50, b"\xff\xfe", b"\xef\xbb\xbf", b'"', b"\r", b"\n\n\n", b"<", b"&", b"=1+1", rng.randbytes(20)])
    at = rng.randrange(len(data) + 1)
    return data[:at] + junk + data[at:]


def _text(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) for a text export (CSV, TSV, HTML, XML); None for a zip or binary."""
    if data[:2] == b"PK" or data[:4] == b"\xd0\xcf\x11\xe0":
        return None
    for enc in TEXT_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        return text, enc
    return None


def _rows_mutation(fn: Callable[[list[str], random.Random], list[str]]) -> Callable[[bytes, random.Random, Path], bytes]:
    """Apply ``fn`` to the lines of a text export or the rows of an xlsx sheet."""

    def mutate(data: bytes, rng: random.Random, path: Path) -> bytes:
        decoded = _text(data)
        if decoded is not None:
            text, enc = decoded
            if "<tr" in text or "<Row" in text:  # HTML or SpreadsheetML: one row per line
                lines = text.split("\n")
                head = next((i for i, line in enumerate(lines) if "<tr" in line or "<Row" in line), 0)
                body = [i for i, line in enumerate(lines) if i > head and ("<tr" in line or "<Row" in line)]
                if not body:
                    return data
                first, last = body[0], body[-1] + 1
                return "\n".join([*lines[:first], *fn(lines[first:last], rng), *lines[last:]]).encode(enc)
            lines = text.splitlines(keepends=True)
            if len(lines) < 4:
                return data
            cut = rng.randint(1, min(10, len(lines) - 1))
            return "".join([*lines[:cut], *fn(lines[cut:], rng)]).encode(enc)
        return _xlsx_rows(data, lambda rows: fn(rows, rng))

    mutate.__name__ = fn.__name__
    return mutate


def _xlsx_rows(data: bytes, fn: Callable[[list], list]) -> bytes:  # type: ignore[type-arg]
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data))
    except Exception:
        return data
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    ws.delete_rows(1, ws.max_row)
    for r in rows[:6] + fn(rows[6:]):
        ws.append(list(r))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@_rows_mutation
def shuffle_rows(rows: list, rng: random.Random) -> list:  # type: ignore[type-arg]
    rows = list(rows)
    rng.shuffle(rows)
    return rows


@_rows_mutation
def duplicate_rows(rows: list, rng: random.Random) -> list:  # type: ignore[type-arg]
    extra = [rng.choice(rows) for _ in range(rng.randint(1, 50))] if rows else []
    return rows + extra


@_rows_mutation
def drop_rows(rows: list, rng: random.Random) -> list:  # type: ignore[type-arg]
    return [r for r in rows if rng.random() > 0.3]


def _cells_mutation(fn: Callable[[list[str], int, random.Random], list[str]]) -> Callable[[bytes, random.Random, Path], bytes]:
    """Apply ``fn`` to each row's cells (CSV/TSV fields, HTML td/th, SpreadsheetML Cell,
    xlsx cells), with one column index chosen for the whole file."""

    def mutate(data: bytes, rng: random.Random, path: Path) -> bytes:
        column = rng.randrange(12)
        decoded = _text(data)
        if decoded is None:
            return _xlsx_rows(data, lambda rows: [fn(list(r), column, rng) for r in rows])
        text, enc = decoded
        if "<tr" in text or "<Row" in text:
            tag = r"<t[dh][^>]*>.*?</t[dh]>" if "<tr" in text else r"<Cell[^>]*>.*?</Cell>|<Cell[^>]*/>"
            out = []
            for line in text.split("\n"):
                cells = re.findall(tag, line)
                if cells:
                    kept = fn(cells, column, rng)
                    line = re.sub(f"(?:{tag})+", lambda _m, kept=kept: "".join(kept), line, count=1)
                out.append(line)
            return "\n".join(out).encode(enc)
        delimiter = max(",;\t|", key=text[:2000].count)
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error:  # an earlier mutation broke the quoting: nothing to drop
            return data
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(fn(r, column, rng) for r in rows)
        return buffer.getvalue().encode(enc)

    mutate.__name__ = fn.__name__
    return mutate


@_cells_mutation
def drop_column(cells: list[str], column: int, rng: random.Random) -> list[str]:
    return cells[:column] + cells[column + 1 :]


@_cells_mutation
def blank_column(cells: list[str], column: int, rng: random.Random) -> list[str]:
    if column < len(cells) and isinstance(cells[column], str) and cells[column].startswith("<"):
        return cells  # markup cells: blanking would need their tags kept; dropping covers it
    return [("" if i == column else c) for i, c in enumerate(cells)]


def splice(data: bytes, rng: random.Random, path: Path) -> bytes:
    other = rng.choice(SAMPLES).read_bytes()
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


MUTATIONS = [truncate, flip_bytes, insert_junk, shuffle_rows, duplicate_rows, drop_rows, drop_column, blank_column, splice]


# --- cases ---------------------------------------------------------------------------


@dataclass
class Outcome:
    case: int
    source: str
    mutations: list[str]
    exit: int | None  # None: hang
    seconds: float
    problem: str = ""
    output: str = ""


@dataclass
class Summary:
    cases: int = 0
    failures: list[Outcome] = field(default_factory=list)
    exits: Counter[str] = field(default_factory=Counter)
    slowest: float = 0.0


def make_case(index: int, seed: int, folder: Path) -> tuple[Path, str, list[str]]:
    rng = random.Random(f"{seed}-{index}")
    source = rng.choice(SAMPLES)
    data = source.read_bytes()
    chosen = rng.sample(MUTATIONS, rng.randint(1, 3))
    for mutation in chosen:
        try:
            data = mutation(data, rng, source)
        except Exception as exc:  # a mutation that cannot apply to this input is a bug of the fuzzer
            raise RuntimeError(f"mutation {mutation.__name__} failed on {source.name} (case {index}, seed {seed})") from exc
    path = folder / f"case{index:05d}{source.suffix}"
    path.write_bytes(data)
    return path, source.name, [m.__name__ for m in chosen]


def judge(exit_code: int, stdout: str, stderr: str, path: Path) -> str:
    """'' when the run is acceptable, else what is wrong."""
    if "Traceback" in stdout + stderr:
        return "traceback"
    if exit_code not in ALLOWED:
        return f"exit {exit_code}"
    if exit_code == 2 and NOTHING_IN_PERIOD not in stderr:
        return "exit 2 for something else than an empty period"
    if exit_code == 3 and path.name not in stderr:
        return "error message does not name the file"
    if exit_code == 0:
        try:
            report = json.loads(stdout)
        except ValueError:
            return "exit 0 but the output is not JSON"
        for item in report["inputs"]:
            if item["rows_read"] != item["kept"] + item["rejected"] + item["duplicate"]:
                return f"rows lost: {item}"
        total = report["total"]
        if total["received"] != total["settled"] + total["pending"]:
            return f"received != settled + pending: {total}"
    return ""


class Worker:
    """A process that imports motcua once and runs one command per input line."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.fuzz", "--worker"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def run(self, args: list[str], timeout: float) -> dict | None:  # type: ignore[type-arg]
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(args) + "\n")
        self.proc.stdin.flush()
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            if not sel.select(timeout):
                self.close()
                return None
        line = self.proc.stdout.readline()
        if not line:  # the worker died (killed by the kernel, say)
            self.close()
            return {"exit": -1, "stdout": "", "stderr": "worker died"}
        return json.loads(line)

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def worker_loop() -> None:
    from typer.testing import CliRunner

    from motcua_cli.cli import app

    runner = CliRunner()
    for line in sys.stdin:
        result = runner.invoke(app, json.loads(line), catch_exceptions=True)
        exc = result.exception
        stderr = result.stderr
        if exc is not None and not isinstance(exc, SystemExit):
            stderr += f"\nTraceback (uncaught): {exc!r}"
        sys.stdout.write(json.dumps({"exit": result.exit_code, "stdout": result.stdout, "stderr": stderr}) + "\n")
        sys.stdout.flush()


def fuzz(
    *, cases: int | None = None, seconds: float | None = None, seed: int = 1, bound: float = 60.0, keep: Path | None = None
) -> Summary:
    summary = Summary()
    worker = Worker()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="motcua-fuzz-") as tmp:
        index = 0
        while (cases is None or index < cases) and (seconds is None or time.monotonic() - started < seconds):
            path, source, names = make_case(index, seed, Path(tmp))
            begin = time.monotonic()
            reply = worker.run([*COMMAND[:1], str(path), *COMMAND[1:]], bound)
            spent = time.monotonic() - begin
            summary.slowest = max(summary.slowest, spent)
            if reply is None:
                outcome = Outcome(index, source, names, None, spent, f"no answer within {bound:.0f} s")
                worker = Worker()
            else:
                if reply["exit"] == -1:
                    worker = Worker()
                problem = judge(reply["exit"], reply["stdout"], reply["stderr"], path)
                output = reply["stderr"] or reply["stdout"]
                if reply["exit"] == 1:  # a bug: run it again with --debug for the traceback
                    again = worker.run(["--debug", *COMMAND[:1], str(path), *COMMAND[1:]], bound)
                    output += "\n" + (again["stderr"] if again else "(no answer with --debug)")
                    if again is None:
                        worker = Worker()
                outcome = Outcome(index, source, names, reply["exit"], spent, problem, output[-2000:])
            summary.cases += 1
            summary.exits[str(outcome.exit)] += 1
            if outcome.problem:
                summary.failures.append(outcome)
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(path, keep / path.name)
                    (keep / f"{path.name}.txt").write_text(f"{outcome}\n", encoding="utf-8")
            path.unlink()
            index += 1
    worker.close()
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--cases", type=int, help="stop after this many cases instead")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="seed (default: the clock; printed to reproduce)")
    parser.add_argument("--bound", type=float, default=60.0, help="seconds one case may take before it counts as a hang")
    parser.add_argument("--keep", type=Path, default=ROOT / "fuzz-failures", help="where failing inputs are copied")
    args = parser.parse_args()
    if args.worker:
        worker_loop()
        return
    amount = f"{args.cases} cases" if args.cases else f"{args.minutes:.1f} min"
    print(f"fuzz: seed {args.seed}, {amount}, bound {args.bound:.0f} s/case")
    summary = fuzz(cases=args.cases, seconds=None if args.cases else args.minutes * 60, seed=args.seed, bound=args.bound, keep=args.keep)
    for f in summary.failures:
        print(f"FAIL case {f.case} ({f.source} + {', '.join(f.mutations)}): {f.problem}\n{f.output}\n")
    exits = ", ".join(f"exit {k}: {v}" for k, v in sorted(summary.exits.items()))
    print(f"fuzz: {summary.cases} cases, {len(summary.failures)} failed ({exits}); slowest case {summary.slowest:.1f} s")
    if summary.failures:
        print(f"failing inputs copied to {args.keep}")
    sys.exit(1 if summary.failures else 0)


if __name__ == "__main__":
    main()
