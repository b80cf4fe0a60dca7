"""Labels on screen: ODK's formatting as safe rich text, media from the form's own
attachments (said when missing), and the guidance hint shown on demand."""

from __future__ import annotations

from pydantic import Field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget

from fieldsurvey.forms.attachments import FormFile, FormFiles
from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.spec import FormSpec, Node, Texts
from fieldsurvey.forms.xpath_attachments import use_files

from fieldsurvey.ui.entry import form_text
from fieldsurvey.ui.entry.label_text import section_title
from fieldsurvey.ui.entry.question_row import QuestionRow
from fieldsurvey.ui.entry.question_widgets import make_answer_widget


class GuidedNode(Node):
    """A node as the form model gives it once it carries ``guidance_hint``."""

    guidance_hint: Texts = Field(default_factory=dict)


def question_row(qtbot, node: Node) -> QuestionRow:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    row = QuestionRow(node, node.path, make_answer_widget(node), window)
    row.resize(900, 300)
    row.test_window = window  # type: ignore[attr-defined]  # kept alive with the row
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return row


def png() -> bytes:
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("navy"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def test_a_label_shows_its_formatting_and_nothing_remote(qtbot):
    node = Node(kind="question", name="q", type="text", path="q")
    row = question_row(qtbot, node)
    row.set_texts(
        '# Nhà ở\n**Chủ hộ** <span style="color:#c00">đỏ</span>'
        '<img src="http://tracker.example/x.png"><script>alert(1)</script> ${missing}',
        "_gợi ý_",
        required=True,
    )
    text = row.label.text()
    assert row.label.textFormat() == Qt.TextFormat.RichText
    assert "<b>Chủ hộ</b>" in text and 'style="color:#c00"' in text
    assert "<img" not in text and "script" not in text and "http" not in text
    assert "${" not in text and "…" in text  # a reference the engine could not fill
    assert row.hint.text() == "<i>gợi ý</i>"


def test_guidance_hint_is_hidden_until_asked_for(qtbot):
    node = GuidedNode(
        kind="question", name="q", type="text", path="q",
        guidance_hint={"default": "Hỏi cả **vợ và chồng**."},
    )  # fmt: skip
    assert form_text.guidance(node, "default", "default") == "Hỏi cả **vợ và chồng**."
    assert form_text.guidance(Node(kind="question", name="x", type="text", path="x"), "", "") == ""
    row = question_row(qtbot, node)
    row.set_guidance(form_text.guidance(node, "default", "default"))
    assert row.guidance.isVisible() and not row.guidance.text.isVisible()
    row.widget.focus_target().setFocus()
    qtbot.keyClick(row.widget.focus_target(), Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert row.guidance.text.isVisible() and "<b>vợ và chồng</b>" in row.guidance.text.text()
    qtbot.keyClick(row.widget.focus_target(), Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert not row.guidance.text.isVisible()
    row.set_guidance("")
    assert not row.guidance.isVisible()


def test_a_label_image_missing_on_the_laptop_is_named(qtbot):
    node = Node(kind="question", name="q", type="text", path="q")
    row = question_row(qtbot, node)
    row.set_media(form_with("other.png"), {"image": "ban-do.png", "audio": "cau-hoi.mp3"})
    assert row.media.isVisible() and not row.media.picture.isVisible()
    assert "ban-do.png" in row.media.note.text() and "cau-hoi.mp3" in row.media.note.text()


def form_with(*names: str) -> CompiledForm:
    """A compiled form given these attachments, as forms.installed gives them."""
    compiled = FormEngine.build(FormSpec(form_id="f"))
    use_files(compiled, FormFiles(FormFile.of(name, png()) for name in names))
    return compiled


def test_a_label_image_from_the_form_is_shown_and_opens_full_size(qtbot):
    node = Node(kind="question", name="q", type="text", path="q")
    row = question_row(qtbot, node)
    row.set_media(form_with("small.png", "big.png"), {"image": "small.png", "big-image": "big.png"})
    assert row.media.picture.isVisible() and not row.media.picture.pixmap().isNull()
    assert row.media.big.isVisible() and not row.media.note.isVisible()
    row.widget.focus_target().setFocus()
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(row.widget.focus_target(), Qt.Key.Key_I, keys)
    assert row.media.big.isChecked()


def test_media_of_a_node_in_the_form_language(qtbot):
    node = Node(kind="question", name="q", type="text", path="q")
    node.media = {"image": {"Tiếng Việt (vi)": "jr://images/nha.png", "English (en)": "house.png"}}
    assert form_text.media(node, "image", "English (en)", "Tiếng Việt (vi)") == "house.png"
    assert form_text.media(node, "image", "Tiếng Việt (vi)", "Tiếng Việt (vi)") == "nha.png"
    assert form_text.media(node, "audio", "English (en)", "Tiếng Việt (vi)") == ""


def test_section_titles_are_short_plain_and_never_unfilled():
    assert section_title("# **Phần A**: Hộ", "a") == "Phần A: Hộ"
    assert section_title("Thành viên ${name}", "members") == "Thành viên"
    assert section_title("${name}", "household_members") == "household members"
    long_note = "Xin chào anh chị, chúng tôi đến từ nhóm khảo sát của phường và muốn hỏi vài câu."
    assert (
        section_title(long_note, "intro").endswith("…") and len(section_title(long_note, "x")) < 50
    )
