"""CSV and TSV: UTF-8 (with or without BOM), UTF-16 "Unicode Text", Windows-1258.

Polars parses the rows (fast, all columns as text); Python's csv module only looks at
the first lines to choose the delimiter and the width. Files that are not UTF-8 are
decoded once and handed to Polars as UTF-8.

Two kinds of damage are mended, and counted in ``repairs``: NUL bytes (left by C
programs and broken copies) are removed, and line ends are made uniform when a file
mixes a lone CR (old Mac) with LF or CRLF, which would otherwise join rows.
"""

from __future__ import annotations

import csv
import mmap
import re
from collections.abc import Callable
from pathlib import Path

import polars as pl

from ..errors import InputUnreadable
from .grid import Grid, Source, T, column_names, read_text
from .sniff import DELIMITED

_CANDIDATES = [",", ";", "\t", "|"]
_SAMPLE_LINES = 200
# A spare column past the widest sampled line: a longer row then shows its first
# extra cell there (flagged extra_cells by validation) instead of being cut silently.
SPARE_COLUMNS = 1
_LONE_CR = re.compile(rb"\r(?!\n)")
# The sniffer reads whole cells of the first lines: a cell of megabytes is legal.
csv.field_size_limit(2**31 - 1)


class DelimitedSource(Source):
    format = DELIMITED
    streams = True

    def __init__(self, path: Path, encoding: str) -> None:
        super().__init__(path)
        self.encoding = encoding
        if encoding in ("utf-8", "utf-8-sig"):
            self._data: Path | bytes = self._mended(path)
            raw = self._data[: 256 * 1024] if isinstance(self._data, bytes) else _head(path)
            head = raw.decode("utf-8-sig", errors="replace")
        else:
            data = read_text(path, encoding).lstrip("\ufeff").encode("utf-8")
            self._data = self._mend(data, b"\x00" in data, _LONE_CR.search(data) is not None)
            head = self._data[: 256 * 1024].decode("utf-8", errors="replace")
        lines = head.splitlines()[:_SAMPLE_LINES]
        self.delimiter, width = _sniff_delimiter(lines)
        self._width = width + SPARE_COLUMNS

    def _read(self, n_rows: int | None, encoding: str) -> pl.DataFrame:
        return self._scan(encoding, n_rows).collect(engine="in-memory")

    def _scan(self, encoding: str, n_rows: int | None = None) -> pl.LazyFrame:
        return pl.scan_csv(
            self._data,
            has_header=False,
            separator=self.delimiter,
            schema=dict.fromkeys(column_names(self._width), pl.String),
            truncate_ragged_lines=True,
            missing_columns="insert",
            n_rows=n_rows,
            encoding=encoding,  # type: ignore[arg-type]
        )

    def _mended(self, path: Path) -> Path | bytes:
        """The file itself when it is clean (found at memchr speed), else its bytes mended."""
        if path.stat().st_size == 0:
            return path
        with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            nul = mm.find(b"\x00") != -1
            lone_cr = mm.find(b"\r") != -1 and _LONE_CR.search(mm) is not None  # type: ignore[call-overload]
            if not (nul or lone_cr):
                return path
            return self._mend(bytes(mm), nul, lone_cr)

    def _mend(self, data: bytes, nul: bool, lone_cr: bool) -> bytes:
        if nul:
            self.repairs["nul_bytes_removed"] = data.count(b"\x00")
            data = data.replace(b"\x00", b"")
        if lone_cr:
            self.repairs["line_endings_made_uniform"] = 1
            data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        return data

    def sheet_names(self) -> list[str]:
        return [""]

    def grid(self, sheet: str, n_rows: int | None = None) -> Grid:
        cells = self._parsed(lambda encoding: self._read(n_rows, encoding))
        if cells.height and cells.columns and cells.row(0)[0] is not None:
            # A UTF-8 BOM left on the first cell by the CSV parser.
            first = cells.columns[0]
            cells = cells.with_columns(pl.col(first).str.strip_prefix("\ufeff"))
        return Grid(cells, whole=n_rows is None)

    def scan(self, sheet: str, use: Callable[[pl.LazyFrame, Grid], T], head: Grid | None = None) -> T:
        """The rows are parsed while ``use`` validates them: one streaming pass. The
        first row (where a BOM may stay) is the header's, above the data."""
        grid = Grid(pl.DataFrame(schema=dict.fromkeys(column_names(self._width), pl.String)), whole=False)
        return self._parsed(lambda encoding: use(self._scan(encoding), grid))

    def _parsed(self, run: Callable[[str], T]) -> T:
        """``run("utf8")``; again lossy when a byte further down is not UTF-8."""
        try:
            try:
                return run("utf8")  # strict is twice as fast as lossy
            except pl.exceptions.ComputeError as exc:
                if "utf-8" not in str(exc).lower() and "utf8" not in str(exc).lower():
                    raise
                # Bytes that are not UTF-8 further down than the sniffer looked.
                self.repairs["invalid_utf8_replaced"] = 1
                return run("utf8-lossy")
        except pl.exceptions.ComputeError as exc:
            raise InputUnreadable(
                f"Không phân tích được tệp văn bản {self.path}: {exc}.",
                f"Cannot parse text file {self.path}: {exc}.",
                hint_vi="Kiểm tra dấu phân cách và dấu ngoặc kép trong tệp.",
                hint_en="Check the delimiter and the quotes in the file.",
            ) from exc


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(256 * 1024)


def _sniff_delimiter(lines: list[str]) -> tuple[str, int]:
    """The delimiter that splits the sampled lines into the most fields."""
    best, best_width = ",", 1
    for delimiter in _CANDIDATES:
        width = max((len(r) for r in csv.reader(lines, delimiter=delimiter)), default=1)
        if width > best_width:
            best, best_width = delimiter, width
    return best, best_width
