"""``fieldsurvey report ward|record`` (PDF) and ``fieldsurvey export`` (data files).

Thin: each command opens the workspace, reads the interviews it needs and calls one
function of ``fieldsurvey.reports``. The data is the workspace's interviews table: on
the coordinator the merged data of every laptop, on a laptop only its own. Drafts
are left out unless ``export --drafts``. What a report or an export left out or
changed (interviews of a form not installed, values a format cannot hold) is printed
one line each on stderr, control characters written out.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from fieldsurvey import messages
from fieldsurvey.cli.context import CliContext, open_workspace, pass_cli, printable

FILE = click.Path(dir_okay=False, path_type=Path)
LANG = click.Choice(["vi", "en"])
DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.group("report")
def report_group() -> None:
    """Printable PDF reports: ward summaries and single interview records."""


@report_group.command("ward")
@click.option("--ward", "wards", multiple=True, help="A ward, by name or code (repeatable).")
@click.option("--all-wards", is_flag=True, help="Every ward, with a district overview.")
@click.option("--from", "start", type=DAY, help="First interview date (YYYY-MM-DD).")
@click.option("--to", "end", type=DAY, help="Last interview date (YYYY-MM-DD).")
@click.option("--lang", type=LANG, default="vi", show_default=True, help="Report language.")
@click.option("--form", "form_id", help="Form id (default: the one form with interviews).")
@click.option("--out", type=FILE, required=True, help="The PDF file to write.")
@pass_cli
def ward_cmd(
    obj: CliContext,
    wards: tuple[str, ...],
    all_wards: bool,
    start: datetime | None,
    end: datetime | None,
    lang: str,
    form_id: str | None,
    out: Path,
) -> None:
    """Write the ward summary PDF (the generic summary for other forms)."""
    from fieldsurvey.reports import Period
    from fieldsurvey.reports.workspace_report import write_workspace_summary

    if bool(wards) == all_wards:
        raise click.UsageError(messages.render("cli.report.ward_or_all"))
    first: date | None = start.date() if start else None
    last: date | None = end.date() if end else None
    if first and last and first > last:
        raise click.UsageError(messages.render("cli.report.from_after_to"))
    with open_workspace(obj) as ws:
        result = write_workspace_summary(
            ws,
            out,
            form_id=form_id,
            wards=list(wards) or None,
            period=Period(start=first, end=last) if first or last else None,
            lang="en" if lang == "en" else "vi",
        )
    click.echo(
        messages.render(
            "cli.report.ward_written",
            file=out,
            count=result.interviews,
            form_id=printable(result.form_id),
        )
    )
    _warn([w.text() for w in result.warnings])


@report_group.command("record")
@click.argument("uuid")
@click.option("--lang", type=LANG, default="vi", show_default=True, help="Record language.")
@click.option("--out", type=FILE, required=True, help="The PDF file to write.")
@pass_cli
def record_cmd(obj: CliContext, uuid: str, lang: str, out: Path) -> None:
    """Write a printable record of interview UUID (a unique prefix is enough)."""
    from fieldsurvey.errors import FormNotFoundError
    from fieldsurvey.forms.spec import FormSpec
    from fieldsurvey.reports import write_record_pdf
    from fieldsurvey.store import forms as forms_store
    from fieldsurvey.store import media
    from fieldsurvey.store.interviews import get_interview, resolve_uuid

    with open_workspace(obj) as ws:
        interview = get_interview(ws, resolve_uuid(ws, uuid))
        try:
            stored = forms_store.get_form(ws, interview.form_id, interview.form_version)
        except FormNotFoundError:
            stored = forms_store.get_form(ws, interview.form_id)
        files = media.read_all(ws, interview.uuid)  # its photos, signatures, drawings
    spec = FormSpec.model_validate_json(stored.definition)
    write_record_pdf(interview, spec, out, lang="en" if lang == "en" else "vi", media=files)
    click.echo(messages.render("cli.report.record_written", uuid=interview.uuid, file=out))


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["csv", "xlsx", "stata", "spss"]))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for the files (xlsx: a .xlsx file, or a folder).",
)
@click.option("--form", "form_id", help="Only this form (default: every form).")
@click.option("--labels", is_flag=True, help="csv/xlsx: choice labels instead of codes.")
@click.option("--lang", default="vi", show_default=True, help="Language of labels (vi, en).")
@click.option("--drafts", is_flag=True, help="Include draft interviews.")
@pass_cli
def export_cmd(
    obj: CliContext,
    fmt: str,
    out: Path,
    form_id: str | None,
    labels: bool,
    lang: str,
    drafts: bool,
) -> None:
    """Export the interviews as csv, xlsx, Stata (.dta) or SPSS (.sav).

    One wide table per form and one per repeat, linked by _uuid/_parent_uuid; a
    select_multiple also gets one 0/1 column per choice. The files are NOT encrypted:
    keep them on the encrypted laptop or delete them after use.
    """
    from fieldsurvey.progress import Progress
    from fieldsurvey.reports.export_writers import export_workspace

    shown: set[str] = set()

    def show(step: Progress) -> None:
        step_text = step.text()
        if step_text not in shown and step.message != "report.export_done":
            shown.add(step_text)
            if step.total:
                line = messages.render("cli.export.step_rows", step=step_text, rows=step.total)
            else:
                line = messages.render("cli.export.step", step=step_text)
            click.echo(printable(line), err=True)

    with open_workspace(obj) as ws:
        result = export_workspace(
            ws,
            fmt,  # type: ignore[arg-type]
            out,
            form_id=form_id,
            labels=labels,
            lang=lang,
            include_drafts=drafts,
            progress=show,
        )
    for table in result.tables:
        click.echo(
            messages.render(
                "cli.export.table",
                table=printable(table.name),
                rows=table.rows,
                columns=table.columns,
            )
        )
    for path in result.files:
        click.echo(messages.render("cli.export.wrote", file=printable(path)))
    _warn([w.text() for w in result.warnings])
    click.echo(messages.render("cli.export.not_encrypted"))


def _warn(lines: list[str]) -> None:
    for line in lines:
        click.echo(printable(line), err=True)


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    cli.add_command(report_group)
    cli.add_command(export_cmd)
