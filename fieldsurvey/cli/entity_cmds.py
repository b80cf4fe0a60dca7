"""``fieldsurvey entity list|show|lists|conflicts|resolve|merge|export`` and
``fieldsurvey assignment add|list``: the entity lists (households and people registered
once and revisited, docs/entities.md), thin over :mod:`fieldsurvey.store.entities`.

``list``, ``show``, ``lists`` and ``export`` read any workspace (a laptop holds its share
of the lists); ``conflicts``, ``resolve``, ``merge`` and ``assignment add`` are the
coordinator's. Entity ids may be shortened to a unique prefix of at least 4 characters.
Labels and property values may hold anything a laptop sent: they are printed with
control characters written out (:func:`printable`); ``--json`` stays valid JSON.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from fieldsurvey import messages
from fieldsurvey.cli.context import CliContext, open_workspace, pass_cli, printable, say
from fieldsurvey.errors import EntityError

if TYPE_CHECKING:
    from fieldsurvey.store.entities import StoredEntity
    from fieldsurvey.store.workspace import Workspace

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")
MIN_PREFIX = 4


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=True, default=str))


def _coordinator(obj: CliContext) -> Workspace:
    """The workspace, which must be a coordinator's (typed error otherwise)."""
    from fieldsurvey.sync.campaign import campaign_of

    ws = open_workspace(obj)
    try:
        campaign_of(ws)
    except BaseException:
        ws.close()
        raise
    return ws


def _list_name(list_name: str) -> str:
    from fieldsurvey.store.entities import LIST_NAME

    if not LIST_NAME.match(list_name):
        raise EntityError("entity.cli.bad_list", list=printable(list_name)[:80])
    return list_name


def resolve_id(ws: Workspace, list_name: str, given: str) -> str:
    """The entity of ``list_name`` whose id is ``given`` or starts with it (at least
    :data:`MIN_PREFIX` characters, one match); typed error otherwise."""
    from fieldsurvey.store import entities

    text = given.strip().lower()
    if text and entities.get_entity(ws.db, list_name, text) is not None:
        return text
    if len(text) >= MIN_PREFIX:
        found = entities.ids_starting_with(ws.db, list_name, text, limit=2)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise EntityError("entity.cli.ambiguous_id", list=list_name, id=printable(given))
    raise EntityError("entity.cli.no_such_entity", list=list_name, id=printable(given)[:80])


def _device_names(ws: Workspace) -> dict[str, str]:
    """Device id -> name: the coordinator's register; a laptop knows its own name."""
    from fieldsurvey.store import device_registry
    from fieldsurvey.sync.campaign import DEVICE_SETTING

    names = {d.device_id: d.name for d in device_registry.all_devices(ws)}
    own = ws.get_setting(DEVICE_SETTING) if ws.role == "laptop" else None
    if isinstance(own, dict) and own.get("device_id") and own.get("device_name"):
        names.setdefault(str(own["device_id"]), str(own["device_name"]))
    return names


def _entity_json(e: StoredEntity) -> dict[str, Any]:
    return {
        "list": e.list_name,
        "id": e.entity_id,
        "label": e.label,
        "version": e.version,
        "ward": e.ward,
        "properties": e.properties,
        "deleted": e.deleted,
        "merged_into": e.merged_into,
        "created_at": e.created_at,
        "updated_at": e.updated_at,
    }


# --- entity ------------------------------------------------------------------------------
@click.group("entity")
def entity_group() -> None:
    """Entity lists: households and people registered once and revisited."""


@entity_group.command("lists")
@json_option
@pass_cli
def lists_cmd(obj: CliContext, as_json: bool) -> None:
    """The entity lists this workspace holds, and how many entries each has."""
    from fieldsurvey.store import entities

    with open_workspace(obj) as ws:
        found = entities.lists(ws.db)
    if as_json:
        _echo_json([{"list": name, "entities": n} for name, n in found])
        return
    if not found:
        say("entity.cli.no_lists")
    for name, n in found:
        say("entity.cli.list_size", list=printable(name), count=n)


@entity_group.command("list")
@click.argument("list_name", metavar="LIST")
@click.option("--ward", help='Only this ward, as the list holds it (e.g. "Phúc Tân").')
@click.option("--search", "text", help="Words the label or a property starts with.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=100, show_default=True,
              help="At most this many.")  # fmt: skip
@click.option("--offset", type=click.IntRange(0), default=0, help="Skip this many first.")
@json_option
@pass_cli
def list_cmd(
    obj: CliContext,
    list_name: str,
    ward: str | None,
    text: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """The entries of entity list LIST (e.g. households), by label: id, label, version
    and ward."""
    from fieldsurvey.store import entities

    name = _list_name(list_name)
    with open_workspace(obj) as ws, ws.reading() as db:
        total = entities.count_entities(db, name, ward=ward, text=text)
        found = entities.list_entities(db, name, ward=ward, text=text, offset=offset, limit=limit)
    if as_json:
        _echo_json({"list": name, "total": total, "entities": [_entity_json(e) for e in found]})
        return
    for e in found:
        say(
            "entity.cli.row",
            id=e.entity_id,
            label=printable(e.label),
            version=e.version,
            ward=printable(e.ward) or "-",
        )
    say("entity.cli.shown", shown=len(found), total=total, list=name)


@entity_group.command("show")
@click.argument("list_name", metavar="LIST")
@click.argument("entity_id", metavar="ID")
@json_option
@pass_cli
def show_cmd(obj: CliContext, list_name: str, entity_id: str, as_json: bool) -> None:
    """One entry: its properties and its history (the interviews that created or
    updated it, merges, conflict resolutions)."""
    from fieldsurvey.store import entities

    name = _list_name(list_name)
    with open_workspace(obj) as ws:
        full = resolve_id(ws, name, entity_id)
        with ws.reading() as db:
            entity = entities.get_entity(db, name, full)
            versions = entities.history(db, name, full)
        devices = _device_names(ws)
    if entity is None:  # removed meanwhile
        raise EntityError("entity.cli.no_such_entity", list=name, id=full)
    if as_json:
        _echo_json(
            {
                **_entity_json(entity),
                "history": [
                    {
                        "entity": v.entity_id,
                        "version": v.version,
                        "kind": v.kind,
                        "interview": v.interview_uuid,
                        "device": devices.get(v.device_id or "", v.device_id),
                        "base_version": v.base_version,
                        "at": v.at,
                        "who": v.who,
                        "properties": v.properties,
                    }
                    for v in versions
                ],
            }
        )
        return
    say("entity.cli.show_head", list=name, id=full, label=printable(entity.label),
        version=entity.version, ward=printable(entity.ward) or "-")  # fmt: skip
    if entity.merged_into:
        say("entity.cli.show_merged", id=entity.merged_into)
    for key, value in entity.properties.items():
        click.echo(f"  {printable(key)}: {printable(value)}")
    say("entity.cli.history_head")
    for v in versions:
        say(
            "entity.cli.history_row",
            version=v.version,
            kind=messages.render(f"entity.cli.kind.{v.kind}")
            if f"entity.cli.kind.{v.kind}" in messages.CATALOGUE
            else v.kind,
            at=v.at[:16].replace("T", " "),
            interview=v.interview_uuid or "-",
            device=printable(devices.get(v.device_id or "", v.device_id or "-")),
            who=printable(v.who or "-"),
        )
        if v.entity_id != full:
            say("entity.cli.history_of_merged", id=v.entity_id)


@entity_group.command("conflicts")
@click.option("--all", "every", is_flag=True, help="Resolved ones too.")
@json_option
@pass_cli
def conflicts_cmd(obj: CliContext, every: bool, as_json: bool) -> None:
    """Updates made from an old version of an entry (coordinator): the network's value
    and the laptop's, property by property."""
    from fieldsurvey.store import entities

    with _coordinator(obj) as ws:
        found = entities.list_conflicts(ws.db, status=None if every else "open")
        devices = _device_names(ws)
    if as_json:
        _echo_json(
            [
                {
                    "id": c.id,
                    "list": c.list_name,
                    "entity": c.entity_id,
                    "kind": c.kind,
                    "status": c.status,
                    "interview": c.interview_uuid,
                    "device": devices.get(c.device_id, c.device_id),
                    "base_version": c.base_version,
                    "current_version": c.current_version,
                    "current": None if c.current is None else c.current.properties,
                    "incoming": c.incoming.to_json(),
                }
                for c in found
            ]
        )
        return
    if not found:
        say("entity.cli.no_conflicts")
    for c in found:
        say(
            "entity.cli.conflict",
            id=c.id,
            list=c.list_name,
            entity=c.entity_id,
            label=printable(c.current.label if c.current else c.incoming.label or ""),
            device=printable(devices.get(c.device_id, c.device_id)),
            interview=c.interview_uuid,
            base=c.base_version if c.base_version is not None else "-",
            current=c.current_version,
            status=messages.render(f"entity.cli.status.{c.status}")
            if f"entity.cli.status.{c.status}" in messages.CATALOGUE
            else c.status,
        )
        held = c.current.properties if c.current is not None else {}
        for key, theirs in c.incoming.properties.items():
            mine = held.get(key, "")
            if mine != theirs:
                say("entity.cli.conflict_property", property=printable(key),
                    mine=printable(mine) or "-", theirs=printable(theirs) or "-")  # fmt: skip


def _choice(text: str) -> tuple[str, str]:
    name, _, side = text.partition("=")
    if side not in ("mine", "theirs") or not name:
        raise EntityError("entity.cli.bad_choice", text=printable(text)[:80])
    return name, side


@entity_group.command("resolve")
@click.argument("conflict_id", type=int)
@click.option(
    "--property",
    "choices",
    multiple=True,
    help="NAME=mine (keep the network's value) or NAME=theirs (the laptop's).",
)
@click.option("--take", type=click.Choice(["mine", "theirs"]),
              help="For every property the laptop changed.")  # fmt: skip
@pass_cli
def resolve_cmd(
    obj: CliContext, conflict_id: int, choices: tuple[str, ...], take: str | None
) -> None:
    """Resolve entity conflict CONFLICT_ID (coordinator), property by property or
    wholesale; a new version travels to the laptops with their next receipt."""
    from fieldsurvey.store import entities

    picked = dict(_choice(c) for c in choices)
    with _coordinator(obj) as ws:
        who = ws.acting_person()
        conflict = entities.get_conflict(ws.db, conflict_id)
        if take is not None:
            for key in conflict.incoming.properties:
                picked.setdefault(key, take)
        with ws.transaction() as db:
            version = entities.resolve_conflict(db, conflict_id, picked, who)
    if version is None:
        say("entity.cli.resolved_kept", id=conflict_id)
    else:
        say("entity.cli.resolved", id=conflict_id, version=version)


@entity_group.command("merge")
@click.argument("list_name", metavar="LIST")
@click.argument("keep_id", metavar="KEEP")
@click.argument("drop_id", metavar="DROP")
@pass_cli
def merge_cmd(obj: CliContext, list_name: str, keep_id: str, drop_id: str) -> None:
    """DROP is the same household as KEEP, registered twice (coordinator): KEEP keeps its
    values and takes those it lacks from DROP; DROP is marked merged into KEEP. Both
    histories are kept."""
    from fieldsurvey.store import entities

    name = _list_name(list_name)
    with _coordinator(obj) as ws:
        keep, drop = resolve_id(ws, name, keep_id), resolve_id(ws, name, drop_id)
        with ws.transaction() as db:
            version = entities.merge_entities(db, name, keep, drop, ws.acting_person())
    say("entity.cli.merged", list=name, keep=keep, drop=drop, version=version)


@entity_group.command("export")
@click.argument("list_name", metavar="LIST")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["csv", "xlsx", "stata", "spss"]))
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="Folder for the files (xlsx: a .xlsx file, or a folder).")  # fmt: skip
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="Language of the column labels.")  # fmt: skip
@pass_cli
def export_cmd(obj: CliContext, list_name: str, fmt: str, out: Path, lang: str) -> None:
    """Export entity list LIST as csv, xlsx, Stata or SPSS: one row per entry (id, label,
    version, ward, every property) and a table of the interviews that created or
    updated each one. The files are NOT encrypted."""
    from fieldsurvey.errors import ReportError
    from fieldsurvey.reports.entity_export import entity_tables
    from fieldsurvey.reports.export_writers import write_tables

    name = _list_name(list_name)
    with open_workspace(obj) as ws, ws.reading():
        tables = entity_tables(ws, name, lang)
    try:
        files = write_tables(tables, fmt, out, lang=lang)  # type: ignore[arg-type]
    except OSError as exc:
        raise ReportError(
            "sync.data.export_write_failed", path=str(out), detail=exc.strerror or str(exc)
        ) from exc
    for table in tables:
        say("cli.export.table", table=printable(table.name), rows=len(table.rows),
            columns=len(table.columns))  # fmt: skip
    for path in files:
        say("cli.export.wrote", file=printable(path))
    say("cli.export.not_encrypted")


# --- assignment --------------------------------------------------------------------------
@click.group("assignment")
def assignment_group() -> None:
    """Households assigned to a laptop for a follow-up wave, and what became of them."""


@assignment_group.command("add")
@click.argument("list_name", metavar="LIST")
@click.argument("entity_ids", metavar="ID...", nargs=-1, required=True)
@click.option("--device", "device_name", required=True, help="The laptop, by its name.")
@click.option("--wave", default="", help="The follow-up wave (e.g. 2).")
@pass_cli
def assignment_add(
    obj: CliContext, list_name: str, entity_ids: tuple[str, ...], device_name: str, wave: str
) -> None:
    """Assign entries of LIST to a laptop for a wave (coordinator); they travel to it
    with its next receipt and show in its "to visit" list."""
    from fieldsurvey.store import entities
    from fieldsurvey.sync.devices import device_by_name

    name = _list_name(list_name)
    with _coordinator(obj) as ws:
        device = device_by_name(ws, device_name)
        ids = [resolve_id(ws, name, given) for given in entity_ids]
        who = ws.acting_person()
        with ws.transaction() as db:
            added = [
                entities.add_assignment(db, name, i, device.device_id, wave=wave.strip(), who=who)
                for i in ids
            ]
    say("entity.cli.assigned", count=sum(added), device=printable(device.name),
        already=len(added) - sum(added))  # fmt: skip


@assignment_group.command("list")
@click.option("--device", "device_name", help="Only this laptop, by its name.")
@click.option("--wave", help="Only this wave.")
@click.option("--list", "list_name", help="Only this entity list.")
@json_option
@pass_cli
def assignment_list(
    obj: CliContext,
    device_name: str | None,
    wave: str | None,
    list_name: str | None,
    as_json: bool,
) -> None:
    """Each assignment with what became of it (pending, visited, refused, moved, not
    found), and the progress per laptop."""
    from fieldsurvey.store import entities

    with open_workspace(obj) as ws:
        device_id = None
        if device_name is not None:
            from fieldsurvey.sync.devices import device_by_name

            device_id = device_by_name(ws, device_name).device_id
        devices = _device_names(ws)
        with ws.reading() as db:
            found = entities.visit_status(
                db,
                device_id=device_id,
                list_name=_list_name(list_name) if list_name else None,
                wave=wave,
            )
            labels = {
                (s.assignment.list_name, s.assignment.entity_id): (
                    e.label if (e := entities.get_entity(
                        db, s.assignment.list_name, s.assignment.entity_id)) else ""
                )
                for s in found
            }  # fmt: skip
    if as_json:
        _echo_json(
            [
                {
                    "list": s.assignment.list_name,
                    "id": s.assignment.entity_id,
                    "label": labels[(s.assignment.list_name, s.assignment.entity_id)],
                    "device": devices.get(s.assignment.device_id, s.assignment.device_id),
                    "wave": s.assignment.wave,
                    "status": s.status,
                    "interview": s.interview_uuid,
                    "at": s.at,
                }
                for s in found
            ]
        )
        return
    if not found:
        say("entity.cli.no_assignments")
        return
    for s in found:
        a = s.assignment
        say(
            "entity.cli.assignment",
            id=a.entity_id,
            label=printable(labels[(a.list_name, a.entity_id)]),
            device=printable(devices.get(a.device_id, a.device_id)),
            wave=printable(a.wave) or "-",
            status=messages.render(f"entity.cli.visit.{s.status}"),
        )
    per_device: dict[str, Counter[str]] = {}
    for s in found:
        per_device.setdefault(s.assignment.device_id, Counter())[s.status] += 1
    for device_id, counts in per_device.items():
        total = sum(counts.values())
        say(
            "entity.cli.progress",
            device=printable(devices.get(device_id, device_id)),
            done=total - counts["pending"],
            total=total,
            visited=counts["visited"],
            refused=counts["refused"],
            moved=counts["moved"],
            not_found=counts["not_found"],
        )


def register(cli: click.Group) -> None:
    """Add the ``entity`` and ``assignment`` groups to the top-level group."""
    cli.add_command(entity_group)
    cli.add_command(assignment_group)
