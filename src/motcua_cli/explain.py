"""Why a dossier counts where it does: the facts behind ``motcua explain``.

Officials use it to answer "why is this dossier counted as late" when the numbers
differ from the vendor's screen: it lists the parsed fields, the calendar steps (due
date derivation, pauses, working days late) and the classification under each policy.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import polars as pl

from .classify import classify
from .errors import UsageError
from .policy import PRESETS
from .scope import Scope

SHOWN = [
    "dossier_id",
    "procedure_code",
    "procedure_name",
    "field",
    "unit",
    "level",
    "channel",
    "status",
    "status_text",  # the export's own words, and how motcua read them (status_read)
    "status_read",
    "channel_text",
    "vendor_verdict",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "duration_amount",
    "duration_unit",
    "supplement_requested_at",
    "supplement_received_at",
    "supplement_count",
    "flags",
    "source_file",
    "source_sheet",
    "source_row",
]
CLASSES = [
    "carried_over",
    "received_new",
    "settled",
    "pending",
    "outcome",
    "paused",
    "withdrawn",
    "refused",
    "excluded",
    "no_due",
    "due_eff",
    "due_source",
    "end_at",
    "working_days_late",
    "working_days_left",
]


def _fmt(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return value


def explain(
    dossiers: pl.DataFrame, dossier_id: str, scope: Scope, vocabulary: dict[str, dict[str, str]] | None = None
) -> list[dict[str, Any]]:
    """One entry per row with that id (several files may hold it)."""
    rows = dossiers.filter(pl.col("dossier_id").str.strip_chars() == dossier_id.strip())
    if rows.height:
        from .vocab.rules import status_meaning

        config = (vocabulary or {}).get("status")
        how = {t: status_meaning(t, config) for t in rows["status_text"].drop_nulls().unique().to_list()}
        read = {t: f"{m.how}{': ' + m.rule if m.rule else ''}" for t, m in how.items()}
        rows = rows.with_columns(status_read=pl.col("status_text").replace_strict(read, default=None, return_dtype=pl.String))
    else:
        rows = rows.with_columns(status_read=pl.lit(None, pl.String))
    if rows.height == 0:
        raise UsageError(
            f"Không tìm thấy hồ sơ có mã '{dossier_id}' trong các tệp đã cho.",
            f"No dossier with id '{dossier_id}' in the given files.",
            hint_vi="Kiểm tra mã hồ sơ (chữ hoa/thường, dấu gạch) bằng `motcua inspect`.",
            hint_en="Check the id (case, dashes) with `motcua inspect`.",
        )
    policies = {scope.policy.name: scope.policy}
    for name, preset in PRESETS.items():
        if name != scope.policy.name:
            policies[name] = replace(preset, exclude_withdrawn=scope.policy.exclude_withdrawn)
    results = {name: classify(rows, scope.period, scope.as_of, pol, scope.calendar) for name, pol in policies.items()}
    out = []
    for i in range(rows.height):
        fields = {k: _fmt(v) for k, v in rows.select(SHOWN).row(i, named=True).items() if v is not None}
        by_policy = {name: {k: _fmt(v) for k, v in res.select(CLASSES).row(i, named=True).items()} for name, res in results.items()}
        main = by_policy[scope.policy.name]
        out.append(
            {
                "dossier": fields,
                "steps": _steps(rows.row(i, named=True), main, scope.policy.no_due == "early"),
                "classification": main,
                "other_policies": {n: c for n, c in by_policy.items() if n != scope.policy.name and _differs(c, main)},
            }
        )
    return out


def _differs(a: dict[str, Any], b: dict[str, Any]) -> bool:
    keys = ("settled", "pending", "outcome", "due_eff", "end_at", "working_days_late")
    return any(a[k] != b[k] for k in keys)


def _steps(row: dict[str, Any], c: dict[str, Any], early_if_no_due: bool = False) -> list[dict[str, str]]:
    """The calendar steps, each in Vietnamese and English."""
    steps = []
    if c["due_source"] == "export":
        steps.append({"vi": f"Hạn trả lấy từ tệp xuất: {c['due_eff']}", "en": f"Due date from the export: {c['due_eff']}"})
    elif c["due_source"] == "duration":
        unit = {
            "working_days": ("ngày làm việc", "working days"),
            "working_hours": ("giờ làm việc", "working hours"),
            "calendar_days": ("ngày lịch", "calendar days"),
        }[row["duration_unit"]]
        steps.append(
            {
                "vi": f"Tệp không có hạn trả: nhận {_fmt(row['received_at'])} + {row['duration_amount']:g} {unit[0]} = {c['due_eff']}",
                "en": f"No due date in the export: received {_fmt(row['received_at'])} + {row['duration_amount']:g} {unit[1]} = {c['due_eff']}",
            }
        )
    else:
        steps.append(
            {
                "vi": "Không có hạn trả và thời hạn giải quyết: tính là " + ("trước hạn" if early_if_no_due else "đúng hạn"),
                "en": "No due date and no duration: counted " + ("early" if early_if_no_due else "on time"),
            }
        )
    if row.get("supplement_requested_at"):
        back = _fmt(row.get("supplement_received_at")) or "chưa nhận"
        steps.append(
            {
                "vi": f"Yêu cầu bổ sung {_fmt(row['supplement_requested_at'])}, nhận bổ sung {back}",
                "en": f"Supplement requested {_fmt(row['supplement_requested_at'])}, received {_fmt(row.get('supplement_received_at')) or 'not yet'}",
            }
        )
    if c["end_at"]:
        steps.append({"vi": f"Kết thúc xử lý (theo chính sách): {c['end_at']}", "en": f"End of processing (per policy): {c['end_at']}"})
    if c["working_days_late"]:
        steps.append(
            {
                "vi": f"Trễ {c['working_days_late']} ngày làm việc so với hạn",
                "en": f"{c['working_days_late']} working days after the due date",
            }
        )
    if c["working_days_left"] is not None:
        steps.append({"vi": f"Còn {c['working_days_left']} ngày làm việc đến hạn", "en": f"{c['working_days_left']} working days left"})
    return steps
