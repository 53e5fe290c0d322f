"""Atomic, injection-safe file output.

Every file is written to a temporary file in the target's directory and renamed over
the target in one step, so a crash or a kill never leaves half a report. Text cells
that a spreadsheet would run as a formula (=, +, -, @, tab, CR) are written as inert
text (OWASP "CSV injection").
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import polars as pl

from ..errors import UsageError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; rename it over ``target`` on success."""
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(
            f"Thư mục {parent} không tồn tại, không ghi được {target}.",
            f"Directory {parent} does not exist; cannot write {target}.",
            hint_vi="Tạo thư mục trước hoặc chọn đường dẫn khác cho --output.",
            hint_en="Create the directory first or choose another --output path.",
        )
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise UsageError(
            f"Không ghi được vào {parent}: {exc.strerror}.",
            f"Cannot write to {parent}: {exc.strerror}.",
            hint_vi="Kiểm tra quyền ghi hoặc chọn đường dẫn khác.",
            hint_en="Check write permission or choose another path.",
        ) from exc
    os.close(fd)
    tmp_path = Path(tmp)
    # mkstemp makes the file private (0600); a report should get the usual permissions.
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp_path, 0o666 & ~mask)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_atomic(target: Path, write: Callable[[Path], object]) -> None:
    with atomic_path(target) as tmp:
        write(tmp)


def inert_text(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with an apostrophe."""
    text_cols = [c for c, t in frame.schema.items() if t in (pl.String, pl.Categorical) or isinstance(t, pl.Enum)]
    return (
        frame.with_columns(
            [
                pl.when(pl.any_horizontal([pl.col(c).cast(pl.String).str.starts_with(p) for p in FORMULA_START]))
                .then(pl.lit("'") + pl.col(c).cast(pl.String))
                .otherwise(pl.col(c).cast(pl.String))
                .alias(c)
                for c in text_cols
            ]
        )
        if text_cols
        else frame
    )


def write_csv(frame: pl.DataFrame, target: Path) -> None:
    """CSV in UTF-8 with BOM (so Excel opens Vietnamese text right), written atomically."""
    safe = inert_text(frame)
    write_atomic(target, lambda tmp: safe.write_csv(tmp, include_bom=True, datetime_format="%Y-%m-%d %H:%M:%S"))


def write_value(ws: Any, row: int, col: int, value: Any, cell: Any, when: Any) -> None:
    """One cell of an xlsxwriter sheet by the value's type: blank, a date and time (``when``
    format), a number, or text (booleans as text), never a formula."""
    from datetime import datetime

    if value is None:
        ws.write_blank(row, col, None, cell)
    elif isinstance(value, datetime):
        ws.write_datetime(row, col, value, when)
    elif isinstance(value, bool):
        ws.write_string(row, col, str(value), cell)
    elif isinstance(value, int | float):
        ws.write_number(row, col, value, cell)
    else:
        ws.write_string(row, col, str(value), cell)
