"""Forms installed in a workspace, ready to run: definition JSON -> FormSpec -> CompiledForm.

Compiling a form takes a moment (parsing every expression, building the dependency
graph), so compiled forms are kept in memory by the stored definition's hash.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from fieldsurvey.forms.engine import CompiledForm, FormEngine
from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.resources import resource_path
from fieldsurvey.store import forms as forms_store

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

DEFAULT_FORM_FILE = ("forms", "migrant_household.xlsx")

_lock = threading.Lock()
_compiled: dict[str, CompiledForm] = {}


def compiled_form(ws: Workspace, form_id: str, version: str | None = None) -> CompiledForm:
    """The compiled form ``form_id`` (a given version, or the newest installed one)."""
    stored = forms_store.get_form(ws, form_id, version)
    key = stored.hash or f"{stored.form_id}@{stored.version}"
    with _lock:
        cached = _compiled.get(key)
    if cached is not None:
        return cached
    compiled = FormEngine.build(FormSpec.model_validate_json(stored.definition))
    with _lock:
        _compiled[key] = compiled
    return compiled


def newest_forms(ws: Workspace) -> list[tuple[forms_store.FormInfo, FormSpec]]:
    """The newest installed version of each form, with its spec, by form id."""
    newest: dict[str, forms_store.FormInfo] = {}
    for info in forms_store.list_forms(ws):  # ordered by id, then by when it was added
        newest[info.form_id] = info
    return [
        (info, FormSpec.model_validate_json(forms_store.get_form(ws, fid, info.version).definition))
        for fid, info in newest.items()
    ]


def install_spec(ws: Workspace, spec: FormSpec, *, replace: bool = False) -> bool:
    """Store ``spec`` in the workspace; True if it was new (False: already there)."""
    changes = forms_store.save_form(
        ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash, replace=replace
    )
    return bool(changes.forms)


def install_default_form(ws: Workspace) -> FormSpec:
    """Install the shipped migrant household survey (first start of a workspace)."""
    spec = load_form(resource_path(*DEFAULT_FORM_FILE))
    install_spec(ws, spec)
    return spec
