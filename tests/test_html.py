"""The HTML report (issue 17): one self-contained page, every chart present and drawn,
the figures equal to the JSON report's, and a browser that renders and prints it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import SAMPLE_DIR, run

FILES = [str(p) for p in sorted(SAMPLE_DIR.iterdir()) if p.is_file()]
CHARTS = 5


def _page(runner: CliRunner, tmp_path: Path, *extra: str) -> tuple[str, dict]:
    out = tmp_path / "bao_cao.html"
    result = run(runner, "report", *FILES, "--period", "Quý III/2026", "--by", "unit", "-o", str(out), *extra)
    assert result.exit_code in (0, 5), result.output
    assert f"Đã ghi: {out}" in result.stderr
    data = json.loads(run(runner, "report", *FILES, "--period", "Quý III/2026", "--by", "unit", "-f", "json").stdout)
    return out.read_text(encoding="utf-8"), data


def test_the_page_is_self_contained_and_every_chart_is_drawn(runner: CliRunner, tmp_path: Path) -> None:
    page, data = _page(runner, tmp_path, "--fail-under", "92")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="vi">' in page
    # Nothing fetched: no script, no external stylesheet, image or font.
    assert "<script" not in page and "<link" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and not re.search(r"url\((?!#)", page)  # only the SVGs' own clip paths
    figures = re.findall(r'<figure class="chart"><h2>(.*?)</h2>(<svg.*?</svg>)\s*</figure>', page, flags=re.S)
    assert len(figures) == CHARTS, [t for t, _ in figures]
    for title, svg in figures:
        marks = len(re.findall(r"<path|<rect|<use", svg))
        assert marks > 10, (title, marks)  # bars, lines, ticks: a drawn chart, not an empty frame
    assert "chỉ tiêu 92%" in page  # the target line of the ranked chart
    # The headline figures are the report's.
    t = data["total"]
    for figure in (t["received"], t["settled"], t["pending_overdue"]):
        assert f'<div class="value">{figure:,}</div>'.replace(",", ".") in page
    assert f"{100 * t['timely_rate']:.1f}%".replace(".", ",") in page
    # Every group is in the table, and the notes are on the page.
    for row in data["rows"]:
        assert (row["unit"] or "(không rõ)") in page
    assert "Không tìm thấy cột đơn vị" in page


def test_the_page_in_english_and_reproducible(runner: CliRunner, tmp_path: Path) -> None:
    out1, out2 = tmp_path / "a.html", tmp_path / "b.html"
    for out in (out1, out2):
        assert run(runner, "--lang", "en", "report", *FILES, "--period", "2026-Q3", "--by", "field", "-o", str(out)).exit_code == 0
    text = out1.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "Early and on-time rate by field" in text
    assert out1.read_bytes() == out2.read_bytes()  # the same report, the same file


def test_html_needs_a_file_and_keeps_the_other_formats_promises(runner: CliRunner) -> None:
    result = run(runner, "report", *FILES, "--period", "2026-Q3", "-f", "html")
    assert result.exit_code == 2 and "--output" in result.stderr


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed (.ci/run installs it when it can)")
def test_chromium_renders_and_prints_the_page(runner: CliRunner, tmp_path: Path) -> None:
    _page(runner, tmp_path)
    page = tmp_path / "bao_cao.html"
    shot, pdf = tmp_path / "trang.png", tmp_path / "trang.pdf"
    common = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    subprocess.run(
        [*common, f"--screenshot={shot}", "--window-size=1200,2400", page.as_uri()], check=True, capture_output=True, timeout=120
    )
    subprocess.run(
        [*common, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()], check=True, capture_output=True, timeout=120
    )
    assert shot.stat().st_size > 30_000  # a page with charts, not a blank one
    head = pdf.read_bytes()
    assert head.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", head))
    assert 2 <= pages <= 12, pages


def test_count_axes_show_whole_numbers_in_the_tables_writing() -> None:
    """Few dossiers (3 and 2 overdue, 1 and 1 late): no tick says 2.5 dossiers; thousands
    are written 1.500 in Vietnamese, as in the tables."""
    from motcua_cli.pictures import Pictures
    from motcua_cli.render.html import chart_lateness, chart_overdue_age, chart_trend

    ages = [{"group": "Sở A", "≤ 5": 3, "6–10": 0, "11–20": 0, "> 20": 0}, {"group": "Sở B", "≤ 5": 0, "6–10": 2, "11–20": 0, "> 20": 0}]
    lateness = [{"bucket": "1", "count": 1}, {"bucket": "2", "count": 1}]
    trend = [{"month": "2026-07", "received": 1500, "settled": 1200, "late": 3, "timely_rate": 0.9}]
    pictures = Pictures("unit", [], trend, ages, lateness, [])

    def ticks(svg: str | None) -> list[str]:
        assert svg is not None
        return re.findall(r"<text[^>]*>([^<]*)</text>", svg)

    for svg in (chart_overdue_age(pictures, "vi"), chart_lateness(pictures, "vi")):
        texts = ticks(svg)
        assert "0" in texts and "1" in texts
        assert not [t for t in texts if re.fullmatch(r"\d+[.,]\d", t)], texts
    trend_ticks = ticks(chart_trend(pictures, "vi"))
    assert "1.000" in trend_ticks and "1000" not in trend_ticks
    assert "1,000" in ticks(chart_trend(pictures, "en"))
