"""Texts of the db area (see :mod:`fieldsurvey.messages`): the encrypted database file,
its connections and the errors sqlite and the OS report about it."""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    "db.storage_full": Text(
        en="The disk is full or the file cannot grow ({detail}); the last change was not "
        "saved and the existing data is unchanged. Free some space and try again.",
        vi="Ổ đĩa đã đầy hoặc tệp không thể lớn thêm ({detail}); thay đổi vừa rồi chưa được "
        "lưu và dữ liệu đã có vẫn nguyên vẹn. Hãy giải phóng bớt dung lượng rồi thử lại.",
    ),
    "db.corrupt": Text(
        en="The workspace database {name} is damaged or is not a FieldSurvey database "
        "({detail}). Restore it from a backup or ask the coordinator for help.",
        vi="Cơ sở dữ liệu {name} của không gian làm việc bị hỏng hoặc không phải của "
        "FieldSurvey ({detail}). Hãy khôi phục từ bản sao lưu hoặc nhờ điều phối viên giúp.",
    ),
    "db.cannot_write": Text(
        en="Cannot write to the workspace database {name} ({detail}); check that the folder "
        "exists and that you may write to it.",
        vi="Không thể ghi vào cơ sở dữ liệu {name} của không gian làm việc ({detail}); hãy "
        "kiểm tra thư mục có tồn tại và bạn có quyền ghi vào đó không.",
    ),
    "db.busy": Text(
        en="The workspace is busy (another FieldSurvey window or command is writing to it). "
        "Close it or try again; nothing was changed.",
        vi="Không gian làm việc đang bận (một cửa sổ hoặc lệnh FieldSurvey khác đang ghi "
        "vào). Hãy đóng nó hoặc thử lại; chưa có gì bị thay đổi.",
    ),
    "db.key_size": Text(
        en="The database key has the wrong size.",
        vi="Khóa của cơ sở dữ liệu có kích thước không đúng.",
    ),
    "db.missing": Text(
        en="The workspace database {path} is missing.",
        vi="Không tìm thấy cơ sở dữ liệu {path} của không gian làm việc.",
    ),
    "db.cannot_open": Text(
        en="Cannot open {path}: {detail}",
        vi="Không thể mở {path}: {detail}",
    ),
    "db.wal_failed": Text(
        en="Cannot switch the workspace database to WAL mode (got {mode}).",
        vi="Không thể chuyển cơ sở dữ liệu của không gian làm việc sang chế độ WAL "
        "(nhận được {mode}).",
    ),
    "db.closed": Text(
        en="The workspace is closed; open it again to read or change it.",
        vi="Không gian làm việc đã đóng; hãy mở lại để xem hoặc thay đổi dữ liệu.",
    ),
}
