"""``fieldsurvey sync folder …``: a shared folder as the transport (issue 17, part 1).

Thin: ``set`` remembers the folder in the workspace settings, ``send`` (laptop) seals
and writes the pending bundles and applies the receipts, ``watch`` (coordinator) scans
the inbox, imports and writes receipts (``--once`` for scripts). See docs/sync-folder.md.
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from fieldsurvey.cli.context import CliContext, open_workspace, pass_cli, say

FOLDER = click.Path(file_okay=False, path_type=Path)


@click.group("folder")
def folder_group() -> None:
    """Sync through a shared folder (Google Drive, OneDrive, Dropbox, Syncthing, a share)."""


@folder_group.command("set")
@click.argument("path", type=FOLDER)
@pass_cli
def folder_set(obj: CliContext, path: Path) -> None:
    """Use the folder PATH (synced by the system) to send bundles and receipts."""
    from fieldsurvey.sync.sync_folder import set_folder

    with open_workspace(obj) as ws:
        layout = set_folder(ws, path)
    say("folder.cli.set", path=layout.root, inbox=layout.inbox, receipts=layout.receipts)


@folder_group.command("send")
@pass_cli
def folder_send(obj: CliContext) -> None:
    """Laptop: write the bundles not yet sent into the folder and apply new receipts."""
    from fieldsurvey.cli.sync_cmds import _reason
    from fieldsurvey.sync.sync_folder import send

    with open_workspace(obj) as ws:
        report = send(ws)
    for exported in report.exported:
        say(
            "sync.cli.bundle_written",
            sequence=exported.sequence,
            path=exported.path.name if exported.path else "",
            count=exported.interviews,
        )
    if not report.exported:
        say("folder.cli.nothing_to_send")
    for name in report.delivered:
        say("folder.cli.delivered", name=name)
    for outcome in report.receipts:
        if outcome.status == "waiting":
            say("folder.cli.receipt_waiting", name=outcome.name)
        elif outcome.status == "refused":
            say("folder.cli.receipt_refused", name=outcome.name, reason=_reason(outcome))
        elif outcome.status == "applied" and outcome.report is not None:
            say(
                "sync.cli.receipt_applied",
                acknowledged=len(outcome.report.acknowledged),
                returned=len(outcome.report.returned),
                skipped=len(outcome.report.skipped),
            )
            if outcome.report.forms:
                say("sync.cli.forms_installed", forms=outcome.report.forms)


def _print_scan(report: object) -> None:
    from fieldsurvey.cli.sync_cmds import _print_file_report
    from fieldsurvey.sync.folder_watch import ScanReport

    assert isinstance(report, ScanReport)
    for event in report.events:
        if event.kind == "imported" and event.report is not None:
            _print_file_report(event.report)
        elif event.kind == "incomplete":
            say("folder.cli.incomplete", name=event.name, size=event.size, expected=event.expected)
        elif event.kind == "copy":
            say("folder.cli.copy", name=event.name, original=event.original)
    for written in report.receipts:
        say("folder.cli.receipt_written", device=written.device, name=written.name)
    say(
        "folder.cli.scan_summary",
        folder=report.folder,
        imported=len(report.imported) - len(report.refused),
        refused=len(report.refused),
        waiting=len(report.waiting),
    )


@folder_group.command("watch")
@click.option("--once", is_flag=True, help="Scan once (and once more after --settle), then stop.")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds between two scans.",
)
@click.option(
    "--settle",
    type=click.FloatRange(min=0.0),
    default=10.0,
    show_default=True,
    help="Seconds a file must stay unchanged before it is imported.",
)
@pass_cli
def folder_watch(obj: CliContext, once: bool, interval: float, settle: float) -> None:
    """Coordinator: import the bundles arriving in the folder and write receipts back."""
    from fieldsurvey.cli import error_line
    from fieldsurvey.errors import SyncError
    from fieldsurvey.sync.campaign import campaign_of
    from fieldsurvey.sync.folder_watch import FolderWatcher

    with open_workspace(obj) as ws:
        campaign_of(ws)  # a coordinator's workspace
        watcher = FolderWatcher(ws, settle_seconds=settle)
        if once:
            report = watcher.scan()
            if report.waiting:  # new or changed: look again once they had time to settle
                time.sleep(settle)
                last = watcher.scan()
                last.events[:0], last.receipts[:0] = report.events, report.receipts
                report = last
            _print_scan(report)
            return
        first = watcher.scan()
        say("folder.cli.watching", folder=first.folder, interval=interval)
        _print_scan(first)
        try:
            while True:
                time.sleep(interval)
                try:
                    report = watcher.scan()
                except SyncError as exc:  # the share went away: say so, keep watching
                    if not exc.code.startswith("folder."):
                        raise
                    click.echo(error_line(exc.text()), err=True)
                    continue
                if report.events or report.receipts:
                    _print_scan(report)
        except KeyboardInterrupt:
            return


@folder_group.command("status")
@pass_cli
def folder_status_cmd(obj: CliContext) -> None:
    """What went through the folder: bundles sent (laptop); last contact of each laptop,
    files still arriving and files refused (coordinator)."""
    from fieldsurvey.cli.sync_cmds import _named
    from fieldsurvey.sync.folder_status import folder_status

    with open_workspace(obj) as ws:
        status = folder_status(ws)
        coordinator = ws.role == "coordinator"
    if status.folder is None:
        say("folder.not_set")
    else:
        say("folder.cli.current", path=status.folder)
    if not coordinator:
        for bundle in status.sent[-10:]:
            say("folder.cli.sent_line", name=bundle.name, when=bundle.sent)
        if not status.sent:
            say("folder.cli.nothing_sent")
        if status.pending:
            say("folder.cli.pending", names=status.pending)
        return
    for contact in status.devices:
        if contact.last_bundle:
            say(
                "folder.cli.device_bundle",
                device=contact.device,
                name=contact.last_bundle,
                when=contact.last_bundle_at,
            )
        if contact.last_receipt:
            say(
                "folder.cli.device_receipt",
                device=contact.device,
                name=contact.last_receipt,
                when=contact.last_receipt_at,
            )
    if status.waiting:
        say("folder.cli.still_arriving", names=status.waiting)
    for refused in status.refused:
        check = _named("sync.check_name.", refused.check or "")
        say("folder.cli.refused_file", name=refused.name, check=check)


def register(cli: click.Group) -> None:
    """Add ``sync folder`` (creating the ``sync`` group if no module did)."""
    existing = cli.commands.get("sync")
    if isinstance(existing, click.Group):
        group = existing
    else:
        group = click.Group("sync", help="Send and receive bundles over a network or a folder.")
        cli.add_command(group)
    group.add_command(folder_group)
