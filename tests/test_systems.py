"""Exports in the vocabularies of real systems (tests/systems.py) read with no config:
reports equal the generator's truth, by field and in total, for two periods."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from motcua_cli.periods import parse_period

from . import systems
from .conftest import run
from .test_report import check_identities, reference_totals

PERIODS = ["2026-Q3", "2026-07"]


@pytest.fixture(scope="module")
def truth() -> pl.DataFrame:
    return systems.truth(seed=14, n=500)


def _report(runner: CliRunner, path: Path, period: str, *extra: str) -> dict:
    result = run(runner, "report", str(path), "--period", period, "--by", "field", "-f", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _online(truth: pl.DataFrame, period: str) -> int:
    p = parse_period(period)
    start, end = datetime.combine(p.start, datetime.min.time()), datetime.combine(p.end, datetime.max.time())
    received = pl.col("received_at").str.to_datetime()
    new = (received >= start) & (received <= end) & (pl.col("status") != "not_accepted")
    return truth.filter(new & (pl.col("channel") == "online")).height


def _check(data: dict, truth: pl.DataFrame, period: str) -> None:
    p = parse_period(period)
    want = reference_totals(truth, p.start, p.end, "form06")
    assert {k: data["total"][k] for k in want} == want
    for row in data["rows"]:
        check_identities(row)
        got = {k: row[k] for k in want}
        assert got == reference_totals(truth.filter(pl.col("field") == row["field"]), p.start, p.end, "form06"), row["field"]
    assert sorted(r["field"] for r in data["rows"]) == sorted(systems.FIELDS)
    assert data["total"]["received_online"] == _online(truth, period)
    assert data["total"]["settled"] > 0 and data["total"]["late"] > 0 and data["total"]["pending_overdue"] > 0


@pytest.mark.parametrize("period", PERIODS)
def test_opencps_export_equals_truth(runner: CliRunner, truth: pl.DataFrame, tmp_path: Path, period: str) -> None:
    path = systems.write_opencps(truth, tmp_path / "opencps_dossiers.csv")
    data = _report(runner, path, period)
    _check(data, truth, period)
    # Nothing was guessed: every field name and code is OpenCPS's own. The choices shown:
    # receiveDate over submitDate, dossierStatus (codes) over dossierStatusText (words).
    assert [(n["kind"], n["severity"]) for n in data["notes"]] == [("column_choice", "info")] * 2
    assert "submitDate" in data["notes"][0]["message"] and "dossierStatusText" in data["notes"][1]["message"]


def test_opencps_fields_are_read_as_opencps_means_them(truth: pl.DataFrame, tmp_path: Path) -> None:
    from motcua_cli.load import load_file

    dossiers, _, report = load_file(systems.write_opencps(truth, tmp_path / "o.csv"))
    fields = {m["header"]: m["field"] for m in report.mapping}
    assert fields["releaseDate"] == "finished_at" and fields["finishDate"] == "returned_at"
    assert fields["receiveDate"] == "received_at" and fields["submitDate"] == "submitted_at"
    assert fields["online"] == "online_flag" and fields["viaPostal"] == "via_postal"
    assert fields["dossierOverdue"] == "vendor_verdict"
    assert report.personal_dropped == ["F: applicantName", "G: address"]
    joined = dossiers.join(truth.select("dossier_id", pl.col("status").alias("want"), pl.col("channel").alias("ch")), on="dossier_id")
    assert (joined["status"].cast(pl.String) == joined["want"]).all()
    assert (joined["channel"].cast(pl.String) == joined["ch"]).all()
    # "Quá hạn 2.25 ngày" on a settled dossier is the vendor's late; "Còn 8 ngày" in time.
    settled = joined.filter(pl.col("want").is_in(["returned", "processed", "withdrawn", "stopped"]))
    assert set(settled["vendor_verdict"].drop_nulls().cast(pl.String).unique()) <= {"late", "on_time"}


@pytest.mark.parametrize("period", PERIODS)
def test_thanhhoa_export_equals_truth(runner: CliRunner, truth: pl.DataFrame, tmp_path: Path, period: str) -> None:
    path = systems.write_thanhhoa(truth, tmp_path / "thanhhoa_ds_hoso.csv")
    data = _report(runner, path, period)
    _check(data, truth, period)
    # Filler words ("Hồ sơ", "công dân") and the verdict ("(Trễ hạn)", "- Quá hạn") set
    # aside, every status is an exact one; the title and footer rows are not dossiers.
    # The one note: the choice of "Ngày nhận" over "Ngày nộp hồ sơ", shown.
    assert [(n["kind"], n["severity"]) for n in data["notes"]] == [("column_choice", "info")]
    assert "Ngày nộp hồ sơ" in data["notes"][0]["message"]
    assert data["inputs"][0]["rows_read"] == 500


def test_thanhhoa_acceptance_date_wins_over_submission(truth: pl.DataFrame, tmp_path: Path) -> None:
    from motcua_cli.load import load_file

    dossiers, _, report = load_file(systems.write_thanhhoa(truth, tmp_path / "t.csv"))
    fields = {m["header"]: m["field"] for m in report.mapping}
    assert fields["Ngày nhận"] == "received_at" and fields["Ngày nộp hồ sơ"] == "submitted_at"
    assert fields["Đơn vị tiếp nhận"] == "unit" and fields["Ngày kết thúc xử lý"] == "finished_at"
    want = truth.select("dossier_id", pl.col("received_at").str.to_datetime())
    got = dossiers.select("dossier_id", "received_at").join(want, on="dossier_id")
    assert (got["received_at"] == got["received_at_right"]).all()
    verdicts = dossiers.filter(pl.col("status_text").str.contains("Trễ hạn"))["vendor_verdict"]
    assert verdicts.len() > 0 and (verdicts.cast(pl.String) == "late").all()
