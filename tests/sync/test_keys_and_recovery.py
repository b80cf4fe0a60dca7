"""Who can read what: laptops cannot decrypt bundles; the recovery identity can; a
forgotten laptop password is reset by the coordinator; device packages are sealed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyrage
import pytest
from sync_helpers import (
    CHEAP_WORK_FACTOR,
    FULL_COST_PASSPHRASE_ENCRYPT,
    LAPTOP_PASSWORD,
    PASSPHRASE,
    World,
    completed,
)

from fieldsurvey.errors import PackageError, RecoveryError, WorkspaceExistsError, WrongPasswordError
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync import age_header, bundle_format, enrolment, keys
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.campaign import CAMPAIGN_SETTING
from fieldsurvey.sync.device_package import open_sealed
from fieldsurvey.sync.payload_decrypt import PayloadDecryptError, decrypt_payload
from fieldsurvey.sync.recovery import reset_password


def _payload(world: World) -> bytes:
    completed(world.lap_a, 1)
    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None
    return bundle_format.split(result.path.read_bytes(), bundle_format.BUNDLE_MAGIC).payload


def test_laptop_holds_no_key_that_decrypts_its_bundles(world: World) -> None:
    payload = _payload(world)
    settings = {k: v for k, v in world.lap_a.db.execute("SELECT key, value FROM settings")}
    assert CAMPAIGN_SETTING not in settings
    secrets = [
        line
        for value in settings.values()
        for line in json.dumps(json.loads(value)).replace('"', " ").split()
        if line.startswith("AGE-SECRET-KEY-")
    ]
    assert secrets  # the laptop's own receipt key
    for secret in secrets:
        with pytest.raises(PayloadDecryptError):
            decrypt_payload(payload, [keys.age_identity(secret)])
    # ...while the coordinator's campaign identity and the printed recovery file can.
    assert decrypt_payload(payload, [keys.age_identity(world.keys.age_identity)])
    recovery = keys.read_identity_file(world.recovery_file.read_text("utf-8"))
    assert decrypt_payload(payload, recovery)


def test_recovery_identity_is_not_stored_in_the_coordinator(world: World) -> None:
    secret = next(
        line
        for line in world.recovery_file.read_text("utf-8").splitlines()
        if line.startswith("AGE-SECRET-KEY-")
    )
    for path in (world.root / "coord").iterdir():
        assert secret.encode() not in path.read_bytes()
    stored = json.dumps(world.coord.get_setting(CAMPAIGN_SETTING))
    assert secret not in stored
    assert oct(world.recovery_file.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("use", ["campaign", "recovery-file"])
def test_forgotten_laptop_password_is_reset(world: World, use: str) -> None:
    home = world.lap_a.home
    completed(world.lap_a, 1)
    world.lap_a.close()
    if use == "campaign":
        identities = [keys.age_identity(world.keys.age_identity)]
    else:
        identities = keys.read_identity_file(world.recovery_file.read_text("utf-8"))
    reset_password(home, identities, "brand new password")
    with pytest.raises(WrongPasswordError):
        Workspace.open(home, LAPTOP_PASSWORD)
    with Workspace.open(home, "brand new password") as ws:
        assert ws.db.execute("SELECT COUNT(*) FROM interviews").fetchone()[0] == 1
    world.lap_a = Workspace.open(home, "brand new password")


def test_recovery_with_a_foreign_identity_or_copied_slot_fails(world: World) -> None:
    stranger = pyrage.x25519.Identity.generate()
    with pytest.raises(RecoveryError, match="cannot open"):
        reset_password(world.lap_a.home, [stranger], "x")
    # B's recovery slot pasted into A's workspace.json does not unlock A.
    meta_a = json.loads((world.lap_a.home / "workspace.json").read_text())
    meta_b = json.loads((world.lap_b.home / "workspace.json").read_text())
    slot_b = next(s for s in meta_b["key_slots"] if s["id"] == "recovery")
    meta_a["key_slots"] = [s for s in meta_a["key_slots"] if s["id"] != "recovery"] + [slot_b]
    (world.lap_a.home / "workspace.json").write_text(json.dumps(meta_a))
    with pytest.raises(RecoveryError, match="another workspace"):
        reset_password(world.lap_a.home, [keys.age_identity(world.keys.age_identity)], "x")


def test_package_wrong_passphrase_and_tampering(world: World) -> None:
    data = (world.root / "a.pkg").read_bytes()
    with pytest.raises(PackageError, match="passphrase"):
        open_sealed(data, "not the passphrase")
    # Re-sealed after editing the package (e.g. another coordinator key slipped in):
    inner = json.loads(pyrage.passphrase.decrypt(data, PASSPHRASE))
    inner["package"]["coordinator_signing_public"] = keys.public_key_of(keys.new_signing_key())
    forged = pyrage.passphrase.encrypt(json.dumps(inner).encode(), PASSPHRASE)
    with pytest.raises(PackageError):
        open_sealed(forged, PASSPHRASE)
    with pytest.raises(PackageError, match="not a device package"):
        open_sealed(b"random bytes" * 10, PASSPHRASE)


def test_package_sets_up_a_laptop_only_once(world: World, tmp_path: Path) -> None:
    from fieldsurvey.sync.enrolment import read_package, setup_device

    package = read_package(world.root / "b.pkg", PASSPHRASE)
    target = tmp_path / "copy"
    shutil.copytree(world.lap_b.home, target)
    with pytest.raises(WorkspaceExistsError):
        setup_device(target, package, "another laptop password")


def test_real_packages_use_the_full_cost(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests seal packages cheaply (conftest); the code itself uses age's own cost."""
    monkeypatch.setattr(pyrage.passphrase, "encrypt", FULL_COST_PASSPHRASE_ENCRYPT)
    data, _ = enrolment.issue_device(world.coord, "laptop-c", PASSPHRASE)
    work_factor = int(age_header.check_for_passphrase(data).stanzas[0].args[1])
    # age calibrates it to about a second of scrypt (2**18 and more on a laptop)
    assert work_factor >= 14 > CHEAP_WORK_FACTOR
    assert open_sealed(data, PASSPHRASE).device_name == "laptop-c"
