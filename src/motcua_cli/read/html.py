"""HTML tables, the usual "export to Excel" of web one-stop systems (often named .xls).

Parsed with lxml's HTML parser with network access off; a file that declares DTD
entities is refused. Row and column spans are expanded so a merged header cell ("Ngày" over
"Tiếp nhận" / "Hẹn trả") stands over every column it covers.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from ..errors import InputUnreadable
from .grid import Grid, Source, grid_from_rows, read_text
from .limits import refuse_entities
from .sniff import HTML

_SPACES = re.compile(r"\s+")
_MAX_SPAN = 1000


class HtmlSource(Source):
    format = HTML

    def __init__(self, path: Path, encoding: str) -> None:
        super().__init__(path)
        self.encoding = encoding
        text = read_text(path, encoding)
        refuse_entities(text, path, "HTML")
        # lxml refuses str input that declares an encoding; the text is decoded already.
        text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text.lstrip("\ufeff"))
        parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
        try:
            doc = lxml.html.document_fromstring(text, parser=parser)
        except (etree.ParserError, ValueError) as exc:
            raise InputUnreadable(
                f"Không phân tích được tệp HTML {path}: {exc}.",
                f"Cannot parse HTML file {path}: {exc}.",
            ) from exc
        self._tables = [t for t in doc.iter("table") if _rows(t)]
        if not self._tables:
            raise InputUnreadable(
                f"Tệp HTML {path} không chứa bảng nào.",
                f"HTML file {path} contains no table.",
                hint_vi="Hãy xuất lại danh sách hồ sơ dưới dạng Excel hoặc CSV.",
                hint_en="Export the dossier list again as Excel or CSV.",
            )

    def sheet_names(self) -> list[str]:
        return [f"table {i + 1}" for i in range(len(self._tables))]

    def grid(self, sheet: str, n_rows: int | None = None) -> Grid:
        table = self._tables[self.sheet_names().index(sheet)]
        return Grid(grid_from_rows(_expand(_rows(table), n_rows)), whole=n_rows is None)


def _rows(table: etree._Element) -> list[etree._Element]:
    return table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")


def _span(cell: etree._Element, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, "1")), _MAX_SPAN))
    except ValueError:
        return 1


def _expand(rows: list[etree._Element], n_rows: int | None) -> list[list[str | None]]:
    """Lay the table's cells on a grid, copying spanned cells into every slot."""
    out: list[list[str | None]] = []
    pending: dict[tuple[int, int], str | None] = {}  # (row, col) filled by a rowspan
    for r, tr in enumerate(rows if n_rows is None else rows[:n_rows]):
        line: list[str | None] = []
        col = 0
        for cell in tr.xpath("./td|./th"):
            while (r, col) in pending:
                line.append(pending.pop((r, col)))
                col += 1
            text = _SPACES.sub(" ", cell.text_content()).strip() or None
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for c in range(col, col + colspan):
                line.append(text)
                for rr in range(r + 1, r + rowspan):
                    pending[(rr, c)] = text
            col += colspan
        while (r, col) in pending:
            line.append(pending.pop((r, col)))
            col += 1
        out.append(line)
    return out
