"""Installed form definitions: plain storage, filled by the form loader.

A form is identified by ``form_id`` and ``version`` (both text, as in XLSForm's settings
sheet). ``definition`` is the compiled form as JSON text, ``hash`` its content hash (the
loader decides what it hashes). Saving the same id and version again with the same hash
is a no-op; with a different hash it is refused unless ``replace=True``.

API:
    FormInfo (form_id, version, hash, added); StoredForm (+ definition: str)
    save_form(ws, form_id, version, definition_json, hash, *, replace=False) -> Changes
    get_form(ws, form_id, version=None) -> StoredForm  (latest added when version is None)
    is_installed(ws, form_id, version) -> bool
    list_forms(ws) -> list[FormInfo]
    delete_form(ws, form_id, version) -> Changes
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel

from fieldsurvey.changes import Changes
from fieldsurvey.errors import FormDefinitionError, FormNotFoundError
from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace


class FormInfo(BaseModel):
    form_id: str
    version: str
    hash: str
    added: str


class StoredForm(FormInfo):
    definition: str


@storage_errors
def save_form(
    ws: Workspace,
    form_id: str,
    version: str,
    definition_json: str,
    hash: str,
    *,
    replace: bool = False,
) -> Changes:
    """Store a form version (see module docstring for repeats)."""
    if not form_id or not version:
        raise FormDefinitionError("store.form_needs_id_and_version")
    with ws.transaction() as db:
        row = db.execute(
            "SELECT hash FROM forms WHERE form_id = ? AND version = ?", [form_id, version]
        ).fetchone()
        if row is not None and row[0] == hash:
            return Changes()
        if row is not None and not replace:
            raise FormDefinitionError(
                "store.form_version_differs", form_id=form_id, version=version
            )
        db.execute(
            "INSERT INTO forms (form_id, version, definition, hash, added) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(form_id, version) DO UPDATE SET definition = excluded.definition, "
            "hash = excluded.hash, added = excluded.added",
            [form_id, version, definition_json, hash, datetime.now(UTC).isoformat()],
        )
    return Changes(forms=[form_id])


@storage_errors
def get_form(ws: Workspace, form_id: str, version: str | None = None) -> StoredForm:
    """One form version, or the most recently added version of ``form_id``."""
    sql = "SELECT form_id, version, hash, added, definition FROM forms WHERE form_id = ?"
    params = [form_id]
    if version is not None:
        sql += " AND version = ?"
        params.append(version)
    row = ws.db.execute(sql + " ORDER BY added DESC, rowid DESC LIMIT 1", params).fetchone()
    if row is None and version is None:
        raise FormNotFoundError("store.form_not_installed", form_id=form_id)
    if row is None:
        raise FormNotFoundError(
            "store.form_version_not_installed", form_id=form_id, version=version
        )
    return StoredForm(form_id=row[0], version=row[1], hash=row[2], added=row[3], definition=row[4])


@storage_errors
def is_installed(ws: Workspace, form_id: str, version: str) -> bool:
    """Whether this version of ``form_id`` is installed in the workspace."""
    row = ws.db.execute(
        "SELECT 1 FROM forms WHERE form_id = ? AND version = ?", [form_id, version]
    ).fetchone()
    return row is not None


@storage_errors
def list_forms(ws: Workspace) -> list[FormInfo]:
    """All installed form versions, by id then order added."""
    rows = ws.db.execute(
        "SELECT form_id, version, hash, added FROM forms ORDER BY form_id, added, rowid"
    ).fetchall()
    return [FormInfo(form_id=r[0], version=r[1], hash=r[2], added=r[3]) for r in rows]


@storage_errors
def delete_form(ws: Workspace, form_id: str, version: str) -> Changes:
    """Remove one form version (interviews keep their answers)."""
    with ws.transaction() as db:
        cursor = db.execute(
            "DELETE FROM forms WHERE form_id = ? AND version = ?", [form_id, version]
        )
        if cursor.rowcount == 0:
            raise FormNotFoundError(
                "store.form_version_not_installed", form_id=form_id, version=version
            )
    return Changes(forms=[form_id])
