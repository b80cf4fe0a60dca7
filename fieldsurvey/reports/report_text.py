"""The fixed texts of the reports, in Vietnamese and English."""

from __future__ import annotations

from fieldsurvey.reports.models import Lang

_TEXTS: dict[str, tuple[str, str]] = {
    "report_title": ("BÁO CÁO TỔNG HỢP", "SUMMARY REPORT"),
    "survey_title": (
        "Khảo sát hộ gia đình người lao động di cư",
        "Survey of migrant worker households",
    ),
    "network": (
        "Mạng lưới Mnet: LIGHT, CDI, GFCD, PLD, VIJUSAP, SDRC",
        "Mnet network: LIGHT, CDI, GFCD, PLD, VIJUSAP, SDRC",
    ),
    "wards": ("Phường", "Ward(s)"),
    "period": ("Thời gian khảo sát", "Survey period"),
    "period_all": ("Toàn bộ thời gian", "All dates"),
    "households": ("Số hộ được phỏng vấn", "Households interviewed"),
    "people": ("Số người trong các hộ", "People in these households"),
    "stamp": ("Nguồn số liệu", "Data stamp"),
    "included": ("Số phiếu đưa vào báo cáo", "Interviews included"),
    "included_detail": ("{n} phiếu ({c} đồng ý, {r} từ chối)", "{n} ({c} consented, {r} declined)"),
    "last_merge": ("Lần hợp nhất dữ liệu gần nhất", "Last merge"),
    "not_merged": ("Chưa hợp nhất", "Not merged"),
    "form_version": ("Phiên bản bảng hỏi", "Form version"),
    "generated": ("Ngày lập báo cáo", "Report generated"),
    "source": ("Nơi lưu dữ liệu", "Data source"),
    "small_cells": (
        "Để không ai bị nhận ra, ô có từ 1 đến 4 người được ghi “<5”; ô ghi “x” được ẩn "
        "để không thể suy ra ô nhỏ từ tổng số. Số liệu dưới 5 người không tính trung bình.",
        "So that nobody can be recognised, a cell of 1 to 4 people is shown as “<5”; a cell "
        "shown as “x” is hidden so that a small cell cannot be worked out from the totals. "
        "No averages are given for fewer than 5 people.",
    ),
    "privacy": (
        "Báo cáo chỉ có số liệu tổng hợp, không có tên hay thông tin nhận dạng cá nhân.",
        "The report holds aggregate figures only, no names or identifying details.",
    ),
    "page": ("Trang {n}", "Page {n}"),
    "overview_district": ("Tổng quan toàn quận", "District overview"),
    "overview_selected": ("Tổng hợp các phường đã chọn", "Selected wards combined"),
    "ward_heading": ("Phường {w}", "Ward: {w}"),
    "ward_compare": ("So sánh giữa các phường", "Wards compared"),
    "no_data": (
        "Không có phiếu nào trong phạm vi đã chọn.",
        "No interviews fall within the chosen wards and period.",
    ),
    "category": ("Phân loại", "Category"),
    "count": ("Số người", "People"),
    "count_hh": ("Số hộ", "Households"),
    "percent": ("Tỷ lệ", "Percent"),
    "total_base": ("Tổng số (N)", "Total (N)"),
    "base_respondents": ("Cơ sở: người trả lời (N = {n}).", "Base: respondents (N = {n})."),
    "base_members": ("Cơ sở: thành viên hộ (N = {n}).", "Base: household members (N = {n})."),
    "base_ill": (
        "Cơ sở: người trả lời bị ốm hoặc chấn thương trong 30 ngày qua (N = {n}).",
        "Base: respondents ill or injured in the last 30 days (N = {n}).",
    ),
    "base_no_card": (
        "Cơ sở: người trả lời không có thẻ BHYT (N = {n}).",
        "Base: respondents without a health-insurance card (N = {n}).",
    ),
    "base_paid": (
        "Cơ sở: người trả lời đã đi khám chữa, có chi phí được ghi (N = {n}).",
        "Base: respondents who sought care and gave the cost (N = {n}).",
    ),
    "base_landlord": (
        "Cơ sở: người trả lời trả tiền điện cho chủ nhà theo số (N = {n}).",
        "Base: respondents paying the landlord per kWh (N = {n}).",
    ),
    "base_shg": (
        "Cơ sở: thành viên hoặc cựu thành viên nhóm tự lực (N = {n}).",
        "Base: current or past self-help group members (N = {n}).",
    ),
    "base_households": ("Cơ sở: hộ (N = {n}).", "Base: households (N = {n})."),
    "multi_note": (
        "Mỗi người có thể chọn nhiều đáp án nên tổng tỷ lệ có thể vượt 100%.",
        "Several answers were allowed, so percentages may add up to more than 100%.",
    ),
    "row_pct_note": (
        "Tỷ lệ tính theo hàng (trong mỗi nhóm).",
        "Percentages are of each row (within each group).",
    ),
    "other_provinces": ("Các tỉnh khác", "Other provinces"),
    "other_ward": ("Phường/xã khác", "Other ward"),
    "unknown": ("Không rõ", "Unknown"),
    "too_few_households": (
        "Ít hơn 5 hộ được phỏng vấn: không trình bày chi tiết để không ai bị nhận ra.",
        "Fewer than 5 households interviewed: no details are shown, so nobody can be recognised.",
    ),
    "too_few": ("Ít hơn 5 người trả lời: không trình bày.", "Fewer than 5 answers: not shown."),
    "stat": ("Chỉ số", "Statistic"),
    "n": ("Số người trả lời", "Answers"),
    "mean": ("Trung bình", "Mean"),
    "median": ("Trung vị", "Median"),
    "min": ("Thấp nhất", "Minimum"),
    "max": ("Cao nhất", "Maximum"),
    "total": ("Tổng", "Total"),
}


def t(key: str, lang: Lang, **values: object) -> str:
    vi, en = _TEXTS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text
