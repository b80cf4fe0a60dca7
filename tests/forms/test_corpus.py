"""The corpus of real XLSForms: we accept exactly what pyxform 4.5 accepts.

Expected outcomes come from ``pyxform_4.5.0_results.tsv`` beside the forms (pyxform run
on its own): ``ok`` and ``json_only`` (pyxform failed only while writing the XForm)
must load; ``error`` must be rejected with a message carrying pyxform's row.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from fieldsurvey.errors import FormDefinitionError
from fieldsurvey.forms.loader import convert_form, load_form
from fieldsurvey.forms.spec import QUESTION_TYPES

RESULTS = "pyxform_4.5.0_results.tsv"
#: Accepted by pyxform, rejected by ODK Validate for a cycle ("likely involved:
#: ${wfh_girls_z3}"): 336 calculates whose calculation is `.`, i.e. themselves.
CYCLE_FORMS = {"medic__cht-core__large_cha.xlsx"}
#: Forms over ~250 kB take 1-4 s of pyxform reading each: still run, marked slow.
_SLOW_BYTES = 250_000
_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "xlsforms"


def _expectations(folder: Path) -> dict[str, tuple[str, str]]:
    rows = (line.split("\t") for line in (folder / RESULTS).read_text("utf-8").splitlines()[1:])
    return {cells[0]: (cells[1], cells[2]) for cells in rows if len(cells) >= 3}


def _params() -> list[object]:
    if not (_CORPUS / RESULTS).is_file():
        return ["corpus-absent"]  # the shared_xlsforms fixture skips it
    params: list[object] = []
    for name in sorted(_expectations(_CORPUS)):
        slow = (_CORPUS / name).stat().st_size > _SLOW_BYTES
        marks = [pytest.mark.slow] if slow else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params


@pytest.mark.parametrize("name", _params())
def test_corpus_form_outcome_matches_pyxform(shared_xlsforms: Path, name: str) -> None:
    status, pyxform_error = _expectations(shared_xlsforms)[name]
    path = shared_xlsforms / name
    if status == "error":
        with pytest.raises(FormDefinitionError) as caught:
            load_form(path, use_cache=False)
        row = re.search(r"\[row : (\d+)\]", pyxform_error)
        expected_row = row.group(1) if row else "1"  # the duplicate-header case is row 1
        assert re.search(rf"\bsheet, row {expected_row}\b", str(caught.value)), str(caught.value)
        return
    assert status in {"ok", "json_only"}
    if name in CYCLE_FORMS:
        if importlib.util.find_spec("fieldsurvey.forms.engine") is None:
            pytest.xfail("cycle detection is the engine's (fieldsurvey/forms/engine.py), not here")
        with pytest.raises(FormDefinitionError) as caught:
            load_form(path, use_cache=False)
        message = str(caught.value)
        spec = convert_form(path.read_bytes(), name)  # the sheets, without the engine
        on_themselves = {n.name for n in spec.walk() if n.bind.calculation == "."}
        assert "wfh_girls_z3" in on_themselves
        assert "cycle" in message.lower()
        assert any(re.search(rf"\b{field}\b", message) for field in on_themselves), message
        return
    spec = load_form(path, use_cache=False)
    nodes = list(spec.walk())
    assert nodes and spec.form_id
    assert all(n.type in QUESTION_TYPES | {"group", "repeat"} for n in nodes)
    assert all(n.row is not None and n.row >= 2 for n in nodes)
    assert len({n.path for n in nodes}) == len(nodes)
    for node in nodes:
        if node.type.startswith("select") and not node.type.endswith(("_file", "_external")):
            assert node.choices in spec.choices or (node.choices or "").startswith("${")
