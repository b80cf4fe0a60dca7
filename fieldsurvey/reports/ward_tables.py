"""The tables of the default survey's ward summary (issue 6), computed as blocks."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from fieldsurvey.reports.blocks import (
    Block,
    CrossBlock,
    FreqBlock,
    NumberBlock,
    Section,
    TextTable,
    band_labels,
    banded,
)
from fieldsurvey.reports.columns import Columns, normalise, read_columns
from fieldsurvey.reports.form_access import FormAccess
from fieldsurvey.reports.number_format import fmt_dec, fmt_int, fmt_pct, fmt_vnd
from fieldsurvey.reports.report_text import t
from fieldsurvey.reports.summary_stats import (
    PRIMARY,
    SECONDARY,
    THRESHOLD,
    crosstab,
    frequency,
    summarise,
    top_n,
)

Doc = dict[str, Any]

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
        return cls(
            Columns.concat([p.resp for p in parts]),
            Columns.concat([p.members for p in parts]),
            [n for p in parts for n in p.sizes],
            sum(p.declined for p in parts),
        )

    @property
    def households(self) -> int:
        return self.resp.n

    @property
    def people(self) -> int:
        return self.members.n


class WardTables:
    """Compute every block for one group of consented interviews."""

    def __init__(self, fa: FormAccess, data: ConsentedData) -> None:
        self.fa = fa
        self.data = data
        self.resp = data.resp
        self.lang = fa.lang

    # --- helpers ---------------------------------------------------------------------------
    def _order(self, name: str) -> list[tuple[str, str]]:
        return [(c, self.fa.choice_label(name, c)) for c in self.fa.choice_names(name)]

    def _fblock(
        self,
        key: str,
        name: str,
        base_key: str,
        cols: Columns | None = None,
        *,
        multiple: bool = False,
    ) -> FreqBlock:
        source = self.resp if cols is None else cols
        freq = frequency(source[name], self._order(name), multiple=multiple)
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
        values: list[float],
        edges: Sequence[float],
        unit: Any,
        base_key: str,
        labels: list[str] | None = None,
    ) -> NumberBlock:
        lang = self.lang
        if labels is None:
            labels = band_labels(edges, lambda v: _edge_text(v, unit, lang), lang)
        return NumberBlock(
            title=_title(key, self.fa),
            summary=summarise(values),
            unit=unit,
            bands=banded(values, edges, labels),
            base_note=t(base_key, lang, n=fmt_int(len(values), lang)),
        )

    def _values(self, name: str, cols: Columns | None = None) -> list[float]:
        return [v for v in (self.resp if cols is None else cols)[name] if v is not None]

    def _hi_cross(self, key: str, by: str) -> CrossBlock:
        fa, members = self.fa, self.data.members
        pairs = [(a, b) for a, b in zip(members[by], members["m_hi"], strict=True) if a and b]
        present = {r for r, _ in pairs}
        rows = [(k, lbl) for k, lbl in self._order(by) if k in present]
        cross = crosstab(pairs, rows, self._hi_columns())
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
        prov = frequency(self.resp["home_province"], self._order("home_province"))
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
        no_card = self.resp.where("hi_card", "none")
        out.append(self._fblock("hi_why", "hi_why_not", "base_no_card", no_card, multiple=True))
        out.append(self._fblock("ill", "ill_30d", "base_respondents"))
        ill = self.resp.where("ill_30d", "yes")
        out.append(self._fblock("care", "care_where", "base_ill", ill, multiple=True))
        out.append(self._fblock("barriers", "barriers", "base_ill", ill, multiple=True))
        out.append(self._fblock("accident", "work_accident", "base_respondents"))
        oop_labels = _oop_labels(lang)
        out.append(
            self._numbers(
                "oop", self._values("oop_cost", ill), OOP_EDGES, "vnd", "base_paid", oop_labels
            )
        )
        out.append(self._numbers("m2", self._m2_values(), M2_EDGES, "dec", "base_respondents"))
        out.append(self._fblock("water", "water", "base_respondents"))
        out.append(self._fblock("toilet", "toilet", "base_respondents"))
        out.append(self._fblock("elec_pay", "elec_pay", "base_respondents"))
        landlord = self.resp.where("elec_pay", "landlord_kwh")
        elec = self._numbers(
            "elec_price", self._values("elec_price", landlord), ELEC_EDGES, "int", "base_landlord"
        )
        elec.notes.append(_title("elec_note", fa))
        out.append(elec)
        out.append(
            self._numbers(
                "income", self._values("income_month"), INCOME_EDGES, "vnd", "base_respondents"
            )
        )
        out.append(self._fblock("remit", "remit", "base_respondents"))
        out.append(self._fblock("shg", "shg_member", "base_respondents"))
        shg = self.resp.where("shg_member", "yes", "past")
        out.append(self._fblock("shg_support", "shg_support", "base_shg", shg, multiple=True))
        out.append(self._household_size())
        return out

    def _m2_values(self) -> list[float]:
        pairs = zip(self.resp["room_area"], self.resp["room_people"], strict=True)
        return [a / p for a, p in pairs if a and p and a > 0 and p > 0]

    def _household_size(self) -> NumberBlock:
        lang = self.lang
        sizes = [float(n) for n in self.data.sizes if n]
        labels = ["1", "2", "3", "4", "5", "6+"]
        block = self._numbers("hh_size", sizes, (2, 3, 4, 5, 6), "dec", "base_households", labels)
        ratios = _dep_ratios(self.data.members["m_age"], self.data.sizes)
        dep = summarise(ratios)
        if not dep.hidden and dep.mean is not None:
            block.notes.append(
                t("dep_ratio_note", lang, mean=fmt_dec(dep.mean, lang, 2), n=fmt_int(dep.n, lang))
            )
        return block


def _dep_ratios(ages: list[float | None], sizes: list[int]) -> list[float]:
    """(members under 15 + over 64) / members 15-64, per household with anyone 15-64."""
    out, start = [], 0
    for n in sizes:
        known = [a for a in ages[start : start + n] if a is not None]
        start += n
        working = sum(15 <= a <= 64 for a in known)
        if working:
            out.append((len(known) - working) / working)
    return out


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


def compare_wards(fa: FormAccess, groups: Sequence[tuple[str, ConsentedData]]) -> TextTable:
    """One row per ward: households, people, % without a card, median income, m²/person."""
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
    rows = []
    for label, data in groups:
        n = data.households
        if n < THRESHOLD:
            rows.append([label, PRIMARY if n else "0", "", "", "", "", ""])
            continue
        tables = WardTables(fa, data)
        incomes = tables._values("income_month")
        m2 = tables._m2_values()
        rows.append(
            [
                label,
                fmt_int(n, lang),
                fmt_int(data.people, lang),
                _share(len(data.resp.rows_where("hi_card", "none")), n, lang),
                fmt_vnd(statistics.median(incomes), lang) if len(incomes) >= THRESHOLD else "",
                fmt_dec(statistics.median(m2), lang, 1) if len(m2) >= THRESHOLD else "",
                _share(len(data.resp.rows_where("shg_member", "yes")), n, lang),
            ]
        )
    note = t("compare_note", lang)
    return TextTable(title=t("ward_compare", lang), header=header, rows=rows, notes=[note])


def _share(count: int, base: int, lang: Any) -> str:
    """A percentage, hidden when it or its complement counts 1 to 4 people."""
    if 0 < count < THRESHOLD:
        return PRIMARY
    if 0 < base - count < THRESHOLD:
        return SECONDARY
    return fmt_pct(100.0 * count / base, lang) if base else ""
