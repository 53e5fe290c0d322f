"""CSV and TSV: UTF-8 (with or without BOM), UTF-16 "Unicode Text", Windows-1258.

Polars parses the rows (fast, all columns as text); Python's csv module only looks at
the first lines to choose the delimiter and the width. Files that are not UTF-8 are
decoded once and handed to Polars as UTF-8.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl

from ..errors import InputUnreadable
from .grid import Grid, Source, column_names, read_text
from .sniff import DELIMITED

_CANDIDATES = [",", ";", "\t", "|"]
_SAMPLE_LINES = 200
# Spare columns past the widest sampled line: a longer row then shows up as a value
# in a spare column (reported by validation) instead of being cut silently.
SPARE_COLUMNS = 4


class DelimitedSource(Source):
    format = DELIMITED

    def __init__(self, path: Path, encoding: str) -> None:
        super().__init__(path)
        self.encoding = encoding
        if encoding in ("utf-8", "utf-8-sig"):
            with path.open("rb") as fh:
                head = fh.read(256 * 1024).decode("utf-8-sig", errors="replace")
            self._data: Path | bytes = path
        else:
            text = read_text(path, encoding).lstrip("\ufeff")
            head = text[: 256 * 1024]
            self._data = text.encode("utf-8")
        lines = head.splitlines()[:_SAMPLE_LINES]
        self.delimiter, width = _sniff_delimiter(lines)
        self._width = width + SPARE_COLUMNS

    def sheet_names(self) -> list[str]:
        return [""]

    def grid(self, sheet: str, n_rows: int | None = None) -> Grid:
        source = self._data if isinstance(self._data, Path) else io.BytesIO(self._data)
        try:
            cells = pl.read_csv(
                source,
                has_header=False,
                separator=self.delimiter,
                schema=dict.fromkeys(column_names(self._width), pl.String),
                truncate_ragged_lines=True,
                missing_columns="insert",
                n_rows=n_rows,
                encoding="utf8-lossy",
            )
        except pl.exceptions.PolarsError as exc:
            raise InputUnreadable(
                f"Không phân tích được tệp văn bản {self.path}: {exc}.",
                f"Cannot parse text file {self.path}: {exc}.",
                hint_vi="Kiểm tra dấu phân cách và dấu ngoặc kép trong tệp.",
                hint_en="Check the delimiter and the quotes in the file.",
            ) from exc
        if cells.height and cells.columns and cells.row(0)[0] is not None:
            # A UTF-8 BOM left on the first cell by the CSV parser.
            first = cells.columns[0]
            cells = cells.with_columns(pl.col(first).str.strip_prefix("\ufeff"))
        return Grid(cells)


def _sniff_delimiter(lines: list[str]) -> tuple[str, int]:
    """The delimiter that splits the sampled lines into the most fields."""
    best, best_width = ",", 1
    for delimiter in _CANDIDATES:
        width = max((len(r) for r in csv.reader(lines, delimiter=delimiter)), default=1)
        if width > best_width:
            best, best_width = delimiter, width
    return best, best_width
