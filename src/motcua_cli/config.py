"""The configuration file (TOML).

Looked for, first found wins: ``--config PATH``, ``$MOTCUA_CONFIG``, ``./motcua.toml``,
``~/.config/motcua/config.toml`` (``$XDG_CONFIG_HOME`` respected). Every key is
optional. Keys read by the reader:

    [columns]                       # header text → canonical field, or "ignore"
    "Ngày nhận HS" = "received_at"

    [units]                         # old unit name → new name (2025 merger)
    "UBND xã A" = "UBND xã B"

    [sources.vnpt]                  # per-source overrides, chosen by file name
    files = ["vnpt_*.xlsx"]
    columns = { "Ngày HT" = "finished_at" }
    unit = "UBND phường Hòa Bình"    # for files without a unit column (also level, field)
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError
from .mapping import FIELD_ALIASES, IGNORE


@dataclass
class Config:
    path: Path | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def columns_for(self, file: Path) -> dict[str, str]:
        """Column aliases for ``file``: global ones, then its source's."""
        out = dict(self.data.get("columns", {}))
        for source in self.data.get("sources", {}).values():
            patterns = source.get("files", [])
            if any(fnmatch.fnmatch(file.name, p) or fnmatch.fnmatch(str(file), p) for p in patterns):
                out.update(source.get("columns", {}))
        return out

    def defaults_for(self, file: Path) -> dict[str, str]:
        """Values for fields the file lacks (``unit``, ``level``, ``field``) from its source."""
        out: dict[str, str] = {}
        for source in self.data.get("sources", {}).values():
            patterns = source.get("files", [])
            if any(fnmatch.fnmatch(file.name, p) or fnmatch.fnmatch(str(file), p) for p in patterns):
                out.update({k: str(source[k]) for k in ("unit", "level", "field") if k in source})
        return out

    @property
    def unit_aliases(self) -> dict[str, str]:
        return dict(self.data.get("units", {}))

    @property
    def vocabulary(self) -> dict[str, dict[str, str]]:
        """``[status]`` and ``[channel]``: folded text → meaning, the first tier of
        recognition (vocab.rules)."""
        from .folding import fold_key

        return {kind: {fold_key(k): str(v) for k, v in self.section(kind).items()} for kind in ("status", "channel") if self.section(kind)}

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name, {})
        return value if isinstance(value, dict) else {}


def candidate_paths() -> list[Path]:
    xdg = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return [Path("motcua.toml"), Path(xdg) / "motcua" / "config.toml"]


def load_config(explicit: Path | None = None) -> Config:
    env = os.environ.get("MOTCUA_CONFIG")
    if explicit is not None or env:
        path = Path(explicit or env or "")
        if not path.is_file():
            raise UsageError(
                f"Không tìm thấy tệp cấu hình {path}.",
                f"Config file {path} not found.",
                hint_vi="Tạo tệp mẫu bằng `motcua init` hoặc sửa đường dẫn.",
                hint_en="Create one with `motcua init` or fix the path.",
            )
    else:
        path = next((p for p in candidate_paths() if p.is_file()), None)  # type: ignore[assignment]
        if path is None:
            return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"Tệp cấu hình {path} sai cú pháp TOML: {exc}.",
            f"Config file {path} is not valid TOML: {exc}.",
        ) from exc
    config = Config(path, data)
    _check_columns(config)
    return config


def _check_columns(config: Config) -> None:
    known = set(FIELD_ALIASES) | {IGNORE}
    tables = [config.data.get("columns", {})] + [s.get("columns", {}) for s in config.data.get("sources", {}).values()]
    for table in tables:
        for header, fld in table.items():
            if fld not in known:
                raise UsageError(
                    f"Tệp cấu hình {config.path}: cột '{header}' ánh xạ tới trường lạ '{fld}'.",
                    f"Config file {config.path}: column '{header}' maps to unknown field '{fld}'.",
                    hint_vi="Các trường hợp lệ: " + ", ".join(sorted(known)),
                    hint_en="Valid fields: " + ", ".join(sorted(known)),
                )
