"""The hostile-file corpus: each file built by code, with the exit status and the
message (or counts) it must get. tests/test_hostile.py runs them all;

    python -m tests.hostile_corpus DIR

writes them to DIR to try by hand (``motcua inspect DIR/*``).
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HEADER = ["Mã hồ sơ", "Tên thủ tục", "Lĩnh vực", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái"]


def _row(i: int, name: str = "Cấp bản sao trích lục hộ tịch") -> list[str]:
    return [f"HS-{i:06d}", name, "Hộ tịch", "01/07/2026 08:00", "06/07/2026 17:00", "03/07/2026 10:00", "Đã trả kết quả"]


def _csv(rows: list[list[str]], sep: str = ",", newline: str = "\r\n") -> bytes:
    return newline.join(sep.join(r) for r in [HEADER, *rows]).encode("utf-8") + newline.encode()


@dataclass
class Hostile:
    name: str  # file name (its suffix picks the reader)
    build: Callable[[], bytes]
    exit: int  # the exit status `motcua report FILE --period 2026-Q3 -f json` must give
    says: list[str] = field(default_factory=list)  # fragments the message must hold (exit != 0)
    counts: dict[str, int] = field(default_factory=dict)  # the file's counts in the JSON (exit 0)
    why: str = ""


def _nul_bytes() -> bytes:
    rows = [_row(i) for i in range(20)]
    rows[3][1] = "Cấp bản sao\x00\x00 trích lục"  # NULs inside a cell (a C program's string end)
    return _csv(rows)


def _stray_bad_byte() -> bytes:
    data = _csv([_row(i) for i in range(20)])
    at = data.index(b"HS-000007")
    return data[:at] + b"\xff" + data[at:]  # one byte that is not UTF-8


def _nul_file() -> bytes:
    return b"\x00" * 4096


def _long_cell() -> bytes:
    rows = [_row(i) for i in range(10)]
    rows[5][1] = "Thủ tục " * 250_000  # a 2.5 MB cell
    return _csv(rows)


def _thousands_of_columns() -> bytes:
    extra = [f"Cột {i}" for i in range(5000)]
    lines = [HEADER + extra] + [_row(i) + ["x"] * 5000 for i in range(30)]
    return "\r\n".join(",".join(r) for r in lines).encode("utf-8")


def _million_blank_rows() -> bytes:
    return _csv([_row(i) for i in range(25)]) + b",,,,,,\r\n" * 1_000_000


def _million_blank_rows_xlsx() -> bytes:
    import io

    import xlsxwriter

    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    ws = wb.add_worksheet("DanhSach")
    ws.write_row(0, 0, HEADER)
    for i in range(25):
        ws.write_row(i + 1, 0, _row(i))
    fmt = wb.add_format({"bold": True})
    for r in range(26, 1_000_026):  # formatted, empty: rows a sheet keeps after deleting data
        ws.set_row(r, None, fmt)
    wb.close()
    return out.getvalue()


def _mixed_line_endings() -> bytes:
    lines = [",".join(HEADER)] + [",".join(_row(i)) for i in range(30)]
    ends = ["\r\n", "\n", "\r"]
    return "".join(line + ends[i % 3] for i, line in enumerate(lines)).encode("utf-8")


def _bom_in_middle() -> bytes:
    first = _csv([_row(i) for i in range(10)])
    second = "\ufeff".encode() + _csv([_row(i) for i in range(10, 20)])  # two exports pasted together
    return b"\xef\xbb\xbf" + first + second


def _repeated_header_pages() -> bytes:
    rows: list[list[str]] = []
    for i in range(60):
        if i and i % 20 == 0:
            rows.append(HEADER)
        rows.append(_row(i))
    return _csv(rows)


def _ragged_rows() -> bytes:
    rows = [_row(i) for i in range(12)]
    rows[2] = rows[2][:4]  # short: no due date, end or status
    rows[7] = [*rows[7], "ô thừa", "ô thừa nữa"]
    return _csv(rows)


def _formula_cells() -> bytes:
    rows = [_row(i) for i in range(5)]
    rows[1][1] = '"=HYPERLINK(""http://x"",""y"")"'
    rows[2][2] = "@SUM(A1)"
    return _csv(rows)


def _binary_as_csv() -> bytes:
    return bytes(range(256)) * 64


def _not_a_zip_xlsx() -> bytes:
    return b"PK\x03\x04" + b"\x00" * 200


def _zip_without_workbook() -> bytes:
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    return out.getvalue()


def _bad_crc_xlsx() -> bytes:
    """A well-formed zip whose sheet bytes no longer match their CRC (a bit flipped in
    transit): found by the safety scan before anything is parsed."""
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    for r in [HEADER, *(_row(i) for i in range(10))]:
        wb.active.append(r)
    packed = io.BytesIO()
    wb.save(packed)
    stored = io.BytesIO()
    with zipfile.ZipFile(packed) as src, zipfile.ZipFile(stored, "w", compression=zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
    data = bytearray(stored.getvalue())
    at = data.index(b"HS-000005")
    data[at] = ord("X")
    return bytes(data)


def _deep_html() -> bytes:
    return b"<html><body>" + b"<div>" * 300_000 + b"</div>" * 300_000 + b"</body></html>"


def _billion_laughs_html() -> bytes:
    laughs = "".join(f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};">' for i in range(1, 12))
    return (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY l0 "ha">{laughs}]><html><body><table><tr><td>&l11;</td></tr></table></body></html>'
    ).encode()


def _only_header() -> bytes:
    return _csv([])


def _empty() -> bytes:
    return b""


def _utf16_without_bom() -> bytes:
    return _csv([_row(i) for i in range(10)]).decode("utf-8").encode("utf-16-le")


CORPUS = [
    Hostile("nul_in_cell.csv", _nul_bytes, 0, counts={"rows_read": 20, "kept": 20}, why="NUL bytes inside a cell are dropped"),
    Hostile("stray_bad_byte.csv", _stray_bad_byte, 0, counts={"rows_read": 20, "kept": 20}, why="still UTF-8, not garbled as cp1258"),
    Hostile("all_nul.csv", _nul_file, 3, ["all_nul.csv"], why="a file of NULs is no export"),
    Hostile("long_cell.csv", _long_cell, 0, counts={"rows_read": 10, "kept": 10}, why="a 2.5 MB cell is kept whole"),
    Hostile("5000_columns.csv", _thousands_of_columns, 0, counts={"rows_read": 30, "kept": 30}, why="unmapped columns are listed"),
    Hostile("million_blank_rows.csv", _million_blank_rows, 0, counts={"rows_read": 25, "kept": 25}, why="blank rows are counted apart"),
    Hostile("million_blank_rows.xlsx", _million_blank_rows_xlsx, 0, counts={"rows_read": 25, "kept": 25}),
    Hostile("mixed_line_endings.csv", _mixed_line_endings, 0, counts={"rows_read": 30, "kept": 30}),
    Hostile(
        "bom_in_middle.csv",
        _bom_in_middle,
        0,
        counts={"rows_read": 20, "kept": 20},
        why="a pasted second export's header is a repeated header",
    ),
    Hostile("header_every_page.csv", _repeated_header_pages, 0, counts={"rows_read": 60, "kept": 60}),
    Hostile(
        "ragged_rows.csv",
        _ragged_rows,
        0,
        counts={"rows_read": 12, "kept": 12, "flagged": 2},
        why="short row: no due date; long row: extra cells",
    ),
    Hostile("formula_cells.csv", _formula_cells, 0, counts={"rows_read": 5, "kept": 5}),
    Hostile("binary.csv", _binary_as_csv, 3, ["binary.csv"]),
    Hostile("broken_zip.xlsx", _not_a_zip_xlsx, 3, ["broken_zip.xlsx"]),
    Hostile("bad_crc.xlsx", _bad_crc_xlsx, 3, ["bad_crc.xlsx", "CRC"], why="found by the fuzzer: was exit 1"),
    Hostile("zip_without_workbook.xlsx", _zip_without_workbook, 3, ["zip_without_workbook.xlsx"]),
    Hostile("deep_nesting.html", _deep_html, 3, ["deep_nesting.html"]),
    Hostile("billion_laughs.html", _billion_laughs_html, 3, ["billion_laughs.html", "ENTITY"]),
    # No dossier at all: said so, naming the file, never an all-zero table (issue 14).
    Hostile("only_header.csv", _only_header, 3, ["only_header.csv", "không có hồ sơ"]),
    Hostile("empty.csv", _empty, 3, ["empty.csv"]),
    Hostile("utf16_no_bom.csv", _utf16_without_bom, 0, counts={"rows_read": 10, "kept": 10}),
]


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in CORPUS:
        path = folder / case.name
        path.write_bytes(case.build())
        paths.append(path)
    return paths


if __name__ == "__main__":
    for p in write(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")):
        print(p)
