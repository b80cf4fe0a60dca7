"""Receipts: the coordinator tells a laptop what it merged and what it sends back.

A receipt uses the bundle container (magic ``FSRECPT1``): a public header signed by
the coordinator, then a payload encrypted with age to the *device's* own recipient
(comments may describe a household). The laptop checks it in the bundle order: size,
header syntax, its own device and campaign, the coordinator signature, payload hash,
replay; then decrypts and checks the binding. Acknowledging needs the exact revision
the coordinator merged, so work done since is never marked acknowledged (and purged).

A receipt also carries every form version published on the coordinator: a laptop
installs those it does not have yet, so a questionnaire corrected mid-campaign reaches
laptops set up before it (signed by the coordinator like the rest of the receipt).
"""

from __future__ import annotations

import hashlib
import uuid as uuidlib
from pathlib import Path
from typing import Literal

import pyrage
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fieldsurvey.errors import BundleCheckError, ReceiptError
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format, keys
from fieldsurvey.sync.bundle_format import UUID_PATTERN, ContainerFormatError, ReceiptHeader
from fieldsurvey.sync.bundle_writer import write_new_file
from fieldsurvey.sync.campaign import campaign_of, device_config_of, now_utc
from fieldsurvey.sync.canonical_json import StrictJsonError, dumps, loads_strict
from fieldsurvey.sync.device_package import PackageForm
from fieldsurvey.sync.devices import device_by_name
from fieldsurvey.sync.enrolment import campaign_forms
from fieldsurvey.sync.payload_decrypt import PayloadDecryptError, decrypt_payload


class Acknowledged(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    uuid: str = Field(pattern=UUID_PATTERN)
    revision: int = Field(ge=1)


class Returned(Acknowledged):
    comment: str = Field(max_length=2000)


class ReceiptPayload(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    format: Literal[1] = 1
    kind: Literal["receipt-payload"] = "receipt-payload"
    campaign: str
    device: str
    receipt: str
    acknowledged: list[Acknowledged]
    returned: list[Returned]
    forms: list[PackageForm] = Field(default_factory=list)


class ReceiptReport(BaseModel):
    status: Literal["applied", "already-imported"]
    acknowledged: list[str] = Field(default_factory=list)
    returned: list[str] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)  # edited since, unknown, or purged
    #: form versions installed from the receipt, as "title (version)" (the id if untitled)
    forms: list[str] = Field(default_factory=list)


def build_receipt(ws: Workspace, device_name: str) -> tuple[bytes, ReceiptPayload]:
    """A signed, encrypted receipt of everything merged from ``device_name``."""
    campaign = campaign_of(ws)
    device = device_by_name(ws, device_name)
    # The device revision last merged: the snapshot's if the coordinator edited the
    # record since, else the record's own (see schema.migrate_sync_snapshots).
    rows = ws.db.execute(
        "SELECT i.uuid, COALESCE(s.synced_revision, i.revision), i.status, i.comment "
        "FROM interviews i LEFT JOIN sync_records s ON s.uuid = i.uuid "
        "LEFT JOIN sync_conflicts c ON c.uuid = i.uuid "
        "WHERE COALESCE(s.device_id, i.device_id) = ? AND c.uuid IS NULL ORDER BY i.uuid",
        [device.device_id],
    ).fetchall()
    payload = ReceiptPayload(
        campaign=campaign.campaign_id,
        device=device.device_id,
        receipt=str(uuidlib.uuid4()),
        acknowledged=[
            Acknowledged(uuid=u, revision=r) for u, r, status, _ in rows if status != "returned"
        ],
        returned=[
            Returned(uuid=u, revision=r, comment=comment)
            for u, r, status, comment in rows
            if status == "returned"
        ],
        forms=campaign_forms(ws),
    )
    encrypted = bytes(
        pyrage.encrypt(dumps(payload.model_dump()), [keys.age_recipient(device.age_recipient)])
    )
    header = dumps(
        {
            "format": 1,
            "kind": "receipt",
            "campaign": campaign.campaign_id,
            "device": device.device_id,
            "receipt": payload.receipt,
            "created": now_utc(),
            "payload_length": len(encrypted),
            "payload_sha256": hashlib.sha256(encrypted).hexdigest(),
        }
    )
    signature = keys.sign(campaign.signing_key, keys.DOMAIN_RECEIPT_HEADER, header)
    return bundle_format.pack(bundle_format.RECEIPT_MAGIC, header, signature, encrypted), payload


def write_receipt(ws: Workspace, device_name: str, out: Path) -> ReceiptPayload:
    """Build the receipt for ``device_name`` and write it to ``out`` (never overwriting)."""
    data, payload = build_receipt(ws, device_name)
    write_new_file(out, data)
    return payload


def _verify(ws: Workspace, data: bytes) -> tuple[ReceiptHeader, ReceiptPayload | None]:
    config = device_config_of(ws)
    try:
        container = bundle_format.split(data, bundle_format.RECEIPT_MAGIC)
        header = ReceiptHeader.model_validate(
            loads_strict(
                container.header_bytes, max_bytes=bundle_format.MAX_HEADER_BYTES, canonical=True
            )
        )
    except ContainerFormatError as exc:
        raise BundleCheckError(exc.check, f"not a receipt: {exc}") from exc
    except (StrictJsonError, ValidationError) as exc:
        raise BundleCheckError("header", "receipt header is malformed") from exc
    if header.device != config.device_id:
        raise ReceiptError("This receipt is for another device.")
    signed = (container.header_bytes, container.signature)
    if not keys.verify(config.coordinator_signing_public, keys.DOMAIN_RECEIPT_HEADER, *signed):
        raise ReceiptError("The receipt's signature is not the coordinator's; it was refused.")
    if header.campaign != config.campaign_id:
        raise ReceiptError("This receipt belongs to another campaign.")
    if (
        len(container.payload) != header.payload_length
        or hashlib.sha256(container.payload).hexdigest() != header.payload_sha256
    ):
        raise ReceiptError("The receipt's content does not match its signed hash (damaged).")
    if ws.db.execute(
        "SELECT 1 FROM sync_receipts WHERE receipt_id = ?", [header.receipt]
    ).fetchone():
        return header, None
    try:
        plain = decrypt_payload(container.payload, [keys.age_identity(config.age_identity)])
        payload = ReceiptPayload.model_validate(
            loads_strict(plain, max_bytes=len(plain), max_depth=None)
        )
    except PayloadDecryptError as exc:
        raise ReceiptError("The receipt cannot be decrypted with this laptop's key.") from exc
    except (StrictJsonError, ValidationError) as exc:
        raise ReceiptError("The receipt's content is malformed.") from exc
    if (payload.campaign, payload.device, payload.receipt) != (
        header.campaign,
        header.device,
        header.receipt,
    ):
        raise ReceiptError("The receipt's content was made for another receipt or device.")
    return header, payload


def _install_forms(ws: Workspace, forms: list[PackageForm]) -> list[str]:
    """Install the form versions this laptop lacks; one it has is kept as it is. A
    malformed one raises ReceiptError (call inside the receipt's transaction, so that
    nothing of the receipt is applied then)."""
    installed = []
    for form in forms:
        if ws.db.execute(
            "SELECT 1 FROM forms WHERE form_id = ? AND version = ?", [form.form_id, form.version]
        ).fetchone():
            continue
        try:
            spec = FormSpec.model_validate_json(form.definition)
        except ValidationError as exc:
            raise ReceiptError(f"The receipt carries a malformed form ({form.form_id}).") from exc
        forms_store.save_form(ws, form.form_id, form.version, form.definition, form.hash)
        installed.append(f"{spec.title or form.form_id} ({form.version})")
    return installed


def import_receipt(ws: Workspace, data: bytes, *, who: str = "receipt") -> ReceiptReport:
    """Apply a receipt: acknowledge exact revisions, return interviews with comments."""
    if len(data) > bundle_format.MAX_FILE_BYTES:
        raise ReceiptError("The receipt file is larger than the limit.")
    header, payload = _verify(ws, data)
    if payload is None:
        return ReceiptReport(status="already-imported")
    report = ReceiptReport(status="applied")
    with ws.transaction() as db:
        for item in payload.acknowledged:
            row = db.execute(
                "SELECT revision, status FROM interviews WHERE uuid = ?", [item.uuid]
            ).fetchone()
            if row is not None and row[1] == "acknowledged" and row[0] == item.revision:
                continue
            if row is None or row[0] != item.revision or row[1] not in ("completed", "exported"):
                report.skipped.append(item.uuid)
                continue
            interviews.acknowledge(ws, item.uuid, who=who)
            report.acknowledged.append(item.uuid)
        for ret in payload.returned:
            row = db.execute(
                "SELECT revision, status, answers FROM interviews WHERE uuid = ?", [ret.uuid]
            ).fetchone()
            purged = row is not None and row[1] == "acknowledged" and row[2] == "{}"
            allowed = ("completed", "exported", "acknowledged")
            if row is None or row[0] != ret.revision or row[1] not in allowed or purged:
                report.skipped.append(ret.uuid)
                continue
            interviews.return_for_correction(ws, ret.uuid, ret.comment, who=who)
            report.returned.append(ret.uuid)
        report.forms = _install_forms(ws, payload.forms)
        db.execute(
            "INSERT INTO sync_receipts (receipt_id, imported, summary) VALUES (?, ?, ?)",
            [
                header.receipt,
                now_utc(),
                dumps({k: len(v) for k, v in report.model_dump().items() if isinstance(v, list)}),
            ],
        )
    return report
