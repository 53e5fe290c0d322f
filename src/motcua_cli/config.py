"""The configuration file (TOML).

Looked for, first found wins: ``--config PATH``, ``$MOTCUA_CONFIG``, ``./motcua.toml``,
``~/.config/motcua/config.toml`` (``$XDG_CONFIG_HOME`` respected). Every key is
optional. Keys read by the reader:

    [columns]                       # header text → canonical field, or "ignore"
    "Ngày nhận HS" = "received_at"

    [units]                         # old unit name → new name (2025 merger)
    "UBND xã A" = "UBND xã B"

    [status]                        # status text (matched folded) → meaning
    "XLTT-07" = "processing"

    [channel]                       # channel text → online, in_person or postal
    "Nộp qua Zalo" = "online"

    [sources.vnpt]                  # per-source overrides, chosen by file name
    files = ["vnpt_*.xlsx"]
    columns = { "Ngày HT" = "finished_at" }
    unit = "UBND phường Hòa Bình"    # for files without a unit column (also level, field)
"""

from __future__ import annotations

import difflib
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
    _check_keys(config)
    _check_columns(config)
    _check_meanings(config)
    return config


# Every section and key motcua reads; None: the section maps free texts (column
# headers, unit names, status texts) to values. A key not here is a typo to report,
# never something to ignore silently.
SECTIONS: dict[str, set[str] | None] = {
    "columns": None,
    "units": None,
    "status": None,
    "channel": None,
    "sources": None,  # each source is checked against SOURCE_KEYS
    "calendar": {"days_off", "working_days", "saturday", "hours", "hours_per_day"},
    "policy": {"name", "end", "exclude_withdrawn"},
    "report": {"cutoff_day", "target"},
    "store": {"path", "source_system", "quarantine"},
    "form": {"reporting_unit", "recipient", "place"},
    "limits": {"unpacked_mb", "cells"},
}
SOURCE_KEYS = {"files", "columns", "unit", "level", "field", "system"}


def _unknown(config: Config, where: str, key: str, valid: set[str]) -> UsageError:
    near = difflib.get_close_matches(key, sorted(valid), n=1, cutoff=0.5)
    hint_vi = f"Có phải ý bạn là '{near[0]}'? " if near else ""
    hint_en = f"Did you mean '{near[0]}'? " if near else ""
    return UsageError(
        f"Tệp cấu hình {config.path}: {where} '{key}' không có trong motcua.",
        f"Config file {config.path}: {where} '{key}' is not one motcua knows.",
        hint_vi=hint_vi + "Các giá trị hợp lệ: " + ", ".join(sorted(valid)) + ". Xem `motcua init`.",
        hint_en=hint_en + "Valid ones: " + ", ".join(sorted(valid)) + ". See `motcua init`.",
    )


def _check_keys(config: Config) -> None:
    for section, value in config.data.items():
        if section not in SECTIONS:
            raise _unknown(config, "mục", f"[{section}]", {f"[{s}]" for s in SECTIONS})
        keys = SECTIONS[section]
        if keys is None and not isinstance(value, dict):
            raise UsageError(
                f'Tệp cấu hình {config.path}: [{section}] phải là một bảng (các dòng "tên" = "giá trị").',
                f'Config file {config.path}: [{section}] must be a table (lines "name" = "value").',
            )
        if keys is not None:
            if not isinstance(value, dict):
                raise _unknown(config, "mục", f"[{section}]", {f"[{s}]" for s in SECTIONS})
            for key in value:
                if key not in keys:
                    raise _unknown(config, f"[{section}]", key, keys)
    for name, source in config.data.get("sources", {}).items():
        if not isinstance(source, dict):
            raise UsageError(
                f"Tệp cấu hình {config.path}: [sources.{name}] phải là một bảng.",
                f"Config file {config.path}: [sources.{name}] must be a table.",
            )
        for key in source:
            if key not in SOURCE_KEYS:
                raise _unknown(config, f"[sources.{name}]", key, SOURCE_KEYS)


def _check_meanings(config: Config) -> None:
    from .codes import CHANNELS, STATUSES

    valid = {"status": [s for s in STATUSES if s != "unknown"], "channel": CHANNELS}
    for kind, allowed in valid.items():
        for text, meaning in config.section(kind).items():
            if meaning not in allowed:
                near = difflib.get_close_matches(str(meaning), allowed, n=1, cutoff=0.5)
                raise UsageError(
                    f'Tệp cấu hình {config.path}: [{kind}] "{text}" = "{meaning}": nghĩa này không có.',
                    f'Config file {config.path}: [{kind}] "{text}" = "{meaning}": no such meaning.',
                    hint_vi=(f"Có phải ý bạn là '{near[0]}'? " if near else "") + "Các nghĩa hợp lệ: " + ", ".join(allowed),
                    hint_en=(f"Did you mean '{near[0]}'? " if near else "") + "Valid meanings: " + ", ".join(allowed),
                )


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
