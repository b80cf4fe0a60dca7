"""``fieldsurvey interview new|set|complete|reopen|show|delete|list``: thin over
store.interviews.

UUIDs may be shortened to a unique prefix of at least 4 characters. ``--json`` prints
machine-readable output. Answers are printed only by ``show`` (to stdout, never logged).

Answers and metadata may hold anything a laptop or a bundle sent, so nothing is printed
raw to the terminal: control characters (``\\x1b[2J``, ``\\r``, ``\\x00``), bidi
overrides and unpaired surrogates are written out as ``\\x1b``/``\\u202e``
(:func:`printable`); ``show`` keeps the lines of a multi-line text. JSON output stays
valid JSON: such characters are ``\\u`` escapes there.
"""

from __future__ import annotations

import json
import re
from typing import Any

import click

from fieldsurvey import messages
from fieldsurvey.cli.context import CliContext, open_workspace, pass_cli, printable, term
from fieldsurvey.errors import InterviewNotFoundError
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store import interviews as iv
from fieldsurvey.store.actor import acting_person
from fieldsurvey.store.workspace import Workspace

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _who(ws: Workspace) -> str:
    """The person acting: the store's one rule (:func:`fieldsurvey.store.actor.acting_person`)."""
    return acting_person(ws)


#: What JSON leaves raw and a terminal must not get (JSON escapes the C0 controls itself).
_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _dump(data: Any) -> str:
    """Indented JSON, with the characters JSON leaves raw escaped (still valid JSON)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def parse_value(text: str) -> Any:
    """VALUE as JSON if it parses (``3``, ``["a","b"]``, ``null``), else the plain string."""
    try:
        return json.loads(text)
    except ValueError:
        return text


@click.group()
def interview() -> None:
    """Create, answer, complete, inspect and list interviews."""


@interview.command("new")
@click.option("--form", "form_id", required=True, help="Form id.")
@click.option("--form-version", help="Form version (default: the latest installed).")
@click.option("--ward", required=True, help="Ward (phường) of the household.")
@click.option("--household", required=True, help="Household id.")
@click.option("--enumerator", help="Enumerator name (default: you).")
@click.option("--respondent", default="", help="Respondent's display name.")
@json_option
@pass_cli
def new_cmd(
    obj: CliContext,
    form_id: str,
    form_version: str | None,
    ward: str,
    household: str,
    enumerator: str | None,
    respondent: str,
    as_json: bool,
) -> None:
    """Start a new draft interview; prints its uuid."""
    with open_workspace(obj) as ws:
        if form_version is None:  # FormNotFoundError when the form is not installed
            form_version = forms_store.get_form(ws, form_id).version
        created = iv.new_interview(
            ws,
            form_id=form_id,
            form_version=form_version,
            ward=ward,
            household_id=household,
            enumerator=enumerator if enumerator is not None else _who(ws),
            respondent=respondent,
        )
    click.echo(_dump(created.model_dump(mode="json")) if as_json else printable(created.uuid))


@interview.command("set")
@click.argument("uuid")
@click.argument("path")
@click.argument("value")
@json_option
@pass_cli
def set_cmd(obj: CliContext, uuid: str, path: str, value: str, as_json: bool) -> None:
    """Save one answer. PATH like household/members[2]/age (1-based repeats);
    VALUE is JSON if it parses (3, true, ["a","b"], null removes), else text.

    When the interview's form is installed, a value the question cannot hold (a word
    where a number goes, a choice the list does not have, no such question) is refused."""
    from fieldsurvey.forms.interview_rules import answer_validator

    with open_workspace(obj) as ws:
        full = iv.resolve_uuid(ws, uuid)
        changes = iv.set_answer(
            ws, full, path, parse_value(value), who=_who(ws), validate=answer_validator(ws)
        )
        revision = iv.get_interview(ws, full).revision
    if as_json:
        click.echo(_dump({**changes.model_dump(mode="json"), "revision": revision}))
    else:
        if changes.empty:
            click.echo(messages.render("cli.interview.unchanged"))
        else:
            click.echo(messages.render("cli.interview.saved", path=path, revision=revision))


@interview.command("complete")
@click.argument("uuid")
@pass_cli
def complete_cmd(obj: CliContext, uuid: str) -> None:
    """Mark an interview completed (no more edits unless returned).

    When its form is installed, every relevant required question must be answered and
    every constraint hold; non-relevant answers are dropped and calculations stored."""
    from fieldsurvey.forms.interview_rules import complete_checked

    with open_workspace(obj) as ws:
        full = iv.resolve_uuid(ws, uuid)
        complete_checked(ws, full, who=_who(ws))
    click.echo(messages.render("cli.interview.completed", uuid=full))


@interview.command("reopen")
@click.argument("uuid")
@click.option(
    "--reason", required=True, help="Why it is reopened (kept in the audit log with your name)."
)
@pass_cli
def reopen_cmd(obj: CliContext, uuid: str, reason: str) -> None:
    """Reopen a completed interview that has not been exported yet, to correct it: it
    becomes a draft again; complete it again afterwards. Once exported, only the
    coordinator can return it for correction."""
    with open_workspace(obj) as ws:
        full = iv.resolve_uuid(ws, uuid)
        iv.reopen(ws, full, reason=reason, who=_who(ws))
    click.echo(messages.render("cli.interview.reopened", uuid=full))


@interview.command("delete")
@click.argument("uuid")
@pass_cli
def delete_cmd(obj: CliContext, uuid: str) -> None:
    """Delete a draft interview (recorded in the audit log)."""
    with open_workspace(obj) as ws:
        full = iv.resolve_uuid(ws, uuid)
        iv.delete_interview(ws, full, who=_who(ws))
    click.echo(messages.render("cli.interview.deleted", uuid=full))


@interview.command("show")
@click.argument("uuid")
@json_option
@pass_cli
def show_cmd(obj: CliContext, uuid: str, as_json: bool) -> None:
    """Show one interview with its answers."""
    with open_workspace(obj) as ws:
        found = iv.get_interview(ws, iv.resolve_uuid(ws, uuid))
    if as_json:
        click.echo(_dump(found.model_dump(mode="json")))
        return
    for name, value in found.model_dump(mode="json", exclude={"answers"}).items():
        shown = term("status", value) if name == "status" else value
        text = printable(shown, newlines=True).replace("\n", "\n" + " " * 16)
        click.echo(f"{term('field', name):>14}: {text}")
    click.echo(f"{messages.render('cli.interview.answers'):>14}:")
    click.echo(_dump(found.answers))


@interview.command("history")
@click.argument("uuid")
@json_option
@pass_cli
def history_cmd(obj: CliContext, uuid: str, as_json: bool) -> None:
    """Show who did what to an interview, and when, from the audit log (also for a
    deleted draft, given its full uuid). Values erased by a purge show as "erased"."""
    from fieldsurvey.store import audit

    with open_workspace(obj) as ws:
        try:
            full = iv.resolve_uuid(ws, uuid)
        except InterviewNotFoundError:
            full = uuid  # a deleted draft lives on in the log only
        entries = audit.entries(ws, full)
    if not entries:
        raise InterviewNotFoundError("cli.interview.not_in_log", uuid=uuid)
    if as_json:
        click.echo(_dump([e.model_dump(mode="json", exclude={"values_salt"}) for e in entries]))
        return
    for e in entries:
        if e.erased:
            change = messages.render("cli.interview.values_erased")
        else:
            change = _change(e.old_value, e.new_value)
        action = term("action", e.action)
        who, field = printable(e.who), printable(e.field or "")
        line = f"{printable(e.at)}  {who:<14} {action:<10} {field:<28} {printable(change)}"
        click.echo(line.rstrip())


def _change(old: Any, new: Any) -> str:
    def text(value: Any) -> str:
        return "-" if value is None else json.dumps(value, ensure_ascii=False)

    if old is None and new is None:
        return ""
    return f"{text(old)} -> {text(new)}"


@interview.command("list")
@click.option("--status", type=click.Choice([s.value for s in iv.InterviewStatus]))
@click.option("--ward", help="Only this ward.")
@json_option
@pass_cli
def list_cmd(obj: CliContext, status: str | None, ward: str | None, as_json: bool) -> None:
    """List interviews, most recently changed first."""
    with open_workspace(obj) as ws:
        rows = iv.list_interviews(ws, status=status, ward=ward)
    if as_json:
        click.echo(_dump([r.model_dump(mode="json") for r in rows]))
        return
    if not rows:
        click.echo(messages.render("cli.interview.none"))
    for r in rows:
        click.echo(
            messages.render(
                "cli.interview.row",
                uuid=printable(r.uuid),
                status=printable(term("status", r.status)),
                ward=printable(r.ward),
                household=printable(r.household_id),
                revision=r.revision,
                updated=printable(r.updated),
            )
        )


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    cli.add_command(interview)
