"""Texts of entities: households and people registered once and revisited (``entity.*``),
see :mod:`fieldsurvey.messages`. Several helpers add entries here: keep one entry per code,
grouped by area (forms, store, sync, CLI, UI)."""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {
    "entity.unknown_entity": Text(
        en="List {list}: this laptop does not hold the chosen entry; it may have been merged"
        " or moved to another ward.",
        vi="Danh sách {list}: máy này không có mục đã chọn; có thể mục đó đã được gộp hoặc"
        " chuyển sang phường khác.",
    ),
}
