"""Reporting periods (DOMAIN.md 3.6).

Calendar periods: ``2026``, ``2026-H1``, ``2026-Q3``, ``2026-09``, or ``--from``/``--to``.
With a cut-off day N the calendar period becomes the reporting-regime window that ends
on day N of its last month and starts the day after day N of the month before its
first month: N=14 gives Q3/2026 = 15/6/2026-14/9/2026 (NĐ 09/2019/NĐ-CP).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import UsageError
from .folding import fold_key


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    label: str  # "2026-Q3", "2026-09", "2026-01-05_2026-02-10": safe in a file name

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _window(year: int, first_month: int, last_month: int, cutoff: int | None) -> tuple[date, date]:
    if cutoff is None:
        return date(year, first_month, 1), _month_end(year, last_month)
    prev_year, prev_month = (year - 1, 12) if first_month == 1 else (year, first_month - 1)
    return date(prev_year, prev_month, cutoff) + timedelta(days=1), date(year, last_month, cutoff)


MIN_YEAR, MAX_YEAR = 1900, 2200  # a report period outside these is a typing error


def parse_period(text: str, cutoff_day: int | None = None) -> Period:
    """Parse ``2026``, ``2026-H1``, ``2026-Q3`` or ``2026-09`` (also ``Q3/2026``, ``09/2026``)."""
    if cutoff_day is not None and not 1 <= cutoff_day <= 28:
        raise UsageError(
            f"--cutoff-day {cutoff_day} không hợp lệ: cần từ 1 đến 28.",
            f"--cutoff-day {cutoff_day} is invalid: it must be 1 to 28.",
        )
    given = text  # the messages quote what the user typed, not its normal form
    if re.fullmatch(r"(?:9|chin) thang(?: dau)?(?: nam)? (\d{4})", fold_key(text)):
        text = text.strip()[-4:] + "-9M"
    text = _as_written(text) or text
    s = text.strip().upper().replace(" ", "")
    year_text = re.search(r"\d{4}", s)
    if year_text and not MIN_YEAR <= int(year_text.group()) <= MAX_YEAR:
        raise UsageError(
            f"Kỳ báo cáo '{given}': năm phải từ {MIN_YEAR} đến {MAX_YEAR}.",
            f"Reporting period '{given}': the year must be {MIN_YEAR} to {MAX_YEAR}.",
        )
    m = re.fullmatch(r"(\d{4})", s)
    if m:
        year = int(m.group(1))
        return Period(*_window(year, 1, 12, cutoff_day), label=f"{year}")
    m = re.fullmatch(r"(\d{4})-9M", s)
    if m:  # "9 tháng 2026": the first nine months, a report many provinces make
        year = int(m.group(1))
        return Period(*_window(year, 1, 9, cutoff_day), label=f"{year}-9M")
    m = re.fullmatch(r"(\d{4})-?([HQ])([1-4])|([HQ])([1-4])[/-](\d{4})", s)
    if m:
        year = int(m.group(1) or m.group(6))
        kind = m.group(2) or m.group(4)
        n = int(m.group(3) or m.group(5))
        if kind == "H" and n <= 2:
            first = 1 + 6 * (n - 1)
            return Period(*_window(year, first, first + 5, cutoff_day), label=f"{year}-H{n}")
        if kind == "Q":
            first = 1 + 3 * (n - 1)
            return Period(*_window(year, first, first + 2, cutoff_day), label=f"{year}-Q{n}")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4})", s)
    if m:
        year = int(m.group(1) or m.group(4))
        month = int(m.group(2) or m.group(3))
        if 1 <= month <= 12:
            return Period(*_window(year, month, month, cutoff_day), label=f"{year}-{month:02d}")
    raise UsageError(
        f"Kỳ báo cáo '{given}' không hợp lệ.",
        f"Reporting period '{given}' is not valid.",
        hint_vi=(
            'Ví dụ: --period 2026-Q3 (hoặc "Quý III/2026", "quý 3 2026"), 2026-09 ("tháng 9/2026", "T9/2026"), '
            '2026-H1 ("6 tháng đầu năm 2026"), "9 tháng 2026", 2026 ("năm 2026"); hoặc --from 01/07/2026 --to 30/09/2026.'
        ),
        hint_en=(
            'Examples: --period 2026-Q3 (or "Quý III/2026", "Q3 2026"), 2026-09 ("tháng 9/2026", "T9/2026"), '
            '2026-H1 ("6 tháng đầu năm 2026"), "9 tháng 2026", 2026 ("năm 2026"); or --from 2026-07-01 --to 2026-09-30.'
        ),
    )


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _as_written(text: str) -> str | None:
    """A period as officials write it, in the canonical form: "Quý III/2026", "quý 3
    2026", "Q3 2026" → "2026-Q3"; "tháng 9/2026", "T9/2026" → "2026-09"; "6 tháng đầu
    (cuối) năm 2026" → "2026-H1" ("H2"); "năm 2026" → "2026". Diacritics optional."""
    key = fold_key(text)
    m = re.fullmatch(r"(?:quy|q) ?(iv|i{1,3}|[1-4])(?: nam)? (\d{4})", key)
    if m:
        n = _ROMAN.get(m.group(1)) or int(m.group(1))
        return f"{m.group(2)}-Q{n}"
    m = re.fullmatch(r"(?:thang|t) ?(\d{1,2})(?: nam)? (\d{4})", key)
    if m and 1 <= int(m.group(1)) <= 12:
        return f"{m.group(2)}-{int(m.group(1)):02d}"
    m = re.fullmatch(r"(?:6|sau) thang (dau|cuoi)(?: nam)? (\d{4})", key)
    if m:
        return f"{m.group(2)}-H{1 if m.group(1) == 'dau' else 2}"
    m = re.fullmatch(r"nam (\d{4})", key)
    if m:
        return m.group(1)
    return None


def parse_day(text: str, option: str) -> date:
    """A date given on the command line: ISO or day first (dd/mm/yyyy)."""
    s = text.strip()
    for pattern in (r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"):
        m = re.fullmatch(pattern, s)
        if m:
            a, b, c = (int(x) for x in m.groups())
            try:
                return date(a, b, c) if a > 31 else date(c, b, a)
            except ValueError:
                break
    raise UsageError(
        f"{option} '{text}' không phải ngày hợp lệ (dạng 2026-09-30 hoặc 30/09/2026).",
        f"{option} '{text}' is not a valid date (2026-09-30 or 30/09/2026).",
    )


def between(start: date, end: date) -> Period:
    if start > end:
        raise UsageError(
            f"--from {start:%d/%m/%Y} ở sau --to {end:%d/%m/%Y}.",
            f"--from {start.isoformat()} is after --to {end.isoformat()}.",
            hint_vi="Đổi chỗ hai ngày.",
            hint_en="Swap the two dates.",
        )
    return Period(start, end, f"{start.isoformat()}_{end.isoformat()}")


def current_quarter(today: date, cutoff_day: int | None = None) -> Period:
    """The quarter that contains ``today`` (regime window with a cut-off day)."""
    q = (today.month - 1) // 3 + 1
    period = parse_period(f"{today.year}-Q{q}", cutoff_day)
    if cutoff_day is not None and today > period.end:
        period = parse_period(f"{today.year + (q == 4)}-Q{q % 4 + 1}", cutoff_day)
    return period


def compared_period(period: Period, kind: str, cutoff_day: int | None = None) -> Period:
    """The period a report is compared with (issue 17): ``previous`` (the quarter, month,
    half or year before; for "9 tháng" and --from/--to of another length, the span just
    before) or ``year`` (the same period a year earlier, "so với cùng kỳ"), with the same
    cut-off day. A period cut short (the current quarter to date) is compared with the
    same number of days from the other period's start."""
    label = period.label
    m = re.fullmatch(r"(\d{4})(?:-(9M|H[12]|Q[1-4]|\d{2}))?", label)
    if m is None:  # --from/--to
        length = period.end - period.start
        if kind == "year":
            start = _year_before(period.start)
            return Period(start, start + length, f"{start.isoformat()}_{(start + length).isoformat()}")
        end = period.start - timedelta(days=1)
        return Period(end - length, end, f"{(end - length).isoformat()}_{end.isoformat()}")
    year, part = int(m.group(1)), m.group(2)
    if kind == "year" or part is None or part == "9M":
        other = parse_period(f"{year - 1}" + (f"-{part}" if part else ""), cutoff_day)
    elif part.startswith("H"):
        other = parse_period(f"{year}-H1" if part == "H2" else f"{year - 1}-H2", cutoff_day)
    elif part.startswith("Q"):
        q = int(part[1])
        other = parse_period(f"{year}-Q{q - 1}" if q > 1 else f"{year - 1}-Q4", cutoff_day)
    else:
        month = int(part)
        other = parse_period(f"{year}-{month - 1:02d}" if month > 1 else f"{year - 1}-12", cutoff_day)
    full = parse_period(label, cutoff_day)
    if period.end < full.end:  # cut short: the same span of the other period
        end = min(other.start + (period.end - period.start), other.end)
        return Period(other.start, end, other.label)
    return other


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)
