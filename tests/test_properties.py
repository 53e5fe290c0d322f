"""Property-based tests (hypothesis): the date parser, the folded-key matcher, header
detection, the period parser and the duplicate finder, each against its own
definition on inputs nobody wrote by hand."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta

import polars as pl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from motcua_cli import dates, nfc_table
from motcua_cli.errors import UsageError
from motcua_cli.folding import fold_expr, fold_key, nfc_series
from motcua_cli.mapping import FIELD_ALIASES, find_header
from motcua_cli.periods import parse_day, parse_period
from motcua_cli.validate import duplicated_ids

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- dates ---------------------------------------------------------------------------

moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2099, 12, 31, 23, 59, 59)).map(lambda d: d.replace(microsecond=0))
# (format, what survives of the moment)
FORMS = [
    ("%d/%m/%Y", "day"),
    ("%d/%m/%Y %H:%M", "minute"),
    ("%d/%m/%Y %H:%M:%S", "second"),
    ("%d-%m-%Y", "day"),
    ("%d.%m.%Y %H:%M", "minute"),
    ("%Y-%m-%d", "day"),
    ("%Y-%m-%d %H:%M:%S", "second"),
    ("%Y-%m-%dT%H:%M:%S", "second"),
    ("%Y%m%d%H%M%S", "second"),
    ("%H:%M %d/%m/%Y", "minute"),
]


def _cut(moment: datetime, keep: str) -> datetime:
    if keep == "day":
        return moment.replace(hour=0, minute=0, second=0)
    if keep == "minute":
        return moment.replace(second=0)
    return moment


@SETTINGS
@given(st.lists(st.tuples(moments, st.sampled_from(FORMS)), min_size=1, max_size=40))
def test_every_written_form_reads_back_as_the_moment_it_names(values: list[tuple[datetime, tuple[str, str]]]) -> None:
    """A column mixing any of the forms exports use: each value parses to its moment."""
    text = pl.Series("d", [m.strftime(fmt) for m, (fmt, _) in values])
    parsed, has_time, _ = dates.parse_column(text)
    assert parsed.to_list() == [_cut(m, keep) for m, (_, keep) in values]
    assert has_time.to_list() == [keep != "day" for _, (_, keep) in values]


def _blank(text: str) -> bool:
    """Only Unicode White_Space, which Polars trims. Python's isspace also counts the
    information separators U+001C..U+001F: a cell holding one is text, and no date."""
    return all(ch.isspace() and ch not in "\x1c\x1d\x1e\x1f" for ch in text)


@SETTINGS
@given(st.lists(st.one_of(st.text(max_size=25), st.none(), st.from_regex(r"\d{1,2}/\d{1,2}/\d{2,5}( \d{1,2}:\d{2})?", fullmatch=True))))
def test_any_text_gives_a_date_in_the_sane_window_or_nothing(values: list[str | None]) -> None:
    parsed, _, seen = dates.parse_column(pl.Series("d", values, dtype=pl.String))
    assert len(parsed) == len(values)
    for text, value in zip(values, parsed.to_list(), strict=True):
        if value is not None:
            assert dates.MIN_YEAR <= value.year <= dates.MAX_YEAR
        if text is None or _blank(text):
            assert value is None
    unread = sum(1 for t, v in zip(values, parsed.to_list(), strict=True) if t and not _blank(t) and v is None)
    assert unread == sum(int(s["count"]) for s in seen if s["format"] is None)


@SETTINGS
@given(st.integers(min_value=32874, max_value=73050), st.integers(min_value=0, max_value=86399))
def test_excel_serial_numbers_count_days_from_1899_12_30(day: int, second: int) -> None:
    text = f"{day}.{second * 100000 // 86400:05d}" if second else str(day)
    (value,) = dates.parse_column(pl.Series("d", [text]))[0].to_list()
    expected = datetime(1899, 12, 30) + timedelta(days=day)
    assert expected <= value < expected + timedelta(days=1)


# --- folded keys ----------------------------------------------------------------------

names = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ABCĐ/-_.()0123456789\t")
    ),
    max_size=30,
)


@SETTINGS
@given(names)
def test_folded_key_ignores_normal_form_case_and_punctuation(name: str) -> None:
    key = fold_key(name)
    assert key == fold_key(unicodedata.normalize("NFD", name)) == fold_key(unicodedata.normalize("NFC", name))
    assert key == fold_key(name.upper()) == fold_key(f"  {name} ./ ")
    assert fold_key(key) == key
    assert set(key) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ") and "  " not in key and key == key.strip()


@SETTINGS
@given(st.lists(names, max_size=20))
def test_the_vectorised_fold_equals_the_scalar_one(values: list[str]) -> None:
    folded = pl.DataFrame({"v": values}, schema={"v": pl.String}).select(fold_expr(pl.col("v")))["v"].to_list()
    assert folded == [fold_key(v) for v in values]


@SETTINGS
@given(st.lists(st.one_of(names, st.none(), st.sampled_from(["Hộ tịch", "Hộ tịch", "\ufeffĐất đai", " x "])), max_size=60))
def test_nfc_of_a_column_equals_nfc_of_each_cell(values: list[str | None]) -> None:
    column = pl.Series("v", values, dtype=pl.String)
    expected = []
    for v in values:
        if v is None:
            expected.append(None)
            continue
        out = unicodedata.normalize("NFC", v.replace("\ufeff", "").replace("\u200b", "")).strip()
        expected.append(out or None)
    assert nfc_series(column).to_list() == expected


def test_the_nfc_table_is_the_one_this_python_gives() -> None:
    """Cells outside the table are kept as they are: the table must hold every
    character NFC may change (regenerate: python -m motcua_cli.nfc_table)."""
    if unicodedata.unidata_version != nfc_table.UNICODE_VERSION:
        pytest.skip(f"table built for Unicode {nfc_table.UNICODE_VERSION}")
    assert nfc_table.compute() == nfc_table.RANGES


def test_a_decomposed_or_spaced_cell_is_normalised_and_a_clean_one_is_kept() -> None:
    decomposed = unicodedata.normalize("NFD", "Hộ tịch")
    column = pl.Series("v", [decomposed, "Hộ tịch", " Đất đai ", "\u2126", "", "MS-01", None])
    assert nfc_series(column).to_list() == ["Hộ tịch", "Hộ tịch", "Đất đai", "\u03a9", None, "MS-01", None]


# --- header detection -----------------------------------------------------------------

ALIASES = {fld: names_ for fld, names_ in FIELD_ALIASES.items() if fld in ("dossier_id", "received_at", "due_at", "status", "field")}


def _spell(name: str, how: int) -> str:
    return [name, name.upper(), unicodedata.normalize("NFD", name), f" {name}  ", name.lower()][how]


@SETTINGS
@given(
    st.data(),
    st.lists(st.sampled_from(["BÁO CÁO", "Từ ngày 01/07/2026 đến ngày 30/09/2026", None, "Đơn vị: UBND xã"]), max_size=6),
    st.integers(min_value=0, max_value=3),
)
def test_the_header_is_found_below_any_title_rows(data: st.DataObject, titles: list[str | None], blank_columns: int) -> None:
    fields = data.draw(st.permutations(list(ALIASES)))
    header = [_spell(data.draw(st.sampled_from(ALIASES[f])), data.draw(st.integers(0, 4))) for f in fields]
    width = blank_columns + len(header)
    grid: list[list[str | None]] = [[t] + [None] * (width - 1) for t in titles]
    grid.append([None] * blank_columns + header)
    grid += [[None] * blank_columns + [f"{i}" for i in range(len(header))] for _ in range(3)]
    match = find_header(grid)
    assert match is not None and match.start == len(titles) and match.depth == 1
    assert {match.fields[c]: c for c in match.fields} == {f: blank_columns + i for i, f in enumerate(fields)}


@SETTINGS
@given(st.lists(st.lists(st.one_of(st.none(), st.text(max_size=12)), max_size=8), max_size=12))
def test_header_detection_never_fails_on_arbitrary_grids(grid: list[list[str | None]]) -> None:
    match = find_header(grid)
    if match is not None:
        assert "dossier_id" in match.fields.values() and "received_at" in match.fields.values()


# --- periods --------------------------------------------------------------------------


def test_years_outside_1900_2200_are_usage_errors() -> None:
    for text in ("0000", "0001-Q1", "9999-Q4", "9999-12", "12/0000"):
        with pytest.raises(UsageError):
            parse_period(text, 14)


@SETTINGS
@given(
    st.integers(min_value=1900, max_value=2200),
    st.sampled_from(["", "-H1", "-H2", "-Q1", "-Q2", "-Q3", "-Q4", *[f"-{m:02d}" for m in range(1, 13)]]),
)
@pytest.mark.parametrize("cutoff", [None, 14])
def test_periods_tile_the_year(cutoff: int | None, year: int, suffix: str) -> None:
    period = parse_period(f"{year}{suffix}", cutoff)
    assert period.label == f"{year}{suffix}" and period.start <= period.end
    # consecutive periods of the same kind meet without gap or overlap
    if suffix.startswith("-Q") and suffix != "-Q4":
        nxt = parse_period(f"{year}-Q{int(suffix[-1]) + 1}", cutoff)
        assert nxt.start == period.end + timedelta(days=1)
    if suffix == "" and cutoff is None:
        assert (period.start, period.end) == (date(year, 1, 1), date(year, 12, 31))
    if cutoff is not None:
        assert period.end.day == cutoff and period.start.day == cutoff + 1


@SETTINGS
@given(
    st.one_of(st.text(max_size=20), st.from_regex(r"\d{4}(-?[HQhq]\d|-\d{1,2})?|[HQ]\d/\d{4}|\d{1,2}/\d{4}", fullmatch=True)),
    st.sampled_from([None, 1, 14, 28]),
)
def test_any_period_text_parses_or_gets_a_usage_error(text: str, cutoff: int | None) -> None:
    try:
        period = parse_period(text, cutoff)
    except UsageError as exc:
        assert text in exc.vi
        return
    assert period.start <= period.end and 1900 <= period.end.year <= 2200


@SETTINGS
@given(st.text(max_size=20))
def test_any_day_text_parses_or_gets_a_usage_error(text: str) -> None:
    try:
        parse_day(text, "--as-of")
    except UsageError as exc:
        assert "--as-of" in exc.en


# --- duplicates -----------------------------------------------------------------------


@SETTINGS
@given(st.lists(st.text(alphabet="ab01-", max_size=4), max_size=200))
def test_duplicated_ids_equals_polars_is_duplicated(ids: list[str]) -> None:
    assume(True)
    series = pl.Series("id", ids, dtype=pl.String)
    assert duplicated_ids(series).to_list() == series.is_duplicated().to_list()
