"""Policies: named, documented bundles of the choices real systems make differently.

DOMAIN.md section 5. Every report prints the policy it used.

| choice | form06 (default) | datetime | qd766 |
|---|---|---|---|
| end of processing | finished_at, else returned_at | same | first terminal event |
| outcome | by calendar date | early by date; late by timestamp; else on time | in time (end <= due) or late |
| paused, unsettled | pending in time | same | supplement time added to the due date; >1 supplement = late |
| pending at the as-of date | overdue if due date < as-of date | overdue if due timestamp < end of as-of day | as form06 |
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .errors import UsageError


@dataclass(frozen=True)
class Policy:
    name: str
    end: str  # "finished" (finished_at, else returned_at), "returned", "first"
    grading: str  # "date", "datetime", "766"
    pending: str  # "date" or "datetime"
    exclude_withdrawn: bool = False  # leave withdrawn/refused out of the counts
    # Supplement pauses move the due date later: "derived" only when motcua derives the
    # due date from the duration (an exported due date is taken as the system's own,
    # already extended); "always" also for exported due dates (qd766 subtracts them).
    pause_extends: str = "derived"

    def describe(self, lang: str = "vi") -> str:
        end = {
            "finished": ("ngày kết thúc xử lý, nếu không có thì ngày trả", "finished_at, else returned_at"),
            "returned": ("ngày trả kết quả", "returned_at"),
            "first": ("sự kiện kết thúc đầu tiên", "first terminal event"),
        }[self.end]
        text = f"{self.name} ({'end' if lang == 'en' else 'kết thúc xử lý lấy'}: {end[1] if lang == 'en' else end[0]}"
        if self.exclude_withdrawn:
            text += ", loại hồ sơ rút/từ chối" if lang != "en" else ", withdrawn/refused excluded"
        return text + ")"


PRESETS = {
    "form06": Policy("form06", end="finished", grading="date", pending="date"),
    "datetime": Policy("datetime", end="finished", grading="datetime", pending="datetime"),
    "qd766": Policy("qd766", end="first", grading="766", pending="date", pause_extends="always"),
}


def resolve_policy(
    name: str | None = None,
    *,
    end: str | None = None,
    exclude_withdrawn: bool | None = None,
    config: dict[str, Any] | None = None,
) -> Policy:
    """The preset named (or the config's ``[policy] name``), with switches applied."""
    config = config or {}
    chosen = name or str(config.get("name", "form06"))
    if chosen not in PRESETS:
        raise UsageError(
            f"Chính sách '{chosen}' không có; chọn một trong: {', '.join(PRESETS)}.",
            f"No policy '{chosen}'; choose one of: {', '.join(PRESETS)}.",
        )
    policy = PRESETS[chosen]
    end = end or config.get("end")
    if end is not None:
        if end not in ("finished", "returned"):
            raise UsageError(
                f"--end '{end}' không hợp lệ: chọn finished hoặc returned.",
                f"--end '{end}' is invalid: choose finished or returned.",
            )
        policy = replace(policy, end=end)
    if exclude_withdrawn is None:
        exclude_withdrawn = bool(config.get("exclude_withdrawn", False))
    if exclude_withdrawn:
        policy = replace(policy, exclude_withdrawn=True)
    return policy
