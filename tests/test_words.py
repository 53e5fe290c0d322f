"""The command-line framework's own words (help headings, placeholders, usage errors) are
in the user's language: Vietnamese by default, English with --lang en (issue 18)."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from motcua_cli.cli import app, load_all
from motcua_cli.cli.help_en import HELP_EN
from motcua_cli.cli.words import help_texts

runner = CliRunner()


def invoke(args: list[str]):  # type: ignore[no-untyped-def]
    return runner.invoke(app, args, prog_name="motcua")


TYPE_PLACEHOLDER = re.compile(r"<(str|int|float|path|Path|list\[[^\]]*\])>")


def commands() -> list[list[str]]:
    """Every command path of the tree, the root included."""
    found: list[list[str]] = []

    def walk(cmd: typer.main.click.Command, path: list[str]) -> None:  # type: ignore[name-defined]
        found.append(path)
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, [*path, name])

    walk(load_all(), [])
    return found


def test_every_help_text_has_its_english_and_no_english_entry_is_stale() -> None:
    declared = set(help_texts(load_all()))
    assert declared - set(HELP_EN) == set(), "help texts with no English in cli/help_en.py"
    assert set(HELP_EN) - declared == set(), "entries of cli/help_en.py no command declares"
    assert all(HELP_EN[t] != t for t in declared if re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", t))


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p) or "motcua")
def test_help_in_vietnamese_by_default_and_english_with_lang_en(path: list[str]) -> None:
    vi = invoke([*path, "--help"])
    assert vi.exit_code == 0, vi.output
    assert "Cách dùng:" in vi.stdout and "Usage:" not in vi.stdout
    assert "In trợ giúp này rồi thoát." in vi.stdout and "Show this message" not in vi.stdout
    assert "[default:" not in vi.stdout and "[required]" not in vi.stdout
    assert not TYPE_PLACEHOLDER.search(vi.stdout), vi.stdout  # placeholders are words: KỲ, NGÀY, TỆP…

    # --lang is the root's option: before the command, and --help may come before it.
    for args in (["--lang", "en", *path, "--help"], ["--lang=en", *path, "-h"]):
        en = invoke(args)
        assert en.exit_code == 0, en.output
        assert "Usage:" in en.stdout and "Cách dùng" not in en.stdout
        assert "Show this help and exit." in en.stdout
        assert not TYPE_PLACEHOLDER.search(en.stdout)
        if path:  # the command's own description and options are English
            assert "Ví dụ" not in en.stdout
            assert ("Examples" in en.stdout) == ("Ví dụ" in vi.stdout), en.stdout
            assert not re.search(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệọỏốồổỗộớờởỡợụủứừửữự]", en.stdout.split("Examples")[0]), en.stdout


def test_root_help_in_english_even_when_help_comes_first() -> None:
    out = invoke(["--help", "--lang", "en"]).stdout
    assert "Usage: motcua [OPTIONS] COMMAND [ARGS]..." in out
    assert "Commands:" in out


def test_placeholders_name_what_to_type() -> None:
    out = invoke(["report", "--help"]).stdout
    assert "Cách dùng: motcua report [TÙY_CHỌN] [TỆP…]" in out
    for shown in ("-p, --period KỲ", "--as-of NGÀY", "--top SỐ", "-o, --output TỆP", "--store THƯ_MỤC"):
        assert shown in out, shown
    en = invoke(["--lang", "en", "report", "--help"]).stdout
    for shown in ("-p, --period PERIOD", "--as-of DATE", "--top N", "-o, --output FILE", "[FILE…]"):
        assert shown in en, shown


def test_a_mistyped_option_is_answered_in_vietnamese_with_the_nearest_option() -> None:
    result = invoke(["report", "--perod", "2026-Q3"])
    assert result.exit_code == 2
    assert "Lỗi: Không có tùy chọn --perod. Có phải ý bạn là --period?" in result.stderr
    assert "Xem 'motcua report -h' để biết cách dùng." in result.stderr
    assert "No such option" not in result.stderr and "Traceback" not in result.output

    en = invoke(["--lang", "en", "report", "--perod", "2026-Q3"])
    assert en.exit_code == 2
    assert "Error: No such option: --perod. Did you mean --period?" in en.stderr


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (["reprot"], "Lỗi: Không có lệnh 'reprot'. Có phải ý bạn là 'report'?", "Error: No such command 'reprot'. Did you mean 'report'?"),
        (["report", "--top"], "Lỗi: Tùy chọn --top cần một giá trị.", "Error: Option --top needs a value."),
        (
            ["report", "--top", "mười"],
            "Lỗi: Giá trị không hợp lệ cho --top: cần một số nguyên.",
            "Error: Invalid value for --top: a whole number is needed.",
        ),
        (["explain"], "Lỗi: Thiếu tùy chọn --id.", "Error: Missing option --id."),
    ],
)
def test_usage_errors_in_both_languages(args: list[str], vi: str, en: str) -> None:
    result = invoke(args)
    assert result.exit_code == 2, result.output
    assert vi in result.stderr, result.stderr
    english = invoke(["--lang", "en", *args])
    assert english.exit_code == 2
    assert en in english.stderr, english.stderr


def test_inspect_and_explain_name_fields_and_values_in_words() -> None:
    from .conftest import SAMPLE_DIR

    sample = str(SAMPLE_DIR / "xa_dak_mil_cp1258.csv")
    inspected = invoke(["inspect", sample, "--samples", "3"]).stdout
    assert "Ngày tiếp nhận (received_at)" in inspected and "Ngày hẹn trả (due_at)" in inspected
    assert "%d/%m" not in inspected and "Ngày tiếp nhận: 31/12/2026 08:30 ×" in inspected  # date forms as dates
    assert "│ returned " not in inspected and "Đã trả kết quả" in inspected
    files = [str(p) for p in sorted(SAMPLE_DIR.iterdir()) if p.is_file()]
    explained = invoke(["explain", *files, "--id", "STP-250203-0001"]).stdout
    assert "Kênh nộp (channel)" in explained and "Trực tiếp" in explained
    for code in ("in_person", "│ processing", "│ channel ", "│ received_at "):
        assert code not in explained, code


def test_ingest_says_when_the_export_was_taken_as_officials_write_dates() -> None:
    from .conftest import SAMPLE_DIR

    out = invoke(["ingest", str(SAMPLE_DIR / "xa_tan_phu_unicode.txt")])
    assert out.exit_code == 0, out.output
    assert "thời điểm xuất: 20/11/2026 23:59" in out.output and "2026-11-20T" not in out.output


def test_lang_after_the_command_name_works_as_before_it() -> None:
    """`motcua report FILE --lang en`, as officials type it, is the root's --lang: the
    help, the report and the errors follow it; a language that is neither is refused."""
    from .conftest import SAMPLE_DIR

    sample = str(SAMPLE_DIR / "so_nnmt_dongbo_utf8bom.csv")
    after = invoke(["report", sample, "--period", "2026-Q3", "--lang", "en"])
    before = invoke(["--lang", "en", "report", sample, "--period", "2026-Q3"])
    assert after.exit_code == 0 and after.stdout == before.stdout
    assert "DOSSIER PROCESSING REPORT" in after.stdout
    assert invoke(["report", "--help", "--lang", "en"]).stdout.startswith("Usage: motcua report")
    assert invoke(["calendar", "add", "2026-01-09", "1", "--lang", "en"]).stdout.startswith("Received 09/01/2026")
    bad = invoke(["report", sample, "--lang", "fr"])
    assert bad.exit_code == 2 and "--lang" in bad.stderr
