"""Each interview's respondent as the possible-duplicate check compares it (issue 15):
the folded name, the age and the folded phone, kept in three columns of ``interviews``
by the writers that store answers, and read back from a covering index in the check's
own order (``sync/duplicates.person_duplicates``).

The rule (the reference: the check used to apply it to every answer document at every
read): the respondent is the ``respondent`` column, else the first answer named one of
NAME_FIELDS; the age and phone the first answers named one of AGE_FIELDS, PHONE_FIELDS.
"First" as :func:`leaf` walks the document: at each level the names in their order, then
each group (an object) in the document's order, depth first; never inside a repeat (a
list). Texts are folded (case, runs of spaces); the age is its text (``3`` and ``"3"``
are the same age). An interview without a name or an age takes no part.

The columns (migration 0028):

- ``person_name``: the folded name; ``''`` when the interview takes no part; NULL when
  nobody worked it out since the answers or the respondent last changed: readers then
  read that interview's document, so a write path that does not keep the columns is
  slower, never wrong.
- ``person_age``, ``person_phone``: the age's text and the folded phone (``''`` if none).
- ``person_stamp``: a writer that keeps the columns adds 1 to it in the statement that
  changes the answers or the respondent. The trigger ``person_keys_forget`` clears the
  three columns of a row whose answers or respondent changed without it (the purge
  then leaves no copy of an erased name behind); a new row without them is NULL too.

API:
    NAME_FIELDS, AGE_FIELDS, PHONE_FIELDS
    PersonKey(name, age, phone); person_key(respondent, answers) -> PersonKey | None
    KEY_COLUMNS                                  the three columns, in this order
    key_columns(respondent, answers) -> tuple    their values for a parsed document
    key_columns_of_text(respondent, answers_text) -> tuple
    migrate_person_keys(db)                      migration 0028 (columns, trigger, backfill)
    fill_unknown(db) -> int                      the columns of the rows that have none
    people(ws) -> Iterator[(name, age, uuid, device id, phone)]   by (name, age, uuid)
    unknown_documents(ws) -> Iterator[(uuid, device id, respondent, answers text)]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from fieldsurvey.store.database import Database, translating_errors

if TYPE_CHECKING:
    from fieldsurvey.store.workspace import Workspace

NAME_FIELDS = ("resp_name", "respondent_name")
AGE_FIELDS = ("resp_age", "respondent_age")
PHONE_FIELDS = ("phone", "resp_phone", "phone_number")
KEY_COLUMNS = ("person_name", "person_age", "person_phone")
#: SET clause of a writer that keeps the columns (then the values, in KEY_COLUMNS order)
KEEP_SQL = "person_name = ?, person_age = ?, person_phone = ?, person_stamp = person_stamp + 1"
#: the columns of a row nobody worked out yet (the readers read its document)
UNKNOWN: tuple[None, None, None] = (None, None, None)
BATCH = 1000


class PersonKey(NamedTuple):
    name: str
    age: str
    phone: str


def leaf(doc: Any, names: tuple[str, ...]) -> Any:
    """First answer named one of ``names`` anywhere in the document (not in repeats)."""
    if not isinstance(doc, dict):
        return None
    for name in names:
        if doc.get(name) not in (None, ""):
            return doc[name]
    for value in doc.values():
        if isinstance(value, dict):
            found = leaf(value, names)
            if found is not None:
                return found
    return None


def fold(text: Any) -> str:
    return " ".join(str(text).casefold().split())


def person_key(respondent: str, answers: Any) -> PersonKey | None:
    """The respondent as the check compares it, or None (no name or no age)."""
    name = fold(respondent or leaf(answers, NAME_FIELDS) or "")
    age = leaf(answers, AGE_FIELDS)
    if not name or age is None:
        return None
    return PersonKey(name, str(age), fold(leaf(answers, PHONE_FIELDS) or ""))


def key_columns(respondent: str, answers: Any) -> tuple[str | None, str | None, str | None]:
    """The columns' values for ``answers`` (parsed from the JSON text stored, or equal to
    it): ``('', None, None)`` when it takes no part; :data:`UNKNOWN` when a value cannot
    be stored as it is (a lone surrogate) or the document is too deep to walk, so that
    readers read the document as before."""
    try:
        key = person_key(respondent, answers)
    except RecursionError:
        return UNKNOWN
    if key is None:
        return ("", None, None)
    for text in key:
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                return UNKNOWN
    return key


def key_columns_of_text(
    respondent: str, answers_text: str
) -> tuple[str | None, str | None, str | None]:
    """:func:`key_columns` of the answers as stored (JSON text)."""
    try:
        answers = json.loads(answers_text)
    except (ValueError, RecursionError):
        return UNKNOWN
    return key_columns(respondent, answers)


# --- the schema ---------------------------------------------------------------------------


def migrate_person_keys(db: Database) -> None:
    """Migration 0028: the columns, the trigger, the indexes; every interview's values
    worked out from its answers (read and written in batches of row ids)."""
    for column in KEY_COLUMNS:
        db.execute(f"ALTER TABLE interviews ADD COLUMN {column} TEXT")
    db.execute("ALTER TABLE interviews ADD COLUMN person_stamp INTEGER NOT NULL DEFAULT 0")
    db.execute(
        "CREATE TRIGGER person_keys_forget AFTER UPDATE OF answers, respondent ON interviews "
        "WHEN new.person_stamp = old.person_stamp BEGIN "
        "UPDATE interviews SET person_name = NULL, person_age = NULL, person_phone = NULL "
        "WHERE rowid = new.rowid; END"
    )
    fill_unknown(db)
    # after the values: each index is built once, sorted, not row by row
    db.execute(
        "CREATE INDEX idx_interviews_person ON interviews "
        "(person_name, person_age, uuid, device_id, person_phone) WHERE person_name != ''"
    )
    db.execute(
        "CREATE INDEX idx_interviews_person_unknown ON interviews (uuid) WHERE person_name IS NULL"
    )


def fill_unknown(db: Database) -> int:
    """Work out the columns of every interview that has none (in the caller's
    transaction, in batches of row ids); returns how many rows were read. For the
    migration, and for code that copies interviews by SQL (bench/scale_replicate.py)."""
    last, count = 0, 0
    while True:
        rows = db.execute(
            "SELECT rowid, respondent, answers FROM interviews "
            f"WHERE rowid > ? AND person_name IS NULL ORDER BY rowid LIMIT {BATCH}",
            [last],
        ).fetchall()
        if not rows:
            return count
        last, count = rows[-1][0], count + len(rows)
        db.executemany(
            "UPDATE interviews SET person_name = ?, person_age = ?, person_phone = ? "
            "WHERE rowid = ?",
            [(*key_columns_of_text(r, a), rowid) for rowid, r, a in rows],
        )


# --- reading -------------------------------------------------------------------------------


def people(ws: Workspace) -> Iterator[tuple[str, str, str, str, str]]:
    """(name, age, uuid, device id, phone) of every interview that takes part and whose
    columns are known, by name, age and uuid (the covering index's order: no sort, no
    answer read), streamed."""
    with translating_errors():
        yield from ws.db.execute(
            "SELECT person_name, person_age, uuid, device_id, person_phone FROM interviews "
            "INDEXED BY idx_interviews_person WHERE person_name != '' "
            "ORDER BY person_name, person_age, uuid"
        )


def unknown_documents(ws: Workspace) -> Iterator[tuple[str, str, str, str]]:
    """(uuid, device id, respondent, answers JSON text) of the interviews whose columns
    nobody worked out (usually none; found by their own index), streamed."""
    with translating_errors():
        yield from ws.db.execute(
            "SELECT uuid, device_id, respondent, answers FROM interviews "
            "INDEXED BY idx_interviews_person_unknown WHERE person_name IS NULL"
        )
