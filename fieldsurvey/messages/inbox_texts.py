"""Texts of the inbox server and its client (``inbox.*``; see :mod:`fieldsurvey.messages`):
``fieldsurvey serve`` and ``fieldsurvey bundle send --to URL``."""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    # --- refusals by the server (sent as codes, shown by the laptop in its language) ----
    "inbox.not_a_bundle_id": Text(
        en="The address does not name a bundle.",
        vi="Địa chỉ này không chỉ tới một gói dữ liệu nào.",
    ),
    "inbox.header_missing": Text(
        en="The upload carries no signed bundle header.",
        vi="Yêu cầu gửi lên không kèm phần đầu đã ký của gói dữ liệu.",
    ),
    "inbox.bundle_id_mismatch": Text(
        en="The address names another bundle than its signed header.",
        vi="Địa chỉ ghi một gói dữ liệu khác với gói mà phần đầu đã ký nêu.",
    ),
    "inbox.too_large": Text(
        en="The bundle ({size} bytes) is larger than this inbox accepts ({limit} bytes).",
        vi="Gói dữ liệu ({size} byte) lớn hơn mức hộp thư này nhận ({limit} byte).",
    ),
    "inbox.rate_limited": Text(
        en="Too many requests from this laptop; try again in {seconds} seconds.",
        vi="Máy này gửi quá nhiều yêu cầu; hãy thử lại sau {seconds} giây.",
    ),
    "inbox.too_many_uploads": Text(
        en="This laptop already has {count} unfinished uploads; finish them first.",
        vi="Máy này đang có {count} lần gửi chưa xong; hãy gửi xong các lần đó trước.",
    ),
    "inbox.bad_length": Text(
        en="The upload's length is missing or goes past the end of the bundle.",
        vi="Yêu cầu gửi lên không ghi độ dài, hoặc độ dài vượt quá cuối gói dữ liệu.",
    ),
    "inbox.offset_mismatch": Text(
        en="The upload does not go on where the inbox stopped (byte {offset}).",
        vi="Phần gửi lên không nối tiếp chỗ hộp thư đã nhận tới (byte {offset}).",
    ),
    "inbox.upload_in_progress": Text(
        en="This bundle is being uploaded already; try again in a moment.",
        vi="Gói dữ liệu này đang được gửi lên; hãy thử lại sau một lát.",
    ),
    "inbox.upload_mismatch": Text(
        en="The uploaded bytes are not those its signed header describes; it was dropped.",
        vi="Dữ liệu gửi lên không khớp với phần đầu đã ký của nó nên đã bị bỏ.",
    ),
    "inbox.bad_challenge": Text(
        en="The challenge must be {bytes} random bytes in hexadecimal.",
        vi="Chuỗi thử phải là {bytes} byte ngẫu nhiên viết ở dạng thập lục phân.",
    ),
    "inbox.receipt_refused": Text(
        en="The request for receipts is not signed by an enrolled laptop.",
        vi="Yêu cầu lấy biên nhận không được ký bởi một máy đã đăng ký.",
    ),
    "inbox.unavailable": Text(
        en="The inbox cannot read its workspace right now; try again later.",
        vi="Hộp thư tạm thời không đọc được không gian làm việc; hãy thử lại sau.",
    ),
    "inbox.bad_host": Text(
        en="Not an address to listen on: {host!r}. Use 127.0.0.1 behind a reverse proxy.",
        vi="Không phải địa chỉ để nhận kết nối: {host!r}. Hãy dùng 127.0.0.1 khi chạy sau "
        "một reverse proxy.",
    ),
    # --- the laptop's side -------------------------------------------------------------
    "inbox.bad_url": Text(
        en="Not an inbox address: {url}. Write it as http://host:port/ or https://host/.",
        vi="Không phải địa chỉ hộp thư: {url}. Hãy viết dạng http://máy:cổng/ hoặc https://máy/.",
    ),
    "inbox.unreachable": Text(
        en="The inbox at {url} cannot be reached ({reason}). Nothing was lost: send again "
        "later, or use a USB stick.",
        vi="Không kết nối được tới hộp thư {url} ({reason}). Không mất dữ liệu nào: hãy gửi "
        "lại sau, hoặc dùng USB.",
    ),
    "inbox.server_not_coordinator": Text(
        en="The server at {url} did not prove it holds this campaign's coordinator key. "
        "Nothing was sent: check the address with the coordinator.",
        vi="Máy chủ {url} không chứng minh được nó giữ khóa của điều phối viên đợt khảo sát "
        "này. Chưa gửi gì: hãy hỏi lại điều phối viên địa chỉ đúng.",
    ),
    "inbox.protocol": Text(
        en="The inbox at {url} answered something unexpected (HTTP {status}).",
        vi="Hộp thư {url} trả lời không như mong đợi (HTTP {status}).",
    ),
    "inbox.refused": Text(
        en="The inbox refused {file}: {reason}",
        vi="Hộp thư từ chối {file}: {reason}",
    ),
    "inbox.gave_up": Text(
        en="The upload of {file} broke off {attempts} times; send again when the network "
        "is steadier (what arrived is kept).",
        vi="Việc gửi {file} bị ngắt {attempts} lần; hãy gửi lại khi mạng ổn định hơn (phần "
        "đã tới được giữ lại).",
    ),
    # --- command output ----------------------------------------------------------------
    "inbox.cli.serving": Text(
        en="Inbox of campaign {campaign} listening on http://{host}:{port}/ (Ctrl+C stops "
        "it). Laptops check the coordinator key {fingerprint}.",
        vi="Hộp thư của đợt khảo sát {campaign} đang nhận tại http://{host}:{port}/ (Ctrl+C "
        "để dừng). Các máy kiểm tra khóa điều phối viên {fingerprint}.",
    ),
    "inbox.cli.sent": Text(
        en="{file}: sent and merged by the coordinator.",
        vi="{file}: đã gửi và điều phối viên đã nhập.",
    ),
    "inbox.cli.resumed": Text(
        en="{file}: went on from byte {offset} after a broken connection.",
        vi="{file}: gửi tiếp từ byte {offset} sau khi mất kết nối.",
    ),
    "inbox.cli.rejected": Text(
        en="{file}: refused by the coordinator ({reason}); it is kept in {folder} to hand "
        "over on a USB stick.",
        vi="{file}: điều phối viên từ chối ({reason}); tệp được giữ trong {folder} để "
        "chuyển bằng USB.",
    ),
    "inbox.cli.nothing_to_send": Text(
        en="Nothing new to send.",
        vi="Không có gì mới để gửi.",
    ),
    "inbox.cli.no_address": Text(
        en="No inbox address is set: give it with --to (it is remembered after a send).",
        vi="Chưa có địa chỉ hộp thư: hãy ghi bằng --to (địa chỉ được nhớ sau lần gửi).",
    ),
}
