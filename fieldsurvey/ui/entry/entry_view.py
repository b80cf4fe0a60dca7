"""The data-entry screen: pages of questions, sections, progress, the 'saved' mark.

    view = EntryView(ws, interview_uuid, compiled_form, runner, parent, who="Lan")
    view.completed.connect(...)   # uuid of the interview just completed
    view.closed.connect(...)      # the enumerator closed the screen

Keyboard: Tab or Enter to the next question (Enter past the last question of a page goes
to the next page), Page Down / Page Up to change page, Ctrl+Enter to review and complete,
Ctrl+W to close. Moving forward (Enter, Tab, Page Down, Next, a later section in the
list) stops at a question to fix first (see QuestionPanel.stop_at; for a page: its first
such question); going back never stops. Every committed answer is saved at once (see
EntryController) and the current question is remembered, so after a crash the app reopens here
(:func:`~fieldsurvey.ui.entry.entry_controller.resume_point`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QKeySequence,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.forms.engine import CompiledForm
from fieldsurvey.store.interviews import Interview
from fieldsurvey.store.workspace import Workspace

from fieldsurvey.ui.entry import form_text
from fieldsurvey.ui.entry.answer_widget import AnswerWidget, shortcut
from fieldsurvey.ui.entry.completion_summary import CompletionSummary
from fieldsurvey.ui.entry.entry_controller import EntryController
from fieldsurvey.ui.entry.page_model import FormPages
from fieldsurvey.ui.entry.page_widgets import (
    PageProgress,
    PageWidget,
    SectionList,
    ancestor,
    scroll_into_view,
)
from fieldsurvey.ui.entry.question_panel import QuestionPanel
from fieldsurvey.ui.entry.question_row import ERROR_COLOUR, QuestionRow, set_colour
from fieldsurvey.ui.errors import show_error
from fieldsurvey.ui.tasks import TaskRunner

SAVED_COLOUR = "#1b6e20"
_REMEMBER_DELAY_MS = 400
#: The next page is built this long after a page is shown, while the enumerator reads.
_PREFETCH_DELAY_MS = 250


class EntryView(QWidget):
    """Fill in the interview ``interview_uuid`` of ``ws`` with ``compiled_form``."""

    completed = Signal(str)
    closed = Signal()

    def __init__(
        self,
        ws: Workspace,
        interview_uuid: str,
        compiled_form: CompiledForm,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        who: str | None = None,
        start_path: str | None = None,
        interview: Interview | None = None,
    ) -> None:
        """``interview`` (and ``start_path``, the resume point) read off the UI thread by
        the caller; without them they are read here (tests)."""
        super().__init__(parent)
        self.ctx = EntryController(
            ws,
            interview_uuid,
            compiled_form,
            runner,
            who=who,
            on_failure=self._failed,
            parent=self,
            interview=interview,
        )
        self._read_resume = interview is None
        self.uuid = interview_uuid
        self.pages = FormPages(self.ctx.spec)
        self.page_widgets: dict[int, PageWidget] = {}
        self.current = -1  # page index; len(pages) is the summary
        #: Pages shown since the screen opened (a section is done once visited and valid).
        self.visited: set[int] = set()
        self.current_row: QuestionRow | None = None
        self._focus_on_show: Callable[[], object] | None = None
        self._build()
        self.ctx.changed.connect(self._engine_changed)
        self.ctx.save_state.connect(self._show_save_state)
        self.ctx.rejected.connect(self._rejected)
        self._remember_timer = QTimer(self, singleShot=True, interval=_REMEMBER_DELAY_MS)
        self._remember_timer.timeout.connect(self._remember)
        self._prefetch_timer = QTimer(self, singleShot=True, interval=_PREFETCH_DELAY_MS)
        self._prefetch_timer.timeout.connect(self._prefetch)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.retranslate()
        point = start_path or (self._resume_path() if self._read_resume else None)
        if not self.ctx.editable:  # completed: every section was gone through
            self.visited.update(range(len(self.pages)))
        if point and self.pages.page_of(point) is not None:
            # Resumed where the enumerator was: the pages before were gone through.
            self.visited.update(range(self.pages.page_of(point) or 0))
            self.jump_to(point)
        else:
            self.go_to(self._next_shown(-1, 1) if len(self.pages) else 0)

    # --- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.language_label = QLabel(self)
        self.language = QComboBox(self)
        for name in self.ctx.spec.languages or [self.ctx.spec.default_language]:
            self.language.addItem(form_text.display_name(name), name)
        self.language.setCurrentIndex(max(0, self.language.findData(self.ctx.lang)))
        self.language.currentIndexChanged.connect(self._language_picked)
        self.language_label.setBuddy(self.language)
        # A form in one language has nothing to choose: no box at all.
        multilingual = self.language.count() > 1
        self.language.setVisible(multilingual)
        self.language_label.setVisible(multilingual)
        self.saved_mark = QLabel(self)
        self._text_colour = self.saved_mark.palette().color(QPalette.ColorRole.WindowText).name()
        self.saved_mark.setMinimumWidth(self.saved_mark.fontMetrics().horizontalAdvance("✓ " * 14))
        self.saved_mark.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.read_only_note = QLabel(self)
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setVisible(not self.ctx.editable)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        top.addWidget(self.saved_mark)

        self.sections = SectionList(self)
        self.sections.itemActivated.connect(self._section_picked)
        self.sections.itemClicked.connect(self._section_picked)
        self.stack = QStackedWidget(self)
        self.summary = CompletionSummary(self.ctx, self.pages, self)
        self.summary.jump.connect(self.jump_to)
        self.summary.back_requested.connect(self.previous_page)
        self.summary.complete_requested.connect(self.complete)
        self.stack.addWidget(self.summary)
        body = QHBoxLayout()
        body.addWidget(self.sections)
        body.addWidget(self.stack, 1)

        self.progress = PageProgress(self)
        self.position = QLabel(self)
        self.prev_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.review_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.prev_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.review_button.clicked.connect(self.review)
        self.close_button.clicked.connect(self.close_entry)
        bottom = QHBoxLayout()
        bottom.addWidget(self.position)
        bottom.addWidget(self.progress)
        bottom.addStretch(1)
        for button in (self.prev_button, self.next_button, self.review_button, self.close_button):
            button.setAutoDefault(True)  # Enter presses the focused button, as in a dialog
            bottom.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.read_only_note)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence.StandardKey.MoveToNextPage, self.next_page),
            (QKeySequence.StandardKey.MoveToPreviousPage, self.previous_page),
            ("Ctrl+Return", self._ctrl_enter),
            ("Ctrl+Enter", self._ctrl_enter),
            ("Ctrl+W", self.close_entry),
        ):
            shortcut(keys, self, slot, context)

    def page_widget(self, index: int) -> PageWidget:
        """The page's widget, built the first time it is shown."""
        widget = self.page_widgets.get(index)
        if widget is None:
            page = self.pages.pages[index]
            panel = QuestionPanel(self.ctx, page.items)
            panel.exhausted.connect(self._page_exhausted)
            title = page.group or page.parent
            widget = PageWidget(self.ctx, title.path if title else None, panel)
            self.page_widgets[index] = widget
            self.stack.addWidget(widget)
        return widget

    # --- pages --------------------------------------------------------------------------
    def page_shown(self, index: int) -> bool:
        """Whether anything on page ``index`` is relevant now."""
        return any(self.ctx.relevant(node.path) for node in self.pages.pages[index].items)

    def _next_shown(self, start: int, step: int) -> int:
        index = start + step
        while 0 <= index < len(self.pages):
            if self.page_shown(index):
                return index
            index += step
        return len(self.pages) if step > 0 else -1

    def go_to(self, index: int, *, focus: str | None = "first") -> None:
        """Show page ``index`` (``len(pages)``: the summary); focus its first question."""
        self._flush_focused()
        if 0 <= self.current < len(self.pages) and index > self.current:
            self.ctx.touch((row.path for row in self._rows_of(self.current)), notify=False)
        self.current = index
        if 0 <= index < len(self.pages):
            self.visited.add(index)
        if index >= len(self.pages):
            self.ctx.touch(self.ctx.problems(), notify=False)
            self.summary.refresh()
            self.stack.setCurrentWidget(self.summary)
            self._focus(self.summary.focus_first)
        else:
            widget = self.page_widget(index)
            widget.refresh(None)
            self.stack.setCurrentWidget(widget)
            widget.verticalScrollBar().setValue(0)
            if focus == "first":
                self._focus(lambda: widget.panel.focus_first() or self.next_button.setFocus())
            self._prefetch_timer.start()
        self._update_chrome()

    def _prefetch(self) -> None:
        """Build the next page before it is asked for (Page Down then only shows it)."""
        following = self._next_shown(self.current, 1)
        if 0 <= following < len(self.pages) and following not in self.page_widgets:
            widget = self.page_widget(following)
            widget.refresh(None)
            widget.resize(self.stack.size())  # polish and lay it out now, not when shown
            widget.ensurePolished()
            body = widget.widget()
            layout = body.layout() if body is not None else None
            if layout is not None:
                layout.activate()

    def next_page(self) -> None:
        if self.current < len(self.pages) and not self.stop_on_page():
            self.go_to(self._next_shown(self.current, 1))

    def stop_on_page(self) -> bool:
        """Before moving forward from the current page: if a question on it must be fixed
        first, show the messages of every such question, put the focus on the first and
        return True (the move does not happen)."""
        if not (0 <= self.current < len(self.pages)) or not self.ctx.editable:
            return False
        self._flush_focused()
        panel = self.page_widget(self.current).panel
        local = [row for row in self._rows_of(self.current) if row.has_local_problem()]
        paths = [
            path
            for path in self.ctx.problems()
            if self.pages.page_of(path) == self.current and self.ctx.blocks(path)
        ]
        if not local and not paths:
            return False
        self.ctx.touch(paths)
        first = min(local, key=lambda r: r.y()) if local else None
        if first is not None and panel.stop_at(first):
            return True
        row = panel.row_at(paths[0])
        if row is not None and panel.stop_at(row):
            return True
        self._focus(lambda: panel.focus_path(paths[0]) or panel.focus_first())
        return True

    def previous_page(self) -> None:
        target = self._next_shown(self.current, -1)
        if target >= 0:
            self.go_to(target)

    def review(self) -> None:
        self.go_to(len(self.pages))

    def _page_exhausted(self) -> None:
        self.next_page()

    def _ctrl_enter(self) -> None:
        if self.current >= len(self.pages) and self.summary.complete_button.isEnabled():
            self.complete()
        else:
            self.review()

    def jump_to(self, path: str) -> None:
        """Show the question at instance ``path`` and put the focus on it."""
        index = self.pages.page_of(path)
        if index is None:
            return
        self.go_to(index, focus=None)
        panel = self.page_widget(index).panel
        self._focus(lambda: panel.focus_path(path) or panel.focus_first())

    def _focus(self, action: Callable[[], object]) -> None:
        """Move the focus now, or when the screen is first shown."""
        if self.isVisible():
            action()
        else:
            self._focus_on_show = action

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        action, self._focus_on_show = self._focus_on_show, None
        if action is not None:
            action()

    def _rows_of(self, index: int) -> list[QuestionRow]:
        widget = self.page_widgets.get(index)
        return widget.findChildren(QuestionRow) if widget else []

    # --- keeping in step ------------------------------------------------------------------
    def _engine_changed(self, changed: set[str] | None) -> None:
        if 0 <= self.current < len(self.pages):
            self.page_widget(self.current).refresh(changed)
        elif self.current >= len(self.pages):
            self.summary.refresh()
        self._update_sections()

    def _update_chrome(self) -> None:
        total = len(self.pages)
        on_summary = self.current >= total
        self.progress.set_fraction(min(self.current + 1, total) / max(total, 1))
        self.position.setText(
            self.tr("Review")
            if on_summary
            else self.tr("Page {n} of {count}").format(n=self.current + 1, count=total)
        )
        self.next_button.setEnabled(not on_summary)
        self.prev_button.setEnabled(self._next_shown(self.current, -1) >= 0)
        # The review has its own Back and Complete buttons: no second pair down here.
        self.prev_button.setVisible(not on_summary)
        self.next_button.setVisible(not on_summary)
        # A read-only interview has nothing to complete.
        self.review_button.setVisible(not on_summary and self.ctx.editable)
        self._update_sections()

    def _update_sections(self) -> None:
        current = self.current if 0 <= self.current < len(self.pages) else -1
        self.sections.show_sections(self.ctx, self.pages, current, self.page_shown, self.visited)

    def _section_picked(self, item: QListWidgetItem) -> None:
        section = self.pages.sections[self.sections.row(item)]
        shown = [p for p in section.pages if self.page_shown(p)]
        if not shown or shown[0] == self.current:
            return
        if shown[0] > self.current and self.stop_on_page():
            self._update_sections()  # the list shows where the enumerator still is
            return
        self.go_to(shown[0])

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.isAncestorOf(new):
            return
        row = ancestor(new, QuestionRow)
        if row is not self.current_row:
            if self.current_row is not None:
                try:
                    self.current_row.set_current(False)
                except RuntimeError:  # deleted with its page
                    pass
            self.current_row = row
            if row is not None:
                row.set_current(True)
                self._remember_timer.start()
        scroll_into_view(new, row)

    def _remember(self) -> None:
        if self.current_row is not None and self.ctx.editable:
            self.ctx.remember(self.current_row.path, self.current)

    def _resume_path(self) -> str | None:
        point = self.ctx.ws.get_setting("resume")
        if isinstance(point, dict) and point.get("interview") == self.uuid:
            path = point.get("path")
            return path if isinstance(path, str) else None
        return None

    def _flush_focused(self) -> None:
        focused = QApplication.focusWidget()
        answer = ancestor(focused, AnswerWidget) if focused is not None else None
        if answer is not None and self.isAncestorOf(answer):
            answer.flush()

    # --- saving and finishing -----------------------------------------------------------
    def _show_save_state(self, state: str, detail: Any) -> None:
        if state == "saving":
            self.saved_mark.setText(self.tr("Saving…"))
            set_colour(self.saved_mark, self._text_colour, bold=False)
        elif state == "saved":
            when = time.strftime("%H:%M:%S", time.localtime(float(detail)))
            self.saved_mark.setText(self.tr("✓ Saved {time}").format(time=when))
            set_colour(self.saved_mark, SAVED_COLOUR)
        else:
            self.saved_mark.setText(self.tr("⚠ Not saved"))
            set_colour(self.saved_mark, ERROR_COLOUR)
        self.saved_mark.setToolTip(self.tr("Every answer is saved as soon as you finish it."))

    def _rejected(self, path: str, reason: str) -> None:
        for row in self._rows_of(self.current):
            if row.path == path:
                row.set_local_problem(
                    self.tr("This answer was not accepted: {reason}").format(reason=reason)
                )

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)

    def complete(self) -> None:
        self._flush_focused()
        if self.ctx.problems() or not self.ctx.editable:
            self.review()
            return
        if not self.confirm_complete():
            return
        self.ctx.complete(self._completed)

    def confirm_complete(self) -> bool:
        """Ask before completing, naming the household and what happens next."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Complete interview"))
        box.setText(
            self.tr("Complete the interview of household {id}?").format(
                id=self.ctx.interview.household_id
            )
        )
        box.setInformativeText(
            self.tr(
                "It will be sent to the coordinator with the next export. Until it is"
                " exported you can reopen it from the interviews list to correct it."
            )
        )
        ok, cancel = QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Cancel
        box.setStandardButtons(ok | cancel)
        box.setDefaultButton(ok)
        box.button(ok).setText(self.tr("Complete"))
        box.button(cancel).setText(self.tr("Not yet"))
        return box.exec() == ok.value

    def _completed(self) -> None:
        self.read_only_note.setVisible(True)
        self.retranslate()
        self.summary.refresh()
        self._update_chrome()
        self.completed.emit(self.uuid)

    def close_entry(self) -> None:
        self._flush_focused()
        self._remember_timer.stop()
        self.ctx.forget()
        self.closed.emit()

    # --- language -----------------------------------------------------------------------
    def _language_picked(self, index: int) -> None:
        name = self.language.itemData(index)
        if name and name != self.ctx.lang:
            self._retranslate_pages(name)

    def _retranslate_pages(self, name: str | None = None) -> None:
        self.ctx.set_language(name or self.ctx.lang)
        for widget in self.page_widgets.values():
            widget.panel.retranslate()
        self._update_chrome()
        self.summary.refresh()

    def retranslate(self) -> None:
        title = self.ctx.spec.title or self.ctx.spec.form_id
        household = self.ctx.interview.household_id
        self.heading.setText(self.tr("Household {id} · {form}").format(id=household, form=title))
        self.language_label.setText(self.tr("Questionnaire &language:"))
        self.read_only_note.setText(
            self.tr("This interview is completed: the answers can be read but not changed.")
        )
        self.prev_button.setText(self.tr("◀ Previous (PgUp)"))
        self.next_button.setText(self.tr("Next (PgDn) ▶"))
        self.review_button.setText(self.tr("Review and complete (Ctrl+Enter)"))
        self.close_button.setText(self.tr("Close (Ctrl+W)"))
        self.prev_button.setToolTip(self.tr("Previous page (Page Up)"))
        self.next_button.setToolTip(
            self.tr("Next page (Page Down); Enter or Tab moves to the next question")
        )
        self.review_button.setToolTip(
            self.tr("List what is left to answer, then complete the interview")
        )
        self.close_button.setToolTip(self.tr("Close this interview; every answer is already saved"))
        if self.ctx.last_saved is not None:
            self._show_save_state("saved", self.ctx.last_saved)
        elif not self.ctx.pending:
            self.saved_mark.setText(self.tr("✓ All answers saved"))
            set_colour(self.saved_mark, SAVED_COLOUR)
        if self.current >= 0:
            self._update_chrome()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            wanted = form_text.form_language(self.ctx.spec, form_text.ui_language())
            index = self.language.findData(wanted)
            if index >= 0 and index != self.language.currentIndex():
                self.language.setCurrentIndex(index)
            else:
                self._retranslate_pages()
        super().changeEvent(event)
