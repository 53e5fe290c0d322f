"""`motcua audit` for people: the terminal, Markdown, JSON and a workbook (a summary
sheet and one sheet per finding listing its dossiers)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console

from ..audit import Audit, Finding
from ..messages import field_label, label, value_label
from .files import write_value
from .fit import compact_table, fit_table
from .report import _rate_text, note_lines

FORMATS = ("table", "json", "md", "xlsx")


def _pct(value: float | None) -> str:
    return _rate_text(value, "timely_rate", "vi")


def _effect_text(f: Finding, lang: str) -> str:
    if not f.effect:
        return ""
    return label(
        "au_effect", lang, now=_pct(f.effect["timely_rate"]), other=_pct(f.effect["timely_rate_other_way"]), moved=f.effect["moved"]
    )


def header_lines(audit: Audit, lang: str) -> list[str]:
    scope = (
        label("au_whole", lang, start=f"{audit.period.start:%d/%m/%Y}", end=f"{audit.period.end:%d/%m/%Y}")
        if audit.whole
        else label("au_period", lang, label_=audit.period.label, start=f"{audit.period.start:%d/%m/%Y}", end=f"{audit.period.end:%d/%m/%Y}")
    )
    as_of = label("au_as_of", lang, day=f"{audit.as_of:%d/%m/%Y}", how=label(f"au_as_of_{audit.as_of_source}", lang))
    totals = label("au_totals", lang, examined=audit.examined, settled=audit.settled, rate=_pct(audit.timely_rate), policy=audit.policy)
    return [scope, as_of, totals]


def _detail_lines(f: Finding, lang: str) -> list[str]:
    d = f.detail
    out: list[str] = []
    if f.code == "end_equals_due":
        out.append(
            label("au_expected", lang, observed=f.count, expected=f"{d['expected']:.1f}".replace(".", ","), suspicious=d["suspicious"])
        )
        for r in d["by_unit"][:8]:
            mark = " ←" if r["suspicious"] else ""
            out.append(f"    {r['unit'] or label('unknown_group', lang)}: {r['observed']} / {r['expected']:.1f}{mark}".replace(".", ","))
    elif f.code == "received_on_day_off":
        out.append(label("au_by_channel", lang, online=d["by_channel"].get("online", 0), other=d["not_online"]))
    elif f.code == "same_end_many":
        for g in d["groups"][:5]:
            out.append(f"    {g['end_at']}: {g['count']} — {', '.join(g['units'][:3])}")
    elif f.code == "duplicate_conflict":
        out.append(label("au_duplicates", lang, across=d["across_files"], within=d["within_file"]))
    elif f.code in ("unknown_status", "unknown_channel") and d.get("values"):
        out.append("    " + "; ".join(f"'{k}' ×{n}" for k, n in list(d["values"].items())[:6]))
    elif f.code in ("verdict_mismatch", "pending_verdict_mismatch"):
        if "timeliness_differs" in d:
            out.append(label("au_timeliness", lang, n=d["timeliness_differs"], other=f.count - d["timeliness_differs"]))
        table = d["confusion"]
        ours = list(next(iter(table.values())).keys()) if table else []
        out.append(f"    {label('au_confusion', lang):>24}  " + "  ".join(f"{label('au_o_' + o, lang):>10}" for o in ours))
        for vendor, row in table.items():
            out.append(f"    {label('au_o_' + vendor, lang):>24}  " + "  ".join(f"{row[o]:>10}" for o in ours))
    return out


# The keys of a finding's examples, in words (the fields' own labels, and a few more).
EXAMPLE_KEYS = {
    "due_eff": ("Hạn trả", "Due"),
    "end_at": ("Kết thúc xử lý", "End"),
    "outcome": ("motcua tính", "motcua says"),
    "working_days": ("Số ngày LV đến hạn", "Working days to due"),
    "usual_working_days": ("Mức thường gặp", "Usual"),
    "differs": ("Khác nhau", "Differs"),
    "kept": ("Giữ", "Kept"),
    "kept_file": ("Giữ dòng của tệp", "Kept the row of"),
    "kept_row": ("dòng", "row"),
}
OUTCOME_KEYS = ("early", "on_time", "late", "in_time", "overdue", "excluded", "—")


def _value(key: str, value: Any, lang: str) -> str:
    text = str(value)
    if key in ("outcome", "vendor_verdict") and text in OUTCOME_KEYS:
        return label(f"au_o_{text}", lang)
    if key == "kept" and text == "later_row":
        return label("au_later_row", lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "; ".join(f"{_key(k, lang)}: {' → '.join(_value(k, v, lang) for v in pair)}" for k, pair in value.items())
    if len(text) >= 16 and text[4] == "-" and text[10] == " ":  # an ISO moment from the JSON
        return f"{text[8:10]}/{text[5:7]}/{text[:4]} {text[11:16]}"
    return value_label(key, text, lang)


def _key(key: str, lang: str) -> str:
    if key in EXAMPLE_KEYS:
        return EXAMPLE_KEYS[key][1 if lang == "en" else 0]
    return field_label(key, lang, with_code=False)


def _example_line(example: dict[str, Any], lang: str = "vi") -> str:
    head = f"{example.get('dossier_id')} ({Path(str(example.get('file', ''))).name}, {label('row', lang)} {example.get('row')})"
    rest = [f"{_key(k, lang)} {_value(k, v, lang)}" for k, v in example.items() if k not in ("dossier_id", "file", "row") and v is not None]
    return head + (": " + ", ".join(rest) if rest else "")


def render_table(audit: Audit, console: Console, lang: str) -> None:
    console.print(f"[bold]{label('au_title', lang)}[/]")
    for line in header_lines(audit, lang):
        console.print(line, markup=False)
    if audit.notes:
        console.print(f"[bold]{label('notes', lang)}[/]")
        for line in note_lines(audit.notes, lang):
            console.print(line, markup=False)
    table = compact_table()
    table.add_column(label("au_col_finding", lang), min_width=20)
    table.add_column(label("au_col_count", lang), no_wrap=True, justify="right")
    table.add_column(label("au_col_effect", lang), min_width=16)
    for f in audit.found():
        style = "bold red" if f.severity == "warning" else None
        table.add_row(f"{f.title(lang)} [dim]({f.code})[/]", str(f.count), _effect_text(f, lang), style=style)
    if audit.found():
        fit_table(table, console.width)
        console.print(table)
    clean = [f.title(lang) for f in audit.findings if not f.count and f.examined]
    if clean:
        console.print(label("au_clean", lang) + " " + "; ".join(clean) + ".", markup=False, style="dim")
    unseen = [f.title(lang) for f in audit.not_examined()]
    if unseen:
        console.print(label("au_unseen", lang) + " " + "; ".join(unseen) + ".", markup=False)
    for f in audit.found():
        console.print(f"\n[bold]{f.title(lang)}[/] ({f.code}): {f.count}")
        console.print(f.explanation(lang), markup=False)
        for line in _detail_lines(f, lang):
            console.print(line, markup=False)
        for example in f.examples[:5]:
            console.print("  - " + _example_line(example, lang), markup=False, soft_wrap=False)
        if f.count > 5:
            console.print("  " + label("au_more", lang, n=f.count - 5), markup=False)
    console.print(f"\n[bold]{label('au_policies', lang)}[/]")
    side = compact_table()
    for key, right in (
        ("policy", False),
        ("settled", True),
        ("timely", True),
        ("timely_rate", True),
        ("pending_overdue", True),
        ("progress_score", True),
    ):
        side.add_column(label(f"au_p_{key}", lang), no_wrap=True, justify="right" if right else "left")
    for p in audit.policies:
        score = "–" if p["progress_score"] is None else f"{p['progress_score']:.2f}".replace(".", ",")
        side.add_row(p["policy"], str(p["settled"]), str(p["timely"]), _pct(p["timely_rate"]), str(p["pending_overdue"]), score)
    fit_table(side, console.width)
    console.print(side)
    if audit.switches:
        console.print(label("au_switches", lang, s=", ".join(audit.switches)), markup=False)
    for m in audit.movers:
        if m["count"]:
            flows = ", ".join(
                f"{label('au_o_' + x['from'], lang)} → {label('au_o_' + x['to'], lang)}: {x['count']}" for x in m["flows"][:4]
            )
            console.print(label("au_moved", lang, a=m["from"], b=m["to"], n=m["count"]) + f" ({flows})", markup=False)


def to_json(audit: Audit, lang: str) -> str:
    return json.dumps(audit.to_json(lang), ensure_ascii=False, indent=2, default=str)


def to_markdown(audit: Audit, lang: str) -> str:
    lines = [f"# {label('au_title', lang)}", "", *[f"- {line}" for line in header_lines(audit, lang)], ""]
    if audit.notes:
        lines += [f"## {label('notes', lang)}", "", *[line.replace("|", "\\|") for line in note_lines(audit.notes, lang)], ""]
    lines += [
        f"| {label('au_col_finding', lang)} | code | {label('au_col_count', lang)} | {label('au_col_effect', lang)} |",
        "|---|---|---:|---|",
    ]
    for f in audit.findings:
        lines.append(f"| {f.title(lang)} | `{f.code}` | {f.count} | {_effect_text(f, lang)} |")
    for f in audit.found():
        lines += ["", f"## {f.title(lang)} (`{f.code}`): {f.count}", "", f.explanation(lang), ""]
        lines += [f"    {line.strip()}" for line in _detail_lines(f, lang)]
        lines += [f"- {_example_line(e, lang)}".replace("|", "\\|") for e in f.examples]
    lines += [
        "",
        f"## {label('au_policies', lang)}",
        "",
        "| policy | settled | timely | rate | overdue | 766 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for p in audit.policies:
        score = "–" if p["progress_score"] is None else f"{p['progress_score']:.2f}"
        lines.append(f"| {p['policy']} | {p['settled']} | {p['timely']} | {_pct(p['timely_rate'])} | {p['pending_overdue']} | {score} |")
    if audit.switches:
        lines += ["", label("au_switches", lang, s=", ".join(audit.switches))]
    for m in audit.movers:
        lines.append(f"- {label('au_moved', lang, a=m['from'], b=m['to'], n=m['count'])}")
    return "\n".join(lines) + "\n"


def write_workbook(audit: Audit, path: Path, lang: str) -> None:
    """A summary sheet, then one sheet per finding with every dossier it found."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "border": 1, "bg_color": "#FCE4D6", "text_wrap": True, "valign": "top"})
    cell = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    when = wb.add_format({"border": 1, "num_format": "dd/mm/yyyy hh:mm"})
    ws = wb.add_worksheet(label("au_sheet_summary", lang))
    ws.write_string(0, 0, label("au_title", lang), bold)
    for i, line in enumerate(header_lines(audit, lang), start=1):
        ws.write_string(i, 0, line)
    r = 5
    if audit.notes:
        for line in note_lines(audit.notes, lang):
            ws.write_string(r, 0, line)
            r += 1
        r += 1
    for j, h in enumerate((label("au_col_finding", lang), "code", label("au_col_count", lang), label("au_col_effect", lang))):
        ws.write_string(r, j, h, head)
    for f in audit.findings:
        r += 1
        ws.write_string(r, 0, f.title(lang), cell)
        ws.write_string(r, 1, f.code, cell)
        ws.write_number(r, 2, f.count, cell)
        ws.write_string(r, 3, _effect_text(f, lang), cell)
    r += 2
    ws.write_string(r, 0, label("au_policies", lang), bold)
    keys = ("policy", "settled", "timely", "timely_rate", "pending_overdue", "progress_score")
    for j, key in enumerate(keys):
        ws.write_string(r + 1, j, label(f"au_p_{key}", lang), head)
    for i, p in enumerate(audit.policies, start=r + 2):
        for j, key in enumerate(keys):
            value = p[key]
            if isinstance(value, str):
                ws.write_string(i, j, value, cell)
            elif value is None:
                ws.write_blank(i, j, None, cell)
            else:
                ws.write_number(i, j, value, cell)
    if audit.switches:
        ws.write_string(r + 2 + len(audit.policies), 0, label("au_switches", lang, s=", ".join(audit.switches)))
    ws.set_column(0, 0, 48)
    ws.set_column(1, 1, 26)
    ws.set_column(2, 2, 10)
    ws.set_column(3, 5, 30)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    for f in audit.found():
        sheet = wb.add_worksheet(f.code[:31])
        sheet.write_string(0, 0, f"{f.title(lang)}: {f.count}", bold)
        sheet.write_string(1, 0, f.explanation(lang))
        frame = f.dossiers()
        if frame is None or frame.is_empty():
            for i, e in enumerate(f.examples, start=3):
                sheet.write_string(i, 0, _example_line(e, lang))
            continue
        for j, name in enumerate(frame.columns):
            sheet.write_string(3, j, _key({"file": "source_file", "row": "source_row"}.get(name, name), lang), head)
        words = [c in ("outcome", "vendor_verdict", "status", "channel") for c in frame.columns]
        for i, row in enumerate(frame.iter_rows(), start=4):
            for j, v in enumerate(row):
                shown = _value(frame.columns[j], v, lang) if words[j] and v is not None else v
                write_value(sheet, i, j, shown, cell, when)
        sheet.set_column(0, len(frame.columns) - 1, 20)
        sheet.freeze_panes(4, 1)
        sheet.autofilter(3, 0, 3 + frame.height, len(frame.columns) - 1)
        sheet.repeat_rows(3)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
    wb.close()
