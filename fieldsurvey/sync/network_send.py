"""Sending a laptop's work over the network (issue 17): through the shared sync folder
when one is set, else to the coordinator's inbox server (else the USB export stays the
way), and what was sent so far. The app's Send box (``ui/send_panel.py``) runs these on its
TaskRunner; the server path in stages, so that entry never waits for the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from fieldsurvey.changes import Changes
from fieldsurvey.store import folder_state
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import inbox_client, sync_folder
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.campaign import device_config_of
from fieldsurvey.sync.inbox_client import AUTO_SEND_SETTING, INBOX_URL_SETTING
from fieldsurvey.sync.receipts import ReceiptReport, import_receipt

# Sends listed at most (newest first).
SENT_SHOWN = 50

Path_ = Literal["folder", "server", "none"]


@dataclass
class SentLine:
    name: str
    at: str
    path: Literal["folder", "server"]


@dataclass
class SendState:
    """What the panel shows, read off the UI thread."""

    folder: str = ""
    url: str = ""
    auto: bool = False
    sent: list[SentLine] = field(default_factory=list)
    pending: int = 0


@dataclass
class SendOutcome:
    path: Path_
    sealed: int = 0
    interviews: int = 0
    delivered: int = 0
    receipts: list[ReceiptReport] = field(default_factory=list)
    # receipts still being copied by the sync client (folder), refused (damaged or forged)
    waiting: int = 0
    refused: int = 0
    # bundles the inbox refused (kept in outbox/refused/ for a USB stick)
    rejected: int = 0
    changes: Changes = field(default_factory=Changes)


def read_state(ws: Workspace) -> SendState:
    """The settings and the sends so far (call off the UI thread)."""
    folder = ws.get_setting(sync_folder.FOLDER_SETTING)
    url = ws.get_setting(INBOX_URL_SETTING)
    state = SendState(
        folder=folder if isinstance(folder, str) else "",
        url=url if isinstance(url, str) else "",
        auto=bool(ws.get_setting(AUTO_SEND_SETTING, False)),
    )
    lines = [SentLine(r.name, r.sent, "folder") for r in folder_state.sent_rows(ws)]
    box = ws.home / inbox_client.OUTBOX
    sent_dir = box / "sent"
    if sent_dir.is_dir():
        for path in sent_dir.glob("*.fsb"):
            moment = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            lines.append(SentLine(path.name, moment.isoformat(timespec="seconds"), "server"))
    state.sent = sorted(lines, key=lambda line: line.at, reverse=True)[:SENT_SHOWN]
    state.pending = len(list(box.glob("*.fsb"))) if box.is_dir() else 0
    return state


def send_now(ws: Workspace, who: str) -> SendOutcome:
    """Send over the configured path: the sync folder if set, else the inbox server."""
    folder = ws.get_setting(sync_folder.FOLDER_SETTING)
    url = ws.get_setting(INBOX_URL_SETTING)
    if isinstance(folder, str) and folder:
        report = sync_folder.send(ws, who=who)
        outcome = SendOutcome(path="folder", delivered=len(report.delivered))
        for exported in report.exported:
            outcome.sealed += 1
            outcome.interviews += exported.interviews
            outcome.changes = outcome.changes.merge(exported.changes)
        for found in report.receipts:
            if found.status == "waiting":
                outcome.waiting += 1
            elif found.status == "refused":
                outcome.refused += 1
            elif found.status == "applied" and found.report is not None:
                outcome.receipts.append(found.report)
                outcome.changes = outcome.changes.merge(_receipt_changes(found.report))
        return outcome
    if isinstance(url, str) and url:
        check_server(ws, url)
        outcome = seal_for_server(ws, who)
        uploaded, receipt = inbox_client.upload_outbox(ws, url)
        return apply_server_receipt(ws, outcome, uploaded, receipt)
    return SendOutcome(path="none")


# The server path in stages, so that only the stages that write wait for the writer
# thread and entry never waits for the network: check_server and upload_outbox talk to
# the server beside it, seal_for_server and apply_server_receipt write.
def check_server(ws: Workspace, url: str) -> None:
    """The server proves itself before anything is sealed for it (network only)."""
    inbox_client.InboxClient(url, device_config_of(ws)).hello()


def seal_for_server(ws: Workspace, who: str) -> SendOutcome:
    """Seal the pending work into the outbox (a write)."""
    outcome = SendOutcome(path="server")
    box = inbox_client.outbox(ws)
    for _ in range(sync_folder.MAX_BUNDLES_PER_SEND):
        exported = export_bundle(ws, box, who=who)
        if exported.path is None:
            break
        outcome.sealed += 1
        outcome.interviews += exported.interviews
        outcome.changes = outcome.changes.merge(exported.changes)
        if not exported.remaining:
            break
    return outcome


def apply_server_receipt(
    ws: Workspace, outcome: SendOutcome, uploaded: inbox_client.SendReport, receipt: bytes
) -> SendOutcome:
    """What the upload delivered, and the receipt it brought applied (a write)."""
    outcome.delivered = sum(1 for s in uploaded.bundles if s.state == "merged")
    outcome.rejected = sum(1 for s in uploaded.bundles if s.state != "merged")
    applied = import_receipt(ws, receipt)
    if applied.status != "already-imported":
        outcome.receipts.append(applied)
        outcome.changes = outcome.changes.merge(_receipt_changes(applied))
    return outcome


def _receipt_changes(report: ReceiptReport) -> Changes:
    return Changes(interviews=[*report.acknowledged, *report.returned], forms=report.forms)
