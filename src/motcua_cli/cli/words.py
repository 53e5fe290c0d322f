"""The command-line framework's own words, in the user's language.

Typer (and the click it carries) writes its help headings, its placeholders
(`<list[Path]>`, `<str>`) and its usage errors ("No such option: --perod") in English
and for programmers. motcua's users read Vietnamese, or English with `--lang en`, so:

- `prepare(command)` walks the command tree once and gives every command a context whose
  help formatter speaks the language, and every parameter a placeholder in words
  (`TỆP…`, `KỲ`, `NGÀY`, `SỐ`);
- under `--lang en`, the Vietnamese help texts are swapped for their English entries in
  `help_en.py` while the help is written;
- `error_text(exc, lang)` words each kind of usage error (by its class and fields, not by
  parsing English), with the framework's "did you mean" kept.

The language is read from the arguments before the framework parses them
(`lang_of_args`), so `motcua --help --lang en` and a usage error before the root callback
runs both know it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from difflib import get_close_matches
from typing import Any

import typer
from typer import _click as click
from typer.core import TyperArgument, TyperOption

from .help_en import HELP_EN

LANG: ContextVar[str] = ContextVar("motcua_help_lang", default="vi")


def lang_of_args(args: Sequence[str]) -> str:
    """`--lang X` or `--lang=X` among the arguments, else $MOTCUA_LANG, else vi."""
    found = os.environ.get("MOTCUA_LANG", "vi")
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found if found in ("vi", "en") else "vi"


# Placeholders in words, by parameter name: (Vietnamese, English).
METAVARS: dict[str, tuple[str, str]] = {
    "files": ("TỆP…", "FILE…"),
    "paths": ("TỆP…", "FILE…"),
    "args": ("[NĂM] | add NGÀY SỐ_NGÀY | between NGÀY NGÀY", "[YEAR] | add DATE N_DAYS | between DATE DATE"),
    "snapshot": ("NGÀY", "DATE"),
    "reporting_unit": ("TÊN", "NAME"),
    "fail_under_text": ("PCT", "PCT"),
    "file": ("TỆP", "FILE"),
    "path": ("TỆP", "FILE"),
    "store": ("THƯ_MỤC", "FOLDER"),
    "quarantine": ("THƯ_MỤC", "FOLDER"),
    "output": ("TỆP", "FILE"),
    "rejects": ("TỆP", "FILE"),
    "config": ("TỆP", "FILE"),
    "period": ("KỲ", "PERIOD"),
    "date_from": ("NGÀY", "DATE"),
    "date_to": ("NGÀY", "DATE"),
    "as_of": ("NGÀY", "DATE"),
    "day": ("NGÀY", "DATE"),
    "days": ("NGÀY", "DATE"),
    "cutoff_day": ("SỐ", "N"),
    "top": ("SỐ", "N"),
    "within": ("SỐ", "N"),
    "samples": ("SỐ", "N"),
    "keep": ("SỐ", "N"),
    "wait": ("GIÂY", "SECONDS"),
    "max_unpacked_mb": ("MB", "MB"),
    "max_cells": ("SỐ", "N"),
    "fail_under": ("PCT", "PCT"),
    "max_rejects": ("NGƯỠNG", "LIMIT"),
    "lang": ("vi|en", "vi|en"),
    "policy": ("TÊN", "NAME"),
    "end": ("finished|returned", "finished|returned"),
    "by": ("NHÓM", "GROUP"),
    "unit": ("ĐƠN_VỊ", "UNIT"),
    "field": ("LĨNH_VỰC", "FIELD"),
    "channel": ("KÊNH", "CHANNEL"),
    "sort": ("CỘT", "COLUMN"),
    "format": ("ĐỊNH_DẠNG", "FORMAT"),
    "encoding": ("BẢNG_MÃ", "ENCODING"),
    "sheet": ("TRANG", "SHEET"),
    "dossier_id": ("MÃ", "ID"),
    "id": ("MÃ", "ID"),
    "year": ("NĂM", "YEAR"),
    "name": ("TÊN", "NAME"),
    "mail": ("LỆNH", "COMMAND"),
}
# Any other parameter: by its type's name.
TYPE_METAVARS: dict[str, tuple[str, str]] = {
    "int": ("SỐ", "N"),
    "float": ("SỐ", "N"),
    "path": ("TỆP", "FILE"),
    "str": ("CHỮ", "TEXT"),
}

WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "Usage": "Cách dùng",
        "Options": "Tùy chọn",
        "Arguments": "Đối số",
        "Commands": "Lệnh",
        "[OPTIONS]": "[TÙY_CHỌN]",
        "COMMAND [ARGS]...": "LỆNH [ĐỐI_SỐ]...",
        "help": "In trợ giúp này rồi thoát.",
        "default": "mặc định",
        "required": "bắt buộc",
        "try": "Xem '{command} {option}' để biết cách dùng.",
        "error": "Lỗi",
        "aborted": "Đã hủy.",
    },
    "en": {
        "Usage": "Usage",
        "Options": "Options",
        "Arguments": "Arguments",
        "Commands": "Commands",
        "[OPTIONS]": "[OPTIONS]",
        "COMMAND [ARGS]...": "COMMAND [ARGS]...",
        "help": "Show this help and exit.",
        "default": "default",
        "required": "required",
        "try": "Try '{command} {option}' for help.",
        "error": "Error",
        "aborted": "Aborted.",
    },
}


# Help of the options the framework adds itself (Typer's completion options).
FRAMEWORK_VI = {
    "Install completion for the current shell.": "Cài tự hoàn thành lệnh (phím Tab) cho cửa sổ dòng lệnh đang dùng.",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "In đoạn tự hoàn thành lệnh cho cửa sổ dòng lệnh đang dùng, để chép hoặc tự cài."
    ),
}


def word(key: str, lang: str | None = None) -> str:
    return WORDS[lang or LANG.get()][key]


def _metavar(param: click.core.Parameter) -> str:
    bare = param.bare_type().lower().removeprefix("list[").rstrip("]") if hasattr(param, "bare_type") else ""
    pair = METAVARS.get(param.name or "") or TYPE_METAVARS.get(bare, ("GIÁ_TRỊ", "VALUE"))
    return pair[1] if LANG.get() == "en" else pair[0]


class WordOption(TyperOption):
    """An option whose placeholder is a word (`KỲ`), not a type (`<str>`)."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return _metavar(self)


class WordArgument(TyperArgument):
    """An argument shown by its placeholder (`TỆP…`) in the usage line and the help."""

    def display_type_rich(self, ctx: click.Context) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return _metavar(self)

    def _usage_display_name(self) -> str:
        name = _metavar(self)
        return name if self.required else f"[{name}]"


_BRACKETS = re.compile(r"\[(default|required)(: )?")


class WordFormatter(click.formatting.HelpFormatter):
    """Headings, the usage prefix and the '[default: …]' words in the help's language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", word("[OPTIONS]")).replace("COMMAND [ARGS]...", word("COMMAND [ARGS]..."))
        super().write_usage(prog, args, prefix=f"{word('Usage')}: " if prefix is None else prefix)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(WORDS[LANG.get()].get(name, name)):
            yield

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        def words(text: str) -> str:
            text = text.replace("Show this message and exit.", word("help"))
            if LANG.get() == "vi":  # the framework's own options
                for english, vietnamese in FRAMEWORK_VI.items():
                    text = text.replace(english, vietnamese)
            return _BRACKETS.sub(lambda m: "[" + word(m.group(1)) + (m.group(2) or ""), text)

        super().write_dl([(term, words(text)) for term, text in rows], col_max, col_spacing)


class WordContext(click.Context):
    formatter_class = WordFormatter

    def get_help(self) -> str:
        with english(self.command):
            return super().get_help()

    def get_usage(self) -> str:
        with english(self.command):
            return super().get_usage()


@contextmanager
def english(command: click.core.Command) -> Iterator[None]:
    """Under `--lang en`, the command's (and its subcommands') help texts in English
    while the help is written; the Vietnamese ones are put back after."""
    if LANG.get() != "en":
        yield
        return
    saved: list[tuple[Any, str, str | None]] = []

    def swap(obj: Any, attr: str) -> None:
        text = getattr(obj, attr, None)
        if text and text in HELP_EN:
            saved.append((obj, attr, text))
            setattr(obj, attr, HELP_EN[text])

    for cmd in [command, *getattr(command, "commands", {}).values()]:
        for attr in ("help", "short_help", "epilog"):
            swap(cmd, attr)
        for param in cmd.params:
            swap(param, "help")
    try:
        yield
    finally:
        for obj, attr, text in reversed(saved):
            setattr(obj, attr, text)


def _lang_anywhere(ctx: click.Context, param: Any, value: str | None) -> None:
    """`motcua report FILE --lang en`: the language given after the command name, as
    officials type it, works as it does before (the root's `--lang`)."""
    if value is None or ctx.resilient_parsing:
        return
    if value not in ("vi", "en"):
        raise click.exceptions.BadParameter("--lang phải là vi hoặc en / must be vi or en", ctx=ctx, param=param)
    root = ctx.find_root()
    if root.obj is not None and hasattr(root.obj, "lang"):
        root.obj.lang = value


def _lang_option() -> TyperOption:
    from typer._coercion import resolve_type_descriptor  # the framework's own way to type an option
    from typer.models import OptionInfo

    return TyperOption(
        param_decls=["--lang"],
        type_descriptor=resolve_type_descriptor(annotation=str, parameter_info=OptionInfo()),
        hidden=True,
        help="Ngôn ngữ hiển thị: vi (mặc định) hoặc en.",  # the root's text (help_en has it)
        expose_value=False,
        is_eager=True,
        callback=_lang_anywhere,
    )


def prepare(command: click.core.Command) -> None:
    """Give the command, its parameters and its subcommands the framework's words, and
    each subcommand a hidden `--lang` (the root's, accepted after the command name)."""
    command.context_class = WordContext
    if command.name != "motcua" and not any(p.name == "lang" for p in command.params):
        command.params.append(_lang_option())
    for param in command.params:
        if type(param) is TyperOption:
            param.__class__ = WordOption
        elif type(param) is TyperArgument:
            param.__class__ = WordArgument
    for sub in getattr(command, "commands", {}).values():
        prepare(sub)


def help_texts(command: click.core.Command) -> Iterator[str]:
    """Every help text the command tree declares (for the test that each has English)."""
    for attr in ("help", "short_help", "epilog"):
        if text := getattr(command, attr, None):
            yield text
    for param in command.params:
        if (text := getattr(param, "help", None)) and param.name != "help":
            yield text
    for sub in getattr(command, "commands", {}).values():
        yield from help_texts(sub)


# ---- usage errors ----

_VALUE_WORDS: list[tuple[re.Pattern[str], str, str]] = [
    # Typer checks values with pydantic, whose messages do not repeat the value.
    (re.compile(r"^Input should be a valid integer"), "cần một số nguyên.", "a whole number is needed."),
    (re.compile(r"^Input should be a valid number"), "cần một số.", "a number is needed."),
    (re.compile(r"^Input should be a valid boolean"), "cần có hoặc không.", "yes or no is needed."),
    (re.compile(r"^Input should be (?P<c>.*)$"), "cần là {c}.", "should be {c}."),
    (re.compile(r"^'?(?P<v>.*?)'? is not a valid integer\.?$"), "'{v}' không phải là số nguyên.", "'{v}' is not a whole number."),
    (re.compile(r"^'?(?P<v>.*?)'? is not a valid float\.?$"), "'{v}' không phải là số.", "'{v}' is not a number."),
    (re.compile(r"^'?(?P<v>.*?)'? is not a valid boolean\.?$"), "'{v}' không phải có/không.", "'{v}' is not yes/no."),
    (
        re.compile(r"^'?(?P<v>.*?)'? is not one of (?P<c>.*?)\.?$"),
        "'{v}' không nằm trong: {c}.",
        "'{v}' is not one of: {c}.",
    ),
    (
        re.compile(r"^(File|Path|Directory) '?(?P<v>.*?)'? does not exist\.?$"),
        "không có '{v}'.",
        "'{v}' does not exist.",
    ),
]


def _value_words(message: str, lang: str) -> str:
    for pattern, vi, en in _VALUE_WORDS:
        if m := pattern.match(message.strip()):
            return (en if lang == "en" else vi).format(**m.groupdict())
    return message


def _hint(exc: click.exceptions.BadParameter) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(hint)
    if exc.param is not None:
        if isinstance(exc.param, TyperArgument):
            return _metavar(exc.param)
        return " / ".join(exc.param.opts)
    return ""


def error_text(exc: click.exceptions.ClickException, lang: str) -> str:
    """The framework's usage error in the user's language."""
    en = lang == "en"
    E = click.exceptions
    if isinstance(exc, E.NoSuchOption):
        text = f"No such option: {exc.option_name}." if en else f"Không có tùy chọn {exc.option_name}."
        if exc.possibilities:
            # The closest first (difflib's order), the others in brackets.
            best, *others = get_close_matches(exc.option_name, list(exc.possibilities), n=3, cutoff=0) or list(exc.possibilities)
            text += f" Did you mean {best}?" if en else f" Có phải ý bạn là {best}?"
            if others:
                text += f" (or {', '.join(others)})" if en else f" (hoặc {', '.join(others)})"
        return text
    if isinstance(exc, E.MissingParameter):
        hint = _hint(exc)
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        if en:
            return f"Missing {kind} {hint}.".replace("  ", " ")
        what = {"argument": "đối số", "option": "tùy chọn"}.get(kind, "giá trị")
        return f"Thiếu {what} {hint}.".replace("  ", " ")
    if isinstance(exc, E.BadParameter):
        hint, value = _hint(exc), _value_words(exc.message, lang)
        if en:
            return f"Invalid value for {hint}: {value}" if hint else f"Invalid value: {value}"
        return f"Giá trị không hợp lệ cho {hint}: {value}" if hint else f"Giá trị không hợp lệ: {value}"
    if isinstance(exc, E.BadOptionUsage):
        if m := re.match(r"Option '?(.*?)'? requires an argument", exc.message):
            return f"Option {m.group(1)} needs a value." if en else f"Tùy chọn {m.group(1)} cần một giá trị."
        if m := re.match(r"Option '?(.*?)'? requires (\d+) arguments", exc.message):
            return f"Option {m.group(1)} needs {m.group(2)} values." if en else f"Tùy chọn {m.group(1)} cần {m.group(2)} giá trị."
        if m := re.match(r"Option '?(.*?)'? does not take a value", exc.message):
            return f"Option {m.group(1)} takes no value." if en else f"Tùy chọn {m.group(1)} không nhận giá trị."
        return exc.message
    message = exc.message
    if m := re.match(r"No such command '(.*?)'\.?(?: Did you mean (.*)\?)?$", message):
        if en:
            return f"No such command '{m.group(1)}'." + (f" Did you mean {m.group(2)}?" if m.group(2) else "")
        return f"Không có lệnh '{m.group(1)}'." + (f" Có phải ý bạn là {m.group(2)}?" if m.group(2) else "")
    if m := re.match(r"Got unexpected extra arguments? \((.*)\)", message):
        return f"Unexpected extra arguments: {m.group(1)}" if en else f"Thừa đối số: {m.group(1)}"
    if message.startswith("Missing command"):
        return "Missing command." if en else "Thiếu tên lệnh."
    return message


def show_error(exc: click.exceptions.ClickException, lang: str) -> None:
    """Usage line, where to read the help, and the error, on stderr, in the user's words."""
    token = LANG.set(lang)
    try:
        lines: list[str] = []
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            lines.append(ctx.get_usage())
            if ctx.command.get_help_option(ctx) is not None:
                lines.append(word("try", lang).format(command=ctx.command_path, option=ctx.help_option_names[0]))
            lines.append("")
        lines.append(f"{word('error', lang)}: {error_text(exc, lang)}")
        typer.echo("\n".join(lines), err=True)
    finally:
        LANG.reset(token)
