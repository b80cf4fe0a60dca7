"""``fieldsurvey serve`` (the coordinator's inbox) and ``fieldsurvey bundle send`` (a
laptop sends over the network): docs/inbox-server.md."""

from __future__ import annotations

import click

from fieldsurvey.cli.context import CliContext, open_workspace, pass_cli, say


@click.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), required=True, help="TCP port to listen on.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; keep 127.0.0.1 behind a reverse proxy.",
)
@click.option(
    "--max-mb",
    type=click.IntRange(1, 64),
    default=64,
    show_default=True,
    help="Largest bundle accepted, in MiB (refused before its body is read).",
)
@pass_cli
def serve(obj: CliContext, port: int, host: str, max_mb: int) -> None:
    """Run the coordinator's inbox: laptops send bundles to it and fetch receipts."""
    from fieldsurvey.sync import keys
    from fieldsurvey.sync.inbox_server import InboxServer, Limits, bind, serve_forever

    ws = open_workspace(obj)
    try:
        server = InboxServer(ws, Limits(max_bytes=max_mb * 1024 * 1024))
        sock = bind(host, port)
        say(
            "inbox.cli.serving",
            campaign=server.campaign.name,
            host=host,
            port=sock.getsockname()[1],
            fingerprint=keys.fingerprint(server.campaign.signing_public),
        )
        serve_forever(server, sock)
    finally:
        ws.close()


@click.command("send")
@click.option(
    "--to",
    "url",
    default=None,
    help="The inbox address, e.g. https://inbox.example.org/ (default: the one set in the"
    " app's Send box, remembered after a send).",
)
@pass_cli
def bundle_send(obj: CliContext, url: str | None) -> None:
    """Send pending work to the coordinator's inbox and apply its receipt (laptop)."""
    from fieldsurvey.sync.inbox_client import INBOX_URL_SETTING, OUTBOX, InboxError, send_pending

    with open_workspace(obj) as ws:
        if url is None:
            saved = ws.get_setting(INBOX_URL_SETTING)
            if not isinstance(saved, str) or not saved:
                raise InboxError("inbox.cli.no_address")
            url = saved
        report = send_pending(ws, url)
        ws.set_setting(INBOX_URL_SETTING, url)
        refused_folder = ws.home / OUTBOX / "refused"
    if not report.bundles:
        say("inbox.cli.nothing_to_send")
    for sent in report.bundles:
        if sent.resumed_from:
            say("inbox.cli.resumed", file=sent.file, offset=sent.resumed_from)
        if sent.state == "merged":
            say("inbox.cli.sent", file=sent.file)
        else:
            say("inbox.cli.rejected", file=sent.file, reason=sent.reason, folder=refused_folder)
    receipt = report.receipt
    if receipt is not None and receipt.status == "applied":
        say(
            "sync.cli.receipt_applied",
            acknowledged=len(receipt.acknowledged),
            returned=len(receipt.returned),
            skipped=len(receipt.skipped),
        )
        if receipt.forms:
            say("sync.cli.forms_installed", forms=receipt.forms)
    if any(sent.state != "merged" for sent in report.bundles):
        raise click.exceptions.Exit(1)


def register(cli: click.Group) -> None:
    """Add ``serve`` to the top-level group and ``send`` to ``bundle``."""
    cli.add_command(serve)
    group = cli.commands.get("bundle")
    if isinstance(group, click.Group) and "send" not in group.commands:
        group.add_command(bundle_send)
