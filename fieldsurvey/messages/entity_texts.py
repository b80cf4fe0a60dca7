"""Texts of entities: households and people registered once and revisited (``entity.*``),
see :mod:`fieldsurvey.messages`. Several helpers add entries here: keep one entry per code,
grouped by area (forms, store, sync, CLI, UI)."""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    "entity.unknown_entity": Text(
        en="List {list}: this laptop does not hold the chosen entry; it may have been merged"
        " or moved to another ward.",
        vi="Danh sách {list}: máy này không có mục đã chọn; có thể mục đó đã được gộp hoặc"
        " chuyển sang phường khác.",
    ),
    # --- sync (E-SYNC): records quarantined for their entity actions, receipts -------------
    "entity.quarantine.too_many_actions": Text(
        en="the interview acts on {count} entries of entity lists, more than the limit of {max}",
        vi="phiếu tác động đến {count} mục trong các danh sách, vượt giới hạn {max}",
    ),
    "entity.quarantine.malformed": Text(
        en="entity action {number} is malformed",
        vi="thao tác thứ {number} trên danh sách bị sai định dạng",
    ),
    "entity.quarantine.twice": Text(
        en="entity action {number} acts a second time on the same entry of list {list}",
        vi="thao tác thứ {number} tác động lần thứ hai đến cùng một mục của danh sách {list}",
    ),
    "entity.quarantine.bad_list_name": Text(
        en="entity action {number} names a list with a name that is not allowed",
        vi="thao tác thứ {number} ghi một tên danh sách không hợp lệ",
    ),
    "entity.quarantine.label_too_long": Text(
        en="entity action {number} (list {list}): the label is longer than {max} characters",
        vi="thao tác thứ {number} (danh sách {list}): nhãn dài quá {max} ký tự",
    ),
    "entity.quarantine.control_character": Text(
        en="entity action {number} (list {list}): a value holds a control character",
        vi="thao tác thứ {number} (danh sách {list}): một giá trị chứa ký tự điều khiển",
    ),
    "entity.quarantine.too_many_properties": Text(
        en="entity action {number} (list {list}): {count} properties, more than the limit of {max}",
        vi="thao tác thứ {number} (danh sách {list}): {count} thuộc tính, vượt giới hạn {max}",
    ),
    "entity.quarantine.bad_property": Text(
        en="entity action {number} (list {list}): a property has a name that is not allowed",
        vi="thao tác thứ {number} (danh sách {list}): một thuộc tính có tên không hợp lệ",
    ),
    "entity.quarantine.value_too_long": Text(
        en="entity action {number} (list {list}): property {property} is longer than {max}"
        " characters",
        vi="thao tác thứ {number} (danh sách {list}): thuộc tính {property} dài quá {max} ký tự",
    ),
    "entity.quarantine.not_bound": Text(
        en="entity action {number} (list {list}): the new entry's id was not made on the"
        " laptop that sent it",
        vi="thao tác thứ {number} (danh sách {list}): mã của mục mới không được tạo trên máy"
        " đã gửi nó",
    ),
    "entity.quarantine.id_collision": Text(
        en="entity action {number} (list {list}): another interview already created an entry"
        " with this id",
        vi="thao tác thứ {number} (danh sách {list}): một phiếu khác đã tạo một mục có mã này",
    ),
    "entity.quarantine.unknown_entity": Text(
        en="entity action {number} (list {list}) updates an entry the coordinator does not"
        " hold or never sent to this laptop",
        vi="thao tác thứ {number} (danh sách {list}) cập nhật một mục mà điều phối viên không"
        " có hoặc chưa từng gửi cho máy này",
    ),
    "entity.quarantine.form_has_no_entities": Text(
        en="the interview acts on entity lists, but its form version declares none",
        vi="phiếu tác động đến danh sách, nhưng phiên bản bảng hỏi của nó không khai báo"
        " danh sách nào",
    ),
    "entity.quarantine.not_derived": Text(
        en="the interview's entity actions are not what its form gives for its answers",
        vi="các thao tác trên danh sách của phiếu không khớp với những gì bảng hỏi cho ra từ"
        " câu trả lời",
    ),
    "entity.bundle_refused": Text(
        en="The bundle was refused: the entity actions of interview {uuid} cannot be merged."
        " Nothing of it was kept.",
        vi="Gói dữ liệu bị từ chối: không thể gộp các thao tác trên danh sách của phiếu {uuid}."
        " Không có gì trong gói được giữ lại.",
    ),
    "entity.receipt.too_many": Text(
        en="The receipt carries {count} entries of list {list}, more than the limit of {max}."
        " Nothing of the receipt was applied; ask the coordinator for a new one.",
        vi="Biên nhận mang {count} mục của danh sách {list}, vượt giới hạn {max}. Chưa áp dụng"
        " gì từ biên nhận này; hãy xin điều phối viên một biên nhận mới.",
    ),
    "entity.receipt.bad_entry": Text(
        en="The receipt is damaged: entry {number} of its entity lists is malformed or over"
        " the limits. Nothing of the receipt was applied; ask the coordinator for a new one.",
        vi="Biên nhận bị hỏng: mục thứ {number} trong các danh sách của nó sai định dạng hoặc"
        " vượt giới hạn. Chưa áp dụng gì từ biên nhận này; hãy xin điều phối viên một biên"
        " nhận mới.",
    ),
    "entity.package.too_many": Text(
        en="The device package carries {count} entries of list {list}, more than the limit of"
        " {max}. Ask the coordinator for a new package.",
        vi="Gói cài đặt mang {count} mục của danh sách {list}, vượt giới hạn {max}. Hãy xin điều"
        " phối viên một gói cài đặt mới.",
    ),
    "entity.package.bad_entry": Text(
        en="The device package is damaged: entry {number} of its entity lists is malformed or"
        " over the limits. Ask the coordinator for a new package.",
        vi="Gói cài đặt bị hỏng: mục thứ {number} trong các danh sách của nó sai định dạng hoặc"
        " vượt giới hạn. Hãy xin điều phối viên một gói cài đặt mới.",
    ),
    # --- CLI (E-CLI): fieldsurvey entity ..., fieldsurvey assignment ... ------------------
    "entity.cli.bad_list": Text(
        en="{list} is not the name of an entity list (letters, digits, _ . -).",
        vi="{list} không phải tên một danh sách (chỉ gồm chữ, số, _ . -).",
    ),
    "entity.cli.no_such_entity": Text(
        en="List {list} has no entry {id}.", vi="Danh sách {list} không có mục {id}."
    ),
    "entity.cli.ambiguous_id": Text(
        en="List {list}: several entries start with {id}; type more of the id.",
        vi="Danh sách {list}: có nhiều mục bắt đầu bằng {id}; hãy gõ thêm ký tự của mã.",
    ),
    "entity.cli.empty_list": Text(
        en="List {list} holds no entries here: nothing to export.",
        vi="Danh sách {list} ở đây chưa có mục nào: không có gì để xuất.",
    ),
    "entity.cli.bad_choice": Text(
        en="{text}: write NAME=mine (keep the network's value) or NAME=theirs (take the laptop's).",
        vi="{text}: hãy ghi TÊN=mine (giữ giá trị của mạng lưới) hoặc TÊN=theirs (lấy giá"
        " trị của máy gửi lên).",
    ),
    "entity.cli.no_lists": Text(
        en="No entity lists in this workspace yet.",
        vi="Không gian làm việc này chưa có danh sách nào.",
    ),
    "entity.cli.list_size": Text(en="{list}: {count} entries", vi="{list}: {count} mục"),
    "entity.cli.row": Text(
        en="{id}  {label}  (version {version}, ward {ward})",
        vi="{id}  {label}  (phiên bản {version}, phường {ward})",
    ),
    "entity.cli.shown": Text(
        en="{shown} of {total} entries of list {list} shown.",
        vi="Đã hiện {shown} trên {total} mục của danh sách {list}.",
    ),
    "entity.cli.show_head": Text(
        en="{list} {id}: {label} (version {version}, ward {ward})",
        vi="{list} {id}: {label} (phiên bản {version}, phường {ward})",
    ),
    "entity.cli.show_merged": Text(
        en="  Merged into {id} (the same household registered twice).",
        vi="  Đã gộp vào {id} (cùng một hộ được đăng ký hai lần).",
    ),
    "entity.cli.history_head": Text(en="History:", vi="Lịch sử:"),
    "entity.cli.history_row": Text(
        en="  v{version} {kind} {at}  interview {interview}  laptop {device}  by {who}",
        vi="  v{version} {kind} {at}  phiếu {interview}  máy {device}  người làm {who}",
    ),
    "entity.cli.history_of_merged": Text(
        en="      (of {id}, merged into this one)", vi="      (của {id}, đã gộp vào mục này)"
    ),
    "entity.cli.kind.create": Text(en="created", vi="tạo mới"),
    "entity.cli.kind.update": Text(en="updated", vi="cập nhật"),
    "entity.cli.kind.correct": Text(en="corrected", vi="sửa lại"),
    "entity.cli.kind.base": Text(en="base of an update", vi="bản gốc của một lần cập nhật"),
    "entity.cli.kind.resolve": Text(en="conflict resolved", vi="giải quyết xung đột"),
    "entity.cli.kind.merge": Text(en="merged with another", vi="gộp với mục khác"),
    "entity.cli.kind.merged": Text(en="merged away", vi="đã gộp vào mục khác"),
    "entity.cli.kind.assign": Text(en="assigned", vi="phân công"),
    "entity.cli.no_conflicts": Text(
        en="No entity conflicts to resolve.", vi="Không có xung đột danh sách nào cần giải quyết."
    ),
    "entity.cli.conflict": Text(
        en="#{id} {list} {entity} {label}: laptop {device} (interview {interview}) updated"
        " version {base}, the network has version {current} [{status}]",
        vi="#{id} {list} {entity} {label}: máy {device} (phiếu {interview}) cập nhật từ"
        " phiên bản {base}, mạng lưới đang có phiên bản {current} [{status}]",
    ),
    "entity.cli.conflict_property": Text(
        en="    {property}: network {mine} | laptop {theirs}",
        vi="    {property}: mạng lưới {mine} | máy gửi {theirs}",
    ),
    "entity.cli.status.open": Text(en="open", vi="chưa giải quyết"),
    "entity.cli.status.resolved": Text(en="resolved", vi="đã giải quyết"),
    "entity.cli.resolved": Text(
        en="Conflict #{id} resolved: version {version} goes to the laptops with their next"
        " receipt.",
        vi="Đã giải quyết xung đột #{id}: phiên bản {version} sẽ đến các máy qua biên nhận"
        " tiếp theo.",
    ),
    "entity.cli.resolved_kept": Text(
        en="Conflict #{id} resolved: the entry keeps the network's values.",
        vi="Đã giải quyết xung đột #{id}: mục giữ nguyên giá trị của mạng lưới.",
    ),
    "entity.cli.merged": Text(
        en="{list}: {drop} merged into {keep} (now version {version}); both histories are kept.",
        vi="{list}: đã gộp {drop} vào {keep} (nay là phiên bản {version}); lịch sử của cả"
        " hai được giữ lại.",
    ),
    "entity.cli.column.id": Text(en="Entry id", vi="Mã mục"),
    "entity.cli.column.label": Text(en="Label", vi="Nhãn"),
    "entity.cli.column.version": Text(en="Version", vi="Phiên bản"),
    "entity.cli.column.ward": Text(en="Ward", vi="Phường"),
    "entity.cli.column.created": Text(en="Created", vi="Ngày tạo"),
    "entity.cli.column.updated": Text(en="Last changed", vi="Thay đổi lần cuối"),
    "entity.cli.column.entity": Text(
        en="Entry the interview acted on (another one if merged)",
        vi="Mục mà phiếu tác động (mục khác nếu đã gộp)",
    ),
    "entity.cli.column.kind": Text(en="What the interview did", vi="Phiếu đã làm gì"),
    "entity.cli.column.interview": Text(en="Interview id", vi="Mã phiếu"),
    "entity.cli.column.device": Text(en="Laptop", vi="Máy"),
    "entity.cli.column.at": Text(en="When", vi="Thời điểm"),
    "entity.cli.column.interviews_table": Text(
        en="Interviews that created or updated each entry",
        vi="Các phiếu đã tạo hoặc cập nhật từng mục",
    ),
    "entity.cli.assigned": Text(
        en="{count} entries assigned to {device} ({already} already were); they travel with"
        " its next receipt.",
        vi="Đã phân công {count} mục cho {device} ({already} mục đã được phân công từ trước);"
        " các mục sẽ đến máy qua biên nhận tiếp theo.",
    ),
    "entity.cli.no_assignments": Text(en="No assignments.", vi="Chưa có phân công nào."),
    "entity.cli.assignment": Text(
        en="{id}  {label}  laptop {device}, wave {wave}: {status}",
        vi="{id}  {label}  máy {device}, đợt {wave}: {status}",
    ),
    "entity.cli.visit.pending": Text(en="to visit", vi="chưa thăm"),
    "entity.cli.visit.visited": Text(en="visited", vi="đã gặp"),
    "entity.cli.visit.refused": Text(en="refused", vi="từ chối"),
    "entity.cli.visit.moved": Text(en="moved", vi="đã chuyển đi"),
    "entity.cli.visit.not_found": Text(en="not found", vi="không tìm thấy"),
    "entity.cli.progress": Text(
        en="{device}: {done} of {total} done (visited {visited}, refused {refused}, moved"
        " {moved}, not found {not_found})",
        vi="{device}: đã xong {done}/{total} (đã gặp {visited}, từ chối {refused}, đã chuyển"
        " đi {moved}, không tìm thấy {not_found})",
    ),
    "demo.progress_wave_2": Text(
        en="Six months later: registered households revisited on other laptops",
        vi="Sáu tháng sau: thăm lại các hộ đã đăng ký, trên máy khác",
    ),
    # --- report (E-CLI): the ward summary's follow-up section (reports/follow_up.py) -------
    "report.follow_up_heading": Text(en="Follow-up visits: {w}", vi="Thăm lại hộ: phường {w}"),
    "report.follow_up_results": Text(en="Result of the follow-up visit", vi="Kết quả lần thăm lại"),
    "report.follow_up_result_visited": Text(
        en="Visited, the household answered", vi="Đã gặp, hộ trả lời"
    ),
    "report.follow_up_result_refused": Text(en="Refused", vi="Hộ từ chối"),
    "report.follow_up_result_moved": Text(en="Moved away", vi="Hộ đã chuyển đi"),
    "report.follow_up_result_not_found": Text(en="Not found", vi="Không tìm thấy hộ"),
    "report.follow_up_base_all": Text(
        en="Base: {n} households followed up (each household once: its latest visit).",
        vi="Cơ sở: {n} hộ được thăm lại (mỗi hộ tính một lần: lần thăm gần nhất).",
    ),
    "report.follow_up_base_visited": Text(
        en="Base: {n} households met that answered.",
        vi="Cơ sở: {n} hộ đã gặp và trả lời.",
    ),
    "report.follow_up_base_moved": Text(
        en="Base: {n} households that moved away.", vi="Cơ sở: {n} hộ đã chuyển đi."
    ),
    "report.follow_up_temp_reg": Text(
        en="Temporary-residence registration of the head of household, last wave and now",
        vi="Đăng ký tạm trú của chủ hộ: lần trước và lần này",
    ),
    "report.follow_up_temp_reg_note": Text(
        en="Yes: registered and still valid. Expired, not registered or don't know count as no.",
        vi="Có: đã đăng ký và còn hạn. Hết hạn, chưa đăng ký hoặc không biết được tính là không.",
    ),
    "report.follow_up_hi_card": Text(
        en="Health-insurance card of the head of household, last wave and now",
        vi="Thẻ bảo hiểm y tế của chủ hộ: lần trước và lần này",
    ),
    "report.follow_up_hi_card_note": Text(
        en="Yes: a card registered in Hanoi or in the home province.",
        vi="Có: có thẻ, đăng ký khám chữa bệnh ban đầu ở Hà Nội hoặc ở quê.",
    ),
    "report.follow_up_row_head": Text(en="Last wave", vi="Lần trước"),
    "report.follow_up_cells_note": Text(
        en="Each cell: households (percentage of the row).",
        vi="Mỗi ô: số hộ (tỷ lệ % theo hàng).",
    ),
    "report.follow_up_after": Text(en="Now", vi="Lần này"),
    "report.follow_up_had": Text(en="Yes", vi="Có"),
    "report.follow_up_had_not": Text(en="No", vi="Không"),
    "report.follow_up_moved_where": Text(
        en="Where the households that moved went", vi="Hộ đã chuyển đi đâu"
    ),
    "report.follow_up_moved_other_ward": Text(
        en="Another ward of Hanoi", vi="Phường khác ở Hà Nội"
    ),
    "report.follow_up_moved_home_province": Text(en="Back to the home province", vi="Về quê"),
    "report.follow_up_moved_other_province": Text(en="Another province", vi="Tỉnh khác"),
    "report.follow_up_moved_dont_know": Text(en="Don't know", vi="Không biết"),
    "report.follow_up_too_few": Text(
        en="Fewer than 5 households followed up: no details are shown, so nobody can be"
        " recognised.",
        vi="Ít hơn 5 hộ được thăm lại: không trình bày chi tiết để không ai bị nhận ra.",
    ),
    # --- forms (E-FORMS): entity actions re-derived from the answers
    "entity.action_mismatch": Text(
        en="List {list}, at {path}: the entity's {field} is not what the form gives from"
        " the answers.",
        vi="Danh sách {list}, tại {path}: {field} của mục không khớp với những gì bảng hỏi"
        " tính ra từ câu trả lời.",
    ),
    "entity.action_missing": Text(
        en="List {list}, at {path}: the answers create or update an entry that the"
        " interview does not carry.",
        vi="Danh sách {list}, tại {path}: câu trả lời tạo hoặc cập nhật một mục mà phiếu"
        " không mang theo.",
    ),
    "entity.action_unexpected": Text(
        en="List {list}, at {path}: the interview carries a change to an entry that its"
        " answers do not give.",
        vi="Danh sách {list}, tại {path}: phiếu mang theo một thay đổi của mục mà câu trả"
        " lời không tạo ra.",
    ),
    "entity.id_not_bound": Text(
        en="List {list}: a new entry's id was not made on the laptop that sent it.",
        vi="Danh sách {list}: mã của một mục mới không được tạo trên máy đã gửi nó.",
    ),
    # --- store (E-STORE): limits, the laptop's lists, the coordinator's merge ---------------
    "entity.bad_list_name": Text(
        en="The entity list name {list} is not allowed: letters, digits, '_', '.' and '-',"
        " starting with a letter or '_', at most 64 characters.",
        vi="Tên danh sách {list} không hợp lệ: chỉ gồm chữ cái, chữ số, '_', '.' và '-', bắt"
        " đầu bằng chữ cái hoặc '_', tối đa 64 ký tự.",
    ),
    "entity.bad_id": Text(
        en="List {list}: an entry has an empty id or one longer than 100 characters.",
        vi="Danh sách {list}: một mục có mã trống hoặc dài quá 100 ký tự.",
    ),
    "entity.label_too_long": Text(
        en="List {list}: an entry's label is longer than {limit} characters.",
        vi="Danh sách {list}: nhãn của một mục dài quá {limit} ký tự.",
    ),
    "entity.too_many_properties": Text(
        en="List {list}: an entry has {count} properties, more than the limit of {limit}.",
        vi="Danh sách {list}: một mục có {count} thuộc tính, vượt giới hạn {limit}.",
    ),
    "entity.bad_property_name": Text(
        en="List {list}: the property name {property} is not allowed (letters, digits, '_',"
        " '.' and '-'; not 'name' or 'label').",
        vi="Danh sách {list}: tên thuộc tính {property} không hợp lệ (chỉ gồm chữ cái, chữ số,"
        " '_', '.' và '-'; không được là 'name' hay 'label').",
    ),
    "entity.value_too_long": Text(
        en="List {list}: the value of property {property} is longer than {limit} characters.",
        vi="Danh sách {list}: giá trị của thuộc tính {property} dài quá {limit} ký tự.",
    ),
    "entity.too_many_actions": Text(
        en="The interview acts on {count} entries of entity lists, more than the limit of"
        " {limit}. Nothing was changed.",
        vi="Phiếu tác động đến {count} mục trong các danh sách, vượt giới hạn {limit}. Chưa có"
        " gì thay đổi.",
    ),
    "entity.list_full": Text(
        en="List {list} would hold more than {limit} entries. Nothing was changed.",
        vi="Danh sách {list} sẽ có hơn {limit} mục. Chưa có gì thay đổi.",
    ),
    "entity.id_collision": Text(
        en="List {list}: another interview already created an entry with this id. Nothing was"
        " changed.",
        vi="Danh sách {list}: một phiếu khác đã tạo một mục có mã này. Chưa có gì thay đổi.",
    ),
    "entity.conflict_not_found": Text(
        en="There is no entity conflict number {conflict}.",
        vi="Không có xung đột danh sách số {conflict}.",
    ),
    "entity.conflict_resolved": Text(
        en="Entity conflict {conflict} is already resolved.",
        vi="Xung đột danh sách số {conflict} đã được giải quyết.",
    ),
    "entity.bad_choice": Text(
        en="Entity conflict {conflict}: {property} is not a value the laptop's update changed,"
        " or the choice is not 'mine' or 'theirs'.",
        vi="Xung đột danh sách số {conflict}: {property} không phải giá trị mà bản cập nhật của"
        " máy đã thay đổi, hoặc lựa chọn không phải 'mine' hay 'theirs'.",
    ),
    "entity.merge_same": Text(
        en="List {list}: an entry cannot be merged with itself.",
        vi="Danh sách {list}: không thể gộp một mục với chính nó.",
    ),
    "entity.merge_missing": Text(
        en="List {list}: both entries to merge must be held and not already merged or deleted.",
        vi="Danh sách {list}: cả hai mục cần gộp phải có trong danh sách và chưa bị gộp hay xoá.",
    ),
    "entity.bad_received": Text(
        en="An entry of an entity list received from the coordinator is malformed.",
        vi="Một mục trong danh sách nhận từ điều phối viên bị sai định dạng.",
    ),
    # --- UI (E-UI) ---
    "entity.no_follow_up_form": Text(
        en="No questionnaire on this laptop visits the households of the list {list}: it comes"
        " with a receipt from the coordinator.",
        vi="Máy này chưa có bảng hỏi nào để thăm lại các hộ trong danh sách {list}: bảng hỏi"
        " sẽ đến cùng biên nhận của điều phối viên.",
    ),
}
