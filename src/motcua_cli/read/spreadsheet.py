"""xlsx, xlsm, xlsb, BIFF8 xls and ods through calamine.

fastexcel reads the cells straight into Arrow (fast: no Python object per cell);
python-calamine gives what fastexcel does not: where the used range starts (calamine
drops leading empty rows and columns) and the merged ranges, which title and
two-row headers use ("Ngày" merged over "Tiếp nhận" / "Hẹn trả").
"""

from __future__ import annotations

from pathlib import Path

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
            self._calamine = python_calamine.CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises several unrelated types
            raise _damaged(path, exc) from exc
        self._layout: dict[str, tuple[int, int, list[tuple[tuple[int, int], tuple[int, int]]]]] = {}

    def sheet_names(self) -> list[str]:
        return list(self._reader.sheet_names)

    def _sheet_layout(self, sheet: str) -> tuple[int, int, list]:
        if sheet not in self._layout:
            try:
                cs = self._calamine.get_sheet_by_name(sheet)
                start = cs.start or (0, 0)
                merges = list(getattr(cs, "merged_cell_ranges", None) or [])
            except Exception:  # layout is a nicety: fall back to the top-left corner
                start, merges = (0, 0), []
            self._layout[sheet] = (start[0], start[1], merges)
        return self._layout[sheet]

    def grid(self, sheet: str, n_rows: int | None = None) -> Grid:
        try:
            loaded = self._reader.load_sheet(
                sheet, header_row=None, n_rows=n_rows, dtypes="string"
            )
            cells = loaded.to_polars()
        except Exception as exc:
            raise _damaged(self.path, exc, sheet) from exc
        cells = cells.rename(dict(zip(cells.columns, column_names(cells.width), strict=True)))
        row0, col0, merges = self._sheet_layout(sheet)
        if merges:
            cells = _fill_merged(cells, row0, col0, merges)
        return Grid(cells, first_row=row0 + 1, first_col=col0)


def _fill_merged(
    cells: pl.DataFrame, row0: int, col0: int, merges: list
) -> pl.DataFrame:
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
        f"Không đọc được bảng tính {path}{where_vi}: tệp bị hỏng, bị cắt cụt hoặc "
        f"được bảo vệ bằng mật khẩu ({exc}).",
        f"Cannot read workbook {path}{where}: the file is damaged, truncated or "
        f"password-protected ({exc}).",
        hint_vi="Mở tệp bằng Excel và lưu lại dưới dạng .xlsx, hoặc xuất lại từ hệ thống.",
        hint_en="Open it in Excel and save it again as .xlsx, or export it again.",
    )
