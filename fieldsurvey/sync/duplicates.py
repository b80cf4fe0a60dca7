"""Likely duplicate households across laptops: listed for review, never merged.

Two rules: the same ward and household id; or the same respondent name, age and
phone (phone compared only when both records have one). Names are compared after
folding case and spaces; which answers are the name, age and phone:
:mod:`fieldsurvey.store.person_keys`.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import Literal

from pydantic import BaseModel

from fieldsurvey.store import person_keys, report_rows
from fieldsurvey.store.workspace import Workspace


class DuplicateGroup(BaseModel):
    rule: Literal["ward+household", "name+age+phone"]
    key: str  # ward/household, or "name|age" (shown only to the coordinator)
    uuids: list[str]
    devices: list[str]


def household_duplicates(
    ws: Workspace, keys: Iterable[tuple[str, str]] | None = None
) -> list[DuplicateGroup]:
    """Groups sharing ward and household id (only the (ward, household id) ``keys`` if
    given), grouped here from the rows of the covering household index
    (:func:`fieldsurvey.store.report_rows.household_members`)."""
    shared = []
    # the rows come in (ward, household id) order: each group is a run of rows, and only
    # the groups of two or more are kept (1,000,000 households held in a dict, sorted and
    # freed at once held the GIL for seconds: the window froze while the tab was read)
    rows = report_rows.household_members(ws, keys)
    for (ward, household), run in groupby(rows, key=itemgetter(0, 1)):
        members = [(uuid, device) for _, _, uuid, device in run]
        if len(members) > 1:
            shared.append(
                DuplicateGroup(
                    rule="ward+household",
                    key=f"{ward}/{household}",
                    uuids=sorted(uuid for uuid, _ in members),
                    devices=sorted({device for _, device in members}),
                )
            )
    return shared


def person_duplicates(ws: Workspace) -> list[DuplicateGroup]:
    """Groups with the same respondent name and age (and phone, where both have one).

    Read as runs of the covering index of the respondents' keys, kept by the writers
    (:mod:`fieldsurvey.store.person_keys`): no answer document is read, no dict of
    every person is built, no sort. Interviews whose keys nobody worked out (a write path
    that does not keep them) are read from their documents and merged in, in order."""
    rows: Iterator[_Person] = person_keys.people(ws)
    unknown = _from_documents(ws)
    if unknown:
        rows = heapq.merge(rows, unknown)
    groups = []
    for (name, age), run in groupby(rows, key=itemgetter(0, 1)):
        members = list(run)
        if len(members) < 2:
            continue
        phones = {phone for *_, phone in members if phone}
        if len(phones) > 1:
            continue
        groups.append(
            DuplicateGroup(
                rule="name+age+phone",
                key=f"{name}|{age}",
                uuids=sorted(uuid for _, _, uuid, _, _ in members),
                devices=sorted({device for _, _, _, device, _ in members}),
            )
        )
    return groups


#: (name, age, uuid, device id, phone), in the index's order
_Person = tuple[str, str, str, str, str]


def _from_documents(ws: Workspace) -> list[_Person]:
    """The people of the interviews whose keys are not known, from their documents
    (the rule itself: person_keys.person_key), sorted as the index is."""
    found = []
    for uuid, device, respondent, answers in person_keys.unknown_documents(ws):
        key = person_keys.person_key(respondent, json.loads(answers))
        if key is not None:
            found.append((key.name, key.age, uuid, device, key.phone))
    found.sort()
    return found


def all_duplicates(ws: Workspace) -> list[DuplicateGroup]:
    return household_duplicates(ws) + person_duplicates(ws)
