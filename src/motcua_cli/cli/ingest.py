"""`motcua ingest`: merge exports into the local store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from ..errors import DataNotUnderstood, ExitStatus, MotcuaError, UsageError
from ..load import FileReport
from ..messages import label, moment_text
from ..notes import Note, file_report_notes, strict_failures
from ..store import Store, StoreBusy, StoreDamaged, StoreIOError, default_store_dir
from . import app, options
from .context import env_of
from .summaries import SUMMARY

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


@app.command("ingest", short_help=SUMMARY["ingest"])
def ingest_command(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(..., help="Tệp xuất hoặc thư mục chứa tệp xuất.", show_default=False),
    store: Path | None = options.StoreDir,
    format: str = options.Format,
    strict: bool = options.Strict,
    wait: float = options.Wait,
    quarantine: Path | None = typer.Option(
        None,
        "--quarantine",
        help="Chuyển mỗi tệp không đọc được (hoặc bị --strict từ chối) vào THƯ_MỤC này, kèm tệp .reason.txt ghi lý do; vẫn thoát mã 3.",
    ),
    snapshot: str | None = typer.Option(
        None, "--snapshot", help="Thời điểm xuất của các tệp (NGÀY [GIỜ]), thay cho ngày trong tiêu đề hoặc thời gian sửa tệp."
    ),
    encoding: str | None = options.Encoding,
    sheet: str | None = options.Sheet,
) -> None:
    """Nạp tệp xuất vào kho: mỗi hồ sơ một dòng, giữ trạng thái mới nhất; tệp đã nạp thì bỏ qua.

    \b
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
    taken = _snapshot(snapshot) if snapshot else None
    results: list[dict[str, Any]] = []
    worst = ExitStatus.OK
    said: dict[str, list[Note]] = {}

    def check(report: FileReport) -> None:
        notes = file_report_notes(report)
        said[report.file] = notes
        failing = strict_failures(notes) if strict else []
        if failing:
            raise DataNotUnderstood(
                f"{report.file}: không nạp (--strict): " + " ".join(n.vi for n in failing),
                f"{report.file}: not ingested (--strict): " + " ".join(n.en for n in failing),
                hint_vi=failing[0].hint_vi,
                hint_en=failing[0].hint_en,
            )

    for f in files:
        try:
            r = kho.ingest(
                f, env.config, sheet=sheet, encoding=encoding, check=check, snapshot=taken, wait=wait, on_wait=options.on_wait(env)
            )
        except MotcuaError as exc:
            if env.debug:
                raise
            worst = max(worst, exc.status)
            stop = isinstance(exc, StoreIOError) and "disk is full" in exc.en
            error: dict[str, Any] = {"status": int(exc.status), "message": exc.message(env.lang)}
            aside = quarantine or env.config.section("store").get("quarantine")
            if aside and not isinstance(exc, StoreDamaged | StoreBusy | StoreIOError):
                # The file's own fault: move it aside so the next night is clean.
                error["moved_to"] = str(_set_aside(f, Path(str(aside)).expanduser(), exc))
            results.append({"file": str(f), "error": error})
            if format == "table":
                env.error(exc.message(env.lang))
                if "moved_to" in error:
                    env.err.print(label("quarantined", env.lang, path=error["moved_to"]), markup=False, soft_wrap=True)
            if stop or isinstance(exc, StoreDamaged | StoreBusy):
                break  # a full disk, a damaged or busy store: the other files would fail the same way
            continue
        notes = said.get(str(f), [])
        results.append({**r.to_dict(), "notes": [n.to_json(env.lang) for n in notes]})
        if format == "table":
            key = "ingest_skipped" if r.skipped else "ingest_done"
            env.out.print(label(key, env.lang, **r.to_dict()), markup=False)
            if not r.skipped:
                env.out.print(
                    label("snapshot_from", env.lang, at=moment_text(r.snapshot_at, env.lang), source=_source(r.snapshot_source, env.lang)),
                    markup=False,
                )
            for n in notes:
                if n.severity == "warning":
                    env.out.print(f"  {label('warning', env.lang)}: {n.message(env.lang)}", markup=False)
    if format == "json":
        typer.echo(json.dumps({"store": str(kho.root), "files": results}, ensure_ascii=False, indent=2))
    if worst != ExitStatus.OK:
        raise typer.Exit(int(worst))


def _snapshot(text: str):  # type: ignore[no-untyped-def]
    """--snapshot: a day (the end of it) or a day and a time, day first as in exports."""
    from datetime import datetime, time

    import polars as pl

    from ..dates import parse_column

    values, has_time, _ = parse_column(pl.Series("t", [text.strip()]))
    value = values[0]
    if value is None:
        raise UsageError(
            f"--snapshot '{text}' không phải ngày: viết 05/03/2026 hoặc 05/03/2026 14:30.",
            f"--snapshot '{text}' is not a date: write 05/03/2026 or 05/03/2026 14:30.",
        )
    return value if has_time[0] else datetime.combine(value.date(), time(23, 59, 59))


def _source(source: str, lang: str) -> str:
    if source.startswith("title:"):
        return label("snapshot_title", lang, words=source.split(":", 1)[1])
    return label("snapshot_file_time" if source == "file_time" else "snapshot_option", lang)


def _set_aside(path: Path, folder: Path, exc: MotcuaError) -> Path:
    """Move an export motcua could not take into ``folder`` with a ``.reason.txt``
    beside it (what was wrong, in both languages, and when)."""
    import shutil
    from datetime import datetime

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    n = 1
    while target.exists():  # never over another night's file
        target = folder / f"{path.stem}.{n}{path.suffix}"
        n += 1
    shutil.move(str(path), target)
    reason = f"{datetime.now().isoformat(timespec='seconds')}\n{path}\n\n{exc.message('vi')}\n\n{exc.message('en')}\n"
    target.with_name(target.name + ".reason.txt").write_text(reason, encoding="utf-8")
    return target
