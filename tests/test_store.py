"""The local store: merging overlapping exports, idempotence, crash safety, damage."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from motcua_cli.config import Config
from motcua_cli.store import Store

from .conftest import SAMPLE_DIR, run

HEADER = "Mã hồ sơ,Lĩnh vực,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái\r\n"


def export(path: Path, rows: list[str], mtime: float) -> Path:
    path.write_text(HEADER + "".join(r + "\r\n" for r in rows), encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


def day_files(tmp: Path) -> list[Path]:
    base = time.time() - 10 * 86400
    return [
        export(
            tmp / "d1.csv",
            ["A,Hộ tịch,01/07/2026 08:00,03/07/2026 08:00,,Đang xử lý", "B,Hộ tịch,01/07/2026 09:00,06/07/2026 09:00,,Đang xử lý"],
            base,
        ),
        export(
            tmp / "d2.csv",
            [
                "A,Hộ tịch,01/07/2026 08:00,03/07/2026 08:00,02/07/2026 10:00,Đã xử lý xong",
                "C,Đất đai,02/07/2026 08:00,16/07/2026 08:00,,Đang xử lý",
            ],
            base + 86400,
        ),
        export(
            tmp / "d3.csv",
            [
                "B,Hộ tịch,01/07/2026 09:00,06/07/2026 09:00,,Chờ bổ sung",
                "C,Đất đai,02/07/2026 08:00,16/07/2026 08:00,20/07/2026 08:00,Đã trả kết quả",
            ],
            base + 2 * 86400,
        ),
    ]


def state(store: Store) -> dict[str, tuple]:
    frame = store.read().sort("dossier_id")
    return {r["dossier_id"]: (r["status"], r["finished_at"], r["source_file"].rsplit("/", 1)[-1]) for r in frame.iter_rows(named=True)}


def test_overlapping_exports_keep_each_dossiers_latest_state(tmp_path: Path) -> None:
    store = Store(tmp_path / "kho")
    results = [store.ingest(f, Config()) for f in day_files(tmp_path)]
    assert [(r.new, r.updated, r.unchanged) for r in results] == [(2, 0, 0), (1, 1, 0), (0, 2, 0)]
    s = state(store)
    assert s["A"][0] == "processed" and s["A"][2] == "d2.csv"
    assert s["B"][0] == "supplement_requested"
    assert s["C"][0] == "returned"
    assert store.info()["partitions"].keys() == {"2026-07", "open"}


def test_out_of_order_ingest_gives_the_same_store_and_never_regresses(tmp_path: Path) -> None:
    files = day_files(tmp_path)
    in_order, reverse = Store(tmp_path / "a"), Store(tmp_path / "b")
    for f in files:
        in_order.ingest(f, Config())
    for f in reversed(files):
        reverse.ingest(f, Config())
    assert state(in_order) == state(reverse)
    a = in_order.read().drop("ingest").sort("dossier_id")
    b = reverse.read().drop("ingest").sort("dossier_id")
    assert a.equals(b)
    # d1 (A still processing) ingested again under another name, after d2: A stays settled.
    late = export(tmp_path / "d1_again.csv", ["A,Hộ tịch,01/07/2026 08:00,03/07/2026 08:00,,Đang xử lý x"], time.time())
    r = in_order.ingest(late, Config())
    assert (r.new, r.updated, r.unchanged) == (0, 0, 1)
    assert state(in_order)["A"][0] == "processed"


def test_reingesting_the_same_file_changes_nothing(tmp_path: Path, runner: CliRunner) -> None:
    store_dir = tmp_path / "kho"
    f = day_files(tmp_path)[0]
    first = run(runner, "ingest", str(f), "--store", str(store_dir))
    assert first.exit_code == 0 and "mới 2" in first.stdout
    before = (store_dir / "manifest.json").read_bytes()
    files_before = sorted(p.name for p in store_dir.rglob("*.parquet"))
    again = run(runner, "ingest", str(f), "--store", str(store_dir))
    assert again.exit_code == 0 and "bỏ qua" in again.stdout
    assert (store_dir / "manifest.json").read_bytes() == before
    assert sorted(p.name for p in store_dir.rglob("*.parquet")) == files_before
    copy = tmp_path / "renamed.csv"
    copy.write_bytes(f.read_bytes())
    assert "bỏ qua" in run(runner, "ingest", str(copy), "--store", str(store_dir)).stdout  # by content, not name


def test_report_over_store_equals_report_over_files(runner: CliRunner, tmp_path: Path) -> None:
    store_dir = tmp_path / "kho"
    assert run(runner, "ingest", str(SAMPLE_DIR), "--store", str(store_dir)).exit_code == 0
    files = [str(p) for p in sorted(SAMPLE_DIR.iterdir())]
    for args in (
        ["--period", "2026-Q3", "--by", "field"],
        ["--period", "2025", "--by", "unit", "--policy", "qd766"],
        ["--period", "2026-H1", "--cutoff-day", "14", "--by", "month"],
    ):
        direct = json.loads(run(runner, "report", *files, *args, "-f", "json").stdout)
        stored = json.loads(run(runner, "report", "--store", str(store_dir), *args, "-f", "json").stdout)
        assert stored["rows"] == direct["rows"] and stored["total"] == direct["total"], args
    w1 = json.loads(run(runner, "overdue", *files, "--as-of", "2026-11-20", "-f", "json").stdout)
    w2 = json.loads(run(runner, "overdue", "--store", str(store_dir), "--as-of", "2026-11-20", "-f", "json").stdout)
    assert w1["dossiers"] == w2["dossiers"]
    info = json.loads(run(runner, "store", "info", "--store", str(store_dir), "-f", "json").stdout)
    assert info["dossiers"] == 4999 and info["ingests"] == 6 and info["rejected_rows"] == 2
    log = json.loads(run(runner, "store", "log", "--store", str(store_dir), "-f", "json").stdout)
    assert sum(e["new"] for e in log) == 4999 and all(len(e["sha256"]) == 64 for e in log)
    out = tmp_path / "all.parquet"
    assert run(runner, "store", "export", "--store", str(store_dir), "-o", str(out)).exit_code == 0
    assert pl.read_parquet(out).height == 4999
    rej = tmp_path / "rej.csv"
    assert run(runner, "store", "export", "--store", str(store_dir), "--rejects", "-o", str(rej)).exit_code == 0
    assert set(pl.read_csv(rej)["reason"].to_list()) == {"bad_date", "duplicate"}


def test_compact_is_idempotent(tmp_path: Path) -> None:
    store = Store(tmp_path / "kho")
    for f in sorted(SAMPLE_DIR.iterdir()):
        store.ingest(f, Config())
    before = store.read().sort("dossier_id")
    first = store.compact()
    assert first["rewritten"] >= 1
    second = store.compact()
    assert second == {"rewritten": 0, "removed": []}
    assert store.read().sort("dossier_id").equals(before)
    assert store.verify()["problems"] == []


def _ingest_cmd(store_dir: Path, *files: Path) -> list[str]:
    return [sys.executable, "-m", "motcua_cli", "ingest", "--store", str(store_dir), *map(str, files)]


def _snapshot(store_dir: Path) -> bytes | None:
    path = store_dir / "manifest.json"
    return path.read_bytes() if path.exists() else None


@pytest.mark.parametrize("point", ["after-merge", "after-parts", "before-rename", "after-rename"])
def test_kill_at_each_step_leaves_before_or_after(tmp_path: Path, point: str) -> None:
    store_dir = tmp_path / "kho"
    files = day_files(tmp_path)
    Store(store_dir).ingest(files[0], Config())
    before = state(Store(store_dir))
    reference = Store(tmp_path / "ref")
    reference.ingest(files[0], Config())
    reference.ingest(files[1], Config())
    after = state(reference)
    assert before != after
    env = {**os.environ, "MOTCUA_TEST_CRASH": point}
    proc = subprocess.run(_ingest_cmd(store_dir, files[1]), env=env, capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    store = Store(store_dir)
    assert state(store) == (after if point == "after-rename" else before)
    assert store.verify()["problems"] == []
    # The next writer finishes the job and removes what the killed one left behind.
    store.ingest(files[1], Config())
    check = store.verify()
    assert check["problems"] == [] and check["unreferenced_files"] == []
    assert state(store) == after


def test_kill_at_random_moments(tmp_path: Path) -> None:
    rng = random.Random(11)
    store_dir = tmp_path / "kho"
    sample = sorted(SAMPLE_DIR.iterdir())
    Store(store_dir).ingest(sample[0], Config())
    before = Store(store_dir).read().drop("ingest").sort("dossier_id")
    target = sample[3]  # the xlsx
    reference = Store(tmp_path / "ref")
    reference.ingest(sample[0], Config())
    reference.ingest(target, Config())
    after = reference.read().drop("ingest").sort("dossier_id")
    started = time.perf_counter()
    subprocess.run(_ingest_cmd(tmp_path / "timing", target), check=True, capture_output=True)
    duration = time.perf_counter() - started
    outcomes = set()
    for _ in range(6):
        proc = subprocess.Popen(_ingest_cmd(store_dir, target), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, duration))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = Store(store_dir).read().drop("ingest").sort("dossier_id")
        assert now.equals(before) or now.equals(after)
        assert Store(store_dir).verify()["problems"] == []
        outcomes.add("after" if now.equals(after) else "before")
        if now.equals(after):  # start again from the state before
            Store(store_dir).root.joinpath("manifest.json").unlink()
            for p in store_dir.rglob("*.parquet"):
                p.unlink()
            Store(store_dir).ingest(sample[0], Config())
    assert "before" in outcomes


def test_two_ingests_at_once_both_land(tmp_path: Path) -> None:
    store_dir = tmp_path / "kho"
    sample = sorted(SAMPLE_DIR.iterdir())
    procs = [subprocess.Popen(_ingest_cmd(store_dir, f), stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in (sample[2], sample[3])]
    for p in procs:
        assert p.wait() == 0, p.stderr.read() if p.stderr else ""
    store = Store(store_dir)
    assert store.read().height == 900 + 1200
    assert len(store.log()) == 2 and store.manifest()["generation"] == 2
    assert store.verify()["problems"] == []


def test_damaged_file_is_reported_by_verify_and_by_reports(runner: CliRunner, tmp_path: Path) -> None:
    store_dir = tmp_path / "kho"
    run(runner, "ingest", str(SAMPLE_DIR), "--store", str(store_dir))
    manifest = json.loads((store_dir / "manifest.json").read_text())
    victim = store_dir / manifest["parts"]["2025-06"]["file"]
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    result = run(runner, "store", "verify", "--store", str(store_dir), "-f", "json")
    assert result.exit_code == 3
    problems = json.loads(result.stdout)["problems"]
    assert [p["file"] for p in problems] == [manifest["parts"]["2025-06"]["file"]]
    # A report that needs 2025 fails clearly; one that does not still works.
    bad = run(runner, "report", "--store", str(store_dir), "--period", "2025")
    assert bad.exit_code == 3 and "store verify" in bad.stderr and "Traceback" not in bad.stderr
    good = run(runner, "report", "--store", str(store_dir), "--period", "2026-Q3", "-f", "json")
    assert good.exit_code == 0 and json.loads(good.stdout)["total"]["received"] == 935
    victim.write_bytes(bytes(data[: len(data) // 3]))  # truncated
    assert run(runner, "report", "--store", str(store_dir), "--period", "2025").exit_code == 3


def test_empty_store_and_bad_manifest(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "report", "--store", str(tmp_path / "none"), "--period", "2026-Q3")
    assert result.exit_code == 2 and "ingest" in result.stderr
    store_dir = tmp_path / "kho"
    run(runner, "ingest", str(SAMPLE_DIR / "so_cong_thuong_2003.xml"), "--store", str(store_dir))
    (store_dir / "manifest.json").write_text("{broken", encoding="utf-8")
    result = run(runner, "store", "info", "--store", str(store_dir))
    assert result.exit_code == 3 and "manifest.json" in result.stderr


def test_a_store_with_year_partitions_is_still_read_and_updated(runner: CliRunner, tmp_path: Path) -> None:
    """Stores written before month partitions have one partition per year."""
    store_dir = tmp_path / "kho"
    run(runner, "ingest", str(SAMPLE_DIR), "--store", str(store_dir))
    args = ["report", "--store", str(store_dir), "--period", "2025-Q4", "--by", "unit", "-f", "json"]
    expected = json.loads(run(runner, *args).stdout)["rows"]
    store = Store(store_dir)
    manifest = store.manifest()
    legacy = {k: e for k, e in manifest["parts"].items() if not k.startswith("2025")}
    months = [k for k in manifest["parts"] if k.startswith("2025")]
    frame = store._scan([manifest["parts"][k] for k in months]).collect()
    legacy["2025"] = store._write_parquet(frame, "parts/2025/legacy.parquet")
    # the month files are replaced by the year file: the manifest says so (superseded)
    replaced = [f["file"] for k in months for f in [manifest["parts"][k], *manifest["parts"][k].get("more", [])]]
    store._commit({**manifest, "parts": legacy, "superseded": replaced})
    assert json.loads(run(runner, *args).stdout)["rows"] == expected
    # a later ingest that settles a 2025 dossier again moves it out of the year partition
    before = store.read().height
    changed = store.read().filter(pl.col("finished_at").dt.year() == 2025).head(1)
    export = tmp_path / "later.csv"
    pl.DataFrame(
        {
            "Mã hồ sơ": changed["dossier_id"],
            "Ngày tiếp nhận": changed["received_at"].dt.strftime("%d/%m/%Y %H:%M"),
            "Ngày hẹn trả": changed["due_at"].dt.strftime("%d/%m/%Y %H:%M"),
            "Ngày có kết quả": changed["finished_at"].dt.strftime("%d/%m/%Y %H:%M"),
            "Ngày trả kết quả": ["05/01/2026 09:00"],
            "Trạng thái": ["Đã trả kết quả"],
        }
    ).write_csv(export)
    result = store.ingest(export, Config())
    assert (result.new, result.updated) == (0, 1)
    assert store.read().height == before
    moved = store.read().filter(pl.col("dossier_id") == changed["dossier_id"][0])
    assert moved.height == 1 and moved["returned_at"][0].year == 2026
    assert "2026-01" in store.manifest()["parts"]


def test_partitions_a_period_reads() -> None:
    from datetime import date

    from motcua_cli.store import _may_matter

    since = date(2026, 7, 15)  # a period starting mid-July (cut-off day 14)
    read = [k for k in ["2024", "2025", "2026", "2027", "2026-06", "2026-07", "2026-12", "2027-01", "open"] if _may_matter(k, since)]
    assert read == ["2026", "2027", "2026-07", "2026-12", "2027-01", "open"]


def test_counts_can_leave_ids_unread(tmp_path: Path) -> None:
    from datetime import date, datetime

    from motcua_cli.validate import DOSSIER_SCHEMA

    store = Store(tmp_path / "kho")
    for f in sorted(SAMPLE_DIR.iterdir()):
        store.ingest(f, Config())
    full = store.loaded(date(2026, 1, 1), date(2026, 9, 30))
    lean = store.loaded(date(2026, 1, 1), date(2026, 9, 30), ids=False)
    assert lean.dossiers.schema == pl.Schema(DOSSIER_SCHEMA) == full.dossiers.schema
    names = ["dossier_id", "source_file", "source_sheet"]  # what names a row: counts never need it
    assert all(lean.dossiers[c].null_count() == lean.dossiers.height == full.dossiers.height > 0 for c in names)
    assert full.dossiers["source_file"].null_count() == 0
    assert lean.dossiers.drop(names).equals(full.dossiers.drop(names))
    # the period's end bounds what is read: nothing received after 30/9/2026
    assert full.dossiers["received_at"].max() < datetime(2026, 10, 1)


def test_store_info_and_log_say_when_there_is_no_store(runner: CliRunner, tmp_path: Path) -> None:
    """A mistyped --store is not an empty store: info and log say so on stderr beside
    their zeros (exit 0, JSON unchanged, as scripts read it)."""
    missing = tmp_path / "kho_go_nham"
    for command in ("info", "log"):
        result = run(runner, "store", command, "--store", str(missing), "-f", "json")
        assert result.exit_code == 0
        assert "chưa có dữ liệu kho nào" in result.stderr and str(missing) in result.stderr
    assert json.loads(run(runner, "store", "info", "--store", str(missing), "-f", "json").stdout)["dossiers"] == 0
    assert not missing.exists()  # looking did not create it


def test_files_checked_side_by_side_find_the_same_damage(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large store's files are checksummed by several threads: the same files pass,
    the same flipped byte is found and named, as when they are checked in turn."""
    import threading

    from motcua_cli import store as store_module

    store_dir = tmp_path / "kho"
    run(runner, "ingest", str(SAMPLE_DIR), "--store", str(store_dir))
    before = run(runner, "report", "--store", str(store_dir), "--period", "2025", "-f", "json")
    threads: set[str] = set()
    plain = store_module._sha256

    def spied(path: Path) -> str:
        threads.add(threading.current_thread().name)
        return plain(path)

    monkeypatch.setattr(store_module, "_sha256", spied)
    monkeypatch.setattr(store_module, "PARALLEL_CHECK_BYTES", 0)
    after = run(runner, "report", "--store", str(store_dir), "--period", "2025", "-f", "json")
    assert after.exit_code == before.exit_code == 0 and json.loads(after.stdout)["total"] == json.loads(before.stdout)["total"]
    assert threads and threading.main_thread().name not in threads  # the pool did the hashing
    manifest = json.loads((store_dir / "manifest.json").read_text())
    victim = manifest["parts"]["2025-06"]["file"]
    data = bytearray((store_dir / victim).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (store_dir / victim).write_bytes(bytes(data))
    bad = run(runner, "report", "--store", str(store_dir), "--period", "2025", "--lang", "en")
    assert bad.exit_code == 3 and victim in bad.stderr and "checksum" in bad.stderr and "Traceback" not in bad.stderr
