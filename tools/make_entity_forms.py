"""Build the default survey's entity forms (issue 16): household registration and the
six-month follow-up, resources/forms/household_registration.xlsx and
resources/forms/household_follow_up.xlsx.

This script is their readable source; run it after editing:

    .venv/bin/python tools/make_entity_forms.py

The registration creates one entity of the list ``households`` per household and one of
``people`` per member (the ``entities`` sheet, ``save_to`` on the questions, the members'
row with ``repeat``). The follow-up picks a household from ``households.csv``
(``select_one_from_file``: the entity list, searched as the enumerator types), reads its
properties (``instance('households')/root/item[name=${hh}]/...``), asks what changed and
updates the entity. Vietnamese first (the default language), English second; answer
lists (wards, residence registration, health-insurance card, work) are the default
survey's own (tools/build_default_form.py), so the codes agree across the three forms.
See docs/entities.md and docs/default-survey.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_default_form as base  # the default survey's answer lists

VI, EN = base.VI, base.EN
FORMS = Path(__file__).resolve().parents[1] / "resources" / "forms"
REGISTRATION = FORMS / "household_registration.xlsx"
FOLLOW_UP = FORMS / "household_follow_up.xlsx"
VERSION = "2026120601"
REGISTRATION_ID = "mnet_household_registration"
FOLLOW_UP_ID = "mnet_household_follow_up"

COLUMNS = [
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
    "calculation",
    "repeat_count",
    "appearance",
    "default",
    "save_to",
]

Row = dict[str, str]


class Sheet:
    """The survey rows of one form, written with the same helpers as the default survey."""

    def __init__(self) -> None:
        self.rows: list[Row] = []

    def q(
        self,
        type_: str,
        name: str,
        vi: str = "",
        en: str = "",
        *,
        hint: tuple[str, str] | None = None,
        required: bool = False,
        constraint: tuple[str, str, str] | None = None,
        **extra: str,
    ) -> None:
        row: Row = {"type": type_, "name": name}
        if vi or en:
            row[f"label::{VI}"], row[f"label::{EN}"] = vi, en
        if hint:
            row[f"hint::{VI}"], row[f"hint::{EN}"] = hint
        if required:
            row["required"] = "yes"
            row[f"required_message::{VI}"] = base.REQ_VI
            row[f"required_message::{EN}"] = base.REQ_EN
        if constraint:
            expr, msg_vi, msg_en = constraint
            row["constraint"] = expr
            row[f"constraint_message::{VI}"] = msg_vi
            row[f"constraint_message::{EN}"] = msg_en
        row.update(extra)
        self.rows.append(row)

    def begin(self, kind: str, name: str, vi: str, en: str, **extra: str) -> None:
        self.rows.append(
            {"type": f"begin_{kind}", "name": name, f"label::{VI}": vi, f"label::{EN}": en, **extra}
        )

    def end(self, kind: str) -> None:
        self.rows.append({"type": f"end_{kind}"})


HOUSEHOLD_ID = (
    "regex(., '^[A-Za-z]{1,4}-[A-Za-z0-9]{1,10}$')",
    "Mã hộ gồm chữ viết tắt của phường (chữ không dấu), dấu gạch ngang rồi số thứ tự, "
    "ví dụ PT-012.",
    "A household ID is the ward's letters (no accents), a hyphen, then its number, e.g. PT-012.",
)
PHONE = (
    "regex(., '^0[0-9]{9}$')",
    "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0, ví dụ 0912345678.",
    "A phone number has 10 digits and starts with 0, e.g. 0912345678.",
)
CONSENTED = "${consent} = 'yes'"


# --- registration ------------------------------------------------------------------------
def registration() -> Sheet:
    s = Sheet()
    s.q("start", "start")
    s.q("end", "end")
    s.q("today", "today")
    s.begin("group", "consent_section", "Đồng ý tham gia", "Consent")
    s.q(
        "note",
        "intro",
        "Xin chào anh/chị. Mạng lưới Mnet muốn ghi tên hộ vào danh sách theo dõi để quay lại "
        "thăm hộ sau khoảng 6 tháng, hỏi xem việc đăng ký tạm trú, thẻ bảo hiểm y tế và công "
        "việc của hộ có thay đổi gì không. Chúng tôi ghi họ tên, số điện thoại và địa chỉ chỉ "
        "để tìm lại hộ; các thông tin này được bảo mật và không xuất hiện trong báo cáo nào. "
        "Anh/chị có thể từ chối hoặc xin rút tên khỏi danh sách bất cứ lúc nào.",
        "Hello. The Mnet network would like to put your household on its follow-up list, to "
        "visit again in about six months and ask whether your residence registration, "
        "health-insurance cards and work have changed. We record names, phone number and "
        "address only to find you again; they are kept confidential and appear in no report. "
        "You may decline, or ask to be taken off the list, at any time.",
    )
    s.q(
        "select_one consent_choice",
        "consent",
        "Anh/chị có đồng ý để hộ được ghi vào danh sách theo dõi không?",
        "Do you agree to your household being put on the follow-up list?",
        required=True,
    )
    s.q(
        "note",
        "refused_note",
        "Người trả lời không đồng ý. Cảm ơn họ, dừng phỏng vấn và lưu phiếu.",
        "The respondent declined. Thank them, end the interview here and save the form.",
        relevant="${consent} = 'no'",
    )
    s.end("group")

    s.begin("group", "location", "Địa chỉ", "Address", relevant=CONSENTED)
    s.q(
        "select_one ward",
        "ward",
        "Phường/xã",
        "Ward or commune",
        required=True,
        save_to="households#ward",
    )
    s.q(
        "text",
        "ward_other",
        "Ghi rõ phường/xã",
        "Specify the ward or commune",
        required=True,
        relevant="${ward} = 'other'",
        save_to="households#ward_other",
    )
    s.q(
        "text",
        "res_group",
        "Tổ dân phố",
        "Residential group (tổ dân phố)",
        hint=(
            "Ví dụ: Tổ 12. Để trống nếu không biết.",
            "For example: Tổ 12. Leave empty if unknown.",
        ),
        save_to="households#res_group",
    )
    s.q(
        "text",
        "address",
        "Địa chỉ để tìm lại hộ (số nhà, ngõ, phòng trọ)",
        "Address to find the household again (house number, lane, room)",
        required=True,
        save_to="households#address",
    )
    s.q(
        "text",
        "household_id",
        "Mã hộ",
        "Household ID",
        hint=("Mã do dự án cấp, ví dụ PT-012.", "The code given by the project, e.g. PT-012."),
        required=True,
        constraint=HOUSEHOLD_ID,
        save_to="households#household_id",
    )
    s.end("group")

    s.begin(
        "group", "head", "Chủ hộ", "Head of household", relevant=CONSENTED, appearance="field-list"
    )
    s.q(
        "text",
        "head_name",
        "Họ tên chủ hộ (hoặc người đại diện của hộ)",
        "Name of the head of household (or the household's representative)",
        required=True,
        save_to="households#head_name",
    )
    s.q(
        "text",
        "phone",
        "Số điện thoại liên lạc (không bắt buộc)",
        "Contact phone number (optional)",
        constraint=PHONE,
        save_to="households#phone",
    )
    s.q(
        "select_one temp_reg",
        "temp_reg",
        "Chủ hộ đã đăng ký tạm trú ở Hà Nội chưa?",
        "Has the head of household registered temporary residence in Hanoi?",
        required=True,
        save_to="households#temp_reg",
    )
    s.q(
        "select_one hi_card",
        "hi_card",
        "Chủ hộ có thẻ bảo hiểm y tế không?",
        "Does the head of household have a health-insurance card?",
        required=True,
        save_to="households#hi_card",
    )
    s.q(
        "select_one occupation",
        "occupation",
        "Công việc chính của chủ hộ",
        "Main work of the head of household",
        required=True,
        save_to="households#occupation",
    )
    s.q(
        "integer",
        "income_month",
        "Thu nhập của chủ hộ tháng vừa qua (đồng)",
        "The head of household's income last month (VND)",
        required=True,
        constraint=base.money(),
        save_to="households#income_month",
    )
    s.end("group")

    s.begin("group", "household", "Thành viên của hộ", "Household members", relevant=CONSENTED)
    s.q(
        "integer",
        "hh_size",
        "Hộ có bao nhiêu người đang sống cùng (kể cả chủ hộ)?",
        "How many people live in the household (the head included)?",
        required=True,
        constraint=(". >= 1 and . <= 30", "Từ 1 đến 30 người.", "Between 1 and 30 people."),
        save_to="households#hh_size",
    )
    s.begin(
        "repeat",
        "members",
        "Thành viên",
        "Household member",
        repeat_count="${hh_size}",
        appearance="field-list",
    )
    s.q(
        "text",
        "m_name",
        "Họ tên",
        "Full name",
        hint=("Người số 1 là chủ hộ.", "Member 1 is the head of household."),
        required=True,
        save_to="people#full_name",
    )
    s.q(
        "select_one relation",
        "m_relation",
        "Quan hệ với chủ hộ",
        "Relation to the head of household",
        required=True,
        save_to="people#relation",
    )
    s.q("select_one sex", "m_sex", "Giới tính", "Sex", required=True, save_to="people#sex")
    s.q(
        "integer",
        "m_age",
        "Tuổi (số năm tròn)",
        "Age (completed years)",
        required=True,
        constraint=(". >= 0 and . <= 110", "Tuổi phải từ 0 đến 110.", "Age must be 0 to 110."),
        save_to="people#age_at_registration",
    )
    s.q(
        "select_one hi_card",
        "m_hi",
        "Có thẻ bảo hiểm y tế không?",
        "Health-insurance card?",
        required=True,
        save_to="people#hi_card",
    )
    s.q(
        "select_one member_occupation",
        "m_occ",
        "Công việc chính hiện nay",
        "Main work now",
        required=True,
        save_to="people#occupation",
    )
    # The household each person belongs to, by the project's household id and ward.
    s.q("calculate", "m_household_id", calculation="${household_id}", save_to="people#household_id")
    s.q("calculate", "m_ward", calculation="${ward}", save_to="people#ward")
    s.end("repeat")
    s.end("group")

    s.q("calculate", "registered_on", calculation="${today}", save_to="households#registered_on")
    s.q(
        "note",
        "thanks",
        "Cảm ơn anh/chị. Hộ ${household_id} đã được ghi vào danh sách theo dõi.",
        "Thank you. Household ${household_id} is now on the follow-up list.",
        relevant=CONSENTED,
    )
    return s


REGISTRATION_ENTITIES = [
    {
        "list_name": "households",
        "label": "concat(${household_id}, ' – ', ${head_name})",
        "create_if": CONSENTED,
        "repeat": "",
    },
    {
        "list_name": "people",
        "label": "concat(${m_name}, ' (', ${m_household_id}, ')')",
        "create_if": CONSENTED,
        "repeat": "${members}",
    },
]


# --- follow-up ---------------------------------------------------------------------------
def item(prop: str) -> str:
    """The chosen household's property, read from the entity list."""
    return f"instance('households')/root/item[name=${{hh}}]/{prop}"


VISITED = "${visit_result} = 'visited'"


def follow_up() -> Sheet:
    s = Sheet()
    s.q("start", "start")
    s.q("end", "end")
    s.q("today", "today")

    s.begin("group", "visit", "Hộ được thăm lại", "The household revisited")
    s.q(
        "select_one ward",
        "ward",
        "Phường nơi thăm hộ",
        "Ward of the visit",
        required=True,
    )
    s.q(
        "select_one_from_file households.csv",
        "hh",
        "Chọn hộ cần thăm lại",
        "Choose the household to revisit",
        hint=(
            "Gõ mã hộ, tên chủ hộ hoặc số điện thoại; gõ không dấu cũng được.",
            "Type the household ID, the head's name or the phone number; accents optional.",
        ),
        required=True,
        appearance="autocomplete",
    )
    # What the list says about the household before this visit (kept in the interview:
    # the ward summary compares them with this visit's answers).
    for prop in (
        "household_id",
        "head_name",
        "phone",
        "address",
        "temp_reg",
        "hi_card",
        "occupation",
        "income_month",
        "hh_size",
    ):
        name = prop if prop == "household_id" else f"prev_{prop}"
        s.q("calculate", name, calculation=item(prop))
    s.q("calculate", "hh_ward", calculation=item("ward"))
    s.q(
        "note",
        "hh_card",
        "Hộ ${household_id}: ${prev_head_name}; địa chỉ: ${prev_address}; "
        "điện thoại: ${prev_phone}.",
        "Household ${household_id}: ${prev_head_name}; address: ${prev_address}; "
        "phone: ${prev_phone}.",
    )
    s.q(
        "select_one visit_result",
        "visit_result",
        "Kết quả lần thăm này",
        "Result of this visit",
        hint=(
            "“Đã gặp” chỉ khi hộ đồng ý trả lời tiếp.",
            "“Visited” only when the household agrees to answer.",
        ),
        required=True,
        save_to="households#visit_result",
    )
    s.q(
        "select_one moved_where",
        "moved_where",
        "Hộ đã chuyển đi đâu (theo hàng xóm, chủ nhà)?",
        "Where did the household move (as neighbours or the landlord say)?",
        required=True,
        relevant="${visit_result} = 'moved'",
    )
    s.q(
        "select_one ward",
        "new_ward",
        "Phường mới",
        "New ward",
        required=True,
        relevant="${moved_where} = 'other_ward'",
    )
    s.q(
        "text",
        "moved_address",
        "Địa chỉ mới (nếu biết)",
        "New address (if known)",
        relevant="${visit_result} = 'moved'",
    )
    s.end("group")

    s.begin("group", "changes", "Những gì đã thay đổi", "What changed", relevant=VISITED)
    s.q(
        "select_one yes_no",
        "same_address",
        "Hộ có còn ở địa chỉ cũ không?",
        "Does the household still live at the old address?",
        required=True,
    )
    s.q(
        "text",
        "address_now",
        "Địa chỉ mới",
        "New address",
        required=True,
        relevant="${same_address} = 'no'",
    )
    s.q(
        "text",
        "phone_now",
        "Số điện thoại mới (để trống nếu không đổi)",
        "New phone number (leave empty if unchanged)",
        constraint=PHONE,
    )
    s.q(
        "select_one temp_reg",
        "temp_reg_now",
        "Hiện nay chủ hộ đã đăng ký tạm trú chưa?",
        "Has the head of household registered temporary residence now?",
        hint=(
            "Lần trước: ${prev_temp_reg_text}.",
            "Last time: ${prev_temp_reg_text}.",
        ),
        required=True,
    )
    s.q(
        "select_one hi_card",
        "hi_card_now",
        "Hiện nay chủ hộ có thẻ bảo hiểm y tế không?",
        "Does the head of household have a health-insurance card now?",
        hint=("Lần trước: ${prev_hi_card_text}.", "Last time: ${prev_hi_card_text}."),
        required=True,
    )
    s.q(
        "select_multiple hi_help",
        "hi_help",
        "Ai đã giúp chủ hộ có thẻ bảo hiểm y tế?",
        "Who helped the head of household get the health-insurance card?",
        required=True,
        relevant="${prev_hi_card} = 'none' and ${hi_card_now} != 'none'",
    )
    s.q(
        "select_one occupation",
        "occupation_now",
        "Công việc chính của chủ hộ hiện nay",
        "Main work of the head of household now",
        hint=("Lần trước: ${prev_occupation_text}.", "Last time: ${prev_occupation_text}."),
        required=True,
    )
    s.q(
        "integer",
        "income_now",
        "Thu nhập của chủ hộ tháng vừa qua (đồng)",
        "The head of household's income last month (VND)",
        required=True,
        constraint=base.money(),
    )
    s.q(
        "integer",
        "hh_size_now",
        "Hộ hiện có bao nhiêu người đang sống cùng?",
        "How many people live in the household now?",
        required=True,
        constraint=(". >= 1 and . <= 30", "Từ 1 đến 30 người.", "Between 1 and 30 people."),
    )
    s.q(
        "select_one yes_no",
        "shg_helped",
        "Trong 6 tháng qua, nhóm tự lực có giúp gì cho hộ không?",
        "In the last six months, did the self-help group help the household?",
        required=True,
    )
    s.end("group")

    # Labels of the previous answers, for the hints above.
    s.q("calculate", "prev_temp_reg_text",
        calculation="jr:choice-name(${prev_temp_reg}, '${temp_reg_now}')")  # fmt: skip
    s.q("calculate", "prev_hi_card_text",
        calculation="jr:choice-name(${prev_hi_card}, '${hi_card_now}')")  # fmt: skip
    s.q("calculate", "prev_occupation_text",
        calculation="jr:choice-name(${prev_occupation}, '${occupation_now}')")  # fmt: skip

    # What the household's entity becomes: this visit's answer, else what it held.
    def keep(prop: str, new: str, when: str = VISITED) -> None:
        s.q(
            "calculate",
            f"new_{prop}",
            calculation=f"if({when}, {new}, ${{prev_{prop}}})",
            save_to=f"households#{prop}",
        )

    keep("temp_reg", "${temp_reg_now}")
    keep("hi_card", "${hi_card_now}")
    keep("occupation", "${occupation_now}")
    keep("income_month", "${income_now}")
    keep("hh_size", "${hh_size_now}")
    keep("phone", "${phone_now}", f"{VISITED} and ${{phone_now}} != ''")
    keep(
        "address",
        "concat(${address_now}, ${moved_address})",
        "${address_now} != '' or ${moved_address} != ''",
    )
    s.q(
        "calculate",
        "new_ward_value",
        calculation="if(${moved_where} = 'other_ward' and ${new_ward} != '', ${new_ward}, "
        "${hh_ward})",
        save_to="households#ward",
    )
    s.q("calculate", "last_visit_on", calculation="${today}", save_to="households#last_visit_on")
    s.q(
        "note",
        "thanks",
        "Cảm ơn anh/chị. Thông tin của hộ ${household_id} đã được cập nhật.",
        "Thank you. Household ${household_id}'s details are updated.",
    )
    return s


FOLLOW_UP_ENTITIES = [
    {"list_name": "households", "entity_id": "${hh}", "update_if": "${hh} != ''"},
]

FOLLOW_UP_CHOICES = {
    "visit_result": [
        ("visited", "Đã gặp, hộ đồng ý trả lời", "Visited, the household answered"),
        ("refused", "Gặp nhưng hộ từ chối", "Met, but the household refused"),
        ("moved", "Hộ đã chuyển đi", "The household has moved"),
        ("not_found", "Không tìm thấy hộ", "Household not found"),
    ],
    "moved_where": [
        ("other_ward", "Sang phường khác ở Hà Nội", "To another ward in Hanoi"),
        ("home_province", "Về quê", "Back to the home province"),
        ("other_province", "Đi tỉnh khác", "To another province"),
        ("dont_know", "Không biết", "Don't know"),
    ],
    "hi_help": [
        ("shg", "Nhóm tự lực, cán bộ dự án", "The self-help group or project staff"),
        ("employer", "Chủ sử dụng lao động", "The employer"),
        ("ward_office", "Phường, tổ dân phố", "The ward or residential group"),
        ("self", "Tự làm", "On their own"),
    ],
}


def _choices(
    names: list[str], extra: dict[str, list[tuple[str, str, str]]] | None = None
) -> list[list[str]]:
    rows = []
    for list_name in names:
        for name, vi, en, attrs in base.CHOICES[list_name]:
            rows.append([list_name, name, vi, en, attrs.get("district", "")])
    for list_name, items in (extra or {}).items():
        rows += [[list_name, name, vi, en, ""] for name, vi, en in items]
    return rows


def _settings(form_id: str, title: str) -> dict[str, str]:
    return {
        "form_title": title,
        "form_id": form_id,
        "version": VERSION,
        "default_language": VI,
        "instance_name": "concat(${household_id}, ' ', ${today})",
        "ward_field": "ward",
    }


def write(
    path: Path,
    survey: Sheet,
    choices: list[list[str]],
    entities: list[dict[str, str]],
    settings: dict[str, str],
    readme: list[str],
) -> None:
    wb = Workbook()
    bold = Font(bold=True)
    head = PatternFill("solid", fgColor="DDEBF7")
    ws = wb.active
    assert ws is not None
    ws.title = "survey"
    ws.append(COLUMNS)
    for row in survey.rows:
        unknown = set(row) - set(COLUMNS)
        if unknown:
            raise ValueError(f"unknown survey columns {unknown} in row {row.get('name')}")
        ws.append([row.get(col, "") for col in COLUMNS])
    wc = wb.create_sheet("choices")
    wc.append(["list_name", "name", f"label::{VI}", f"label::{EN}", "district"])
    for choice in choices:
        wc.append(choice)
    we = wb.create_sheet("entities")
    columns = list(dict.fromkeys(k for e in entities for k in e))
    we.append(columns)
    for entity in entities:
        we.append([entity.get(c, "") for c in columns])
    wset = wb.create_sheet("settings")
    wset.append(list(settings))
    wset.append(list(settings.values()))
    wr = wb.create_sheet("readme")
    for line in readme:
        wr.append([line])
    for sheet in (ws, wc, we, wset):
        for cell in sheet[1]:
            cell.font = bold
            cell.fill = head
        sheet.freeze_panes = "A2"
        for col in sheet.columns:
            width = max(len(str(c.value or "")) for c in col)
            sheet.column_dimensions[col[0].column_letter].width = min(max(10, width + 2), 60)
    for col in ("C", "D", "E", "F"):
        for cell in ws[col][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wr.column_dimensions["A"].width = 100
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


README_COMMON = [
    "Sheets: survey, choices, entities, settings. This sheet is ignored by XLSForm tools.",
    "Generated by tools/make_entity_forms.py; docs/entities.md explains entities.",
]


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else FORMS
    shared = ["yes_no", "consent_choice", "ward", "temp_reg", "hi_card", "occupation"]
    write(
        folder / REGISTRATION.name,
        registration(),
        _choices([*shared, "sex", "relation", "member_occupation"]),
        REGISTRATION_ENTITIES,
        _settings(REGISTRATION_ID, "Đăng ký hộ theo dõi (Mnet)"),
        [
            "Đăng ký hộ theo dõi (Mnet): mỗi hộ thành một mục của danh sách households,",
            "mỗi thành viên một mục của danh sách people.",
            "Mnet household registration: each household becomes an entity of the list",
            "households, each member one of the list people.",
            *README_COMMON,
        ],
    )
    write(
        folder / FOLLOW_UP.name,
        follow_up(),
        _choices(shared, FOLLOW_UP_CHOICES),
        FOLLOW_UP_ENTITIES,
        _settings(FOLLOW_UP_ID, "Thăm lại hộ sau 6 tháng (Mnet)"),
        [
            "Thăm lại hộ sau 6 tháng (Mnet): chọn hộ trong danh sách households, hỏi những",
            "gì đã thay đổi và cập nhật mục của hộ.",
            "Mnet six-month follow-up: pick a household from the list households, ask what",
            "changed and update its entity.",
            *README_COMMON,
        ],
    )
    print(f"wrote {folder / REGISTRATION.name} and {folder / FOLLOW_UP.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
