"""Register the shipped DejaVu Sans fonts with reportlab (full Vietnamese coverage).

The fonts are embedded (subset) in every PDF, so the text is extractable with its
diacritics and nothing depends on the fonts installed on the reader's machine.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from fieldsurvey.errors import ReportError
from fieldsurvey.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def register_fonts() -> tuple[str, str]:
    """Register regular and bold once per process; returns their reportlab names."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FILES.items():
        if name in registered:
            continue
        path = resource_path("fonts", filename)
        if not path.is_file():
            raise ReportError("report.font_missing", file=filename)
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # <b> in a Paragraph switches to the bold face.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD
