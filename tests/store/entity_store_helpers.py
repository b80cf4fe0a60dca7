"""Workspaces and actions for the entity store tests."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from fieldsurvey.forms.entity_model import EntityAction, entity_id_for
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.workspace import Workspace

PASSWORD = "mật khẩu thử nghiệm"
LAPTOP_A = "laptop-a"
LAPTOP_B = "laptop-b"


def workspace(path: Path, role: str = "laptop", device_id: str = LAPTOP_A) -> Workspace:
    ws = Workspace.create(path, PASSWORD, role=role, kdf=KdfParams.cheap())
    ws.set_setting("device_id", device_id)
    return ws


def create(
    list_name: str = "households",
    label: str = "Nguyễn Văn An",
    device: str = LAPTOP_A,
    **properties: str,
) -> EntityAction:
    nonce = secrets.token_hex(16)
    return EntityAction(
        list_name,
        entity_id_for(device, nonce),
        "create",
        label,
        properties or {"hh_id": "HH-001", "phone": "0912345678"},
        nonce=nonce,
    )


def update(
    entity_id: str,
    properties: dict[str, str],
    *,
    base: int,
    trunk: int | None,
    branch: str | None,
    label: str | None = None,
    list_name: str = "households",
) -> EntityAction:
    return EntityAction(
        list_name,
        entity_id,
        "update",
        label,
        properties,
        base_version=base,
        trunk_version=trunk,
        branch_id=branch,
    )


def snapshot(ws: Workspace) -> dict[str, Any]:
    """Everything the entity tables hold (to show a refusal left them unchanged)."""
    db = ws.db
    out: dict[str, Any] = {}
    for table in (
        "entities",
        "entity_versions",
        "entity_conflicts",
        "entity_lists",
        "entity_trunk",
        "entity_assignments",
    ):
        out[table] = db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
    out["search"] = db.execute(
        "SELECT rowid FROM entity_search WHERE entity_search MATCH 'zzl686f757365686f6c6473' "
        "ORDER BY rowid"
    ).fetchall()
    out["audit"] = db.execute("SELECT count(*) FROM audit_log").fetchone()
    return out


def _tokens(text: str) -> set[str]:
    """The words unicode61 (remove_diacritics 2) makes of ``text`` (folded as the store
    folds it)."""
    import re
    import unicodedata

    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return set(re.findall(r"[^\W_]+", plain))


def assert_search_index_matches(ws: Workspace) -> None:
    """The search index holds exactly the words of every live entity (no word left from
    an older version or a deleted entity): each word's document count, from fts5vocab,
    equals the count of live entities whose text has it."""
    from fieldsurvey.store.entity_tables import search_body

    db = ws.db
    expected: dict[str, int] = {}
    for list_name, label, properties, ward in db.execute(
        "SELECT list, label, properties, ward FROM entities WHERE deleted = 0"
    ).fetchall():
        import json

        for token in _tokens(search_body(list_name, label, json.loads(properties), ward)):
            expected[token] = expected.get(token, 0) + 1
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.entity_vocab "
        "USING fts5vocab(main, entity_search, 'row')"
    )
    held = {t: n for t, n in db.execute("SELECT term, doc FROM temp.entity_vocab") if n}
    assert held == expected
