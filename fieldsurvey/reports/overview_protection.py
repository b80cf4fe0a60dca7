"""Keep a combined overview from giving away the cells hidden in its ward sections.

With one section per ward and an overview of all of them, a hidden ward cell could be
worked out as *overview − the other wards*. So an overview cell (and a row or column
total of a cross table) is hidden too when, over the wards, exactly one cell of that
category is hidden and holds people, or the hidden cells add up to 1-4 people; wards
too small to show any table count as hidden everywhere. Then the overview's own lines
are protected again. Limits: table bases (N) and numeric summaries are not protected
this way, nor differences between reports run on different periods.
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldsurvey.reports.blocks import Block, CrossBlock, FreqBlock, NumberBlock
from fieldsurvey.reports.summary_stats import (
    SECONDARY,
    THRESHOLD,
    Cell,
    CrossTab,
    Frequency,
    protect_line,
    protect_table,
)


class WardBlocks:
    """One ward's computed blocks and whether its section shows them."""

    def __init__(self, blocks: Sequence[Block], shown: bool) -> None:
        self.blocks = blocks
        self.shown = shown


def _gives_away(peers: Sequence[tuple[int, bool]]) -> bool:
    """True when overview minus the shown ward cells would reveal a small or hidden cell."""
    hidden = [count for count, is_hidden in peers if is_hidden]
    return sum(c > 0 for c in hidden) == 1 or 0 < sum(hidden) < THRESHOLD


def _hide(cell: Cell) -> None:
    if not cell.hidden:
        cell.hidden = SECONDARY


def _freq_peer(freq: Frequency | None, key: str, shown: bool) -> tuple[int, bool]:
    if freq is None:
        return 0, not shown
    for row in freq.rows:
        if row.key == key:
            return row.cell.count, bool(row.cell.hidden) or not shown
    # Not a row of this ward (e.g. pooled into "other provinces"): unknown to the reader.
    return freq.counts.get(key, 0), True


def _protect_freq(freq: Frequency, peers: Sequence[tuple[Frequency | None, bool]]) -> None:
    for row in freq.rows:
        if row.key.startswith("_") or row.cell.hidden:
            continue
        if _gives_away([_freq_peer(f, row.key, shown) for f, shown in peers]):
            _hide(row.cell)
    if not freq.multiple:
        protect_line([r.cell for r in freq.rows], total_shown=not freq.base_cell.hidden)


def _cross_peer(
    tab: CrossTab | None, shown: bool, r: str | None, c: str | None
) -> tuple[int, bool]:
    if tab is None:
        return 0, not shown
    i = tab.row_keys.index(r) if r in tab.row_keys else None
    j = tab.col_keys.index(c) if c in tab.col_keys else None
    if (r is not None and i is None) or (c is not None and j is None):
        return 0, not shown  # no such row in this ward: no one, and the reader sees that
    if i is not None and j is not None:
        cell = tab.cells[i][j]
    elif i is not None:
        cell = tab.row_totals[i]
    elif j is not None:
        cell = tab.col_totals[j]
    else:
        cell = tab.total
    return cell.count, bool(cell.hidden) or not shown


def _protect_cross(tab: CrossTab, peers: Sequence[tuple[CrossTab | None, bool]]) -> None:
    def check(cell: Cell, r: str | None, c: str | None) -> None:
        if not cell.hidden and _gives_away([_cross_peer(p, s, r, c) for p, s in peers]):
            _hide(cell)

    for i, r in enumerate(tab.row_keys):
        for j, c in enumerate(tab.col_keys):
            check(tab.cells[i][j], r, c)
        check(tab.row_totals[i], r, None)
    for j, c in enumerate(tab.col_keys):
        check(tab.col_totals[j], None, c)
    protect_table(tab)


def protect_overview(overview: Sequence[Block], wards: Sequence[WardBlocks]) -> None:
    """Hide overview cells that, with the ward sections, would give a hidden cell away."""
    for k, block in enumerate(overview):
        peer_blocks = [(w.blocks[k] if k < len(w.blocks) else None, w.shown) for w in wards]
        if isinstance(block, FreqBlock):
            freqs = [(b.freq if isinstance(b, FreqBlock) else None, s) for b, s in peer_blocks]
            _protect_freq(block.freq, freqs)
        elif isinstance(block, NumberBlock) and block.bands is not None:
            bands = [(b.bands if isinstance(b, NumberBlock) else None, s) for b, s in peer_blocks]
            _protect_freq(block.bands, bands)
        elif isinstance(block, CrossBlock):
            tabs = [(b.cross if isinstance(b, CrossBlock) else None, s) for b, s in peer_blocks]
            _protect_cross(block.cross, tabs)
