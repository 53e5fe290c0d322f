"""Read → map → validate for whole files: the entry point later steps call.

``load_file`` picks the sheet (or HTML table) that holds a dossier header, maps it and
returns the typed dossiers, the rejects and a ``FileReport`` that says what was found,
which ``motcua inspect`` prints and every report header cites.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from .config import Config
from .errors import InputUnreadable
from .mapping import HeaderMatch, find_header
from .read import Limits, open_source
from .read.grid import Grid, column_letter
from .validate import DOSSIER_SCHEMA, REJECT_SCHEMA, keep_latest, validate

HEAD_ROWS = 40  # rows searched for the header


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
        mapping=[{"column": label(c), "header": str(match.names[c]), "field": f} for c, f in sorted(match.fields.items())],
        unmapped=[f"{label(c)}: {match.names[c]}" for c in match.unmapped],
        personal_dropped=[f"{label(c)}: {match.names[c]}" for c in match.personal],
        duplicate_columns=[f"{label(c)}: {match.names[c]} → {f}" for c, f in match.duplicates.items()],
        counts=checked.counts,
        flags=checked.flags,
        date_forms=checked.date_forms,
        repairs=dict(source.repairs),
        title=" | ".join(str(v) for row in head.cells.head(match.start).iter_rows() for v in row if v is not None)[:2000],
    )
    return dossiers, checked.rejects, report


def load_files(
    paths: Sequence[Path],
    *,
    config: Config | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    progress: Callable[[Path], None] | None = None,
) -> Loaded:
    """Load several exports; ``progress`` is called before each file is read."""
    frames, rejects, reports = [], [], []
    for path in paths:
        if progress is not None:
            progress(path)
        d, r, rep = load_file(path, config=config, sheet=sheet, encoding=encoding)
        frames.append(d)
        rejects.append(r)
        reports.append(rep)
    if not frames:
        return Loaded(pl.DataFrame(schema=DOSSIER_SCHEMA), pl.DataFrame(schema=REJECT_SCHEMA), reports)
    if len(frames) == 1:  # a file's own duplicates are settled by load_file
        return Loaded(frames[0], rejects[0], reports)
    # Successive exports overlap: one dossier, counted once, with its newest state.
    dossiers, superseded = keep_latest(pl.concat(frames))
    return Loaded(dossiers, pl.concat(rejects), reports, superseded.height)
