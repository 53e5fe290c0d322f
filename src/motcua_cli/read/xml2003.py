"""SpreadsheetML 2003 (the XML "Excel 2003" format some systems still write).

Parsed with lxml with entity resolution, DTD loading and network access off; a file
that declares entities is refused, so an entity bomb never expands.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..errors import InputUnreadable
from .grid import Grid, Source, grid_from_rows, read_text
from .limits import refuse_entities
from .sniff import XML2003

_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_SS = f"{{{_NS}}}"


class Xml2003Source(Source):
    format = XML2003

    def __init__(self, path: Path, encoding: str) -> None:
        super().__init__(path)
        self.encoding = encoding
        text = read_text(path, encoding).lstrip("\ufeff")
        refuse_entities(text, path, "XML")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
        try:
            root = etree.fromstring(body.encode("utf-8"), parser=parser)
        except etree.XMLSyntaxError as exc:
            raise InputUnreadable(
                f"Tệp XML {path} bị lỗi cú pháp: {exc}.",
                f"XML file {path} is malformed: {exc}.",
                hint_vi="Tệp có thể bị cắt cụt; hãy xuất lại từ hệ thống.",
                hint_en="The file may be truncated; export it again.",
            ) from exc
        self._sheets = {ws.get(f"{_SS}Name") or f"Sheet{i + 1}": ws for i, ws in enumerate(root.iter(f"{_SS}Worksheet"))}
        if not self._sheets:
            raise InputUnreadable(
                f"Tệp XML {path} không có trang tính nào.",
                f"XML file {path} has no worksheet.",
            )

    def sheet_names(self) -> list[str]:
        return list(self._sheets)

    def grid(self, sheet: str, n_rows: int | None = None) -> Grid:
        rows: list[list[str | None]] = []
        pending: dict[tuple[int, int], str | None] = {}
        r = -1
        for row in self._sheets[sheet].iter(f"{_SS}Row"):
            r = int(row.get(f"{_SS}Index", r + 2)) - 1
            while len(rows) < r:
                rows.append([])
            if n_rows is not None and r >= n_rows:
                break
            line: list[str | None] = []
            for cell in row.iter(f"{_SS}Cell"):
                col = int(cell.get(f"{_SS}Index", len(line) + 1)) - 1
                while len(line) < col:
                    line.append(pending.pop((r, len(line)), None))
                data = cell.find(f"{_SS}Data")
                text = "".join(data.itertext()).strip() if data is not None else ""
                value = text or None
                across = int(cell.get(f"{_SS}MergeAcross", 0))
                down = int(cell.get(f"{_SS}MergeDown", 0))
                for c in range(col, col + across + 1):
                    line.append(value)
                    for rr in range(r + 1, r + down + 1):
                        pending[(rr, c)] = value
            while (r, len(line)) in pending:
                line.append(pending.pop((r, len(line))))
            rows.append(line)
        return Grid(grid_from_rows(rows), whole=n_rows is None)
