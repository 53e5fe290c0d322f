"""What a report is asked: the period, the as-of date, the policy and the calendar.

Resolved once from the options and the config file, and printed in every report
header (DOMAIN.md section 5: reports always state the policy, the period, the as-of
date and the working calendar used).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .calendar import WorkCalendar
from .config import Config
from .errors import UsageError
from .periods import Period, between, current_quarter, parse_day, parse_period
from .policy import Policy, resolve_policy


@dataclass(frozen=True)
class Scope:
    period: Period
    as_of: date
    policy: Policy
    calendar: WorkCalendar
    cutoff_day: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat(), "label": self.period.label},
            "as_of": self.as_of.isoformat(),
            "policy": self.policy.name,
        }


def resolve_scope(
    config: Config,
    *,
    today: date,
    period: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    cutoff_day: int | None = None,
    as_of: str | None = None,
    policy: str | None = None,
    end: str | None = None,
    exclude_withdrawn: bool | None = None,
    lang: str = "vi",
) -> Scope:
    report_cfg = config.section("report")
    if cutoff_day is None and "cutoff_day" in report_cfg:
        cutoff_day = int(report_cfg["cutoff_day"])
    if period and (date_from or date_to):
        raise UsageError(
            "Dùng --period hoặc --from/--to, không dùng cả hai.",
            "Use --period or --from/--to, not both.",
        )
    if date_to and not date_from:
        raise UsageError("--to cần đi kèm --from.", "--to needs --from.")
    if period:
        chosen = parse_period(period, cutoff_day)
    elif date_from:
        start = parse_day(date_from, "--from")
        chosen = between(start, parse_day(date_to, "--to") if date_to else today)
    else:
        quarter = current_quarter(today, cutoff_day)
        chosen = Period(quarter.start, min(quarter.end, today), quarter.label)
    as_of_day = parse_day(as_of, "--as-of") if as_of else min(chosen.end, today)
    if as_of is None and today < chosen.start:
        raise UsageError(
            f"Kỳ báo cáo {chosen.label} ({chosen.start:%d/%m/%Y} – {chosen.end:%d/%m/%Y}) chưa bắt đầu: hôm nay là {today:%d/%m/%Y}.",
            f"The reporting period {chosen.label} ({chosen.start.isoformat()} – {chosen.end.isoformat()}) has not begun: today is {today.isoformat()}.",
            hint_vi="Chọn một kỳ đã bắt đầu, ví dụ quý hiện tại (bỏ --period).",
            hint_en="Choose a period that has begun, e.g. the current quarter (leave out --period).",
        )
    if as_of_day < chosen.start:
        raise UsageError(
            f"--as-of {as_of_day:%d/%m/%Y} ở trước đầu kỳ {chosen.start:%d/%m/%Y}.",
            f"--as-of {as_of_day.isoformat()} is before the period starts ({chosen.start.isoformat()}).",
        )
    return Scope(
        period=chosen,
        as_of=as_of_day,
        policy=resolve_policy(policy, end=end, exclude_withdrawn=exclude_withdrawn, config=config.section("policy")),
        calendar=WorkCalendar.build(config.section("calendar"), lang=lang),
        cutoff_day=cutoff_day,
    )
