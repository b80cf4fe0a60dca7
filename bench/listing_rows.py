"""Synthetic interviews for the list benchmark and tests, inserted in bulk through the
store's merge writes (``store.sync_records.apply_merge``, what an import makes).

    fill(ws, count, *, start=0, batch=5000)
"""

from __future__ import annotations

import random
import uuid as uuid_module
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from fieldsurvey.store.sync_records import WIRE_COLUMNS, MergeWrites, apply_merge
from fieldsurvey.store.workspace import Workspace

WARDS = (
    "Phúc Tân", "Chương Dương", "Hàng Bạc", "Hàng Bồ", "Hàng Buồm", "Hàng Đào", "Hàng Gai",
    "Hàng Mã", "Hàng Trống", "Lý Thái Tổ", "Cửa Đông", "Cửa Nam", "Đồng Xuân", "Hàng Bài",
    "Phan Chu Trinh", "Tràng Tiền", "Trần Hưng Đạo", "Hàng Bông",
)  # fmt: skip
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
          "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý")  # fmt: skip
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Hữu")
GIVEN = ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh",
         "Long", "Mai", "Nam", "Nga", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn",
         "Việt", "Xuân", "Yến", "Đức", "Đạt", "Hiếu", "Khánh", "Thủy", "Oanh")  # fmt: skip
STATUSES = ("acknowledged",) * 6 + ("exported",) * 3 + ("returned",)
START = datetime(2024, 1, 1, tzinfo=UTC)


def name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def records(count: int, start: int = 0, seed: int = 15) -> Iterator[list[Any]]:
    """``count`` interviews (numbered from ``start``) in WIRE_COLUMNS order: 18 wards,
    500 enumerators, a few seconds apart over years, some sharing a timestamp."""
    rng = random.Random(seed + start)
    enumerators = [name(random.Random(i)) for i in range(500)]
    answers = '{"consent": "yes", "household": {"members": []}}'
    for i in range(start, start + count):
        at = (START + timedelta(seconds=90 * (i // 2))).isoformat(timespec="milliseconds")
        yield [
            str(uuid_module.UUID(int=rng.getrandbits(128), version=4)),
            "mnet_migrant_household", "2026112302", rng.choice(WARDS),
            f"HH-{i:07d}", name(rng), rng.choice(enumerators),
            f"device-{i % 200:03d}", rng.choice(STATUSES), at, at, 3, 3, f"n{i}", answers,
        ]  # fmt: skip


def fill(ws: Workspace, count: int, *, start: int = 0, batch: int = 5000) -> None:
    """Insert ``count`` synthetic interviews in transactions of ``batch``."""
    assert len(WIRE_COLUMNS) == 15
    made = records(count, start)
    done = 0
    while done < count:
        rows = [next(made) for _ in range(min(batch, count - done))]
        with ws.transaction() as db:
            apply_merge(db, MergeWrites(inserts=rows))
        done += len(rows)
