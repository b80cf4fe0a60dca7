"""Receipts: the coordinator tells a laptop what it merged and what it sends back.

A receipt uses the bundle container (magic ``FSRECPT1``): a public header signed by
the coordinator, then a payload encrypted with age to the *device's* own recipient
(comments may describe a household). The laptop checks it in the bundle order: size,
header syntax, its own device and campaign, the coordinator signature, payload hash,
replay; then decrypts and checks the binding. Acknowledging needs the exact revision
the coordinator merged, so work done since is never marked acknowledged (and purged).

A receipt also carries every form version published on the coordinator, with its
attachments: a laptop installs those it does not have yet (and the attachments it lacks
of those it has), so a questionnaire corrected mid-campaign reaches laptops set up before
it (signed by the coordinator like the rest of the receipt). A bad attachment refuses
the whole receipt (``sync/device_forms.py``).

And it carries the laptop's share of the entity lists (``entity_share``: the entities of
its wards or assigned to it that changed since the change number its last bundle
reported, its assignments; :mod:`fieldsurvey.sync.entity_sync`). Every row is checked
against the limits before anything of the receipt is applied; one bad row refuses it.
"""

from __future__ import annotations

import hashlib
import uuid as uuidlib
from pathlib import Path
from typing import Literal

import pyrage
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fieldsurvey.errors import LifecycleError, ReceiptError, SyncError
from fieldsurvey.store import interviews, quarantine, receipt_log
from fieldsurvey.store.interviews import InterviewStatus, check_transition
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format, keys
from fieldsurvey.sync.bundle_format import UUID_PATTERN, ContainerFormatError, ReceiptHeader
from fieldsurvey.sync.bundle_writer import write_new_file
from fieldsurvey.sync.campaign import campaign_of, device_config_of, now_utc
from fieldsurvey.sync.canonical_json import StrictJsonError, dumps, loads_strict
from fieldsurvey.sync.device_forms import RECEIPT, campaign_forms, install_forms
from fieldsurvey.sync.device_package import PackageForm
from fieldsurvey.sync.devices import device_by_name, wards_of
from fieldsurvey.sync.entity_sync import EntityShare, apply_share, current_share
from fieldsurvey.sync.payload_decrypt import PayloadDecryptError, decrypt_payload

S = InterviewStatus


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
    #: the laptop's share of the entity lists (absent: the coordinator holds none)
    entity_share: EntityShare | None = None


class ReceiptReport(BaseModel):
    status: Literal["applied", "already-imported"]
    acknowledged: list[str] = Field(default_factory=list)
    returned: list[str] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)  # edited since, unknown, or purged
    #: form versions installed from the receipt, as "title (version)" (the id if untitled)
    forms: list[str] = Field(default_factory=list)
    #: entities received (new or changed), removed (deleted or merged on the
    #: coordinator), and assignments the laptop now holds
    entities: int = 0
    entities_removed: int = 0
    assignments: int = 0


def build_receipt(
    ws: Workspace, device_name: str, *, force: bool = False
) -> tuple[bytes, ReceiptPayload]:
    """A signed, encrypted receipt of everything merged from ``device_name``.

    A revoked laptop may be lost or in the wrong hands, and a receipt tells it what to
    purge and carries the coordinator's comments: one is written for it only with
    ``force`` (SyncError ``sync.receipt.device_revoked`` otherwise)."""
    campaign = campaign_of(ws)
    device = device_by_name(ws, device_name)
    if device.revoked is not None and not force:
        raise SyncError("sync.receipt.device_revoked", name=device.name, date=device.revoked)
    rows = receipt_log.merged_from_device(ws, device.device_id)
    payload = ReceiptPayload(
        campaign=campaign.campaign_id,
        device=device.device_id,
        receipt=str(uuidlib.uuid4()),
        acknowledged=[
            Acknowledged(uuid=u, revision=r) for u, r, status, _ in rows if status != S.RETURNED
        ],
        returned=[
            Returned(uuid=u, revision=r, comment=comment)
            for u, r, status, comment in rows
            if status == S.RETURNED
        ]
        # records the coordinator sent back from the quarantine, with its comment
        + [
            Returned(uuid=u, revision=r, comment=comment)
            for u, r, comment in quarantine.returned_for_device(ws, device.device_id)
        ],
        forms=campaign_forms(ws),
        entity_share=current_share(
            ws, device.device_id, wards_of(ws, device.device_id, campaign.wards)
        ),
    )
    body = payload.model_dump()
    if payload.entity_share is None:  # readable by laptops of earlier versions
        del body["entity_share"]
    encrypted = bytes(pyrage.encrypt(dumps(body), [keys.age_recipient(device.age_recipient)]))
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


def write_receipt(
    ws: Workspace, device_name: str, out: Path, *, force: bool = False
) -> ReceiptPayload:
    """Build the receipt for ``device_name`` and write it to ``out`` (never overwriting);
    ``force`` as in :func:`build_receipt`."""
    data, payload = build_receipt(ws, device_name, force=force)
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
        raise ReceiptError("sync.data.not_a_receipt", detail=exc) from exc
    except (StrictJsonError, ValidationError) as exc:
        raise ReceiptError("sync.data.receipt_header_malformed") from exc
    if header.device != config.device_id:
        raise ReceiptError("sync.data.receipt_other_device")
    signed = (container.header_bytes, container.signature)
    if not keys.verify(config.coordinator_signing_public, keys.DOMAIN_RECEIPT_HEADER, *signed):
        raise ReceiptError("sync.data.receipt_signature")
    if header.campaign != config.campaign_id:
        raise ReceiptError("sync.data.receipt_other_campaign")
    if (
        len(container.payload) != header.payload_length
        or hashlib.sha256(container.payload).hexdigest() != header.payload_sha256
    ):
        raise ReceiptError("sync.data.receipt_damaged")
    if receipt_log.receipt_applied(ws, header.receipt):
        return header, None
    try:
        plain = decrypt_payload(container.payload, [keys.age_identity(config.age_identity)])
        payload = ReceiptPayload.model_validate(
            loads_strict(plain, max_bytes=len(plain), max_depth=None)
        )
    except PayloadDecryptError as exc:
        raise ReceiptError("sync.data.receipt_decrypt") from exc
    except (StrictJsonError, ValidationError) as exc:
        raise ReceiptError("sync.data.receipt_malformed") from exc
    if (payload.campaign, payload.device, payload.receipt) != (
        header.campaign,
        header.device,
        header.receipt,
    ):
        raise ReceiptError("sync.data.receipt_mismatch")
    return header, payload


def _install_forms(ws: Workspace, forms: list[PackageForm]) -> list[str]:
    """Install the form versions (and attachments) this laptop lacks; one it has is kept
    as it is. A malformed one raises ReceiptError (call inside the receipt's
    transaction, so that nothing of the receipt is applied then)."""
    return install_forms(ws, forms, RECEIPT)


def import_receipt(ws: Workspace, data: bytes, *, who: str = "receipt") -> ReceiptReport:
    """Apply a receipt: acknowledge exact revisions, return interviews with comments."""
    if len(data) > bundle_format.MAX_FILE_BYTES:
        raise ReceiptError("sync.data.receipt_too_large")
    header, payload = _verify(ws, data)
    if payload is None:
        return ReceiptReport(status="already-imported")
    report = ReceiptReport(status="applied")
    with ws.transaction() as db:
        for item in payload.acknowledged:
            state = receipt_log.interview_state(db, item.uuid)
            held = None if state is None else (state.revision, state.status)
            if held == (item.revision, S.ACKNOWLEDGED):
                continue  # acknowledged by an earlier receipt
            if not _applies(item, state, "acknowledge"):
                report.skipped.append(item.uuid)
                continue
            interviews.acknowledge(ws, item.uuid, who=who)
            report.acknowledged.append(item.uuid)
        for ret in payload.returned:
            state = receipt_log.interview_state(db, ret.uuid)
            purged = state is not None and state.status == S.ACKNOWLEDGED and state.empty
            if purged or not _applies(ret, state, "return"):
                report.skipped.append(ret.uuid)
                continue
            interviews.return_for_correction(ws, ret.uuid, ret.comment, who=who)
            report.returned.append(ret.uuid)
        report.forms = _install_forms(ws, payload.forms)
        if payload.entity_share is not None:  # after the acknowledgements (settles rows)
            shared = apply_share(ws, db, payload.entity_share, header.device)
            report.entities, report.entities_removed = shared.entities, shared.removed
            report.assignments = shared.assignments
        counts = {k: len(v) for k, v in report.model_dump().items() if isinstance(v, list)}
        receipt_log.record_receipt(
            db, receipt_id=header.receipt, imported=now_utc(), summary=dumps(counts)
        )
    return report


def _applies(item: Acknowledged, state: receipt_log.InterviewState | None, action: str) -> bool:
    """The receipt's revision is the one held, and the lifecycle allows ``action`` now
    (the one table, :func:`fieldsurvey.store.interviews.check_transition`)."""
    if state is None or state.revision != item.revision:
        return False
    try:
        check_transition(item.uuid, state.status, action)
    except LifecycleError:
        return False
    return True
