"""Media answers and audit logs travel: laptop -> bundle -> coordinator -> export and the
printed record, the files byte for byte; what is forged or not the laptop's own is
refused and the record waits in the quarantine; the purge erases them on the laptop."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sync_helpers import World, forge

from fieldsurvey.errors import InterviewNotFoundError
from fieldsurvey.forms.loader import load_form_bytes
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.reports import write_record_pdf
from fieldsurvey.reports.export_writers import export_workspace
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store import interviews, media, quarantine, question_audit
from fieldsurvey.store.audit import EMPTY_HEAD
from fieldsurvey.store.media import NewMedia
from fieldsurvey.store.question_audit import AuditEvent
from fieldsurvey.sync import bundle_format, keys, payload_stream
from fieldsurvey.sync.bundle_import import import_bytes, import_files
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.purge import purge_acknowledged
from fieldsurvey.sync.receipts import build_receipt, import_receipt

FORM_MD = """
| survey |
| | type         | name    | label              | appearance | parameters         |
| | audit        | audit   |                    |            | track-changes=true |
| | text         | name    | Name               |            |                    |
| | image        | photo   | Photo of the house |            |                    |
| | image        | sig     | Signature          | signature  |                    |
| | file         | doc     | A document         |            |                    |
| | begin repeat | members | Members            |            |                    |
| | image        | face    | Face               |            |                    |
| | end repeat   |         |                    |            |                    |
| settings |
| | form_id | version |
| | media_form | 1 |
"""


def jpeg(colour: str, size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG", quality=80)
    return out.getvalue()


def noise(side: int) -> bytes:
    """A photo that does not compress (some 100 KB)."""
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, format="JPEG")
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (120, 40), "white").save(out, format="PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(scope="module")
def spec() -> FormSpec:
    return load_form_bytes(FORM_MD.encode(), "media_form.md", use_cache=False)


def install(world: World, spec: FormSpec) -> None:
    for ws in (world.coord, world.lap_a):
        forms_store.save_form(ws, spec.form_id, spec.version, spec.model_dump_json(),
                              spec.source_hash)  # fmt: skip


def fill(world: World, files: dict[str, bytes]) -> str:
    """One completed interview on laptop A with ``files`` (answer path -> bytes) and an
    audit log, as the entry screen leaves it."""
    lap = world.lap_a
    uuid = interviews.new_interview(
        lap, form_id="media_form", form_version="1", ward="phuc_tan", household_id="HH-7",
        enumerator="enum",
    ).uuid  # fmt: skip
    interviews.set_answer(lap, uuid, "name", "Lan", who="enum")
    for path, data in files.items():
        ext = {b"\xff\xd8": "jpg", b"\x89P": "png", b"%P": "pdf"}[data[:2]]
        name = f"{path.rpartition('/')[2].split('[')[0]}-{len(data)}.{ext}"
        media.put(lap, uuid, NewMedia(name, media.mime_for(name) or "", data))
        interviews.set_answer(lap, uuid, path, name, who="enum")
    with lap.transaction() as db:
        question_audit.append(db, uuid, [
            AuditEvent("form start", "", 1_764_900_000_000),
            AuditEvent("question", "/data/name", 1_764_900_000_000, 1_764_900_004_000,
                       old_value=None, new_value="Lan"),
            AuditEvent("question", "/data/photo", 1_764_900_004_000, 1_764_900_019_000),
            AuditEvent("form save", "", 1_764_900_020_000),
        ])  # fmt: skip
    interviews.complete(lap, uuid, who="enum")
    return uuid


FILES = {
    "photo": jpeg("red"),
    "sig": png(),
    "doc": PDF,
    "members[1]/face": jpeg("green"),
    "members[2]/face": jpeg("blue", (30, 90)),
}


def test_files_and_audit_log_arrive_and_export_byte_for_byte(
    world: World, spec: FormSpec, tmp_path: Path
) -> None:
    install(world, spec)
    uuid = fill(world, FILES)
    names = interviews.get_interview(world.lap_a, uuid).answers
    sent = export_bundle(world.lap_a, world.out())
    assert sent.path is not None and sent.files == 6 and sent.remaining == 0
    # a bundle's payload is encrypted: the photo's bytes are nowhere in the file
    assert FILES["photo"][-40:] not in sent.path.read_bytes()

    [report] = import_files(world.coord, [sent.path]).files
    assert report.status == "accepted", report.reason
    assert report.merge is not None and report.merge.new == [uuid]
    assert report.merge.media_files == 6 and report.merge.media_refused == []

    out = tmp_path / "export"
    result = export_workspace(world.coord, "csv", out)
    with open(out / "media_form.csv", encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["photo"] == names["photo"]  # the file name in the cell, as ODK Central
    folder = out / "media" / uuid
    assert (folder / row["photo"]).read_bytes() == FILES["photo"]
    assert (folder / names["sig"]).read_bytes() == FILES["sig"]
    assert (folder / names["doc"]).read_bytes() == PDF
    with open(out / "media_form-members.csv", encoding="utf-8-sig", newline="") as handle:
        faces = [r["members/face"] for r in csv.DictReader(handle)]
    assert [(folder / f).read_bytes() for f in faces] == [FILES["members[1]/face"],
                                                          FILES["members[2]/face"]]  # fmt: skip
    # the form's audit row asks for track-changes: ODK's old-value/new-value columns
    params = question_audit.audit_parameters(spec)
    assert params == {"track-changes": "true"}
    sent_log = question_audit.to_csv(
        question_audit.events(world.lap_a, uuid), question_audit.columns_for(params)
    )
    assert (folder / "audit.csv").read_bytes() == sent_log
    with open(out / "media_form-audit.csv", encoding="utf-8-sig", newline="") as handle:
        combined = list(csv.DictReader(handle))
    assert [r["event"] for r in combined] == ["form start", "question", "question", "form save"]
    assert {r["instance ID"] for r in combined} == {uuid}
    assert len(result.media) == 7 and any(n.code == "media.export_files" for n in result.warnings)

    # The printed record shows the photos (images in the PDF), the document by name.
    merged = interviews.get_interview(world.coord, uuid)
    pdf = write_record_pdf(merged, spec, tmp_path / "r.pdf", lang="en",
                           media=media.read_all(world.coord, uuid)).read_bytes()  # fmt: skip
    assert pdf.count(b"/Subtype /Image") >= 4
    bare = write_record_pdf(merged, spec, tmp_path / "r0.pdf", lang="en").read_bytes()
    assert b"/Subtype /Image" not in bare

    # Importing again changes nothing; acknowledging and purging erases them on the laptop.
    assert import_files(world.coord, [sent.path]).files[0].status == "already-imported"
    import_receipt(world.lap_a, build_receipt(world.coord, "laptop-a")[0])
    purge_acknowledged(world.lap_a)
    assert media.read_all(world.lap_a, uuid) == {}
    assert question_audit.events(world.lap_a, uuid) == []
    assert media.read(world.coord, uuid, names["photo"]) == FILES["photo"]


def test_a_bundle_with_too_many_files_leaves_interviews_for_the_next(
    world: World, spec: FormSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(world, spec)
    photos = [noise(300), noise(300)]
    first = fill(world, {"photo": photos[0]})
    second = fill(world, {"photo": photos[1]})
    size = max(map(len, photos))
    monkeypatch.setattr(bundle_format, "MAX_FILE_BYTES", 2 * size + 30_000)
    one = export_bundle(world.lap_a, world.out())
    assert (one.interviews, one.remaining) == (1, 1)
    two = export_bundle(world.lap_a, world.out())
    assert (two.interviews, two.remaining) == (1, 0)
    monkeypatch.undo()
    reports = import_files(world.coord, [p for p in (one.path, two.path) if p is not None])
    assert [r.merge.new for r in reports.files if r.merge] == [[first], [second]]


# --- what the coordinator refuses ---------------------------------------------------------
def _payload(world: World, records: list[dict[str, Any]], files: list[bytes]) -> bytes:
    head = {"kind": "bundle-payload", "campaign": world.a.campaign_id,
            "device": world.a.device_id, "sequence": 1,
            "bundle": "00000000-0000-4000-8000-000000000001"}  # fmt: skip
    plain = payload_stream.encode(head, [json.dumps(r).encode() for r in records], [], files)
    return bytes(pyrage_encrypt(plain, world))


def pyrage_encrypt(plain: bytes, world: World) -> bytes:
    import pyrage

    return bytes(pyrage.encrypt(plain, [keys.age_recipient(r) for r in world.a.recipients]))


def _send(world: World, records: list[dict[str, Any]], files: list[bytes]) -> Any:
    payload = _payload(world, records, files)
    data = forge(world.a, payload=payload, format=1, audit_seq=EMPTY_HEAD.seq,
                 audit_hash=EMPTY_HEAD.hash)  # fmt: skip
    report = import_bytes(world.coord, data, "x.fsb")
    assert report.status == "accepted", report.reason
    return report.merge


def _record(world: World, answers: dict[str, Any]) -> dict[str, Any]:
    from sync_helpers import bound_wire

    return bound_wire(world.a, answers, form_id="media_form", form_version="1")


def test_a_file_altered_on_the_way_is_refused_and_its_record_waits(
    world: World, spec: FormSpec
) -> None:
    install(world, spec)
    rec = _record(world, {"photo": "photo-1.jpg"})
    photo = jpeg("red")
    lines = payload_stream.media_lines(rec["uuid"], rec["nonce"], "photo-1.jpg",
                                       "image/jpeg", photo)  # fmt: skip
    part = json.loads(lines[0])
    part["data"] = base64.b64encode(
        jpeg("black")[: part["size"]].ljust(part["size"], b"\0")
    ).decode()
    merge = _send(world, [rec], [json.dumps(part).encode()])
    assert [(r.name, r.code) for r in merge.media_refused] == [
        ("photo-1.jpg", "media.hash_mismatch")
    ]
    assert [a.kind for a in merge.audit_alerts] == ["media-refused"]
    assert merge.new == [] and [q.code for q in merge.quarantined] == ["media.quarantine_missing"]
    held = quarantine.get(world.coord, rec["uuid"])
    assert held is not None and json.loads(held.params) == {"path": "photo"}
    assert media.read_all(world.coord, rec["uuid"]) == {}


def test_a_file_of_another_laptops_interview_is_refused(world: World, spec: FormSpec) -> None:
    """Laptop A cannot put a file under laptop B's interview (its uuid is bound to B)."""
    from fieldsurvey.store.interview_binding import new_identity

    install(world, spec)
    theirs, nonce = new_identity(world.b.device_id)
    ours = _record(world, {"name": "x"})
    files = payload_stream.media_lines(theirs, nonce, "photo-1.jpg", "image/jpeg", jpeg("red"))
    merge = _send(world, [ours], files)
    assert [r.code for r in merge.media_refused] == ["media.not_bound"]
    assert media.read_all(world.coord, theirs) == {}


@pytest.mark.parametrize(
    ("name", "mime", "data", "code"),
    [
        ("photo-1.jpg", "image/jpeg", PDF, "media.content_not_its_type"),
        ("photo-1.jpg", "application/pdf", PDF, "media.type_mismatch"),
        ("run.exe", "application/octet-stream", b"MZ", "media.type_not_taken"),
        ("audit.csv", "text/csv", b"not,an,audit\n", "media.audit_not_csv"),
    ],
)
def test_files_that_are_not_what_they_say_are_refused(
    world: World, spec: FormSpec, name: str, mime: str, data: bytes, code: str
) -> None:
    install(world, spec)
    rec = _record(world, {"photo": name} if name != "audit.csv" else {"name": "x"})
    merge = _send(
        world, [rec], payload_stream.media_lines(rec["uuid"], rec["nonce"], name, mime, data)
    )
    assert [r.code for r in merge.media_refused] == [code]
    assert media.read_all(world.coord, rec["uuid"]) == {}


def test_a_signature_that_is_a_pdf_waits_in_the_quarantine(world: World, spec: FormSpec) -> None:
    """A signature question (image) holding a PDF: the record waits in the quarantine."""
    install(world, spec)
    rec = _record(world, {"sig": "sig-1.pdf"})
    lines = payload_stream.media_lines(
        rec["uuid"], rec["nonce"], "sig-1.pdf", "application/pdf", PDF
    )
    merge = _send(world, [rec], lines)
    assert merge.media_refused == []
    assert [q.code for q in merge.quarantined] == ["media.quarantine_wrong_type"]


def test_a_file_without_its_record_is_not_kept(world: World, spec: FormSpec) -> None:
    install(world, spec)
    rec = _record(world, {"photo": "photo-1.jpg"})
    other = _record(world, {"name": "y"})
    lines = payload_stream.media_lines(rec["uuid"], rec["nonce"], "photo-1.jpg", "image/jpeg",
                                       jpeg("red"))  # fmt: skip
    merge = _send(world, [other], lines)
    assert [r.code for r in merge.media_refused] == ["media.no_record"]
    assert merge.audit_alerts == []  # no sign of tampering
    assert media.read_all(world.coord, rec["uuid"]) == {}


def test_parts_out_of_order_refuse_the_bundle(world: World, spec: FormSpec) -> None:
    install(world, spec)
    rec = _record(world, {"photo": "photo-1.jpg"})
    big = b"\xff\xd8\xff" + hashlib.sha256(b"x").digest() * (payload_stream.MEDIA_CHUNK_BYTES // 16)
    lines = payload_stream.media_lines(rec["uuid"], rec["nonce"], "photo-1.jpg", "image/jpeg", big)
    assert len(lines) == 3
    payload = _payload(world, [rec], [lines[1], lines[0], lines[2]])
    data = forge(world.a, payload=payload, audit_seq=0, audit_hash=EMPTY_HEAD.hash)
    report = import_bytes(world.coord, data, "x.fsb")
    assert report.status == "rejected" and report.code == "sync.check.payload_malformed"
    assert media.read_all(world.coord, rec["uuid"]) == {}
    with pytest.raises(InterviewNotFoundError):
        interviews.get_interview(world.coord, rec["uuid"])


def test_a_large_file_is_cut_in_lines_under_the_line_cap(world: World) -> None:
    data = b"\xff\xd8\xff" + bytes(range(256)) * (media.MAX_MEDIA_BYTES // 256 - 1)
    lines = payload_stream.media_lines("11111111-1111-4111-8111-111111111111", "0" * 32,
                                       "p-1.jpg", "image/jpeg", data)  # fmt: skip
    assert len(lines) == -(-len(data) // payload_stream.MEDIA_CHUNK_BYTES)
    assert max(map(len, lines)) < payload_stream.MAX_LINE_BYTES


def _plaintext(world: World, path: Path) -> bytes:
    import pyrage

    container = bundle_format.split(path.read_bytes(), bundle_format.BUNDLE_MAGIC)
    identities = keys.read_identity_file(world.recovery_file.read_text())
    return bytes(pyrage.decrypt(bytes(container.payload), identities))


def test_a_bundle_without_files_stays_format_2_for_older_coordinators(
    world: World, spec: FormSpec
) -> None:
    install(world, spec)
    uuid = interviews.new_interview(
        world.lap_a, form_id="media_form", form_version="1", ward="phuc_tan",
        household_id="HH-1", enumerator="enum",
    ).uuid  # fmt: skip
    interviews.set_answer(world.lap_a, uuid, "name", "Lan", who="enum")
    interviews.complete(world.lap_a, uuid, who="enum")
    plain = export_bundle(world.lap_a, world.out()).path
    assert plain is not None and _plaintext(world, plain).startswith(payload_stream.MAGIC)
    fill(world, {"photo": jpeg("red")})
    with_files = export_bundle(world.lap_a, world.out()).path
    assert with_files is not None
    assert _plaintext(world, with_files).startswith(payload_stream.MAGIC_MEDIA)
