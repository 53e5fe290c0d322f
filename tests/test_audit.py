"""`motcua audit` (issue 16): each finding planted in a generated export, beside dossiers
that must not be found, with its count and its examples; the vendor's verdicts against
the generator's truth; exit 7 with --fail-on."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from motcua_cli.periods import Period

from .conftest import run
from .systems import OPENCPS, _d, _verdict, truth

HEAD = [
    "dossierNo", "serviceCode", "serviceName", "govAgencyName", "domainName",
    "submitDate", "receiveDate", "dueDate", "releaseDate", "finishDate",
    "dossierStatus", "dossierStatusText", "online", "viaPostal", "durationCount", "durationUnit", "dossierOverdue",
]  # fmt: skip


def write(rows: list[dict], path: Path) -> Path:
    """An OpenCPS v2 list (tests/systems.py's layout); a row may carry its own status
    code and text (``code``, ``text``) and leave the verdict out (``verdict`` = "")."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEAD)
        for r in rows:
            code, text = OPENCPS[r["status"]] if r["status"] in OPENCPS else (r["status"], r["status"])
            w.writerow(
                [
                    r["dossier_id"], "1.000123", "Đăng ký khai sinh", r["unit"], r["field"],
                    _d(r["submitted_at"]), _d(r["received_at"]), _d(r["due_at"]), _d(r["finished_at"]), _d(r["returned_at"]),
                    r.get("code", code), r.get("text", text), "True" if r["channel"] == "online" else "False",
                    "2" if r["channel"] == "postal" else "0", r["duration_days"], "0",
                    r["verdict"] if "verdict" in r else _verdict(r),
                ]
            )  # fmt: skip
    return path


def base(seed: int = 7, n: int = 300) -> list[dict]:
    return truth(seed, n).to_dicts()


def audit(runner: CliRunner, *files: Path, extra: tuple[str, ...] = ()) -> dict:
    result = run(runner, "audit", *map(str, files), "-f", "json", "--as-of", "2026-09-30", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def finding(data: dict, code: str) -> dict:
    return next(f for f in data["findings"] if f["code"] == code)


def settled_rows(rows: list[dict]) -> list[int]:
    return [i for i, r in enumerate(rows) if r["finished_at"] and r["status"] in ("returned", "processed")]


def iso(moment: datetime) -> str:
    return moment.isoformat(sep=" ")


def plus(value: str, **delta: float) -> str:
    return iso(datetime.fromisoformat(value) + timedelta(**delta))


def test_a_clean_generated_export_has_none_of_the_planted_findings(runner: CliRunner, tmp_path: Path) -> None:
    data = audit(runner, write(base(), tmp_path / "sach.csv"))
    zero = {
        "end_before_received", "due_before_received", "returned_before_finished", "settled_without_end",
        "end_without_settled_status", "due_not_working_day", "received_on_day_off", "due_stretched",
        "same_end_many", "duplicate_conflict", "unknown_status", "unknown_channel", "no_due_date",
    }  # fmt: skip
    for code in zero:
        assert finding(data, code)["count"] == 0, code
    assert data["examined"] == 300


def _plant(rows: list[dict], picks: list[int], **changes: object) -> set[str]:
    for i in picks:
        for key, value in changes.items():
            rows[i][key] = value(rows[i]) if callable(value) else value
    return {rows[i]["dossier_id"] for i in picks}


PLANTS = {
    # code → (which rows, what to change)
    "end_before_received": (
        lambda rows: settled_rows(rows)[:3],
        {"finished_at": lambda r: plus(r["received_at"], days=-3), "returned_at": None},
    ),
    "due_before_received": (lambda rows: settled_rows(rows)[3:5], {"due_at": lambda r: plus(r["received_at"], days=-2)}),
    "returned_before_finished": (
        lambda rows: [i for i in settled_rows(rows) if rows[i]["returned_at"]][:2],
        {"returned_at": lambda r: plus(r["finished_at"], days=-1)},
    ),
    "settled_without_end": (lambda rows: settled_rows(rows)[5:8], {"finished_at": None, "returned_at": None}),
    "end_without_settled_status": (
        lambda rows: [i for i, r in enumerate(rows) if r["status"] == "processing"][:2],
        {"finished_at": lambda r: plus(r["received_at"], days=1)},
    ),
    "due_not_working_day": (
        lambda rows: settled_rows(rows)[8:10],
        {"received_at": "2026-07-01 08:00:00", "due_at": "2026-07-05 17:00:00", "finished_at": "2026-07-03 09:00:00", "returned_at": None},
    ),
    "due_stretched": (lambda rows: settled_rows(rows)[10:11], {"due_at": lambda r: plus(r["received_at"], days=120), "duration_days": ""}),
    "same_end_many": (lambda rows: settled_rows(rows)[20:32], {"finished_at": lambda r: max(r["received_at"], "2026-09-14 16:30:00")}),
    "unknown_status": (lambda rows: settled_rows(rows)[12:14], {"code": "xlht_07", "text": "XLHT-07"}),
}


@pytest.mark.parametrize("code", sorted(PLANTS))
def test_each_finding_is_found_where_planted_and_nowhere_else(runner: CliRunner, tmp_path: Path, code: str) -> None:
    rows = base()
    pick, changes = PLANTS[code]
    picks = pick(rows)
    assert picks
    if code == "same_end_many":  # twelve dossiers received before one closing second
        picks = [i for i in picks if rows[i]["received_at"] < "2026-09-14 16:30:00"]
        assert len(picks) >= 10
    planted = _plant(rows, picks, **changes)
    data = audit(runner, write(rows, tmp_path / "x.csv"))
    found = finding(data, code)
    assert found["count"] == len(planted), (code, found["count"], planted)
    assert {e["dossier_id"] for e in found["examples"]} == planted
    assert all(e["file"].endswith("x.csv") and e["row"] >= 2 for e in found["examples"])


def test_received_on_a_day_off_is_split_by_channel(runner: CliRunner, tmp_path: Path) -> None:
    rows = base()
    online = [i for i in settled_rows(rows) if rows[i]["channel"] == "online"][:2]
    desk = [i for i in settled_rows(rows) if rows[i]["channel"] == "in_person"][:3]
    _plant(
        rows,
        online + desk,
        received_at="2026-07-05 09:00:00",
        due_at="2026-07-20 17:00:00",
        finished_at="2026-07-15 10:00:00",
        returned_at=None,
    )
    found = finding(audit(runner, write(rows, tmp_path / "x.csv")), "received_on_day_off")
    assert found["count"] == 5
    assert found["detail"]["by_channel"]["online"] == 2 and found["detail"]["not_online"] == 3
    assert {e["channel"] for e in found["examples"][:3]} == {"in_person"}  # the suspicious first


def test_bulk_set_on_time_is_found_and_natural_coincidences_are_counted_honestly(runner: CliRunner, tmp_path: Path) -> None:
    rows = base(seed=11, n=600)
    natural = {  # settled by the as-of day (any terminal status), ended at the due second
        r["dossier_id"]
        for r in rows
        if r["finished_at"] and r["status"] != "not_accepted" and r["finished_at"] < "2026-10-01" and r["finished_at"] == r["due_at"]
    }
    clean = finding(audit(runner, write(rows, tmp_path / "sach.csv")), "end_equals_due")
    assert clean["count"] == len(natural) > 0  # the generator's own coincidences (end offset 0)
    assert clean["detail"]["suspicious"] == 0  # … which the expected count explains
    unit = "UBND xã Tân Phú"
    late = [
        i
        for i, r in enumerate(rows)
        if r["unit"] == unit and r["status"] == "returned" and r["finished_at"] and r["finished_at"][:10] > r["due_at"][:10]
    ]
    assert len(late) >= 20
    planted = _plant(
        rows, late[:20], finished_at=lambda r: r["due_at"], returned_at=lambda r: plus(r["due_at"], hours=1), verdict="Đúng hạn"
    )
    found = finding(audit(runner, write(rows, tmp_path / "ghi_de.csv")), "end_equals_due")
    assert found["count"] == len(natural) + 20
    by_unit = {u["unit"]: u for u in found["detail"]["by_unit"]}
    assert by_unit[unit]["suspicious"] and by_unit[unit]["observed"] >= 20
    assert by_unit[unit]["observed"] > by_unit[unit]["expected"] + 10
    assert not by_unit.get("UBND phường Hòa Bình", {"suspicious": False})["suspicious"]
    assert planted <= {e["dossier_id"] for e in found["examples"]} or found["count"] > 20
    # Graded the other way (late), the rate drops by exactly those dossiers.
    effect = found["effect"]
    assert effect["moved"] == found["count"]
    settled = json.loads(run(runner, "audit", str(tmp_path / "ghi_de.csv"), "-f", "json", "--as-of", "2026-09-30").stdout)["settled"]
    assert effect["timely_rate"] - effect["timely_rate_other_way"] == pytest.approx(found["count"] / settled)


def test_duplicates_that_disagree_across_files(runner: CliRunner, tmp_path: Path) -> None:
    rows = base()
    first = write(rows, tmp_path / "t1.csv")
    later = [dict(r) for r in rows[:40]]
    changed = [i for i, r in enumerate(later) if r["status"] == "processing"][:3]
    ids = _plant(later, changed, status="returned", finished_at=lambda r: plus(r["received_at"], days=2), returned_at=None)
    second = write(later, tmp_path / "t2.csv")  # the other 37 rows are the same: no conflict
    found = finding(audit(runner, first, second), "duplicate_conflict")
    assert found["detail"]["across_files"] == 3 and found["count"] == 3
    assert {e["dossier_id"] for e in found["examples"]} == ids
    assert all("status" in e["differs"] for e in found["examples"])


def test_vendor_verdicts_against_the_generators_truth(runner: CliRunner, tmp_path: Path) -> None:
    rows = base(seed=3, n=400)
    data = audit(runner, write(rows, tmp_path / "x.csv"))
    # The truth: OpenCPS's verdict (tests/systems._verdict, timestamps) × form06 (dates),
    # for the settled dossiers with a verdict, worked out here in plain Python.
    expected: dict[str, dict[str, int]] = {v: {"early": 0, "on_time": 0, "late": 0} for v in ("early", "on_time", "late")}
    cut = datetime(2026, 10, 1)
    for r in rows:
        if not r["finished_at"] or r["status"] == "not_accepted" or datetime.fromisoformat(r["finished_at"]) >= cut:
            continue
        vendor = "late" if _verdict(r).startswith("Quá hạn") else "on_time"
        end, due = datetime.fromisoformat(r["finished_at"]).date(), datetime.fromisoformat(r["due_at"]).date()
        ours = "early" if end < due else "on_time" if end == due else "late"
        expected[vendor][ours] += 1
    found = finding(data, "verdict_mismatch")
    assert found["detail"]["confusion"] == expected
    timely = ("early", "on_time")
    changes_rate = sum(n for v, row in expected.items() for o, n in row.items() if (v in timely) != (o in timely))
    assert found["detail"]["timeliness_differs"] == changes_rate > 0
    first = found["examples"][0]  # the ones that change the rate first
    assert (first["vendor_verdict"] in timely) != (first["outcome"] in timely)
    off = sum(n for v, row in expected.items() for o, n in row.items() if v != o)
    assert found["count"] == off > 0


def test_fail_on_exits_7_only_for_the_codes_named(runner: CliRunner, tmp_path: Path) -> None:
    rows = base()
    _plant(rows, settled_rows(rows)[:2], finished_at=lambda r: plus(r["received_at"], days=-3), returned_at=None)
    path = write(rows, tmp_path / "x.csv")
    hit = run(runner, "audit", str(path), "--as-of", "2026-09-30", "--fail-on", "end_before_received")
    assert hit.exit_code == 7 and "end_before_received" in hit.stderr
    assert run(runner, "audit", str(path), "--as-of", "2026-09-30", "--fail-on", "same_end_many").exit_code == 0
    assert run(runner, "audit", str(path), "--as-of", "2026-09-30", "--fail-on", "any").exit_code == 7
    typo = run(runner, "audit", str(path), "--fail-on", "end_befor_received")
    assert typo.exit_code == 2 and "end_before_received?" in typo.stderr


def test_every_policy_side_by_side_and_the_dossiers_that_move(runner: CliRunner, tmp_path: Path) -> None:
    from motcua_cli.policy import PRESETS

    data = audit(runner, write(base(), tmp_path / "x.csv"), extra=("--period", "2026-Q3"))
    assert [p["policy"] for p in data["policies"]] == list(PRESETS)
    for p in data["policies"]:
        assert p["timely"] <= p["settled"]
    report = json.loads(run(runner, "report", str(tmp_path / "x.csv"), "--period", "2026-Q3", "--as-of", "2026-09-30", "-f", "json").stdout)
    form06 = next(p for p in data["policies"] if p["policy"] == "form06")
    assert form06["settled"] == report["total"]["settled"]
    assert form06["timely"] == report["total"]["early"] + report["total"]["on_time"]
    datetime_moves = next(m for m in data["movers"] if m["to"] == "datetime")
    assert datetime_moves["count"] == sum(f["count"] for f in datetime_moves["flows"])


@pytest.mark.parametrize("fmt", ["md", "xlsx", "table"])
def test_audit_writes_each_format(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    rows = base()
    planted = _plant(rows, settled_rows(rows)[:2], finished_at=lambda r: plus(r["received_at"], days=-3), returned_at=None)
    out = tmp_path / f"kiem_tra.{'txt' if fmt == 'table' else fmt}"
    result = run(runner, "audit", str(write(rows, tmp_path / "x.csv")), "--as-of", "2026-09-30", "-o", str(out), "-f", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(out)
        assert "end_before_received" in wb.sheetnames
        ws = wb["end_before_received"]
        assert ws.cell(4, 1).value == "Mã hồ sơ" and ws.cell(4, 2).value == "Tệp" and ws.max_row == 4 + 2
        # Each listed dossier by its own id, file and row (the audit carries positions, not ids).
        listed = [(ws.cell(r, 1).value, ws.cell(r, 2).value, ws.cell(r, 3).value) for r in (5, 6)]
        assert {i for i, _, _ in listed} == planted
        assert {f for _, f, _ in listed} == {str(tmp_path / "x.csv")}
        assert all(rows[n - 2]["dossier_id"] in planted for _, _, n in listed)
    else:
        text = out.read_text(encoding="utf-8")
        assert "Kết thúc xử lý trước ngày tiếp nhận" in text


def test_the_sample_data_audit_reads_in_vietnamese_at_80_columns(runner: CliRunner) -> None:
    import io

    from rich.console import Console

    from motcua_cli.audit import run_audit, whole_period
    from motcua_cli.calendar import WorkCalendar
    from motcua_cli.load import load_files
    from motcua_cli.policy import PRESETS
    from motcua_cli.render.audit import render_table

    from .conftest import SAMPLE_DIR

    loaded = load_files(sorted(p for p in SAMPLE_DIR.iterdir() if p.is_file()))
    as_of = datetime(2026, 11, 20).date()
    result = run_audit(
        loaded.dossiers, period=whole_period(loaded.dossiers, as_of), whole=True, as_of=as_of, as_of_source="option",
        policy=PRESETS["form06"], calendar=WorkCalendar.build(), rejects=loaded.rejects, superseded=loaded.superseded,
    )  # fmt: skip
    buffer = io.StringIO()
    render_table(result, Console(file=buffer, width=80, color_system=None), "vi")
    text = buffer.getvalue()
    assert "KIỂM TRA DỮ LIỆU" in text and "Cùng dữ liệu theo từng chính sách" in text
    table = text.split("Kết thúc xử lý trùng hạn trả")[0]
    assert max(len(line) for line in table.splitlines()) <= 80
    assert pl.DataFrame(result.policies)["settled"].min() > 0


def test_pending_verdicts_against_the_generators_truth(runner: CliRunner, tmp_path: Path) -> None:
    rows = base(seed=5, n=400)
    data = audit(runner, write(rows, tmp_path / "x.csv"))
    expected = {v: {"in_time": 0, "overdue": 0} for v in ("in_time", "overdue")}
    as_of, cut = datetime(2026, 9, 30), datetime(2026, 10, 1)
    for r in rows:
        if r["status"] == "not_accepted" or datetime.fromisoformat(r["received_at"]) >= cut:
            continue
        if r["finished_at"] and datetime.fromisoformat(r["finished_at"]) < cut:
            continue  # settled by the as-of day
        if not r["finished_at"] and r["returned_at"]:
            continue
        due = datetime.fromisoformat(r["due_at"])
        vendor = "overdue" if _verdict(r).startswith("Quá hạn") else "in_time"
        paused = r["status"] in ("supplement_requested", "financial_obligation")
        ours = "overdue" if due.date() < as_of.date() and not paused else "in_time"
        expected[vendor][ours] += 1
    found = finding(data, "pending_verdict_mismatch")
    assert sum(sum(row.values()) for row in expected.values()) > 50
    assert found["detail"]["confusion"] == expected
    assert found["count"] == expected["in_time"]["overdue"] + expected["overdue"]["in_time"]


def test_what_the_input_cannot_show_is_said_not_examined(runner: CliRunner, tmp_path: Path) -> None:
    rows = base()
    for r in rows:
        r["verdict"] = ""  # an export with no verdict of its own
    data = audit(runner, write(rows, tmp_path / "x.csv"))
    for code in ("verdict_mismatch", "pending_verdict_mismatch"):
        assert finding(data, code)["examined"] is False and finding(data, code)["count"] == 0
    assert finding(data, "end_equals_due")["examined"] is True
    table = run(runner, "audit", str(tmp_path / "x.csv"), "--as-of", "2026-09-30").stdout
    assert "Không kiểm tra được với dữ liệu này" in table


def test_duplicates_are_looked_for_among_the_dossiers_examined(runner: CliRunner, tmp_path: Path) -> None:
    rows = base()
    first = write(rows, tmp_path / "t1.csv")
    later = [dict(r) for r in rows[:40]]
    changed = [i for i, r in enumerate(later) if r["status"] == "processing"][:3]
    _plant(later, changed, status="returned", finished_at=lambda r: plus(r["received_at"], days=2), returned_at=None)
    second = write(later, tmp_path / "t2.csv")
    units = {later[i]["unit"] for i in changed}
    other = next(u for u in ("UBND phường Hòa Bình", "UBND xã Tân Phú") if u not in units or len(units) == 2)
    expected = sum(1 for i in changed if later[i]["unit"] == other)
    found = finding(audit(runner, first, second, extra=("--unit", other)), "duplicate_conflict")
    assert found["count"] == expected


def test_no_due_date_is_found_and_explained_as_the_policy_grades_it(runner: CliRunner, tmp_path: Path) -> None:
    """Three settled dossiers without a due date or a duration: form06 counts them on
    time, opencps early (OpenCPS BetimeUtils: no due date, early), and the finding's
    explanation says which; the rate the other way counts them late."""
    rows = base()
    planted = _plant(rows, settled_rows(rows)[:3], due_at=None, duration_days="", verdict="")
    path = write(rows, tmp_path / "khong_han.csv")
    for policy, words in (("form06", "đúng hạn"), ("opencps", "sớm hạn")):
        data = audit(runner, path, extra=("--policy", policy))
        found = finding(data, "no_due_date")
        assert found["count"] == 3, policy
        assert {e["dossier_id"] for e in found["examples"]} == planted
        assert words in found["explanation"], (policy, found["explanation"])
        # each settled by the as-of date moves, to late, when graded the other way
        settled = [e for e in found["examples"] if e["outcome"] in ("early", "on_time")]
        assert settled and {e["outcome"] for e in settled} == {"early" if policy == "opencps" else "on_time"}
        assert found["effect"]["moved"] == len(settled)
        assert found["effect"]["timely_rate_other_way"] < found["effect"]["timely_rate"]


def test_the_users_switches_apply_to_every_policy_side_by_side(runner: CliRunner, tmp_path: Path) -> None:
    """`--end returned`: each policy's row equals `report --policy P --end returned`,
    and the output says the switch was applied to all."""
    path = write(base(), tmp_path / "x.csv")
    scope = ("--period", "2026-Q3", "--end", "returned")
    data = audit(runner, path, extra=scope)
    assert data["policy_switches"] == ["--end returned"]
    for name in ("form06", "datetime", "thanhhoa"):
        side = next(p for p in data["policies"] if p["policy"] == name)
        out = run(runner, "report", str(path), *scope, "--policy", name, "--as-of", "2026-09-30", "-f", "json")
        total = json.loads(out.stdout)["total"]
        assert (side["settled"], side["timely"]) == (total["settled"], total["early"] + total["on_time"]), name
    plain = audit(runner, path, extra=("--period", "2026-Q3"))
    assert plain["policy_switches"] == []
    assert [p["settled"] for p in plain["policies"]] != [p["settled"] for p in data["policies"]]
    table = run(runner, "audit", str(path), *scope, "--as-of", "2026-09-30")
    assert "--end returned" in table.stdout


def test_the_columns_audit_leaves_out_are_read_by_no_finding() -> None:
    """run_audit drops audit.UNUSED before the findings filter (speed): none of those
    names may appear as a column in the findings' code."""
    import re

    import motcua_cli.audit as module

    code = Path(module.__file__).read_text(encoding="utf-8")
    body = code[code.index("def run_audit(") :]
    for name in module.UNUSED:
        assert not re.search(rf'"{name}"', body), name
    # UNREAD is dropped before the classification: classify.py must not read them either.
    import motcua_cli.classify as classify

    classifying = Path(classify.__file__).read_text(encoding="utf-8")
    for name in module.UNREAD:
        assert not re.search(rf'"{name}"', classifying), name


def test_an_end_given_equal_to_the_presets_still_applies_to_every_policy(runner: CliRunner, tmp_path: Path) -> None:
    """`--policy form06 --end finished` names form06's own end; it is still the user's
    choice, so opencps (whose own end is finished_at only) is run with it too."""
    path = write(base(), tmp_path / "x.csv")
    scope = ("--period", "2026-Q3", "--end", "finished")
    data = audit(runner, path, extra=scope)
    assert data["policy_switches"] == ["--end finished"]
    side = next(p for p in data["policies"] if p["policy"] == "opencps")
    out = run(runner, "report", str(path), *scope, "--policy", "opencps", "--as-of", "2026-09-30", "-f", "json")
    total = json.loads(out.stdout)["total"]
    assert (side["settled"], side["timely"]) == (total["settled"], total["early"] + total["on_time"])


@pytest.mark.parametrize(
    "scope",
    [
        ("--period", "2026-Q3"),
        ("--period", "2026-07", "--policy", "thanhhoa"),
        ("--period", "2026-Q3", "--as-of", "2026-08-14", "--end", "returned"),
        ("--from", "2026-06-15", "--to", "2026-08-31", "--policy", "opencps", "--exclude-withdrawn"),
    ],
)
def test_the_prefilter_changes_no_policys_counts_nor_its_movers(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scope: tuple[str, ...]
) -> None:
    """run_audit classifies only the dossiers audit.may_be_in keeps (received before the
    cut, not ended before the start): every policy's columns, the movers between them and
    every finding must be what they are with every dossier of the input classified."""
    import motcua_cli.audit as module

    rows = base(seed=11, n=600)
    # Dossiers the prefilter must keep although they ended before the start by one date
    # only, and Thanh Hóa's waiting ones, which never settle: planted at the edges.
    rows[0].update(status="returned", finished_at="2026-06-20 10:00:00", returned_at="2026-07-02 08:00:00")
    rows[1].update(status="supplement_requested", finished_at="2026-05-20 10:00:00", returned_at="")
    # Finished before the start, never handed over: out of every preset's period, in the
    # period of a policy ending at the hand-over (--end returned), as a pending dossier.
    rows[2].update(status="processed", received_at="2026-05-04 08:00:00", finished_at="2026-06-10 10:00:00", returned_at="")
    path = write(rows, tmp_path / "x.csv")
    filtered = audit(runner, path, extra=scope)
    prefilter = module.may_be_in
    monkeypatch.setattr(module, "may_be_in", lambda *_: pl.lit(True))
    every = audit(runner, path, extra=scope)
    assert filtered["policies"] == every["policies"]
    assert filtered["movers"] == every["movers"]
    assert [f["count"] for f in filtered["findings"]] == [f["count"] for f in every["findings"]]
    # The comparison is worth something only if the prefilter drops dossiers here.
    dossiers = pl.DataFrame(
        {
            "received_at": [datetime.fromisoformat(r["received_at"]) for r in rows],
            "finished_at": [datetime.fromisoformat(r["finished_at"]) if r["finished_at"] else None for r in rows],
            "returned_at": [datetime.fromisoformat(r["returned_at"]) if r["returned_at"] else None for r in rows],
            "status": [r["status"] for r in rows],
        }
    )
    assert 0 < dossiers.filter(prefilter(Period(date(2026, 7, 1), date(2026, 9, 30), "2026-Q3"), date(2026, 9, 30))).height < len(rows)


def test_may_be_in_keeps_what_some_policy_can_count_in_the_period() -> None:
    """The prefilter's rule, dossier by dossier, for 2026-Q3 as of 15/09/2026."""
    from motcua_cli.audit import may_be_in

    t = datetime.fromisoformat
    cases = [  # received, finished, returned, status, kept
        (t("2026-09-15 16:00"), None, None, "processing", True),  # received on the as-of day
        (t("2026-09-16 08:00"), None, None, "processing", False),  # received after the as-of day
        (t("2026-05-04 08:00"), t("2026-06-30 17:00"), t("2026-06-30 17:30"), "returned", False),  # ended before 1/7 by both
        (t("2026-05-04 08:00"), t("2026-06-30 17:00"), t("2026-07-01 08:00"), "returned", True),  # returned in the period
        (t("2026-05-04 08:00"), t("2026-06-30 17:00"), None, "processed", True),  # not returned: returned_at can count
        (t("2026-05-04 08:00"), t("2026-06-01 17:00"), t("2026-06-02 08:00"), "supplement_requested", True),  # never settles
        (t("2026-05-04 08:00"), t("2026-06-01 17:00"), t("2026-06-02 08:00"), "refused", True),
        (None, None, None, "processing", True),  # unknown receipt: kept
        # Received in the period, ended before it (a date typed wrong): new in the period.
        (t("2026-08-24 14:45"), t("2026-06-20 10:00"), t("2026-06-21 08:00"), "returned", True),
    ]
    frame = pl.DataFrame([c[:4] for c in cases], schema=["received_at", "finished_at", "returned_at", "status"], orient="row")
    kept = frame.select(may_be_in(Period(date(2026, 7, 1), date(2026, 9, 30), "2026-Q3"), date(2026, 9, 15))).to_series()
    assert kept.to_list() == [c[4] for c in cases]


def test_may_be_in_reads_the_end_rules_of_the_policies_run() -> None:
    """Finished on 30/06 and never handed over: before 2026-Q3 for every rule that ends
    at the result (finished, the first of the two, OpenCPS's result date only), in it
    for a rule that ends at the hand-over (still pending there). Withdrawn on 30/06 with
    no hand-over date: the hand-over rule takes the result date, so it ended before."""
    from motcua_cli.audit import may_be_in

    t = datetime.fromisoformat
    frame = pl.DataFrame(
        [
            (t("2026-05-04 08:00"), t("2026-06-30 17:00"), None, "processed"),
            (t("2026-05-04 08:00"), t("2026-06-30 17:00"), None, "withdrawn"),
        ],
        schema=["received_at", "finished_at", "returned_at", "status"],
        orient="row",
    )
    q3 = Period(date(2026, 7, 1), date(2026, 9, 30), "2026-Q3")

    def kept(ends: tuple[str, ...]) -> list[bool]:
        return frame.select(may_be_in(q3, date(2026, 9, 15), ends)).to_series().to_list()

    assert kept(("finished", "first", "finished_only")) == [False, False]
    assert kept(("finished",)) == [False, False]
    assert kept(("returned",)) == [True, False]
    assert kept(("finished", "returned")) == [True, False]


def test_a_not_accepted_dossier_received_after_the_period_is_not_examined(runner: CliRunner, tmp_path: Path) -> None:
    """Not accepted is excluded from the counts, but only a dossier of the period is
    examined: one received on 2 October is not in 2026-Q3's audit (it was before 2026-12)."""
    rows = base()
    rows[0].update(status="not_accepted", received_at="2026-10-02 09:00:00", finished_at="", returned_at="", due_at="2026-10-09 17:00:00")
    rows[1].update(status="not_accepted", received_at="2026-09-29 09:00:00", finished_at="", returned_at="", due_at="2026-10-06 17:00:00")
    path = write(rows, tmp_path / "x.csv")
    q3 = audit(runner, path, extra=("--period", "2026-Q3"))
    rows[0]["status"] = "processing"
    rows[1]["status"] = "processing"
    moved = audit(runner, write(rows, tmp_path / "y.csv"), extra=("--period", "2026-Q3"))
    # As processing, the one received on 29/09 is examined and the one of 2/10 is not: as
    # not accepted, each is examined exactly when its processing self would be.
    assert q3["examined"] == moved["examined"]
