"""The streaming SPSS writer (reports/sav_writer.py) against pyreadstat.write_sav, same data,
same run, alternated.

The table: --rows x 60 variables (34 numbers, 10 of them with value labels; 6 dates; 20
texts: a 36-byte id, Vietnamese names, short codes, a 300-byte and a 2,000-byte note
mostly empty), made from a seeded generator in blocks of --block rows.

Each measure runs in a child process of its own (so peak RSS is the measure's own),
alternating new/old --repeat times; it prints the median wall and CPU time and the
median peak RSS of each:
  new          write_sav of the blocks (already in memory: the writer alone)
  new-z        the same with compress=True (SPSS bytecode compression)
  new-lazy     write_sav with each block made when asked (memory: one block at a time;
               the time includes making the blocks); new-z-lazy: the same compressed
  blocks-only  making the blocks, writing nothing (to subtract from the -lazy figures)
  old          pyreadstat.write_sav of the same DataFrame (already built: the writer alone)
  old-z        the same with row_compress=True
  old-frame    building that DataFrame from the blocks (what the old path also pays)
and checks once that both files are the same bytes but for the creation time.

    .venv/bin/python bench/bench_sav_writer.py [--rows 100000] [--block 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from fieldsurvey.reports.stat_model import StatTable, StatVariable

NAMES = ["Đặng Thị Ngọc Ánh", "Nguyễn Văn An", "Trần Minh", "Lê Thị Hồng Nhung", "Phạm Quốc"]
EPOCH = date(1970, 1, 1)


def variables() -> list[StatVariable]:
    out = []
    for i in range(34):
        labels = {float(k): f"lựa chọn {k}" for k in range(1, 6)} if i < 10 else {}
        out.append(StatVariable(f"so_{i}", f"Câu hỏi số {i}", "number", 0, labels,
                                "nominal" if labels else "scale"))  # fmt: skip
    out += [StatVariable(f"ngay_{i}", f"Ngày {i}", "date", measure="scale") for i in range(6)]
    out.append(StatVariable("v_uuid", "Mã phiếu", "text", 36))
    widths = [8, 12, 20, 30] * 4 + [max(len(n.encode()) for n in NAMES), 300, 2000]
    out += [StatVariable(f"chu_{i}", f"Văn bản {i}", "text", w) for i, w in enumerate(widths)]
    return out


def make_block(index: int, rows: int, variables: list[StatVariable]) -> list[Any]:
    rng = np.random.default_rng(index)
    arrays: list[Any] = []
    for var in variables:
        if var.kind == "number":
            if var.value_labels:
                values = rng.integers(1, 6, rows).astype(np.float64)
            else:
                values = np.round(rng.normal(50, 30, rows), 2)
            values[rng.random(rows) < 0.1] = np.nan
            arrays.append(values)
        elif var.kind == "date":
            days = rng.integers(19_000, 21_000, rows).astype(np.float64)
            days[rng.random(rows) < 0.1] = np.nan
            arrays.append(days)
        elif var.name == "v_uuid":
            arrays.append(np.array([f"uuid:{index:08d}-{k:027d}".encode() for k in range(rows)],
                                   dtype="S36"))  # fmt: skip
        elif var.width >= 300:
            texts = np.zeros(rows, dtype=f"S{var.width}")
            chosen = rng.random(rows) < 0.05
            texts[chosen] = note(var.width)
            arrays.append(texts)
        elif var.width > 30:
            pool = np.array([n.encode() for n in NAMES])
            arrays.append(pool[rng.integers(0, len(NAMES), rows)])
        else:
            pool = np.array([f"m{k}".encode() for k in range(50)] + [b"", b"x" * var.width])
            arrays.append(pool[rng.integers(0, len(pool), rows)])
        if rows and var.kind == "text":  # every block holds its variable's longest text
            arrays[-1][0] = longest(var)
    return arrays


def longest(var: StatVariable) -> bytes:
    if var.width >= 300:
        return note(var.width)
    if var.width > 30:
        return max((n.encode() for n in NAMES), key=len)
    return b"x" * var.width


def note(width: int) -> bytes:
    """A Vietnamese note of exactly ``width`` bytes."""
    text = ("Ghi chú dài " * (width // 8)).encode()[:width].decode("utf-8", "ignore").encode()
    return text.ljust(width, b".")


def table(rows: int, block: int, lazy: bool) -> StatTable:
    vs = variables()
    sizes = [min(block, rows - start) for start in range(0, rows, block)]
    made = None if lazy else [make_block(i, n, vs) for i, n in enumerate(sizes)]

    def blocks() -> Iterator[list[Any]]:
        for i, n in enumerate(sizes):
            yield made[i] if made is not None else make_block(i, n, vs)

    return StatTable("Bảng thử", vs, rows, blocks)


def frame_of(tab: StatTable) -> tuple[Any, dict[str, Any]]:
    """The pandas DataFrame and write_sav options of the same data, as
    tests/pyreadstat_reference.frame builds them."""
    import pandas as pd

    columns: list[list[Any]] = [[] for _ in tab.variables]
    for block in tab.blocks():
        for column, values, var in zip(columns, block, tab.variables, strict=True):
            if var.kind == "text":
                column.extend(v.decode("utf-8") for v in values.tolist())
            elif var.kind == "date":
                column.extend(None if d != d else EPOCH + timedelta(days=d) for d in values)
            else:
                column.append(values)
    data = {}
    for var, column in zip(tab.variables, columns, strict=True):
        if var.kind == "number":
            data[var.name] = np.concatenate(column)
        else:
            data[var.name] = pd.Series(column, dtype="object")
    options = {
        "file_label": tab.label,
        "column_labels": {v.name: v.label for v in tab.variables},
        "variable_value_labels": {v.name: v.value_labels for v in tab.variables if v.value_labels},
        "variable_measure": {v.name: v.measure for v in tab.variables},
    }
    return pd.DataFrame(data, columns=[v.name for v in tab.variables]), options


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def child(mode: str, rows: int, block: int, out: Path) -> dict[str, float]:
    from fieldsurvey.reports.sav_writer import write_sav

    tab = table(rows, block, lazy=mode.endswith("-lazy") or mode == "blocks-only")
    frame, options = frame_of(tab) if mode in ("old", "old-z") else (None, {})
    wall, cpu = time.perf_counter(), time.process_time()
    kernel = resource.getrusage(resource.RUSAGE_SELF).ru_stime
    if mode == "blocks-only":
        for _ in tab.blocks():
            pass
    elif mode.startswith("new"):
        write_sav(out, tab, compress=mode.startswith("new-z"))
    elif mode in ("old", "old-z"):
        import pyreadstat

        pyreadstat.write_sav(frame, str(out), row_compress=mode == "old-z", **options)
    else:  # old-frame
        frame, options = frame_of(tab)
    kernel = resource.getrusage(resource.RUSAGE_SELF).ru_stime - kernel
    return {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
            "sys": kernel, "rss": peak_rss_mb()}  # fmt: skip


def same_bytes(a: Path, b: Path) -> bool:
    """Whether two files are the same but for the creation date and time (read in chunks:
    the children inherit this process's peak RSS)."""
    with open(a, "rb") as x, open(b, "rb") as y:
        head_x, head_y = bytearray(x.read(176)), bytearray(y.read(176))
        head_x[92:109] = head_y[92:109]
        if head_x != head_y:
            return False
        while True:
            chunk = x.read(1 << 20)
            if chunk != y.read(1 << 20):
                return False
            if not chunk:
                return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--block", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--modes", default="new,old,new-z,old-z,new-lazy,old-frame")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.rows, args.block, Path(args.out))))
        return
    modes = args.modes.split(",")
    results: dict[str, list[dict[str, float]]] = {m: [] for m in modes}
    with tempfile.TemporaryDirectory(prefix="bench-sav-") as tmp:
        for run in range(args.repeat):
            for mode in modes:
                out = Path(tmp) / f"{mode}.sav"
                proc = subprocess.run(
                    [sys.executable, __file__, "--child", mode, "--rows", str(args.rows),
                     "--block", str(args.block), "--out", str(out)],
                    check=True, capture_output=True, text=True,
                )  # fmt: skip
                results[mode].append(json.loads(proc.stdout))
            for new, old in (("new", "old"), ("new-z", "old-z")):
                if run == 0 and {new, old} <= set(modes):
                    size = (Path(tmp) / f"{new}.sav").stat().st_size / 1e6
                    same = same_bytes(Path(tmp) / f"{new}.sav", Path(tmp) / f"{old}.sav")
                    print(f"{new}: file {size:.1f} MB; the same bytes as {old}'s: {same}")
    print(f"{args.rows:,} rows x {len(variables())} variables, blocks of {args.block:,}, "
          f"median of {args.repeat} runs (each in its own process, modes alternated)")  # fmt: skip
    keys = ("wall", "cpu", "sys", "rss")
    med = {m: {k: statistics.median(r[k] for r in rs) for k in keys} for m, rs in results.items()}
    for mode, m in med.items():
        print(f"  {mode:10s} wall {m['wall']:6.2f} s  cpu {m['cpu']:6.2f} s "
              f"(of which kernel {m['sys']:5.2f} s)  peak RSS {m['rss']:7.0f} MB")  # fmt: skip
    for new, old in (("new", "old"), ("new-z", "old-z")):
        if new in med and old in med:
            cpu, wall = (med[old][k] / med[new][k] for k in ("cpu", "wall"))
            print(f"  {old}/{new}: CPU {cpu:.1f}x, wall {wall:.1f}x")


if __name__ == "__main__":
    main()
