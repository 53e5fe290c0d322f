"""Issue 19, ingest: each ingest appends its own files to the partitions it changes (its
rows, and the ids of the rows it replaced), nothing stored is rewritten, and the store
says exactly what a store rewritten whole on every ingest says."""

from __future__ import annotations

import json
import os
import random
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from motcua_cli import store as store_module
from motcua_cli.config import Config
from motcua_cli.store import CONTENT, MANIFEST, Store

from .conftest import run

HEADER = "Mã hồ sơ,Lĩnh vực,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Ngày trả kết quả,Trạng thái\r\n"


def _exports(tmp: Path, n_files: int, seed: int) -> list[Path]:
    """Daily exports of 60 dossiers: each day some are processed, returned, or have their
    end date corrected into another month, so dossiers move between partitions (open →
    2026-03 → 2026-04) and back into a month they left."""
    rng = random.Random(seed)
    files = []
    for day in range(n_files):
        rows = []
        for d in rng.sample(range(60), 35):
            kind = rng.choice(["pending", "pending", "processed", "returned", "corrected"])
            end, back, status = "", "", rng.choice(["Đang xử lý", "Chờ bổ sung"])
            if kind in ("processed", "returned", "corrected"):
                month = 4 if kind == "corrected" and rng.random() < 0.5 else 3
                end = f"{rng.randint(10, 28):02d}/{month:02d}/2026 10:00"
                status = "Đã xử lý xong"
            if kind == "returned":
                back, status = f"{end[:2]}/04/2026 15:00", "Đã trả kết quả"
            rows.append(f"D-{d},Hộ tịch,02/03/2026 08:00,09/03/2026 08:00,{end},{back},{status}")
        path = tmp / f"day{day:02d}.csv"
        path.write_text(HEADER + "".join(r + "\r\n" for r in rows), encoding="utf-8")
        when = datetime(2026, 3, 2 + day, 18).timestamp()
        os.utime(path, (when, when))
        files.append(path)
    return files


def _content(store: Store) -> pl.DataFrame:
    return store.read().select("source_system", *CONTENT, "snapshot_at", "file_time").sort("dossier_id")


def _files(store: Store) -> dict[str, list[str]]:
    return {k: [f["file"] for f in [e, *e.get("more", [])]] for k, e in store.manifest()["parts"].items()}


@pytest.mark.parametrize("seed", [1, 2])
def test_appended_files_say_what_a_store_rewritten_whole_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    files = _exports(tmp_path, 8, seed)
    appended = Store(tmp_path / "appended")
    for f in files:
        appended.ingest(f, Config())
    monkeypatch.setattr(store_module, "MAX_FILES", 1)  # every changed partition merged: the store before issue 19
    whole = Store(tmp_path / "whole")
    for f in files:
        whole.ingest(f, Config())
    assert all(len(v) == 1 for v in _files(whole).values())
    layout = _files(appended)
    assert max(len(v) for v in layout.values()) > 3  # the partitions grew by appending
    assert any("/d0" in f for v in layout.values() for f in v)  # and replaced rows are listed as gone
    assert _content(appended).equals(_content(whole))
    assert _content(appended).height == 60
    info = appended.info()
    assert sum(p["rows"] for p in info["partitions"].values()) == info["dossiers"] == 60
    assert appended.verify()["problems"] == [] and appended.verify()["unreferenced_files"] == []
    # compact folds each partition into one file, and changes nothing else
    monkeypatch.setattr(store_module, "MAX_FILES", 24)
    appended.compact()
    assert all(len(v) == 1 for v in _files(appended).values())
    assert _content(appended).equals(_content(whole))
    assert appended.verify()["unreferenced_files"] == []


def test_an_ingest_writes_only_what_it_brings(tmp_path: Path) -> None:
    files = _exports(tmp_path, 3, 5)
    store = Store(tmp_path / "kho")
    store.ingest(files[0], Config())
    first = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "kho").rglob("*.parquet")}
    before = _content(store)
    result = store.ingest(files[1], Config())
    after = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "kho").rglob("*.parquet")}
    assert all(after[name] == t for name, t in first.items())  # no stored file rewritten or removed
    assert all(name.startswith(("g000002-", "d000002-")) for name in after if name not in first)
    # the rows written are the dossiers whose stored state changed (new, updated, or
    # shown again by a newer export), and only those
    now = _content(store)
    changed = now.join(before, on=now.columns, how="anti", nulls_equal=True)["dossier_id"].sort().to_list()
    written = pl.concat([pl.read_parquet(p) for p in (tmp_path / "kho").rglob("g000002-*.parquet")])
    assert sorted(written["dossier_id"].to_list()) == changed
    assert result.new + result.updated <= len(changed) <= result.read
    gone = pl.concat([pl.read_parquet(p) for p in (tmp_path / "kho").rglob("d000002-*.parquet")])
    assert sorted(gone["dossier_id"].to_list()) == sorted(set(changed) & set(before["dossier_id"].to_list()))


def test_a_partition_with_too_many_files_is_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "MAX_FILES", 3)
    store = Store(tmp_path / "kho")
    for f in _exports(tmp_path, 10, 9):
        store.ingest(f, Config())
        assert max(len(v) for v in _files(store).values()) <= 3
        assert store.verify()["unreferenced_files"] == []
    assert store.read().height == 60


def test_a_repair_from_the_files_alone_keeps_every_dossier_in_its_newest_version(tmp_path: Path, runner: CliRunner) -> None:
    kho = tmp_path / "kho"
    store = Store(kho)
    for f in _exports(tmp_path, 6, 3):
        store.ingest(f, Config())
    before = _content(Store(kho))
    (kho / MANIFEST).unlink()
    (kho / "manifest.prev.json").unlink()
    result = run(runner, "store", "repair", "--store", str(kho), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["quarantined"] == []
    assert _content(Store(kho)).equals(before)
    assert Store(kho).verify()["problems"] == []


def test_a_store_of_format_1_is_read_and_written_as_2(tmp_path: Path) -> None:
    """Stores before issue 19 have one file per partition and version 1: read as they
    are; the next commit writes version 2 (an older motcua then refuses it, by name,
    rather than miss the appended files)."""
    files = _exports(tmp_path, 2, 4)
    store = Store(tmp_path / "kho")
    store.ingest(files[0], Config())
    manifest = store.manifest()
    assert all("more" not in e for e in manifest["parts"].values())
    (tmp_path / "kho" / MANIFEST).write_text(json.dumps({**manifest, "version": 1}), encoding="utf-8")
    before = _content(store)
    assert Store(tmp_path / "kho").read().height == before.height
    store.ingest(files[1], Config())
    assert store.manifest()["version"] == 2
    (tmp_path / "kho" / MANIFEST).write_text(json.dumps({**store.manifest(), "version": 3}), encoding="utf-8")
    with pytest.raises(Exception, match="version 3"):
        Store(tmp_path / "kho").read()


def test_a_repair_after_a_killed_ingest_applies_none_of_it(tmp_path: Path) -> None:
    """Review finding: an ingest killed before its commit left its files (marked begun);
    a repair then brought back its new dossiers but not its updates (neither before nor
    after). Its files go to quarantine, and nothing comes back from them."""
    import signal
    import subprocess
    import sys

    header = HEADER
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(header + "D-1,Hộ tịch,02/03/2026 08:00,09/03/2026 08:00,,,Đang xử lý\r\n", encoding="utf-8")
    b.write_text(
        header
        + "D-1,Hộ tịch,02/03/2026 08:00,09/03/2026 08:00,10/03/2026 10:00,,Đã xử lý xong\r\n"
        + "D-2,Hộ tịch,02/03/2026 08:00,09/03/2026 08:00,,,Đang xử lý\r\n"
        + ",Hộ tịch,02/03/2026 08:00,09/03/2026 08:00,,,Đang xử lý\r\n",  # a reject
        encoding="utf-8",
    )
    for i, f in enumerate((a, b)):
        os.utime(f, (datetime(2026, 3, 2 + i, 18).timestamp(),) * 2)
    kho = tmp_path / "kho"
    Store(kho).ingest(a, Config())
    before = _content(Store(kho))
    cmd = [sys.executable, "-m", "motcua_cli", "ingest", "--store", str(kho), str(b)]
    killed = subprocess.run(cmd, env={**os.environ, "MOTCUA_TEST_CRASH": "after-parts"}, capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert _content(Store(kho)).equals(before) and list(kho.glob(".pending-*"))
    result = Store(kho).repair()
    assert _content(Store(kho)).equals(before)
    assert Store(kho).rejects().height == 0  # the killed ingest's rejects are not the store's
    assert result["quarantined"] and all(q.startswith("quarantine/") for q in result["quarantined"])
    # and the export ingests cleanly afterwards
    Store(kho).ingest(b, Config())
    assert sorted(Store(kho).read()["dossier_id"].to_list()) == ["D-1", "D-2"]
