"""``fieldsurvey quarantine``: the received records that failed their form's checks
(coordinator). ``list`` shows them with the reason, ``drop`` removes one for good,
``return`` sends one back to its laptop with a comment, ``recheck`` merges those that
pass now (e.g. after their form version was installed)."""

from __future__ import annotations

import json

import click

from fieldsurvey import messages
from fieldsurvey.cli.context import CliContext, open_workspace, pass_cli, say
from fieldsurvey.store.workspace import Workspace


def _open(obj: CliContext) -> Workspace:
    from fieldsurvey.sync.campaign import campaign_of

    ws = open_workspace(obj)
    try:
        campaign_of(ws)  # a coordinator's workspace (typed error otherwise)
    except BaseException:
        ws.close()
        raise
    return ws


@click.group("quarantine")
def quarantine_group() -> None:
    """Received interviews that failed their form's checks (coordinator)."""


@quarantine_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable list.")
@pass_cli
def list_cmd(obj: CliContext, as_json: bool) -> None:
    """One line per quarantined interview: id, device, form, status and why."""
    from fieldsurvey.sync.quarantine_actions import listing

    with _open(obj) as ws:
        rows = listing(ws)
    if as_json:
        click.echo(json.dumps([r.model_dump() for r in rows], indent=2, ensure_ascii=True))
        return
    if not rows:
        say("cli.quarantine.empty")
        return
    for row in rows:
        say(
            "cli.quarantine.row",
            uuid=row.uuid,
            device=row.device,
            form=row.form_id,
            version=row.form_version,
            status=messages.render(f"cli.quarantine.status.{row.status}"),
            reason=row.reason_text(),
        )


@quarantine_group.command("drop")
@click.argument("uuid")
@pass_cli
def drop_cmd(obj: CliContext, uuid: str) -> None:
    """Remove a quarantined interview for good (the audit log records it)."""
    from fieldsurvey.sync.quarantine_actions import drop_record

    with _open(obj) as ws:
        full = drop_record(ws, uuid, who=ws.acting_person())
    say("cli.quarantine.dropped", uuid=full)


@quarantine_group.command("return")
@click.argument("uuid")
@click.option("--comment", required=True, help="What the enumerator should correct.")
@pass_cli
def return_cmd(obj: CliContext, uuid: str, comment: str) -> None:
    """Send a quarantined interview back to its laptop with a comment."""
    from fieldsurvey.sync.quarantine_actions import return_record

    with _open(obj) as ws:
        full = return_record(ws, uuid, comment, who=ws.acting_person())
    say("cli.quarantine.returned", uuid=full)


@quarantine_group.command("recheck")
@click.option("--all", "every", is_flag=True, help="Check every record, not only waiting ones.")
@pass_cli
def recheck_cmd(obj: CliContext, every: bool) -> None:
    """Merge the quarantined interviews that pass now (their form version installed)."""
    from fieldsurvey.sync.quarantine_actions import recheck

    with _open(obj) as ws:
        result = recheck(ws, who=ws.acting_person(), every=every)
    say("cli.quarantine.rechecked", merged=len(result.merged), still=len(result.still))


def register(cli: click.Group) -> None:
    """Add the ``quarantine`` group to the top-level group."""
    cli.add_command(quarantine_group)
