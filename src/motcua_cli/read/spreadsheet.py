"""xlsx, xlsm, xlsb, BIFF8 xls and ods through calamine.

fastexcel reads the cells straight into Arrow (fast: no Python object per cell);
python-calamine gives what fastexcel does not: where the used range starts (calamine
drops leading empty rows and columns) and the merged ranges, which title and
two-row headers use ("Ngày" merged over "Tiếp nhận" / "Hẹn trả").
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from posixpath import join as posix_join
from posixpath import normpath

import fastexcel
import polars as pl
import python_calamine

from ..errors import InputUnreadable
from .grid import Grid, Source, column_names, grid_from_rows

# Merged ranges are applied to the rows where a header can be; merges further down
# (a field merged over its group of dossiers) are rare in exports and left as they are.
HEADER_ZONE = 60


class SpreadsheetSource(Source):
    def __init__(self, path: Path, fmt: str) -> None:
        super().__init__(path)
        self.format = fmt
        try:
            self._reader = fastexcel.read_excel(path)
        except Exception as exc:  # calamine raises several unrelated types
            raise _damaged(path, exc) from exc
        self._layout: dict[str, tuple[int, int, list[tuple[tuple[int, int], tuple[int, int]]]]] = {}

    def sheet_names(self) -> list[str]:
        return list(self._reader.sheet_names)

    def _sheet_layout(self, sheet: str) -> tuple[int, int, list]:
        if sheet not in self._layout:
            try:
                if self.format == "xlsx":
                    # Loading the sheet again through python-calamine would double the
                    # read time of a large file: look at the sheet's XML instead.
                    self._layout[sheet] = _xlsx_layout(self.path, sheet)
                else:
                    cs = python_calamine.CalamineWorkbook.from_path(str(self.path)).get_sheet_by_name(sheet)
                    start = cs.start or (0, 0)
                    merges = list(getattr(cs, "merged_cell_ranges", None) or [])
                    self._layout[sheet] = (start[0], start[1], merges)
            except Exception:  # layout is a nicety: fall back to the top-left corner
                self._layout[sheet] = (0, 0, [])
        return self._layout[sheet]

    def grid(self, sheet: str, n_rows: int | None = None) -> Grid:
        try:
            loaded = self._reader.load_sheet(sheet, header_row=None, n_rows=n_rows, dtypes="string")
            cells = loaded.to_polars()
        except Exception as exc:
            raise _damaged(self.path, exc, sheet) from exc
        cells = cells.rename(dict(zip(cells.columns, column_names(cells.width), strict=True)))
        row0, col0, merges = self._sheet_layout(sheet)
        if merges:
            cells = _fill_merged(cells, row0, col0, merges)
        return Grid(cells, first_row=row0 + 1, first_col=col0, whole=n_rows is None)


def _fill_merged(cells: pl.DataFrame, row0: int, col0: int, merges: list) -> pl.DataFrame:
    """Copy each merged range's value into all its cells, within the header zone."""
    zone = min(HEADER_ZONE, cells.height)
    rows = [list(r) for r in cells.head(zone).iter_rows()]
    touched = False
    for (r1, c1), (r2, c2) in merges:
        r1, r2, c1, c2 = r1 - row0, r2 - row0, c1 - col0, c2 - col0
        if r1 < 0 or r1 >= zone or c1 < 0 or c1 >= cells.width:
            continue
        value = rows[r1][c1]
        for r in range(r1, min(r2, zone - 1) + 1):
            for c in range(c1, min(c2, cells.width - 1) + 1):
                if rows[r][c] is None:
                    rows[r][c] = value
                    touched = True
    if not touched:
        return cells
    head = grid_from_rows(rows)
    head = head.rename(dict(zip(head.columns, cells.columns, strict=True)))
    return pl.concat([head, cells.slice(zone)], how="vertical")


def _damaged(path: Path, exc: Exception, sheet: str | None = None) -> InputUnreadable:
    where = f", sheet '{sheet}'" if sheet else ""
    where_vi = f", trang tính '{sheet}'" if sheet else ""
    return InputUnreadable(
        f"Không đọc được bảng tính {path}{where_vi}: tệp bị hỏng, bị cắt cụt hoặc được bảo vệ bằng mật khẩu ({exc}).",
        f"Cannot read workbook {path}{where}: the file is damaged, truncated or password-protected ({exc}).",
        hint_vi="Mở tệp bằng Excel và lưu lại dưới dạng .xlsx, hoặc xuất lại từ hệ thống.",
        hint_en="Open it in Excel and save it again as .xlsx, or export it again.",
    )


_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>(.*?)</c>)', re.S)
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_HEAD_BYTES = 512 * 1024  # of decompressed sheet XML: enough for the first rows
_SMALL_SHEET = 16 * 1024 * 1024  # merges are read from sheets up to this size


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _xlsx_layout(path: Path, sheet: str) -> tuple[int, int, list]:
    """(first row, first column, merged ranges) of an xlsx sheet, 0-based, as calamine
    sees them: the used range starts at the first cell that holds a value."""
    with zipfile.ZipFile(path) as zf:
        book = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
        rid = None
        for m in re.finditer(rb"<(?:\w+:)?sheet\b[^>]*>", book):
            tag = m.group(0)
            name = re.search(rb'name="([^"]*)"', tag)
            if name and _xml_text(name.group(1)) == sheet:
                rid = re.search(rb'r:id="([^"]*)"|\bid="([^"]*)"', tag)
                break
        if rid is None:
            return (0, 0, [])
        rid_value = rid.group(1) or rid.group(2)
        target = None
        for m in re.finditer(rb"<Relationship\b[^>]*>", rels):
            if f'Id="{rid_value.decode()}"'.encode() in m.group(0):
                t = re.search(rb'Target="([^"]*)"', m.group(0))
                target = t.group(1).decode() if t else None
        if target is None:
            return (0, 0, [])
        part = target.lstrip("/") if target.startswith("/") else normpath(posix_join("xl", target))
        info = zf.getinfo(part)
        with zf.open(part) as fh:
            head = fh.read(_HEAD_BYTES)
        merges: list[tuple[tuple[int, int], tuple[int, int]]] = []
        if info.file_size <= _SMALL_SHEET:
            for m in _MERGE.finditer(zf.read(part)):
                merges.append(((int(m.group(2)) - 1, _col_index(m.group(1))), (int(m.group(4)) - 1, _col_index(m.group(3)))))
    rows, cols = [], []
    for m in _CELL.finditer(head):
        if m.group(3) and (b"<v>" in m.group(3) or b"<t" in m.group(3)):
            rows.append(int(m.group(2)) - 1)
            cols.append(_col_index(m.group(1)))
    if not rows:
        return (0, 0, merges)
    return (min(rows), min(cols), merges)


def _xml_text(raw: bytes) -> str:
    text = raw.decode("utf-8")
    for ent, ch in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(ent, ch)
    return text
