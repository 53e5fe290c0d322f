"""Where a report's dossiers come from: the files named, or else the store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import UsageError
from ..load import Loaded, load_files
from ..messages import label
from ..store import Store, default_store_dir
from .context import Env


def load_input(
    env: Env,
    files: list[Path] | None,
    store: Path | None,
    since: date | None,
    until: date | None = None,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    ids: bool = True,
) -> Loaded:
    """Files given: read them. None given: the store, pruned to what a period from
    ``since`` to ``until`` can need (dossiers received later do not count in it);
    ``ids=False`` when only counts are wanted (the store then leaves ids unread)."""
    if files:
        with env.reading(files) as progress:
            return load_files(files, config=env.config, sheet=sheet, encoding=encoding, progress=progress)
    kho = Store(default_store_dir(env.config, store))
    if not kho.has_data():
        raise UsageError(
            label("no_files", "vi") + f" Kho {kho.root} cũng chưa có dữ liệu (motcua ingest ...).",
            label("no_files", "en") + f" The store {kho.root} is empty too (motcua ingest ...).",
        )
    return kho.loaded(since, until, ids=ids, vocabulary=env.config.vocabulary)
