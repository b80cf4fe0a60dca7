"""Entity lists between the laptops and the coordinator (docs/bundle-format.md, "Entities").

Laptop -> coordinator: each interview line of a bundle carries the interview's entity
actions (``"entities"``: :meth:`EntityAction.to_json` objects, left out when there are
none, so a bundle without entities stays readable by coordinators of earlier
versions); the payload head says which of the coordinator's entity changes the laptop's
lists have reached (``entity_seq``, left out while 0). The coordinator checks each
record's actions (:mod:`entity_checks`) and merges those of the records it merged, a
batch at a time (``sync/merge.py``, through ``entities.merge_many``).

Coordinator -> laptop: a receipt (and a device package, at setup) carries the laptop's
share of the entity lists: the entities of its wards or assigned to it that changed
after the change number the laptop reported (deleted and merged ones included, so the
laptop drops them), its assignments, the wards it holds, and the change number the share
reaches. The laptop checks every row against the limits before it applies anything
(:func:`check_share`: a bad row refuses the whole receipt), applies the rows with
``apply_received`` and records the number it reached, so the next receipt carries only
what changed since.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fieldsurvey.errors import (
    EntityError,
    FieldSurveyError,
    PackageError,
    ReceiptError,
)
from fieldsurvey.forms.entity_model import EntityAction
from fieldsurvey.store import device_registry, sync_entities
from fieldsurvey.store import entities as entity_store
from fieldsurvey.store.database import Database
from fieldsurvey.store.entity_share import Assignment, EntityChange
from fieldsurvey.store.entity_tables import MAX_ENTITIES_PER_LIST
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_payload import SHORT

#: Laptop setting: the coordinator's change number its lists reached.
RECEIVED_SEQ_SETTING = "entity.received_seq"
#: Laptop setting: the wards the coordinator last said this laptop holds.
WARDS_SETTING = "entity.wards"
#: Assignments one receipt may carry (a wave of follow-up visits for one laptop).
MAX_ASSIGNMENTS = 100_000
#: Wards one receipt may name.
MAX_WARDS = 10_000


class EntityShare(BaseModel):
    """A laptop's share of the entity lists as a receipt or a device package carries it
    (rows and assignments as plain JSON objects, checked by :func:`check_share`)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    #: The change number the laptop reported (the rows are the changes after it).
    since: int = Field(ge=0, le=2**53)
    #: The change number the rows reach.
    seq: int = Field(ge=0, le=2**53)
    wards: list[str] = Field(default_factory=list)
    entities: list[dict[str, Any]] = Field(default_factory=list)
    assignments: list[dict[str, Any]] = Field(default_factory=list)


# --- the laptop's bundles ----------------------------------------------------------------
def attach_actions(ws: Workspace, rows: list[dict[str, Any]]) -> None:
    """Add each interview's entity actions to its row (``"entities"``), for the rows
    whose interview has any."""
    with ws.reading() as db:
        found = sync_entities.actions_to_send(db, [row["uuid"] for row in rows])
    for row in rows:
        actions = found.get(row["uuid"])
        if actions:  # as stored: EntityAction.to_json() objects
            row["entities"] = [EntityAction.from_json(a).to_json() for a in actions]


def reached_seq(ws: Workspace) -> int:
    """The coordinator's change number this laptop's lists reached (0: none yet)."""
    return int(ws.get_setting(RECEIVED_SEQ_SETTING, 0) or 0)


# --- the coordinator's merge -----------------------------------------------------------
def note_reported_seq(db: Database, device_id: str, seq: int) -> None:
    """Keep the change number a laptop's bundle says its lists reached."""
    if seq:
        sync_entities.note_reported_seq(db, device_id, seq)


def device_wards(wards: list[str]) -> list[str]:
    """The wards whose entities a laptop holds: the campaign's (every laptop of a
    campaign works in all its wards; assignments add single entities). None named: all
    of them."""
    return sorted({w for w in wards if w})


def share_for(
    db: Database, device_id: str, wards: list[str], *, since: int | None = None
) -> EntityShare:
    """The share of ``device_id`` changed after the number it reported (``since``: after
    that number instead; 0: all of it), in a transaction of the caller's."""
    start = sync_entities.reported_seq(db, device_id) if since is None else since
    held = device_wards(wards)
    every = held or sync_entities.entity_wards(db)
    # wards set after the laptop's last list: their whole lists, not only what changed
    moved = start < device_registry.device_wards_seq(db, device_id)
    rows, seq = entity_store.changes_since(
        db, 0 if moved else start, wards=every, device_id=device_id
    )
    assignments = entity_store.list_assignments(db, device_id=device_id)
    return EntityShare(
        since=start, seq=seq, wards=held, entities=[r.to_json() for r in rows],
        assignments=[a.to_json() for a in assignments],
    )  # fmt: skip


def worth_sending(share: EntityShare) -> bool:
    """Whether ``share`` is worth sending: False while the coordinator holds no entity
    list at all (so laptops of earlier versions still read its receipts and packages)."""
    return bool(share.seq or share.entities or share.assignments)


# --- the laptop applies a share ----------------------------------------------------------
def check_share(
    share: EntityShare, error: type[FieldSurveyError] = ReceiptError
) -> tuple[list[EntityChange], list[Assignment]]:
    """Every row and assignment of ``share`` parsed and within the limits, or ``error``
    (``entity.receipt.*``, ``entity.package.bad_entry``) and nothing applied."""
    what = "receipt" if error is ReceiptError else "package"
    bad = f"entity.{what}.bad_entry"
    counts = Counter(str(r.get("list", "")) for r in share.entities)
    for list_name, count in counts.items():
        if count > MAX_ENTITIES_PER_LIST:
            raise error(f"entity.{what}.too_many", list=list_name[:80], count=count,
                        max=MAX_ENTITIES_PER_LIST)  # fmt: skip
    if len(share.assignments) > MAX_ASSIGNMENTS or len(share.wards) > MAX_WARDS:
        raise error(bad, number=0)
    if share.seq < share.since or any(len(w) > SHORT for w in share.wards):
        raise error(bad, number=0)
    changes: list[EntityChange] = []
    for number, data in enumerate(share.entities, 1):
        try:
            change = EntityChange.from_json(data)
            change.check()
            if len(change.ward) > SHORT or (
                change.merged_into is not None and len(change.merged_into) > SHORT
            ):
                raise EntityError("entity.bad_received")
        except EntityError as exc:
            raise error(bad, number=number) from exc
        changes.append(change)
    assignments: list[Assignment] = []
    for number, data in enumerate(share.assignments, 1):
        try:
            assignment = Assignment.from_json(data)
        except EntityError as exc:
            raise error(bad, number=len(share.entities) + number) from exc
        assignments.append(assignment)
    return changes, assignments


class ShareOutcome(BaseModel):
    """What applying a share did on the laptop."""

    entities: int = 0
    removed: int = 0
    kept_local: int = 0
    assignments: int = 0
    #: False: an older receipt than one already applied (its rows are older: skipped).
    applied: bool = True


def apply_share(
    ws: Workspace, db: Database, share: EntityShare, device_id: str, *,
    error: type[FieldSurveyError] = ReceiptError,
) -> ShareOutcome:  # fmt: skip
    """Apply a checked share in the caller's transaction (after the receipt's
    acknowledgements). A share older than what the laptop reached is skipped; one that
    starts after it (a receipt missed) is applied but the laptop keeps its number, so
    its next bundle asks for the missed changes again."""
    changes, assignments = check_share(share, error)
    reached = reached_seq(ws)
    if share.seq < reached:
        return ShareOutcome(applied=False)
    outcome = entity_store.apply_received(db, changes)
    mine = [a for a in assignments if a.device_id == device_id]
    entity_store.replace_assignments(db, device_id, mine)
    if share.since <= reached:
        ws.set_setting(RECEIVED_SEQ_SETTING, share.seq)
    ws.set_setting(WARDS_SETTING, share.wards)
    return ShareOutcome(
        entities=outcome.replaced, removed=outcome.removed, kept_local=outcome.kept_local,
        assignments=len(mine),
    )  # fmt: skip


def held_wards(ws: Workspace, config_wards: list[str]) -> list[str] | None:
    """The wards this laptop holds: those its last receipt named, else its package's;
    None: every ward (a campaign without wards)."""
    wards = ws.get_setting(WARDS_SETTING)
    held = list(wards) if isinstance(wards, list) else list(config_wards)
    return held or None


def current_share(
    ws: Workspace, device_id: str, wards: list[str], *, since: int | None = None
) -> EntityShare | None:
    """:func:`share_for` in a transaction of its own; None while the coordinator holds no
    entity list at all (receipts and packages then leave the field out)."""
    with ws.transaction() as db:  # changes_since fills a temporary table
        share = share_for(db, device_id, wards, since=since)
    return share if worth_sending(share) else None


def install_share(ws: Workspace, package: Any) -> None:
    """At a laptop's setup (in its transaction): the share its device package carries
    (PackageError ``entity.package.bad_entry`` for a bad row: nothing is set up)."""
    share: EntityShare | None = package.entity_share
    if share is not None:
        apply_share(ws, ws.db, share, package.device_id, error=PackageError)


def package_share(ws: Workspace, device_id: str, wards: list[str]) -> EntityShare | None:
    """The whole share of a laptop being set up (its device package), noted as the
    number its lists reach: a package that is never used leaves nothing to miss."""
    with ws.transaction() as db:
        share = share_for(db, device_id, wards, since=0)
        if not worth_sending(share):
            return None
        sync_entities.note_reported_seq(db, device_id, share.seq)
    return share
