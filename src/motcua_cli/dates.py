"""Date and time parsing, vectorised, day first (DOMAIN.md section 4).

A column may mix forms: ``dd/mm/yyyy``, ``dd/mm/yyyy HH:MM[:SS]``, ``dd-mm-yyyy``, ISO,
``yyyyMMddHHmmss`` (national sync format), Excel serial numbers. Each value's *shape*
(digits replaced by 9) is computed in one pass; the few distinct shapes are matched to
a format in Python, and only the formats present are parsed, each as one Polars
``strptime`` over the column. No per-row Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import polars as pl

EXCEL_SERIAL = "excel-serial"
# Dates outside this window are typing errors (a 2-digit year read as year 26, say).
MIN_YEAR, MAX_YEAR = 1990, 2100
_EXCEL_EPOCH = datetime(1899, 12, 30)


@dataclass(frozen=True)
class DateForm:
    shape: str  # e.g. "99/99/9999 99:99"
    format: str | None  # strptime format, EXCEL_SERIAL, or None when not a date form
    has_time: bool


def _format_for(shape: str) -> tuple[str | None, bool]:
    """Map a shape such as ``99/99/9999 99:99`` to a strptime format."""
    s = shape.strip()
    m = re.fullmatch(r"(9{1,2})([/.-])(9{1,2})\2(9{4})(?:[ T](9{1,2}):(9{2})(?::(9{2})(\.9+)?)?( ?[AP]M)?)?", s)
    if m:
        sep = m.group(2)
        fmt = f"%d{sep}%m{sep}%Y"
        if m.group(5):
            hour = "%I" if m.group(9) else "%H"
            fmt += f" {hour}:%M"
            if m.group(7):
                fmt += ":%S"
            if m.group(8):
                fmt += "%.f"
            if m.group(9):
                fmt += " %p" if m.group(9).startswith(" ") else "%p"
            if "T" in s:
                fmt = fmt.replace(" ", "T", 1)
        return fmt, bool(m.group(5))
    m = re.fullmatch(r"(9{1,2}):(9{2})(?::(9{2}))?,? (9{1,2})([/.-])(9{1,2})\5(9{4})", s)
    if m:
        sep = m.group(5)
        fmt = "%H:%M" + (":%S" if m.group(3) else "") + ("," if "," in s else "")
        return f"{fmt} %d{sep}%m{sep}%Y", True
    m = re.fullmatch(r"9{4}([/-])9{1,2}\1(9{1,2})(?:([ T])9{1,2}:9{2}(:9{2})?(\.9+)?)?", s)
    if m:
        sep = m.group(1)
        fmt = f"%Y{sep}%m{sep}%d"
        if m.group(3):
            fmt += m.group(3) + "%H:%M" + (":%S" if m.group(4) else "") + ("%.f" if m.group(5) else "")
        return fmt, bool(m.group(3))
    compact = {14: ("%Y%m%d%H%M%S", True), 12: ("%Y%m%d%H%M", True), 8: ("%Y%m%d", False)}
    if re.fullmatch(r"9+", s) and len(s) in compact:
        return compact[len(s)]
    if re.fullmatch(r"9{5}(\.9+)?", s):
        return EXCEL_SERIAL, "." in s
    return None, False


def shapes_of(column: pl.Series) -> pl.DataFrame:
    """Distinct shapes of a text column with their counts and one example each."""
    frame = pl.DataFrame({"value": column.str.strip_chars()}).drop_nulls()
    frame = frame.filter(pl.col("value").str.len_bytes() > 0)
    return (
        frame.with_columns(shape=pl.col("value").str.replace_all(r"\d", "9"))
        .group_by("shape")
        .agg(count=pl.len(), example=pl.col("value").first())
        .sort("count", descending=True)
    )


def forms_of(shapes: pl.DataFrame) -> list[DateForm]:
    return [DateForm(s, *_format_for(s)) for s in shapes["shape"].to_list()]


SAMPLE_ROWS = 20_000


@dataclass
class Parsed:
    values: pl.Series  # datetimes, null where empty or unreadable
    has_time: pl.Series  # the value carried a time of day
    seen: list[dict[str, object]]  # forms seen with counts; format None: unreadable
    present: pl.Series  # the cell holds text
    unread: pl.Series  # the cell holds text that is no date


def parse_column(column: pl.Series) -> tuple[pl.Series, pl.Series, list[dict[str, object]]]:
    """(datetimes, has-time flags, forms seen with counts) for a text column."""
    p = parse(column)
    return p.values, p.has_time, p.seen


def parse(column: pl.Series) -> Parsed:
    """A text column's dates, with what validation needs to know about each cell.

    The forms are learnt from the first rows; values they do not parse are looked at
    again (a column may change form further down), so each value is tried against the
    forms present in its column. Unknown forms and years outside MIN_YEAR..MAX_YEAR
    give null.
    """
    text = column.to_frame("t").select(pl.col("t").str.strip_chars()).to_series().alias(column.name)
    forms = {f.shape: f for f in forms_of(shapes_of(text.head(SAMPLE_ROWS)))}
    parts = {fmt: _parse_one(text, fmt) for fmt in _formats(forms.values())}
    parsed = _coalesce(text, list(parts.values()))
    present = text.str.len_bytes() > 0
    unread = parsed.is_null() & present
    if unread.any():
        for f in forms_of(shapes_of(text.filter(unread))):
            forms.setdefault(f.shape, f)
        for fmt in _formats(forms.values()):
            if fmt not in parts:
                parts[fmt] = _parse_one(text, fmt)
        parsed = _coalesce(text, list(parts.values()))
        unread = parsed.is_null() & present
    timed = {f.format for f in forms.values() if f.has_time}
    seen: list[dict[str, object]] = []
    has_time = pl.repeat(False, len(column), dtype=pl.Boolean, eager=True)
    for fmt, values in parts.items():
        count = len(values) - values.null_count()
        if count and fmt in timed:
            has_time = has_time | values.is_not_null()
        if count:
            seen.append({"format": fmt, "count": count})
    bad = int(unread.sum())
    if bad:
        seen.append({"format": None, "count": bad, "example": text.filter(unread)[0]})
    return Parsed(
        parsed.alias(column.name), has_time.fill_null(False).alias(column.name), seen, present.fill_null(False), unread.fill_null(False)
    )


def _formats(forms: object) -> list[str]:
    return sorted({f.format for f in forms if f.format})  # type: ignore[attr-defined]


def _parse_one(text: pl.Series, fmt: str) -> pl.Series:
    t = pl.col("t")
    if fmt == EXCEL_SERIAL:
        serial = pl.when(t.str.contains(r"^\d{5}(\.\d+)?$")).then(t.cast(pl.Float64, strict=False))
        value = pl.lit(_EXCEL_EPOCH) + pl.duration(microseconds=(serial * 86_400.0).round(0).cast(pl.Int64) * 1_000_000)
    else:
        value = t.str.strptime(pl.Datetime("us"), fmt, strict=False, exact=True)
    # Frame queries, so Polars parses in parallel; ``value`` is evaluated once, and the
    # year window is applied only when some value falls outside it.
    values = text.to_frame("t").select(value.alias("v")).to_series()
    sane = values.is_between(datetime(MIN_YEAR, 1, 1), datetime(MAX_YEAR, 12, 31, 23, 59, 59, 999999))
    if sane.sum() == len(values) - values.null_count():
        return values.alias(text.name)
    return values.to_frame("v").select(pl.when(sane).then(pl.col("v"))).to_series().alias(text.name)


def _coalesce(text: pl.Series, parts: list[pl.Series]) -> pl.Series:
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return pl.repeat(None, len(text), dtype=pl.Datetime("us"), eager=True).alias(text.name)
    frame = pl.DataFrame({str(i): p for i, p in enumerate(parts)})
    return frame.select(pl.coalesce(frame.columns)).to_series()
