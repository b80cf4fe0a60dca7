"""The About box names the version and the licence of every bundled library and font."""

from __future__ import annotations

import importlib.metadata

from fieldsurvey import __version__

from fieldsurvey.ui.about_dialog import AboutDialog


def test_about_lists_version_fonts_and_libraries(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.title.text()
    lines = [" ".join(line.split()) for line in dialog.licences.toPlainText().splitlines()]
    text = "\n".join(lines)
    assert "DejaVu Sans" in text
    assert importlib.metadata.version("reportlab") in text
    for name in ("PySide6-Essentials", "sqlcipher3", "pyrage", "cryptography", "pyxform"):
        assert name in text
    assert "LGPL-3.0" in text
