"""The HTML report (issue 17): one self-contained file, charts inline as SVG, A4 print.

Charts are drawn by matplotlib into SVG (text kept as text, so Vietnamese renders in the
reader's fonts and the page stays small and searchable); nothing is fetched from the
network, no script runs, and a print stylesheet keeps each chart whole on a page.
docs/architecture.md says why matplotlib and not a JavaScript chart library.
"""

from __future__ import annotations

import html
import io
from typing import Any

from ..aggregate import GROUP_KEYS
from ..messages import label, number_text
from ..pictures import AGE_BUCKETS, Pictures
from ..report import Report
from .report import (
    COMPARE_COLUMNS,
    _group_text,
    _rate_text,
    compare_cell,
    compare_legend,
    delta_text,
    header_lines,
    note_lines,
    report_frame,
)

CSS = """
:root { --ink: #1f2933; --muted: #52606d; --bad: #b42318; --good: #1b7f3b; --line: #cbd2d9; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: var(--ink);
       max-width: 1100px; margin: 24px auto; padding: 0 16px; line-height: 1.4; }
h1 { font-size: 22px; margin: 0 0 8px; text-transform: uppercase; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
.meta { color: var(--muted); font-size: 13px; margin: 2px 0; }
.notes { background: #fff8e6; border-left: 4px solid #f0b429; padding: 8px 12px; font-size: 13px; }
.notes p { margin: 4px 0; }
.notes .hint { color: var(--muted); margin-left: 12px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.card .value { font-size: 24px; font-weight: 600; }
.card .name { font-size: 12px; color: var(--muted); }
.card .value small { display: block; font-size: 12px; font-weight: 400; color: var(--muted); }
figure { margin: 8px 0 18px; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; max-width: 760px; height: auto; display: block; }
figcaption { font-size: 12px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; }
th { background: #f0f4f8; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; background: #f5f7fa; }
thead { display: table-header-group; }
section { break-inside: auto; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section.charts figure { break-inside: avoid; }
  section.table { break-before: page; page-break-before: always; }
  tr { break-inside: avoid; }
}
"""

BAD, GOOD, MUTED, BLUE, ORANGE = "#b42318", "#1b7f3b", "#9aa5b1", "#2f6eba", "#e8833a"


def _pct(value: float | None) -> str:
    return _rate_text(value, "timely_rate", "vi")


def _n(value: Any) -> str:
    return number_text(value, "vi") if isinstance(value, int) else html.escape(str(value))


def _svg(fig: Any) -> str:
    """The figure as inline SVG, without its XML prologue, reproducible (no date, fixed ids)."""
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "motcua"})
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def warm_up() -> None:
    """Import the chart library ahead of need (the report command runs it in a thread
    while the exports are read; Polars releases the GIL while it reads)."""
    _setup()


def _setup() -> Any:
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.fonttype": "none",  # text stays text: the browser's fonts draw Vietnamese
            "svg.hashsalt": "motcua",  # the same report, the same file
            "font.family": ["DejaVu Sans"],
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.color": "#e4e7eb",
            "axes.axisbelow": True,
            "figure.constrained_layout.use": True,  # every chart the same width, labels inside it
        }
    )
    return plt


def _count_axis(axis: Any, lang: str) -> None:
    """A count axis: whole numbers only (no 2.5 dossiers), written as the tables write them."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda v, _: number_text(round(v), lang)))


def _group_name(value: Any, lang: str) -> str:
    return _group_text(value, lang) if value is not None else label("unknown_group", lang)


def chart_ranked(p: Pictures, target: float | None, lang: str) -> str | None:
    """Groups ranked by timely rate, worst at the top; the axis starts near the lowest rate
    so that differences show; the target as a line; groups under it in red, with a mark."""
    rows = [r for r in p.ranked if r["timely_rate"] is not None]
    if not rows:
        return None
    plt = _setup()
    fig, ax = plt.subplots(figsize=(7.5, 0.32 * len(rows) + 1.2))
    names = [_group_name(r["group"], lang) for r in rows][::-1]
    rates = [100 * r["timely_rate"] for r in rows][::-1]
    under = [target is not None and v < 100 * target for v in rates]
    ax.barh(names, rates, color=[BAD if u else BLUE for u in under])
    low = min(rates + ([100 * target] if target is not None else []))
    ax.set_xlim(max(0, (low // 5) * 5 - 5), 100)
    for y, (v, u) in enumerate(zip(rates, under, strict=True)):
        ax.text(v + 0.3, y, f"{v:.1f}%".replace(".", ",") + (" ▼" if u else ""), va="center", fontsize=8)
    if target is not None:
        ax.axvline(100 * target, color=BAD, linestyle="--", linewidth=1)
        ax.text(100 * target, len(rows) - 0.4, label("h_target", lang, pct=f"{100 * target:g}"), color=BAD, fontsize=8, ha="right")
    ax.set_xlabel(label("h_rate_axis", lang))
    ax.grid(axis="y", visible=False)
    return _svg(fig)


def chart_trend(p: Pictures, lang: str) -> str | None:
    if len(p.trend) < 1:
        return None
    plt = _setup()
    fig, ax = plt.subplots(figsize=(7.5, 3.2))
    months = [r["month"][5:] + "/" + r["month"][:4] for r in p.trend]
    x = range(len(months))
    width = 0.27
    ax.bar([i - width for i in x], [r["received"] for r in p.trend], width, label=label("h_received", lang), color=MUTED)
    ax.bar(list(x), [r["settled"] for r in p.trend], width, label=label("h_settled", lang), color=BLUE)
    ax.bar([i + width for i in x], [r["late"] for r in p.trend], width, label=label("h_late", lang), color=BAD)
    ax.set_xticks(list(x), months, rotation=45 if len(months) > 6 else 0)
    ax.set_ylabel(label("h_dossiers", lang))
    _count_axis(ax.yaxis, lang)
    right = ax.twinx()
    rates = [None if r["timely_rate"] is None else 100 * r["timely_rate"] for r in p.trend]
    right.plot(list(x), [float("nan") if v is None else v for v in rates], color=GOOD, marker="o", label=label("h_rate", lang))
    right.set_ylim(0, 105)
    right.set_ylabel(label("h_rate_axis", lang))
    right.grid(False)
    handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper left", fontsize=8, ncols=4, frameon=False, bbox_to_anchor=(0, 1.15))
    return _svg(fig)


def chart_overdue_age(p: Pictures, lang: str) -> str | None:
    rows = [r for r in p.overdue_age if sum(r[b] for _, _, b in AGE_BUCKETS)]
    if not rows:
        return None
    plt = _setup()
    fig, ax = plt.subplots(figsize=(7.5, 0.32 * len(rows) + 1.3))
    names = [_group_name(r["group"], lang) for r in rows]
    left = [0] * len(rows)
    colours = ["#f7c873", ORANGE, "#d4542f", "#8a1c12"]
    for (_, _, b), colour in zip(AGE_BUCKETS, colours, strict=True):
        values = [r[b] for r in rows]
        ax.barh(names, values, left=left, color=colour, label=label("h_wd", lang, range=b))
        left = [a + v for a, v in zip(left, values, strict=True)]
    for y, total in enumerate(left):
        ax.text(total + 0.2, y, number_text(total, lang), va="center", fontsize=8)
    ax.set_xlabel(label("h_overdue_pending", lang))
    _count_axis(ax.xaxis, lang)
    ax.legend(fontsize=8, ncols=4, frameon=False, loc="lower right", bbox_to_anchor=(1, 1))
    ax.grid(axis="y", visible=False)
    ax.invert_yaxis()
    return _svg(fig)


def chart_lateness(p: Pictures, lang: str) -> str | None:
    if not sum(r["count"] for r in p.lateness):
        return None
    plt = _setup()
    fig, ax = plt.subplots(figsize=(7.5, 2.6))
    names = [label("h_wd", lang, range=r["bucket"]) for r in p.lateness]
    counts = [r["count"] for r in p.lateness]
    ax.bar(names, counts, color=BAD)
    for i, c in enumerate(counts):
        ax.text(i, c, number_text(c, lang), ha="center", va="bottom", fontsize=8)
    ax.set_ylabel(label("h_late", lang))
    _count_axis(ax.yaxis, lang)
    ax.grid(axis="x", visible=False)
    return _svg(fig)


def chart_online(p: Pictures, lang: str) -> str | None:
    rows = [r for r in p.online if r["share"] is not None]
    if not rows:
        return None
    plt = _setup()
    fig, ax = plt.subplots(figsize=(7.5, 0.32 * len(rows) + 1.2))
    names = [_group_name(r["group"], lang) for r in rows]
    shares = [100 * r["share"] for r in rows]
    ax.barh(names, shares, color=BLUE)
    for y, (v, r) in enumerate(zip(shares, rows, strict=True)):
        ax.text(v + 0.5, y, f"{v:.0f}% ({r['online']}/{r['received_new']})", va="center", fontsize=8)
    ax.set_xlim(0, 110)
    ax.set_xlabel(label("h_online_axis", lang))
    ax.grid(axis="y", visible=False)
    return _svg(fig)


SHOWN = ["received", "carried_over", "settled", "early", "on_time", "late", "pending", "pending_in_time", "pending_overdue"]
SHOWN_RATES = ["timely_rate", "progress_score"]


def _table(report: Report, lang: str) -> str:
    """The form's columns in words, the groups named, the total last."""
    frame = report_frame(report, lang)
    keys = [GROUP_KEYS[b] for b in report.group_by]
    extra = COMPARE_COLUMNS if report.compare else []
    cols = keys + SHOWN + SHOWN_RATES
    head = "".join(f"<th>{html.escape(label(f'col_{c}', lang))}</th>" for c in cols + extra)
    body = []
    last = frame.height - 1
    for i, row in enumerate(frame.select(cols).iter_rows(named=True)):
        cells = [f"<td>{html.escape(_group_name(row[k], lang))}</td>" for k in keys]
        cells += [f'<td class="n">{_n(row[c])}</td>' for c in SHOWN]
        cells += [f'<td class="n">{_rate_text(row[c], c, lang)}</td>' for c in SHOWN_RATES]
        cells += [f'<td class="n">{html.escape(compare_cell(report, i, c, lang))}</td>' for c in extra]
        kind = ' class="total"' if i == last else ""
        body.append(f"<tr{kind}>{''.join(cells)}</tr>")
    legend = f'<p class="meta">{html.escape(compare_legend(report, lang))}</p>' if report.compare else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{legend}"


def to_html(report: Report, pics: Pictures, lang: str, target: float | None = None) -> str:
    t = report.total
    online = t["received_online"] / t["received_new"] if t.get("received_new") else None
    cards = [
        (label("h_received", lang), _n(t["received"])),
        (label("h_settled", lang), _n(t["settled"])),
        (label("h_rate", lang), _pct(t["timely_rate"])),
        (label("h_overdue_now", lang), _n(t["pending_overdue"])),
        (label("h_score", lang), "–" if t["progress_score"] is None else f"{t['progress_score']:.1f}".replace(".", ",")),
        (label("h_online", lang), _pct(online)),
    ]
    if report.compare:
        change = report.compare["change"]
        than = label("h_than", lang, label_=report.compare["period"]["label"])
        rate = delta_text(change["timely_rate"], "timely_rate", lang) + (" điểm %" if lang == "vi" else " points")
        cards[2] = (cards[2][0], f"{cards[2][1]} <small>{html.escape(rate)} {html.escape(than)}</small>")
        overdue = delta_text(change["pending_overdue"], "pending_overdue", lang)
        cards[3] = (cards[3][0], f"{cards[3][1]} <small>{html.escape(overdue)} {html.escape(than)}</small>")
    charts = [
        (label("h_c_ranked", lang, group=label(f"by_{pics.group}", lang) if pics.group else ""), chart_ranked(pics, target, lang)),
        (label("h_c_trend", lang), chart_trend(pics, lang)),
        (label("h_c_age", lang), chart_overdue_age(pics, lang)),
        (label("h_c_late", lang), chart_lateness(pics, lang)),
        (label("h_c_online", lang), chart_online(pics, lang)),
    ]
    notes = note_lines(report.notes, lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "vi"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(label('report_title', lang))} {html.escape(report.scope.period.label)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>{html.escape(label('report_title', lang))}</h1>",
        *[f'<p class="meta">{html.escape(line)}</p>' for line in header_lines(report, lang)],
    ]
    if notes:
        parts.append('<div class="notes">' + "".join(_note_html(line) for line in notes) + "</div>")
    parts.append(
        '<section class="cards">'
        + "".join(f'<div class="card"><div class="value">{v}</div><div class="name">{html.escape(k)}</div></div>' for k, v in cards)
        + "</section>"
    )
    parts.append('<section class="charts">')
    for title, svg in charts:
        if svg is None:
            continue
        parts.append(f'<figure class="chart"><h2>{html.escape(title)}</h2>{svg}</figure>')
    parts.append("</section>")
    parts.append(f'<section class="table"><h2>{html.escape(label("h_table", lang))}</h2>{_table(report, lang)}</section>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _note_html(line: str) -> str:
    text = html.escape(line.strip())
    return f'<p class="hint">{text}</p>' if line.lstrip().startswith("→") else f"<p>{text}</p>"
