"""Texts of the cli area (see :mod:`fieldsurvey.messages`): what the ``fieldsurvey``
commands print, prompt and refuse, in the language of ``--lang`` / FIELDSURVEY_LANG.

Click's own texts (``--help``, the wording of its usage errors) stay English; the
commands' messages, prompts, summaries and table headings are here. Status names and
audit actions have one code each (``cli.status.<status>``, ``cli.action.<action>``) so
that each language names them in its own words; English keeps the stored names.
"""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    # --- the top-level group: errors, interruptions, no display ------------------------
    "cli.error": Text(en="Error: {message}", vi="Lỗi: {message}"),
    "cli.usage_error": Text(
        en="{message} See '{command} --help'.",
        vi="{message} Xem '{command} --help'.",
    ),
    "cli.interrupted": Text(en="Interrupted.", vi="Đã dừng giữa chừng."),
    "cli.aborted": Text(
        en="Aborted: no answer was given.",
        vi="Đã dừng: không có câu trả lời nào được nhập.",
    ),
    "cli.unexpected_error": Text(
        en="Unexpected error ({kind}). This is a bug in FieldSurvey: run the command again "
        "with --debug and send what it shows to the person who supports you.",
        vi="Lỗi ngoài dự kiến ({kind}). Đây là lỗi của chương trình FieldSurvey: hãy chạy lại "
        "lệnh với --debug và gửi nội dung hiện ra cho người hỗ trợ bạn.",
    ),
    "cli.os_error": Text(en="Cannot use {file}: {reason}.", vi="Không dùng được {file}: {reason}."),
    "cli.os_error_no_file": Text(
        en="The operation failed: {reason}.", vi="Thao tác không thành công: {reason}."
    ),
    "cli.os_reason.missing": Text(en="it does not exist", vi="không có tệp hoặc thư mục này"),
    "cli.os_reason.exists": Text(en="it already exists", vi="tệp hoặc thư mục này đã có"),
    "cli.os_reason.permission": Text(en="permission denied", vi="không có quyền truy cập"),
    "cli.os_reason.is_folder": Text(
        en="it is a folder, not a file", vi="đây là một thư mục, không phải một tệp"
    ),
    "cli.os_reason.not_folder": Text(
        en="a part of the path is not a folder",
        vi="một phần của đường dẫn không phải là thư mục",
    ),
    "cli.os_reason.disk_full": Text(en="the disk is full", vi="ổ đĩa đã đầy"),
    "cli.os_reason.read_only": Text(en="the disk is read-only", vi="ổ đĩa chỉ cho phép đọc"),
    "cli.os_reason.folder_not_empty": Text(en="the folder is not empty", vi="thư mục không trống"),
    "cli.os_reason.name_too_long": Text(en="the name is too long", vi="tên quá dài"),
    "cli.os_reason.other": Text(
        en="the system refused ({detail})", vi="hệ thống từ chối ({detail})"
    ),
    "cli.no_display": Text(
        en="No display to show the app on: building the demo in {folder} instead.",
        vi="Không có màn hình để mở ứng dụng: thay vào đó, đang tạo bản trình diễn trong {folder}.",
    ),
    # --- prompts ---------------------------------------------------------------------
    "cli.prompt.password": Text(en="Workspace password", vi="Mật khẩu không gian làm việc"),
    "cli.prompt.new_workspace_password": Text(
        en="New workspace password", vi="Mật khẩu mới cho không gian làm việc"
    ),
    "cli.prompt.current_password": Text(en="Current password", vi="Mật khẩu hiện tại"),
    "cli.prompt.new_password": Text(en="New password", vi="Mật khẩu mới"),
    "cli.prompt.repeat": Text(en="Repeat for confirmation", vi="Nhập lại để xác nhận"),
    # --- init, passwd, verify ----------------------------------------------------------
    "cli.role.laptop": Text(en="laptop", vi="máy tính xách tay"),
    "cli.role.coordinator": Text(en="coordinator", vi="điều phối viên"),
    "cli.role.manager": Text(en="manager", vi="quản lý dự án"),
    "cli.workspace_created": Text(
        en="Created a {role} workspace in {home}",
        vi="Đã tạo không gian làm việc ({role}) trong {home}",
    ),
    "cli.password_changed": Text(en="Password changed.", vi="Đã đổi mật khẩu."),
    "cli.verify.integrity": Text(en="integrity: {problem}", vi="tính toàn vẹn: {problem}"),
    "cli.verify.chain": Text(en="audit chain: {problem}", vi="chuỗi nhật ký kiểm tra: {problem}"),
    "cli.verify.chain_unreadable": Text(
        en="audit log unreadable: {reason}",
        vi="không đọc được nhật ký kiểm tra: {reason}",
    ),
    "cli.verify.record": Text(
        en="fails its form: {problem}", vi="không đạt bảng hỏi của nó: {problem}"
    ),
    "cli.verify.records": Text(
        en="Merged records checked against their forms: {checked}; failing: {failing}.",
        vi="Số phiếu đã gộp được kiểm tra theo bảng hỏi: {checked}; không đạt: {failing}.",
    ),
    "cli.verify.ok": Text(
        en="OK: integrity check passed; audit chain of {count} entries intact.",
        vi="Tốt: cơ sở dữ liệu nguyên vẹn; chuỗi nhật ký kiểm tra gồm {count} mục "
        "không bị thay đổi.",
    ),
    # --- forms -------------------------------------------------------------------------
    "cli.form.no_language": Text(
        en="the form has no language '{language}' (it has: {known}).",
        vi="bảng hỏi không có ngôn ngữ '{language}' (các ngôn ngữ có: {known}).",
    ),
    "cli.form.no_languages": Text(en="none", vi="không có"),
    "cli.form.warning": Text(en="Warning: {warning}", vi="Cảnh báo: {warning}"),
    "cli.form.check_ok": Text(
        en="OK: {form_id}, {questions} questions; languages: {languages}",
        vi="Tốt: {form_id}, {questions} câu hỏi; ngôn ngữ: {languages}",
    ),
    "cli.form.check_ok_version": Text(
        en="OK: {form_id} version {version}, {questions} questions; languages: {languages}",
        vi="Tốt: {form_id} phiên bản {version}, {questions} câu hỏi; ngôn ngữ: {languages}",
    ),
    "cli.form.installed": Text(
        en="{form_id} version {version}: installed.",
        vi="{form_id} phiên bản {version}: đã cài đặt.",
    ),
    "cli.form.already_installed": Text(
        en="{form_id} version {version}: already installed.",
        vi="{form_id} phiên bản {version}: đã được cài đặt từ trước.",
    ),
    "cli.data_file.unreadable": Text(
        en="Cannot read {file}: {reason}.", vi="Không đọc được tệp {file}: {reason}."
    ),
    "cli.data_file.not_utf8": Text(
        en="{file} is not valid UTF-8 JSON (byte {position} is not UTF-8 text).",
        vi="Tệp {file} không phải JSON UTF-8 hợp lệ (byte thứ {position} không phải chữ UTF-8).",
    ),
    "cli.data_file.not_json": Text(
        en="{file} is not valid UTF-8 JSON (line {line}, column {column}).",
        vi="Tệp {file} không phải JSON UTF-8 hợp lệ (dòng {line}, cột {column}).",
    ),
    "cli.data_file.not_object": Text(
        en="{file} must hold one JSON object of answers.",
        vi="Tệp {file} phải chứa đúng một đối tượng JSON gồm các câu trả lời.",
    ),
    "cli.answers_fail_checks": Text(
        en="The answers fail {count} check(s) of the form: {checks}.",
        vi="Các câu trả lời không đạt {count} điều kiện của bảng hỏi: {checks}.",
    ),
    "cli.answers_fail_checks_more": Text(
        en="The answers fail {count} check(s) of the form: {checks} and {more} more.",
        vi="Các câu trả lời không đạt {count} điều kiện của bảng hỏi: {checks} và {more} "
        "điều kiện khác.",
    ),
    "cli.check_kind.required": Text(en="required", vi="bắt buộc trả lời"),
    "cli.check_kind.constraint": Text(en="constraint", vi="điều kiện ràng buộc"),
    "cli.check_kind.warning": Text(en="warning", vi="cảnh báo"),
    # --- interviews --------------------------------------------------------------------
    "cli.interview.saved": Text(
        en="Saved {path} (revision {revision}).", vi="Đã lưu {path} (lần sửa {revision})."
    ),
    "cli.interview.unchanged": Text(en="Unchanged.", vi="Không có gì thay đổi."),
    "cli.interview.completed": Text(en="Completed {uuid}.", vi="Đã hoàn thành phiếu {uuid}."),
    "cli.interview.deleted": Text(en="Deleted {uuid}.", vi="Đã xoá phiếu {uuid}."),
    "cli.interview.reopened": Text(
        en="Reopened {uuid}: it is a draft again. Correct it, then complete it again.",
        vi="Đã mở lại phiếu {uuid}: phiếu lại là bản nháp. Hãy sửa rồi hoàn thành lại.",
    ),
    "cli.interview.none": Text(en="No interviews.", vi="Không có phiếu nào."),
    "cli.interview.not_in_log": Text(
        en="No interview {uuid} in this workspace or its audit log.",
        vi="Không có phiếu {uuid} trong không gian làm việc này hay trong nhật ký kiểm tra.",
    ),
    "cli.interview.row": Text(
        en="{uuid}  {status:<12} {ward:<16} {household:<10} rev {revision:<4} {updated}",
        vi="{uuid}  {status:<22} {ward:<16} {household:<10} lần sửa {revision:<4} {updated}",
    ),
    "cli.interview.answers": Text(en="answers", vi="câu trả lời"),
    "cli.interview.values_erased": Text(en="(values erased)", vi="(giá trị đã bị xoá)"),
    "cli.status.draft": Text(en="draft", vi="Nháp"),
    "cli.status.completed": Text(en="completed", vi="Đã hoàn thành"),
    "cli.status.exported": Text(en="exported", vi="Đã gửi"),
    "cli.status.acknowledged": Text(en="acknowledged", vi="Điều phối viên đã nhận"),
    "cli.status.returned": Text(en="returned", vi="Bị trả lại để sửa"),
    "cli.action.create": Text(en="create", vi="tạo"),
    "cli.action.set": Text(en="set", vi="sửa"),
    "cli.action.delete": Text(en="delete", vi="xoá"),
    "cli.action.complete": Text(en="complete", vi="hoàn thành"),
    "cli.action.export": Text(en="export", vi="xuất"),
    "cli.action.acknowledge": Text(en="acknowledge", vi="xác nhận"),
    "cli.action.return": Text(en="return", vi="trả lại"),
    "cli.action.merge": Text(en="merge", vi="gộp"),
    "cli.action.merge-new": Text(en="merge-new", vi="gộp mới"),
    "cli.action.conflict": Text(en="conflict", vi="xung đột"),
    "cli.action.resolve": Text(en="resolve", vi="giải quyết"),
    "cli.action.purge": Text(en="purge", vi="xoá dữ liệu"),
    "cli.action.reopen": Text(en="reopen", vi="mở lại"),
    "cli.action.confirm": Text(en="confirm", vi="xác nhận cảnh báo"),
    # ``interview show``: one heading per field of the interview
    "cli.field.uuid": Text(en="uuid", vi="mã phiếu"),
    "cli.field.form_id": Text(en="form_id", vi="bảng hỏi"),
    "cli.field.form_version": Text(en="form_version", vi="phiên bản"),
    "cli.field.status": Text(en="status", vi="trạng thái"),
    "cli.field.ward": Text(en="ward", vi="phường"),
    "cli.field.household_id": Text(en="household_id", vi="mã hộ"),
    "cli.field.enumerator": Text(en="enumerator", vi="điều tra viên"),
    "cli.field.respondent": Text(en="respondent", vi="người trả lời"),
    "cli.field.revision": Text(en="revision", vi="lần sửa"),
    "cli.field.base_revision": Text(en="base_revision", vi="lần sửa gốc"),
    "cli.field.problems": Text(en="problems", vi="số câu cần sửa"),
    "cli.field.created": Text(en="created", vi="tạo lúc"),
    "cli.field.updated": Text(en="updated", vi="sửa lúc"),
    "cli.field.comment": Text(en="comment", vi="ghi chú"),
    "cli.field.device_id": Text(en="device_id", vi="mã máy"),
    # --- reports and exports -----------------------------------------------------------
    "cli.report.ward_or_all": Text(
        en="Give --ward NAME (one or more) or --all-wards.",
        vi="Hãy ghi --ward TÊN (một hay nhiều phường) hoặc --all-wards.",
    ),
    "cli.report.from_after_to": Text(
        en="--from is after --to.", vi="Ngày --from nằm sau ngày --to."
    ),
    "cli.report.ward_written": Text(
        en="Ward summary written to {file} ({count} interviews of {form_id}).",
        vi="Đã ghi báo cáo tổng hợp phường vào {file} ({count} phiếu của bảng hỏi {form_id}).",
    ),
    "cli.report.record_written": Text(
        en="Record of interview {uuid} written to {file}.",
        vi="Đã ghi bản in của phiếu {uuid} vào {file}.",
    ),
    "cli.export.step": Text(en="{step}...", vi="{step}..."),
    "cli.export.step_rows": Text(en="{step} {rows} rows...", vi="{step} {rows} dòng..."),
    "cli.export.table": Text(
        en="{table}: {rows} rows, {columns} columns", vi="{table}: {rows} dòng, {columns} cột"
    ),
    "cli.export.wrote": Text(en="wrote {file}", vi="đã ghi {file}"),
    "cli.export.not_encrypted": Text(
        en="These files are not encrypted: delete them when you no longer need them.",
        vi="Các tệp này không được mã hoá: hãy xoá chúng khi không cần dùng nữa.",
    ),
    # --- selftest ----------------------------------------------------------------------
    "cli.selftest.start": Text(
        en="{app} {version} self-test (in a temporary folder)",
        vi="{app} {version} tự kiểm tra (trong một thư mục tạm)",
    ),
    "cli.selftest.mark.passed": Text(en="ok  ", vi="đạt "),
    "cli.selftest.mark.failed": Text(en="FAIL", vi="LỖI"),
    "cli.selftest.mark.skipped": Text(en="skip", vi="bỏ "),
    "cli.selftest.step": Text(
        en="  {mark} {title}{timing}: {detail}", vi="  {mark} {title}{timing}: {detail}"
    ),
    "cli.selftest.passed": Text(
        en="Self-test passed: all {steps} steps.",
        vi="Tự kiểm tra đạt: cả {steps} bước đều tốt.",
    ),
    "cli.selftest.failed": Text(
        en="Self-test FAILED: {failed} failed, {skipped} skipped of {steps} steps.",
        vi="Tự kiểm tra KHÔNG ĐẠT: {failed} bước lỗi, {skipped} bước bị bỏ qua trên tổng số "
        "{steps} bước.",
    ),
    # --- demo --------------------------------------------------------------------------
    "cli.demo.step": Text(en="[{done}/{total}] {step}", vi="[{done}/{total}] {step}"),
    # --- selftest step titles
    "cli.selftest.title.resources": Text(en="Shipped files", vi="Tệp đi kèm chương trình"),
    "cli.selftest.title.workspace": Text(en="Encrypted workspace", vi="Không gian làm việc mã hoá"),
    "cli.selftest.title.form": Text(
        en="Default form and engine", vi="Bảng hỏi mặc định và bộ xử lý"
    ),
    "cli.selftest.title.laptop": Text(
        en="Campaign and laptop", vi="Chiến dịch và máy tính xách tay"
    ),
    "cli.selftest.title.interview": Text(en="Interview autosave", vi="Tự động lưu phiếu"),
    "cli.selftest.title.bundle": Text(en="Bundle export and import", vi="Xuất và nhập gói dữ liệu"),
    "cli.selftest.title.pdf": Text(en="PDF reports", vi="Báo cáo PDF"),
    "cli.selftest.title.exports": Text(
        en="Exports (csv, xlsx, Stata, SPSS)", vi="Xuất dữ liệu (csv, xlsx, Stata, SPSS)"
    ),
    "cli.selftest.title.qt": Text(en="Desktop (Qt)", vi="Giao diện máy tính (Qt)"),
}
