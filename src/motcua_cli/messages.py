"""Every label the terminal and the reports show, in Vietnamese and English.

Vietnamese is the default (DOMAIN.md section 1); ``--lang en`` switches. Renderers
look labels up here instead of writing text of their own.
"""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # inspect
    "file": ("Tệp", "File"),
    "format": ("Định dạng", "Format"),
    "encoding": ("Bảng mã", "Encoding"),
    "sheet": ("Trang tính", "Sheet"),
    "sheets": ("Các trang tính", "Sheets"),
    "header_rows": ("Dòng tiêu đề", "Header rows"),
    "mapping": ("Ánh xạ cột", "Column mapping"),
    "column": ("Cột", "Column"),
    "header": ("Tiêu đề trong tệp", "Header in file"),
    "field": ("Trường", "Field"),
    "unmapped": ("Cột không dùng", "Unused columns"),
    "personal_dropped": ("Cột dữ liệu cá nhân đã bỏ", "Personal-data columns dropped"),
    "duplicate_columns": ("Cột trùng trường (bỏ qua)", "Columns duplicating a field (ignored)"),
    "counts": ("Số dòng", "Rows"),
    "read": ("Dòng dữ liệu đọc được", "Data rows read"),
    "kept": ("Hồ sơ giữ lại", "Dossiers kept"),
    "rejected": ("Dòng bị loại", "Rows rejected"),
    "duplicate": ("Dòng trùng mã (đã gộp)", "Duplicate rows (merged)"),
    "flagged": ("Hồ sơ có cảnh báo", "Dossiers flagged"),
    "blank": ("Dòng trống", "Blank rows"),
    "footer": ("Dòng chân trang", "Footer rows"),
    "repeated_header": ("Dòng tiêu đề lặp lại", "Repeated header rows"),
    "date_forms": ("Dạng ngày gặp", "Date forms seen"),
    "flags": ("Cảnh báo", "Flags"),
    "repairs": ("Đã sửa khi đọc", "Mended while reading"),
    "nul_bytes_removed": ("bỏ byte NUL", "NUL bytes removed"),
    "line_endings_made_uniform": ("thống nhất ký tự xuống dòng (CR lẻ)", "line ends made uniform (lone CR)"),
    "invalid_utf8_replaced": ("thay byte không phải UTF-8 bằng �", "bytes that are not UTF-8 replaced by �"),
    "samples": ("Vài hồ sơ mẫu", "Sample dossiers"),
    "how_mapped": ("Nhận ra theo", "Found by"),
    "how_alias": ("tên cột", "header name"),
    "how_config": ("tệp cấu hình", "config file"),
    "how_words": ("từ trong tên cột (đoán)", "header words (a guess)"),
    "how_content": ("nội dung cột (đoán)", "column content (a guess)"),
    "how_fallback": ("ngày nộp, vì không có ngày nhận", "submission date, no acceptance date"),
    "missing_fields": ("Không tìm thấy cột cho", "No column found for"),
    "due_candidates": ("Các cột có thể là ngày hẹn trả", "Columns that could be the due date"),
    "unknown_texts_status": ("Trạng thái không nhận ra", "Status texts not recognised"),
    "guessed_texts_status": ("Trạng thái hiểu theo quy tắc từ ngữ (đoán)", "Status texts read by a word rule (a guess)"),
    "unknown_texts_channel": ("Kênh nộp không nhận ra (tính là trực tiếp)", "Channel texts not recognised (counted in person)"),
    "guessed_texts_channel": ("Kênh nộp hiểu theo quy tắc từ ngữ (đoán)", "Channel texts read by a word rule (a guess)"),
    "rule": ("quy tắc", "rule"),
    "rows": ("dòng", "rows"),
    "add_to_config": (
        'Thêm vào motcua.toml (sửa nghĩa nếu sai; "…" là chỗ cần điền):',
        'Add to motcua.toml (fix a meaning if wrong; "…" is yours to fill):',
    ),
    "rejects_written": ("Đã ghi danh sách dòng bị loại vào", "Rejected rows written to"),
    "none": ("(không có)", "(none)"),
    "unparsed": ("không đọc được", "not a date"),
    "error": ("Lỗi", "Error"),
    "unexpected": (
        "Lỗi không mong đợi. Chạy lại với --debug để xem chi tiết và báo cho người bảo trì.",
        "Unexpected error. Run again with --debug for details and report it.",
    ),
    # calendar
    "calendar_title": ("Lịch làm việc năm", "Working calendar"),
    "date": ("Ngày", "Date"),
    "weekday": ("Thứ", "Weekday"),
    "day_kind": ("Loại ngày", "Kind"),
    "name": ("Tên", "Name"),
    "source": ("Nguồn", "Source"),
    "working_day": ("Làm việc", "Working day"),
    "day_off": ("Nghỉ", "Day off"),
    "due_answer": (
        "Nhận {start} + {n} ngày làm việc → hẹn trả {weekday} {due}",
        "Received {start} + {n} working day(s) → due {weekday} {due}",
    ),
    "between_answer": (
        "Từ {a} đến {b}: {n} ngày làm việc (không tính ngày đầu).",
        "From {a} to {b}: {n} working days (the first day not counted).",
    ),
    # explain and reports
    "row": ("dòng", "row"),
    "period": ("Kỳ", "Period"),
    "as_of": ("Tính đến", "As of"),
    "policy": ("Chính sách", "Policy"),
    "verdict": ("Kết luận", "Verdict"),
    "under_policy": ("Theo chính sách", "Under policy"),
    "v_excluded": (
        "không tính (không được tiếp nhận, hoặc bị loại theo chính sách)",
        "not counted (not accepted, or excluded by the policy)",
    ),
    "v_outside": ("ngoài kỳ báo cáo", "outside the reporting period"),
    "v_carried": ("kỳ trước chuyển qua", "carried over"),
    "v_new": ("tiếp nhận trong kỳ", "received in the period"),
    "v_settled": ("đã giải quyết", "settled"),
    "v_pending": ("đang giải quyết", "pending"),
    "v_paused": ("đang chờ bổ sung", "waiting for a supplement"),
    "v_days_late": ("ngày làm việc trễ", "working days late"),
    "o_early": ("trước hạn", "early"),
    "o_on_time": ("đúng hạn", "on time"),
    "o_late": ("trễ hạn", "late"),  # settled late; "quá hạn" is a pending one (one meaning per word)
    "o_in_time": ("trong hạn", "in time"),
    "o_overdue": ("quá hạn", "overdue"),
    "o_None": ("-", "-"),
    # report columns (Biểu II.06a wording where the form has one)
    "col_field": ("Lĩnh vực", "Field"),
    "col_unit": ("Đơn vị", "Unit"),
    "col_procedure": ("Thủ tục", "Procedure"),
    "col_channel": ("Kênh", "Channel"),
    "col_level": ("Cấp", "Level"),
    "col_month": ("Tháng", "Month"),
    "col_received": ("Tổng số nhận", "Received"),
    "col_received_new": ("Nhận trong kỳ", "Received in period"),
    "col_received_online": ("Trực tuyến", "Online"),
    "col_received_offline": ("Trực tiếp, BCCI", "In person, postal"),
    "col_carried_over": ("Từ kỳ trước", "Carried over"),
    "col_settled": ("Đã giải quyết", "Settled"),
    "col_early": ("Trước hạn", "Early"),
    "col_on_time": ("Đúng hạn", "On time"),
    "col_late": ("Trễ hạn", "Late"),
    "col_pending": ("Đang giải quyết", "Pending"),
    "col_pending_in_time": ("Trong hạn", "In time"),
    "col_pending_overdue": ("Quá hạn (đang GQ)", "Overdue"),
    "col_paused": ("Chờ bổ sung", "Paused"),
    "col_withdrawn": ("Rút", "Withdrawn"),
    "col_refused": ("Từ chối/dừng", "Refused"),
    "col_early_rate": ("% trước hạn", "% early"),
    "col_on_time_rate": ("% đúng hạn", "% on time"),
    "col_late_rate": ("% trễ hạn", "% late"),
    "col_timely_rate": ("% trước và đúng hạn", "% early or on time"),
    "col_progress_score": ("Điểm tiến độ (766, /20)", "Progress score (766, /20)"),
    "short_received": ("Nhận", "Received"),
    "short_carried_over": ("Kỳ trước", "Carried"),
    "short_settled": ("Đã GQ", "Settled"),
    "short_early": ("Sớm", "Early"),
    "short_on_time": ("Đúng", "On time"),
    "short_late": ("Trễ", "Late"),
    "short_pending": ("Đang GQ", "Pending"),
    "short_pending_overdue": ("Quá hạn", "Overdue"),
    "short_timely_rate": ("% đúng hạn", "% timely"),
    "short_progress_score": ("Điểm 766", "766 score"),
    "table_legend": (
        "Nhận = kỳ trước + trong kỳ; GQ = giải quyết; Quá hạn = đang GQ đã quá hạn; "
        "% đúng hạn = (sớm + đúng) / đã GQ; Điểm 766 = điểm tiến độ trên 20 (QĐ 766).",
        "Received = carried + new; Overdue = pending past due; % timely = (early + on time) / settled; "
        "766 score = progress score out of 20 (QĐ 766).",
    ),
    "total": ("Tổng cộng", "Total"),
    "unknown_group": ("(không rõ)", "(unknown)"),
    "report_title": ("BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ", "DOSSIER PROCESSING REPORT"),
    "calendar": ("Lịch", "Calendar"),
    "inputs": ("Tệp đầu vào", "Inputs"),
    "inputs_line": (
        "{files} tệp: đọc {read} dòng, giữ {kept} hồ sơ, loại {rejected} dòng, trùng {duplicate}",
        "{files} file(s): {read} rows read, {kept} dossiers kept, {rejected} rejected, {duplicate} duplicates",
    ),
    "filters": ("Lọc", "Filters"),
    "config": ("Cấu hình", "Config"),
    "no_config": ("không dùng tệp cấu hình nào", "no config file used"),
    "warning": ("CẢNH BÁO", "WARNING"),
    "marked_numbers": (
        "Số có dấu * chưa chắc chắn: xem mục Lưu ý dưới bảng.",
        "Numbers marked * are not sure: see the Notes under the table.",
    ),
    "marked_row": ("* = cột chưa chắc chắn (xem trang Lưu ý)", "* = column not sure (see the Notes sheet)"),
    "notes": ("Lưu ý (motcua đoán hoặc không đọc được)", "Notes (what motcua guessed or could not read)"),
    "note_kind": ("Loại", "Kind"),
    "note_count": ("Số hồ sơ", "Count"),
    "note_message": ("Nội dung", "Message"),
    "note_hint": ("Cách sửa", "How to fix"),
    "strict_failed": (
        "--strict: có dữ liệu motcua không hiểu ({kinds}); không ghi gì. Xem các lưu ý ở trên.",
        "--strict: there is data motcua does not understand ({kinds}); nothing written. See the notes above.",
    ),
    "written": ("Đã ghi", "Written"),
    "settings": ("Thiết lập", "Settings"),
    "generated": ("Lập lúc", "Generated"),
    "fail_under": (
        "Tỉ lệ trước và đúng hạn {rate} thấp hơn ngưỡng {target}%{where}.",
        "Early-or-on-time rate {rate} is under the {target}% target{where}.",
    ),
    "no_files": (
        "Chưa có tệp đầu vào. Hãy chỉ ra tệp xuất, ví dụ: motcua report sample_data/*",
        "No input files. Name the exports, e.g.: motcua report sample_data/*",
    ),
    # overdue watch list
    "watch_summary": (
        "Tính đến {as_of} (chính sách {policy}): {overdue} hồ sơ đang giải quyết đã quá hạn, "
        "{soon} hồ sơ sẽ đến hạn trong {within} ngày làm việc; {paused} hồ sơ chờ bổ sung không tính.",
        "As of {as_of} (policy {policy}): {overdue} pending dossiers overdue, {soon} due within "
        "{within} working days; {paused} waiting for a supplement left out.",
    ),
    # Without --within nothing is listed as due soon: the summary does not say "within 0 days".
    "watch_summary_plain": (
        "Tính đến {as_of} (chính sách {policy}): {overdue} hồ sơ đang giải quyết đã quá hạn; {paused} hồ sơ chờ bổ sung không tính.",
        "As of {as_of} (policy {policy}): {overdue} pending dossiers overdue; {paused} waiting for a supplement left out.",
    ),
    "w_dossier_id": ("Mã hồ sơ", "Dossier id"),
    "w_procedure": ("Thủ tục", "Procedure"),
    "w_field": ("Lĩnh vực", "Field"),
    "w_unit": ("Đơn vị", "Unit"),
    "w_received_at": ("Ngày nhận", "Received"),
    "w_due_at": ("Hẹn trả", "Due"),
    "w_status": ("Trạng thái", "Status"),
    "w_working_days_overdue": ("Số ngày LV quá hạn", "Working days overdue"),
    "w_working_days_left": ("Số ngày LV còn lại", "Working days left"),
    "w_short_overdue": ("Quá hạn", "Overdue"),
    "w_short_left": ("Còn lại", "Left"),
    "w_short_legend": ("Quá hạn, Còn lại: số ngày làm việc.", "Overdue, Left: working days."),
    "status_registered": ("Mới đăng ký", "Registered"),
    "status_accepted": ("Được tiếp nhận", "Accepted"),
    "status_not_accepted": ("Không được tiếp nhận", "Not accepted"),
    "status_processing": ("Đang xử lý", "Processing"),
    "status_supplement_requested": ("Yêu cầu bổ sung", "Supplement requested"),
    "status_financial_obligation": ("Nghĩa vụ tài chính", "Financial obligation"),
    "status_withdrawn": ("Rút hồ sơ", "Withdrawn"),
    "status_stopped": ("Dừng xử lý", "Stopped"),
    "status_processed": ("Đã xử lý xong", "Processed"),
    "status_returned": ("Đã trả kết quả", "Returned"),
    "status_refused": ("Từ chối", "Refused"),
    "status_unknown": ("Không rõ", "Unknown"),
    "reading": ("Đang đọc", "Reading"),
    "ingest_done": (
        "{file}: đọc {read}, mới {new}, cập nhật {updated}, không đổi {unchanged}, loại {rejected}, trùng {duplicate}",
        "{file}: read {read}, new {new}, updated {updated}, unchanged {unchanged}, rejected {rejected}, duplicate {duplicate}",
    ),
    "quarantined": (
        "  → đã chuyển sang {path} (lý do trong tệp .reason.txt bên cạnh)",
        "  → moved to {path} (the reason in the .reason.txt beside it)",
    ),
    "store_waiting": (
        "Kho đang được ghi bởi tiến trình {pid} trên máy {host} (từ {since}); đang chờ…",
        "The store is being written by process {pid} on {host} (since {since}); waiting…",
    ),
    "snapshot_from": ("  thời điểm xuất: {at} ({source})", "  export taken: {at} ({source})"),
    "snapshot_title": ("theo tiêu đề tệp: '{words}'", "from the file's title: '{words}'"),
    "snapshot_file_time": ("theo thời gian sửa tệp", "from the file's time"),
    "snapshot_option": ("theo --snapshot", "from --snapshot"),
    "verify_missing": ("thiếu tệp", "missing"),
    "verify_size": ("sai kích thước (bị cắt hoặc bị ghi đè)", "wrong size (truncated or overwritten)"),
    "verify_checksum": ("sai mã kiểm tra (bị hỏng)", "checksum mismatch (damaged)"),
    "verify_unreadable": ("không đọc được", "unreadable"),
    "verify_lost": (
        "có trong kho nhưng manifest không nhắc tới (manifest đã mất mục này)",
        "in the store but not in the manifest (the manifest lost this entry)",
    ),
    "si_store": ("Kho", "Store"),
    "si_damaged": ("KHO HỎNG", "STORE DAMAGED"),
    "si_generation": ("Lần ghi", "Generation"),
    "si_dossiers": ("Số hồ sơ", "Dossiers"),
    "si_first_received": ("Tiếp nhận sớm nhất", "First received"),
    "si_last_received": ("Tiếp nhận muộn nhất", "Last received"),
    "si_units": ("Số đơn vị (theo cách viết)", "Units (as spelt)"),
    "si_fields": ("Số lĩnh vực (theo cách viết)", "Fields (as spelt)"),
    "si_rejected_rows": ("Dòng bị loại", "Rejected rows"),
    "si_ingests": ("Số lần nạp", "Ingests"),
    "si_status_texts_not_sure": ("Trạng thái chưa chắc chắn", "Status texts not sure"),
    "si_channel_texts_not_sure": ("Kênh nộp chưa chắc chắn", "Channel texts not sure"),
    "si_partitions": ("Phân vùng (theo tháng kết thúc xử lý)", "Partitions (by month of the end of processing)"),
    "si_open": ("chưa xong", "not settled"),
    "page": ("Trang", "Page"),
    "h_than": ("so với {label_}", "against {label_}"),
    "short_d_timely_rate": ("Δ % đúng hạn", "Δ % on time"),
    "short_d_pending_overdue": ("Δ Quá hạn", "Δ Overdue"),
    "col_d_timely_rate": ("Thay đổi % trước và đúng hạn (điểm %)", "Change in % early or on time (points)"),
    "col_d_pending_overdue": ("Thay đổi số quá hạn đang GQ", "Change in overdue pending"),
    "col_o_timely_rate": ("% trước và đúng hạn kỳ so sánh", "% early or on time, compared period"),
    "col_o_pending_overdue": ("Quá hạn đang GQ kỳ so sánh", "Overdue pending, compared period"),
    "compare_legend_previous": (
        "Δ: so với kỳ trước {label_} ({start} – {end}); ▲ tốt hơn, ▼ kém hơn; tỉ lệ tính bằng điểm phần trăm.",
        "Δ: against the previous period {label_} ({start} – {end}); ▲ better, ▼ worse; rates in percentage points.",
    ),
    "compare_legend_year": (
        "Δ: so với cùng kỳ năm trước {label_} ({start} – {end}); ▲ tốt hơn, ▼ kém hơn; tỉ lệ tính bằng điểm phần trăm.",
        "Δ: against the same period a year earlier {label_} ({start} – {end}); ▲ better, ▼ worse; rates in percentage points.",
    ),
    "col_group": ("Nhóm", "Group"),
    "h_received": ("Tiếp nhận", "Received"),
    "h_settled": ("Đã giải quyết", "Settled"),
    "h_late": ("Trễ hạn", "Late"),
    "h_rate": ("Tỉ lệ trước và đúng hạn", "Early and on-time rate"),
    "h_rate_axis": ("Tỉ lệ trước và đúng hạn (%)", "Early and on-time rate (%)"),
    "h_overdue_now": ("Đang giải quyết đã quá hạn", "Pending and overdue"),
    "h_score": ("Điểm tiến độ 766 (trên 20)", "766 progress score (of 20)"),
    "h_online": ("Tỉ lệ nộp trực tuyến", "Online share"),
    "h_online_axis": ("Tỉ lệ hồ sơ nộp trực tuyến trong kỳ (%)", "Share of the period's dossiers submitted online (%)"),
    "h_dossiers": ("Số hồ sơ", "Dossiers"),
    "h_target": ("chỉ tiêu {pct}%", "target {pct}%"),
    "h_wd": ("{range} ngày LV", "{range} working days"),
    "h_overdue_pending": ("Số hồ sơ đang giải quyết đã quá hạn", "Pending dossiers past their due date"),
    "h_c_ranked": (
        "Tỉ lệ trước và đúng hạn theo {group} (thấp nhất trên cùng; ▼ dưới chỉ tiêu)",
        "Early and on-time rate by {group} (lowest first; ▼ under the target)",
    ),
    "h_c_trend": (
        "Theo tháng: tiếp nhận, đã giải quyết, trễ hạn và tỉ lệ đúng hạn",
        "By month: received, settled, late and the on-time rate",
    ),
    "h_c_age": (
        "Hồ sơ quá hạn đang giải quyết, đã quá bao lâu (ngày làm việc)",
        "Overdue pending dossiers: how long overdue (working days)",
    ),
    "h_c_late": ("Hồ sơ trễ hạn đã trễ bao lâu (ngày làm việc)", "How late the late dossiers were (working days)"),
    "h_c_online": ("Tỉ lệ nộp trực tuyến theo nhóm", "Online share by group"),
    "h_table": ("Bảng số liệu", "The figures"),
    "by_field": ("lĩnh vực", "field"),
    "by_unit": ("đơn vị", "unit"),
    "by_procedure": ("thủ tục", "procedure"),
    "by_channel": ("kênh nộp", "channel"),
    "by_level": ("cấp", "level"),
    "au_title": ("KIỂM TRA DỮ LIỆU TRƯỚC KHI KÝ BÁO CÁO", "DATA AUDIT BEFORE SIGNING THE REPORT"),
    "au_whole": ("Phạm vi: toàn bộ hồ sơ trong dữ liệu ({start} – {end})", "Scope: every dossier in the input ({start} – {end})"),
    "au_period": ("Kỳ: {start} – {end} ({label_})", "Period: {start} – {end} ({label_})"),
    "au_as_of": ("Ngày xét hồ sơ đang giải quyết: {day} ({how})", "Pending dossiers judged on: {day} ({how})"),
    "au_as_of_option": ("theo --as-of", "from --as-of"),
    "au_as_of_export": ("ngày xuất ghi trong tệp", "the export's own date"),
    "au_as_of_period": ("cuối kỳ hoặc hôm nay", "the period's end or today"),
    "au_totals": (
        "Đã xem {examined} hồ sơ; {settled} đã giải quyết; tỉ lệ trước và đúng hạn {rate} (chính sách {policy})",
        "Examined {examined} dossiers; {settled} settled; early and on-time rate {rate} (policy {policy})",
    ),
    "au_col_finding": ("Vấn đề", "Finding"),
    "au_col_count": ("Số hồ sơ", "Dossiers"),
    "au_col_effect": ("Ảnh hưởng tới tỉ lệ", "Effect on the rate"),
    "au_effect": (
        "{now} → {other} nếu tính ngược lại ({moved} hồ sơ đổi cột)",
        "{now} → {other} if graded the other way ({moved} dossiers move)",
    ),
    "au_expected": (
        "    Thấy {observed}; do ngẫu nhiên có thể có khoảng {expected}; {suspicious} hồ sơ ở các đơn vị vượt xa mức đó (←).",
        "    Seen {observed}; chance alone would give about {expected}; {suspicious} of them in units far above that (←).",
    ),
    "au_by_channel": (
        "    Trực tuyến: {online} (bình thường); kênh khác: {other} (đáng ngờ).",
        "    Online: {online} (normal); other channels: {other} (suspicious).",
    ),
    "au_duplicates": (
        "    Giữa các tệp: {across} mã; trong cùng một tệp: {within} dòng.",
        "    Across files: {across} ids; within one file: {within} rows.",
    ),
    "au_confusion": ("Hệ thống \\ motcua", "System \\ motcua"),
    "au_o_early": ("trước hạn", "early"),
    "au_o_on_time": ("đúng hạn", "on time"),
    "au_o_late": ("trễ hạn", "late"),
    "au_o_in_time": ("trong hạn", "in time"),
    "au_o_overdue": ("quá hạn", "overdue"),
    "au_o_excluded": ("không tính", "not counted"),
    "au_o_—": ("ngoài số liệu", "outside the figures"),
    "au_timeliness": (
        "    {n} hồ sơ khác nhau về đúng hạn / trễ hạn (làm đổi tỉ lệ); {other} chỉ khác trước hạn / đúng hạn (không đổi tỉ lệ).",
        "    {n} differ on timely / late (they change the rate); {other} only on early / on time (the rate is the same).",
    ),
    "au_later_row": ("dòng sau trong cùng tệp", "the later row of the same file"),
    "au_clean": ("Không thấy:", "Not found:"),
    "au_unseen": (
        "Không kiểm tra được với dữ liệu này (tệp không có đánh giá của hệ thống, hoặc kho không giữ các dòng trùng):",
        "Could not be checked with this input (no verdict of the system in the files, or a store, which keeps no duplicate rows):",
    ),
    "au_more": ("… và {n} hồ sơ khác (xem --format xlsx hoặc json)", "… and {n} more (see --format xlsx or json)"),
    "store_none": (
        "Lưu ý: ở {path} chưa có dữ liệu kho nào (chưa nạp lần nào, hoặc đường dẫn --store sai).",
        "Note: there is no store data at {path} (nothing ingested yet, or a wrong --store path).",
    ),
    "au_policies": ("Cùng dữ liệu theo từng chính sách", "The same data under each policy"),
    "au_switches": (
        "Mọi chính sách ở bảng trên đều tính với lựa chọn của bạn (dòng lệnh hoặc tệp cấu hình): {s}.",
        "Every policy in the table above is run with your choices (command line or config file): {s}.",
    ),
    "au_p_policy": ("Chính sách", "Policy"),
    "au_p_settled": ("Đã GQ", "Settled"),
    "au_p_timely": ("Trước+đúng", "Timely"),
    "au_p_timely_rate": ("Tỉ lệ", "Rate"),
    "au_p_pending_overdue": ("Quá hạn đang GQ", "Overdue pending"),
    "au_p_progress_score": ("Điểm 766", "766 score"),
    "au_moved": ("Từ {a} sang {b}: {n} hồ sơ đổi cột", "From {a} to {b}: {n} dossiers change column"),
    "au_sheet_summary": ("TongHop", "Summary"),
    "au_fail_on": ("Có vấn đề thuộc --fail-on: {codes}.", "Findings named by --fail-on: {codes}."),
    "au_unknown_code": (
        "Mã vấn đề '{code}' không có; chọn trong: {codes} hoặc any.",
        "No finding code '{code}'; choose from: {codes} or any.",
    ),
    "cron_checks": ("Kiểm tra trước khi chạy hằng đêm:", "Checks before running nightly:"),
    "cron_inbox": ("thư mục nhận tệp xuất có sẵn: {path}", "the inbox folder exists: {path}"),
    "cron_writable": ("ghi được vào: {path}", "can be written: {path}"),
    "cron_motcua": ("lệnh motcua: {path}", "the motcua command: {path}"),
    "cron_mail": (
        "lệnh gửi thư '{command}' có trên máy (Debian/Ubuntu: apt install mailutils; hoặc chỉ lệnh khác bằng --mail)",
        "the mail command '{command}' is installed (Debian/Ubuntu: apt install mailutils; or name another with --mail)",
    ),
    "cron_script": ("Kịch bản (lưu thành {path}, rồi chmod +x):", "The script (save it as {path}, then chmod +x):"),
    "cron_line": ("Dòng thêm vào lịch (crontab -e):", "The line to add (crontab -e):"),
    "si_dossiers_unit": ("hồ sơ", "dossiers"),
    "si_files_unit": ("tệp", "files"),
    "si_compact_hint": (
        "Phân vùng nhiều tệp là các lần nạp ghi thêm; `motcua store compact` gộp mỗi phân vùng thành một tệp.",
        "Partitions of several files hold what each ingest appended; `motcua store compact` merges each into one file.",
    ),
    "sl_time": ("Lúc nạp", "Time"),
    "sl_file": ("Tệp", "File"),
    "sl_read": ("Đọc", "Read"),
    "sl_new": ("Mới", "New"),
    "sl_updated": ("Cập nhật", "Updated"),
    "sl_unchanged": ("Không đổi", "Unchanged"),
    "sl_rejected": ("Loại", "Rejected"),
    "sl_duplicate": ("Trùng", "Duplicate"),
    "sl_snapshot_at": ("Thời điểm xuất", "Export taken"),
    "run_repair": (
        "Chạy `motcua store repair` để dựng lại manifest từ các tệp Parquet (không xoá hồ sơ nào).",
        "Run `motcua store repair` to rebuild the manifest from the Parquet files (no dossier is deleted).",
    ),
    "repair_done": (
        "Đã dựng lại manifest (từ {source}): {dossiers} hồ sơ; thêm lại {placed} tệp; chuyển {quarantined} tệp vào quarantine/.",
        "Manifest rebuilt (from {source}): {dossiers} dossiers; {placed} files placed again; {quarantined} files moved to quarantine/.",
    ),
    "ingest_skipped": ("{file}: đã nạp trước đây (cùng nội dung), bỏ qua.", "{file}: already ingested (same content), skipped."),
    "verify_line": (
        "Đã kiểm tra {checked} tệp: {problems} tệp hỏng, {orphans} tệp thừa.",
        "Checked {checked} files: {problems} damaged, {orphans} unreferenced.",
    ),
    "too_many_rejects": (
        "Số dòng bị loại ({n}) vượt ngưỡng --max-rejects {limit}.",
        "Rejected rows ({n}) exceed --max-rejects {limit}.",
    ),
}


# The canonical fields as users read them (inspect, explain); the code stays beside.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "dossier_id": ("Mã hồ sơ", "Dossier id"),
    "procedure_code": ("Mã thủ tục", "Procedure code"),
    "procedure_name": ("Tên thủ tục", "Procedure"),
    "field_code": ("Mã lĩnh vực", "Field code"),
    "field": ("Lĩnh vực", "Field"),
    "unit": ("Đơn vị", "Unit"),
    "level": ("Cấp", "Level"),
    "channel": ("Kênh nộp", "Channel"),
    "channel_text": ("Kênh nộp trong tệp", "Channel as written"),
    "status": ("Trạng thái", "Status"),
    "status_text": ("Trạng thái trong tệp", "Status as written"),
    "status_read": ("Cách nhận ra trạng thái", "How the status was read"),
    "vendor_verdict": ("Đánh giá của hệ thống", "The system's verdict"),
    "received_at": ("Ngày tiếp nhận", "Received"),
    "submitted_at": ("Ngày nộp", "Submitted"),
    "due_at": ("Ngày hẹn trả", "Due"),
    "finished_at": ("Ngày có kết quả", "Result ready (end of processing)"),
    "returned_at": ("Ngày trả kết quả", "Result returned"),
    "duration": ("Thời hạn giải quyết", "Processing time limit"),
    "duration_amount": ("Thời hạn giải quyết", "Processing time limit"),
    "duration_unit": ("Đơn vị thời hạn", "Time limit unit"),
    "duration_unit_code": ("Mã đơn vị thời hạn", "Time limit unit code"),
    "supplement_requested_at": ("Ngày yêu cầu bổ sung", "Supplement requested"),
    "supplement_received_at": ("Ngày nhận bổ sung", "Supplement received"),
    "supplement_count": ("Số lần bổ sung", "Supplement requests"),
    "online_flag": ("Cờ nộp trực tuyến", "Online flag"),
    "via_postal": ("Qua bưu chính", "By post"),
    "flags": ("Cảnh báo", "Warnings"),
    "source_sheet": ("Trang tính", "Sheet"),
    "source_file": ("Tệp", "File"),
    "source_row": ("Dòng", "Row"),
    "ignore": ("bỏ qua", "ignored"),
}
READ_LABELS = {
    "config": ("theo tệp cấu hình", "from the config"),
    "exact": ("đúng bảng từ vựng", "exact vocabulary entry"),
    "rule": ("đoán theo quy tắc (chưa chắc)", "guessed by a rule (not sure)"),
    "unknown": ("không nhận ra", "not recognised"),
}
CHANNEL_LABELS = {"online": ("Trực tuyến", "Online"), "in_person": ("Trực tiếp", "In person"), "postal": ("Bưu chính (BCCI)", "By post")}


def field_label(code: str, lang: str = "vi", with_code: bool = True) -> str:
    """ "Ngày tiếp nhận (received_at)": the field in words, its code after it."""
    pair = FIELD_LABELS.get(code)
    if pair is None:
        return code
    name = pair[1] if lang == "en" else pair[0]
    return f"{name} ({code})" if with_code else name


def value_label(code: str, value: object, lang: str = "vi") -> str:
    """A status or channel code in words ("Trực tiếp"), other values as they are."""
    text = str(value)
    if code == "status" and f"status_{text}" in LABELS:
        return label(f"status_{text}", lang)
    if code == "channel" and text in CHANNEL_LABELS:
        return CHANNEL_LABELS[text][1 if lang == "en" else 0]
    if code == "status_read" and text in READ_LABELS:
        return READ_LABELS[text][1 if lang == "en" else 0]
    return text


def number_text(value: int, lang: str = "vi") -> str:
    """4999 → "4.999" in Vietnamese, "4,999" in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "vi" else text


def moment_text(iso: object, lang: str = "vi", *, date_only_at_midnight: bool = False) -> str:
    """An ISO time as officials write it (05/03/2026 14:30), ISO in English; text that
    is not a time is returned as it is, nothing as ""."""
    from datetime import datetime

    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    if date_only_at_midnight and (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.strftime("%Y-%m-%d" if lang == "en" else "%d/%m/%Y")
    return moment.strftime("%Y-%m-%d %H:%M" if lang == "en" else "%d/%m/%Y %H:%M")


def label(key: str, lang: str = "vi", **values: object) -> str:
    vi, en = LABELS[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text
