"""The HTML report's charts as numbers (pictures.py): hand-worked dossiers, and on the
sample data the identities that tie every chart to the report's table."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest

from motcua_cli.aggregate import aggregate_period, aggregate_split
from motcua_cli.calendar import WorkCalendar
from motcua_cli.classify import classify, classify_lazy
from motcua_cli.folding import fold_key
from motcua_cli.load import load_files
from motcua_cli.periods import parse_period
from motcua_cli.pictures import AGE_BUCKETS, LATE_BUCKETS, chart_keys, last_months, pictures
from motcua_cli.policy import resolve_policy
from motcua_cli.scope import Scope

from .test_classify import frame

CAL = WorkCalendar.build()
Q3 = parse_period("2026-Q3")


def scope(policy: str = "form06", period=Q3, as_of: date = date(2026, 9, 30)) -> Scope:
    return Scope(period, as_of, resolve_policy(policy), CAL)


def dossier(unit: str, received: datetime, due: datetime, finished: datetime | None = None) -> dict:
    status = "processed" if finished else "processing"
    return {"unit": unit, "received_at": received, "due_at": due, "finished_at": finished, "status": status}


def test_hand_worked_dossiers_in_each_chart() -> None:
    d = frame(
        # Phòng A: late by 1 working day (due Fri 10/7, finished Mon 13/7) and by 5 (Fri 17/7)
        dossier("Phòng A", datetime(2026, 7, 6, 8), datetime(2026, 7, 10, 17), datetime(2026, 7, 13, 9)),
        dossier("Phòng A", datetime(2026, 7, 6, 9), datetime(2026, 7, 10, 17), datetime(2026, 7, 17, 9)),
        # pending, due Thu 10/9: at 30/9, 14 working days overdue (11/9, 14-18/9, 21-25/9, 28-30/9)
        dossier("Phòng A", datetime(2026, 9, 1, 8), datetime(2026, 9, 10, 17)),
        # pending in time (due 5/10)
        dossier("Phòng A", datetime(2026, 9, 20, 8), datetime(2026, 10, 5, 17)),
        # the same unit spelt in lower case: due Mon 28/9, 2 working days overdue at 30/9
        dossier("phòng a", datetime(2026, 9, 21, 8), datetime(2026, 9, 28, 17)),
        # Phòng B: early in August; carried over from June, due Fri 19/6, finished Thu 2/7: 9 working days late
        dossier("Phòng B", datetime(2026, 8, 3, 8), datetime(2026, 8, 7, 17), datetime(2026, 8, 5, 9)),
        dossier("Phòng B", datetime(2026, 6, 15, 8), datetime(2026, 6, 19, 17), datetime(2026, 7, 2, 9)),
        # ended before the period: in no chart
        dossier("Phòng B", datetime(2026, 5, 4, 8), datetime(2026, 5, 8, 17), datetime(2026, 5, 12, 9)),
    )
    p = pictures(d, scope(), "unit")
    assert p.lateness == [{"bucket": b, "count": n} for b, n in zip(["1", "2", "3–5", "6–10", "> 10"], [1, 0, 1, 1, 0], strict=True)]
    # the two spellings are one group, under the spelling that carries the most dossiers
    assert p.overdue_age == [{"group": "Phòng A", "≤ 5": 1, "6–10": 0, "11–20": 1, "> 20": 0}]
    assert p.trend == [
        {"month": "2026-07", "received": 2, "settled": 3, "late": 3, "timely_rate": 0.0},
        {"month": "2026-08", "received": 1, "settled": 1, "late": 0, "timely_rate": 1.0},
        {"month": "2026-09", "received": 3, "settled": 0, "late": 0, "timely_rate": None},
    ]
    assert [(r["group"], r["timely_rate"]) for r in p.ranked] == [("Phòng A", 0.0), ("Phòng B", 0.5)]
    assert [(r["group"], r["received_new"]) for r in p.online] == [("Phòng A", 5), ("Phòng B", 1)]


def test_a_late_dossier_finished_on_its_due_day_is_said_apart() -> None:
    # datetime policy: due 10/7 at 08:00, finished at 15:00 the same day: late, 0 working days
    d = frame(dossier("X", datetime(2026, 7, 6, 8), datetime(2026, 7, 10, 8), datetime(2026, 7, 10, 15)))
    p = pictures(d, scope("datetime"), "unit")
    assert p.lateness[0] == {"bucket": "0", "count": 1}
    assert sum(r["count"] for r in p.lateness) == 1


@pytest.fixture(scope="module")
def sample(sample_files: list[Path]) -> pl.DataFrame:
    return load_files(sample_files).dossiers


@pytest.mark.parametrize("policy", ["form06", "datetime", "qd766", "opencps", "thanhhoa"])
def test_every_chart_adds_up_to_the_report_and_to_each_dossier(sample: pl.DataFrame, policy: str) -> None:
    period = parse_period("2026-Q3")
    s = scope(policy, period, date(2026, 9, 30))
    p = pictures(sample, s, "unit")
    rows, total = aggregate_period(sample, period, s.as_of, s.policy, CAL, ["unit"])
    # the report's own classification and rows give the same figures
    lazy = classify_lazy(sample, period, s.as_of, s.policy, CAL)
    assert pictures(sample, s, "unit", None, rows, lazy) == p
    # and so do the report's counts split by the charts' keys (one pass for the table and the charts)
    split_rows, split_total, split = aggregate_split(lazy, ["unit"], chart_keys(period))
    assert split_rows.equals(rows) and split_total == total and split is not None
    assert int(split["_n"].sum()) == total["received"]
    assert pictures(sample, s, "unit", None, rows, lazy, split) == p
    assert total["late"] > 0 and total["pending_overdue"] > 0  # the sample exercises both charts
    assert sum(r["received"] for r in p.trend) == total["received_new"]
    assert sum(r["settled"] for r in p.trend) == total["settled"]
    assert sum(r["late"] for r in p.trend) == total["late"]
    assert sum(r["count"] for r in p.lateness) == total["late"]
    assert sum(sum(r[b] for _, _, b in AGE_BUCKETS) for r in p.overdue_age) == total["pending_overdue"]
    by_unit = {fold_key(r["unit"]): r["pending_overdue"] for r in rows.iter_rows(named=True) if r["unit"] is not None}
    for r in p.overdue_age:
        if r["group"] is not None:
            assert sum(r[b] for _, _, b in AGE_BUCKETS) == by_unit[fold_key(r["group"])]
    # dossier by dossier, from the classification the report uses
    c = classify(sample, period, s.as_of, s.policy, CAL).filter(pl.col("received_new") | pl.col("carried_over"))

    def bucket(days: int, buckets: list) -> str:
        return next(name for low, high, name in buckets if days >= low and (high is None or days <= high))

    late_days = c.filter(pl.col("outcome") == "late")["working_days_late"].to_list()
    want = Counter(bucket(n, LATE_BUCKETS) if n else "0" for n in late_days)
    zero = {"0": want["0"]} if want.get("0") else {}
    assert {r["bucket"]: r["count"] for r in p.lateness} == {**zero, **{b: want.get(b, 0) for _, _, b in LATE_BUCKETS}}
    overdue_days = c.filter(pl.col("outcome") == "overdue")["working_days_late"].to_list()
    assert Counter(bucket(n, AGE_BUCKETS) for n in overdue_days) == Counter(
        {b: sum(r[b] for r in p.overdue_age) for _, _, b in AGE_BUCKETS if sum(r[b] for r in p.overdue_age)}
    )


def test_the_twelve_month_trend_adds_up_to_its_own_span(sample: pl.DataFrame) -> None:
    s = scope("form06", parse_period("2026-Q3"), date(2026, 9, 30))
    span = last_months(s.as_of)
    p = pictures(sample, s, "unit", span)
    assert p.trend[0]["month"] == "2025-10" and len(p.trend) == 12
    _, total = aggregate_period(sample, span, min(s.as_of, span.end), s.policy, CAL, [])
    assert sum(r["received"] for r in p.trend) == total["received_new"] > 0
    assert sum(r["settled"] for r in p.trend) == total["settled"]
    assert sum(r["late"] for r in p.trend) == total["late"]


def test_groups_the_table_cut_are_named_as_the_table_names_them(sample: pl.DataFrame) -> None:
    """--top 2 keeps two units in the table; the overdue-age chart shows every unit with
    overdue dossiers, each under a spelling from the data, not its folded key."""
    s = scope()
    rows, _ = aggregate_period(sample, Q3, s.as_of, s.policy, CAL, ["unit"])
    p = pictures(sample, s, "unit", None, rows.head(2))
    spellings = set(sample["unit"].drop_nulls().unique().to_list())
    named = [r["group"] for r in p.overdue_age if r["group"] is not None]
    assert len(named) > 2 and set(named) <= spellings, named
    assert p.overdue_age == pictures(sample, s, "unit").overdue_age  # the same names as without --top


@pytest.mark.parametrize("by", ["unit", "field", "procedure", "channel", "level"])
def test_the_report_split_for_the_charts_keeps_its_rows(sample_files: list[Path], by: str) -> None:
    """build_report with the charts' keys (the HTML report) gives the same rows and total
    as without (JSON, xlsx): the split is summed back, whatever the engine."""
    from motcua_cli.load import load_files as load
    from motcua_cli.report import build_report

    loaded = load(sample_files)
    s = scope()
    plain = build_report(loaded, s, [by])
    split = build_report(loaded, s, [by], split=chart_keys(Q3))
    assert split.split is not None and plain.split is None
    assert split.rows.equals(plain.rows) and split.total == plain.total
    assert int(split.split["_n"].sum()) == plain.total["received"]
    assert pictures(loaded.dossiers, s, by, None, split.rows, split.classified, split.split) == pictures(loaded.dossiers, s, by)
