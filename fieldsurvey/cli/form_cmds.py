"""``fieldsurvey form ...``: check, evaluate, install and list XLSForms; ``interview import``.

Thin wrappers: loading is :func:`fieldsurvey.forms.loader.load_form`, evaluation the
engine's ``evaluate_answer_set``, storage :mod:`fieldsurvey.store.forms`. Errors are
FieldSurveyError subclasses, printed once by the top-level group.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from fieldsurvey import messages
from fieldsurvey.cli.context import CliContext, open_workspace, os_error_reason, pass_cli, term
from fieldsurvey.errors import AnswerError, DataFileError
from fieldsurvey.forms.spec import FormSpec

if TYPE_CHECKING:
    from fieldsurvey.forms.engine import CompiledForm

FORM_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
ATTACH_DIR = click.Path(exists=True, file_okay=False, path_type=Path)
ATTACH_HELP = "Folder of the files the form references (default: FORM-media, or beside it)."


def load_form(file: Path, *, use_cache: bool = True) -> FormSpec:
    """The loader, imported on use: it brings pyxform (and pandas), about half a second
    that every other command would pay at start-up."""
    from fieldsurvey.forms.loader import load_form as load

    return load(file, use_cache=use_cache)


def resolve_language(spec: FormSpec, wanted: str | None) -> str | None:
    """A form language from a name (``Tiếng Việt (vi)``) or its code (``vi``)."""
    if wanted is None:
        return None
    if wanted in spec.languages:
        return wanted
    lowered = wanted.strip().lower()
    for language in spec.languages:
        name = language.lower()
        if name == lowered or name.endswith(f"({lowered})") or name.split(" (")[0] == lowered:
            return language
    known = ", ".join(spec.languages) or messages.render("cli.form.no_languages")
    raise click.BadParameter(messages.render("cli.form.no_language", language=wanted, known=known))


def read_answer_set(path: Path) -> dict[str, Any]:
    """An answer-set JSON file: one object mirroring the form's groups."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise DataFileError(
            "cli.data_file.unreadable", file=str(path), reason=os_error_reason(exc)
        ) from exc
    except UnicodeDecodeError as exc:
        raise DataFileError("cli.data_file.not_utf8", file=path.name, position=exc.start) from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(
            "cli.data_file.not_json", file=path.name, line=exc.lineno, column=exc.colno
        ) from exc
    except RecursionError as exc:  # nesting deeper than the parser goes
        raise DataFileError("cli.data_file.not_json", file=path.name, line=1, column=1) from exc
    if not isinstance(data, dict):
        raise DataFileError("cli.data_file.not_object", file=path.name)
    return data


def compile_form(spec: FormSpec) -> CompiledForm:
    from fieldsurvey.forms.engine import FormEngine

    return FormEngine.build(spec)


def evaluate(spec: FormSpec, data: dict[str, Any], lang: str | None) -> dict[str, Any]:
    """The engine's report for ``data``: ``{"fields": {...}, "errors": [...]}``."""
    from fieldsurvey.forms.evaluate_json import evaluate_answer_set

    result: dict[str, Any] = evaluate_answer_set(compile_form(spec), data, lang)
    return result


def checked_answers(spec: FormSpec, data: dict[str, Any], *, allow_errors: bool) -> dict[str, Any]:
    """The answers to record from an answer set, after the checks of ``form evaluate``.

    Raises DataFileError when the file does not fit the form, and AnswerError listing
    the required/constraint failures (paths only, never values) unless ``allow_errors``.
    Non-relevant answers are dropped, as ODK does when an interview is completed.
    """
    from fieldsurvey.forms.evaluate_json import open_answer_set

    session = open_answer_set(compile_form(spec), data)
    errors = session.errors()
    if errors and not allow_errors:
        listed = "; ".join(
            f"{error.path} ({term('check_kind', error.kind)})" for error in errors[:20]
        )
        if len(errors) > 20:
            raise AnswerError(
                "cli.answers_fail_checks_more",
                count=len(errors),
                checks=listed,
                more=len(errors) - 20,
            )
        raise AnswerError("cli.answers_fail_checks", count=len(errors), checks=listed)
    answers: dict[str, Any] = session.answers(complete=not allow_errors)
    return answers


@click.group("form")
def form_group() -> None:
    """Check, evaluate and install XLSForm questionnaires."""


def report_attachments(
    file: Path, found: list[str], missing: list[Any], attach: Path | None
) -> None:
    """Print the attachments found for the form ``file`` and each one missing, by name."""
    from fieldsurvey.forms.attachments import media_folder

    if found:
        click.echo(messages.render("attachments.cli_found", count=len(found),
                                   names=", ".join(found)))  # fmt: skip
    for ref in missing:
        use = messages.render(f"attachments.use_{ref.use}")
        row = ref.row if ref.row is not None else "?"
        click.echo(messages.render("attachments.cli_missing", file=ref.name, use=use,
                                   question=ref.question, row=row))  # fmt: skip
    if missing:
        folder = attach if attach is not None else media_folder(file).name
        click.echo(messages.render("attachments.cli_missing_hint", folder=folder))


@form_group.command("check")
@click.argument("file", type=FORM_FILE)
@click.option("--no-cache", is_flag=True, help="Convert again even if this file was seen.")
@click.option("--attach", type=ATTACH_DIR, help=ATTACH_HELP)
def check_cmd(file: Path, no_cache: bool, attach: Path | None) -> None:
    """Check an XLSForm (.xlsx, .xls or .md) the way ODK would.

    Exits 0 and prints any warnings and the attachments it references that are missing,
    or exits 1 naming sheet, row and problem (or the attachment that cannot be read).
    """
    from fieldsurvey.forms.attachments import gather

    spec = load_form(file, use_cache=not no_cache)
    for warning in spec.warnings:
        click.echo(messages.render("cli.form.warning", warning=warning))
    found = gather(file, spec, attach)
    report_attachments(file, [f.name for f in found.files], found.missing, attach)
    questions = sum(1 for node in spec.walk() if node.kind == "question")
    code = "cli.form.check_ok_version" if spec.version else "cli.form.check_ok"
    click.echo(
        messages.render(
            code,
            form_id=spec.form_id,
            version=spec.version,
            questions=questions,
            languages=", ".join(spec.languages),
        )
    )


@form_group.command("evaluate")
@click.argument("file", type=FORM_FILE)
@click.option("--data", "data_file", required=True, type=FORM_FILE, help="Answer-set JSON.")
@click.option("--lang", help="Language for messages: a name or its code, e.g. vi.")
def evaluate_cmd(file: Path, data_file: Path, lang: str | None) -> None:
    """Print relevance, values and errors of an answer set as JSON."""
    spec = load_form(file)
    result = evaluate(spec, read_answer_set(data_file), resolve_language(spec, lang))
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))


@form_group.command("install")
@click.argument("file", type=FORM_FILE)
@click.option("--replace", is_flag=True, help="Overwrite the same id and version if it differs.")
@click.option("--attach", type=ATTACH_DIR, help=ATTACH_HELP)
@pass_cli
def install_cmd(obj: CliContext, file: Path, replace: bool, attach: Path | None) -> None:
    """Install an XLSForm (and the files it references) so interviews can use it."""
    from fieldsurvey.forms.installed import install_form_file

    spec = load_form(file)
    recheck = None
    with open_workspace(obj) as ws:
        result = install_form_file(ws, file, spec=spec, attach=attach, replace=replace)
        if result.changed and ws.role == "coordinator":
            # records of this version waiting in the quarantine merge now
            from fieldsurvey.sync.quarantine_actions import recheck as recheck_quarantine

            recheck = recheck_quarantine(ws, who=ws.acting_person())
    code = "cli.form.installed" if result.changed else "cli.form.already_installed"
    click.echo(messages.render(code, form_id=spec.form_id, version=spec.version))
    report_attachments(file, result.attachments, result.missing, attach)
    if recheck is not None and (recheck.merged or recheck.still):
        click.echo(
            messages.render(
                "cli.quarantine.rechecked", merged=len(recheck.merged), still=len(recheck.still)
            )
        )


@form_group.command("list")
@pass_cli
def list_cmd(obj: CliContext) -> None:
    """List the forms installed in the workspace."""
    from fieldsurvey.store import forms as forms_store

    with open_workspace(obj) as ws:
        forms = forms_store.list_forms(ws)
    for info in forms:
        click.echo(f"{info.form_id}\t{info.version}\t{info.added}")


@click.command("import")
@click.argument("data_file", metavar="DATA.json", type=FORM_FILE)
@click.option("--form", "form_id", required=True, help="Id of an installed form.")
@click.option("--form-version", help="Form version (default: the latest installed).")
@click.option("--ward", required=True, help="Ward (phường) of the household.")
@click.option("--household", required=True, help="Household id.")
@click.option("--enumerator", help="Enumerator name (default: you).")
@click.option("--respondent", default="", help="Respondent's display name.")
@click.option("--draft", is_flag=True, help="Keep it a draft, even with failing checks.")
@pass_cli
def import_cmd(
    obj: CliContext,
    data_file: Path,
    form_id: str,
    form_version: str | None,
    ward: str,
    household: str,
    enumerator: str | None,
    respondent: str,
    draft: bool,
) -> None:
    """Record an interview from an answer-set JSON file (e.g. typed from paper).

    The answers are checked as `form evaluate` does; a file with failing required or
    constraint checks is refused unless --draft. Prints the new interview's uuid.
    """
    from fieldsurvey.cli.interview_cmds import _who
    from fieldsurvey.store import forms as forms_store
    from fieldsurvey.store import interviews as iv

    data = read_answer_set(data_file)
    with open_workspace(obj) as ws:
        stored = forms_store.get_form(ws, form_id, form_version)
        spec = FormSpec.model_validate_json(stored.definition)
        answers = checked_answers(spec, data, allow_errors=draft)
        who = enumerator if enumerator is not None else _who(ws)
        created = iv.new_interview(
            ws, form_id=stored.form_id, form_version=stored.version, ward=ward,
            household_id=household, enumerator=who, respondent=respondent, answers=answers,
        )  # fmt: skip
        if not draft:
            iv.complete(ws, created.uuid, who=who)
    click.echo(created.uuid)


def register(cli: click.Group) -> None:
    """Add ``form`` to the top-level group and ``import`` to its ``interview`` group."""
    cli.add_command(form_group)
    interview = cli.commands.get("interview")
    if isinstance(interview, click.Group):
        interview.add_command(import_cmd)
    else:  # the interview commands are not registered (yet): offer import on its own
        group = click.Group("interview", help="Interviews.")
        group.add_command(import_cmd)
        cli.add_command(group)
