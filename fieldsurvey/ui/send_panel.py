"""The laptop's "Send" over the network (issue 17, part 3): through the shared sync folder
when one is set, else to the coordinator's inbox server, else the USB export stays the way.

Sending runs on the TaskRunner (the UI never waits for it); with "send by itself" on, a
QTimer tries again every few minutes while something could be sent. The panel shows the
bundles sent (when, over which path), those still waiting in the outbox, and what the last
receipt confirmed (the page's counts above show the confirmed interviews).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import inbox_client, sync_folder
from fieldsurvey.sync.network_send import (
    SendOutcome,
    SendState,
    SentLine,
    apply_server_receipt,
    check_server,
    read_state,
    seal_for_server,
    send_now,
)

from fieldsurvey.ui.context_table import local_time
from fieldsurvey.ui.errors import message_text, show_inline_or_dialog
from fieldsurvey.ui.row_table_model import Column, RowTableModel
from fieldsurvey.ui.tasks import TaskRunner
from fieldsurvey.ui.widgets import message_label, table_view

# The inbox server's address (``bundle send --to URL``), and the "send by itself" option.
INBOX_URL_SETTING = inbox_client.INBOX_URL_SETTING
AUTO_SEND_SETTING = inbox_client.AUTO_SEND_SETTING
# How often "send by itself" tries (milliseconds).
AUTO_SEND_MS = 5 * 60 * 1000


class SendPanel(QGroupBox):
    """Settings of the network paths, the Send button, "send by itself", what was sent."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        acting: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.acting = acting
        self.state = SendState()
        self.sending = False
        self.folder_edit = QLineEdit()
        self.folder_edit.editingFinished.connect(self._folder_edited)
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.ask_folder)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("https://")
        self.url_edit.editingFinished.connect(self._url_edited)
        self.send_button = QPushButton()
        self.send_button.clicked.connect(self.send)
        self.auto_check = QCheckBox()
        self.auto_check.toggled.connect(self._auto_toggled)
        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_SEND_MS)
        self.timer.timeout.connect(self.auto_send)
        self.result = message_label()
        self.summary = message_label()
        self.sent_model: RowTableModel[SentLine] = RowTableModel(
            [
                Column(lambda: self.tr("Bundle"), lambda s: s.name),
                Column(
                    lambda: self.tr("Sent"), lambda s: local_time(s.at), sort_key=lambda s: s.at
                ),
                Column(lambda: self.tr("Over"), self._path_text),
            ]
        )
        self.sent_view = table_view()
        self.sent_view.setModel(self.sent_model)
        self.sent_view.setMaximumHeight(110)  # the newest few; the page has more below

        self.folder_label = QLabel()
        self.folder_label.setBuddy(self.folder_edit)
        self.url_label = QLabel()
        self.url_label.setBuddy(self.url_edit)
        paths = QHBoxLayout()  # one row: the page has more below
        paths.addWidget(self.folder_label)
        paths.addWidget(self.folder_edit, 3)
        paths.addWidget(self.browse_button)
        paths.addSpacing(12)
        paths.addWidget(self.url_label)
        paths.addWidget(self.url_edit, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.auto_check)
        buttons.addStretch(1)
        left = QVBoxLayout()  # what to do and what happened, beside the list of sends
        left.addLayout(buttons)
        left.addWidget(self.result)
        left.addWidget(self.summary)
        left.addStretch(1)
        below = QHBoxLayout()
        below.addLayout(left, 1)
        below.addWidget(self.sent_view, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(paths)
        layout.addLayout(below)
        self.retranslate()
        self.refresh()

    # --- texts ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setTitle(self.tr("Send over the network"))
        self.folder_label.setText(self.tr("Shared sync &folder:"))
        self.url_label.setText(self.tr("Inbox server &address:"))
        self.folder_edit.setPlaceholderText(
            self.tr("A Google Drive, OneDrive, Dropbox or Syncthing folder, or a network share")
        )
        self.browse_button.setText(self.tr("&Browse…"))
        self.send_button.setText(self.tr("&Send now"))
        self.auto_check.setText(
            self.tr("Send by itself when the folder or the network is reachable")
        )
        self.sent_model.retranslate()
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _path_text(self, line: SentLine) -> str:
        return self.tr("shared folder") if line.path == "folder" else self.tr("inbox server")

    def _show_summary(self) -> None:
        state = self.state
        if state.folder:
            text = self.tr("Send uses the shared folder.")
        elif state.url:
            text = self.tr("Send uses the inbox server.")
        else:
            text = self.tr(
                "No folder or server is set: choose one above, or use “Export to a folder "
                "or USB drive” and take the file to the coordinator."
            )
        if state.sent:
            last = state.sent[0]
            text += " " + (
                self.tr("Last sent %1 over the %2.")
                .replace("%1", local_time(last.at))
                .replace("%2", self._path_text(last))
            )
        if state.pending:
            text += " " + self.tr("Bundles sealed, waiting to be sent: %1.").replace(
                "%1", str(state.pending)
            )
        self.summary.setText(text)
        self.send_button.setEnabled(not self.sending and bool(state.folder or state.url))

    # --- state ----------------------------------------------------------------------
    def refresh(self) -> None:
        ws = self.workspace
        self.runner.run(lambda p, c: read_state(ws), on_success=self._loaded, write=False)

    def _loaded(self, state: SendState) -> None:
        self.state = state
        if not self.folder_edit.hasFocus():
            self.folder_edit.setText(state.folder)
        if not self.url_edit.hasFocus():
            self.url_edit.setText(state.url)
        self.auto_check.blockSignals(True)
        self.auto_check.setChecked(state.auto)
        self.auto_check.blockSignals(False)
        self._set_timer()
        self.sent_model.set_rows(state.sent)
        self._show_summary()

    def _set_timer(self) -> None:
        if self.auto_check.isChecked():
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()

    # --- settings -------------------------------------------------------------------
    def ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Shared sync folder"))
        if folder:
            self.folder_edit.setText(folder)
            self.set_folder(folder)

    def _folder_edited(self) -> None:
        if self.folder_edit.text().strip() != self.state.folder:
            self.set_folder(self.folder_edit.text().strip())

    def set_folder(self, text: str) -> None:
        """Remember the sync folder (checked, its sub-folders made); "" forgets it."""
        ws = self.workspace

        def work(progress: object, cancel: object) -> None:
            if text:
                sync_folder.set_folder(ws, Path(text))
            else:
                ws.set_setting(sync_folder.FOLDER_SETTING, "")

        self.runner.run(work, on_success=self._setting_saved, on_failure=self._failed)

    def _url_edited(self) -> None:
        if self.url_edit.text().strip() != self.state.url:
            self.set_url(self.url_edit.text().strip())

    def set_url(self, text: str) -> None:
        ws = self.workspace
        self.runner.run(
            lambda p, c: ws.set_setting(INBOX_URL_SETTING, text),
            on_success=self._setting_saved,
            on_failure=self._failed,
        )

    def _setting_saved(self, _result: object) -> None:
        self.result.clear()
        self.refresh()

    def _auto_toggled(self, on: bool) -> None:
        ws = self.workspace
        self._set_timer()
        self.runner.run(lambda p, c: ws.set_setting(AUTO_SEND_SETTING, on), on_failure=self._failed)

    # --- sending --------------------------------------------------------------------
    def auto_send(self) -> None:
        """The timer's tick: send when a path is set and no send is running."""
        if self.sending or not (self.state.folder or self.state.url):
            return
        self.send(automatic=True)

    def send(self, automatic: bool = False) -> None:
        if self.sending:
            return
        ws = self.workspace
        acting = self.acting
        self.sending = True
        self.send_button.setEnabled(False)
        if not automatic:
            self.result.setText(self.tr("Sending…"))
        failed = lambda exc: self._send_failed(exc, automatic)  # noqa: E731
        url = self.state.url
        if self.state.folder or not url:  # the folder: a quick copy, on the writer
            self.runner.run(
                lambda p, c: send_now(ws, acting()), on_success=self._sent, on_failure=failed
            )
            return
        # The server: the network beside the writer thread (entry never waits for it):
        # check the server (read pool), seal (writer), upload (read pool), apply (writer).
        run = self.runner.run

        def checked(_: object) -> None:
            run(lambda p, c: seal_for_server(ws, acting()), on_success=sealed, on_failure=failed)

        def sealed(outcome: SendOutcome) -> None:
            def uploaded(got: tuple[inbox_client.SendReport, bytes]) -> None:
                run(
                    lambda p, c: apply_server_receipt(ws, outcome, *got),
                    on_success=self._sent,
                    on_failure=failed,
                )

            run(
                lambda p, c: inbox_client.upload_outbox(ws, url),
                on_success=uploaded,
                on_failure=failed,
                write=False,
            )

        run(lambda p, c: check_server(ws, url), on_success=checked, on_failure=failed, write=False)

    def _sent(self, outcome: SendOutcome) -> None:
        self.sending = False
        self.result.setText(self.outcome_text(outcome))
        self.refresh()

    def outcome_text(self, outcome: SendOutcome) -> str:
        if outcome.path == "none":
            return self.tr(
                "No folder or server is set: use “Export to a folder or USB drive” and take "
                "the file to the coordinator."
            )
        over = self.tr("shared folder") if outcome.path == "folder" else self.tr("inbox server")
        if outcome.delivered:
            text = (
                self.tr("%1 bundle(s) sent over the %2 (%3 interviews newly sealed).")
                .replace("%1", str(outcome.delivered))
                .replace("%2", over)
                .replace("%3", str(outcome.interviews))
            )
        else:
            text = self.tr("Nothing new to send over the %1.").replace("%1", over)
        for got in outcome.receipts:
            text += " " + (
                self.tr("Receipt applied: %1 confirmed, %2 returned for correction.")
                .replace("%1", str(len(got.acknowledged)))
                .replace("%2", str(len(got.returned)))
            )
        if outcome.waiting:
            text += " " + self.tr(
                "A receipt is still being copied by the sync app; it is applied next time."
            )
        if outcome.refused:
            text += " " + self.tr(
                "%1 receipt file(s) were damaged or not from the coordinator and were not applied."
            ).replace("%1", str(outcome.refused))
        if outcome.rejected:
            text += " " + self.tr(
                "%1 bundle(s) were refused by the inbox; they are kept in the outbox's "
                "“refused” folder to take on a USB stick."
            ).replace("%1", str(outcome.rejected))
        return text

    def _send_failed(self, exc: BaseException, automatic: bool) -> None:
        self.sending = False
        # Sealing may have happened before the copy or upload failed: show it.
        self.runner.changed.emit(None)
        self.refresh()
        if automatic and isinstance(exc, FieldSurveyError):
            self.result.setText(
                self.tr("Could not send now (%1). Trying again in %2 minutes.")
                .replace("%1", message_text(exc))
                .replace("%2", str(AUTO_SEND_MS // 60000))
            )
            return
        show_inline_or_dialog(self, self.result, exc)

    def _failed(self, exc: BaseException) -> None:
        show_inline_or_dialog(self, self.result, exc)
        self.refresh()
