"""Every command and option has help text and is in the README (as sqlite-utils does)."""

from __future__ import annotations

import re

from motcua_cli.cli import app, load_all

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
# The user documentation: the README and the guides under docs/.
DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))


def _commands():  # type: ignore[no-untyped-def]
    """The root group and every command, sub-commands named "store info" and so on."""
    group = load_all()
    out = {}
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        if subs:
            out.update({f"{name} {sub}": c for sub, c in subs.items()})
        else:
            out[name] = cmd
    return group, out


def test_every_command_has_help_with_an_example_and_is_documented() -> None:
    _, commands = _commands()
    assert set(commands) >= {"inspect", "report", "form", "overdue", "explain", "calendar", "ingest", "store verify"}
    for name, cmd in commands.items():
        assert cmd.help and "Ví dụ" in cmd.help, name
        assert f"motcua {name}" in README, name  # every command is in the README itself


def test_every_option_has_help_and_is_in_readme() -> None:
    group, commands = _commands()
    missing = []
    for name, cmd in [("", group), *commands.items()]:
        for param in cmd.params:
            if param.param_type_name != "option":
                continue
            assert getattr(param, "help", None), f"{name} {param.opts}"
            longest = max(param.opts, key=len)
            if longest in ("--help", "--install-completion", "--show-completion"):
                continue
            if not re.search(re.escape(longest) + r"\b", DOCS):
                missing.append(f"{name} {longest}")
    assert not missing, missing


def test_help_lists_commands_in_the_order_of_the_daily_work_and_examples_one_per_line() -> None:
    from typer.testing import CliRunner

    runner = CliRunner()
    top = runner.invoke(app, ["--help"]).stdout
    listed = [line.split()[0] for line in top.split("Lệnh:")[1].splitlines() if line.startswith("  ") and line.split()]
    assert listed[:5] == ["report", "overdue", "form", "audit", "inspect"]
    page = runner.invoke(app, ["report", "--help"]).stdout
    examples = [line.strip() for line in page.splitlines() if line.strip().startswith("motcua report")]
    assert len(examples) == 5 and all(e.count("motcua ") == 1 for e in examples)
