"""Corpus forms that reference files (UCL_Biomass, waterpoints and the other OSM forms,
external_choice_form_v2, ...) can be filled in completely once their files are attached.

The corpus has the forms, not their files: each data file is built here from what the
form reads of it (a CSV with ``name``, ``label`` and the columns its choice filters
compare; a GeoJSON with the properties its ``instance()`` lookups read). The cascade is
built so that the first choice offered at each level has children at the next, and one
row that no answer selects, to see that the filters leave it out. Skipped where the
corpus is absent (``../shared/xlsforms`` beside the checkout).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.errors import AnswerError
from fieldsurvey.forms.attachments import (
    FILE_SELECT_TYPES,
    FormFile,
    FormFiles,
    gather,
    instance_name,
    item_refs,
    referenced_files,
)
from fieldsurvey.forms.engine import FormEngine
from fieldsurvey.forms.engine_session import Session
from fieldsurvey.forms.instance import NOT_IN_BODY
from fieldsurvey.forms.loader import load_form
from fieldsurvey.forms.spec import FormSpec, Node
from fieldsurvey.forms.xpath_attachments import use_files

_FILTER = re.compile(r"([\w-]+)\s*=\s*\$\{([\w-]+)\}")
_LOOKUP = re.compile(r"instance\('([\w-]+)'\)/root/item\[[^\]]*\]/([\w-]+)")
#: Forms named in issue 14 that must be fillable with their files (others found too).
NAMED = (
    "XLSForm__pyxform__UCL_Biomass_Plot_Form.xlsx",
    "hotosm__osm-fieldwork__waterpoints.xls",
    "onaio__onadata__external_choice_form_v2.xlsx",
)
#: Answer types the laptop takes as files (media answers, not this part of issue 14).
MEDIA_ANSWERS = frozenset({"image", "audio", "video", "file", "background-audio"})
#: Answers tried in turn until the question's constraint holds.
CANDIDATES: dict[str, list[Any]] = {
    "integer": [1, 10, 20], "decimal": [1.5, 0.5, 10.0], "text": ["x", "0912345678", "Lan"],
}  # fmt: skip
SIMPLE = {
    "range": 1, "barcode": "x",
    "date": "2024-01-15", "dateTime": "2024-01-15T10:00:00+07:00", "time": "10:00:00",
    "geopoint": "21.0 105.0 0 0", "geotrace": "21.0 105.0 0 0; 21.1 105.1 0 0",
    "geoshape": "21.0 105.0 0 0; 21.1 105.1 0 0; 21.0 105.1 0 0; 21.0 105.0 0 0",
    "acknowledge": "OK", "trigger": "OK", "email": "a@b.vn", "phonenumber": "0912345678",
}  # fmt: skip


def _forms_with_files(folder: Path) -> list[str]:
    names = []
    for path in sorted(folder.glob("*.xls*")):
        try:
            spec = load_form(path)
        except Exception:  # forms pyxform rejects: test_corpus.py covers them
            continue
        if any(ref.is_data for ref in referenced_files(spec)) or path.name in NAMED:
            names.append(path.name)
    return names


def _first_names(spec: FormSpec) -> dict[str, str]:
    """The value the walk below picks for each select: the first of its list."""
    picked = {}
    for node in spec.walk():
        if node.type in FILE_SELECT_TYPES and node.choices:
            picked[node.name] = f"{instance_name(node.choices)}_1"
        elif node.choices and spec.choices.get(node.choices):
            picked[node.name] = spec.choices[node.choices][0].name
    return picked


def build_files(spec: FormSpec) -> list[FormFile]:
    """A small file for each data file the form references (see the module docstring)."""
    picked = _first_names(spec)
    columns: dict[str, dict[str, str]] = {}  # file -> filter column -> value of the first row
    for node in spec.walk():
        if node.type in FILE_SELECT_TYPES and node.choices:
            found = columns.setdefault(node.choices, {})
            for column, question in _FILTER.findall(node.bind.choice_filter or ""):
                found[column] = picked.get(question, "")
    looked_up: dict[str, set[str]] = {}
    for node in spec.walk():
        for text in (node.bind.calculation, node.bind.relevant, node.bind.constraint):
            for instance, prop in _LOOKUP.findall(text or ""):
                looked_up.setdefault(instance, set()).add(prop)
    files = []
    for ref in referenced_files(spec):
        stem = instance_name(ref.name)
        user = next((n for n in spec.walk() if n.choices == ref.name), None)
        value_ref, label_ref = item_refs(user) if user is not None else ("name", "label")
        filters = columns.get(ref.name, {})
        if ref.name.endswith(".geojson"):
            props = sorted(looked_up.get(stem, set()) - {"id", "geometry"})
            features = [
                {"type": "Feature", "id": f"{stem}_{i}",
                 "geometry": {"type": "Point", "coordinates": [round(105.8 + i / 10, 4), 21.0]},
                 "properties": {label_ref: f"{stem} {i}", **{p: f"{p}-{i}" for p in props}}}
                for i in (1, 2)
            ]  # fmt: skip
            data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
        elif ref.name.endswith(".csv"):
            header = [value_ref, label_ref, *filters]
            rows = [header]
            rows.append([f"{stem}_1", f"{stem} 1", *filters.values()])
            rows.append([f"{stem}_2", f"{stem} 2", *("elsewhere" for _ in filters)])
            if "other" in " ".join(n.bind.relevant or "" for n in spec.walk()):
                rows.append(["other", "Other", *filters.values()])
            data = "\n".join(",".join(row) for row in rows).encode()
        else:
            continue  # media and XML: not read by the walk
        files.append(FormFile.of(ref.name, data))
    return files


def answer_everything(session: Session, spec: FormSpec) -> list[str]:
    """Answer every relevant question in form order, as an enumerator would; adds one
    instance of each repeat. Returns the paths of media answers left for later."""
    skipped: list[str] = []

    def walk(nodes: list[Node], prefix: str) -> None:
        for node in nodes:
            path = f"{prefix}{node.name}"
            if node.kind == "repeat":
                if not node.bind.repeat_count and session.relevant(path):
                    session.add_repeat(path)
                for index in range(1, session.repeat_count(path) + 1):
                    walk(node.children, f"{path}[{index}]/")
                continue
            if node.kind == "group":
                walk(node.children, f"{path}/")
                continue
            if not session.relevant(path) or node.type in NOT_IN_BODY or node.type == "note":
                continue
            if node.type in MEDIA_ANSWERS:
                skipped.append(path)
                continue
            for value in CANDIDATES.get(node.type, [_answer(session, node, path)]):
                session.set(path, value)
                if not any(error.path == path for error in session.errors()):
                    break

    walk(spec.children, "")
    return skipped


def _answer(session: Session, node: Node, path: str) -> Any:
    if node.choices:
        offered = session.choices(path)
        assert offered, f"{path}: no choice offered"
        first = offered[0].name
        return [first] if "multiple" in node.type or node.type == "rank" else first
    if node.type == "range":
        return float(node.parameters.get("start", "1"))
    return SIMPLE.get(node.type, "x")


@pytest.fixture
def corpus(shared_xlsforms: Path) -> Path:
    return shared_xlsforms


def test_the_named_forms_reference_files_or_external_lists(corpus: Path) -> None:
    names = _forms_with_files(corpus)
    assert set(NAMED) <= set(names)


@pytest.mark.parametrize("name", NAMED)
def test_named_corpus_form_is_filled_in_completely_with_its_files(corpus: Path, name: str) -> None:
    spec = load_form(corpus / name)
    files = build_files(spec)
    form = FormEngine.build(spec)
    use_files(form, FormFiles(files))
    session = form.session(lang="en")
    skipped = answer_everything(session, spec)
    left = [e.path for e in session.errors() if e.path.split("[")[0] not in skipped]
    left = [p for p in left if not any(p == s for s in skipped)]
    assert left == [], f"unanswerable in {name}: {left}"
    # filters work: the second row of each filtered file is never offered
    for node in spec.walk():
        if node.type in FILE_SELECT_TYPES and _FILTER.search(node.bind.choice_filter or ""):
            offered = _offered_anywhere(session, node)
            assert offered and all(not n.endswith("_2") for n in offered), node.name


def _offered_anywhere(session: Session, node: Node) -> list[str]:
    for item in session.items():
        if item.tpl.node is node:
            return [c.name for c in session.choices(item.label_path())]
    return []


def test_external_choices_cascade_in_external_choice_form_v2(corpus: Path) -> None:
    spec = load_form(corpus / "onaio__onadata__external_choice_form_v2.xlsx")
    session = FormEngine.build(spec).session()
    assert session.choices("kecamatan") == []
    session.set("kota", "jakarta_barat")
    districts = [c.name for c in session.choices("kecamatan")]
    assert "cengkareng" in districts
    assert all(c.extra["kota"] == "jakarta_barat" for c in session.choices("kecamatan"))
    session.set("kecamatan", "cengkareng")
    villages = session.choices("group_location/kelurahan")
    assert villages and {c.extra["kecamatan"] for c in villages} == {"cengkareng"}


def test_every_corpus_form_with_files_opens_and_offers_its_file_choices(corpus: Path) -> None:
    for name in _forms_with_files(corpus):
        spec = load_form(corpus / name)
        bare = FormEngine.build(spec).session()
        for item in bare.items():  # without the files: empty lists, never an exception
            if item.tpl.node is not None and item.tpl.node.choices:
                bare.choices(item.label_path())
        form = FormEngine.build(spec)
        use_files(form, FormFiles(build_files(spec)))
        session = form.session()
        for item in session.items():
            node = item.tpl.node
            if node is not None and node.type in FILE_SELECT_TYPES and not node.bind.choice_filter:
                assert session.choices(item.label_path()), f"{name}: {node.name}"


def test_form_check_gather_names_what_is_missing_beside_a_corpus_form(
    corpus: Path, tmp_path: Path
) -> None:
    spec = load_form(corpus / "hotosm__osm-fieldwork__waterpoints.xls")
    found = gather(corpus / "hotosm__osm-fieldwork__waterpoints.xls", spec, tmp_path)
    assert [ref.name for ref in found.missing] == ["waterpoints.geojson"]
    (tmp_path / "waterpoints.geojson").write_bytes(build_files(spec)[0].data)
    found = gather(corpus / "hotosm__osm-fieldwork__waterpoints.xls", spec, tmp_path)
    assert (found.missing, [f.name for f in found.files]) == ([], ["waterpoints.geojson"])


def test_waterpoints_main_page_is_answered_and_reads_the_chosen_point(corpus: Path) -> None:
    """The page issue 14 saw lost: its file select offers the points, and the choice
    is read back through instance('waterpoints')."""
    spec = load_form(corpus / "hotosm__osm-fieldwork__waterpoints.xls")
    form = FormEngine.build(spec)
    use_files(form, FormFiles(build_files(spec)))
    session = form.session()
    try:
        answer_everything(session, spec)
    except AnswerError as exc:  # pragma: no cover - the assertion message is the point
        pytest.fail(str(exc))
    assert session.value("first_screen/existing") == "waterpoints_1"
    assert session.value("first_screen/xlocation") == "21.0 105.9 0 0"
    assert session.value("first_screen/xid") == "waterpoints_1"
