"""Texts of the transports of issue 17: the sync folder (``folder.*``) and the inbox server.
See :mod:`fieldsurvey.messages`. Two helpers add entries here: keep one entry per code,
grouped by transport."""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    # --- sync folder (T-FOLDER) ------------------------------------------------------------
    "folder.not_set": Text(
        en="No sync folder is set: run `fieldsurvey sync folder set PATH` first.",
        vi="Chưa chọn thư mục đồng bộ: hãy chạy `fieldsurvey sync folder set ĐƯỜNG_DẪN` trước.",
    ),
    "folder.missing": Text(
        en="The sync folder {path} cannot be reached: is the drive connected and the sync"
        " app running?",
        vi="Không truy cập được thư mục đồng bộ {path}: ổ đĩa đã được kết nối và ứng dụng"
        " đồng bộ đang chạy chưa?",
    ),
    "folder.not_a_folder": Text(
        en="{path} is a file, not a folder: choose the sync folder itself.",
        vi="{path} là một tệp, không phải thư mục: hãy chọn chính thư mục đồng bộ.",
    ),
    "folder.not_writable": Text(
        en="Cannot write into the sync folder {path}: {detail}",
        vi="Không ghi được vào thư mục đồng bộ {path}: {detail}",
    ),
    "folder.name_taken": Text(
        en="The sync folder already holds a different file named {name}; nothing was"
        " overwritten. Ask the coordinator.",
        vi="Thư mục đồng bộ đã có một tệp khác cùng tên {name}; không ghi đè tệp nào."
        " Hãy hỏi điều phối viên.",
    ),
    "folder.cli.set": Text(
        en="Sync folder set: {path}. Laptops write bundles into {inbox}; the coordinator"
        " writes receipts into {receipts}.",
        vi="Đã chọn thư mục đồng bộ: {path}. Các máy ghi gói dữ liệu vào {inbox}; điều phối"
        " viên ghi biên nhận vào {receipts}.",
    ),
    "folder.cli.current": Text(
        en="Sync folder: {path}",
        vi="Thư mục đồng bộ: {path}",
    ),
    "folder.cli.delivered": Text(
        en="{name} written to the sync folder.",
        vi="Đã ghi {name} vào thư mục đồng bộ.",
    ),
    "folder.cli.nothing_to_send": Text(
        en="No new interviews to send.",
        vi="Không có phiếu mới nào để gửi.",
    ),
    "folder.cli.receipt_waiting": Text(
        en="Receipt {name} is still being copied by the sync app: it will be read next time.",
        vi="Biên nhận {name} vẫn đang được ứng dụng đồng bộ sao chép: lần sau sẽ đọc.",
    ),
    "folder.cli.receipt_refused": Text(
        en="Receipt {name} refused: {reason}",
        vi="Đã từ chối biên nhận {name}: {reason}",
    ),
    "folder.cli.watching": Text(
        en="Watching {folder} every {interval} s; press Ctrl+C to stop.",
        vi="Đang theo dõi {folder} mỗi {interval} giây; bấm Ctrl+C để dừng.",
    ),
    "folder.cli.incomplete": Text(
        en="{name}: incomplete ({size} of {expected} bytes), the sync app is still copying it;"
        " waiting.",
        vi="{name}: chưa đủ ({size} trên {expected} byte), ứng dụng đồng bộ vẫn đang sao chép;"
        " đang chờ.",
    ),
    "folder.cli.copy": Text(
        en="{name}: a copy of {original}, already handled.",
        vi="{name}: là bản sao của {original}, đã xử lý rồi.",
    ),
    "folder.cli.receipt_written": Text(
        en="Receipt for {device} written: {name}",
        vi="Đã ghi biên nhận cho {device}: {name}",
    ),
    "folder.cli.sent_line": Text(
        en="Sent {name} on {when}.",
        vi="Đã gửi {name} lúc {when}.",
    ),
    "folder.cli.nothing_sent": Text(
        en="No bundle has been sent through the sync folder yet.",
        vi="Chưa gửi gói dữ liệu nào qua thư mục đồng bộ.",
    ),
    "folder.cli.pending": Text(
        en="Waiting to be written into the sync folder: {names}",
        vi="Đang chờ ghi vào thư mục đồng bộ: {names}",
    ),
    "folder.cli.device_bundle": Text(
        en="{device}: last bundle through the folder {name}, imported {when}.",
        vi="{device}: gói dữ liệu gần nhất qua thư mục là {name}, đã nhập lúc {when}.",
    ),
    "folder.cli.device_receipt": Text(
        en="{device}: last receipt written {when} ({name}).",
        vi="{device}: biên nhận gần nhất được ghi lúc {when} ({name}).",
    ),
    "folder.cli.still_arriving": Text(
        en="Still arriving: {names}",
        vi="Vẫn đang được sao chép: {names}",
    ),
    "folder.cli.refused_file": Text(
        en="Refused: {name} (check: {check}); `fieldsurvey bundle import` on the file says why.",
        vi="Đã từ chối: {name} (bước kiểm tra: {check}); chạy `fieldsurvey bundle import` với"
        " tệp này để xem lý do.",
    ),
    "folder.cli.scan_summary": Text(
        en="{folder}: {imported} file(s) imported, {refused} refused, {waiting} still being"
        " copied.",
        vi="{folder}: đã nhập {imported} tệp, từ chối {refused}, còn {waiting} tệp đang được"
        " sao chép.",
    ),
}
