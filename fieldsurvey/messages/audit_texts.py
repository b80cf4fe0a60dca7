"""Texts of the audit chain's anchor (issue 12): a received chain that was cut or
rewritten, forged audit entries refused at import, and what ``verify`` finds when the
interviews or a chain's tail disagree with the log. They name entries (seq), bundles
and interviews (uuid), never a value."""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    # the import check of the header's head against the payload (check "binding")
    "sync.check.audit_head": Text(
        en="the audit chain head in the header is not the payload's last audit entry",
        vi="đầu chuỗi nhật ký kiểm tra ghi trong phần đầu không khớp với mục nhật ký "
        "cuối cùng trong nội dung",
    ),
    # findings about a chain segment (store.audit.check_segment), after "audit entry {seq}: "
    "store.audit.two_versions": Text(
        en="received twice with different content (rewritten)",
        vi="nhận được hai lần với nội dung khác nhau (đã bị viết lại)",
    ),
    "store.audit.head_went_back": Text(
        en="the signed chain head went back from entry {previous} (entries cut)",
        vi="đầu chuỗi đã ký lùi lại so với mục {previous} (các mục đã bị cắt bỏ)",
    ),
    "store.audit.head_rewritten": Text(
        en="differs from the chain head signed before (history rewritten)",
        vi="khác với đầu chuỗi đã được ký trước đó (lịch sử đã bị viết lại)",
    ),
    "store.audit.beyond_head": Text(
        en="comes after the signed chain head",
        vi="nằm sau đầu chuỗi đã ký",
    ),
    "store.audit.exported_head_missing": Text(
        en="the entry the last exported bundle signed as the chain head is gone (entries cut)",
        vi="mục được ký làm đầu chuỗi trong gói dữ liệu xuất gần nhất không còn nữa "
        "(các mục đã bị cắt bỏ)",
    ),
    "store.audit.exported_head_rewritten": Text(
        en="differs from the chain head the last exported bundle signed (history rewritten)",
        vi="khác với đầu chuỗi đã ký trong gói dữ liệu xuất gần nhất (lịch sử đã bị viết lại)",
    ),
    "store.audit.received_tail_at": Text(
        en="the signed chain head, but the entries received end at entry {tail}",
        vi="là đầu chuỗi đã ký, nhưng các mục nhận được kết thúc ở mục {tail}",
    ),
    "store.audit.received_problem": Text(
        en="device {device}: {problem}",
        vi="máy {device}: {problem}",
    ),
    # alerts of an import (kind "audit-chain" and "audit-forged")
    "store.audit.chain_alert": Text(
        en="audit chain of device {device} is cut or rewritten (bundle {sequence}): {problem}",
        vi="chuỗi nhật ký kiểm tra của máy {device} đã bị cắt bỏ hoặc viết lại (gói dữ liệu "
        "số {sequence}): {problem}",
    ),
    "store.audit.entries_refused": Text(
        en="{count} audit entries refused (forged or altered)",
        vi="{count} mục nhật ký kiểm tra bị từ chối (giả mạo hoặc đã bị sửa)",
    ),
    "store.audit.entries_refused_alert": Text(
        en="device {device}, bundle {sequence}: {count} audit entries refused (forged or altered)",
        vi="máy {device}, gói dữ liệu số {sequence}: {count} mục nhật ký kiểm tra bị từ chối "
        "(giả mạo hoặc đã bị sửa)",
    ),
    # verify: interview rows against the log
    "store.audit.interview_not_created": Text(
        en="interview {uuid} has no creation entry in the audit log",
        vi="phiếu {uuid} không có mục tạo phiếu trong nhật ký kiểm tra",
    ),
    "store.audit.interview_status": Text(
        en="interview {uuid} is '{status}' but the audit log says '{logged}'",
        vi="phiếu {uuid} đang ở trạng thái '{status}' nhưng nhật ký kiểm tra ghi '{logged}'",
    ),
}
