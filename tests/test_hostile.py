"""Hostile files get a clear refusal (exit 3) in bounded time, never a crash."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from .conftest import run


def test_cells_spread_over_an_absurd_extent_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "sparse.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Mã hồ sơ"
    wb.active["XFD1048576"] = "x"
    wb.save(path)
    result = run(runner, "inspect", str(path))
    assert result.exit_code == 3 and "--max-cells" in result.stderr and "Traceback" not in result.stderr


def test_zip_bomb_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (40 * 1024 * 1024) + b">")
    result = run(runner, "inspect", str(path))
    assert result.exit_code == 3 and "bom nén" in result.stderr
    assert run(runner, "--max-unpacked-mb", "10", "inspect", str(path)).exit_code == 3


def test_xml_entities_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};">' for i in range(1, 10))
    path = tmp_path / "laughs.xml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY l0 "ha">{laughs}]>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row>'
        "<Cell><Data>&l9;</Data></Cell></Row></Table></Worksheet></Workbook>",
        encoding="utf-8",
    )
    result = run(runner, "inspect", str(path))
    assert result.exit_code == 3 and "ENTITY" in result.stderr
    external = tmp_path / "xxe.xml"
    external.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>'
        "<Row><Cell><Data>&e;</Data></Cell></Row></Table></Worksheet></Workbook>",
        encoding="utf-8",
    )
    result = run(runner, "inspect", str(external))
    assert result.exit_code == 3 and "root:" not in result.stdout + result.stderr


def test_repeated_headers_short_and_long_rows_and_bom_inside(runner: CliRunner, tmp_path: Path) -> None:
    from motcua_cli.load import load_file

    head = "Mã hồ sơ,Ngày nhận,Trạng thái"
    lines = [
        head,
        "H1,02/01/2026,Đang xử lý",
        "\ufeff" + head,
        "H2,03/01/2026",
        "H3,04/01/2026,Đang xử lý,thừa,thừa",
        "\ufeffH4,05/01/2026,10",
    ]
    path = tmp_path / "a.csv"
    path.write_text("\n".join(lines[:3]) + "\r\n" + "\r\n".join(lines[3:]) + "\n", encoding="utf-8")
    dossiers, _, report = load_file(path)
    assert report.counts["repeated_header"] == 1
    assert dossiers["dossier_id"].to_list() == ["H1", "H2", "H3", "H4"]
    assert report.flags.get("extra_cells") == 1


# --- the generated corpus (tests/hostile_corpus.py) -----------------------------------

from .hostile_corpus import CORPUS, Hostile  # noqa: E402


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for case in CORPUS:
        (folder / case.name).write_bytes(case.build())
    return folder


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_hostile_corpus(runner: CliRunner, corpus_dir: Path, case: Hostile) -> None:
    path = corpus_dir / case.name
    result = run(runner, "report", str(path), "--period", "2026-Q3", "-f", "json")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == case.exit, result.stderr
    if case.exit:
        for fragment in case.says:
            assert fragment in result.stderr
        english = run(runner, "--lang", "en", "report", str(path), "--period", "2026-Q3")
        assert english.exit_code == case.exit and case.name in english.stderr
        return
    (inputs,) = json.loads(result.stdout)["inputs"]
    for key, value in case.counts.items():
        assert inputs[key] == value, key
    assert inputs["rows_read"] == inputs["kept"] + inputs["rejected"] + inputs["duplicate"]


def test_mended_files_say_what_was_mended(corpus_dir: Path) -> None:
    from motcua_cli.load import load_file

    dossiers, _, report = load_file(corpus_dir / "nul_in_cell.csv")
    assert report.repairs == {"nul_bytes_removed": 2}
    assert dossiers["procedure_name"][3] == "Cấp bản sao trích lục"
    dossiers, _, report = load_file(corpus_dir / "mixed_line_endings.csv")
    assert report.repairs == {"line_endings_made_uniform": 1} and dossiers.height == 30
    dossiers, _, report = load_file(corpus_dir / "stray_bad_byte.csv")
    assert report.repairs == {"invalid_utf8_replaced": 1} and report.encoding == "utf-8"
    assert set(dossiers["field"]) == {"Hộ tịch"} and dossiers["dossier_id"][7] == "\ufffdHS-000007"
    dossiers, _, _ = load_file(corpus_dir / "long_cell.csv")
    assert len(dossiers["procedure_name"][5]) == len("Thủ tục " * 250_000) - 1  # trimmed end space


def test_every_repair_the_reader_can_make_has_a_label() -> None:
    import inspect
    import re

    from motcua_cli.messages import LABELS
    from motcua_cli.read import delimited

    keys = set(re.findall(r'repairs\["(\w+)"\]', inspect.getsource(delimited)))
    assert keys == {"nul_bytes_removed", "line_endings_made_uniform", "invalid_utf8_replaced"}
    assert keys <= set(LABELS)
