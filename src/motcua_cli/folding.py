"""Text normalisation: NFC for values, a folded key for matching names.

Exports arrive in NFC, NFD (Windows-1258, some systems) and with old or new tone
placement ("Hoà" / "Hòa"); DOMAIN.md section 4. Values are kept in NFC; names are
compared on a folded key: NFC, case-folded, diacritics stripped, đ→d, every run of
spaces and punctuation collapsed to one space.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from .nfc_table import RANGES

if TYPE_CHECKING:  # fold_key and nfc are plain Python: `motcua calendar` runs without Polars
    import polars as pl

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def fold_key(text: object) -> str:
    """Folded key of a name: ``"Ngày / Hẹn trả"`` → ``"ngay hen tra"``."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFD", str(text)).casefold()
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("đ", "d")
    return _NON_ALNUM.sub(" ", s).strip()


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """The same folded key as :func:`fold_key`, as a vectorised Polars expression."""
    return (
        expr.str.normalize("NFD")
        .str.to_lowercase()
        .str.replace_all(r"\p{M}", "")
        .str.replace_all("đ", "d", literal=True)
        .str.replace_all(r"[^0-9a-z]+", " ")
        .str.strip_chars()
    )


def nfc_expr(expr: pl.Expr) -> pl.Expr:
    """NFC-normalise and trim; empty strings become null. A byte-order mark or a
    zero-width space inside a cell (files pasted together) is removed."""
    import polars as pl

    out = expr.str.replace_all("[\ufeff\u200b]", "").str.normalize("NFC").str.strip_chars()
    return pl.when(out.str.len_bytes() > 0).then(out)


# A cell :func:`nfc_expr` would change: a character NFC may change, a BOM or zero-width
# space, space at either end, or nothing at all. Matching is a cheap scan; normalising
# every cell of a million-row column is not.
NEEDS_NFC = "[\ufeff\u200b" + "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in RANGES) + "]|^\\s|\\s$|^$"


def needs_nfc(expr: pl.Expr) -> pl.Expr:
    """True where :func:`nfc_expr` would change the cell (false for empty cells)."""
    return expr.str.contains(NEEDS_NFC).fill_null(False)


def nfc_series(column: pl.Series, fix: pl.Series | None = None) -> pl.Series:
    """:func:`nfc_expr` for a whole column, cheaply: only the cells :func:`needs_nfc`
    marks (``fix``, computed when not given) are normalised; the others are kept."""
    import polars as pl

    from . import chunks

    if column.dtype != pl.String:
        column = column.cast(pl.String)
    if fix is None:
        fix = column.to_frame("v").select(needs_nfc(pl.col("v"))).to_series()
    if not fix.any():
        return column
    fixed = column.filter(fix).to_frame("v").select(nfc_expr(pl.col("v"))).to_series()
    return chunks.scatter(column, fix.arg_true(), fixed)
