"""Texts of the forms area (see :mod:`fieldsurvey.messages`): loading an XLSForm, its
expressions, answers and answer files (``forms.``), and the small core modules
``keywrap``, ``progress`` and ``resources`` (``core.``).

A problem in a form is shown at its place: ``forms.at`` joins the ``forms.where_*``
parts and the problem, each rendered in the same language (``forms/form_errors.py``).
Expressions are form text, not answers: they may appear in a message. Values (answers)
never do.
"""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    # --- a place in the XLSForm
    "forms.at": Text(en="{where}: {problem}", vi="{where}: {problem}"),
    "forms.at_question": Text(
        en="{where} ({question}): {problem}", vi="{where} ({question}): {problem}"
    ),
    "forms.where_sheet": Text(en="{sheet} sheet", vi="trang tính {sheet}"),
    "forms.where_row": Text(en="row {row}", vi="dòng {row}"),
    "forms.where_column": Text(en="column '{column}'", vi="cột '{column}'"),
    "forms.and_more": Text(en=" and {count} more", vi=" và {count} mục khác"),
    # --- reading the file
    "forms.unreadable_file": Text(
        en="Cannot read the form file '{path}': {reason}.",
        vi="Không đọc được tệp bảng hỏi '{path}': {reason}.",
    ),
    "forms.not_an_xlsform": Text(
        en="'{file}' is not an XLSForm: expected an .xlsx, .xls or .md file.",
        vi="'{file}' không phải là bảng hỏi XLSForm: cần một tệp .xlsx, .xls hoặc .md.",
    ),
    "forms.unreadable_workbook": Text(
        en="'{file}' cannot be read as a {suffix} spreadsheet ({detail}).",
        vi="Không đọc được '{file}' dưới dạng bảng tính {suffix} ({detail}).",
    ),
    "forms.markdown_not_utf8": Text(
        en="'{file}' is not UTF-8 text.",
        vi="'{file}' không phải văn bản mã UTF-8.",
    ),
    "forms.markdown_no_sheet_name": Text(
        en="The markdown form must start with a sheet name row such as '| survey |'.",
        vi="Bảng hỏi dạng markdown phải bắt đầu bằng một dòng tên trang tính, ví dụ '| survey |'.",
    ),
    "forms.markdown_no_rows": Text(
        en="The markdown text contains no table rows.",
        vi="Văn bản markdown không có dòng bảng nào.",
    ),
    "forms.duplicate_header": Text(
        en="the column header '{header}' appears twice.",
        vi="tiêu đề cột '{header}' xuất hiện hai lần.",
    ),
    # --- what pyxform and our checks reject
    "forms.pyxform": Text(
        en="{detail}",
        vi="Bảng hỏi không hợp lệ (pyxform báo bằng tiếng Anh): {detail}",
    ),
    "forms.unknown_question_type": Text(
        en="unknown question type '{type}'.",
        vi="không nhận ra loại câu hỏi '{type}'.",
    ),
    "forms.list_not_in_choices": Text(
        en="list name not in choices sheet: {list}",
        vi="tên danh sách không có trong trang tính choices: {list}",
    ),
    "forms.unknown_function_in": Text(
        en="Unknown function {name}() in '{expression}'.",
        vi="Không có hàm {name}() (trong '{expression}').",
    ),
    "forms.arity_in": Text(
        en="Function {name}() takes {low} arguments, not {count}, in '{expression}'.",
        vi="Hàm {name}() nhận {low} đối số, không phải {count}, trong '{expression}'.",
    ),
    "forms.arity_range_in": Text(
        en="Function {name}() takes {low} to {high} arguments, not {count}, in '{expression}'.",
        vi="Hàm {name}() nhận từ {low} đến {high} đối số, không phải {count}, "
        "trong '{expression}'.",
    ),
    "forms.arity_at_least_in": Text(
        en="Function {name}() takes {low} to any arguments, not {count}, in '{expression}'.",
        vi="Hàm {name}() nhận ít nhất {low} đối số, không phải {count}, trong '{expression}'.",
    ),
    "forms.cycle": Text(
        en="Cycle in form logic: {fields}{rows}{more}",
        vi="Logic của bảng hỏi bị vòng lặp: {fields}{rows}{more}",
    ),
    "forms.cycle_rows": Text(
        en=" (survey sheet, rows {rows})", vi=" (trang tính survey, dòng {rows})"
    ),
    "forms.cycle_others": Text(
        en="; also in a cycle: {fields}{more}", vi="; cũng nằm trong vòng lặp: {fields}{more}"
    ),
    "forms.trigger_needs_reference": Text(
        en="'{trigger}' should name a question as ${{name}}",
        vi="'{trigger}' phải ghi tên một câu hỏi dạng ${{name}}",
    ),
    # --- expressions: reading and compiling
    "forms.expr_not_text": Text(
        en="An expression must be text, not {kind}",
        vi="Biểu thức phải là văn bản, không phải {kind}",
    ),
    "forms.expr_empty": Text(en="The expression is empty", vi="Biểu thức để trống"),
    "forms.expr_bad_reference": Text(
        en="'{reference}' is not a valid reference to a question name",
        vi="'{reference}' không phải là tham chiếu hợp lệ tới tên một câu hỏi",
    ),
    "forms.expr_ends_early": Text(
        en="Expression '{expression}' ends too early",
        vi="Biểu thức '{expression}' kết thúc khi chưa viết xong",
    ),
    "forms.expr_unexpected_character": Text(
        en="Expression '{expression}': unexpected character {character} at position {position}",
        vi="Biểu thức '{expression}': ký tự {character} không hợp lệ ở vị trí {position}",
    ),
    "forms.expr_unexpected_token": Text(
        en="Expression '{expression}': unexpected '{token}' at position {position}",
        vi="Biểu thức '{expression}': '{token}' không đúng chỗ ở vị trí {position}",
    ),
    "forms.expr_unreadable": Text(
        en="Expression '{expression}' cannot be read",
        vi="Không đọc được biểu thức '{expression}'",
    ),
    "forms.expr_too_deep": Text(
        en="Expression '{expression}' is nested too deeply",
        vi="Biểu thức '{expression}' lồng nhau quá nhiều tầng",
    ),
    "forms.expr_cannot_compile": Text(
        en="Expression '{expression}' cannot be compiled",
        vi="Không dịch được biểu thức '{expression}'",
    ),
    "forms.expr_unknown_reference": Text(
        en="Expression '{expression}' refers to {reference}, which is not a question of this form",
        vi="Biểu thức '{expression}' tham chiếu tới {reference}, nhưng bảng hỏi này không có "
        "câu hỏi đó",
    ),
    "forms.expr_attribute": Text(
        en="Expression '{expression}': attributes ({attribute}) are not supported",
        vi="Biểu thức '{expression}': không hỗ trợ thuộc tính ({attribute})",
    ),
    "forms.expr_unknown_function": Text(
        en="Unknown function {name}() in expression '{expression}'",
        vi="Không có hàm {name}() (trong biểu thức '{expression}')",
    ),
    "forms.expr_arity_one": Text(
        en="{name}() takes 1 argument, not {count}, in expression '{expression}'",
        vi="{name}() nhận 1 đối số, không phải {count}, trong biểu thức '{expression}'",
    ),
    "forms.expr_arity": Text(
        en="{name}() takes {low} arguments, not {count}, in expression '{expression}'",
        vi="{name}() nhận {low} đối số, không phải {count}, trong biểu thức '{expression}'",
    ),
    "forms.expr_arity_at_least": Text(
        en="{name}() takes at least {low} arguments, not {count}, in expression '{expression}'",
        vi="{name}() nhận ít nhất {low} đối số, không phải {count}, trong biểu thức '{expression}'",
    ),
    "forms.expr_arity_range": Text(
        en="{name}() takes {low} to {high} arguments, not {count}, in expression '{expression}'",
        vi="{name}() nhận từ {low} đến {high} đối số, không phải {count}, "
        "trong biểu thức '{expression}'",
    ),
    "forms.expr_instance_name": Text(
        en="instance() needs a quoted name, in expression '{expression}'",
        vi="instance() cần một tên đặt trong dấu nháy, trong biểu thức '{expression}'",
    ),
    "forms.expr_indexed_repeat_pairs": Text(
        en="indexed-repeat() takes a field and pairs of repeat and index, in expression "
        "'{expression}'",
        vi="indexed-repeat() nhận một trường và các cặp (nhóm lặp, số thứ tự), "
        "trong biểu thức '{expression}'",
    ),
    "forms.expr_indexed_repeat_not_around": Text(
        en="indexed-repeat(): {repeat} is not a repeat around {field}, in expression "
        "'{expression}'",
        vi="indexed-repeat(): {repeat} không phải nhóm lặp chứa {field}, "
        "trong biểu thức '{expression}'",
    ),
    "forms.expr_indexed_repeat_references": Text(
        en="indexed-repeat() needs field references as its field and repeat arguments, "
        "in expression '{expression}'",
        vi="indexed-repeat() cần tham chiếu tới câu hỏi ở đối số trường và đối số nhóm lặp, "
        "trong biểu thức '{expression}'",
    ),
    # --- expressions: evaluating (no value is ever named: it may be an answer)
    "forms.eval_union_of_values": Text(
        en="'|' joins fields, not values",
        vi="'|' chỉ nối các trường, không nối các giá trị",
    ),
    "forms.eval_date_out_of_range": Text(
        en="The value is out of range for a date",
        vi="Giá trị nằm ngoài khoảng của ngày tháng",
    ),
    "forms.eval_not_a_date": Text(
        en="The value cannot be converted to a date",
        vi="Không đổi được giá trị thành ngày tháng",
    ),
    "forms.eval_needs_reference": Text(
        en="{function}() needs a field or group reference, not a value",
        vi="{function}() cần tham chiếu tới một câu hỏi hoặc nhóm, không phải một giá trị",
    ),
    "forms.eval_bad_pattern": Text(
        en="regex(): the pattern '{pattern}' is invalid ({detail})",
        vi="regex(): mẫu '{pattern}' không hợp lệ ({detail})",
    ),
    "forms.eval_checklist_lengths": Text(
        en="weighted-checklist(): the two fields differ in length",
        vi="weighted-checklist(): hai trường không dài bằng nhau",
    ),
    "forms.eval_uuid_too_long": Text(
        en="uuid(): at most 4096 characters",
        vi="uuid(): tối đa 4096 ký tự",
    ),
    "forms.eval_digest_algorithm": Text(
        en="digest(): unknown algorithm (use MD5, SHA-1, SHA-256, SHA-384 or SHA-512)",
        vi="digest(): không có thuật toán này (dùng MD5, SHA-1, SHA-256, SHA-384 hoặc SHA-512)",
    ),
    "forms.eval_geopoint_parts": Text(
        en="A value is not a geopoint (latitude longitude)",
        vi="Một giá trị không phải là toạ độ (vĩ độ kinh độ)",
    ),
    "forms.eval_not_a_geopoint": Text(
        en="A value is not a geopoint",
        vi="Một giá trị không phải là toạ độ",
    ),
    "forms.eval_path_on_value": Text(
        en="A path or predicate was applied to a value that is not a field",
        vi="Đường dẫn hoặc điều kiện lọc được dùng cho một giá trị không phải là trường",
    ),
    "forms.eval_repeated_field": Text(
        en="The repeated field {field} is used where one value is expected (use "
        "indexed-repeat(), sum() or join())",
        vi="Trường lặp lại {field} được dùng ở chỗ chỉ cần một giá trị (hãy dùng "
        "indexed-repeat(), sum() hoặc join())",
    ),
    "forms.eval_not_a_number": Text(
        en="Cannot convert {kind} to a number", vi="Không đổi được {kind} thành số"
    ),
    "forms.eval_not_a_boolean": Text(
        en="Cannot convert {kind} to a boolean",
        vi="Không đổi được {kind} thành giá trị đúng/sai",
    ),
    "forms.eval_not_text": Text(
        en="Cannot convert {kind} to text", vi="Không đổi được {kind} thành văn bản"
    ),
    # --- answers given to a form
    "forms.required_default": Text(
        en="Sorry, this response is required!",
        vi="Câu hỏi này bắt buộc phải trả lời.",
    ),
    "forms.constraint_default": Text(
        en="Sorry, this response is invalid!",
        vi="Câu trả lời không hợp lệ.",
    ),
    "forms.answers_not_object": Text(
        en="The answers must be an object of field names",
        vi="Các câu trả lời phải là một đối tượng gồm các tên trường",
    ),
    "forms.not_answerable": Text(
        en="{path} is not a question that takes an answer",
        vi="{path} không phải là câu hỏi cần trả lời",
    ),
    "forms.calculated": Text(
        en="{path} is calculated by the form and cannot be answered",
        vi="{path} do bảng hỏi tự tính, không nhập câu trả lời được",
    ),
    "forms.no_instance": Text(
        en="{path} has no instance {index} (it has {count})",
        vi="{path} không có mục thứ {index} (chỉ có {count} mục)",
    ),
    "forms.no_field_there": Text(
        en="{path}: the form has no field '{name}' there",
        vi="{path}: bảng hỏi không có trường '{name}' ở vị trí này",
    ),
    "forms.no_field_here": Text(
        en="{path}: the form has no field named '{name}' here",
        vi="{path}: bảng hỏi không có trường tên '{name}' ở vị trí này",
    ),
    "forms.which_instance": Text(
        en="{path}: say which {name} instance, e.g. [1]",
        vi="{path}: hãy ghi rõ mục nào của {name}, ví dụ [1]",
    ),
    "forms.instance_count": Text(
        en="{path}: {name} has {count} instance(s), not {index}",
        vi="{path}: {name} có {count} mục, không có mục {index}",
    ),
    "forms.step_not_a_repeat": Text(
        en="{path}: {name} is not a repeat", vi="{path}: {name} không phải nhóm lặp"
    ),
    "forms.repeat_without_number": Text(
        en="{path}: name the repeat without an instance number",
        vi="{path}: ghi tên nhóm lặp, không kèm số thứ tự mục",
    ),
    "forms.not_a_repeat": Text(
        en="{path} is not a repeat of this form",
        vi="{path} không phải nhóm lặp của bảng hỏi này",
    ),
    "forms.counted_repeat": Text(
        en="{path}: the form sets the number of instances (repeat_count)",
        vi="{path}: số mục do bảng hỏi tự đặt (repeat_count)",
    ),
    "forms.repeat_not_list": Text(
        en="{path}: a repeat is a list of objects",
        vi="{path}: nhóm lặp phải là một danh sách các đối tượng",
    ),
    "forms.group_not_object": Text(
        en="{path}: a group is an object of field names",
        vi="{path}: nhóm phải là một đối tượng gồm các tên trường",
    ),
    "forms.answer_select_multiple": Text(
        en="{path}: a select_multiple answer is a list of choice names",
        vi="{path}: câu trả lời select_multiple là một danh sách tên lựa chọn",
    ),
    "forms.answer_time": Text(
        en="{path}: a time is written HH:MM or HH:MM:SS",
        vi="{path}: giờ được viết dạng HH:MM hoặc HH:MM:SS",
    ),
    "forms.answer_acknowledge": Text(
        en="{path}: an acknowledge answer is 'OK' (or true)",
        vi="{path}: câu trả lời xác nhận là 'OK' (hoặc true)",
    ),
    "forms.answer_text_not_boolean": Text(
        en="{path}: a {type} answer is text, not true/false",
        vi="{path}: câu trả lời {type} là văn bản, không phải true/false",
    ),
    "forms.answer_text_not_list": Text(
        en="{path}: a {type} answer is text, not a list or object",
        vi="{path}: câu trả lời {type} là văn bản, không phải danh sách hay đối tượng",
    ),
    "forms.answer_number_not_boolean": Text(
        en="{path}: a number is expected, not true/false",
        vi="{path}: cần một số, không phải true/false",
    ),
    "forms.answer_number": Text(en="{path}: a number is expected", vi="{path}: cần nhập một số"),
    "forms.answer_whole_number": Text(
        en="{path}: a whole number is expected", vi="{path}: cần nhập một số nguyên"
    ),
    "forms.answer_date": Text(
        en="{path}: a date is written YYYY-MM-DD",
        vi="{path}: ngày được viết dạng YYYY-MM-DD",
    ),
    "forms.answer_datetime": Text(
        en="{path}: a date and time is written YYYY-MM-DDTHH:MM:SS",
        vi="{path}: ngày giờ được viết dạng YYYY-MM-DDTHH:MM:SS",
    ),
    "forms.answer_geopoint": Text(
        en="{path}: a geopoint is 'latitude longitude [altitude accuracy]'",
        vi="{path}: toạ độ được viết dạng 'vĩ độ kinh độ [độ cao độ chính xác]'",
    ),
    "forms.not_offered": Text(
        en="{path}: not one of the question's choices ({choices}).",
        vi="{path}: không thuộc các lựa chọn của câu hỏi ({choices}).",
    ),
    "forms.not_offered_more": Text(
        en="{path}: not one of the question's choices ({choices} and {more} more).",
        vi="{path}: không thuộc các lựa chọn của câu hỏi ({choices} và {more} lựa chọn khác).",
    ),
    "forms.cannot_complete": Text(
        en="Interview {uuid} cannot be completed: {count} question(s) to answer or fix: {paths}.",
        vi="Chưa hoàn thành được phiếu {uuid}: còn {count} câu hỏi cần trả lời hoặc sửa: {paths}.",
    ),
    "forms.cannot_complete_more": Text(
        en="Interview {uuid} cannot be completed: {count} question(s) to answer or fix: "
        "{paths} and {more} more.",
        vi="Chưa hoàn thành được phiếu {uuid}: còn {count} câu hỏi cần trả lời hoặc sửa: "
        "{paths} và {more} câu khác.",
    ),
    # --- answer files (interview import, evaluate)
    "forms.answer_file_not_object": Text(
        en="The answer file must hold one JSON object of field names.",
        vi="Tệp câu trả lời phải chứa một đối tượng JSON gồm các tên trường.",
    ),
    "forms.answer_file_does_not_fit": Text(
        en="The answer file does not fit the form: {problem}",
        vi="Tệp câu trả lời không khớp với bảng hỏi: {problem}",
    ),
    "forms.answer_file_not_a_choice": Text(
        en="The answer file does not fit the form: {path}: an answer is not one of the "
        "choices of list '{list}'",
        vi="Tệp câu trả lời không khớp với bảng hỏi: {path}: có câu trả lời không thuộc "
        "danh sách lựa chọn '{list}'",
    ),
    # --- answer paths (fieldsurvey/answers.py)
    "forms.answer_path_empty": Text(
        en="An answer path must not be empty (e.g. household/members[1]/age).",
        vi="Đường dẫn câu trả lời không được để trống (ví dụ household/members[1]/age).",
    ),
    "forms.answer_path_bad_name": Text(
        en="Bad answer path '{path}': '{segment}' is not a field name (use names like "
        "members[2] with 1-based repeat numbers).",
        vi="Đường dẫn câu trả lời '{path}' sai: '{segment}' không phải tên trường (dùng tên "
        "như members[2], số thứ tự mục bắt đầu từ 1).",
    ),
    "forms.answer_path_zero": Text(
        en="Bad answer path '{path}': repeat numbers start at 1.",
        vi="Đường dẫn câu trả lời '{path}' sai: số thứ tự mục bắt đầu từ 1.",
    ),
    "forms.answer_path_not_group": Text(
        en="'{path}' holds an answer, not a group or repeat; cannot go inside it.",
        vi="'{path}' chứa một câu trả lời, không phải nhóm hay nhóm lặp; không đi vào bên "
        "trong được.",
    ),
    "forms.answer_path_not_repeat": Text(
        en="'{path}': '{name}' is not a repeat.",
        vi="'{path}': '{name}' không phải nhóm lặp.",
    ),
    "forms.answer_path_skips": Text(
        en="Cannot set '{path}': '{name}' has {count} entries, so the next one is [{next_index}].",
        vi="Không ghi được '{path}': '{name}' có {count} mục, nên mục tiếp theo là [{next_index}].",
    ),
    # --- a form without a version (loader.py)
    "forms.version_from_saved_time": Text(
        en="The settings sheet has no version, so this form gets version {version}: the "
        "time its file was last saved (UTC). The same file always gets the same version. "
        "To choose your own, add a 'version' column to the settings sheet (for example "
        "2025011501) and give each new version a larger number.",
        vi="Trang tính settings không có phiên bản (version), nên bảng hỏi này nhận phiên bản "
        "{version}: thời điểm tệp được lưu lần cuối (giờ UTC). Cùng một tệp luôn nhận cùng "
        "một phiên bản. Muốn tự đặt, hãy thêm cột 'version' vào trang tính settings (ví dụ "
        "2025011501) và cho mỗi phiên bản mới một số lớn hơn.",
    ),
    "forms.version_from_content": Text(
        en="The settings sheet has no version and the file does not record when it was "
        "saved, so this form gets version {version}, taken from its content. The same file "
        "always gets the same version. To choose your own, add a 'version' column to the "
        "settings sheet (for example 2025011501) and give each new version a larger number.",
        vi="Trang tính settings không có phiên bản (version) và tệp không ghi thời điểm lưu, "
        "nên bảng hỏi này nhận phiên bản {version}, lấy từ nội dung tệp. Cùng một tệp luôn "
        "nhận cùng một phiên bản. Muốn tự đặt, hãy thêm cột 'version' vào trang tính settings "
        "(ví dụ 2025011501) và cho mỗi phiên bản mới một số lớn hơn.",
    ),
    # --- what a laptop cannot do yet (support.py): "<what> is not supported ...: <effect>"
    "forms.where_rows": Text(en="rows {rows}", vi="các dòng {rows}"),
    "forms.where_rows_more": Text(
        en="rows {rows} and {count} more", vi="các dòng {rows} và {count} dòng khác"
    ),
    "forms.gap": Text(
        en="{what} is not supported on a laptop yet: {effect}",
        vi="{what} chưa được hỗ trợ trên máy tính xách tay: {effect}",
    ),
    "forms.gap_type": Text(en="The question type '{name}'", vi="Loại câu hỏi '{name}'"),
    "forms.gap_appearance": Text(
        en="The appearance '{name}'", vi="Cách hiển thị (appearance) '{name}'"
    ),
    "forms.gap_parameter": Text(en="The parameter '{name}'", vi="Tham số (parameters) '{name}'"),
    "forms.gap_function": Text(en="The function {name}()", vi="Hàm {name}()"),
    "forms.gap_reference": Text(en="The reference '{name}#…'", vi="Tham chiếu '{name}#…'"),
    "forms.gap_column": Text(en="The column '{name}'", vi="Cột '{name}'"),
    "forms.gap_setting": Text(en="The setting '{name}'", vi="Thiết lập '{name}'"),
    "forms.gap_sheet": Text(en="The '{name}' sheet", vi="Trang tính '{name}'"),
    "forms.other_platform": Text(
        en="{name}() is a {platform} function, not an ODK one: it reads as empty.",
        vi="{name}() là hàm của {platform}, không phải của ODK: giá trị của nó luôn rỗng.",
    ),
    "forms.effect.nothing_recorded": Text(
        en="nothing is recorded (attach a recording to an audio question instead).",
        vi="không có gì được ghi âm (hãy đính kèm tệp ghi âm vào một câu hỏi âm thanh).",
    ),
    "forms.effect.no_gps": Text(
        en="a laptop has no GPS, so the location stays empty.",
        vi="máy tính xách tay không có GPS nên vị trí để trống.",
    ),
    "forms.effect.no_compass": Text(
        en="the bearing is typed as a number; there is no compass.",
        vi="hướng được gõ dưới dạng số; không có la bàn.",
    ),
    "forms.effect.no_map_choices": Text(
        en="the choices are shown as a list, not on a map (no map tiles offline).",
        vi="các lựa chọn hiện dưới dạng danh sách, không hiện trên bản đồ "
        "(không có bản đồ khi ngoại tuyến).",
    ),
    "forms.effect.no_external_app": Text(
        en="the other app is not opened; the answer is typed.",
        vi="không mở ứng dụng khác; câu trả lời được gõ vào.",
    ),
    "forms.effect.no_printer": Text(
        en="nothing is printed (no label printer app); the value is kept.",
        vi="không có gì được in ra (không có ứng dụng máy in nhãn); giá trị vẫn được lưu.",
    ),
    "forms.effect.audit_no_location": Text(
        en="a laptop has no location source, so the audit log's location columns stay empty.",
        vi="máy tính xách tay không có nguồn định vị nên các cột vị trí của nhật ký audit để "
        "trống.",
    ),
    "forms.effect.last_saved_outside_default": Text(
        en="only a default reads the last interview saved, when the interview starts; in"
        " this column it reads as empty once the interview is reopened or completed.",
        vi="chỉ cột default mới đọc được phiếu lưu gần nhất, lúc phiếu bắt đầu; ở cột này"
        " giá trị thành rỗng khi phiếu được mở lại hoặc hoàn thành.",
    ),
    "forms.effect.not_shown": Text(en="it is not shown.", vi="nội dung này không được hiển thị."),
    "forms.effect.no_form_encryption": Text(
        en="answers are not encrypted with this key; bundles are encrypted for the "
        "coordinator instead.",
        vi="câu trả lời không được mã hoá bằng khoá này; thay vào đó, gói dữ liệu được mã hoá "
        "cho điều phối viên.",
    ),
    # --- core: keywrap, progress, resources
    "core.password_slot_bad_kdf": Text(
        en="The password slot in workspace.json is damaged (bad key-derivation settings).",
        vi="Phần lưu mật khẩu trong workspace.json bị hỏng (thông số tạo khoá không hợp lệ).",
    ),
    "core.password_slot_damaged": Text(
        en="The password slot in workspace.json is damaged.",
        vi="Phần lưu mật khẩu trong workspace.json bị hỏng.",
    ),
    "core.password_slot_key_size": Text(
        en="The password slot in workspace.json holds a key of the wrong size.",
        vi="Phần lưu mật khẩu trong workspace.json chứa khoá có độ dài sai.",
    ),
    "core.wrong_password": Text(
        en="Wrong password for this workspace.",
        vi="Sai mật khẩu của không gian làm việc này.",
    ),
    "core.cancelled": Text(
        en="Cancelled; nothing was changed.",
        vi="Đã huỷ; không có gì bị thay đổi.",
    ),
    "core.worker_stopped": Text(
        en="The work stopped before it finished (its process ended with code {code}, "
        "perhaps for lack of memory); nothing was changed. Close other programs and try "
        "again.",
        vi="Công việc dừng lại trước khi xong (tiến trình của nó kết thúc với mã {code}, "
        "có thể do thiếu bộ nhớ); không có gì bị thay đổi. Hãy đóng bớt các chương trình "
        "khác rồi thử lại.",
    ),
    "core.resources_missing": Text(
        en="FieldSurvey's resources folder is missing from this installation",
        vi="Bản cài đặt FieldSurvey này thiếu thư mục resources",
    ),
}
