"""An entity list as export tables (``fieldsurvey entity export``, the demo): its entries
and the interviews that created or updated each one, written by the same writers as the
interviews (:func:`fieldsurvey.reports.export_writers.write_tables`: csv, xlsx, Stata,
SPSS).

Table ``LIST``: ``_id``, ``_label``, ``_version``, ``_ward``, ``_created``, ``_updated``,
then every property (in the order first met). Table ``interviews`` (file
``LIST-interviews``): one row per version an interview made: ``_id`` (the live entry),
``_entity`` (the entry the interview acted on: another one when it was merged into this
one), ``_version``, ``_kind`` (create, update, correct, resolve), ``_interview``,
``_device`` (the laptop's name where known), ``_at``. Entries merged away are not rows of
their own: their history is under the entry they were merged into.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fieldsurvey import messages
from fieldsurvey.errors import EntityError
from fieldsurvey.reports.export_tables import ExportColumn, ExportTable
from fieldsurvey.store import device_registry, entities
from fieldsurvey.sync.campaign import DEVICE_SETTING

if TYPE_CHECKING:
    from fieldsurvey.store.entities import StoredEntity
    from fieldsurvey.store.workspace import Workspace

#: Entities read per query.
PAGE = 5_000


def entity_tables(ws: Workspace, list_name: str, lang: str) -> list[ExportTable]:
    """The list as two export tables: its entries, and the interviews that touched each."""
    code = "en" if lang == "en" else "vi"

    def label(key: str) -> str:
        return messages.render(f"entity.cli.column.{key}", code)

    everyone: list[StoredEntity] = []
    while True:
        page = entities.list_entities(ws.db, list_name, offset=len(everyone), limit=PAGE)
        everyone += page
        if len(page) < PAGE:
            break
    if not everyone:
        raise EntityError("entity.cli.empty_list", list=list_name)

    def system(*keys: str) -> list[ExportColumn]:
        kinds = {"_id": "key", "_entity": "key", "_interview": "key", "_created": "meta",
                 "_updated": "meta", "_device": "meta", "_at": "meta"}  # fmt: skip
        return [
            ExportColumn.model_validate(
                {
                    "key": key,
                    "name": key,
                    "label": label(key[1:]),
                    "kind": kinds.get(key, "value"),
                    "numeric": key == "_version",
                }
            )
            for key in keys
        ]

    properties = list(dict.fromkeys(k for e in everyone for k in e.properties))
    columns = system("_id", "_label", "_version", "_ward", "_created", "_updated")
    columns += [ExportColumn(key=p, name=p, label=p, kind="value") for p in properties]
    rows = [
        [e.entity_id, e.label, e.version, e.ward, e.created_at, e.updated_at,
         *(e.properties.get(p, "") for p in properties)]
        for e in everyone
    ]  # fmt: skip
    main = ExportTable(name=list_name, form_id=list_name, path="", label=list_name,
                       columns=columns, rows=rows)  # fmt: skip
    devices = {d.device_id: d.name for d in device_registry.all_devices(ws)}
    own = ws.get_setting(DEVICE_SETTING) if ws.role == "laptop" else None
    if isinstance(own, dict) and own.get("device_id") and own.get("device_name"):
        devices.setdefault(str(own["device_id"]), str(own["device_name"]))  # a laptop's own
    touched: list[list[Any]] = []
    for e in everyone:
        for v in entities.history(ws.db, list_name, e.entity_id):
            if v.interview_uuid:
                device = devices.get(v.device_id or "", v.device_id or "")
                touched.append(
                    [e.entity_id, v.entity_id, v.version, v.kind, v.interview_uuid, device, v.at]
                )
    history_columns = system("_id", "_entity", "_version", "_kind", "_interview", "_device", "_at")
    interviews = ExportTable(name="interviews", form_id=list_name, path="interviews",
                             label=label("interviews_table"), columns=history_columns,
                             rows=touched)  # fmt: skip
    return [main, interviews]
