"""The main window per role: a laptop records and resumes, the coordinator returns."""

from __future__ import annotations

from fieldsurvey.forms.installed import install_default_form
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.interviews import InterviewStatus, complete, get_interview, new_interview
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.entry.entry_view import EntryView
from fieldsurvey.ui.main_window import MainWindow
from fieldsurvey.ui.new_interview_dialog import NewInterview
from fieldsurvey.ui.tasks import TaskRunner

from .conftest import form_version


def test_first_start_installs_the_default_survey_and_a_new_interview_opens(qtbot, tmp_path):
    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    window = MainWindow(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    forms = forms_store.list_forms(ws)
    assert [f.form_id for f in forms] == ["mnet_migrant_household"]
    from fieldsurvey.forms.spec import FormSpec

    spec = FormSpec.model_validate_json(forms_store.get_form(ws, forms[0].form_id).definition)
    window.start_interview(
        NewInterview(
            form=forms[0],
            ward="Phúc Tân",
            ward_code="phuc_tan",
            household_id="PT-042",
            respondent="",
        ),
        spec,
    )
    assert isinstance(window.stack.currentWidget(), EntryView)
    uuid = window.entry.uuid
    answers = get_interview(ws, uuid).answers
    ward_path = spec.by_name()["ward"].path.split("/")
    assert answers[ward_path[0]][ward_path[1]] == "phuc_tan"
    window.close_entry()
    assert window.stack.currentWidget() is window.tabs
    assert [r.household_id for r in window.interviews.model.rows] == ["PT-042"]
    # the engine's verdict at the last save: the consent question is still unanswered
    assert window.interviews.model.rows[0].problems >= 1


def test_after_a_crash_the_app_reopens_the_interview_that_was_open(qtbot, tmp_path):
    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    install_default_form(ws)
    interview = new_interview(
        ws,
        form_id="mnet_migrant_household",
        form_version=forms_store.list_forms(ws)[0].version,
        ward="Chương Dương",
        household_id="CD-7",
        enumerator="Lan",
    )
    ws.set_setting("resume", {"interview": interview.uuid, "path": "consent_section/consent"})
    window = MainWindow(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    assert isinstance(window.stack.currentWidget(), EntryView)
    assert window.entry.uuid == interview.uuid


def test_coordinator_returns_an_interview_with_a_comment(qtbot, campaign, tmp_path):
    from fieldsurvey.sync.bundle_import import import_files
    from fieldsurvey.sync.bundle_writer import export_bundle

    coord, laptop = campaign
    interview = new_interview(
        laptop,
        form_id="mnet_migrant_household",
        form_version=form_version(laptop),
        ward="Phúc Tân",
        household_id="PT-9",
        enumerator="Hoa",
    )
    complete(laptop, interview.uuid, who="Hoa")
    result = export_bundle(laptop, tmp_path)
    import_files(coord, [result.path])
    window = MainWindow(coord, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    assert not window.interviews.new_button.isVisibleTo(window)
    assert [r.household_id for r in window.interviews.model.rows] == ["PT-9"]
    window.return_interview(interview.uuid, "Tuổi của chủ hộ chưa đúng")
    returned = get_interview(coord, interview.uuid)
    assert returned.status == InterviewStatus.RETURNED
    assert returned.comment == "Tuổi của chủ hộ chưa đúng"


def test_new_interview_offers_the_newest_version_of_each_installed_form(
    qtbot, tmp_path, monkeypatch
):
    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    window = MainWindow(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    offered = {}

    def fake_ask(parent, forms, specs, lang):
        offered["forms"] = [(f.form_id, f.version) for f in forms]
        offered["specs"] = sorted(specs)
        return None

    monkeypatch.setattr("fieldsurvey.ui.main_window.NewInterviewDialog.ask", fake_ask)
    window.ask_new_interview()
    version = forms_store.list_forms(ws)[0].version
    assert offered == {
        "forms": [("mnet_migrant_household", version)],
        "specs": ["mnet_migrant_household"],
    }
    assert window.stack.currentWidget() is window.tabs


def test_the_list_follows_each_change_without_reloading_or_touching_the_database(qtbot, tmp_path):
    """Real threads: after each write the list updates, inserts or removes just the rows
    it names (read off the UI thread), the whole list is read only once at start, and not
    one SQL statement runs on the UI thread."""
    from fieldsurvey.changes import Changes

    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    version = install_default_form(ws).version

    def make(household: str):
        return new_interview(
            ws, form_id="mnet_migrant_household", form_version=version, ward="Phúc Tân",
            household_id=household, enumerator="Lan",
        )  # fmt: skip

    first, second = make("PT-1").uuid, make("PT-2").uuid
    on_ui_thread: list[str] = []
    ws.db.conn.set_trace_callback(on_ui_thread.append)  # this thread's connection
    runner = TaskRunner()
    window = MainWindow(ws, runner)
    qtbot.addWidget(window)
    full_reads = []
    set_rows = window.interviews.set_rows
    window.interviews.set_rows = lambda rows: (full_reads.append(len(rows)), set_rows(rows))

    def statuses():
        return {r.household_id: r.status for r in window.interviews.model.rows}

    qtbot.waitUntil(lambda: statuses() == {"PT-1": "draft", "PT-2": "draft"}, timeout=10000)
    runner.run(lambda p, c: complete(ws, first, who="Lan"))
    qtbot.waitUntil(lambda: statuses()["PT-1"] == "completed", timeout=10000)
    qtbot.waitUntil(lambda: window.sync_page.counts[InterviewStatus.COMPLETED].text() == "1")
    window.delete_draft(second)
    qtbot.waitUntil(lambda: "PT-2" not in statuses(), timeout=10000)
    runner.run(lambda p, c: make("PT-3"), changes=lambda made: Changes(created=[made.uuid]))
    qtbot.waitUntil(lambda: statuses() == {"PT-1": "completed", "PT-3": "draft"}, timeout=10000)
    assert window.interviews.count_label.text().endswith("of 2")
    runner.wait_all()
    assert full_reads == [2]
    assert on_ui_thread == []


def test_opening_an_interview_reads_nothing_on_the_ui_thread(qtbot, tmp_path):
    """Real threads: the interview, its form and the resume point are read in the
    background; building the entry screen runs no SQL on the UI thread."""
    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    version = install_default_form(ws).version
    made = new_interview(
        ws, form_id="mnet_migrant_household", form_version=version, ward="Phúc Tân",
        household_id="PT-9", enumerator="Lan",
    )  # fmt: skip
    runner = TaskRunner()
    window = MainWindow(ws, runner)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: len(window.interviews.model.rows) == 1, timeout=10000)
    runner.wait_all()
    on_ui_thread: list[str] = []
    ws.db.conn.set_trace_callback(on_ui_thread.append)  # this thread's connection
    window.open_interview(made.uuid)
    qtbot.waitUntil(lambda: window.entry is not None, timeout=10000)
    assert window.entry.uuid == made.uuid
    runner.wait_all()
    qtbot.wait(50)
    assert on_ui_thread == []
