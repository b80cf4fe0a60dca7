"""Texts of the sync_data area (see :mod:`fieldsurvey.messages`): the coordinator's
device register, merges and conflicts, bundle export, receipts, and the report and
export readers and writers."""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    # --- device register --------------------------------------------------------------
    "sync.data.device_name_invalid": Text(
        en="A device name must be 1 to {max} printable characters.",
        vi="Tên máy phải dài từ 1 đến {max} ký tự và không chứa ký tự điều khiển.",
    ),
    "sync.data.device_name_taken": Text(
        en="A device named {name!r} already exists; choose another name.",
        vi="Đã có một máy tên {name!r}; hãy chọn tên khác.",
    ),
    "sync.data.device_ward_unknown": Text(
        en="The campaign has no ward {ward}; its wards are: {wards}.",
        vi="Chiến dịch không có phường {ward}; các phường của chiến dịch: {wards}.",
    ),
    "sync.data.device_unknown": Text(
        en="No device named {name!r}. `fieldsurvey device list` shows them.",
        vi="Không có máy nào tên {name!r}. Lệnh `fieldsurvey device list` liệt kê các máy "
        "đã đăng ký.",
    ),
    # --- conflicts ----------------------------------------------------------------------
    "sync.data.no_conflict": Text(
        en="There is no conflict on interview {uuid}.",
        vi="Phiếu {uuid} không có xung đột nào.",
    ),
    "sync.data.conflict_field_unknown": Text(
        en="Not a conflicting field of {uuid}: {fields} (conflicting: {conflicting}).",
        vi="Không phải trường đang xung đột của phiếu {uuid}: {fields} (các trường đang "
        "xung đột: {conflicting}).",
    ),
    "sync.data.conflict_choice_missing": Text(
        en="Choose laptop or coordinator for: {fields} (or use --take).",
        vi="Hãy chọn giá trị của máy tính xách tay (laptop) hoặc của điều phối viên "
        "(coordinator) cho: {fields} (hoặc dùng --take).",
    ),
    "sync.data.conflict_choices_clash": Text(
        en="The chosen values do not fit together at {field}; choose one side with --take.",
        vi="Các giá trị đã chọn không khớp với nhau tại {field}; hãy chọn hẳn một bên bằng --take.",
    ),
    # --- bundle export ------------------------------------------------------------------
    "sync.data.file_exists": Text(
        en="{path} already exists; it was not overwritten.",
        vi="Tệp {path} đã tồn tại; tệp này không bị ghi đè.",
    ),
    "sync.data.not_a_folder": Text(
        en="{path} is not a folder.",
        vi="{path} không phải là thư mục.",
    ),
    "sync.data.bundle_write_failed": Text(
        en="Cannot write the bundle to {folder}: {detail}.",
        vi="Không ghi được gói dữ liệu vào {folder}: {detail}.",
    ),
    # --- receipts -----------------------------------------------------------------------
    "sync.data.not_a_receipt": Text(
        en="not a receipt: {detail}",
        vi="không phải tệp biên nhận: {detail}",
    ),
    "sync.data.receipt_header_malformed": Text(
        en="receipt header is malformed",
        vi="phần đầu của biên nhận sai định dạng",
    ),
    "sync.data.receipt_other_device": Text(
        en="This receipt is for another device.",
        vi="Biên nhận này dành cho máy khác.",
    ),
    "sync.data.receipt_signature": Text(
        en="The receipt's signature is not the coordinator's; it was refused.",
        vi="Chữ ký trên biên nhận không phải của điều phối viên; biên nhận đã bị từ chối.",
    ),
    "sync.data.receipt_other_campaign": Text(
        en="This receipt belongs to another campaign.",
        vi="Biên nhận này thuộc về một đợt khảo sát khác.",
    ),
    "sync.data.receipt_damaged": Text(
        en="The receipt's content does not match its signed hash (damaged).",
        vi="Nội dung biên nhận không khớp với mã băm đã ký (tệp bị hỏng).",
    ),
    "sync.data.receipt_decrypt": Text(
        en="The receipt cannot be decrypted with this laptop's key.",
        vi="Không giải mã được biên nhận bằng khóa của máy này.",
    ),
    "sync.data.receipt_malformed": Text(
        en="The receipt's content is malformed.",
        vi="Nội dung biên nhận sai định dạng.",
    ),
    "sync.data.receipt_mismatch": Text(
        en="The receipt's content was made for another receipt or device.",
        vi="Nội dung biên nhận được tạo cho một biên nhận khác hoặc một máy khác.",
    ),
    "sync.data.receipt_bad_form": Text(
        en="The receipt carries a malformed form ({form_id}).",
        vi="Biên nhận chứa một bảng hỏi sai định dạng ({form_id}).",
    ),
    "sync.data.receipt_too_large": Text(
        en="The receipt file is larger than the limit.",
        vi="Tệp biên nhận vượt quá dung lượng cho phép.",
    ),
    # --- reports and exports ------------------------------------------------------------
    "sync.data.form_not_installed": Text(
        en="Form {form_id!r} is not installed in this workspace.",
        vi="Bảng hỏi {form_id!r} chưa được cài trong không gian làm việc này.",
    ),
    "sync.data.nothing_to_report": Text(
        en="This workspace has no completed interviews to report on.",
        vi="Không gian làm việc này chưa có phiếu đã hoàn thành nào để lập báo cáo.",
    ),
    "sync.data.several_forms": Text(
        en="Interviews of several forms are here ({forms}); choose one with --form.",
        vi="Ở đây có phiếu của nhiều bảng hỏi ({forms}); hãy chọn một bảng hỏi bằng --form.",
    ),
    "sync.data.nothing_to_export": Text(
        en="This workspace has no interviews to export.",
        vi="Không gian làm việc này chưa có phiếu nào để xuất.",
    ),
    "sync.data.export_several_forms": Text(
        en="Several forms to export: choose one with --form, or give a folder.",
        vi="Có nhiều bảng hỏi cần xuất: hãy chọn một bảng hỏi bằng --form, hoặc chỉ định "
        "một thư mục.",
    ),
    "sync.data.export_needs_folder": Text(
        en="{path} looks like a file; give a folder: each table is its own file.",
        vi="{path} có vẻ là một tệp; hãy chỉ định một thư mục: mỗi bảng được ghi thành "
        "một tệp riêng.",
    ),
    "sync.data.export_format_unknown": Text(
        en="Unknown export format {fmt!r}; use one of {formats}.",
        vi="Không có định dạng xuất {fmt!r}; hãy dùng một trong các định dạng: {formats}.",
    ),
    "sync.data.folder_create_failed": Text(
        en="Cannot create the folder {folder}: {detail}.",
        vi="Không tạo được thư mục {folder}: {detail}.",
    ),
    "sync.data.export_write_failed": Text(
        en="Cannot write the export to {path}: {detail}.",
        vi="Không ghi được dữ liệu xuất vào {path}: {detail}.",
    ),
    # why the merge refused one interview of an accepted bundle
    "sync.data.twice_in_bundle": Text(
        en="appears twice in the bundle",
        vi="xuất hiện hai lần trong gói dữ liệu",
    ),
    "sync.data.made_on_other_device": Text(
        en="says it was made on another device",
        vi="ghi là được tạo trên một máy khác",
    ),
    "sync.data.owned_by_other_device": Text(
        en="belongs to another device",
        vi="thuộc về một máy khác",
    ),
    "sync.data.binding_mismatch": Text(
        en="its id was not made on the device that sent it",
        vi="mã phiếu không được tạo trên máy đã gửi gói dữ liệu",
    ),
    "sync.data.binding_missing": Text(
        en="was made before interviews were bound to their laptop and cannot be received",
        vi="phiếu được tạo trước khi phiếu gắn với máy tính xách tay của nó nên không thể nhận",
    ),
    # --- quarantine (records that failed the content checks) ------------------------------
    "sync.quarantine.form_not_installed": Text(
        en="form {form_id} version {version} is not installed: it waits until it is",
        vi="bảng hỏi {form_id} phiên bản {version} chưa được cài: phiếu chờ đến khi được cài",
    ),
    "sync.quarantine.form_id_invalid": Text(
        en="the form id or version is not a valid name",
        vi="mã hoặc phiên bản bảng hỏi không phải là một tên hợp lệ",
    ),
    "sync.quarantine.meta_control": Text(
        en="{field} contains control characters",
        vi="{field} chứa ký tự điều khiển",
    ),
    "sync.quarantine.meta_time": Text(
        en="{field} is not a real date and time",
        vi="{field} không phải là ngày giờ có thật",
    ),
    "sync.quarantine.too_deep": Text(
        en="the answers are nested more than {max} levels deep",
        vi="các câu trả lời lồng nhau quá {max} cấp",
    ),
    "sync.quarantine.record_too_large": Text(
        en="the answers take more than {max} bytes",
        vi="các câu trả lời chiếm quá {max} byte",
    ),
    "sync.quarantine.bad_field_name": Text(
        en="{path}: a field name is too long or has forbidden characters",
        vi="{path}: có tên trường quá dài hoặc chứa ký tự không được phép",
    ),
    "sync.quarantine.string_too_long": Text(
        en="{path}: the text is longer than {max} characters",
        vi="{path}: văn bản dài quá {max} ký tự",
    ),
    "sync.quarantine.control_character": Text(
        en="{path}: the text contains control characters",
        vi="{path}: văn bản chứa ký tự điều khiển",
    ),
    "sync.quarantine.number_out_of_range": Text(
        en="{path}: the number is not finite or is too large",
        vi="{path}: số không hữu hạn hoặc quá lớn",
    ),
    "sync.quarantine.bad_value": Text(
        en="{path}: a value of an unknown kind",
        vi="{path}: giá trị không thuộc loại nào đã biết",
    ),
    "sync.quarantine.not_a_choice": Text(
        en="{path}: the answer is not among the question's choices",
        vi="{path}: câu trả lời không nằm trong các lựa chọn của câu hỏi",
    ),
    "sync.quarantine.fails_checks": Text(
        en="answers that break the form's constraints ({count}): {paths}",
        vi="câu trả lời vi phạm ràng buộc của bảng hỏi ({count}): {paths}",
    ),
    "sync.quarantine.not_found": Text(
        en="No quarantined interview {uuid}. `fieldsurvey quarantine list` shows them.",
        vi="Không có phiếu {uuid} nào trong khu cách ly. Lệnh `fieldsurvey quarantine list` "
        "liệt kê chúng.",
    ),
    "sync.quarantine.ambiguous": Text(
        en="{uuid} matches several quarantined interviews; give more of the id.",
        vi="{uuid} khớp với nhiều phiếu trong khu cách ly; hãy nhập mã dài hơn.",
    ),
    "sync.quarantine.comment_needed": Text(
        en="A comment of 1 to {max} printable characters is needed to return an interview.",
        vi="Cần một nhận xét dài từ 1 đến {max} ký tự in được để trả phiếu về.",
    ),
    "sync.data.bundle_too_large": Text(
        en=(
            "This bundle would be {size_mb} MB ({count} interviews), more than the {limit_mb} MB "
            "the coordinator accepts; nothing was written. Ask the coordinator for help."
        ),
        vi=(
            "Gói dữ liệu này sẽ nặng {size_mb} MB ({count} phiếu), vượt quá {limit_mb} MB mà "
            "điều phối viên nhận được; chưa ghi gì cả. Hãy nhờ điều phối viên giúp đỡ."
        ),
    ),
}
