"""Forms and laptops: the form versions carried to laptops (with their attachments) and
installed there, and which versions each laptop is using, as seen in what it has sent.

Every form version published on the coordinator travels in device packages and in
receipts (:func:`campaign_forms`), each with its attachments: the CSV, XML, GeoJSON and
media files the form references (``forms/attachments.py``). Together they must fit in a
package or a receipt (:data:`MAX_CARRIED_BYTES`). The laptop trusts nothing it has not
checked (:func:`install_forms`): each file's name, size, SHA-256 and, for a data file,
that it reads, before anything is written; one bad file refuses the whole package or
receipt with a message naming the form and the file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from fieldsurvey.errors import (
    FieldSurveyError,
    FormDefinitionError,
    PackageError,
    ReceiptError,
    SyncError,
)
from fieldsurvey.forms.attachments import MAX_FORM_BYTES, check_file
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store import device_registry
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.campaign import campaign_of
from fieldsurvey.sync.device_package import PackageAttachment, PackageForm

#: The attachments of all published forms together, before base64 (which adds a third):
#: a package or a receipt stays within its 64 MiB.
MAX_CARRIED_BYTES = 40 * 1024 * 1024


class DeviceFormVersion(BaseModel):
    device_name: str
    form_id: str
    form_version: str
    interviews: int
    last_update: str


def form_versions_by_device(ws: Workspace) -> list[DeviceFormVersion]:
    """One row per laptop and form version among the merged interviews, newest first."""
    campaign_of(ws)
    return [
        DeviceFormVersion.model_validate(row._asdict())
        for row in device_registry.form_version_counts(ws)
    ]


# --- carrying forms to laptops ---------------------------------------------------------------
def campaign_forms(ws: Workspace) -> list[PackageForm]:
    """Every form version published in this workspace, with its attachments. SyncError
    ``attachments.carry_too_large`` when they would not fit in a package or receipt."""
    found = []
    total = 0
    for info in forms_store.list_forms(ws):
        stored = forms_store.get_form(ws, info.form_id, info.version)
        files = forms_store.read_attachments(ws, info.form_id, info.version)
        total += sum(f.size for f in files)
        if total > MAX_CARRIED_BYTES:
            raise SyncError(
                "attachments.carry_too_large", size=_mib(total), limit=_mib(MAX_CARRIED_BYTES)
            )
        found.append(
            PackageForm(
                form_id=stored.form_id,
                version=stored.version,
                definition=stored.definition,
                hash=stored.hash,
                attachments=[
                    PackageAttachment(
                        name=f.name,
                        sha256=f.sha256,
                        size=f.size,
                        data=base64.b64encode(f.data).decode("ascii"),
                    )
                    for f in files
                ],
            )
        )
    return found


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


# --- installing them on a laptop --------------------------------------------------------------
@dataclass(frozen=True)
class Refusal:
    """How a package or a receipt refuses a bad form: its error class, the code for a
    bad attachment (form_id, version, file, reason) and for a malformed definition."""

    error: type[SyncError]
    code: str
    bad_form: str


PACKAGE = Refusal(PackageError, "attachments.package_damaged", "sync.package.malformed")
RECEIPT = Refusal(ReceiptError, "attachments.receipt_damaged", "sync.data.receipt_bad_form")


def checked_attachments(form: PackageForm, refusal: Refusal) -> list[forms_store.Attachment]:
    """The attachments of ``form``, each decoded and checked (name, size, SHA-256, and
    that a data file reads); ``refusal`` raised for the first bad one."""
    out = []
    total = 0
    for item in form.attachments:
        try:
            data = _decoded(item)
            check_file(item.name, data)
        except FieldSurveyError as problem:
            raise refusal.error(
                refusal.code,
                form_id=form.form_id,
                version=form.version,
                file=item.name,
                reason=problem,
            ) from problem
        total += len(data)
        if total > MAX_FORM_BYTES:
            too_large = FormDefinitionError(
                "attachments.form_too_large",
                form_id=form.form_id,
                limit=f"{MAX_FORM_BYTES // (1024 * 1024)} MiB",
            )
            raise refusal.error(
                refusal.code,
                form_id=form.form_id,
                version=form.version,
                file=item.name,
                reason=too_large,
            )
        out.append(
            forms_store.Attachment(name=item.name, sha256=item.sha256, size=len(data), data=data)
        )
    return out


def _decoded(item: PackageAttachment) -> bytes:
    try:
        data = base64.b64decode(item.data.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError) as exc:
        raise FormDefinitionError("attachments.not_base64") from exc
    if len(data) != item.size:
        raise FormDefinitionError("attachments.size_mismatch", got=len(data), expected=item.size)
    if hashlib.sha256(data).hexdigest() != item.sha256:
        raise FormDefinitionError("attachments.hash_mismatch")
    return data


def install_forms(
    ws: Workspace, forms: list[PackageForm], refusal: Refusal, *, replace: bool = False
) -> list[str]:
    """Install the form versions this laptop lacks, and the attachments it lacks of the
    versions it has (one it has is kept as it is; ``replace``: the package's wins, as
    when a laptop is set up). Every file to install is checked first, so a bad one
    (``refusal``) leaves the workspace unchanged; call inside the caller's transaction
    so that nothing else of the package or receipt is applied either. Returns the
    versions installed as "title (version)" (the id if untitled)."""
    held = {(f.form_id, f.version) for f in forms_store.list_forms(ws)}
    plan: list[tuple[PackageForm, list[forms_store.Attachment], FormSpec | None]] = []
    for form in forms:
        if (form.form_id, form.version) in held and not replace:
            have = {a.name for a in forms_store.list_attachments(ws, form.form_id, form.version)}
            lacking = [a for a in form.attachments if a.name not in have]
            if lacking:
                partial = form.model_copy(update={"attachments": lacking})
                plan.append((form, checked_attachments(partial, refusal), None))
            continue
        try:
            spec = FormSpec.model_validate_json(form.definition)
        except ValidationError as exc:
            raise refusal.error(refusal.bad_form, form_id=form.form_id) from exc
        plan.append((form, checked_attachments(form, refusal), spec))
        held.add((form.form_id, form.version))
    installed = []
    for form, files, loaded in plan:
        if loaded is None:  # a version held: only the files it lacks
            stored = forms_store.get_form(ws, form.form_id, form.version)
            forms_store.save_form(
                ws, form.form_id, form.version, stored.definition, stored.hash, attachments=files
            )
            continue
        changes = forms_store.save_form(
            ws, form.form_id, form.version, form.definition, form.hash,
            replace=replace, attachments=files,
        )  # fmt: skip
        if changes.forms:
            installed.append(f"{loaded.title or form.form_id} ({form.version})")
    return installed
