"""Media answers (photos, signatures, drawings, audio, video, files) and their bytes.

A media question's answer is a file name, as in ODK (``photo-1764921600123.jpg``); the
file itself is a row of ``media``, keyed by (interview, name), inside the workspace's
SQLCipher database: encrypted at rest like the answers, never a loose file. The
interview's audit log of the ``audit`` meta question travels and exports the same way,
as the file ``audit.csv`` (:mod:`fieldsurvey.store.question_audit` keeps its events).

What a file may be (checked on the laptop when it is attached, and again on the
coordinator when a bundle brings it): a safe name (letters, digits, ``_ - .``, a known
extension, no Windows device name), at most :data:`MAX_MEDIA_BYTES`, content that is
what its extension says (the first bytes of a JPEG, a PNG, an MP4...; text is UTF-8),
and at most :data:`MAX_INTERVIEW_MEDIA_BYTES` for one interview, so that one interview
always fits in a bundle (docs/security-model.md).

API:
    migrate_media(db)                      (migration "0017_media", with question_audit)
    NewMedia(name, mime, data); MediaInfo; MEDIA_QUESTION_TYPES; AUDIT_FILE
    mime_for(name) -> str | None;  kind_of(mime) -> str;  fits_question(qtype, mime)
    media_problem(name, data, mime=None) -> code | None;  new_name(question, ext, ms)
    media_nodes(spec.walk()) -> {template path: qtype}
    referenced(answers, media_nodes) -> list[(instance path, qtype, name)]
    put(ws, uuid, media) -> MediaInfo       (laptop; AnswerError with a media.* code)
    store_received(db, uuid, name, mime, data, *, device_id, sequence, added) -> outcome
    infos(db, uuids) -> list[MediaInfo];  held(db, uuid, names) -> dict[name, MediaInfo]
    read(ws, uuid, name) -> bytes | None;  read_all(ws, uuid) -> dict[name, bytes]
    drop_unreferenced(db, uuid, keep);  drop_received(db, uuids);  erase(db, uuids)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from fieldsurvey.errors import AnswerError
from fieldsurvey.store.database import storage_errors

if TYPE_CHECKING:
    from fieldsurvey.store.database import Database
    from fieldsurvey.store.workspace import Workspace

#: The largest file one answer may hold (a phone photo is 2-6 MB; a minute of video ~15).
MAX_MEDIA_BYTES = 16 * 2**20
#: All the files of one interview: with base64 (4/3) this still fits a 64 MiB bundle.
MAX_INTERVIEW_MEDIA_BYTES = 40 * 2**20
#: The file the ``audit`` meta question's events travel and export as (as ODK names it).
AUDIT_FILE = "audit.csv"
#: Question types whose answer is a file (signature, draw, annotate: ``image`` appearances).
MEDIA_QUESTION_TYPES = frozenset({"image", "audio", "video", "file"})

#: extension -> (MIME type, kind). ``file`` questions take any of these.
EXTENSIONS: dict[str, tuple[str, str]] = {
    "jpg": ("image/jpeg", "image"), "jpeg": ("image/jpeg", "image"),
    "png": ("image/png", "image"), "gif": ("image/gif", "image"),
    "webp": ("image/webp", "image"),
    "mp3": ("audio/mpeg", "audio"), "m4a": ("audio/mp4", "audio"),
    "aac": ("audio/aac", "audio"), "wav": ("audio/wav", "audio"),
    "ogg": ("audio/ogg", "audio"), "oga": ("audio/ogg", "audio"),
    "opus": ("audio/ogg", "audio"), "amr": ("audio/amr", "audio"),
    "3ga": ("audio/3gpp", "audio"),
    "mp4": ("video/mp4", "video"), "m4v": ("video/mp4", "video"),
    "3gp": ("video/3gpp", "video"), "mov": ("video/quicktime", "video"),
    "webm": ("video/webm", "video"), "mkv": ("video/x-matroska", "video"),
    "avi": ("video/x-msvideo", "video"),
    "pdf": ("application/pdf", "file"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "file"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "file"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
             "file"),
    "odt": ("application/vnd.oasis.opendocument.text", "file"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "file"),
    "zip": ("application/zip", "file"), "kmz": ("application/vnd.google-earth.kmz", "file"),
    "doc": ("application/msword", "file"), "xls": ("application/vnd.ms-excel", "file"),
    "txt": ("text/plain", "file"), "csv": ("text/csv", "file"),
    "json": ("application/json", "file"), "geojson": ("application/geo+json", "file"),
    "xml": ("application/xml", "file"), "kml": ("application/vnd.google-earth.kml+xml", "file"),
    "gpx": ("application/gpx+xml", "file"), "osm": ("application/xml", "file"),
}  # fmt: skip
_TEXT_TYPES = frozenset(
    {"text/plain", "text/csv", "application/json", "application/geo+json", "application/xml",
     "application/vnd.google-earth.kml+xml", "application/gpx+xml"}
)  # fmt: skip
_ZIP_TYPES = frozenset(
    {"application/zip", "application/vnd.google-earth.kmz"}
    | {m for m, _k in EXTENSIONS.values() if "openxmlformats" in m or "opendocument" in m}
)
_MP4_FAMILY = frozenset({"audio/mp4", "audio/3gpp", "video/mp4", "video/3gpp", "video/quicktime"})
NAME_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-]{0,99}(\.[A-Za-z0-9]{1,8})")
_DEVICE_NAMES = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)


@dataclass(frozen=True)
class NewMedia:
    """A file the enumerator just attached or drew, on its way to the store: the entry
    screen saves the bytes, then the answer (its ``name``)."""

    name: str
    mime: str
    data: bytes

    def __repr__(self) -> str:  # never the bytes (logs, test output)
        return f"NewMedia({self.name!r}, {self.mime!r}, {len(self.data)} bytes)"


class MediaInfo(NamedTuple):
    """A stored file, without its bytes."""

    interview_uuid: str
    name: str
    mime: str
    size: int
    sha256: str
    device_id: str
    sequence: int
    added: str


_INFO = "interview_uuid, name, mime, size, sha256, device_id, sequence, added"


def migrate_media(db: Database) -> None:
    """0017: the files of media answers and audit logs, and the audit meta question's
    events. ``data`` is the last column: listing reads no blob page."""
    from fieldsurvey.store.question_audit import create_question_audit

    db.execute(
        """CREATE TABLE media (
            interview_uuid TEXT NOT NULL,
            name TEXT NOT NULL,
            mime TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            device_id TEXT NOT NULL DEFAULT '',
            sequence INTEGER NOT NULL DEFAULT 0,
            added TEXT NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (interview_uuid, name)
        )"""
    )
    create_question_audit(db)


# --- what a file may be -----------------------------------------------------------------
def mime_for(name: str) -> str | None:
    """The MIME type a name's extension stands for (None: not a type we take)."""
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    known = EXTENSIONS.get(ext)
    return known[0] if known else None


def kind_of(mime: str) -> str:
    """``image``, ``audio``, ``video`` or ``file``."""
    head = mime.partition("/")[0]
    return head if head in ("image", "audio", "video") else "file"


def fits_question(qtype: str, mime: str) -> bool:
    """Whether a question of type ``qtype`` may hold a file of type ``mime``."""
    if qtype == "file":
        return mime in {m for m, _k in EXTENSIONS.values()}
    return kind_of(mime) == qtype


def _looks_like(mime: str, data: bytes) -> bool:
    """Whether the first bytes of ``data`` are those of a ``mime`` file."""
    head = data[:16]
    riff = head[:4] == b"RIFF"
    checks: dict[str, bool] = {
        "image/jpeg": head.startswith(b"\xff\xd8\xff"),
        "image/png": head.startswith(b"\x89PNG\r\n\x1a\n"),
        "image/gif": head[:6] in (b"GIF87a", b"GIF89a"),
        "image/webp": riff and head[8:12] == b"WEBP",
        "audio/mpeg": head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF
                                                   and head[1] & 0xE0 == 0xE0),
        "audio/aac": len(head) > 1 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0,
        "audio/wav": riff and head[8:12] == b"WAVE",
        "audio/ogg": head.startswith(b"OggS"),
        "audio/amr": head.startswith(b"#!AMR"),
        "video/webm": head.startswith(b"\x1a\x45\xdf\xa3"),
        "video/x-matroska": head.startswith(b"\x1a\x45\xdf\xa3"),
        "video/x-msvideo": riff and head[8:12] == b"AVI ",
        "application/pdf": head.startswith(b"%PDF-"),
        "application/msword": head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
        "application/vnd.ms-excel": head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
    }  # fmt: skip
    if mime in checks:
        return checks[mime]
    if mime in _MP4_FAMILY:
        return head[4:8] == b"ftyp"
    if mime in _ZIP_TYPES:
        return head[:4] in (b"PK\x03\x04", b"PK\x05\x06")
    if mime in _TEXT_TYPES:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return b"\x00" not in data
    return False


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a stored file (a catalogue code), or None."""
    if not NAME_PATTERN.fullmatch(name) or _DEVICE_NAMES.fullmatch(name):
        return "media.bad_name"
    if name != AUDIT_FILE and mime_for(name) is None:
        return "media.type_not_taken"
    return None


def media_problem(name: str, data: bytes, mime: str | None = None) -> str | None:
    """Why this file cannot be kept (a catalogue code), or None. ``mime``: the type it
    was declared as (a bundle's), which must be the one its name says."""
    problem = name_problem(name)
    if problem is not None:
        return problem
    if len(data) > MAX_MEDIA_BYTES:
        return "media.too_large"
    expected = "text/csv" if name == AUDIT_FILE else mime_for(name)
    if mime is not None and mime != expected:
        return "media.type_mismatch"
    if expected is None or not _looks_like(expected, data):
        return "media.content_not_its_type"
    return None


def new_name(question: str, ext: str, now_ms: int) -> str:
    """A file name for a new answer to ``question``: unique in the interview, ASCII,
    ``<question>-<milliseconds since 1970>.<ext>`` (ODK names its files by the time)."""
    stem = re.sub(r"[^A-Za-z0-9_\-]", "", question)[:60].lstrip("-") or "media"
    if _DEVICE_NAMES.fullmatch(stem):
        stem = f"{stem}_"
    return f"{stem}-{now_ms}.{ext.lower()}"


def media_nodes(nodes: Iterable[Any]) -> dict[str, str]:
    """Template path -> type of the media questions among ``nodes`` (``spec.walk()``)."""
    return {
        n.path: n.type for n in nodes if n.kind == "question" and n.type in MEDIA_QUESTION_TYPES
    }


def referenced(
    answers: Mapping[str, Any], media_nodes: Mapping[str, str]
) -> list[tuple[str, str, str]]:
    """(instance path, question type, file name) of every media answer in ``answers``;
    ``media_nodes`` maps the template path of each media question (``group/photo``) to
    its type. Values not shaped as the form says are skipped (the record checks say so)."""
    found: list[tuple[str, str, str]] = []
    stack: list[tuple[Any, str, str]] = [(answers, "", "")]
    while stack:
        doc, path, template = stack.pop()
        if not isinstance(doc, Mapping):
            continue
        for key, value in doc.items():
            sub_path = f"{path}/{key}" if path else str(key)
            sub_template = f"{template}/{key}" if template else str(key)
            qtype = media_nodes.get(sub_template)
            if qtype is not None:
                if isinstance(value, str) and value:
                    found.append((sub_path, qtype, value))
            elif isinstance(value, list):
                for i, item in enumerate(value, 1):
                    stack.append((item, f"{sub_path}[{i}]", sub_template))
            elif isinstance(value, Mapping):
                stack.append((value, sub_path, sub_template))
    found.sort()
    return found


# --- the rows ---------------------------------------------------------------------------
def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@storage_errors
def put(ws: Workspace, uuid: str, media: NewMedia) -> MediaInfo:
    """Keep a file just attached on this laptop (before the answer naming it is saved);
    AnswerError (``media.*``) if it is not a file we take or the interview's files would
    pass :data:`MAX_INTERVIEW_MEDIA_BYTES`."""
    problem = media_problem(media.name, media.data, media.mime)
    if problem is not None:
        raise AnswerError(problem, name=media.name, max_mb=MAX_MEDIA_BYTES // 2**20)
    sha = hashlib.sha256(media.data).hexdigest()
    with ws.transaction() as db:
        row = db.execute(
            "SELECT COALESCE(SUM(size), 0) FROM media WHERE interview_uuid = ? AND name != ?",
            [uuid, media.name],
        ).fetchone()
        if int(row[0]) + len(media.data) > MAX_INTERVIEW_MEDIA_BYTES:
            raise AnswerError(
                "media.interview_full", name=media.name,
                max_mb=MAX_INTERVIEW_MEDIA_BYTES // 2**20,
            )  # fmt: skip
        info = MediaInfo(uuid, media.name, media.mime, len(media.data), sha, "", 0, _now())
        db.execute(
            f"INSERT OR REPLACE INTO media ({_INFO}, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*info, media.data],
        )
    return info


Outcome = Literal["new", "unchanged", "replaced", "older"]


def store_received(
    db: Database,
    uuid: str,
    name: str,
    mime: str,
    data: bytes,
    *,
    device_id: str,
    sequence: int,
    added: str,
) -> Outcome:
    """Keep a file a bundle brought (checked by the caller), inside its transaction. The
    same name with other bytes replaces the held file only when it comes from a later
    bundle of the device (``audit.csv`` grows with the interview)."""
    sha = hashlib.sha256(data).hexdigest()
    row = db.execute(
        "SELECT sha256, sequence FROM media WHERE interview_uuid = ? AND name = ?", [uuid, name]
    ).fetchone()
    if row is not None:
        if row[0] == sha:
            return "unchanged"
        if int(row[1]) > sequence:
            return "older"
    db.execute(
        f"INSERT OR REPLACE INTO media ({_INFO}, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [uuid, name, mime, len(data), sha, device_id, sequence, added, data],
    )
    return "new" if row is None else "replaced"


def _marks(items: list[str]) -> str:
    return ", ".join("?" * len(items))


def infos(db: Database, uuids: Iterable[str]) -> list[MediaInfo]:
    """The files of these interviews, without their bytes, by interview and name."""
    if db.execute("SELECT 1 FROM media LIMIT 1").fetchone() is None:
        return []  # no file at all (the usual case): not a query per 500 interviews
    wanted = sorted(set(uuids))
    found: list[MediaInfo] = []
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        rows = db.execute(
            f"SELECT {_INFO} FROM media WHERE interview_uuid IN ({_marks(part)}) "
            "ORDER BY interview_uuid, name",
            part,
        ).fetchall()
        found += [MediaInfo(*row) for row in rows]
    return found


def held(db: Database, uuid: str, names: Iterable[str]) -> dict[str, MediaInfo]:
    """The files of interview ``uuid`` among ``names``, by name."""
    wanted = sorted(set(names))
    if not wanted:
        return {}
    rows = db.execute(
        f"SELECT {_INFO} FROM media WHERE interview_uuid = ? AND name IN ({_marks(wanted)})",
        [uuid, *wanted],
    ).fetchall()
    return {row[1]: MediaInfo(*row) for row in rows}


def data_of(db: Database, uuid: str, name: str) -> bytes | None:
    """The bytes of one file (on the caller's connection), or None."""
    row = db.execute(
        "SELECT data FROM media WHERE interview_uuid = ? AND name = ?", [uuid, name]
    ).fetchone()
    return None if row is None else bytes(row[0])


@storage_errors
def read(ws: Workspace, uuid: str, name: str) -> bytes | None:
    """The bytes of one file, or None."""
    return data_of(ws.db, uuid, name)


@storage_errors
def read_all(ws: Workspace, uuid: str) -> dict[str, bytes]:
    """Every file of one interview, by name (a printed record shows its images)."""
    rows = ws.db.execute(
        "SELECT name, data FROM media WHERE interview_uuid = ? ORDER BY name", [uuid]
    ).fetchall()
    return {str(name): bytes(data) for name, data in rows}


def drop_unreferenced(db: Database, uuid: str, keep: Iterable[str]) -> int:
    """Remove the files of ``uuid`` no answer names any more (a photo replaced or
    removed), but ``audit.csv``; returns how many went."""
    names = sorted({*keep, AUDIT_FILE})
    cursor = db.execute(
        f"DELETE FROM media WHERE interview_uuid = ? AND name NOT IN ({_marks(names)})",
        [uuid, *names],
    )
    return int(cursor.rowcount or 0)


def drop_received(db: Database, pairs: Iterable[tuple[str, str]]) -> None:
    """Remove these (interview, name) files (a bundle's files whose record was refused)."""
    db.conn.executemany(
        "DELETE FROM media WHERE interview_uuid = ? AND name = ?", [list(p) for p in pairs]
    )


def erase(db: Database, uuids: Iterable[str]) -> None:
    """Remove every file of these interviews (the purge of acknowledged ones)."""
    db.conn.executemany("DELETE FROM media WHERE interview_uuid = ?", [[u] for u in uuids])


@storage_errors
def interviews_with_audit(ws: Workspace) -> list[str]:
    """The interviews that have an ``audit.csv`` here (the coordinator's durations)."""
    rows = ws.db.execute(
        "SELECT interview_uuid FROM media WHERE name = ? ORDER BY interview_uuid", [AUDIT_FILE]
    ).fetchall()
    return [str(row[0]) for row in rows]
