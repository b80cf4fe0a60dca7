"""What the coordinator does with quarantined records (CLI and app alike).

- :func:`drop_record`: remove a record for good (an audit entry keeps who and why).
- :func:`return_record`: mark it returned to its laptop with a comment; the next receipt
  for that device carries it (``store.quarantine.returned_for_device``) and the laptop
  reopens the interview, as for ``return_for_correction``.
- :func:`recheck`: check waiting records again and merge those that now pass: called
  after a form version is installed or published (records of a form version the
  coordinator did not have wait for it), or by hand (``quarantine recheck``).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from fieldsurvey import messages
from fieldsurvey.errors import SyncError
from fieldsurvey.store import quarantine
from fieldsurvey.store.audit import Entry, append_entries
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_payload import BundlePayload, WireInterview
from fieldsurvey.sync.campaign import campaign_of, now_utc
from fieldsurvey.sync.devices import list_devices
from fieldsurvey.sync.merge import MergeReport, merge_payload
from fieldsurvey.sync.record_checks import NOT_INSTALLED, bad_character, printable

MAX_COMMENT = 2000  # as a receipt's comment (sync.receipts.Returned)


class RecheckReport(BaseModel):
    """Which quarantined records a re-check merged and which stay."""

    merged: list[str] = Field(default_factory=list)
    still: list[str] = Field(default_factory=list)
    rejected: list[str] = Field(default_factory=list)


class Listed(BaseModel):
    """A quarantined record as the coordinator sees it (CLI and app)."""

    uuid: str
    device: str  # the device's name (its id if it is not registered)
    form_id: str
    form_version: str
    revision: int
    code: str
    params: dict[str, Any] = Field(default_factory=dict)
    reason: str = ""  # English, for --json
    status: str
    comment: str
    received: str
    bundle: str

    def reason_text(self, lang: str | None = None) -> str:
        """Why, in ``lang``, control characters escaped (one line, safe to print)."""
        return printable(messages.render(self.code, lang, **self.params))


def listing(ws: Workspace) -> list[Listed]:
    """Every quarantined record, oldest first, with its device's name and its reason."""
    names = {d.device_id: d.name for d in list_devices(ws)}
    out = []
    for row in quarantine.list_records(ws):
        params = reason_params(row)
        out.append(
            Listed(
                uuid=row.uuid, device=printable(names.get(row.device_id, row.device_id)),
                form_id=printable(row.form_id), form_version=printable(row.form_version),
                revision=row.revision, code=row.code, params=params,
                reason=printable(messages.render(row.code, "en", **params)),
                status=row.status, comment=row.comment, received=row.received,
                bundle=row.bundle_id,
            )
        )  # fmt: skip
    return out


def resolve(ws: Workspace, uuid: str) -> quarantine.Quarantined:
    """The quarantined record of ``uuid`` (or of a unique prefix of it)."""
    record = quarantine.get(ws, uuid)
    if record is not None:
        return record
    found = quarantine.find_uuids(ws, uuid) if len(uuid) >= 4 else []
    if len(found) > 1:
        raise SyncError("sync.quarantine.ambiguous", uuid=uuid)
    record = quarantine.get(ws, found[0]) if found else None
    if record is None:
        raise SyncError("sync.quarantine.not_found", uuid=uuid)
    return record


def reason_params(record: quarantine.Quarantined) -> dict[str, Any]:
    """The params of a record's reason (catalogue code ``record.code``), printable."""
    try:
        params = json.loads(record.params)
    except ValueError:
        return {}
    if not isinstance(params, dict):
        return {}
    return {k: printable(v) if isinstance(v, str) else v for k, v in params.items()}


def drop_record(ws: Workspace, uuid: str, *, who: str) -> str:
    """Remove a quarantined record for good; returns its full uuid."""
    record = resolve(ws, uuid)
    with ws.transaction() as db:
        quarantine.drop(db, record.uuid)
        detail = {"uuid": record.uuid, "device": record.device_id, "code": record.code}
        append_entries(db, [Entry(None, who, "quarantine-drop", None, None, detail)])
    return record.uuid


def return_record(ws: Workspace, uuid: str, comment: str, *, who: str) -> str:
    """Return a quarantined record to its laptop with ``comment``; its full uuid."""
    text = comment.strip()
    if not text or len(text) > MAX_COMMENT or bad_character(text):
        raise SyncError("sync.quarantine.comment_needed", max=MAX_COMMENT)
    record = resolve(ws, uuid)
    with ws.transaction() as db:
        quarantine.set_returned(db, record.uuid, text, now_utc())
        detail = {"uuid": record.uuid, "device": record.device_id, "code": record.code}
        append_entries(db, [Entry(None, who, "quarantine-return", None, None, detail)])
    return record.uuid


def recheck(ws: Workspace, *, who: str = "coordinator", every: bool = False) -> RecheckReport:
    """Check quarantined records again and merge those that pass now: the ones waiting
    for their form version (``every``: all of them, e.g. after an upgrade)."""
    result = RecheckReport()
    rows = quarantine.list_records(ws, code=None if every else NOT_INSTALLED)
    if not rows:
        return result
    campaign = campaign_of(ws).campaign_id
    for row in rows:
        record = quarantine.get(ws, row.uuid)
        if record is None:
            continue
        with ws.transaction() as db:
            report = _merge_again(db, record, campaign, who)
        if report is None or report.rejected:
            result.rejected.append(record.uuid)
        elif report.quarantined:
            result.still.append(record.uuid)
        else:
            result.merged.append(record.uuid)
    return result


def _merge_again(
    db: Any, record: quarantine.Quarantined, campaign: str, who: str
) -> MergeReport | None:
    try:
        item = WireInterview.model_validate_json(record.record)
    except ValueError:
        return None
    payload = BundlePayload.model_construct(
        campaign=campaign, device=record.device_id, sequence=1, bundle=record.bundle_id,
        interviews=[item], audit=[],
    )  # fmt: skip
    report = merge_payload(
        db, payload, device_id=record.device_id, bundle_id=record.bundle_id, who=who
    )
    if not report.quarantined and not report.rejected:
        quarantine.release(db, record.uuid, item.revision)
    return report
