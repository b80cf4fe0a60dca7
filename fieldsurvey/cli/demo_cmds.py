"""``fieldsurvey demo DIR``: build the realistic demo campaign (see fieldsurvey.demo)."""

from __future__ import annotations

from pathlib import Path

import click

from fieldsurvey import messages
from fieldsurvey.progress import Progress


@click.command("demo")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--households",
    type=click.IntRange(6, 5000),
    default=300,
    show_default=True,
    help="Households interviewed across the three laptops.",
)
@click.option("--seed", type=int, default=2026, show_default=True, help="Random seed.")
def demo_cmd(folder: Path, households: int, seed: int) -> None:
    """Build a demo in FOLDER (new or empty): a coordinator, three laptops, synthetic
    households in Phúc Tân and Chương Dương, bundles merged, ward PDFs and exports.

    Every workspace's password is "demo1234"; FOLDER/README.txt says what is where.
    """
    from fieldsurvey.demo.build_demo import build_demo
    from fieldsurvey.demo.demo_readme import readme_text

    def show(step: Progress) -> None:
        step_text = step.text()  # a catalogue code or a text
        click.echo(
            messages.render("cli.demo.step", done=step.done, total=step.total, step=step_text)
        )

    report = build_demo(folder, households=households, seed=seed, progress=show)
    click.echo("")
    click.echo(readme_text(report))


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    cli.add_command(demo_cmd)
