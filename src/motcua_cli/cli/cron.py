"""`motcua cron`: the nightly job, filled in with this machine's absolute paths, checked.

A cron job runs with another working folder, a short PATH and nobody watching, so the
recipe it prints names every path absolutely, always writes the report (even when an
export could not be read), logs each night to a dated file, and mails when the ingest
failed, the report failed or the target was missed. Before printing, it checks what a
night would need: the folders can be written, motcua and the mail command exist.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

import typer

from ..errors import ExitStatus
from ..messages import label
from ..render.files import write_atomic
from ..store import default_store_dir
from . import app, options
from .context import env_of
from .summaries import SUMMARY

SCRIPT = """\
#!/bin/sh
# motcua: việc chạy hằng đêm, do `motcua cron` viết. Mỗi đêm: nạp tệp xuất trong thư mục
# nhận, LUÔN ghi báo cáo, ghi nhật ký vào một tệp theo ngày, gửi thư khi nạp lỗi, báo cáo
# lỗi hoặc tỉ lệ đúng hạn dưới chỉ tiêu. Tệp không đọc được được chuyển sang thư mục lỗi
# (kèm lý do), nên đêm sau chạy sạch.
MOTCUA={motcua}
KHO={store}
NHAN={inbox}
LOI={quarantine}
BAOCAO={reports}
NHATKY={logs}
THU={mail_to}
MAIL={mail}

mkdir -p "$BAOCAO" "$NHATKY" "$LOI"
NGAY="${{MOTCUA_TODAY:-$(date +%Y-%m-%d)}}"
LOG="$NHATKY/motcua_$NGAY.log"
echo "== $(date '+%d/%m/%Y %H:%M:%S') bắt đầu" >>"$LOG"
"$MOTCUA" ingest --store "$KHO" --quarantine "$LOI" "$NHAN" >>"$LOG" 2>&1
NAP=$?
"$MOTCUA" report --store "$KHO"{report_options} --output "$BAOCAO/{{period}}_{{today}}.xlsx" >>"$LOG" 2>&1
BC=$?
echo "== $(date '+%d/%m/%Y %H:%M:%S') xong: nạp mã $NAP, báo cáo mã $BC" >>"$LOG"

VANDE=""
[ "$NAP" -ne 0 ] && VANDE="nạp dữ liệu lỗi (mã $NAP; tệp hỏng ở $LOI)"
[ "$BC" -eq 5 ] && VANDE="${{VANDE:+$VANDE; }}tỉ lệ đúng hạn dưới chỉ tiêu{target_words}"
[ "$BC" -ne 0 ] && [ "$BC" -ne 5 ] && VANDE="${{VANDE:+$VANDE; }}báo cáo lỗi (mã $BC)"
if [ -n "$VANDE" ]; then
    tail -n 60 "$LOG" | "$MAIL" -s "motcua $NGAY: $VANDE" "$THU"
    exit 1
fi
exit 0
"""


def _q(path: Path | str) -> str:
    return shlex.quote(str(path))


def _writable(folder: Path) -> bool:
    """The folder, or its nearest existing parent, can be written."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)


@app.command("cron", short_help=SUMMARY["cron"])
def cron_command(
    ctx: typer.Context,
    inbox: Path = typer.Option(Path("inbox"), "--inbox", help="Thư mục nhận tệp xuất mỗi ngày (mặc định ./inbox)."),
    store: Path | None = options.StoreDir,
    reports: Path = typer.Option(Path("reports"), "--reports", help="Thư mục ghi báo cáo (mặc định ./reports)."),
    quarantine: Path = typer.Option(Path("loi"), "--quarantine", help="Thư mục để tệp không đọc được (mặc định ./loi)."),
    logs: Path = typer.Option(Path("logs"), "--logs", help="Thư mục nhật ký, một tệp mỗi đêm (mặc định ./logs)."),
    mail_to: str = typer.Option("vanphong@example.gov.vn", "--mail-to", help="Địa chỉ nhận thư báo khi có vấn đề."),
    mail: str = typer.Option("mail", "--mail", help="Lệnh gửi thư (mặc định mail; nhận -s TIÊU_ĐỀ ĐỊA_CHỈ, nội dung từ stdin)."),
    at: str = typer.Option("01:30", "--at", help="Giờ chạy hằng đêm, HH:MM (mặc định 01:30)."),
    cutoff_day: int | None = options.CutoffDay,
    by: str = typer.Option("unit", "--by", help="Chia báo cáo theo (mặc định unit)."),
    fail_under: str | None = typer.Option("95", "--fail-under", help="Chỉ tiêu tỉ lệ trước và đúng hạn, % (mặc định 95)."),
    write: Path | None = typer.Option(None, "--write", help="Ghi kịch bản ra tệp này (cho quyền chạy) thay vì chỉ in."),
) -> None:
    """In việc chạy hằng đêm (kịch bản và dòng crontab) với đường dẫn tuyệt đối của máy này, sau khi kiểm tra.

    Kiểm tra: thư mục nhận có, kho / báo cáo / nhật ký / thư mục lỗi ghi được, có lệnh
    motcua và lệnh gửi thư. Mã thoát 3 nếu có mục không đạt (kịch bản vẫn được in).

    \b
    Ví dụ:
      motcua cron
      motcua cron --inbox /srv/motcua/inbox --mail-to vanphong@thanhhoa.gov.vn --cutoff-day 14
      motcua cron --write /srv/motcua/motcua-dem.sh
    """
    env = env_of(ctx)
    lang = env.lang
    hour, _, minute = at.partition(":")
    if not (hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60):
        from ..errors import UsageError

        raise UsageError(f"--at '{at}' không hợp lệ: cần giờ dạng HH:MM, ví dụ 01:30.", f"--at '{at}' is invalid: give HH:MM, e.g. 01:30.")
    folders = {
        "inbox": inbox.resolve(),
        "store": default_store_dir(env.config, store).expanduser().resolve(),
        "reports": reports.resolve(),
        "quarantine": quarantine.resolve(),
        "logs": logs.resolve(),
    }
    found = shutil.which("motcua")
    beside = Path(sys.executable).with_name("motcua")
    motcua = Path(found).resolve() if found else beside
    mail_path = shutil.which(mail)

    checks: list[tuple[bool, str]] = [
        (folders["inbox"].is_dir(), label("cron_inbox", lang).format(path=folders["inbox"])),
        *(
            (_writable(folders[k]), label("cron_writable", lang).format(path=folders[k]))
            for k in ("store", "reports", "quarantine", "logs")
        ),
        (motcua.exists(), label("cron_motcua", lang).format(path=motcua)),
        (mail_path is not None, label("cron_mail", lang).format(command=mail)),
    ]
    report_options = f" --by {_q(by)}"
    if cutoff_day is not None:
        report_options += f" --cutoff-day {cutoff_day}"
    if fail_under:
        report_options += f" --fail-under {_q(fail_under)}"
    if env.config.path is not None:
        report_options = f" --config {_q(Path(env.config.path).resolve())}" + report_options
    script = SCRIPT.format(
        motcua=_q(motcua),
        store=_q(folders["store"]),
        inbox=_q(folders["inbox"]),
        quarantine=_q(folders["quarantine"]),
        reports=_q(folders["reports"]),
        logs=_q(folders["logs"]),
        mail_to=_q(mail_to),
        mail=_q(mail_path or mail),
        report_options=report_options,
        target_words=f" {fail_under}%" if fail_under else "",
    )
    script_path = write.resolve() if write else Path("motcua-dem.sh").resolve()

    out = env.out
    out.print(label("cron_checks", lang), style="bold", markup=False)
    for ok, text in checks:
        out.print(f"  {'✓' if ok else '✗'} {text}", markup=False, style=None if ok else "bold red")
    if write is not None:
        write_atomic(script_path, lambda tmp: tmp.write_text(script, encoding="utf-8", newline="\n"))
        script_path.chmod(0o755)
        env.err.print(f"{label('written', lang)}: {script_path}", markup=False, soft_wrap=True)
    else:
        out.print(label("cron_script", lang).format(path=script_path), style="bold", markup=False)
        out.print(script, markup=False, highlight=False, soft_wrap=True)
    out.print(label("cron_line", lang), style="bold", markup=False)
    out.print(f"{int(minute)} {int(hour)} * * *  {_q(script_path)}", markup=False, soft_wrap=True)
    if not all(ok for ok, _ in checks):
        raise typer.Exit(int(ExitStatus.INPUT_UNREADABLE))
