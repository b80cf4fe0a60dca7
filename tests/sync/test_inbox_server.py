"""The inbox server on loopback, started by each test, with a real HTTP client: a full
send, a dropped upload resumed, a replay, refusals before the body (revoked laptop,
forged signature, over the cap), a flood, and a restart that imports what was stored.
Each compares the coordinator's tables before and after."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sync_helpers import World, completed, dump, forge

from fieldsurvey.store import inbox_log, interviews
from fieldsurvey.sync import bundle_format, keys
from fieldsurvey.sync import inbox_protocol as proto
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.devices import revoke_device
from fieldsurvey.sync.inbox_client import InboxClient, InboxError, send_pending
from fieldsurvey.sync.inbox_server import Limits, serving_in_thread


@pytest.fixture
def inbox(world: World) -> Iterator[str]:
    with serving_in_thread(world.coord) as (_, url):
        yield url


def _bundle(world: World, n: int = 2, folder: str = "usb") -> tuple[bytes, list[str]]:
    uuids = completed(world.lap_a, n, household=f"HH{n}")
    out = world.root / folder
    out.mkdir(exist_ok=True)
    result = export_bundle(world.lap_a, out)
    assert result.path is not None
    return result.path.read_bytes(), uuids


def _connection(url: str) -> http.client.HTTPConnection:
    host, port = url.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=10)


def _headers_only(
    url: str, data: bytes, *, content_length: int
) -> tuple[int, dict[str, Any], float]:
    """PUT the signed header of ``data`` announcing ``content_length`` body bytes, send
    none of them, and wait for the answer: (status, JSON body, seconds it took)."""
    container = bundle_format.split(data, bundle_format.BUNDLE_MAGIC)
    bundle_id = json.loads(container.header_bytes)["bundle"]
    conn = _connection(url)
    started = time.monotonic()
    conn.putrequest("PUT", f"/bundles/{bundle_id}")
    conn.putheader(proto.HEADER, proto.b64(container.header_bytes))
    conn.putheader(proto.SIGNATURE, proto.b64(container.signature))
    conn.putheader(proto.OFFSET, "0")
    conn.putheader("Content-Length", str(content_length))
    conn.endheaders()
    response = conn.getresponse()
    body = json.loads(response.read())
    conn.close()
    return response.status, body, time.monotonic() - started


def _cut_upload(url: str, data: bytes, upto: int) -> None:
    """Start a PUT of the whole file, send ``upto`` bytes, and drop the connection."""
    container = bundle_format.split(data, bundle_format.BUNDLE_MAGIC)
    bundle_id = json.loads(container.header_bytes)["bundle"]
    conn = _connection(url)
    conn.putrequest("PUT", f"/bundles/{bundle_id}")
    conn.putheader(proto.HEADER, proto.b64(container.header_bytes))
    conn.putheader(proto.SIGNATURE, proto.b64(container.signature))
    conn.putheader(proto.OFFSET, "0")
    conn.putheader("Content-Length", str(len(data)))
    conn.endheaders()
    conn.send(data[:upto])
    conn.close()


def _without(tables: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in tables.items() if k != name}


def _inbox_files(world: World) -> list[str]:
    root = world.coord.home / "inbox"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_send_uploads_merges_and_applies_the_receipt(world: World, inbox: str) -> None:
    uuids = completed(world.lap_a, 3)
    before = dump(world.coord)
    report = send_pending(world.lap_a, inbox)
    assert [b.state for b in report.bundles] == ["merged"]
    assert report.receipt is not None and sorted(report.receipt.acknowledged) == sorted(uuids)
    for uuid in uuids:
        assert interviews.get_interview(world.lap_a, uuid).status == "acknowledged"
        assert interviews.get_interview(world.coord, uuid).device_id == world.a.device_id
    after = dump(world.coord)
    assert len(after["interviews"]) == len(before["interviews"]) + 3
    assert len(after["sync_bundles"]) == len(before["sync_bundles"]) + 1
    sent = sorted((world.lap_a.home / "outbox" / "sent").glob("*.fsb"))
    assert len(sent) == 1 and not list((world.lap_a.home / "outbox").glob("*.fsb"))
    assert [p.split("/")[0] for p in _inbox_files(world)] == ["done"]
    [contact] = inbox_log.contacts(world.coord)  # last contact, per laptop
    assert (contact.device_id, contact.last_sequence) == (world.a.device_id, 1)
    assert contact.last_bundle_at and contact.last_receipt_at
    # nothing new: no bundle, the same coordinator but the contact
    again = send_pending(world.lap_a, inbox)
    assert again.bundles == []
    assert _without(dump(world.coord), "inbox_contacts") == _without(after, "inbox_contacts")


def test_a_dropped_upload_resumes_where_it_stopped(world: World, inbox: str) -> None:
    data, uuids = _bundle(world, 40)
    half = len(data) // 2
    before = dump(world.coord)
    _cut_upload(inbox, data, half)
    client = InboxClient(inbox, world.a)
    deadline = time.monotonic() + 10
    while client.state(data) != ("partial", half):
        assert time.monotonic() < deadline, client.state(data)
        time.sleep(0.05)
    assert dump(world.coord) == before  # half a bundle merges nothing
    sent = client.upload(data, "b.fsb")
    assert sent.state == "merged"
    assert (sent.resumed_from, sent.sent) == (half, len(data) - half)
    assert client.state(data) == ("merged", len(data))
    after = dump(world.coord)
    new = set(after["interviews"]) - set(before["interviews"])
    assert sorted(row[0] for row in new) == sorted(uuids)  # each merged once, none lost


def test_a_replayed_upload_merges_once(world: World, inbox: str) -> None:
    data, _ = _bundle(world, 2)
    client = InboxClient(inbox, world.a)
    assert client.upload(data).state == "merged"
    merged = dump(world.coord)
    again = client.upload(data)
    assert (again.state, again.sent) == ("merged", 0)  # answered without a byte of body
    status, body, _ = _headers_only(inbox, data, content_length=len(data))
    assert (status, body["state"]) == (200, "merged")
    route, headers = client.signed_route(data)
    status, answer, _ = client.request("HEAD", route, headers)
    assert (status, answer[proto.STATE], answer[proto.OFFSET]) == (200, "merged", str(len(data)))
    assert dump(world.coord) == merged


def test_a_revoked_laptop_is_refused_before_its_body(world: World, inbox: str) -> None:
    data, _ = _bundle(world, 2)
    revoke_device(world.coord, "laptop-a")
    before = dump(world.coord)
    status, body, took = _headers_only(inbox, data, content_length=len(data))
    assert status == 403 and body["code"] == "sync.check.device_revoked"
    assert took < 5  # answered although the body never came
    with pytest.raises(InboxError) as refused:
        InboxClient(inbox, world.a).upload(data, "b.fsb")
    assert refused.value.server_code == "sync.check.device_revoked"
    client = InboxClient(inbox, world.a)
    with pytest.raises(InboxError) as refused:
        client.receipt()
    assert refused.value.server_code == "inbox.receipt_refused"
    assert dump(world.coord) == before and _inbox_files(world) == []


def test_a_forged_header_signature_is_refused_before_the_body(world: World, inbox: str) -> None:
    payload = b"\x00" * 4096
    forged = forge(world.a, payload=payload, signing_key=world.b.signing_key)
    before = dump(world.coord)
    status, body, _ = _headers_only(inbox, forged, content_length=len(forged))
    assert (status, body["code"], body["check"]) == (403, "sync.check.bad_signature", "signature")
    # an unknown laptop, too
    stranger = forge(world.a, payload=payload, device="00000000-0000-4000-8000-0000000000ff")
    status, body, _ = _headers_only(inbox, stranger, content_length=len(stranger))
    assert (status, body["code"]) == (403, "sync.check.unknown_device")
    assert dump(world.coord) == before and _inbox_files(world) == []


def test_bytes_of_someone_else_under_a_bundles_header_do_not_stop_it(
    world: World, inbox: str
) -> None:
    """The header is public (a found USB stick shows it): someone may start an upload
    under it with other bytes; the laptop's own upload still gets through."""
    data, uuids = _bundle(world, 2)
    junk = data[: len(data) - 300] + bytes(200)  # the right header, other payload bytes
    _cut_upload(inbox, junk, len(junk))
    client = InboxClient(inbox, world.a)
    deadline = time.monotonic() + 10
    while client.state(data)[1] != len(junk):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert client.upload(data, "b.fsb").state == "merged"
    assert all(interviews.get_interview(world.coord, u) for u in uuids)


def test_a_body_that_is_not_the_signed_one_is_dropped(world: World, inbox: str) -> None:
    data, _ = _bundle(world, 2)
    tampered = data[:-10] + bytes(10)
    before = dump(world.coord)
    with pytest.raises(InboxError) as refused:
        InboxClient(inbox, world.a).upload(tampered, "b.fsb")
    assert refused.value.server_code == "inbox.upload_mismatch"
    assert dump(world.coord) == before and _inbox_files(world) == []


def test_a_bundle_over_the_cap_is_refused_before_reading(world: World) -> None:
    big = 2 * 1024 * 1024
    forged = forge(world.a, payload=b"\x00" * 128, payload_length=big)
    before = dump(world.coord)
    with serving_in_thread(world.coord, Limits(max_bytes=1024 * 1024)) as (_, url):
        status, body, took = _headers_only(url, forged, content_length=big + 200)
    assert (status, body["code"], body["check"]) == (413, "inbox.too_large", "size")
    assert took < 5
    assert dump(world.coord) == before and _inbox_files(world) == []


def test_a_flood_from_one_laptop_is_rate_limited(world: World) -> None:
    data, _ = _bundle(world, 1)
    other = forge(world.b, payload=b"\x00" * 128)
    limits = Limits(burst=5, rate=2.0)
    before = dump(world.coord)
    with serving_in_thread(world.coord, limits) as (_, url):
        conn = _connection(url)
        container = bundle_format.split(data, bundle_format.BUNDLE_MAGIC)
        bundle_id = json.loads(container.header_bytes)["bundle"]
        headers = {
            proto.HEADER: proto.b64(container.header_bytes),
            proto.SIGNATURE: proto.b64(container.signature),
        }
        statuses = []
        started = time.monotonic()
        for _ in range(200):
            conn.request("GET", f"/bundles/{bundle_id}", headers=headers)
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
        elapsed = time.monotonic() - started
        conn.close()
        assert InboxClient(url, world.b).state(other)[0] == "none"  # others still served
    assert set(statuses) == {200, 429}
    assert statuses.count(200) <= limits.burst + limits.rate * elapsed + 1
    assert elapsed < 20
    assert dump(world.coord) == before


def test_a_restart_imports_what_was_stored_but_not_merged(world: World) -> None:
    data, uuids = _bundle(world, 3)
    header = json.loads(bundle_format.split(data, bundle_format.BUNDLE_MAGIC).header_bytes)
    received = world.coord.home / "inbox" / "received"
    received.mkdir(parents=True)
    # the server stopped right after the rename, before the import
    (received / f"{header['device']}.{header['bundle']}.fsb").write_bytes(data)
    before = dump(world.coord)
    with serving_in_thread(world.coord) as (_, url):
        client = InboxClient(url, world.a)
        deadline = time.monotonic() + 20
        while client.state(data)[0] != "merged":
            assert time.monotonic() < deadline
            time.sleep(0.05)
    after = dump(world.coord)
    assert len(after["interviews"]) == len(before["interviews"]) + len(uuids)
    assert [p.split("/")[0] for p in _inbox_files(world)] == ["done"]


def test_the_laptop_refuses_a_server_without_the_coordinator_key(world: World, inbox: str) -> None:
    completed(world.lap_a, 1)
    impostor = world.a.model_copy(
        update={"coordinator_signing_public": keys.public_key_of(keys.new_signing_key())}
    )
    client = InboxClient(inbox, impostor)
    with pytest.raises(InboxError) as refused:
        client.hello()
    assert refused.value.code == "inbox.server_not_coordinator"
    InboxClient(inbox, world.a).hello()  # the real key passes


def test_receipts_need_the_laptops_signature_on_a_fresh_nonce(world: World, inbox: str) -> None:
    client = InboxClient(inbox, world.a)
    status, _, body = client.request("GET", f"/receipts/{world.a.device_id}/challenge")
    nonce = bytes.fromhex(json.loads(body)["nonce"])
    wrong = keys.sign(
        world.b.signing_key,
        proto.DOMAIN_RECEIPT_REQUEST,
        proto.receipt_request_message(nonce, world.a.device_id),
    )
    headers = {proto.NONCE: nonce.hex(), proto.SIGNATURE: proto.b64(wrong)}
    status, _, body = client.request("GET", f"/receipts/{world.a.device_id}", headers)
    assert (status, json.loads(body)["code"]) == (403, "inbox.receipt_refused")
    right = keys.sign(
        world.a.signing_key,
        proto.DOMAIN_RECEIPT_REQUEST,
        proto.receipt_request_message(nonce, world.a.device_id),
    )
    headers[proto.SIGNATURE] = proto.b64(right)
    status, _, _ = client.request("GET", f"/receipts/{world.a.device_id}", headers)
    assert status == 403  # the nonce was used up by the failed attempt
    data = client.receipt()
    assert data.startswith(bundle_format.RECEIPT_MAGIC)


def test_status_answers_without_authentication(world: World, inbox: str) -> None:
    status, _, body = InboxClient(inbox, world.a).request("GET", "/status")
    assert status == 200 and json.loads(body)["ok"] is True


def test_status_answers_at_once_while_an_import_waits(world: World, inbox: str) -> None:
    """The import runs in a worker thread: held up here by another writer (the app
    importing from a USB stick, say), it does not hold up the server."""
    data, uuids = _bundle(world, 3)
    client = InboxClient(inbox, world.a)
    outcome: list[str] = []
    with world.coord.transaction():  # the write lock, held by "another import"
        uploader = threading.Thread(target=lambda: outcome.append(client.upload(data).state))
        uploader.start()
        latencies, importing = [], 0
        deadline = time.monotonic() + 5
        while not importing:
            assert time.monotonic() < deadline
            started = time.monotonic()
            _, _, body = client.request("GET", "/status")
            latencies.append(time.monotonic() - started)
            importing = json.loads(body)["importing"]
        for _ in range(10):
            started = time.monotonic()
            client.request("GET", "/status")
            latencies.append(time.monotonic() - started)
        assert max(latencies) < 0.1, latencies
        assert client.state(data)[0] == "stored"  # whole on disk, waiting for its import
    uploader.join(30)
    assert outcome == ["merged"]
    assert all(interviews.get_interview(world.coord, u) for u in uuids)


def test_a_rate_limited_laptop_waits_and_goes_on(world: World) -> None:
    data, uuids = _bundle(world, 2)
    with serving_in_thread(world.coord, Limits(burst=1, rate=2.0)) as (_, url):
        sent = InboxClient(url, world.a).upload(data, "b.fsb")
    assert sent.state == "merged"
    assert all(interviews.get_interview(world.coord, u) for u in uuids)


def test_a_damaged_file_in_the_outbox_is_set_aside_and_the_rest_sent(
    world: World, inbox: str
) -> None:
    uuids = completed(world.lap_a, 1)
    outbox = world.lap_a.home / "outbox"
    outbox.mkdir()
    (outbox / "fieldsurvey-00000000-000009.fsb").write_bytes(b"FSBUNDL1" + bytes(300))
    report = send_pending(world.lap_a, inbox)
    assert sorted(b.state for b in report.bundles) == ["merged", "rejected"]
    assert [p.name for p in (outbox / "refused").iterdir()] == ["fieldsurvey-00000000-000009.fsb"]
    assert report.receipt is not None and report.receipt.acknowledged == uuids
