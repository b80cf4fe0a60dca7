"""Every bad bundle of issue 4 is refused, by the right check, and changes nothing.

Each test imports one bad file into a coordinator that already holds one good bundle
and compares a dump of every table before and after.
"""

from __future__ import annotations

import hashlib
import io
import struct
import time
import zipfile
from pathlib import Path

import pytest
from sync_helpers import World, completed, dump, encrypted_payload, forge, wire

from fieldsurvey.errors import BundleCheckError
from fieldsurvey.sync import bundle_format, keys
from fieldsurvey.sync.bundle_import import FileReport, import_bytes, import_files, verify_file
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.devices import revoke_device

NEW_UUID = "11111111-2222-4333-8444-555555555555"


@pytest.fixture
def good(world: World) -> bytes:
    """A valid bundle from laptop A, not yet imported; one earlier bundle already is."""
    completed(world.lap_a, 2)
    first = export_bundle(world.lap_a, world.out())
    assert first.path is not None
    assert import_files(world.coord, [first.path]).files[0].status == "accepted"
    completed(world.lap_a, 1, household="NEXT")
    second = export_bundle(world.lap_a, world.out())
    assert second.path is not None
    return second.path.read_bytes()


def refused(world: World, data: bytes, check: str | set[str]) -> FileReport:
    before = dump(world.coord)
    report = import_bytes(world.coord, data, "bad.fsb")
    assert report.status == "rejected", report
    expected = {check} if isinstance(check, str) else check
    assert report.check in expected, report
    assert dump(world.coord) == before
    return report


def test_the_good_bundle_is_accepted(world: World, good: bytes) -> None:
    report = import_bytes(world.coord, good, "good.fsb")
    assert report.status == "accepted"
    assert report.merge is not None and len(report.merge.new) == 1


def test_truncated_file(world: World, good: bytes) -> None:
    refused(world, good[:-100], "payload")
    refused(world, good[:40], "size")


def test_bytes_appended(world: World, good: bytes) -> None:
    refused(world, good + b"\x00" * 16, "payload")


def test_empty_file(world: World, tmp_path: Path) -> None:
    empty = tmp_path / "empty.fsb"
    empty.write_bytes(b"")
    before = dump(world.coord)
    [report] = import_files(world.coord, [empty]).files
    assert (report.status, report.check) == ("rejected", "size")
    assert dump(world.coord) == before


def test_a_zip_file(world: World) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("interviews.json", "{}" * 200)
    refused(world, buffer.getvalue(), "size")


def test_random_bytes(world: World) -> None:
    refused(world, bytes(range(256)) * 8, "size")


def test_huge_header_length(world: World, good: bytes) -> None:
    forged = good[:8] + struct.pack(">I", 0xFFFFFFF0) + good[12:]
    assert "over the limit" in (refused(world, forged, "size").reason or "")


def test_duplicate_keys_in_header(world: World) -> None:
    payload = encrypted_payload(world.a, [wire(world.a, NEW_UUID, 1, {})])
    honest = forge(world.a, payload=payload)
    header = bundle_format.split(honest, bundle_format.BUNDLE_MAGIC).header_bytes
    doubled = header.replace(b'"sequence":1', b'"sequence":1,"sequence":7')
    report = refused(world, forge(world.a, payload=payload, raw_header=doubled), "header")
    assert "duplicate key" in (report.reason or "")


def test_every_single_byte_flip_in_the_header(world: World, good: bytes) -> None:
    length = struct.unpack(">I", good[8:12])[0]
    before = dump(world.coord)
    for offset in range(12, 12 + length):
        bad = bytearray(good)
        bad[offset] ^= 0x01
        report = import_bytes(world.coord, bytes(bad), "flip.fsb")
        assert report.status == "rejected", offset
        assert report.check in {"header", "signature", "device"}, (offset, report)
    assert dump(world.coord) == before


def test_one_bit_flipped_in_a_bundle_id_digit_fails_the_signature(
    world: World, good: bytes
) -> None:
    header = bundle_format.split(good, bundle_format.BUNDLE_MAGIC).header_bytes
    where = 12 + header.index(b'"bundle":"') + len(b'"bundle":"')
    bad = bytearray(good)
    bad[where] = ord("0") if bad[where] != ord("0") else ord("1")  # still a hex digit
    refused(world, bytes(bad), "signature")


def test_one_bit_flipped_in_the_signature(world: World, good: bytes) -> None:
    container = bundle_format.split(good, bundle_format.BUNDLE_MAGIC)
    at = 12 + len(container.header_bytes) + 10
    bad = bytearray(good)
    bad[at] ^= 0x80
    refused(world, bytes(bad), "signature")


def test_one_bit_flipped_in_the_payload(world: World, good: bytes) -> None:
    for at in (len(good) - 1, len(good) - 5000 if len(good) > 6000 else len(good) - 50):
        bad = bytearray(good)
        bad[at] ^= 0x04
        refused(world, bytes(bad), "payload")


def test_header_edited_with_the_old_signature_kept(world: World, good: bytes) -> None:
    container = bundle_format.split(good, bundle_format.BUNDLE_MAGIC)
    edited = container.header_bytes.replace(b'"sequence":2', b'"sequence":9')
    assert edited != container.header_bytes
    data = bundle_format.pack(
        bundle_format.BUNDLE_MAGIC, edited, container.signature, container.payload
    )
    refused(world, data, "signature")


def test_signed_by_an_unknown_device(world: World) -> None:
    payload = encrypted_payload(world.a, [wire(world.a, NEW_UUID, 1, {})])
    stranger = keys.new_signing_key()
    unknown = "99999999-2222-4333-8444-555555555555"
    refused(world, forge(world.a, payload=payload, signing_key=stranger, device=unknown), "device")
    # A known device id with a key the coordinator never issued:
    refused(world, forge(world.a, payload=payload, signing_key=stranger), "signature")


def test_signed_by_a_revoked_device(world: World, good: bytes) -> None:
    revoked = revoke_device(world.coord, "laptop-a")
    report = refused(world, good, "device")
    assert "revoked" in (report.reason or "")
    # the refusal is a coded error, so the coordinator reads it in the app's language
    with pytest.raises(BundleCheckError) as caught:
        verify_file(world.coord, good)
    assert (caught.value.check, caught.value.code) == ("device", "sync.check.device_revoked")
    assert caught.value.text("vi") == f"máy 'laptop-a' đã bị thu hồi vào {revoked.revoked}"


def test_device_a_header_on_device_b_payload(world: World, good: bytes) -> None:
    completed(world.lap_b, 1)
    b_bundle = export_bundle(world.lap_b, world.out())
    assert b_bundle.path is not None
    b_payload = bundle_format.split(b_bundle.path.read_bytes(), bundle_format.BUNDLE_MAGIC).payload
    a_container = bundle_format.split(good, bundle_format.BUNDLE_MAGIC)
    # A's signed header as it is, B's payload: the signed hash does not match.
    swapped = bundle_format.pack(
        bundle_format.BUNDLE_MAGIC, a_container.header_bytes, a_container.signature, b_payload
    )
    refused(world, swapped, "payload")
    # A signs a fresh header over B's payload: the payload's inner binding says B.
    resigned = forge(world.a, payload=b_payload, sequence=2, bundle=b_bundle.bundle_id)
    report = refused(world, resigned, "binding")
    assert "another bundle or device" in (report.reason or "")


def test_wrong_campaign(world: World) -> None:
    other = "77777777-2222-4333-8444-555555555555"
    payload = encrypted_payload(world.a, [wire(world.a, NEW_UUID, 1, {})], campaign=other)
    refused(world, forge(world.a, payload=payload, campaign=other), "campaign")


def test_payload_encrypted_to_another_key(world: World) -> None:
    _, stranger = keys.new_age_identity()
    payload = encrypted_payload(
        world.a, [wire(world.a, NEW_UUID, 1, {})], recipients=[stranger], sequence=5
    )
    refused(world, forge(world.a, payload=payload, sequence=5), "decrypt")


def test_thousand_recipients_refused_in_milliseconds(world: World) -> None:
    many = [keys.new_age_identity()[1] for _ in range(998)] + world.a.recipients
    payload = encrypted_payload(
        world.a, [wire(world.a, NEW_UUID, 1, {})], recipients=many, sequence=5
    )
    data = forge(world.a, payload=payload, sequence=5)
    before = dump(world.coord)
    started = time.perf_counter()
    report = import_bytes(world.coord, data, "many.fsb")
    elapsed = time.perf_counter() - started
    assert (report.status, report.check) == ("rejected", "decrypt")
    assert "more than 8 recipient" in (report.reason or "")
    assert elapsed < 0.5, elapsed  # a whole-buffer decrypt takes ~20 s here
    assert dump(world.coord) == before


def test_valid_bundle_imported_twice(world: World, good: bytes) -> None:
    assert import_bytes(world.coord, good, "once.fsb").status == "accepted"
    before = dump(world.coord)
    again = import_bytes(world.coord, good, "twice.fsb")
    assert again.status == "already-imported"
    assert dump(world.coord) == before


def test_same_sequence_different_content_is_equivocation(world: World, good: bytes) -> None:
    container = bundle_format.split(good, bundle_format.BUNDLE_MAGIC)
    header = bundle_format.BundleHeader.model_validate_json(container.header_bytes)
    payload = encrypted_payload(
        world.a,
        [wire(world.a, NEW_UUID, 1, {})],
        sequence=header.sequence,
        bundle="22222222-2222-4333-8444-555555555555",
    )
    clone = forge(
        world.a,
        payload=payload,
        sequence=header.sequence,
        bundle="22222222-2222-4333-8444-555555555555",
    )
    assert import_bytes(world.coord, good, "good.fsb").status == "accepted"
    interviews_before = dump(world.coord)["interviews"]
    report = import_bytes(world.coord, clone, "clone.fsb")
    assert report.status == "rejected" and report.equivocation
    assert "EQUIVOCATION" in (report.reason or "")
    assert dump(world.coord)["interviews"] == interviews_before
    alerts = world.coord.db.execute("SELECT kind, device_id, sequence FROM sync_alerts").fetchall()
    assert alerts == [("equivocation", world.a.device_id, header.sequence)]


def test_gap_is_reported_not_refused(world: World) -> None:
    payload = encrypted_payload(world.b, [wire(world.b, NEW_UUID, 1, {})], sequence=4)
    report = import_bytes(world.coord, forge(world.b, payload=payload, sequence=4), "gap.fsb")
    assert report.status == "accepted"
    assert report.gap == (1, 3)


def test_payload_hash_is_over_exact_bytes(world: World, good: bytes) -> None:
    container = bundle_format.split(good, bundle_format.BUNDLE_MAGIC)
    header = bundle_format.BundleHeader.model_validate_json(container.header_bytes)
    assert hashlib.sha256(container.payload).hexdigest() == header.payload_sha256
    assert header.payload_length == len(container.payload)
