"""A report: the scope, the inputs, the rows and the total, ready to render.

``build_report`` filters the dossiers, classifies and aggregates them; ``Report.to_json``
is the stable machine contract documented in README (keys are never renamed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import polars as pl

from . import __version__
from .aggregate import COUNTS, GROUP_KEYS, RATES, aggregate_period, aggregate_split, value_counts
from .classify import classify_lazy
from .codes import CHANNELS
from .errors import InputUnreadable, UsageError
from .folding import fold_expr, fold_key
from .load import Loaded
from .notes import Note, file_notes, reject_note, scope_notes
from .scope import Scope
from .vocab.rules import CHANNEL_EXACT

RATE_COLUMNS = set(RATES)


@dataclass
class Filters:
    units: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)

    def apply(self, dossiers: pl.DataFrame) -> pl.DataFrame:
        out = dossiers
        for column, wanted in (("unit", self.units), ("field", self.fields)):
            if wanted:
                keys = [fold_key(w) for w in wanted]
                out = out.filter(fold_expr(pl.col(column)).is_in(keys))
        if self.channels:
            codes = []
            for c in self.channels:
                code = c if c in CHANNELS else CHANNEL_EXACT.get(fold_key(c))
                if code is None:
                    raise UsageError(
                        f"--channel '{c}' không hợp lệ: chọn online (trực tuyến), in_person (trực tiếp) hoặc postal (BCCI).",
                        f"--channel '{c}' is invalid: choose online, in_person or postal.",
                    )
                codes.append(code)
            out = out.filter(pl.col("channel").cast(pl.String).is_in(codes))
        return out

    def describe(self) -> dict[str, list[str]]:
        return {k: v for k, v in (("unit", self.units), ("field", self.fields), ("channel", self.channels)) if v}


@dataclass
class Report:
    scope: Scope
    group_by: list[str]
    inputs: list[dict[str, Any]]
    rows: pl.DataFrame
    total: dict[str, Any]
    filters: dict[str, list[str]]
    input_counts: dict[str, int]
    notes: list[Note] = field(default_factory=list)
    config: str | None = None  # the config file used, or None
    # --compare previous|year: the other period's figures (see ``compare``), or None.
    compare: dict[str, Any] | None = None
    cut: bool = False  # --top kept only some groups (compare then adds none back)
    # The period's classification (classify_lazy over the filtered dossiers), kept for
    # the HTML report's charts so that they count the same dossiers without classifying
    # them again; not part of the contract.
    classified: pl.LazyFrame | None = field(default=None, repr=False, compare=False)
    # The counts split further by the charts' keys (aggregate_split), when build_report
    # was given them; not part of the contract.
    split: pl.DataFrame | None = field(default=None, repr=False, compare=False)

    def affected(self) -> set[str]:
        """The numbers a warning note can change: the renderers mark them."""
        return {c for n in self.notes if n.severity == "warning" for c in n.affects}

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "period": {
                "start": self.scope.period.start.isoformat(),
                "end": self.scope.period.end.isoformat(),
                "label": self.scope.period.label,
            },
            "as_of": self.scope.as_of.isoformat(),
            "policy": self.scope.policy.name,
            "policy_settings": {
                "end": self.scope.policy.end,
                "exclude_withdrawn": self.scope.policy.exclude_withdrawn,
                "cutoff_day": self.scope.cutoff_day,
            },
            "calendar": self.scope.calendar.describe(),
            "group_by": self.group_by,
            "filters": self.filters,
            "inputs": self.inputs,
            "rows": self.rows.to_dicts() if self.rows.height else [],
            "total": self.total,
            "notes": [n.to_json(lang) for n in self.notes],
            "config": self.config,
            "motcua_version": __version__,
            **({"compare": self.compare} if self.compare is not None else {}),
        }


def check_group_by(by: Sequence[str], dossiers: pl.DataFrame) -> list[str]:
    out = []
    for b in by:
        if b not in GROUP_KEYS:
            raise UsageError(
                f"--by '{b}' không hợp lệ; chọn: {', '.join(GROUP_KEYS)}.",
                f"--by '{b}' is invalid; choose from: {', '.join(GROUP_KEYS)}.",
            )
        columns = {"procedure": ["procedure_name", "procedure_code"]}.get(b, [b])
        if (
            b in ("field", "unit", "level", "procedure")
            and dossiers.height
            and all(dossiers[c].null_count() == dossiers.height for c in columns)
        ):
            raise UsageError(
                f"--by {b}: các tệp đầu vào không có cột này (mọi giá trị đều trống).",
                f"--by {b}: the input files have no such column (every value is empty).",
                hint_vi="Xem `motcua inspect` để biết cột nào đã được nhận; khai báo tên cột trong [columns] của tệp cấu hình.",
                hint_en="See `motcua inspect` for the columns found; name the column in the config's [columns].",
            )
        if b in out:
            continue
        out.append(b)
    return out


def _column_named(name: str) -> str:
    """A column by its key (timely_rate) or by the words the table shows it under, in
    Vietnamese or English ("% đúng hạn", "Trễ", "Quá hạn"), matched folded."""
    from .messages import LABELS

    if name in COUNTS or name in RATES:
        return name
    key = fold_key(name)
    for prefix in ("short_", "col_"):  # what the terminal table shows first
        for column in COUNTS + RATES:
            label = LABELS.get(prefix + column)
            if label and key in (fold_key(label[0]), fold_key(label[1])):
                return column
    return name


def sort_rows(rows: pl.DataFrame, sort: str | None, top: int | None) -> pl.DataFrame:
    """``--sort COLUMN[:asc|:desc]``: rates ascending (worst first), counts descending."""
    if sort:
        column, _, direction = sort.partition(":")
        column = _column_named(column)
        if column not in rows.columns:
            valid = ", ".join(COUNTS + RATES)
            raise UsageError(f"--sort '{column}' không hợp lệ; chọn: {valid}.", f"--sort '{column}' is invalid; choose from: {valid}.")
        if direction not in ("", "asc", "desc"):
            raise UsageError(f"--sort: hướng '{direction}' phải là asc hoặc desc.", f"--sort: direction '{direction}' must be asc or desc.")
        descending = direction == "desc" if direction else column not in RATE_COLUMNS
        rows = rows.sort(column, descending=descending, nulls_last=True, maintain_order=True)
    if top is not None:
        if top < 1:
            raise UsageError("--top phải là số dương.", "--top must be positive.")
        rows = rows.head(top)
    return rows


def build_report(
    loaded: Loaded,
    scope: Scope,
    by: Sequence[str],
    filters: Filters | None = None,
    sort: str | None = None,
    top: int | None = None,
    config: str | None = None,
    split: Sequence[pl.Expr] = (),
) -> Report:
    """The report; ``split`` (named expressions, e.g. ``pictures.chart_keys``): counts
    split further by them in the same pass, kept as ``Report.split`` when the report is
    grouped by one key other than the month (else none: the charts count apart)."""
    filters = filters or Filters()
    if loaded.dossiers.height == 0:
        files = ", ".join(r.file for r in loaded.reports)
        raise InputUnreadable(
            f"Đầu vào không có hồ sơ nào: {files} (chỉ có dòng tiêu đề, hoặc mọi dòng đều bị loại).",
            f"The input holds no dossier: {files} (a header only, or every row rejected).",
            hint_vi="Xem motcua inspect TỆP --rejects loai.csv để biết từng dòng bị loại và lý do.",
            hint_en="See motcua inspect FILE --rejects rejects.csv for each rejected row and why.",
        )
    group_by = check_group_by(by, loaded.dossiers)
    check_filters(filters, loaded.dossiers, loaded.reports)
    dossiers = filters.apply(loaded.dossiers)
    classified = classify_lazy(dossiers, scope.period, scope.as_of, scope.policy, scope.calendar)
    split_rows = None
    if split and len(group_by) == 1 and group_by != ["month"]:
        rows, total, split_rows = aggregate_split(classified, group_by, split)
    else:
        rows, total = aggregate_period(dossiers, scope.period, scope.as_of, scope.policy, scope.calendar, group_by, classified)
    rows = sort_rows(rows, sort, top) if rows.height else rows
    inputs = [
        {
            "file": r.file,
            "rows_read": r.counts["read"],
            "kept": r.counts["kept"],
            "rejected": r.counts["rejected"],
            "duplicate": r.counts["duplicate"],
            "flagged": r.counts["flagged"],
        }
        for r in loaded.reports
    ]
    notes = file_notes(loaded.reports) + reject_note(loaded.counts["rejected"], reject_reasons(loaded))
    notes += scope_notes(dossiers, loaded.reports, scope, loaded.texts)
    report = Report(
        scope,
        group_by,
        inputs,
        rows,
        total,
        filters.describe(),
        loaded.counts,
        notes,
        config,
        cut=top is not None,
        classified=classified,
        split=split_rows,
    )
    if not total["received"]:
        raise _nothing_in_scope(loaded, dossiers, scope, filters)
    return report


def reject_reasons(loaded: Loaded) -> dict[str, int]:
    if loaded.rejects.height == 0:
        return {}
    counts = value_counts(loaded.rejects.filter(pl.col("reason") != "duplicate")["reason"])
    return {str(k): int(v) for k, v in counts.iter_rows()}


def check_filters(filters: Filters, dossiers: pl.DataFrame, reports: Sequence[Any] = ()) -> None:
    """A ``--unit`` or ``--field`` that names nothing in the input files is a typo, not a
    zero: exit 2 with the nearest names they hold. Over the store (read only as far as a
    period needs) a name missing there may be a unit whose dossiers all ended before: no
    check."""
    import difflib

    if reports and all(getattr(r, "format", "") == "store" for r in reports):
        return

    column_vi = {"unit": "đơn vị", "field": "lĩnh vực"}
    for column, wanted, option in (("unit", filters.units, "--unit"), ("field", filters.fields, "--field")):
        if not wanted or dossiers.height == 0:
            continue
        names = [n for n in dossiers[column].drop_nulls().unique().to_list() if n]
        keys = {fold_key(n): n for n in names}
        for w in wanted:
            if fold_key(w) in keys:
                continue
            near = [keys[k] for k in difflib.get_close_matches(fold_key(w), list(keys), n=3, cutoff=0.4)]
            shown = ", ".join(near) if near else ", ".join(sorted(names)[:5])
            if not names:
                raise UsageError(
                    f"{option} '{w}': đầu vào không có tên {column_vi[column]} nào (không có cột {column_vi[column]}).",
                    f"{option} '{w}': the input holds no {column} names (no {column} column).",
                    hint_vi="Xem `motcua inspect` để biết cột nào đã được nhận.",
                    hint_en="See `motcua inspect` for the columns found.",
                )
            raise UsageError(
                f"{option} '{w}': không có trong tệp đầu vào. Tên gần nhất: {shown}.",
                f"{option} '{w}': not in the input. Nearest names: {shown}.",
                hint_vi="So khớp không phân biệt dấu và hoa thường; xem `motcua report ... --by " + column + "` để thấy mọi tên.",
                hint_en="Matching ignores diacritics and case; see `motcua report ... --by " + column + "` for every name.",
            )


def _nothing_in_scope(loaded: Loaded, dossiers: pl.DataFrame, scope: Scope, filters: Filters) -> UsageError:
    p = scope.period
    first, last = dossiers["received_at"].min(), dossiers["received_at"].max()
    if isinstance(first, datetime) and isinstance(last, datetime):
        span_vi = f"các hồ sơ đầu vào được tiếp nhận từ {first:%d/%m/%Y} đến {last:%d/%m/%Y}"
        span_en = f"the input's dossiers were received from {first:%Y-%m-%d} to {last:%Y-%m-%d}"
    else:
        span_vi, span_en = (
            "đầu vào không có hồ sơ nào" + (" khớp bộ lọc" if filters.describe() else ""),
            "the input holds no dossier" + (" matching the filters" if filters.describe() else ""),
        )
    return UsageError(
        f"Không có hồ sơ nào trong kỳ {p.start:%d/%m/%Y} – {p.end:%d/%m/%Y}: {span_vi}.",
        f"No dossier in the period {p.start.isoformat()} – {p.end.isoformat()}: {span_en}.",
        hint_vi="Chọn kỳ khác với --period (ví dụ 2026-Q3) hoặc --from/--to.",
        hint_en="Choose another period with --period (e.g. 2026-Q3) or --from/--to.",
    )


COMPARED = ["received", "settled", "early", "on_time", "late", "pending", "pending_overdue", "timely_rate", "progress_score"]


def _change(now: dict[str, Any], then: dict[str, Any]) -> dict[str, Any]:
    """This period minus the other: counts in dossiers, rates in percentage points."""
    out: dict[str, Any] = {}
    for c in COMPARED:
        a, b = now.get(c), then.get(c)
        if a is None or b is None:
            out[c] = None
        elif c == "progress_score":
            out[c] = a - b
        elif c in RATE_COLUMNS:
            out[c] = 100 * (a - b)  # percentage points
        else:
            out[c] = a - b
    return out


def compare(report: Report, loaded: Loaded, kind: str, filters: Filters | None = None) -> Report:
    """``--compare previous|year``: the same report over the other period (same policy,
    calendar, cut-off day, filters and unit renames), its figures beside each row and the
    total, and the change (rates in percentage points). A group present in one period
    only is shown in both, with zeros where it had none."""
    from dataclasses import replace

    from .aggregate import months_of
    from .notes import Note
    from .periods import Period, compared_period

    scope = report.scope
    # A period not over at the as-of day (the current quarter) is compared with the same span.
    asked = Period(scope.period.start, min(scope.period.end, scope.as_of), scope.period.label)
    other = compared_period(asked, kind, scope.cutoff_day)
    as_of = min(other.end, scope.as_of)
    dossiers = (filters or Filters()).apply(loaded.dossiers)
    rows, total = aggregate_period(dossiers, other, as_of, scope.policy, scope.calendar, report.group_by)
    keys = [GROUP_KEYS[b] for b in report.group_by]
    # Months are matched by their place in the period (July with April), not by name.
    place_now = {m.label: str(i) for i, m in enumerate(months_of(scope.period))}
    place_then = {m.label: str(i) for i, m in enumerate(months_of(other))}

    def key_of(row: dict[str, Any], places: dict[str, str]) -> tuple[str, ...]:
        return tuple(places.get(str(row[k]), "") if k == "month" else fold_key(str(row[k])) if row[k] is not None else "" for k in keys)

    now_rows = report.rows.to_dicts() if report.rows.height else []
    then_rows = {key_of(r, place_then): r for r in (rows.to_dicts() if rows.height else [])}
    zero = dict.fromkeys(COUNTS, 0) | dict.fromkeys(RATES)
    seen = {key_of(r, place_now) for r in now_rows}
    added = (
        [] if report.cut or "month" in keys else [{**{k: r[k] for k in keys}, **zero} for key, r in then_rows.items() if key not in seen]
    )
    if added and keys:
        now_rows = now_rows + added
        report = replace(report, rows=pl.DataFrame(now_rows, schema=report.rows.schema))
    first = dossiers["received_at"].min() if dossiers.height else None
    # Data that begins more than a week into the compared period (a holiday start is fine) cannot compare.
    if not total.get("received") or (isinstance(first, datetime) and first.date() > other.start + timedelta(days=7)):
        since = f"{first:%d/%m/%Y}" if isinstance(first, datetime) else "–"
        since_en = f"{first:%Y-%m-%d}" if isinstance(first, datetime) else "–"
        report = replace(
            report,
            notes=[
                *report.notes,
                Note(
                    "compare_not_covered",
                    int(str(total.get("received") or 0)),
                    f"Kỳ so sánh {other.label} ({other.start:%d/%m/%Y} – {other.end:%d/%m/%Y}) không nằm trọn trong dữ liệu "
                    f"(hồ sơ sớm nhất nhận ngày {since}): cột Δ so với số liệu thiếu, đừng dùng.",
                    f"The compared period {other.label} ({other.start.isoformat()} – {other.end.isoformat()}) is not wholly in the "
                    f"data (the first dossier was received on {since_en}): the Δ columns compare with missing figures; do not use them.",
                    hint_vi="Thêm các tệp xuất của kỳ so sánh, hoặc bỏ --compare.",
                    hint_en="Add the compared period's exports, or leave out --compare.",
                    affects=["d_timely_rate", "d_pending_overdue"],
                ),
            ],
        )
    compared_rows = []
    for r in now_rows:
        then = then_rows.get(key_of(r, place_now), zero)
        compared_rows.append({**{k: r[k] for k in keys}, "other": {c: then.get(c) for c in COMPARED}, "change": _change(r, then)})
    block = {
        "kind": kind,
        "period": {"start": other.start.isoformat(), "end": other.end.isoformat(), "label": other.label},
        "as_of": as_of.isoformat(),
        "total": {c: total.get(c) for c in COMPARED},
        "change": _change(report.total, total),
        "rows": compared_rows,
    }
    return replace(report, compare=block)
