"""The grid every reader returns, and what the readers share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import polars as pl

from ..errors import InputUnreadable

T = TypeVar("T")


@dataclass
class Grid:
    """Cells of one sheet as text: columns ``c0..cN``, nulls for empty cells.

    ``first_row`` is the 1-based row number in the file (sheet row, or text line) of
    the frame's first row; ``first_col`` is the 0-based column of ``c0``.
    """

    cells: pl.DataFrame
    first_row: int = 1
    first_col: int = 0
    whole: bool = True  # all the rows of the sheet, not only the first


def column_names(width: int) -> list[str]:
    return [f"c{i}" for i in range(width)]


def grid_from_rows(rows: list[list[str | None]]) -> pl.DataFrame:
    """Build a string frame from Python rows of unequal length (HTML, XML)."""
    width = max((len(r) for r in rows), default=0)
    names = column_names(width)
    columns: dict[str, list[str | None]] = {n: [] for n in names}
    for row in rows:
        for i, name in enumerate(names):
            value = row[i] if i < len(row) else None
            columns[name].append(value if value not in ("", None) else None)
    return pl.DataFrame(columns, schema=dict.fromkeys(names, pl.String))


def column_letter(index: int) -> str:
    """0-based column index to a spreadsheet letter: 0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Source:
    """An opened input file. Subclasses read one format."""

    format: str = ""
    encoding: str | None = None
    streams = False  # cells are read while they are validated (scan), not beforehand

    def __init__(self, path: Path) -> None:
        self.path = path
        # What the reader had to mend to read the file ("nul_bytes_removed": 12, ...):
        # shown by `inspect`, so nothing is changed silently.
        self.repairs: dict[str, int] = {}

    def sheet_names(self) -> list[str]:
        """Sheets (or HTML tables) in file order; a single empty name for CSV."""
        raise NotImplementedError

    def grid(self, sheet: str, n_rows: int | None = None) -> Grid:
        """Cells of ``sheet`` (all rows, or the first ``n_rows``)."""
        raise NotImplementedError

    def scan(self, sheet: str, use: Callable[[pl.LazyFrame, Grid], T], head: Grid | None = None) -> T:
        """``use(cells, grid)`` over all the cells of ``sheet``, lazily where the format
        allows (CSV is then parsed while it is validated). ``grid`` gives the row and
        column offsets; ``head``, when it is already the whole sheet, is not read again."""
        grid = head if head is not None and head.whole else self.grid(sheet)
        return use(grid.cells.lazy(), grid)


def read_text(path: Path, encoding: str) -> str:
    """Decode a whole text file, naming the byte offset when the codec fails."""
    data = path.read_bytes()
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputUnreadable(
            f"Tệp {path}: không giải mã được ở dòng {line} (byte {exc.start}) với bảng mã {encoding}.",
            f"File {path}: cannot decode line {line} (byte {exc.start}) as {encoding}.",
            hint_vi="Hãy chỉ định bảng mã đúng bằng --encoding (utf-8, cp1258, utf-16).",
            hint_en="Pass the right encoding with --encoding (utf-8, cp1258, utf-16).",
        ) from exc
