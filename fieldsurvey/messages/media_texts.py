"""Texts of media answers and the audit log (``media.*``; the printed record's
``report.record_media_*``), see :mod:`fieldsurvey.messages`."""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    # A file attached on the laptop, or brought by a bundle.
    "media.bad_name": Text(
        en="The file name {name} cannot be kept: use letters, digits, '_' or '-' and one"
        " extension.",
        vi="Không thể lưu tệp tên {name}: tên chỉ gồm chữ, số, '_' hoặc '-' và một phần mở rộng.",
    ),
    "media.type_not_taken": Text(
        en="{name}: this kind of file cannot be attached. Photos (JPEG, PNG), audio, video,"
        " PDF, Word, Excel and text files can.",
        vi="{name}: không đính kèm được loại tệp này. Chỉ nhận ảnh (JPEG, PNG), âm thanh, video,"
        " PDF, Word, Excel và tệp văn bản.",
    ),
    "media.too_large": Text(
        en="{name} is larger than {max_mb} MB and cannot be attached. Make it smaller (a"
        " photo at a lower resolution, a shorter recording) and attach it again.",
        vi="Tệp {name} lớn hơn {max_mb} MB nên không đính kèm được. Hãy làm tệp nhỏ hơn (ảnh"
        " độ phân giải thấp hơn, bản ghi ngắn hơn) rồi đính kèm lại.",
    ),
    "media.type_mismatch": Text(
        en="{name} was declared as another type of file than its name says.",
        vi="Tệp {name} được khai báo là loại khác với loại mà tên tệp cho biết.",
    ),
    "media.content_not_its_type": Text(
        en="{name} is not what its name says (its content is not of that type of file):"
        " it may be damaged or renamed.",
        vi="Tệp {name} không đúng như tên của nó (nội dung không phải loại tệp đó): có thể"
        " tệp bị hỏng hoặc đã bị đổi tên.",
    ),
    "media.interview_full": Text(
        en="{name} cannot be attached: the files of one interview may take {max_mb} MB in"
        " all. Remove a file or attach a smaller one.",
        vi="Không đính kèm được {name}: tổng dung lượng tệp của một phiếu tối đa {max_mb} MB."
        " Hãy gỡ bớt một tệp hoặc đính kèm tệp nhỏ hơn.",
    ),
    "media.not_readable": Text(
        en="{name} could not be read: {detail}",
        vi="Không đọc được tệp {name}: {detail}",
    ),
    "media.wrong_question_type": Text(
        en="{name} is not a file this question takes.",
        vi="Tệp {name} không phải loại tệp mà câu hỏi này nhận.",
    ),
    # Received on the coordinator: one file refused (its record then waits in quarantine).
    "media.not_bound": Text(
        en="{name}: the interview it belongs to was not made on the laptop that sent it.",
        vi="Tệp {name}: phiếu chứa tệp này không được tạo trên máy đã gửi nó.",
    ),
    "media.hash_mismatch": Text(
        en="{name} arrived altered (its content does not match its SHA-256).",
        vi="Tệp {name} đến nơi đã bị thay đổi (nội dung không khớp SHA-256 của nó).",
    ),
    "media.audit_not_csv": Text(
        en="{name} is not an audit log as ODK writes it (audit.csv).",
        vi="Tệp {name} không phải nhật ký kiểm tra theo dạng ODK (audit.csv).",
    ),
    "media.no_record": Text(
        en="{name} came without its interview in the bundle.",
        vi="Tệp {name} được gửi đến mà không có phiếu của nó trong gói dữ liệu.",
    ),
    "media.refused_alert": Text(
        en="{count} files refused from laptop {device}, bundle {sequence}.",
        vi="Đã từ chối {count} tệp từ máy {device}, gói dữ liệu số {sequence}.",
    ),
    # Reasons a received interview waits in the quarantine.
    "media.quarantine_missing": Text(
        en="the file of {path} did not arrive or was refused: ask the laptop to send it again",
        vi="tệp của câu {path} không đến nơi hoặc đã bị từ chối: hãy yêu cầu máy gửi lại",
    ),
    "media.quarantine_wrong_type": Text(
        en="the file of {path} is not of the type its question takes",
        vi="tệp của câu {path} không đúng loại mà câu hỏi nhận",
    ),
    "media.quarantine_bad_value": Text(
        en="{path} holds no usable file name",
        vi="câu {path} không chứa tên tệp hợp lệ",
    ),
    # Exports.
    "media.export_files": Text(
        en="{count} files (photos, signatures, recordings, audit logs) written in {folder}.",
        vi="Đã ghi {count} tệp (ảnh, chữ ký, bản ghi âm, nhật ký kiểm tra) vào {folder}.",
    ),
    "media.export_missing": Text(
        en="{count} files named in the answers are not in this workspace (their cells keep"
        " the name).",
        vi="{count} tệp được nêu trong câu trả lời không có trong không gian làm việc này (ô"
        " vẫn giữ tên tệp).",
    ),
    # The printed record.
    "report.record_media_missing": Text(
        en="{name} (the file is not in this workspace)",
        vi="{name} (tệp không có trong không gian làm việc này)",
    ),
    "report.record_media_file": Text(
        en="{name} ({size} KB)",
        vi="{name} ({size} KB)",
    ),
    "report.record_media_unreadable": Text(
        en="{name} (an image that cannot be shown)",
        vi="{name} (ảnh không hiển thị được)",
    ),
}
