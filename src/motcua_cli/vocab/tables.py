"""The exact vocabulary: texts and codes real exports write, by meaning.

The first tier of recognition (``rules.py`` is the second): a text whose folded key is
listed here means what its list says. Sources: the national portal's codes (DOMAIN.md
3.3) and the texts seen in the systems' exports (DOMAIN.md 4).
"""

from __future__ import annotations

STATUS_TEXT = {
    "registered": ["1", "Mới đăng ký", "Mới", "Chờ tiếp nhận", "Đăng ký mới"],
    "accepted": ["2", "Được tiếp nhận", "Đã tiếp nhận", "Tiếp nhận", "Mới tiếp nhận"],
    "not_accepted": ["3", "Không được tiếp nhận", "Không tiếp nhận", "Từ chối tiếp nhận"],
    "processing": [
        "4",
        "Đang xử lý",
        "Đang giải quyết",
        "Đang thụ lý",
        "Chờ xử lý",
        "Đang thẩm định",
        "Chờ phê duyệt",
        "Chờ ký duyệt",
        "Đang xử lý liên thông",  # inter-agency processing (DOMAIN.md 4; OpenCPS interoperating)
        "Đang xử lý trong hạn",
        "Đang xử lý quá hạn",
    ],
    "supplement_requested": [
        "5",
        "Yêu cầu bổ sung giấy tờ",
        "Yêu cầu bổ sung",
        "Chờ bổ sung",
        "Bổ sung hồ sơ",
        "Tạm dừng",
        "Chờ công dân bổ sung",
        "Đang bổ sung",
    ],
    "financial_obligation": [
        "6",
        "Yêu cầu thực hiện nghĩa vụ tài chính",
        "Chờ thực hiện nghĩa vụ tài chính",
        "Nghĩa vụ tài chính",
        "Chờ nộp phí",
    ],
    "withdrawn": [
        "7",
        "Công dân yêu cầu rút hồ sơ",
        "Rút hồ sơ",
        "Đã rút",
        "Rút",
        "Công dân rút hồ sơ",
        "Đã rút hồ sơ",
    ],
    "stopped": ["8", "Dừng xử lý", "Dừng giải quyết", "Đã dừng xử lý"],
    "processed": [
        "9",
        "Đã xử lý xong",
        "Hoàn thành",
        "Đã hoàn thành",
        "Đã giải quyết",
        "Đã có kết quả",
        "Đã xử lý",
        "Có kết quả",
        # The result is ready and waits for the citizen: processing has ended (DOMAIN.md 4).
        "Chờ trả kết quả",
        "Đã có kết quả chờ trả",
    ],
    "returned": ["10", "Đã trả kết quả", "Đã trả", "Trả kết quả", "Đã trả kết quả cho công dân"],
    "refused": ["Từ chối", "Từ chối giải quyết", "Trả lại", "Trả lại hồ sơ", "Không giải quyết"],
}

CHANNEL_TEXT = {
    "in_person": ["1", "Trực tiếp", "Nộp trực tiếp", "Tại quầy", "Một cửa", "Offline", "In person"],
    "online": [
        "2",
        "Trực tuyến",
        "Nộp trực tuyến",
        "Dịch vụ công trực tuyến",
        "DVC trực tuyến",
        "Online",
        "Qua mạng",
        "Cổng dịch vụ công",
        "DVCTT",
        "Trực tuyến toàn trình",
        "Trực tuyến một phần",
    ],
    "postal": [
        "3",
        "Bưu chính công ích",
        "BCCI",
        "Bưu chính",
        "Dịch vụ bưu chính công ích",
        "Qua bưu chính công ích",  # the Thanh Hóa system's text (DOMAIN.md 4)
        "Qua bưu điện",
        "Bưu điện",
        "Postal",
    ],
}

# OpenCPS v2's ``dossierStatus`` codes, read as the Thanh Hóa system converts them to the
# national codes for sync (FormatTrangThaiHoSoDVCQG.cs; DOMAIN.md 4).
OPENCPS_STATUS = {
    "new": "accepted",  # → 2
    "receiving": "registered",  # → 1
    "processing": "processing",  # → 4
    "interoperating": "processing",  # → 4, inter-agency processing
    "waiting": "supplement_requested",  # → 5
    "paying": "financial_obligation",  # → 6
    "releasing": "processed",  # → 9
    "done": "returned",  # → 10
    "cancelled": "withdrawn",  # → 7
    "unresolved": "stopped",  # → 8
    "denied": "not_accepted",  # → 3; OpenCPS statistics count it nowhere
    # OpenCPS v1 and statistics codes (ConvertDossierFromV1Dot9Utils.java, ActionUtil.java)
    "received": "accepted",
    "canceled": "withdrawn",
    "posting": "processed",  # counted with releasing and done as completed
}
