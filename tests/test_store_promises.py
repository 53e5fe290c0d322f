"""The store keeps its promises (issue 15): newest state wins in any order, the export's
own date, nothing deleted that it cannot account for, unique files per writer, readers
without write access, named I/O errors, a writer that waits and says for whom."""

from __future__ import annotations

import errno
import itertools
import json
import os
import random
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from motcua_cli.config import Config
from motcua_cli.store import CONTENT, MANIFEST, Store, StoreIOError, snapshot_time

from .conftest import SAMPLE_DIR, run

HEADER = "Mã hồ sơ,Lĩnh vực,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái\r\n"


def export(path: Path, rows: list[str], when: datetime, title: str = "") -> Path:
    path.write_text((title + "\r\n" if title else "") + HEADER + "".join(r + "\r\n" for r in rows), encoding="utf-8")
    os.utime(path, (when.timestamp(), when.timestamp()))
    return path


def content(store: Store) -> pl.DataFrame:
    """What the store says of each dossier (not which file or row last showed it)."""
    return store.read().select("source_system", *CONTENT, "snapshot_at").sort("dossier_id")


X_WAITING = "X-1,Hộ tịch,02/03/2026 08:00,09/03/2026 08:00,,Chờ bổ sung"
X_PROCESSING = "X-1,Hộ tịch,02/03/2026 08:00,09/03/2026 08:00,,Đang xử lý"


def days(tmp: Path) -> list[Path]:
    """The issue's case: day 1 and day 3 show X-1 waiting, day 2 processing."""
    return [
        export(tmp / "day1.csv", [X_WAITING], datetime(2026, 3, 2, 18)),
        export(tmp / "day2.csv", [X_PROCESSING], datetime(2026, 3, 3, 18)),
        export(tmp / "day3.csv", [X_WAITING, "Y-2,Đất đai,03/03/2026 08:00,17/03/2026 08:00,,Đang xử lý"], datetime(2026, 3, 4, 18)),
    ]


def test_an_older_export_ingested_later_never_wins(tmp_path: Path) -> None:
    day1, day2, day3 = days(tmp_path)
    store = Store(tmp_path / "kho")
    for f in (day1, day3, day2):
        store.ingest(f, Config())
    x = store.read().filter(pl.col("dossier_id") == "X-1")
    assert x["status"].to_list() == ["supplement_requested"]  # day 3's state, not day 2's
    assert x["snapshot_at"].to_list() == [datetime(2026, 3, 4, 18)]


def _exports_for_permutations(tmp: Path) -> list[Path]:
    """Overlapping exports: repeated rows, one dossier moving on, and two with equal times."""
    t = datetime(2026, 3, 5, 17)
    rows = {
        "a": ["A,Hộ tịch,02/03/2026 08:00,09/03/2026 08:00,,Đang xử lý", "B,Đất đai,02/03/2026 09:00,16/03/2026 09:00,,Chờ bổ sung"],
        "b": [
            "A,Hộ tịch,02/03/2026 08:00,09/03/2026 08:00,06/03/2026 10:00,Đã xử lý xong",
            "C,Hộ tịch,03/03/2026 08:00,10/03/2026 08:00,,Đang xử lý",
        ],
        "c": ["B,Đất đai,02/03/2026 09:00,16/03/2026 09:00,,Đang xử lý", "C,Hộ tịch,03/03/2026 08:00,10/03/2026 08:00,,Chờ bổ sung"],
        "d": [
            "B,Đất đai,02/03/2026 09:00,16/03/2026 09:00,,Chờ thực hiện nghĩa vụ tài chính",
            "C,Hộ tịch,03/03/2026 08:00,10/03/2026 08:00,,Đang xử lý",
        ],
    }
    times = {"a": t.replace(day=3), "b": t.replace(day=4), "c": t, "d": t}  # c and d: the same time
    return [export(tmp / f"{k}.csv", v, times[k]) for k, v in rows.items()]


def test_any_order_of_ingests_gives_the_same_store(tmp_path: Path) -> None:
    files = _exports_for_permutations(tmp_path)
    seen = []
    for i, order in enumerate(itertools.permutations(files)):
        store = Store(tmp_path / f"kho{i}")
        for f in order:
            store.ingest(f, Config())
        store.ingest(order[0], Config())  # a repeat changes nothing
        seen.append(content(store))
    assert all(s.equals(seen[0]) for s in seen[1:])
    by_id = {r["dossier_id"]: r["status"] for r in seen[0].iter_rows(named=True)}
    assert by_id["A"] == "processed"  # terminal wins over any later pending export
    # c and d have one time: the tie goes to the more advanced state (financial obligation
    # and supplement rank above processing), whatever the order.
    assert by_id["B"] == "financial_obligation" and by_id["C"] == "supplement_requested"


@pytest.mark.parametrize("writers", [2, 4, 8])
def test_concurrent_ingests_equal_a_serial_ingest(tmp_path: Path, writers: int) -> None:
    rng = random.Random(writers)
    files = []
    for w in range(writers):
        rows = []
        for d in rng.sample(range(40), 25):
            status = rng.choice(["Đang xử lý", "Chờ bổ sung", "Đã trả kết quả"])
            end = "10/03/2026 10:00" if status == "Đã trả kết quả" else ""
            rows.append(f"D-{d},Hộ tịch,02/03/2026 08:00,09/03/2026 08:00,{end},{status}")
        files.append(export(tmp_path / f"w{w}.csv", rows, datetime(2026, 3, 2 + w % 3, 18)))
    serial = Store(tmp_path / "serial")
    for f in files:
        serial.ingest(f, Config())
    kho = tmp_path / "kho"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "motcua_cli", "ingest", "--store", str(kho), str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for f in files
    ]
    for p in procs:
        assert p.wait() == 0, p.stderr.read() if p.stderr else ""
    assert content(Store(kho)).equals(content(serial))
    assert Store(kho).verify()["problems"] == []


@pytest.mark.parametrize(
    ("title", "want", "source"),
    [
        ("Ngày xuất: 05/03/2026", datetime(2026, 3, 5, 23, 59, 59), "title:ngay xuat"),
        ("DANH SÁCH HỒ SƠ - Ngày trích xuất 05/03/2026 14:30", datetime(2026, 3, 5, 14, 30), "title:ngay trich xuat"),
        ("Thời điểm xuất dữ liệu: 05-03-2026", datetime(2026, 3, 5, 23, 59, 59), "title:thoi diem xuat du lieu"),
        ("Từ ngày 01/03/2026 đến ngày 05/03/2026", datetime(2026, 3, 5, 23, 59, 59), "title:den ngay"),
        ("DANH SÁCH HỒ SƠ", datetime(2026, 11, 30, 9), "file_time"),
    ],
)
def test_snapshot_is_the_exports_own_date(tmp_path: Path, title: str, want: datetime, source: str) -> None:
    path = export(tmp_path / "e.csv", [X_WAITING], datetime(2026, 11, 30, 9), title)
    assert snapshot_time(path, title) == (want, source)


def test_an_old_export_copied_today_keeps_its_own_date(tmp_path: Path, runner: CliRunner) -> None:
    kho = tmp_path / "kho"
    newer = export(tmp_path / "new.csv", [X_PROCESSING], datetime(2026, 3, 6, 18), "Ngày xuất: 06/03/2026")
    older = export(tmp_path / "old.csv", [X_WAITING], datetime(2026, 11, 30, 9), "Ngày xuất: 05/03/2026")  # copied today
    assert run(runner, "ingest", "--store", str(kho), str(newer)).exit_code == 0
    result = run(runner, "ingest", "--store", str(kho), str(older))
    assert result.exit_code == 0 and "thời điểm xuất: 05/03/2026 23:59" in result.stdout  # its own date, not the copy's
    assert "Ngày xuất" in result.stdout or "ngay xuat" in result.stdout
    assert Store(kho).read()["status"].to_list() == ["processing"]
    forced = export(tmp_path / "forced.csv", [X_WAITING], datetime(2026, 1, 1), "Ngày xuất: 01/01/2026")
    assert run(runner, "ingest", "--store", str(kho), "--snapshot", "07/03/2026", str(forced)).exit_code == 0
    assert Store(kho).read()["status"].to_list() == ["supplement_requested"]


def _sample_store(tmp: Path) -> Path:
    kho = tmp / "kho"
    store = Store(kho)
    for f in sorted(SAMPLE_DIR.iterdir()):
        store.ingest(f, Config())
    return kho


def _report(runner: CliRunner, kho: Path) -> dict:
    result = run(runner, "report", "--store", str(kho), "--period", "2025", "--by", "field", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return {"rows": data["rows"], "total": data["total"]}


def test_a_missing_manifest_is_never_silent_data_loss(tmp_path: Path, runner: CliRunner) -> None:
    kho = _sample_store(tmp_path)
    before = _report(runner, kho)
    files = sorted(p.relative_to(kho) for p in kho.rglob("*.parquet"))
    (kho / MANIFEST).unlink()
    verify = run(runner, "store", "verify", "--store", str(kho))
    assert verify.exit_code == 3 and "store repair" in verify.stderr
    ingest = run(runner, "ingest", "--store", str(kho), str(SAMPLE_DIR / "phuong_hoa_binh.xls"))
    assert ingest.exit_code == 3 and "store repair" in ingest.stderr
    assert run(runner, "store", "compact", "--store", str(kho)).exit_code == 3
    assert sorted(p.relative_to(kho) for p in kho.rglob("*.parquet")) == files  # nothing deleted
    repaired = run(runner, "store", "repair", "--store", str(kho))
    assert repaired.exit_code == 0, repaired.stderr
    assert run(runner, "store", "verify", "--store", str(kho)).exit_code == 0
    assert _report(runner, kho) == before
    assert Store(kho).read().height == 4999


def test_a_manifest_that_lost_a_partition_is_repaired(tmp_path: Path, runner: CliRunner) -> None:
    kho = _sample_store(tmp_path)
    before = _report(runner, kho)
    manifest = json.loads((kho / MANIFEST).read_text())
    del manifest["parts"]["2025-06"]
    (kho / MANIFEST).write_text(json.dumps(manifest))
    verify = run(runner, "store", "verify", "--store", str(kho), "-f", "json")
    assert verify.exit_code == 3 and json.loads(verify.stdout)["lost_files"][0].startswith("parts/2025-06/")
    assert run(runner, "ingest", "--store", str(kho), str(SAMPLE_DIR / "phuong_hoa_binh.xls")).exit_code == 3
    assert run(runner, "store", "repair", "--store", str(kho)).exit_code == 0
    assert _report(runner, kho) == before
    # a bad manifest can be rolled back: the one before is kept
    assert (kho / "manifest.prev.json").exists()


def test_writers_never_share_a_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two writers of one generation (a lock file deleted by hand): names differ, and the
    second commit is refused rather than overwriting the first."""
    day1, day2, _ = days(tmp_path)
    kho = tmp_path / "kho"
    store = Store(kho)
    store.ingest(day1, Config())
    names: list[str] = []

    def meanwhile(report) -> None:  # type: ignore[no-untyped-def]
        (kho / "lock").unlink()  # what the issue did by hand
        other = export(tmp_path / "other.csv", ["Z-9,Hộ tịch,02/03/2026 08:00,09/03/2026 08:00,,Đang xử lý"], datetime(2026, 3, 3, 9))
        done = subprocess.run([sys.executable, "-m", "motcua_cli", "ingest", "--store", str(kho), str(other)], capture_output=True)
        assert done.returncode == 0, done.stderr
        names.extend(p.name for p in kho.rglob("*.parquet"))

    from motcua_cli.store import StoreBusy

    with pytest.raises(StoreBusy):
        store.ingest(day2, Config(), check=meanwhile)
    assert len(names) == len(set(names))
    assert Store(kho).verify()["problems"] == []
    assert sorted(Store(kho).read()["dossier_id"].to_list()) == ["X-1", "Z-9"]  # the other writer's work intact
    assert all("-" in Path(n).stem for n in names)  # g<generation>-<ingest id>


def test_a_read_only_store_can_be_read(tmp_path: Path) -> None:
    """A copy on a read-only file system (a bind mount made read-only: even root cannot
    write there), as a shared folder or a USB key would be."""
    kho = _sample_store(tmp_path)
    mount = tmp_path / "ro"
    mount.mkdir()
    made = subprocess.run(["mount", "--bind", str(kho), str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {made.stderr.decode()[-200:]}")
    try:
        if subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)], capture_output=True).returncode != 0:
            pytest.skip("cannot remount read-only here")
        with pytest.raises(OSError):
            (mount / "probe").write_text("x")
        out = tmp_path / "out"
        out.mkdir()
        for args in (
            ("report", "--store", str(mount), "--period", "2025", "-f", "json"),
            ("form", "--store", str(mount), "--period", "2025-Q1", "-o", str(out / "bieu.xlsx")),
            ("overdue", "--store", str(mount), "--as-of", "2026-11-20"),
            ("explain", "--store", str(mount), "--id", "SNNMT-250225-0002", "--period", "2025-Q1"),
            ("store", "info", "--store", str(mount)),
            ("store", "log", "--store", str(mount)),
            ("store", "verify", "--store", str(mount)),
            ("store", "export", "--store", str(mount), "-o", str(out / "all.parquet")),
        ):
            result = subprocess.run([sys.executable, "-m", "motcua_cli", *args], capture_output=True, text=True)
            assert result.returncode == 0, (args, result.stderr)
        refused = subprocess.run(
            [sys.executable, "-m", "motcua_cli", "ingest", "--store", str(mount), str(SAMPLE_DIR / "phuong_hoa_binh.xls")],
            capture_output=True,
            text=True,
        )
        assert refused.returncode == 3 and "chỉ đọc" in refused.stderr and "Traceback" not in refused.stderr
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_a_full_disk_is_named_and_leaves_nothing(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    kho = tmp_path / "kho"
    day1, day2, day3 = days(tmp_path)
    Store(kho).ingest(day1, Config())
    before = sorted(p.name for p in kho.rglob("*.parquet"))
    real = Store._write_parquet

    def full(self, frame, relative, meta=None):  # type: ignore[no-untyped-def]
        real(self, frame.head(1), relative, meta)  # half a file on the disk, then no space
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Store, "_write_parquet", full)
    result = run(runner, "ingest", "--store", str(kho), str(day2), str(day3))
    assert result.exit_code == 3 and "đĩa đã đầy" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("đĩa đã đầy") == 1  # a full disk stops the folder's run
    assert sorted(p.name for p in kho.rglob("*.parquet")) == before  # the partial files are gone
    monkeypatch.setattr(Store, "_write_parquet", real)
    assert Store(kho).verify()["problems"] == []


def test_one_unreadable_file_does_not_stop_the_others(tmp_path: Path, runner: CliRunner) -> None:
    day1, day2, _ = days(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01binary")
    result = run(runner, "ingest", "--store", str(tmp_path / "kho"), str(day1), str(bad), str(day2))
    assert result.exit_code == 3 and "bad.csv" in result.stderr
    assert Store(tmp_path / "kho").read().height == 1 and len(Store(tmp_path / "kho").log()) == 2


def test_a_waiting_writer_says_for_whom_and_gives_up(tmp_path: Path) -> None:
    from filelock import FileLock

    kho = tmp_path / "kho"
    day1, _, _ = days(tmp_path)
    Store(kho).ingest(day1, Config())
    (kho / "lock.holder.json").write_text(json.dumps({"pid": 4242, "host": "may-chu", "since": "2026-03-05T09:00:00"}))
    with FileLock(str(kho / "lock"), preserve_lock_file=True):
        result = subprocess.run(
            [sys.executable, "-m", "motcua_cli", "ingest", "--store", str(kho), "--wait", "1", str(days(tmp_path)[1])],
            capture_output=True,
            text=True,
        )
    assert result.returncode == 3
    assert "đang chờ" in result.stderr and "4242" in result.stderr and "may-chu" in result.stderr and "--wait" in result.stderr


def test_folders_that_gain_files_are_fsynced_before_the_manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import motcua_cli.store as store_module

    calls: list[str] = []
    real = store_module._fsync_dir
    monkeypatch.setattr(store_module, "_fsync_dir", lambda p: (calls.append(Path(p).name), real(p))[1])
    real_replace = os.replace
    monkeypatch.setattr(store_module.os, "replace", lambda a, b: (calls.append("rename " + Path(b).name), real_replace(a, b))[1])
    Store(tmp_path / "kho").ingest(days(tmp_path)[0], Config())
    last = len(calls) - 1 - calls[::-1].index("rename manifest.json")  # the ingest's commit
    assert "open" in calls[:last] and calls[last + 1 :] == ["kho"]
    assert calls[calls.index("open") + 1 : last] == ["rename manifest.prev.json"]


def test_store_info_and_log_speak_vietnamese_and_say_the_store_is_damaged(tmp_path: Path, runner: CliRunner) -> None:
    kho = _sample_store(tmp_path)
    info = run(runner, "store", "info", "--store", str(kho)).stdout
    assert "Số hồ sơ: 4.999" in info and "Phân vùng" in info
    # the sample's six ingests appended to some partitions: said, with what folds them
    assert " tệp)" in info and "motcua store compact" in info
    run(runner, "store", "compact", "--store", str(kho))
    compacted = run(runner, "store", "info", "--store", str(kho)).stdout
    assert " tệp)" not in compacted and "store compact" not in compacted
    log = run(runner, "store", "log", "--store", str(kho)).stdout
    assert "Thời điểm xuất" in log and "Không" in log and "đổi" in log  # "Không đổi" on two lines: it fits 80 columns
    manifest = json.loads((kho / MANIFEST).read_text())
    del manifest["parts"]["2025-06"]
    (kho / MANIFEST).write_text(json.dumps(manifest))
    assert "KHO HỎNG" in run(runner, "store", "info", "--store", str(kho)).stdout


def test_repair_places_files_by_their_own_metadata(tmp_path: Path, runner: CliRunner) -> None:
    """A file renamed by hand (a backup restored as 'restored.parquet') and both
    manifests gone: the Parquet metadata still says its partition, generation and ingest."""
    kho = _sample_store(tmp_path)
    before = _report(runner, kho)
    manifest = json.loads((kho / MANIFEST).read_text())
    old = kho / manifest["parts"]["2025-06"]["file"]
    old.rename(old.with_name("restored.parquet"))
    (kho / MANIFEST).unlink()
    (kho / "manifest.prev.json").unlink()
    result = run(runner, "store", "repair", "--store", str(kho), "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["from"] == "files"
    assert json.loads(result.stdout)["quarantined"] == []
    assert _report(runner, kho) == before


def test_an_older_manifest_put_back_deletes_nothing(tmp_path: Path, runner: CliRunner) -> None:
    """Review finding: the previous manifest restored by hand names replaced files; the
    next ingest must refuse rather than remove the current ones, and repair restores."""
    day1, day2, day3 = days(tmp_path)
    kho = tmp_path / "kho"
    for f in (day1, day3):
        Store(kho).ingest(f, Config())
    files = sorted(p.name for p in kho.rglob("*.parquet"))
    (kho / MANIFEST).write_bytes((kho / "manifest.prev.json").read_bytes())
    result = run(runner, "ingest", "--store", str(kho), str(day2))
    assert result.exit_code == 3 and "store repair" in result.stderr
    assert sorted(p.name for p in kho.rglob("*.parquet")) == files
    assert run(runner, "store", "repair", "--store", str(kho)).exit_code == 0
    assert sorted(Store(kho).read()["dossier_id"].to_list()) == ["X-1", "Y-2"]


def test_readers_say_a_store_without_manifest_is_damaged_not_empty(tmp_path: Path, runner: CliRunner) -> None:
    kho = tmp_path / "kho"
    Store(kho).ingest(days(tmp_path)[0], Config())
    (kho / MANIFEST).unlink()
    result = run(runner, "report", "--store", str(kho), "--period", "2026-Q1")
    assert result.exit_code == 3 and "store repair" in result.stderr


def test_repair_sets_aside_a_truncated_file(tmp_path: Path, runner: CliRunner) -> None:
    kho = tmp_path / "kho"
    Store(kho).ingest(days(tmp_path)[0], Config())
    (kho / "parts" / "open" / "g000009-20261201T000000-deadbeef0000.parquet").write_bytes(b"PAR1 truncated")
    (kho / MANIFEST).unlink()
    result = run(runner, "store", "repair", "--store", str(kho), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["quarantined"] == ["quarantine/parts/open/g000009-20261201T000000-deadbeef0000.parquet"]
    assert Store(kho).read()["dossier_id"].to_list() == ["X-1"]


def test_a_full_disk_as_polars_reports_it(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    kho = tmp_path / "kho"
    Store(kho).ingest(days(tmp_path)[0], Config())

    def full(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise pl.exceptions.ComputeError("underlying IO error: No space left on device (os error 28)")

    monkeypatch.setattr(pl.DataFrame, "write_parquet", full)
    result = run(runner, "ingest", "--store", str(kho), str(days(tmp_path)[1]))
    assert result.exit_code == 3 and "đĩa đã đầy" in result.stderr


def test_a_terminal_status_without_an_end_date_does_not_outrank_a_newer_export(tmp_path: Path) -> None:
    """Review finding: 'Chờ duyệt rút hồ sơ' (an older export, no end date) against a
    newer 'Đang xử lý': the newer wins; settled means an end date."""
    older = export(
        tmp_path / "s1.csv", ["R-1,Hộ tịch,02/07/2026 08:00,09/07/2026 08:00,,Công dân yêu cầu rút hồ sơ"], datetime(2026, 7, 2, 18)
    )
    newer = export(tmp_path / "s2.csv", ["R-1,Hộ tịch,02/07/2026 08:00,09/07/2026 08:00,,Đang xử lý"], datetime(2026, 7, 10, 18))
    for order in ((older, newer), (newer, older)):
        store = Store(tmp_path / f"kho{order[0].stem}")
        for f in order:
            store.ingest(f, Config())
        assert store.read()["status"].to_list() == ["processing"]


def test_equal_title_dates_are_told_apart_by_the_file_time(tmp_path: Path) -> None:
    """Review finding: two exports titled up to 31/07 (one of 5/8, one of 20/8): the
    later file's state wins in either order, not the 'more advanced' one."""
    title = "Từ ngày 01/07/2026 đến ngày 31/07/2026"
    early = export(tmp_path / "jul_a.csv", ["J-1,Hộ tịch,02/07/2026 08:00,09/07/2026 08:00,,Chờ bổ sung"], datetime(2026, 8, 5, 9), title)
    late = export(tmp_path / "jul_b.csv", ["J-1,Hộ tịch,02/07/2026 08:00,09/07/2026 08:00,,Đang xử lý"], datetime(2026, 8, 20, 9), title)
    for order in ((early, late), (late, early)):
        store = Store(tmp_path / f"kho_{order[0].stem}")
        for f in order:
            store.ingest(f, Config())
        assert store.read()["status"].to_list() == ["processing"]
    future = export(tmp_path / "typo.csv", [X_WAITING], datetime(2026, 3, 4, 9), "Ngày xuất: 05/03/2062")
    assert snapshot_time(future, "Ngày xuất: 05/03/2062") == (datetime(2026, 3, 4, 9), "file_time")


def test_quarantine_keeps_the_next_night_clean(tmp_path: Path, runner: CliRunner) -> None:
    """Issue 18, the cron part: an unreadable export is moved aside with its reason, the
    run still exits 3 to alert, and the next night the inbox ingests cleanly."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = export(inbox / "day1.csv", [X_WAITING], datetime(2026, 3, 2, 18))
    (inbox / "bad.csv").write_bytes(b"\x00\x01not an export")
    aside = tmp_path / "loi"
    first = run(runner, "ingest", "--store", str(tmp_path / "kho"), "--quarantine", str(aside), str(inbox))
    assert first.exit_code == 3 and not (inbox / "bad.csv").exists()
    assert (aside / "bad.csv").exists() and "bad.csv" in (aside / "bad.csv.reason.txt").read_text(encoding="utf-8")
    second = run(runner, "ingest", "--store", str(tmp_path / "kho"), "--quarantine", str(aside), str(inbox))
    assert second.exit_code == 0 and good.exists()


def test_on_windows_folders_are_not_opened_to_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows cannot open a folder (os.open raises PermissionError): there the store
    fsyncs its files only, and an ingest, a compact and a read still work."""
    import motcua_cli.store as store_module

    monkeypatch.setattr(store_module, "_DIR_FSYNC", False)
    real_open = os.open

    def no_folders(path, flags, *args):  # type: ignore[no-untyped-def]
        if Path(path).is_dir():
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(store_module.os, "open", no_folders)
    kho = Store(tmp_path / "kho")
    for f in days(tmp_path):
        kho.ingest(f, Config())
    kho.compact()
    assert sorted(kho.read()["dossier_id"].to_list()) == ["X-1", "Y-2"]
    monkeypatch.setattr(store_module, "_DIR_FSYNC", True)  # as on Linux: the folder is opened, and refused
    with pytest.raises(StoreIOError, match="no permission to write"):  # _DIR_FSYNC keeps os.open away from folders
        kho.ingest(export(tmp_path / "day4.csv", [X_PROCESSING.replace("X-1", "Z-3")], datetime(2026, 3, 5, 18)), Config())
