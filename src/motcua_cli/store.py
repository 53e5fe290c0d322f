"""Step 4: the local store of repeated exports (Parquet files and one manifest).

Layout of a store directory:

    manifest.json          the only truth: which files make the store, with sizes and hashes
    parts/<key>/g<gen>-<id>.parquet   dossiers; <key> is the month (YYYY-MM) of the
                           dossier's latest end of processing, or "open" while it has none
                           (stores written before 0.2 have year keys: still read)
    parts/<key>/d<gen>-<id>.parquet   the ids whose rows in that partition an ingest
                           replaced (their newer version is in its own files)
    rejects/<gen>.parquet  rejected rows of each ingest, with their reasons
    manifest.prev.json     the manifest before the last commit (to roll a bad one back)
    lock, lock.holder.json serialise writers (filelock); who holds it, since when
    quarantine/            what `store repair` could not place: never deleted

Why this partitioning: a dossier matters to a period only if it is unsettled at the
period's start or ends inside it, so a report over 2026-Q3 reads ``open`` and the months
from 2026-07 on, never the months before; rows received after the period are filtered
while the files are read. A dossier moves from ``open`` to its month when it ends.

Ingest at the speed of what it brings (issue 19): the incoming file's ids are looked up
in every partition (the ids alone are read, then the matching rows), the newest version
of each is chosen, and each partition that gains or loses a row gets up to two files of
the ingest's own: the rows it brings there, and the ids of the rows it replaces there.
No stored file is rewritten; a partition is the rows of its files less the ids a newer
file of it lists. A partition with more than MAX_FILES files is merged into one by the
ingest that would pass that, and `compact` merges every partition. Memory is that of the
incoming file plus one partition; a month of a large province is about 200,000 rows.

Crash safety: an ingest marks itself begun (``.pending-<id>``, fsynced), writes new
files under names no other writer can take (the ingest's own id), fsyncs them and the
folders that gained them, then replaces ``manifest.json`` with one atomic rename and
fsyncs the root; only after that are the files it replaced removed (the manifest lists
them as ``superseded``, so a writer killed before removing them has the next one do it).
A kill at any moment leaves the old manifest (the store as before) or the new one (as
after). A file no manifest names is removed only when it is provably a leftover: written
by an ingest that was marked begun and never committed.
A file of a committed ingest that the manifest does not name means the manifest lost
it: the store is damaged, writers refuse and point to `store repair`, which never
deletes a dossier.

Readers take no lock and need no write access: they read the files the manifest names,
and read the manifest again once if a writer removed a file meanwhile.

Merging: one row per (source_system, dossier_id). Its versions are ranked by the most
terminal information (never back from settled to pending), then the snapshot of the
newest export that showed that version (the export's own date when its title says so,
else the file's time; a version shown again unchanged by a newer export takes the newer
time), then the latest date in the row, then the more advanced status, then a hash of
the row's content. Nothing depends on the order files are ingested in.
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import hashlib
import json
import os
import re
import signal
import socket
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl

from . import codes
from .config import Config
from .errors import InputUnreadable, MotcuaError, UsageError
from .load import FileReport, Loaded, doubtful_texts, load_file
from .mapping import DATE_FIELDS
from .validate import DOSSIER_SCHEMA, REJECT_SCHEMA

MANIFEST = "manifest.json"
# 2: a partition may hold files appended since it was last merged ("more"); 1 is read too.
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
# Files in a partition (its base and the appended ones) before an ingest merges it.
MAX_FILES = 24
GONE = "gone"  # an appended file of the ids whose rows a newer file replaced
KEY = ["source_system", "dossier_id"]
STORE_SCHEMA: dict[str, Any] = {
    **DOSSIER_SCHEMA,
    "source_system": pl.String(),
    "snapshot_at": pl.Datetime("us"),
    "file_time": pl.Datetime("us"),  # the export file's own time: breaks snapshot ties
    "ingest": pl.Int64(),
}
STORE_REJECT_SCHEMA: dict[str, Any] = {**REJECT_SCHEMA, "ingest": pl.Int64()}
OPEN = "open"


PREV = "manifest.prev.json"
PENDING = ".pending-"  # + an ingest id: that writer has begun and not yet committed
HOLDER = "lock.holder.json"
QUARANTINE = "quarantine"
# The order of a dossier's life, for ties between versions of equal snapshot time.
STATUS_RANK = {
    "unknown": 0,
    "registered": 1,
    "accepted": 2,
    "processing": 3,
    "supplement_requested": 4,
    "financial_obligation": 4,
    "processed": 5,
    "returned": 6,
    "withdrawn": 6,
    "stopped": 6,
    "refused": 6,
    "not_accepted": 6,
}
# What names a row (which dossier, from which file and sheet): counts never need it.
NAMES_OF_ROWS = ("dossier_id", "source_file", "source_sheet")
CONTENT = [c for c in DOSSIER_SCHEMA if c not in ("source_file", "source_sheet", "source_row")]


class StoreDamaged(InputUnreadable):
    """A file of the store is missing, truncated or unreadable, or the manifest lost one."""


class StoreBusy(InputUnreadable):
    """Another writer holds the store longer than ``--wait``."""


class StoreIOError(InputUnreadable):
    """The disk is full, a permission is missing, the file system failed."""


def _new_ingest_id() -> str:
    """An id no other writer can have (time first, so names sort by time)."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:12]}"


_NAME = re.compile(r"^[gcd](\d{6})(?:-(.+))?$")


def _file_ingest(name: str) -> tuple[int, str | None]:
    """(generation, ingest id) from a store file's name (``g000012-<id>.parquet``; ``c``
    a compact's, ``d`` the ids an ingest replaced); files of stores before 0.3 have no id."""
    m = _NAME.match(Path(name).stem)
    return (int(m.group(1)), m.group(2)) if m else (0, None)


def io_error(exc: OSError, path: Path | str) -> StoreIOError:
    """An OS error, named: what happened to which path, and what to do."""
    if exc.errno == errno.ENOSPC:
        vi, en = "đĩa đã đầy", "the disk is full"
        hint_vi, hint_en = (
            "Giải phóng chỗ trên đĩa rồi chạy lại; các tệp dở dang đã được xoá.",
            "Free some disk space and run again; the partial files were removed.",
        )
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        vi, en = "không có quyền ghi (hoặc ổ chỉ đọc)", "no permission to write (or a read-only disk)"
        hint_vi, hint_en = (
            "Kiểm tra quyền ghi của thư mục kho, hoặc chọn --store khác.",
            "Check the store folder's write permission, or choose another --store.",
        )
    else:
        vi, en = f"lỗi hệ thống tệp ({exc.strerror})", f"a file system error ({exc.strerror})"
        hint_vi, hint_en = "Kiểm tra đĩa (dung lượng, lỗi), rồi chạy lại.", "Check the disk (space, errors), then run again."
    return StoreIOError(f"Không ghi được {path}: {vi}.", f"Cannot write {path}: {en}.", hint_vi=hint_vi, hint_en=hint_en)


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
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))  # no SIGKILL on Windows


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


# Below this many bytes in all, files are checked in turn (threads cost more than they save).
PARALLEL_CHECK_BYTES = 16 * 1024 * 1024


def _sha256_all(paths: Sequence[Path], size: int) -> list[str]:
    """``_sha256`` of each path, in order; side by side when there is much to read
    (hashlib lets go of the GIL while it hashes: two cores hash twice as fast)."""
    if size < PARALLEL_CHECK_BYTES or len(paths) < 2:
        return [_sha256(p) for p in paths]
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return list(pool.map(_sha256, paths))


# Windows cannot open a folder to fsync it (os.open raises PermissionError); NTFS
# journals its folders' entries itself, so there a file's own fsync is what there is.
_DIR_FSYNC = os.name != "nt"


def _fsync_dir(path: Path) -> None:
    if not _DIR_FSYNC:
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# The export's own date in its title, on the folded text ("Ngày xuất: 05/03/2026 14:30"
# folds to "ngay xuat 05 03 2026 14 30"); "đến ngày" bounds it (the export was taken on
# or after the last day it covers).
_EXPORT_DATE = re.compile(
    r"\b(ngay xuat|xuat ngay|ngay trich xuat|trich xuat ngay|thoi diem xuat du lieu|thoi diem xuat|thoi gian xuat"
    r"|ngay in|in ngay|ngay lap bieu|ngay lap)\b\D{0,20}?\b(\d{1,2}) (\d{1,2}) (\d{4})(?: (\d{1,2}) (\d{2}))?"
)
_UNTIL = re.compile(r"\bden ngay (\d{1,2}) (\d{1,2}) (\d{4})\b")


def snapshot_time(path: Path, title_text: str = "") -> tuple[datetime, str]:
    """When the export was taken, and how motcua knows: its own date when its title
    says so ("Ngày xuất", "Ngày trích xuất", "Thời điểm xuất dữ liệu"), else the file's
    time, bounded by the last day the title says it covers ("… đến ngày 05/03/2026")."""
    from .folding import fold_key

    key = fold_key(title_text)
    mtime = datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    m = _EXPORT_DATE.search(key)
    if m:
        d, mo, y = int(m.group(2)), int(m.group(3)), int(m.group(4))
        hh, mm = (int(m.group(5)), int(m.group(6))) if m.group(5) else (23, 59)
        try:
            stated = datetime(y, mo, d, hh, mm, 59 if not m.group(5) else 0)
        except ValueError:
            stated = None
        # A stated date after the file was written is a typo: the file's time says more.
        if stated is not None and stated.date() <= mtime.date():
            return stated, f"title:{m.group(1)}"
    m = _UNTIL.search(key)
    if m:
        try:
            bound = datetime(int(m.group(3)), int(m.group(2)), int(m.group(1)), 23, 59, 59)
            if bound < mtime:
                return bound, "title:den ngay"
        except ValueError:
            pass
    return mtime, "file_time"


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
    snapshot_at: str = ""
    snapshot_source: str = ""  # "title:ngay xuat", "title:den ngay", "file_time", "option"

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Store:
    def __init__(self, root: Path) -> None:
        self.root = root
        # Files whose checksum this process has checked (or written): (size, mtime, sha256).
        self._verified: dict[str, tuple[int, int, str]] = {}

    # ------------------------------------------------------------ locking, manifest

    @contextmanager
    def _writing(self, wait: float = 60, on_wait: Callable[[dict[str, Any]], None] | None = None) -> Iterator[None]:
        """The writers' lock (``filelock``, on every platform). A second writer waits up
        to ``wait`` seconds (0: not at all), telling ``on_wait`` who holds the lock, then
        gives up (exit 3) naming the holder. Readers never take it."""
        from filelock import FileLock, Timeout

        try:
            self.root.mkdir(parents=True, exist_ok=True)
            (self.root / "parts").mkdir(exist_ok=True)
            (self.root / "rejects").mkdir(exist_ok=True)
        except OSError as exc:
            raise io_error(exc, self.root) from exc
        # The lock file stays: removing it on release lets two writers lock two files.
        lock = FileLock(str(self.root / "lock"), preserve_lock_file=True)
        try:
            try:
                lock.acquire(timeout=0)
            except Timeout:
                if on_wait is not None:
                    on_wait(self.holder())
                lock.acquire(timeout=max(wait, 0))
        except Timeout:
            h = self.holder()
            who_vi = f"tiến trình {h.get('pid', '?')} trên máy {h.get('host', '?')}, từ {h.get('since', '?')}"
            who_en = f"process {h.get('pid', '?')} on {h.get('host', '?')}, since {h.get('since', '?')}"
            raise StoreBusy(
                f"Kho {self.root} đang được ghi bởi {who_vi}; đã chờ {wait:g} giây.",
                f"Store {self.root} is being written by {who_en}; waited {wait:g} s.",
                hint_vi="Chờ lần nạp kia xong rồi chạy lại, hoặc tăng --wait. Nếu tiến trình đó đã dừng hẳn, tắt nó đi.",
                hint_en="Wait for that ingest to finish and run again, or raise --wait. If that process hangs, stop it.",
            ) from None
        except OSError as exc:
            raise io_error(exc, self.root / "lock") from exc
        try:
            holder = {"pid": os.getpid(), "host": socket.gethostname(), "since": datetime.now().isoformat(timespec="seconds")}
            with contextlib.suppress(OSError):  # who holds the lock is a courtesy, not a promise
                (self.root / HOLDER).write_text(json.dumps(holder), encoding="utf-8")
            if not (self.root / MANIFEST).exists() and not self._files():
                # A new store gets its (empty) manifest before any data file: from then
                # on, a missing manifest always means one was lost, never "not yet".
                try:
                    self._commit({"version": FORMAT_VERSION, "generation": 0, "parts": {}, "rejects": [], "ingests": []})
                except OSError as exc:
                    raise io_error(exc, self.root / MANIFEST) from exc
            yield
        finally:
            lock.release()

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Readers take no lock and need no write access (a shared folder, a USB copy):
        they read the files the manifest names, which no writer removes before a newer
        manifest replaces them."""
        yield

    def has_data(self) -> bool:
        """A manifest or data files: something to read (or to repair)."""
        return (self.root / MANIFEST).exists() or bool(self._files())

    def holder(self) -> dict[str, Any]:
        try:
            data = json.loads((self.root / HOLDER).read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

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
        if data.get("version") not in READABLE_VERSIONS:
            raise UsageError(
                f"Kho {self.root} có phiên bản {data.get('version')}, motcua này đọc phiên bản {FORMAT_VERSION}.",
                f"Store {self.root} has format version {data.get('version')}; this motcua reads version {FORMAT_VERSION}.",
                hint_vi="Cài bản motcua mới hơn để đọc kho này.",
                hint_en="Install a newer motcua to read this store.",
            )
        return data

    def _commit(self, manifest: dict[str, Any], expected: int | None = None, written: list[str] | None = None) -> None:
        """Make ``manifest`` the store, atomically. ``expected``: the generation the
        writer started from; if another writer committed meanwhile (a lock file deleted
        by hand), nothing is replaced. ``written``: the new files, whose folders are
        fsynced before the rename (the root after it), so a power loss cannot leave a
        manifest naming files that are not on the disk."""
        current = self.root / MANIFEST
        if expected is not None and self._generation_on_disk() != expected:
            raise self._overtaken()
        folders = {(self.root / f).parent for f in written or []}
        for folder in sorted(folders | {f.parent for f in folders if f.parent != self.root}):
            _fsync_dir(folder)  # the partition folders, and parts/ where one is new
        tmp = self.root / f".{MANIFEST}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(manifest, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        if current.exists():  # the manifest before, to roll a bad one back
            prev_tmp = self.root / f".{PREV}.{os.getpid()}.tmp"
            with open(prev_tmp, "wb") as fh:
                fh.write(current.read_bytes())
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(prev_tmp, self.root / PREV)
        _crash_point("before-rename")
        os.replace(tmp, current)
        _fsync_dir(self.root)
        _crash_point("after-rename")

    def _overtaken(self) -> StoreBusy:
        return StoreBusy(
            f"Kho {self.root}: một lần ghi khác vừa ghi vào kho cùng lúc; lần này không được ghi.",
            f"Store {self.root}: another writer wrote the store at the same time; this one was not committed.",
            hint_vi="Chạy lại lệnh; tệp lock của kho không được xoá khi đang ghi.",
            hint_en="Run the command again; the store's lock file must not be deleted while writing.",
        )

    def _generation_on_disk(self) -> int:
        path = self.root / MANIFEST
        if not path.exists():
            return 0
        try:
            return int(json.loads(path.read_text(encoding="utf-8")).get("generation", 0))
        except (OSError, ValueError):
            return -1

    def _write_parquet(self, frame: pl.DataFrame, relative: str, meta: dict[str, str] | None = None) -> dict[str, Any]:
        """A store file, fsynced; its partition, generation and ingest id are in its
        Parquet metadata too, so `store repair` can place it without the manifest."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        generation, ingest = _file_ingest(path.name)
        metadata = {"motcua.file": relative, "motcua.generation": str(generation), "motcua.ingest": ingest or "", **(meta or {})}
        try:
            frame.write_parquet(path, compression="zstd", statistics=True, row_group_size=256_000, metadata=metadata)
        except pl.exceptions.PolarsError as exc:  # Polars reports a full disk as "os error 28"
            code = re.search(r"os error (\d+)", str(exc))
            if code:
                raise OSError(int(code.group(1)), os.strerror(int(code.group(1))), str(path)) from exc
            raise
        with open(path, "rb+") as fh:
            os.fsync(fh.fileno())
        st, digest = path.stat(), _sha256(path)
        self._verified[relative] = (st.st_size, st.st_mtime_ns, digest)
        return {"file": relative, "rows": frame.height, "bytes": st.st_size, "sha256": digest}

    def _write_part(
        self, frame: pl.DataFrame, key: str, letter: str, generation: int, iid: str, written: list[str], kind: str = ""
    ) -> dict[str, Any]:
        """A file of partition ``key`` named for this writer (``letter``: g rows, d gone
        ids, c a compact's), listed in ``written``; its manifest entry. ``kind`` ("more",
        GONE) marks a file appended to the partition rather than one holding it whole."""
        rel = f"parts/{key}/{letter}{generation:06d}-{iid}.parquet"
        written.append(rel)
        meta = {"motcua.partition": key, **({"motcua.kind": kind} if kind else {})}
        entry = {**self._write_parquet(frame, rel, meta), "ingest_id": iid, "generation": generation}
        return {**entry, "kind": GONE} if kind == GONE else entry

    def _end(self, iid: str) -> None:
        """The writer's begun mark removed: it committed, or left nothing to remove."""
        (self.root / f"{PENDING}{iid}").unlink(missing_ok=True)

    def _begin(self) -> str:
        """A new ingest id, marked as begun on the disk before any of its files is
        written: a file of an ingest no manifest names is removable only with this mark
        (its writer was killed before committing); without it, the manifest lost it."""
        iid = _new_ingest_id()
        marker = self.root / f"{PENDING}{iid}"
        try:
            with open(marker, "w", encoding="utf-8") as fh:
                fh.write(str(os.getpid()))
                fh.flush()
                os.fsync(fh.fileno())
            _fsync_dir(self.root)
        except OSError as exc:
            marker.unlink(missing_ok=True)
            raise io_error(exc, marker) from exc
        return iid

    def _end_all(self) -> None:
        for iid in self._pending():
            self._end(iid)

    def _pending(self) -> set[str]:
        return {p.name[len(PENDING) :] for p in self.root.glob(f"{PENDING}*")}

    def _files(self) -> list[str]:
        return sorted(
            p.relative_to(self.root).as_posix()
            for folder in ("parts", "rejects")
            if (self.root / folder).exists()
            for p in (self.root / folder).rglob("*.parquet")
        )

    def _audit(self, manifest: dict[str, Any]) -> dict[str, list[str]]:
        """The files on disk no manifest entry names, sorted by what they are:
        ``superseded`` (the last commit replaced them), ``leftover`` (written by an ingest
        that never committed: a writer killed before its rename), ``lost`` (written by a
        committed ingest, yet not named: the manifest lost them)."""
        named = _part_files(manifest)
        referenced = {f["file"] for f in named} | {r["file"] for r in manifest["rejects"]}
        superseded = set(manifest.get("superseded", []))
        committed = {i.get("ingest_id") for i in manifest["ingests"]} | {f.get("ingest_id") for f in named}
        committed.discard(None)
        begun = self._pending() - committed
        out: dict[str, list[str]] = {"superseded": [], "leftover": [], "lost": []}
        for rel in self._files():
            if rel in referenced:
                continue
            generation, ingest = _file_ingest(rel)
            if rel in superseded:
                out["superseded"].append(rel)
            elif ingest is not None and ingest in begun:
                out["leftover"].append(rel)
            elif ingest is None and generation > manifest["generation"]:
                out["leftover"].append(rel)  # a store before 0.3: a generation not committed
            else:
                out["lost"].append(rel)
        return out

    def _check_whole(self, manifest: dict[str, Any]) -> None:
        """Writers refuse a store whose manifest is missing or lost files: the next
        ingest would otherwise delete what the manifest no longer names."""
        problem = self.whole_problem(manifest)
        if problem:
            vi, en = problem
            raise StoreDamaged(
                f"Kho {self.root}: {vi}. Không ghi gì để không mất dữ liệu.",
                f"Store {self.root}: {en}. Nothing written, so no data is lost.",
                hint_vi="Chạy `motcua store repair` để dựng lại manifest từ các tệp Parquet (không xoá hồ sơ nào).",
                hint_en="Run `motcua store repair` to rebuild the manifest from the Parquet files (no dossier is deleted).",
            )

    def whole_problem(self, manifest: dict[str, Any]) -> tuple[str, str] | None:
        if not (self.root / MANIFEST).exists():
            files = self._files()
            if files:
                return (
                    f"thiếu tệp {MANIFEST} nhưng có {len(files)} tệp dữ liệu",
                    f"{MANIFEST} is missing but {len(files)} data files are there",
                )
            return None
        named = [*_part_files(manifest), *manifest["rejects"]]
        gone = [e["file"] for e in named if not (self.root / e["file"]).exists()]
        if gone:
            # e.g. an older manifest put back by hand: the files it names were replaced
            return (
                f"{MANIFEST} nhắc tới {len(gone)} tệp không còn trên đĩa ({', '.join(gone[:3])})",
                f"{MANIFEST} names {len(gone)} files no longer on the disk ({', '.join(gone[:3])})",
            )
        lost = self._audit(manifest)["lost"]
        if lost:
            return (
                f"{MANIFEST} không nhắc tới {len(lost)} tệp dữ liệu mà không lần nạp dở dang nào để lại ({', '.join(lost[:3])})",
                f"{MANIFEST} does not name {len(lost)} data files that no unfinished ingest left ({', '.join(lost[:3])})",
            )
        return None

    def _remove_unreferenced(self, manifest: dict[str, Any]) -> list[str]:
        """Remove what is provably not needed: the files the last commit replaced, and
        the leftovers of ingests that never committed. Never a file the manifest lost."""
        audit = self._audit(manifest)
        removed = []
        for rel in audit["superseded"] + audit["leftover"]:
            (self.root / rel).unlink(missing_ok=True)
            removed.append(rel)
        for tmp in self.root.glob(f".{MANIFEST}.*.tmp"):
            tmp.unlink()
        self._end_all()  # writers that committed, or whose leftovers are removed above
        return removed

    # ------------------------------------------------------------ reading

    def _check(self, files: Sequence[Mapping[str, Any]]) -> None:
        """Each file against its size and checksum (Parquet does not notice every flipped
        byte by itself); a file this process checked or wrote, unchanged since, once."""
        todo: list[tuple[Mapping[str, Any], Path, os.stat_result]] = []
        for e in files:
            path = self.root / e["file"]
            try:
                st = path.stat()
            except OSError:
                st = None
            if st is None or st.st_size != e["bytes"]:
                raise self._damaged(e["file"], "thiếu hoặc sai kích thước", "missing or of the wrong size")
            if self._verified.get(e["file"]) != (st.st_size, st.st_mtime_ns, e["sha256"]):
                todo.append((e, path, st))
        digests = _sha256_all([path for _, path, _ in todo], sum(st.st_size for _, _, st in todo))
        for (e, _, st), digest in zip(todo, digests, strict=True):
            if digest != e["sha256"]:
                raise self._damaged(e["file"], "sai mã kiểm tra (bị hỏng)", "damaged (checksum mismatch)")
            self._verified[e["file"]] = (st.st_size, st.st_mtime_ns, e["sha256"])

    def _scan(self, entries: list[dict[str, Any]], keys: list[str] | None = None) -> pl.LazyFrame:
        """The dossiers the partitions ``entries`` hold now, their files checked first:
        the rows of each file, less those whose ids a newer file of the same partition
        lists as gone (the dossier's newer version was written elsewhere). With
        ``keys`` (the partitions' names), a column ``_part`` says which holds each row."""
        self._check([f for e in entries for f in _files_of(e)])
        plain: list[Path] = []
        plain_part: dict[str, str] = {}
        frames: list[pl.LazyFrame] = []
        for i, e in enumerate(entries):
            gone = [f for f in _files_of(e) if f.get("kind") == GONE]
            rows = [f for f in _files_of(e) if f.get("kind") != GONE]
            if not gone:
                plain += [self.root / f["file"] for f in rows]
                if keys is not None:
                    plain_part.update({str(self.root / f["file"]): keys[i] for f in rows})
                continue
            held = pl.concat([self._scan_unchecked(f["file"]).with_columns(_fg=pl.lit(_gen(f), pl.Int64)) for f in rows])
            dead = (
                pl.concat([pl.scan_parquet(self.root / f["file"]).select(KEY).with_columns(_dg=pl.lit(_gen(f), pl.Int64)) for f in gone])
                .group_by(KEY)
                .agg(pl.col("_dg").max())
            )
            alive = pl.col("_dg").is_null() | (pl.col("_fg") >= pl.col("_dg"))
            live = held.join(dead, on=KEY, how="left").filter(alive).drop("_fg", "_dg")
            frames.append(live.with_columns(_part=pl.lit(keys[i])) if keys is not None else live)
        if plain:
            # Files written before a column existed (status_text, channel_text,
            # vendor_verdict came in 0.3) read it as null.
            if keys is None:
                frames.insert(0, pl.scan_parquet(plain, schema=STORE_SCHEMA, missing_columns="insert"))
            else:
                scan = pl.scan_parquet(plain, schema=STORE_SCHEMA, missing_columns="insert", include_file_paths="_file")
                frames.insert(0, scan.with_columns(_part=pl.col("_file").replace_strict(plain_part, return_dtype=pl.String)).drop("_file"))
        if not frames:
            schema = {**STORE_SCHEMA, "_part": pl.String()} if keys is not None else STORE_SCHEMA
            return pl.DataFrame(schema=schema).lazy()
        return frames[0] if len(frames) == 1 else pl.concat(frames)

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
        for attempt in (1, 2):
            generation = self._generation_on_disk()
            try:
                return self._read_once(since, until, columns)
            except (StoreDamaged, OSError) as exc:
                # A writer committed while this read: read the new manifest once.
                if attempt == 2 or self._generation_on_disk() == generation:
                    if isinstance(exc, OSError):
                        raise self._damaged(str(getattr(exc, "filename", "") or "?"), "không đọc được", "unreadable") from exc
                    raise
        raise AssertionError("unreachable")

    def _read_once(self, since: date | None, until: date | None, columns: list[str] | None) -> pl.DataFrame:
        with self._reading():
            manifest = self.manifest()
            if not (self.root / MANIFEST).exists():
                self._check_whole(manifest)  # data files without a manifest: damaged, not empty
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
        ``ids=False`` leaves the dossier ids and the names of the files they came from
        unread (null): counts do not need them, and millions of distinct ids are most of
        a report's memory. Status and channel are
        read again from the export's own texts with today's vocabulary and config, so a
        new ``[status]`` line changes what the store says without ingesting again."""
        unread = () if ids else NAMES_OF_ROWS
        frame = self.read(since, until, [c for c in DOSSIER_SCHEMA if c not in unread])
        if unread:
            frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias(c) for c in unread).select(list(DOSSIER_SCHEMA))
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
                # An old export's missing column says nothing of the dossiers a report
                # counts now (a later export may have brought it): the notes count the
                # dossiers in scope instead (no_due_date and the flags).
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
        snapshot: datetime | None = None,
        wait: float = 60,
        on_wait: Callable[[dict[str, Any]], None] | None = None,
    ) -> IngestResult:
        """Merge one export; ``check`` sees what the reader found before anything is
        written, and may refuse the file by raising (``--strict``); ``snapshot``
        overrides when the export was taken (``--snapshot``)."""
        try:
            digest = _sha256(path)
        except OSError as exc:
            raise InputUnreadable(
                f"Không đọc được tệp {path}: {exc.strerror}.",
                f"Cannot read {path}: {exc.strerror}.",
                hint_vi="Kiểm tra đường dẫn và quyền đọc tệp.",
                hint_en="Check the path and the file's read permission.",
            ) from exc
        with self._writing(wait, on_wait):
            manifest = self.manifest()
            self._check_whole(manifest)
            self._remove_unreferenced(manifest)
            if any(i["sha256"] == digest for i in manifest["ingests"]):
                return IngestResult(str(path), digest, skipped=True, generation=manifest["generation"])
            dossiers, rejects, report = load_file(path, config=config, sheet=sheet, encoding=encoding)
            if check is not None:
                check(report)
            generation = manifest["generation"] + 1
            iid = self._begin()
            snap, source = (snapshot, "option") if snapshot is not None else snapshot_time(path, report.title)
            system = str(config.section("store").get("source_system", ""))
            for src in config.data.get("sources", {}).values():
                if src.get("system") and any(fnmatch.fnmatch(path.name, p) for p in src.get("files", [])):
                    system = str(src["system"])
            incoming = dossiers.with_columns(
                source_system=pl.lit(system),
                snapshot_at=pl.lit(snap, dtype=pl.Datetime("us")),
                file_time=pl.lit(datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0), dtype=pl.Datetime("us")),
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
                snapshot_at=snap.isoformat(timespec="minutes"),
                snapshot_source=source,
            )
            written: list[str] = []
            try:
                parts, counts, superseded = self._merge(manifest, incoming, generation, iid, written)
                result.new, result.updated, result.unchanged = counts
                _crash_point("after-parts")
                reject_entries = list(manifest["rejects"])
                if rejects.height:
                    rel = f"rejects/g{generation:06d}-{iid}.parquet"
                    written.append(rel)
                    reject_entries.append(self._write_parquet(rejects.with_columns(ingest=pl.lit(generation, dtype=pl.Int64)), rel))
                log = {
                    **result.to_dict(),
                    "ingest_id": iid,
                    "time": datetime.now().isoformat(timespec="seconds"),
                    "format": report.format,
                    # what the reader found, for `store log` (reports count their own dossiers)
                    "missing": report.missing,
                    "mapping": [m for m in report.mapping if m.get("how") in ("words", "content", "fallback")],
                }
                committed = _next(manifest, generation, parts, reject_entries, log, superseded)
                self._commit(committed, expected=manifest["generation"], written=written)
                self._end(iid)  # committed: no longer begun
            except BaseException as exc:
                failure = self._failed(exc, iid, written, manifest["generation"])
                if failure is exc:
                    raise
                raise failure from exc
            self._remove_unreferenced(committed)
            return result

    def _failed(self, exc: BaseException, ingest_id: str, written: list[str], generation: int) -> BaseException:
        """After a write failed: its files removed unless a commit names them; the error
        to raise, named (I/O), or said to be another writer's doing."""
        if not self._committed(ingest_id):  # never remove what a commit names
            for rel in written:
                (self.root / rel).unlink(missing_ok=True)
        self._end(ingest_id)
        if isinstance(exc, OSError):
            return io_error(exc, self.root)
        if isinstance(exc, StoreDamaged) and self._generation_on_disk() != generation:
            return self._overtaken()  # the files it read were replaced meanwhile
        return exc

    def _committed(self, ingest_id: str) -> bool:
        try:
            return any(i.get("ingest_id") == ingest_id for i in self.manifest()["ingests"])
        except MotcuaError:
            return False

    def _merge(
        self, manifest: dict[str, Any], incoming: pl.DataFrame, generation: int, iid: str, written: list[str]
    ) -> tuple[dict[str, Any], tuple[int, int, int], list[str]]:
        """Write what the incoming rows change; (new manifest parts, (new, updated,
        unchanged), the files replaced). Only the stored versions of the incoming ids
        are read whole.

        Each partition the ingest changes gains at most two files of its own: the rows
        it brings there, and the ids of the rows it replaces there (``gone``: their newer
        version is in the ingest's rows, in this partition or another). Nothing stored
        is rewritten, so an ingest costs what it brings, not what the store holds; a
        partition with more than MAX_FILES files is merged into one (as `compact` does).

        Each version keeps the snapshot of the newest export that showed it: a row shown
        again unchanged by a newer export takes that export's time (it is written again
        for it), so an older export ingested later cannot win."""
        current = manifest["parts"]
        ids = incoming.select(KEY).lazy()
        # Which partitions hold incoming ids (their ids alone are read), then those rows.
        keys = sorted(current)
        found = self._scan([current[k] for k in keys], keys).select(*KEY, "_part").join(ids, on=KEY, how="semi").collect(engine="streaming")
        holding = sorted(set(found["_part"].to_list()))
        stored = (
            self._scan([current[k] for k in holding], holding)
            .join(found.select(KEY).lazy(), on=KEY, how="semi")
            .collect(engine="streaming")
        )
        content = pl.struct(CONTENT).hash(seed=0)
        stored = stored.with_columns(_h=content)
        union = pl.concat([stored.drop("_part"), incoming.with_columns(_h=content)])
        union = union.with_columns(pl.col("snapshot_at", "file_time").max().over([*KEY, "_h"]))
        winners = _keep_newest(union, keep=["_h"])
        before = stored.select(*KEY, "_part", _h_old="_h", _snap_old="snapshot_at", _ft_old="file_time")
        compared = winners.join(before, on=KEY, how="left")
        new = int(compared["_h_old"].is_null().sum())
        updated = int(compared.filter(pl.col("_h_old").is_not_null() & (pl.col("_h") != pl.col("_h_old"))).height)
        unchanged = incoming.height - new - updated
        changes = compared.filter(
            pl.col("_h_old").is_null()
            | (pl.col("_h") != pl.col("_h_old"))
            | (pl.col("snapshot_at") != pl.col("_snap_old"))
            | pl.col("file_time").ne_missing(pl.col("_ft_old"))
        ).select(*STORE_SCHEMA, _key=_partition_key())
        _crash_point("after-merge")
        leaving = changes.select(KEY).join(before.select(*KEY, "_part"), on=KEY, how="inner")
        affected = set(changes["_key"].unique().to_list()) | set(leaving["_part"].unique().to_list())
        parts = dict(current)
        superseded: list[str] = []
        for key in sorted(affected):
            arriving = changes.filter(pl.col("_key") == key).drop("_key").sort("received_at")
            gone = leaving.filter(pl.col("_part") == key).select(KEY)
            entry = current.get(key)
            if entry is None:
                parts[key] = self._write_part(arriving, key, "g", generation, iid, written)
                continue
            files = _files_of(entry)
            live = _live(entry) - gone.height + arriving.height
            if live == 0:
                parts.pop(key)
                superseded += [f["file"] for f in files]
            elif len(files) + (gone.height > 0) + (arriving.height > 0) > MAX_FILES:
                kept = self._scan([entry]).join(gone.lazy(), on=KEY, how="anti").collect(engine="streaming")
                frame = pl.concat([kept, arriving]).sort("received_at")
                parts[key] = self._write_part(frame, key, "g", generation, iid, written)
                superseded += [f["file"] for f in files]
            else:
                more = list(entry.get("more", []))
                if gone.height:
                    more.append(self._write_part(gone, key, "d", generation, iid, written, kind=GONE))
                if arriving.height:
                    more.append(self._write_part(arriving, key, "g", generation, iid, written, kind="more"))
                parts[key] = {**entry, "more": more, "live": live}
        return parts, (new, updated, unchanged), superseded

    # ------------------------------------------------------------ maintenance

    def verify(self) -> dict[str, Any]:
        """Check every file against the manifest: presence, size, hash, readability;
        and that the manifest names every file of a committed ingest."""
        manifest = self.manifest()
        problems, checked = [], 0
        whole = self.whole_problem(manifest)
        if whole:
            problems.append({"file": MANIFEST, "problem": whole[0], "problem_en": whole[1]})
        entries = [*_part_files(manifest), *manifest["rejects"]]
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
        audit = self._audit(manifest) if (self.root / MANIFEST).exists() else {"superseded": [], "leftover": [], "lost": self._files()}
        if (self.root / MANIFEST).exists():  # with no manifest at all, the one line above says it
            for rel in audit["lost"]:
                problems.append({"file": rel, "problem": "lost"})
        return {
            "store": str(self.root),
            "generation": manifest["generation"],
            "files_checked": checked,
            "problems": problems,
            "unreferenced_files": audit["superseded"] + audit["leftover"] + audit["lost"],
            "lost_files": audit["lost"],
        }

    def compact(self, wait: float = 60, on_wait: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
        """Rewrite the rejects into one file, merge each partition's files into one,
        sorted, drop the files provably not needed. Running it twice changes nothing the
        second time."""
        with self._writing(wait, on_wait):
            manifest = self.manifest()
            self._check_whole(manifest)
            removed = self._remove_unreferenced(manifest)
            rewrote = 0
            parts = dict(manifest["parts"])
            generation = manifest["generation"] + 1
            iid = self._begin()
            rejects = list(manifest["rejects"])
            superseded: list[str] = []
            written: list[str] = []
            try:
                if len(rejects) > 1:
                    frame = pl.concat([pl.read_parquet(self.root / r["file"]) for r in rejects], how="diagonal_relaxed")
                    rel = f"rejects/c{generation:06d}-{iid}.parquet"
                    written.append(rel)
                    superseded += [r["file"] for r in rejects]
                    rejects = [self._write_parquet(frame, rel)]
                    rewrote += 1
                for key, e in manifest["parts"].items():
                    # a partition's appended files merged into one, or its one file sorted
                    frame = self._scan([e]).collect(engine="streaming")
                    if e.get("more") or not frame["received_at"].is_sorted():
                        superseded += [f["file"] for f in _files_of(e)]
                        parts[key] = self._write_part(frame.sort("received_at"), key, "c", generation, iid, written)
                        rewrote += 1
                _crash_point("compact-written")
                if not written:
                    self._end(iid)
                    return {"rewritten": 0, "removed": removed}
                committed = _next(manifest, generation, parts, rejects, _maintenance("(compact)", iid, generation), superseded)
                self._commit(committed, expected=manifest["generation"], written=written)
                self._end(iid)  # committed: no longer begun
            except BaseException as exc:
                failure = self._failed(exc, iid, written, manifest["generation"])
                if failure is exc:
                    raise
                raise failure from exc
            removed += self._remove_unreferenced(committed)
            return {"rewritten": rewrote, "removed": removed}

    def repair(self, wait: float = 60, on_wait: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
        try:
            return self._repair(wait, on_wait)
        except OSError as exc:
            raise io_error(exc, self.root) from exc

    def _repair(self, wait: float, on_wait: Callable[[dict[str, Any]], None] | None) -> dict[str, Any]:
        """Rebuild the manifest from the Parquet files (their names and metadata: the
        partition, generation and ingest id) and the ingest log of the manifest, or of
        ``manifest.prev.json`` when the manifest is gone. A partition takes its newest
        file of a committed ingest (of any ingest when no log survives); what cannot be
        placed is moved to ``quarantine/``, never deleted. A dossier found in two
        partitions keeps its newest version. Running it on a sound store changes nothing."""
        with self._writing(wait, on_wait):
            source = MANIFEST
            try:
                base = self.manifest() if (self.root / MANIFEST).exists() else None
            except StoreDamaged:
                base = None
            if base is None:
                source = PREV
                try:
                    base = json.loads((self.root / PREV).read_text(encoding="utf-8")) if (self.root / PREV).exists() else None
                except (OSError, ValueError):
                    base = None
            if base is None:
                source = "files"
                base = {"version": FORMAT_VERSION, "generation": 0, "parts": {}, "rejects": [], "ingests": []}
            files = self._files()
            by_key: dict[str, list[str]] = {}
            reject_files = []
            facts = {rel: self._facts(rel) for rel in files}
            unreadable = [rel for rel in files if facts[rel][1] < 0]
            files = [rel for rel in files if rel not in unreadable]
            for rel in files:
                if rel.startswith("rejects/"):
                    reject_files.append(rel)
                    continue
                by_key.setdefault(facts[rel][0], []).append(rel)
            parts: dict[str, Any] = {}
            quarantined: list[str] = list(unreadable)  # a truncated file: set aside, not read
            placed: list[str] = []
            committed = {i.get("ingest_id") for i in base["ingests"]} - {None}
            begun = self._pending() - committed  # writers killed before their commit
            for key, candidates in sorted(by_key.items()):
                entry = base["parts"].get(key)
                if entry is not None and all(f["file"] in candidates and self._sound(f) for f in _files_of(entry)):
                    # The manifest's own files when they are sound, and what committed
                    # ingests appended after them that it does not name (it was put back).
                    chain = [f["file"] for f in _files_of(entry)]
                    top = max(_gen(f) for f in _files_of(entry))
                    later = [
                        c for c in candidates if c not in chain and facts[c][3] != "base" and facts[c][1] > top and facts[c][2] not in begun
                    ]
                    parts[key] = entry
                    if later:
                        later.sort(key=lambda c: facts[c][1])
                        parts[key] = {**entry, "more": [*entry.get("more", []), *(self._describe(c, facts[c]) for c in later)]}
                        parts[key]["live"] = int(self._scan([parts[key]]).select(pl.len()).collect().item())
                        chain += later
                        placed += later
                else:
                    # Else the newest whole file there (of a committed ingest when the log
                    # says which), and the files appended to it since.
                    bases = [c for c in candidates if facts[c][3] == "base" and facts[c][2] not in begun]
                    trusted = [c for c in bases if facts[c][2] in committed] or bases
                    if not trusted:
                        quarantined += candidates
                        continue
                    first = max(trusted, key=lambda c: (facts[c][1], facts[c][2] or ""))
                    later = [c for c in candidates if facts[c][3] != "base" and facts[c][1] > facts[first][1] and facts[c][2] not in begun]
                    chain = [first, *sorted(later, key=lambda c: (facts[c][1], facts[c][3] != GONE))]
                    described = [self._describe(c, facts[c]) for c in chain]
                    parts[key] = {**described[0], "more": described[1:]} if len(described) > 1 else described[0]
                    parts[key]["live"] = int(self._scan([parts[key]]).select(pl.len()).collect().item())
                    placed += chain
                quarantined += [c for c in candidates if c not in chain]
            rejects = [r for r in base["rejects"] if r["file"] in reject_files]
            for rel in reject_files:
                if facts[rel][2] in begun:
                    quarantined.append(rel)  # rejects of an ingest that never committed
                elif rel not in {r["file"] for r in rejects}:
                    rejects.append(self._found(rel))
                    placed.append(rel)
            generation = max([base["generation"], *(facts[f][1] for f in files)]) + 1
            iid = self._begin()
            written: list[str] = []
            # Dossiers only set-aside files hold are brought back, never from an ingest that
            # did not commit: repair would apply half of it (its new dossiers, not its updates).
            rescue = [q for q in quarantined if facts[q][2] not in begun]
            parts, replaced = self._settle(parts, rescue, generation, iid, written)
            _crash_point("repair-written")
            for rel in quarantined:
                target = self.root / QUARANTINE / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.root / rel, target)
            manifest = _next(base, generation, parts, rejects, _maintenance("(repair)", iid, generation), replaced)
            self._commit(manifest, written=written)
            self._end_all()  # its own, and those of writers whose files it set aside
            return {
                "from": source,
                "placed": placed,
                "quarantined": [f"{QUARANTINE}/{q}" for q in quarantined],
                "dossiers": sum(_live(p) for p in parts.values()),
            }

    def _facts(self, relative: str) -> tuple[str, int, str | None, str]:
        """(partition, generation, ingest id, kind) of a store file: its own Parquet
        metadata, else its folder and name (files of stores before 0.3 carry no
        metadata). The kind is "base" (a partition whole), "more" (rows appended to it)
        or "gone" (the ids of rows a newer file replaced)."""
        generation, ingest = _file_ingest(relative)
        key = relative.split("/")[1] if relative.startswith("parts/") else ""
        try:
            meta = pl.read_parquet_metadata(self.root / relative)
        except Exception:  # an unreadable file: generation -1 sets it aside
            return key, -1, ingest, "base"
        key = meta.get("motcua.partition") or key
        generation = int(meta.get("motcua.generation") or generation)
        ingest = meta.get("motcua.ingest") or ingest
        return key, generation, ingest, meta.get("motcua.kind") or "base"

    def _found(self, relative: str) -> dict[str, Any]:
        """A manifest entry for a file found on the disk: its rows, size and checksum."""
        path = self.root / relative
        rows = int(pl.scan_parquet(path).select(pl.len()).collect().item())
        return {"file": relative, "rows": rows, "bytes": path.stat().st_size, "sha256": _sha256(path)}

    def _describe(self, relative: str, facts: tuple[str, int, str | None, str]) -> dict[str, Any]:
        """A partition's manifest entry for a file found on the disk."""
        entry = {**self._found(relative), "ingest_id": facts[2], "generation": facts[1]}
        return {**entry, "kind": GONE} if facts[3] == GONE else entry

    def _sound(self, entry: Mapping[str, Any]) -> bool:
        path = self.root / entry["file"]
        return path.exists() and path.stat().st_size == entry["bytes"] and _sha256(path) == entry["sha256"]

    def _settle(
        self, parts: dict[str, Any], others: list[str], generation: int, iid: str, written: list[str]
    ) -> tuple[dict[str, Any], list[str]]:
        """Make the placed partitions hold every dossier once, in its newest version:
        a dossier only the set-aside files hold (a writer killed between partitions) is
        brought back from them; one in two partitions (or twice in one) keeps its newest
        version. (The parts, the files of the partitions it rewrote.)"""
        if not parts:
            return parts, []
        placed = pl.concat([self._scan([e]).select(KEY).with_columns(_part=pl.lit(k)) for k, e in parts.items()]).collect()
        twice = placed.filter(pl.struct(KEY).is_duplicated()).select(KEY).unique()
        missing = pl.DataFrame(schema={k: pl.String() for k in KEY})
        facts = {rel: self._facts(rel) for rel in others}  # readable rows files only
        others = [rel for rel in others if facts[rel][1] >= 0 and facts[rel][3] != GONE]
        if others:
            aside = pl.concat([self._scan_unchecked(rel).select(KEY) for rel in others]).unique().collect()
            missing = aside.join(placed.select(KEY), on=KEY, how="anti")
        if twice.height == 0 and missing.height == 0:
            return parts, []
        wanted = pl.concat([twice, missing]).unique().lazy()
        versions = [self._scan([e]).join(wanted, on=KEY, how="semi") for e in parts.values()]
        versions += [self._scan_unchecked(rel).join(wanted, on=KEY, how="semi") for rel in others]
        best = _keep_newest(pl.concat(versions).collect()).with_columns(_key=_partition_key())
        affected = sorted(set(placed.join(twice, on=KEY, how="semi")["_part"].to_list()) | set(best["_key"].to_list()))
        out = dict(parts)
        replaced: list[str] = []
        for k in affected:
            kept = self._scan([parts[k]]).join(wanted, on=KEY, how="anti").collect() if k in parts else pl.DataFrame(schema=STORE_SCHEMA)
            frame = pl.concat([kept, best.filter(pl.col("_key") == k).drop("_key")])
            if k in parts:
                replaced += [f["file"] for f in _files_of(parts[k])]
            out[k] = self._write_part(frame.sort("received_at"), k, "g", generation, iid, written)
        return out, replaced

    def _scan_unchecked(self, relative: str) -> pl.LazyFrame:
        return pl.scan_parquet(self.root / relative, schema=STORE_SCHEMA, missing_columns="insert")

    def info(self, vocabulary: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, Any]:
        with self._reading():
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
            whole = self.whole_problem(manifest)
            return {
                "store": str(self.root),
                "generation": manifest["generation"],
                **({"damaged": whole[0] + ": motcua store repair"} if whole else {}),
                **stats,
                "partitions": {
                    k: {"rows": _live(e), "bytes": sum(f["bytes"] for f in _files_of(e)), "files": len(_files_of(e))}
                    for k, e in sorted(manifest["parts"].items())
                },
                "rejected_rows": sum(r["rows"] for r in manifest["rejects"]),
                "ingests": len([i for i in manifest["ingests"] if not i.get("skipped")]),
            }

    def log(self) -> list[dict[str, Any]]:
        return list(self.manifest()["ingests"])

    def export(self) -> pl.DataFrame:
        return self.read()

    def rejects(self) -> pl.DataFrame:
        with self._reading():
            entries = self.manifest()["rejects"]
            if not entries:
                return pl.DataFrame(schema=STORE_REJECT_SCHEMA)
            return pl.concat([pl.read_parquet(self.root / r["file"]) for r in entries], how="diagonal_relaxed")


def reread_texts(frame: pl.DataFrame, vocabulary: Mapping[str, Mapping[str, str]]) -> tuple[pl.DataFrame, dict[str, dict[str, Any]]]:
    """Status and channel from the stored texts with today's vocabulary and config;
    (the frame, the doubtful meanings by kind). Rows stored without a text (before 0.3)
    keep their stored value."""
    meanings: dict[str, dict[str, Any]] = {}
    index, updates = [], []
    for kind in ("status", "channel"):
        text = f"{kind}_text"
        distinct = frame[text].drop_nulls().unique().to_list() if text in frame.columns else []
        if not distinct:
            continue
        known = codes.recognise(distinct, kind, vocabulary.get(kind))
        meanings[kind] = known
        table = codes.lookup(known, kind)
        index.append(codes.text_index(pl.col(text), table).alias(f"_ix_{kind}"))
        code = codes.code_at(pl.col(f"_ix_{kind}"), table, codes.CODE_TYPES[kind])
        value = code if kind == "status" else codes.channel_of(code)[0]
        updates.append(pl.when(pl.col(text).is_not_null()).then(value).otherwise(pl.col(kind)).alias(kind))
    if not updates:
        return frame, meanings
    return frame.with_columns(index).with_columns(updates).drop(f"_ix_{kind}" for kind in meanings), meanings


def _next(
    base: dict[str, Any], generation: int, parts: dict[str, Any], rejects: list[Any], log: dict[str, Any], superseded: list[str]
) -> dict[str, Any]:
    """The manifest a commit writes: ``base`` with the new files, one more log entry and
    the files it replaces."""
    return {
        **base,
        "version": FORMAT_VERSION,
        "generation": generation,
        "parts": parts,
        "rejects": rejects,
        "ingests": [*base["ingests"], log],
        "superseded": superseded,
    }


def _maintenance(kind: str, ingest_id: str, generation: int) -> dict[str, Any]:
    """The log entry of a compact or a repair (skipped: no export to skip by hash)."""
    return {
        "file": kind,
        "sha256": "",
        "skipped": True,
        "ingest_id": ingest_id,
        "generation": generation,
        "time": datetime.now().isoformat(timespec="seconds"),
    }


def _files_of(entry: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """A partition's files: its base (the entry itself), then those appended since it was
    last merged, in the order they were written."""
    return [entry, *entry.get("more", [])]


def _part_files(manifest: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Every file of every partition the manifest names."""
    return [f for entry in manifest["parts"].values() for f in _files_of(entry)]


def _gen(file: Mapping[str, Any]) -> int:
    return int(file.get("generation") or _file_ingest(file["file"])[0])


def _live(entry: Mapping[str, Any]) -> int:
    """The dossiers a partition holds (its files' rows, less those gone)."""
    return int(entry.get("live", entry["rows"]))


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


def _keep_newest(frame: pl.DataFrame, keep: Sequence[str] = ()) -> pl.DataFrame:
    """One row per key: most terminal information, then the later snapshot, then the
    latest date in the row, then the more advanced status, then a hash of the content:
    a total order on the versions, so the winner never depends on the order of ingests."""
    # Settled means an end date (that is what reports count): a terminal status without
    # one (perhaps a guessed text) does not outrank a newer export.
    terminal = pl.col("returned_at").is_not_null().cast(pl.Int8) + pl.col("finished_at").is_not_null().cast(pl.Int8)
    latest = pl.max_horizontal([pl.col(f) for f in DATE_FIELDS])
    rank = pl.col("status").cast(pl.String).replace_strict(STATUS_RANK, default=0, return_dtype=pl.Int8)
    content = pl.col("_h") if "_h" in frame.columns else pl.struct(CONTENT).hash(seed=0)
    ranked = frame.with_columns(_t=terminal, _l=latest, _r=rank, _hh=content).sort(
        [*KEY, "_t", "snapshot_at", "file_time", "_l", "_r", "_hh"], nulls_last=False, maintain_order=True
    )
    return ranked.group_by(KEY, maintain_order=True).last().select([*STORE_SCHEMA, *keep])
