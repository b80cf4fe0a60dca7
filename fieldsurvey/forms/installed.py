"""Forms installed in a workspace, ready to run: definition JSON -> FormSpec -> CompiledForm.

Compiling a form takes a moment (parsing every expression, building the dependency
graph), so compiled forms are kept in memory by the stored definition's hash and the
hashes of its attachments, which the compiled form carries (``xpath_attachments``).

Publishing or installing a form file takes its attachments from beside it
(:func:`install_form_file`; ``forms/attachments.py`` says where it looks).

The engine and the XLSForm loader (pyxform, openpyxl) are imported when a form is first
compiled or loaded, in the task that does it: importing this module (as the main
window does) stays cheap (docs/benchmarks.md, "Start-up").
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fieldsurvey.forms.attachments import FormFile, FormFiles, Reference, gather
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.resources import resource_path
from fieldsurvey.store import forms as forms_store

if TYPE_CHECKING:
    from fieldsurvey.forms.engine import CompiledForm
    from fieldsurvey.store.workspace import Workspace

DEFAULT_FORM_FILE = ("forms", "migrant_household.xlsx")

_lock = threading.Lock()
_compiled: dict[str, CompiledForm] = {}


def compiled_form(ws: Workspace, form_id: str, version: str | None = None) -> CompiledForm:
    """The compiled form ``form_id`` (a given version, or the newest installed one)."""
    stored = forms_store.get_form(ws, form_id, version)
    held = forms_store.list_attachments(ws, stored.form_id, stored.version)
    key = "|".join([stored.hash or f"{stored.form_id}@{stored.version}",
                    *(f"{a.name}={a.sha256}" for a in held)])  # fmt: skip
    with _lock:
        cached = _compiled.get(key)
    if cached is not None:
        return cached
    from fieldsurvey.forms.engine import FormEngine
    from fieldsurvey.forms.xpath_attachments import use_files

    compiled = FormEngine.build(FormSpec.model_validate_json(stored.definition))
    if held:
        files = forms_store.read_attachments(ws, stored.form_id, stored.version)
        use_files(compiled, FormFiles(FormFile(f.name, f.data, f.sha256) for f in files))
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


def install_spec(
    ws: Workspace, spec: FormSpec, *, replace: bool = False, files: Sequence[FormFile] = ()
) -> bool:
    """Store ``spec`` (and its attachments ``files``) in the workspace; True if anything
    was new (False: already there)."""
    changes = forms_store.save_form(
        ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash,
        replace=replace, attachments=stored_attachments(files),
    )  # fmt: skip
    return bool(changes.forms)


def stored_attachments(files: Sequence[FormFile]) -> list[forms_store.Attachment]:
    return [
        forms_store.Attachment(name=f.name, sha256=f.sha256, size=f.size, data=f.data)
        for f in files
    ]


@dataclass
class InstalledFile:
    """What :func:`install_form_file` did: the form, whether anything was new, the
    attachments stored with it and the references no file was found for."""

    spec: FormSpec
    changed: bool
    attachments: list[str] = field(default_factory=list)
    missing: list[Reference] = field(default_factory=list)


def install_form_file(
    ws: Workspace,
    path: Path,
    *,
    spec: FormSpec | None = None,
    attach: Path | None = None,
    replace: bool = False,
) -> InstalledFile:
    """Install (publish, on the coordinator) the XLSForm at ``path`` with the files it
    references, found in ``attach`` or beside the form (``attachments.gather``).
    ``spec``: the form already loaded from ``path`` (e.g. given a version), else it is
    loaded here. A missing file is reported, not refused: ODK Central publishes such a
    form too, and ``form check`` names them before."""
    if spec is None:
        from fieldsurvey.forms.loader import load_form

        spec = load_form(path)
    found = gather(path, spec, attach)
    changed = install_spec(ws, spec, replace=replace, files=found.files)
    return InstalledFile(spec, changed, [f.name for f in found.files], found.missing)


def install_default_form(ws: Workspace) -> FormSpec:
    """Install the shipped migrant household survey (first start of a workspace)."""
    from fieldsurvey.forms.loader import load_form

    spec = load_form(resource_path(*DEFAULT_FORM_FILE))
    install_spec(ws, spec)
    return spec
