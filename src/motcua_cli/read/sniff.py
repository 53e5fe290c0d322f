"""Detect a file's format and text encoding from its bytes, never from its name.

DOMAIN.md section 4: ``.xls`` files are often HTML tables or SpreadsheetML 2003 saved
under that name, CSVs come in UTF-8 (with or without BOM), UTF-16 and Windows-1258.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import InputUnreadable

# Formats we read. Spreadsheet formats go to calamine (fastexcel); the rest are text.
XLSX, XLSB, XLS, ODS, HTML, XML2003, DELIMITED = (
    "xlsx",
    "xlsb",
    "xls",
    "ods",
    "html",
    "xml2003",
    "delimited",
)
SPREADSHEET_FORMATS = {XLSX, XLSB, XLS, ODS}

_HEAD = 64 * 1024
_BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Windows-1258 is the Vietnamese Windows code page; charset-normalizer is asked first,
# and these are the single-byte pages it may name for Vietnamese text.
_VIETNAMESE_CANDIDATES = ["utf_8", "cp1258", "cp1252", "latin_1"]
# Letters that only occur in Vietnamese text decoded with the right code page.
_VIET_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u0300\u0301\u0303\u0309\u0323àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]")
# Byte pairs typical of the legacy font encodings TCVN3 (ABC) and VNI read as cp1258.
_LEGACY_MARKERS = re.compile(r"[¬¸µ¶·¹¨©ª«®]|[aeiouyAEIOUY][øùúûõï]")


@dataclass(frozen=True)
class Sniffed:
    format: str
    encoding: str | None  # for text formats: the Python codec used


def sniff(path: Path, forced_encoding: str | None = None) -> Sniffed:
    """Return the format (and, for text, the encoding) of ``path``."""
    with path.open("rb") as fh:
        head = fh.read(_HEAD)
    if not head:
        raise InputUnreadable(
            f"Tệp {path} rỗng (0 byte).",
            f"File {path} is empty (0 bytes).",
            hint_vi="Hãy xuất lại danh sách hồ sơ từ hệ thống một cửa.",
            hint_en="Export the dossier list again from the one-stop system.",
        )
    if head.startswith(b"PK\x03\x04"):
        return Sniffed(_zip_format(path), None)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return Sniffed(XLS, None)
    encoding = forced_encoding or detect_encoding(head, path)
    text = head.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
    lower = text[:4096].lower()
    if lower.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in text:
        return Sniffed(XML2003, encoding)
    if lower.startswith(("<!doctype html", "<html")) or ("<table" in text.lower() and lower.startswith("<")):
        return Sniffed(HTML, encoding)
    if lower.startswith(("<?xml", "<")):
        raise _unknown(path, "XML/HTML không có bảng", "XML/HTML without a table")
    return Sniffed(DELIMITED, encoding)


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputUnreadable(
            f"Tệp {path} là tệp nén (xlsx?) nhưng bị hỏng hoặc bị cắt cụt: {exc}.",
            f"File {path} is a zip container (xlsx?) but is damaged or truncated: {exc}.",
            hint_vi="Hãy tải/xuất lại tệp từ hệ thống rồi chạy lại.",
            hint_en="Download or export the file again and retry.",
        ) from exc
    if "xl/workbook.xml" in names:
        return XLSX
    if "xl/workbook.bin" in names:
        return XLSB
    if "content.xml" in names and "mimetype" in names:
        return ODS
    raise _unknown(path, "tệp nén không phải bảng tính", "a zip file that is not a workbook")


def _unknown(path: Path, what_vi: str, what_en: str) -> InputUnreadable:
    return InputUnreadable(
        f"Không nhận ra định dạng của tệp {path} ({what_vi}).",
        f"Cannot recognise the format of {path} ({what_en}).",
        hint_vi="motcua đọc .xlsx, .xlsb, .xls, bảng HTML, SpreadsheetML 2003, CSV và TSV.",
        hint_en="motcua reads .xlsx, .xlsb, .xls, HTML tables, SpreadsheetML 2003, CSV and TSV.",
    )


_CONTROL = bytes([*range(9), 11, 12, *range(14, 32), 127])


def _control_bytes(head: bytes) -> int:
    """Bytes no text file holds (NUL and the other control codes but tab, LF, CR)."""
    return len(head) - len(head.translate(None, _CONTROL))


def detect_encoding(head: bytes, path: Path) -> str:
    """Pick the codec for a text file from its first bytes."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    if b"\x00" in head:
        # No BOM but NUL bytes: UTF-16 without BOM, or not text at all.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > len(head) // 4 and even == 0:
            return "utf-16-le"
        if even > len(head) // 4 and odd == 0:
            return "utf-16-be"
        if _control_bytes(head) * 100 > len(head):
            raise _unknown(path, "tệp nhị phân", "a binary file")
        # A few stray NUL bytes in a text file: the reader removes them (and says so).
        head = head.replace(b"\x00", b"")
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if exc.start >= len(head) - 3:
            return "utf-8"
    # UTF-8 Vietnamese with a stray bad byte or two (a damaged copy) is still UTF-8:
    # reading it as a code page would garble every letter. The reader replaces the bad
    # bytes and says so.
    lenient = head.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") * 1000 < len(head) and len(_VIET_LETTERS.findall(lenient)) >= 3:
        return "utf-8"
    best = from_bytes(head, cp_isolation=_VIETNAMESE_CANDIDATES).best()
    codec = best.encoding if best is not None else "cp1258"
    if codec in ("cp1252", "latin_1", "iso8859_1"):
        # Western code pages decode Vietnamese Windows text into look-alike letters;
        # cp1258 is the one Vietnamese offices actually save in.
        codec = "cp1258"
    text = head.decode(codec, errors="replace")
    if _LEGACY_MARKERS.search(text) and len(_VIET_LETTERS.findall(text)) < 3:
        raise InputUnreadable(
            f"Tệp {path} có vẻ dùng bảng mã cũ (TCVN3/ABC hoặc VNI), không phải Unicode.",
            f"File {path} seems to use a legacy font encoding (TCVN3/ABC or VNI), not Unicode.",
            hint_vi=("Hãy chuyển tệp sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã) hoặc chỉ định --encoding nếu biết bảng mã đúng."),
            hint_en="Convert the file to Unicode (e.g. Unikey's converter) or pass --encoding.",
        )
    return codec
