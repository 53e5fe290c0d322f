"""Date and time parsing, vectorised, day first (DOMAIN.md section 4).

A column may mix forms: ``dd/mm/yyyy``, ``dd/mm/yyyy HH:MM[:SS]``, ``dd-mm-yyyy``, ISO,
``yyyyMMddHHmmss`` (national sync format), Excel serial numbers. Each value's *shape*
(digits replaced by 9) is computed in one pass; the few distinct shapes are matched to
a format in Python, and only the formats present are parsed, each as one Polars
``strptime`` over the column. No per-row Python. The forms are learnt from the first
rows, so the parse can run inside a lazy query (:func:`parse_lazy`) while the file is
read; the few values they miss are read again afterwards (:func:`mend`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import polars as pl

from . import chunks

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
        .sort(["count", "shape"], descending=[True, False])  # ties by shape: the same forms on every run
    )


def forms_of(shapes: pl.DataFrame) -> list[DateForm]:
    return [DateForm(s, *_format_for(s)) for s in shapes["shape"].to_list()]


SAMPLE_ROWS = 20_000
# Columns :func:`parse_lazy` adds next to a parsed column ``out``.
TIME, FORM, PRESENT, UNREAD = "__time", "__form", "__present", "__unread"
_WINDOW = (datetime(MIN_YEAR, 1, 1), datetime(MAX_YEAR, 12, 31, 23, 59, 59, 999999))


def learn(text: pl.Series) -> dict[str, bool]:
    """The strptime formats of the date forms in ``text``, each with whether it carries
    a time of day, in a fixed order (sorted)."""
    timed: dict[str, bool] = {}
    for form in forms_of(shapes_of(text)):
        if form.format:
            timed[form.format] = timed.get(form.format, False) or form.has_time
    return dict(sorted(timed.items()))


def parse_lazy(frame: pl.LazyFrame, column: str, out: str, formats: dict[str, bool]) -> pl.LazyFrame:
    """Add ``out`` (the dates of text column ``column``, each value tried against
    ``formats`` in order) and its companions ``out + TIME`` (a time of day was given),
    ``FORM`` (index of the format that read it), ``PRESENT`` (the cell is not empty) and
    ``UNREAD`` (the formats did not read it).

    Cells are parsed as they are, untrimmed (trimming every cell costs more than the
    parse): a date with spaces around it, or a cell of spaces only, is left unread
    here, and :func:`mend` settles those few rows. Each step is its own stage: an
    expression used twice in one stage is computed twice.
    """
    raw = pl.col(column)
    parts = [f"{out}__p{i}" for i in range(len(formats))]
    if parts:
        frame = frame.with_columns(_value_expr(raw, fmt).alias(p) for p, fmt in zip(parts, formats, strict=True))
        frame = frame.with_columns(pl.when(pl.col(p).is_between(*_WINDOW)).then(pl.col(p)).alias(p) for p in parts)
    timed = [p for p, fmt in zip(parts, formats, strict=True) if formats[fmt]]
    frame = frame.with_columns(
        (pl.coalesce(parts) if parts else pl.lit(None, pl.Datetime("us"))).alias(out),
        pl.coalesce([pl.when(pl.col(p).is_not_null()).then(pl.lit(i, pl.Int16)) for i, p in enumerate(parts)]).alias(out + FORM)
        if parts
        else pl.lit(None, pl.Int16).alias(out + FORM),
        (pl.any_horizontal([pl.col(p).is_not_null() for p in timed]) if timed else pl.lit(False)).alias(out + TIME),
        (raw.str.len_bytes() > 0).fill_null(False).alias(out + PRESENT),
    )
    frame = frame.with_columns((pl.col(out).is_null() & pl.col(out + PRESENT)).alias(out + UNREAD))
    return frame.drop(parts)


def mend(frame: pl.DataFrame, column: str, out: str, formats: dict[str, bool]) -> tuple[pl.DataFrame, dict[str, bool]]:
    """Settle the cells of ``column`` that :func:`parse_lazy` left unread, on those rows
    only: trimmed, a cell of spaces is empty, and a date is read by the formats known
    or by the forms these cells show (a column may change form further down than the
    rows the formats were learnt from). Returns the frame and all formats, known first."""
    unread = frame[out + UNREAD]
    if not unread.any():
        return frame, formats
    where = unread.arg_true()
    texts = frame[column].gather(where).str.strip_chars()
    every = formats | {fmt: timed for fmt, timed in learn(texts).items() if fmt not in formats}
    fixed = parse_lazy(texts.to_frame("t").lazy(), "t", out, every).collect(engine="in-memory")
    columns = [out, out + FORM, out + TIME, out + PRESENT, out + UNREAD]
    return frame.with_columns(chunks.scatter(frame[c], where, fixed[c]) for c in columns), every


def forms_seen(frame: pl.DataFrame, column: str, out: str, formats: dict[str, bool]) -> list[dict[str, object]]:
    """Formats that read values of ``out``, with their counts; then the unreadable."""
    counts = frame.select((pl.col(out + FORM) == i).sum().alias(str(i)) for i in range(len(formats))).row(0) if formats else ()
    seen: list[dict[str, object]] = [{"format": f, "count": int(n)} for f, n in zip(formats, counts, strict=True) if n]
    unread = frame[out + UNREAD]
    bad = int(unread.sum())
    if bad:
        seen.append({"format": None, "count": bad, "example": frame[column].filter(unread).str.strip_chars()[0]})
    return seen


def parse_column(column: pl.Series) -> tuple[pl.Series, pl.Series, list[dict[str, object]]]:
    """(datetimes, has-time flags, forms seen with counts) for a text column: the same
    parse validation runs inside its query, for one column on its own.

    The forms are learnt from the first rows; values they do not parse are looked at
    again (a column may change form further down), so each value is tried against the
    forms present in its column. Unknown forms and years outside MIN_YEAR..MAX_YEAR
    give null.
    """
    formats = learn(column.head(SAMPLE_ROWS).str.strip_chars())
    frame = parse_lazy(column.to_frame("t").lazy(), "t", "v", formats).collect(engine="in-memory")
    frame, formats = mend(frame, "t", "v", formats)
    return frame["v"].alias(column.name), frame["v" + TIME].alias(column.name), forms_seen(frame, "t", "v", formats)


def _value_expr(t: pl.Expr, fmt: str) -> pl.Expr:
    if fmt == EXCEL_SERIAL:
        serial = pl.when(t.str.contains(r"^\d{5}(\.\d+)?$")).then(t.cast(pl.Float64, strict=False))
        return pl.lit(_EXCEL_EPOCH) + pl.duration(microseconds=(serial * 86_400.0).round(0).cast(pl.Int64) * 1_000_000)
    # No cache of distinct values: it costs more than it saves, even on date-only
    # columns (10M rows, 3 columns: 1.4 s more with the cache, measured).
    return t.str.strptime(pl.Datetime("us"), fmt, strict=False, exact=True, cache=False)
