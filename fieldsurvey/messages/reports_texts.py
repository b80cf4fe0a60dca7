"""Texts of the reports area (see :mod:`fieldsurvey.messages`): the fixed texts of the
PDF reports (read through ``reports.report_text.t``), the reports' errors, and the
demo's errors (``demo.``).

Codes are ``report.<key>``; the report modules name the key only."""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    # --- the fixed texts of the summary reports (cover, headings, notes)
    "report.report_title": Text(
        en="SUMMARY REPORT",
        vi="BÁO CÁO TỔNG HỢP",
    ),
    "report.survey_title": Text(
        en="Survey of migrant worker households",
        vi="Khảo sát hộ gia đình người lao động di cư",
    ),
    "report.network": Text(
        en="Mnet network: LIGHT, CDI, GFCD, PLD, VIJUSAP, SDRC",
        vi="Mạng lưới Mnet: LIGHT, CDI, GFCD, PLD, VIJUSAP, SDRC",
    ),
    "report.wards": Text(
        en="Ward(s)",
        vi="Phường",
    ),
    "report.period": Text(
        en="Survey period",
        vi="Thời gian khảo sát",
    ),
    "report.period_all": Text(
        en="All dates",
        vi="Toàn bộ thời gian",
    ),
    "report.households": Text(
        en="Households interviewed",
        vi="Số hộ được phỏng vấn",
    ),
    "report.people": Text(
        en="People in these households",
        vi="Số người trong các hộ",
    ),
    "report.stamp": Text(
        en="Data stamp",
        vi="Nguồn số liệu",
    ),
    "report.included": Text(
        en="Interviews included",
        vi="Số phiếu đưa vào báo cáo",
    ),
    "report.included_detail": Text(
        en="{n} ({c} consented, {r} declined)",
        vi="{n} phiếu ({c} đồng ý, {r} từ chối)",
    ),
    "report.last_merge": Text(
        en="Last merge",
        vi="Lần hợp nhất dữ liệu gần nhất",
    ),
    "report.not_merged": Text(
        en="Not merged",
        vi="Chưa hợp nhất",
    ),
    "report.form_version": Text(
        en="Form version",
        vi="Phiên bản bảng hỏi",
    ),
    "report.generated": Text(
        en="Report generated",
        vi="Ngày lập báo cáo",
    ),
    "report.source": Text(
        en="Data source",
        vi="Nơi lưu dữ liệu",
    ),
    "report.small_cells": Text(
        en="So that nobody can be recognised, a cell of 1 to 4 people is shown as “<5”; a cell "
        "shown as “x” is hidden so that a small cell cannot be worked out from the totals. "
        "No averages are given for fewer than 5 people.",
        vi="Để không ai bị nhận ra, ô có từ 1 đến 4 người được ghi “<5”; ô ghi “x” được ẩn "
        "để không thể suy ra ô nhỏ từ tổng số. Số liệu dưới 5 người không tính trung bình.",
    ),
    "report.privacy": Text(
        en="The report holds aggregate figures only, no names or identifying details.",
        vi="Báo cáo chỉ có số liệu tổng hợp, không có tên hay thông tin nhận dạng cá nhân.",
    ),
    "report.page": Text(
        en="Page {n}",
        vi="Trang {n}",
    ),
    "report.overview_district": Text(
        en="District overview",
        vi="Tổng quan toàn quận",
    ),
    "report.overview_selected": Text(
        en="Selected wards combined",
        vi="Tổng hợp các phường đã chọn",
    ),
    "report.ward_heading": Text(
        en="Ward: {w}",
        vi="Phường {w}",
    ),
    "report.ward_compare": Text(
        en="Wards compared",
        vi="So sánh giữa các phường",
    ),
    "report.no_data": Text(
        en="No interviews fall within the chosen wards and period.",
        vi="Không có phiếu nào trong phạm vi đã chọn.",
    ),
    "report.category": Text(
        en="Category",
        vi="Phân loại",
    ),
    "report.count": Text(
        en="People",
        vi="Số người",
    ),
    "report.count_hh": Text(
        en="Households",
        vi="Số hộ",
    ),
    "report.percent": Text(
        en="Percent",
        vi="Tỷ lệ",
    ),
    "report.total_base": Text(
        en="Total (N)",
        vi="Tổng số (N)",
    ),
    "report.base_respondents": Text(
        en="Base: respondents (N = {n}).",
        vi="Cơ sở: người trả lời (N = {n}).",
    ),
    "report.base_members": Text(
        en="Base: household members (N = {n}).",
        vi="Cơ sở: thành viên hộ (N = {n}).",
    ),
    "report.base_ill": Text(
        en="Base: respondents ill or injured in the last 30 days (N = {n}).",
        vi="Cơ sở: người trả lời bị ốm hoặc chấn thương trong 30 ngày qua (N = {n}).",
    ),
    "report.base_no_card": Text(
        en="Base: respondents without a health-insurance card (N = {n}).",
        vi="Cơ sở: người trả lời không có thẻ BHYT (N = {n}).",
    ),
    "report.base_paid": Text(
        en="Base: respondents who sought care and gave the cost (N = {n}).",
        vi="Cơ sở: người trả lời đã đi khám chữa, có chi phí được ghi (N = {n}).",
    ),
    "report.base_landlord": Text(
        en="Base: respondents paying the landlord per kWh (N = {n}).",
        vi="Cơ sở: người trả lời trả tiền điện cho chủ nhà theo số (N = {n}).",
    ),
    "report.base_shg": Text(
        en="Base: current or past self-help group members (N = {n}).",
        vi="Cơ sở: thành viên hoặc cựu thành viên nhóm tự lực (N = {n}).",
    ),
    "report.base_households": Text(
        en="Base: households (N = {n}).",
        vi="Cơ sở: hộ (N = {n}).",
    ),
    "report.multi_note": Text(
        en="Several answers were allowed, so percentages may add up to more than 100%.",
        vi="Mỗi người có thể chọn nhiều đáp án nên tổng tỷ lệ có thể vượt 100%.",
    ),
    "report.row_pct_note": Text(
        en="Percentages are of each row (within each group).",
        vi="Tỷ lệ tính theo hàng (trong mỗi nhóm).",
    ),
    "report.other_provinces": Text(
        en="Other provinces",
        vi="Các tỉnh khác",
    ),
    "report.other_ward": Text(
        en="Other ward",
        vi="Phường/xã khác",
    ),
    "report.unknown": Text(
        en="Unknown",
        vi="Không rõ",
    ),
    "report.too_few_households": Text(
        en="Fewer than 5 households interviewed: no details are shown, so nobody can be "
        "recognised.",
        vi="Ít hơn 5 hộ được phỏng vấn: không trình bày chi tiết để không ai bị nhận ra.",
    ),
    "report.too_few": Text(
        en="Fewer than 5 answers: not shown.",
        vi="Ít hơn 5 người trả lời: không trình bày.",
    ),
    "report.stat": Text(
        en="Statistic",
        vi="Chỉ số",
    ),
    "report.n": Text(
        en="Answers",
        vi="Số người trả lời",
    ),
    "report.mean": Text(
        en="Mean",
        vi="Trung bình",
    ),
    "report.median": Text(
        en="Median",
        vi="Trung vị",
    ),
    "report.min": Text(
        en="Minimum",
        vi="Thấp nhất",
    ),
    "report.max": Text(
        en="Maximum",
        vi="Cao nhất",
    ),
    "report.total": Text(
        en="Total",
        vi="Tổng",
    ),
    # --- titles of the ward summary's tables
    "report.table_occupation": Text(
        en="Main occupation of respondents",
        vi="Nghề nghiệp chính của người trả lời",
    ),
    "report.table_province": Text(
        en="Home province (10 most common)",
        vi="Tỉnh quê (10 tỉnh nhiều nhất)",
    ),
    "report.table_temp_reg": Text(
        en="Temporary-residence registration",
        vi="Đăng ký tạm trú",
    ),
    "report.table_hi_sex": Text(
        en="Health-insurance card by sex",
        vi="Thẻ bảo hiểm y tế theo giới tính",
    ),
    "report.table_hi_occ": Text(
        en="Health-insurance card by occupation",
        vi="Thẻ bảo hiểm y tế theo nghề nghiệp",
    ),
    "report.table_hi_why": Text(
        en="Reasons for having no health-insurance card",
        vi="Lý do không có thẻ bảo hiểm y tế",
    ),
    "report.table_ill": Text(
        en="Illness or injury in the last 30 days",
        vi="Ốm đau, chấn thương trong 30 ngày qua",
    ),
    "report.table_care": Text(
        en="Where care was sought",
        vi="Nơi khám chữa lần gần nhất",
    ),
    "report.table_barriers": Text(
        en="Barriers to care",
        vi="Khó khăn khi cần khám chữa bệnh",
    ),
    "report.table_accident": Text(
        en="Work accidents in the last 12 months",
        vi="Tai nạn lao động trong 12 tháng qua",
    ),
    "report.table_oop": Text(
        en="Out-of-pocket cost of care (VND)",
        vi="Chi phí khám chữa bệnh tự chi trả (đồng)",
    ),
    "report.table_m2": Text(
        en="Floor area per person (m²)",
        vi="Diện tích ở bình quân (m²/người)",
    ),
    "report.table_water": Text(
        en="Main source of water",
        vi="Nguồn nước sinh hoạt chính",
    ),
    "report.table_toilet": Text(
        en="Toilet",
        vi="Nhà vệ sinh",
    ),
    "report.table_elec_pay": Text(
        en="How electricity is paid for",
        vi="Cách trả tiền điện",
    ),
    "report.table_elec_price": Text(
        en="Electricity price charged by landlords",
        vi="Giá điện chủ nhà thu (đồng/kWh)",
    ),
    "report.table_income": Text(
        en="Monthly income (VND)",
        vi="Thu nhập hằng tháng của người trả lời (đồng)",
    ),
    "report.table_remit": Text(
        en="Money sent home in the last 12 months",
        vi="Gửi tiền về quê trong 12 tháng qua",
    ),
    "report.table_shg": Text(
        en="Self-help group membership",
        vi="Tham gia nhóm tự lực",
    ),
    "report.table_shg_support": Text(
        en="Support received from the group",
        vi="Hỗ trợ nhận được từ nhóm tự lực",
    ),
    "report.table_hh_size": Text(
        en="Household size (people in Hanoi)",
        vi="Quy mô hộ (số người sống cùng ở Hà Nội)",
    ),
    "report.table_elec_note": Text(
        en="The power company's household tariff is about 2,000–3,500 VND per kWh.",
        vi="Giá điện sinh hoạt bậc thang của ngành điện khoảng 2.000–3.500 đồng/kWh.",
    ),
    # --- short labels of the health-insurance card statuses (table columns)
    "report.hi_short_none": Text(
        en="No card",
        vi="Không có thẻ",
    ),
    "report.hi_short_home_province": Text(
        en="Card, home province",
        vi="Thẻ đăng ký ở quê",
    ),
    "report.hi_short_hanoi": Text(
        en="Card, Hanoi",
        vi="Thẻ đăng ký ở Hà Nội",
    ),
    # --- the printable record of one interview
    "report.record_title": Text(
        en="INTERVIEW RECORD",
        vi="PHIẾU KHẢO SÁT",
    ),
    "report.record_id": Text(
        en="Interview id",
        vi="Mã phiếu",
    ),
    "report.record_date": Text(
        en="Interview date",
        vi="Ngày phỏng vấn",
    ),
    "report.record_version": Text(
        en="Form version",
        vi="Phiên bản bảng hỏi",
    ),
    "report.record_question": Text(
        en="Question",
        vi="Câu hỏi",
    ),
    "report.record_answer": Text(
        en="Answer",
        vi="Trả lời",
    ),
    "report.record_empty": Text(
        en="The interview has no answers yet.",
        vi="Phiếu chưa có câu trả lời nào.",
    ),
    # --- notes, labels and headers written inside the report modules
    "report.base_answered": Text(
        en="Base: interviews with an answer (N = {n}).",
        vi="Cơ sở: phiếu có trả lời (N = {n}).",
    ),
    "report.base_entries": Text(
        en="Base: “{label}” entries with an answer (N = {n}).",
        vi="Cơ sở: các mục “{label}” có trả lời (N = {n}).",
    ),
    "report.all_interviews": Text(en="All interviews", vi="Tất cả phiếu"),
    "report.band_first": Text(en="Under {a}", vi="Dưới {a}"),
    "report.band_middle": Text(en="{a} to under {b}", vi="{a} đến dưới {b}"),
    "report.band_last": Text(en="{a} or more", vi="Từ {a} trở lên"),
    "report.amount_millions": Text(en="{amount} million", vi="{amount} triệu"),
    "report.oop_nothing": Text(en="Nothing", vi="Không mất tiền"),
    "report.oop_under_200k": Text(en="Under 200 thousand", vi="Dưới 200 nghìn"),
    "report.oop_200k_1m": Text(
        en="200 thousand to under 1 million", vi="200 nghìn đến dưới 1 triệu"
    ),
    "report.oop_1m_5m": Text(en="1 to under 5 million", vi="1 đến dưới 5 triệu"),
    "report.oop_5m_more": Text(en="5 million or more", vi="Từ 5 triệu trở lên"),
    "report.dep_ratio_note": Text(
        en="Mean household dependency ratio: {mean} (N = {n}).",
        vi="Tỷ số phụ thuộc trung bình của hộ: {mean} (N = {n}).",
    ),
    "report.compare_ward": Text(en="Ward", vi="Phường"),
    "report.compare_no_card": Text(en="Without insurance card", vi="Không có thẻ BHYT"),
    "report.compare_income": Text(en="Median income (VND)", vi="Thu nhập trung vị (đồng)"),
    "report.compare_m2": Text(en="m² per person (median)", vi="m²/người (trung vị)"),
    "report.compare_shg": Text(en="Self-help group members", vi="Thành viên nhóm tự lực"),
    "report.compare_note": Text(
        en="Percentages are of each ward's respondents; wards with fewer than 5 households "
        "are not shown.",
        vi="Tỷ lệ tính trên số người trả lời của từng phường; phường có dưới 5 hộ không trình bày.",
    ),
    "report.small_cell_legend": Text(en="<5: 1–4 people", vi="<5: 1–4 người"),
    "report.chart_hidden": Text(en="Not shown (<5, x)", vi="Không trình bày (<5, x)"),
    "report.district": Text(en="District", vi="Quận/huyện"),
    "report.ward_count": Text(en="{n} wards", vi="{n} phường"),
    # --- progress of the workspace summary (ProgressCallback messages)
    "report.progress_reading": Text(en="Reading the interviews", vi="Đang đọc các phiếu"),
    "report.progress_writing": Text(en="Writing the report", vi="Đang viết báo cáo"),
    "report.progress_done": Text(en="Done", vi="Xong"),
    # --- yes / no in exported tables (labels=True)
    "report.yes": Text(en="Yes", vi="Có"),
    "report.no": Text(en="No", vi="Không"),
    # --- errors
    "report.font_missing": Text(
        en="The report font {file} is missing from resources/fonts.",
        vi="Thiếu phông chữ {file} của báo cáo trong thư mục resources/fonts.",
    ),
    "report.unknown_ward": Text(
        en="Unknown ward '{ward}'. Wards in this form: {known}.",
        vi="Không có phường '{ward}'. Các phường trong bảng hỏi này: {known}.",
    ),
    "report.not_default_survey": Text(
        en="The form '{form}' is not the migrant household survey; use the generic summary for it.",
        vi="Bảng hỏi '{form}' không phải bảng hỏi khảo sát hộ lao động di cư; hãy dùng báo "
        "cáo tổng hợp chung cho bảng hỏi này.",
    ),
    "report.no_form_definition": Text(
        en="No form definition to export with.",
        vi="Không có bảng hỏi nào để xuất dữ liệu theo.",
    ),
    # --- the demo campaign (fieldsurvey/demo)
    "demo.folder_not_empty": Text(
        en="{folder} is not an empty folder; choose a new one for the demo.",
        vi="{folder} không phải thư mục trống; hãy chọn một thư mục mới cho bản demo.",
    ),
    "demo.cannot_create_folder": Text(
        en="Cannot create the folder {folder}: {reason}.",
        vi="Không tạo được thư mục {folder}: {reason}.",
    ),
    "demo.interview_fails_checks": Text(
        en="The interview fails {count} check(s) of the form: {paths}.",
        vi="Phiếu không qua {count} bước kiểm tra của bảng hỏi: {paths}.",
    ),
    "demo.bundle_not_merged": Text(
        en="Demo bundle {file} was not merged cleanly.",
        vi="Gói dữ liệu demo {file} không được hợp nhất trọn vẹn.",
    ),
    "demo.progress_coordinator": Text(
        en="Coordinator workspace and campaign keys",
        vi="Không gian làm việc của điều phối viên và khoá của chiến dịch",
    ),
    "demo.progress_laptops": Text(
        en="Device packages and laptops", vi="Gói cài đặt thiết bị và các máy tính xách tay"
    ),
    "demo.progress_round_1": Text(
        en="Fieldwork round 1: interviews", vi="Đợt khảo sát thứ 1: phỏng vấn các hộ"
    ),
    "demo.progress_round_2": Text(
        en="Fieldwork round 2: interviews", vi="Đợt khảo sát thứ 2: phỏng vấn các hộ"
    ),
    "demo.progress_drafts": Text(
        en="An unfinished interview on each laptop", vi="Một phiếu đang làm dở trên mỗi máy"
    ),
    "demo.progress_outputs": Text(
        en="Ward summaries, a record and exports",
        vi="Báo cáo tổng hợp theo phường, một phiếu in và các tệp dữ liệu xuất",
    ),
    "demo.progress_done": Text(en="Done", vi="Xong"),
    # export progress
    "report.export_reading": Text(
        en="Reading the interviews of {form}", vi="Đang đọc các phiếu của bảng hỏi {form}"
    ),
    "report.export_writing": Text(en="Writing", vi="Đang ghi tệp"),
    "report.export_done": Text(en="Done", vi="Xong"),
    "report.export_spill_changed": Text(
        en="The export stopped: its temporary file was changed on this computer while it "
        "ran, so the answers read back were not those read. Export again.",
        vi="Việc xuất đã dừng: tệp tạm của nó bị thay đổi trên máy này trong khi xuất, nên "
        "các câu trả lời đọc lại không còn đúng như đã đọc. Hãy xuất lại.",
    ),
    # what an export or a report changed or left out (ExportNote; counts, never answers)
    "report.export_not_finite": Text(
        en="{table}: {count} value(s) of {column} are not finite numbers (NaN or infinity) "
        "and were left empty.",
        vi="{table}: {count} giá trị của {column} không phải là số hữu hạn (NaN hoặc vô cực) "
        "nên được để trống.",
    ),
    "report.export_out_of_range": Text(
        en="{file}: {count} value(s) of {column} are beyond what {format} can hold and were "
        "left empty (the csv export keeps them).",
        vi="{file}: {count} giá trị của {column} vượt quá giới hạn mà {format} lưu được nên "
        "được để trống (tệp csv vẫn giữ nguyên).",
    ),
    "report.export_number_as_text": Text(
        en="{file}: {count} value(s) of {column} are too large for an Excel number and were "
        "written as text.",
        vi="{file}: {count} giá trị của {column} quá lớn để Excel lưu dạng số nên được ghi "
        "dạng chữ.",
    ),
    "report.export_text_cut_chars": Text(
        en="{file}: {count} text(s) of {column} were longer than an Excel cell holds ({limit} "
        "characters) and were cut; the cut ends in '…' (the csv export keeps them whole).",
        vi="{file}: {count} đoạn chữ của {column} dài hơn một ô Excel chứa được ({limit} ký tự) "
        "nên bị cắt, chỗ cắt có dấu '…' (tệp csv vẫn giữ đủ).",
    ),
    "report.export_text_cut_bytes": Text(
        en="{file}: {count} text(s) of {column} were longer than {format} holds ({limit} bytes) "
        "and were cut; the cut ends in '…' (the csv export keeps them whole).",
        vi="{file}: {count} đoạn chữ của {column} dài hơn mức {format} chứa được ({limit} byte) "
        "nên bị cắt, chỗ cắt có dấu '…' (tệp csv vẫn giữ đủ).",
    ),
    "report.export_rows_cut": Text(
        en="{file}: sheet {table} has {count} row(s) more than an Excel sheet holds ({limit} "
        "rows with the header); they were left out (the csv export keeps every row).",
        vi="{file}: trang {table} có {count} dòng vượt quá số dòng một trang Excel chứa được "
        "({limit} dòng kể cả dòng tiêu đề) nên bị bỏ ra (tệp csv vẫn giữ đủ mọi dòng).",
    ),
    "report.export_file_named": Text(
        en="The form id {form_id} is not a safe file name: its files are named {stem}.",
        vi="Mã bảng hỏi {form_id} không dùng được làm tên tệp: các tệp của nó được đặt tên {stem}.",
    ),
    "report.form_not_installed_skipped": Text(
        en="{count} interview(s) of form {form_id} were left out: that form is not installed "
        "in this workspace.",
        vi="{count} phiếu của bảng hỏi {form_id} đã bị bỏ qua: bảng hỏi này chưa được cài "
        "trong không gian làm việc.",
    ),
    "report.record_text_cut": Text(
        en="… (cut: {count} characters in all; the csv export holds the whole text)",
        vi="… (đã cắt: tổng cộng {count} ký tự; tệp csv xuất ra giữ đủ nội dung)",
    ),
    "report.record_group_not_object": Text(
        en="(not shaped as the form's group)",
        vi="(không đúng dạng nhóm câu hỏi của bảng hỏi)",
    ),
}
