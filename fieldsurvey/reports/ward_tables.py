"""The tables of the default survey's ward summary (issue 6), computed as blocks."""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import accumulate, repeat
from operator import add, is_not, mul, sub
from typing import Any

import numpy as np

from fieldsurvey.reports.blocks import (
    Block,
    CrossBlock,
    FreqBlock,
    NumberBlock,
    Section,
    TextTable,
    band_labels,
)
from fieldsurvey.reports.columns import Columns, normalise, read_columns
from fieldsurvey.reports.form_access import FormAccess
from fieldsurvey.reports.number_format import fmt_dec, fmt_int, fmt_pct, fmt_vnd
from fieldsurvey.reports.report_text import t
from fieldsurvey.reports.summary_stats import (
    PRIMARY,
    SECONDARY,
    THRESHOLD,
    as_floats,
    band_counts,
    crosstab_of,
    free_list,
    frequency_of,
    summarise_sorted,
    tally,
    top_n,
)

Doc = dict[str, Any]

#: Values one C call handles at most (a call over millions holds the GIL for hundreds of
#: milliseconds: the app's window, whose timers run in Python, would freeze meanwhile).
CHUNK = 65_536

#: Fields the ward summary needs; a form without them gets the generic summary.
REQUIRED_FIELDS = ("ward", "consent", "occupation", "home_province", "hi_card", "members")

#: Card statuses with a short label of their own (``report.hi_short_<status>``).
_SHORT_HI = frozenset({"none", "home_province", "hanoi"})
INCOME_EDGES = (3e6, 5e6, 7e6, 10e6)
OOP_EDGES = (1, 200_000, 1e6, 5e6)
M2_EDGES = (3.0, 5.0, 8.0, 12.0)
ELEC_EDGES = (3500, 4000, 5000)


def _title(key: str, fa: FormAccess) -> str:
    return t(f"table_{key}", fa.lang)


RESPONDENT_FIELDS = (
    "district", "occupation", "home_province", "temp_reg", "hi_card", "hi_why_not",
    "ill_30d", "care_where", "barriers", "work_accident", "oop_cost", "room_area",
    "room_people", "water", "toilet", "elec_pay", "elec_price", "income_month", "remit",
    "shg_member", "shg_support",
)  # fmt: skip
MEMBER_FIELDS = ("m_sex", "m_age", "m_occ", "m_hi")


class ConsentedData:
    """A group's consented interviews as columns (one row per household) and its
    household members as columns (one row per person)."""

    def __init__(self, resp: Columns, members: Columns, sizes: list[int], declined: int) -> None:
        self.resp = resp
        self.members = members
        #: Roster length of each household, aligned with ``resp``.
        self.sizes = sizes
        self.declined = declined
        #: The groups this one joins (:meth:`concat`), released with it.
        self.parts: list[ConsentedData] = []

    @classmethod
    def read(cls, fa: FormAccess, docs: Sequence[Doc]) -> ConsentedData:
        consent = read_columns(fa, docs, ["consent"])["consent"]
        ok = [d for d, c in zip(docs, consent, strict=True) if c == "yes"]
        resp = read_columns(fa, ok, RESPONDENT_FIELDS)
        rosters = [
            [m for m in r if type(m) is dict] if type(r) is list else []
            for r in read_columns(fa, ok, ["members"])["members"]
        ]
        members = read_columns(fa, [m for r in rosters for m in r], MEMBER_FIELDS)
        return cls(resp, members, [len(r) for r in rosters], len(docs) - len(ok))

    @classmethod
    def from_columns(
        cls,
        fa: FormAccess,
        resp: dict[str, list[Any]],
        members: dict[str, list[Any]],
        sizes: list[int],
        declined: int,
    ) -> ConsentedData:
        """The same from raw columns (the analysis tables' values, as the documents hold
        them): ``resp`` one row per consented household, ``members`` one per person in
        household order, ``sizes`` each household's roster length."""
        n = len(sizes)
        resp_cols = {
            name: normalise(resp[name], fa.type_of(name))
            for name in RESPONDENT_FIELDS
            if fa.has(name)
        }
        member_cols = {
            name: normalise(members[name], fa.type_of(name))
            for name in MEMBER_FIELDS
            if fa.has(name)
        }
        return cls(Columns(resp_cols, n), Columns(member_cols, sum(sizes)), sizes, declined)

    @classmethod
    def concat(cls, parts: Sequence[ConsentedData]) -> ConsentedData:
        joined = cls(
            Columns.concat([p.resp for p in parts]),
            Columns.concat([p.members for p in parts]),
            [n for p in parts for n in p.sizes],
            sum(p.declined for p in parts),
        )
        joined.parts = list(parts)
        return joined

    @property
    def households(self) -> int:
        return self.resp.n

    def release(self) -> None:
        """Empty the columns and roster sizes a chunk at a time (once nothing reads them:
        freeing a group of 1,000,000 interviews at once is one long C call)."""
        for columns in (self.resp, self.members):
            for values in columns.data.values():
                free_list(values)
        free_list(self.sizes)
        for part in self.parts:
            part.release()

    @property
    def people(self) -> int:
        return self.members.n


class WardTables:
    """Compute every block for one group of consented interviews.

    ``parts``: the tables of the groups this one is made of (the wards of an overview),
    their :meth:`blocks` already computed: counts are then added up from theirs
    (counts add), and the values behind medians merged from theirs, already sorted, not
    worked out again over every row."""

    def __init__(
        self, fa: FormAccess, data: ConsentedData, parts: Sequence[WardTables] = ()
    ) -> None:
        self.fa = fa
        self.data = data
        self.resp = data.resp
        self.lang = fa.lang
        self.parts = list(parts)
        #: What each table counted (tallies, sorted values), by table, for an overview.
        self.tallies: dict[str, Any] = {}
        self._where: dict[tuple[str, ...], Columns] = {}

    def release(self) -> None:
        """Empty the filtered columns and the values kept for an overview a chunk at a
        time (see :meth:`ConsentedData.release`); counts and blocks stay."""
        for columns in self._where.values():
            for values in columns.data.values():
                free_list(values)
        for kept in self.tallies.values():
            if type(kept) is list:
                free_list(kept)

    # --- helpers ---------------------------------------------------------------------------
    def _order(self, name: str) -> list[tuple[str, str]]:
        return [(c, self.fa.choice_label(name, c)) for c in self.fa.choice_names(name)]

    def _kept(self, key: str, count: Callable[[], Any], merge: Callable[[list[Any]], Any]) -> Any:
        """``count()`` for this group, or ``merge`` of what its parts counted under ``key``."""
        if self.parts:
            value = merge([p.tallies[key] for p in self.parts])
        else:
            value = count()
        self.tallies[key] = value
        return value

    def _tally(
        self, key: str, name: str, where: tuple[str, ...] = (), *, multiple: bool = False
    ) -> tuple[Counter[Any], int]:
        def count() -> tuple[Counter[Any], int]:
            return tally(self._cols(where)[name], multiple=multiple)

        result: tuple[Counter[Any], int] = self._kept(f"tally:{key}", count, _add_tallies)
        return result

    def _cols(self, where: tuple[str, ...]) -> Columns:
        if not where:
            return self.resp
        found = self._where.get(where)
        if found is None:  # e.g. the ill: three tables
            found = self._where[where] = self.resp.where(*where)
        return found

    def _fblock(
        self,
        key: str,
        name: str,
        base_key: str,
        where: tuple[str, ...] = (),
        *,
        multiple: bool = False,
    ) -> FreqBlock:
        counts, base = self._tally(key, name, where, multiple=multiple)
        freq = frequency_of(counts, base, self._order(name), multiple=multiple)
        notes = [t("multi_note", self.lang)] if multiple else []
        return FreqBlock(
            title=_title(key, self.fa),
            freq=freq,
            base_note=t(base_key, self.lang, n=fmt_int(freq.base, self.lang)),
            notes=notes,
            count_label=t("count", self.lang),
        )

    def _numbers(
        self,
        key: str,
        values: list[float] | np.ndarray,
        edges: Sequence[float],
        unit: Any,
        base_key: str,
        labels: list[str] | None = None,
    ) -> NumberBlock:
        """``values``: sorted (:meth:`_sorted`)."""
        lang = self.lang
        if labels is None:
            labels = band_labels(edges, lambda v: _edge_text(v, unit, lang), lang)
        order = [(str(i), label) for i, label in enumerate(labels)]
        return NumberBlock(
            title=_title(key, self.fa),
            summary=summarise_sorted(values),
            unit=unit,
            bands=frequency_of(band_counts(values, edges), len(values), order),
            base_note=t(base_key, lang, n=fmt_int(len(values), lang)),
        )

    def _sorted(self, key: str, values: Callable[[], list[float]]) -> list[float] | np.ndarray:
        """The values of a numeric table, in ascending order (an overview's: its parts'
        merged by numpy, as an array of float64: 8 bytes a value, and other threads run
        while it sorts; the same values in the same order as ``sorted``)."""
        result: list[float] | np.ndarray = self._kept(
            f"values:{key}", lambda: sorted(values()), _merge_sorted
        )
        return result

    def _values(self, name: str, where: tuple[str, ...] = ()) -> list[float]:
        return [v for v in self._cols(where)[name] if v is not None]

    def _hi_cross(self, key: str, by: str) -> CrossBlock:
        fa = self.fa

        def count() -> Counter[tuple[str, str]]:
            members = self.data.members
            counts = pair_counts(members[by], members["m_hi"])
            for a, b in [k for k in counts if not (k[0] and k[1])]:
                del counts[(a, b)]
            return counts

        counts: Counter[tuple[str, str]] = self._kept(f"cross:{key}", count, _add_counters)
        present = {r for r, _ in counts}
        rows = [(k, lbl) for k, lbl in self._order(by) if k in present]
        cross = crosstab_of(counts, rows, self._hi_columns())
        return CrossBlock(
            title=_title(key, fa),
            row_head=fa.label(by),
            cross=cross,
            base_note=t("base_members", self.lang, n=fmt_int(cross.total.count, self.lang)),
            notes=[t("row_pct_note", self.lang)],
            chart=by == "m_sex",
        )

    def _hi_columns(self) -> list[tuple[str, str]]:
        """Short labels for the three card statuses (the form's are long for a column)."""
        return [
            (k, t(f"hi_short_{k}", self.lang) if k in _SHORT_HI else label)
            for k, label in self._order("m_hi")
        ]

    # --- the report -------------------------------------------------------------------------
    def blocks(self) -> list[Block]:
        fa, lang = self.fa, self.lang
        out: list[Block] = [self._fblock("occupation", "occupation", "base_respondents")]
        counts, base = self._tally("province", "home_province")
        prov = frequency_of(counts, base, self._order("home_province"))
        prov_top = top_n(prov, 10, t("other_provinces", lang))
        out.append(
            FreqBlock(
                title=_title("province", fa),
                freq=prov_top,
                base_note=t("base_respondents", lang, n=fmt_int(prov.base, lang)),
                count_label=t("count", lang),
            )
        )
        out.append(self._fblock("temp_reg", "temp_reg", "base_respondents"))
        out.append(self._hi_cross("hi_sex", "m_sex"))
        out.append(self._hi_cross("hi_occ", "m_occ"))
        no_card = ("hi_card", "none")
        out.append(self._fblock("hi_why", "hi_why_not", "base_no_card", no_card, multiple=True))
        out.append(self._fblock("ill", "ill_30d", "base_respondents"))
        ill = ("ill_30d", "yes")
        out.append(self._fblock("care", "care_where", "base_ill", ill, multiple=True))
        out.append(self._fblock("barriers", "barriers", "base_ill", ill, multiple=True))
        out.append(self._fblock("accident", "work_accident", "base_respondents"))
        oop_labels = _oop_labels(lang)
        oop = self._sorted("oop", lambda: self._values("oop_cost", ill))
        out.append(self._numbers("oop", oop, OOP_EDGES, "vnd", "base_paid", oop_labels))
        m2 = self._sorted("m2", self._m2_values)
        out.append(self._numbers("m2", m2, M2_EDGES, "dec", "base_respondents"))
        out.append(self._fblock("water", "water", "base_respondents"))
        out.append(self._fblock("toilet", "toilet", "base_respondents"))
        out.append(self._fblock("elec_pay", "elec_pay", "base_respondents"))
        price = self._sorted(
            "elec_price", lambda: self._values("elec_price", ("elec_pay", "landlord_kwh"))
        )
        elec = self._numbers("elec_price", price, ELEC_EDGES, "int", "base_landlord")
        elec.notes.append(_title("elec_note", fa))
        out.append(elec)
        income = self._sorted("income", lambda: self._values("income_month"))
        out.append(self._numbers("income", income, INCOME_EDGES, "vnd", "base_respondents"))
        out.append(self._fblock("remit", "remit", "base_respondents"))
        out.append(self._fblock("shg", "shg_member", "base_respondents"))
        shg = ("shg_member", "yes", "past")
        out.append(self._fblock("shg_support", "shg_support", "base_shg", shg, multiple=True))
        out.append(self._household_size())
        return out

    def _m2_values(self) -> list[float]:
        pairs = zip(self.resp["room_area"], self.resp["room_people"], strict=True)
        return [a / p for a, p in pairs if a and p and a > 0 and p > 0]

    def _household_size(self) -> NumberBlock:
        lang = self.lang
        sizes = self._sorted("hh_size", lambda: [float(n) for n in self.data.sizes if n])
        labels = ["1", "2", "3", "4", "5", "6+"]
        block = self._numbers("hh_size", sizes, (2, 3, 4, 5, 6), "dec", "base_households", labels)
        ratios = self._sorted(
            "dep_ratio", lambda: _dep_ratios(self.data.members["m_age"], self.data.sizes)
        )
        dep = summarise_sorted(ratios)
        if not dep.hidden and dep.mean is not None:
            block.notes.append(
                t("dep_ratio_note", lang, mean=fmt_dec(dep.mean, lang, 2), n=fmt_int(dep.n, lang))
            )
        return block

    def compare_row(self, label: str) -> list[str]:
        """This group's row of :func:`compare_wards` (its :meth:`blocks` computed)."""
        lang, data = self.lang, self.data
        n = data.households
        if n < THRESHOLD:
            return [label, PRIMARY if n else "0", "", "", "", "", ""]
        incomes = self.tallies.get("values:income")
        if incomes is None:
            incomes = sorted(self._values("income_month"))
        m2 = self.tallies.get("values:m2")
        if m2 is None:
            m2 = sorted(self._m2_values())
        return [
            label,
            fmt_int(n, lang),
            fmt_int(data.people, lang),
            _share(self._tally("no_card_n", "hi_card")[0]["none"], n, lang),
            fmt_vnd(statistics.median(incomes), lang) if len(incomes) >= THRESHOLD else "",
            fmt_dec(statistics.median(m2), lang, 1) if len(m2) >= THRESHOLD else "",
            _share(self._tally("shg_n", "shg_member")[0]["yes"], n, lang),
        ]


def _merge_sorted(parts: list[list[float] | np.ndarray]) -> np.ndarray:
    """The sorted ``parts`` merged (a stable sort: equal values keep their order)."""
    merged = np.concatenate([as_floats(p) for p in parts]) if parts else np.zeros(0)
    merged.sort(kind="stable")
    return merged


def _add_counters(parts: list[Counter[Any]]) -> Counter[Any]:
    total: Counter[Any] = Counter()
    for part in parts:
        total.update(part)
    return total


def _add_tallies(parts: list[tuple[Counter[Any], int]]) -> tuple[Counter[Any], int]:
    return _add_counters([c for c, _ in parts]), sum(b for _, b in parts)


def _dep_ratios(ages: list[float | None], sizes: list[int]) -> list[float]:
    """(members under 15 + over 64) / members 15-64, per household with anyone 15-64.
    Counted in C (:func:`_dep_part`) for households of about :data:`CHUNK` members at a
    time (a ward of 1,000,000 interviews' district holds 190,000 members)."""
    ends = [0, *accumulate(sizes)]
    out: list[float] = []
    h = 0
    while h < len(sizes):
        stop = max(h + 1, bisect_right(ends, ends[h] + CHUNK) - 1)
        out += _dep_part(ages[ends[h] : ends[stop]], sizes[h:stop])
        h = stop
    return out


def _dep_part(ages: list[float | None], sizes: list[int]) -> list[float]:
    """:func:`_dep_ratios` of households whose members are ``ages``: running counts by
    member, each age's 15-64 flag looked up from its distinct values, each household's
    counts the difference of two running counts."""
    known = [0, *accumulate(map(is_not, ages, repeat(None)))]  # running counts, by member
    flag = {a: a is not None and 15 <= a <= 64 for a in set(ages)}
    working = [0, *accumulate(map(flag.__getitem__, ages))]
    ends = [0, *accumulate(sizes)]
    starts, stops = ends[:-1], ends[1:]
    n_working = map(sub, map(working.__getitem__, stops), map(working.__getitem__, starts))
    n_known = map(sub, map(known.__getitem__, stops), map(known.__getitem__, starts))
    return [(k - w) / w for k, w in zip(n_known, n_working, strict=True) if w]


def pair_counts(first: Sequence[Any], second: Sequence[Any]) -> Counter[tuple[Any, Any]]:
    """``Counter(zip(first, second))`` (hashable values), counted as small whole numbers
    (one per pair of values met): no tuple is made per row."""
    if len(first) != len(second):
        raise ValueError("pair_counts: columns of different lengths")
    chunks = range(0, len(first), CHUNK)  # one C call per chunk, not per column
    a: dict[Any, int] = {}
    b: dict[Any, int] = {}
    for i in chunks:
        a.update(dict.fromkeys(first[i : i + CHUNK], 0))
        b.update(dict.fromkeys(second[i : i + CHUNK], 0))
    a = {v: i for i, v in enumerate(a)}
    b = {v: i for i, v in enumerate(b)}
    width = len(b) or 1
    codes: Counter[int] = Counter()
    for i in chunks:
        codes.update(map(add, map(mul, map(a.__getitem__, first[i : i + CHUNK]), repeat(width)),
                         map(b.__getitem__, second[i : i + CHUNK])))  # fmt: skip
    values_a, values_b = list(a), list(b)
    return Counter(
        {(values_a[code // width], values_b[code % width]): n for code, n in codes.items()}
    )


def _edge_text(value: float, unit: str, lang: Any) -> str:
    if unit == "vnd":
        millions = value / 1e6
        amount = fmt_dec(millions, lang, 0 if millions == int(millions) else 1)
        return t("amount_millions", lang, amount=amount)
    return fmt_dec(value, lang, 0) if value == int(value) else fmt_dec(value, lang, 1)


def _oop_labels(lang: Any) -> list[str]:
    keys = ("nothing", "under_200k", "200k_1m", "1m_5m", "5m_more")
    return [t(f"oop_{key}", lang) for key in keys]


def section(
    title: str,
    fa: FormAccess,
    data: ConsentedData,
    empty_note: str = "",
    blocks: list[Block] | None = None,
) -> Section:
    """One ward's (or several wards') section; ``blocks`` if already computed."""
    n = data.households
    if 0 < n < THRESHOLD:
        empty_note = t("too_few_households", fa.lang)
    if n >= THRESHOLD and blocks is None:
        blocks = WardTables(fa, data).blocks()
    return Section(
        title=title,
        households=n,
        people=data.people,
        blocks=blocks if n >= THRESHOLD and blocks is not None else [],
        empty_note="" if n >= THRESHOLD else empty_note,
    )


def compare_wards(
    fa: FormAccess, groups: Sequence[tuple[str, ConsentedData, WardTables | None]]
) -> TextTable:
    """One row per ward: households, people, % without a card, median income, m²/person
    (``WardTables``: the ward's, its blocks computed, else None)."""
    lang = fa.lang
    header = [
        t("compare_ward", lang),
        t("count_hh", lang),
        t("count", lang),
        t("compare_no_card", lang),
        t("compare_income", lang),
        t("compare_m2", lang),
        t("compare_shg", lang),
    ]
    rows = [
        (tables if tables is not None else WardTables(fa, data)).compare_row(label)
        for label, data, tables in groups
    ]
    note = t("compare_note", lang)
    return TextTable(title=t("ward_compare", lang), header=header, rows=rows, notes=[note])


def _share(count: int, base: int, lang: Any) -> str:
    """A percentage, hidden when it or its complement counts 1 to 4 people."""
    if 0 < count < THRESHOLD:
        return PRIMARY
    if 0 < base - count < THRESHOLD:
        return SECONDARY
    return fmt_pct(100.0 * count / base, lang) if base else ""
