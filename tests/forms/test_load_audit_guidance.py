"""The loader keeps what the entry screen and the printed record need from two columns
ODK defines: the ``audit`` meta question's parameters and ``guidance_hint``."""

from __future__ import annotations

from pathlib import Path

from fieldsurvey.forms.loader import load_form

FORM = (
    "| survey |\n"
    "| | type | name | label | parameters | guidance_hint::English (en) "
    "| guidance_hint::Tiếng Việt (vi) | label::Tiếng Việt (vi) |\n"
    "| | audit | audit | | {params} | | | |\n"
    "| | text | name | Name | | Ask for the name on the ID card | Hỏi tên ghi trên CCCD | Tên |\n"
    "| settings |\n"
    "| | form_id | version |\n"
    "| | aud | 1 |\n"
)


def _load(tmp_path: Path, params: str, audit: bool = True) -> object:
    text = FORM.format(params=params)
    if not audit:
        text = "\n".join(line for line in text.splitlines() if "| audit |" not in line)
    source = tmp_path / "aud.md"
    source.write_text(text, encoding="utf-8")
    return load_form(source, use_cache=False)


def test_the_audit_question_and_its_parameters_reach_the_spec(tmp_path: Path) -> None:
    from fieldsurvey.store.question_audit import audit_parameters, columns_for

    spec = _load(tmp_path, "track-changes=true identify-user=true")
    params = audit_parameters(spec)
    assert params == {"track-changes": "true", "identify-user": "true"}
    assert columns_for(params)[-3:] == ["old-value", "new-value", "user"]


def test_a_form_without_the_audit_question_asks_for_no_log(tmp_path: Path) -> None:
    from fieldsurvey.store.question_audit import audit_parameters

    assert audit_parameters(_load(tmp_path, "", audit=False)) is None


def test_guidance_hints_are_kept_in_every_language(tmp_path: Path) -> None:
    spec = _load(tmp_path, "")
    hint = spec.node("name").guidance_hint  # type: ignore[attr-defined]
    assert hint["English (en)"] == "Ask for the name on the ID card"
    assert hint["Tiếng Việt (vi)"] == "Hỏi tên ghi trên CCCD"
