"""Media answers on the entry screen (a photo attached, a signature drawn, a file that is
not what it says refused), the audit meta question's timings, and the coordinator's
list of interviews answered too fast."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from PySide6.QtCore import QLocale, QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.installed import install_spec
from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interviews, media, question_audit
from fieldsurvey.store.question_audit import AuditEvent
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.durations_tab import DurationsTab
from fieldsurvey.ui.entry.entry_view import EntryView
from fieldsurvey.ui.entry.media_widgets import DrawDialog, DrawPad, MediaAnswer
from fieldsurvey.ui.entry.question_row import QuestionRow
from fieldsurvey.ui.tasks import TaskRunner

FORM = """
| survey |
| | type         | name    | label              | appearance | parameters     |
| | begin group  | p       | The household      | field-list |                |
| | text         | name    | Name               |            |                |
| | image        | photo   | Photo of the house |            | max-pixels=100 |
| | image        | sig     | Signature          | signature  |                |
| | file         | doc     | A document         |            |                |
| | integer      | age     | Age                |            |                |
| | end group    |         |                    |            |                |
| settings |
| | form_id | version |
| | media_ui | 1 |
"""


def jpeg(size: tuple[int, int] = (400, 300)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "orange").save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("FIELDSURVEY_CACHE_DIR", str(tmp_path / "cache"))
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English))
    yield
    QLocale.setDefault(before)


def compile_form(audit: dict[str, str] | None = None) -> CompiledForm:
    spec = load_form_bytes(FORM.encode(), "media_ui.md", use_cache=False)
    if audit is not None:  # the form's audit row (FormSpec.audit)
        spec = spec.model_copy(update={"audit": audit})
    return FormEngine.build(spec)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "ws", "mật khẩu", kdf=KdfParams.cheap())
    yield workspace
    workspace.close()


def new_interview(ws: Workspace, compiled: CompiledForm) -> str:
    install_spec(ws, compiled.spec)
    return interviews.new_interview(
        ws, form_id="media_ui", form_version="1", ward="pt", household_id="HK-1",
        enumerator="Lan",
    ).uuid  # fmt: skip


def open_view(qtbot: Any, ws: Workspace, uuid: str, compiled: CompiledForm) -> EntryView:
    view = EntryView(ws, uuid, compiled, TaskRunner(synchronous=True))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


def answer_of(view: EntryView, name: str) -> MediaAnswer:
    [row] = [r for r in view.findChildren(QuestionRow) if r.node.name == name]
    assert isinstance(row.widget, MediaAnswer)
    return row.widget


def saved(ws: Workspace, uuid: str) -> dict[str, Any]:
    return interviews.get_interview(ws, uuid).answers


def test_a_photo_is_attached_by_keyboard_kept_encrypted_and_shown(
    qtbot: Any, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = compile_form()
    uuid = new_interview(ws, compiled)
    photo = tmp_path / "IMG_0001.JPG"
    photo.write_bytes(jpeg())
    asked: list[str] = []

    def pick(_parent: QWidget, caption: str, filters: str) -> str:
        asked.append(filters)
        return str(photo)

    monkeypatch.setattr(MediaAnswer, "ask_path", classmethod(lambda cls, *a: pick(*a)))
    view = open_view(qtbot, ws, uuid, compiled)
    widget = answer_of(view, "photo")
    widget.focus_target().setFocus()
    assert widget.choose.text() == "Choose a photo…"
    qtbot.keyClick(widget.choose, Qt.Key.Key_Space)
    assert "*.jpg" in asked[0]
    name = saved(ws, uuid)["p"]["photo"]
    assert name.startswith("photo-") and name.endswith(".jpg")
    stored = media.read(ws, uuid, name)
    assert stored is not None
    # max-pixels=100: the photo was made smaller before it was kept
    assert max(Image.open(io.BytesIO(stored)).size) == 100
    assert widget.preview.pixmap() is not None and not widget.preview.pixmap().isNull()
    assert name in widget.info.text()

    # Another photo replaces it; the first file goes. Remove takes the answer away.
    other = tmp_path / "second.png"
    out = io.BytesIO()
    Image.new("RGB", (50, 50), "navy").save(out, format="PNG")
    other.write_bytes(out.getvalue())
    photo = other
    qtbot.wait(2)  # another millisecond: another name
    qtbot.keyClick(widget.choose, Qt.Key.Key_Space)
    second = saved(ws, uuid)["p"]["photo"]
    assert second.endswith(".png") and second != name
    assert sorted(media.read_all(ws, uuid)) == [second]
    qtbot.keyClick(widget.remove, Qt.Key.Key_Space)
    assert "photo" not in saved(ws, uuid).get("p", {}) and media.read_all(ws, uuid) == {}


def test_a_file_that_is_not_what_it_says_is_not_kept(
    qtbot: Any, ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = compile_form()
    uuid = new_interview(ws, compiled)
    fake = tmp_path / "report.pdf"
    fake.write_bytes(b"this is not a PDF")
    monkeypatch.setattr(MediaAnswer, "ask_path", classmethod(lambda cls, *a: str(fake)))
    view = open_view(qtbot, ws, uuid, compiled)
    widget = answer_of(view, "doc")
    qtbot.keyClick(widget.choose, Qt.Key.Key_Space)
    [row] = [r for r in view.findChildren(QuestionRow) if r.node.name == "doc"]
    assert "report.pdf is not what its name says" in row.message.text()
    assert row.message.isVisible()
    assert "doc" not in saved(ws, uuid).get("p", {}) and media.read_all(ws, uuid) == {}


def test_a_signature_is_drawn_with_the_mouse_and_saved_as_png(
    qtbot: Any, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = compile_form()
    uuid = new_interview(ws, compiled)
    drawn: list[bytes] = []

    def sign(cls: type[DrawDialog], parent: QWidget, kind: str, background: Any = None) -> bytes:
        dialog = cls(kind, background, parent)
        qtbot.addWidget(dialog)
        save = dialog.buttons.buttons()[0]
        assert not save.isEnabled()  # nothing drawn yet
        pad = dialog.pad
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
        for x in range(30, 300, 30):
            qtbot.mouseMove(pad, QPoint(x, 20 + x // 4))
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 95))
        assert save.isEnabled() and len(pad.strokes) == 1
        from fieldsurvey.ui.entry.media_widgets import png_bytes

        drawn.append(png_bytes(pad.image))
        return drawn[-1]

    monkeypatch.setattr(DrawDialog, "ask", classmethod(sign))
    view = open_view(qtbot, ws, uuid, compiled)
    widget = answer_of(view, "sig")
    assert widget.choose.text() == "Sign…"
    qtbot.keyClick(widget.choose, Qt.Key.Key_Space)
    name = saved(ws, uuid)["p"]["sig"]
    assert name.endswith(".png") and media.read(ws, uuid, name) == drawn[0]
    image = Image.open(io.BytesIO(drawn[0]))
    assert image.getpixel((160, 60)) != (255, 255, 255)  # ink on the line drawn


def test_the_pad_takes_back_the_last_line_and_starts_again(qtbot: Any) -> None:
    pad = DrawPad(QSize(200, 100))
    qtbot.addWidget(pad)
    for y in (20, 60):
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(10, y))
        qtbot.mouseMove(pad, QPoint(150, y))
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(150, y))
    assert len(pad.strokes) == 2
    pad.undo()
    assert len(pad.strokes) == 1
    assert pad.image.pixelColor(80, 60).name() == "#ffffff"
    assert pad.image.pixelColor(80, 20).name() != "#ffffff"
    pad.clear()
    assert pad.is_empty() and pad.image.pixelColor(80, 20).name() == "#ffffff"


def test_the_audit_question_logs_each_question_entered_and_left(
    qtbot: Any, ws: Workspace, shown_dialogs: list[str]
) -> None:
    compiled = compile_form({"track-changes": "true", "identify-user": "true"})
    uuid = new_interview(ws, compiled)
    view = open_view(qtbot, ws, uuid, compiled)
    name_row = next(r for r in view.findChildren(QuestionRow) if r.node.name == "name")
    edit = name_row.widget.focus_target()
    edit.setFocus()
    qtbot.keyClicks(edit, "Lan")
    qtbot.wait(30)
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # on to the photo question
    qtbot.wait(20)
    age = next(r for r in view.findChildren(QuestionRow) if r.node.name == "age")
    age.widget.focus_target().setFocus()
    qtbot.keyClicks(age.widget.focus_target(), "41")
    qtbot.keyClick(age.widget.focus_target(), Qt.Key.Key_Return)
    view.close_entry()
    events = question_audit.events(ws, uuid)
    kinds = [(e.event, e.node) for e in events]
    assert kinds[0] == ("form start", "")
    assert ("question", "/data/p/name") in kinds and ("question", "/data/p/photo") in kinds
    assert kinds[-1] == ("form exit", "")
    name_event = next(e for e in events if e.node == "/data/p/name")
    assert name_event.end is not None and name_event.end - name_event.start >= 30
    assert (name_event.old_value, name_event.new_value) == (None, "Lan")
    age_event = next(e for e in events if e.node == "/data/p/age")
    assert age_event.new_value == "41" and age_event.user
    # the times are ODK's: milliseconds since 1970
    assert 1.7e12 < events[0].start < 4e12
    data = question_audit.to_csv(events, question_audit.columns_for(
        {"track-changes": "true", "identify-user": "true"}))  # fmt: skip
    assert data.startswith(b"event,node,start,end,old-value,new-value,user\n")


def test_a_form_without_the_audit_question_logs_nothing(qtbot: Any, ws: Workspace) -> None:
    compiled = compile_form()
    uuid = new_interview(ws, compiled)
    view = open_view(qtbot, ws, uuid, compiled)
    view.close_entry()
    assert question_audit.events(ws, uuid) == []


def test_the_coordinator_sees_interviews_answered_too_fast(qtbot: Any, ws: Workspace) -> None:
    compiled = compile_form()
    install_spec(ws, compiled.spec)
    made = []
    for household, per_question in (("HH-slow", 20_000), ("HH-usual", 15_000),
                                     ("HH-fast", 1_000), ("HH-usual2", 18_000)):  # fmt: skip
        uuid = interviews.new_interview(
            ws, form_id="media_ui", form_version="1", ward="pt", household_id=household,
            enumerator="Lan",
        ).uuid  # fmt: skip
        events = [AuditEvent("question", f"/data/q{i}", i * per_question, (i + 1) * per_question)
                  for i in range(10)]  # fmt: skip
        log = question_audit.to_csv(events, list(question_audit.BASE_COLUMNS))
        with ws.transaction() as db:
            media.store_received(db, uuid, "audit.csv", "text/csv", log, device_id="",
                                 sequence=1, added="t")  # fmt: skip
        made.append(uuid)
    tab = DurationsTab(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(tab)
    tab.resize(1366, 500)
    assert tab.model.rows == []  # every audit log is read when the tab is shown
    tab.show()
    assert [r.household_id for r in tab.model.rows] == ["HH-fast"]
    assert tab.model.index(0, 9).data() == "under 5 s a question; under 40 % of the usual time"
    assert "1 of 4 interviews" in tab.result.text()
    tab.only_fast.setChecked(False)
    assert len(tab.model.rows) == 4
    tab.per_question.setValue(16)
    tab.refresh()
    tab.only_fast.setChecked(True)
    assert [r.household_id for r in tab.model.rows] == ["HH-fast", "HH-usual"]
    assert QApplication.instance() is not None
