"""The working calendar, against the holidays package, the shipped swaps and a slow
day-by-day reference implementation."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import holidays
import polars as pl
import pytest

from motcua_cli.calendar import SHIPPED_SWAPS, WorkCalendar
from motcua_cli.errors import UsageError

CAL = WorkCalendar.build()


def ref_is_working(d: date) -> bool:
    """Reference: weekday, not a VN holiday, or a worked weekend day; shipped swaps win."""
    if d in SHIPPED_SWAPS:
        return SHIPPED_SWAPS[d][0]
    vn = holidays.country_holidays("VN", years=d.year)
    if d in getattr(vn, "weekend_workdays", set()):
        return True
    return d.weekday() < 5 and d not in vn


def ref_add_working_days(start: datetime, n: int) -> datetime:
    d, t = start.date(), start.time()
    if not ref_is_working(d) or t >= time(17, 0):
        d += timedelta(days=1)
        while not ref_is_working(d):
            d += timedelta(days=1)
        t = time(7, 0)
    for _ in range(n):
        d += timedelta(days=1)
        while not ref_is_working(d):
            d += timedelta(days=1)
    return datetime.combine(d, t)


def ref_between(a: date, b: date) -> int:
    n, d = 0, a
    while d < b:
        d += timedelta(days=1)
        n += ref_is_working(d)
    return n


def _apply(expr: pl.Expr, **cols: list) -> list:  # type: ignore[type-arg]
    return pl.DataFrame(cols).select(expr.alias("out"))["out"].to_list()


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_agrees_with_holidays_package_and_shipped_swaps(year: int) -> None:
    start = date(year, 1, 1)
    days = [start + timedelta(days=i) for i in range(366) if (start + timedelta(days=i)).year == year]
    got = _apply(CAL.is_working_expr(pl.col("d")), d=days)
    assert got == [ref_is_working(d) for d in days]
    assert got == [CAL.is_working(d) for d in days]


def test_known_days() -> None:
    assert not CAL.is_working(date(2026, 1, 2))  # swap: off (CV 12729/VPCP-KGVX)
    assert CAL.is_working(date(2026, 1, 10))  # Saturday worked in exchange
    assert CAL.is_working(date(2025, 4, 26))  # Saturday worked (2025 swap)
    assert not CAL.is_working(date(2025, 5, 2))
    assert all(not CAL.is_working(date(2026, 2, d)) for d in range(14, 23))  # Tết 2026: 14/2-22/2
    assert CAL.is_working(date(2026, 2, 23))
    assert not CAL.is_working(date(2026, 11, 24))  # Ngày Văn hóa Việt Nam, from 2026
    assert CAL.is_working(date(2025, 11, 24))
    assert not CAL.is_working(date(2026, 4, 27))  # Giỗ Tổ on Sunday 26/4, observed Monday
    assert not CAL.is_working(date(2026, 9, 1)) and not CAL.is_working(date(2026, 9, 2))


def test_random_dates_agree_with_reference() -> None:
    rng = random.Random(5)
    starts = [datetime(2024, 1, 1) + timedelta(days=rng.randint(0, 4 * 365 - 40), minutes=rng.randint(0, 24 * 60 - 1)) for _ in range(400)]
    ns = [rng.randint(0, 25) for _ in starts]
    got = _apply(CAL.add_working_days(pl.col("s"), pl.col("n")), s=starts, n=ns)
    assert got == [ref_add_working_days(s, n) for s, n in zip(starts, ns, strict=True)]
    ends = [s.date() + timedelta(days=rng.randint(0, 60)) for s in starts]
    got = _apply(CAL.working_days_between(pl.col("a"), pl.col("b")), a=[s.date() for s in starts], b=ends)
    assert got == [ref_between(s.date(), e) for s, e in zip(starts, ends, strict=True)]


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # Friday before a holiday: 3 working days over Tết 2026 (16-20/2 off).
        (datetime(2026, 2, 13, 9, 0), 3, datetime(2026, 2, 25, 9, 0)),
        # After closing on Friday 9/1/2026: counts from Saturday 10/1 (worked), 07:00.
        (datetime(2026, 1, 9, 17, 30), 1, datetime(2026, 1, 12, 7, 0)),
        # On the day off 2/1/2026: counts from Monday 5/1 morning.
        (datetime(2026, 1, 2, 9, 0), 1, datetime(2026, 1, 6, 7, 0)),
        # Over 24/11/2026, the new Culture Day.
        (datetime(2026, 11, 23, 8, 0), 1, datetime(2026, 11, 25, 8, 0)),
        # Before 30/4 and 1/5/2026 (Thu, Fri).
        (datetime(2026, 4, 29, 10, 0), 2, datetime(2026, 5, 5, 10, 0)),
    ],
)
def test_due_dates(received: datetime, days: int, due: datetime) -> None:
    assert _apply(CAL.add_working_days(pl.col("r"), pl.lit(days)), r=[received]) == [due]


def test_working_hours_and_calendar_days() -> None:
    r = [datetime(2026, 2, 12, 9, 0), datetime(2026, 1, 9, 17, 30)]
    assert _apply(CAL.add_working_hours(pl.col("r"), pl.lit(4.0)), r=r) == [
        datetime(2026, 2, 12, 15, 0),  # 2.5 h to 11:30, 1.5 h from 13:30
        datetime(2026, 1, 10, 11, 0),  # next working morning is Saturday 10/1
    ]
    assert _apply(CAL.add_working_hours(pl.col("r"), pl.lit(8.0)), r=r[:1]) == [datetime(2026, 2, 13, 9, 0)]
    assert _apply(CAL.add_working_hours(pl.col("r"), pl.lit(16.0)), r=r[:1]) == [datetime(2026, 2, 23, 9, 0)]  # over Tết
    # 30 calendar days from 20/1/2026 land on 19/2 (Tết): moved to Monday 23/2.
    assert _apply(CAL.add_calendar_days(pl.col("r"), pl.lit(30)), r=[datetime(2026, 1, 20, 8, 0)]) == [datetime(2026, 2, 23, 8, 0)]


def test_config_adds_days_off_and_working_days_and_saturdays() -> None:
    cal = WorkCalendar.build({"days_off": ["2026-12-31"], "working_days": ["2026-08-31"], "saturday": "morning"})
    assert not cal.is_working(date(2026, 12, 31))
    assert cal.is_working(date(2026, 8, 31))  # the package's unconfirmed swap, overridden
    assert not CAL.is_working(date(2026, 8, 31))
    assert cal.is_working(date(2026, 12, 5))  # a Saturday
    assert not cal.is_working(date(2026, 12, 6))
    with pytest.raises(UsageError):
        WorkCalendar.build({"days_off": ["31/12/2026"]})
    with pytest.raises(UsageError):
        WorkCalendar.build({"saturday": "sometimes"})


def test_year_notes_name_their_source() -> None:
    notes = {n.day: n for n in CAL.year_notes(2026)}
    assert notes[date(2026, 1, 2)].source == "motcua" and not notes[date(2026, 1, 2)].working
    assert notes[date(2026, 1, 10)].working
    assert notes[date(2026, 11, 24)].source == "holidays"


def test_the_plain_python_calendar_agrees_with_the_columns() -> None:
    """`motcua calendar add/between` use WorkCalendar.due_after and days_between (no
    Polars); the reports use the column expressions. They agree on every hour of
    2025-2026 (days off, make-up Saturdays, after closing time) for 0, 1, 3 and 15
    working days, and on the working days between each pair of days 0-40 apart."""
    cal = WorkCalendar.build({"saturday": "morning", "days_off": ["2026-03-09"]})
    starts = [datetime(2025, 1, 1) + timedelta(hours=h) for h in range(0, 2 * 365 * 24, 1)]
    for days in (0, 1, 3, 15):
        frame = pl.DataFrame({"r": starts}).select(cal.add_working_days(pl.col("r"), pl.lit(days)))
        columns = frame.to_series().to_list()
        plain = [cal.due_after(s, days) for s in starts]
        assert plain == columns, days
    # the concrete case of issue 19: Friday 9/1/2026 + 1 → Saturday 10/1/2026, a make-up day
    assert CAL.due_after(datetime(2026, 1, 9, 7, 0), 1) == datetime(2026, 1, 10, 7, 0)
    rng = random.Random(19)
    pairs = [(d, d + timedelta(days=rng.randint(-5, 40))) for d in (date(2025, 1, 1) + timedelta(days=i) for i in range(700))]
    frame = pl.DataFrame({"a": [a for a, _ in pairs], "b": [b for _, b in pairs]})
    columns = frame.select(cal.working_days_between(pl.col("a"), pl.col("b"))).to_series().to_list()
    assert [cal.days_between(a, b) for a, b in pairs] == columns
    assert CAL.days_between(date(2026, 7, 10), date(2026, 7, 15)) == 3  # Mon 13, Tue 14, Wed 15
    assert CAL.due_after(datetime(CAL.last_year, 12, 31, 8, 0), 5) is None  # past the calendar


def test_the_day_lookup_agrees_with_a_binary_search_of_the_working_dates() -> None:
    """working_index and is_working_expr look the day up by its number; they give what a
    binary search of the sorted working dates gives, for days inside the calendar, on
    its edges, before and after it, and for no day at all."""
    cal = WorkCalendar.build({"saturday": "morning", "days_off": ["2026-03-09"]})
    first, last = date(cal.first_year, 1, 1), date(cal.last_year, 12, 31)
    rng = random.Random(7)
    days: list[date | None] = [first, last, first - timedelta(days=1), last + timedelta(days=1), date(1990, 5, 1), None]
    days += [first + timedelta(days=rng.randint(-400, (last - first).days + 400)) for _ in range(20_000)]
    frame = pl.DataFrame({"d": days}, schema={"d": pl.Date})
    work = cal.work_dates()
    searched = pl.lit(work).search_sorted(pl.col("d"), side="right").cast(pl.Int64)
    before = pl.lit(work).search_sorted(pl.col("d") - pl.duration(days=1), side="right").cast(pl.Int64)
    got = frame.select(i=cal.working_index(pl.col("d")), w=cal.is_working_expr(pl.col("d")), ref_i=searched, ref_w=searched > before)
    assert got["i"].to_list() == got["ref_i"].to_list()
    assert got["w"].to_list() == got["ref_w"].to_list()
    assert got["w"].sum() > 10_000  # the check is not vacuous: most days are working days


def test_the_plain_calendar_at_its_edges_and_backwards() -> None:
    """Outside the calendar's years the columns know no working days, so the plain
    helpers answer None (the command says the date is outside the calendar); inside,
    they agree with the columns on the first and last days and for negative counts."""
    cal = CAL
    first, last = datetime(cal.first_year, 1, 1, 8, 0), datetime(cal.last_year, 12, 31, 8, 0)
    assert cal.due_after(datetime(cal.first_year - 1, 12, 31, 8, 0), 1) is None
    assert cal.due_after(datetime(cal.first_year - 1, 12, 31, 8, 0), 0) is None
    assert cal.days_between(date(cal.first_year - 1, 12, 29), date(cal.first_year, 1, 5)) is None
    starts = [first, last, datetime(2026, 2, 20, 9, 0), datetime(2026, 5, 4, 18, 0)]
    for days in (-3, -1, 0, 2):
        columns = pl.DataFrame({"r": starts}).select(cal.add_working_days(pl.col("r"), pl.lit(days))).to_series().to_list()
        assert [cal.due_after(s, days) for s in starts] == columns, days
