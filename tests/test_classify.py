"""Each rule of DOMAIN.md sections 3 and 5, stated with concrete dates."""

from __future__ import annotations

import functools
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest

from motcua_cli.calendar import WorkCalendar
from motcua_cli.classify import classify
from motcua_cli.load import load_files
from motcua_cli.periods import between, parse_period
from motcua_cli.policy import PRESETS, resolve_policy
from motcua_cli.validate import DOSSIER_SCHEMA

from .conftest import SAMPLE_DIR

CAL = WorkCalendar.build()
Q3 = parse_period("2026-Q3")  # 1/7/2026 - 30/9/2026


def frame(*rows: dict) -> pl.DataFrame:
    base = dict.fromkeys(DOSSIER_SCHEMA)
    full = []
    for i, r in enumerate(rows):
        row = {**base, "dossier_id": f"D{i}", "channel": "in_person", "due_has_time": True, **r}
        full.append(row)
    return pl.DataFrame(full, schema=DOSSIER_SCHEMA)


def one(policy: str = "form06", period=Q3, as_of: date | None = None, **row: object) -> dict:
    out = classify(frame(row), period, as_of or period.end, resolve_policy(policy), CAL)
    return out.row(0, named=True)


R = datetime(2026, 7, 6, 8, 0)  # Monday
DUE = datetime(2026, 7, 10, 8, 0)  # Friday


@pytest.mark.parametrize(
    ("finished", "form06", "dt", "qd766"),
    [
        (datetime(2026, 7, 9, 16, 0), "early", "early", "on_time"),  # the day before the due day
        (datetime(2026, 7, 10, 7, 30), "on_time", "on_time", "on_time"),  # due day, before the hour
        (datetime(2026, 7, 10, 15, 0), "on_time", "late", "late"),  # due day, a later hour
        (datetime(2026, 7, 13, 9, 0), "late", "late", "late"),  # the next working day
    ],
)
def test_settled_outcome_under_each_policy(finished: datetime, form06: str, dt: str, qd766: str) -> None:
    row = {"received_at": R, "due_at": DUE, "finished_at": finished, "status": "processed"}
    assert one("form06", **row)["outcome"] == form06
    assert one("datetime", **row)["outcome"] == dt
    assert one("qd766", **row)["outcome"] == qd766


def test_date_only_due_means_end_of_that_day_under_datetime() -> None:
    row = {"received_at": R, "due_at": datetime(2026, 7, 10), "due_has_time": False, "finished_at": datetime(2026, 7, 10, 16, 0)}
    assert one("datetime", **row)["outcome"] == "on_time"
    assert one("qd766", **row)["outcome"] == "on_time"


def test_working_days_late_skip_holidays() -> None:
    # Due Friday 28/8/2026; finished Thursday 3/9: 31/8 (package swap), 1/9, 2/9 are off.
    got = one(received_at=datetime(2026, 8, 20, 8), due_at=datetime(2026, 8, 28, 8), finished_at=datetime(2026, 9, 3, 9))
    assert (got["outcome"], got["working_days_late"]) == ("late", 1)


def test_end_column_switch_and_first_terminal_event() -> None:
    row = {
        "received_at": R,
        "due_at": DUE,
        "finished_at": datetime(2026, 7, 9, 9),
        "returned_at": datetime(2026, 7, 14, 9),
        "status": "returned",
    }
    assert one("form06", **row)["outcome"] == "early"
    assert classify(frame(row), Q3, Q3.end, resolve_policy("form06", end="returned"), CAL)["outcome"][0] == "late"
    assert one("qd766", **row)["outcome"] == "on_time"  # first terminal event: 9/7


def test_due_date_on_friday_before_holiday_and_tet() -> None:
    # Received Thu 12/2/2026 with 3 working days and no due date: Fri 13/2, Tết 16-20/2, Mon 23/2, Tue 24/2.
    row = {
        "received_at": datetime(2026, 2, 12, 9),
        "duration_amount": 3.0,
        "duration_unit": "working_days",
        "finished_at": datetime(2026, 2, 24, 10),
        "status": "processed",
    }
    got = one(period=parse_period("2026-Q1"), **row)
    assert got["due_eff"] == datetime(2026, 2, 24, 9) and got["due_source"] == "duration"
    assert got["outcome"] == "on_time"


def test_make_up_saturday_counts_as_a_working_day() -> None:
    # Received Friday 9/1/2026 at 10:00 for 1 working day: Saturday 10/1 is worked.
    row = {
        "received_at": datetime(2026, 1, 9, 10),
        "duration_amount": 1.0,
        "duration_unit": "working_days",
        "finished_at": datetime(2026, 1, 12, 9),
        "status": "processed",
    }
    got = one(period=parse_period("2026-Q1"), **row)
    assert got["due_eff"] == datetime(2026, 1, 10, 10)
    assert (got["outcome"], got["working_days_late"]) == ("late", 1)


def test_culture_day_24_11_2026() -> None:
    row = {
        "received_at": datetime(2026, 11, 23, 8),
        "duration_amount": 1.0,
        "duration_unit": "working_days",
        "finished_at": datetime(2026, 11, 25, 8),
        "status": "processed",
    }
    got = one(period=parse_period("2026-Q4"), as_of=date(2026, 12, 31), **row)
    assert got["due_eff"] == datetime(2026, 11, 25, 8) and got["outcome"] == "on_time"


def test_pending_in_time_and_overdue_at_the_as_of_date() -> None:
    row = {"received_at": R, "due_at": DUE, "status": "processing"}
    assert one(as_of=date(2026, 7, 10), **row)["outcome"] == "in_time"  # due today: not yet overdue
    got = one(as_of=date(2026, 7, 13), **row)
    assert (got["outcome"], got["working_days_late"]) == ("overdue", 1)
    assert one("datetime", as_of=date(2026, 7, 10), **row)["outcome"] == "overdue"  # 08:00 passed
    got = one(as_of=date(2026, 7, 8), **row)
    assert got["working_days_left"] == 2


def test_paused_dossier_is_pending_in_time_and_second_supplement_is_late_under_766() -> None:
    row = {"received_at": R, "due_at": DUE, "status": "supplement_requested", "supplement_requested_at": datetime(2026, 7, 7, 9)}
    got = one(as_of=date(2026, 9, 30), **row)
    assert (got["pending"], got["paused"], got["outcome"]) == (True, True, "in_time")
    assert one("qd766", as_of=date(2026, 9, 30), **row)["outcome"] == "in_time"
    assert one("qd766", as_of=date(2026, 9, 30), supplement_count=2, **row)["outcome"] == "overdue"
    settled = {"received_at": R, "due_at": DUE, "finished_at": datetime(2026, 7, 9, 9), "supplement_count": 2, "status": "processed"}
    assert one("qd766", **settled)["outcome"] == "late"
    assert one("form06", **settled)["outcome"] == "early"


def test_qd766_subtracts_supplement_time_from_the_due_date() -> None:
    # Paused Tue 7/7 to Thu 9/7 (2 working days): due moves from Fri 10/7 to Tue 14/7.
    row = {
        "received_at": R,
        "due_at": DUE,
        "finished_at": datetime(2026, 7, 14, 7, 0),
        "status": "processed",
        "supplement_requested_at": datetime(2026, 7, 7, 9),
        "supplement_received_at": datetime(2026, 7, 9, 14),
    }
    got = one("qd766", **row)
    assert got["due_eff"] == datetime(2026, 7, 14, 8, 0) and got["outcome"] == "on_time"
    assert one("form06", **row)["outcome"] == "late"  # the exported due date is the system's own


def test_derived_due_date_moves_by_the_pause() -> None:
    row = {
        "received_at": R,
        "duration_amount": 4.0,
        "duration_unit": "working_days",
        "status": "processed",
        "finished_at": datetime(2026, 7, 14, 9),
        "supplement_requested_at": datetime(2026, 7, 7, 9),
        "supplement_received_at": datetime(2026, 7, 9, 14),
    }
    got = one(**row)
    assert got["due_eff"] == datetime(2026, 7, 14, 8) and got["outcome"] == "on_time"


def test_withdrawn_is_settled_and_graded_and_can_be_excluded() -> None:
    row = {"received_at": R, "due_at": DUE, "finished_at": datetime(2026, 7, 7, 9), "status": "withdrawn"}
    got = one(**row)
    assert (got["settled"], got["withdrawn"], got["outcome"]) == (True, True, "early")
    out = classify(frame(row), Q3, Q3.end, resolve_policy("form06", exclude_withdrawn=True), CAL).row(0, named=True)
    assert (out["excluded"], out["received_new"], out["settled"], out["outcome"]) == (True, False, False, None)


def test_not_accepted_counts_nowhere() -> None:
    got = one(received_at=R, status="not_accepted")
    assert got["excluded"] and not got["received_new"] and not got["pending"] and got["outcome"] is None


def test_carried_over_and_settled_after_the_period() -> None:
    before = {
        "received_at": datetime(2026, 6, 25, 8),
        "due_at": datetime(2026, 7, 3, 8),
        "finished_at": datetime(2026, 7, 2, 9),
        "status": "processed",
    }
    got = one(**before)
    assert (got["carried_over"], got["received_new"], got["settled"], got["outcome"]) == (True, False, True, "early")
    settled_before = dict(before, finished_at=datetime(2026, 6, 30, 9))
    got = one(**settled_before)
    assert not got["carried_over"] and not got["settled"] and got["outcome"] is None
    after = {
        "received_at": datetime(2026, 9, 28, 8),
        "due_at": datetime(2026, 10, 2, 8),
        "finished_at": datetime(2026, 10, 1, 9),
        "status": "processed",
    }
    got = one(**after)
    assert (got["received_new"], got["settled"], got["pending"], got["outcome"]) == (True, False, True, "in_time")


def test_missing_due_date_without_duration_counts_on_time_and_is_marked() -> None:
    got = one(received_at=R, finished_at=datetime(2026, 7, 20, 9), status="processed")
    assert (got["outcome"], got["no_due"]) == ("on_time", True)


@functools.lru_cache(maxsize=1)
def _sample() -> pl.DataFrame:
    return load_files(sorted(p for p in SAMPLE_DIR.iterdir() if p.is_file())).dossiers


@pytest.mark.parametrize("policy", list(PRESETS))
@pytest.mark.parametrize("period", ["2025", "2026-H1", "2026-Q3", "2026-09", "cutoff:2026-Q3", "cutoff:2025-Q1"])
def test_invariants_on_sample_data(policy: str, period: str) -> None:
    cutoff = 14 if period.startswith("cutoff:") else None
    p = parse_period(period.removeprefix("cutoff:"), cutoff)
    c = classify(_sample(), p, p.end, PRESETS[policy], CAL)
    n = c.select(
        carried=pl.col("carried_over").sum(),
        new=pl.col("received_new").sum(),
        settled=pl.col("settled").sum(),
        pending=pl.col("pending").sum(),
        early=(pl.col("outcome") == "early").sum(),
        on_time=(pl.col("outcome") == "on_time").sum(),
        late=(pl.col("outcome") == "late").sum(),
        in_time=(pl.col("outcome") == "in_time").sum(),
        overdue=(pl.col("outcome") == "overdue").sum(),
    ).row(0, named=True)
    assert n["new"] > 0 and n["settled"] > 0
    assert n["carried"] + n["new"] == n["settled"] + n["pending"]
    assert n["early"] + n["on_time"] + n["late"] == n["settled"]
    assert n["in_time"] + n["overdue"] == n["pending"]
    if policy == "qd766":
        assert n["early"] == 0
    by_field = c.group_by("field").agg(pl.col("settled").sum(), pl.col("pending").sum())
    assert by_field["settled"].sum() == n["settled"] and by_field["pending"].sum() == n["pending"]


def test_sample_outcomes_equal_the_generators_intent(truth: pl.DataFrame) -> None:
    p = between(date(2025, 1, 1), date(2026, 11, 20))  # everything, as of the export day
    c = classify(_sample(), p, p.end, PRESETS["form06"], CAL).with_columns(
        file=pl.col("source_file").map_elements(lambda s: Path(s).name, return_dtype=pl.String)
    )
    j = c.join(truth.select("dossier_id", "file", pl.col("outcome").alias("intended")), on=["dossier_id", "file"])
    assert j.height == c.height
    want = {
        "early": "early",
        "on_time": "on_time",
        "late": "late",
        "pending_in_time": "in_time",
        "paused": "in_time",
        "pending_overdue": "overdue",
    }
    graded = j.filter(pl.col("intended").is_in(list(want)))
    mismatched = graded.filter(pl.col("outcome").cast(pl.String) != pl.col("intended").replace_strict(want))
    assert graded.height > 4000 and mismatched.height == 0, mismatched.head()
    assert j.filter(pl.col("intended") == "not_accepted")["excluded"].all()


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_one_prepare_serves_every_policy(name: str) -> None:
    """The audit prepares the dossiers once and classifies them under five policies: the
    same frame (columns, order, values) as classifying each from scratch, for every
    preset (their pause rules and pending days differ), two periods and two as-of days."""
    from motcua_cli.classify import classify_lazy, prepare

    d = _sample()
    for period, as_of in ((Q3, date(2026, 9, 30)), (Q3, date(2026, 8, 14)), (parse_period("2026"), date(2026, 9, 30))):
        prepared = prepare(d, as_of, CAL)
        shared = classify_lazy(d, period, as_of, PRESETS[name], CAL, prepared).collect()
        alone = classify(d, period, as_of, PRESETS[name], CAL)
        assert shared.columns == alone.columns and shared.equals(alone)
    with pytest.raises(ValueError):
        classify_lazy(d.head(10), Q3, date(2026, 9, 30), PRESETS[name], CAL, prepare(d, date(2026, 9, 30), CAL))
