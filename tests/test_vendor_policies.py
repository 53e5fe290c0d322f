"""The vendors' own statistics as policies: ``opencps`` (OpenCPS v2) and ``thanhhoa``
(the Thanh Hóa DVC's Biểu 06a). Each rule stated with concrete dates, then the
dossiers worked by hand from the vendors' source code, then the report identities
over generated dossiers under both policies."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua_cli.aggregate import aggregate, aggregate_period
from motcua_cli.classify import classify_lazy
from motcua_cli.codes import STATUSES
from motcua_cli.errors import UsageError
from motcua_cli.periods import parse_period
from motcua_cli.policy import PRESETS, resolve_policy

from .test_classify import CAL, Q3, frame, one

JULY = parse_period("2026-07")  # 1/7/2026 - 31/7/2026
ENGINE_RUN = date(2026, 8, 5)  # OpenCPS's engine runs after the period: min(now, period end) = 31/7
R = datetime(2026, 7, 1, 8, 0)  # Wednesday
DUE = datetime(2026, 7, 10, 17, 0)  # Friday, afternoon half-day


def ocps(**row: object) -> dict:
    return one("opencps", period=JULY, as_of=ENGINE_RUN, **{"received_at": R, "status": "processed", **row})


def th(as_of: date | None = None, **row: object) -> dict:
    return one("thanhhoa", period=Q3, as_of=as_of, **{"received_at": R, "status": "returned", **row})


def place(got: dict) -> str:
    """Where a dossier lands: its outcome, "excluded", or "none" (outside the period)."""
    return "excluded" if got["excluded"] else (got["outcome"] or "none")


# --- presets ---------------------------------------------------------------------------


def test_the_new_presets_are_selectable_and_named_in_the_error() -> None:
    assert resolve_policy("opencps").name == "opencps" and resolve_policy("thanhhoa").name == "thanhhoa"
    with pytest.raises(UsageError) as err:
        resolve_policy("khac")
    assert "opencps" in err.value.vi and "thanhhoa" in err.value.en


def test_describe_says_the_rules_in_both_languages() -> None:
    vi, en = PRESETS["opencps"].describe("vi"), PRESETS["opencps"].describe("en")
    assert "13:00" in vi and "không có hạn trả: sớm hạn" in vi and "không lấy ngày trả" in vi and "hồ sơ rút tính riêng" in vi
    assert "13:00" in en and "no due date: early" in en and "withdrawn counted apart" in en and "never returned_at" in en
    vi, en = PRESETS["thanhhoa"].describe("vi"), PRESETS["thanhhoa"].describe("en")
    assert "hồ sơ rút: đúng hạn" in vi and "ngày cuối kỳ" in vi and "dừng xử lý" in vi
    assert "withdrawn: on time" in en and "judged at the period end" in en and "stopped or refused: pending in time" in en
    # the existing presets keep their words
    assert PRESETS["form06"].describe("vi") == "form06 (kết thúc xử lý lấy: ngày kết thúc xử lý, nếu không có thì ngày trả)"
    assert PRESETS["qd766"].describe("en") == "qd766 (end: first terminal event)"


# --- opencps: one test per rule ------------------------------------------------------------


def test_opencps_end_is_the_result_date_only() -> None:
    # Returned on 9/7 but no result date (releaseDate): OpenCPS keeps it unsettled.
    row = {"due_at": DUE, "returned_at": datetime(2026, 7, 9, 9), "status": "returned"}
    got = ocps(**row)
    assert (got["settled"], got["pending"], got["end_at"]) == (False, True, None)
    assert one("form06", period=JULY, as_of=ENGINE_RUN, received_at=R, **row)["settled"]


def test_opencps_afternoon_due_is_early_before_13_00_of_the_due_day() -> None:
    # BetimeUtils takes startPmH:endPmM = 13:00 as the start of the afternoon, not 13:30.
    assert ocps(due_at=DUE, finished_at=datetime(2026, 7, 10, 12, 59, 59))["outcome"] == "early"
    assert ocps(due_at=DUE, finished_at=datetime(2026, 7, 10, 13, 0))["outcome"] == "on_time"
    assert ocps(due_at=DUE, finished_at=datetime(2026, 7, 10, 13, 15))["outcome"] == "on_time"


def test_opencps_morning_due_is_early_before_07_00_of_the_due_day() -> None:
    due = datetime(2026, 7, 10, 11, 30)  # the last minute of the morning window
    assert ocps(due_at=due, finished_at=datetime(2026, 7, 10, 6, 59))["outcome"] == "early"
    assert ocps(due_at=due, finished_at=datetime(2026, 7, 10, 7, 0))["outcome"] == "on_time"


def test_opencps_due_outside_both_windows_is_early_only_on_an_earlier_day() -> None:
    for due in (datetime(2026, 7, 10, 12, 0), datetime(2026, 7, 10, 13, 29), datetime(2026, 7, 10, 17, 1), datetime(2026, 7, 10, 6, 0)):
        assert ocps(due_at=due, finished_at=datetime(2026, 7, 9, 23, 59))["outcome"] == "early", due
        assert ocps(due_at=due, finished_at=datetime(2026, 7, 10, 0, 0))["outcome"] == "on_time", due


def test_opencps_due_without_a_time_grades_like_form06() -> None:
    row = {"due_at": datetime(2026, 7, 10), "due_has_time": False}
    assert ocps(finished_at=datetime(2026, 7, 9, 20), **row)["outcome"] == "early"
    assert ocps(finished_at=datetime(2026, 7, 10, 18), **row)["outcome"] == "on_time"
    assert ocps(finished_at=datetime(2026, 7, 11, 8), **row)["outcome"] == "late"


def test_opencps_late_is_after_the_due_timestamp_to_the_second() -> None:
    assert ocps(due_at=DUE, finished_at=DUE)["outcome"] == "on_time"
    got = ocps(due_at=DUE, finished_at=DUE + timedelta(seconds=1))
    assert (got["outcome"], got["working_days_late"]) == ("late", 0)


def test_opencps_no_due_date_counts_early() -> None:
    got = ocps(finished_at=datetime(2026, 7, 15, 9))
    assert (got["outcome"], got["no_due"]) == ("early", True)
    assert ocps(status="processing")["outcome"] == "in_time"  # pending with no due: undue


def test_opencps_denied_counts_nowhere() -> None:
    got = ocps(status="not_accepted", due_at=DUE, finished_at=datetime(2026, 7, 2, 9))
    assert got["excluded"] and not got["received_new"] and not got["settled"] and got["outcome"] is None


def test_opencps_withdrawn_is_counted_apart_once_it_has_a_result_date() -> None:
    got = ocps(status="withdrawn", due_at=DUE, finished_at=datetime(2026, 7, 8, 9))
    assert (got["excluded"], got["received_new"], got["settled"], got["outcome"]) == (True, False, False, None)
    # Without a result date in the period it goes down the unsettled branch, like any other.
    got = ocps(status="withdrawn", due_at=datetime(2026, 7, 20, 17))
    assert (got["excluded"], got["pending"], got["outcome"]) == (False, True, "overdue")
    got = ocps(status="withdrawn", due_at=datetime(2026, 7, 20, 17), finished_at=datetime(2026, 8, 2, 9))
    assert (got["excluded"], got["pending"], got["outcome"]) == (False, True, "overdue")


def test_opencps_refused_is_settled_and_graded() -> None:
    got = ocps(status="refused", due_at=DUE, finished_at=datetime(2026, 7, 12, 10))
    assert (got["settled"], got["refused"], got["excluded"], got["outcome"]) == (True, True, False, "late")
    assert ocps(status="stopped", due_at=DUE, finished_at=datetime(2026, 7, 9, 10))["outcome"] == "early"


def test_opencps_waiting_for_a_supplement_is_never_overdue_but_paying_is() -> None:
    got = ocps(status="supplement_requested", due_at=datetime(2026, 7, 20, 17))
    assert (got["pending"], got["paused"], got["outcome"]) == (True, True, "in_time")
    assert ocps(status="registered", due_at=datetime(2026, 7, 20, 17))["outcome"] == "in_time"  # "receiving"
    # "paying" (financial obligation) is processing in OpenCPS: its clock runs.
    paying = {"status": "financial_obligation", "due_at": datetime(2026, 7, 20, 17)}
    got = ocps(**paying)
    assert (got["paused"], got["outcome"]) == (False, "overdue")
    assert one("form06", period=JULY, as_of=ENGINE_RUN, received_at=R, **paying)["outcome"] == "in_time"


def test_opencps_pending_is_overdue_when_due_by_the_end_of_the_as_of_day_capped_at_the_period_end() -> None:
    row = {"status": "processing"}
    assert ocps(due_at=datetime(2026, 7, 31, 23, 59, 59), **row)["outcome"] == "overdue"  # due <= end of 31/7
    got = ocps(due_at=datetime(2026, 8, 3, 9), **row)  # the engine ran 5/8, but July is judged at 31/7
    assert (got["outcome"], got["working_days_left"]) == ("in_time", 1)  # Fri 31/7 to Mon 3/8
    assert one("datetime", period=JULY, as_of=ENGINE_RUN, received_at=R, due_at=datetime(2026, 8, 3, 9), **row)["outcome"] == "overdue"
    # An as-of date inside the period: judged at the end of that day.
    mid = {"period": JULY, "as_of": date(2026, 7, 30), "received_at": R, **row}
    assert one("opencps", due_at=datetime(2026, 7, 30, 17), **mid)["outcome"] == "overdue"
    assert one("opencps", due_at=datetime(2026, 7, 31, 8), **mid)["outcome"] == "in_time"


# --- thanhhoa: one test per rule ----------------------------------------------------------


def test_thanhhoa_grades_by_calendar_date_only() -> None:
    assert th(due_at=DUE, finished_at=datetime(2026, 7, 10, 17, 30))["outcome"] == "on_time"
    assert one("datetime", received_at=R, due_at=DUE, finished_at=datetime(2026, 7, 10, 17, 30))["outcome"] == "late"
    assert th(due_at=DUE, finished_at=datetime(2026, 7, 9, 23, 59))["outcome"] == "early"
    assert th(due_at=DUE, finished_at=datetime(2026, 7, 11, 0, 1))["outcome"] == "late"


def test_thanhhoa_withdrawn_is_settled_on_time_whatever_the_dates() -> None:
    got = th(status="withdrawn", due_at=DUE, finished_at=datetime(2026, 7, 20, 9))
    assert (got["settled"], got["withdrawn"], got["outcome"], got["working_days_late"]) == (True, True, "on_time", None)
    assert one("form06", received_at=R, status="withdrawn", due_at=DUE, finished_at=datetime(2026, 7, 20, 9))["outcome"] == "late"
    # Withdrawn after the period end: pending in the period (DangXuLy), graded at the end.
    got = th(status="withdrawn", due_at=DUE, finished_at=datetime(2026, 10, 2, 9))
    assert (got["pending"], got["outcome"]) == (True, "overdue")


def test_thanhhoa_no_due_date_is_on_time_or_in_time() -> None:
    assert th(status="processed", finished_at=datetime(2026, 8, 1, 9))["outcome"] == "on_time"
    assert th(status="processing")["outcome"] == "in_time"


@pytest.mark.parametrize("status", ["stopped", "refused", "financial_obligation"])
def test_thanhhoa_stopped_refused_and_financial_obligation_never_settle(status: str) -> None:
    # Received 1/5, stopped 15/7, due 10/6 long past: pending in time (BoSung), every period.
    row = {
        "received_at": datetime(2026, 5, 1, 8),
        "due_at": datetime(2026, 6, 10, 17),
        "finished_at": datetime(2026, 7, 15, 9),
        "status": status,
    }
    got = th(**row)
    assert (got["settled"], got["pending"], got["carried_over"], got["outcome"]) == (False, True, True, "in_time")
    assert (got["paused"], got["refused"]) == (True, status != "financial_obligation")
    # Ended before the period started: still carried over and pending.
    got = th(**dict(row, finished_at=datetime(2026, 6, 20, 9)))
    assert (got["carried_over"], got["pending"], got["outcome"]) == (True, True, "in_time")


def test_thanhhoa_supplement_requested_is_pending_in_time_unless_requested_after_the_period() -> None:
    row = {"received_at": datetime(2026, 7, 5, 8), "due_at": datetime(2026, 7, 12, 17), "status": "supplement_requested"}
    got = th(supplement_requested_at=datetime(2026, 7, 8, 9), **row)
    assert (got["pending"], got["paused"], got["outcome"]) == (True, True, "in_time")
    assert th(**row)["outcome"] == "in_time"  # no request date: BoSung too
    got = th(supplement_requested_at=datetime(2026, 10, 3, 9), **row)
    assert (got["pending"], got["paused"], got["outcome"]) == (True, False, "overdue")
    # The status is read as it is now: a status 5 dossier with an end date is still pending.
    got = th(supplement_requested_at=datetime(2026, 7, 8, 9), finished_at=datetime(2026, 7, 20, 9), **row)
    assert (got["settled"], got["outcome"]) == (False, "in_time")


def test_thanhhoa_pending_is_judged_at_the_period_end_whatever_the_as_of_date() -> None:
    row = {"status": "processing"}
    # As of 15/7, a dossier due 20/7 is already overdue at the period end (30/9).
    assert th(as_of=date(2026, 7, 15), due_at=datetime(2026, 7, 20, 17), **row)["outcome"] == "overdue"
    assert one("form06", as_of=date(2026, 7, 15), received_at=R, due_at=datetime(2026, 7, 20, 17), **row)["outcome"] == "in_time"
    # As of 10/10, a dossier due on 30/9 is in time at the period end (due date = D2).
    assert th(as_of=date(2026, 10, 10), due_at=datetime(2026, 9, 30, 17), **row)["outcome"] == "in_time"
    assert one("form06", as_of=date(2026, 10, 10), received_at=R, due_at=datetime(2026, 9, 30, 17), **row)["outcome"] == "overdue"


@pytest.mark.parametrize("status", ["not_accepted", "registered"])
def test_thanhhoa_leaves_out_status_1_and_3(status: str) -> None:
    got = th(status=status, due_at=DUE)
    assert got["excluded"] and not got["received_new"] and got["outcome"] is None
    assert not one("form06", received_at=R, status="registered", due_at=DUE)["excluded"]


# --- hand-worked dossiers (research §1.7 and §2.4) ---------------------------------------

D = datetime  # short for the tables
# (case, received, due, end (finished_at), status, expected); period July 2026, engine run 5/8/2026.
OPENCPS_CASES = [
    ("1", D(2026, 7, 1, 8), D(2026, 7, 10, 17), D(2026, 7, 9, 16), "processed", "early"),
    ("2 same day before 13:00", R, D(2026, 7, 10, 17), D(2026, 7, 10, 9, 30), "processed", "early"),
    ("3 at the threshold", R, D(2026, 7, 10, 17), D(2026, 7, 10, 13, 0, 0), "processed", "on_time"),
    ("4 at the due second", R, D(2026, 7, 10, 17), D(2026, 7, 10, 17, 0, 0), "processed", "on_time"),
    ("4 one second late", R, D(2026, 7, 10, 17), D(2026, 7, 10, 17, 0, 1), "processed", "late"),
    ("5 morning, before 07:00", R, D(2026, 7, 10, 10), D(2026, 7, 10, 6, 45), "processed", "early"),
    ("5 morning, 08:00", R, D(2026, 7, 10, 10), D(2026, 7, 10, 8), "processed", "on_time"),
    ("5 morning, 10:30", R, D(2026, 7, 10, 10), D(2026, 7, 10, 10, 30), "processed", "late"),
    ("6 12 h before", R, D(2026, 7, 10, 17), D(2026, 7, 10, 5), "processed", "early"),
    ("6 the evening before", R, D(2026, 7, 10, 8), D(2026, 7, 9, 20), "processed", "early"),
    ("6 3 h before", R, D(2026, 7, 10, 17), D(2026, 7, 10, 14), "processed", "on_time"),
    ("7 lunch gap, day before", R, D(2026, 7, 10, 12), D(2026, 7, 9, 17), "processed", "early"),
    ("7 lunch gap, same day", R, D(2026, 7, 10, 12), D(2026, 7, 10, 8), "processed", "on_time"),
    ("8 due 13:15", R, D(2026, 7, 10, 13, 15), D(2026, 7, 10, 9), "processed", "on_time"),
    ("8 due 13:30", R, D(2026, 7, 10, 13, 30), D(2026, 7, 10, 9), "processed", "early"),
    ("9 no due", R, None, D(2026, 7, 15, 9), "processed", "early"),
    ("10 unresolved", R, D(2026, 7, 10, 17), D(2026, 7, 12, 10), "refused", "late"),
    ("11 cancelled", R, D(2026, 7, 10, 17), D(2026, 7, 8, 9), "withdrawn", "excluded"),
    ("11 cancelled, no release", R, D(2026, 7, 20, 17), None, "withdrawn", "overdue"),
    ("12 denied", R, D(2026, 7, 10, 17), None, "not_accepted", "excluded"),
    ("13 waiting", R, D(2026, 7, 20, 17), None, "supplement_requested", "in_time"),
    ("14 due 31/7 17:00", R, D(2026, 7, 31, 17), None, "processing", "overdue"),
    ("14 due 2/8", R, D(2026, 8, 2, 9), None, "processing", "in_time"),
    ("15 released 2/8", R, D(2026, 7, 25, 17), D(2026, 8, 2, 9), "processed", "overdue"),
]

# (case, received, due, end, status, expected); period Q3/2026: D1 = 1/7, D2 = 30/9.
THANHHOA_CASES = [
    ("1 same date", D(2026, 7, 1, 8), D(2026, 7, 10, 17), D(2026, 7, 10, 9, 30), "returned", "on_time"),
    ("2 after the due time", R, D(2026, 7, 10, 17), D(2026, 7, 10, 17, 30), "returned", "on_time"),
    ("3 day before", R, D(2026, 7, 10, 17), D(2026, 7, 9, 16, 59), "returned", "early"),
    ("3 day after", R, D(2026, 7, 10, 17), D(2026, 7, 11, 7, 5), "returned", "late"),
    ("4 12 h early", R, D(2026, 7, 10, 17), D(2026, 7, 10, 5), "returned", "on_time"),
    ("5 withdrawn late", R, D(2026, 7, 10), D(2026, 7, 20), "withdrawn", "on_time"),
    ("6 no due", R, None, D(2026, 8, 1), "processed", "on_time"),
    ("9 stopped", D(2026, 5, 1, 8), D(2026, 5, 20, 17), D(2026, 7, 15), "stopped", "in_time"),
    ("10 due at D2", D(2026, 9, 20, 8), D(2026, 9, 30, 17), None, "processing", "in_time"),
    ("10 due the day before D2", D(2026, 9, 20, 8), D(2026, 9, 29, 17), None, "processing", "overdue"),
    ("11 ended after D2", R, D(2026, 9, 25, 17), D(2026, 10, 2), "returned", "overdue"),
    ("12 not received", R, D(2026, 7, 10, 17), None, "not_accepted", "excluded"),
    ("12 registered", R, D(2026, 7, 10, 17), None, "registered", "excluded"),
    ("13 ended before D1", D(2026, 6, 20, 8), D(2026, 6, 30, 17), D(2026, 6, 28), "returned", "none"),
    ("14 no due, pending", R, None, None, "processing", "in_time"),
    ("15 carried, ended 1/7", D(2026, 6, 25, 8), D(2026, 7, 3, 17), D(2026, 7, 1, 9), "returned", "early"),
]


def _classify_cases(cases: list[tuple], policy: str, period, as_of: date) -> pl.DataFrame:
    rows = [{"received_at": r, "due_at": due, "finished_at": end, "status": status} for _, r, due, end, status, _ in cases]
    out = classify_lazy(frame(*rows), period, as_of, resolve_policy(policy), CAL).collect()
    return out.with_columns(case=pl.Series([c[0] for c in cases]), expected=pl.Series([c[-1] for c in cases]))


def _mismatches(out: pl.DataFrame) -> list[tuple[str, str, str]]:
    got = [(row["case"], place(row), row["expected"]) for row in out.iter_rows(named=True)]
    return [g for g in got if g[1] != g[2]]


def test_opencps_hand_worked_dossiers() -> None:
    out = _classify_cases(OPENCPS_CASES, "opencps", JULY, ENGINE_RUN)
    assert out.height >= 10 and _mismatches(out) == []
    assert out.filter(pl.col("case") == "10 unresolved")["refused"].item()  # and counted as unresolved
    assert out.filter(pl.col("case") == "13 waiting")["paused"].item()


def test_thanhhoa_hand_worked_dossiers() -> None:
    out = _classify_cases(THANHHOA_CASES, "thanhhoa", Q3, Q3.end)
    assert out.height >= 10 and _mismatches(out) == []
    carried = out.filter(pl.col("carried_over"))["case"].to_list()
    assert carried == ["9 stopped", "15 carried, ended 1/7"]  # "Từ kỳ trước"
    # Cases 7 and 8 need the supplement request date: 8/7 (BoSung) and 3/10, after D2 (DangXuLy).
    rows = [
        {"received_at": D(2026, 7, 5, 8), "due_at": D(2026, 7, 12, 17), "status": "supplement_requested", "supplement_requested_at": ys}
        for ys in (D(2026, 7, 8, 9), D(2026, 10, 3, 9))
    ]
    out = classify_lazy(frame(*rows), Q3, Q3.end, resolve_policy("thanhhoa"), CAL).collect()
    assert out["outcome"].cast(pl.String).to_list() == ["in_time", "overdue"]


def test_the_two_policies_disagree_where_the_research_says() -> None:
    # §2.4 case 4: 12 h early on the due day is on time in Thanh Hóa, early in OpenCPS.
    row = {"received_at": R, "due_at": DUE, "finished_at": D(2026, 7, 10, 5), "status": "returned"}
    assert (one("thanhhoa", **row)["outcome"], one("opencps", **row)["outcome"], one("form06", **row)["outcome"]) == (
        "on_time",
        "early",
        "on_time",
    )


# --- the report identities under both policies -------------------------------------------

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BASE = datetime(2026, 5, 1)
moment = st.integers(min_value=0, max_value=200 * 24 * 4).map(lambda q: BASE + timedelta(minutes=15 * q))
maybe = st.one_of(st.none(), moment)


@st.composite
def dossiers(draw: st.DrawFn) -> list[dict]:
    rows = []
    for _ in range(draw(st.integers(min_value=1, max_value=40))):
        received = draw(moment)
        after = st.one_of(st.none(), st.integers(min_value=-48, max_value=24 * 60).map(lambda h, r=received: r + timedelta(hours=h)))
        derived = draw(st.booleans())
        rows.append(
            {
                "received_at": received,
                "due_at": None if derived else draw(after),
                "due_has_time": draw(st.booleans()),
                "duration_amount": float(draw(st.integers(1, 15))) if derived else None,
                "duration_unit": "working_days" if derived else None,
                "finished_at": draw(after),
                "returned_at": draw(after),
                "status": draw(st.sampled_from(STATUSES)),
                "supplement_requested_at": draw(after),
                "supplement_received_at": draw(maybe),
                "supplement_count": draw(st.one_of(st.none(), st.integers(0, 3))),
                "channel": draw(st.sampled_from(["in_person", "online", "postal"])),
                "field": draw(st.sampled_from(["Hộ tịch", "Đất đai", None])),
            }
        )
    return rows


@SETTINGS
@given(dossiers(), st.sampled_from(["2026-07", "2026-Q3", "2026-H2"]), st.integers(min_value=-20, max_value=60))
@pytest.mark.parametrize("policy", ["opencps", "thanhhoa"])
def test_report_identities_hold_under_the_vendor_policies(policy: str, rows: list[dict], period_text: str, shift: int) -> None:
    period = parse_period(period_text)
    as_of = max(period.start, min(period.end + timedelta(days=30), period.end + timedelta(days=shift)))
    for by in ([], ["field"], ["month"]):
        groups, total = aggregate_period(frame(*rows), period, as_of, PRESETS[policy], CAL, by)
        for n in [total, *groups.iter_rows(named=True)]:
            assert n["received"] == n["received_new"] + n["carried_over"] == n["settled"] + n["pending"]
            assert n["received_new"] == n["received_online"] + n["received_offline"]
            assert n["early"] + n["on_time"] + n["late"] == n["settled"]
            assert n["pending_in_time"] + n["pending_overdue"] == n["pending"]
            assert n["paused"] <= n["pending"] and n["withdrawn"] + n["refused"] <= n["settled"]
            if policy == "opencps":
                assert n["withdrawn"] == 0  # counted apart, outside the settled
            else:
                assert n["refused"] == 0  # never settled


@SETTINGS
@given(dossiers())
def test_each_dossier_lands_in_exactly_one_place(rows: list[dict]) -> None:
    for policy in ("opencps", "thanhhoa"):
        c = classify_lazy(frame(*rows), Q3, Q3.end, PRESETS[policy], CAL).collect()
        scope = c["received_new"] | c["carried_over"]
        assert (scope == (c["settled"] ^ c["pending"])).all()
        assert (~c["excluded"] | ~scope).all()
        settled_outcome = c["outcome"].cast(pl.String).is_in(["early", "on_time", "late"])
        assert (c["settled"] == settled_outcome.fill_null(False)).all()
        _, total = aggregate(classify_lazy(frame(*rows), Q3, Q3.end, PRESETS[policy], CAL), [])
        assert total["received"] == int(scope.sum())


def test_the_no_due_note_says_early_under_opencps(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv

    from typer.testing import CliRunner

    from .conftest import run

    path = tmp_path / "x.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Mã hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái"])
        w.writerow(["HS-1", "01/07/2026 08:00", "", "03/07/2026 10:00", "Đã trả kết quả"])  # no due date, no duration
        w.writerow(["HS-2", "01/07/2026 08:00", "08/07/2026 17:00", "03/07/2026 10:00", "Đã trả kết quả"])
        w.writerow(["HS-3", "01/07/2026 08:00", "", "", "Không tiếp nhận"])  # counts nowhere: not in the note
    runner = CliRunner()
    notes = {
        p: {
            n["kind"]: n
            for n in json.loads(run(runner, "report", str(path), "--period", "2026-Q3", "--policy", p, "-f", "json").stdout)["notes"]
        }
        for p in ("form06", "opencps")
    }
    assert notes["form06"]["no_due_date"]["count"] == 1
    assert "đúng hạn / trong hạn" in notes["form06"]["no_due_date"]["message"]
    assert "trước hạn (nếu đã giải quyết) / trong hạn" in notes["opencps"]["no_due_date"]["message"]


def test_withdrawn_set_apart_by_opencps_are_counted_in_a_note() -> None:
    from typer.testing import CliRunner

    from .conftest import SAMPLE_DIR, run

    files = [str(p) for p in sorted(SAMPLE_DIR.iterdir()) if p.is_file()]
    runner = CliRunner()
    form06 = json.loads(run(runner, "report", *files, "--period", "2026-Q3", "-f", "json").stdout)
    opencps = json.loads(run(runner, "report", *files, "--period", "2026-Q3", "--policy", "opencps", "-f", "json").stdout)
    apart = next(n for n in opencps["notes"] if n["kind"] == "withdrawn_apart")
    assert apart["count"] == form06["total"]["withdrawn"] > 0
    assert opencps["total"]["withdrawn"] == 0
