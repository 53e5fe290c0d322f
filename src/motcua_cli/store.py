"""Step 4: the local store of repeated exports (Parquet files and one manifest).

Layout of a store directory:

    manifest.json          the only truth: which files make the store, with sizes and hashes
    parts/<key>/<gen>.parquet   dossiers; <key> is the month (YYYY-MM) of the dossier's
                           latest end of processing, or "open" while it has none
                           (stores written before 0.2 have year keys: still read)
    rejects/<gen>.parquet  rejected rows of each ingest, with their reasons
    lock                   serialises writers (exclusive) against readers (shared)

Why this partitioning: a dossier matters to a period only if it is unsettled at the
period's start or ends inside it, so a report over 2026-Q3 reads ``open`` and the months
from 2026-07 on, never the months before; rows received after the period are filtered
while the files are read. A dossier moves from ``open`` to its month when it ends.

Ingest in bounded memory: the incoming file's ids are looked up in every partition
(only the matching rows are read), the newest version of each is chosen, and only the
partitions that gain or lose a row are rewritten, one at a time. Memory is that of the
incoming file plus one partition; a month of a large province is about 200,000 rows.

Crash safety: an ingest writes new files under new names, then replaces
``manifest.json`` with one atomic rename; only after that are the replaced files
removed. A kill at any moment leaves the old manifest (the store as before) or the new
one (as after); files no manifest names are removed by the next writer.

Merging: one row per (source_system, dossier_id), the one with the most terminal
information (never back from settled to pending), then the later export snapshot (the
export's own date when its title says so, else the file's time), then the latest date
in the row. The choice does not depend on the order files are ingested in.
"""

from __future__ import annotations

import fcntl
import fnmatch
import hashlib
import json
import os
import re
import signal
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl

from . import codes
from .config import Config
from .errors import InputUnreadable, UsageError
from .load import FileReport, Loaded, doubtful_texts, load_file
from .mapping import DATE_FIELDS
from .validate import DOSSIER_SCHEMA, REJECT_SCHEMA

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
KEY = ["source_system", "dossier_id"]
STORE_SCHEMA: dict[str, Any] = {
    **DOSSIER_SCHEMA,
    "source_system": pl.String(),
    "snapshot_at": pl.Datetime("us"),
    "ingest": pl.Int64(),
}
STORE_REJECT_SCHEMA: dict[str, Any] = {**REJECT_SCHEMA, "ingest": pl.Int64()}
OPEN = "open"


class StoreDamaged(InputUnreadable):
    """A file of the store is missing, truncated or unreadable."""


def default_store_dir(config: Config, explicit: Path | None = None) -> Path:
    """``--store``, else ``$MOTCUA_STORE``, else the config's ``[store] path``, else XDG data."""
    if explicit is not None:
        return explicit
    if os.environ.get("MOTCUA_STORE"):
        return Path(os.environ["MOTCUA_STORE"])
    configured = config.section("store").get("path")
    if configured:
        return Path(str(configured)).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "motcua"


def _crash_point(name: str) -> None:
    """Tests kill an ingest at a named step (MOTCUA_TEST_CRASH=name) to prove it atomic."""
    if os.environ.get("MOTCUA_TEST_CRASH") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_EXPORT_DATE = re.compile(r"(?:ngay xuat|xuat ngay|ngay in|ngay lap|thoi diem xuat)\D{0,10}(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def snapshot_time(path: Path, title_text: str = "") -> datetime:
    """When the export was taken: its own date if its title says so, else the file's time."""
    from .folding import fold_key

    m = _EXPORT_DATE.search(fold_key(title_text).replace(" ", " ")) if title_text else None
    if m:
        d, mo, y = (int(x) for x in m.groups())
        try:
            return datetime(y, mo, d, 23, 59, 59)
        except ValueError:
            pass
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC).replace(tzinfo=None)


@dataclass
class IngestResult:
    file: str
    sha256: str
    skipped: bool
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    duplicate: int = 0
    generation: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Store:
    def __init__(self, root: Path) -> None:
        self.root = root

    # ------------------------------------------------------------ locking, manifest

    @contextmanager
    def _lock(self, exclusive: bool) -> Iterator[None]:
        if exclusive:
            self.root.mkdir(parents=True, exist_ok=True)
            (self.root / "parts").mkdir(exist_ok=True)
            (self.root / "rejects").mkdir(exist_ok=True)
        elif not (self.root / MANIFEST).exists():
            yield
            return
        with open(self.root / "lock", "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def manifest(self) -> dict[str, Any]:
        path = self.root / MANIFEST
        if not path.exists():
            return {"version": FORMAT_VERSION, "generation": 0, "parts": {}, "rejects": [], "ingests": []}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise StoreDamaged(
                f"Kho {self.root}: tệp {MANIFEST} bị hỏng ({exc}).",
                f"Store {self.root}: {MANIFEST} is damaged ({exc}).",
                hint_vi="Khôi phục thư mục kho từ bản sao lưu, hoặc tạo kho mới và nạp lại các tệp xuất.",
                hint_en="Restore the store folder from a backup, or start a new store and ingest the exports again.",
            ) from exc
        if data.get("version") != FORMAT_VERSION:
            raise UsageError(
                f"Kho {self.root} có phiên bản {data.get('version')}, motcua này đọc phiên bản {FORMAT_VERSION}.",
                f"Store {self.root} has format version {data.get('version')}; this motcua reads version {FORMAT_VERSION}.",
            )
        return data

    def _commit(self, manifest: dict[str, Any]) -> None:
        tmp = self.root / f".{MANIFEST}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        _crash_point("before-rename")
        os.replace(tmp, self.root / MANIFEST)
        _fsync_dir(self.root)
        _crash_point("after-rename")

    def _write_parquet(self, frame: pl.DataFrame, relative: str) -> dict[str, Any]:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.write_parquet(path, compression="zstd", statistics=True, row_group_size=256_000)
        with open(path, "rb+") as fh:
            os.fsync(fh.fileno())
        return {"file": relative, "rows": frame.height, "bytes": path.stat().st_size, "sha256": _sha256(path)}

    def _remove_unreferenced(self, manifest: dict[str, Any]) -> list[str]:
        referenced = {p["file"] for p in manifest["parts"].values()} | {r["file"] for r in manifest["rejects"]}
        removed = []
        for folder in ("parts", "rejects"):
            base = self.root / folder
            if not base.exists():
                continue
            for path in base.rglob("*.parquet"):
                rel = path.relative_to(self.root).as_posix()
                if rel not in referenced:
                    path.unlink()
                    removed.append(rel)
        for tmp in self.root.glob(f".{MANIFEST}.*.tmp"):
            tmp.unlink()
        return removed

    # ------------------------------------------------------------ reading

    def _scan(self, entries: list[dict[str, Any]]) -> pl.LazyFrame:
        """The files named, each checked against its size and checksum first: Parquet
        does not notice every flipped byte by itself."""
        for e in entries:
            path = self.root / e["file"]
            if not path.exists() or path.stat().st_size != e["bytes"]:
                raise self._damaged(e["file"], "thiếu hoặc sai kích thước", "missing or of the wrong size")
            if _sha256(path) != e["sha256"]:
                raise self._damaged(e["file"], "sai mã kiểm tra (bị hỏng)", "damaged (checksum mismatch)")
        if not entries:
            return pl.DataFrame(schema=STORE_SCHEMA).lazy()
        # Files written before a column existed (status_text, channel_text, vendor_verdict
        # came in 0.3) read it as null.
        return pl.scan_parquet([self.root / e["file"] for e in entries], schema=STORE_SCHEMA, missing_columns="insert")

    def _damaged(self, file: str, why_vi: str, why_en: str) -> StoreDamaged:
        return StoreDamaged(
            f"Kho {self.root}: tệp {file} {why_vi}.",
            f"Store {self.root}: file {file} is {why_en}.",
            hint_vi="Chạy `motcua store verify` để kiểm tra; khôi phục tệp từ bản sao lưu hoặc nạp lại các tệp xuất.",
            hint_en="Run `motcua store verify`; restore the file from a backup or ingest the exports again.",
        )

    def read(self, since: date | None = None, until: date | None = None, columns: list[str] | None = None) -> pl.DataFrame:
        """The stored dossiers; with ``since``, only those that may matter to a period
        starting then (unsettled, or ended in ``since``'s month or later); with ``until``,
        only those received by then. Files are read by Polars' streaming engine with the
        receipt filter pushed into the scan, so memory holds only what is returned."""
        with self._lock(exclusive=False):
            manifest = self.manifest()
            if not manifest["parts"]:
                raise UsageError(
                    f"Kho {self.root} chưa có dữ liệu.",
                    f"Store {self.root} is empty.",
                    hint_vi="Nạp tệp xuất trước: motcua ingest THƯ_MỤC_TỆP_XUẤT/, hoặc chỉ ra tệp trên dòng lệnh.",
                    hint_en="Ingest exports first: motcua ingest EXPORTS_FOLDER/, or name files on the command line.",
                )
            entries = [e for key, e in manifest["parts"].items() if since is None or _may_matter(key, since)]
            scan = self._scan(entries)
            if until is not None:
                scan = scan.filter(pl.col("received_at") < datetime.combine(until, datetime.min.time()) + timedelta(days=1))
            if columns is not None:
                scan = scan.select(columns)
            try:
                return scan.collect(engine="streaming")
            except pl.exceptions.PolarsError as exc:
                raise self._damaged(", ".join(e["file"] for e in entries), f"không đọc được ({exc})", f"unreadable ({exc})") from exc

    def loaded(
        self,
        since: date | None = None,
        until: date | None = None,
        *,
        ids: bool = True,
        vocabulary: Mapping[str, Mapping[str, str]] | None = None,
    ) -> Loaded:
        """The store as ``load_files`` would give it, for report, form and overdue.
        ``ids=False`` leaves the dossier ids unread (null): counts do not need them, and
        millions of distinct ids are most of a report's memory. Status and channel are
        read again from the export's own texts with today's vocabulary and config, so a
        new ``[status]`` line changes what the store says without ingesting again."""
        columns = [c for c in DOSSIER_SCHEMA if ids or c != "dossier_id"]
        frame = self.read(since, until, columns)
        if not ids:
            frame.insert_column(0, pl.repeat(None, frame.height, dtype=pl.String, eager=True).alias("dossier_id"))
        frame, meanings = reread_texts(frame, vocabulary or {})
        manifest = self.manifest()
        reports = [
            FileReport(
                file=i["file"],
                format="store",
                encoding=None,
                sheet="",
                sheets=[],
                header_rows=[],
                unmapped=[],
                personal_dropped=[],
                duplicate_columns=[],
                counts={
                    "read": i["read"],
                    "kept": i["read"] - i["rejected"] - i["duplicate"],
                    "rejected": i["rejected"],
                    "duplicate": i["duplicate"],
                    "flagged": 0,
                },
                flags={},
                missing=list(i.get("missing", [])),
                mapping=list(i.get("mapping", [])),
            )
            for i in manifest["ingests"]
            if not i.get("skipped")
        ]
        return Loaded(frame, pl.DataFrame(schema=REJECT_SCHEMA), reports, texts=doubtful_texts(frame, meanings))

    # ------------------------------------------------------------ writing

    def ingest(
        self,
        path: Path,
        config: Config,
        *,
        sheet: str | None = None,
        encoding: str | None = None,
        check: Callable[[FileReport], None] | None = None,
    ) -> IngestResult:
        """Merge one export; ``check`` sees what the reader found before anything is
        written, and may refuse the file by raising (``--strict``)."""
        digest = _sha256(path)
        with self._lock(exclusive=True):
            manifest = self.manifest()
            self._remove_unreferenced(manifest)
            if any(i["sha256"] == digest for i in manifest["ingests"]):
                return IngestResult(str(path), digest, skipped=True, generation=manifest["generation"])
            dossiers, rejects, report = load_file(path, config=config, sheet=sheet, encoding=encoding)
            if check is not None:
                check(report)
            generation = manifest["generation"] + 1
            system = str(config.section("store").get("source_system", ""))
            for source in config.data.get("sources", {}).values():
                if source.get("system") and any(fnmatch.fnmatch(path.name, p) for p in source.get("files", [])):
                    system = str(source["system"])
            incoming = dossiers.with_columns(
                source_system=pl.lit(system),
                snapshot_at=pl.lit(snapshot_time(path, report.title)),
                ingest=pl.lit(generation, dtype=pl.Int64),
            ).select(list(STORE_SCHEMA))
            result = IngestResult(
                str(path),
                digest,
                skipped=False,
                read=report.counts["read"],
                rejected=report.counts["rejected"],
                duplicate=report.counts["duplicate"],
                generation=generation,
            )
            parts, counts = self._merge(manifest, incoming, generation)
            result.new, result.updated, result.unchanged = counts
            _crash_point("after-parts")
            reject_entries = list(manifest["rejects"])
            if rejects.height:
                reject_entries.append(
                    self._write_parquet(
                        rejects.with_columns(ingest=pl.lit(generation, dtype=pl.Int64)), f"rejects/g{generation:06d}.parquet"
                    )
                )
            log = {
                **result.to_dict(),
                "time": datetime.now().isoformat(timespec="seconds"),
                "format": report.format,
                # what the reports over the store must still say about this file
                "missing": report.missing,
                "mapping": [m for m in report.mapping if m.get("how") in ("words", "content", "fallback")],
            }
            self._commit(
                {**manifest, "generation": generation, "parts": parts, "rejects": reject_entries, "ingests": [*manifest["ingests"], log]}
            )
            self._remove_unreferenced({"parts": parts, "rejects": reject_entries})
            return result

    def _merge(self, manifest: dict[str, Any], incoming: pl.DataFrame, generation: int) -> tuple[dict[str, Any], tuple[int, int, int]]:
        """Write the partitions the incoming rows change; (new manifest parts, (new,
        updated, unchanged)). Only the stored versions of the incoming ids are read
        whole; each changed partition is then rewritten on its own."""
        current = manifest["parts"]
        ids = incoming.select(KEY).lazy()
        found = [
            self._scan([entry]).join(ids, on=KEY, how="semi").with_columns(_part=pl.lit(key)).collect(engine="streaming")
            for key, entry in sorted(current.items())
        ]
        stored = pl.concat(found) if found else pl.DataFrame(schema={**STORE_SCHEMA, "_part": pl.String()})
        winners = _keep_newest(pl.concat([stored.drop("_part"), incoming]))
        # An id changes when the incoming row wins and says something the store did not:
        # a newer export that repeats what is stored rewrites nothing.
        content = [c for c in DOSSIER_SCHEMA if c not in ("source_file", "source_sheet", "source_row")]
        won = winners.filter(pl.col("ingest") == generation).with_columns(_h=pl.struct(content).hash())
        before = stored.select(*KEY, "_part", _h=pl.struct(content).hash())
        compared = won.join(before, on=KEY, how="left", suffix="_old")
        changes = compared.filter(pl.col("_h_old").is_null() | (pl.col("_h") != pl.col("_h_old")))
        new = int(compared["_h_old"].is_null().sum())
        updated = changes.height - new
        unchanged = incoming.height - new - updated
        changes = changes.select(*STORE_SCHEMA, _key=_partition_key())
        _crash_point("after-merge")
        leaving = changes.join(before.select(*KEY, "_part"), on=KEY, how="inner")
        affected = set(changes["_key"].unique().to_list()) | set(leaving["_part"].unique().to_list())
        parts = dict(current)
        changed_ids = changes.select(KEY).lazy()
        for key in sorted(affected):
            arriving = changes.filter(pl.col("_key") == key).drop("_key")
            if key in current:
                kept = self._scan([current[key]]).join(changed_ids, on=KEY, how="anti").collect(engine="streaming")
                frame = pl.concat([kept, arriving])
            else:
                frame = arriving
            if frame.height:
                parts[key] = self._write_parquet(frame.sort("received_at"), f"parts/{key}/g{generation:06d}.parquet")
            else:
                parts.pop(key, None)
        return parts, (new, updated, unchanged)

    # ------------------------------------------------------------ maintenance

    def verify(self) -> dict[str, Any]:
        """Check every file against the manifest: presence, size, hash, readability."""
        with self._lock(exclusive=False):
            manifest = self.manifest()
            problems, checked = [], 0
            entries = list(manifest["parts"].values()) + list(manifest["rejects"])
            for e in entries:
                path = self.root / e["file"]
                checked += 1
                if not path.exists():
                    problems.append({"file": e["file"], "problem": "missing"})
                elif path.stat().st_size != e["bytes"]:
                    problems.append({"file": e["file"], "problem": "size"})
                elif _sha256(path) != e["sha256"]:
                    problems.append({"file": e["file"], "problem": "checksum"})
                else:
                    try:
                        pl.read_parquet(path)
                    except Exception as exc:
                        problems.append({"file": e["file"], "problem": f"unreadable: {exc}"})
            referenced = {e["file"] for e in entries}
            orphans = [
                p.relative_to(self.root).as_posix()
                for folder in ("parts", "rejects")
                if (self.root / folder).exists()
                for p in (self.root / folder).rglob("*.parquet")
                if p.relative_to(self.root).as_posix() not in referenced
            ]
            return {
                "store": str(self.root),
                "generation": manifest["generation"],
                "files_checked": checked,
                "problems": problems,
                "unreferenced_files": orphans,
            }

    def compact(self) -> dict[str, Any]:
        """Rewrite the rejects into one file, sort every partition, drop unreferenced
        files. Running it twice changes nothing the second time."""
        with self._lock(exclusive=True):
            manifest = self.manifest()
            removed = self._remove_unreferenced(manifest)
            rewrote = 0
            parts = dict(manifest["parts"])
            generation = manifest["generation"]
            rejects = list(manifest["rejects"])
            changed = len(rejects) > 1
            if changed:
                frame = pl.concat([pl.read_parquet(self.root / r["file"]) for r in rejects], how="diagonal_relaxed")
                rejects = [self._write_parquet(frame, f"rejects/c{generation:06d}.parquet")]
                rewrote += 1
            for key, e in manifest["parts"].items():
                frame = pl.read_parquet(self.root / e["file"])
                if not frame["received_at"].is_sorted():
                    parts[key] = self._write_parquet(frame.sort("received_at"), f"parts/{key}/c{generation:06d}.parquet")
                    rewrote += 1
                    changed = True
            if changed:
                self._commit({**manifest, "parts": parts, "rejects": rejects})
                removed += self._remove_unreferenced({"parts": parts, "rejects": rejects})
            return {"rewritten": rewrote, "removed": removed}

    def info(self, vocabulary: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, Any]:
        with self._lock(exclusive=False):
            manifest = self.manifest()
            frame = self._scan(list(manifest["parts"].values())) if manifest["parts"] else None
            stats: dict[str, Any] = {"dossiers": 0}
            if frame is not None:
                row = (
                    frame.select(
                        pl.len().alias("dossiers"),
                        pl.col("received_at").min().alias("first_received"),
                        pl.col("received_at").max().alias("last_received"),
                        pl.col("unit").n_unique().alias("units"),
                        pl.col("field").n_unique().alias("fields"),
                    )
                    .collect()
                    .row(0, named=True)
                )
                stats = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}
                texts = frame.select("status", "channel", "status_text", "channel_text", "source_row").collect()
                _, meanings = reread_texts(texts, vocabulary or {})
                for kind, listed in doubtful_texts(texts, meanings).items():
                    stats[f"{kind}_texts_not_sure"] = [{k: t[k] for k in ("text", "meaning", "how", "count")} for t in listed]
            return {
                "store": str(self.root),
                "generation": manifest["generation"],
                **stats,
                "partitions": {k: {"rows": e["rows"], "bytes": e["bytes"]} for k, e in sorted(manifest["parts"].items())},
                "rejected_rows": sum(r["rows"] for r in manifest["rejects"]),
                "ingests": len([i for i in manifest["ingests"] if not i.get("skipped")]),
            }

    def log(self) -> list[dict[str, Any]]:
        return list(self.manifest()["ingests"])

    def export(self) -> pl.DataFrame:
        return self.read()

    def rejects(self) -> pl.DataFrame:
        with self._lock(exclusive=False):
            entries = self.manifest()["rejects"]
            if not entries:
                return pl.DataFrame(schema=STORE_REJECT_SCHEMA)
            return pl.concat([pl.read_parquet(self.root / r["file"]) for r in entries], how="diagonal_relaxed")


def reread_texts(frame: pl.DataFrame, vocabulary: Mapping[str, Mapping[str, str]]) -> tuple[pl.DataFrame, dict[str, dict[str, Any]]]:
    """Status and channel from the stored texts with today's vocabulary and config;
    (the frame, the doubtful meanings by kind). Rows stored without a text (before 0.3)
    keep their stored value."""
    meanings: dict[str, dict[str, Any]] = {}
    updates = []
    for kind in ("status", "channel"):
        text = f"{kind}_text"
        distinct = frame[text].drop_nulls().unique().to_list() if text in frame.columns else []
        if not distinct:
            continue
        known = codes.recognise(distinct, kind, vocabulary.get(kind))
        meanings[kind] = known
        code = pl.col(text).replace_strict(codes.lookup(known, kind), default=None, return_dtype=pl.String)
        if kind == "status":
            value = code.cast(codes.STATUS)
        else:
            value = codes.channel_of(code)[0]
        updates.append(pl.when(pl.col(text).is_not_null()).then(value).otherwise(pl.col(kind)).alias(kind))
    return (frame.with_columns(updates) if updates else frame), meanings


def _partition_key() -> pl.Expr:
    latest_end = pl.max_horizontal("finished_at", "returned_at")
    return pl.when(latest_end.is_null()).then(pl.lit(OPEN)).otherwise(latest_end.dt.strftime("%Y-%m"))


def _may_matter(key: str, since: date) -> bool:
    """Whether partition ``key`` can hold a dossier that matters to a period from ``since``."""
    if key == OPEN:
        return True
    if len(key) == 4:  # a year key of a store written before 0.2
        return int(key) >= since.year
    return key >= f"{since.year:04d}-{since.month:02d}"


def _keep_newest(frame: pl.DataFrame) -> pl.DataFrame:
    """One row per key: most terminal information, then the later snapshot, then the
    latest date in the row, then the later ingest."""
    terminal = (
        pl.col("returned_at").is_not_null().cast(pl.Int8)
        + pl.col("finished_at").is_not_null().cast(pl.Int8)
        + pl.col("status").is_in(codes.TERMINAL_STATUSES).fill_null(False).cast(pl.Int8)
    )
    latest = pl.max_horizontal([pl.col(f) for f in DATE_FIELDS])
    ranked = frame.with_columns(_t=terminal, _l=latest).sort([*KEY, "_t", "snapshot_at", "_l", "ingest"], nulls_last=False)
    return ranked.group_by(KEY, maintain_order=True).last().drop("_t", "_l").select(list(STORE_SCHEMA))
