"""Installed form definitions: plain storage, filled by the form loader.

A form is identified by ``form_id`` and ``version`` (both text, as in XLSForm's settings
sheet). ``definition`` is the compiled form as JSON text, ``hash`` its content hash (the
loader decides what it hashes). Saving the same id and version again with the same hash
is a no-op; with a different hash it is refused unless ``replace=True``.

A version's attachments (the CSV, XML, GeoJSON and media files it references; see
``forms/attachments.py``) are kept with it: each file once by its SHA-256 in
``form_attachment_blobs``, named per version in ``form_attachments``. A version's
attachments are fixed once saved: saving it again may add the files it lacks, while a
file of the same name with other content is refused unless ``replace=True`` (publish a
new version instead).

API:
    FormInfo (form_id, version, hash, added); StoredForm (+ definition: str)
    AttachmentInfo (name, sha256, size); Attachment (+ data: bytes)
    save_form(ws, form_id, version, definition_json, hash, *, replace=False,
              attachments=()) -> Changes
    get_form(ws, form_id, version=None) -> StoredForm  (latest added when version is None)
    is_installed(ws, form_id, version) -> bool
    list_forms(ws) -> list[FormInfo]
    delete_form(ws, form_id, version) -> Changes
    list_attachments(ws, form_id, version) -> list[AttachmentInfo]
    read_attachments(ws_or_db, form_id, version) -> list[Attachment]
    migrate_form_attachments(db)   (migration 0016)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pydantic import BaseModel

from fieldsurvey.changes import Changes
from fieldsurvey.errors import FormDefinitionError, FormNotFoundError
from fieldsurvey.store import analysis_tables
from fieldsurvey.store.database import Database, storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace


class FormInfo(BaseModel):
    form_id: str
    version: str
    hash: str
    added: str


class StoredForm(FormInfo):
    definition: str


class AttachmentInfo(BaseModel):
    name: str
    sha256: str
    size: int


class Attachment(AttachmentInfo):
    data: bytes


def migrate_form_attachments(db: Database) -> None:
    """Migration 0016: the files of form versions (issue 14)."""
    db.execute(
        """CREATE TABLE form_attachment_blobs (
            sha256 TEXT PRIMARY KEY,
            data BLOB NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE form_attachments (
            form_id TEXT NOT NULL,
            version TEXT NOT NULL,
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES form_attachment_blobs (sha256),
            size INTEGER NOT NULL,
            added TEXT NOT NULL,
            PRIMARY KEY (form_id, version, name),
            FOREIGN KEY (form_id, version) REFERENCES forms (form_id, version)
                ON DELETE CASCADE
        )"""
    )


@storage_errors
def save_form(
    ws: Workspace,
    form_id: str,
    version: str,
    definition_json: str,
    hash: str,
    *,
    replace: bool = False,
    attachments: Sequence[Attachment] = (),
) -> Changes:
    """Store a form version and its attachments (see module docstring for repeats)."""
    if not form_id or not version:
        raise FormDefinitionError("store.form_needs_id_and_version")
    now = datetime.now(UTC).isoformat()
    with ws.transaction() as db:
        row = db.execute(
            "SELECT hash FROM forms WHERE form_id = ? AND version = ?", [form_id, version]
        ).fetchone()
        if row is not None and row[0] != hash and not replace:
            raise FormDefinitionError(
                "store.form_version_differs", form_id=form_id, version=version
            )
        held = _held(db, form_id, version)
        for file in attachments:
            if file.name in held and held[file.name] != file.sha256 and not replace:
                raise FormDefinitionError(
                    "attachments.version_file_differs", form_id=form_id, version=version,
                    file=file.name,
                )  # fmt: skip
        if row is None or row[0] != hash:
            db.execute(
                "INSERT INTO forms (form_id, version, definition, hash, added) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(form_id, version) DO UPDATE SET "
                "definition = excluded.definition, hash = excluded.hash, added = excluded.added",
                [form_id, version, definition_json, hash, now],
            )
        if replace and attachments and {f.name: f.sha256 for f in attachments} != held:
            db.execute(
                "DELETE FROM form_attachments WHERE form_id = ? AND version = ?",
                [form_id, version],
            )
            held = {}
        added = _add_attachments(db, form_id, version, attachments, held, now)
        _drop_unused_blobs(db)
        analysis_tables.forms_changed(db)  # a new version's columns, in this transaction
    if row is not None and row[0] == hash and not added:
        return Changes()
    return Changes(forms=[form_id])


def _held(db: Database, form_id: str, version: str) -> dict[str, str]:
    rows = db.execute(
        "SELECT name, sha256 FROM form_attachments WHERE form_id = ? AND version = ?",
        [form_id, version],
    ).fetchall()
    return {name: sha for name, sha in rows}


def _add_attachments(
    db: Database,
    form_id: str,
    version: str,
    attachments: Sequence[Attachment],
    held: dict[str, str],
    now: str,
) -> list[str]:
    added = []
    for file in attachments:
        if file.name in held:
            continue
        db.execute(
            "INSERT OR IGNORE INTO form_attachment_blobs (sha256, data) VALUES (?, ?)",
            [file.sha256, file.data],
        )
        db.execute(
            "INSERT INTO form_attachments (form_id, version, name, sha256, size, added) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [form_id, version, file.name, file.sha256, file.size, now],
        )
        held[file.name] = file.sha256
        added.append(file.name)
    return added


def _drop_unused_blobs(db: Database) -> None:
    db.execute(
        "DELETE FROM form_attachment_blobs WHERE sha256 NOT IN "
        "(SELECT sha256 FROM form_attachments)"
    )


@storage_errors
def list_attachments(ws: Workspace, form_id: str, version: str) -> list[AttachmentInfo]:
    """The attachments of a form version, by name."""
    rows = ws.db.execute(
        "SELECT name, sha256, size FROM form_attachments WHERE form_id = ? AND version = ? "
        "ORDER BY name",
        [form_id, version],
    ).fetchall()
    return [AttachmentInfo(name=r[0], sha256=r[1], size=r[2]) for r in rows]


@storage_errors
def read_attachments(source: Workspace | Database, form_id: str, version: str) -> list[Attachment]:
    """The attachments of a form version with their bytes, by name. ``source``: a
    workspace, or a database connection already open (the merge's)."""
    db = source if isinstance(source, Database) else source.db
    rows = db.execute(
        "SELECT a.name, a.sha256, a.size, b.data FROM form_attachments a "
        "JOIN form_attachment_blobs b ON b.sha256 = a.sha256 "
        "WHERE a.form_id = ? AND a.version = ? ORDER BY a.name",
        [form_id, version],
    ).fetchall()
    return [Attachment(name=r[0], sha256=r[1], size=r[2], data=bytes(r[3])) for r in rows]


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
        _drop_unused_blobs(db)
        analysis_tables.forms_changed(db)
    return Changes(forms=[form_id])
