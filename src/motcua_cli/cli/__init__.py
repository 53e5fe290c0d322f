"""The command line: thin. Parse options, call the core, render, map errors to exits."""

from __future__ import annotations

import difflib
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from typer import _click as click
from typer.core import TyperGroup
from typer.exceptions import TyperException

from .. import __version__
from ..errors import ExitStatus, MotcuaError
from ..messages import label
from . import coercion
from .context import Env, env_of
from .help_en import HELP_EN
from .summaries import SUMMARY
from .words import LANG, WordContext, lang_of_args, prepare, show_error, word

coercion.install()  # typer's adapters only for the values that need them


class MotcuaGroup(TyperGroup):
    """Turns core errors into a bilingual message and an exit status, never a traceback
    unless --debug."""

    # `motcua --help` in the order of the daily work, not the alphabet's.
    ORDER = ("report", "overdue", "form", "audit", "inspect", "explain", "ingest", "store", "cron", "calendar", "init")
    context_class = WordContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        prepare(self)  # placeholders, headings and usage errors in the user's words

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """The framework's own messages (usage errors, help) in the language of `--lang`.
        ``args`` stays None when not given, so that on Windows the framework still expands
        `exports\\*.xlsx` (cmd does not)."""
        lang = lang_of_args(sys.argv[1:] if args is None else list(args))
        token = LANG.set(lang)
        try:
            if not standalone_mode:
                return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            try:
                rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            except click.exceptions.ClickException as exc:
                show_error(exc, lang)
                sys.exit(exc.exit_code)
            except typer.Abort:
                typer.echo(word("aborted", lang), err=True)
                sys.exit(1)
            sys.exit(rv if isinstance(rv, int) else 0)
        finally:
            LANG.reset(token)

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        names = list(super().list_commands(ctx))
        if self is _root(ctx):
            names += [n for n in SUMMARY if n not in names]
        return [n for n in self.ORDER if n in names] + [n for n in names if n not in self.ORDER]

    def get_command(self, ctx: typer.Context, cmd_name: str) -> click.Command | None:  # type: ignore[override]
        """A command's module is imported when the command is used, not before: `motcua
        --help` and `motcua calendar` never import Polars (issue 19, start-up)."""
        found = super().get_command(ctx, cmd_name)
        if found is None and cmd_name in SUMMARY and self is _root(ctx):
            found = _load(cmd_name)
            self.add_command(found, cmd_name)
        return found

    def format_commands(self, ctx: typer.Context, formatter: click.HelpFormatter) -> None:  # type: ignore[override]
        """The commands' lines from cli/summaries.py, none of the commands imported."""
        if self is not _root(ctx):
            return super().format_commands(ctx, formatter)
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(n) for n in names)
        en = LANG.get() == "en"
        rows = []
        for name in names:
            text = SUMMARY.get(name) or self.commands[name].get_short_help_str(limit)
            rows.append((name, click.utils.make_default_short_help(HELP_EN.get(text, text) if en else text, limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> Any:  # type: ignore[override]
        """As the framework's, with "did you mean" among every command, loaded or not."""
        try:
            return self._click_resolve_command(ctx, args)
        except click.exceptions.UsageError as exc:
            matches = difflib.get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if matches:
                exc.message = exc.message.rstrip(".") + ". Did you mean " + ", ".join(f"{m!r}" for m in matches) + "?"
            raise

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except MotcuaError as exc:
            env = env_of(ctx)
            if env.debug:
                traceback.print_exc()
            env.error(exc.message(env.lang))
            raise typer.Exit(int(exc.status)) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # `motcua report ... | head`: the reader has gone. Stop quietly with 1, as Rich
            # and click do on a broken pipe, not with a message nobody can read.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(1) from None
        except Exception:
            env = env_of(ctx)
            if env.debug:
                traceback.print_exc()
            else:
                env.error(label("unexpected", env.lang))
            raise typer.Exit(int(ExitStatus.ERROR)) from None


app = typer.Typer(
    cls=MotcuaGroup,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    help=("motcua: theo dõi thời hạn giải quyết hồ sơ một cửa từ tệp xuất của hệ thống.\n\nVí dụ: motcua inspect sample_data/*"),
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"motcua {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    lang: str = typer.Option(os.environ.get("MOTCUA_LANG", "vi"), "--lang", help="Ngôn ngữ hiển thị: vi (mặc định) hoặc en."),
    debug: bool = typer.Option(False, "--debug", help="In chi tiết lỗi (traceback) khi có lỗi."),
    config: Path | None = typer.Option(
        None, "--config", help="Tệp cấu hình TOML (mặc định: $MOTCUA_CONFIG, ./motcua.toml, ~/.config/motcua/config.toml)."
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."),
    max_unpacked_mb: int | None = typer.Option(
        None, "--max-unpacked-mb", help="Giới hạn dung lượng giải nén của một tệp (mặc định 2048 MB; chống bom nén)."
    ),
    max_cells: int | None = typer.Option(None, "--max-cells", help="Giới hạn số ô một trang tính trải ra (mặc định 200 triệu)."),
) -> None:
    """motcua: theo dõi thời hạn giải quyết hồ sơ một cửa."""
    if lang not in ("vi", "en"):
        raise typer.BadParameter("--lang phải là vi hoặc en / must be vi or en")
    env = env_of(ctx)
    env.lang, env.debug, env.config_path = lang, debug, config
    env.limits = {k: v for k, v in (("unpacked_mb", max_unpacked_mb), ("cells", max_cells)) if v is not None}


def _root(ctx: click.Context) -> click.Command:
    return ctx.find_root().command


def _load(name: str) -> click.Command:
    """Import the command's module (it registers itself on ``app``) and build it."""
    importlib.import_module(f"{__name__}.{name}")
    for info in app.registered_commands:
        if info.name == name:
            built: click.Command = typer.main.get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
            )
            break
    else:
        group = next(g for g in app.registered_groups if g.name == name)
        built = typer.main.get_group_from_info(
            group,
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
            suggest_commands=app.suggest_commands,
        )
        built.name = name
    prepare(built)
    return built


def load_all() -> click.Command:
    """The whole command tree, every command loaded (for the tests that walk it)."""
    group = typer.main.get_command(app)
    for name in SUMMARY:
        ctx = click.Context(group)
        group.get_command(ctx, name)  # type: ignore[attr-defined]
    return group


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="motcua")
    except SystemExit:
        raise
    except BaseException:  # pragma: no cover - errors before the group's handler
        if "--debug" in sys.argv:
            raise
        print(label("unexpected", "en" if "en" in sys.argv else "vi"), file=sys.stderr)
        sys.exit(int(ExitStatus.ERROR))


__all__ = ["Env", "MotcuaGroup", "app", "load_all", "main"]
