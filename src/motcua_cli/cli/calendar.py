"""`motcua calendar`: the working calendar, and the two questions officials ask."""

from __future__ import annotations

import json
from datetime import date, datetime

import typer
from rich.table import Table

from ..calendar import WorkCalendar
from ..errors import UsageError
from ..messages import label
from ..periods import parse_day
from . import app, options
from .context import env_of
from .summaries import SUMMARY

WEEKDAYS_VI = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@app.command("calendar", short_help=SUMMARY["calendar"])
def calendar_command(
    ctx: typer.Context,
    args: list[str] = typer.Argument(None, help="[NĂM] | add NGÀY SỐ_NGÀY | between NGÀY NGÀY", show_default=False),
    format: str = options.Format,
) -> None:
    """Lịch làm việc: ngày nghỉ, ngày làm bù; tính hạn và đếm ngày làm việc.

    \b
    Ví dụ:
      motcua calendar 2026                    (ngày nghỉ và ngày làm bù năm 2026)
      motcua calendar add 12/02/2026 3        (hẹn trả: 3 ngày làm việc sau ngày nhận)
      motcua calendar between 10/07/2026 15/07/2026   (số ngày làm việc trễ)
    """
    env = env_of(ctx)
    options.check_format(format, ("table", "json"))
    cal = WorkCalendar.build(env.config.section("calendar"), lang=env.lang)
    args = args or []
    lang = env.lang
    if not args or (len(args) == 1 and args[0].isdigit()):
        year = int(args[0]) if args else options.today().year
        if not cal.first_year <= year <= cal.last_year:
            raise UsageError(
                f"Năm {year} ngoài lịch ({cal.first_year}-{cal.last_year}).",
                f"Year {year} is outside the calendar ({cal.first_year}-{cal.last_year}).",
            )
        notes = cal.year_notes(year)
        if format == "json":
            typer.echo(
                json.dumps(
                    {
                        "year": year,
                        "calendar": cal.describe(),
                        "days": [{"date": n.day.isoformat(), "working": n.working, "name": n.name, "source": n.source} for n in notes],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        table = Table(title=f"{label('calendar_title', lang)} {year}")
        for key in ("date", "weekday", "day_kind", "name", "source"):
            table.add_column(label(key, lang))
        for n in notes:
            kind = label("working_day" if n.working else "day_off", lang)
            weekday = (WEEKDAYS_EN if lang == "en" else WEEKDAYS_VI)[n.day.weekday()]
            table.add_row(n.day.strftime("%d/%m/%Y"), weekday, kind, n.name, n.source)
        env.out.print(table)
        env.out.print(cal.describe())
        return
    action, rest = args[0], args[1:]
    if action == "add" and len(rest) == 2:
        start = _moment(rest[0])
        try:
            days = int(rest[1])
        except ValueError as exc:
            raise UsageError(f"Số ngày '{rest[1]}' không hợp lệ.", f"'{rest[1]}' is not a number of days.") from exc
        due = cal.due_after(start, days)
        if due is None:
            raise UsageError(
                f"Hạn trả rơi ra ngoài lịch ({cal.first_year}-{cal.last_year}).",
                f"The due date falls outside the calendar ({cal.first_year}-{cal.last_year}).",
            )
        if format == "json":
            typer.echo(json.dumps({"received": start.isoformat(), "working_days": days, "due": due.isoformat()}))
        else:
            env.out.print(
                label(
                    "due_answer",
                    lang,
                    start=start.strftime("%d/%m/%Y %H:%M"),
                    n=days,
                    due=due.strftime("%d/%m/%Y %H:%M"),
                    weekday=(WEEKDAYS_EN if lang == "en" else WEEKDAYS_VI)[due.weekday()],
                )
            )
        return
    if action == "between" and len(rest) == 2:
        a, b = parse_day(rest[0], "calendar between"), parse_day(rest[1], "calendar between")
        count = cal.days_between(a, b)
        if count is None:
            raise UsageError(
                f"Ngày ngoài lịch ({cal.first_year}-{cal.last_year}).",
                f"A date is outside the calendar ({cal.first_year}-{cal.last_year}).",
            )
        if format == "json":
            typer.echo(json.dumps({"from": a.isoformat(), "to": b.isoformat(), "working_days": count}))
        else:
            env.out.print(label("between_answer", lang, a=a.strftime("%d/%m/%Y"), b=b.strftime("%d/%m/%Y"), n=count))
        return
    raise UsageError(
        "Cách dùng: motcua calendar [NĂM] | add NGÀY SỐ_NGÀY | between NGÀY NGÀY",
        "Usage: motcua calendar [YEAR] | add DATE DAYS | between DATE DATE",
    )


def _moment(text: str) -> datetime:
    """A date, or a date with a time ("12/02/2026 09:30"); a bare date means 07:00."""
    parts = text.strip().split()
    day: date = parse_day(parts[0], "calendar add")
    if len(parts) == 2:
        try:
            hh, mm = parts[1].split(":")[:2]
            return datetime(day.year, day.month, day.day, int(hh), int(mm))
        except ValueError as exc:
            raise UsageError(f"Giờ '{parts[1]}' không hợp lệ.", f"Time '{parts[1]}' is not valid.") from exc
    return datetime(day.year, day.month, day.day, 7, 0)
