from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "sample_data"
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLE_DIR.iterdir() if p.is_file())


@pytest.fixture(scope="session")
def truth() -> pl.DataFrame:
    return pl.read_csv(DATA_DIR / "sample_truth.csv", infer_schema=False)


@pytest.fixture(scope="session")
def expect() -> dict:
    return json.loads((DATA_DIR / "sample_expect.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def isolated_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never touch the user's store or config."""
    root = tmp_path_factory.mktemp("store")
    monkeypatch.setenv("MOTCUA_STORE", str(root / "kho"))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "config"))
    monkeypatch.delenv("MOTCUA_CONFIG", raising=False)
    # one holiday cache for the session (not the user's); tests of the cache set their own
    monkeypatch.setenv("MOTCUA_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    return root / "kho"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str):
    from motcua_cli.cli import app

    return runner.invoke(app, list(args), catch_exceptions=False)
