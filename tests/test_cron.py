"""`motcua cron` (issue 18): the nightly recipe with absolute paths, checked, and run for
three nights with an unreadable export dropped in on the second."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import SAMPLE_DIR, run

pytestmark = pytest.mark.skipif(os.name == "nt" or shutil.which("sh") is None, reason="the recipe is a POSIX shell script")


def _night(script: Path, day: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MOTCUA_TODAY": day}
    return subprocess.run(["sh", str(script)], env=env, cwd=home, capture_output=True, text=True, timeout=600)


def test_three_nights_with_a_bad_file_on_the_second(runner: CliRunner, tmp_path: Path) -> None:
    if not Path(sys.executable).with_name("motcua").exists() and shutil.which("motcua") is None:
        pytest.skip("the motcua command is not installed beside this Python")
    inbox, mails = tmp_path / "inbox", tmp_path / "mails.txt"
    inbox.mkdir()
    shutil.copy(SAMPLE_DIR / "xa_dak_mil_cp1258.csv", inbox)
    mailer = tmp_path / "bin" / "mail"
    mailer.parent.mkdir()
    mailer.write_text(f'#!/bin/sh\n{{ echo "SUBJECT: $2"; echo "TO: $3"; cat; echo "--"; }} >> {mails}\n', encoding="utf-8")
    mailer.chmod(0o755)
    script = tmp_path / "dem.sh"
    made = run(
        runner, "cron", "--inbox", str(inbox), "--store", str(tmp_path / "kho"), "--reports", str(tmp_path / "reports"),
        "--quarantine", str(tmp_path / "loi"), "--logs", str(tmp_path / "logs"), "--mail", str(mailer),
        "--mail-to", "vanphong@example.gov.vn", "--fail-under", "10", "--write", str(script),
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert "✗" not in made.stdout and script.stat().st_mode & 0o100
    text = script.read_text(encoding="utf-8")
    assert f"NHAN={inbox}" in text and "--fail-under 10" in text  # absolute paths, the options given

    first = _night(script, "2026-11-18", tmp_path)
    assert first.returncode == 0, (first.stdout, first.stderr)
    assert not mails.exists()

    # Night 2: a new export and one that cannot be read land in the inbox.
    (inbox / "hong.xlsx").write_bytes(b"this is not a workbook")
    shutil.copy(SAMPLE_DIR / "phuong_hoa_binh.xls", inbox)
    second = _night(script, "2026-11-19", tmp_path)
    assert second.returncode == 1
    sent = mails.read_text(encoding="utf-8")
    assert sent.count("SUBJECT:") == 1 and "nạp dữ liệu lỗi (mã 3" in sent and "TO: vanphong@example.gov.vn" in sent
    assert not (inbox / "hong.xlsx").exists() and (tmp_path / "loi" / "hong.xlsx").exists()
    assert (tmp_path / "loi" / "hong.xlsx.reason.txt").exists()

    third = _night(script, "2026-11-20", tmp_path)
    assert third.returncode == 0
    assert mails.read_text(encoding="utf-8").count("SUBJECT:") == 1  # no new alert: the night is clean

    # A report every night, the bad night included, and a log per night.
    for day in ("2026-11-18", "2026-11-19", "2026-11-20"):
        assert len(list((tmp_path / "reports").glob(f"*_{day}.xlsx"))) == 1, day
        log = (tmp_path / "logs" / f"motcua_{day}.log").read_text(encoding="utf-8")
        assert "bắt đầu" in log and "xong: nạp mã" in log
    assert "nạp mã 3, báo cáo mã 0" in (tmp_path / "logs" / "motcua_2026-11-19.log").read_text(encoding="utf-8")


def test_a_missed_target_mails_too(runner: CliRunner, tmp_path: Path) -> None:
    inbox, mails = tmp_path / "inbox", tmp_path / "mails.txt"
    inbox.mkdir()
    shutil.copy(SAMPLE_DIR / "xa_dak_mil_cp1258.csv", inbox)
    mailer = tmp_path / "mail"
    mailer.write_text(f'#!/bin/sh\necho "SUBJECT: $2" >> {mails}\n', encoding="utf-8")
    mailer.chmod(0o755)
    script = tmp_path / "dem.sh"
    args = [
        "cron",
        "--inbox",
        str(inbox),
        "--store",
        str(tmp_path / "kho"),
        "--reports",
        str(tmp_path / "r"),
        "--logs",
        str(tmp_path / "l"),
    ]
    assert (
        run(
            runner, *args, "--quarantine", str(tmp_path / "q"), "--mail", str(mailer), "--fail-under", "100", "--write", str(script)
        ).exit_code
        == 0
    )
    night = _night(script, "2026-11-18", tmp_path)
    assert night.returncode == 1
    assert "tỉ lệ đúng hạn dưới chỉ tiêu 100%" in mails.read_text(encoding="utf-8")
    assert len(list((tmp_path / "r").glob("*.xlsx"))) == 1  # written before the alert


def test_cron_checks_what_a_night_needs(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "cron", "--inbox", str(tmp_path / "khong_co"), "--mail", "khong-co-lenh-nay", "--store", str(tmp_path / "kho"))
    assert result.exit_code == 3
    assert f"✗ thư mục nhận tệp xuất có sẵn: {tmp_path / 'khong_co'}" in result.stdout
    assert "✗ lệnh gửi thư 'khong-co-lenh-nay'" in result.stdout
    assert "30 1 * * *" in result.stdout  # the recipe is still shown
    bad = run(runner, "cron", "--at", "25:00")
    assert bad.exit_code == 2
