"""The campaign's keys: created on the coordinator, copied in part to each laptop.

The coordinator's workspace holds :class:`CampaignKeys` (campaign age identity and
Ed25519 signing key) in its encrypted database. The recovery identity is generated
here, written once to a file for printing and never stored. A laptop holds a
:class:`DeviceConfig`: its own signing key, an age identity for receipts, and only the
*public* campaign and recovery recipients, so it cannot decrypt any bundle.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from fieldsurvey.errors import RoleError, SyncError
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import keys

CAMPAIGN_SETTING = "sync.campaign"
DEVICE_SETTING = "sync.device"
NEXT_SEQUENCE_SETTING = "sync.next_sequence"
AUDIT_EXPORTED_SETTING = "sync.audit_exported_seq"


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class CampaignKeys(BaseModel):
    """Coordinator secrets; live only inside the coordinator's encrypted database."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    campaign_id: str
    name: str
    created: str
    age_identity: str
    age_recipient: str
    recovery_recipient: str
    signing_key: str
    signing_public: str
    wards: list[str] = Field(default_factory=list)

    @property
    def recipients(self) -> list[str]:
        """Every bundle is encrypted to these two: the campaign and the recovery identity."""
        return [self.age_recipient, self.recovery_recipient]


class DeviceConfig(BaseModel):
    """A laptop's sync identity (from its device package)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    campaign_id: str
    campaign_name: str
    device_id: str
    device_name: str
    signing_key: str
    age_identity: str
    recipients: list[str]
    coordinator_signing_public: str
    wards: list[str] = Field(default_factory=list)


def recovery_file_text(secret: str, public: str, campaign: CampaignKeys) -> str:
    """An age identity file (``age -d -i FILE`` reads it), with plain-words comments."""
    return (
        "# FieldSurvey campaign RECOVERY identity. Print it, lock it away, delete this file.\n"
        "# Anyone holding it can read every bundle of the campaign and unlock its laptops.\n"
        f"# campaign: {campaign.name} ({campaign.campaign_id})\n"
        f"# created: {campaign.created}\n"
        f"# public key: {public}\n"
        f"{secret}\n"
    )


def _write_new_private_file(path: Path, text: str) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError as exc:
        raise SyncError("sync.campaign.recovery_key_exists", path=path) from exc
    except OSError as exc:
        raise SyncError(
            "sync.campaign.cannot_write_recovery_key", path=path, reason=exc.strerror or str(exc)
        ) from exc
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def init_campaign(
    home: Path,
    password: str,
    *,
    name: str,
    recovery_key_out: Path,
    wards: list[str] | None = None,
    kdf: KdfParams | None = None,
) -> tuple[Workspace, CampaignKeys]:
    """Create the coordinator workspace with fresh campaign keys.

    The recovery identity is written to ``recovery_key_out`` (which must not exist)
    before the workspace is created; if the workspace cannot be created the file is
    removed again.
    """
    if not name.strip():
        raise SyncError("sync.campaign.needs_name")
    if recovery_key_out.exists():
        raise SyncError("sync.campaign.recovery_key_exists", path=recovery_key_out)
    age_secret, age_public = keys.new_age_identity()
    recovery_secret, recovery_public = keys.new_age_identity()
    signing = keys.new_signing_key()
    campaign = CampaignKeys(
        campaign_id=str(uuid.uuid4()),
        name=name.strip(),
        created=now_utc(),
        age_identity=age_secret,
        age_recipient=age_public,
        recovery_recipient=recovery_public,
        signing_key=signing,
        signing_public=keys.public_key_of(signing),
        wards=[w.strip() for w in wards or [] if w.strip()],
    )
    _write_new_private_file(
        recovery_key_out, recovery_file_text(recovery_secret, recovery_public, campaign)
    )
    try:
        ws = Workspace.create(home, password, role="coordinator", kdf=kdf)
        try:
            ws.set_setting(CAMPAIGN_SETTING, campaign.model_dump())
        except BaseException:
            ws.close()
            raise
    except BaseException:
        with contextlib.suppress(OSError):
            recovery_key_out.unlink()
        raise
    return ws, campaign


def campaign_of(ws: Workspace) -> CampaignKeys:
    """The campaign keys of a coordinator workspace; RoleError anywhere else."""
    data = ws.get_setting(CAMPAIGN_SETTING) if ws.role == "coordinator" else None
    if data is None:
        raise RoleError("sync.campaign.not_coordinator")
    return CampaignKeys.model_validate(data)


def device_config_of(ws: Workspace) -> DeviceConfig:
    """The device identity of a laptop workspace; RoleError anywhere else."""
    data = ws.get_setting(DEVICE_SETTING) if ws.role == "laptop" else None
    if data is None:
        raise RoleError("sync.campaign.laptop_not_set_up")
    return DeviceConfig.model_validate(data)
