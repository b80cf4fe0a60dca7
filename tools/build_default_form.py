"""Build the default questionnaire, resources/forms/migrant_household.xlsx.

This script is the readable source of the Mnet migrant household survey; the xlsx it
writes is what ships and what NGO staff open and edit in Excel or LibreOffice.
Run it after editing:

    .venv/bin/python tools/build_default_form.py

Vietnamese comes first (the form's default language), English second. Field names are
short English snake_case. The province list is the 63 provinces before the 2025 merger,
each with its successor among the 34 current ones in the ``province_2025`` column (see
the "readme" sheet and docs/default-survey.md for why).
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

VI = "Tiếng Việt (vi)"
EN = "English (en)"
OUT = Path(__file__).resolve().parents[1] / "resources" / "forms" / "migrant_household.xlsx"
VERSION = "2026120601"

SURVEY_COLUMNS = [
    "type",
    "name",
    f"label::{VI}",
    f"label::{EN}",
    f"hint::{VI}",
    f"hint::{EN}",
    "required",
    f"required_message::{VI}",
    f"required_message::{EN}",
    "relevant",
    "constraint",
    f"constraint_message::{VI}",
    f"constraint_message::{EN}",
    "constraint_type",
    "calculation",
    "choice_filter",
    "repeat_count",
    "appearance",
    "default",
]

REQ_VI = "Vui lòng trả lời câu hỏi này."
REQ_EN = "Please answer this question."
CONSENTED = "${consent} = 'yes'"

Row = dict[str, str]
SURVEY: list[Row] = []


def q(
    type_: str,
    name: str,
    vi: str = "",
    en: str = "",
    *,
    hint: tuple[str, str] | None = None,
    required: bool = False,
    relevant: str = "",
    constraint: tuple[str, str, str] | None = None,
    **extra: str,
) -> None:
    """Append one survey row; ``constraint`` is (expression, message vi, message en)."""
    row: Row = {"type": type_, "name": name, f"label::{VI}": vi, f"label::{EN}": en}
    if hint:
        row[f"hint::{VI}"], row[f"hint::{EN}"] = hint
    if required:
        row["required"] = "yes"
        row[f"required_message::{VI}"] = REQ_VI
        row[f"required_message::{EN}"] = REQ_EN
    if relevant:
        row["relevant"] = relevant
    if constraint:
        expr, msg_vi, msg_en = constraint
        row["constraint"] = expr
        row[f"constraint_message::{VI}"] = msg_vi
        row[f"constraint_message::{EN}"] = msg_en
    row.update(extra)
    SURVEY.append(row)


def begin(kind: str, name: str, vi: str, en: str, **extra: str) -> None:
    """Open a group or repeat; ``extra`` holds plain columns (relevant, appearance, ...)."""
    SURVEY.append(
        {"type": f"begin_{kind}", "name": name, f"label::{VI}": vi, f"label::{EN}": en, **extra}
    )


def end(kind: str) -> None:
    SURVEY.append({"type": f"end_{kind}"})


def money(max_vnd: int = 200_000_000) -> tuple[str, str, str]:
    limit_vi = f"{max_vnd:,}".replace(",", ".")
    return (
        f". >= 0 and . <= {max_vnd}",
        f"Số tiền phải từ 0 đến {limit_vi} đồng.",
        f"The amount must be between 0 and {max_vnd:,} VND.",
    )


def exclusive(choice: str, vi_label: str, en_label: str) -> tuple[str, str, str]:
    return (
        f"not(selected(., '{choice}') and count-selected(.) > 1)",
        f"Không thể chọn “{vi_label}” cùng với lựa chọn khác.",
        f"“{en_label}” cannot be combined with other answers.",
    )


# --- survey ------------------------------------------------------------------------------
def build_survey() -> None:
    SURVEY.clear()
    q("start", "start")
    q("end", "end")
    q("today", "today")

    begin("group", "consent_section", "Đồng ý tham gia", "Consent")
    q(
        "note",
        "intro",
        "Xin chào anh/chị. Chúng tôi là cán bộ của mạng lưới Mnet (các tổ chức LIGHT, CDI, "
        "GFCD, PLD, VIJUSAP, SDRC) hỗ trợ người lao động di cư tại Hà Nội. Chúng tôi muốn hỏi "
        "anh/chị về công việc, nơi ở, sức khỏe và an sinh xã hội của hộ, trong khoảng 30 phút. "
        "Việc tham gia là hoàn toàn tự nguyện: anh/chị có thể từ chối trả lời bất kỳ câu hỏi "
        "nào hoặc dừng lại bất cứ lúc nào. Thông tin được bảo mật theo quy định của pháp luật "
        "về bảo vệ dữ liệu cá nhân, chỉ dùng để tổng hợp số liệu, và tên anh/chị không xuất "
        "hiện trong bất kỳ báo cáo nào.",
        "Hello. We work for the Mnet network (LIGHT, CDI, GFCD, PLD, VIJUSAP, SDRC), which "
        "supports migrant workers in Hanoi. We would like to ask about your household's work, "
        "housing, health and social protection; it takes about 30 minutes. Taking part is "
        "entirely voluntary: you may decline any question or stop at any time. Your "
        "information is kept confidential as personal-data protection law requires, is used "
        "only for aggregate statistics, and your name will not appear in any report.",
    )
    q(
        "select_one consent_choice",
        "consent",
        "Anh/chị có đồng ý tham gia khảo sát và cho phép chúng tôi ghi lại, xử lý thông tin "
        "anh/chị cung cấp cho mục đích nêu trên không?",
        "Do you agree to take part in this survey and allow us to record and process the "
        "information you give for the purpose described above?",
        required=True,
    )
    q(
        "note",
        "refused_note",
        "Người được hỏi không đồng ý tham gia. Hãy cảm ơn họ, kết thúc phỏng vấn và lưu phiếu.",
        "The respondent declined. Thank them, end the interview here and save the form.",
        relevant="${consent} = 'no'",
    )
    end("group")

    begin("group", "location", "Địa bàn", "Location", relevant=CONSENTED, appearance="field-list")
    q(
        "select_one city",
        "city",
        "Tỉnh/thành phố",
        "City or province",
        required=True,
        default="ha_noi",
    )
    q(
        "text",
        "city_other",
        "Ghi rõ tỉnh/thành phố",
        "Specify the city or province",
        required=True,
        relevant="${city} = 'other'",
    )
    q(
        "select_one district",
        "district",
        "Quận/huyện",
        "District",
        required=True,
        default="hoan_kiem",
    )
    q(
        "text",
        "district_other",
        "Ghi rõ quận/huyện",
        "Specify the district",
        required=True,
        relevant="${district} = 'other'",
    )
    q(
        "select_one ward",
        "ward",
        "Phường/xã",
        "Ward or commune",
        required=True,
        choice_filter="district = ${district} or name = 'other'",
    )
    q(
        "text",
        "ward_other",
        "Ghi rõ phường/xã",
        "Specify the ward or commune",
        required=True,
        relevant="${ward} = 'other'",
    )
    q(
        "text",
        "res_group",
        "Tổ dân phố",
        "Residential group (tổ dân phố)",
        hint=(
            "Ví dụ: Tổ 12. Để trống nếu không biết.",
            "For example: Tổ 12. Leave empty if unknown.",
        ),
    )
    q(
        "text",
        "household_id",
        "Mã hộ",
        "Household ID",
        hint=("Mã do dự án cấp, ví dụ PT-012.", "The code given by the project, e.g. PT-012."),
        required=True,
        constraint=(
            "regex(., '^[A-Za-z]{1,4}-[A-Za-z0-9]{1,10}$')",
            "Mã hộ gồm chữ viết tắt của phường (chữ không dấu), dấu gạch ngang rồi số thứ tự, "
            "ví dụ PT-012.",
            "A household ID is the ward's letters (no accents), a hyphen, then its number, "
            "e.g. PT-012.",
        ),
    )
    q(
        "geopoint",
        "gps",
        "Vị trí GPS (không bắt buộc)",
        "GPS location (optional)",
        hint=(
            "Trên máy tính xách tay, nhập vĩ độ và kinh độ nếu biết; nếu không, để trống.",
            "On a laptop, type latitude and longitude if known; otherwise leave empty.",
        ),
    )
    end("group")

    begin(
        "group",
        "respondent",
        "Người trả lời",
        "Respondent",
        relevant=CONSENTED,
        appearance="field-list",
    )
    q(
        "text",
        "resp_name",
        "Họ tên người trả lời (không bắt buộc)",
        "Respondent's name (optional)",
        hint=(
            "Để trống nếu người trả lời không muốn cho biết.",
            "Leave empty if the respondent prefers not to say.",
        ),
    )
    q(
        "integer",
        "resp_age",
        "Tuổi (số năm tròn)",
        "Age (completed years)",
        required=True,
        constraint=(
            ". >= 15 and . <= 100",
            "Tuổi phải từ 15 đến 100.",
            "Age must be between 15 and 100.",
        ),
    )
    q("select_one sex", "resp_sex", "Giới tính", "Sex", required=True)
    q(
        "select_one province",
        "home_province",
        "Tỉnh/thành phố quê (nơi đăng ký thường trú)",
        "Home province (place of permanent registration)",
        hint=(
            "Chọn theo tên tỉnh trước khi sáp nhập năm 2025 (63 tỉnh/thành phố).",
            "Choose the province by its name before the 2025 merger (63 provinces).",
        ),
        required=True,
        appearance="autocomplete",
    )
    q(
        "integer",
        "years_away",
        "Anh/chị rời quê đi làm ăn xa được bao nhiêu năm?",
        "How many years ago did you leave your home province?",
        hint=("Ghi 0 nếu chưa đủ 1 năm.", "Enter 0 if less than one year."),
        required=True,
        constraint=(
            ". >= 0 and . <= ${resp_age}",
            "Số năm phải từ 0 trở lên và không lớn hơn tuổi người trả lời.",
            "Must be 0 or more and not more than the respondent's age.",
        ),
    )
    q(
        "select_one temp_reg",
        "temp_reg",
        "Anh/chị đã đăng ký tạm trú tại nơi ở hiện nay chưa?",
        "Have you registered temporary residence at your current address?",
        required=True,
    )
    end("group")

    begin("group", "work", "Việc làm", "Work", relevant=CONSENTED, appearance="field-list")
    q(
        "select_one occupation",
        "occupation",
        "Công việc chính hiện nay của anh/chị là gì?",
        "What is your main work now?",
        required=True,
    )
    q(
        "text",
        "occupation_other",
        "Ghi rõ công việc",
        "Specify the work",
        required=True,
        relevant="${occupation} = 'other'",
    )
    working = "${occupation} != 'no_work'"
    q(
        "select_one contract",
        "contract",
        "Anh/chị có hợp đồng lao động không?",
        "Do you have an employment contract?",
        required=True,
        relevant=working,
    )
    q(
        "decimal",
        "hours_day",
        "Trung bình anh/chị làm bao nhiêu giờ mỗi ngày?",
        "On average, how many hours do you work per day?",
        required=True,
        relevant=working,
        constraint=(
            ". > 0 and . <= 24",
            "Số giờ phải lớn hơn 0 và không quá 24.",
            "Hours must be more than 0 and at most 24.",
        ),
    )
    q(
        "integer",
        "days_week",
        "Anh/chị làm bao nhiêu ngày mỗi tuần?",
        "How many days a week do you work?",
        required=True,
        relevant=working,
        constraint=(
            ". >= 1 and . <= 7",
            "Số ngày phải từ 1 đến 7.",
            "Days must be between 1 and 7.",
        ),
    )
    q(
        "integer",
        "income_month",
        "Thu nhập trung bình mỗi tháng của anh/chị (đồng)",
        "Your average monthly income (VND)",
        hint=(
            "Tính từ mọi công việc, sau khi trừ chi phí làm ăn. Ví dụ: 6500000.",
            "From all work, after business costs. Example: 6500000.",
        ),
        required=True,
        constraint=money(),
    )
    q(
        "select_one yes_no",
        "remit",
        "Trong 12 tháng qua, anh/chị có gửi tiền về quê không?",
        "In the last 12 months, have you sent money home?",
        required=True,
    )
    q(
        "integer",
        "remit_month",
        "Trung bình mỗi tháng anh/chị gửi về quê bao nhiêu tiền (đồng)?",
        "On average, how much do you send home per month (VND)?",
        required=True,
        relevant="${remit} = 'yes'",
        # a soft check (docs/xlsform-compatibility.md): possible, but worth asking again
        constraint=(
            ". >= 0 and (string(${income_month}) = '' or . <= ${income_month})",
            "Số tiền gửi về quê lớn hơn thu nhập mỗi tháng. Hãy hỏi lại người trả lời "
            "(có thể họ gửi cả tiền tiết kiệm), rồi xác nhận.",
            "The amount sent home is more than the monthly income. Ask the respondent "
            "again (they may send savings too), then confirm.",
        ),
        constraint_type="soft",
    )
    end("group")

    begin("group", "housing", "Nhà ở", "Housing", relevant=CONSENTED, appearance="field-list")
    q(
        "select_one accommodation",
        "accom_type",
        "Hiện nay anh/chị đang ở loại nhà hoặc chỗ ở nào?",
        "Where do you live now?",
        required=True,
    )
    q(
        "decimal",
        "room_area",
        "Diện tích phòng hoặc nơi ở (m²)",
        "Floor area of the room or dwelling (m²)",
        hint=(
            "Ước lượng nếu không biết chính xác. Dùng dấu phẩy cho số thập phân, ví dụ 12,5.",
            "Estimate if unsure. Use a dot for decimals, e.g. 12.5.",
        ),
        required=True,
        constraint=(
            ". > 0 and . < 500",
            "Diện tích phải lớn hơn 0 và nhỏ hơn 500 m².",
            "The area must be more than 0 and less than 500 m².",
        ),
    )
    q(
        "integer",
        "room_people",
        "Có bao nhiêu người (kể cả anh/chị) ở chung phòng hoặc nơi ở này?",
        "How many people, including you, share this room or dwelling?",
        required=True,
        constraint=(
            ". >= 1 and . <= 50",
            "Số người phải từ 1 đến 50.",
            "The number of people must be between 1 and 50.",
        ),
    )
    q(
        "calculate",
        "m2_per_person",
        "Diện tích bình quân (m²/người)",
        "Floor area per person (m²)",
        calculation="if(${room_area} > 0 and ${room_people} > 0, "
        "round(${room_area} div ${room_people}, 1), '')",
    )
    q(
        "note",
        "m2_note",
        "Diện tích bình quân: ${m2_per_person} m²/người.",
        "Floor area per person: ${m2_per_person} m².",
        relevant="${m2_per_person} != ''",
    )
    q(
        "select_one water",
        "water",
        "Nguồn nước sinh hoạt chính",
        "Main source of water for daily use",
        required=True,
    )
    q("select_one toilet", "toilet", "Loại nhà vệ sinh đang dùng", "Toilet used", required=True)
    q(
        "select_one elec_pay",
        "elec_pay",
        "Anh/chị trả tiền điện như thế nào?",
        "How do you pay for electricity?",
        required=True,
    )
    q(
        "integer",
        "elec_price",
        "Chủ nhà tính giá điện bao nhiêu đồng một số (kWh)?",
        "What price per kWh does the landlord charge (VND)?",
        hint=(
            "Giá điện sinh hoạt bậc thang của ngành điện khoảng 2.000–3.500 đồng/kWh.",
            "The power company's household tariff is about 2,000–3,500 VND per kWh.",
        ),
        required=True,
        relevant="${elec_pay} = 'landlord_kwh'",
        constraint=(
            ". >= 500 and . <= 10000",
            "Giá điện phải từ 500 đến 10.000 đồng/kWh.",
            "The price must be between 500 and 10,000 VND per kWh.",
        ),
    )
    end("group")

    begin(
        "group",
        "tenure",
        "Sự ổn định chỗ ở",
        "Security of tenure",
        relevant=CONSENTED,
        appearance="field-list",
    )
    q(
        "select_one lease",
        "lease",
        "Anh/chị có hợp đồng thuê nhà không?",
        "Do you have a rental agreement?",
        required=True,
        relevant="selected('rented_room rented_house', ${accom_type})",
    )
    q(
        "select_one worry",
        "evict_worry",
        "Anh/chị có lo bị buộc phải chuyển đi trong 6 tháng tới không?",
        "Are you worried you may be forced to move out in the next 6 months?",
        required=True,
    )
    q(
        "integer",
        "moves_12m",
        "Trong 12 tháng qua, anh/chị đã phải chuyển chỗ ở mấy lần?",
        "How many times have you had to move home in the last 12 months?",
        required=True,
        constraint=(
            ". >= 0 and . <= 50",
            "Số lần phải từ 0 đến 50.",
            "The number must be between 0 and 50.",
        ),
    )
    end("group")

    begin("group", "health", "Sức khỏe", "Health", relevant=CONSENTED, appearance="field-list")
    q(
        "select_one health_scale",
        "self_health",
        "Anh/chị tự đánh giá sức khỏe của mình hiện nay thế nào?",
        "How would you rate your health now?",
        required=True,
    )
    q(
        "select_one yes_no",
        "ill_30d",
        "Trong 30 ngày qua, anh/chị có bị ốm đau hoặc chấn thương không?",
        "In the last 30 days, have you been ill or injured?",
        required=True,
    )
    q(
        "select_one yes_no",
        "work_accident",
        "Trong 12 tháng qua, anh/chị có bị tai nạn lao động không?",
        "In the last 12 months, have you had an accident at work?",
        required=True,
    )
    ill = "${ill_30d} = 'yes'"
    q(
        "select_multiple care",
        "care_where",
        "Lần ốm hoặc chấn thương gần nhất, anh/chị đã khám chữa ở đâu? (chọn tất cả)",
        "The last time you were ill or injured, where did you seek care? (all that apply)",
        required=True,
        relevant=ill,
        constraint=exclusive("none", "Không khám, không chữa", "Sought no care"),
    )
    q(
        "integer",
        "oop_cost",
        "Tổng số tiền anh/chị tự trả cho lần khám chữa đó (đồng)",
        "Total amount you paid yourself for that care (VND)",
        hint=(
            "Gồm tiền khám, thuốc, xét nghiệm, đi lại; không tính phần bảo hiểm y tế trả.",
            "Fees, medicines, tests and travel; not what health insurance paid.",
        ),
        required=True,
        relevant=f"{ill} and not(selected(${{care_where}}, 'none'))",
        constraint=money(),
    )
    q(
        "select_multiple barriers",
        "barriers",
        "Điều gì gây khó khăn khi anh/chị cần khám chữa bệnh? (chọn tất cả)",
        "What made it hard to get care when you needed it? (all that apply)",
        required=True,
        relevant=ill,
        constraint=exclusive("none", "Không gặp khó khăn", "No difficulty"),
    )
    end("group")

    begin(
        "group",
        "social",
        "An sinh xã hội",
        "Social protection",
        relevant=CONSENTED,
        appearance="field-list",
    )
    q(
        "select_one hi_card",
        "hi_card",
        "Anh/chị có thẻ bảo hiểm y tế không?",
        "Do you have a health-insurance card?",
        required=True,
    )
    q(
        "select_multiple hi_why_not",
        "hi_why_not",
        "Vì sao anh/chị không có thẻ bảo hiểm y tế? (chọn tất cả)",
        "Why do you have no health-insurance card? (all that apply)",
        required=True,
        relevant="${hi_card} = 'none'",
    )
    q(
        "select_one vol_si",
        "vol_si",
        "Anh/chị có tham gia bảo hiểm xã hội tự nguyện không?",
        "Do you take part in voluntary social insurance?",
        required=True,
    )
    q(
        "select_one rights",
        "rights_know",
        "Anh/chị hiểu biết đến mức nào về quyền lợi bảo hiểm y tế, bảo hiểm xã hội của "
        "người lao động di cư?",
        "How much do you know about migrant workers' rights to health and social insurance?",
        required=True,
    )
    end("group")

    begin(
        "group",
        "shg",
        "Nhóm tự lực",
        "Self-help group",
        relevant=CONSENTED,
        appearance="field-list",
    )
    q(
        "select_one shg_member",
        "shg_member",
        "Anh/chị có tham gia nhóm tự lực (nhóm tương trợ) của người lao động di cư không?",
        "Are you a member of a self-help group of migrant workers?",
        required=True,
    )
    q(
        "select_multiple shg_support",
        "shg_support",
        "Anh/chị đã nhận được những hỗ trợ gì từ nhóm? (chọn tất cả)",
        "What support have you received from the group? (all that apply)",
        required=True,
        relevant="selected('yes past', ${shg_member})",
        constraint=exclusive("none", "Chưa nhận được hỗ trợ nào", "No support yet"),
    )
    end("group")

    begin("group", "household", "Thành viên hộ gia đình", "Household members", relevant=CONSENTED)
    q(
        "integer",
        "hh_size",
        "Hộ của anh/chị hiện có bao nhiêu người đang sống cùng ở Hà Nội (kể cả anh/chị)?",
        "How many people of your household live with you in Hanoi, including you?",
        hint=(
            "Tính những người ăn ở chung và cùng chia sẻ chi tiêu.",
            "Count the people who live and eat together and share expenses.",
        ),
        required=True,
        constraint=(
            ". >= 1 and . <= 30",
            "Số người phải từ 1 đến 30.",
            "The number of people must be between 1 and 30.",
        ),
    )
    begin(
        "repeat",
        "members",
        "Thành viên",
        "Household member",
        repeat_count="${hh_size}",
        appearance="field-list",
    )
    q(
        "text",
        "m_name",
        "Tên hoặc chữ viết tắt",
        "Name or initials",
        hint=("Người số 1 là người trả lời.", "Member 1 is the respondent."),
        required=True,
    )
    q(
        "select_one relation",
        "m_relation",
        "Quan hệ với người trả lời",
        "Relation to the respondent",
        required=True,
        constraint=(
            "(position(..) = 1 and . = 'self') or (position(..) > 1 and . != 'self')",
            "Người số 1 là người trả lời; những người khác không thể là “Người trả lời”.",
            "Member 1 is the respondent; no other member can be “Respondent”.",
        ),
    )
    q("select_one sex", "m_sex", "Giới tính", "Sex", required=True)
    q(
        "integer",
        "m_age",
        "Tuổi (số năm tròn)",
        "Age (completed years)",
        hint=("Ghi 0 nếu dưới 1 tuổi.", "Enter 0 for a baby under one year."),
        required=True,
        constraint=(
            ". >= 0 and . <= 110 and (position(..) != 1 or . = ${resp_age})",
            "Tuổi phải từ 0 đến 110, và tuổi người số 1 phải bằng tuổi người trả lời.",
            "Age must be between 0 and 110, and member 1's age must equal the respondent's.",
        ),
    )
    q(
        "select_one member_occupation",
        "m_occ",
        "Công việc chính hiện nay",
        "Main work now",
        required=True,
    )
    q(
        "select_one hi_card",
        "m_hi",
        "Có thẻ bảo hiểm y tế không?",
        "Health-insurance card?",
        required=True,
    )
    q(
        "select_one yes_no",
        "m_school",
        "Hiện có đi học không?",
        "Attending school now?",
        required=True,
        relevant="${m_age} >= 6 and ${m_age} <= 17",
    )
    q("calculate", "m_dependant", calculation="if(${m_age} < 15 or ${m_age} > 64, 1, 0)")
    q("calculate", "m_working_age", calculation="if(${m_age} >= 15 and ${m_age} <= 64, 1, 0)")
    end("repeat")
    q(
        "calculate",
        "hh_members",
        "Số người trong danh sách thành viên",
        "Number of people in the roster",
        calculation="count(${members})",
    )
    q("calculate", "n_dependants", calculation="sum(${m_dependant})")
    q("calculate", "n_working_age", calculation="sum(${m_working_age})")
    q(
        "calculate",
        "dep_ratio",
        "Tỷ số phụ thuộc",
        "Dependency ratio",
        calculation="if(${n_working_age} > 0, round(${n_dependants} div ${n_working_age}, 2), '')",
    )
    q(
        "note",
        "hh_summary",
        "Hộ có ${hh_members} người; tỷ số phụ thuộc: ${dep_ratio}.",
        "The household has ${hh_members} people; dependency ratio: ${dep_ratio}.",
    )
    end("group")

    q(
        "note",
        "thanks",
        "Cảm ơn anh/chị đã dành thời gian trả lời.",
        "Thank you for your time.",
        relevant=CONSENTED,
    )


# --- choices -----------------------------------------------------------------------------
# list name -> [(name, vi, en, extra columns)]
ChoiceRow = tuple[str, str, str, dict[str, str]]
CHOICES: dict[str, list[ChoiceRow]] = {}


def choices(list_name: str, *items: tuple[str, str, str]) -> None:
    CHOICES[list_name] = [(name, vi, en, {}) for name, vi, en in items]


choices(
    "consent_choice",
    ("yes", "Có, đồng ý", "Yes, I agree"),
    ("no", "Không đồng ý", "No, I do not agree"),
)
choices("yes_no", ("yes", "Có", "Yes"), ("no", "Không", "No"))
choices("city", ("ha_noi", "Hà Nội", "Hanoi"), ("other", "Tỉnh/thành phố khác", "Other"))
choices(
    "district",
    ("hoan_kiem", "Hoàn Kiếm", "Hoan Kiem"),
    ("other", "Quận/huyện khác", "Other district"),
)

# The 18 wards of Hoàn Kiếm district before the 2025 reform; the project wards first.
HOAN_KIEM_WARDS = [
    ("phuc_tan", "Phúc Tân", "Phuc Tan"),
    ("chuong_duong", "Chương Dương", "Chuong Duong"),
    ("cua_dong", "Cửa Đông", "Cua Dong"),
    ("cua_nam", "Cửa Nam", "Cua Nam"),
    ("dong_xuan", "Đồng Xuân", "Dong Xuan"),
    ("hang_bac", "Hàng Bạc", "Hang Bac"),
    ("hang_bai", "Hàng Bài", "Hang Bai"),
    ("hang_bo", "Hàng Bồ", "Hang Bo"),
    ("hang_bong", "Hàng Bông", "Hang Bong"),
    ("hang_buom", "Hàng Buồm", "Hang Buom"),
    ("hang_dao", "Hàng Đào", "Hang Dao"),
    ("hang_gai", "Hàng Gai", "Hang Gai"),
    ("hang_ma", "Hàng Mã", "Hang Ma"),
    ("hang_trong", "Hàng Trống", "Hang Trong"),
    ("ly_thai_to", "Lý Thái Tổ", "Ly Thai To"),
    ("phan_chu_trinh", "Phan Chu Trinh", "Phan Chu Trinh"),
    ("trang_tien", "Tràng Tiền", "Trang Tien"),
    ("tran_hung_dao", "Trần Hưng Đạo", "Tran Hung Dao"),
]
CHOICES["ward"] = [(n, vi, en, {"district": "hoan_kiem"}) for n, vi, en in HOAN_KIEM_WARDS]
CHOICES["ward"].append(("other", "Phường/xã khác", "Other ward or commune", {}))

# 63 provinces before the 2025 merger (north to south) and their 2025 successor.
PROVINCES = [
    ("ha_noi", "Hà Nội", "Hanoi", "ha_noi"),
    ("ha_giang", "Hà Giang", "Ha Giang", "tuyen_quang"),
    ("cao_bang", "Cao Bằng", "Cao Bang", "cao_bang"),
    ("bac_kan", "Bắc Kạn", "Bac Kan", "thai_nguyen"),
    ("tuyen_quang", "Tuyên Quang", "Tuyen Quang", "tuyen_quang"),
    ("lao_cai", "Lào Cai", "Lao Cai", "lao_cai"),
    ("dien_bien", "Điện Biên", "Dien Bien", "dien_bien"),
    ("lai_chau", "Lai Châu", "Lai Chau", "lai_chau"),
    ("son_la", "Sơn La", "Son La", "son_la"),
    ("yen_bai", "Yên Bái", "Yen Bai", "lao_cai"),
    ("hoa_binh", "Hòa Bình", "Hoa Binh", "phu_tho"),
    ("thai_nguyen", "Thái Nguyên", "Thai Nguyen", "thai_nguyen"),
    ("lang_son", "Lạng Sơn", "Lang Son", "lang_son"),
    ("quang_ninh", "Quảng Ninh", "Quang Ninh", "quang_ninh"),
    ("bac_giang", "Bắc Giang", "Bac Giang", "bac_ninh"),
    ("phu_tho", "Phú Thọ", "Phu Tho", "phu_tho"),
    ("vinh_phuc", "Vĩnh Phúc", "Vinh Phuc", "phu_tho"),
    ("bac_ninh", "Bắc Ninh", "Bac Ninh", "bac_ninh"),
    ("hai_duong", "Hải Dương", "Hai Duong", "hai_phong"),
    ("hai_phong", "Hải Phòng", "Hai Phong", "hai_phong"),
    ("hung_yen", "Hưng Yên", "Hung Yen", "hung_yen"),
    ("thai_binh", "Thái Bình", "Thai Binh", "hung_yen"),
    ("ha_nam", "Hà Nam", "Ha Nam", "ninh_binh"),
    ("nam_dinh", "Nam Định", "Nam Dinh", "ninh_binh"),
    ("ninh_binh", "Ninh Bình", "Ninh Binh", "ninh_binh"),
    ("thanh_hoa", "Thanh Hóa", "Thanh Hoa", "thanh_hoa"),
    ("nghe_an", "Nghệ An", "Nghe An", "nghe_an"),
    ("ha_tinh", "Hà Tĩnh", "Ha Tinh", "ha_tinh"),
    ("quang_binh", "Quảng Bình", "Quang Binh", "quang_tri"),
    ("quang_tri", "Quảng Trị", "Quang Tri", "quang_tri"),
    ("hue", "Huế (Thừa Thiên Huế)", "Hue (Thua Thien Hue)", "hue"),
    ("da_nang", "Đà Nẵng", "Da Nang", "da_nang"),
    ("quang_nam", "Quảng Nam", "Quang Nam", "da_nang"),
    ("quang_ngai", "Quảng Ngãi", "Quang Ngai", "quang_ngai"),
    ("binh_dinh", "Bình Định", "Binh Dinh", "gia_lai"),
    ("phu_yen", "Phú Yên", "Phu Yen", "dak_lak"),
    ("khanh_hoa", "Khánh Hòa", "Khanh Hoa", "khanh_hoa"),
    ("ninh_thuan", "Ninh Thuận", "Ninh Thuan", "khanh_hoa"),
    ("binh_thuan", "Bình Thuận", "Binh Thuan", "lam_dong"),
    ("kon_tum", "Kon Tum", "Kon Tum", "quang_ngai"),
    ("gia_lai", "Gia Lai", "Gia Lai", "gia_lai"),
    ("dak_lak", "Đắk Lắk", "Dak Lak", "dak_lak"),
    ("dak_nong", "Đắk Nông", "Dak Nong", "lam_dong"),
    ("lam_dong", "Lâm Đồng", "Lam Dong", "lam_dong"),
    ("binh_phuoc", "Bình Phước", "Binh Phuoc", "dong_nai"),
    ("tay_ninh", "Tây Ninh", "Tay Ninh", "tay_ninh"),
    ("binh_duong", "Bình Dương", "Binh Duong", "ho_chi_minh"),
    ("dong_nai", "Đồng Nai", "Dong Nai", "dong_nai"),
    ("ba_ria_vung_tau", "Bà Rịa – Vũng Tàu", "Ba Ria – Vung Tau", "ho_chi_minh"),
    ("ho_chi_minh", "TP. Hồ Chí Minh", "Ho Chi Minh City", "ho_chi_minh"),
    ("long_an", "Long An", "Long An", "tay_ninh"),
    ("tien_giang", "Tiền Giang", "Tien Giang", "dong_thap"),
    ("ben_tre", "Bến Tre", "Ben Tre", "vinh_long"),
    ("tra_vinh", "Trà Vinh", "Tra Vinh", "vinh_long"),
    ("vinh_long", "Vĩnh Long", "Vinh Long", "vinh_long"),
    ("dong_thap", "Đồng Tháp", "Dong Thap", "dong_thap"),
    ("an_giang", "An Giang", "An Giang", "an_giang"),
    ("kien_giang", "Kiên Giang", "Kien Giang", "an_giang"),
    ("can_tho", "Cần Thơ", "Can Tho", "can_tho"),
    ("hau_giang", "Hậu Giang", "Hau Giang", "can_tho"),
    ("soc_trang", "Sóc Trăng", "Soc Trang", "can_tho"),
    ("bac_lieu", "Bạc Liêu", "Bac Lieu", "ca_mau"),
    ("ca_mau", "Cà Mau", "Ca Mau", "ca_mau"),
]
CHOICES["province"] = [(n, vi, en, {"province_2025": new}) for n, vi, en, new in PROVINCES]

choices("sex", ("male", "Nam", "Male"), ("female", "Nữ", "Female"), ("other", "Khác", "Other"))
choices(
    "temp_reg",
    ("yes_valid", "Đã đăng ký, còn hạn", "Registered, still valid"),
    ("expired", "Đã đăng ký nhưng đã hết hạn", "Registered, but expired"),
    ("no", "Chưa đăng ký", "Not registered"),
    ("dont_know", "Không biết", "Don't know"),
)
OCCUPATIONS = [
    ("street_vendor", "Bán hàng rong", "Street vendor"),
    ("porter", "Bốc vác, khuân vác", "Porter"),
    ("motorbike_taxi", "Xe ôm (kể cả xe ôm công nghệ)", "Motorbike-taxi driver (incl. app-based)"),
    ("domestic_worker", "Giúp việc gia đình", "Domestic worker"),
    ("construction", "Lao động xây dựng (thợ xây, phụ hồ)", "Construction worker"),
    ("factory", "Công nhân nhà máy, khu công nghiệp", "Factory or industrial-zone worker"),
    ("waste_collector", "Thu gom phế liệu, đồng nát", "Waste collector"),
]
choices(
    "occupation",
    *OCCUPATIONS,
    ("other", "Khác (ghi rõ)", "Other (specify)"),
    ("no_work", "Hiện không có việc làm", "Not working at present"),
)
choices(
    "member_occupation",
    *OCCUPATIONS,
    ("other", "Công việc khác", "Other work"),
    ("student", "Đi học", "In school or studying"),
    ("homemaker", "Nội trợ, chăm sóc gia đình", "Homemaker or carer"),
    ("no_work", "Không có việc làm", "Not working"),
    ("retired", "Già yếu, nghỉ hưu", "Elderly or retired"),
    ("young_child", "Trẻ nhỏ chưa đi học", "Young child not in school"),
)
choices(
    "contract",
    ("written", "Có hợp đồng bằng văn bản", "Written contract"),
    ("verbal", "Chỉ thỏa thuận miệng", "Verbal agreement only"),
    ("none", "Không có hợp đồng", "No contract"),
    ("self_employed", "Tự làm, không có chủ", "Self-employed, no employer"),
)
choices(
    "accommodation",
    ("rented_room", "Phòng trọ thuê", "Rented room"),
    ("rented_house", "Thuê nguyên căn nhà", "Rented whole house"),
    ("employer", "Nhà chủ hoặc nơi làm việc", "At the employer's home or workplace"),
    ("relatives", "Ở nhờ nhà người thân, bạn bè", "With relatives or friends"),
    (
        "makeshift",
        "Lán tạm, ngủ tại chợ hoặc nơi bán hàng",
        "Makeshift shelter, or sleeping at a market or stall",
    ),
    ("own", "Nhà của mình", "Own home"),
    ("other", "Khác", "Other"),
)
choices(
    "water",
    ("tap_private", "Nước máy riêng", "Piped water, own tap"),
    ("tap_shared", "Nước máy dùng chung", "Piped water, shared tap"),
    ("well", "Giếng khoan, giếng đào", "Well or borehole"),
    ("bottled", "Nước đóng bình mua về", "Bottled water bought"),
    ("other", "Khác", "Other"),
)
choices(
    "toilet",
    ("private_flush", "Nhà vệ sinh tự hoại riêng", "Private flush toilet"),
    ("shared_flush", "Nhà vệ sinh tự hoại dùng chung", "Shared flush toilet"),
    ("public", "Nhà vệ sinh công cộng", "Public toilet"),
    ("none", "Không có nhà vệ sinh", "No toilet"),
)
choices(
    "elec_pay",
    ("landlord_kwh", "Trả chủ nhà theo số điện (đồng/kWh)", "To the landlord, per kWh"),
    ("evn", "Trả thẳng cho ngành điện theo hóa đơn", "Directly to the power company"),
    ("included", "Đã tính trong tiền thuê", "Included in the rent"),
    ("flat", "Trả khoán theo tháng hoặc theo người", "A flat fee per month or per person"),
    ("dont_know", "Không biết", "Don't know"),
)
choices(
    "lease",
    ("written", "Có, bằng văn bản", "Yes, written"),
    ("verbal", "Chỉ thỏa thuận miệng", "Verbal agreement only"),
    ("none", "Không có", "None"),
)
choices(
    "worry",
    ("not", "Không lo", "Not worried"),
    ("somewhat", "Hơi lo", "Somewhat worried"),
    ("very", "Rất lo", "Very worried"),
)
choices(
    "health_scale",
    ("very_good", "Rất tốt", "Very good"),
    ("good", "Tốt", "Good"),
    ("fair", "Bình thường", "Fair"),
    ("poor", "Kém", "Poor"),
    ("very_poor", "Rất kém", "Very poor"),
)
choices(
    "care",
    ("pharmacy", "Tự mua thuốc ở hiệu thuốc", "Bought medicine at a pharmacy"),
    ("health_station", "Trạm y tế phường", "Ward health station"),
    ("district_hosp", "Bệnh viện quận/huyện", "District hospital"),
    ("city_hosp", "Bệnh viện thành phố hoặc trung ương", "City or central hospital"),
    ("private", "Phòng khám tư nhân", "Private clinic"),
    ("traditional", "Thầy lang, thuốc nam", "Traditional healer or herbal medicine"),
    ("home_province", "Về quê khám chữa", "Went back to the home province for care"),
    ("none", "Không khám, không chữa", "Sought no care"),
)
choices(
    "barriers",
    ("cost", "Chi phí cao", "High cost"),
    ("lost_income", "Mất thu nhập khi nghỉ làm", "Losing income when off work"),
    (
        "no_card",
        "Không có thẻ BHYT, hoặc thẻ đăng ký ở quê",
        "No health-insurance card, or card registered in the home province",
    ),
    ("procedures", "Thủ tục phức tạp", "Complicated procedures"),
    ("where", "Không biết khám ở đâu, hoặc quá xa", "Did not know where to go, or too far"),
    ("waiting", "Chờ đợi lâu", "Long waiting times"),
    ("attitude", "Thái độ của nhân viên y tế", "Attitude of health staff"),
    ("none", "Không gặp khó khăn", "No difficulty"),
)
choices(
    "hi_card",
    ("none", "Không có thẻ", "No card"),
    (
        "home_province",
        "Có, đăng ký khám chữa bệnh ban đầu ở quê",
        "Yes, registered in the home province",
    ),
    ("hanoi", "Có, đăng ký khám chữa bệnh ban đầu ở Hà Nội", "Yes, registered in Hanoi"),
)
choices(
    "hi_why_not",
    ("cost", "Không đủ tiền mua", "Cannot afford it"),
    ("how", "Không biết mua ở đâu, thủ tục thế nào", "Does not know where or how to buy it"),
    ("no_registration", "Không có đăng ký cư trú ở Hà Nội", "No residence registration in Hanoi"),
    ("expired", "Thẻ cũ đã hết hạn", "The old card has expired"),
    ("not_needed", "Thấy không cần vì còn khỏe", "Feels healthy, sees no need"),
    (
        "poor_service",
        "Nghĩ rằng khám bằng thẻ không được phục vụ tốt",
        "Thinks insured patients get poor service",
    ),
    ("other", "Lý do khác", "Other reason"),
)
choices(
    "vol_si",
    ("yes", "Có tham gia", "Yes"),
    (
        "compulsory",
        "Có bảo hiểm xã hội bắt buộc qua nơi làm việc",
        "Covered by compulsory social insurance at work",
    ),
    ("no", "Không tham gia", "No"),
    ("never_heard", "Chưa nghe nói đến", "Never heard of it"),
)
choices(
    "rights",
    ("well", "Hiểu rõ", "Know them well"),
    ("some", "Biết một phần", "Know some"),
    ("none", "Không biết", "Do not know them"),
)
choices(
    "shg_member",
    ("yes", "Có, đang là thành viên", "Yes, a member now"),
    ("past", "Trước đây có, nay không", "Used to be a member"),
    ("no", "Không", "No"),
)
choices(
    "shg_support",
    ("info", "Thông tin về quyền lợi, chính sách", "Information on rights and policies"),
    ("legal", "Tư vấn, trợ giúp pháp lý", "Legal advice or aid"),
    ("health_check", "Khám, tư vấn sức khỏe", "Health checks or advice"),
    ("hi_help", "Hỗ trợ mua hoặc làm thẻ BHYT", "Help getting a health-insurance card"),
    ("savings", "Tiết kiệm, vay vốn trong nhóm", "Group savings or loans"),
    ("skills", "Đào tạo kỹ năng, học nghề", "Skills or vocational training"),
    ("emergency", "Hỗ trợ khẩn cấp khi ốm đau, tai nạn", "Emergency help in illness or accidents"),
    ("children", "Hỗ trợ học tập cho con", "Help with children's schooling"),
    ("none", "Chưa nhận được hỗ trợ nào", "No support yet"),
)
choices(
    "relation",
    ("self", "Người trả lời", "Respondent"),
    ("spouse", "Vợ/chồng", "Spouse"),
    ("child", "Con", "Child"),
    ("parent", "Bố/mẹ", "Parent"),
    ("sibling", "Anh/chị/em ruột", "Brother or sister"),
    ("grandchild", "Cháu", "Grandchild, niece or nephew"),
    ("other_relative", "Họ hàng khác", "Other relative"),
    ("non_relative", "Không có quan hệ họ hàng (ở ghép)", "Not related (room-mate)"),
)

SETTINGS = {
    "form_title": "Khảo sát hộ gia đình người lao động di cư (Mnet)",
    "form_id": "mnet_migrant_household",
    "version": VERSION,
    "default_language": VI,
    "instance_name": "concat(${household_id}, ' ', ${today})",
    # Custom setting read by FieldSurvey's generic reports: the question naming the ward.
    "ward_field": "ward",
}

README = [
    "Khảo sát hộ gia đình người lao động di cư (Mnet) — bảng hỏi mặc định của FieldSurvey.",
    "Mnet migrant household survey — FieldSurvey's default questionnaire.",
    "",
    "Sheets: survey (questions), choices (answer lists), settings. This sheet is ignored",
    "by XLSForm tools. The file is generated by tools/build_default_form.py; edit the",
    "script and rebuild, or edit this file in Excel and keep the column headers.",
    "",
    "Home province: the list has the 63 provinces as named before the July 2025 merger.",
    "Migrants name their home province the way their household registration and ID card",
    "did for years, and each old province lies wholly inside one of the 34 new ones, so",
    "answers can always be grouped into the new provinces (column province_2025 on the",
    "choices sheet) but not the other way round; the old names also keep the data",
    "comparable with the network's earlier surveys.",
    "",
    "Wards: Hoàn Kiếm's 18 wards before the 2025 reform (districts were abolished and wards",
    "merged from 1 July 2025); the project's records and residential groups still use them.",
    "",
    "Tỉnh quê: danh sách 63 tỉnh/thành phố theo tên trước khi sáp nhập (tháng 7/2025), vì",
    "người lao động quen gọi quê theo tên cũ, và mỗi tỉnh cũ nằm trọn trong một tỉnh mới nên",
    "luôn gộp được theo 34 tỉnh/thành phố mới (cột province_2025 ở sheet choices).",
]


def write(path: Path) -> None:
    build_survey()
    wb = Workbook()
    bold = Font(bold=True)
    head = PatternFill("solid", fgColor="DDEBF7")

    ws = wb.active
    assert ws is not None
    ws.title = "survey"
    ws.append(SURVEY_COLUMNS)
    for row in SURVEY:
        unknown = set(row) - set(SURVEY_COLUMNS)
        if unknown:
            raise ValueError(f"unknown survey columns {unknown} in row {row.get('name')}")
        ws.append([row.get(col, "") for col in SURVEY_COLUMNS])

    extra_cols = sorted({k for rows in CHOICES.values() for *_, extra in rows for k in extra})
    wc = wb.create_sheet("choices")
    wc.append(["list_name", "name", f"label::{VI}", f"label::{EN}", *extra_cols])
    for list_name, rows in CHOICES.items():
        for name, vi, en, extra in rows:
            wc.append([list_name, name, vi, en, *(extra.get(c, "") for c in extra_cols)])

    wset = wb.create_sheet("settings")
    wset.append(list(SETTINGS))
    wset.append(list(SETTINGS.values()))

    wr = wb.create_sheet("readme")
    for line in README:
        wr.append([line])

    for sheet in (ws, wc, wset):
        for cell in sheet[1]:
            cell.font = bold
            cell.fill = head
        sheet.freeze_panes = "A2"
        for col in sheet.columns:
            letter = col[0].column_letter
            width = max(len(str(c.value or "")) for c in col)
            sheet.column_dimensions[letter].width = min(max(10, width + 2), 60)
    for col in ("C", "D", "E", "F"):
        for cell in ws[col][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wr.column_dimensions["A"].width = 100
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    write(out)
    print(f"wrote {out}: {len(SURVEY)} survey rows, {len(CHOICES)} choice lists")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
