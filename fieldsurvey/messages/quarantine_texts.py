"""Texts of the ``fieldsurvey quarantine`` commands (see :mod:`fieldsurvey.messages`);
the reasons a record is quarantined are ``sync.quarantine.*`` in sync_data_texts."""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    "cli.quarantine.empty": Text(
        en="No interview is in quarantine.",
        vi="Không có phiếu nào trong khu cách ly.",
    ),
    "cli.quarantine.row": Text(
        en="{uuid}  {device}  {form} ({version})  {status}: {reason}",
        vi="{uuid}  {device}  {form} ({version})  {status}: {reason}",
    ),
    "cli.quarantine.status.waiting": Text(en="waiting", vi="đang chờ"),
    "cli.quarantine.status.returned": Text(en="returned", vi="đã trả về"),
    "cli.quarantine.dropped": Text(
        en="Dropped interview {uuid} from the quarantine.",
        vi="Đã xoá phiếu {uuid} khỏi khu cách ly.",
    ),
    "cli.quarantine.returned": Text(
        en="Interview {uuid} goes back to its laptop with the next receipt.",
        vi="Phiếu {uuid} sẽ được trả về máy tính xách tay của nó cùng biên nhận tiếp theo.",
    ),
    "cli.quarantine.rechecked": Text(
        en="Merged {merged} interviews from the quarantine; {still} still wait.",
        vi="Đã gộp {merged} phiếu từ khu cách ly; còn {still} phiếu đang chờ.",
    ),
    "cli.quarantine.imported": Text(
        en="  quarantined: {count} interviews failed their form's checks "
        "(`fieldsurvey quarantine list`).",
        vi="  cách ly: {count} phiếu không đạt kiểm tra của bảng hỏi "
        "(`fieldsurvey quarantine list`).",
    ),
    "cli.quarantine.interview": Text(
        en="  interview {uuid} quarantined: {reason}",
        vi="  phiếu {uuid} bị cách ly: {reason}",
    ),
}
