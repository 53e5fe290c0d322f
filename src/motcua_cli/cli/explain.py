"""`motcua explain`: why one dossier counts where it does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from ..explain import explain
from ..messages import field_label, label, value_label
from . import app, options
from .context import env_of
from .inputs import load_input
from .summaries import SUMMARY


@app.command("explain", short_help=SUMMARY["explain"])
def explain_command(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(None, help="Tệp xuất (mặc định: kho).", show_default=False),
    store: Path | None = options.StoreDir,
    dossier_id: str = typer.Option(..., "--id", help="Mã hồ sơ cần giải thích."),
    period: str | None = options.Period,
    date_from: str | None = options.DateFrom,
    date_to: str | None = options.DateTo,
    cutoff_day: int | None = options.CutoffDay,
    as_of: str | None = options.AsOf,
    policy: str | None = options.PolicyName,
    end: str | None = options.End,
    exclude_withdrawn: bool | None = options.ExcludeWithdrawn,
    format: str = options.Format,
) -> None:
    """Giải thích vì sao một hồ sơ được tính là sớm, đúng hạn, trễ hạn...

    \b
    Ví dụ: motcua explain sample_data/xa_dak_mil_cp1258.csv --id XDM-250325-0002 --period 2025-Q1
    """
    env = env_of(ctx)
    options.check_format(format, ("table", "json"))
    scope = options.scope(env, period, date_from, date_to, cutoff_day, as_of, policy, end, exclude_withdrawn)
    loaded = load_input(env, files, store, None)
    entries = explain(loaded.dossiers, dossier_id, scope, env.config.vocabulary)
    if format == "json":
        typer.echo(json.dumps({**scope.to_dict(), "entries": entries}, ensure_ascii=False, indent=2, default=str))
        return
    lang = env.lang
    for entry in entries:
        _print_entry(env, entry, scope, lang)


def _print_entry(env: Any, entry: dict[str, Any], scope: Any, lang: str) -> None:
    out = env.out
    d = entry["dossier"]
    out.rule(f"[bold]{d['dossier_id']}[/] ({d['source_file']}, {label('row', lang)} {d['source_row']})")
    out.print(
        f"{label('period', lang)}: {scope.period.start:%d/%m/%Y}–{scope.period.end:%d/%m/%Y}   "
        f"{label('as_of', lang)}: {scope.as_of:%d/%m/%Y}   {label('policy', lang)}: {scope.policy.describe(lang)}"
    )
    fields = Table(show_header=False)
    fields.add_column()
    fields.add_column()
    for k, v in d.items():
        if k not in ("dossier_id", "source_file", "source_row") and v != "":
            fields.add_row(field_label(k, lang), value_label(k, v, lang))
    out.print(fields)
    for step in entry["steps"]:
        out.print(f"• {step['en' if lang == 'en' else 'vi']}")
    out.print(f"[bold]{label('verdict', lang)}:[/] {_verdict(entry['classification'], lang)}")
    for name, c in entry["other_policies"].items():
        out.print(f"  {label('under_policy', lang)} {name}: {_verdict(c, lang)}")


def _verdict(c: dict[str, Any], lang: str) -> str:
    if c["excluded"]:
        return label("v_excluded", lang)
    if not (c["settled"] or c["pending"]):
        return label("v_outside", lang)
    where = label("v_carried" if c["carried_over"] else "v_new", lang)
    state = label("v_settled" if c["settled"] else "v_pending", lang)
    outcome = label(f"o_{c['outcome']}", lang)
    extra = f", {label('v_paused', lang)}" if c["paused"] else ""
    days = f", {c['working_days_late']} {label('v_days_late', lang)}" if c["working_days_late"] else ""
    return f"{where}; {state}: {outcome}{extra}{days}"
