"""Issuing a device package on the coordinator and setting a laptop up from it."""

from __future__ import annotations

import uuid
from pathlib import Path

from fieldsurvey.errors import PackageError, RoleError, SyncError
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interview_listing
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import keys
from fieldsurvey.sync.bundle_format import ContainerFormatError, read_limited
from fieldsurvey.sync.bundle_writer import write_new_file
from fieldsurvey.sync.campaign import (
    DEVICE_SETTING,
    NEXT_SEQUENCE_SETTING,
    DeviceConfig,
    campaign_of,
    now_utc,
)
from fieldsurvey.sync.device_forms import PACKAGE, campaign_forms, install_forms
from fieldsurvey.sync.device_package import (
    MAX_PACKAGE_BYTES,
    DevicePackage,
    open_sealed,
    seal,
)
from fieldsurvey.sync.devices import Device, add_device, check_name, check_wards, revoke_device
from fieldsurvey.sync.entity_sync import install_share, package_share
from fieldsurvey.sync.recovery import add_recovery_slot


def issue_device(
    ws: Workspace, name: str, passphrase: str, *, wards: list[str] | None = None
) -> tuple[bytes, Device]:
    """Register a device and return its sealed package. ``wards``: the wards it works
    in (its share of the entity lists); None or empty: every ward of the campaign.

    The device's private keys exist only inside the package: the coordinator keeps
    the public halves, so it can verify the device but never speak as it.
    """
    campaign = campaign_of(ws)
    name = check_name(name)
    own_wards = check_wards(campaign.wards, wards or [])
    device_wards = own_wards or campaign.wards
    signing = keys.new_signing_key()
    age_secret, age_public = keys.new_age_identity()
    device_id = str(uuid.uuid4())
    package = DevicePackage(
        created=now_utc(),
        campaign_id=campaign.campaign_id,
        campaign_name=campaign.name,
        device_id=device_id,
        device_name=name,
        device_signing_key=signing,
        device_age_identity=age_secret,
        coordinator_signing_public=campaign.signing_public,
        recipients=campaign.recipients,
        wards=device_wards,
        forms=campaign_forms(ws),
        entity_share=package_share(ws, device_id, device_wards),
    )
    data = seal(package, campaign.signing_key, passphrase)
    with ws.transaction():
        device = add_device(
            ws,
            device_id=device_id,
            name=name,
            signing_public=keys.public_key_of(signing),
            age_recipient=age_public,
            wards=own_wards,
        )
    return data, device


def issue_device_to_file(
    ws: Workspace, name: str, passphrase: str, out: Path, *, wards: list[str] | None = None
) -> Device:
    """Register laptop ``name`` and write its sealed package to ``out`` (never over an
    existing file). If the file cannot be written the device is revoked again, so no
    package exists that nobody has."""
    if out.exists():
        raise SyncError("sync.file_exists", path=out)
    data, device = issue_device(ws, name, passphrase, wards=wards)
    try:
        write_new_file(out, data)
    except OSError as exc:
        revoke_device(ws, device.name)
        raise SyncError(
            "sync.enrol.cannot_write_package", path=out, reason=exc.strerror or str(exc)
        ) from exc
    return device


def read_package(path: Path, passphrase: str) -> DevicePackage:
    try:
        data = read_limited(path, MAX_PACKAGE_BYTES)
    except ContainerFormatError as exc:
        raise PackageError("sync.enrol.cannot_use_package", path=path, reason=exc) from exc
    return open_sealed(data, passphrase)


def setup_device(
    home: Path, package: DevicePackage, password: str, *, kdf: KdfParams | None = None
) -> Workspace:
    """Create the laptop's workspace from an opened device package."""
    config = DeviceConfig(
        campaign_id=package.campaign_id,
        campaign_name=package.campaign_name,
        device_id=package.device_id,
        device_name=package.device_name,
        signing_key=package.device_signing_key,
        age_identity=package.device_age_identity,
        recipients=package.recipients,
        coordinator_signing_public=package.coordinator_signing_public,
        wards=package.wards,
    )
    ws = Workspace.create(home, password, role="laptop", kdf=kdf)
    try:
        if ws.role != "laptop":
            raise RoleError("sync.enrol.laptop_only")
        with ws.transaction() as db:
            interview_listing.fit_to_laptop(db)  # a laptop's list indexes (migration 0027)
            ws.set_setting(DEVICE_SETTING, config.model_dump())
            ws.set_setting("device_id", config.device_id)  # stamped on new interviews
            ws.set_setting(NEXT_SEQUENCE_SETTING, 1)
            install_forms(ws, package.forms, PACKAGE, replace=True)
            install_share(ws, package)  # its share of the entity lists (issue 16)
        add_recovery_slot(ws, package.recipients, campaign_id=package.campaign_id)
    except BaseException:
        ws.close()
        raise
    return ws
