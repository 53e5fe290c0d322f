"""Step 6: count classified dossiers per group, with the official form's columns.

The counts follow Biểu II.06a (DOMAIN.md 3.7) and the JSON contract in README:

    received = received_new + carried_over        (1) = (2) + (3) + (4)
    received_new = received_online + received_offline
    settled = early + on_time + late              (5) = (6) + (7) + (8)
    pending = pending_in_time + pending_overdue   (9) = (10) + (11)
    received = settled + pending                  (1) = (5) + (9)

Rates are exact fractions of settled dossiers (null when nothing is settled); the
766 progress score is 20 × (early + on time + pending in time) / (settled + pending).
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from .calendar import WorkCalendar
from .classify import ENGINE, classify_lazy
from .folding import fold_key
from .periods import Period
from .policy import Policy

GROUP_KEYS = {
    # option value → column of the classified frame
    "field": "field",
    "unit": "unit",
    "procedure": "procedure",
    "channel": "channel",
    "level": "level",
    "month": "month",
}
COUNTS = [
    "received",
    "received_new",
    "received_online",
    "received_offline",
    "carried_over",
    "settled",
    "early",
    "on_time",
    "late",
    "pending",
    "pending_in_time",
    "pending_overdue",
    "paused",
    "withdrawn",
    "refused",
]
RATES = ["early_rate", "on_time_rate", "late_rate", "timely_rate", "progress_score"]


def _count_exprs() -> list[pl.Expr]:
    new, carried = pl.col("received_new"), pl.col("carried_over")
    settled, pending, outcome = pl.col("settled"), pl.col("pending"), pl.col("outcome")
    return [
        (new | carried).sum().alias("received"),
        new.sum().alias("received_new"),
        (new & (pl.col("channel") == "online")).sum().alias("received_online"),
        (new & (pl.col("channel") != "online")).sum().alias("received_offline"),
        carried.sum().alias("carried_over"),
        settled.sum().alias("settled"),
        (outcome == "early").sum().alias("early"),
        (outcome == "on_time").sum().alias("on_time"),
        (outcome == "late").sum().alias("late"),
        pending.sum().alias("pending"),
        (outcome == "in_time").sum().alias("pending_in_time"),
        (outcome == "overdue").sum().alias("pending_overdue"),
        # Informational subsets at the period end (DOMAIN.md 5): paused of the pending;
        # withdrawn and refused of the settled. A dossier withdrawn after the period
        # ends is pending in it, not withdrawn.
        (pending & pl.col("paused")).sum().alias("paused"),
        (settled & pl.col("withdrawn")).sum().alias("withdrawn"),
        (settled & pl.col("refused")).sum().alias("refused"),
    ]


def _rates(frame: pl.DataFrame) -> pl.DataFrame:
    settled = pl.col("settled")

    def share(expr: pl.Expr) -> pl.Expr:
        return pl.when(settled > 0).then(expr / settled)

    denominator = pl.col("settled") + pl.col("pending")
    return frame.with_columns(
        share(pl.col("early")).alias("early_rate"),
        share(pl.col("on_time")).alias("on_time_rate"),
        share(pl.col("late")).alias("late_rate"),
        share(pl.col("early") + pl.col("on_time")).alias("timely_rate"),
        pl.when(denominator > 0)
        .then(20 * (pl.col("early") + pl.col("on_time") + pl.col("pending_in_time")) / denominator)
        .alias("progress_score"),
    )


TEXT_KEYS = ["field", "unit", "procedure", "level"]


def value_counts(values: pl.Series) -> pl.DataFrame:
    """``values.value_counts()``, most frequent first and equal counts by value: the same
    order on every run (``sort=True`` leaves ties in hash order)."""
    return values.value_counts().sort(["count", values.name], descending=[True, False])


def display_names(counts: pl.DataFrame) -> dict[str, str]:
    """Map each spelling of a name to one display spelling per folded key; ``counts``
    holds the spellings (first column) and how many dossiers carry each (second).

    Exports of one province spell the same field "Chứng thực", "CHỨNG THỰC" or
    "Chung thuc"; a report counts them as one group, shown with the spelling that
    carries the most (diacritics), then the most frequent.
    """
    best: dict[str, tuple[int, int, str]] = {}
    pairs = [(raw, int(n)) for raw, n in counts.iter_rows() if raw is not None]
    for raw, n in pairs:
        key = fold_key(raw)
        score = (len(raw.encode()) - len(raw) + sum(ch.islower() for ch in raw) // 100, n, raw)
        if key not in best or score > best[key]:
            best[key] = score
    return {raw: best[fold_key(raw)][2] for raw, _ in pairs}


def aggregate(classified: pl.DataFrame | pl.LazyFrame, by: Sequence[str]) -> tuple[pl.DataFrame, dict[str, object]]:
    """(rows per group, total) for a classified frame; ``by`` holds GROUP_KEYS values.

    ``classified`` may be the query ``classify_lazy`` gives: only the columns the
    counts and the groups need are then computed, in one pass over the dossiers in
    scope. Groups are counted by spelling first; the spellings of one name are merged
    after, on the few group rows, by summing (every count is a sum). The total is the
    sum of the groups: they split the dossiers in scope."""
    rows, total, _ = aggregate_split(classified, by, [])
    return rows, total


def aggregate_split(
    classified: pl.DataFrame | pl.LazyFrame, by: Sequence[str], split: Sequence[pl.Expr]
) -> tuple[pl.DataFrame, dict[str, object], pl.DataFrame | None]:
    """``aggregate``, and the same pass's counts split further by ``split`` (named
    expressions over the classified columns, ``by`` not empty): per spelling of each
    group and value of ``split``, the count columns and ``_n`` (how many dossiers). The
    HTML report's charts are read from these, so the dossiers are counted once for the
    table and the charts (issue 17). None without ``split``."""
    cols = [GROUP_KEYS[b] for b in by]
    scope = (
        classified.lazy()
        .filter(pl.col("received_new") | pl.col("carried_over"))
        .with_columns(procedure=pl.coalesce("procedure_name", "procedure_code"))
    )
    split_rows = None
    if not cols:
        assert not split, "a split needs groups"
        return pl.DataFrame(), _rates(scope.select(_count_exprs()).collect(engine=ENGINE)).row(0, named=True), None
    if split:
        # Streaming: the group-by never holds the classified dossiers (in memory, 2x slower).
        split_rows = scope.group_by([*cols, *split]).agg(*_count_exprs(), _n=pl.len()).collect(engine="streaming")
        rows = split_rows.group_by(cols).agg(pl.col([*COUNTS, "_n"]).sum())
    else:
        rows = scope.group_by(cols).agg(*_count_exprs(), _n=pl.len()).collect(engine=ENGINE)
    for c in (c for c in TEXT_KEYS if c in cols):
        names = display_names(rows.group_by(c).agg(pl.col("_n").sum()))
        rows = rows.with_columns(pl.col(c).replace_strict(names, default=None, return_dtype=pl.String))
    rows = rows.group_by(cols).agg(pl.col(COUNTS).sum()).sort(cols, nulls_last=True)
    total = _rates(rows.select(pl.col(COUNTS).sum())).row(0, named=True)
    return _rates(rows).with_columns(pl.col(c).cast(pl.String) for c in cols), total, split_rows


def aggregate_period(
    dossiers: pl.DataFrame,
    period: Period,
    as_of: object,
    policy: Policy,
    calendar: WorkCalendar,
    by: Sequence[str],
    classified: pl.LazyFrame | None = None,
) -> tuple[pl.DataFrame, dict[str, object]]:
    """Classify and aggregate. ``month`` in ``by`` makes each month of the period its
    own sub-period (received, settled and pending within that month), so every row
    keeps the form's identities; the total is the whole period. ``classified``: the
    query ``classify_lazy`` gives for these arguments, when the caller has it."""
    from datetime import date

    assert isinstance(as_of, date)
    if classified is None:
        classified = classify_lazy(dossiers, period, as_of, policy, calendar)
    if "month" not in by:
        return aggregate(classified, by)
    _, total = aggregate(classified, [])
    others = [b for b in by if b != "month"]
    parts = []
    for month in months_of(period):
        if month.start > as_of:
            break
        sub = classify_lazy(dossiers, month, min(month.end, as_of), policy, calendar)
        rows, month_total = aggregate(sub, others)
        if not others:
            rows = pl.DataFrame([month_total])
        parts.append(rows.with_columns(pl.lit(month.label).alias("month")))
    rows = pl.concat(parts, how="diagonal_relaxed") if parts else pl.DataFrame()
    order = [GROUP_KEYS[b] for b in by]
    if rows.height:
        rows = rows.sort(order, nulls_last=True)
    return rows.select(*order, *[c for c in rows.columns if c not in order]), total


def months_of(period: Period) -> list[Period]:
    """The months the period touches, each clipped to the period."""
    from datetime import date, timedelta

    out = []
    day = date(period.start.year, period.start.month, 1)
    while day <= period.end:
        nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        start, end = max(day, period.start), min(nxt - timedelta(days=1), period.end)
        out.append(Period(start, end, f"{day.year}-{day.month:02d}"))
        day = nxt
    return out
