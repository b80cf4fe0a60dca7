"""What a completed interview does to entity lists, as ODK Collect works it out offline.

:func:`entity_actions` evaluates each of the form's entity declarations
(:class:`~fieldsurvey.forms.entity_model.EntityDeclaration`) on the answers, once for the
interview or once per instance of its repeat, as Collect's
``EntityFormFinalizationProcessor`` does:

- ``create`` / ``update`` act when their expression (``create_if`` / ``update_if``; none:
  always) reads ``"1"`` or ``"true"`` as text (JavaRosa's ``boolStr``: ``${size} > 0``
  reads ``true``); when both do, nothing happens (Collect 2024.3+), nor when neither does.
- an entity is created only with a label that is not blank (Central refuses a create
  without one; Collect does not create it); an update whose label is blank or not
  declared keeps the entity's label (``label`` None).
- the properties are the ``save_to`` questions that are relevant, as text (numbers as
  ``5``/``2.5``, dates ``2024-03-01``, several choices ``a b``; ``''`` for no answer); a
  question that is not relevant is left out, so an update leaves that property as it was.
- an update acts on the id its ``entity_id`` expression gives (``''``: no action). Its
  base version, trunk version and branch come from the list the laptop holds
  (:class:`EntitySource`): an id the laptop does not hold raises
  ``EntityError("entity.unknown_entity")``.
- a create's id is bound to the laptop (:func:`entity_id_for` with a random nonce), not
  the form's ``uuid()``; a re-completed interview keeps the ids, nonces and base versions
  of its earlier actions (``previous``) for the same list and place (``path``), so it
  acts on the same entities again.

:func:`check_entity_actions` is the coordinator's check of received actions: they must
be what the answers give (ids bound to the sending laptop, same labels and properties).

API:
    entity_actions(form, answers, *, device_id, previous, source) -> list[EntityAction]
    check_entity_actions(form, answers, actions, device_id, *, source=None) -> None
    compile_declarations(form) -> list[CompiledDeclaration]   (cached on the form)
    is_true(text) -> bool                                      JavaRosa's boolStr
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from fieldsurvey.errors import EntityError, ExpressionError
from fieldsurvey.forms.entity_model import (
    EntityAction,
    EntityDeclaration,
    EntitySource,
    entity_id_for,
)
from fieldsurvey.forms.expression_compiler import CompiledExpr, compile_expression
from fieldsurvey.forms.instance import Item, Template
from fieldsurvey.forms.xpath_values import format_number, to_string

if TYPE_CHECKING:
    from fieldsurvey.forms.engine import CompiledForm
    from fieldsurvey.forms.engine_session import Session

_LOGIC_ATTRIBUTE = "_entity_declarations"
#: Expressions whose value depends on the lists a laptop holds at the time (not re-derived
#: by the coordinator, whose lists have moved on).
_READS_LISTS = ("instance(", "pulldata(")


@dataclass(frozen=True)
class CompiledDeclaration:
    """One declaration with its expressions compiled for the form's engine."""

    declaration: EntityDeclaration
    #: the repeat whose instances each act on one entity; the form's root otherwise
    owner: Template
    label: CompiledExpr | None
    create_if: CompiledExpr | None
    update_if: CompiledExpr | None
    entity_id: CompiledExpr | None


def is_true(text: str) -> bool:
    """JavaRosa's ``boolStr``: ``"true"`` (any case) or ``"1"``."""
    return text.lower() == "true" or text == "1"


def compile_declarations(form: CompiledForm) -> list[CompiledDeclaration]:
    """The form's declarations compiled (once per compiled form); ExpressionError names
    the expression when one does not compile (the loader checked them: see
    :func:`check_declarations`)."""
    cached = getattr(form, _LOGIC_ATTRIBUTE, None)
    if isinstance(cached, list):
        return cached
    out: list[CompiledDeclaration] = []
    for decl in form.spec.entities:
        owner = form.by_path.get(decl.repeat) if decl.repeat else form.root
        owner = owner or form.root

        def compiled(text: str | None, owner: Template = owner) -> CompiledExpr | None:
            return compile_expression(text, owner, form.scope) if text else None

        out.append(
            CompiledDeclaration(
                declaration=decl,
                owner=owner,
                label=compiled(decl.label),
                create_if=compiled(decl.create_if),
                update_if=compiled(decl.update_if),
                entity_id=compiled(decl.entity_id),
            )
        )
    setattr(form, _LOGIC_ATTRIBUTE, out)
    return out


def check_declarations(form: CompiledForm) -> list[tuple[EntityDeclaration, str, ExpressionError]]:
    """Each declaration expression that does not compile: (declaration, column, error)."""
    problems: list[tuple[EntityDeclaration, str, ExpressionError]] = []
    for decl in form.spec.entities:
        owner = (form.by_path.get(decl.repeat) if decl.repeat else form.root) or form.root
        for column in ("label", "create_if", "update_if", "entity_id"):
            text = getattr(decl, column)
            if not text:
                continue
            try:
                compile_expression(text, owner, form.scope)
            except ExpressionError as exc:
                problems.append((decl, column, exc))
    return problems


def entity_actions(
    compiled_form: CompiledForm,
    answers: dict[str, Any],
    *,
    device_id: str,
    previous: list[EntityAction],
    source: EntitySource | None,
) -> list[EntityAction]:
    """The entity creates and updates of an interview completed with ``answers`` on
    ``device_id`` (see the module docstring). ``previous``: the actions of its earlier
    completion (ids, nonces and base versions kept); ``source``: the lists the laptop
    holds (also what ``instance('list')`` reads while the answers are evaluated; the
    shared ``compiled_form`` is left as it is)."""
    if not compiled_form.spec.entities:
        return []
    from fieldsurvey.forms.xpath_attachments import with_entities

    declarations = compile_declarations(compiled_form)
    session = with_entities(compiled_form, source).session(answers)
    earlier = {(a.list_name, a.path): a for a in previous}
    out: list[EntityAction] = []
    for logic in declarations:
        for item in _instances(session, logic.owner):
            action = _action(session, logic, item, device_id, earlier, source)
            if action is not None:
                out.append(action)
    return out


def _instances(session: Session, owner: Template) -> list[Item]:
    """The relevant instances of ``owner`` (the root: the interview itself)."""
    root = session.root()
    if owner.kind == "root":
        return [root]
    return [item for item in root.walk() if item.tpl is owner and item.rel and not item.dead]


def _text(session: Session, expr: CompiledExpr | None, item: Item, column: str) -> str:
    if expr is None:
        return ""
    value = session._evaluate(expr, item, column, "")
    try:
        return to_string(value)
    except ExpressionError:
        return ""


def _action(
    session: Session,
    logic: CompiledDeclaration,
    item: Item,
    device_id: str,
    earlier: dict[tuple[str, str], EntityAction],
    source: EntitySource | None,
    *,
    verb: str | None = None,
    blank_label: bool = False,
) -> EntityAction | None:
    """The action of one declaration at ``item``; ``verb``: taken as given instead of
    evaluating create_if/update_if; ``blank_label``: a create without a label counts."""
    decl = logic.declaration
    if verb is not None:
        creates, updates = verb == "create", verb == "update"
    else:
        creates = decl.creates and (
            logic.create_if is None or is_true(_text(session, logic.create_if, item, "create_if"))
        )
        updates = decl.updates and (
            logic.update_if is None or is_true(_text(session, logic.update_if, item, "update_if"))
        )
    if creates == updates:  # neither, or both (Collect then does nothing)
        return None
    label = _text(session, logic.label, item, "label").strip() if logic.label else ""
    path = item.label_path()
    before = earlier.get((decl.list_name, path))
    properties = _properties(session, decl, item)
    if creates:
        if not label and not blank_label:
            return None
        if before is not None and before.verb == "create" and before.nonce:
            nonce = before.nonce
        else:
            nonce = secrets.token_hex(16)
        return EntityAction(
            list_name=decl.list_name,
            entity_id=entity_id_for(device_id, nonce),
            verb="create",
            label=label,
            properties=properties,
            path=path,
            nonce=nonce,
        )
    entity_id = _text(session, logic.entity_id, item, "entity_id").strip()
    if not entity_id:
        return None
    if before is not None and before.verb == "update" and before.entity_id == entity_id:
        base, trunk, branch = before.base_version, before.trunk_version, before.branch_id
    elif source is not None:
        row = source.get(decl.list_name, entity_id)
        if row is None:
            raise EntityError("entity.unknown_entity", list=decl.list_name)
        base, trunk = row.version, row.trunk_version
        branch = row.branch_id or str(uuid.uuid4())
    else:
        base = trunk = None
        branch = None
    return EntityAction(
        list_name=decl.list_name,
        entity_id=entity_id,
        verb="update",
        label=label or None,
        properties=properties,
        path=path,
        base_version=base,
        trunk_version=trunk,
        branch_id=branch,
    )


def _properties(session: Session, decl: EntityDeclaration, item: Item) -> dict[str, str]:
    """The relevant ``save_to`` answers of the entity at ``item``, as text."""
    out: dict[str, str] = {}
    for prop, path in decl.properties.items():
        field = _field(session, item, path)
        if field is not None and field.rel:
            out[prop] = answer_text(field.xval)
    return out


def _field(session: Session, item: Item, path: str) -> Item | None:
    """The instance of the question at ``path`` for the entity at ``item``: inside the
    same repeat instance, else the first one in the interview."""
    for scope in (item, session.root()):
        for found in scope.walk():
            if found.tpl.path == path and not found.dead:
                return found
    return None


def answer_text(xval: Any) -> str:
    """An answer as ODK writes it in a submission (what an entity property holds)."""
    if isinstance(xval, bool):
        return "true" if xval else "false"
    if isinstance(xval, float):
        return format_number(xval)
    if isinstance(xval, datetime):
        return xval.isoformat(timespec="milliseconds")
    if isinstance(xval, date):
        return xval.isoformat()
    return "" if xval is None else str(xval)


# --- the coordinator's check ---------------------------------------------------------------
def check_entity_actions(
    compiled_form: CompiledForm,
    answers: dict[str, Any],
    actions: list[EntityAction],
    device_id: str,
    *,
    source: EntitySource | None = None,
) -> None:
    """EntityError unless ``actions`` are what ``answers`` give on ``device_id``: the same
    entities (list, place, create or update, id), each create's id bound to the device by
    its nonce, the same labels and properties.

    What the form read from a list (an ``instance()`` or ``pulldata()`` in the expression,
    or in the calculation of a question it refers to) cannot be worked out again: the
    lists have moved on since the laptop read them. Such a label or property is not
    compared, and when ``create_if``/``update_if`` read a list the interview's own choice
    (create, update or nothing) is taken. Base versions are not checked here (the store's
    merge decides what an old base means). ``source``: the lists to read, if any."""
    for action in actions:
        if action.verb == "create" and (
            not action.nonce or action.entity_id != entity_id_for(device_id, action.nonce)
        ):
            raise EntityError("entity.id_not_bound", list=action.list_name)
    given: dict[tuple[str, str], EntityAction] = {}
    for action in actions:
        key = (action.list_name, action.path)
        if key in given:
            raise EntityError("entity.action_unexpected", list=key[0], path=_where(action))
        given[key] = action
    if not compiled_form.spec.entities:
        for extra in given.values():
            raise EntityError("entity.action_unexpected", list=extra.list_name, path=_where(extra))
        return
    from fieldsurvey.forms.xpath_attachments import with_entities

    declarations = compile_declarations(compiled_form)
    session = with_entities(compiled_form, source).session(answers)
    for logic in declarations:
        decl = logic.declaration
        chosen = reads_lists(compiled_form, decl.create_if) or reads_lists(
            compiled_form, decl.update_if
        )
        label_unknown = reads_lists(compiled_form, decl.label)
        for item in _instances(session, logic.owner):
            key = (decl.list_name, item.label_path())
            got = given.pop(key, None)
            verb = got.verb if chosen and got is not None else None
            if verb is not None and not (decl.creates if verb == "create" else decl.updates):
                raise _differ(decl.list_name, key[1], "verb")
            earlier = {key: got} if got is not None else {}
            want = _action(session, logic, item, device_id, earlier, None, verb=verb,
                           blank_label=label_unknown)  # fmt: skip
            if want is None and got is None:
                continue
            if want is None:
                raise EntityError("entity.action_unexpected", list=key[0], path=key[1] or "/")
            if got is None:
                if chosen:
                    continue  # the laptop's condition, read from its lists, said no
                raise EntityError("entity.action_missing", list=key[0], path=key[1] or "/")
            _compare(compiled_form, decl, want, got, label_unknown)
    for extra in given.values():
        raise EntityError("entity.action_unexpected", list=extra.list_name, path=_where(extra))


def _where(action: EntityAction) -> str:
    return action.path or "/"


def _differ(list_name: str, path: str, field: str) -> EntityError:
    return EntityError("entity.action_mismatch", list=list_name, path=path or "/", field=field)


def _compare(
    form: CompiledForm,
    decl: EntityDeclaration,
    want: EntityAction,
    got: EntityAction,
    label_unknown: bool,
) -> None:
    if want.verb != got.verb:
        raise _differ(want.list_name, want.path, "verb")
    if want.entity_id != got.entity_id:
        raise _differ(want.list_name, want.path, "id")
    if not label_unknown and want.label != got.label:
        raise _differ(want.list_name, want.path, "label")
    for name in sorted(set(want.properties) | set(got.properties)):
        path = decl.properties.get(name)
        if path is None:  # not a property the form saves
            raise _differ(want.list_name, want.path, name)
        if (name in want.properties) != (name in got.properties):  # relevance differs
            raise _differ(want.list_name, want.path, name)
        if reads_lists(form, f"${{{path.rsplit('/', 1)[-1]}}}"):
            continue
        if want.properties.get(name) != got.properties.get(name):
            raise _differ(want.list_name, want.path, name)


_REF = re.compile(r"\$\{\s*([^}\s]+)\s*\}")


def reads_lists(form: CompiledForm, text: str | None) -> bool:
    """Whether an expression reads an entity list or a file, itself or through the
    calculations (and defaults) of the questions it refers to."""
    seen: set[str] = set()
    stack = [text or ""]
    by_name = form.spec.by_name() if text and "${" in text else {}
    while stack:
        current = stack.pop()
        if any(word in current for word in _READS_LISTS):
            return True
        for name in _REF.findall(current):
            node = by_name.get(name)
            if node is None or name in seen:
                continue
            seen.add(name)
            stack.extend(t for t in (node.bind.calculation, node.bind.default) if t)
    return False


def lists_used(actions: Iterable[EntityAction]) -> list[str]:
    """The list names ``actions`` touch, first use first."""
    return list(dict.fromkeys(a.list_name for a in actions))


__all__ = [
    "CompiledDeclaration",
    "answer_text",
    "check_declarations",
    "check_entity_actions",
    "compile_declarations",
    "entity_actions",
    "is_true",
    "lists_used",
    "reads_lists",
]
