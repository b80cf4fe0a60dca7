"""Likely duplicate households across laptops: listed for review, never merged.

Two rules: the same ward and household id; or the same respondent name, age and
phone (phone compared only when both records have one). Names are compared after
folding case and spaces.
"""

from __future__ import annotations

import heapq
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any, Literal

from pydantic import BaseModel

from fieldsurvey.store import report_rows
from fieldsurvey.store.workspace import Workspace

NAME_FIELDS = ("resp_name", "respondent_name")
AGE_FIELDS = ("resp_age", "respondent_age")
PHONE_FIELDS = ("phone", "resp_phone", "phone_number")

#: (name, age) and the (uuid, device, phone) of each person sharing them
_Bucket = tuple[tuple[str, str], list[tuple[str, str, str]]]


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


def _leaf(doc: Any, names: tuple[str, ...]) -> Any:
    """First answer named one of ``names`` anywhere in the document (not in repeats)."""
    if not isinstance(doc, dict):
        return None
    for name in names:
        if doc.get(name) not in (None, ""):
            return doc[name]
    for value in doc.values():
        if isinstance(value, dict):
            found = _leaf(value, names)
            if found is not None:
                return found
    return None


def _fold(text: Any) -> str:
    return " ".join(str(text).casefold().split())


def person_duplicates(ws: Workspace) -> list[DuplicateGroup]:
    """Groups with the same respondent name and age (and phone, where both have one)."""
    buckets: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for uuid, device, respondent, answers in report_rows.respondent_documents(ws):
        doc = json.loads(answers)
        name = _fold(respondent or _leaf(doc, NAME_FIELDS) or "")
        age = _leaf(doc, AGE_FIELDS)
        if not name or age is None:
            continue
        phone = _fold(_leaf(doc, PHONE_FIELDS) or "")
        buckets[(name, str(age))].append((uuid, device, phone))
    groups = []
    shared = [item for item in buckets.items() if len(item[1]) > 1]
    for (name, age), members in _in_order(shared):
        phones = {p for _, _, p in members if p}
        if len(phones) > 1:
            continue
        groups.append(
            DuplicateGroup(
                rule="name+age+phone",
                key=f"{name}|{age}",
                uuids=sorted(u for u, _, _ in members),
                devices=sorted({d for _, d, _ in members}),
            )
        )
    while buckets:  # freed a few at a time: a million freed at once holds the GIL
        buckets.popitem()
    return groups


def _in_order(items: list[_Bucket], size: int = 20_000) -> Iterator[_Bucket]:
    """``items`` sorted, a run of ``size`` at a time then merged: one sort of 300,000
    keys (the people sharing name and age at 1,000,000 interviews) held the GIL for a
    third of a second, freezing the window; a run's sort takes a few milliseconds."""
    runs = [sorted(items[at : at + size]) for at in range(0, len(items), size)]
    return heapq.merge(*runs)


def all_duplicates(ws: Workspace) -> list[DuplicateGroup]:
    return household_duplicates(ws) + person_duplicates(ws)
