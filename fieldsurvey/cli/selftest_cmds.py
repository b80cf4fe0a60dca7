"""``fieldsurvey selftest``: check that this installation works, in a throwaway folder.

The core steps are :func:`fieldsurvey.selftest.run_selftest`; this command adds a Qt
check (the platform plugin starts, the icon and the Vietnamese font and translation load,
Vietnamese text renders) unless ``--no-gui``. Exit code 0 only when every step passed.
The workspace of ``--home`` is never opened or changed.
"""

from __future__ import annotations

import os
import sys

import click

from fieldsurvey import APP_NAME, __version__, messages
from fieldsurvey.resources import resource_path
from fieldsurvey.selftest import (
    SelfTestRun,
    Step,
    StepResult,
    check,
    report_json,
    run_selftest,
)

SAMPLE = "Phường Phúc Tân: hộ gia đình, bảo hiểm y tế"


def _choose_platform() -> None:
    """Qt aborts the process when its platform cannot start: on Linux without a display,
    use the offscreen platform (an explicit QT_QPA_PLATFORM is always respected)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def qt_step(run: SelfTestRun) -> str:
    """Start Qt, load the icon, font and translation, and render Vietnamese text."""
    _choose_platform()
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QColor, QFontDatabase, QIcon, QImage, QRawFont
    from PySide6.QtWidgets import QApplication, QLabel

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([APP_NAME])
    icon_file = resource_path("icons", "fieldsurvey.png")
    image = QImage(str(icon_file))
    check(not image.isNull() and image.width() == 256, f"cannot read {icon_file.name}")
    check(not QIcon(str(icon_file)).isNull(), "the app icon does not load")
    font_file = str(resource_path("fonts", "DejaVuSans.ttf"))
    font_id = QFontDatabase.addApplicationFont(font_file)
    check(font_id != -1, "Qt cannot load DejaVuSans.ttf")
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    raw = QRawFont(font_file, 14)
    check(all(raw.supportsCharacter(ord(c)) for c in "ưữệờđ"), "the font lacks Vietnamese letters")
    qm = resource_path("translations", "fieldsurvey_vi.qm")
    translations = "no Vietnamese translation file"
    if qm.is_file():
        translator = QTranslator()
        check(translator.load(str(qm)), f"Qt cannot load {qm.name}")
        translations = "Vietnamese translation loaded"
    label = QLabel(SAMPLE)
    label.setStyleSheet(f"font-family: '{family}'; font-size: 18px; color: black;")
    label.adjustSize()
    shot = label.grab().toImage()
    check(not shot.isNull() and shot.width() > 100, "the text did not render")
    background = QColor(shot.pixel(0, 0))
    inked = sum(
        QColor(shot.pixel(x, y)) != background
        for x in range(0, shot.width(), 2)
        for y in range(0, shot.height(), 2)
    )
    check(inked > 50, "the rendered text is blank")
    return f"platform {app.platformName()}, icon, font {family}, {translations}, text drawn"


QT_STEP = Step("qt", "cli.selftest.title.qt", qt_step)


def _echo_result(result: StepResult) -> None:
    mark = messages.render(f"cli.selftest.mark.{result.status}")
    timing = f" ({result.seconds:.1f} s)" if result.status != "skipped" else ""
    click.echo(
        messages.render(
            "cli.selftest.step",
            mark=mark,
            title=messages.render(result.title),
            timing=timing,
            detail=messages.render(result.detail),
        )
    )


@click.command("selftest")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--no-gui", is_flag=True, help="Leave out the Qt check (no desktop needed).")
def selftest(as_json: bool, no_gui: bool) -> None:
    """Check this installation in a temporary folder; exit 1 if anything fails.

    Creates a throwaway coordinator and laptop, loads and evaluates the default form,
    exports and imports a bundle, writes PDFs and (unless --no-gui) starts Qt offscreen
    or on the desktop. Your own workspace is not touched.
    """
    extra = () if no_gui else (QT_STEP,)
    if not as_json:
        click.echo(messages.render("cli.selftest.start", app=APP_NAME, version=__version__))
    result = run_selftest(extra_steps=extra, on_result=None if as_json else _echo_result)
    if as_json:
        click.echo(report_json(result))
    else:
        counts = {s: sum(r.status == s for r in result.steps) for s in ("failed", "skipped")}
        if result.ok:
            click.echo(messages.render("cli.selftest.passed", steps=len(result.steps)))
        else:
            click.echo(
                messages.render(
                    "cli.selftest.failed",
                    failed=counts["failed"],
                    skipped=counts["skipped"],
                    steps=len(result.steps),
                ),
                err=True,
            )
    if not result.ok:
        raise click.exceptions.Exit(1)


def register(cli: click.Group) -> None:
    """Add ``selftest`` to the top-level group."""
    cli.add_command(selftest)
