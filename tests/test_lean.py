"""Issue 19: the lean query (validate keeps the text of date, duration and OpenCPS code
columns only on the rows that may need it, and reads a duplicate's text again) gives
exactly what keeping every cell gives: the same dossiers, rejects and file report, on
every sample file, the hostile corpus, the two systems' exports and fuzzed exports."""

from __future__ import annotations

import functools
from dataclasses import asdict
from pathlib import Path

import pytest

from motcua_cli import load, validate
from motcua_cli.config import Config
from motcua_cli.errors import MotcuaError

from . import fuzz, hostile_corpus, systems
from .conftest import SAMPLE_DIR


def _outcome(path: Path) -> tuple:
    try:
        dossiers, rejects, report = load.load_file(path, config=Config())
    except MotcuaError as exc:
        return ("refused", type(exc).__name__, exc.message("en"))
    return ("read", dossiers, rejects, asdict(report))


def _same(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:
    lean = _outcome(path)
    with monkeypatch.context() as m:
        m.setattr(load, "validate", functools.partial(validate.validate, lean=False))
        full = _outcome(path)
    assert lean[0] == full[0], path
    if lean[0] == "refused":
        assert lean == full, path
    else:
        assert lean[1].equals(full[1]), f"{path}: dossiers differ"
        assert lean[2].equals(full[2]), f"{path}: rejects differ"
        assert lean[3] == full[3], f"{path}: file report differs"
    return lean


def test_lean_equals_full_on_the_samples_and_the_systems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(p for p in SAMPLE_DIR.iterdir() if p.is_file())
    for seed in (1, 2):
        truth = systems.truth(seed)
        files.append(systems.write_opencps(truth, tmp_path / f"opencps_{seed}.xlsx"))
        files.append(systems.write_thanhhoa(truth, tmp_path / f"thanhhoa_{seed}.xlsx", seed=seed))
    read = [path for path in files if _same(path, monkeypatch)[0] == "read"]
    assert len(read) == len(files)


def test_lean_equals_full_on_the_hostile_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes = [_same(path, monkeypatch)[0] for path in hostile_corpus.write(tmp_path)]
    assert "read" in outcomes and "refused" in outcomes


def test_lean_equals_full_on_fuzzed_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    duplicated = 0
    for index in range(60):
        path, _source, _mutations = fuzz.make_case(index, 19, tmp_path)
        outcome = _same(path, monkeypatch)
        if outcome[0] == "read":
            duplicated += outcome[3]["counts"]["duplicate"]
    assert duplicated > 0  # the re-read of a duplicate's text was exercised


def test_a_duplicate_rows_reject_shows_its_own_date_texts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The superseded row's text was not kept by the query: it is read again from the
    file, so its reject line shows its own cells, not the kept row's or blanks."""
    path = tmp_path / "trung.csv"
    path.write_text(
        "Mã hồ sơ,Lĩnh vực,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái\n"
        "H-1,Đất đai,01/10/2026 08:00,15/10/2026 08:00,,Đang xử lý\n"
        "H-2,Đất đai,02/10/2026 09:30,16/10/2026 09:30,10/10/2026 10:00,Đã trả kết quả\n"
        "H-1,Đất đai,01/10/2026 08:00,15/10/2026 08:00,14/10/2026 16:45,Đã trả kết quả\n"
        'H-3,Đất đai,"",17/10/2026 08:00,,Đang xử lý\n',
        encoding="utf-8",
    )
    _, dossiers, rejects, report = _same(path, monkeypatch)
    assert report["counts"]["duplicate"] == 1 and report["counts"]["rejected"] == 1 and dossiers.height == 2
    (empty,) = rejects.filter(rejects["reason"] == "missing_received_at").iter_rows(named=True)
    assert empty["source_row"] == 5 and empty["value"] == ""  # the cell as written: empty, not absent
    (line,) = rejects.filter(rejects["reason"] == "duplicate").iter_rows(named=True)
    assert line["source_row"] == 2 and line["value"] == "H-1"
    assert "Ngày tiếp nhận: 01/10/2026 08:00" in line["cells"]
    assert "Ngày hẹn trả: 15/10/2026 08:00" in line["cells"]
    assert "Ngày có kết quả:  |" in line["cells"] and "14/10/2026" not in line["cells"]


def test_text_index_and_code_at_give_what_replace_strict_gives() -> None:
    """The streaming query's code lookup (an Enum cast, then small-integer comparisons)
    against Polars' own replace_strict, over texts the status and channel columns hold:
    NFC and NFD forms, spaces around, empty text, texts not in the table, nulls, and a
    table of 300 texts (a wider index type)."""
    import random

    import polars as pl

    from motcua_cli import codes

    rng = random.Random(19)
    found = 0
    known = ["Đã trả kết quả", "Đang xử lý", "Đa\u0303 trả kết quả", " Chờ bổ sung ", "Từ chối", "1", "10", ""]
    known += [f"Trạng thái {i}" for i in range(300)]
    for kind in ("status", "channel"):
        for size in (0, 1, 3, 8, len(known)):
            keys = rng.sample(known, size)
            table = {k: rng.choice([*codes.CODE_TYPES[kind].categories.to_list(), None]) for k in keys}
            cells = pl.Series([rng.choice([*keys, *known[:8], "không có", None]) for _ in range(2000)], dtype=pl.String)
            frame = cells.to_frame("t").lazy()
            fast = (
                frame.with_columns(_ix=codes.text_index(pl.col("t"), table))
                .with_columns(_code=codes.code_at(pl.col("_ix"), table, codes.CODE_TYPES[kind]))
                .collect(engine="streaming")["_code"]
            )
            plain = cells.replace_strict(table, default=None, return_dtype=codes.CODE_TYPES[kind])
            if table:
                assert fast.equals(plain.alias(fast.name)), (kind, size)
                found += len(cells) - fast.null_count()
            else:
                assert fast.dtype == codes.CODE_TYPES[kind] and fast.null_count() == len(cells)
    assert found > 0  # texts were found and given their codes
