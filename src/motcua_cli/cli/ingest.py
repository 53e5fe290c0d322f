"""`motcua ingest`: merge exports into the local store."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..errors import ExitStatus, MotcuaError, UsageError
from ..messages import label
from ..store import Store, default_store_dir
from . import app, options
from .context import env_of

EXPORT_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".tsv", ".txt", ".xml", ".htm", ".html"}


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder gives the exports inside it (and below), sorted."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in EXPORT_SUFFIXES and not f.name.startswith("."))
        else:
            out.append(p)
    return out


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="Tệp xuất hoặc thư mục chứa tệp xuất.", show_default=False),
    store: Path | None = options.StoreDir,
    format: str = options.Format,
    encoding: str | None = options.Encoding,
    sheet: str | None = options.Sheet,
) -> None:
    """Nạp tệp xuất vào kho: mỗi hồ sơ một dòng, giữ trạng thái mới nhất; tệp đã nạp thì bỏ qua.

    Ví dụ:
      motcua ingest inbox/
      motcua ingest --store /srv/motcua/kho xuat_ngay_*.xlsx
    """
    env = env_of(ctx)
    options.check_format(format, ("table", "json"))
    files = expand(paths)
    if not files:
        raise UsageError("Không có tệp xuất nào để nạp.", "No export files to ingest.")
    kho = Store(default_store_dir(env.config, store))
    results, worst = [], ExitStatus.OK
    for f in files:
        try:
            r = kho.ingest(f, env.config, sheet=sheet, encoding=encoding)
        except MotcuaError as exc:
            if env.debug:
                raise
            worst = max(worst, exc.status)
            results.append({"file": str(f), "error": {"status": int(exc.status), "message": exc.message(env.lang)}})
            if format == "table":
                env.error(exc.message(env.lang))
            continue
        results.append(r.to_dict())
        if format == "table":
            key = "ingest_skipped" if r.skipped else "ingest_done"
            env.out.print(label(key, env.lang, **r.to_dict()), markup=False)
    if format == "json":
        typer.echo(json.dumps({"store": str(kho.root), "files": results}, ensure_ascii=False, indent=2))
    if worst != ExitStatus.OK:
        raise typer.Exit(int(worst))
