"""The watch list for apology letters (DOMAIN.md 3.9, Mẫu 04 of TT 03/2025/TT-VPCP).

A unit that will miss a due date must send the citizen an apology letter with a new
date before the due date. The list holds the dossiers pending at the as-of date that
are overdue, or will be within ``within`` working days; dossiers waiting for the
citizen (paused) are left out, their clock is stopped. No personal data.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from .calendar import WorkCalendar
from .classify import classify
from .periods import Period
from .policy import Policy

COLUMNS = ["dossier_id", "procedure", "field", "unit", "received_at", "due_at", "status", "working_days_overdue", "working_days_left"]


def watch_list(
    dossiers: pl.DataFrame, as_of: date, within: int, policy: Policy, calendar: WorkCalendar
) -> tuple[pl.DataFrame, dict[str, int]]:
    """(the list, worst first; counts: overdue, due soon, paused left out)."""
    if dossiers.height == 0:
        return pl.DataFrame(schema=dict.fromkeys(COLUMNS, pl.String)), {"overdue": 0, "due_soon": 0, "paused": 0}
    first = dossiers["received_at"].min()
    start = min(first.date() if first else as_of, as_of)  # type: ignore[union-attr]
    c = classify(dossiers, Period(start, as_of, "watch"), as_of, policy, calendar)
    pending = c.filter(pl.col("pending"))
    overdue = pl.col("outcome") == "overdue"
    soon = (pl.col("outcome") == "in_time") & ~pl.col("paused") & (pl.col("working_days_left") <= within)
    listed = (
        pending.filter(overdue | soon)
        .with_columns(
            procedure=pl.coalesce("procedure_name", "procedure_code"),
            due_at=pl.col("due_eff"),
            working_days_overdue=pl.when(overdue).then(pl.col("working_days_late")),
            working_days_left=pl.when(~overdue).then(pl.col("working_days_left")),
            _worst=pl.when(overdue).then(pl.col("working_days_late")).otherwise(-pl.col("working_days_left")),
        )
        .sort(["_worst", "due_at", "dossier_id"], descending=[True, False, False], nulls_last=True)
    )
    counts = {
        "overdue": int(pending.select(overdue.sum()).item()),
        "due_soon": int(pending.select(soon.sum()).item()),
        "paused": int(pending.select(pl.col("paused").sum()).item()),
    }
    return listed.select(COLUMNS).with_columns(pl.col("status").cast(pl.String)), counts
