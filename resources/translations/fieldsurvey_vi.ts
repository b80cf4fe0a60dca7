<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About FieldSurvey</source>
        <translation>Giới thiệu FieldSurvey</translation>
    </message>
    <message>
        <source>Offline household surveys for the Mnet network of Vietnamese NGOs that support internal migrant workers in Hanoi.</source>
        <translation>Khảo sát hộ gia đình không cần mạng cho mạng lưới Mnet gồm các tổ chức phi chính phủ Việt Nam hỗ trợ người lao động di cư trong nước tại Hà Nội.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>AcknowledgeAnswer</name>
    <message>
        <source>Yes, noted</source>
        <translation>Đã ghi nhận</translation>
    </message>
</context>
<context>
    <name>ButtonSelect</name>
    <message>
        <source>Pictures of the choices missing on this laptop: {files}</source>
        <extracomment>Lists longer than this become a searchable list. Types whose answer is a list of choices; every other select type picks one. Width the buttons of ``columns``/``columns-pack`` fill (a 1366-pixel screen&apos;s page). The next pick moves on (``quick``): it comes from a digit, Space or a click. Choice pictures the form names but the laptop does not have. The digit typed last, when, and the answer before it (a second digit may undo it).</extracomment>
        <translation>Máy này không có hình của các lựa chọn: {files}</translation>
    </message>
    <message>
        <source>No choice to offer yet: the choices depend on an earlier answer.</source>
        <translation>Chưa có lựa chọn nào: các lựa chọn phụ thuộc vào một câu trả lời trước.</translation>
    </message>
    <message>
        <source>✕ Clear</source>
        <translation>✕ Xoá</translation>
    </message>
    <message>
        <source>Remove the answer to this question (Delete)</source>
        <translation>Xoá câu trả lời của câu hỏi này (Delete)</translation>
    </message>
    <message>
        <source>There is no choice {number}: type a number from 1 to {count}.</source>
        <translation>Không có lựa chọn số {number}: hãy gõ một số từ 1 đến {count}.</translation>
    </message>
</context>
<context>
    <name>ChoiceCell</name>
    <message>
        <source>There is no choice {n}: type a number from 1 to {count}.</source>
        <translation>Không có lựa chọn số {n}: hãy gõ một số từ 1 đến {count}.</translation>
    </message>
</context>
<context>
    <name>CompletionSummary</name>
    <message>
        <source>{missing} to answer, {wrong} to fix</source>
        <translation>{missing} câu chưa trả lời, {wrong} câu cần sửa</translation>
    </message>
    <message>
        <source>Click a question, or choose it with the arrow keys and press Enter.</source>
        <translation>Bấm vào một câu hỏi, hoặc chọn bằng phím mũi tên rồi nhấn Enter.</translation>
    </message>
    <message>
        <source>Everything is answered.</source>
        <translation>Đã trả lời đầy đủ.</translation>
    </message>
    <message>
        <source>To confirm with the respondent: {message}</source>
        <translation>Cần xác nhận với người trả lời: {message}</translation>
    </message>
    <message>
        <source>, {count} to confirm</source>
        <translation>, {count} câu cần xác nhận</translation>
    </message>
    <message>
        <source>Read the answers back to the respondent, then complete the interview (Ctrl+Enter).</source>
        <translation>Đọc lại các câu trả lời cho người trả lời nghe, rồi hoàn thành phỏng vấn (Ctrl+Enter).</translation>
    </message>
    <message>
        <source>This interview is completed.</source>
        <translation>Phỏng vấn này đã hoàn thành.</translation>
    </message>
    <message>
        <source>&amp;Answers given (press Enter or double-click on one to see it)</source>
        <translation>&amp;Các câu trả lời (nhấn Enter hoặc nhấp đúp vào một câu để xem)</translation>
    </message>
    <message>
        <source>Unusual answers confirmed with the respondent: {count}</source>
        <translation>Câu trả lời bất thường đã xác nhận với người trả lời: {count}</translation>
    </message>
    <message>
        <source>{what} {n}</source>
        <translation>{what} {n}</translation>
    </message>
    <message>
        <source>{answer}  ✓ confirmed with the respondent</source>
        <translation>{answer}  ✓ đã xác nhận với người trả lời</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>(chưa trả lời)</translation>
    </message>
    <message>
        <source>◀ Back to the questions (PgUp)</source>
        <translation>◀ Quay lại các câu hỏi (PgUp)</translation>
    </message>
    <message>
        <source>Complete interview (Ctrl+Enter)</source>
        <translation>Hoàn thành phỏng vấn (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Answers given (press Enter or double-click on one to change it)</source>
        <translation>&amp;Các câu trả lời (nhấn Enter hoặc nhấp đúp vào một câu để sửa)</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Câu hỏi</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Câu trả lời</translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường</translation>
    </message>
    <message>
        <source>Enumerator</source>
        <translation>Điều tra viên</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Máy tính</translation>
    </message>
    <message>
        <source>Questions that differ</source>
        <translation>Các câu hỏi khác nhau</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Câu hỏi</translation>
    </message>
    <message>
        <source>Coordinator&apos;s value</source>
        <translation>Giá trị của điều phối viên</translation>
    </message>
    <message>
        <source>Laptop&apos;s value</source>
        <translation>Giá trị từ máy tính</translation>
    </message>
    <message>
        <source>Keep the &amp;coordinator&apos;s values</source>
        <translation>Giữ giá trị của &amp;điều phối viên</translation>
    </message>
    <message>
        <source>Take the &amp;laptop&apos;s values</source>
        <translation>Lấy giá trị từ &amp;máy tính</translation>
    </message>
    <message>
        <source>Interview %1</source>
        <translation>Phiếu %1</translation>
    </message>
    <message>
        <source>Select a conflict to see its answers side by side.</source>
        <translation>Chọn một xung đột để xem các câu trả lời của hai bên cạnh nhau.</translation>
    </message>
    <message>
        <source>Household %1, ward %2, enumerator %3. Interview %4.</source>
        <translation>Hộ %1, phường %2, điều tra viên %3. Phiếu %4.</translation>
    </message>
    <message>
        <source>Conflict resolved.</source>
        <translation>Đã giải quyết xung đột.</translation>
    </message>
</context>
<context>
    <name>ContextTable</name>
    <message>
        <source>&amp;Copy the interview id</source>
        <translation>&amp;Chép mã phiếu</translation>
    </message>
</context>
<context>
    <name>CoordinatorPage</name>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Máy tính</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ngày cấp</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>active</source>
        <translation>đang dùng</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>đã thu hồi</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Quy tắc</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Khoá so khớp</translation>
    </message>
    <message>
        <source>Interviews</source>
        <translation>Phỏng vấn</translation>
    </message>
    <message>
        <source>Laptops</source>
        <translation>Máy tính</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Bảng hỏi</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Ngày phát hành</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Sửa lần cuối</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>Nhập gói dữ liệu</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Xung đột</translation>
    </message>
    <message>
        <source>Possible duplicates</source>
        <translation>Có thể trùng lặp</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Bảng hỏi</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>Cách ly</translation>
    </message>
    <message>
        <source>Import a &amp;folder of bundles…</source>
        <translation>Nhập cả &amp;thư mục gói dữ liệu…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>&amp;Issue a device package…</source>
        <translation>&amp;Cấp gói cài đặt cho máy…</translation>
    </message>
    <message>
        <source>Re&amp;voke the selected laptop</source>
        <translation>&amp;Thu hồi máy đã chọn</translation>
    </message>
    <message>
        <source>Write a &amp;receipt for the selected laptop…</source>
        <translation>Tạo &amp;biên nhận cho máy đã chọn…</translation>
    </message>
    <message>
        <source>&amp;Publish a form version…</source>
        <translation>&amp;Phát hành một phiên bản bảng hỏi…</translation>
    </message>
    <message>
        <source>Form versions in use on each laptop (from what it sent):</source>
        <translation>Phiên bản bảng hỏi đang dùng trên từng máy (theo dữ liệu máy đã gửi):</translation>
    </message>
    <message>
        <source>%1 new, %2 updated, %3 unchanged, %4 conflicts</source>
        <translation>%1 mới, %2 cập nhật, %3 không đổi, %4 xung đột</translation>
    </message>
    <message>
        <source>, %1 refused</source>
        <translation>, %1 bị từ chối</translation>
    </message>
    <message>
        <source>, %1 quarantined</source>
        <translation>, %1 bị cách ly</translation>
    </message>
    <message>
        <source>SECURITY ALERT: %1</source>
        <translation>CẢNH BÁO AN NINH: %1</translation>
    </message>
    <message>
        <source>Looking for possible duplicates…</source>
        <translation>Đang tìm các phiếu có thể trùng…</translation>
    </message>
    <message>
        <source>{n} groups of interviews that may be the same household or person.</source>
        <translation>{n} nhóm phiếu có thể là cùng một hộ hoặc cùng một người.</translation>
    </message>
    <message>
        <source>No possible duplicates.</source>
        <translation>Không có phiếu nào có thể trùng.</translation>
    </message>
    <message>
        <source>Checking and merging 1 file…</source>
        <translation>Đang kiểm tra và gộp 1 tệp…</translation>
    </message>
    <message>
        <source>Checking and merging %1 files…</source>
        <translation>Đang kiểm tra và gộp %1 tệp…</translation>
    </message>
    <message>
        <source>1 interview failed its form&apos;s checks: see the Quarantine tab.</source>
        <translation>1 phiếu không đạt kiểm tra của bảng hỏi: xem thẻ Cách ly.</translation>
    </message>
    <message>
        <source>%1 interviews failed their form&apos;s checks: see the Quarantine tab.</source>
        <translation>%1 phiếu không đạt kiểm tra của bảng hỏi: xem thẻ Cách ly.</translation>
    </message>
    <message>
        <source>1 security alert about the audit log: see the file&apos;s result.</source>
        <translation>1 cảnh báo an ninh về nhật ký kiểm tra: xem kết quả của tệp.</translation>
    </message>
    <message>
        <source>%1 security alerts about the audit log: see each file&apos;s result.</source>
        <translation>%1 cảnh báo an ninh về nhật ký kiểm tra: xem kết quả của từng tệp.</translation>
    </message>
    <message>
        <source>Every ward of the campaign</source>
        <translation>Mọi phường của chiến dịch</translation>
    </message>
    <message>
        <source>Ward this laptop works in (the households it receives):</source>
        <translation>Phường máy này làm việc (máy sẽ nhận các hộ của phường đó):</translation>
    </message>
    <message>
        <source>Revoke the laptop</source>
        <translation>Thu hồi máy</translation>
    </message>
    <message>
        <source>Revoke laptop %1? Every bundle it sends from now on will be refused; the interviews already received from it are kept. Do this for a lost or stolen laptop.</source>
        <translation>Thu hồi máy %1? Từ nay mọi gói dữ liệu máy này gửi đến sẽ bị từ chối; các phiếu đã nhận từ máy vẫn được giữ. Chỉ làm việc này khi máy bị mất hoặc bị lấy cắp.</translation>
    </message>
    <message>
        <source>Files published with it: %1.</source>
        <translation>Các tệp được công bố kèm theo: %1.</translation>
    </message>
    <message>
        <source>Files it needs are missing: %1. Put them in the folder %2 beside the form and publish it again.</source>
        <translation>Thiếu các tệp bảng hỏi cần: %1. Hãy đặt chúng vào thư mục %2 cạnh tệp bảng hỏi rồi công bố lại.</translation>
    </message>
    <message>
        <source>1 interview waiting in quarantine for it was merged.</source>
        <translation>Đã gộp 1 phiếu đang chờ bảng hỏi này trong khu cách ly.</translation>
    </message>
    <message>
        <source>%1 interviews waiting in quarantine for it were merged.</source>
        <translation>Đã gộp %1 phiếu đang chờ bảng hỏi này trong khu cách ly.</translation>
    </message>
    <message>
        <source>Reset a laptop&apos;s &amp;password…</source>
        <translation>Đặt lại &amp;mật khẩu của một máy…</translation>
    </message>
    <message>
        <source>size</source>
        <translation>kích thước</translation>
    </message>
    <message>
        <source>header</source>
        <translation>phần đầu</translation>
    </message>
    <message>
        <source>device</source>
        <translation>thiết bị</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>chữ ký</translation>
    </message>
    <message>
        <source>campaign</source>
        <translation>đợt khảo sát</translation>
    </message>
    <message>
        <source>payload</source>
        <translation>nội dung</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>gửi lại</translation>
    </message>
    <message>
        <source>decryption</source>
        <translation>giải mã</translation>
    </message>
    <message>
        <source>binding</source>
        <translation>ràng buộc</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>đã nhận</translation>
    </message>
    <message>
        <source>already imported, nothing changed</source>
        <translation>đã nhập trước đó, không có gì thay đổi</translation>
    </message>
    <message>
        <source>REFUSED</source>
        <translation>BỊ TỪ CHỐI</translation>
    </message>
    <message>
        <source>Folder with bundles</source>
        <translation>Thư mục chứa gói dữ liệu</translation>
    </message>
    <message>
        <source>No bundle files (*.fsb) in this folder.</source>
        <translation>Thư mục này không có tệp gói dữ liệu (*.fsb).</translation>
    </message>
    <message>
        <source>%1 accepted, %2 already imported, %3 refused.</source>
        <translation>%1 tệp được nhận, %2 tệp đã nhập trước đó, %3 tệp bị từ chối.</translation>
    </message>
    <message>
        <source>New laptop</source>
        <translation>Máy tính mới</translation>
    </message>
    <message>
        <source>Laptop name:</source>
        <translation>Tên máy:</translation>
    </message>
    <message>
        <source>Save the device package</source>
        <translation>Lưu gói cài đặt</translation>
    </message>
    <message>
        <source>Package for %1 written to %2.</source>
        <translation>Đã ghi gói cài đặt cho %1 vào %2.</translation>
    </message>
    <message>
        <source>Passphrase of the package</source>
        <translation>Cụm mật khẩu của gói cài đặt</translation>
    </message>
    <message>
        <source>Give this passphrase to the enumerator in person. It is shown only once.</source>
        <translation>Hãy trao trực tiếp cụm mật khẩu này cho điều tra viên. Nó chỉ hiện một lần.</translation>
    </message>
    <message>
        <source>Receipt for a revoked laptop</source>
        <translation>Biên nhận cho máy đã bị thu hồi</translation>
    </message>
    <message>
        <source>Laptop %1 was revoked on %2: it may be lost or in the wrong hands. Write a receipt for it anyway?</source>
        <translation>Máy %1 đã bị thu hồi ngày %2: máy có thể đã bị mất hoặc rơi vào tay người khác. Vẫn ghi biên nhận cho máy này?</translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation>Lưu biên nhận</translation>
    </message>
    <message>
        <source>Receipt written: %1 confirmed, %2 returned for correction.</source>
        <translation>Đã tạo biên nhận: %1 phỏng vấn được xác nhận, %2 phỏng vấn trả lại để sửa.</translation>
    </message>
    <message>
        <source>Reset the laptop&apos;s password</source>
        <translation>Đặt lại mật khẩu của máy</translation>
    </message>
    <message>
        <source>Set a new password on the laptop workspace in %1? Its old password will no longer open it; its interviews are kept.</source>
        <translation>Đặt mật khẩu mới cho không gian làm việc của máy trong %1? Mật khẩu cũ sẽ không mở được nữa; các phiếu trên máy vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <source>The laptop workspace in %1 has a new password. Give it to the enumerator in person.</source>
        <translation>Không gian làm việc của máy trong %1 đã có mật khẩu mới. Hãy trao trực tiếp mật khẩu này cho điều tra viên.</translation>
    </message>
    <message>
        <source>The password was not reset.</source>
        <translation>Mật khẩu chưa được đặt lại.</translation>
    </message>
    <message>
        <source>Resetting the laptop&apos;s password…</source>
        <translation>Đang đặt lại mật khẩu của máy…</translation>
    </message>
    <message>
        <source>XLSForm to publish</source>
        <translation>Bảng hỏi XLSForm cần phát hành</translation>
    </message>
    <message>
        <source>Checking the form…</source>
        <translation>Đang kiểm tra bảng hỏi…</translation>
    </message>
    <message>
        <source>Published %1 version %2.</source>
        <translation>Đã phát hành %1 phiên bản %2.</translation>
    </message>
</context>
<context>
    <name>CounterAnswer</name>
    <message>
        <source>One less (↓ or −)</source>
        <translation>Bớt một (↓ hoặc −)</translation>
    </message>
    <message>
        <source>One more (↑ or +)</source>
        <translation>Thêm một (↑ hoặc +)</translation>
    </message>
</context>
<context>
    <name>DateAnswer</name>
    <message>
        <source>dd/mm/yyyy</source>
        <extracomment>Placeholders, marked for translation (lupdate reads these literals).</extracomment>
        <translation>nn/tt/nnnn</translation>
    </message>
    <message>
        <source>mm/yyyy</source>
        <translation>tt/nnnn</translation>
    </message>
    <message>
        <source>yyyy</source>
        <translation>nnnn</translation>
    </message>
    <message>
        <source>hh:mm</source>
        <translation>gg:pp</translation>
    </message>
    <message>
        <source>dd/mm/yyyy hh:mm</source>
        <translation>nn/tt/nnnn gg:pp</translation>
    </message>
    <message>
        <source>Calendar…</source>
        <extracomment>The placeholder (marked in &quot;DateAnswer&quot;) and which pickers the popup has.</extracomment>
        <translation>Lịch…</translation>
    </message>
    <message>
        <source>Pick the date from a calendar (F4)</source>
        <translation>Chọn ngày trên lịch (F4)</translation>
    </message>
    <message>
        <source>Clock…</source>
        <translation>Đồng hồ…</translation>
    </message>
    <message>
        <source>Set the time on a clock (F4)</source>
        <translation>Chọn giờ trên đồng hồ (F4)</translation>
    </message>
</context>
<context>
    <name>DrawDialog</name>
    <message>
        <source>Signature</source>
        <extracomment>each stroke: its points with their pen widths</extracomment>
        <translation>Chữ ký</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>Hình vẽ</translation>
    </message>
    <message>
        <source>Draw on the photo</source>
        <translation>Vẽ lên ảnh</translation>
    </message>
    <message>
        <source>Draw with the mouse, the touchpad (hold the button down) or a pen. Ctrl+Z takes back the last line.</source>
        <translation>Vẽ bằng chuột, bàn di chuột (giữ nút khi vẽ) hoặc bút cảm ứng. Ctrl+Z xoá nét vừa vẽ.</translation>
    </message>
    <message>
        <source>Undo last line</source>
        <translation>Xoá nét vừa vẽ</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Vẽ lại từ đầu</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
</context>
<context>
    <name>DurationsTab</name>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường</translation>
    </message>
    <message>
        <source>Enumerator</source>
        <translation>Điều tra viên</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Máy tính</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Bảng hỏi</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Số câu hỏi</translation>
    </message>
    <message>
        <source>Time on questions</source>
        <translation>Thời gian trả lời</translation>
    </message>
    <message>
        <source>Seconds a question</source>
        <translation>Số giây mỗi câu</translation>
    </message>
    <message>
        <source>Usual time (median)</source>
        <translation>Thời gian thường gặp (trung vị)</translation>
    </message>
    <message>
        <source>Why listed</source>
        <translation>Lý do liệt kê</translation>
    </message>
    <message>
        <source>Interview id</source>
        <translation>Mã phiếu</translation>
    </message>
    <message>
        <source>under {n} s a question</source>
        <translation>dưới {n} giây mỗi câu</translation>
    </message>
    <message>
        <source>under {p} % of the usual time</source>
        <translation>dưới {p} % thời gian thường gặp</translation>
    </message>
    <message>
        <source>No interview with an audit log yet (forms need the audit question).</source>
        <translation>Chưa có phiếu nào có nhật ký thời gian (bảng hỏi cần có câu audit).</translation>
    </message>
    <message>
        <source>{fast} of {total} interviews with an audit log look too fast.</source>
        <translation>{fast} trên {total} phiếu có nhật ký thời gian có vẻ được làm quá nhanh.</translation>
    </message>
    <message>
        <source>Interviews whose forms log the time on each question (the audit question). One answered much faster than usual may not have been asked: check it with the enumerator.</source>
        <translation>Các phiếu có bảng hỏi ghi lại thời gian ở từng câu (câu audit). Phiếu được trả lời nhanh hơn nhiều so với thường lệ có thể đã không thực sự hỏi: hãy kiểm tra lại với điều tra viên.</translation>
    </message>
    <message>
        <source>Fewer &amp;seconds a question than:</source>
        <translation>Dưới số &amp;giây mỗi câu:</translation>
    </message>
    <message>
        <source>Or less of the usual &amp;time than:</source>
        <translation>Hoặc dưới tỷ lệ &amp;thời gian thường gặp:</translation>
    </message>
    <message>
        <source>Only those that look &amp;too fast</source>
        <translation>Chỉ những phiếu có vẻ &amp;quá nhanh</translation>
    </message>
    <message>
        <source>&amp;Read again</source>
        <translation>&amp;Đọc lại</translation>
    </message>
    <message>
        <source>Durations</source>
        <translation>Thời gian phỏng vấn</translation>
    </message>
</context>
<context>
    <name>EntitiesTab</name>
    <message>
        <source>Label</source>
        <extracomment>The laptops that can be given households (active ones): (device id, name).</extracomment>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Thay đổi gần nhất</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Việc gì</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Lúc</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Máy</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Người làm</translation>
    </message>
    <message>
        <source>Interview</source>
        <translation>Phiếu</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>Thay đổi gì</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Danh sách</translation>
    </message>
    <message>
        <source>First entry</source>
        <translation>Mục thứ nhất</translation>
    </message>
    <message>
        <source>Second entry</source>
        <translation>Mục thứ hai</translation>
    </message>
    <message>
        <source>Entities (%1 conflicts)</source>
        <translation>Danh sách theo dõi (%1 xung đột)</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>Danh sách theo dõi</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>Danh sách</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>Xung đột (%1)</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Xung đột</translation>
    </message>
    <message>
        <source>Same household twice?</source>
        <translation>Một hộ ghi hai lần?</translation>
    </message>
    <message>
        <source>Assignments</source>
        <translation>Giao việc</translation>
    </message>
    <message>
        <source>&amp;Assign the selected to a laptop…</source>
        <translation>Giao các &amp;hộ đã chọn cho một máy…</translation>
    </message>
    <message>
        <source>The laptop gets these households in its “to visit” list with its next receipt</source>
        <translation>Máy sẽ nhận các hộ này vào danh sách “cần thăm lại” cùng biên nhận tiếp theo</translation>
    </message>
    <message>
        <source>&amp;List:</source>
        <translation>&amp;Danh sách:</translation>
    </message>
    <message>
        <source>Search by name, household id, ward or phone (accents not needed)</source>
        <translation>Tìm theo tên, mã hộ, phường hoặc số điện thoại (không cần gõ dấu)</translation>
    </message>
    <message>
        <source>&amp;Merge the two selected entries…</source>
        <translation>&amp;Gộp hai mục đã chọn…</translation>
    </message>
    <message>
        <source>Select two entries that are the same household (Ctrl+click), then merge</source>
        <translation>Chọn hai mục là cùng một hộ (Ctrl+nhấp chuột), rồi gộp</translation>
    </message>
    <message>
        <source>Merge the &amp;selected pair…</source>
        <translation>Gộp &amp;cặp đã chọn…</translation>
    </message>
    <message>
        <source>Households the duplicate check found registered twice (same ward and household id, or same respondent), with the two entries their interviews created. Merge them when they are one household.</source>
        <translation>Các hộ mà bước kiểm tra trùng lặp thấy đã được ghi hai lần (cùng phường và mã hộ, hoặc cùng người trả lời), kèm hai mục do các phiếu đó tạo ra. Hãy gộp khi đó đúng là một hộ.</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>đăng ký</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>cập nhật</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>sửa lại</translation>
    </message>
    <message>
        <source>version a laptop started from</source>
        <translation>phiên bản máy dùng làm gốc</translation>
    </message>
    <message>
        <source>conflict resolved</source>
        <translation>đã giải quyết xung đột</translation>
    </message>
    <message>
        <source>another entry merged into it</source>
        <translation>một mục khác được gộp vào</translation>
    </message>
    <message>
        <source>merged into another entry</source>
        <translation>đã gộp vào mục khác</translation>
    </message>
    <message>
        <source>received</source>
        <translation>đã nhận</translation>
    </message>
    <message>
        <source>assigned to a laptop</source>
        <translation>đã giao cho máy</translation>
    </message>
    <message>
        <source>same ward and household id</source>
        <translation>cùng phường và mã hộ</translation>
    </message>
    <message>
        <source>same respondent</source>
        <translation>cùng người trả lời</translation>
    </message>
    <message>
        <source>(label)</source>
        <translation>(tên)</translation>
    </message>
    <message>
        <source>No entity list yet: lists come with the interviews that register them.</source>
        <translation>Chưa có danh sách nào: danh sách đến cùng các phiếu đăng ký hộ.</translation>
    </message>
    <message>
        <source>Showing %1 of %2: search to find the others.</source>
        <translation>Đang hiện %1 trong %2 mục: hãy tìm để thấy các mục khác.</translation>
    </message>
    <message>
        <source>%2 found.</source>
        <translation>Tìm thấy %2 mục.</translation>
    </message>
    <message>
        <source>%2 entries.</source>
        <translation>%2 mục.</translation>
    </message>
    <message>
        <source>History of %1 (id %2):</source>
        <translation>Lịch sử của %1 (mã %2):</translation>
    </message>
    <message>
        <source>Select an entry to see its history.</source>
        <translation>Chọn một mục để xem lịch sử.</translation>
    </message>
    <message>
        <source>An entry of this pair changed meanwhile; reading the pairs again.</source>
        <translation>Một mục của cặp này đã thay đổi trong lúc đó; đang đọc lại các cặp.</translation>
    </message>
    <message>
        <source>%1 merged into %2 (now version %3); both histories are kept.</source>
        <translation>Đã gộp %1 vào %2 (nay là phiên bản %3); giữ lại lịch sử của cả hai.</translation>
    </message>
    <message>
        <source>Assign for a follow-up visit</source>
        <translation>Giao việc thăm lại</translation>
    </message>
    <message>
        <source>Laptop that visits the %1 selected households:</source>
        <translation>Máy sẽ thăm lại %1 hộ đã chọn:</translation>
    </message>
    <message>
        <source>Follow-up wave (e.g. “6 months”):</source>
        <translation>Đợt thăm lại (ví dụ “6 tháng”):</translation>
    </message>
    <message>
        <source>Assigned to %2: %1 new, %3 already assigned.</source>
        <translation>Đã giao cho %2: %1 hộ mới, %3 hộ đã được giao từ trước.</translation>
    </message>
</context>
<context>
    <name>EntityConflictsView</name>
    <message>
        <source>List</source>
        <translation>Danh sách</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Mục</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Máy</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Nhận lúc</translation>
    </message>
    <message>
        <source>What differs</source>
        <translation>Khác nhau ở</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <source>Before (the laptop&apos;s starting point)</source>
        <translation>Trước đó (bản gốc của máy)</translation>
    </message>
    <message>
        <source>Coordinator&apos;s value now</source>
        <translation>Giá trị hiện tại của điều phối viên</translation>
    </message>
    <message>
        <source>Laptop&apos;s value</source>
        <translation>Giá trị của máy</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Giữ</translation>
    </message>
    <message>
        <source>Choose all the &amp;coordinator&apos;s values</source>
        <translation>Chọn mọi giá trị của &amp;điều phối viên</translation>
    </message>
    <message>
        <source>Choose all the &amp;laptop&apos;s values</source>
        <translation>Chọn mọi giá trị của &amp;máy</translation>
    </message>
    <message>
        <source>&amp;Resolve with these choices</source>
        <translation>&amp;Giải quyết theo các lựa chọn này</translation>
    </message>
    <message>
        <source>(label)</source>
        <translation>(tên)</translation>
    </message>
    <message>
        <source>changed on the laptop from an older version</source>
        <translation>được sửa trên máy từ một phiên bản cũ hơn</translation>
    </message>
    <message>
        <source>created with an id another interview already used</source>
        <translation>được tạo với mã mà một phiếu khác đã dùng</translation>
    </message>
    <message>
        <source>changed on the laptop after it was merged into another entry</source>
        <translation>được sửa trên máy sau khi đã gộp vào mục khác</translation>
    </message>
    <message>
        <source>changed on the laptop after it was removed</source>
        <translation>được sửa trên máy sau khi đã bị xoá</translation>
    </message>
    <message>
        <source>Select a conflict to see its values side by side.</source>
        <translation>Chọn một xung đột để so sánh các giá trị cạnh nhau.</translation>
    </message>
    <message>
        <source>No entity conflict to resolve.</source>
        <translation>Không có xung đột nào cần giải quyết.</translation>
    </message>
    <message>
        <source>%1 in list %2: %3. The laptop %4 started from version %5; the network has version %6. Interview %7.</source>
        <translation>%1 trong danh sách %2: %3. Máy %4 sửa từ phiên bản %5; mạng lưới đang có phiên bản %6. Phiếu %7.</translation>
    </message>
    <message>
        <source>(not sent)</source>
        <translation>(không gửi)</translation>
    </message>
    <message>
        <source>Changed on both sides since the laptop&apos;s version</source>
        <translation>Đã bị sửa ở cả hai phía kể từ phiên bản của máy</translation>
    </message>
    <message>
        <source>same</source>
        <translation>giống nhau</translation>
    </message>
    <message>
        <source>Coordinator&apos;s</source>
        <translation>Của điều phối viên</translation>
    </message>
    <message>
        <source>Laptop&apos;s</source>
        <translation>Của máy</translation>
    </message>
    <message>
        <source>Keep for %1</source>
        <translation>Giữ cho %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(trống)</translation>
    </message>
    <message>
        <source>Conflict resolved: %1 keeps the coordinator&apos;s values.</source>
        <translation>Đã giải quyết xung đột: %1 giữ các giá trị của điều phối viên.</translation>
    </message>
    <message>
        <source>Conflict resolved: %1 is now version %2; the laptops get it with their next receipt.</source>
        <translation>Đã giải quyết xung đột: %1 nay là phiên bản %2; các máy sẽ nhận được cùng biên nhận tiếp theo.</translation>
    </message>
</context>
<context>
    <name>EntityPicker</name>
    <message>
        <source>Nothing chosen yet.</source>
        <translation>Chưa chọn.</translation>
    </message>
    <message>
        <source>{id} (not on this laptop any more)</source>
        <translation>{id} (máy này không còn giữ)</translation>
    </message>
    <message>
        <source>Chosen: {entity}</source>
        <translation>Đã chọn: {entity}</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <source>This laptop has no list “{list}” yet: it comes with the device package or a receipt from the coordinator.</source>
        <translation>Máy này chưa có danh sách “{list}”: danh sách đến cùng gói cài đặt máy hoặc biên nhận của điều phối viên.</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”. Check the spelling or type less.</source>
        <translation>Không tìm thấy “{text}”. Kiểm tra lại chính tả hoặc gõ ít chữ hơn.</translation>
    </message>
    <message>
        <source>More than {count} found: type more of the name, id, ward or phone.</source>
        <translation>Tìm thấy hơn {count}: gõ thêm tên, mã hộ, phường hoặc số điện thoại.</translation>
    </message>
    <message>
        <source>1 found: press Enter to pick it.</source>
        <translation>Tìm thấy 1: nhấn Enter để chọn.</translation>
    </message>
    <message>
        <source>{count} found: press ↓ to highlight one, then Enter.</source>
        <translation>Tìm thấy {count}: nhấn ↓ để đánh dấu một mục, rồi nhấn Enter.</translation>
    </message>
    <message>
        <source>{count} in the list “{list}” on this laptop.</source>
        <translation>Danh sách “{list}” trên máy này có {count} mục.</translation>
    </message>
    <message>
        <source>Nothing matches this search.</source>
        <translation>Không có mục nào khớp với từ tìm kiếm.</translation>
    </message>
    <message>
        <source>Type a name, household id, ward or phone (accents not needed)</source>
        <translation>Gõ tên, mã hộ, phường hoặc số điện thoại (không cần gõ dấu)</translation>
    </message>
    <message>
        <source>↓ highlights a match, Enter picks it, Esc clears the search</source>
        <translation>↓ đánh dấu một kết quả, Enter để chọn, Esc để xoá từ tìm kiếm</translation>
    </message>
    <message>
        <source>✕ Clear</source>
        <translation>✕ Xoá</translation>
    </message>
    <message>
        <source>Remove the answer to this question (Delete)</source>
        <translation>Xoá câu trả lời của câu hỏi này (Delete)</translation>
    </message>
</context>
<context>
    <name>EntryView</name>
    <message>
        <source>Review</source>
        <extracomment>The next page is built this long after a page is shown, while the enumerator reads. Pages shown since the screen opened (a section is done once visited and valid).</extracomment>
        <translation>Xem lại</translation>
    </message>
    <message>
        <source>Page {n} of {count}</source>
        <translation>Trang {n}/{count}</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>✓ Saved {time}</source>
        <translation>✓ Đã lưu lúc {time}</translation>
    </message>
    <message>
        <source>⚠ Not saved</source>
        <translation>⚠ Chưa lưu được</translation>
    </message>
    <message>
        <source>Every answer is saved as soon as you finish it.</source>
        <translation>Mỗi câu trả lời được lưu ngay khi bạn nhập xong.</translation>
    </message>
    <message>
        <source>This answer was not accepted: {reason}</source>
        <translation>Câu trả lời này không được chấp nhận: {reason}</translation>
    </message>
    <message>
        <source>Complete interview</source>
        <translation>Hoàn thành phỏng vấn</translation>
    </message>
    <message>
        <source>Complete the interview of household {id}?</source>
        <translation>Hoàn thành phỏng vấn hộ {id}?</translation>
    </message>
    <message>
        <source>It will be sent to the coordinator with the next export. Until it is exported you can reopen it from the interviews list to correct it.</source>
        <translation>Phiếu sẽ được gửi cho điều phối viên trong lần xuất dữ liệu tới. Trước khi xuất, anh/chị vẫn có thể mở lại phiếu từ danh sách phỏng vấn để sửa.</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Hoàn thành</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Chưa</translation>
    </message>
    <message>
        <source>Household {id} · {form}</source>
        <translation>Hộ {id} · {form}</translation>
    </message>
    <message>
        <source>Questionnaire &amp;language:</source>
        <translation>&amp;Ngôn ngữ bảng hỏi:</translation>
    </message>
    <message>
        <source>This interview is completed: the answers can be read but not changed.</source>
        <translation>Phỏng vấn này đã hoàn thành: có thể xem nhưng không sửa được câu trả lời.</translation>
    </message>
    <message>
        <source>◀ Previous (PgUp)</source>
        <translation>◀ Trang trước (PgUp)</translation>
    </message>
    <message>
        <source>Next (PgDn) ▶</source>
        <translation>Trang sau (PgDn) ▶</translation>
    </message>
    <message>
        <source>Review and complete (Ctrl+Enter)</source>
        <translation>Xem lại và hoàn thành (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Close (Ctrl+W)</source>
        <translation>Đóng (Ctrl+W)</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Trang trước (Page Up)</translation>
    </message>
    <message>
        <source>Next page (Page Down); Enter or Tab moves to the next question</source>
        <translation>Trang sau (Page Down); Enter hoặc Tab chuyển sang câu hỏi tiếp theo</translation>
    </message>
    <message>
        <source>List what is left to answer, then complete the interview</source>
        <translation>Liệt kê những câu còn thiếu, rồi hoàn thành phỏng vấn</translation>
    </message>
    <message>
        <source>Close this interview; every answer is already saved</source>
        <translation>Đóng phỏng vấn này; mọi câu trả lời đều đã được lưu</translation>
    </message>
    <message>
        <source>✓ All answers saved</source>
        <translation>✓ Đã lưu mọi câu trả lời</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The password is not right</source>
        <translation>Mật khẩu không đúng</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>Ổ đĩa đã đầy</translation>
    </message>
    <message>
        <source>This workspace cannot be opened by this version</source>
        <translation>Phiên bản này không mở được không gian làm việc này</translation>
    </message>
    <message>
        <source>The workspace cannot be opened</source>
        <translation>Không mở được không gian làm việc</translation>
    </message>
    <message>
        <source>The questionnaire has a problem</source>
        <translation>Bảng hỏi có lỗi</translation>
    </message>
    <message>
        <source>This interview cannot be changed now</source>
        <translation>Lúc này không thể thay đổi phỏng vấn này</translation>
    </message>
    <message>
        <source>The receipt was refused</source>
        <translation>Biên nhận bị từ chối</translation>
    </message>
    <message>
        <source>A bundle was refused</source>
        <translation>Một gói dữ liệu bị từ chối</translation>
    </message>
    <message>
        <source>Synchronisation problem</source>
        <translation>Lỗi khi đồng bộ dữ liệu</translation>
    </message>
    <message>
        <source>The report cannot be made</source>
        <translation>Không tạo được báo cáo</translation>
    </message>
    <message>
        <source>Something needs your attention</source>
        <translation>Có vấn đề cần bạn chú ý</translation>
    </message>
    <message>
        <source>Something went wrong inside FieldSurvey</source>
        <translation>Đã xảy ra lỗi bên trong FieldSurvey</translation>
    </message>
    <message>
        <source>Your answers are saved. Please send the details below to the coordinator.</source>
        <translation>Các câu trả lời của bạn đã được lưu. Hãy gửi thông tin chi tiết bên dưới cho điều phối viên.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>FieldSurvey: first start</source>
        <translation>FieldSurvey: khởi động lần đầu</translation>
    </message>
    <message>
        <source>Welcome to FieldSurvey</source>
        <translation>Chào mừng đến với FieldSurvey</translation>
    </message>
    <message>
        <source>There is no workspace on this computer yet. Everything you record is kept encrypted under a password that only you know.</source>
        <translation>Máy tính này chưa có không gian làm việc. Mọi thông tin bạn ghi lại đều được mã hoá bằng mật khẩu chỉ bạn biết.</translation>
    </message>
    <message>
        <source>Set up this laptop from a device package</source>
        <translation>Cài đặt máy này từ gói cài đặt</translation>
    </message>
    <message>
        <source>For enumerators: the coordinator gave you a package file and a passphrase.</source>
        <translation>Dành cho điều tra viên: điều phối viên đã đưa cho bạn một tệp gói cài đặt và một cụm mật khẩu.</translation>
    </message>
    <message>
        <source>Start a coordinator workspace</source>
        <translation>Tạo không gian làm việc của điều phối viên</translation>
    </message>
    <message>
        <source>For the network coordinator, once per campaign.</source>
        <translation>Dành cho điều phối viên mạng lưới, mỗi đợt khảo sát một lần.</translation>
    </message>
    <message>
        <source>Open a demo workspace</source>
        <translation>Mở không gian làm việc mẫu</translation>
    </message>
    <message>
        <source>To look around: synthetic households in Phúc Tân and Chương Dương, no real people. Built once in %1.</source>
        <translation>Để xem thử: các hộ gia đình giả lập ở Phúc Tân và Chương Dương, không phải người thật. Được tạo một lần trong %1.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn tệp…</translation>
    </message>
    <message>
        <source>Device &amp;package:</source>
        <translation>&amp;Gói cài đặt:</translation>
    </message>
    <message>
        <source>Package pass&amp;phrase:</source>
        <translation>&amp;Cụm mật khẩu của gói:</translation>
    </message>
    <message>
        <source>New workspace pass&amp;word:</source>
        <translation>&amp;Mật khẩu mới cho không gian làm việc:</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>&amp;Nhập lại mật khẩu:</translation>
    </message>
    <message>
        <source>Campaign &amp;name:</source>
        <translation>&amp;Tên đợt khảo sát:</translation>
    </message>
    <message>
        <source>&amp;Wards (comma-separated):</source>
        <translation>&amp;Các phường (cách nhau bằng dấu phẩy):</translation>
    </message>
    <message>
        <source>&amp;Recovery key file (print it, lock it away):</source>
        <translation>Tệp &amp;khoá khôi phục (in ra và cất giữ an toàn):</translation>
    </message>
    <message>
        <source>The wards of this campaign, separated by commas</source>
        <translation>Các phường của đợt khảo sát, cách nhau bằng dấu phẩy</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Quay lại</translation>
    </message>
    <message>
        <source>&amp;Create workspace</source>
        <translation>&amp;Tạo không gian làm việc</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>Device package</source>
        <translation>Gói cài đặt</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hai mật khẩu không giống nhau.</translation>
    </message>
    <message>
        <source>Creating the workspace…</source>
        <translation>Đang tạo không gian làm việc…</translation>
    </message>
    <message>
        <source>Building the demo (about a minute)…</source>
        <translation>Đang tạo dữ liệu mẫu (khoảng một phút)…</translation>
    </message>
    <message>
        <source>Building the demo: step %1 of %2…</source>
        <translation>Đang tạo dữ liệu mẫu: bước %1/%2…</translation>
    </message>
</context>
<context>
    <name>FolderWatchPanel</name>
    <message>
        <source>Laptop</source>
        <translation>Máy tính xách tay</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Liên lạc gần nhất</translation>
    </message>
    <message>
        <source>Over</source>
        <translation>Qua</translation>
    </message>
    <message>
        <source>Last bundle number</source>
        <translation>Số gói dữ liệu gần nhất</translation>
    </message>
    <message>
        <source>Last receipt</source>
        <translation>Biên nhận gần nhất</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>active</source>
        <translation>đang dùng</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>đã thu hồi</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Mạng</translation>
    </message>
    <message>
        <source>Shared sync &amp;folder:</source>
        <translation>&amp;Thư mục đồng bộ dùng chung:</translation>
    </message>
    <message>
        <source>The folder the laptops send into (Google Drive, Dropbox, a network share…)</source>
        <translation>Thư mục các máy gửi vào (Google Drive, Dropbox, thư mục mạng…)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn…</translation>
    </message>
    <message>
        <source>&amp;Look now</source>
        <translation>&amp;Xem ngay</translation>
    </message>
    <message>
        <source>Last contact with each laptop, and the way its work came:</source>
        <translation>Lần liên lạc gần nhất với từng máy, và đường dữ liệu được gửi đến:</translation>
    </message>
    <message>
        <source>shared folder</source>
        <translation>thư mục dùng chung</translation>
    </message>
    <message>
        <source>inbox server</source>
        <translation>máy chủ hộp thư</translation>
    </message>
    <message>
        <source>USB or folder import</source>
        <translation>USB hoặc nhập từ thư mục</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa lần nào</translation>
    </message>
    <message>
        <source>%1 bundle(s) imported</source>
        <translation>đã nhập %1 gói dữ liệu</translation>
    </message>
    <message>
        <source>%1 refused (%2)</source>
        <translation>%1 bị từ chối (%2)</translation>
    </message>
    <message>
        <source>%1 file(s) still arriving</source>
        <translation>%1 tệp đang được chép đến</translation>
    </message>
    <message>
        <source>%1 copy(ies) of files already handled</source>
        <translation>%1 bản sao của tệp đã xử lý</translation>
    </message>
    <message>
        <source>%1 receipt(s) written</source>
        <translation>đã ghi %1 biên nhận</translation>
    </message>
    <message>
        <source>nothing new</source>
        <translation>không có gì mới</translation>
    </message>
    <message>
        <source>Last look at %1: %2.</source>
        <translation>Lần xem gần nhất lúc %1: %2.</translation>
    </message>
    <message>
        <source>No shared folder is set: bundles come by USB stick (Import bundles) or through the inbox server.</source>
        <translation>Chưa đặt thư mục dùng chung: gói dữ liệu đến bằng USB (Nhập gói dữ liệu) hoặc qua máy chủ hộp thư.</translation>
    </message>
    <message>
        <source>The folder cannot be read now: %1. Looking again every %2 seconds.</source>
        <translation>Hiện không đọc được thư mục: %1. Cứ %2 giây sẽ xem lại.</translation>
    </message>
    <message>
        <source>Watching the folder every %1 seconds.</source>
        <translation>Đang theo dõi thư mục, cứ %1 giây một lần.</translation>
    </message>
    <message>
        <source>Shared sync folder</source>
        <translation>Thư mục đồng bộ dùng chung</translation>
    </message>
</context>
<context>
    <name>GuidanceHint</name>
    <message>
        <source>Guidance for the enumerator (Ctrl+I)</source>
        <translation>Hướng dẫn cho điều tra viên (Ctrl+I)</translation>
    </message>
    <message>
        <source>Show or hide how to ask this question</source>
        <translation>Hiện hoặc ẩn cách hỏi câu này</translation>
    </message>
</context>
<context>
    <name>ImageMapSelect</name>
    <message>
        <source>Click a place on the picture, or choose from the list.</source>
        <translation>Bấm vào một chỗ trên hình, hoặc chọn trong danh sách.</translation>
    </message>
    <message>
        <source>The picture of this question ({file}) is not on this laptop, or is not an SVG map: choose from the list.</source>
        <translation>Hình của câu hỏi này ({file}) không có trên máy, hoặc không phải bản đồ SVG: hãy chọn trong danh sách.</translation>
    </message>
    <message>
        <source>This question has no picture to click: choose from the list.</source>
        <translation>Câu hỏi này không có hình để bấm: hãy chọn trong danh sách.</translation>
    </message>
</context>
<context>
    <name>InputProblem</name>
    <message>
        <source>A comma separates thousands and a point marks decimals. Is this {first} or {second}? Type the one you mean.</source>
        <extracomment>Characters a number box lets through while typing (the parser has the last word).</extracomment>
        <translation>Dấu chấm tách hàng nghìn, dấu phẩy là dấu thập phân. Đây là {first} hay {second}? Hãy gõ lại đúng số bạn muốn.</translation>
    </message>
    <message>
        <source>A comma separates thousands and a point marks decimals. Did you mean {value}? Type it that way.</source>
        <translation>Dấu chấm tách hàng nghìn, dấu phẩy là dấu thập phân. Có phải {value}? Hãy gõ lại như vậy.</translation>
    </message>
    <message>
        <source>Type a whole number, for example {example}.</source>
        <translation>Hãy gõ một số nguyên, ví dụ {example}.</translation>
    </message>
    <message>
        <source>Type a number, for example {example}.</source>
        <translation>Hãy gõ một số, ví dụ {example}.</translation>
    </message>
    <message>
        <source>Type the date as day/month/year, for example 15/03/1990.</source>
        <translation>Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/03/1990.</translation>
    </message>
    <message>
        <source>This date does not exist.</source>
        <translation>Ngày này không tồn tại.</translation>
    </message>
    <message>
        <source>Type the month as month/year, for example 03/1990.</source>
        <translation>Hãy nhập tháng theo dạng tháng/năm, ví dụ 03/1990.</translation>
    </message>
    <message>
        <source>This month does not exist.</source>
        <translation>Tháng này không tồn tại.</translation>
    </message>
    <message>
        <source>Type the year with four digits, for example 1990.</source>
        <translation>Hãy nhập năm đủ bốn chữ số, ví dụ 1990.</translation>
    </message>
    <message>
        <source>Type the time as hours:minutes, for example 14:30.</source>
        <translation>Hãy nhập giờ theo dạng giờ:phút, ví dụ 14:30.</translation>
    </message>
    <message>
        <source>This time does not exist.</source>
        <translation>Thời điểm này không tồn tại.</translation>
    </message>
    <message>
        <source>Type latitude and longitude, for example 21.0285 105.8542.</source>
        <translation>Hãy nhập vĩ độ và kinh độ, ví dụ 21.0285 105.8542.</translation>
    </message>
    <message>
        <source>Latitude must be between -90 and 90, longitude between -180 and 180.</source>
        <translation>Vĩ độ phải từ -90 đến 90, kinh độ từ -180 đến 180.</translation>
    </message>
    <message>
        <source>Type the date and time as day/month/year hours:minutes, for example 15/03/2024 14:30.</source>
        <translation>Hãy nhập ngày và giờ theo dạng ngày/tháng/năm giờ:phút, ví dụ 15/03/2024 14:30.</translation>
    </message>
</context>
<context>
    <name>InterviewTableModel</name>
    <message>
        <source>Draft</source>
        <extracomment>Rows per window read from the workspace, and windows kept. The store&apos;s sort order of each column.</extracomment>
        <translation>Nháp</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Đã hoàn thành</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>Received by coordinator</source>
        <translation>Điều phối viên đã nhận</translation>
    </message>
    <message>
        <source>Returned for correction</source>
        <translation>Bị trả lại để sửa</translation>
    </message>
    <message>
        <source>✓ All checks pass</source>
        <translation>✓ Đã đủ và hợp lệ</translation>
    </message>
    <message>
        <source>%1 (form id %2, version %3)</source>
        <extracomment>The kept (selected) interview&apos;s position in the new order (None: not there). The query&apos;s count is known (or changed). A new first screen is shown (``Screen``), or a refresh came (same signal). A column header asked for another order (``query`` has it): query again. How many interviews the workspace holds (the &quot;of N&quot; of the count). A screen&apos;s read is under way in a task; the newest asked for meanwhile waits. Sort keys of every ANCHOR_EVERY-th row (read after the count): a jump reads from the nearest one. form id -&gt; the title of its newest installed version (the Questionnaire column).</extracomment>
        <translation>%1 (mã bảng hỏi %2, phiên bản %3)</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>Người trả lời</translation>
    </message>
    <message>
        <source>Enumerator</source>
        <translation>Điều tra viên</translation>
    </message>
    <message>
        <source>Questionnaire</source>
        <translation>Bảng hỏi</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Sửa lần cuối</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Ghi chú kiểm tra</translation>
    </message>
</context>
<context>
    <name>InterviewsPage</name>
    <message>
        <source>Interviews</source>
        <extracomment>The widest a column grows when fitted to its contents (px); the full text is in the cell&apos;s tooltip. Long questionnaire titles would otherwise push the list off screen. The rows a column is fitted to (about a screen). The selected interview&apos;s row (None: nothing selected), whenever it may have changed. The list&apos;s first screen is on show, its columns fitted (once, at the first query). The view&apos;s model (the list has no proxy any more; the name stays for callers).</extracomment>
        <translation>Phỏng vấn</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Tìm kiếm:</translation>
    </message>
    <message>
        <source>Ward, household, respondent… (Ctrl+F)</source>
        <translation>Phường, hộ, người trả lời… (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;New interview (Ctrl+N)</source>
        <translation>Phỏng vấn &amp;mới (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Open (Enter)</source>
        <translation>Mở p&amp;hiếu (Enter)</translation>
    </message>
    <message>
        <source>Reopen for &amp;correction…</source>
        <translation>Mở &amp;lại để sửa…</translation>
    </message>
    <message>
        <source>&amp;Delete draft…</source>
        <translation>&amp;Xoá bản nháp…</translation>
    </message>
    <message>
        <source>Counting interviews…</source>
        <translation>Đang đếm phiếu…</translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %Ln interview</source>
        <translation>
            <numerusform>Đang hiện %1 trên tổng số %Ln phiếu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing %1 of %Ln interviews</source>
        <translation>
            <numerusform>Đang hiện %1 trên tổng số %Ln phiếu</numerusform>
        </translation>
    </message>
    <message>
        <source>Only a draft can be deleted: select a draft.</source>
        <translation>Chỉ xoá được phiếu nháp: hãy chọn một phiếu nháp.</translation>
    </message>
    <message>
        <source>Make this completed interview a draft again, to correct it before it is sent.</source>
        <translation>Đưa phiếu đã hoàn thành này về bản nháp để sửa trước khi gửi đi.</translation>
    </message>
    <message>
        <source>Only a completed interview that has not been sent can be reopened; once sent, the coordinator returns it for correction.</source>
        <translation>Chỉ mở lại được phiếu đã hoàn thành mà chưa gửi; phiếu đã gửi thì điều phối viên sẽ trả lại để sửa.</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>All wards</source>
        <translation>Mọi phường</translation>
    </message>
</context>
<context>
    <name>LaptopPasswordDialog</name>
    <message>
        <source>Reset a laptop&apos;s password</source>
        <translation>Đặt lại mật khẩu của một máy</translation>
    </message>
    <message>
        <source>An enumerator forgot the laptop&apos;s password. Choose the laptop&apos;s workspace folder (on its disk, or copied to a USB stick), then a new password to give the enumerator in person. The interviews on the laptop are kept.</source>
        <translation>Điều tra viên quên mật khẩu của máy. Hãy chọn thư mục không gian làm việc của máy (trên ổ đĩa của máy, hoặc bản chép sang USB), rồi đặt một mật khẩu mới để trao trực tiếp cho điều tra viên. Các phiếu trên máy vẫn được giữ nguyên.</translation>
    </message>
    <message>
        <source>Laptop&apos;s workspace &amp;folder:</source>
        <translation>&amp;Thư mục không gian làm việc của máy:</translation>
    </message>
    <message>
        <source>Open it with:</source>
        <translation>Mở bằng:</translation>
    </message>
    <message>
        <source>Recovery &amp;key file:</source>
        <translation>Tệp khoá khôi &amp;phục:</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>Mật khẩu &amp;mới:</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>Nhập &amp;lại mật khẩu:</translation>
    </message>
    <message>
        <source>this coordinator workspace&apos;s &amp;campaign key</source>
        <translation>&amp;khoá đợt khảo sát của không gian làm việc điều phối này</translation>
    </message>
    <message>
        <source>the printed &amp;recovery key file</source>
        <translation>tệp khoá khôi phục đã &amp;in</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn thư mục…</translation>
    </message>
    <message>
        <source>Br&amp;owse…</source>
        <translation>Chọ&amp;n tệp…</translation>
    </message>
    <message>
        <source>&amp;Set the new password</source>
        <translation>&amp;Đặt mật khẩu mới</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>Laptop&apos;s workspace folder</source>
        <translation>Thư mục không gian làm việc của máy</translation>
    </message>
    <message>
        <source>Recovery key file</source>
        <translation>Tệp khoá khôi phục</translation>
    </message>
    <message>
        <source>Choose the folder that holds the laptop&apos;s %1.</source>
        <translation>Hãy chọn thư mục chứa tệp %1 của máy.</translation>
    </message>
    <message>
        <source>Choose the recovery key file.</source>
        <translation>Hãy chọn tệp khoá khôi phục.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Hai mật khẩu không giống nhau.</translation>
    </message>
</context>
<context>
    <name>LaptopSyncPage</name>
    <message>
        <source>Ward</source>
        <extracomment>The returned interviews listed at most (a laptop has a handful). Confirmed interviews whose answers are still on this laptop (what a purge empties).</extracomment>
        <translation>Phường</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <source>Coordinator&apos;s comment</source>
        <translation>Nhận xét của điều phối viên</translation>
    </message>
    <message>
        <source>Send and receive</source>
        <translation>Gửi và nhận</translation>
    </message>
    <message>
        <source>Waiting to be sent:</source>
        <translation>Chờ gửi:</translation>
    </message>
    <message>
        <source>Sent, not yet confirmed:</source>
        <translation>Đã gửi, chưa được xác nhận:</translation>
    </message>
    <message>
        <source>Confirmed by the coordinator:</source>
        <translation>Điều phối viên đã xác nhận:</translation>
    </message>
    <message>
        <source>Returned for correction:</source>
        <translation>Bị trả lại để sửa:</translation>
    </message>
    <message>
        <source>Drafts (not sent until completed):</source>
        <translation>Bản nháp (chỉ gửi khi đã hoàn thành):</translation>
    </message>
    <message>
        <source>&amp;Export to a folder or USB drive…</source>
        <translation>&amp;Xuất ra thư mục hoặc USB…</translation>
    </message>
    <message>
        <source>Import a &amp;receipt…</source>
        <translation>Nhập &amp;biên nhận…</translation>
    </message>
    <message>
        <source>Remove &amp;confirmed answers from this laptop</source>
        <translation>Xoá khỏi máy này các câu trả lời đã được &amp;xác nhận</translation>
    </message>
    <message>
        <source>Returned for correction, with the comment:</source>
        <translation>Bị trả lại để sửa, kèm nhận xét:</translation>
    </message>
    <message>
        <source>No confirmed interview has answers left on this laptop.</source>
        <translation>Trên máy này không còn câu trả lời nào của phiếu đã được xác nhận.</translation>
    </message>
    <message>
        <source>Export to which folder?</source>
        <translation>Xuất ra thư mục nào?</translation>
    </message>
    <message>
        <source>Encrypting and writing the bundle…</source>
        <translation>Đang mã hoá và ghi gói dữ liệu…</translation>
    </message>
    <message>
        <source>Nothing to send: every completed interview was sent.</source>
        <translation>Không có gì để gửi: mọi phỏng vấn đã hoàn thành đều đã được gửi.</translation>
    </message>
    <message numerus="yes">
        <source>%n interview written to %1. Take this file to the coordinator.</source>
        <translation>
            <numerusform>Đã ghi %n phiếu vào %1. Hãy mang tệp này cho điều phối viên.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n interviews written to %1. Take this file to the coordinator.</source>
        <translation>
            <numerusform>Đã ghi %n phiếu vào %1. Hãy mang tệp này cho điều phối viên.</numerusform>
        </translation>
    </message>
    <message>
        <source>The file is full: %1 completed interviews are left. Export again to write them into a second file.</source>
        <translation>Tệp đã đầy: còn %1 phiếu đã hoàn thành chưa được ghi. Hãy xuất thêm một lần nữa để ghi chúng vào tệp thứ hai.</translation>
    </message>
    <message numerus="yes">
        <source>Remove the answers of %n interview confirmed by the coordinator from this laptop? They cannot be brought back here; the coordinator keeps them.</source>
        <translation>
            <numerusform>Xoá khỏi máy này câu trả lời của %n phiếu đã được điều phối viên xác nhận? Không thể lấy lại chúng trên máy này; điều phối viên vẫn giữ bản của mình.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the answers of %n interviews confirmed by the coordinator from this laptop? They cannot be brought back here; the coordinator keeps them.</source>
        <translation>
            <numerusform>Xoá khỏi máy này câu trả lời của %n phiếu đã được điều phối viên xác nhận? Không thể lấy lại chúng trên máy này; điều phối viên vẫn giữ bản của mình.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove confirmed answers</source>
        <translation>Xoá câu trả lời đã được xác nhận</translation>
    </message>
    <message numerus="yes">
        <source>Answers of %n confirmed interview removed from this laptop.</source>
        <translation>
            <numerusform>Đã xoá khỏi máy này câu trả lời của %n phiếu đã được xác nhận.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Answers of %n confirmed interviews removed from this laptop.</source>
        <translation>
            <numerusform>Đã xoá khỏi máy này câu trả lời của %n phiếu đã được xác nhận.</numerusform>
        </translation>
    </message>
    <message>
        <source>Receipt from the coordinator</source>
        <translation>Biên nhận của điều phối viên</translation>
    </message>
    <message>
        <source>Checking the receipt…</source>
        <translation>Đang kiểm tra biên nhận…</translation>
    </message>
    <message>
        <source>This receipt was already imported; nothing changed.</source>
        <translation>Biên nhận này đã được nhập trước đó; không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Receipt applied: %1 confirmed, %2 returned for correction.</source>
        <translation>Đã áp dụng biên nhận: %1 phỏng vấn được xác nhận, %2 phỏng vấn bị trả lại để sửa.</translation>
    </message>
    <message>
        <source>New questionnaire versions installed: %1.</source>
        <translation>Đã cài phiên bản bảng hỏi mới: %1.</translation>
    </message>
</context>
<context>
    <name>ListSelect</name>
    <message>
        <source>Chosen: {choice}</source>
        <translation>Đã chọn: {choice}</translation>
    </message>
    <message>
        <source>{count} choices match: press ↓ to highlight one, then Enter.</source>
        <translation>Có {count} lựa chọn khớp: bấm ↓ để đến một dòng, rồi nhấn Enter.</translation>
    </message>
    <message>
        <source>No choice matches this search.</source>
        <translation>Không có lựa chọn nào khớp với từ tìm kiếm.</translation>
    </message>
    <message>
        <source>Type to search (accents not needed), ↓ to highlight, Enter to pick</source>
        <translation>Gõ để tìm (không cần dấu), ↓ để đến dòng, Enter để chọn</translation>
    </message>
    <message>
        <source>✕ Clear</source>
        <translation>✕ Xoá</translation>
    </message>
    <message>
        <source>Remove the answer to this question (Delete)</source>
        <translation>Xoá câu trả lời của câu hỏi này (Delete)</translation>
    </message>
</context>
<context>
    <name>LocationAnswer</name>
    <message>
        <source>Write decimals with a point and put a comma and a space between latitude and longitude: 21.0285, 105.8542.</source>
        <translation>Viết phần thập phân bằng dấu chấm, giữa vĩ độ và kinh độ là một dấu phẩy và một dấu cách: 21.0285, 105.8542.</translation>
    </message>
    <message>
        <source>Latitude must be between -90 and 90, longitude between -180 and 180.</source>
        <translation>Vĩ độ phải từ -90 đến 90, kinh độ từ -180 đến 180.</translation>
    </message>
    <message>
        <source>Latitude comes first: did you mean {place}?</source>
        <translation>Vĩ độ viết trước: có phải là {place} không?</translation>
    </message>
    <message>
        <source>The accuracy is a distance in metres: 0 or more.</source>
        <translation>Độ chính xác là khoảng cách tính bằng mét: từ 0 trở lên.</translation>
    </message>
    <message>
        <source>An area needs at least 3 corners, one per line.</source>
        <translation>Một vùng cần ít nhất 3 góc, mỗi góc một dòng.</translation>
    </message>
    <message>
        <source>A line needs at least 2 points, one per line.</source>
        <translation>Một đường cần ít nhất 2 điểm, mỗi điểm một dòng.</translation>
    </message>
    <message>
        <source>Type latitude and longitude, for example 21.0285, 105.8542.</source>
        <translation>Hãy nhập vĩ độ và kinh độ, ví dụ 21.0285, 105.8542.</translation>
    </message>
    <message>
        <source>Point {number}: {problem}</source>
        <translation>Điểm {number}: {problem}</translation>
    </message>
    <message>
        <source>No map on a laptop: type or paste the coordinates.</source>
        <translation>Máy tính không có bản đồ: hãy nhập hoặc dán tọa độ.</translation>
    </message>
    <message>
        <source>latitude, longitude</source>
        <translation>vĩ độ, kinh độ</translation>
    </message>
    <message>
        <source>Latitude, longitude in degrees, e.g. 21.0285, 105.8542; accuracy optional: ±10 m. A place copied from a phone&apos;s map app can be pasted.</source>
        <translation>Vĩ độ, kinh độ tính bằng độ, ví dụ 21.0285, 105.8542; có thể thêm độ chính xác: ±10 m. Có thể dán vị trí sao chép từ ứng dụng bản đồ trên điện thoại.</translation>
    </message>
    <message>
        <source>→ {count} corners, area {area} ha</source>
        <translation>→ {count} góc, diện tích {area} ha</translation>
    </message>
    <message>
        <source>→ {count} points, {length} km long</source>
        <translation>→ {count} điểm, dài {length} km</translation>
    </message>
    <message>
        <source>One corner per line: latitude, longitude (e.g. 21.0285, 105.8542), at least 3; the area is closed for you. Enter starts the next corner, Tab moves on.</source>
        <translation>Mỗi dòng một góc: vĩ độ, kinh độ (ví dụ 21.0285, 105.8542), ít nhất 3 góc; vùng được tự khép kín. Enter để xuống góc tiếp theo, Tab để sang câu sau.</translation>
    </message>
    <message>
        <source>One point per line: latitude, longitude (e.g. 21.0285, 105.8542), at least 2. Enter starts the next point, Tab moves on.</source>
        <translation>Mỗi dòng một điểm: vĩ độ, kinh độ (ví dụ 21.0285, 105.8542), ít nhất 2 điểm. Enter để xuống điểm tiếp theo, Tab để sang câu sau.</translation>
    </message>
    <message>
        <source>latitude, longitude
latitude, longitude
…</source>
        <translation>vĩ độ, kinh độ
vĩ độ, kinh độ
…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Interviews</source>
        <extracomment>The modules of the pages behind the other tabs, and of the entry screen, imported in a task once the window is up (each is also imported where it is used). The warm-up starts at the latest this long after the window is made, even if the list has not shown its first screen (a slow disk, a failed read). Once the window is up, the warm-up waits until no task has run for this long: the list&apos;s count and marks arrive after its first screen and repaint it, and the warm-up&apos;s imports beside that painting kept the window waiting for the GIL for 100-370 ms at 1,000,000 interviews (each of the painting&apos;s calls into Python waits for a thread that runs Python to let the GIL go). ... but no longer than this after both steps, however busy the tasks are. Freeze what start-up holds after the warm-up (:func:`warm_up`; the app does). The warm-up is done (its imports made): for tests and benchmarks.</extracomment>
        <translation>&amp;Phỏng vấn</translation>
    </message>
    <message>
        <source>&amp;Send and receive</source>
        <translation>&amp;Gửi và nhận</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Báo cáo</translation>
    </message>
    <message>
        <source>&amp;Coordinator</source>
        <translation>Điều phối &amp;viên</translation>
    </message>
    <message>
        <source>Re&amp;turn for correction…</source>
        <translation>Trả lại để &amp;sửa…</translation>
    </message>
    <message>
        <source>Enumerator laptop</source>
        <translation>Máy của điều tra viên</translation>
    </message>
    <message>
        <source>Network coordinator</source>
        <translation>Điều phối viên mạng lưới</translation>
    </message>
    <message>
        <source>Project manager</source>
        <translation>Quản lý dự án</translation>
    </message>
    <message>
        <source>About FieldSurvey (F1)</source>
        <translation>Giới thiệu FieldSurvey (F1)</translation>
    </message>
    <message>
        <source>Delete the draft interview of household %1 in %2? Its answers are removed from this laptop; the deletion is recorded in the audit log.</source>
        <translation>Xoá phiếu nháp của hộ %1 ở phường %2? Các câu trả lời của phiếu sẽ bị xoá khỏi máy này; việc xoá được ghi vào nhật ký kiểm tra.</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Xoá bản nháp</translation>
    </message>
    <message>
        <source>The interview of household %1 in %2 becomes a draft again, so you can correct it; complete it again afterwards.

Why is it reopened? (kept in the audit log with your name)</source>
        <translation>Phiếu của hộ %1 ở phường %2 sẽ trở lại thành bản nháp để bạn sửa; sửa xong hãy hoàn thành lại.

Vì sao cần mở lại? (lý do được lưu vào nhật ký kiểm tra cùng tên bạn)</translation>
    </message>
    <message>
        <source>Reopen for correction</source>
        <translation>Mở lại để sửa</translation>
    </message>
    <message>
        <source>Please write why the interview is reopened.</source>
        <translation>Hãy ghi lý do mở lại phiếu.</translation>
    </message>
    <message>
        <source>Return for correction</source>
        <translation>Trả lại để sửa</translation>
    </message>
    <message>
        <source>What should the enumerator correct? (the comment travels with the receipt)</source>
        <translation>Điều tra viên cần sửa gì? (nhận xét sẽ được gửi kèm biên nhận)</translation>
    </message>
</context>
<context>
    <name>MaskedAnswer</name>
    <message>
        <source>Show</source>
        <translation>Hiện</translation>
    </message>
    <message>
        <source>Show the hidden text (press again to hide it)</source>
        <translation>Hiện phần chữ bị ẩn (bấm lần nữa để ẩn lại)</translation>
    </message>
</context>
<context>
    <name>MediaAnswer</name>
    <message>
        <source>Photos ({patterns})</source>
        <translation>Ảnh ({patterns})</translation>
    </message>
    <message>
        <source>Recordings ({patterns})</source>
        <translation>Bản ghi âm ({patterns})</translation>
    </message>
    <message>
        <source>Videos ({patterns})</source>
        <translation>Video ({patterns})</translation>
    </message>
    <message>
        <source>Files that can be attached ({patterns})</source>
        <translation>Tệp có thể đính kèm ({patterns})</translation>
    </message>
    <message>
        <source>Nothing attached yet.</source>
        <translation>Chưa đính kèm gì.</translation>
    </message>
    <message>
        <source>{name} (the file is missing)</source>
        <translation>{name} (không tìm thấy tệp)</translation>
    </message>
    <message>
        <source>{name}, {size} KB</source>
        <translation>{name}, {size} KB</translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation>Ký tên…</translation>
    </message>
    <message>
        <source>Draw…</source>
        <translation>Vẽ…</translation>
    </message>
    <message>
        <source>Choose a photo to draw on…</source>
        <translation>Chọn ảnh để vẽ lên…</translation>
    </message>
    <message>
        <source>Choose a photo…</source>
        <translation>Chọn ảnh…</translation>
    </message>
    <message>
        <source>Choose a recording…</source>
        <translation>Chọn bản ghi âm…</translation>
    </message>
    <message>
        <source>Choose a video…</source>
        <translation>Chọn video…</translation>
    </message>
    <message>
        <source>Attach a file…</source>
        <translation>Đính kèm tệp…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>A photo from this laptop (the Camera app saves them in Pictures).</source>
        <translation>Một ảnh trên máy tính này (ứng dụng Camera lưu ảnh trong thư mục Pictures).</translation>
    </message>
</context>
<context>
    <name>MediaStrip</name>
    <message>
        <source>Picture missing on this laptop: {file}</source>
        <extracomment>Largest label image on a 1366×768 screen (a big-image opens at full size on demand).</extracomment>
        <translation>Máy này không có hình: {file}</translation>
    </message>
    <message>
        <source>Sound to play to the respondent: {file} (not played on a laptop)</source>
        <translation>Âm thanh để mở cho người trả lời nghe: {file} (máy tính không phát)</translation>
    </message>
    <message>
        <source>Video to show the respondent: {file} (not played on a laptop)</source>
        <translation>Video để cho người trả lời xem: {file} (máy tính không phát)</translation>
    </message>
    <message>
        <source>Full size</source>
        <translation>Cỡ đầy đủ</translation>
    </message>
    <message>
        <source>Show the picture at full size (Ctrl+Shift+I)</source>
        <translation>Xem hình cỡ đầy đủ (Ctrl+Shift+I)</translation>
    </message>
</context>
<context>
    <name>MergeEntitiesDialog</name>
    <message>
        <source>Merge two entries</source>
        <translation>Gộp hai mục</translation>
    </message>
    <message>
        <source>Are these two entries of the list %1 one household registered twice? Then merge them: the one you keep takes the values it lacks from the other; the other is removed from the list, and both histories are kept. The laptops get the change with their next receipt.</source>
        <translation>Hai mục này trong danh sách %1 có phải là một hộ được ghi hai lần không? Nếu đúng, hãy gộp lại: mục được giữ sẽ lấy các giá trị còn thiếu từ mục kia; mục kia bị bỏ khỏi danh sách, lịch sử của cả hai vẫn được giữ. Các máy sẽ nhận thay đổi này cùng biên nhận tiếp theo.</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Thay đổi gần nhất</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Mã</translation>
    </message>
    <message>
        <source>First entry</source>
        <translation>Mục thứ nhất</translation>
    </message>
    <message>
        <source>Second entry</source>
        <translation>Mục thứ hai</translation>
    </message>
    <message>
        <source>&amp;Keep the first (%1), remove the second</source>
        <translation>&amp;Giữ mục thứ nhất (%1), bỏ mục thứ hai</translation>
    </message>
    <message>
        <source>Keep the &amp;second (%1), remove the first</source>
        <translation>Giữ mục thứ &amp;hai (%1), bỏ mục thứ nhất</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Gộp</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
</context>
<context>
    <name>MinimalMultiSelect</name>
    <message>
        <source>Choose… ▾</source>
        <translation>Chọn… ▾</translation>
    </message>
    <message>
        <source>Open the list (Space): Space ticks, Enter closes</source>
        <translation>Mở danh sách (Space): Space để đánh dấu, Enter để đóng</translation>
    </message>
</context>
<context>
    <name>MinimalSelect</name>
    <message>
        <source>— choose —</source>
        <translation>— chọn —</translation>
    </message>
    <message>
        <source>↑/↓ or the choice&apos;s number to choose, Alt+↓ to open the list, Delete to clear</source>
        <translation>↑/↓ hoặc số thứ tự để chọn, Alt+↓ để mở danh sách, Delete để xoá</translation>
    </message>
</context>
<context>
    <name>MultilineAnswer</name>
    <message>
        <source>Several lines: Enter starts a new line, Tab moves on</source>
        <translation>Nhiều dòng: Enter để xuống dòng, Tab để sang câu sau</translation>
    </message>
</context>
<context>
    <name>NewInterviewDialog</name>
    <message>
        <source>&amp;Open the existing interview</source>
        <extracomment>The interviews of the same household this one knowingly revisits.</extracomment>
        <translation>Mở phiếu đã &amp;có</translation>
    </message>
    <message>
        <source>This is a re&amp;visit: start a new interview</source>
        <translation>Đây là lần đến &amp;lại: bắt đầu phiếu mới</translation>
    </message>
    <message>
        <source>&amp;Keep this household id</source>
        <translation>&amp;Giữ mã hộ này</translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation>&amp;Bảng hỏi:</translation>
    </message>
    <message>
        <source>&amp;Ward:</source>
        <translation>&amp;Phường:</translation>
    </message>
    <message>
        <source>&amp;Household id:</source>
        <translation>&amp;Mã hộ:</translation>
    </message>
    <message>
        <source>&amp;Respondent (optional):</source>
        <translation>&amp;Người trả lời (không bắt buộc):</translation>
    </message>
    <message>
        <source>&amp;Start interview</source>
        <translation>&amp;Bắt đầu phỏng vấn</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <source>New interview</source>
        <translation>Phỏng vấn mới</translation>
    </message>
    <message>
        <source>Give the ward and the household id.</source>
        <translation>Hãy nhập phường và mã hộ.</translation>
    </message>
    <message>
        <source>Checking the household id…</source>
        <translation>Đang kiểm tra mã hộ…</translation>
    </message>
    <message>
        <source>Check the household id: %1 If it is right, keep it.</source>
        <translation>Hãy kiểm tra lại mã hộ: %1 Nếu mã đúng, hãy giữ nguyên.</translation>
    </message>
    <message>
        <source>This household id cannot be used: %1</source>
        <translation>Không dùng được mã hộ này: %1</translation>
    </message>
    <message>
        <source>This laptop already has an interview of household %1 in %2 (%3, last changed %4). Open it, or start a new one if this is a revisit.</source>
        <translation>Máy này đã có một phiếu của hộ %1 ở phường %2 (%3, sửa lần cuối %4). Hãy mở phiếu đó, hoặc bắt đầu phiếu mới nếu đây là lần đến lại.</translation>
    </message>
    <message numerus="yes">
        <source>This laptop already has %n interviews of household %1 in %2 (the latest: %3, last changed %4). Open the latest, or start a new one if this is a revisit.</source>
        <translation>
            <numerusform>Máy này đã có %n phiếu của hộ %1 ở phường %2 (phiếu mới nhất: %3, sửa lần cuối %4). Hãy mở phiếu mới nhất, hoặc bắt đầu phiếu mới nếu đây là lần đến lại.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NumberAnswer</name>
    <message>
        <source>Choose a number from {low} to {high}.</source>
        <translation>Chọn một số từ {low} đến {high}.</translation>
    </message>
    <message>
        <source>A comma separates thousands and a point marks decimals: 1,500 or 12.5.</source>
        <translation>Dấu chấm tách hàng nghìn, dấu phẩy là dấu thập phân: 1.500 hoặc 12,5.</translation>
    </message>
</context>
<context>
    <name>NumbersTextAnswer</name>
    <message>
        <source>Digits, e.g. 0912 345 678</source>
        <translation>Chữ số, ví dụ 0912 345 678</translation>
    </message>
</context>
<context>
    <name>PickerPopup</name>
    <message>
        <source>↑/↓ change, ←/→ hours or minutes, Enter keeps the time</source>
        <translation>↑/↓ để đổi, ←/→ chuyển giữa giờ và phút, Enter để giữ giờ này</translation>
    </message>
</context>
<context>
    <name>QuarantineTab</name>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <source>Ward</source>
        <translation>Phường</translation>
    </message>
    <message>
        <source>Enumerator</source>
        <translation>Điều tra viên</translation>
    </message>
    <message>
        <source>Laptop</source>
        <translation>Máy tính</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Bảng hỏi</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>&amp;Drop the selected interview…</source>
        <translation>&amp;Xoá phiếu đã chọn…</translation>
    </message>
    <message>
        <source>&amp;Return it to its laptop with a comment…</source>
        <translation>&amp;Trả phiếu về máy kèm nhận xét…</translation>
    </message>
    <message>
        <source>Interview %1</source>
        <translation>Phiếu %1</translation>
    </message>
    <message>
        <source>returned: %1</source>
        <translation>đã trả về: %1</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>đang chờ</translation>
    </message>
    <message>
        <source>household id</source>
        <translation>mã hộ</translation>
    </message>
    <message>
        <source>ward</source>
        <translation>phường</translation>
    </message>
    <message>
        <source>respondent</source>
        <translation>người trả lời</translation>
    </message>
    <message>
        <source>enumerator</source>
        <translation>điều tra viên</translation>
    </message>
    <message>
        <source>time created</source>
        <translation>thời điểm tạo phiếu</translation>
    </message>
    <message>
        <source>time updated</source>
        <translation>thời điểm sửa phiếu</translation>
    </message>
    <message>
        <source>Select an interview to see what it holds and why it waits.</source>
        <translation>Chọn một phiếu để xem nội dung và lý do phiếu phải chờ.</translation>
    </message>
    <message>
        <source>Household %1, ward %2, enumerator %3, received %4. Interview %5.</source>
        <translation>Hộ %1, phường %2, điều tra viên %3, nhận lúc %4. Phiếu %5.</translation>
    </message>
    <message>
        <source>%1: received “%2”</source>
        <translation>%1: nhận được “%2”</translation>
    </message>
    <message>
        <source>Drop the interview</source>
        <translation>Xoá phiếu</translation>
    </message>
    <message>
        <source>Drop the interview of household %1 (ward %2) from laptop %3 for good? It will not be merged.</source>
        <translation>Xoá hẳn phiếu của hộ %1 (phường %2) từ máy %3? Phiếu sẽ không được gộp vào dữ liệu.</translation>
    </message>
    <message>
        <source>The interview of household %1 was dropped.</source>
        <translation>Đã xoá phiếu của hộ %1.</translation>
    </message>
    <message>
        <source>Return to the laptop</source>
        <translation>Trả về máy tính xách tay</translation>
    </message>
    <message>
        <source>What should the enumerator of household %1 correct?</source>
        <translation>Điều tra viên của hộ %1 cần sửa gì?</translation>
    </message>
    <message>
        <source>The interview of household %1 goes back to its laptop with the next receipt.</source>
        <translation>Phiếu của hộ %1 sẽ được trả về máy cùng biên nhận tiếp theo.</translation>
    </message>
</context>
<context>
    <name>QuestionRow</name>
    <message>
        <source>I confirmed this answer with the respondent</source>
        <extracomment>The gap between a table row&apos;s label and its answer columns.</extracomment>
        <translation>Tôi đã xác nhận câu trả lời này với người trả lời</translation>
    </message>
    <message>
        <source>The answer is unusual but true: tick after checking it with the respondent (Space). It is recorded with the interview.</source>
        <translation>Câu trả lời bất thường nhưng đúng: đánh dấu sau khi đã hỏi lại người trả lời (phím cách). Việc xác nhận được lưu cùng phiếu.</translation>
    </message>
</context>
<context>
    <name>RangeAnswer</name>
    <message>
        <source>Choose a value in steps of {step}: {below} or {above}.</source>
        <extracomment>More values than this make ``picker`` a typed box.</extracomment>
        <translation>Hãy chọn giá trị theo bước {step}: {below} hoặc {above}.</translation>
    </message>
    <message>
        <source>From {start} to {end}</source>
        <translation>Từ {start} đến {end}</translation>
    </message>
    <message>
        <source>, in steps of {step}</source>
        <translation>, bước {step}</translation>
    </message>
    <message>
        <source> (↑/↓ to step)</source>
        <translation> (↑/↓ để tăng, giảm)</translation>
    </message>
</context>
<context>
    <name>RankAnswer</name>
    <message>
        <source>Ranked: first is the most important. Ctrl+↑/↓ to change.</source>
        <translation>Đã xếp hạng: mục đầu tiên là quan trọng nhất. Ctrl+↑/↓ để thay đổi.</translation>
    </message>
    <message>
        <source>Not ranked yet: highlight a choice with ↑/↓ and move it with Ctrl+↑/↓ (or type its place), or press Space to keep this order.</source>
        <translation>Chưa xếp hạng: dùng ↑/↓ để chọn một mục và Ctrl+↑/↓ để di chuyển (hoặc gõ số thứ hạng), hoặc bấm Space để giữ thứ tự này.</translation>
    </message>
    <message>
        <source>▲ Move up</source>
        <translation>▲ Lên trên</translation>
    </message>
    <message>
        <source>Move the highlighted choice up (Ctrl+↑)</source>
        <translation>Đưa mục đang chọn lên trên (Ctrl+↑)</translation>
    </message>
    <message>
        <source>▼ Move down</source>
        <translation>▼ Xuống dưới</translation>
    </message>
    <message>
        <source>Move the highlighted choice down (Ctrl+↓)</source>
        <translation>Đưa mục đang chọn xuống dưới (Ctrl+↓)</translation>
    </message>
    <message>
        <source>Keep this order</source>
        <translation>Giữ thứ tự này</translation>
    </message>
    <message>
        <source>Rank the choices in the order shown (Space)</source>
        <translation>Xếp hạng theo đúng thứ tự đang hiện (Space)</translation>
    </message>
    <message>
        <source>✕ Clear</source>
        <translation>✕ Xoá</translation>
    </message>
    <message>
        <source>Remove the ranking (Delete)</source>
        <translation>Bỏ xếp hạng (Delete)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Ward summary</source>
        <extracomment>The export formats offered (``reports.export_writers.Format``; a test checks they agree).</extracomment>
        <translation>Báo cáo tổng hợp theo phường</translation>
    </message>
    <message>
        <source>&amp;Questionnaire:</source>
        <translation>&amp;Bảng hỏi:</translation>
    </message>
    <message>
        <source>&amp;Wards (none ticked: all):</source>
        <translation>&amp;Phường (không chọn: tất cả):</translation>
    </message>
    <message>
        <source>P&amp;eriod:</source>
        <translation>&amp;Thời gian:</translation>
    </message>
    <message>
        <source>Report &amp;language:</source>
        <translation>&amp;Ngôn ngữ báo cáo:</translation>
    </message>
    <message>
        <source>Whole period</source>
        <translation>Toàn bộ thời gian</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Xem trước</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>Lưu thành &amp;PDF…</translation>
    </message>
    <message>
        <source>Data for analysis</source>
        <translation>Dữ liệu để phân tích</translation>
    </message>
    <message>
        <source>Choice labels instead of codes</source>
        <translation>Dùng nhãn lựa chọn thay cho mã</translation>
    </message>
    <message>
        <source>E&amp;xport data…</source>
        <translation>&amp;Xuất dữ liệu…</translation>
    </message>
    <message>
        <source>&amp;Cancel export</source>
        <translation>&amp;Huỷ xuất dữ liệu</translation>
    </message>
    <message>
        <source>Writing the summary…</source>
        <translation>Đang tạo báo cáo…</translation>
    </message>
    <message>
        <source>1 page. Print it or save it as PDF.</source>
        <translation>1 trang. Có thể in hoặc lưu thành PDF.</translation>
    </message>
    <message>
        <source>%1 pages. Print it or save it as PDF.</source>
        <translation>%1 trang. Có thể in hoặc lưu thành PDF.</translation>
    </message>
    <message>
        <source>Stopping the export…</source>
        <translation>Đang dừng việc xuất dữ liệu…</translation>
    </message>
    <message>
        <source>1 file written to %2.</source>
        <translation>Đã ghi 1 tệp vào %2.</translation>
    </message>
    <message>
        <source>%1 files written to %2.</source>
        <translation>Đã ghi %1 tệp vào %2.</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>Đã huỷ xuất dữ liệu; không tệp nào được ghi.</translation>
    </message>
    <message>
        <source>Save the summary</source>
        <translation>Lưu báo cáo</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Đã lưu vào %1.</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Xuất ra</translation>
    </message>
    <message>
        <source>Export to which folder?</source>
        <translation>Xuất ra thư mục nào?</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Đang xuất dữ liệu…</translation>
    </message>
</context>
<context>
    <name>RosterView</name>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Remove a row</source>
        <translation>Xoá một dòng</translation>
    </message>
    <message>
        <source>Remove {row} and every answer in it?</source>
        <translation>Xoá {row} cùng mọi câu trả lời của dòng này?</translation>
    </message>
    <message>
        <source>{item} {n}</source>
        <translation>{item} {n}</translation>
    </message>
    <message>
        <source>Add {item} ({keys})</source>
        <translation>Thêm {item} ({keys})</translation>
    </message>
    <message>
        <source>Add a row to “{table}” ({keys})</source>
        <translation>Thêm một dòng vào “{table}” ({keys})</translation>
    </message>
    <message>
        <source>Remove the selected row and its answers ({keys})</source>
        <translation>Xoá dòng đang chọn cùng các câu trả lời của dòng đó ({keys})</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Trước</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Sau ▶</translation>
    </message>
    <message>
        <source>Previous {item} ({keys})</source>
        <translation>Về {item} trước ({keys})</translation>
    </message>
    <message>
        <source>Next {item} ({keys})</source>
        <translation>Sang {item} tiếp theo ({keys})</translation>
    </message>
    <message>
        <source>The number of rows follows an answer given before this table.</source>
        <translation>Số dòng theo câu trả lời ở trước bảng này.</translation>
    </message>
    <message>
        <source>No rows yet.</source>
        <translation>Chưa có dòng nào.</translation>
    </message>
    <message>
        <source>No rows yet. Add the first with {keys}.</source>
        <translation>Chưa có dòng nào. Thêm dòng đầu tiên bằng {keys}.</translation>
    </message>
    <message>
        <source>{item} {n} of {count}</source>
        <translation>{item} {n}/{count}</translation>
    </message>
    <message>
        <source>Remove {row} ({keys})</source>
        <translation>Xoá {row} ({keys})</translation>
    </message>
    <message>
        <source>✓ Complete</source>
        <translation>✓ Đầy đủ</translation>
    </message>
    <message>
        <source>{n} to answer</source>
        <translation>{n} câu chưa trả lời</translation>
    </message>
    <message>
        <source>⚠ {n} to fix</source>
        <translation>⚠ {n} câu cần sửa</translation>
    </message>
</context>
<context>
    <name>SectionList</name>
    <message>
        <source>Something to answer, fix or confirm in this section</source>
        <translation>Phần này còn câu cần trả lời, sửa hoặc xác nhận</translation>
    </message>
    <message>
        <source>Done: visited, and every answer is valid</source>
        <translation>Xong: đã đi qua và mọi câu trả lời đều hợp lệ</translation>
    </message>
    <message>
        <source>Not finished: questions still to answer</source>
        <translation>Chưa xong: còn câu chưa trả lời</translation>
    </message>
    <message>
        <source>Not visited yet</source>
        <translation>Chưa đi qua</translation>
    </message>
    <message>
        <source>Not asked in this interview</source>
        <translation>Không hỏi trong phỏng vấn này</translation>
    </message>
</context>
<context>
    <name>SendPanel</name>
    <message>
        <source>Bundle</source>
        <translation>Gói dữ liệu</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gửi lúc</translation>
    </message>
    <message>
        <source>Over</source>
        <translation>Qua</translation>
    </message>
    <message>
        <source>Send over the network</source>
        <translation>Gửi qua mạng</translation>
    </message>
    <message>
        <source>Shared sync &amp;folder:</source>
        <translation>&amp;Thư mục đồng bộ dùng chung:</translation>
    </message>
    <message>
        <source>Inbox server &amp;address:</source>
        <translation>&amp;Địa chỉ máy chủ hộp thư:</translation>
    </message>
    <message>
        <source>A Google Drive, OneDrive, Dropbox or Syncthing folder, or a network share</source>
        <translation>Thư mục Google Drive, OneDrive, Dropbox, Syncthing hoặc thư mục mạng</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Chọn…</translation>
    </message>
    <message>
        <source>&amp;Send now</source>
        <translation>&amp;Gửi ngay</translation>
    </message>
    <message>
        <source>Send by itself when the folder or the network is reachable</source>
        <translation>Tự gửi khi có thư mục hoặc có mạng</translation>
    </message>
    <message>
        <source>shared folder</source>
        <translation>thư mục dùng chung</translation>
    </message>
    <message>
        <source>inbox server</source>
        <translation>máy chủ hộp thư</translation>
    </message>
    <message>
        <source>Send uses the shared folder.</source>
        <translation>Nút Gửi dùng thư mục dùng chung.</translation>
    </message>
    <message>
        <source>Send uses the inbox server.</source>
        <translation>Nút Gửi dùng máy chủ hộp thư.</translation>
    </message>
    <message>
        <source>No folder or server is set: choose one above, or use “Export to a folder or USB drive” and take the file to the coordinator.</source>
        <translation>Chưa đặt thư mục hay máy chủ: chọn một ở trên, hoặc dùng “Xuất ra thư mục hoặc USB” rồi mang tệp đến điều phối viên.</translation>
    </message>
    <message>
        <source>Last sent %1 over the %2.</source>
        <translation>Lần gửi gần nhất: %1, qua %2.</translation>
    </message>
    <message>
        <source>Bundles sealed, waiting to be sent: %1.</source>
        <translation>Gói dữ liệu đã đóng, đang chờ gửi: %1.</translation>
    </message>
    <message>
        <source>Shared sync folder</source>
        <translation>Thư mục đồng bộ dùng chung</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Đang gửi…</translation>
    </message>
    <message>
        <source>No folder or server is set: use “Export to a folder or USB drive” and take the file to the coordinator.</source>
        <translation>Chưa đặt thư mục hay máy chủ: dùng “Xuất ra thư mục hoặc USB” rồi mang tệp đến điều phối viên.</translation>
    </message>
    <message>
        <source>%1 bundle(s) sent over the %2 (%3 interviews newly sealed).</source>
        <translation>Đã gửi %1 gói dữ liệu qua %2 (%3 phiếu mới được đóng gói).</translation>
    </message>
    <message>
        <source>Nothing new to send over the %1.</source>
        <translation>Không có gì mới để gửi qua %1.</translation>
    </message>
    <message>
        <source>Receipt applied: %1 confirmed, %2 returned for correction.</source>
        <translation>Đã áp dụng biên nhận: %1 phiếu được xác nhận, %2 phiếu bị trả lại để sửa.</translation>
    </message>
    <message>
        <source>A receipt is still being copied by the sync app; it is applied next time.</source>
        <translation>Ứng dụng đồng bộ vẫn đang chép một biên nhận; biên nhận sẽ được áp dụng lần sau.</translation>
    </message>
    <message>
        <source>%1 receipt file(s) were damaged or not from the coordinator and were not applied.</source>
        <translation>%1 tệp biên nhận bị hỏng hoặc không phải của điều phối viên nên không được áp dụng.</translation>
    </message>
    <message>
        <source>%1 bundle(s) were refused by the inbox; they are kept in the outbox&apos;s “refused” folder to take on a USB stick.</source>
        <translation>Máy chủ hộp thư từ chối %1 gói dữ liệu; các gói này được giữ trong thư mục “refused” của outbox để mang đi bằng USB.</translation>
    </message>
    <message>
        <source>Could not send now (%1). Trying again in %2 minutes.</source>
        <translation>Chưa gửi được lúc này (%1). Sẽ thử lại sau %2 phút.</translation>
    </message>
</context>
<context>
    <name>ToVisitPanel</name>
    <message>
        <source>Laptop</source>
        <translation>Máy</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Hộ</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Wave</source>
        <translation>Đợt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Tình trạng</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>Ngày thăm</translation>
    </message>
    <message>
        <source>to visit</source>
        <translation>cần thăm</translation>
    </message>
    <message>
        <source>visited</source>
        <translation>đã thăm</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>từ chối</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>đã chuyển đi</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>không tìm thấy</translation>
    </message>
    <message>
        <source>Households assigned to the laptops</source>
        <translation>Các hộ đã giao cho các máy</translation>
    </message>
    <message>
        <source>Households to visit</source>
        <translation>Các hộ cần thăm lại</translation>
    </message>
    <message>
        <source>Only those still to &amp;visit</source>
        <translation>Chỉ các hộ còn cần &amp;thăm</translation>
    </message>
    <message>
        <source>Start the &amp;follow-up interview</source>
        <translation>Bắt đầu &amp;phiếu thăm lại</translation>
    </message>
    <message>
        <source>Opens a new follow-up interview with this household chosen (Enter)</source>
        <translation>Mở một phiếu thăm lại mới với hộ này đã được chọn (Enter)</translation>
    </message>
    <message>
        <source>No household assigned yet: select households in Lists, then Assign.</source>
        <translation>Chưa giao hộ nào: chọn các hộ trong Danh sách, rồi bấm Giao.</translation>
    </message>
    <message>
        <source>No household assigned to this laptop yet: assignments come with a receipt from the coordinator.</source>
        <translation>Máy này chưa được giao hộ nào: danh sách giao việc đến cùng biên nhận của điều phối viên.</translation>
    </message>
    <message>
        <source>%1 of %2 visited</source>
        <translation>Đã thăm %1/%2 hộ</translation>
    </message>
    <message>
        <source>Visit again</source>
        <translation>Thăm lại lần nữa</translation>
    </message>
    <message>
        <source>%1 was already visited (%2). Start another follow-up interview?</source>
        <translation>Hộ %1 đã được thăm (%2). Bắt đầu một phiếu thăm lại khác?</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>FieldSurvey: unlock</source>
        <extracomment>After this long, &quot;Unlocking…&quot; says why it may take minutes: the first opening after an update brings the workspace up to the new version (about two minutes at 1,000,000 interviews; docs/benchmarks.md, &quot;Scale, eleventh pass&quot;). ``(time.perf_counter(), time.process_time())`` of the last Unlock click (the start-up benchmark measures the main window from it).</extracomment>
        <translation>FieldSurvey: mở khoá</translation>
    </message>
    <message>
        <source>Unlock your workspace</source>
        <translation>Mở khoá không gian làm việc</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Mở khoá</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>Type the workspace password.</source>
        <translation>Hãy nhập mật khẩu của không gian làm việc.</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Đang mở khoá…</translation>
    </message>
    <message>
        <source>Still unlocking… The first opening after an update prepares the workspace for the new version. With many interviews this takes a few minutes: please wait and do not close FieldSurvey.</source>
        <translation>Vẫn đang mở khoá… Lần mở đầu tiên sau khi cập nhật sẽ chuẩn bị không gian làm việc cho phiên bản mới. Với nhiều phiếu, việc này mất vài phút: xin hãy chờ và đừng đóng FieldSurvey.</translation>
    </message>
    <message>
        <source>The password is not right. Nothing was changed.</source>
        <translation>Mật khẩu không đúng. Không có gì bị thay đổi.</translation>
    </message>
</context>
<context>
    <name>UrlAnswer</name>
    <message>
        <source>Open link</source>
        <translation>Mở liên kết</translation>
    </message>
    <message>
        <source>Open this address in the web browser</source>
        <translation>Mở địa chỉ này trong trình duyệt web</translation>
    </message>
</context>
</TS>
