"""Media answers in the store: files kept encrypted in the workspace, checked for what
they are and how large, removed when no answer names them; the audit meta question's
events and their audit.csv."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from fieldsurvey.errors import AnswerError
from fieldsurvey.store import media, question_audit
from fieldsurvey.store.media import NewMedia
from fieldsurvey.store.question_audit import AuditEvent
from fieldsurvey.store.workspace import Workspace


def jpeg(size: tuple[int, int] = (40, 30), colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (20, 10), "blue").save(out, format="PNG")
    return out.getvalue()


UUID = "11111111-1111-4111-8111-111111111111"


def test_a_photo_is_kept_inside_the_encrypted_workspace(ws: Workspace, home: Path) -> None:
    photo = jpeg()
    info = media.put(ws, UUID, NewMedia("photo-1.jpg", "image/jpeg", photo))
    assert (info.size, info.mime) == (len(photo), "image/jpeg")
    assert media.read(ws, UUID, "photo-1.jpg") == photo
    assert media.read_all(ws, UUID) == {"photo-1.jpg": photo}
    ws.close()
    # Nothing of the photo is on disk in the clear: not in the database, not beside it.
    for path in home.rglob("*"):
        if path.is_file():
            assert photo[:64] not in path.read_bytes()
            assert photo[-64:] not in path.read_bytes()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("photo.jpg", b"%PDF-1.4 not a photo", "media.content_not_its_type"),
        ("notes.exe", b"MZ\x90\x00", "media.type_not_taken"),
        ("../etc.jpg", jpeg(), "media.bad_name"),
        ("con.jpg", jpeg(), "media.bad_name"),
        ("a b.jpg", jpeg(), "media.bad_name"),
        ("big.jpg", b"\xff\xd8\xff" + b"\0" * media.MAX_MEDIA_BYTES, "media.too_large"),
    ],
)
def test_files_that_are_not_what_they_say_are_refused(
    ws: Workspace, name: str, data: bytes, code: str
) -> None:
    with pytest.raises(AnswerError) as refused:
        media.put(ws, UUID, NewMedia(name, media.mime_for(name) or "x/y", data))
    assert refused.value.code == code
    assert media.read_all(ws, UUID) == {}
    assert name in refused.value.text("vi") or code == "media.bad_name"


def test_a_declared_type_must_be_the_one_its_name_says() -> None:
    assert media.media_problem("a.jpg", jpeg(), "image/png") == "media.type_mismatch"
    assert media.media_problem("a.png", png(), "image/png") is None
    assert media.media_problem("audit.csv", b"event,node,start,end\n", "text/csv") is None


def test_one_interview_holds_at_most_its_cap(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(media, "MAX_INTERVIEW_MEDIA_BYTES", 3000)
    first = jpeg((60, 60), "green")
    media.put(ws, UUID, NewMedia("a-1.jpg", "image/jpeg", first))
    with pytest.raises(AnswerError) as refused:
        media.put(ws, UUID, NewMedia("a-2.jpg", "image/jpeg", jpeg((300, 300), "white") * 2))
    assert refused.value.code == "media.interview_full"
    # replacing a file under the same name counts the new one only
    media.put(ws, UUID, NewMedia("a-1.jpg", "image/jpeg", jpeg((50, 50), "black")))


def test_files_no_answer_names_are_dropped_but_the_audit_log_stays(ws: Workspace) -> None:
    media.put(ws, UUID, NewMedia("a-1.jpg", "image/jpeg", jpeg()))
    media.put(ws, UUID, NewMedia("a-2.png", "image/png", png()))
    with ws.transaction() as db:
        media.store_received(db, UUID, "audit.csv", "text/csv", b"event,node,start,end\n",
                             device_id="", sequence=0, added="2026-01-01")  # fmt: skip
        assert media.drop_unreferenced(db, UUID, {"a-2.png"}) == 1
    assert sorted(media.read_all(ws, UUID)) == ["a-2.png", "audit.csv"]


def test_a_later_bundle_replaces_a_file_an_earlier_one_does_not(ws: Workspace) -> None:
    with ws.transaction() as db:
        put = media.store_received
        assert put(db, UUID, "audit.csv", "text/csv", b"v2", device_id="d", sequence=2,
                   added="t") == "new"  # fmt: skip
        assert put(db, UUID, "audit.csv", "text/csv", b"v1", device_id="d", sequence=1,
                   added="t") == "older"  # fmt: skip
        assert put(db, UUID, "audit.csv", "text/csv", b"v2", device_id="d", sequence=3,
                   added="t") == "unchanged"  # fmt: skip
        assert put(db, UUID, "audit.csv", "text/csv", b"v3", device_id="d", sequence=3,
                   added="t") == "replaced"  # fmt: skip
    assert media.read(ws, UUID, "audit.csv") == b"v3"


def test_media_answers_are_found_in_groups_and_repeats() -> None:
    nodes = {"photo": "image", "hh/members/sig": "image", "doc": "file"}
    answers = {
        "photo": "photo-1.jpg",
        "hh": {"members": [{"sig": "sig-1.png"}, {"sig": None}, {"sig": "sig-3.png"}]},
        "doc": "",
        "other": "not-a-file.jpg",
    }
    assert media.referenced(answers, nodes) == [
        ("hh/members[1]/sig", "image", "sig-1.png"),
        ("hh/members[3]/sig", "image", "sig-3.png"),
        ("photo", "image", "photo-1.jpg"),
    ]


def test_new_names_are_safe_whatever_the_question_is_called() -> None:
    assert media.new_name("ảnh_nhà", "JPG", 1764921600123) == "nh_nh-1764921600123.jpg"
    assert media.new_name("con", "png", 5) == "con_-5.png"
    for name in ("ảnh_nhà", "con", ".-x", "q" * 90):
        assert media.name_problem(media.new_name(name, "jpg", 1)) is None


def test_audit_csv_is_written_as_odk_defines_it() -> None:
    params = {"track-changes": "true", "location-priority": "balanced",
              "location-min-interval": "60", "location-max-age": "120"}  # fmt: skip
    columns = question_audit.columns_for(params)
    assert columns == ["event", "node", "start", "end", "latitude", "longitude", "accuracy",
                       "old-value", "new-value"]  # fmt: skip
    events = [
        AuditEvent("form start", "", 1000),
        AuditEvent("question", "/data/name", 1000, 4000, new_value='Lan, "Hoa"'),
        AuditEvent("question", "/data/age", 4000, 9000, old_value="3", new_value="30"),
    ]
    data = question_audit.to_csv(events, columns)
    assert data.decode().splitlines()[:3] == [
        "event,node,start,end,latitude,longitude,accuracy,old-value,new-value",
        "form start,,1000,,,,,,",
        'question,/data/name,1000,4000,,,,,"Lan, ""Hoa"""',
    ]
    rows = question_audit.parse_csv(data)
    assert rows is not None and rows[1]["new-value"] == 'Lan, "Hoa"'
    summary = question_audit.summarise(data)
    assert summary == question_audit.Summary(questions=2, question_ms=8000, span_ms=8000)
    assert summary.seconds_per_question == 4.0


@pytest.mark.parametrize(
    "data",
    [b"event,node\n", b"a,b,c,d\n", b"event,node,start,end\nquestion,/x,abc,\n",
     b"event,node,start,end,secret\n", b"\xff\xfe", b"event,node,start,end\nq,/x,1\n"],
)  # fmt: skip
def test_what_is_not_an_audit_csv_is_not_read_as_one(data: bytes) -> None:
    assert question_audit.parse_csv(data) is None
    assert question_audit.summarise(data) is None


def test_audit_events_are_kept_per_interview_and_erased(ws: Workspace) -> None:
    other = "22222222-2222-4222-8222-222222222222"
    with ws.transaction() as db:
        question_audit.append(db, UUID, [AuditEvent("form start", "", 1),
                                         AuditEvent("question", "/data/a", 2, 5)])  # fmt: skip
        question_audit.append(db, other, [AuditEvent("form start", "", 3)])
    assert [e.event for e in question_audit.events(ws, UUID)] == ["form start", "question"]
    with ws.transaction() as db:
        assert question_audit.has_events(db, [UUID, other, "x"]) == {UUID, other}
        question_audit.erase(db, [UUID])
    assert question_audit.events(ws, UUID) == []
    assert len(question_audit.events(ws, other)) == 1


def test_the_audit_parameters_come_from_the_form() -> None:
    from types import SimpleNamespace

    spec = SimpleNamespace(audit={"odk:track-changes": "true", "odk:identify-user": "true"})
    assert question_audit.audit_parameters(spec) == {
        "track-changes": "true", "identify-user": "true"
    }  # fmt: skip
    assert question_audit.audit_parameters(object()) is None
    assert question_audit.columns_for({"identify-user": "true"})[-1] == "user"


def test_deleting_a_draft_erases_its_files_and_timings(ws: Workspace) -> None:
    """A deleted draft leaves none of its photos or per-question times in the workspace."""
    from fieldsurvey.forms.installed import install_default_form
    from fieldsurvey.store import interviews

    spec = install_default_form(ws)
    draft = interviews.new_interview(
        ws, form_id=spec.form_id, form_version=spec.version, ward="pt",
        household_id="PT-1", enumerator="Lan",
    )  # fmt: skip
    media.put(ws, draft.uuid, NewMedia("photo-1.jpg", "image/jpeg", jpeg()))
    with ws.transaction() as db:
        question_audit.append(db, draft.uuid, [AuditEvent("form start", "", 1_800_000_000_000)])
    assert media.read_all(ws, draft.uuid) and question_audit.events(ws, draft.uuid)
    interviews.delete_interview(ws, draft.uuid, who="Lan")
    assert media.read_all(ws, draft.uuid) == {}
    assert question_audit.events(ws, draft.uuid) == []
