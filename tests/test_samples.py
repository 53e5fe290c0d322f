"""The bundled sample exports read back exactly as the generator wrote them."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from motcua_cli.load import load_file

from .conftest import SAMPLE_DIR

SAMPLES = sorted(p.name for p in SAMPLE_DIR.iterdir() if p.is_file())
COMPARED = [
    "procedure_code",
    "procedure_name",
    "field",
    "unit",
    "level",
    "channel",
    "status",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "supplement_requested_at",
    "supplement_received_at",
]


def test_there_are_six_dialects(expect: dict) -> None:
    assert sorted(expect) == SAMPLES
    assert len(SAMPLES) >= 5
    for path in SAMPLE_DIR.iterdir():
        assert path.stat().st_size < 1_000_000, path


@pytest.mark.parametrize("name", SAMPLES)
def test_counts_and_layout(name: str, expect: dict) -> None:
    _, rejects, report = load_file(SAMPLE_DIR / name)
    want = expect[name]
    assert report.format == want["format"]
    if "encoding" in want:
        assert report.encoding == want["encoding"]
    if "sheet" in want:
        assert report.sheet == want["sheet"]
    assert report.header_rows == want["header_rows"]
    for key in ("read", "kept", "rejected", "duplicate", "footer", "blank"):
        assert report.counts[key] == want[key], key
    c = report.counts
    assert c["read"] == c["kept"] + c["rejected"] + c["duplicate"]
    assert len(report.personal_dropped) == want["personal_dropped"]
    assert rejects.height == c["rejected"] + c["duplicate"]
    mapped = {m["field"] for m in report.mapping}
    assert {"dossier_id", "received_at", "due_at", "finished_at", "status"} <= mapped


@pytest.mark.parametrize("name", SAMPLES)
def test_values_equal_ground_truth(name: str, truth: pl.DataFrame) -> None:
    dossiers, _, _ = load_file(SAMPLE_DIR / name)
    want = truth.filter(pl.col("file") == name)
    assert dossiers.height == want.height
    got = dossiers.select(
        "dossier_id",
        *[
            pl.col(c).dt.strftime("%Y-%m-%d %H:%M:%S").fill_null("").alias(c)
            if dossiers.schema[c] == pl.Datetime("us")
            else pl.col(c).cast(pl.String).fill_null("").alias(c)
            for c in COMPARED
        ],
    )
    want = want.select("dossier_id", *[pl.col(c).fill_null("") for c in COMPARED])
    joined = want.join(got, on="dossier_id", how="full", suffix="_got", coalesce=True)
    assert joined.height == want.height, "ids differ between file and truth"
    for c in COMPARED:
        diff = joined.filter(pl.col(c) != pl.col(f"{c}_got"))
        assert diff.height == 0, f"{c}: {diff.select('dossier_id', c, f'{c}_got').head(5)}"


def test_personal_data_never_kept(sample_files: list[Path]) -> None:
    import re

    # The generator writes applicants "Nguyễn Văn An", addresses "Số 12 đường Lê Lợi"
    # and phones "09xxxxxxxx" into the exports; none may reach the dossiers or rejects.
    personal = re.compile(r"\b(Nguyễn|Phạm|Hoàng|Vũ|Đặng|Bùi) |đường |\b09\d{8}\b")
    for path in sample_files:
        dossiers, rejects, _ = load_file(path)
        text = dossiers.write_csv() + rejects.write_csv()
        assert not personal.search(text), (path.name, personal.search(text))
    assert personal.search((SAMPLE_DIR / "phuong_hoa_binh.xls").read_text(encoding="utf-8"))


def test_cp1258_reject_names_row_column_and_value(expect: dict) -> None:
    name = "xa_dak_mil_cp1258.csv"
    _, rejects, _ = load_file(SAMPLE_DIR / name)
    row = rejects.row(0, named=True)
    assert row["reason"] == "bad_date"
    assert row["value"] == "31/02/2026 10:00"
    assert row["column"] == "Ngày hoàn thành (G)"
    assert expect[name]["rejected_id"] in row["cells"]
    assert "Địa chỉ" not in row["cells"]  # personal data stays out of the rejects file
    # Line number in the file: 3 title/header lines, then data rows.
    lines = (SAMPLE_DIR / name).read_bytes().split(b"\r\n")
    assert b"31/02/2026" in lines[row["source_row"] - 1]
