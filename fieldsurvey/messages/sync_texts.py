"""Texts of the sync area (see :mod:`fieldsurvey.messages`): campaign keys, device
packages, bundle checks, recovery, and the output of the sync commands.

Words used throughout (Vietnamese): gói dữ liệu (bundle), gói cài đặt (device package),
biên nhận (receipt), đợt khảo sát (campaign), điều phối viên (coordinator), máy (laptop),
phiếu (interview), bảng hỏi (form), tệp khoá (identity file), cụm mật khẩu (passphrase),
phần đầu / nội dung (header / payload of a bundle).

A ``{reason}`` parameter holds another error (the detail of why), rendered in the
same language.
"""

from __future__ import annotations

from fieldsurvey.messages import Text

# --- keys (sync/keys.py), as details of another message -------------------------------
_KEYS = {
    "sync.key.not_base64": Text(
        en="not valid base64",
        vi="không phải chuỗi base64 hợp lệ",
    ),
    "sync.key.wrong_length": Text(
        en="expected {expected} bytes, got {got}",
        vi="cần {expected} byte nhưng có {got} byte",
    ),
    "sync.key.not_age_identity": Text(
        en="not an age identity (AGE-SECRET-KEY-1...)",
        vi="không phải khoá bí mật age (AGE-SECRET-KEY-1...)",
    ),
    "sync.key.not_age_recipient": Text(
        en="not an age recipient (age1...)",
        vi="không phải khoá công khai age (age1...)",
    ),
    "sync.key.no_identity": Text(
        en="the file holds no age identity",
        vi="tệp không chứa khoá bí mật age nào",
    ),
    "sync.key.cannot_read": Text(
        en="the file cannot be read ({reason})",
        vi="không đọc được tệp ({reason})",
    ),
    "sync.key.too_large": Text(
        en="the file is far too large for an identity file",
        vi="tệp quá lớn, không thể là tệp khoá",
    ),
    "sync.key.not_text": Text(
        en="the file is not text (not UTF-8)",
        vi="tệp không phải văn bản (không phải UTF-8)",
    ),
}

# --- strict JSON (sync/canonical_json.py) ----------------------------------------------
_JSON = {
    "sync.json.duplicate_key": Text(
        en="duplicate key '{key}'",
        vi="tên trường '{key}' bị lặp lại",
    ),
    "sync.json.constant_not_allowed": Text(
        en="{name} is not allowed",
        vi="không được dùng {name}",
    ),
    "sync.json.too_large": Text(
        en="{size} bytes is more than the limit of {limit}",
        vi="{size} byte, vượt quá giới hạn {limit} byte",
    ),
    "sync.json.not_utf8": Text(
        en="not valid UTF-8",
        vi="không phải văn bản UTF-8 hợp lệ",
    ),
    "sync.json.bom": Text(
        en="byte-order mark is not allowed",
        vi="không được có dấu thứ tự byte (BOM) ở đầu",
    ),
    "sync.json.invalid": Text(
        en="not valid JSON ({kind})",
        vi="không phải JSON hợp lệ ({kind})",
    ),
    "sync.json.too_deep": Text(
        en="nested deeper than {depth} levels",
        vi="lồng nhau sâu quá {depth} cấp",
    ),
    "sync.json.too_many_values": Text(
        en="more than {limit} values (objects, lists, texts, numbers)",
        vi="có hơn {limit} giá trị (đối tượng, danh sách, chuỗi, số)",
    ),
    "sync.json.not_canonical": Text(
        en="not in canonical form",
        vi="không ở dạng chuẩn",
    ),
}

# --- age headers (sync/age_header.py) and payload decryption ---------------------------
_AGE = {
    "sync.age.not_age": Text(
        en="not an age v1 file",
        vi="không phải tệp mã hoá age phiên bản 1",
    ),
    "sync.age.too_many_stanzas": Text(
        en="more than {limit} recipient stanzas",
        vi="có hơn {limit} mục người nhận",
    ),
    "sync.age.bad_stanza_line": Text(
        en="malformed stanza line",
        vi="một dòng mục người nhận sai định dạng",
    ),
    "sync.age.bad_stanza_body": Text(
        en="malformed stanza body",
        vi="nội dung một mục người nhận sai định dạng",
    ),
    "sync.age.no_mac": Text(
        en="header has no MAC line within the size limit",
        vi="phần đầu không có dòng MAC trong giới hạn kích thước",
    ),
    "sync.age.no_stanza": Text(
        en="no recipient stanza",
        vi="không có mục người nhận nào",
    ),
    "sync.age.passphrase_not_keys": Text(
        en="payload is passphrase-encrypted, expected public keys",
        vi="nội dung được mã hoá bằng cụm mật khẩu, trong khi phải mã hoá bằng khoá công khai",
    ),
    "sync.age.no_x25519": Text(
        en="payload has no X25519 recipient",
        vi="nội dung không có người nhận X25519",
    ),
    "sync.age.not_passphrase": Text(
        en="file is not passphrase-encrypted",
        vi="tệp không được mã hoá bằng cụm mật khẩu",
    ),
    "sync.age.work_factor": Text(
        en="passphrase work factor is out of range",
        vi="hệ số chi phí (work factor) của cụm mật khẩu nằm ngoài mức cho phép",
    ),
    "sync.decrypt.too_large": Text(
        en="decrypted payload is larger than its ciphertext",
        vi="nội dung sau khi giải mã lớn hơn bản đã mã hoá",
    ),
    "sync.decrypt.refused": Text(
        en="payload refused before decryption: {reason}",
        vi="nội dung bị từ chối trước khi giải mã: {reason}",
    ),
    "sync.decrypt.wrong_key": Text(
        en="payload cannot be decrypted with this campaign's keys (wrong key or damaged)",
        vi="không giải mã được nội dung bằng khoá của đợt khảo sát này (sai khoá hoặc tệp bị hỏng)",
    ),
}

# --- the container of bundles and receipts (sync/bundle_format.py) ---------------------
_CONTAINER = {
    "sync.container.too_short": Text(
        en="file is too short ({size} bytes)",
        vi="tệp quá ngắn ({size} byte)",
    ),
    "sync.container.too_large": Text(
        en="file is larger than the limit",
        vi="tệp lớn hơn giới hạn cho phép",
    ),
    "sync.container.bad_magic": Text(
        en="not a FieldSurvey file of this kind (bad magic)",
        vi="không phải loại tệp FieldSurvey cần dùng ở đây (sai mã đầu tệp)",
    ),
    "sync.container.header_too_long": Text(
        en="header length {length} is over the limit",
        vi="độ dài phần đầu {length} vượt quá giới hạn",
    ),
    "sync.container.header_past_end": Text(
        en="header length points past the end of the file",
        vi="độ dài phần đầu vượt quá cuối tệp",
    ),
    "sync.container.named_too_large": Text(
        en="{name} is larger than the limit",
        vi="{name} lớn hơn giới hạn cho phép",
    ),
    "sync.container.cannot_read": Text(
        en="cannot read {name} ({reason})",
        vi="không đọc được {name} ({reason})",
    ),
    "sync.container.not_a_regular_file": Text(
        en="{name} is not a regular file (a folder, a device or a pipe)",
        vi="{name} không phải là một tệp thông thường (mà là thư mục, thiết bị hoặc đường ống)",
    ),
}

# --- the import checks of a bundle (sync/bundle_checks.py), by check -------------------
_CHECKS = {
    "sync.check.header_not_json": Text(
        en="header is not strict JSON: {reason}",
        vi="phần đầu không phải JSON đúng chuẩn: {reason}",
    ),
    "sync.check.header_fields": Text(
        en="header fields are wrong: {fields}",
        vi="các trường của phần đầu bị sai: {fields}",
    ),
    "sync.check.unknown_device": Text(
        en="signed by a device this campaign does not know",
        vi="được ký bởi một máy mà đợt khảo sát này không biết",
    ),
    "sync.check.device_revoked": Text(
        en="device '{device}' was revoked on {date}",
        vi="máy '{device}' đã bị thu hồi vào {date}",
    ),
    "sync.check.bad_signature": Text(
        en="signature of device '{device}' is not valid",
        vi="chữ ký của máy '{device}' không hợp lệ",
    ),
    "sync.check.other_campaign": Text(
        en="bundle belongs to another campaign",
        vi="gói dữ liệu thuộc về một đợt khảo sát khác",
    ),
    "sync.check.payload_length": Text(
        en="payload is {actual} bytes, header says {expected} (file truncated or bytes appended)",
        vi="nội dung dài {actual} byte nhưng phần đầu ghi {expected} byte "
        "(tệp bị cắt cụt hoặc bị chèn thêm dữ liệu)",
    ),
    "sync.check.payload_hash": Text(
        en="payload does not match the signed hash (altered)",
        vi="nội dung không khớp với mã băm đã ký (đã bị sửa đổi)",
    ),
    "sync.check.equivocation": Text(
        en="EQUIVOCATION: device '{device}' sent two different bundles numbered {sequence} "
        "(cloned disk or stolen key?)",
        vi="MÂU THUẪN: máy '{device}' đã gửi hai gói dữ liệu khác nhau cùng mang số {sequence} "
        "(ổ đĩa bị sao chép hay khoá bị đánh cắp?)",
    ),
    "sync.check.bundle_id_reused": Text(
        en="bundle id was already used by another bundle",
        vi="mã gói dữ liệu đã được một gói khác dùng",
    ),
    "sync.check.payload_malformed": Text(
        en="decrypted payload is malformed",
        vi="nội dung sau khi giải mã không đúng định dạng",
    ),
    "sync.check.payload_limits": Text(
        en="decrypted payload is over the import limits: {reason}; nothing of it was merged",
        vi="nội dung sau khi giải mã vượt quá giới hạn khi nhập: {reason}; "
        "không phiếu nào trong gói được gộp",
    ),
    "sync.check.line_too_long": Text(
        en="decrypted payload holds a record longer than {max} bytes (the import limit); "
        "nothing of it was merged",
        vi="nội dung sau khi giải mã có một phiếu dài hơn {max} byte (giới hạn khi nhập); "
        "không phiếu nào trong gói được gộp",
    ),
    "sync.check.old_format_too_large": Text(
        en="this bundle was written by an older FieldSurvey and holds more than {max} bytes, "
        "more than that version may send; update FieldSurvey on that laptop and export again",
        vi="gói dữ liệu này do phiên bản FieldSurvey cũ tạo và chứa hơn {max} byte, quá mức "
        "phiên bản đó được gửi; hãy cập nhật FieldSurvey trên máy đó rồi xuất lại",
    ),
    "sync.recheck.finding": Text(
        en="record {uuid} (ward {ward}, household {household}, from {device}): {reason}",
        vi="phiếu {uuid} (phường {ward}, hộ {household}, từ máy {device}): {reason}",
    ),
    "sync.recheck.malformed": Text(
        en="the stored record is not a well-formed interview",
        vi="phiếu đã lưu không đúng cấu trúc của một phiếu phỏng vấn",
    ),
    "sync.check.out_of_memory": Text(
        en="not enough memory to import this bundle; nothing of it was merged "
        "(close other programs and import it again)",
        vi="không đủ bộ nhớ để nhập gói dữ liệu này; không phiếu nào trong gói được gộp "
        "(hãy đóng các chương trình khác rồi nhập lại)",
    ),
    "sync.check.binding": Text(
        en="payload was made for another bundle or device than its header says",
        vi="nội dung được tạo cho một gói dữ liệu hoặc một máy khác với phần đầu của nó",
    ),
    # names of the checks (sync.bundle_checks.CHECKS), as the CLI prints them
    "sync.check_name.size": Text(en="size", vi="kích thước"),
    "sync.check_name.header": Text(en="header", vi="phần đầu"),
    "sync.check_name.device": Text(en="device", vi="máy"),
    "sync.check_name.signature": Text(en="signature", vi="chữ ký"),
    "sync.check_name.campaign": Text(en="campaign", vi="đợt khảo sát"),
    "sync.check_name.payload": Text(en="payload", vi="nội dung"),
    "sync.check_name.replay": Text(en="replay", vi="gửi lại"),
    "sync.check_name.decrypt": Text(en="decrypt", vi="giải mã"),
    "sync.check_name.binding": Text(en="binding", vi="ràng buộc"),
}

# --- bundles looked at without a workspace (sync/bundle_inspect.py) --------------------
_INSPECT = {
    "sync.inspect.not_a_bundle": Text(
        en="Not a FieldSurvey bundle: {reason}.",
        vi="Không phải gói dữ liệu FieldSurvey: {reason}.",
    ),
    "sync.inspect.payload_damaged": Text(
        en="The payload does not match its header (damaged).",
        vi="Nội dung không khớp với phần đầu (tệp bị hỏng).",
    ),
    "sync.inspect.identity_unusable": Text(
        en="The identity file is not usable: {reason}.",
        vi="Không dùng được tệp khoá: {reason}.",
    ),
    "sync.inspect.payload_malformed": Text(
        en="The decrypted payload is malformed.",
        vi="Nội dung sau khi giải mã không đúng định dạng.",
    ),
    "sync.inspect.other_bundle": Text(
        en="The payload belongs to another bundle than its header.",
        vi="Nội dung thuộc về một gói dữ liệu khác với phần đầu.",
    ),
    "sync.file_exists": Text(
        en="{path} already exists; it was not overwritten.",
        vi="{path} đã có sẵn; tệp không bị ghi đè.",
    ),
    "sync.cannot_write": Text(
        en="Cannot write {path}: {reason}.",
        vi="Không ghi được {path}: {reason}.",
    ),
}

# --- campaign, device packages, enrolment, recovery ------------------------------------
_CAMPAIGN = {
    "sync.campaign.recovery_key_exists": Text(
        en="{path} already exists; choose a new file for the recovery key.",
        vi="{path} đã có sẵn; hãy chọn một tệp mới để lưu khoá khôi phục.",
    ),
    "sync.campaign.cannot_write_recovery_key": Text(
        en="Cannot write the recovery key to {path}: {reason}",
        vi="Không ghi được khoá khôi phục vào {path}: {reason}",
    ),
    "sync.campaign.needs_name": Text(
        en="The campaign needs a name.",
        vi="Đợt khảo sát cần có tên.",
    ),
    "sync.campaign.not_coordinator": Text(
        en="This is not a coordinator workspace. Run `fieldsurvey coordinator init` "
        "on the coordinator's computer.",
        vi="Đây không phải không gian làm việc của điều phối viên. Hãy chạy "
        "`fieldsurvey coordinator init` trên máy của điều phối viên.",
    ),
    "sync.campaign.laptop_not_set_up": Text(
        en="This laptop is not set up for a campaign. Run `fieldsurvey device setup FILE` "
        "with the device package from the coordinator.",
        vi="Máy này chưa được cài đặt cho đợt khảo sát nào. Hãy chạy "
        "`fieldsurvey device setup TỆP` với gói cài đặt nhận từ điều phối viên.",
    ),
    "sync.package.empty_passphrase": Text(
        en="The package passphrase must not be empty.",
        vi="Cụm mật khẩu của gói cài đặt không được để trống.",
    ),
    "sync.package.not_a_package": Text(
        en="This file is not a device package (empty or far too large).",
        vi="Tệp này không phải gói cài đặt (tệp rỗng hoặc quá lớn).",
    ),
    "sync.package.not_a_package_reason": Text(
        en="This file is not a device package ({reason}).",
        vi="Tệp này không phải gói cài đặt ({reason}).",
    ),
    "sync.package.wrong_passphrase": Text(
        en="The passphrase does not open this device package (or the file is damaged).",
        vi="Cụm mật khẩu không mở được gói cài đặt này (hoặc tệp bị hỏng).",
    ),
    "sync.package.malformed": Text(
        en="The device package is malformed.",
        vi="Gói cài đặt không đúng định dạng.",
    ),
    "sync.package.bad_signature": Text(
        en="The device package's signature is not valid; do not use it.",
        vi="Chữ ký của gói cài đặt không hợp lệ; đừng dùng gói này.",
    ),
    "sync.package.bad_key": Text(
        en="The device package holds a malformed key.",
        vi="Gói cài đặt chứa một khoá sai định dạng.",
    ),
    "sync.enrol.cannot_write_package": Text(
        en="Cannot write {path}: {reason}; the device was revoked.",
        vi="Không ghi được {path}: {reason}; máy vừa thêm đã bị thu hồi.",
    ),
    "sync.enrol.cannot_use_package": Text(
        en="Cannot use the device package {path}: {reason}.",
        vi="Không dùng được gói cài đặt {path}: {reason}.",
    ),
    "sync.enrol.laptop_only": Text(
        en="A device package can only set up a laptop workspace.",
        vi="Gói cài đặt chỉ dùng để tạo không gian làm việc trên máy của điều tra viên.",
    ),
    "sync.recovery.no_workspace": Text(
        en="No FieldSurvey workspace in {home}.",
        vi="Không có không gian làm việc FieldSurvey nào trong {home}.",
    ),
    "sync.recovery.no_slot": Text(
        en="The workspace in {home} has no recovery slot (it was not set up from a device "
        "package), so its password cannot be reset.",
        vi="Không gian làm việc trong {home} không có ô khôi phục (máy không được cài đặt "
        "từ gói cài đặt), nên không thể đặt lại mật khẩu.",
    ),
    "sync.recovery.damaged": Text(
        en="{file} in {home} is damaged.",
        vi="Tệp {file} trong {home} bị hỏng.",
    ),
    "sync.recovery.wrong_identity": Text(
        en="This identity cannot open the laptop's recovery slot (another campaign?).",
        vi="Khoá này không mở được ô khôi phục của máy (khoá của đợt khảo sát khác?).",
    ),
    "sync.recovery.slot_damaged": Text(
        en="The laptop's recovery slot is damaged.",
        vi="Ô khôi phục của máy bị hỏng.",
    ),
    "sync.recovery.slot_copied": Text(
        en="The recovery slot belongs to another workspace; it was copied.",
        vi="Ô khôi phục này thuộc về một không gian làm việc khác; nó đã bị chép sang đây.",
    ),
    "sync.recovery.identity_unusable": Text(
        en="The identity file {name} is not usable: {reason}.",
        vi="Không dùng được tệp khoá {name}: {reason}.",
    ),
}

# --- what the sync commands print (cli/sync_cmds.py) -----------------------------------
_CLI = {
    "sync.cli.campaign_created": Text(
        en="Campaign '{name}' created ({campaign_id}) in {home}.",
        vi="Đã tạo đợt khảo sát '{name}' ({campaign_id}) trong {home}.",
    ),
    "sync.cli.fingerprint": Text(
        en="Coordinator key fingerprint: {fingerprint}",
        vi="Dấu vân tay khoá của điều phối viên: {fingerprint}",
    ),
    "sync.cli.recovery_written": Text(
        en="Recovery identity written to {path}. Print it, lock the paper away and "
        "delete the file: whoever holds it can read every bundle of this campaign.",
        vi="Đã ghi khoá khôi phục vào {path}. Hãy in ra, cất bản in vào nơi có khoá và "
        "xoá tệp này: ai giữ khoá này đều đọc được mọi gói dữ liệu của đợt khảo sát.",
    ),
    "sync.cli.form_published": Text(
        en="Form {form_id} version {version} published to the campaign.",
        vi="Đã phát hành bảng hỏi {form_id} phiên bản {version} cho đợt khảo sát.",
    ),
    "sync.cli.warning": Text(en="  warning: {warning}", vi="  cảnh báo: {warning}"),
    "sync.cli.device_added": Text(
        en="Device '{name}' added; package written to {path}.",
        vi="Đã thêm máy '{name}'; gói cài đặt được ghi vào {path}.",
    ),
    "sync.cli.passphrase": Text(
        en="One-time package passphrase (tell it to the laptop user): {passphrase}",
        vi="Cụm mật khẩu dùng một lần của gói cài đặt (hãy báo trực tiếp cho người dùng máy): "
        "{passphrase}",
    ),
    "sync.cli.receipt_entities": Text(
        en="Lists: entries received or changed: {entities}; removed: {removed}; households"
        " to visit: {assignments}.",
        vi="Danh sách: số mục nhận hoặc cập nhật: {entities}; số mục bỏ: {removed}; số hộ cần"
        " đến thăm: {assignments}.",
    ),
    "sync.cli.device_wards": Text(
        en="Laptop '{name}' works in: {wards}. Its next receipt brings their entity lists.",
        vi="Máy '{name}' làm việc ở: {wards}. Biên nhận tới sẽ mang danh sách của các phường này.",
    ),
    "sync.cli.device_revoked": Text(
        en="Device '{name}' revoked ({date}).",
        vi="Đã thu hồi máy '{name}' ({date}).",
    ),
    "sync.receipt.device_revoked": Text(
        en="Laptop '{name}' was revoked on {date}: a receipt for it is written only when forced.",
        vi="Máy '{name}' đã bị thu hồi ngày {date}: chỉ ghi biên nhận cho máy này khi được "
        "xác nhận ghi bắt buộc.",
    ),
    "sync.cli.receipt_device_revoked": Text(
        en="Laptop '{name}' was revoked on {date}: add --force to write a receipt for it anyway.",
        vi="Máy '{name}' đã bị thu hồi ngày {date}: thêm --force nếu vẫn muốn ghi biên nhận "
        "cho máy này.",
    ),
    "sync.cli.device_line": Text(
        en="{name}\t{device_id}\tadded {added}\t{state}",
        vi="{name}\t{device_id}\tthêm ngày {added}\t{state}",
    ),
    "sync.cli.device_active": Text(en="active", vi="đang dùng"),
    "sync.cli.device_revoked_on": Text(en="revoked {date}", vi="đã thu hồi {date}"),
    "sync.cli.prompt_passphrase": Text(
        en="Package passphrase",
        vi="Cụm mật khẩu của gói cài đặt",
    ),
    "sync.cli.prompt_new_workspace_password": Text(
        en="New workspace password",
        vi="Mật khẩu mới của không gian làm việc",
    ),
    "sync.cli.laptop_set_up": Text(
        en="Laptop '{device}' set up for campaign '{campaign}' in {home}.",
        vi="Đã cài đặt máy '{device}' cho đợt khảo sát '{campaign}' trong {home}.",
    ),
    "sync.cli.nothing_to_export": Text(
        en="Nothing to export: no completed interviews.",
        vi="Không có gì để xuất: chưa có phiếu nào hoàn thành.",
    ),
    "sync.cli.bundle_written": Text(
        en="Bundle {sequence} written to {path} ({count} interviews).",
        vi="Đã ghi gói dữ liệu số {sequence} vào {path} ({count} phiếu).",
    ),
    "sync.cli.bundle_files": Text(
        en="It carries {count} files (photos, signatures, audit logs).",
        vi="Gói mang theo {count} tệp (ảnh, chữ ký, nhật ký thời gian trả lời).",
    ),
    "sync.cli.bundle_remaining": Text(
        en="The bundle is full: {count} completed interviews are left. Export again to "
        "write them into the next bundle.",
        vi="Gói dữ liệu đã đầy: còn {count} phiếu đã hoàn thành chưa được ghi. Hãy xuất "
        "thêm một lần nữa để ghi chúng vào gói tiếp theo.",
    ),
    "sync.cli.file_already_imported": Text(
        en="{file}: already imported, nothing changed.",
        vi="{file}: đã nhập trước đó, không có gì thay đổi.",
    ),
    "sync.cli.file_rejected": Text(
        en="{file}: REJECTED ({check}): {reason}",
        vi="{file}: BỊ TỪ CHỐI ({check}): {reason}",
    ),
    "sync.cli.file_accepted": Text(
        en="{file}: accepted from '{device}', bundle {sequence}: {counts}.",
        vi="{file}: đã nhận từ máy '{device}', gói số {sequence}: {counts}.",
    ),
    "sync.cli.count.new": Text(en="{count} new", vi="{count} mới"),
    "sync.cli.count.updated": Text(en="{count} updated", vi="{count} cập nhật"),
    "sync.cli.count.unchanged": Text(en="{count} unchanged", vi="{count} không đổi"),
    "sync.cli.count.conflicting": Text(en="{count} conflicting", vi="{count} xung đột"),
    "sync.cli.count.rejected": Text(en="{count} rejected", vi="{count} bị từ chối"),
    "sync.cli.gap": Text(
        en="  gap: bundles {first}..{last} of this device have not been imported yet.",
        vi="  còn thiếu: các gói số {first}..{last} của máy này chưa được nhập.",
    ),
    "sync.cli.interview_refused": Text(
        en="  interview {uuid} refused: {reason}",
        vi="  phiếu {uuid} bị từ chối: {reason}",
    ),
    "sync.cli.interview_conflict": Text(
        en="  interview {uuid}: conflict, see `fieldsurvey conflicts list`",
        vi="  phiếu {uuid}: có xung đột, xem `fieldsurvey conflicts list`",
    ),
    "sync.cli.bundle_duplicate": Text(
        en="  likely duplicate household ({rule}): {uuids}",
        vi="  có thể trùng hộ ({rule}): {uuids}",
    ),
    "sync.cli.rule.ward+household": Text(en="ward+household", vi="phường + mã hộ"),
    "sync.cli.rule.name+age+phone": Text(en="name+age+phone", vi="tên + tuổi + số điện thoại"),
    "sync.cli.decrypted": Text(
        en="Decrypted to {path}. It is NOT encrypted: keep it safe, delete it after use.",
        vi="Đã giải mã vào {path}. Tệp này KHÔNG được mã hoá: hãy cất giữ cẩn thận và "
        "xoá sau khi dùng.",
    ),
    "sync.cli.receipt_written": Text(
        en="Receipt for '{device}' written to {path}: {acknowledged} acknowledged, "
        "{returned} returned for correction.",
        vi="Đã ghi biên nhận cho máy '{device}' vào {path}: {acknowledged} phiếu được xác "
        "nhận, {returned} phiếu trả lại để sửa.",
    ),
    "sync.cli.receipt_already_imported": Text(
        en="Receipt already imported, nothing changed.",
        vi="Biên nhận này đã được nhập trước đó, không có gì thay đổi.",
    ),
    "sync.cli.receipt_applied": Text(
        en="Receipt applied: {acknowledged} acknowledged, {returned} returned for "
        "correction, {skipped} skipped (changed since or unknown).",
        vi="Đã áp dụng biên nhận: {acknowledged} phiếu được xác nhận, {returned} phiếu trả "
        "lại để sửa, {skipped} phiếu bỏ qua (đã sửa sau đó hoặc không có trên máy).",
    ),
    "sync.cli.forms_installed": Text(
        en="New form versions installed: {forms}.",
        vi="Đã cài các phiên bản bảng hỏi mới: {forms}.",
    ),
    "sync.cli.purge_acknowledged_only": Text(
        en="Only --acknowledged interviews can be purged.",
        vi="Chỉ xoá được câu trả lời của các phiếu đã được xác nhận (--acknowledged).",
    ),
    "sync.cli.purged": Text(
        en="Purged the answers of {count} acknowledged interviews.",
        vi="Đã xoá câu trả lời của {count} phiếu đã được xác nhận.",
    ),
    "sync.cli.will_return": Text(
        en="Interview {uuid} will be returned with the next receipt for its laptop.",
        vi="Phiếu {uuid} sẽ được trả lại cho máy của nó cùng biên nhận tiếp theo.",
    ),
    "sync.cli.alert": Text(en="ALERT {created}: {detail}", vi="CẢNH BÁO {created}: {detail}"),
    "sync.cli.conflict": Text(
        en="conflict {uuid} from '{device}': {fields}",
        vi="xung đột ở phiếu {uuid} từ máy '{device}': {fields}",
    ),
    "sync.cli.duplicate": Text(
        en="likely duplicate ({rule}): {uuids}",
        vi="có thể trùng lặp ({rule}): {uuids}",
    ),
    "sync.cli.nothing_to_resolve": Text(
        en="No conflicts, duplicates or alerts.",
        vi="Không có xung đột, trùng lặp hay cảnh báo nào.",
    ),
    "sync.cli.bad_field_choice": Text(
        en="Write --field PATH=laptop or PATH=coordinator, not '{text}'.",
        vi="Hãy viết --field ĐƯỜNG_DẪN=laptop hoặc ĐƯỜNG_DẪN=coordinator, không phải '{text}'.",
    ),
    "sync.cli.conflict_resolved": Text(
        en="Conflict on {uuid} resolved ({fields}).",
        vi="Đã giải quyết xung đột ở phiếu {uuid} ({fields}).",
    ),
    "sync.cli.prompt_new_laptop_password": Text(
        en="New password for the laptop",
        vi="Mật khẩu mới cho máy",
    ),
    "sync.cli.password_reset": Text(
        en="The laptop workspace in {home} has a new password.",
        vi="Không gian làm việc của máy trong {home} đã có mật khẩu mới.",
    ),
}

TEXTS: dict[str, Text] = {
    **_KEYS,
    **_JSON,
    **_AGE,
    **_CONTAINER,
    **_CHECKS,
    **_INSPECT,
    **_CAMPAIGN,
    **_CLI,
}
