"""Checking the entity actions a received interview carries, before it may be merged.

A record's ``entities`` (docs/bundle-format.md, "Entities") say what its interview did
to the network's entity lists: create a household, update a person. A signed bundle
proves the actions come from that laptop, not that they are right, so each one is
checked on the coordinator (a failing record waits in the quarantine, the entity
lists unchanged):

- shape and limits: at most ``MAX_ACTIONS`` actions, a list name of the documented
  form, a label of at most ``MAX_LABEL`` characters, at most ``MAX_PROPERTIES``
  properties of at most ``MAX_VALUE`` characters each, no control characters, one
  action per entity;
- a create's id derives from the sending laptop and the nonce it carries
  (:func:`fieldsurvey.forms.entity_model.entity_id_for`), and no entity of another
  interview has it already (an id collision: only a forged or broken laptop makes one);
- an update names an entity the coordinator holds (deleted or merged ones too: the
  merge makes those a conflict): a laptop cannot update what it was never sent. Every
  laptop of a campaign holds the entities of all its wards, so any entity held may have
  reached it;
- the label and properties are what the form gives for the record's answers
  (``check_entity_actions`` of :mod:`fieldsurvey.forms.entity_actions` re-derives them
  with the form version the record names), so a laptop cannot write values the
  interview does not hold.

Every reason is an ``entity.quarantine.*`` code with names and counts only, never a
value (``messages/entity_texts.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fieldsurvey.errors import FieldSurveyError
from fieldsurvey.forms.engine_check import CheckPlan
from fieldsurvey.forms.entity_model import EntityAction, entity_id_for
from fieldsurvey.store import entities as entity_store
from fieldsurvey.store import entity_tables as limits
from fieldsurvey.store.database import Database
from fieldsurvey.sync.record_checks import Problem, bad_character

_NONCE = re.compile(r"[0-9a-f]{32}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_PATH = re.compile(r"(?:[A-Za-z_][A-Za-z0-9_.-]*(?:\[[1-9][0-9]{0,5}\])?/?){0,32}")

#: The limits: the store's (one place for the laptop, the merge and receipts).
LIST_NAME = limits.LIST_NAME
MAX_ACTIONS = limits.MAX_ACTIONS
MAX_LABEL = limits.MAX_LABEL_CHARS
MAX_PROPERTIES = limits.MAX_PROPERTIES
MAX_VALUE = limits.MAX_VALUE_CHARS


def _problem(code: str, **params: Any) -> Problem:
    return Problem(f"entity.quarantine.{code}", params)


def parse_actions(raw: list[dict[str, Any]]) -> list[EntityAction] | Problem:
    """The actions of a record, or why they are malformed or over the limits."""
    if len(raw) > MAX_ACTIONS:
        return _problem("too_many_actions", count=len(raw), max=MAX_ACTIONS)
    actions: list[EntityAction] = []
    seen: set[tuple[str, str]] = set()
    for number, data in enumerate(raw, 1):
        try:
            action = EntityAction.from_json(data)
            if set(data) - _KEYS:
                raise ValueError("unknown key")
        except (KeyError, TypeError, ValueError):
            return _problem("malformed", number=number)
        problem = _shape_problem(action, number)
        if problem is not None:
            return problem
        key = (action.list_name, action.entity_id)
        if key in seen:
            return _problem("twice", number=number, list=action.list_name)
        seen.add(key)
        actions.append(action)
    return actions


_KEYS = frozenset(
    ("list", "id", "verb", "label", "properties", "path", "nonce", "base_version",
     "trunk_version", "branch_id")
)  # fmt: skip


def _shape_problem(action: EntityAction, number: int) -> Problem | None:
    if not LIST_NAME.match(action.list_name):
        return _problem("bad_list_name", number=number)
    entity_id = action.entity_id
    if not entity_id.strip() or len(entity_id) > limits.MAX_ID_CHARS:
        return _problem("malformed", number=number)
    if bad_character(entity_id, frozenset()):
        return _problem("malformed", number=number)
    if len(action.path) > 1000 or not _PATH.fullmatch(action.path):
        return _problem("malformed", number=number)
    name = action.list_name
    if action.label is not None:
        if len(action.label) > MAX_LABEL:
            return _problem("label_too_long", number=number, list=name, max=MAX_LABEL)
        if bad_character(action.label):  # a newline may come from a text answer
            return _problem("control_character", number=number, list=name)
    if len(action.properties) > MAX_PROPERTIES:
        return _problem(
            "too_many_properties", number=number, list=name, count=len(action.properties),
            max=MAX_PROPERTIES,
        )  # fmt: skip
    for key, value in action.properties.items():
        if not limits.PROPERTY_NAME.match(key) or key in limits.RESERVED_PROPERTIES:
            return _problem("bad_property", number=number, list=name)
        if len(value) > MAX_VALUE:
            return _problem("value_too_long", number=number, list=name, property=key,
                            max=MAX_VALUE)  # fmt: skip
        if bad_character(value):
            return _problem("control_character", number=number, list=name)
    if action.verb == "create":
        if action.nonce is None or not _NONCE.fullmatch(action.nonce) or action.label is None:
            return _problem("malformed", number=number)
        if action.base_version is not None or action.branch_id is not None:
            return _problem("malformed", number=number)
        if not action.label.strip():
            return _problem("malformed", number=number)
    else:
        if action.nonce is not None or action.base_version is None or action.base_version < 1:
            return _problem("malformed", number=number)
        # (the trunk may be past the base: a receipt moved it while a local update waited)
        if action.trunk_version is not None and action.trunk_version < 1:
            return _problem("malformed", number=number)
        if action.branch_id is not None and not _UUID.fullmatch(action.branch_id):
            return _problem("malformed", number=number)
    return None


def check_entities(
    db: Database, plan: CheckPlan | bool, uuid: str, device_id: str, answers: dict[str, Any],
    raw: list[dict[str, Any]],
    derive: Callable[..., None] | None = None,
) -> Problem | None:  # fmt: skip
    """None if the actions ``raw`` of record ``uuid`` (sent by ``device_id``) may be
    merged, else why not. ``plan`` is the record's form (True: a stored definition that
    is not a form, which cannot vouch for any action)."""
    if not raw:
        return None
    parsed = parse_actions(raw)
    if isinstance(parsed, Problem):
        return parsed
    for number, action in enumerate(parsed, 1):
        problem = _held_problem(db, action, number, uuid, device_id)
        if problem is not None:
            return problem
    if not isinstance(plan, CheckPlan):
        return _problem("form_has_no_entities")
    return _derived_problem(plan, answers, parsed, device_id, derive)


def _held_problem(
    db: Database, action: EntityAction, number: int, uuid: str, device_id: str
) -> Problem | None:
    """What the coordinator holds says no: a create's id not bound to the sender or
    already another interview's, an update of an entity not held or not the sender's."""
    name = action.list_name
    if action.verb == "create":
        assert action.nonce is not None  # checked by _shape_problem
        if entity_id_for(device_id, action.nonce) != action.entity_id:
            return _problem("not_bound", number=number, list=name)
        held = entity_store.get_entity(db, name, action.entity_id)
        if held is not None and held.interview_uuid != uuid:
            return _problem("id_collision", number=number, list=name)
        return None
    held = entity_store.get_entity(db, name, action.entity_id)
    if held is None:
        return _problem("unknown_entity", number=number, list=name)
    return None


def _derived_problem(
    plan: CheckPlan,
    answers: dict[str, Any],
    actions: list[EntityAction],
    device_id: str,
    derive: Callable[..., None] | None,
) -> Problem | None:
    """The form, given the record's answers, makes these actions (labels, properties,
    ids of updates): ``check_entity_actions`` raises EntityError otherwise."""
    if derive is None:
        from fieldsurvey.forms.entity_actions import check_entity_actions

        derive = check_entity_actions
    try:
        derive(plan.form, answers, actions, device_id)
    except FieldSurveyError as exc:
        params = {k: str(v) for k, v in exc.params.items()}
        if exc.code.startswith("entity."):
            return Problem(exc.code, params)
        return _problem("not_derived", reason=exc.code)
    except (RecursionError, ValueError, TypeError, ArithmeticError):
        return _problem("not_derived", reason="error")
    return None
