"""Read → map → validate for whole files: the entry point later steps call.

``load_file`` picks the sheet (or HTML table) that holds a dossier header, maps it and
returns the typed dossiers, the rejects and a ``FileReport`` that says what was found,
which ``motcua inspect`` prints and every report header cites.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from . import dates
from .config import Config
from .errors import InputUnreadable
from .mapping import HeaderMatch, by_content, find_header
from .read import Limits, open_source
from .read.grid import Grid, column_letter
from .validate import DOSSIER_SCHEMA, REJECT_SCHEMA, keep_latest, validate

HEAD_ROWS = 40  # rows searched for the header
CONTENT_ROWS = 2000  # data rows below the header a column's content is judged on
# Fields a report cannot do without (their absence makes its numbers not facts), and
# the ones whose absence changes a column of the report.
IMPORTANT = ("due_at", "finished_at", "returned_at", "status", "channel", "field", "unit")


def _read_dates(cells: list[str | None]) -> list[object]:
    values, _, _ = dates.parse_column(pl.Series("t", [None if c is None else str(c) for c in cells], dtype=pl.String))
    return values.to_list()


@dataclass
class FileReport:
    file: str
    format: str
    encoding: str | None
    sheet: str
    sheets: list[str]
    header_rows: list[int]  # 1-based rows in the file
    mapping: list[dict[str, str]]  # {"column", "header", "field"}
    unmapped: list[str]
    personal_dropped: list[str]
    duplicate_columns: list[str]
    counts: dict[str, int]
    flags: dict[str, int]
    date_forms: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Important fields no column was found for, and the columns that could be the due date.
    missing: list[str] = field(default_factory=list)
    due_candidates: list[str] = field(default_factory=list)
    # status / channel: each text not read from the exact table or the config, with its
    # meaning (None: not recognised), how, the rule, its count and its first rows
    texts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    title: str = ""  # the text above the header ("DANH SÁCH HỒ SƠ ... Ngày xuất: ...")
    repairs: dict[str, int] = field(default_factory=dict)  # what the reader mended (NUL bytes, line ends)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Loaded:
    dossiers: pl.DataFrame
    rejects: pl.DataFrame
    reports: list[FileReport]
    # Rows of a dossier that another file also holds with newer information.
    superseded_across_files: int = 0
    # Texts not read for sure that no file report carries (the store's, read again
    # with today's vocabulary): kind → [{text, meaning, how, rule, count, rows}].
    texts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # Those superseded rows themselves (for `motcua audit`'s duplicate_conflict).
    superseded: pl.DataFrame | None = None

    @property
    def counts(self) -> dict[str, int]:
        keys = ("read", "kept", "rejected", "duplicate", "flagged")
        total = {k: sum(r.counts.get(k, 0) for r in self.reports) for k in keys}
        total["superseded_across_files"] = self.superseded_across_files
        return total


def load_file(
    path: Path,
    *,
    config: Config | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, FileReport]:
    config = config or Config()
    source = open_source(path, encoding=encoding, limits=Limits.from_config(config.section("limits")))
    aliases = config.columns_for(path)
    names = source.sheet_names()
    if sheet is not None:
        if sheet not in names:
            raise InputUnreadable(
                f"Tệp {path} không có trang tính '{sheet}'. Các trang: {', '.join(names)}.",
                f"File {path} has no sheet '{sheet}'. Sheets: {', '.join(names)}.",
            )
        candidates = [sheet]
    else:
        candidates = names
    best: tuple[str, HeaderMatch, Grid] | None = None
    for name in candidates:
        # With one candidate sheet, a workbook is read once, whole; a CSV is scanned later.
        head = source.grid(name, HEAD_ROWS if len(candidates) > 1 or source.streams else None)
        rows = [list(r) for r in head.cells.head(HEAD_ROWS).iter_rows()]
        match = find_header(rows, aliases)
        if match is not None and (best is None or match.score > best[1].score):
            best = (name, match, head)
    if best is None:
        where_vi = f" (trang tính: {', '.join(candidates)})" if candidates != [""] else ""
        where_en = f" (sheets: {', '.join(candidates)})" if candidates != [""] else ""
        raise InputUnreadable(
            f"Không tìm thấy dòng tiêu đề danh sách hồ sơ trong {HEAD_ROWS} dòng đầu của "
            f"tệp {path}{where_vi}: cần ít nhất cột mã hồ sơ và cột ngày tiếp nhận.",
            f"No dossier header found in the first {HEAD_ROWS} rows of {path}{where_en}: "
            "at least a dossier id column and a receipt date column are needed.",
            hint_vi=(
                "Kiểm tra tệp có đúng là danh sách hồ sơ; nếu tên cột khác thường, "
                "khai báo trong mục [columns] của tệp cấu hình (xem `motcua init`)."
            ),
            hint_en=(
                "Check that the file is a dossier list; for unusual column names add "
                "them to the [columns] section of the config file (see `motcua init`)."
            ),
        )
    name, match, head = best
    below = head.cells.slice(match.data_start, CONTENT_ROWS)
    by_content(match, [list(r) for r in below.iter_rows()], _read_dates)
    checked = source.scan(
        name,
        lambda cells, grid: validate(
            cells,
            match,
            first_row=grid.first_row,
            first_col=grid.first_col,
            source_file=str(path),
            source_sheet=name,
            unit_aliases=config.unit_aliases,
            vocabulary=config.vocabulary,
        ),
        head,
    )

    defaults = config.defaults_for(path)
    dossiers = checked.dossiers
    if defaults:
        dossiers = dossiers.with_columns(pl.col(k).fill_null(pl.lit(v)) for k, v in defaults.items())

    def label(col: int) -> str:
        return column_letter(col + head.first_col)

    report = FileReport(
        file=str(path),
        format=source.format,
        encoding=source.encoding,
        sheet=name,
        sheets=names,
        header_rows=[head.first_row + match.start + i for i in range(match.depth)],
        mapping=[
            {"column": label(c), "header": str(match.names[c]), "field": f, "how": match.how.get(c, "alias")}
            for c, f in sorted(match.fields.items())
        ],
        unmapped=[f"{label(c)}: {match.names[c]}" for c in match.unmapped],
        personal_dropped=[f"{label(c)}: {match.names[c]}" for c in match.personal],
        duplicate_columns=[f"{label(c)}: {match.names[c]} → {f}" for c, f in match.duplicates.items()],
        counts=checked.counts,
        flags=checked.flags,
        date_forms=checked.date_forms,
        repairs=dict(source.repairs),
        missing=[f for f in _missing(match) if f not in defaults],
        due_candidates=[f"{label(c)}: {match.names[c]}" for c in match.due_candidates],
        texts=doubtful_texts(dossiers, checked.meanings),
        title=" | ".join(str(v) for row in head.cells.head(match.start).iter_rows() for v in row if v is not None)[:2000],
    )
    return dossiers, checked.rejects, report


def _missing(match: HeaderMatch) -> list[str]:
    found = set(match.fields.values())
    missing = [f for f in IMPORTANT if f not in found]
    if "due_at" in missing and "duration" in found:
        missing.remove("due_at")  # derived from the duration (NĐ 118/2025)
    if "channel" in missing and ({"online_flag", "via_postal"} & found):
        missing.remove("channel")
    if "finished_at" in missing and "returned_at" not in missing:
        missing.remove("finished_at")  # one end column is enough (policies choose)
    if "returned_at" in missing:
        missing.remove("returned_at")  # one end column is enough: said once, as finished_at
    return missing


def doubtful_texts(dossiers: pl.DataFrame, meanings: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The texts read by rule or not read at all, each with its count and first rows:
    what the notes list (the exact and configured ones are facts, not listed)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for kind, known in meanings.items():
        doubtful = {raw: m for raw, m in known.items() if m.how in ("rule", "unknown")}
        if not doubtful:
            continue
        rows = (
            dossiers.filter(pl.col(f"{kind}_text").is_in(list(doubtful)))
            .group_by(f"{kind}_text")
            .agg(pl.len().alias("count"), pl.col("source_row").head(10).alias("rows"))
            .sort(["count", f"{kind}_text"], descending=[True, False])  # ties by text: the same on every run
        )
        out[kind] = [
            {
                "text": raw,
                "meaning": doubtful[raw].code,
                "how": doubtful[raw].how,
                "rule": doubtful[raw].rule,
                "count": int(n),
                "rows": list(r),
            }
            for raw, n, r in rows.iter_rows()
        ]
    return out


# Files this small together are read side by side, this many at a time.
SIDE_BY_SIDE_BYTES = 64 * 1024 * 1024
SIDE_BY_SIDE_WORKERS = 4


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return SIDE_BY_SIDE_BYTES + 1  # load_file names the problem, in turn


def load_files(
    paths: Sequence[Path],
    *,
    config: Config | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    progress: Callable[[Path], None] | None = None,
) -> Loaded:
    """Load several exports; ``progress`` is called before each file is read. Small
    files are read side by side (Polars works outside the interpreter's lock, and a
    small file's time is mostly fixed costs); large ones in turn, so that memory holds
    one at a time. Results, and the first error, come in the order of ``paths``."""

    def one(path: Path) -> tuple[pl.DataFrame, pl.DataFrame, FileReport]:
        if progress is not None:
            progress(path)
        return load_file(path, config=config, sheet=sheet, encoding=encoding)

    if len(paths) > 1 and sum(_size(p) for p in paths) <= SIDE_BY_SIDE_BYTES:
        with ThreadPoolExecutor(max_workers=min(len(paths), SIDE_BY_SIDE_WORKERS)) as pool:
            loaded = list(pool.map(one, paths))
    else:
        loaded = [one(path) for path in paths]
    frames = [d for d, _, _ in loaded]
    rejects = [r for _, r, _ in loaded]
    reports = [rep for _, _, rep in loaded]
    if not frames:
        return Loaded(pl.DataFrame(schema=DOSSIER_SCHEMA), pl.DataFrame(schema=REJECT_SCHEMA), reports)
    if len(frames) == 1:  # a file's own duplicates are settled by load_file
        return Loaded(frames[0], rejects[0], reports)
    # Successive exports overlap: one dossier, counted once, with its newest state.
    dossiers, superseded = keep_latest(pl.concat(frames))
    return Loaded(dossiers, pl.concat(rejects), reports, superseded.height, superseded=superseded)
