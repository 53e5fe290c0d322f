"""Vietnam's days off from the ``holidays`` package, kept between runs (issue 19, start-up).

Importing ``holidays`` loads all of its 250 countries (0.16 s) and working out 21 years of
lunar holidays takes more: most of the time `motcua calendar add` needs. The days it
gives depend only on the installed package, the years and the language, so the first
run writes them to the user's cache folder and later runs read them back, without
importing the package. The cache is keyed on the package's version and on the size and
time of its files that make Vietnam's days, so an upgrade (which brings newly announced
swaps) is noticed at once. A cache that cannot be read or written is simply not used:
the days are then computed as before, never guessed.

``MOTCUA_CACHE_DIR`` moves the cache; ``MOTCUA_CACHE_DIR=off`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.util
import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

FORMAT = 1
# The package's files that decide Vietnam's days: the country, its calendar code, the names.
_SOURCES = (
    "version.py",
    "countries/vietnam.py",
    "calendars/chinese.py",
    "groups/chinese.py",
    "holiday_base.py",
    "observed_holiday_base.py",
    "locale/vi/LC_MESSAGES/VN.mo",
    "locale/en_US/LC_MESSAGES/VN.mo",
)


@dataclass(frozen=True)
class VietnamDays:
    off: list[tuple[date, str]]  # days off with their names, sorted
    worked: list[date]  # weekend days worked (make-up days), sorted
    version: str  # the holidays package's version


def vietnam_days(years: list[int], lang: str) -> VietnamDays:
    """The days off and worked weekend days of ``years``, named in ``lang`` ("vi"/"en")."""
    folder = _cache_dir()
    key = _key(years, lang) if folder is not None else None
    if folder is None or key is None:
        return _compute(years, lang)
    # One file per installation of the package (two virtual environments do not take
    # turns overwriting one file)
    tag = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    path = folder / f"holidays-vn-{lang}-{min(years)}-{max(years)}-{tag}.json"
    cached = _read(path, key)
    if cached is not None:
        return cached
    days = _compute(years, lang)
    _write(path, key, days)
    return days


def _compute(years: list[int], lang: str) -> VietnamDays:
    import holidays

    vn = holidays.country_holidays("VN", years=years, language="en_US" if lang == "en" else "vi")
    worked = sorted(d for d in getattr(vn, "weekend_workdays", set()) if min(years) <= d.year <= max(years))
    return VietnamDays(sorted(vn.items()), worked, str(holidays.__version__))


def _cache_dir() -> Path | None:
    explicit = os.environ.get("MOTCUA_CACHE_DIR")
    if explicit is not None:
        return None if explicit.strip().lower() in ("", "off", "0", "no") else Path(explicit)
    import platformdirs

    return Path(platformdirs.user_cache_dir("motcua", appauthor=False))


def _key(years: list[int], lang: str) -> str | None:
    """What the days depend on, read without importing the package: None when the
    package's files cannot be found (the cache is then not used)."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    try:
        version = importlib.metadata.version("holidays")
        stats = [(name, (root / name).stat()) for name in _SOURCES if (root / name).exists()]
    except (OSError, importlib.metadata.PackageNotFoundError):
        return None
    files = ";".join(f"{name}:{st.st_size}:{st.st_mtime_ns}" for name, st in stats)
    return f"{FORMAT}|{version}|{root}|{files}|{lang}|{','.join(map(str, sorted(set(years))))}"


def _read(path: Path, key: str) -> VietnamDays | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        return VietnamDays(
            [(date.fromisoformat(d), str(name)) for d, name in data["off"]],
            [date.fromisoformat(d) for d in data["worked"]],
            str(data["version"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, damaged or from another layout: computed again


def _write(path: Path, key: str, days: VietnamDays) -> None:
    """Atomically (a reader never sees half a file); a folder that cannot be written is
    no error: the next run computes the days again."""
    data = {
        "key": key,
        "version": days.version,
        "off": [[d.isoformat(), n] for d, n in days.off],
        "worked": [d.isoformat() for d in days.worked],
    }
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
