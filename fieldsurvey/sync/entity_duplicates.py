"""Entities that may be the same household registered twice (issue 16): for each group
of the duplicate-household check (``sync/duplicates.py``), two live entries of one list
that stand for it, for the coordinator to merge (``entities.merge_entities``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fieldsurvey.store import entities as es
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.duplicates import DuplicateGroup, all_duplicates


@dataclass(frozen=True)
class DuplicatePair:
    """Two entries of one list created by interviews the duplicate check grouped (what
    the list shows of them: a pair acted on reads its entries again)."""

    rule: str
    key: str
    first: es.EntryRef
    second: es.EntryRef


def duplicate_pairs(
    ws: Workspace, groups: Sequence[DuplicateGroup] | None = None
) -> list[DuplicatePair]:
    """For each possible duplicate household, two live entries of one list that stand for
    it: the entries its interviews created, else the entries whose properties hold its
    household id (rule ward+household) or whose label holds its respondent's name (call
    inside a read). ``groups``: the workspace's possible duplicates as it is now, if
    already read (else they are read here).

    The entries the interviews created are those the entities table names them the
    creators of, read once for every group. The interviews' stored actions, read one
    statement per interview, are kept on laptops only: on the coordinator every group
    fell back to the search, which for a household id does not look at the ward (166 s
    at 100,000 interviews with their entries; 0.4 s now)."""
    names = es.list_names(ws.db)  # the lists' sizes are not needed: 0.15 s at 1,000,000
    if groups is None:
        groups = all_duplicates(ws)
    created = es.created_by(ws.db, [u for g in groups for u in g.uuids])
    out = []
    for group in groups:
        found: dict[str, list[es.EntryRef]] = {}
        for uuid in group.uuids:
            for entry in created.get(uuid, ()):
                found.setdefault(entry.list_name, []).append(entry)
        if not any(len(v) >= 2 for v in found.values()):
            found = {
                name: list(map(es.entry_ref, _holding(ws, name, group.rule, group.key)))
                for name in names
            }
        for _name, entries in sorted(found.items(), key=lambda item: item[0]):
            unique = sorted(  # the older registration first
                {e.entity_id: e for e in entries}.values(),
                key=lambda e: (e.created_at, e.entity_id),
            )
            if len(unique) >= 2:
                out.append(DuplicatePair(group.rule, group.key, unique[0], unique[1]))
    return out


def groups_and_pairs(ws: Workspace) -> tuple[list[DuplicateGroup], list[DuplicatePair]]:
    """The possible duplicates and their pairs, from one read of the groups (the
    coordinator's duplicates tab can show the same groups without reading them again)."""
    groups = all_duplicates(ws)
    return groups, duplicate_pairs(ws, groups)


def _holding(ws: Workspace, list_name: str, rule: str, key: str) -> list[es.StoredEntity]:
    """The live entries of ``list_name`` that hold a duplicate group's household id (as
    a property value; an entry of another ward is another household: a household id is
    the ward's) or respondent's name (in the label)."""
    if rule == "ward+household":
        ward, _, wanted = key.rpartition("/")
        wanted = wanted.strip()
        found = es.matching_entities(ws.db, list_name, wanted)
        return [e for e in found if e.ward in ("", ward)
                and any(v.strip().casefold() == wanted.casefold()
                        for v in e.properties.values())]  # fmt: skip
    name = key.partition("|")[0].strip()
    found = es.matching_entities(ws.db, list_name, name) if name else []
    return [e for e in found if name.casefold() in e.label.casefold()]
