"""Issue 19, start-up: small files are read side by side; what comes out is what reading
them in turn gives, in the order given, and the first bad file is the one named."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from motcua_cli import load
from motcua_cli.config import Config
from motcua_cli.errors import InputUnreadable

from .conftest import SAMPLE_DIR


def test_side_by_side_gives_what_in_turn_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(SAMPLE_DIR.iterdir())
    seen: list[str] = []
    together = load.load_files(files, config=Config(), progress=lambda p: seen.append(p.name))
    monkeypatch.setattr(load, "SIDE_BY_SIDE_BYTES", 0)  # every file in turn
    in_turn = load.load_files(files, config=Config())
    assert together.dossiers.equals(in_turn.dossiers) and together.rejects.equals(in_turn.rejects)
    assert [asdict(r) for r in together.reports] == [asdict(r) for r in in_turn.reports]
    assert [r.file for r in together.reports] == [str(f) for f in files]
    assert sorted(seen) == sorted(f.name for f in files)  # every file announced once
    assert together.superseded_across_files == in_turn.superseded_across_files


def test_the_first_bad_file_in_order_is_named(tmp_path: Path) -> None:
    files = sorted(SAMPLE_DIR.iterdir())
    first, second = tmp_path / "a_hong.csv", tmp_path / "b_hong.csv"
    first.write_bytes(b"\x00\x01 not an export")
    second.write_bytes(b"khong phai\n")
    with pytest.raises(InputUnreadable) as caught:
        load.load_files([files[0], first, files[1], second], config=Config())
    assert "a_hong.csv" in caught.value.message("en") and "b_hong.csv" not in caught.value.message("en")
