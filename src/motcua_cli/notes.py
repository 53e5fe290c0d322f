"""What a report is not sure of, said next to its numbers.

Officials sign these numbers. Every report output carries notes: what motcua guessed
(a column mapped by its header words or its content, a status read by a rule) or could
not read (a field with no column, a status text it does not know, rows rejected), with
the counts, the values seen and the config line that fixes it. Counts are of the
dossiers in the report's scope (received in the period or carried over), except where a
whole file lacks a column: then the file's dossiers.

Each kind has a stable code (README lists them); ``STRICT_KINDS`` make ``--strict``
exit 6 (DATA_NOT_UNDERSTOOD) before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl

from .aggregate import value_counts
from .classify import classify
from .codes import CHANNELS, STATUSES
from .load import FileReport
from .scope import Scope

STRICT_KINDS = ("missing_field", "unknown_status", "unknown_channel")

# Which of a report's numbers a note's problem can change (the table marks them).
_DUE = ["early", "on_time", "late", "pending_in_time", "pending_overdue", "timely_rate", "progress_score"]
_END = ["settled", "early", "on_time", "late", "pending", "pending_in_time", "pending_overdue", "timely_rate", "progress_score"]
_STATUS = ["received", "pending_in_time", "pending_overdue", "paused", "withdrawn", "refused", "progress_score"]
_CHANNEL = ["received_online", "received_offline"]
AFFECTS: dict[str, list[str]] = {
    "due_at": _DUE,
    "finished_at": _END,
    "returned_at": _END,
    "received_at": ["received", "received_new", "carried_over", *_END],
    "status": _STATUS,
    "channel": _CHANNEL,
    "field": [],
    "unit": [],
}

FIELD_NAMES = {
    # canonical field → (Vietnamese, English) name, as officials call the column
    "dossier_id": ("mã hồ sơ", "dossier id"),
    "received_at": ("ngày tiếp nhận", "receipt date"),
    "due_at": ("ngày hẹn trả", "due date"),
    "finished_at": ("ngày kết thúc xử lý", "end of processing date"),
    "returned_at": ("ngày trả kết quả", "return date"),
    "status": ("trạng thái", "status"),
    "channel": ("kênh nộp", "channel"),
    "field": ("lĩnh vực", "field"),
    "unit": ("đơn vị", "unit"),
    "procedure_name": ("tên thủ tục", "procedure"),
    "vendor_verdict": ("kết quả đúng/trễ hạn của hệ thống", "the system's own verdict"),
    "submitted_at": ("ngày nộp hồ sơ", "submission date"),
}

_MISSING_WHY = {
    "due_at": (
        "nên số trễ hạn, quá hạn và tỉ lệ đúng hạn của chúng KHÔNG phải số thật (không có hạn thì không thể trễ)",
        "so their late and overdue counts and the timely rate are NOT facts (without a due date nothing can be late)",
    ),
    "end": (
        "nên không hồ sơ nào được tính là đã giải quyết",
        "so no dossier can be counted as settled",
    ),
    "status": (
        "nên không biết hồ sơ nào chờ bổ sung, rút, từ chối hay không được tiếp nhận",
        "so motcua cannot tell which dossiers wait for a supplement, were withdrawn, refused or not accepted",
    ),
    "channel": (
        "nên mọi hồ sơ được tính là nộp trực tiếp (cột trực tuyến = 0)",
        "so every dossier counts as in person (online = 0)",
    ),
    "field": ("nên nhóm theo lĩnh vực là '(không rõ)'", "so the field group is '(unknown)'"),
    "unit": ("nên nhóm theo đơn vị là '(không rõ)'", "so the unit group is '(unknown)'"),
}


@dataclass
class Note:
    kind: str
    count: int
    vi: str
    en: str
    hint_vi: str = ""
    hint_en: str = ""
    values: dict[str, int] = field(default_factory=dict)
    affects: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    severity: str = "warning"  # "warning": a number may be wrong; "info": a choice shown

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi

    def hint(self, lang: str) -> str:
        return self.hint_en if lang == "en" else self.hint_vi

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "kind": self.kind,
            "count": self.count,
            "values": self.values,
            "message": self.message(lang),
            "hint": self.hint(lang),
            "severity": self.severity,
            "affects": self.affects,
            "files": self.files,
        }


def _name(fld: str, lang: str) -> str:
    vi, en = FIELD_NAMES.get(fld, (fld, fld))
    return en if lang == "en" else vi


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown(values: dict[str, int], limit: int = 5) -> str:
    items = list(values.items())
    text = ", ".join(f"'{k}' ×{v}" for k, v in items[:limit])
    return text + (f", … (+{len(items) - limit})" if len(items) > limit else "")


def file_notes(reports: Sequence[FileReport]) -> list[Note]:
    """Notes about what each file holds: fields with no column, columns guessed."""
    notes: list[Note] = []
    missing: dict[str, list[FileReport]] = {}
    for r in reports:
        for fld in r.missing:
            missing.setdefault(fld, []).append(r)
    for fld, files in missing.items():
        n = sum(r.counts.get("kept", 0) for r in files)
        names = ", ".join(r.file for r in files)
        why = _MISSING_WHY["end" if fld in ("finished_at", "returned_at") else fld]
        candidates = [c for r in files for c in r.due_candidates] if fld == "due_at" else []
        example = candidates[0].split(": ", 1)[1] if candidates else "Tên cột trong tệp"
        hint_vi = f'Nếu tệp có cột này dưới tên khác, thêm vào motcua.toml: [columns] {_quote(example)} = "{fld}"'
        hint_en = f'If the file has this column under another name, add to motcua.toml: [columns] {_quote(example)} = "{fld}"'
        if fld in ("unit", "field"):  # a file of one unit (or field) names it in its source
            name = Path(files[0].file).name
            hint_vi += f'; nếu cả tệp là của một {_name(fld, "vi")}: [sources.ten] files = [{_quote(name)}] và {fld} = "…"'
            hint_en += f'; if the whole file is one {_name(fld, "en")}: [sources.name] files = [{_quote(name)}] and {fld} = "…"'
        if candidates:
            hint_vi += f" (các cột có thể là ngày hẹn trả: {'; '.join(candidates)})"
            hint_en += f" (columns that could be the due date: {'; '.join(candidates)})"
        end = fld in ("finished_at", "returned_at")
        vi_name = "ngày kết thúc xử lý hay ngày trả kết quả" if end else _name(fld, "vi")
        en_name = "end of processing or return date" if end else _name(fld, "en")
        notes.append(
            Note(
                "missing_field",
                n,
                f"Không tìm thấy cột {vi_name} trong {names}: {n} hồ sơ không có {vi_name}, {why[0]}.",
                f"No {en_name} column found in {names}: {n} dossiers have none, {why[1]}.",
                hint_vi,
                hint_en,
                values={fld: n},
                affects=AFFECTS.get(fld, []),
                files=[r.file for r in files],
                severity="warning" if fld not in ("field", "unit") else "info",
            )
        )
    for r in reports:
        # No due column but a duration: the due dates are motcua's own (NĐ 118/2025), said so.
        fields = {m["field"]: m for m in r.mapping}
        if "due_at" not in fields and "duration" in fields and r.counts.get("kept", 0):
            n = r.counts.get("kept", 0)
            col = fields["duration"]
            notes.append(
                Note(
                    "due_derived",
                    n,
                    f"{r.file} không có cột ngày hẹn trả: hạn trả của {n} hồ sơ do motcua tính từ cột {col['column']} "
                    f'"{col["header"]}" (thời hạn giải quyết) theo lịch làm việc, không phải hạn của hệ thống.',
                    f"{r.file} has no due date column: the due dates of {n} dossiers are worked out by motcua from column "
                    f'{col["column"]} "{col["header"]}" (the time limit) on the working calendar, not the system\'s own.',
                    'Nếu tệp có cột hạn trả dưới tên khác, thêm vào motcua.toml: [columns] "Tên cột trong tệp" = "due_at"',
                    'If the file has a due date column under another name, add to motcua.toml: [columns] "Column name" = "due_at"',
                    values={"due_at": n},
                    affects=AFFECTS.get("due_at", []),
                    files=[r.file],
                    severity="warning",
                )
            )
    for r in reports:
        n = r.counts.get("kept", 0)
        for m in r.mapping:
            how, fld, header = m.get("how", "alias"), m["field"], m["header"]
            if how not in ("words", "content", "fallback"):
                continue
            where = f'{r.file}, cột {m["column"]} "{header}"'
            where_en = f'{r.file}, column {m["column"]} "{header}"'
            if how == "fallback":
                vi = f"{where}: không có ngày tiếp nhận, nên dùng ngày nộp hồ sơ làm ngày tiếp nhận ({n} hồ sơ); hạn tính từ ngày tiếp nhận, nên số có thể lệch."
                en = f"{where_en}: no acceptance date, so the submission date is taken as the receipt ({n} dossiers); deadlines count from acceptance, so figures may differ."
            else:
                by_vi = "theo các từ trong tên cột" if how == "words" else "theo nội dung của cột"
                by_en = "from the words of its header" if how == "words" else "from the column's content"
                vi = f"{where} được hiểu là {_name(fld, 'vi')} ({fld}) {by_vi}: motcua đoán, chưa chắc chắn ({n} hồ sơ)."
                en = f"{where_en} was read as the {_name(fld, 'en')} ({fld}) {by_en}: a guess ({n} dossiers)."
            notes.append(
                Note(
                    "mapped_by_content" if how == "content" else "mapped_by_words" if how == "words" else "received_from_submitted",
                    n,
                    vi,
                    en,
                    f'Nếu đúng, ghi rõ trong motcua.toml để hết cảnh báo: [columns] {_quote(header)} = "{fld}" (sai thì = "ignore").',
                    f'If right, say so in motcua.toml to silence this: [columns] {_quote(header)} = "{fld}" (if wrong: = "ignore").',
                    values={header: n},
                    affects=AFFECTS.get(fld, []),
                    files=[r.file],
                )
            )
        by_field = {m["field"]: m for m in r.mapping}
        if "submitted_at" in by_field and by_field.get("received_at", {}).get("how") != "fallback" and "received_at" in by_field:
            sub, rec = by_field["submitted_at"], by_field["received_at"]
            notes.append(
                Note(
                    "column_choice",
                    n,
                    f'{r.file}: hạn tính từ ngày tiếp nhận, nên dùng cột {rec["column"]} "{rec["header"]}" làm ngày tiếp nhận, '
                    f'không dùng cột {sub["column"]} "{sub["header"]}" (ngày nộp, trực tuyến thường sớm hơn).',
                    f'{r.file}: deadlines count from acceptance, so column {rec["column"]} "{rec["header"]}" is the receipt, '
                    f'not column {sub["column"]} "{sub["header"]}" (the submission date, often earlier online).',
                    f'Muốn dùng cột kia: [columns] {_quote(sub["header"])} = "received_at"',
                    f'To use the other: [columns] {_quote(sub["header"])} = "received_at"',
                    files=[r.file],
                    severity="info",
                )
            )
        for dup in r.duplicate_columns:
            column, _, fld = dup.rpartition(" → ")
            chosen = next((m for m in r.mapping if m["field"] == fld), None)
            if chosen is None:
                continue
            notes.append(
                Note(
                    "column_choice",
                    n,
                    f'{r.file}: hai cột có thể là {_name(fld, "vi")}: dùng cột {chosen["column"]} "{chosen["header"]}", '
                    f"không dùng {column} (tên đứng trước trong bảng tên cột được ưu tiên).",
                    f'{r.file}: two columns could be the {_name(fld, "en")}: column {chosen["column"]} "{chosen["header"]}" is used, '
                    f"not {column} (the name listed first wins).",
                    f'Muốn dùng cột kia: [columns] "{column.split(": ", 1)[-1]}" = "{fld}"',
                    f'To use the other: [columns] "{column.split(": ", 1)[-1]}" = "{fld}"',
                    files=[r.file],
                    severity="info",
                )
            )
    return notes


def _text_notes(kind: str, counts: dict[str, int], meanings: dict[str, dict[str, Any]]) -> list[Note]:
    unknown = {t: n for t, n in counts.items() if meanings[t]["meaning"] is None}
    guessed = {t: n for t, n in counts.items() if meanings[t]["meaning"] is not None}
    valid = [s for s in STATUSES if s != "unknown"] if kind == "status" else CHANNELS
    name_vi = "trạng thái" if kind == "status" else "kênh nộp"
    name_en = kind
    notes = []
    if unknown:
        n = sum(unknown.values())
        lines = "; ".join(f'[{kind}] {_quote(t)} = "…"' for t in list(unknown)[:5])
        effect_vi = (
            "chúng không được coi là chờ bổ sung, rút hay từ chối, và có thể bị tính quá hạn"
            if kind == "status"
            else "chúng được tính là nộp trực tiếp"
        )
        effect_en = (
            "they are not taken as waiting, withdrawn or refused, and may count as overdue"
            if kind == "status"
            else "they are counted as in person"
        )
        notes.append(
            Note(
                f"unknown_{kind}",
                n,
                f"{n} hồ sơ có {name_vi} không nhận ra: {_shown(unknown)}; {effect_vi}.",
                f"{n} dossiers have a {name_en} motcua does not recognise: {_shown(unknown)}; {effect_en}.",
                f"Thêm vào motcua.toml: {lines} (nghĩa là một trong: {', '.join(valid)}).",
                f"Add to motcua.toml: {lines} (the meaning one of: {', '.join(valid)}).",
                values=unknown,
                affects=_STATUS if kind == "status" else _CHANNEL,
            )
        )
    if guessed:
        n = sum(guessed.values())
        shown = "; ".join(f"'{t}' → {meanings[t]['meaning']} ×{c}" for t, c in list(guessed.items())[:5])
        more = f"; … (+{len(guessed) - 5})" if len(guessed) > 5 else ""
        lines = "; ".join(f'[{kind}] {_quote(t)} = "{meanings[t]["meaning"]}"' for t in list(guessed)[:3])
        notes.append(
            Note(
                f"{kind}_guessed",
                n,
                f"{n} hồ sơ có {name_vi} được hiểu theo quy tắc từ ngữ (motcua đoán): {shown}{more}.",
                f"{n} dossiers have a {name_en} read by a word rule (a guess): {shown}{more}.",
                f"Nếu đúng, ghi rõ để hết cảnh báo: {lines}",
                f"If right, confirm it to silence this: {lines}",
                values=guessed,
                affects=_STATUS if kind == "status" else _CHANNEL,
            )
        )
    return notes


FLAG_NOTES = {
    # note kind → (flags, Vietnamese, English, affected numbers)
    "no_due_date": (
        ["no_due_date"],
        "{n} hồ sơ không có ngày hẹn trả và không có thời hạn: chúng được tính là đúng hạn / trong hạn, điều đó chưa chắc đúng.",
        "{n} dossiers have no due date and no duration: they count as on time / in time, which may not be so.",
        _DUE,
    ),
    "end_before_received": (
        ["finished_before_received", "returned_before_received"],
        "{n} hồ sơ có ngày kết thúc hoặc ngày trả trước ngày tiếp nhận: dữ liệu sai, xếp loại của chúng không đáng tin.",
        "{n} dossiers end or are returned before they were received: the data is wrong, their grading is doubtful.",
        _END,
    ),
    "due_before_received": (
        ["due_before_received"],
        "{n} hồ sơ có ngày hẹn trả trước ngày tiếp nhận: dữ liệu sai, xếp loại của chúng không đáng tin.",
        "{n} dossiers are due before they were received: the data is wrong, their grading is doubtful.",
        _DUE,
    ),
}


def scope_notes(
    dossiers: pl.DataFrame, reports: Sequence[FileReport], scope: Scope, texts: dict[str, list[dict[str, Any]]] | None = None
) -> list[Note]:
    """Notes counted on the dossiers in the report's scope: texts not recognised or
    guessed (from the file reports, and ``texts`` from elsewhere: the store), and the
    flagged rows. Only the few doubtful rows are classified."""
    meanings: dict[str, dict[str, dict[str, Any]]] = {}
    for source in [r.texts for r in reports] + [texts or {}]:
        for kind, listed in source.items():
            for t in listed:
                meanings.setdefault(kind, {})[t["text"]] = t
    wanted = pl.col("flags").is_not_null()
    for kind, known in meanings.items():
        wanted = wanted | pl.col(f"{kind}_text").is_in(list(known))
    start = datetime.combine(scope.period.start, datetime.min.time())
    cut = datetime.combine(min(scope.period.end, scope.as_of) + timedelta(days=1), datetime.min.time())
    # In the period's window whether counted or excluded: a status guessed "not accepted"
    # leaves the counts, and the note must say so too.
    window = (pl.col("received_at") < cut) & ((pl.col("received_at") >= start) | pl.col("end_at").is_null() | (pl.col("end_at") >= start))
    notes: list[Note] = _apart_notes(dossiers, scope, window)
    subset = dossiers.filter(wanted)
    if subset.height == 0:
        return notes
    c = classify(subset, scope.period, scope.as_of, scope.policy, scope.calendar)
    c = c.filter(window)
    for kind, known in meanings.items():
        seen = value_counts(c.filter(pl.col(f"{kind}_text").is_in(list(known)))[f"{kind}_text"])
        counts = {str(t): int(n) for t, n in seen.iter_rows()}
        notes += _text_notes(kind, counts, known)
    # A data fault on a dossier that counts nowhere (not accepted) changes no number.
    flags = c.filter(pl.col("flags").is_not_null() & ~pl.col("excluded"))["flags"]
    for kind, (names, vi, en, affects) in FLAG_NOTES.items():
        n = int(flags.str.contains("|".join(names)).sum()) if flags.len() else 0
        if n:
            if kind == "no_due_date" and scope.policy.no_due == "early":  # opencps: OpenCPS counts them early
                vi = vi.replace("đúng hạn / trong hạn", "trước hạn (nếu đã giải quyết) / trong hạn")
                en = en.replace("on time / in time", "early (settled) / in time")
            notes.append(Note(kind, n, vi.format(n=n), en.format(n=n), affects=affects))
    return notes


def _apart_notes(dossiers: pl.DataFrame, scope: Scope, window: pl.Expr) -> list[Note]:
    """Under a policy that sets withdrawn dossiers apart (opencps), how many there are:
    they are in no column of the report, so the note is where they are counted."""
    if scope.policy.withdrawn != "apart" or not dossiers.height:
        return []
    withdrawn = dossiers.filter(pl.col("status") == "withdrawn")
    if not withdrawn.height:
        return []
    c = classify(withdrawn, scope.period, scope.as_of, scope.policy, scope.calendar).filter(window & pl.col("excluded"))
    if not c.height:
        return []
    n = c.height
    return [
        Note(
            "withdrawn_apart",
            n,
            f"{n} hồ sơ rút được tính riêng theo chính sách {scope.policy.name}: không nằm trong số nhận, đã giải quyết và tỉ lệ.",
            f"{n} withdrawn dossiers are counted apart under the {scope.policy.name} policy: not in the received, the settled or the rate.",
            severity="info",
        )
    ]


def reject_note(rejected: int, reasons: dict[str, int]) -> list[Note]:
    if not rejected:
        return []
    from .validate import REJECT_REASONS

    def detail(lang: int) -> str:
        text = ", ".join(f"{REJECT_REASONS.get(k, (k, k))[lang].lower()} ×{v}" for k, v in reasons.items())
        return f" ({text})" if text else ""

    return [
        Note(
            "rows_rejected",
            rejected,
            f"{rejected} dòng bị loại, không được tính{detail(0)}.",
            f"{rejected} rows were rejected and are not counted{detail(1)}.",
            "Xem từng dòng: motcua inspect TỆP --rejects loai.csv",
            "See each row: motcua inspect FILE --rejects rejects.csv",
            values=reasons,
            affects=["received"],
        )
    ]


def strict_failures(notes: Sequence[Note]) -> list[Note]:
    return [n for n in notes if n.kind in STRICT_KINDS]


def file_report_notes(report: FileReport) -> list[Note]:
    """A file's notes before any period is chosen (ingest): its columns and its texts,
    counted over the whole file."""
    notes = file_notes([report])
    for kind, texts in report.texts.items():
        notes += _text_notes(kind, {t["text"]: t["count"] for t in texts}, {t["text"]: t for t in texts})
    return notes
