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
        <source>✕ Clear</source>
        <extracomment>Lists longer than this become a searchable list. The digit typed last, when, and the answer before it (a second digit may undo it).</extracomment>
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
        <extracomment>Types typed into a cell; a select_one joins them when its list is short. A choice list this short is picked with one digit in the cell. At most this many grid columns; the rest go to the detail pane.</extracomment>
        <translation type="unfinished"></translation>
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
        <source>Revoke the laptop</source>
        <translation>Thu hồi máy</translation>
    </message>
    <message>
        <source>Revoke laptop %1? Every bundle it sends from now on will be refused; the interviews already received from it are kept. Do this for a lost or stolen laptop.</source>
        <translation>Thu hồi máy %1? Từ nay mọi gói dữ liệu máy này gửi đến sẽ bị từ chối; các phiếu đã nhận từ máy vẫn được giữ. Chỉ làm việc này khi máy bị mất hoặc bị lấy cắp.</translation>
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
    <name>DateAnswer</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>nn/tt/nnnn</translation>
    </message>
    <message>
        <source>Calendar…</source>
        <translation>Lịch…</translation>
    </message>
    <message>
        <source>Pick the date from a calendar (F4)</source>
        <translation>Chọn ngày trên lịch (F4)</translation>
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
    <name>FileAnswer</name>
    <message>
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>Ảnh (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Đính kèm tệp</translation>
    </message>
    <message>
        <source>No file attached</source>
        <translation>Chưa đính kèm tệp</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Chọn tệp…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Bỏ</translation>
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
</context>
<context>
    <name>InterviewTableModel</name>
    <message>
        <source>Draft</source>
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
    <message numerus="yes">
        <source>%n question(s) to answer or fix</source>
        <translation>
            <numerusform>%n câu cần trả lời hoặc sửa</numerusform>
        </translation>
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
        <source>&amp;Continue (Enter)</source>
        <translation>&amp;Tiếp tục (Enter)</translation>
    </message>
    <message>
        <source>&amp;Delete draft</source>
        <translation>&amp;Xoá bản nháp</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <source>All wards</source>
        <translation>Mọi phường</translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s) shown</source>
        <translation>
            <numerusform>Đang hiện %n phỏng vấn</numerusform>
        </translation>
    </message>
    <message>
        <source> of %1</source>
        <translation> trên tổng số %1</translation>
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
        <source>%n interview(s) written to %1. Take this file to the coordinator.</source>
        <translation>
            <numerusform>Đã ghi %n phỏng vấn vào %1. Hãy mang tệp này cho điều phối viên.</numerusform>
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
    <message numerus="yes">
        <source>Answers of %n confirmed interview(s) removed from this laptop.</source>
        <translation>
            <numerusform>Đã xoá khỏi máy này câu trả lời của %n phỏng vấn đã được xác nhận.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LineAnswer</name>
    <message>
        <source>hh:mm</source>
        <translation>gg:pp</translation>
    </message>
    <message>
        <source>dd/mm/yyyy hh:mm</source>
        <translation>nn/tt/nnnn gg:pp</translation>
    </message>
    <message>
        <source>latitude longitude, e.g. 21.0285 105.8542</source>
        <translation>vĩ độ kinh độ, ví dụ 21.0285 105.8542</translation>
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
    <name>MainWindow</name>
    <message>
        <source>&amp;Interviews</source>
        <translation>&amp;Phỏng vấn</translation>
    </message>
    <message>
        <source>&amp;Send and receive</source>
        <translation>&amp;Gửi và nhận</translation>
    </message>
    <message>
        <source>C&amp;oordinator</source>
        <translation>Điều &amp;phối</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Báo cáo</translation>
    </message>
    <message>
        <source>&amp;Return for correction…</source>
        <translation>&amp;Trả lại để sửa…</translation>
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
        <source>Delete this draft interview? The deletion is recorded in the audit log.</source>
        <translation>Xoá bản nháp phỏng vấn này? Việc xoá sẽ được ghi vào nhật ký kiểm tra.</translation>
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
    <name>NewInterviewDialog</name>
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
        <translation>Tôi đã xác nhận câu trả lời này với người trả lời</translation>
    </message>
    <message>
        <source>The answer is unusual but true: tick after checking it with the respondent (Space). It is recorded with the interview.</source>
        <translation>Câu trả lời bất thường nhưng đúng: đánh dấu sau khi đã hỏi lại người trả lời (phím cách). Việc xác nhận được lưu cùng phiếu.</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Ward summary</source>
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
        <source>1 file written to %2.</source>
        <translation>Đã ghi 1 tệp vào %2.</translation>
    </message>
    <message>
        <source>%1 files written to %2.</source>
        <translation>Đã ghi %1 tệp vào %2.</translation>
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
        <source>Remove member</source>
        <translation>Bỏ thành viên</translation>
    </message>
    <message>
        <source>Remove {member} and all their answers?</source>
        <translation>Bỏ {member} cùng mọi câu trả lời của người này?</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Add member (Ctrl+N)</source>
        <translation>Thêm thành viên (Ctrl+N)</translation>
    </message>
    <message>
        <source>Remove member (Ctrl+Del)</source>
        <translation>Bỏ thành viên (Ctrl+Del)</translation>
    </message>
    <message>
        <source>◀ Previous (Alt+PgUp)</source>
        <translation>◀ Người trước (Alt+PgUp)</translation>
    </message>
    <message>
        <source>Next member (Alt+PgDown) ▶</source>
        <translation>Người tiếp theo (Alt+PgDown) ▶</translation>
    </message>
    <message>
        <source>Previous member</source>
        <translation>Thành viên trước</translation>
    </message>
    <message>
        <source>Next member</source>
        <translation>Thành viên tiếp theo</translation>
    </message>
    <message>
        <source>The number of rows follows the number of people given before this table.</source>
        <translation>Số dòng theo số người đã khai ở câu trước bảng này.</translation>
    </message>
    <message>
        <source>Nobody is listed yet.</source>
        <translation>Chưa có ai trong danh sách.</translation>
    </message>
    <message>
        <source>Nobody is listed yet. Add the first member with Ctrl+N.</source>
        <translation>Chưa có ai trong danh sách. Thêm thành viên đầu tiên bằng Ctrl+N.</translation>
    </message>
    <message>
        <source>Member {n} of {count}</source>
        <translation>Thành viên {n}/{count}</translation>
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
    <name>UnlockDialog</name>
    <message>
        <source>FieldSurvey: unlock</source>
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
        <source>The password is not right. Nothing was changed.</source>
        <translation>Mật khẩu không đúng. Không có gì bị thay đổi.</translation>
    </message>
</context>
</TS>
