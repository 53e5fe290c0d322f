"""Policies: named, documented bundles of the choices real systems make differently.

DOMAIN.md section 5. Every report prints the policy it used. ``opencps`` and
``thanhhoa`` reproduce two vendors' own statistics, each rule read in the vendor's
source (the table's last lines name the files):

| choice | form06 (default) | datetime | qd766 | opencps | thanhhoa |
|---|---|---|---|---|---|
| end of processing | finished_at, else returned_at | same | first terminal event | finished_at only [O1] | as form06 [T1] |
| outcome | by calendar date | early by date; late by timestamp; else on time | in time (end <= due) or late | half-day: early if end < 07:00 (due in 07:00-11:30), 13:00 (due in 13:30-17:00) or 00:00 (else) of the due day; on time up to the due timestamp; late after [O2] | as form06 [T1] |
| no due date | on time | same | same | early [O1] | on time; pending: in time [T1] |
| withdrawn | settled, graded | same | same | left out once withdrawn (apart from the settled and the rate); unsettled: pending [O1] | ended in the period: settled on time whatever the dates [T1, T3] |
| refused / stopped | settled, graded | same | same | settled, graded [O1] | never settled: pending in time, counted paused [T1, T2] |
| paused, unsettled | pending in time | same | supplement time added to the due date; >1 supplement = late | pending in time only while waiting for a supplement (or newly registered); a financial obligation does not stop the clock [O1] | status 5/6: never settled, pending in time; a supplement requested after the period end does not pause [T1] |
| pending | overdue if due date < as-of date | overdue if due timestamp < end of as-of day | as form06 | overdue if due timestamp <= end of the as-of day, capped at the period end [O1] | overdue if due date < period end date, whatever the as-of date [T1] |
| not counted | not accepted | same | same | same (denied) [O1] | not accepted and newly registered (1, 3) [T1, T2] |

Sources:
[O1] VietOpenCPS/opencps-v2 ``modules/backend-statistic-rest/src/main/java/org/opencps/
     statistic/rest/engine/service/StatisticEngineFetchEntry.java`` @ 59ac12270c7e9c52bebc12dd3efe0bcae9237ccb
     (``updateSumDossierStatisticData``);
[O2] VietOpenCPS/opencps-v2 ``modules/backend-datamgt/backend-datamgt-service/src/main/java/
     org/opencps/datamgt/util/BetimeUtils.java`` @ 7f652a05dfd27a9cb1670cbdcc56912e2af92888
     (``getValueCompareRelease``: the afternoon threshold is ``startPmH:endPmM`` = 13:00, not 13:30);
[T1] HuanVu201/DichVuCong_KhoaLuan_PASETO ``DichVuCongApi/src/Core/Application/Statistics/HoSo/
     ThongKeWhereBuilder.cs`` @ 07e3b72bedc8cf70a3f356316373c78e0473bfcd;
[T2] same repository and commit, ``DichVuCongApi/src/Core/Application/Statistics/BaoCaoTongHop/
     BaoCaoTongHopConstants.cs`` (status groups);
[T3] same repository and commit, ``smartkios_client/src/pages/dvc/MauPhieu/ExportPdf/BaoCao06a.html``
     ("Đúng hạn (Bao gồm cả hồ sơ chờ Bổ sung và Trả lại/Xin rút)").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from .errors import UsageError


@dataclass(frozen=True)
class Policy:
    name: str
    # "finished" (finished_at, else returned_at), "returned", "first",
    # "finished_only" (finished_at, with no fallback: OpenCPS's releaseDate)
    end: str
    grading: str  # "date", "datetime", "766", "halfday" (OpenCPS BetimeUtils)
    pending: str  # "date" or "datetime"
    exclude_withdrawn: bool = False  # leave withdrawn/refused out of the counts
    # Supplement pauses move the due date later: "derived" only when motcua derives the
    # due date from the duration (an exported due date is taken as the system's own,
    # already extended); "always" also for exported due dates (qd766 subtracts them).
    pause_extends: str = "derived"
    # The day pending dossiers are judged at: "as_of"; "capped": the as-of day, but no
    # later than the period end (OpenCPS: min(now, period end)); "period_end": the
    # period end whatever the as-of date (Thanh Hóa: @DenNgay).
    pending_at: str = "as_of"
    no_due: str = "on_time"  # a settled dossier without a due date: "on_time" or "early"
    # "graded" (766); "apart": left out once withdrawn by the period end, like
    # exclude_withdrawn but for withdrawn only; "on_time": settled on time whatever the dates.
    withdrawn: str = "graded"
    # "graded" (766); "pending": refused/stopped dossiers never settle, they stay pending
    # and in time, counted with the paused (Thanh Hóa's "BoSung" group).
    refused: str = "graded"
    # What stops the clock of a pending dossier (never overdue, counted paused):
    # "status_or_request": status 5 or 6, or an open supplement request;
    # "waiting": status 5 or newly registered only (OpenCPS's "waiting"/"receiving");
    # "status_at_period_end": status 5 or 6, which then never settle; status 5 with its
    # request dated after the period end is not paused (Thanh Hóa reads the current status).
    pauses: str = "status_or_request"
    excluded_statuses: tuple[str, ...] = ("not_accepted",)  # never counted
    # The end was chosen by the user (--end or the config's [policy] end), not the preset's.
    end_given: bool = False

    def describe(self, lang: str = "vi") -> str:
        en = lang == "en"
        end = {
            "finished": ("ngày kết thúc xử lý, nếu không có thì ngày trả", "finished_at, else returned_at"),
            "returned": ("ngày trả kết quả", "returned_at"),
            "first": ("sự kiện kết thúc đầu tiên", "first terminal event"),
            "finished_only": ("chỉ ngày có kết quả (không lấy ngày trả)", "finished_at only (never returned_at)"),
        }[self.end]
        text = f"{self.name} ({'end' if en else 'kết thúc xử lý lấy'}: {end[1] if en else end[0]}"
        for vi, english in self._rules():
            text += f"; {english if en else vi}"
        if self.exclude_withdrawn:
            text += ", loại hồ sơ rút/từ chối" if not en else ", withdrawn/refused excluded"
        return text + ")"

    def _rules(self) -> list[tuple[str, str]]:
        """The choices that differ from form06's, in plain words (vi, en)."""
        rules = []
        if self.grading == "halfday":
            rules.append(
                (
                    "sớm hạn nếu xong trước đầu buổi hẹn trả (7:00 hoặc 13:00 ngày hẹn), trễ hạn nếu sau giờ hẹn",
                    "early if ended before the due half-day starts (07:00 or 13:00 of the due day), late after the due time",
                )
            )
        if self.no_due == "early":
            rules.append(("không có hạn trả: sớm hạn", "no due date: early"))
        if self.withdrawn == "apart":
            rules.append(("hồ sơ rút tính riêng, ngoài số đã giải quyết", "withdrawn counted apart from the settled"))
        elif self.withdrawn == "on_time":
            rules.append(("hồ sơ rút: đúng hạn", "withdrawn: on time"))
        if self.refused == "pending":
            rules.append(("dừng xử lý, từ chối giải quyết: đang giải quyết trong hạn", "stopped or refused: pending in time"))
        if self.pauses == "waiting":
            rules.append(("chờ nghĩa vụ tài chính vẫn tính hạn", "a financial obligation does not stop the clock"))
        elif self.pauses == "status_at_period_end":
            rules.append(
                (
                    "chờ bổ sung, chờ nghĩa vụ tài chính: đang giải quyết trong hạn",
                    "waiting for a supplement or a financial obligation: pending in time",
                )
            )
        if self.pending_at == "capped":
            rules.append(
                (
                    "đang giải quyết xét đến hết ngày tính, không quá cuối kỳ",
                    "pending judged to the end of the as-of day, at most the period end",
                )
            )
        elif self.pending_at == "period_end":
            rules.append(("đang giải quyết xét tại ngày cuối kỳ", "pending judged at the period end"))
        if "registered" in self.excluded_statuses:
            rules.append(("không tính hồ sơ mới đăng ký", "newly registered not counted"))
        return rules


PRESETS = {
    "form06": Policy("form06", end="finished", grading="date", pending="date"),
    "datetime": Policy("datetime", end="finished", grading="datetime", pending="datetime"),
    "qd766": Policy("qd766", end="first", grading="766", pending="date", pause_extends="always"),
    # OpenCPS v2 statistics, updateSumDossierStatisticData + BetimeUtils [O1, O2].
    "opencps": Policy(
        "opencps",
        end="finished_only",
        grading="halfday",
        pending="datetime",
        pending_at="capped",
        no_due="early",
        withdrawn="apart",
        pauses="waiting",
    ),
    # The Thanh Hóa DVC's Biểu 06a, ThongKeWhereBuilder.cs [T1, T2, T3].
    "thanhhoa": Policy(
        "thanhhoa",
        end="finished",
        grading="date",
        pending="date",
        pending_at="period_end",
        withdrawn="on_time",
        refused="pending",
        pauses="status_at_period_end",
        excluded_statuses=("not_accepted", "registered"),
    ),
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
        policy = replace(policy, end=end, end_given=True)
    if exclude_withdrawn is None:
        exclude_withdrawn = bool(config.get("exclude_withdrawn", False))
    if exclude_withdrawn:
        policy = replace(policy, exclude_withdrawn=True)
    return policy
