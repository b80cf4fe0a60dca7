"""Texts of the store area (see :mod:`fieldsurvey.messages`): the workspace, its password
policy, interviews and their lifecycle, installed forms and schema migrations.

The refusals of the interview lifecycle have one code per situation (the action and the
interview's current status), so that each language names the status in its own words
instead of quoting an English status name: ``store.cannot_<action>.<status>``,
``store.edit_refused.<status>``, ``store.delete_refused.<status>`` (see
``store.interviews.REFUSED_TRANSITIONS``; a test checks every combination is here).
"""

from __future__ import annotations

from fieldsurvey.messages import Text

_ONLY_COMPLETE = "chỉ hoàn thành được phiếu nháp hoặc phiếu bị trả lại"
_ONLY_EXPORT = "chỉ xuất được phiếu đã hoàn thành hoặc đã xuất"
_ONLY_ACKNOWLEDGE = "chỉ xác nhận được phiếu đã hoàn thành hoặc đã xuất"
_ONLY_RETURN = "chỉ trả lại được phiếu đã hoàn thành, đã xuất hoặc đã được xác nhận"
_ONLY_EDIT = "chỉ sửa được phiếu nháp hoặc phiếu bị trả lại"
_ONLY_DELETE = "chỉ xoá được phiếu nháp"
_ONLY_REOPEN = "chỉ mở lại được phiếu đã hoàn thành mà chưa xuất"
_ONLY_COORDINATOR = "Phiếu đã rời máy này: chỉ điều phối viên mới có thể trả lại phiếu để sửa."
_LEFT_LAPTOP = "It has left this laptop: only the coordinator can return it for correction."

TEXTS: dict[str, Text] = {
    # --- the workspace folder and workspace.json -----------------------------------
    "store.workspace_missing": Text(
        en="No FieldSurvey workspace in {home}. Run `fieldsurvey init` to create one.",
        vi="Không có không gian làm việc FieldSurvey nào trong {home}. "
        "Hãy chạy `fieldsurvey init` để tạo.",
    ),
    "store.workspace_file_not_json": Text(
        en="{file} in {home} is damaged (not readable JSON).",
        vi="Tệp {file} trong {home} bị hỏng (không đọc được dạng JSON).",
    ),
    "store.workspace_file_no_format": Text(
        en="{file} in {home} is damaged (no format number).",
        vi="Tệp {file} trong {home} bị hỏng (thiếu số phiên bản định dạng).",
    ),
    "store.workspace_file_incomplete": Text(
        en="{file} in {home} is damaged (missing workspace id or key slots).",
        vi="Tệp {file} trong {home} bị hỏng (thiếu mã không gian làm việc hoặc các khoá).",
    ),
    "store.workspace_file_not_written": Text(
        en="Cannot write {file} in {home}: {reason}. Nothing was changed.",
        vi="Không ghi được tệp {file} trong {home}: {reason}. Chưa có gì bị thay đổi.",
    ),
    "store.workspace_format_newer": Text(
        en="This workspace was written by a newer version of FieldSurvey (format {found}; "
        "this version reads format {supported}). Install the newer version to open it; "
        "nothing was changed.",
        vi="Không gian làm việc này được tạo bởi một phiên bản FieldSurvey mới hơn (định "
        "dạng {found}; phiên bản này chỉ đọc được định dạng {supported}). Hãy cài phiên bản "
        "mới hơn để mở; chưa có gì bị thay đổi.",
    ),
    "store.unknown_role": Text(
        en="Unknown role '{role}'; choose one of {roles}.",
        vi="Vai trò '{role}' không hợp lệ; hãy chọn một trong các vai trò: {roles}.",
    ),
    "store.workspace_exists": Text(
        en="A workspace already exists in {home}.",
        vi="Đã có một không gian làm việc trong {home}.",
    ),
    "store.folder_not_created": Text(
        en="Cannot create the workspace folder {home}: {reason}.",
        vi="Không tạo được thư mục không gian làm việc {home}: {reason}.",
    ),
    "store.folder_not_writable": Text(
        en="Cannot create the workspace database in {home}: {reason}.",
        vi="Không tạo được cơ sở dữ liệu của không gian làm việc trong {home}: {reason}.",
    ),
    "store.role_edited": Text(
        en="{file} says role '{file_role}' but the database says '{db_role}'; the file was edited.",
        vi="Tệp {file} ghi vai trò '{file_role}' nhưng cơ sở dữ liệu ghi '{db_role}'; "
        "tệp này đã bị sửa tay.",
    ),
    # --- keys and passwords ----------------------------------------------------------
    "store.no_password_slot": Text(
        en="This workspace has no password slot; use its recovery key.",
        vi="Không gian làm việc này không mở được bằng mật khẩu; hãy dùng khoá khôi phục.",
    ),
    "store.key_does_not_open": Text(
        en="This key does not open the workspace.",
        vi="Khoá này không mở được không gian làm việc.",
    ),
    "store.wrong_password": Text(
        en="Wrong password for this workspace.",
        vi="Mật khẩu của không gian làm việc này không đúng.",
    ),
    "store.key_slot_invalid": Text(
        en="A key slot needs a string 'type' and 'id'.",
        vi="Một ô khoá cần có 'type' và 'id' dạng chữ.",
    ),
    "store.password_blank": Text(
        en="The password must not be empty or only spaces.",
        vi="Mật khẩu không được để trống hoặc chỉ gồm dấu cách.",
    ),
    "store.password_too_short": Text(
        en="The password needs at least {min_length} characters.",
        vi="Mật khẩu cần có ít nhất {min_length} ký tự.",
    ),
    # --- finding interviews ------------------------------------------------------------
    "store.interview_not_found": Text(
        en="No interview {uuid} in this workspace.",
        vi="Không có phiếu {uuid} trong không gian làm việc này.",
    ),
    "store.interview_prefix_ambiguous": Text(
        en="'{prefix}' matches several interviews; give more.",
        vi="'{prefix}' khớp với nhiều phiếu; hãy gõ thêm vài ký tự của mã phiếu.",
    ),
    "store.unknown_status": Text(
        en="Unknown status '{status}'; use one of {known}.",
        vi="Trạng thái '{status}' không hợp lệ; hãy dùng một trong: {known}.",
    ),
    # --- new interviews and answers ----------------------------------------------------
    "store.new_interview_needs_form": Text(
        en="A new interview needs a form id.",
        vi="Phiếu mới cần có mã bảng hỏi.",
    ),
    "store.new_interview_needs_ward": Text(
        en="A new interview needs a ward.",
        vi="Phiếu mới cần có phường.",
    ),
    "store.new_interview_needs_household": Text(
        en="A new interview needs a household id.",
        vi="Phiếu mới cần có mã hộ.",
    ),
    "store.new_interview_form_missing": Text(
        en="Form '{form_id}' version '{version}' is not installed in this workspace; "
        "install it before starting an interview with it.",
        vi="Bảng hỏi '{form_id}' phiên bản '{version}' chưa được cài trong không gian làm "
        "việc này; hãy cài bảng hỏi trước khi tạo phiếu.",
    ),
    "store.interview_form_missing": Text(
        en="Interview {uuid} uses form '{form_id}' version '{version}', which is not "
        "installed in this workspace; install that form version first. Nothing was saved.",
        vi="Phiếu {uuid} dùng bảng hỏi '{form_id}' phiên bản '{version}', bảng hỏi này "
        "chưa được cài trong không gian làm việc; hãy cài phiên bản đó trước. "
        "Chưa có gì được lưu.",
    ),
    "store.complete_has_problems": Text(
        en="The interview still has questions to answer or fix.",
        vi="Phiếu vẫn còn câu hỏi cần trả lời hoặc cần sửa.",
    ),
    # --- editing and deleting, by status -------------------------------------------------
    "store.edit_refused.completed": Text(
        en="Interview {uuid} is completed; only draft or returned interviews can be edited.",
        vi=f"Phiếu {{uuid}} đã hoàn thành; {_ONLY_EDIT}.",
    ),
    "store.edit_refused.exported": Text(
        en="Interview {uuid} is exported; only draft or returned interviews can be edited.",
        vi=f"Phiếu {{uuid}} đã được xuất vào gói dữ liệu; {_ONLY_EDIT}.",
    ),
    "store.edit_refused.acknowledged": Text(
        en="Interview {uuid} is acknowledged; only draft or returned interviews can be edited.",
        vi=f"Phiếu {{uuid}} đã được điều phối viên xác nhận; {_ONLY_EDIT}.",
    ),
    "store.delete_refused.completed": Text(
        en="Interview {uuid} is completed; only drafts can be deleted.",
        vi=f"Phiếu {{uuid}} đã hoàn thành; {_ONLY_DELETE}.",
    ),
    "store.delete_refused.exported": Text(
        en="Interview {uuid} is exported; only drafts can be deleted.",
        vi=f"Phiếu {{uuid}} đã được xuất vào gói dữ liệu; {_ONLY_DELETE}.",
    ),
    "store.delete_refused.acknowledged": Text(
        en="Interview {uuid} is acknowledged; only drafts can be deleted.",
        vi=f"Phiếu {{uuid}} đã được điều phối viên xác nhận; {_ONLY_DELETE}.",
    ),
    "store.delete_refused.returned": Text(
        en="Interview {uuid} is returned; only drafts can be deleted.",
        vi=f"Phiếu {{uuid}} đã bị trả lại để sửa; {_ONLY_DELETE}.",
    ),
    # --- lifecycle transitions, by action and status -------------------------------------
    "store.cannot_complete.completed": Text(
        en="Cannot complete interview {uuid}: it is completed (allowed from draft, returned).",
        vi=f"Không thể hoàn thành phiếu {{uuid}}: phiếu đã hoàn thành rồi ({_ONLY_COMPLETE}).",
    ),
    "store.cannot_complete.exported": Text(
        en="Cannot complete interview {uuid}: it is exported (allowed from draft, returned).",
        vi=f"Không thể hoàn thành phiếu {{uuid}}: phiếu đã được xuất vào gói dữ liệu "
        f"({_ONLY_COMPLETE}).",
    ),
    "store.cannot_complete.acknowledged": Text(
        en="Cannot complete interview {uuid}: it is acknowledged (allowed from draft, returned).",
        vi=f"Không thể hoàn thành phiếu {{uuid}}: phiếu đã được điều phối viên xác nhận "
        f"({_ONLY_COMPLETE}).",
    ),
    "store.cannot_export.draft": Text(
        en="Cannot export interview {uuid}: it is draft (allowed from completed, exported).",
        vi=f"Không thể xuất phiếu {{uuid}}: phiếu vẫn là bản nháp ({_ONLY_EXPORT}).",
    ),
    "store.cannot_export.returned": Text(
        en="Cannot export interview {uuid}: it is returned (allowed from completed, exported).",
        vi=f"Không thể xuất phiếu {{uuid}}: phiếu đã bị trả lại để sửa và chưa hoàn thành "
        f"lại ({_ONLY_EXPORT}).",
    ),
    "store.cannot_export.acknowledged": Text(
        en="Cannot export interview {uuid}: it is acknowledged (allowed from completed, exported).",
        vi=f"Không thể xuất phiếu {{uuid}}: phiếu đã được điều phối viên xác nhận "
        f"({_ONLY_EXPORT}).",
    ),
    "store.cannot_acknowledge.draft": Text(
        en="Cannot acknowledge interview {uuid}: it is draft (allowed from completed, exported).",
        vi=f"Không thể xác nhận phiếu {{uuid}}: phiếu vẫn là bản nháp ({_ONLY_ACKNOWLEDGE}).",
    ),
    "store.cannot_acknowledge.returned": Text(
        en="Cannot acknowledge interview {uuid}: it is returned (allowed from completed, "
        "exported).",
        vi=f"Không thể xác nhận phiếu {{uuid}}: phiếu đã bị trả lại để sửa ({_ONLY_ACKNOWLEDGE}).",
    ),
    "store.cannot_acknowledge.acknowledged": Text(
        en="Cannot acknowledge interview {uuid}: it is acknowledged (allowed from "
        "completed, exported).",
        vi=f"Không thể xác nhận phiếu {{uuid}}: phiếu đã được xác nhận rồi ({_ONLY_ACKNOWLEDGE}).",
    ),
    "store.cannot_return.draft": Text(
        en="Cannot return interview {uuid}: it is draft (allowed from acknowledged, "
        "completed, exported).",
        vi=f"Không thể trả lại phiếu {{uuid}}: phiếu vẫn là bản nháp ({_ONLY_RETURN}).",
    ),
    "store.cannot_return.returned": Text(
        en="Cannot return interview {uuid}: it is returned (allowed from acknowledged, "
        "completed, exported).",
        vi=f"Không thể trả lại phiếu {{uuid}}: phiếu đã bị trả lại rồi ({_ONLY_RETURN}).",
    ),
    "store.cannot_reopen.draft": Text(
        en="Cannot reopen interview {uuid}: it is draft (allowed from completed).",
        vi=f"Không thể mở lại phiếu {{uuid}}: phiếu vẫn là bản nháp và sửa được ({_ONLY_REOPEN}).",
    ),
    "store.cannot_reopen.returned": Text(
        en="Cannot reopen interview {uuid}: it is returned (allowed from completed).",
        vi=f"Không thể mở lại phiếu {{uuid}}: phiếu bị trả lại để sửa nên vẫn sửa được "
        f"({_ONLY_REOPEN}).",
    ),
    "store.cannot_reopen.exported": Text(
        en=f"Cannot reopen interview {{uuid}}: it is exported (allowed from completed). "
        f"{_LEFT_LAPTOP}",
        vi=f"Không thể mở lại phiếu {{uuid}}: phiếu đã được xuất vào gói dữ liệu "
        f"({_ONLY_REOPEN}). {_ONLY_COORDINATOR}",
    ),
    "store.cannot_reopen.acknowledged": Text(
        en=f"Cannot reopen interview {{uuid}}: it is acknowledged (allowed from completed). "
        f"{_LEFT_LAPTOP}",
        vi=f"Không thể mở lại phiếu {{uuid}}: phiếu đã được điều phối viên xác nhận "
        f"({_ONLY_REOPEN}). {_ONLY_COORDINATOR}",
    ),
    "store.reopen_needs_reason": Text(
        en="Say why interview {uuid} is reopened; the reason is kept in the audit log. "
        "Nothing was changed.",
        vi="Hãy ghi lý do mở lại phiếu {uuid}; lý do được lưu vào nhật ký kiểm tra. "
        "Chưa có gì thay đổi.",
    ),
    # --- installed forms ---------------------------------------------------------------
    "store.form_needs_id_and_version": Text(
        en="A form needs an id and a version to be installed.",
        vi="Bảng hỏi cần có mã (form_id) và phiên bản (version) thì mới cài được.",
    ),
    "store.form_version_differs": Text(
        en="Form '{form_id}' version '{version}' is already installed with different "
        "content; give the changed form a new version.",
        vi="Bảng hỏi '{form_id}' phiên bản '{version}' đã được cài với nội dung khác; "
        "hãy đặt số phiên bản mới cho bảng hỏi đã sửa.",
    ),
    "store.form_not_installed": Text(
        en="Form '{form_id}' is not installed in this workspace.",
        vi="Bảng hỏi '{form_id}' chưa được cài trong không gian làm việc này.",
    ),
    "store.form_version_not_installed": Text(
        en="Form '{form_id}' version '{version}' is not installed in this workspace.",
        vi="Bảng hỏi '{form_id}' phiên bản '{version}' chưa được cài trong không gian làm "
        "việc này.",
    ),
    # --- schema migrations ---------------------------------------------------------------
    "store.schema_newer": Text(
        en="This workspace was written by a newer version of FieldSurvey (unknown schema "
        "change '{change}'). Install the newer version to open it; nothing was changed.",
        vi="Không gian làm việc này được tạo bởi một phiên bản FieldSurvey mới hơn (có thay "
        "đổi cấu trúc dữ liệu '{change}' mà phiên bản này không biết). Hãy cài phiên bản "
        "mới hơn để mở; chưa có gì bị thay đổi.",
    ),
    "store.migration_names_repeat": Text(
        en="Duplicate migration names in this version of FieldSurvey.",
        vi="Phiên bản FieldSurvey này có hai bước nâng cấp dữ liệu trùng tên (lỗi của "
        "chương trình; hãy báo cho người phát triển).",
    ),
    # audit chain findings (verify): they name the entry, never its values
    "store.audit.problem": Text(
        en="audit entry {seq}: {problem}",
        vi="mục {seq} của nhật ký kiểm tra: {problem}",
    ),
    "store.audit.altered_content": Text(
        en="content does not match its hash (altered)",
        vi="nội dung không khớp với mã băm (đã bị sửa)",
    ),
    "store.audit.altered_values": Text(
        en="values do not match their digest (altered)",
        vi="giá trị không khớp với mã tóm tắt (đã bị sửa)",
    ),
    "store.audit.missing_entries": Text(
        en="entries {first}..{last} are missing",
        vi="thiếu các mục từ {first} đến {last}",
    ),
    "store.audit.broken_link": Text(
        en="does not link to the entry before it",
        vi="không nối với mục ngay trước",
    ),
}
