"""Recognition by meaning: what a status or channel text says, in tiers.

Exports write statuses far beyond any list (DOMAIN.md 4): words added or dropped
("hồ sơ", "đang", "đã", "công dân"), sub-statuses that name a step ("Chờ ký duyệt",
"Đang xử lý liên thông"), the system's own verdict appended ("Đã trả kết quả (Trễ
hạn)"). A text is read in tiers, first hit wins, and the tier is kept so a report can
say which meanings are facts and which are guesses:

1. ``config``: the user's ``[status]`` / ``[channel]`` line for that folded text;
2. ``exact``: the folded text is in the exact table (``tables.py``), the systems' codes
   included (the national 1-10, OpenCPS's ``waiting``, ``releasing`` ...);
3. ``exact`` again after the vendor's verdict words and filler words are removed
   ("Đã trả kết quả (Trễ hạn)" → "đã trả kết quả"; "Hồ sơ đang xử lý" → "đang xử lý");
4. ``rule``: the ordered rules below, on the folded text; the order is the precedence
   (docs/reference.md lists it), so "Từ chối tiếp nhận" is never "refused" and "Chờ
   bổ sung" never "processing";
5. ``unknown``: none of these. Never a default: the text is counted, listed in the
   report's notes with the config line that fixes it.

The verdict ("Trễ hạn", "Quá hạn 2.25 ngày", "Còn 8.25 ngày") is read from any text,
whatever the tier, and kept apart as ``vendor_verdict``: never used to classify.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..folding import fold_key
from .tables import CHANNEL_TEXT, OPENCPS_STATUS, STATUS_TEXT

VERDICTS = ["early", "on_time", "late", "in_time", "overdue"]
TERMINAL = {"withdrawn", "stopped", "processed", "returned", "refused"}


@dataclass(frozen=True)
class Meaning:
    """What one text means, and how motcua knows."""

    code: str | None  # the status or channel code; None when not recognised
    how: str  # "config", "exact", "rule" or "unknown"
    rule: str = ""  # the rule's name, when ``how`` is "rule"
    verdict: str | None = None  # the vendor's own verdict carried by the text


def _index(table: Mapping[str, list[str]]) -> dict[str, str]:
    return {fold_key(text): code for code, texts in table.items() for text in texts}


STATUS_EXACT = _index(STATUS_TEXT) | {fold_key(k): v for k, v in OPENCPS_STATUS.items()}
CHANNEL_EXACT = _index(CHANNEL_TEXT)

# The vendor's verdict, on the folded text. Order matters: "quá hạn" before "hạn".
_VERDICT_RULES: list[tuple[str, re.Pattern[str]]] = [
    # "Sắp trễ", "sắp đến hạn": not late yet
    (
        "in_time",
        re.compile(r"\b(sap (tre|den han|toi han|het han)|chua (den|toi|qua)( han)?|trong han|con han|toi han|con \d+( \d+)? ngay)\b"),
    ),
    ("late", re.compile(r"\b(tre han|qua han|cham han|cham tre|cham tien do|tre|qua \d+( \d+)? ngay)\b")),
    ("early", re.compile(r"\b(truoc han|som han|som)\b")),
    ("on_time", re.compile(r"\b(dung han|dung hen|dung tien do)\b")),
]
# Words that carry no meaning of their own in a status (DOMAIN.md 4).
_FILLER = re.compile(r"\b(ho so|hs|cua|cong dan|to chuc|ca nhan|nguoi dan|doanh nghiep|tthc|thu tuc)\b")


def verdict_of(text: str) -> str | None:
    """The vendor's grading a text carries: early, on_time, late, in_time; None if none.
    "late" on a pending status is "overdue" (see :func:`status_meaning`)."""
    key = fold_key(text)
    for verdict, pattern in _VERDICT_RULES:
        if pattern.search(key):
            return verdict
    return None


def _strip_verdict(key: str) -> str:
    for _, pattern in _VERDICT_RULES:
        key = pattern.sub(" ", key)
    return re.sub(r"\s+", " ", key).strip()


# The ordered status rules: (name, pattern on the folded text, meaning). The first rule
# that matches wins; each is stated with a real label in tests/test_vocab.py.
STATUS_RULES: list[tuple[str, str, str]] = [
    # A refusal to accept is not a refusal to settle (DOMAIN.md 3.2): counts nowhere.
    (
        "not_accepted",
        r"tu choi tiep nhan|khong (duoc )?tiep nhan|khong nhan ho so|(khong|chua) du dieu kien tiep nhan|tiep nhan khong thanh cong",
        "not_accepted",
    ),
    # A withdrawal asked for and not yet granted, refused or cancelled: still in processing.
    ("withdrawal_pending", r"\b(cho duyet|cho|tu choi|huy) (yeu cau )?rut\b", "processing"),
    ("withdrawn", r"\brut\b|\bhuy\b", "withdrawn"),
    # "Tạm dừng" is a pause, not a stop.
    ("stopped", r"(?<!tam )\b(dung|ngung) (xu ly|giai quyet|thu ly)\b", "stopped"),
    # "Trả lại người xử lý trước": a step back inside the office, not a refusal.
    ("step_back", r"\btra lai (cho )?(nguoi|can bo|buoc|phong|bo phan|chuyen vien)\b", "processing"),
    # "Trả lại hồ sơ để bổ sung": sent back for a supplement, a pause, not a refusal.
    ("returned_for_supplement", r"\btra lai\b.*\bbo (sung|xung)\b", "supplement_requested"),
    ("refused", r"\btu choi\b|\btra lai\b|\bkhong giai quyet\b|\bkhong (duoc )?cap( phep)?\b", "refused"),
    # The citizen has supplemented or paid: the clock runs again.
    (
        "supplement_done",
        r"\bda (nhan )?bo (sung|xung)\b|\bbo sung xong\b|\bhoan thanh bo sung\b|\bnhan bo sung\b|\btiep tuc xu ly\b",
        "processing",
    ),
    ("supplement", r"\bbo (sung|xung)\b|\btam (dung|ngung)\b|\b(can|yeu cau) (chinh sua|hoan thien|sua doi)\b", "supplement_requested"),
    # "Đủ điều kiện, đã nộp phí, chờ tiếp nhận": what it waits for is the acceptance.
    ("awaiting_acceptance", r"\bcho tiep nhan\b", "registered"),
    (
        "obligation_done",
        r"\bda (thanh toan|nop phi|nop le phi|nop tien|hoan thanh nghia vu|thuc hien nghia vu)\b"
        r"|\bthanh toan (thanh cong|xong)\b|\bhoan thanh (nghia vu|thanh toan|nop phi)\b",
        "processing",
    ),
    ("obligation", r"nghia vu tai chinh|\bthanh toan\b|\bnop (phi|le phi|tien)\b|\ble phi\b|\bthu phi\b", "financial_obligation"),
    # The result is ready, waiting for the citizen: processed (end of processing reached).
    (
        "result_ready",
        r"\bcho (tra|giao|ban giao)\b|\bcho (cong dan )?nhan (ket qua|kq)\b|\bco ket qua\b|\bchuyen (tra|ket qua)\b|\bdang tra\b|\bchua tra\b"
        r"|\bcho xac nhan ket qua\b",
        "processed",
    ),
    ("returned", r"\bda (tra|giao|ban giao)\b|\btra (ket qua|kq)\b|\bda nhan ket qua\b", "returned"),
    # Waiting for an approval or a signature is a step, even of "completing" the procedure.
    ("awaiting_approval", r"\bcho (lanh dao )?(phe duyet|duyet|ky|xem xet)\b", "processing"),
    ("processed", r"\bxong\b|\bhoan thanh\b|\bhoan tat\b|\bket thuc\b|\bda (giai quyet|xu ly)\b|(?<!cho )\bcap phep\b", "processed"),
    (
        "processing",
        # "ký" (sign) only in its phrases: "kỳ" (period, "trong kỳ") folds to the same word
        r"\bxu ly\b|\bgiai quyet\b|\btham (dinh|tra)\b|\bphe duyet\b|\b(trinh|dang|da) ky\b|\bky (duyet|so)\b|\bduyet\b|\bthu ly\b|\blien thong\b"
        r"|\bchuyen\b|\btrinh\b|\bkiem tra\b|\bxac minh\b|\bphan cong\b|\blay y kien\b|\bdang thuc hien\b|\bde xuat\b|\bxem xet\b",
        "processing",
    ),
    # "Hồ sơ quá hạn", "Đang quá hạn", "Hồ sơ tới hạn": a pending dossier named by its verdict.
    ("pending_by_verdict", r"^(ho so |dang )+(da )?(qua han|tre han|toi han|sap den han|trong han|con han)$", "processing"),
    ("registered", r"\bdang ky\b|\bnhap\b|\bcho xac nhan\b|\bnop (moi|truc tuyen)\b|\bdang (tiep )?nhan\b|\bda (gui|nop)\b", "registered"),
    ("accepted", r"\btiep nhan\b|\bda nhan\b|\bmoi\b", "accepted"),
]
_STATUS_RULES = [(name, re.compile(pattern), code) for name, pattern, code in STATUS_RULES]

CHANNEL_RULES: list[tuple[str, str, str]] = [
    ("not_online", r"\bkhong (truc tuyen|qua mang|online)\b", "in_person"),
    # Submitted online, whatever the way back: column (2) of the form.
    (
        "online",
        r"\btruc tuyen\b|\bonline\b|\bqua mang\b|\binternet\b|\bdvc(qg|tt)?\b|\bdich vu cong\b|\bcong (dich vu|thong tin|dvc(qg)?)\b"
        r"|\bdien tu\b|\btoan trinh\b|\bmot phan\b|\bvneid\b|\bung dung\b|\bweb\b",
        "online",
    ),
    ("postal", r"\bbuu (chinh|dien|cuc)\b|\bbcci\b|\bvnpost\b|\bpostal\b|\bpost\b", "postal"),
    ("in_person", r"\btruc tiep\b|\btai quay\b|\bquay\b|\bmot cua\b|\boffline\b|\btai (co quan|bo phan|trung tam|don vi)\b", "in_person"),
]
_CHANNEL_RULES = [(name, re.compile(pattern), code) for name, pattern, code in CHANNEL_RULES]


# The verdict in the words of the dossier's state: a late pending dossier is overdue, an
# early or on-time one in time; an in-time settled one is on time (the timestamp systems
# grade settled dossiers in time / late only). validate.py applies the same to a column.
PENDING_WORDS = {"late": "overdue", "early": "in_time", "on_time": "in_time"}
SETTLED_WORDS = {"in_time": "on_time"}


def _pending_verdict(code: str | None, verdict: str | None) -> str | None:
    if verdict is None or code is None:
        return verdict
    return (SETTLED_WORDS if code in TERMINAL else PENDING_WORDS).get(verdict, verdict)


_CAMEL = re.compile(r"(?<=[a-zà-ỹđ])(?=[A-ZÀ-ỸĐ])")
_CODE_SUFFIX = re.compile(r"^([a-z]+)_\d+$")  # OpenCPS sub-statuses: releasing_0


def _words(text: str) -> str:
    """The folded key, with CamelCase split into words ("YeuCauBoSung" → "yeu cau bo
    sung"): some systems export their step names as identifiers."""
    spaced = text if " " in text.strip() else _CAMEL.sub(" ", text)
    return fold_key(spaced)


def status_meaning(text: str, config: Mapping[str, str] | None = None) -> Meaning:
    """What a status text means (module docstring: the tiers)."""
    code_suffix = _CODE_SUFFIX.match(text.strip())
    if code_suffix and code_suffix.group(1) in OPENCPS_STATUS and not (config and fold_key(text) in config):
        text = code_suffix.group(1)
    key = fold_key(text)
    verdict = verdict_of(text)
    if config and key in config:
        code = config[key]
        return Meaning(code, "config", verdict=_pending_verdict(code, verdict))
    if key in STATUS_EXACT:
        code = STATUS_EXACT[key]
        return Meaning(code, "exact", verdict=_pending_verdict(code, verdict))
    words = _words(text)
    bare = _strip_verdict(words)
    plain = re.sub(r"\s+", " ", _FILLER.sub(" ", bare)).strip()
    for candidate in (words, bare, plain):
        if candidate and candidate in STATUS_EXACT:
            code = STATUS_EXACT[candidate]
            return Meaning(code, "exact", verdict=_pending_verdict(code, verdict))
    # Rules read the words as written (a verdict's words may matter: "Đã quá hạn bổ
    # sung" is a wait for the supplement, not "đã bổ sung"), then without filler words.
    unfilled = re.sub(r"\s+", " ", _FILLER.sub(" ", words)).strip()
    for name, pattern, code in _STATUS_RULES:
        if pattern.search(words) or pattern.search(unfilled):
            return Meaning(code, "rule", name, _pending_verdict(code, verdict))
    return Meaning(None, "unknown", verdict=verdict)


def channel_meaning(text: str, config: Mapping[str, str] | None = None) -> Meaning:
    """What a channel text means: config, exact table, then the channel rules."""
    key = fold_key(text)
    if config and key in config:
        return Meaning(config[key], "config")
    if key in CHANNEL_EXACT:
        return Meaning(CHANNEL_EXACT[key], "exact")
    for name, pattern, code in _CHANNEL_RULES:
        if pattern.search(key):
            return Meaning(code, "rule", name)
    return Meaning(None, "unknown")


# OpenCPS's boolean ``online`` and its ``viaPostal`` code (DOMAIN.md 4): True/False, and
# 2 = the dossier came by post. Values as exports write them.
TRUE_TEXTS = {"true", "1", "x", "co", "yes", "y", "dung", "t"}
FALSE_TEXTS = {"false", "0", "khong", "no", "n", "sai", "f"}


def online_flag_channel(text: str | None) -> str | None:
    """The channel an ``online`` True/False cell says; None when it says neither."""
    key = fold_key(text)
    if key in TRUE_TEXTS:
        return "online"
    if key in FALSE_TEXTS:
        return "in_person"
    return None


def via_postal(text: str | None) -> bool | None:
    """Whether a ``viaPostal`` cell says the dossier came by post (2); None if unreadable."""
    key = fold_key(text)
    if key in ("2", "true", "co", "yes"):
        return True
    if key in ("0", "1", "false", "khong", "no", ""):
        return False
    return None
