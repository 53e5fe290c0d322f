"""The command line: thin. Parse options, call the core, render, map errors to exits."""

from __future__ import annotations

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
from .context import Env, env_of
from .words import LANG, WordContext, lang_of_args, prepare, show_error, word


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
        return [n for n in self.ORDER if n in names] + [n for n in names if n not in self.ORDER]

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


from . import audit as _audit  # noqa: E402  (each import registers a command)
from . import calendar as _calendar  # noqa: E402
from . import cron as _cron  # noqa: E402
from . import explain as _explain  # noqa: E402
from . import form as _form  # noqa: E402
from . import ingest as _ingest  # noqa: E402
from . import init as _init  # noqa: E402
from . import inspect as _inspect  # noqa: E402
from . import overdue as _overdue  # noqa: E402
from . import report as _report  # noqa: E402
from . import store as _store  # noqa: E402

_ = (_audit, _calendar, _cron, _explain, _form, _ingest, _init, _inspect, _overdue, _report, _store)


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


__all__ = ["Env", "app", "main"]
