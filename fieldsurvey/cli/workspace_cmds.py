"""``fieldsurvey init``, ``passwd`` and ``verify``; :func:`open_workspace` for other commands.

The password comes from env FIELDSURVEY_PASSWORD, else a prompt; ``passwd`` takes the new
one from env FIELDSURVEY_NEW_PASSWORD, else a prompt (asked twice).
"""

from __future__ import annotations

import json
import os

import click

from fieldsurvey import messages
from fieldsurvey.cli.context import (
    CliContext,
    ask_secret,
    open_workspace,
    pass_cli,
    read_password,
    term,
)
from fieldsurvey.errors import DatabaseCorruptError
from fieldsurvey.store import audit, bundle_log
from fieldsurvey.store.database import integrity_problems
from fieldsurvey.store.workspace import ROLES, Workspace

NEW_PASSWORD_ENV = "FIELDSURVEY_NEW_PASSWORD"


@click.command()
@click.option(
    "--role",
    type=click.Choice(ROLES),
    default="laptop",
    show_default=True,
    help="What this workspace is for.",
)
@pass_cli
def init(obj: CliContext, role: str) -> None:
    """Create a new encrypted workspace in the --home folder."""
    password = read_password("cli.prompt.new_workspace_password", confirm=True)
    with Workspace.create(obj.home, password, role=role):
        pass
    click.echo(messages.render("cli.workspace_created", role=term("role", role), home=obj.home))


@click.command()
@pass_cli
def passwd(obj: CliContext) -> None:
    """Change the workspace password (the data is not re-encrypted)."""
    old = read_password("cli.prompt.current_password")
    with Workspace.open(obj.home, old) as ws:
        new = os.environ.get(NEW_PASSWORD_ENV)
        if new is None:
            new = ask_secret("cli.prompt.new_password", confirm=True)
        ws.change_password(old, new)
    click.echo(messages.render("cli.password_changed"))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option(
    "--records",
    is_flag=True,
    help="Coordinator: also check every merged record against its form, as the merge "
    "does today (records merged by an earlier version were not checked).",
)
@pass_cli
@click.pass_context
def verify(ctx: click.Context, obj: CliContext, as_json: bool, records: bool) -> None:
    """Check the database (PRAGMA integrity_check), the audit log's hash chain and its
    anchor, and the interviews against the log.

    The anchor: on a laptop, the chain head its last bundle signed must still be there;
    on the coordinator, each device's received entries must end at its last signed head.
    With --records, each merged record that would be quarantined today is listed with
    its reason (nothing is changed). Exits with 1 if anything is wrong.
    """
    with open_workspace(obj) as ws:
        integrity = integrity_problems(ws.db)
        try:
            chain = [p.text() for p in audit.verify_chain(ws)]
            chain += [p.text() for p in audit.verify_exported_head(ws)]
            chain += _received_chains(ws)
            chain += [f.text() for f in audit.verify_interviews(ws)]
            entries = audit.count(ws)
        except DatabaseCorruptError as exc:
            chain, entries = [messages.render("cli.verify.chain_unreadable", reason=exc.text())], 0
        recheck = None
        if records:  # imported here: the engine is not needed by the other checks
            from fieldsurvey.sync.record_recheck import recheck_merged

            recheck = recheck_merged(ws)
    failing = [f.text() for f in recheck.findings] if recheck else []
    bad = bool(integrity or chain or failing)
    if as_json:
        report: dict[str, object] = {
            "ok": not bad, "integrity": integrity, "audit_chain": chain
        }  # fmt: skip
        if recheck is not None:
            report["records_checked"] = recheck.checked
            report["records"] = [
                {"uuid": f.uuid, "code": f.code, "reason": f.text("en")} for f in recheck.findings
            ]
        click.echo(json.dumps(report, indent=2))
    else:
        for line in integrity:
            click.echo(messages.render("cli.verify.integrity", problem=line))
        for line in chain:
            click.echo(messages.render("cli.verify.chain", problem=line))
        for line in failing:
            click.echo(messages.render("cli.verify.record", problem=line))
        if recheck is not None:
            click.echo(
                messages.render("cli.verify.records", checked=recheck.checked, failing=len(failing))
            )
        if not (integrity or chain):
            click.echo(messages.render("cli.verify.ok", count=entries))
    if bad:
        ctx.exit(1)


def _received_chains(ws: Workspace) -> list[str]:
    """Coordinator: each device's received chain against its last signed head."""
    findings = []
    for signed in bundle_log.audit_heads(ws):
        received = bundle_log.received_audit(ws, signed.device_id)
        device = bundle_log.device_label(ws.db, signed.device_id)
        for problem in audit.check_received(audit.Head(signed.seq, signed.hash), received):
            findings.append(
                messages.render(
                    "store.audit.received_problem", device=device, problem=problem.text()
                )
            )
    return findings


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    for command in (init, passwd, verify):
        cli.add_command(command)
