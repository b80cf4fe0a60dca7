"""Helpers of the sync tests: build interviews, forge bundles, dump a database, and
seal device packages at a cheap passphrase cost."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage

from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store import interviews
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import bundle_format, keys, payload_stream
from fieldsurvey.sync.campaign import CampaignKeys, DeviceConfig, device_config_of
from fieldsurvey.sync.canonical_json import dumps

PASSWORD = "coordinator secret"
LAPTOP_PASSWORD = "laptop secret"
PASSPHRASE = "TEST-PACK-AGE1"
FORM = ("household", "1")
KDF = KdfParams.cheap()


@dataclass
class World:
    root: Path
    coord: Workspace
    lap_a: Workspace
    lap_b: Workspace
    keys: CampaignKeys
    recovery_file: Path

    @property
    def a(self) -> DeviceConfig:
        return device_config_of(self.lap_a)

    @property
    def b(self) -> DeviceConfig:
        return device_config_of(self.lap_b)

    def out(self) -> Path:
        path = self.root / "out"
        path.mkdir(exist_ok=True)
        return path


def completed(
    lap: Workspace, n: int = 1, *, ward: str = "phuc_tan", household: str = "HH", **answers: Any
) -> list[str]:
    """``n`` completed interviews on ``lap`` with the given top-level answers."""
    uuids = []
    for i in range(n):
        interview = interviews.new_interview(
            lap,
            form_id=FORM[0],
            form_version=FORM[1],
            ward=ward,
            household_id=f"{household}-{i}",
            enumerator="enum",
        )
        for path, value in {"respondent/resp_age": 30 + i, **answers}.items():
            interviews.set_answer(lap, interview.uuid, path, value, who="enum")
        interviews.complete(lap, interview.uuid, who="enum")
        uuids.append(interview.uuid)
    return uuids


def dump(ws: Workspace) -> dict[str, Any]:
    """Every table's schema and rows (sorted), to prove a database did not change."""
    db = ws.db
    tables = [  # a virtual table's rows are in its shadow tables (FTS5 ``_data`` ...)
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        ).fetchall()
    ]
    result: dict[str, Any] = {
        "schema": db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    }
    for table in tables:
        rows = db.execute(f"SELECT * FROM [{table}]").fetchall()
        result[table] = sorted(rows, key=repr)
    return result


def forge(
    config: DeviceConfig,
    *,
    payload: bytes,
    signing_key: str | None = None,
    **header: Any,
) -> bytes:
    """A bundle with ``payload`` and a header built from ``header`` over the defaults,
    signed with ``signing_key`` (the device's own by default)."""
    fields: dict[str, Any] = {
        "format": 1,
        "kind": "bundle",
        "campaign": config.campaign_id,
        "device": config.device_id,
        "sequence": 1,
        "bundle": "00000000-0000-4000-8000-000000000001",
        "created": "2026-11-23T10:00:00Z",
        "payload_length": len(payload),
        "payload_sha256": hashlib.sha256(payload).hexdigest(),
    }
    raw = header.pop("raw_header", None)
    fields.update(header)
    header_bytes = raw if raw is not None else dumps(fields)
    signature = keys.sign(
        signing_key or config.signing_key, keys.DOMAIN_BUNDLE_HEADER, header_bytes
    )
    return bundle_format.pack(bundle_format.BUNDLE_MAGIC, header_bytes, signature, payload)


def encrypted_payload(
    config: DeviceConfig,
    interviews_: list[dict[str, Any]],
    *,
    sequence: int = 1,
    bundle: str = "00000000-0000-4000-8000-000000000001",
    recipients: list[str] | None = None,
    **overrides: Any,
) -> bytes:
    """An age payload as the laptop would write it (binding fields overridable)."""
    body = {
        "format": 1,
        "kind": "bundle-payload",
        "campaign": config.campaign_id,
        "device": config.device_id,
        "sequence": sequence,
        "bundle": bundle,
        "interviews": interviews_,
        "audit": [],
        **overrides,
    }
    targets = [keys.age_recipient(r) for r in (recipients or config.recipients)]
    return bytes(pyrage.encrypt(dumps(body), targets))


def streamed_payload(
    config: DeviceConfig,
    interviews_: list[dict[str, Any]],
    *,
    sequence: int = 1,
    bundle: str = "00000000-0000-4000-8000-000000000001",
    lines: list[bytes] | None = None,
    **head: Any,
) -> bytes:
    """An age payload of format 2 (a line per record) as the laptop writes it; ``lines``
    replaces the record lines (to send fewer or more than the head counts)."""
    fields = {
        "kind": "bundle-payload",
        "campaign": config.campaign_id,
        "device": config.device_id,
        "sequence": sequence,
        "bundle": bundle,
    }
    records = [dumps(i) for i in interviews_]
    plain = payload_stream.encode(fields, records, [])
    if lines is not None or head:
        first = {**fields, "format": 2, "interviews": len(records), "audit": 0, **head}
        body = records if lines is None else lines
        plain = payload_stream.MAGIC + b"".join(x + b"\n" for x in [dumps(first), *body])
    targets = [keys.age_recipient(r) for r in config.recipients]
    return bytes(pyrage.encrypt(plain, targets))


def wire(
    config: DeviceConfig, uuid: str, revision: int, answers: dict[str, Any], **kw: Any
) -> dict[str, Any]:
    """One interview as it travels."""
    return {
        "uuid": uuid,
        "form_id": FORM[0],
        "form_version": FORM[1],
        "ward": "phuc_tan",
        "household_id": kw.pop("household_id", "HH-x"),
        "respondent": "",
        "enumerator": "enum",
        "device_id": config.device_id,
        "status": "completed",
        "created": "2026-11-23T10:00:00.000+00:00",
        "updated": "2026-11-23T10:00:00.000+00:00",
        "revision": revision,
        "base_revision": kw.pop("base_revision", 0),
        "answers": answers,
        **kw,
    }


def bound_wire(config: DeviceConfig, answers: dict[str, Any], **kw: Any) -> dict[str, Any]:
    """A new interview (revision 1) of ``config``'s laptop, its uuid bound to that laptop
    (a fresh nonce) as ``new_interview`` makes it there."""
    from fieldsurvey.store.interview_binding import new_identity

    uuid, nonce = new_identity(config.device_id)
    return wire(config, uuid, 1, answers, nonce=nonce, **kw)


#: The signed chain head of a bundle whose payload carries no audit entry.
EMPTY_HEAD: dict[str, Any] = {"audit_seq": 0, "audit_hash": "0" * 64}


# --- a campaign on disk, for the CLI tests ---------------------------------------------------
@dataclass
class CampaignFolders:
    """A coordinator, one laptop set up from its package, and one real bundle of it."""

    root: Path
    coord: Path
    laptop: Path
    package: Path
    bundle: Path
    recovery: Path


def campaign_on_disk(root: Path) -> CampaignFolders:
    """Build :class:`CampaignFolders` under ``root``, every workspace closed again."""
    from fieldsurvey.store import forms as forms_store
    from fieldsurvey.sync.bundle_writer import export_bundle
    from fieldsurvey.sync.campaign import init_campaign
    from fieldsurvey.sync.enrolment import issue_device, read_package, setup_device

    coord, _ = init_campaign(
        root / "coord",
        PASSWORD,
        name="Hoàn Kiếm 2026",
        recovery_key_out=root / "recovery.txt",
        wards=["phuc_tan"],
        kdf=KDF,
    )
    forms_store.save_form(coord, *FORM, '{"form_id": "household"}', "hash-1")
    data, _ = issue_device(coord, "laptop-a", PASSPHRASE)
    coord.close()
    (root / "a.pkg").write_bytes(data)
    laptop = setup_device(
        root / "lap", read_package(root / "a.pkg", PASSPHRASE), LAPTOP_PASSWORD, kdf=KDF
    )
    completed(laptop, 1)
    (root / "usb").mkdir()
    bundle = export_bundle(laptop, root / "usb").path
    laptop.close()
    assert bundle is not None
    return CampaignFolders(
        root, root / "coord", root / "lap", root / "a.pkg", bundle, root / "recovery.txt"
    )


# --- device packages at a cheap scrypt cost: see tests/cheap_age.py ------------------------
from cheap_age import (  # noqa: E402
    CHEAP_WORK_FACTOR,
    FULL_COST_PASSPHRASE_ENCRYPT,
    cheap_passphrase_encrypt,
)

__all__ = ["CHEAP_WORK_FACTOR", "FULL_COST_PASSPHRASE_ENCRYPT", "cheap_passphrase_encrypt"]
