"""Reporting periods, calendar and with a cut-off day (DOMAIN.md 3.6)."""

from __future__ import annotations

from datetime import date

import pytest

from motcua_cli.config import Config
from motcua_cli.errors import UsageError
from motcua_cli.periods import between, current_quarter, parse_day, parse_period
from motcua_cli.scope import resolve_scope


@pytest.mark.parametrize(
    ("text", "cutoff", "start", "end"),
    [
        ("2026", None, date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-H1", None, date(2026, 1, 1), date(2026, 6, 30)),
        ("2026-Q3", None, date(2026, 7, 1), date(2026, 9, 30)),
        ("Q3/2026", None, date(2026, 7, 1), date(2026, 9, 30)),
        ("2026-02", None, date(2026, 2, 1), date(2026, 2, 28)),
        ("2024-02", None, date(2024, 2, 1), date(2024, 2, 29)),
        ("09/2026", None, date(2026, 9, 1), date(2026, 9, 30)),
        # NĐ 09/2019: data cut on the 14th.
        ("2026-Q3", 14, date(2026, 6, 15), date(2026, 9, 14)),
        ("2026-09", 14, date(2026, 8, 15), date(2026, 9, 14)),
        ("2026-H1", 14, date(2025, 12, 15), date(2026, 6, 14)),
        ("2026", 14, date(2025, 12, 15), date(2026, 12, 14)),
        ("2026-01", 14, date(2025, 12, 15), date(2026, 1, 14)),
        # Vĩnh Phúc: 21st to 20th.
        ("2021-08", 20, date(2021, 7, 21), date(2021, 8, 20)),
    ],
)
def test_periods(text: str, cutoff: int | None, start: date, end: date) -> None:
    p = parse_period(text, cutoff)
    assert (p.start, p.end) == (start, end)


@pytest.mark.parametrize("text", ["2026-Q5", "2026-13", "Q3", "quý 3", "2026-H3", ""])
def test_bad_periods(text: str) -> None:
    with pytest.raises(UsageError) as err:
        parse_period(text)
    assert "2026-Q3" in err.value.hint_vi


def test_cutoff_out_of_range() -> None:
    with pytest.raises(UsageError):
        parse_period("2026-Q3", 31)


def test_days_and_ranges() -> None:
    assert parse_day("30/09/2026", "--to") == parse_day("2026-09-30", "--to") == date(2026, 9, 30)
    with pytest.raises(UsageError):
        parse_day("31/02/2026", "--to")
    with pytest.raises(UsageError):
        between(date(2026, 9, 30), date(2026, 7, 1))


def test_current_quarter_and_default_scope() -> None:
    assert current_quarter(date(2026, 11, 23)).label == "2026-Q4"
    # With the cut-off on the 14th, 20/12/2026 already belongs to Q1/2027 (15/12/2026-14/3/2027).
    q = current_quarter(date(2026, 12, 20), 14)
    assert (q.start, q.end) == (date(2026, 12, 15), date(2027, 3, 14))
    scope = resolve_scope(Config(), today=date(2026, 11, 23))
    assert (scope.period.start, scope.period.end, scope.as_of) == (date(2026, 10, 1), date(2026, 11, 23), date(2026, 11, 23))
    past = resolve_scope(Config(), today=date(2026, 11, 23), period="2026-Q3")
    assert past.as_of == date(2026, 9, 30) and past.policy.name == "form06"
    cfg = Config(data={"report": {"cutoff_day": 14}, "policy": {"name": "qd766"}})
    scope = resolve_scope(cfg, today=date(2026, 11, 23), period="2026-Q3")
    assert (scope.period.start, scope.policy.name) == (date(2026, 6, 15), "qd766")
    with pytest.raises(UsageError):
        resolve_scope(Config(), today=date(2026, 11, 23), period="2026", date_from="2026-01-01")
    with pytest.raises(UsageError):
        resolve_scope(Config(), today=date(2026, 11, 23), period="2026-Q3", as_of="2026-01-01")


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("Quý III/2026", "2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),  # the form's own words
        ("quý 3/2026", "2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("quy 3 2026", "2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("Q3 2026", "2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("Q3/2026", "2026-Q3", date(2026, 7, 1), date(2026, 9, 30)),
        ("Quý IV năm 2026", "2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("tháng 9/2026", "2026-09", date(2026, 9, 1), date(2026, 9, 30)),
        ("T9/2026", "2026-09", date(2026, 9, 1), date(2026, 9, 30)),
        ("6 tháng đầu năm 2026", "2026-H1", date(2026, 1, 1), date(2026, 6, 30)),
        ("6 thang cuoi nam 2026", "2026-H2", date(2026, 7, 1), date(2026, 12, 31)),
        ("năm 2026", "2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("9 tháng 2026", "2026-9M", date(2026, 1, 1), date(2026, 9, 30)),
    ],
)
def test_periods_as_officials_write_them(text: str, label: str, start: date, end: date) -> None:
    p = parse_period(text)
    assert (p.label, p.start, p.end) == (label, start, end)


def test_nine_months_with_the_cutoff_day() -> None:
    p = parse_period("9 tháng 2026", 14)
    assert (p.start, p.end) == (date(2025, 12, 15), date(2026, 9, 14))


def test_a_wrong_period_shows_examples_and_a_future_one_names_no_option(runner, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from .conftest import SAMPLE_DIR, run

    with pytest.raises(UsageError) as err:
        parse_period("Quý 5/2026")
    assert "Quý III/2026" in err.value.hint_vi
    monkeypatch.setenv("MOTCUA_TODAY", "2026-12-01")
    result = run(runner, "report", str(SAMPLE_DIR / "phuong_hoa_binh.xls"), "--period", "2027")
    assert result.exit_code == 2 and "chưa bắt đầu" in result.stderr and "--as-of" not in result.stderr


def test_a_period_error_quotes_what_was_typed() -> None:
    """ "9 tháng 2300" is read as 2300-9M inside; the message says what the user wrote."""
    import pytest as _pytest

    from motcua_cli.errors import UsageError
    from motcua_cli.periods import parse_period

    with _pytest.raises(UsageError) as caught:
        parse_period("9 tháng 2300")
    assert "'9 tháng 2300'" in caught.value.vi and "2300-9M" not in caught.value.vi
