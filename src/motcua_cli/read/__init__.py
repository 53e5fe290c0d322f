"""Step 1 of the pipeline: open a file and give back its cells as a grid of text.

``open_source(path)`` sniffs the format by content and returns a ``Source`` with the
names of its sheets (or HTML tables); ``Source.grid(sheet, n_rows)`` returns the cells
as a Polars frame of strings with columns ``c0, c1, ...`` and the position of its first
cell in the file, so later steps can name the row and column of any value.
This package knows nothing of dossiers: header detection and mapping come next.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputUnreadable
from .grid import Grid, Source
from .limits import Limits, check_text_size, check_zip
from .sniff import DELIMITED, HTML, SPREADSHEET_FORMATS, XLS, XML2003, sniff

__all__ = ["Grid", "Limits", "Source", "open_source"]


def open_source(path: Path, *, encoding: str | None = None, limits: Limits | None = None) -> Source:
    limits = limits or Limits()
    if not path.exists():
        raise InputUnreadable(
            f"Không tìm thấy tệp {path}.",
            f"File {path} does not exist.",
            hint_vi="Kiểm tra lại đường dẫn và tên tệp.",
            hint_en="Check the path and the file name.",
        )
    if path.is_dir():
        raise InputUnreadable(
            f"{path} là một thư mục, không phải tệp.",
            f"{path} is a directory, not a file.",
            hint_vi=f"Hãy chỉ rõ các tệp, ví dụ {path}/*.xlsx.",
            hint_en=f"Name the files instead, e.g. {path}/*.xlsx.",
        )
    try:
        sniffed = sniff(path, encoding)
    except PermissionError as exc:
        raise InputUnreadable(
            f"Không có quyền đọc tệp {path}.",
            f"No permission to read {path}.",
        ) from exc
    if sniffed.format in SPREADSHEET_FORMATS:
        from .spreadsheet import SpreadsheetSource

        if sniffed.format != XLS:  # zip containers: check before calamine unpacks anything
            check_zip(path, limits)

        return SpreadsheetSource(path, sniffed.format)
    assert sniffed.encoding is not None
    if sniffed.format in (HTML, XML2003):
        check_text_size(path, limits)
    if sniffed.format == HTML:
        from .html import HtmlSource

        return HtmlSource(path, sniffed.encoding)
    if sniffed.format == XML2003:
        from .xml2003 import Xml2003Source

        return Xml2003Source(path, sniffed.encoding)
    assert sniffed.format == DELIMITED
    from .delimited import DelimitedSource

    return DelimitedSource(path, sniffed.encoding)
