"""Form texts on screen: labels as safe rich text, the media of a label or a choice, and
the guidance hint shown on demand.

Markup is turned into Qt rich text by :mod:`fieldsurvey.forms.label_markup` (no remote
resource, no script). A label's or a choice's image comes from the form's own attachments
through :func:`form_media`, the one place that reads them: the files the compiled form
was given when it was loaded (``forms.installed.compiled_form``, in the background), so
nothing is read from the workspace on the screen's thread. A file the form names but the
laptop does not have is said in words instead of shown.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from fieldsurvey.forms.label_markup import short_title, to_plain_text, to_rich_text
from fieldsurvey.forms.xpath_attachments import form_files

from fieldsurvey.ui.entry.answer_widget import shortcut

_UNFILLED = re.compile(r"\$\{[^}]*\}")
#: Largest label image on a 1366×768 screen (a big-image opens at full size on demand).
IMAGE_HEIGHT = 180
CHOICE_IMAGE_HEIGHT = 64


def form_media(form: object, file_name: str) -> bytes | None:
    """The bytes of the attachment ``file_name`` of ``form`` (the compiled form: an image
    or sound named in an ``image``/``big-image``/``audio`` column), or None when the
    laptop does not have it."""
    files = form_files(form)
    found = files.get(file_name) if files is not None and file_name else None
    return found.data if found is not None else None


def media_pixmap(form: object, file_name: str) -> QPixmap | None:
    """The form's image ``file_name`` as a pixmap (None when missing or not an image)."""
    data = form_media(form, file_name)
    if not data:
        return None
    pixmap = QPixmap()
    return pixmap if pixmap.loadFromData(QByteArray(data)) else None


def fill_gaps(text: str) -> str:
    """A label with the ``${name}`` references the engine could not fill shown as "…"."""
    return _UNFILLED.sub("…", text)


def rich_label(text: str) -> str:
    """A label or hint (``${…}`` filled) as the rich text a QLabel shows."""
    return to_rich_text(fill_gaps(text))


def plain_label(text: str) -> str:
    """A label as plain text (a page title, a group heading: already large and bold)."""
    return to_plain_text(fill_gaps(text))


def section_title(label: str, name: str) -> str:
    """A section's name in the list of sections: the first line of its label without
    markup, short; never a whole paragraph nor an unfilled ``${…}``; else its name."""
    title = short_title(_UNFILLED.sub("", label)).strip()
    return title or name.replace("_", " ")


class MediaStrip(QWidget):
    """The image of a label (or its big image on demand), and its audio or video named.

    A file the laptop does not have is said in words ("Picture missing: map.png") so the
    enumerator knows the form meant to show something."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form: object = None
        self.files: dict[str, str] = {}
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.big = QToolButton(self)
        self.big.setCheckable(True)
        self.big.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+Shift+I from the keyboard
        self.big.toggled.connect(lambda _on: self._show_picture())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.picture)
        layout.addWidget(self.big, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.note)
        shortcut("Ctrl+Shift+I", self.parentWidget() or self, self.big.toggle)
        self.retranslate()
        self.setVisible(False)

    def set_media(self, form: object, files: dict[str, str]) -> None:
        """``files``: kind (``image``, ``big-image``, ``audio``, ``video``) -> the file
        name of ``form`` (the compiled form, which holds its attachments)."""
        files = {k: v for k, v in files.items() if v}
        if files == self.files and form is self.form:
            return
        self.form, self.files = form, files
        self._show_picture()
        self.setVisible(bool(files))

    def _show_picture(self) -> None:
        name = self.files.get("big-image") if self.big.isChecked() else None
        name = name or self.files.get("image") or self.files.get("big-image")
        pixmap = media_pixmap(self.form, name) if name else None
        missing = [n for n in (name,) if n and pixmap is None]
        if pixmap is not None:
            if not self.big.isChecked():
                pixmap = pixmap.scaledToHeight(
                    min(pixmap.height(), IMAGE_HEIGHT), Qt.TransformationMode.SmoothTransformation
                )
            self.picture.setPixmap(pixmap)
        else:
            self.picture.clear()
        self.picture.setVisible(pixmap is not None)
        self.big.setVisible("big-image" in self.files and pixmap is not None)
        notes = [self.tr("Picture missing on this laptop: {file}").format(file=n) for n in missing]
        for kind in ("audio", "video"):
            if kind in self.files:
                text = (
                    self.tr("Sound to play to the respondent: {file} (not played on a laptop)")
                    if kind == "audio"
                    else self.tr("Video to show the respondent: {file} (not played on a laptop)")
                )
                notes.append(text.format(file=self.files[kind]))
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))

    def retranslate(self) -> None:
        self.big.setText(self.tr("Full size"))
        self.big.setToolTip(self.tr("Show the picture at full size (Ctrl+Shift+I)"))
        if self.files:
            self._show_picture()


class GuidanceHint(QWidget):
    """The form's ``guidance_hint``: hidden until asked for (the button or Ctrl+I), as
    ODK Collect shows it on request; the enumerator reads it, the respondent is not told."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QToolButton(self)
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+I from the keyboard
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setVisible(False)
        self.text.setFrameShape(QLabel.Shape.StyledPanel)
        self.text.setMargin(6)
        self.button.toggled.connect(self.text.setVisible)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.text)
        shortcut("Ctrl+I", self.parentWidget() or self, self.toggle)
        self.retranslate()
        self.setVisible(False)

    def set_guidance(self, text: str) -> None:
        self.text.setText(rich_label(text))
        self.setVisible(bool(text))

    def toggle(self) -> None:
        if self.isVisibleTo(self.parentWidget() or self):
            self.button.toggle()

    def is_open(self) -> bool:
        return self.button.isChecked()

    def retranslate(self) -> None:
        self.button.setText(self.tr("Guidance for the enumerator (Ctrl+I)"))
        self.button.setToolTip(self.tr("Show or hide how to ask this question"))
