"""Bounds on what a file may make motcua read, checked before the reading starts.

Files come from anywhere (web exports, e-mail, USB sticks). A zip bomb (an xlsx whose
parts expand a thousandfold), a sheet that declares or spreads its cells over an absurd
range, or a huge HTML/XML page would exhaust memory; they are refused with a message
that names the limit and the option that raises it (``--max-unpacked-mb``,
``--max-cells``, or ``[limits]`` in the config) for the rare honest giant.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputUnreadable

# 1,048,576 rows × 16,384 columns is what Excel can hold; no real export comes close.
DEFAULT_UNPACKED_MB = 2048
DEFAULT_CELLS = 200_000_000
MAX_RATIO = 300  # a part that expands more than this is a bomb, whatever its size
SMALL_PART = 8 * 1024 * 1024  # parts below this expanded size are never judged by ratio
SCAN_SHEET_BYTES = 64 * 1024 * 1024  # sheets up to this size are scanned for their true extent

_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')
_DIMENSION = re.compile(rb'<dimension ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')


@dataclass(frozen=True)
class Limits:
    unpacked_mb: int = DEFAULT_UNPACKED_MB
    cells: int = DEFAULT_CELLS

    @classmethod
    def from_config(cls, section: dict[str, Any]) -> Limits:
        return cls(
            unpacked_mb=int(section.get("unpacked_mb", DEFAULT_UNPACKED_MB)),
            cells=int(section.get("cells", DEFAULT_CELLS)),
        )

    @property
    def unpacked_bytes(self) -> int:
        return self.unpacked_mb * 1024 * 1024


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _too_big(path: Path, what_vi: str, what_en: str, option: str) -> InputUnreadable:
    return InputUnreadable(
        f"Tệp {path} bị từ chối để an toàn: {what_vi}.",
        f"File {path} was refused for safety: {what_en}.",
        hint_vi=f"Nếu đây là tệp thật, rất lớn, nâng giới hạn bằng {option} (xem [limits] trong tệp cấu hình).",
        hint_en=f"If this is a genuine, very large file, raise the limit with {option} ([limits] in the config).",
    )


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse an xlsx/xlsb/ods whose parts expand beyond the limits (zip bomb), or
    whose parts are damaged (a bad checksum or header found while looking)."""
    try:
        _check_zip(path, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, OSError, struct.error) as exc:
        raise InputUnreadable(
            f"Tệp {path} là tệp nén (xlsx?) nhưng bị hỏng hoặc bị cắt cụt: {exc}.",
            f"File {path} is a zip (xlsx?) but damaged or truncated: {exc}.",
            hint_vi="Hãy tải/xuất lại tệp từ hệ thống rồi chạy lại.",
            hint_en="Download or export the file again and retry.",
        ) from exc


def _check_zip(path: Path, limits: Limits) -> None:
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        if total > limits.unpacked_bytes:
            raise _too_big(
                path,
                f"nội dung giải nén {total / 2**20:,.0f} MB vượt giới hạn {limits.unpacked_mb} MB",
                f"it unpacks to {total / 2**20:,.0f} MB, over the {limits.unpacked_mb} MB limit",
                "--max-unpacked-mb",
            )
        for i in infos:
            if i.file_size > SMALL_PART and i.compress_size and i.file_size / i.compress_size > MAX_RATIO:
                raise _too_big(
                    path,
                    f"phần {i.filename} nén với tỉ lệ {i.file_size // i.compress_size}:1 (dấu hiệu bom nén)",
                    f"part {i.filename} is compressed {i.file_size // i.compress_size}:1 (a zip bomb)",
                    "--max-unpacked-mb",
                )
        for i in infos:
            if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml"):
                _check_sheet_extent(path, zf, i, limits)


def _check_sheet_extent(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    """The cells a sheet spreads over (its bounding box) must stay under the limit:
    calamine lays a sheet out as a dense grid, so two far-apart cells cost the area
    between them."""
    with zf.open(info) as fh:
        head = fh.read(4096)
    rows = cols = 0
    m = _DIMENSION.search(head)
    if m and m.group(3):
        rows, cols = int(m.group(4)), _col(m.group(3))
    if info.file_size <= SCAN_SHEET_BYTES:
        data = zf.read(info)
        # Rows come in order: the last <row r=...> is the highest. Columns: only refs
        # with the most letters can hold the widest one, and most sheets have none
        # past Z, so the scan is short.
        last = data.rfind(b'<row r="')
        if last >= 0:
            end = data.find(b'"', last + 8)
            if end > 0 and data[last + 8 : end].isdigit():
                rows = max(rows, int(data[last + 8 : end]))
        for letters in (3, 2, 1):
            refs = re.findall(rb'<c r="([A-Z]{%d})\d' % letters, data)
            if refs:
                cols = max(cols, max(_col(r) for r in set(refs)))
                break
        if last < 0:
            for ref in _REF.finditer(data):
                rows = max(rows, int(ref.group(2)))
    if rows * cols > limits.cells:
        raise _too_big(
            path,
            f"trang {info.filename} trải trên {rows:,} dòng × {cols:,} cột, vượt giới hạn {limits.cells:,} ô",
            f"sheet {info.filename} spans {rows:,} rows × {cols:,} columns, over the {limits.cells:,}-cell limit",
            "--max-cells",
        )


def check_text_size(path: Path, limits: Limits) -> None:
    """HTML and XML are parsed whole in memory: bound their size."""
    size = path.stat().st_size
    if size > limits.unpacked_bytes:
        raise _too_big(
            path,
            f"tệp {size / 2**20:,.0f} MB vượt giới hạn {limits.unpacked_mb} MB",
            f"it is {size / 2**20:,.0f} MB, over the {limits.unpacked_mb} MB limit",
            "--max-unpacked-mb",
        )


def refuse_entities(text: str, path: Path, kind: str) -> None:
    """Refuse markup that declares entities (billion laughs, external entities): no
    honest export needs them, and refusing is safer than any expansion limit."""
    if "<!ENTITY" in text[:65536].upper():
        raise InputUnreadable(
            f"Tệp {kind} {path} khai báo thực thể (ENTITY); motcua từ chối để an toàn.",
            f"{kind} file {path} declares entities (ENTITY); refused for safety.",
            hint_vi="Mở tệp bằng Excel và lưu lại dưới dạng .xlsx.",
            hint_en="Open it in Excel and save it as .xlsx.",
        )
