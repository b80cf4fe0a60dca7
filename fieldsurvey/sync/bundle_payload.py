"""The encrypted part of a bundle: interviews, their audit entries, and the binding.

The payload repeats the campaign, device, sequence and bundle id of the signed
header, so a header cannot be put on another device's (or another export's) payload.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from fieldsurvey.sync.bundle_format import UUID_PATTERN

STATUSES = ("draft", "completed", "exported", "acknowledged", "returned")
SHORT = 200  # characters: ids, names, ward, household id


class WireInterview(BaseModel):
    """One interview as it travels (all columns of ``interviews`` but the comment and
    the problems count). ``nonce`` binds the uuid to the device that made it
    (:mod:`fieldsurvey.store.interview_binding`); the merge checks it, so a malformed or
    missing one refuses that record only, not the bundle. ``entities``: what the
    interview did to entity lists (``EntityAction.to_json()`` objects; absent: nothing),
    checked by :mod:`fieldsurvey.sync.entity_checks` (a bad one quarantines the record)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    uuid: str = Field(pattern=UUID_PATTERN)
    form_id: str = Field(min_length=1, max_length=SHORT)
    form_version: str = Field(max_length=SHORT)
    ward: str = Field(max_length=SHORT)
    household_id: str = Field(max_length=SHORT)
    respondent: str = Field(max_length=SHORT)
    enumerator: str = Field(max_length=SHORT)
    device_id: str = Field(max_length=SHORT)
    status: Literal["completed", "exported", "acknowledged"]
    created: str = Field(max_length=40)
    updated: str = Field(max_length=40)
    revision: int = Field(ge=1, le=2**53)
    base_revision: int = Field(ge=0, le=2**53)
    nonce: str = Field(default="", max_length=SHORT)
    answers: dict[str, Any]
    entities: list[dict[str, Any]] = Field(default_factory=list)


#: The fields a record carries besides the ``interviews`` columns (WIRE_COLUMNS).
WIRE_EXTRA = ("entities",)


class WireAudit(BaseModel):
    """An ``audit_log`` row as stored (values as their JSON text), so its hash re-checks."""

    model_config = ConfigDict(extra="forbid", strict=True)

    seq: int = Field(ge=1)
    interview_uuid: str | None = Field(default=None, pattern=UUID_PATTERN)
    who: str = Field(max_length=SHORT)
    at: str = Field(max_length=40)
    action: str = Field(max_length=40)
    field: str | None = Field(default=None, max_length=1000)
    old_value: str | None
    new_value: str | None
    values_salt: str | None = Field(pattern=r"^[0-9a-f]{32}$")
    values_digest: str | None = Field(pattern=r"^[0-9a-f]{64}$")
    prev_hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class BundlePayload(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    format: Literal[1] = 1
    kind: Literal["bundle-payload"] = "bundle-payload"
    campaign: str = Field(pattern=UUID_PATTERN)
    device: str = Field(pattern=UUID_PATTERN)
    sequence: int = Field(ge=1)
    bundle: str = Field(pattern=UUID_PATTERN)
    interviews: list[WireInterview]
    audit: list[WireAudit] = Field(default_factory=list)
