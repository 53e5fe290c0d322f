"""Issue 19, start-up: the holiday cache and the deferred coercion of typer's parameters
give the same answers as the holidays package and typer, without importing them."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from motcua_cli import holiday_cache
from motcua_cli.calendar import WorkCalendar


def _notes(cal: WorkCalendar) -> list[tuple[Any, ...]]:
    return [(n.day, n.working, n.name, n.source) for _, n in sorted(cal.notes.items())]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_cached_calendar_is_the_packages(lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTCUA_CACHE_DIR", "off")
    fresh = WorkCalendar.build(lang=lang)
    monkeypatch.setenv("MOTCUA_CACHE_DIR", str(tmp_path))
    written = WorkCalendar.build(lang=lang)  # computes, then writes the cache
    files = list(tmp_path.glob("holidays-vn-*.json"))
    assert [f.name[:-18] for f in files] == [f"holidays-vn-{lang}-2015-2035"]
    monkeypatch.setattr(holiday_cache, "_compute", lambda *a: pytest.fail("the cache was not used"))
    cached = WorkCalendar.build(lang=lang)
    assert _notes(fresh) == _notes(written) == _notes(cached)
    assert fresh.describe() == cached.describe() and fresh.describe(lang) == cached.describe(lang)
    # Tết 2026 (17/02) and the make-up Saturday 10/01/2026 are in it, by name
    assert cached.notes[date(2026, 2, 17)].working is False
    assert not cached.is_working(date(2026, 2, 17)) and cached.is_working(date(2026, 1, 10))
    assert len(cached.notes) == len(fresh.notes) > 200


def test_a_changed_package_or_a_damaged_cache_is_computed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTCUA_CACHE_DIR", str(tmp_path))
    years = [2026]
    first = holiday_cache.vietnam_days(years, "vi")
    (path,) = tmp_path.glob("holidays-vn-vi-2026-2026-*.json")
    calls: list[int] = []
    compute = holiday_cache._compute

    def counted(*args: Any) -> holiday_cache.VietnamDays:
        calls.append(1)
        return compute(*args)

    monkeypatch.setattr(holiday_cache, "_compute", counted)
    assert holiday_cache.vietnam_days(years, "vi") == first and calls == []
    # a new holidays release (its version in the key): computed again, and rewritten
    key = holiday_cache._key
    monkeypatch.setattr(holiday_cache, "_key", lambda y, lang: key(y, lang).replace("|0.", "|9."))  # type: ignore[union-attr]
    assert holiday_cache.vietnam_days(years, "vi") == first and calls == [1]
    (path,) = (p for p in tmp_path.glob("holidays-vn-vi-2026-2026-*.json") if p != path)  # the new release's own file
    assert "|9." in json.loads(path.read_text(encoding="utf-8"))["key"]
    # half a file (written by hand, or a disk that filled up): computed again
    path.write_text('{"key": ', encoding="utf-8")
    assert holiday_cache.vietnam_days(years, "vi") == first and calls == [1, 1]
    assert json.loads(path.read_text(encoding="utf-8"))["off"][0][0] == "2026-01-01"


def test_two_installations_keep_their_own_cache_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two virtual environments (a fresh clone beside the working one) would otherwise
    overwrite one file in turn, and neither would ever find its days cached."""
    monkeypatch.setenv("MOTCUA_CACHE_DIR", str(tmp_path))
    key = holiday_cache._key
    holiday_cache.vietnam_days([2026], "vi")
    monkeypatch.setattr(holiday_cache, "_key", lambda y, lang: key(y, lang).replace("|/", "|/other-venv/"))  # type: ignore[union-attr]
    holiday_cache.vietnam_days([2026], "vi")
    assert len(list(tmp_path.glob("holidays-vn-vi-2026-2026-*.json"))) == 2
    monkeypatch.setattr(holiday_cache, "_compute", lambda *a: pytest.fail("the cache was not used"))
    holiday_cache.vietnam_days([2026], "vi")
    monkeypatch.setattr(holiday_cache, "_key", key)
    holiday_cache.vietnam_days([2026], "vi")


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("MOTCUA_CACHE_DIR", str(blocker / "cache"))
    days = holiday_cache.vietnam_days([2026], "vi")
    assert (date(2026, 1, 1), days.off[0][1]) == days.off[0]
    assert list(tmp_path.iterdir()) == [blocker]  # nothing half-written beside it


def test_calendar_add_imports_neither_holidays_nor_pydantic_once_cached(tmp_path: Path) -> None:
    """The second `calendar add` reads the cache: no holidays package, no Pydantic, no
    Polars; the answer is the same as the first run's."""
    code = (
        "import sys; sys.argv = ['motcua', 'calendar', 'add', '09/01/2026', '1']\n"
        "from motcua_cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(*(m in sys.modules for m in ('holidays', 'pydantic', 'polars')))"
    )
    env = {**__import__("os").environ, "MOTCUA_CACHE_DIR": str(tmp_path), "COLUMNS": "100"}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env) for _ in range(2)]
    first, second = (r.stdout.strip().split("\n") for r in runs)
    assert first[-1] == "True False False", runs[0].stdout
    assert second[-1] == "False False False", runs[1].stdout
    assert first[:-1] == second[:-1] and "10/01/2026" in first[0]  # the make-up Saturday


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the same error, with the same message
        return type(exc).__name__, str(exc)


def test_every_parameter_coerces_as_typer_does(tmp_path: Path) -> None:
    """The deferred coercion (cli/coercion.py) against typer's own, on every parameter of
    every command, for the values a command line gives (texts, lists of texts, nothing)
    and a few it does not (bytes, a number)."""
    from typer import _click as click
    from typer._coercion import build_runtime_param

    from motcua_cli.cli import coercion, load_all

    existing = tmp_path / "x.csv"
    existing.write_text("a\n", encoding="utf-8")
    values: list[Any] = [None, "5", " 2026-Q3 ", "", str(existing), b"bytes", 7, ("a", "b"), ["5", "6"], (str(existing),)]
    root = load_all()
    commands: list[Any] = []
    todo: list[Any] = [root]
    while todo:
        command = todo.pop()
        commands.append(command)
        todo.extend(getattr(command, "commands", {}).values())
    checked = deferred = 0
    for command in commands:
        ctx = click.Context(command)
        for param in command.params:
            if not hasattr(param, "type_descriptor"):
                continue  # click's own (--help)
            param._runtime_param = None
            ours = param.get_runtime_param()
            theirs = build_runtime_param(param.type_descriptor)
            deferred += isinstance(ours, coercion.DeferredRuntimeParam)
            for value in values:
                assert _outcome(ours, value, param, ctx) == _outcome(theirs, value, param, ctx), (command.name, param.name, value)
                checked += 1
    assert deferred > 100 and checked > 1000, (deferred, checked)
