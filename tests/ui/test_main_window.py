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
    page = window.interviews
    assert not page.new_button.isVisibleTo(window)
    assert not page.reopen_button.isVisibleTo(window)
    assert page.open_button.isVisibleTo(window) and page.open_button.isEnabled()
    assert [r.household_id for r in page.model.rows] == ["PT-9"]
    assert page.model.rows[0].enumerator == "Hoa"
    assert window.return_button.isEnabled()
    window.return_interview(interview.uuid, "Tuổi của chủ hộ chưa đúng")
    returned = get_interview(coord, interview.uuid)
    assert returned.status == InterviewStatus.RETURNED
    assert returned.comment == "Tuổi của chủ hộ chưa đúng"
    assert not window.return_button.isEnabled()  # already returned: nothing to do
    with qtbot.waitSignal(page.open_requested):
        page.open_button.click()
    assert isinstance(window.stack.currentWidget(), EntryView)  # to read it


def test_new_interview_offers_the_newest_version_of_each_installed_form(
    qtbot, tmp_path, monkeypatch
):
    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    window = MainWindow(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    offered = {}

    def fake_ask(parent, forms, specs, lang, **checks):
        offered["forms"] = [(f.form_id, f.version) for f in forms]
        offered["specs"] = sorted(specs)
        return None

    monkeypatch.setattr("fieldsurvey.ui.new_interview_dialog.NewInterviewDialog.ask", fake_ask)
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
    assert window.interviews.count_label.text() == "Showing 2 of 2 interviews"
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


def _laptop_window(qtbot, tmp_path, households=("PT-1",)):
    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    version = install_default_form(ws).version
    made = [
        new_interview(
            ws, form_id="mnet_migrant_household", form_version=version, ward="Phúc Tân",
            household_id=household, enumerator="Lan",
        )
        for household in households
    ]  # fmt: skip
    window = MainWindow(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    return ws, window, made


def _select(window, household: str) -> None:
    page = window.interviews
    page.search.setText(household)
    assert page.current() is not None and page.current().household_id == household


def test_deleting_a_draft_asks_first_naming_its_household(
    qtbot, tmp_path, shown_dialogs, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    ws, window, (first, second) = _laptop_window(qtbot, tmp_path, ("PT-1", "PT-2"))
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])

    def question(parent, title, text, *args):
        shown_dialogs.append(text)
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    _select(window, "PT-2")
    window.interviews.delete_button.click()
    assert "household PT-2 in Phúc Tân" in shown_dialogs[-1]
    assert get_interview(ws, second.uuid).status == InterviewStatus.DRAFT  # "No" keeps it
    window.interviews.delete_button.click()
    window.interviews.search.clear()  # the list holds the rows of the current search
    assert [r.household_id for r in window.interviews.model.rows] == ["PT-1"]
    complete(ws, first.uuid, who="Lan")
    window.reload()
    _select(window, "PT-1")
    assert not window.interviews.delete_button.isEnabled()  # not a draft: no button
    count = len(shown_dialogs)
    window.delete_draft(first.uuid)  # and nothing if asked anyway: no question, no error
    assert len(shown_dialogs) == count
    assert get_interview(ws, first.uuid).status == InterviewStatus.COMPLETED


def test_a_completed_interview_is_reopened_for_correction_with_a_reason(
    qtbot, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QInputDialog

    from fieldsurvey.store import audit
    from fieldsurvey.store.interviews import mark_exported

    ws, window, (made, sent) = _laptop_window(qtbot, tmp_path, ("PT-1", "PT-2"))
    complete(ws, made.uuid, who="Lan")
    complete(ws, sent.uuid, who="Lan")
    mark_exported(ws, sent.uuid, who="Lan")
    window.reload()
    _select(window, "PT-2")
    assert not window.interviews.reopen_button.isEnabled()  # sent: the coordinator returns it
    _select(window, "PT-1")
    assert window.interviews.reopen_button.isEnabled()
    prompts: list[str] = []
    typed = iter([("", True), ("Tuổi chủ hộ ghi nhầm", True)])

    def ask(parent, title, label, *args):
        prompts.append(label)
        return next(typed)

    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(ask))
    window.interviews.reopen_button.click()
    assert "household PT-1 in Phúc Tân" in prompts[0]
    assert prompts[1].startswith("Please write why")  # an empty reason is not taken
    assert get_interview(ws, made.uuid).status == InterviewStatus.DRAFT
    assert isinstance(window.stack.currentWidget(), EntryView)  # open to correct it
    assert window.entry.uuid == made.uuid
    reason = [e for e in audit.entries(ws, made.uuid) if e.field == "reason"]
    assert [(e.action, e.who, e.new_value) for e in reason] == [
        ("reopen", ws.acting_person(), "Tuổi chủ hộ ghi nhầm")  # who and why
    ]
    window.close_entry()
    _select(window, "PT-1")
    assert window.interviews.current().status == InterviewStatus.DRAFT
    assert not window.interviews.reopen_button.isEnabled()
    assert window.interviews.delete_button.isEnabled()


def test_the_list_fills_the_window_after_a_reload_and_names_the_questionnaire(
    qtbot, campaign, tmp_path
):
    """As on the coordinator's screen: the list is read again while another tab is
    shown, then shown at 1366x768; it must still fill the window."""
    from fieldsurvey.sync.bundle_import import import_files
    from fieldsurvey.sync.bundle_writer import export_bundle

    from fieldsurvey.ui.interview_table_model import COL_FORM

    coord, laptop = campaign
    for household in ("PT-1", "PT-2"):
        made = new_interview(
            laptop, form_id="mnet_migrant_household", form_version=form_version(laptop),
            ward="Phúc Tân", household_id=household, enumerator="Hoa",
        )  # fmt: skip
        complete(laptop, made.uuid, who="Hoa")
    result = export_bundle(laptop, tmp_path)
    window = MainWindow(coord, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.tabs.setCurrentWidget(window.coordinator_page)
    window.show()
    qtbot.waitExposed(window)
    import_files(coord, [result.path])
    window.tabs.setCurrentWidget(window.interviews)
    window.reload()
    qtbot.wait(20)
    table = window.interviews.table
    assert table.horizontalHeader().length() >= table.viewport().width() - 2
    window.reload()
    qtbot.wait(20)
    assert table.horizontalHeader().length() >= table.viewport().width() - 2
    title = window.interviews.proxy.index(0, COL_FORM).data()
    assert title.startswith("Khảo sát hộ gia đình")


def test_the_new_interview_dialog_checks_the_household_at_the_door(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from fieldsurvey.forms.spec import FormSpec
    from fieldsurvey.store import audit

    from fieldsurvey.ui.new_interview_dialog import NewInterviewDialog, OpenExisting

    # PT-0103 was started in the Vietnamese app ("Phúc Tân"); the dialog runs in English
    # ("Phuc Tan"): the same ward all the same.
    ws, window, (existing,) = _laptop_window(qtbot, tmp_path, ("PT-0103",))
    [info] = forms_store.list_forms(ws)
    spec = FormSpec.model_validate_json(forms_store.get_form(ws, info.form_id).definition)

    def dialog_for(household: str) -> NewInterviewDialog:
        dialog = NewInterviewDialog(
            [info], {info.form_id: spec}, "en", workspace=ws, runner=TaskRunner(synchronous=True)
        )
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.ward_box.setCurrentIndex(dialog.ward_box.findData("phuc_tan"))
        qtbot.keyClicks(dialog.household, household)
        qtbot.keyClick(dialog.household, Qt.Key.Key_Return)
        return dialog

    refused = dialog_for("PT 0103")  # the form's rule: no spaces
    assert refused.isVisible() and refused.outcome is None
    assert refused.message.text() == (
        "This household id cannot be used: A household ID is the ward's letters (no accents), "
        "a hyphen, then its number, e.g. PT-012."
    )
    assert refused.household.selectedText() == "PT 0103"  # ready to be typed over
    qtbot.keyClicks(refused.household, "PT-0103")
    qtbot.keyClick(refused.household, Qt.Key.Key_Return)
    assert refused.isVisible() and refused.outcome is None
    assert refused.message.text().startswith(
        "This laptop already has an interview of household PT-0103 in Phuc Tan (Draft, "
    )
    assert refused.open_existing_button.isVisible() and refused.revisit_button.isVisible()
    refused.open_existing_button.click()
    assert refused.outcome == OpenExisting(existing.uuid)
    assert not refused.isVisible()

    revisit = dialog_for("PT-0103")
    qtbot.keyClick(revisit.household, Qt.Key.Key_Backspace)  # another id: choices go
    assert not revisit.revisit_button.isVisible() and revisit.message.text() == ""
    qtbot.keyClicks(revisit.household, "3")
    qtbot.keyClick(revisit.household, Qt.Key.Key_Return)
    revisit.revisit_button.click()
    assert revisit.outcome is not None and revisit.outcome.revisit_of == (existing.uuid,)
    window.start_interview(revisit.outcome, spec)
    created = audit.entries(ws, window.entry.uuid)[0]
    assert created.new_value["revisit_of"] == [existing.uuid]
    window.close_entry()

    fresh = dialog_for("PT-0104")
    assert fresh.outcome is not None and fresh.outcome.household_id == "PT-0104"
    assert fresh.outcome.revisit_of == ()


def test_the_other_tabs_are_built_when_first_shown(qtbot, tmp_path):
    """The window opens with its first tab only; a page is built (and reads what it
    shows) when its tab is first chosen, under the same tab title."""
    ws = Workspace.create(tmp_path / "ws", "mật khẩu thử nghiệm", kdf=KdfParams.cheap())
    install_default_form(ws)
    window = MainWindow(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["&Interviews", "&Send and receive", "&Reports"]
    assert window.lazy.built(window._reports_slot) is None
    window.tabs.setCurrentIndex(2)
    page = window.lazy.built(window._reports_slot)
    assert page is not None and window.tabs.currentWidget() is page
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == titles
    assert page.form_box.count() == 1  # the installed survey, read when built
    assert window.reports_page is page
    assert window.lazy.built(window._sync_slot) is None
    sync = window.sync_page  # asked for: built in its tab, which stays where it was
    assert window.tabs.indexOf(sync) == 1 and window.tabs.currentWidget() is page


def test_choosing_a_middle_tab_builds_only_its_page(qtbot, tmp_path):
    """Building the coordinator's page (the middle tab) swapped it in for its placeholder,
    and Qt made the next tab current for a moment: the reports page was built with it,
    on the UI thread (bench/bench_ui_scale.py: 94 ms of UI-thread CPU at 1,000,000)."""
    ws = Workspace.create(
        tmp_path / "ws", "mật khẩu thử nghiệm", role="coordinator", kdf=KdfParams.cheap()
    )
    install_default_form(ws)
    window = MainWindow(ws, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    shown: list[int] = []
    window.tabs.currentChanged.connect(shown.append)
    window.tabs.setCurrentIndex(1)
    page = window.lazy.built(window._coordinator_slot)
    assert page is not None and window.tabs.currentWidget() is page
    assert window.lazy.built(window._reports_slot) is None
    assert set(shown) == {1}  # never another tab, even for a moment
    assert [window.tabs.tabText(i) for i in range(3)] == ["&Interviews", "&Coordinator", "&Reports"]


def test_enter_on_a_row_of_the_list_opens_that_interview(qtbot, tmp_path):
    """An enumerator walks the list with the arrow keys and opens a household with Enter;
    typing Enter in the search box opens nothing."""
    from PySide6.QtCore import Qt

    _ws, window, made = _laptop_window(qtbot, tmp_path, households=("PT-1", "PT-2", "PT-3"))
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    page = window.interviews
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10000)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert window.entry is None
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    wanted = page.current()
    assert wanted is not None
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.entry is not None, timeout=10000)
    assert window.entry.uuid == wanted.uuid
    assert wanted.uuid in {m.uuid for m in made}
