"""Texts of form attachments (see :mod:`fieldsurvey.messages`): the CSV, XML, GeoJSON and
media files a form references, found beside the form, stored with the form version and
carried to the laptops (``attachments.``).

Words (Vietnamese): tệp đính kèm (attachment), bảng hỏi (form), phiên bản (version),
câu hỏi (question), cột (column), gói cài đặt (device package), biên nhận (receipt),
điều phối viên (coordinator). File names and column names are form text; values in a
file never appear in a message.
"""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    # --- finding and checking the files (publishing, form check)
    "attachments.no_folder": Text(
        en="The attachments folder '{folder}' does not exist.",
        vi="Không có thư mục tệp đính kèm '{folder}'.",
    ),
    "attachments.unreadable": Text(
        en="Cannot read the attachment '{file}': {reason}.",
        vi="Không đọc được tệp đính kèm '{file}': {reason}.",
    ),
    "attachments.unsafe_name": Text(
        en="'{file}' is not a plain file name (no folders, no control characters): the form"
        " must name its attachments by their file name only.",
        vi="'{file}' không phải một tên tệp đơn giản (không có thư mục, không có ký tự điều"
        " khiển): bảng hỏi chỉ được ghi tên tệp của tệp đính kèm.",
    ),
    "attachments.too_large": Text(
        en="The attachment '{file}' is larger than {limit}, the most a form file may be.",
        vi="Tệp đính kèm '{file}' lớn hơn {limit}, mức tối đa cho một tệp của bảng hỏi.",
    ),
    "attachments.form_too_large": Text(
        en="The attachments of form {form_id} together are larger than {limit}: use smaller"
        " images or split the lists.",
        vi="Các tệp đính kèm của bảng hỏi {form_id} cộng lại lớn hơn {limit}: hãy dùng ảnh"
        " nhỏ hơn hoặc chia nhỏ danh sách.",
    ),
    "attachments.not_data": Text(
        en="'{file}' is not a CSV, XML or GeoJSON file.",
        vi="'{file}' không phải tệp CSV, XML hay GeoJSON.",
    ),
    "attachments.not_utf8": Text(
        en="The attachment '{file}' is not UTF-8 text (line {line}): save it as"
        " 'CSV UTF-8' or UTF-8 text.",
        vi="Tệp đính kèm '{file}' không phải văn bản UTF-8 (dòng {line}): hãy lưu lại dưới"
        " dạng 'CSV UTF-8' hoặc văn bản UTF-8.",
    ),
    "attachments.csv_no_header": Text(
        en="The CSV file '{file}' has no header row with column names.",
        vi="Tệp CSV '{file}' không có dòng tiêu đề ghi tên các cột.",
    ),
    "attachments.csv_repeated_column": Text(
        en="The CSV file '{file}' has the column '{column}' twice.",
        vi="Tệp CSV '{file}' có cột '{column}' hai lần.",
    ),
    "attachments.csv_bad": Text(
        en="The CSV file '{file}' cannot be read at line {line}.",
        vi="Không đọc được tệp CSV '{file}' ở dòng {line}.",
    ),
    "attachments.xml_bad": Text(
        en="The XML file '{file}' is not well-formed (line {line}, column {column}).",
        vi="Tệp XML '{file}' sai cấu trúc (dòng {line}, cột {column}).",
    ),
    "attachments.xml_forbidden": Text(
        en="The XML file '{file}' declares a DTD or entities, which a form file may not.",
        vi="Tệp XML '{file}' khai báo DTD hoặc thực thể (entity), điều tệp của bảng hỏi"
        " không được phép có.",
    ),
    "attachments.geojson_not_json": Text(
        en="The GeoJSON file '{file}' is not valid JSON (line {line}).",
        vi="Tệp GeoJSON '{file}' không phải JSON hợp lệ (dòng {line}).",
    ),
    "attachments.geojson_not_collection": Text(
        en="The GeoJSON file '{file}' is not a FeatureCollection.",
        vi="Tệp GeoJSON '{file}' không phải một FeatureCollection.",
    ),
    "attachments.geojson_no_features": Text(
        en="The GeoJSON file '{file}' has no list of features.",
        vi="Tệp GeoJSON '{file}' không có danh sách features.",
    ),
    "attachments.geojson_not_feature": Text(
        en="Item {number} of the GeoJSON file '{file}' is not a Feature.",
        vi="Mục thứ {number} của tệp GeoJSON '{file}' không phải một Feature.",
    ),
    "attachments.geojson_bad_feature": Text(
        en="Feature {number} of the GeoJSON file '{file}' has a geometry or properties that"
        " cannot be read.",
        vi="Feature thứ {number} của tệp GeoJSON '{file}' có geometry hoặc properties không"
        " đọc được.",
    ),
    "attachments.geojson_geometry": Text(
        en="Feature {number} of the GeoJSON file '{file}' is a {kind}: only Point, LineString"
        " and Polygon can be used, as in ODK.",
        vi="Feature thứ {number} của tệp GeoJSON '{file}' là {kind}: chỉ dùng được Point,"
        " LineString và Polygon, như trong ODK.",
    ),
    "attachments.missing_column": Text(
        en="The file '{file}' has no column '{column}', which question '{question}'"
        " (survey sheet, row {row}) reads its choices from.",
        vi="Tệp '{file}' không có cột '{column}', nơi câu hỏi '{question}' (trang tính"
        " survey, dòng {row}) lấy các lựa chọn.",
    ),
    "attachments.version_file_differs": Text(
        en="Form {form_id} version {version} already has an attachment '{file}' with other"
        " content. A published version keeps its files: publish the new file with a new"
        " version.",
        vi="Bảng hỏi {form_id} phiên bản {version} đã có tệp đính kèm '{file}' với nội dung"
        " khác. Một phiên bản đã phát hành giữ nguyên các tệp của nó: hãy phát hành tệp mới"
        " cùng một phiên bản mới.",
    ),
    # --- carrying them to the laptops
    "attachments.carry_too_large": Text(
        en="The attachments of the published forms together ({size}) are more than a device"
        " package or a receipt can carry ({limit}): delete old form versions or publish"
        " smaller files.",
        vi="Các tệp đính kèm của những bảng hỏi đã phát hành cộng lại ({size}) nhiều hơn mức"
        " một gói cài đặt hay một biên nhận mang được ({limit}): hãy xoá các phiên bản bảng"
        " hỏi cũ hoặc phát hành tệp nhỏ hơn.",
    ),
    "attachments.package_damaged": Text(
        en="The device package is damaged: form {form_id} ({version}), attachment '{file}':"
        " {reason}. Nothing was installed; ask the coordinator for a new package.",
        vi="Gói cài đặt bị hỏng: bảng hỏi {form_id} ({version}), tệp đính kèm '{file}':"
        " {reason}. Chưa cài gì cả; hãy xin điều phối viên một gói mới.",
    ),
    "attachments.receipt_damaged": Text(
        en="The receipt is damaged: form {form_id} ({version}), attachment '{file}':"
        " {reason}. Nothing of the receipt was applied; ask the coordinator for a new one.",
        vi="Biên nhận bị hỏng: bảng hỏi {form_id} ({version}), tệp đính kèm '{file}':"
        " {reason}. Chưa áp dụng gì từ biên nhận; hãy xin điều phối viên một biên nhận mới.",
    ),
    "attachments.not_base64": Text(
        en="its content is not valid base64",
        vi="nội dung không phải base64 hợp lệ",
    ),
    "attachments.size_mismatch": Text(
        en="it has {got} bytes where {expected} were announced",
        vi="tệp có {got} byte trong khi đã báo {expected} byte",
    ),
    "attachments.hash_mismatch": Text(
        en="its content does not match its SHA-256",
        vi="nội dung không khớp với mã SHA-256 của tệp",
    ),
    # --- the command line (form check, form install, form add)
    "attachments.cli_missing": Text(
        en="Missing attachment: {file} ({use} of question '{question}', survey row {row}).",
        vi="Thiếu tệp đính kèm: {file} ({use} của câu hỏi '{question}', trang tính survey,"
        " dòng {row}).",
    ),
    "attachments.cli_missing_hint": Text(
        en="Put the missing files in the folder {folder} beside the form, or name their"
        " folder with --attach.",
        vi="Hãy đặt các tệp còn thiếu vào thư mục {folder} cạnh tệp bảng hỏi, hoặc chỉ ra"
        " thư mục chứa chúng bằng --attach.",
    ),
    "attachments.cli_found": Text(
        en="Attachments: {count} ({names}).",
        vi="Tệp đính kèm: {count} ({names}).",
    ),
    "attachments.use_choices": Text(en="choice list", vi="danh sách lựa chọn"),
    "attachments.use_pulldata": Text(en="pulldata() table", vi="bảng của pulldata()"),
    "attachments.use_search": Text(en="search() table", vi="bảng của search()"),
    "attachments.use_instance": Text(en="external data", vi="dữ liệu ngoài"),
    "attachments.use_media": Text(en="image or sound", vi="hình ảnh hoặc âm thanh"),
}
