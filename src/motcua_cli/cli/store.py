"""`motcua store ...`: look after the local store."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..errors import ExitStatus, UsageError
from ..messages import LABELS, label, moment_text, number_text
from ..render.files import write_atomic, write_csv
from ..render.fit import compact_table, fit_table
from ..store import Store, default_store_dir
from . import app, options
from .context import env_of
from .summaries import SUMMARY

store_app = typer.Typer(help="Kho dữ liệu cục bộ: info, log, verify, compact, repair, export.", no_args_is_help=True)
app.add_typer(store_app, name="store", short_help=SUMMARY["store"])


def _store(ctx: typer.Context, store: Path | None) -> Store:
    return Store(default_store_dir(env_of(ctx).config, store))


def _say_if_empty(ctx: typer.Context, kept: Store) -> None:
    """No store at the path (a mistyped --store, or nothing ingested yet): said on
    stderr, so that "0 dossiers" is not read as a fact about a real store."""
    if not kept.has_data():
        env_of(ctx).err.print(label("store_none", env_of(ctx).lang, path=str(kept.root)), markup=False, soft_wrap=True)


@store_app.command("info")
def info_command(ctx: typer.Context, store: Path | None = options.StoreDir, format: str = options.Format) -> None:
    """Tóm tắt kho: số hồ sơ, khoảng ngày, đơn vị, lĩnh vực, các phân vùng, số lần nạp.

    \b
    Ví dụ: motcua store info
    """
    env = env_of(ctx)
    kept = _store(ctx, store)
    _say_if_empty(ctx, kept)
    data = kept.info(env.config.vocabulary)
    if format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for k, v in data.items():
        if k == "partitions":
            continue
        name = label(f"si_{k}", env.lang) if f"si_{k}" in LABELS else k
        if isinstance(v, list):  # texts not read for sure
            v = "; ".join(f"'{t['text']}' ×{t['count']} → {t['meaning'] or '?'}" for t in v)
        elif isinstance(v, int):
            v = number_text(v, env.lang)
        elif isinstance(v, str) and k.endswith("received"):
            v = moment_text(v, "vi", date_only_at_midnight=True)
        env.out.print(f"{name}: {v}", markup=False)
    env.out.print(f"{label('si_partitions', env.lang)}:", markup=False)
    for k, v in data["partitions"].items():
        month = label("si_open", env.lang) if k == "open" else "/".join(reversed(k.split("-")))
        size = number_text(round(v["bytes"] / 1024), env.lang)
        files = f", {v['files']} {label('si_files_unit', env.lang)}" if v.get("files", 1) > 1 else ""
        env.out.print(
            f"  {month}: {number_text(v['rows'], env.lang)} {label('si_dossiers_unit', env.lang)} ({size} KB{files})", markup=False
        )
    if any(v.get("files", 1) > 1 for v in data["partitions"].values()):
        env.out.print(label("si_compact_hint", env.lang), markup=False)


@store_app.command("log")
def log_command(ctx: typer.Context, store: Path | None = options.StoreDir, format: str = options.Format) -> None:
    """Nhật ký các lần nạp: tệp, mã băm, số dòng đọc / mới / cập nhật / không đổi / bị loại.

    \b
    Ví dụ: motcua store log --format json
    """
    env = env_of(ctx)
    kept = _store(ctx, store)
    _say_if_empty(ctx, kept)
    entries = kept.log()
    if format == "json":
        typer.echo(json.dumps(entries, ensure_ascii=False, indent=2))
        return
    counts = ("read", "new", "updated", "unchanged", "rejected", "duplicate")
    table = compact_table()
    table.add_column(f"{label('sl_time', env.lang)}\n{label('sl_snapshot_at', env.lang)}", no_wrap=True)
    table.add_column(label("sl_file", env.lang), min_width=14, overflow="fold")
    for c in counts:  # headings of two words on two lines, so the table fits 80 columns
        table.add_column(label(f"sl_{c}", env.lang).replace(" ", "\n"), no_wrap=True, justify="right")
    for e in entries:
        when = f"{moment_text(e.get('time'), 'vi', date_only_at_midnight=True)}\n{moment_text(e.get('snapshot_at'), 'vi', date_only_at_midnight=True)}".rstrip()
        table.add_row(when, str(e.get("file", "")), *[number_text(int(e.get(c) or 0), env.lang) for c in counts])
        table.add_section()
    fit_table(table, env.out.width)
    env.out.print(table)


@store_app.command("verify")
def verify_command(ctx: typer.Context, store: Path | None = options.StoreDir, format: str = options.Format) -> None:
    """Kiểm tra mọi tệp của kho với manifest (có mặt, kích thước, mã băm, đọc được). Mã thoát 3 nếu hỏng.

    \b
    Ví dụ: motcua store verify
    """
    env = env_of(ctx)
    data = _store(ctx, store).verify()
    if format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        env.out.print(
            label(
                "verify_line",
                env.lang,
                checked=data["files_checked"],
                problems=len(data["problems"]),
                orphans=len(data["unreferenced_files"]),
            ),
            markup=False,
        )
        for p in data["problems"]:
            code = p["problem"]
            text = p.get("problem_en", code) if env.lang == "en" else code
            if f"verify_{code}" in LABELS:
                text = label(f"verify_{code}", env.lang)
            elif code.startswith("unreadable"):
                text = label("verify_unreadable", env.lang) + code.removeprefix("unreadable")
            env.error(f"{p['file']}: {text}")
        if data["problems"] and (data["lost_files"] or any(p["file"] == "manifest.json" for p in data["problems"])):
            env.err.print(label("run_repair", env.lang), markup=False, soft_wrap=True)
    if data["problems"]:
        raise typer.Exit(int(ExitStatus.INPUT_UNREADABLE))


@store_app.command("compact")
def compact_command(ctx: typer.Context, store: Path | None = options.StoreDir, wait: float = options.Wait) -> None:
    """Gộp các tệp nhỏ, sắp xếp phân vùng, xoá tệp thừa; chạy lại không đổi gì.

    \b
    Ví dụ: motcua store compact
    """
    env = env_of(ctx)
    data = _store(ctx, store).compact(wait=wait, on_wait=options.on_wait(env))
    env.out.print(json.dumps(data, ensure_ascii=False), markup=False)


@store_app.command("repair")
def repair_command(
    ctx: typer.Context, store: Path | None = options.StoreDir, wait: float = options.Wait, format: str = options.Format
) -> None:
    """Dựng lại manifest của kho từ các tệp Parquet khi nó bị mất hoặc thiếu tệp; không xoá hồ sơ nào.

    Tệp không xếp được vào đâu được chuyển vào quarantine/ trong kho.

    \b
    Ví dụ: motcua store repair --store /srv/motcua/kho
    """
    env = env_of(ctx)
    data = _store(ctx, store).repair(wait=wait, on_wait=options.on_wait(env))
    if format == "json":
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    env.out.print(
        label(
            "repair_done",
            env.lang,
            source=data["from"],
            dossiers=data["dossiers"],
            placed=len(data["placed"]),
            quarantined=len(data["quarantined"]),
        ),
        markup=False,
    )


@store_app.command("export")
def export_command(
    ctx: typer.Context,
    output: Path = typer.Option(..., "--output", "-o", help="Tệp .parquet hoặc .csv (UTF-8 có BOM)."),
    store: Path | None = options.StoreDir,
    rejects: bool = typer.Option(False, "--rejects", help="Xuất các dòng bị loại thay vì hồ sơ."),
) -> None:
    """Xuất toàn bộ hồ sơ (mỗi hồ sơ một dòng, trạng thái mới nhất) ra Parquet hoặc CSV.

    \b
    Ví dụ: motcua store export -o ho_so.parquet
    """
    env = env_of(ctx)
    kho = _store(ctx, store)
    frame = kho.rejects() if rejects else kho.export()
    suffix = output.suffix.lower()
    if suffix == ".csv":
        write_csv(frame, output)
    elif suffix == ".parquet":
        write_atomic(output, lambda tmp: frame.write_parquet(tmp))
    else:
        raise UsageError("--output phải là .parquet hoặc .csv.", "--output must be .parquet or .csv.")
    env.err.print(f"{label('written', env.lang)}: {output} ({frame.height})", markup=False, soft_wrap=True)
