"""English help texts for `--lang en`, keyed by the Vietnamese text the commands declare.

The commands are written in Vietnamese (the users' language); `cli/words.py` swaps each
help text for its entry here when the help is asked for in English. tests/test_words.py
fails when a Vietnamese text has no entry or an entry is no longer used.
"""

from __future__ import annotations

HELP_EN: dict[str, str] = {
    # the commands' lines in `motcua --help` (cli/summaries.py)
    "Báo cáo hồ sơ tiếp nhận, đã giải quyết, đang giải quyết.": "Report dossiers received, settled and pending.",
    "Danh sách hồ sơ đang giải quyết đã quá hạn hoặc sắp quá hạn.": "List the pending dossiers that are overdue or soon due.",
    "Lập Biểu số II.06a/VPCP/KSTT ra tệp Excel để in và ký.": "Make Form II.06a/VPCP/KSTT as an Excel file to print and sign.",
    "Tìm dữ liệu đáng ngờ; vì sao số khác màn hình hệ thống.": "Find doubtful data; why numbers differ from the system's.",
    "Xem motcua đọc được gì từ mỗi tệp: định dạng, cột.": "See what motcua reads from each file: format, columns.",
    "Giải thích vì sao một hồ sơ được tính sớm, đúng hay trễ hạn.": "Explain why one dossier is counted early, on time or late.",
    "Nạp tệp xuất vào kho: mỗi hồ sơ một dòng, mới nhất.": "Load exports into the store: one row per dossier, newest.",
    "In việc chạy hằng đêm: kịch bản và dòng crontab.": "Print the nightly job: the script and the crontab line.",
    "Lịch làm việc: ngày nghỉ, làm bù; tính hạn, đếm ngày.": "Working calendar: days off; due dates, working days.",
    "Tạo tệp cấu hình mẫu motcua.toml, có chú thích.": "Create a sample config file motcua.toml, with comments.",
    # motcua
    "motcua: theo dõi thời hạn giải quyết hồ sơ một cửa từ tệp xuất của hệ thống.\n\nVí dụ: motcua inspect sample_data/*": (
        "motcua: track the settlement deadlines of one-stop dossiers from the system's export files.\n"
        "\n"
        "Examples: motcua inspect sample_data/*"
    ),
    # motcua lang
    "Ngôn ngữ hiển thị: vi (mặc định) hoặc en.": "Display language: vi (default) or en.",
    # motcua debug
    "In chi tiết lỗi (traceback) khi có lỗi.": "Print the full error details (traceback) when an error occurs.",
    # motcua config
    "Tệp cấu hình TOML (mặc định: $MOTCUA_CONFIG, ./motcua.toml, ~/.config/motcua/config.toml).": "TOML configuration file (default: $MOTCUA_CONFIG, ./motcua.toml, ~/.config/motcua/config.toml).",
    # motcua version
    "In phiên bản rồi thoát.": "Print the version and exit.",
    # motcua max_unpacked_mb
    "Giới hạn dung lượng giải nén của một tệp (mặc định 2048 MB; chống bom nén).": "Size limit for unpacking one file (default 2048 MB; protects against zip bombs).",
    # motcua max_cells
    "Giới hạn số ô một trang tính trải ra (mặc định 200 triệu).": "Limit on the number of cells one worksheet may spread out to (default 200 million).",
    # motcua install_completion
    "Install completion for the current shell.": "Install tab completion for the current shell.",
    # motcua show_completion
    "Show completion for the current shell, to copy it or customize the installation.": "Show the tab completion script for the current shell, to copy it or adjust the installation.",
    # motcua calendar
    (
        "Lịch làm việc: ngày nghỉ, ngày làm bù; tính hạn và đếm ngày làm việc.\n"
        "\n"
        "\b\n"
        "Ví dụ:\n"
        "  motcua calendar 2026                    (ngày nghỉ và ngày làm bù năm 2026)\n"
        "  motcua calendar add 12/02/2026 3        (hẹn trả: 3 ngày làm việc sau ngày nhận)\n"
        "  motcua calendar between 10/07/2026 15/07/2026   (số ngày làm việc trễ)"
    ): (
        "Working calendar: days off and make-up working days; work out due dates and count working days.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  motcua calendar 2026                    (days off and make-up working days in 2026)\n"
        "  motcua calendar add 12/02/2026 3        (due date: 3 working days after the day received)\n"
        "  motcua calendar between 10/07/2026 15/07/2026   (number of working days late)"
    ),
    # motcua calendar args
    "[NĂM] | add NGÀY SỐ_NGÀY | between NGÀY NGÀY": "[YEAR] | add DATE N_DAYS | between DATE DATE",
    # motcua calendar format
    "Định dạng kết quả: table hoặc json.": "Output format: table or json.",
    # motcua explain
    (
        "Giải thích vì sao một hồ sơ được tính là sớm, đúng hạn, trễ hạn...\n"
        "\n"
        "\b\n"
        "Ví dụ: motcua explain sample_data/xa_dak_mil_cp1258.csv --id XDM-250325-0002 --period 2025-Q1"
    ): (
        "Explain why a dossier is counted as early, on time, late...\n"
        "\n"
        "\b\n"
        "Examples: motcua explain sample_data/xa_dak_mil_cp1258.csv --id XDM-250325-0002 --period 2025-Q1"
    ),
    # motcua explain files
    "Tệp xuất (mặc định: kho).": "Export files (default: the store).",
    # motcua explain store
    "Thư mục kho (mặc định $MOTCUA_STORE, [store] path, ~/.local/share/motcua).": "Store folder (default $MOTCUA_STORE, [store] path, ~/.local/share/motcua).",
    # motcua explain dossier_id
    "Mã hồ sơ cần giải thích.": "Code of the dossier to explain.",
    # motcua explain period
    'Kỳ báo cáo: 2026, 2026-H1, 2026-Q3, 2026-09, "Quý III/2026", "tháng 9/2026", "6 tháng đầu năm 2026", "9 tháng 2026". Mặc định: quý hiện tại tính đến hôm nay.': 'Reporting period: 2026, 2026-H1, 2026-Q3, 2026-09, "Quý III/2026", "tháng 9/2026", "6 tháng đầu năm 2026", "9 tháng 2026". Default: the current quarter up to today.',
    # motcua explain date_from
    "Từ ngày (2026-07-01 hoặc 01/07/2026), thay cho --period.": "From date (2026-07-01 or 01/07/2026), instead of --period.",
    # motcua explain date_to
    "Đến ngày (mặc định hôm nay).": "To date (default today).",
    # motcua explain cutoff_day
    "Ngày chốt số liệu: 14 cho kỳ 15 tháng trước đến 14 (NĐ 09/2019).": "Cut-off day: 14 for periods from the 15th of the previous month to the 14th (Decree 09/2019).",
    # motcua explain as_of
    "Ngày xét hồ sơ đang giải quyết (mặc định: cuối kỳ, hoặc hôm nay nếu kỳ chưa hết).": "Date on which pending dossiers are judged (default: the end of the period, or today if the period has not ended yet).",
    # motcua explain policy
    "Chính sách tính: form06 (mặc định), datetime, qd766, opencps (như OpenCPS), thanhhoa (như hệ thống Thanh Hóa).": (
        "Counting policy: form06 (default), datetime, qd766, opencps (as OpenCPS counts), thanhhoa (as the Thanh Hóa system counts)."
    ),
    # motcua explain end
    "Cột kết thúc: finished (ngày có kết quả) hoặc returned (ngày trả).": "End column: finished (date of the result) or returned (date handed back).",
    # motcua explain exclude_withdrawn
    "Loại hồ sơ rút/từ chối khỏi số liệu.": "Leave withdrawn or refused dossiers out of the figures.",
    # motcua form
    (
        "Lập Biểu số II.06a/VPCP/KSTT (TT 01/2020/TT-VPCP) ra tệp Excel, sẵn sàng in.\n"
        "\n"
        "\b\n"
        "Ví dụ:\n"
        "  motcua form sample_data/* --period 2026-Q3 --cutoff-day 14\n"
        "  motcua form exports/* --period 2026-Q3 --by level --by field -o bieu_quy3.xlsx"
    ): (
        "Make Form No. II.06a/VPCP/KSTT (Circular 01/2020/TT-VPCP) as an Excel file, ready to print.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  motcua form sample_data/* --period 2026-Q3 --cutoff-day 14\n"
        "  motcua form exports/* --period 2026-Q3 --by level --by field -o bieu_quy3.xlsx"
    ),
    # motcua form files
    "Tệp xuất từ hệ thống một cửa.": "Export files from the one-stop system.",
    # motcua form by
    "Dòng của biểu: field (mặc định) hoặc unit; thêm --by level để nhóm theo cấp.": "Rows of the form: field (default) or unit; add --by level to group them by level.",
    # motcua form unit
    "Chỉ tính đơn vị này (lặp lại được; so khớp không dấu, không phân biệt hoa thường).": "Count only this unit (can be repeated; matched without accents, upper or lower case alike).",
    # motcua form field
    "Chỉ tính lĩnh vực này (lặp lại được).": "Count only this field (can be repeated).",
    # motcua form channel
    "Chỉ tính kênh: online, in_person, postal (lặp lại được).": "Count only this channel: online, in_person, postal (can be repeated).",
    # motcua form output
    "Tệp xlsx (mặc định bieu_II06a_{period}.xlsx).": "xlsx file (default bieu_II06a_{period}.xlsx).",
    # motcua form reporting_unit
    "Tên đơn vị báo cáo in trên biểu (hoặc [form] reporting_unit).": "Name of the reporting unit printed on the form (or [form] reporting_unit).",
    # motcua form strict
    "Thoát mã 6 và không ghi gì nếu có cột quan trọng không tìm thấy, hoặc trạng thái / kênh nộp không nhận ra.": "Exit with code 6 and write nothing if an important column is not found, or a status / submission channel is not recognised.",
    # motcua form force
    "Vẫn lập biểu khi thiếu cột ngày tiếp nhận, hẹn trả hoặc kết thúc (không khuyến khích).": "Make the form even when the received date, due date or end date column is missing (not recommended).",
    # motcua form encoding
    "Bảng mã của tệp văn bản (utf-8, cp1258, utf-16); mặc định tự nhận.": "Character encoding of text files (utf-8, cp1258, utf-16); detected automatically by default.",
    # motcua form sheet
    "Tên trang tính cần đọc; mặc định chọn trang có tiêu đề hồ sơ.": "Name of the worksheet to read; by default the sheet with the dossier headings is chosen.",
    # motcua ingest
    (
        "Nạp tệp xuất vào kho: mỗi hồ sơ một dòng, giữ trạng thái mới nhất; tệp đã nạp thì bỏ qua.\n"
        "\n"
        "\b\n"
        "Ví dụ:\n"
        "  motcua ingest inbox/\n"
        "  motcua ingest --store /srv/motcua/kho xuat_ngay_*.xlsx"
    ): (
        "Load export files into the store: one row per dossier, keeping the latest status; files already loaded are skipped.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  motcua ingest inbox/\n"
        "  motcua ingest --store /srv/motcua/kho xuat_ngay_*.xlsx"
    ),
    # motcua ingest paths
    "Tệp xuất hoặc thư mục chứa tệp xuất.": "Export files, or folders holding export files.",
    # motcua ingest wait
    "Số giây chờ khi một lần ghi khác đang giữ kho (0: không chờ). Hết giờ: mã thoát 3, nói ai đang giữ.": "Seconds to wait while another write holds the store (0: do not wait). When the time runs out: exit code 3, saying who holds it.",
    # motcua ingest quarantine
    "Chuyển mỗi tệp không đọc được (hoặc bị --strict từ chối) vào THƯ_MỤC này, kèm tệp .reason.txt ghi lý do; vẫn thoát mã 3.": "Move each file that cannot be read (or is refused by --strict) into this FOLDER, with a .reason.txt file giving the reason; still exits with code 3.",
    # motcua ingest snapshot
    "Thời điểm xuất của các tệp (NGÀY [GIỜ]), thay cho ngày trong tiêu đề hoặc thời gian sửa tệp.": "Export time of the files (DATE [TIME]), instead of the date in the heading or the time the file was last changed.",
    # motcua init
    "Tạo tệp cấu hình mẫu motcua.toml, có chú thích, mọi giá trị ở mặc định.\n\n\b\nVí dụ: motcua init && nano motcua.toml": (
        "Create a sample configuration file motcua.toml, with comments, every value at its default.\n"
        "\n"
        "\b\n"
        "Examples: motcua init && nano motcua.toml"
    ),
    # motcua init output
    "Nơi ghi tệp cấu hình.": "Where to write the configuration file.",
    # motcua init force
    "Ghi đè nếu tệp đã có.": "Overwrite the file if it already exists.",
    # motcua inspect
    (
        "Xem motcua đọc được gì từ mỗi tệp: định dạng, tiêu đề, ánh xạ cột, số dòng.\n"
        "\n"
        "\b\n"
        "Ví dụ: motcua inspect sample_data/* --rejects loai.csv"
    ): (
        "See what motcua reads from each file: format, headings, column mapping, number of rows.\n"
        "\n"
        "\b\n"
        "Examples: motcua inspect sample_data/* --rejects loai.csv"
    ),
    # motcua inspect files
    "Tệp xuất từ hệ thống một cửa (.xlsx, .xls, .xlsb, HTML, XML 2003, CSV, TSV).": "Export files from the one-stop system (.xlsx, .xls, .xlsb, HTML, XML 2003, CSV, TSV).",
    # motcua inspect rejects
    "Ghi các dòng bị loại ra tệp CSV (UTF-8 có BOM).": "Write the rejected rows to a CSV file (UTF-8 with BOM).",
    # motcua inspect max_rejects
    "Thoát với mã 4 nếu số dòng bị loại vượt ngưỡng: một số (50) hoặc tỉ lệ (2%).": "Exit with code 4 if the number of rejected rows goes over the limit: a number (50) or a share (2%).",
    # motcua inspect samples
    "Số hồ sơ mẫu in ra cho mỗi tệp (không có dữ liệu cá nhân).": "Number of sample dossiers printed for each file (no personal data).",
    # motcua overdue
    (
        "Danh sách hồ sơ đang giải quyết đã quá hạn (hoặc sắp quá hạn) để gửi văn bản xin lỗi.\n"
        "\n"
        "\b\n"
        "Ví dụ:\n"
        "  motcua overdue sample_data/* --as-of 2026-11-20 --within 2\n"
        "  motcua overdue exports/*.xlsx --output 'xin_loi_{as_of}.xlsx'"
    ): (
        "List of pending dossiers that are overdue (or soon to be overdue), for sending letters of apology.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  motcua overdue sample_data/* --as-of 2026-11-20 --within 2\n"
        "  motcua overdue exports/*.xlsx --output 'xin_loi_{as_of}.xlsx'"
    ),
    # motcua overdue within
    "Cũng liệt kê hồ sơ sẽ quá hạn trong N ngày làm việc tới.": "Also list the dossiers that will be overdue within the next N working days.",
    # motcua overdue as_of
    "Ngày xét (mặc định hôm nay).": "Date to judge on (default today).",
    # motcua overdue format
    "Định dạng: table, json, csv, xlsx, md, html (mặc định: theo đuôi --output, không thì table).": (
        "Format: table, json, csv, xlsx, md, html (default: from the --output file extension, otherwise table)."
    ),
    "Trang HTML: biểu đồ xu hướng 12 tháng gần nhất thay vì các tháng của kỳ.": (
        "HTML page: the trend chart over the last 12 months instead of the period's months."
    ),
    # motcua overdue output
    "Ghi ra tệp (ghi nguyên tử); {period}, {as_of}, {today} được thay; định dạng theo đuôi tệp.": "Write to a file (never left half-written); {period}, {as_of}, {today} are filled in; the format follows the file extension.",
    # motcua report
    (
        "Báo cáo số hồ sơ tiếp nhận, đã giải quyết (trước, đúng, quá hạn), đang giải quyết.\n"
        "\n"
        "\b\n"
        "Ví dụ:\n"
        "  motcua report sample_data/* --period 2026-Q3 --by field\n"
        "  motcua report exports/*.xlsx --period 2026-Q3 --cutoff-day 14 --by unit --sort timely_rate --top 10\n"
        "  motcua report exports/* --output 'reports/{period}.xlsx' --fail-under 95\n"
        '  motcua report exports/* --period "Quý III/2026" --by unit --output bao_cao.html\n'
        "  motcua report exports/* --period 2026-Q3 --by unit --compare year"
    ): (
        "Report the number of dossiers received, settled (early, on time, late) and pending.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  motcua report sample_data/* --period 2026-Q3 --by field\n"
        "  motcua report exports/*.xlsx --period 2026-Q3 --cutoff-day 14 --by unit --sort timely_rate --top 10\n"
        "  motcua report exports/* --output 'reports/{period}.xlsx' --fail-under 95\n"
        '  motcua report exports/* --period "Quý III/2026" --by unit --output bao_cao.html\n'
        "  motcua report exports/* --period 2026-Q3 --by unit --compare year"
    ),
    # motcua report by
    "Chia theo: field, unit, procedure, channel, level, month (lặp lại cho bảng hai cấp).": "Break down by: field, unit, procedure, channel, level, month (repeat for a two-level table).",
    # motcua report top
    "Chỉ in N dòng đầu sau khi sắp xếp.": "Print only the first N rows after sorting.",
    # motcua report sort
    "Sắp xếp theo cột, ví dụ timely_rate (tỉ lệ: thấp trước) hoặc late:desc.": "Sort by a column, for example timely_rate (rates: lowest first) or late:desc.",
    # motcua report fail_under_text
    "Thoát mã 5 nếu tỉ lệ trước và đúng hạn (tổng) dưới PCT % (95, 95% hoặc 95,5).": "Exit with code 5 if the early and on-time rate (overall) is below PCT % (95, 95% or 95,5).",
    # motcua report fail_under_each
    "Với --fail-under: xét từng dòng thay vì tổng.": "With --fail-under: check each row instead of the total.",
    # motcua store
    "Kho dữ liệu cục bộ: info, log, verify, compact, repair, export.": "Local data store: info, log, verify, compact, repair, export.",
    # motcua store info
    "Tóm tắt kho: số hồ sơ, khoảng ngày, đơn vị, lĩnh vực, các phân vùng, số lần nạp.\n\n\b\nVí dụ: motcua store info": (
        "Summary of the store: number of dossiers, date range, units, fields, partitions, number of loads.\n"
        "\n"
        "\b\n"
        "Examples: motcua store info"
    ),
    # motcua store log
    (
        "Nhật ký các lần nạp: tệp, mã băm, số dòng đọc / mới / cập nhật / không đổi / bị loại.\n\n\b\nVí dụ: motcua store log --format json"
    ): "Log of the loads: file, hash, rows read / new / updated / unchanged / rejected.\n\n\b\nExamples: motcua store log --format json",
    # motcua store verify
    (
        "Kiểm tra mọi tệp của kho với manifest (có mặt, kích thước, mã băm, đọc được). Mã thoát 3 nếu hỏng.\n"
        "\n"
        "\b\n"
        "Ví dụ: motcua store verify"
    ): (
        "Check every file of the store against the manifest (present, size, hash, readable). Exit code 3 if damaged.\n"
        "\n"
        "\b\n"
        "Examples: motcua store verify"
    ),
    # motcua store compact
    "Gộp các tệp nhỏ, sắp xếp phân vùng, xoá tệp thừa; chạy lại không đổi gì.\n\n\b\nVí dụ: motcua store compact": (
        "Merge small files, sort the partitions, delete leftover files; running it again changes nothing.\n"
        "\n"
        "\b\n"
        "Examples: motcua store compact"
    ),
    # motcua store repair
    (
        "Dựng lại manifest của kho từ các tệp Parquet khi nó bị mất hoặc thiếu tệp; không xoá hồ sơ nào.\n"
        "\n"
        "Tệp không xếp được vào đâu được chuyển vào quarantine/ trong kho.\n"
        "\n"
        "\b\n"
        "Ví dụ: motcua store repair --store /srv/motcua/kho"
    ): (
        "Rebuild the store's manifest from the Parquet files when it is lost or missing files; no dossier is deleted.\n"
        "\n"
        "Files that cannot be placed anywhere are moved to quarantine/ in the store.\n"
        "\n"
        "\b\n"
        "Examples: motcua store repair --store /srv/motcua/kho"
    ),
    # motcua store export
    (
        "Xuất toàn bộ hồ sơ (mỗi hồ sơ một dòng, trạng thái mới nhất) ra Parquet hoặc CSV.\n"
        "\n"
        "\b\n"
        "Ví dụ: motcua store export -o ho_so.parquet"
    ): (
        "Export all dossiers (one row per dossier, latest status) to Parquet or CSV.\n\n\b\nExamples: motcua store export -o ho_so.parquet"
    ),
    # motcua store export output
    "Tệp .parquet hoặc .csv (UTF-8 có BOM).": ".parquet or .csv file (UTF-8 with BOM).",
    # motcua store export rejects
    "Xuất các dòng bị loại thay vì hồ sơ.": "Export the rejected rows instead of the dossiers.",
    # motcua cron
    (
        "In việc chạy hằng đêm (kịch bản và dòng crontab) với đường dẫn tuyệt đối của máy này, sau khi kiểm tra.\n"
        "\n"
        "Kiểm tra: thư mục nhận có, kho / báo cáo / nhật ký / thư mục lỗi ghi được, có lệnh\n"
        "motcua và lệnh gửi thư. Mã thoát 3 nếu có mục không đạt (kịch bản vẫn được in).\n"
        "\n"
        "\b\n"
        "Ví dụ:\n"
        "  motcua cron\n"
        "  motcua cron --inbox /srv/motcua/inbox --mail-to vanphong@thanhhoa.gov.vn --cutoff-day 14\n"
        "  motcua cron --write /srv/motcua/motcua-dem.sh"
    ): (
        "Print the nightly job (the script and the crontab line) with this machine's absolute paths, after checking.\n"
        "\n"
        "Checks: the inbox exists; the store, report, log and quarantine folders can be\n"
        "written; motcua and the mail command exist. Exit status 3 if one fails (the script is still printed).\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  motcua cron\n"
        "  motcua cron --inbox /srv/motcua/inbox --mail-to vanphong@thanhhoa.gov.vn --cutoff-day 14\n"
        "  motcua cron --write /srv/motcua/motcua-dem.sh"
    ),
    "Thư mục nhận tệp xuất mỗi ngày (mặc định ./inbox).": "Folder the day's exports are dropped in (default ./inbox).",
    "Thư mục ghi báo cáo (mặc định ./reports).": "Folder the reports are written to (default ./reports).",
    "Thư mục để tệp không đọc được (mặc định ./loi).": "Folder unreadable exports are moved to (default ./loi).",
    "Thư mục nhật ký, một tệp mỗi đêm (mặc định ./logs).": "Log folder, one file per night (default ./logs).",
    "Địa chỉ nhận thư báo khi có vấn đề.": "Address the alert mail is sent to when something is wrong.",
    "Lệnh gửi thư (mặc định mail; nhận -s TIÊU_ĐỀ ĐỊA_CHỈ, nội dung từ stdin).": (
        "Mail command (default mail; takes -s SUBJECT ADDRESS, the body on stdin)."
    ),
    "Giờ chạy hằng đêm, HH:MM (mặc định 01:30).": "Time of the nightly run, HH:MM (default 01:30).",
    "Chia báo cáo theo (mặc định unit).": "Split the report by (default unit).",
    "Chỉ tiêu tỉ lệ trước và đúng hạn, % (mặc định 95).": "Target for the early and on-time rate, % (default 95).",
    "Ghi kịch bản ra tệp này (cho quyền chạy) thay vì chỉ in.": "Write the script to this file (made executable) instead of only printing it.",
    # motcua audit
    (
        "Tìm chỗ đáng ngờ trong dữ liệu và vì sao số liệu khác màn hình của hệ thống, trước khi ký báo cáo.\n"
        "\n"
        "Không ghi kỳ thì xem mọi hồ sơ trong dữ liệu. Mỗi vấn đề có mã, số hồ sơ, ví dụ (tệp, dòng)\n"
        "và ảnh hưởng tới tỉ lệ; cuối cùng là tỉ lệ và điểm 766 theo từng chính sách.\n"
        "\n"
        "\b\n"
        "Ví dụ:\n"
        "  motcua audit sample_data/*\n"
        '  motcua audit exports/*.xlsx --period "Quý III/2026" --output kiem_tra_{period}.xlsx\n'
        "  motcua audit --store /srv/motcua/kho --period 2026-Q3 --fail-on end_equals_due,verdict_mismatch"
    ): (
        "Find what is doubtful in the data, and why a number differs from the system's screen, before the report is signed.\n"
        "\n"
        "With no period, every dossier of the input is examined. Each finding has a code, a count, examples (file, row)\n"
        "and its effect on the rate; at the end, the rate and the 766 score under every policy.\n"
        "\n"
        "\b\n"
        "Examples:\n"
        "  motcua audit sample_data/*\n"
        '  motcua audit exports/*.xlsx --period "Quý III/2026" --output kiem_tra_{period}.xlsx\n'
        "  motcua audit --store /srv/motcua/kho --period 2026-Q3 --fail-on end_equals_due,verdict_mismatch"
    ),
    "Thoát mã 7 nếu có vấn đề thuộc các mã này (end_equals_due,due_stretched…) hoặc any (mọi vấn đề).": (
        "Exit with status 7 when findings of these codes exist (end_equals_due,due_stretched…), or any (every finding)."
    ),
    "Định dạng: table, json, csv, xlsx, md (mặc định: theo đuôi --output, không thì table).": (
        "Format: table, json, csv, xlsx, md (default: from the --output file extension, otherwise table)."
    ),
    "Định dạng: table, json, md, xlsx (mặc định: theo đuôi --output, không thì table).": (
        "Format: table, json, md, xlsx (default: from the --output file extension, otherwise table)."
    ),
    "So sánh với: previous (kỳ trước cùng loại) hoặc year (cùng kỳ năm trước); thêm cột Δ.": (
        "Compare with: previous (the period before, of the same kind) or year (the same period a year earlier); adds Δ columns."
    ),
}
