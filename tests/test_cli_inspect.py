"""`motcua inspect` through the command line: output, exit statuses, bad input."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from typer.testing import CliRunner

from motcua_cli import __version__

from .conftest import SAMPLE_DIR, run


def test_version_matches_package(runner: CliRunner) -> None:
    result = run(runner, "--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"motcua {__version__}"
    assert __version__ == "0.1.0"


def test_inspect_all_samples_json(runner: CliRunner, sample_files: list[Path], expect: dict) -> None:
    result = run(runner, "inspect", *map(str, sample_files), "--format", "json")
    assert result.exit_code == 0, result.output
    files = json.loads(result.stdout)["files"]
    assert len(files) == len(sample_files) == 6
    for f in files:
        name = Path(f["file"]).name
        assert f["counts"]["kept"] == expect[name]["kept"]
        assert {"dossier_id", "received_at", "due_at"} <= {m["field"] for m in f["mapping"]}
        assert f["samples"] and "dossier_id" in f["samples"][0]


def test_inspect_table_in_vietnamese_and_english(runner: CliRunner) -> None:
    path = str(SAMPLE_DIR / "xa_dak_mil_cp1258.csv")
    vi = run(runner, "inspect", path)
    assert vi.exit_code == 0
    assert "Ánh xạ cột" in vi.stdout and "Dòng bị loại 1" in vi.stdout
    en = run(runner, "--lang", "en", "inspect", path)
    assert "Column mapping" in en.stdout and "Rows rejected 1" in en.stdout


def test_rejects_file_is_csv_with_bom_and_inert_formulas(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.csv"
    src.write_text(
        'Mã hồ sơ,Tên thủ tục,Ngày nhận\r\nH1,"=HYPERLINK(""http://x"",""y"")",bad date\r\nH2,Khai sinh,02/01/2026\r\n',
        encoding="utf-8",
    )
    out = tmp_path / "rejects.csv"
    result = run(runner, "inspect", str(src), "--rejects", str(out))
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pl.read_csv(io.BytesIO(raw))
    assert frame.height == 1 and frame["source_row"].to_list() == [2]
    assert "'=HYPERLINK" not in frame["cells"][0]  # the cell text starts with the header name
    assert frame["value"].to_list() == ["bad date"]
    # A cell value that starts with "=" is written with a leading apostrophe: inert text.
    src.write_text('Mã hồ sơ,Ngày nhận\r\nH9,"=HYPERLINK(""http://x"",""y"")"\r\n', encoding="utf-8")
    assert run(runner, "inspect", str(src), "--rejects", str(out)).exit_code == 0
    assert pl.read_csv(out)["value"].to_list() == ['\'=HYPERLINK("http://x","y")']


def test_max_rejects_exit_status_4(runner: CliRunner) -> None:
    path = str(SAMPLE_DIR / "xa_dak_mil_cp1258.csv")
    assert run(runner, "inspect", path, "--max-rejects", "0").exit_code == 4
    assert run(runner, "inspect", path, "--max-rejects", "1").exit_code == 0
    assert run(runner, "inspect", path, "--max-rejects", "0.1%").exit_code == 4
    assert run(runner, "inspect", path, "--max-rejects", "1%").exit_code == 0
    assert run(runner, "inspect", path, "--max-rejects", "nhiều").exit_code == 2


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp / "empty.csv"
    empty.write_bytes(b"")
    noheader = tmp / "noheader.csv"
    noheader.write_text("Lĩnh vực,Số lượng\r\nHộ tịch,5\r\n", encoding="utf-8")
    good = tmp / "good.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Mã hồ sơ", "Ngày nhận"])
    for i in range(2000):
        wb.active.append([f"H{i}", "02/01/2026"])
    wb.save(good)
    truncated = tmp / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    binary = tmp / "binary.csv"
    binary.write_bytes(bytes(range(256)) * 40)
    notbook = tmp / "archive.xlsx"
    with zipfile.ZipFile(notbook, "w") as zf:
        zf.writestr("readme.txt", "hello")
    legacy = tmp / "tcvn3.csv"
    # "Mã hồ sơ,Ngày tiếp nhận" typed with the TCVN3 (ABC) font encoding.
    legacy.write_bytes("M· hå s¬,Ngµy tiÕp nhËn\r\nH1,02/01/2026\r\n".encode("cp1258", errors="replace"))
    return {
        "empty": (empty, "rỗng"),
        "no header": (noheader, "Không tìm thấy dòng tiêu đề"),
        "truncated xlsx": (truncated, "bị hỏng"),
        "binary named csv": (binary, "nhị phân"),
        "zip that is no workbook": (notbook, "không phải bảng tính"),
        "legacy font encoding": (legacy, "TCVN3"),
        "missing file": (tmp / "khong_co.xlsx", "Không tìm thấy tệp"),
        "directory": (tmp, "thư mục"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "empty",
        "no header",
        "truncated xlsx",
        "binary named csv",
        "zip that is no workbook",
        "legacy font encoding",
        "missing file",
        "directory",
    ],
)
def test_bad_input_gets_message_and_status_3_without_traceback(runner: CliRunner, tmp_path: Path, case: str) -> None:
    path, words = _bad_inputs(tmp_path)[case]
    result = run(runner, "inspect", str(path))
    assert result.exit_code == 3, result.output
    assert words in result.stderr
    assert str(path) in result.stderr.replace("\n", "")
    assert "Traceback" not in result.output + result.stderr
    en = run(runner, "--lang", "en", "inspect", str(path))
    assert en.exit_code == 3 and "Traceback" not in en.stderr
    assert "Lỗi" not in en.stderr and "Error" in en.stderr


def test_one_bad_file_does_not_hide_the_good_ones(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "inspect", str(tmp_path / "none.csv"), str(SAMPLE_DIR / "so_cong_thuong_2003.xml"), "--format", "json")
    assert result.exit_code == 3
    files = json.loads(result.stdout)["files"]
    assert files[0]["error"]["status"] == 3 and files[1]["counts"]["kept"] == 500


def test_unknown_format_option_is_usage_error(runner: CliRunner) -> None:
    result = run(runner, "inspect", str(SAMPLE_DIR / "so_cong_thuong_2003.xml"), "--format", "pdf")
    assert result.exit_code == 2 and "--format" in result.stderr


def test_debug_shows_traceback_only_when_asked(runner: CliRunner, tmp_path: Path) -> None:
    missing = str(tmp_path / "x.csv")
    assert "Traceback" in run(runner, "--debug", "inspect", missing).stderr
    assert "Traceback" not in run(runner, "inspect", missing).stderr


def test_unexpected_error_is_status_1_with_advice(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import motcua_cli.cli.inspect as cmd

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(cmd, "load_file", boom)
    result = run(runner, "inspect", str(SAMPLE_DIR / "so_cong_thuong_2003.xml"))
    assert result.exit_code == 1
    assert "--debug" in result.stderr and "Traceback" not in result.stderr


def test_bad_config_is_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    cfg = tmp_path / "motcua.toml"
    cfg.write_text('[columns]\n"Ngày" = "ngay_moi"\n', encoding="utf-8")
    result = run(runner, "--config", str(cfg), "inspect", str(SAMPLE_DIR / "so_cong_thuong_2003.xml"))
    assert result.exit_code == 2 and "ngay_moi" in result.stderr
