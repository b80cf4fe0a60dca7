"""The entry screen's entity picker at 100,000 households (issue 16, E-UI).

On a laptop workspace (SQLCipher) holding ``--size`` households, received as receipts
bring them (``apply_received``, 10,000 a transaction), it measures what an enumerator
waits for per keystroke while typing seven searches (a name, a ward and a name, a
household id, a phone number...), every prefix of each:

- the search itself (``StoreEntitySource.search``, 51 rows asked): CPU time, median of 5;
- the UI thread's share (the picker filling its list with 50 rows and handling the
  events): the search runs on the task runner's read threads, so this is all the UI
  thread does per keystroke;
- end to end, with real threads: a key typed into the picker until its rows are shown.

    .venv/bin/python bench/bench_entity_picker.py [--size 100000] [--keep DIR]

Wall times are wall times on a shared machine: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from fieldsurvey.keywrap import KdfParams
from fieldsurvey.store.entities import EntityChange, StoreEntitySource, apply_received
from fieldsurvey.store.workspace import Workspace

PASSWORD = "benchmark password"
FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLE = "Văn Thị Đức Minh Thanh Ngọc Hữu Quốc Thu Hồng".split()
GIVEN = (
    "An Bình Cường Dũng Dung Giang Hà Hải Hạnh Hiếu Hoa Hùng Hương Khánh Lan Linh Long Mai"
    " Nam Nga Phong Phương Quân Quỳnh Sơn Tâm Thảo Trang Trung Tuấn Vy Yến"
).split()
WARDS = ["Phúc Tân", "Chương Dương", "Hàng Bạc", "Hàng Buồm", "Đồng Xuân", "Cửa Đông"]
TYPED = ["nguyen van hung", "tran thi mai", "hk-0123", "0912", "phuc tan lan", "dang", "le minh a"]
FORM = """
| survey |
| | type | name | label |
| | select_one_from_file households.csv | hh | Household |
| settings |
| | form_id | version |
| | bench_followup | 1 |
"""


def build(folder: Path, size: int) -> Workspace:
    ws = Workspace.create(folder, PASSWORD, kdf=KdfParams.cheap())
    rnd = random.Random(7)
    done = 0
    started = time.process_time()
    while done < size:
        rows = []
        for _ in range(min(10_000, size - done)):
            done += 1
            ward = rnd.choice(WARDS)
            label = f"{rnd.choice(FAMILY)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
            properties = {
                "hh_id": f"HK-{done:06d}", "ward": ward,
                "phone": f"09{rnd.randrange(10**8):08d}", "size": str(rnd.randint(1, 8)),
            }  # fmt: skip
            rows.append(EntityChange("households", f"hh-{done:06d}", label, properties, 1, ward))
        with ws.transaction():
            apply_received(ws.db, rows)
    print(f"built {size:,} households in {time.process_time() - started:.1f} s CPU")
    return ws


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the workspace here")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp()) / "laptop"
    ws = Workspace.open(folder, PASSWORD) if folder.exists() else build(folder, args.size)
    source = StoreEntitySource(ws)
    per_key = []
    for word in TYPED:
        for end in range(1, len(word) + 1):
            times = []
            for _ in range(5):
                started = time.process_time()
                source.search("households", word[:end], 51)
                times.append(time.process_time() - started)
            per_key.append((statistics.median(times) * 1000, word[:end]))
    per_key.sort()
    cpu = [t for t, _ in per_key]
    print(f"search, CPU per keystroke ({len(cpu)} keystrokes): median {statistics.median(cpu):.1f}"
          f" ms, p90 {cpu[int(len(cpu) * 0.9)]:.1f} ms, worst {cpu[-1]:.1f} ms"
          f" ({per_key[-1][1]!r})")  # fmt: skip

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from fieldsurvey.forms.engine import FormEngine
    from fieldsurvey.forms.loader import load_form
    from fieldsurvey.forms.xpath_attachments import use_entities

    from fieldsurvey.ui.entry.entity_lists import EntityLists, Found
    from fieldsurvey.ui.entry.entity_picker import EntityPicker
    from fieldsurvey.ui.tasks import TaskRunner

    app = QApplication([])
    form_file = Path(tempfile.mkdtemp()) / "followup.md"
    form_file.write_text(FORM, encoding="utf-8")
    compiled = FormEngine.build(load_form(form_file))
    use_entities(compiled, source)
    runner = TaskRunner()
    lists = EntityLists(compiled, runner)
    node = compiled.spec.by_name()["hh"]
    picker = EntityPicker(node, lists, "households")
    picker.resize(900, 400)
    picker.show()
    rows = source.search("households", "nguyen", 50)
    fills = []
    for _ in range(20):
        started = time.perf_counter()
        picker._found = Found("nguyen", rows, True)
        picker._fill(rows)
        app.processEvents()
        fills.append((time.perf_counter() - started) * 1000)
    print(f"UI thread per keystroke (50 rows shown): median {statistics.median(fills):.1f} ms")
    ends = []
    for word in ["nguyen van", "tran thi", "hk-01", "0912", "lan"]:
        picker.search.clear()
        app.processEvents()
        for letter in word:
            started = time.perf_counter()
            picker.search.insert(letter)
            while picker._running is not None or picker._waiting is not None:
                app.processEvents()
            app.processEvents()
            ends.append((time.perf_counter() - started) * 1000)
    ends.sort()
    print(f"end to end, key -> rows shown (wall, real threads): median"
          f" {statistics.median(ends):.1f} ms, worst {ends[-1]:.1f} ms"
          f" ({len(ends)} keys)")  # fmt: skip
    print("load average", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    runner.wait_all()
    ws.close()


if __name__ == "__main__":
    main()
