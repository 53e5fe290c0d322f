"""Folding, header mapping, dates and codes, each stated with concrete values."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import polars as pl
import pytest

from motcua_cli import codes, dates
from motcua_cli.folding import fold_expr, fold_key
from motcua_cli.mapping import compact_key, find_header, is_personal, map_columns


def test_fold_key_matches_nfd_case_and_old_tone_placement() -> None:
    nfd = unicodedata.normalize("NFD", "Hộ tịch")
    assert nfd != "Hộ tịch"
    assert fold_key(nfd) == fold_key("HỘ TỊCH") == fold_key("ho tich") == "ho tich"
    assert fold_key("Hoà Bình") == fold_key("Hòa Bình") == "hoa binh"
    assert fold_key("Ngày / Hẹn trả") == "ngay hen tra"
    assert fold_key("Đất đai") == "dat dai"
    assert compact_key("MaHoSo") == compact_key("Mã hồ sơ") == "mahoso"


def test_fold_expr_equals_fold_key() -> None:
    values = ["Hộ tịch", unicodedata.normalize("NFD", "Đăng ký  kết-hôn"), "ĐẤT ĐAI", "Hoà"]
    got = pl.Series(values).to_frame("v").select(fold_expr(pl.col("v")))["v"].to_list()
    assert got == [fold_key(v) for v in values]


def test_aliases_cover_domain_names_and_sync_fields() -> None:
    names = [
        "Mã hồ sơ",
        "Số hồ sơ",
        "Số biên nhận",
        "MaHoSo",
        "Ngày tiếp nhận",
        "Ngày nhận",
        "NgayTiepNhan",
        "Ngày hẹn trả",
        "Hẹn trả",
        "NgayHenTra",
        "Ngày có kết quả",
        "Ngày kết thúc xử lý",
        "NgayKetThucXuLy",
        "Ngày trả kết quả",
        "Ngày trả",
        "NgayTra",
        "Lĩnh vực",
        "TenLinhVuc",
        "Cơ quan xử lý",
        "Đơn vị",
        "DonViXuLy",
        "Tên thủ tục",
        "TenTTHC",
        "MaTTHC",
        "KenhThucHien",
        "TrangThaiHoSo",
    ]
    want = [
        "dossier_id",
        "dossier_id",
        "dossier_id",
        "dossier_id",
        "received_at",
        "received_at",
        "received_at",
        "due_at",
        "due_at",
        "due_at",
        "finished_at",
        "finished_at",
        "finished_at",
        "returned_at",
        "returned_at",
        "returned_at",
        "field",
        "field",
        "unit",
        "unit",
        "unit",
        "procedure_name",
        "procedure_name",
        "procedure_code",
        "channel",
        "status",
    ]
    for name, fld in zip(names, want, strict=True):
        assert map_columns([name]).fields == {0: fld}, name
        assert map_columns([name.upper()]).fields == {0: fld}, name


def test_personal_columns_are_recognised() -> None:
    for name in ["Chủ hồ sơ", "Người nộp", "Địa chỉ", "Số điện thoại", "Email", "Số CCCD", "CMND", "Họ tên người nộp", "ChuHoSo"]:
        assert is_personal(name), name
    for name in ["Mã hồ sơ", "Lĩnh vực", "Ngày trả", "Trạng thái"]:
        assert not is_personal(name), name
    match = map_columns(["Mã hồ sơ", "Chủ hồ sơ", "Ngày nhận", "Điện thoại"])
    assert match.personal == [1, 3]


def test_user_alias_overrides_and_extends() -> None:
    match = map_columns(["Số HS", "Ngày nhận HS", "Ngày"], {"Ngày nhận HS": "received_at", "Ngày": "due_at"})
    assert match.fields == {0: "dossier_id", 1: "received_at", 2: "due_at"}


def test_preferred_alias_wins_over_file_order() -> None:
    match = map_columns(["Mã hồ sơ", "Đơn vị tiếp nhận", "Ngày nhận", "Đơn vị xử lý"])
    assert match.fields[3] == "unit"
    assert match.duplicates == {1: "unit"}


def test_header_below_title_rows_is_found() -> None:
    head = [
        ["UBND TỈNH X", None, None],
        ["DANH SÁCH HỒ SƠ", None, None],
        ["Từ ngày 01/01/2026 đến ngày 31/03/2026", None, None],
        [None, None, None],
        ["Mã hồ sơ", "Ngày tiếp nhận", "Ngày hẹn trả"],
        ["H1", "02/01/2026", "05/01/2026"],
    ]
    match = find_header(head)
    assert match is not None and (match.start, match.depth) == (4, 1)


def test_two_row_header_without_merge_information() -> None:
    # A CSV: "Ngày" stands over two sub-headers, the cell right of it is blank.
    head = [
        ["STT", "Mã hồ sơ", "Ngày", None, "Trạng thái"],
        [None, None, "Tiếp nhận", "Hẹn trả", None],
        ["1", "H1", "02/01/2026", "05/01/2026", "Đang xử lý"],
    ]
    match = find_header(head)
    assert match is not None and (match.start, match.depth) == (0, 2)
    assert match.names[2:4] == ["Ngày / Tiếp nhận", "Ngày / Hẹn trả"]
    assert match.fields == {1: "dossier_id", 2: "received_at", 3: "due_at", 4: "status"}


def test_title_row_spread_by_a_merge_is_not_part_of_the_header() -> None:
    head = [
        ["Trạng thái: Tất cả"] * 3,
        ["Số hồ sơ", "Thời gian", "Thời gian"],
        ["Số hồ sơ", "Ngày nhận", "Ngày hẹn trả"],
        ["H1", "02/01/2026 08:00", "05/01/2026 08:00"],
    ]
    match = find_header(head)
    assert match is not None and (match.start, match.depth) == (1, 2)


def test_no_header_without_id_and_receipt_date() -> None:
    assert find_header([["Lĩnh vực", "Ngày hẹn trả"], ["Hộ tịch", "01/01/2026"]]) is None


def _parse(values: list[str | None]) -> list[datetime | None]:
    parsed, _, _ = dates.parse_column(pl.Series("v", values, dtype=pl.String))
    return parsed.to_list()


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("02/01/2026", datetime(2026, 1, 2)),  # day first, always
        ("2/1/2026 8:05", datetime(2026, 1, 2, 8, 5)),
        ("02/01/2026 08:05:09", datetime(2026, 1, 2, 8, 5, 9)),
        ("02-01-2026", datetime(2026, 1, 2)),
        ("02.01.2026", datetime(2026, 1, 2)),
        ("2026-01-02", datetime(2026, 1, 2)),
        ("2026-01-02 08:30", datetime(2026, 1, 2, 8, 30)),
        ("2026-01-02T08:30:00.000", datetime(2026, 1, 2, 8, 30)),
        ("20260102083000", datetime(2026, 1, 2, 8, 30)),  # national sync format
        ("08:30 02/01/2026", datetime(2026, 1, 2, 8, 30)),
        ("02/01/2026 02:30 PM", datetime(2026, 1, 2, 14, 30)),
        ("46024", datetime(2026, 1, 2)),  # Excel serial
        ("46024.5", datetime(2026, 1, 2, 12, 0)),
        ("46024.354166666664", datetime(2026, 1, 2, 8, 30)),
    ],
)
def test_each_date_form(text: str, want: datetime) -> None:
    assert _parse([text]) == [want]


def test_mixed_forms_in_one_column_and_bad_values() -> None:
    got = _parse(["02/01/2026", "20260103080000", "2026-01-04", "46027", "31/02/2026", "2/1/26", "abc", None, "  "])
    assert got[:4] == [datetime(2026, 1, 2), datetime(2026, 1, 3, 8), datetime(2026, 1, 4), datetime(2026, 1, 5)]
    assert got[4:] == [None] * 5  # impossible date, 2-digit year, text, empty


def test_status_from_codes_and_text_with_or_without_diacritics() -> None:
    values = [
        "10",
        "Đã trả kết quả",
        "DA TRA KET QUA",
        "5",
        "Chờ bổ sung",
        "7",
        "Rút hồ sơ",
        "Từ chối",
        "3",
        "Không được tiếp nhận",
        "9",
        "4",
        "Đang giải quyết",
        "xyz",
        None,
    ]
    want = [
        "returned",
        "returned",
        "returned",
        "supplement_requested",
        "supplement_requested",
        "withdrawn",
        "withdrawn",
        "refused",
        "not_accepted",
        "not_accepted",
        "processed",
        "processing",
        "processing",
        "unknown",
        None,
    ]
    column = pl.Series("v", values)
    mapping = codes.lookup(codes.recognise(column.drop_nulls().unique().to_list(), "status"), "status")
    got = column.replace_strict(mapping, default=None, return_dtype=pl.String).cast(codes.STATUS).to_list()
    assert got == want


def test_channel_codes_text_and_missing_counts_in_person() -> None:
    values = ["1", "2", "3", "Trực tuyến", "truc tuyen", "BCCI", "Bưu chính công ích", None, "", "Fax"]
    want = ["in_person", "online", "postal", "online", "online", "postal", "postal", "in_person", "in_person", "in_person"]
    column = pl.Series("v", values)
    mapping = codes.lookup(codes.recognise(column.drop_nulls().unique().to_list(), "channel"), "channel")
    channel, unknown = codes.channel_of(pl.col("v").replace_strict(mapping, default=None, return_dtype=pl.String))
    got = column.to_frame().select(channel.alias("c"), unknown.alias("u"))
    assert got["c"].to_list() == want
    assert got["u"].to_list() == [False] * 9 + [True]  # "Fax" is flagged


def test_dates_with_spaces_around_are_read_and_cells_of_spaces_are_empty() -> None:
    """The query parses cells untrimmed; the rows it leaves unread are trimmed after."""
    values = ["02/01/2026 08:00", " 03/01/2026 09:15 ", "\u00a004/01/2026 10:00", "   ", "\t", "05/01/2026 11:00  x"]
    frame = pl.DataFrame({"t": values}).lazy()
    out = dates.parse_lazy(frame, "t", "v", {"%d/%m/%Y %H:%M": True}).collect()
    assert out["v__unread"][1] and out["v__unread"][3]  # a trailing space, only spaces: left to the mend
    out, formats = dates.mend(out, "t", "v", {"%d/%m/%Y %H:%M": True})
    assert out["v"].to_list() == [datetime(2026, 1, 2, 8), datetime(2026, 1, 3, 9, 15), datetime(2026, 1, 4, 10), None, None, None]
    assert out["v__present"].to_list() == [True, True, True, False, False, True]
    assert out["v__unread"].to_list() == [False, False, False, False, False, True]
    assert dates.forms_seen(out, "t", "v", formats) == [
        {"format": "%d/%m/%Y %H:%M", "count": 3},
        {"format": None, "count": 1, "example": "05/01/2026 11:00  x"},
    ]


def test_duration_amount_and_unit() -> None:
    values = ["15 ngày làm việc", "5", "8 giờ", "30 ngày (ngày lịch)", "3,5 ngày", None]
    frame = pl.DataFrame({"v": values})
    amount, unit = codes.duration_exprs(pl.col("v"))
    out = frame.select(amount.alias("a"), unit.alias("u"))
    assert out["a"].to_list() == [15.0, 5.0, 8.0, 30.0, 3.5, None]
    assert out["u"].to_list() == ["working_days", "working_days", "working_hours", "calendar_days", "working_days", None]


def test_forms_learnt_further_down_the_column_and_time_flags() -> None:
    values = ["02/01/2026"] * (dates.SAMPLE_ROWS + 5) + ["20260103080000", "03/01/2026 08:00", "xx"]
    parsed, has_time, seen = dates.parse_column(pl.Series("v", values))
    assert parsed[-3] == datetime(2026, 1, 3, 8) and parsed[-2] == datetime(2026, 1, 3, 8)
    assert parsed[-1] is None
    assert has_time.to_list()[-4:] == [False, True, True, False]
    assert {s["format"]: s["count"] for s in seen} == {
        "%d/%m/%Y": dates.SAMPLE_ROWS + 5,
        "%Y%m%d%H%M%S": 1,
        "%d/%m/%Y %H:%M": 1,
        None: 1,
    }


def test_a_column_written_on_a_few_rows_keeps_its_chunks() -> None:
    from motcua_cli import chunks

    column = pl.concat([pl.Series("v", ["a", "b"]), pl.Series("v", ["c"]), pl.Series("v", ["d", "e", "f"])], rechunk=False)
    out = chunks.scatter(column, [1, 4], ["B", "E"])
    assert out.to_list() == ["a", "B", "c", "d", "E", "f"] and out.chunk_lengths() == [2, 1, 3]
    assert column.to_list() == ["a", "b", "c", "d", "e", "f"]  # left as it was
    flags = chunks.scatter(pl.repeat(False, 6, eager=True), [0], [True], like=column)
    assert flags.to_list() == [True, False, False, False, False, False] and flags.chunk_lengths() == [2, 1, 3]
