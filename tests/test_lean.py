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


def outcome(path: Path) -> tuple:
    """What reading ``path`` gives: ("read", dossiers, rejects, file report) or ("refused", ...)."""
    try:
        dossiers, rejects, report = load.load_file(path, config=Config())
    except MotcuaError as exc:
        return ("refused", type(exc).__name__, exc.message("en"))
    return ("read", dossiers, rejects, asdict(report))


def _same(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:
    lean = outcome(path)
    with monkeypatch.context() as m:
        m.setattr(load, "validate", functools.partial(validate.validate, lean=False))
        full = outcome(path)
    assert_same_outcome(lean, full, path)
    return lean


def assert_same_outcome(one: tuple, other: tuple, path: Path) -> None:
    """Two ``outcome``s of one file are equal: refused alike, or the same frames and report."""
    assert one[0] == other[0], path
    if one[0] == "refused":
        assert one == other, path
    else:
        assert one[1].equals(other[1]), f"{path}: dossiers differ"
        assert one[2].equals(other[2]), f"{path}: rejects differ"
        assert one[3] == other[3], f"{path}: file report differs"


def test_lean_equals_full_on_the_samples_and_the_systems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(p for p in SAMPLE_DIR.iterdir() if p.is_file())
    files += systems.exports(tmp_path, suffix=".xlsx")
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


def _keep_latest_by_sorting(frame):  # type: ignore[no-untyped-def]
    """The rule written plainly (the earlier implementation): rank every row of a
    duplicated id by terminal information, latest date, position; keep the last."""
    import polars as pl

    from motcua_cli import codes
    from motcua_cli.mapping import DATE_FIELDS

    terminal = (
        pl.col("returned_at").is_not_null().cast(pl.Int8)
        + pl.col("finished_at").is_not_null().cast(pl.Int8)
        + pl.col("status").is_in(codes.TERMINAL_STATUSES).fill_null(False).cast(pl.Int8)
    )
    frame = frame.with_columns(_pos=pl.int_range(pl.len()), _dup=pl.col("dossier_id").is_duplicated())
    ranked = (
        frame.filter(pl.col("_dup"))
        .with_columns(_terminal=terminal, _latest=pl.max_horizontal([pl.col(f) for f in DATE_FIELDS]))
        .sort(["dossier_id", "_terminal", "_latest", "_pos"], nulls_last=False)
    )
    is_last = pl.col("_pos") == pl.col("_pos").last().over("dossier_id")
    kept = pl.concat([frame.filter(~pl.col("_dup")), ranked.filter(is_last).drop("_terminal", "_latest")])
    superseded = ranked.filter(~is_last).sort("_pos").drop("_pos", "_dup", "_terminal", "_latest")
    return kept.sort("_pos").drop("_pos", "_dup"), superseded


def test_keep_latest_equals_the_rule_written_plainly() -> None:
    """keep_latest sorts only the duplicated rows and filters the rest: the same kept
    rows in the same order, and the same superseded rows, as ranking every row, on
    frames of several chunks with ties, nulls and terminal states."""
    import random
    from datetime import datetime, timedelta

    import polars as pl

    from motcua_cli import codes
    from motcua_cli.validate import DOSSIER_SCHEMA, keep_latest

    rng = random.Random(19)
    base = datetime(2026, 7, 1, 8)
    for case in range(12):
        parts = []
        for _chunk in range(rng.randint(1, 4)):
            n = rng.randint(1, 300)
            when = [base + timedelta(hours=rng.randrange(0, 200)) if rng.random() < 0.9 else None for _ in range(n)]
            parts.append(
                pl.DataFrame(
                    {
                        "dossier_id": [f"H-{rng.randrange(0, 120 if case % 2 else 4000)}" for _ in range(n)],
                        "status": [rng.choice([*codes.STATUSES, None]) for _ in range(n)],
                        "received_at": when,
                        "due_at": [w + timedelta(days=5) if w and rng.random() < 0.8 else None for w in when],
                        "finished_at": [w + timedelta(days=rng.choice([1, 3])) if w and rng.random() < 0.5 else None for w in when],
                        "returned_at": [w + timedelta(days=4) if w and rng.random() < 0.3 else None for w in when],
                        "source_row": list(range(n)),
                    },
                    schema_overrides={"status": codes.STATUS},
                ).with_columns(
                    pl.lit(None, dtype=DOSSIER_SCHEMA[c]).alias(c) for c in ("supplement_requested_at", "supplement_received_at")
                )
            )
        frame = pl.concat(parts, rechunk=False)
        kept, superseded = keep_latest(frame)
        plain_kept, plain_superseded = _keep_latest_by_sorting(frame)
        assert kept.equals(plain_kept) and superseded.equals(plain_superseded), case
        assert kept["dossier_id"].n_unique() == kept.height
        assert kept.height + superseded.height == frame.height
