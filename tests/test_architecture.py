"""The data flows one way (docs/architecture.md); these rules keep it so."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from motcua_cli.config import load_config

from .conftest import ROOT

PACKAGE = ROOT / "src" / "motcua_cli"


def imports_of(path: Path) -> set[str]:
    """Modules a file imports, as absolute names under motcua_cli where relative."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.add(name)
            out |= {f"{name}.{a.name}" for a in node.names}
    return out


def violations(rules: dict[str, tuple[str, ...]]) -> list[str]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        for scope, forbidden in rules.items():
            if not rel.startswith(scope):
                continue
            for name in imports_of(path):
                if any(name == f or name.startswith(f + ".") for f in forbidden):
                    found.append(f"{rel} imports {name}")
    return sorted(found)


CORE = (
    "read/",
    "mapping.py",
    "validate.py",
    "load.py",
    "dates.py",
    "codes.py",
    "vocab/",
    "folding.py",
    "calendar.py",
    "periods.py",
    "policy.py",
    "scope.py",
    "classify.py",
    "aggregate.py",
    "report.py",
    "notes.py",
    "watchlist.py",
    "explain.py",
    "store.py",
    "config.py",
    "errors.py",
    "messages.py",
)


def test_core_never_imports_the_cli_or_a_terminal_library() -> None:
    rules = dict.fromkeys(CORE, ("motcua_cli.cli", "typer", "rich"))
    assert violations(rules) == []


def test_reading_never_imports_later_steps() -> None:
    later = (
        "motcua_cli.render",
        "motcua_cli.classify",
        "motcua_cli.aggregate",
        "motcua_cli.report",
        "motcua_cli.store",
        "motcua_cli.mapping",
        "motcua_cli.validate",
        "motcua_cli.load",
    )
    assert violations({"read/": later}) == []
    assert violations({"classify.py": ("motcua_cli.render", "motcua_cli.aggregate", "motcua_cli.report")}) == []


def test_render_never_imports_the_cli() -> None:
    assert violations({"render/": ("motcua_cli.cli", "typer")}) == []


def test_the_rule_catches_a_violation(tmp_path: Path) -> None:
    bad = PACKAGE / "read" / "_architecture_probe.py"
    bad.write_text("from ..render.files import write_csv\n", encoding="utf-8")
    try:
        assert violations({"read/": ("motcua_cli.render",)}) == [
            "read/_architecture_probe.py imports motcua_cli.render.files",
            "read/_architecture_probe.py imports motcua_cli.render.files.write_csv",
        ]
    finally:
        bad.unlink()


def test_version_matches_pyproject() -> None:
    import tomllib
    from importlib.metadata import version

    from motcua_cli import __version__

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "motcua_cli.__version__"}
    assert version("motcua") == __version__  # what pip installed says the same
    assert f"## {__version__}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_init_template_is_valid_and_loads(tmp_path: Path) -> None:
    from motcua_cli.cli.init import TEMPLATE

    path = tmp_path / "motcua.toml"
    path.write_text(TEMPLATE, encoding="utf-8")
    config = load_config(path)
    assert config.section("policy")["name"] == "form06"
    assert config.section("calendar")["hours"] == ["07:00-11:30", "13:30-17:00"]


POSIX_ONLY = ("fcntl", "resource", "pwd", "grp", "termios", "tty", "pty", "posix", "crypt", "syslog")


def test_src_imports_no_posix_only_module() -> None:
    """Most officials work on Windows: the store's lock is filelock, not fcntl."""
    assert violations({"": POSIX_ONLY}) == []


def test_the_posix_rule_catches_a_violation() -> None:
    bad = PACKAGE / "_posix_probe.py"
    bad.write_text("import fcntl\n", encoding="utf-8")
    try:
        assert violations({"": POSIX_ONLY}) == ["_posix_probe.py imports fcntl"]
    finally:
        bad.unlink()


def test_motcua_version_answers_without_importing_polars() -> None:
    """Issue 19 (start-up): the lightest command imports neither Polars nor the commands."""
    import subprocess
    import sys

    code = (
        "import sys; sys.argv = ['motcua', '--version']; from motcua_cli.entry import main; main(); "
        "print('polars' in sys.modules, 'motcua_cli.cli' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0].startswith("motcua ") and out[1] == "False False", out


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--help", "--lang", "en"], ["calendar", "add", "2026-01-09", "1"], ["calendar", "between", "2026-07-10", "2026-07-15"]],
)
def test_light_commands_do_not_import_polars(args: list[str]) -> None:
    """Issue 19 (start-up): `motcua --help` lists the commands without importing them, and
    `motcua calendar` works the calendar out in plain Python: neither loads Polars."""
    import subprocess
    import sys

    code = (
        f"import sys; sys.argv = ['motcua', *{args!r}]\n"
        "from motcua_cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('polars' in sys.modules, 'motcua_cli.cli.report' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = done.stdout.strip().split("\n")
    assert lines[-1] == "False False", done.stdout
    assert len(lines) > 1  # the command printed its answer before the check


def test_every_command_has_its_line_and_its_place_and_loads_on_demand() -> None:
    """cli/summaries.py lists each command once, in MotcuaGroup.ORDER, and each loads
    (a command module without a line could never be reached). Run as a user would, in a
    fresh process: a typo is answered with the nearest command, and `store` (a group)
    loads with its subcommands."""
    import subprocess
    import sys

    from motcua_cli.cli import MotcuaGroup, load_all
    from motcua_cli.cli.summaries import SUMMARY

    assert list(SUMMARY) == list(MotcuaGroup.ORDER)
    assert set(load_all().commands) == set(SUMMARY)  # type: ignore[attr-defined]
    typo = subprocess.run([sys.executable, "-m", "motcua_cli", "reprot"], capture_output=True, text=True)
    assert typo.returncode == 2 and "Có phải ý bạn là 'report'?" in typo.stderr
    store = subprocess.run([sys.executable, "-m", "motcua_cli", "store", "--help"], capture_output=True, text=True)
    assert store.returncode == 0 and all(f"  {sub} " in store.stdout for sub in ("info", "log", "verify", "compact", "repair", "export"))
