"""Issue 19: a delimited file is validated while Polars scans it (``DelimitedSource.scan``,
one streaming pass over the file). Reading it whole first and validating the frame in
memory (``Source.scan``, the path every spreadsheet takes) gives the same dossiers,
rejects and file report: on every delimited sample file, the hostile corpus, the two
systems' exports (OpenCPS, Thanh Hóa), and fuzzed exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua_cli.read.delimited import DelimitedSource
from motcua_cli.read.grid import Source

from . import fuzz, hostile_corpus, systems
from .conftest import SAMPLE_DIR
from .test_lean import assert_same_outcome, outcome


def _same(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple:
    calls: list[str] = []
    streaming = DelimitedSource.scan

    def counted(self: DelimitedSource, *args: object, **kwargs: object) -> object:
        calls.append(self.path.name)
        return streaming(self, *args, **kwargs)  # type: ignore[arg-type]

    with monkeypatch.context() as m:
        m.setattr(DelimitedSource, "scan", counted)
        lazy = outcome(path)
    with monkeypatch.context() as m:
        m.setattr(DelimitedSource, "scan", Source.scan)  # the whole file read, then validated
        eager = outcome(path)
    assert_same_outcome(lazy, eager, path)
    assert calls or lazy[0] == "refused", f"{path}: the streaming scan was not the path taken"
    return lazy


def test_lazy_equals_eager_on_the_delimited_samples_and_the_systems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(p for p in SAMPLE_DIR.iterdir() if p.suffix in (".csv", ".txt"))
    assert len(files) >= 3
    files += systems.exports(tmp_path, suffix=".csv")
    read = [path for path in files if _same(path, monkeypatch)[0] == "read"]
    assert len(read) == len(files)


def test_lazy_equals_eager_on_the_hostile_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outcomes = {}
    for path in hostile_corpus.write(tmp_path):
        if path.suffix in (".csv", ".txt", ".tsv"):
            outcomes[path.name] = _same(path, monkeypatch)[0]
    assert "read" in outcomes.values() and "refused" in outcomes.values(), outcomes


def test_lazy_equals_eager_on_fuzzed_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compared = rejected = 0
    for index in range(80):
        path, _source, _mutations = fuzz.make_case(index, 23, tmp_path)
        if path.suffix not in (".csv", ".txt"):
            continue
        outcome = _same(path, monkeypatch)
        if outcome[0] == "read":
            compared += 1
            rejected += outcome[3]["counts"]["rejected"] + outcome[3]["counts"]["duplicate"]
    assert compared >= 20 and rejected > 0  # enough delimited cases, and rows that needed care
