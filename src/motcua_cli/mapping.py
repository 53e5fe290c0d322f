"""Step 2: find the header in a grid and map its columns to canonical fields.

Column names vary by vendor, with or without diacritics, in any case, and as the
national sync names (MaHoSo, NgayTiepNhan ...): DOMAIN.md section 4. Names are compared
on a folded key with the spaces removed, so "Mã hồ sơ", "MA HO SO" and "MaHoSo" are one
key. Where two columns map to one field, the alias listed first wins ("Đơn vị xử lý"
over "Đơn vị tiếp nhận"). Users add or override aliases in the config file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .folding import fold_key

# Canonical fields, each with its aliases in order of preference.
FIELD_ALIASES: dict[str, list[str]] = {
    "dossier_id": [
        "Mã hồ sơ",
        "MaHoSo",
        "Số hồ sơ",
        "SoHoSo",
        "Số biên nhận",
        "SoBienNhan",
        "Mã số hồ sơ",
        "Mã HS",
        "Số HS",
        "Mã biên nhận",
        "Số phiếu",
        "Mã hồ sơ TTHC",
        "DossierNo",
        "Dossier ID",
        "code",
        "codeProfile",
    ],
    "procedure_code": [
        "Mã thủ tục",
        "Mã TTHC",
        "MaTTHC",
        "MaThuTuc",
        "Mã thủ tục hành chính",
        "Mã số TTHC",
        "Procedure code",
        "serviceCode",
        "procedureCode",
        "codeTTHC",
    ],
    "procedure_name": [
        "Tên thủ tục",
        "Tên TTHC",
        "TenTTHC",
        "TenThuTuc",
        "Thủ tục",
        "Thủ tục hành chính",
        "Tên thủ tục hành chính",
        "Procedure",
        "serviceName",
        "procedureName",
        "nameTTHC",
        "Loại hồ sơ",
        "TenLoaiHoSo",
    ],
    "field_code": [
        "Mã lĩnh vực",
        "MaLinhVuc",
        "domainCode",
        "sectorCode",
    ],
    "field": [
        "Lĩnh vực",
        "TenLinhVuc",
        "Tên lĩnh vực",
        "LinhVuc",
        "Field",
        "domainName",
        "sectorName",
    ],
    "unit": [
        "Cơ quan xử lý",
        "DonViXuLy",
        "Đơn vị xử lý",
        "CoQuanXuLy",
        "Đơn vị giải quyết",
        "Cơ quan giải quyết",
        "Cơ quan thực hiện",
        "Đơn vị",
        "Tên đơn vị",
        "TenDonVi",
        "Cơ quan",
        "Đơn vị tiếp nhận",
        "DonViTiepNhan",
        "Cơ quan tiếp nhận",
        "Nơi tiếp nhận",
        "Unit",
        "govAgencyName",
        "agencyName",
        "Phòng ban",
        "TenPhongBan",
    ],
    "level": ["Cấp", "Cấp thực hiện", "CapThucHien", "Cấp đơn vị", "Cấp xử lý", "Cấp hành chính", "Level"],
    "channel": [
        "Hình thức nộp",
        "KenhThucHien",
        "Kênh",
        "Kênh nộp",
        "Kênh thực hiện",
        "Hình thức nộp hồ sơ",
        "Hình thức tiếp nhận",
        "HinhThucNop",
        "Kênh tiếp nhận",
        "Hình thức",
        "Channel",
        "applyMethod",
    ],
    "received_at": [
        "Ngày tiếp nhận",
        "NgayTiepNhan",
        "Ngày nhận",
        "NgayNhan",
        "Tiếp nhận",
        "Ngày nhận hồ sơ",
        "Ngày tiếp nhận hồ sơ",
        "Thời gian tiếp nhận",
        "Received at",
        "receiveDate",
        "acceptedDate",
    ],
    "due_at": [
        "Ngày hẹn trả",
        "NgayHenTra",
        "Hẹn trả",
        "Ngày hẹn trả kết quả",
        "Hẹn trả kết quả",
        "Hạn xử lý",
        "HanXuLy",
        "Hạn giải quyết",
        "Hạn trả",
        "Ngày hết hạn",
        "Due at",
        "appointmentDate",
        "dueDate",
    ],
    "finished_at": [
        "Ngày kết thúc xử lý",
        "NgayKetThucXuLy",
        "Ngày có kết quả",
        "NgayCoKetQua",
        "Ngày hoàn thành",
        "Ngày xử lý xong",
        "Ngày kết thúc",
        "Kết thúc xử lý",
        "Có kết quả",
        "Hoàn thành",
        "Ngày hoàn thành xử lý",
        "Ngày giải quyết xong",
        "Finished at",
        "releaseDate",
        "completedDate",
    ],
    "returned_at": [
        "Ngày trả kết quả",
        "NgayTraKetQua",
        "Ngày trả",
        "NgayTra",
        "Trả kết quả",
        "Ngày trả KQ",
        "Đã trả",
        "Returned at",
        "Ngày trả hồ sơ",
        "finishDate",
        "returnedDate",
    ],
    "status": [
        "Trạng thái",
        "TrangThaiHoSo",
        "Trạng thái hồ sơ",
        "TrangThai",
        "Tình trạng",
        "Tình trạng hồ sơ",
        "Tình trạng xử lý",
        "Trạng thái xử lý",
        "Status",
        "dossierStatus",
        "dossierStatusText",
        "TrangThaiHoSoId",
        "TenTrangThaiHoSo",
        "Tình trạng hiện tại",
        "TinhTrangHienTai",
    ],
    "duration": [
        "Thời hạn giải quyết",
        "ThoiHanGiaiQuyet",
        "Thời gian giải quyết",
        "Thời hạn",
        "Thời hạn xử lý",
        "Số ngày giải quyết",
        "Số ngày xử lý theo quy định",
        "Duration",
        "durationCount",
        "Thời hạn quy định",
        "ThoiGianThucHien",
    ],
    "supplement_requested_at": [
        "Ngày yêu cầu bổ sung",
        "NgayYeuCauBoSung",
        "Yêu cầu bổ sung",
        "Ngày tạm dừng",
        "Ngày bổ sung",
    ],
    "supplement_received_at": [
        "Ngày nhận bổ sung",
        "NgayNhanBoSung",
        "Ngày công dân bổ sung",
        "Ngày bổ sung xong",
        "Ngày tiếp tục xử lý",
    ],
    # The submission date: deadlines count from acceptance (received_at), so it is read
    # as the receipt only when the file has no acceptance date (a note says so).
    "submitted_at": [
        "Ngày nộp hồ sơ",
        "Ngày nộp",
        "NgayNop",
        "NgayNopHoSo",
        "Thời gian nộp",
        "Ngày gửi trực tuyến",
        "Ngày gửi",
        "submitDate",
        "appliedDate",
    ],
    # The system's own grading of the dossier (DOMAIN.md 4): kept, never used to classify.
    "vendor_verdict": [
        "Tình trạng hạn",
        "Trạng thái hạn",
        "Tiến độ giải quyết",
        "Kết quả đúng hạn",
        "Tình trạng quá hạn",
        "TinhTrangQuaHan",
        "dossierOverdue",
    ],
    # OpenCPS: True/False for online, and 2 = came by post; its duration unit (0 days, 1 hours).
    "online_flag": ["online"],
    "via_postal": ["viaPostal"],
    "duration_unit_code": ["durationUnit"],
    "supplement_count": ["Số lần bổ sung", "SoLanBoSung", "Số lần yêu cầu bổ sung"],
}
REQUIRED = ("dossier_id", "received_at")
DATE_FIELDS = (
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "supplement_requested_at",
    "supplement_received_at",
)
# Columns we know and do not need: row numbers and notes.
# extendDate: OpenCPS's new date after an apology; grading stays against the first one.
IGNORED = ["STT", "TT", "Số thứ tự", "Ghi chú", "No", "extendDate", "dossierSubStatus", "dossierSubStatusText"]
# Personal data (DOMAIN.md section 4): recognised by a part of the folded name and
# dropped before anything is kept. Better to drop a column too many.
PERSONAL_MARKERS = [
    "chu ho so",
    "nguoi nop",
    "nguoi dung ten",
    "ho ten",
    "ho va ten",
    "cong dan",
    "to chuc ca nhan",
    "dia chi",
    "dien thoai",
    "sdt",
    "email",
    "thu dien tu",
    "cccd",
    "cmnd",
    "can cuoc",
    "so dinh danh",
    "so giay to",
    "chuhoso",
    "diachi",
    "sodienthoai",
    "nguoinop",
    "ten nguoi",
    "applicant",
    "address",
    "phone",
    "telno",
    "contactname",
    "delegate",
    # officials' names are personal data too, and the address of the applicant in parts
    "nguoi tiep nhan",
    "nguoi xu ly",
    "nguoi thu ly",
    "nguoi uy quyen",
    "nguoi nhan",
    "can bo",
    "nguoitiepnhan",
    "nguoixuly",
    "nguoithuly",
    "nguoiuyquyen",
    "nguoinhan",
    "canbo",
    "ten dia ban",
    "tendiaban",
    "madoituong",
    "sodinhdanh",
    "fax",
    "cityname",
    "citycode",
    "districtname",
    "districtcode",
    "wardname",
    "wardcode",
]
IGNORE = "ignore"


@functools.lru_cache(maxsize=1 << 16)  # header search folds the same cells many times
def compact_key(name: object) -> str:
    """Folded key without spaces: the key names are matched on."""
    return fold_key(name).replace(" ", "")


@functools.lru_cache(maxsize=64)
def _alias_index_cached(extra: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, int]]:
    return _build_alias_index(dict(extra))


def _alias_index(extra: Mapping[str, str]) -> dict[str, tuple[str, int]]:
    return _alias_index_cached(tuple(sorted(extra.items())))


def _build_alias_index(extra: Mapping[str, str]) -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for fld, aliases in FIELD_ALIASES.items():
        for rank, alias in enumerate(aliases):
            index.setdefault(compact_key(alias), (fld, rank))
    for alias in IGNORED:
        index.setdefault(compact_key(alias), (IGNORE, 0))
    for alias, fld in extra.items():  # the user's config wins, and ranks first
        index[compact_key(alias)] = (fld, -1)
    return index


@functools.lru_cache(maxsize=1 << 16)
def is_personal(name: str) -> bool:
    key = fold_key(name)
    spaced = f" {key} "
    return any(f" {m} " in spaced or (" " not in m and m in key.replace(" ", "")) for m in PERSONAL_MARKERS)


@dataclass
class HeaderMatch:
    """Where the header is and what each column means."""

    start: int  # grid index of the header's first row
    depth: int  # header rows (1-3)
    names: list[str | None]  # header text per column, parts joined with " / "
    fields: dict[int, str] = field(default_factory=dict)  # column index → canonical field
    personal: list[int] = field(default_factory=list)
    ignored: list[int] = field(default_factory=list)
    unmapped: list[int] = field(default_factory=list)
    duplicates: dict[int, str] = field(default_factory=dict)  # column → field taken by another
    # column → how its field was found: "config", "alias", "words" (header words, a
    # guess), "content" (its values, a guess), "fallback" (submission date as receipt)
    how: dict[int, str] = field(default_factory=dict)
    due_candidates: list[int] = field(default_factory=list)  # several columns could be the due date

    @property
    def data_start(self) -> int:
        return self.start + self.depth

    @property
    def score(self) -> int:
        return len(self.fields) + 10 * sum(f in self.fields.values() for f in REQUIRED)

    def column_of(self, fld: str) -> int | None:
        for col, f in self.fields.items():
            if f == fld:
                return col
        return None


def _compose(rows: Sequence[Sequence[str | None]], width: int) -> list[str | None]:
    """Join a multi-row header into one name per column ("Ngày / Hẹn trả").

    A blank upper cell over a sub-header borrows the upper text from its left neighbour
    when that neighbour is a sub-header too: the merged "Ngày" over two columns, in files
    (CSV) that carry no merge information.
    """
    names: list[str | None] = []
    filled = [list(r) + [None] * (width - len(r)) for r in rows]
    for depth in range(len(filled) - 1):
        upper, lower = filled[depth], filled[depth + 1]
        for j in range(1, width):
            if upper[j] is None and lower[j] is not None and lower[j - 1] is not None:
                upper[j] = upper[j - 1]
    for j in range(width):
        parts: list[str] = []
        for r in filled:
            v = r[j]
            if v is not None and str(v).strip() and str(v).strip() not in parts:
                parts.append(str(v).strip())
        names.append(" / ".join(parts) if parts else None)
    return names


def map_columns(names: Sequence[str | None], extra_aliases: Mapping[str, str] | None = None) -> HeaderMatch:
    """Map header names to fields; ``start``/``depth`` are left for the caller."""
    index = _alias_index(extra_aliases or {})
    match = HeaderMatch(start=0, depth=1, names=list(names))
    best: dict[str, tuple[int, int]] = {}  # field → (rank, column)
    for col, name in enumerate(names):
        if name is None:
            continue
        parts = [name, *reversed(name.split(" / "))] if " / " in name else [name]
        hit = None
        for part in parts:
            hit = index.get(compact_key(part))
            if hit:
                break
        if hit and hit[0] == IGNORE:
            match.ignored.append(col)
        elif hit:
            fld, rank = hit
            if fld not in best or rank < best[fld][0]:
                if fld in best:
                    match.duplicates[best[fld][1]] = fld
                best[fld] = (rank, col)
            else:
                match.duplicates[col] = fld
        elif is_personal(name):
            match.personal.append(col)
        else:
            match.unmapped.append(col)
    match.fields = {col: fld for fld, (_, col) in sorted(best.items(), key=lambda x: x[1][1])}
    match.how = {col: "config" if rank < 0 else "alias" for fld, (rank, col) in best.items()}
    # A column both personal by name and mapped (never in the alias table) stays mapped;
    # a duplicate that is personal is dropped as personal.
    for col in list(match.duplicates):
        if names[col] is not None and is_personal(str(names[col])):
            match.personal.append(col)
            del match.duplicates[col]
    return match


def find_header(
    head: Sequence[Sequence[str | None]],
    extra_aliases: Mapping[str, str] | None = None,
    max_depth: int = 3,
) -> HeaderMatch | None:
    """The best header in the first rows of a grid, or None if none has the required fields."""
    width = max((len(r) for r in head), default=0)
    best: HeaderMatch | None = None
    for start in range(len(head)):
        # A blank row, or a title row (one text spread over the row by a merge), does
        # not start a header.
        if len({v for v in head[start] if v is not None}) <= 1:
            continue
        previous: HeaderMatch | None = None
        for depth in range(1, max_depth + 1):
            if start + depth > len(head):
                break
            if depth > 1 and all(v is None for v in head[start + depth - 1]):
                break
            match = map_columns(_compose(head[start : start + depth], width), extra_aliases)
            match.start, match.depth = start, depth
            # A deeper header must map strictly more: a data row is never a header row.
            if previous is not None and match.score <= previous.score:
                break
            previous = match
            if best is None or match.score > best.score:  # ties: the earlier, shallower one
                best = match
    if best is None:
        return None
    complete(best)
    if any(f not in best.fields.values() for f in REQUIRED):
        return None
    return best


# Header words, for columns no alias names (second tier, a guess the notes show): the
# first rule whose field is still unmapped takes the column. Order: "hẹn trả kết quả"
# is a due date before "trả kết quả" is a return date.
HEADER_WORDS: list[tuple[str, str]] = [
    # "Thời hạn giải quyết (ngày)" is the allowed duration, not a date
    ("duration", r"\bthoi han\b|\bso ngay (giai quyet|xu ly)\b"),
    # what is expected ("dự kiến", "hẹn") is a due date, never an end
    (
        "due_at",
        r"\bhen tra\b|\bhan (xu ly|giai quyet|tra|hoan thanh)\b|\bhet han\b|\bngay hen\b|\bdu kien\b|\bke hoach\b",
    ),
    # the system's own grading: before "tình trạng" is read as a status
    ("vendor_verdict", r"^(?!.*\bngay\b).*(\b(qua han|tre han|dung han|som han|trong han)\b|\btinh trang han\b)"),
    # a date field's words need a date word: "Người tiếp nhận" is a person, "Loại tiếp
    # nhận" a channel, "Hồ sơ tiếp nhận ID" an id
    (
        "finished_at",
        r"^(?!.*\b(du kien|hen|ke hoach)\b)(?=.*\b(ngay|thoi gian|thoi diem)\b).*\b(ket thuc|hoan thanh|co (ket qua|kq)|xu ly xong|giai quyet xong)\b",
    ),
    ("returned_at", r"^(?!.*\b(du kien|hen|ke hoach)\b)((?=.*\b(ngay|thoi gian|thoi diem)\b).*\btra\b|.*\bban giao\b)"),
    ("received_at", r"\b(ngay|thoi gian|thoi diem)\b.*\b(tiep nhan|nhan)\b"),
    ("status", r"\btrang thai\b|\btinh trang\b"),
    ("channel", r"\bkenh\b|\bhinh thuc (nop|tiep nhan|gui|thuc hien)\b|\bloai tiep nhan\b"),
    ("field", r"\blinh vuc\b"),
    ("unit", r"\b(don vi|co quan|phong ban)\b"),
    ("procedure_name", r"\bthu tuc\b|\btthc\b"),
    ("dossier_id", r"\b(ma|so) (ho so|hs|bien nhan)\b|\bbien nhan\b"),
]
_HEADER_WORDS = [(fld, re.compile(pattern)) for fld, pattern in HEADER_WORDS]


def complete(match: HeaderMatch) -> None:
    """After the aliases: header words for the columns left (never a supplement column:
    "Ngày nhận bổ sung" is no receipt), and the submission date as the receipt when the
    file has no acceptance date (deadlines count from acceptance: DOMAIN.md 4)."""
    taken = set(match.fields.values())
    for col in list(match.unmapped):
        key = fold_key(match.names[col])
        if "bo sung" in key:
            continue
        for fld, pattern in _HEADER_WORDS:
            if fld not in taken and pattern.search(key):
                match.fields[col], match.how[col] = fld, "words"
                match.unmapped.remove(col)
                taken.add(fld)
                break
    if "received_at" not in taken and "submitted_at" in taken:
        submitted = match.column_of("submitted_at")
        assert submitted is not None
        match.fields[submitted], match.how[submitted] = "received_at", "fallback"
    match.fields = dict(sorted(match.fields.items()))


def by_content(match: HeaderMatch, rows: Sequence[Sequence[str | None]], read_dates: Callable[[list[str | None]], list[object]]) -> None:
    """Third tier, for important fields still unmapped: a column's values. ``rows`` are
    the first data rows; ``read_dates`` turns cells into datetimes (None when not one).

    - status: most values are status texts the vocabulary knows;
    - vendor_verdict: most values are verdicts ("Đúng hạn", "Trễ hạn", "Quá hạn 2.25 ngày");
    - channel: most values are channel texts (codes alone, 1/2/3, are too ambiguous);
    - due_at: the one column of dates filled on nearly every row, sitting 0-120 days
      after the receipt: end dates are empty on pending dossiers, so they do not qualify.
    A column so mapped is marked "content": the notes say so, with the config line."""
    from .vocab.rules import channel_meaning, status_meaning, verdict_of

    taken = set(match.fields.values())
    free = list(match.unmapped)

    def values(col: int) -> list[str]:
        return [str(r[col]).strip() for r in rows if col < len(r) and r[col] is not None and str(r[col]).strip()]

    def share(vals: list[str], test: Callable[[str], bool]) -> float:
        distinct = {v: test(v) for v in set(vals)}
        return sum(distinct[v] for v in vals) / len(vals) if vals else 0.0

    def take(col: int, fld: str) -> None:
        match.fields[col], match.how[col] = fld, "content"
        match.unmapped.remove(col)
        free.remove(col)
        taken.add(fld)

    for col in list(free):
        vals = values(col)
        if len(vals) < 3:
            continue
        if "vendor_verdict" not in taken and share(vals, lambda v: verdict_of(v) is not None and status_meaning(v).code is None) >= 0.8:
            take(col, "vendor_verdict")
        elif "status" not in taken and share(vals, lambda v: status_meaning(v).code is not None and not v.isdigit()) >= 0.8:
            take(col, "status")
        elif "channel" not in taken and share(vals, lambda v: channel_meaning(v).code is not None and not v.isdigit()) >= 0.8:
            take(col, "channel")
    received = match.column_of("received_at")
    if "due_at" in taken or received is None:
        return
    base = read_dates([r[received] if received < len(r) else None for r in rows])
    candidates = []
    for col in free:
        # A date of something else by its header ("Ngày ký", "Ngày in", "Ngày cấp"): not a due date.
        if re.search(r"\b(ky|in|lap|cap|ban hanh|sinh|cap nhat)\b", fold_key(match.names[col])):
            continue
        cells = read_dates([r[col] if col < len(r) else None for r in rows])
        pairs = [(b, c) for b, c in zip(base, cells, strict=True) if b is not None]
        filled = [(b, c) for b, c in pairs if c is not None]
        if len(pairs) < 3 or len(filled) < 0.95 * len(pairs):
            continue
        days = [(c - b).total_seconds() / 86400 for b, c in filled]  # type: ignore[operator]
        if sum(0 <= d <= 120 for d in days) >= 0.8 * len(days) and sorted(days)[len(days) // 2] >= 1:
            candidates.append(col)
    if len(candidates) == 1:
        take(candidates[0], "due_at")
    else:
        match.due_candidates = candidates
