"""What the HTML report's charts show, as numbers (issue 17): the stage after aggregate.

The charts are drawn in ``render/html.py``; here only the figures are counted, with the
same classification as the report, so every bar can be checked against the table:

- the groups ranked by timely rate (and how many settled, to say when a rate rests on few);
- the trend by month: received, settled, late and the timely rate;
- the age of overdue pending dossiers in working days (up to 5, 6–10, 11–20, over 20) by group;
- how late the late ones were (working days: 1, 2, 3–5, 6–10, over 10);
- the online share of the dossiers received in the period, by group.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from .aggregate import GROUP_KEYS, aggregate_period, months_of
from .classify import ENGINE, classify_lazy
from .folding import fold_key
from .periods import Period
from .scope import Scope

# Overdue by less than a working day (due on a day off just before the as-of day) counts in the first bucket.
AGE_BUCKETS = [(0, 5, "≤ 5"), (6, 10, "6–10"), (11, 20, "11–20"), (21, None, "> 20")]
LATE_BUCKETS = [(1, 1, "1"), (2, 2, "2"), (3, 5, "3–5"), (6, 10, "6–10"), (11, None, "> 10")]


@dataclass
class Pictures:
    group: str | None  # the grouping key of the ranked, age and online charts
    ranked: list[dict[str, Any]]  # {group, timely_rate, settled, late}
    trend: list[dict[str, Any]]  # {month, received, settled, late, timely_rate}
    overdue_age: list[dict[str, Any]]  # {group, "1–5": n, …}
    lateness: list[dict[str, Any]]  # {bucket, count}
    online: list[dict[str, Any]]  # {group, online, received_new, share}


def _bucket(days: pl.Expr, buckets: list[tuple[int, int | None, str]]) -> pl.Expr:
    out = pl.lit(None, pl.String)
    for low, high, name in reversed(buckets):
        hit = days >= low if high is None else days.is_between(low, high)
        out = pl.when(hit).then(pl.lit(name)).otherwise(out)
    return out


def last_months(end: date, n: int = 12) -> Period:
    """The ``n`` whole months up to ``end`` (the trend with --trend)."""
    year, month = end.year, end.month - (n - 1)
    while month < 1:
        month, year = month + 12, year - 1
    return Period(date(year, month, 1), end, f"{n}m")


def pictures(
    dossiers: pl.DataFrame, scope: Scope, group: str | None, trend: Period | None = None, rows: pl.DataFrame | None = None
) -> Pictures:
    """The charts' figures with one classification of the dossiers (two with ``trend``):
    ``rows`` are the report's own rows when it is grouped by ``group`` alone (then the
    ranked and online charts reuse them)."""
    period, as_of, policy, calendar = scope.period, scope.as_of, scope.policy, scope.calendar
    name = GROUP_KEYS[group] if group else None
    if rows is None or not rows.height or name not in rows.columns:
        rows, _ = aggregate_period(dossiers, period, as_of, policy, calendar, [group] if group else [])
    ranked: list[dict[str, Any]] = []
    online: list[dict[str, Any]] = []
    if name is not None and rows.height:
        for r in rows.sort("timely_rate", nulls_last=True).iter_rows(named=True):
            ranked.append({"group": r[name], "timely_rate": r["timely_rate"], "settled": r["settled"], "late": r["late"]})
        for r in rows.iter_rows(named=True):
            share = r["received_online"] / r["received_new"] if r["received_new"] else None
            online.append({"group": r[name], "online": r["received_online"], "received_new": r["received_new"], "share": share})
        online.sort(key=lambda r: (r["share"] is None, r["share"] or 0))
    keep = ["received_new", "carried_over", "settled", "outcome", "working_days_late", "received_at", "end_at"]
    lazy = classify_lazy(dossiers, period, as_of, policy, calendar)
    if name == "procedure":
        lazy = lazy.with_columns(procedure=pl.coalesce("procedure_name", "procedure_code"))
    frame = lazy.select([*keep, *([name] if name else [])]).collect(engine=ENGINE)
    scoped = frame.filter(pl.col("received_new") | pl.col("carried_over"))
    span_frame = frame
    if trend is not None:
        span_frame = classify_lazy(dossiers, trend, min(as_of, trend.end), policy, calendar).select(keep).collect(engine=ENGINE)
    trend_rows = _trend(span_frame, trend or period)
    overdue = scoped.filter(pl.col("outcome") == "overdue").with_columns(_b=_bucket(pl.col("working_days_late"), AGE_BUCKETS))
    ages: list[dict[str, Any]] = []
    if name is not None and overdue.height:
        # The table's names: spellings of one name (case, diacritics) merged as the report merges them.
        shown = {fold_key(str(r["group"])): r["group"] for r in ranked if r["group"] is not None}
        # Each distinct name folded once (fold_key), not every row (fold_expr): the same keys.
        names = overdue[name].cast(pl.String)
        keys = {n: fold_key(n) for n in names.unique().to_list() if n is not None}
        keyed = overdue.select(names.replace_strict(keys, default=None, return_dtype=pl.String).alias("_k"), "_b")
        counts = keyed.group_by("_k", "_b").len()
        for k in sorted(set(counts["_k"].to_list()), key=lambda v: (v is None, str(shown.get(v, v)))):
            sub = counts.filter(pl.col("_k").eq_missing(k))
            row: dict[str, Any] = {"group": shown.get(k, k) if k is not None else None}
            for _, _, b in AGE_BUCKETS:
                row[b] = int(sub.filter(pl.col("_b") == b)["len"].sum())
            ages.append(row)
    elif overdue.height:
        row = {"group": None}
        for _, _, b in AGE_BUCKETS:
            row[b] = int((overdue["_b"] == b).sum())
        ages.append(row)
    late = scoped.filter(pl.col("settled") & (pl.col("outcome") == "late")).with_columns(
        _b=_bucket(pl.col("working_days_late"), LATE_BUCKETS)
    )
    lateness = [{"bucket": b, "count": int((late["_b"] == b).sum())} for _, _, b in LATE_BUCKETS]
    # A late dossier finished on its due day's evening is 0 working days late (datetime policy): said apart.
    same_day = int(late["working_days_late"].fill_null(0).eq(0).sum())
    if same_day:
        lateness.insert(0, {"bucket": "0", "count": same_day})
    return Pictures(group, ranked, trend_rows, ages, lateness, online)


def _trend(frame: pl.DataFrame, span: Period) -> list[dict[str, Any]]:
    """Month by month over ``span``, from one classification: received = accepted in the
    month; settled, late and the rate = of the dossiers that ended in the month (a
    dossier's grade does not depend on the month it is counted in)."""

    # Months as numbers (2026 * 100 + 9), named after the group-by: no text per row.
    def month(column: str) -> pl.Expr:
        return (pl.col(column).dt.year().cast(pl.Int32) * 100 + pl.col(column).dt.month().cast(pl.Int32)).alias("month")

    lazy = frame.lazy()
    received_q = lazy.filter(pl.col("received_new")).group_by(month("received_at")).len().rename({"len": "received"})
    ended_q = (
        lazy.filter(pl.col("settled"))
        .group_by(month("end_at"))
        .agg(
            settled=pl.len(),
            late=(pl.col("outcome") == "late").sum(),
            timely=pl.col("outcome").is_in(["early", "on_time"]).sum(),
        )
    )
    received, ended = pl.collect_all([received_q, ended_q])

    def label(number: int | None) -> str | None:
        return None if number is None else f"{number // 100:04d}-{number % 100:02d}"

    received = received.with_columns(pl.col("month").map_elements(label, return_dtype=pl.String))
    ended = ended.with_columns(pl.col("month").map_elements(label, return_dtype=pl.String))
    by_month = {r["month"]: r for r in received.to_dicts()}
    for r in ended.to_dicts():
        by_month.setdefault(r["month"], {}).update(r)
    out = []
    for m in months_of(span):
        r = by_month.get(m.label, {})
        settled = int(r.get("settled", 0))
        out.append(
            {
                "month": m.label,
                "received": int(r.get("received", 0)),
                "settled": settled,
                "late": int(r.get("late", 0)),
                "timely_rate": int(r.get("timely", 0)) / settled if settled else None,
            }
        )
    return out
