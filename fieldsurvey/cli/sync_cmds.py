"""Campaign, device, bundle, receipt, conflict and recovery commands (issue 4).

Thin: each command opens the workspace, calls one function of ``fieldsurvey.sync``
and prints its report. Passwords come from env FIELDSURVEY_PASSWORD (else a prompt);
the device package passphrase from env FIELDSURVEY_PACKAGE_PASSPHRASE (else generated
by ``device add`` and prompted by ``device setup``). Everything printed comes from the
message catalogue, in the chosen language.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

from fieldsurvey import messages
from fieldsurvey.cli.context import (
    CliContext,
    ask_secret,
    open_workspace,
    pass_cli,
    read_password,
    say,
)
from fieldsurvey.cli.form_cmds import ATTACH_DIR, ATTACH_HELP
from fieldsurvey.errors import FieldSurveyError, SyncError
from fieldsurvey.store.workspace import Workspace

PASSPHRASE_ENV = "FIELDSURVEY_PACKAGE_PASSPHRASE"
NEW_PASSWORD_ENV = "FIELDSURVEY_NEW_PASSWORD"
FILE = click.Path(dir_okay=False, path_type=Path)
EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
FOLDER = click.Path(file_okay=False, path_type=Path)


def _named(prefix: str, name: str) -> str:
    """The catalogue's name for a check or rule (``prefix`` + ``name``), else ``name``."""
    code = prefix + name
    return messages.render(code) if code in messages.CATALOGUE else name


def _reason(item: Any) -> str:
    """Why a file or an interview was refused, in the chosen language: from the error the
    report keeps, else its reason (a catalogue code, or text as the core wrote it)."""
    error = getattr(item, "error", None)
    if isinstance(error, FieldSurveyError):
        return error.text()
    return messages.render(str(getattr(item, "reason", None) or ""))


def _read(path: Path) -> bytes:
    """A bundle or receipt file, refused (typed error) if larger than the limit."""
    from fieldsurvey.errors import BundleCheckError
    from fieldsurvey.sync.bundle_format import ContainerFormatError, read_limited

    try:
        return read_limited(path)
    except ContainerFormatError as exc:
        raise BundleCheckError(exc.check, exc.code, **exc.params) from exc


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


# --- coordinator, forms, devices -------------------------------------------------------
@click.group()
def coordinator() -> None:
    """Set up the network coordinator's workspace and campaign keys."""


@coordinator.command("init")
@click.option("--campaign", "name", required=True, help="Name of the survey campaign.")
@click.option(
    "--recovery-key-out",
    type=FILE,
    required=True,
    help="New file for the offline recovery identity: print it, lock it away, delete it.",
)
@click.option("--ward", "wards", multiple=True, help="A ward of the campaign (repeatable).")
@pass_cli
def coordinator_init(obj: CliContext, name: str, recovery_key_out: Path, wards: tuple[str]) -> None:
    """Create the coordinator workspace with new campaign keys."""
    from fieldsurvey.sync import campaign, keys

    password = read_password(
        messages.render("sync.cli.prompt_new_workspace_password"), confirm=True
    )
    ws, keys_ = campaign.init_campaign(
        obj.home, password, name=name, recovery_key_out=recovery_key_out, wards=list(wards)
    )
    ws.close()
    say("sync.cli.campaign_created", name=keys_.name, campaign_id=keys_.campaign_id, home=obj.home)
    say("sync.cli.fingerprint", fingerprint=keys.fingerprint(keys_.signing_public))
    say("sync.cli.recovery_written", path=recovery_key_out)


def _form_add(obj: CliContext, path: Path, attach: Path | None) -> None:
    from fieldsurvey.cli.form_cmds import report_attachments
    from fieldsurvey.forms.installed import install_form_file
    from fieldsurvey.forms.loader import load_form
    from fieldsurvey.sync.campaign import campaign_of
    from fieldsurvey.sync.quarantine_actions import recheck

    with open_workspace(obj) as ws:
        campaign_of(ws)
        spec = load_form(path)
        result = install_form_file(ws, path, spec=spec, attach=attach)
        waited = recheck(ws, who=ws.acting_person())  # records waiting for this version
    say("sync.cli.form_published", form_id=spec.form_id, version=spec.version)
    for warning in spec.warnings:
        say("sync.cli.warning", warning=warning)
    report_attachments(path, result.attachments, result.missing, attach)
    if waited.merged or waited.still:
        say("cli.quarantine.rechecked", merged=len(waited.merged), still=len(waited.still))


@click.group()
def device() -> None:
    """Issue, revoke and list laptops (coordinator); set a laptop up (laptop)."""


@device.command("add")
@click.argument("name")
@click.option("--out", type=FILE, required=True, help="File to write the device package to.")
@click.option(
    "--ward",
    "wards",
    multiple=True,
    help="A ward the laptop works in (repeatable; its share of the entity lists). "
    "None: every ward of the campaign.",
)
@pass_cli
def device_add(obj: CliContext, name: str, out: Path, wards: tuple[str, ...]) -> None:
    """Register laptop NAME and write its sealed device package."""
    from fieldsurvey.sync import device_package, keys
    from fieldsurvey.sync.campaign import campaign_of
    from fieldsurvey.sync.enrolment import issue_device_to_file

    given = os.environ.get(PASSPHRASE_ENV)
    passphrase = given or device_package.new_passphrase()
    with open_workspace(obj) as ws:
        fingerprint = keys.fingerprint(campaign_of(ws).signing_public)
        registered = issue_device_to_file(ws, name, passphrase, out, wards=list(wards))
    say("sync.cli.device_added", name=registered.name, path=out)
    say("sync.cli.fingerprint", fingerprint=fingerprint)
    if given is None:
        say("sync.cli.passphrase", passphrase=passphrase)


@device.command("revoke")
@click.argument("name")
@pass_cli
def device_revoke(obj: CliContext, name: str) -> None:
    """Refuse every bundle of laptop NAME from now on."""
    from fieldsurvey.sync.devices import revoke_device

    with open_workspace(obj) as ws:
        revoked = revoke_device(ws, name)
    say("sync.cli.device_revoked", name=revoked.name, date=revoked.revoked)


@device.command("wards")
@click.argument("name")
@click.argument("wards", nargs=-1)
@pass_cli
def device_wards(obj: CliContext, name: str, wards: tuple[str, ...]) -> None:
    """Set the WARDS laptop NAME works in (none: every ward of the campaign). Its next
    receipt brings their entity lists; `interview purge` then drops other wards'."""
    from fieldsurvey.sync.campaign import campaign_of
    from fieldsurvey.sync.devices import set_wards, wards_of

    with open_workspace(obj) as ws:
        campaign = campaign_of(ws)
        device = set_wards(ws, name, list(wards), campaign.wards, who=ws.acting_person())
        now = wards_of(ws, device.device_id, campaign.wards)
    say("sync.cli.device_wards", name=device.name, wards=", ".join(now) or "-")


@device.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_cli
def device_list(obj: CliContext, as_json: bool) -> None:
    """List the campaign's laptops."""
    from fieldsurvey.sync.campaign import campaign_of
    from fieldsurvey.sync.devices import list_devices, wards_of

    with open_workspace(obj) as ws:
        campaign = campaign_of(ws)
        found = list_devices(ws)
        wards = {d.device_id: wards_of(ws, d.device_id, campaign.wards) for d in found}
    if as_json:
        _echo_json([{**d.model_dump(), "wards": wards[d.device_id]} for d in found])
        return
    for d in found:
        state = (
            messages.render("sync.cli.device_revoked_on", date=d.revoked)
            if d.revoked
            else messages.render("sync.cli.device_active")
        )
        say("sync.cli.device_line", name=d.name, device_id=d.device_id, added=d.added, state=state)


@device.command("setup")
@click.argument("package", type=EXISTING_FILE)
@pass_cli
def device_setup(obj: CliContext, package: Path) -> None:
    """Create this laptop's workspace from a device PACKAGE."""
    from fieldsurvey.sync import keys
    from fieldsurvey.sync.enrolment import read_package, setup_device

    passphrase = os.environ.get(PASSPHRASE_ENV) or click.prompt(
        messages.render("sync.cli.prompt_passphrase"), hide_input=True
    )
    opened = read_package(package, passphrase)
    password = read_password(
        messages.render("sync.cli.prompt_new_workspace_password"), confirm=True
    )
    setup_device(obj.home, opened, password).close()
    say(
        "sync.cli.laptop_set_up",
        device=opened.device_name,
        campaign=opened.campaign_name,
        home=obj.home,
    )
    say("sync.cli.fingerprint", fingerprint=keys.fingerprint(opened.coordinator_signing_public))


# --- bundles -------------------------------------------------------------------------------
@click.group()
def bundle() -> None:
    """Export (laptop), import (coordinator), inspect and recover bundles."""


@bundle.command("export")
@click.option("--out", type=FOLDER, required=True, help="Folder to write the bundle into.")
@click.option("--all", "send_all", is_flag=True, help="Send every exported interview again.")
@pass_cli
def bundle_export(obj: CliContext, out: Path, send_all: bool) -> None:
    """Write one bundle with every interview completed since the last export."""
    from fieldsurvey.sync.bundle_writer import export_bundle

    with open_workspace(obj) as ws:
        result = export_bundle(ws, out, send_all=send_all)
    if result.path is None:
        say("sync.cli.nothing_to_export")
        return
    say(
        "sync.cli.bundle_written",
        sequence=result.sequence,
        path=result.path,
        count=result.interviews,
    )
    if result.files:
        say("sync.cli.bundle_files", count=result.files)
    if result.remaining:  # the bundle was full: the rest goes in the next one
        say("sync.cli.bundle_remaining", count=result.remaining)


def _print_file_report(report: Any) -> None:
    name = report.file
    if report.status == "already-imported":
        say("sync.cli.file_already_imported", file=name)
        return
    if report.status == "rejected":
        check = _named("sync.check_name.", report.check or "")
        say("sync.cli.file_rejected", file=name, check=check, reason=_reason(report))
        return
    merge = report.merge
    counts = [messages.render(f"sync.cli.count.{k}", count=v) for k, v in merge.counts().items()]
    say(
        "sync.cli.file_accepted",
        file=name,
        device=report.device,
        sequence=report.sequence,
        counts=counts,
    )
    if report.gap:
        first, last = report.gap
        say("sync.cli.gap", first=first, last=last)
    for alert in merge.audit_alerts:  # a cut or rewritten chain, forged entries
        click.echo(alert.text())
    for rejected in merge.rejected:
        say("sync.cli.interview_refused", uuid=rejected.uuid, reason=_reason(rejected))
    if merge.quarantined:
        say("cli.quarantine.imported", count=len(merge.quarantined))
    for uuid in merge.conflicting:
        say("sync.cli.interview_conflict", uuid=uuid)
    for group in report.duplicates:
        rule = _named("sync.cli.rule.", group.rule)
        say("sync.cli.bundle_duplicate", rule=rule, uuids=" ".join(group.uuids))


@bundle.command("import")
@click.argument("files", type=EXISTING_FILE, nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable report.")
@pass_cli
def bundle_import(obj: CliContext, files: tuple[Path, ...], as_json: bool) -> None:
    """Check, decrypt and merge bundles; exit 1 if any file was rejected."""
    from fieldsurvey.sync.bundle_import import import_files

    with open_workspace(obj) as ws:
        report = import_files(ws, list(files))
    if as_json:
        _echo_json(report.model_dump(mode="json"))
    else:
        for item in report.files:
            _print_file_report(item)
    if report.any_rejected:
        raise click.exceptions.Exit(1)


@bundle.command("inspect")
@click.argument("file", type=EXISTING_FILE)
def bundle_inspect(file: Path) -> None:
    """Show a bundle's public header without decrypting anything."""
    from fieldsurvey.sync.bundle_inspect import inspect_bundle

    _echo_json(inspect_bundle(_read(file)))


@bundle.command("decrypt")
@click.argument("file", type=EXISTING_FILE)
@click.option("--identity", type=EXISTING_FILE, required=True, help="Recovery identity file.")
@click.option("--out", type=FOLDER, required=True, help="Folder for the decrypted JSON.")
def bundle_decrypt(file: Path, identity: Path, out: Path) -> None:
    """Disaster recovery: decrypt a bundle with the recovery identity, no workspace."""
    from fieldsurvey.sync.bundle_inspect import decrypt_with_identity
    from fieldsurvey.sync.recovery import identities_from_file

    written = decrypt_with_identity(_read(file), identities_from_file(identity), out)
    say("sync.cli.decrypted", path=written)


# --- receipts, purge, returns ----------------------------------------------------------
@click.group()
def receipt() -> None:
    """Receipts: what the coordinator merged and sends back for correction."""


@receipt.command("export")
@click.option("--device", "device_name", required=True, help="Name of the laptop.")
@click.option("--out", type=FILE, required=True, help="File to write the receipt to.")
@click.option("--force", is_flag=True, help="Write it even if the laptop was revoked.")
@pass_cli
def receipt_export(obj: CliContext, device_name: str, out: Path, force: bool) -> None:
    """Write a signed receipt for one laptop (coordinator)."""
    from fieldsurvey.sync.receipts import write_receipt

    with open_workspace(obj) as ws:
        try:
            payload = write_receipt(ws, device_name, out, force=force)
        except SyncError as exc:
            if exc.code != "sync.receipt.device_revoked":
                raise
            raise SyncError(
                "sync.cli.receipt_device_revoked", name=exc.params["name"], date=exc.params["date"]
            ) from exc
    say(
        "sync.cli.receipt_written",
        device=device_name,
        path=out,
        acknowledged=len(payload.acknowledged),
        returned=len(payload.returned),
    )


@receipt.command("import")
@click.argument("file", type=EXISTING_FILE)
@pass_cli
def receipt_import(obj: CliContext, file: Path) -> None:
    """Apply a receipt from the coordinator (laptop)."""
    from fieldsurvey.sync.receipts import import_receipt

    with open_workspace(obj) as ws:
        report = import_receipt(ws, _read(file))
    if report.status == "already-imported":
        say("sync.cli.receipt_already_imported")
        return
    say(
        "sync.cli.receipt_applied",
        acknowledged=len(report.acknowledged),
        returned=len(report.returned),
        skipped=len(report.skipped),
    )
    if report.forms:
        say("sync.cli.forms_installed", forms=report.forms)
    if report.entities or report.entities_removed or report.assignments:
        say(
            "sync.cli.receipt_entities",
            entities=report.entities,
            removed=report.entities_removed,
            assignments=report.assignments,
        )


@click.command("purge")
@click.option("--acknowledged", is_flag=True, required=True, help="Purge acknowledged ones.")
@pass_cli
def interview_purge(obj: CliContext, acknowledged: bool) -> None:
    """Remove the answers of interviews the coordinator acknowledged (laptop)."""
    from fieldsurvey.sync.purge import purge_acknowledged

    if not acknowledged:
        raise SyncError("sync.cli.purge_acknowledged_only")
    with open_workspace(obj) as ws:
        changes = purge_acknowledged(ws)
    say("sync.cli.purged", count=len(changes.interviews))


@click.command("return")
@click.argument("uuid")
@click.option("--comment", required=True, help="What the enumerator should correct.")
@pass_cli
def interview_return(obj: CliContext, uuid: str, comment: str) -> None:
    """Send a merged interview back to its laptop for correction (coordinator)."""
    from fieldsurvey.store import interviews
    from fieldsurvey.sync.campaign import campaign_of

    with open_workspace(obj) as ws:
        campaign_of(ws)
        full = interviews.resolve_uuid(ws, uuid)
        interviews.return_for_correction(ws, full, comment, who="coordinator")
    say("sync.cli.will_return", uuid=full)


# --- conflicts and recovery ------------------------------------------------------------------
@click.group()
def conflicts() -> None:
    """Conflicting revisions and likely duplicate households (coordinator)."""


@conflicts.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_cli
def conflicts_list(obj: CliContext, as_json: bool) -> None:
    """List conflicts, likely duplicates and security alerts."""
    from fieldsurvey.store import bundle_log
    from fieldsurvey.sync.conflicts import list_conflicts
    from fieldsurvey.sync.duplicates import all_duplicates

    with open_workspace(obj) as ws:
        found = list_conflicts(ws)
        duplicates = all_duplicates(ws)
        alerts = [alert._asdict() for alert in bundle_log.list_alerts(ws)]
        details = [_alert_detail(ws, alert) for alert in alerts]
    if as_json:
        _echo_json(
            {
                "conflicts": [c.model_dump() for c in found],
                "duplicates": [d.model_dump() for d in duplicates],
                "alerts": [{**a, "detail": d} for a, d in zip(alerts, details, strict=True)],
            }
        )
        return
    for alert, detail in zip(alerts, details, strict=True):
        say("sync.cli.alert", created=alert["created"], detail=detail)
    for c in found:
        say("sync.cli.conflict", uuid=c.uuid, device=c.device_name, fields=c.fields)
    for d in duplicates:
        say("sync.cli.duplicate", rule=_named("sync.cli.rule.", d.rule), uuids=" ".join(d.uuids))
    if not (alerts or found or duplicates):
        say("sync.cli.nothing_to_resolve")


def _alert_detail(ws: Workspace, alert: dict[str, Any]) -> str:
    """An alert in the chosen language (an equivocation names the device and the number);
    as it was stored otherwise."""
    from fieldsurvey.sync.devices import get_device

    device = get_device(ws, alert["device_id"]) if alert["device_id"] else None
    if alert["kind"] == "equivocation" and device is not None and alert["sequence"] is not None:
        return messages.render(
            "sync.check.equivocation", device=device.name, sequence=alert["sequence"]
        )
    if alert["kind"] in ("audit-chain", "audit-forged", "media-refused"):
        from pydantic import ValidationError

        from fieldsurvey.sync.merge import AuditAlert

        try:
            return AuditAlert.model_validate_json(alert["detail"]).text()
        except ValidationError:
            pass  # stored as text by an earlier version
    return str(alert["detail"])


def _parse_choice(text: str) -> tuple[str, str]:
    field, _, side = text.partition("=")
    if side not in ("laptop", "coordinator") or not field:
        raise SyncError("sync.cli.bad_field_choice", text=text)
    return field, side


@conflicts.command("resolve")
@click.argument("uuid")
@click.option("--field", "fields", multiple=True, help="PATH=laptop or PATH=coordinator.")
@click.option("--take", type=click.Choice(["laptop", "coordinator"]), help="For all fields.")
@pass_cli
def conflicts_resolve(obj: CliContext, uuid: str, fields: tuple[str], take: str | None) -> None:
    """Resolve the conflict on interview UUID, field by field or wholesale."""
    from fieldsurvey.sync.conflicts import resolve_conflict

    choices: dict[str, Any] = dict(_parse_choice(f) for f in fields)
    with open_workspace(obj) as ws:
        changes = resolve_conflict(ws, uuid, choices, default=take)  # type: ignore[arg-type]
    say("sync.cli.conflict_resolved", uuid=uuid, fields=changes.fields)


@click.group()
def recovery() -> None:
    """Forgotten laptop password: reset it with the campaign or recovery identity."""


@recovery.command("reset-password")
@click.argument("laptop_home", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--identity", type=EXISTING_FILE, help="Recovery identity file (else the campaign's)."
)
@pass_cli
def recovery_reset(obj: CliContext, laptop_home: Path, identity: Path | None) -> None:
    """Set a new password on the laptop workspace in LAPTOP_HOME."""
    from fieldsurvey.sync import keys
    from fieldsurvey.sync.campaign import campaign_of
    from fieldsurvey.sync.recovery import identities_from_file, reset_password

    if identity is not None:
        identities = identities_from_file(identity)
    else:
        with open_workspace(obj) as ws:
            identities = [keys.age_identity(campaign_of(ws).age_identity)]
    new = os.environ.get(NEW_PASSWORD_ENV) or ask_secret(
        "sync.cli.prompt_new_laptop_password", confirm=True
    )
    reset_password(laptop_home, identities, new)
    say("sync.cli.password_reset", home=laptop_home)


def _subgroup(cli: click.Group, name: str, help_text: str) -> click.Group:
    existing = cli.commands.get(name)
    if isinstance(existing, click.Group):
        return existing
    group = click.Group(name, help=help_text)
    cli.add_command(group)
    return group


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    for group in (coordinator, device, bundle, receipt, conflicts, recovery):
        cli.add_command(group)

    @click.command("add")
    @click.argument("file", type=EXISTING_FILE)
    @click.option("--attach", type=ATTACH_DIR, help=ATTACH_HELP)
    @pass_cli
    def form_add(obj: CliContext, file: Path, attach: Path | None) -> None:
        """Publish the XLSForm FILE, with the files it references, to the campaign
        (coordinator); laptops get them with their next receipt."""
        _form_add(obj, file, attach)

    forms_group = _subgroup(cli, "form", "Questionnaires.")
    if "add" not in forms_group.commands:
        forms_group.add_command(form_add)
    interviews_group = _subgroup(cli, "interview", "Interviews.")
    for command in (interview_purge, interview_return):
        if command.name not in interviews_group.commands:
            interviews_group.add_command(command)
