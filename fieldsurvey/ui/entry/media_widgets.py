"""Media answers on the entry screen: photos, files, recordings, signatures, drawings.

- ``image``, ``audio``, ``video``, ``file``: a file attached from the laptop's disk
  ("Choose a photo…"), shown as a picture (photos) or its name and size. A photo taken
  with the laptop's camera is attached the same way: Windows' Camera app saves it in
  Pictures. ``max-pixels`` (ODK's parameter) shrinks a larger photo before it is kept.
- ``image`` with appearance ``signature`` or ``draw``: a pad drawn on with the mouse,
  touchpad or pen (pressure makes the line thicker); ``annotate``: a photo chosen from
  disk, drawn on. The answer is a PNG.

Each file goes to the workspace (encrypted, :mod:`fieldsurvey.store.media`) through
:class:`InterviewFiles`, then its name is the answer, as in ODK. No camera or microphone
capture: Qt's camera and recording module (QtMultimedia, with its FFmpeg libraries, some
30 MB on Windows) is not in the laptop build, and the laptops' own Camera and Voice
Recorder apps do the capture better.

Pictures are decoded with Pillow (already in the build for the PDF reports), so JPEG
photos show without Qt's image plug-ins.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shiboken6 import isValid

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QTabletEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldsurvey import messages
from fieldsurvey.errors import AnswerError
from fieldsurvey.forms.spec import Node
from fieldsurvey.progress import CancelToken, Progress
from fieldsurvey.store import media

from fieldsurvey.ui.entry.answer_widget import AnswerWidget, shortcut

if TYPE_CHECKING:
    from fieldsurvey.ui.entry.entry_controller import EntryController

PREVIEW = QSize(200, 150)
DRAWINGS = ("signature", "draw", "annotate")
_EXTENSIONS = {
    kind: " ".join(f"*.{e}" for e, (_m, k) in media.EXTENSIONS.items() if k == kind)
    for kind in ("image", "audio", "video")
}
_ALL_EXTENSIONS = " ".join(f"*.{e}" for e in media.EXTENSIONS)
_SYMBOLS = {"audio": "♪", "video": "▶", "file": "🗎"}


class InterviewFiles(QObject):
    """The files of the interview on the entry screen: kept before their answer, read
    for the previews, removed when no answer names them any more."""

    def __init__(self, ctx: EntryController) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.cache: dict[str, bytes] = {}

    def attach(self, path: str, item: media.NewMedia) -> None:
        """Keep the file (write worker), then answer ``path`` with its name; a file the
        store refuses leaves the answer as it was, with the reason at the question."""
        ctx, ws, uuid = self.ctx, self.ctx.ws, self.ctx.uuid
        self.cache[item.name] = item.data

        def work(_progress: Callable[[Progress], None], _cancel: CancelToken) -> str:
            media.put(ws, uuid, item)
            return item.name

        def done(name: str) -> None:
            if isValid(ctx):
                ctx.answer(path, name)

        def failed(exc: BaseException) -> None:
            if not isValid(ctx):
                return
            self.cache.pop(item.name, None)
            ctx.changed.emit({path})  # the widget shows the answer kept
            if isinstance(exc, AnswerError):
                ctx.rejected.emit(path, exc.text())
            elif ctx.on_failure is not None:
                ctx.on_failure(exc)

        ctx.runner.run(work, on_success=done, on_failure=failed, write=True)

    def named(self) -> set[str]:
        """The files the answers name now."""
        if not self.ctx.media_nodes:
            return set()
        answers = self.ctx.session.answers()
        return {n for _p, _t, n in media.referenced(answers, self.ctx.media_nodes)}

    def drop(self, name: str) -> None:
        """Remove the file ``name`` if no answer names it any more (write worker)."""
        if name in self.named():
            return
        self.cache.pop(name, None)
        ws, uuid = self.ctx.ws, self.ctx.uuid

        def work(_progress: Callable[[Progress], None], _cancel: CancelToken) -> None:
            with ws.transaction() as db:
                media.drop_received(db, [(uuid, name)])

        self.ctx.runner.run(work, on_failure=self.ctx.on_failure, write=True)

    def load(self, name: str, on_done: Callable[[bytes | None], None]) -> None:
        """The bytes of the file ``name`` (read in the background, then kept)."""
        if name in self.cache:
            on_done(self.cache[name])
            return
        ws, uuid = self.ctx.ws, self.ctx.uuid

        def work(_progress: Callable[[Progress], None], _cancel: CancelToken) -> bytes | None:
            return media.read(ws, uuid, name)

        def done(data: bytes | None) -> None:
            if not isValid(self):
                return
            if data is not None:
                self.cache[name] = data
            on_done(data)

        self.ctx.runner.run(work, on_success=done, on_failure=self.ctx.on_failure, write=False)


# --- pictures ---------------------------------------------------------------------------
def picture(data: bytes, box: QSize | None = None) -> QImage | None:
    """``data`` (JPEG, PNG, GIF, WebP) as an upright QImage, shrunk into ``box``."""
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened) or opened
            if box is not None:
                image.thumbnail((box.width(), box.height()))
            rgba = image.convert("RGBA")
    except Exception:  # Pillow's errors for a damaged file vary (OSError, ValueError...)
        return None
    raw = rgba.tobytes()
    made = QImage(raw, rgba.width, rgba.height, rgba.width * 4, QImage.Format.Format_RGBA8888)
    return made.copy()  # own the pixels (``raw`` goes away)


def shrink(data: bytes, mime: str, max_pixels: int) -> bytes:
    """A photo whose longer side is over ``max_pixels`` made smaller (ODK's
    ``max-pixels``), in its own format; others unchanged."""
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as opened:
            if max(opened.size) <= max_pixels:
                return data
            image = ImageOps.exif_transpose(opened) or opened
            image.thumbnail((max_pixels, max_pixels))
            out = io.BytesIO()
            if mime == "image/png":
                image.save(out, format="PNG")
            else:
                image.convert("RGB").save(out, format="JPEG", quality=90)
            return out.getvalue()
    except Exception:  # not readable: kept as it is, the type check says more
        return data


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6 takes a str
    return bytes(QByteArray(buffer.data()).data())


def drawing_kind(node: Node) -> str | None:
    """``signature``, ``draw`` or ``annotate`` for an image drawn on the laptop."""
    if node.type != "image":
        return None
    words = (node.appearance or "").split()
    return next((w for w in words if w in DRAWINGS), None)


# --- the pad --------------------------------------------------------------------------------
class DrawPad(QWidget):
    """A white page (or a photo) drawn on with the mouse, touchpad or pen."""

    changed = Signal()

    def __init__(
        self, size: QSize, background: QImage | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setFixedSize(size)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.base = QImage(size, QImage.Format.Format_RGB32)
        self.base.fill(QColor("white"))
        if background is not None:
            scaled = background.scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            painter = QPainter(self.base)
            painter.drawImage(
                (size.width() - scaled.width()) // 2, (size.height() - scaled.height()) // 2, scaled
            )
            painter.end()
        self.image = self.base.copy()
        #: each stroke: its points with their pen widths
        self.strokes: list[list[tuple[QPointF, float]]] = []
        self._drawing = False

    def is_empty(self) -> bool:
        return not self.strokes

    def _width(self, pressure: float = 0.5) -> float:
        return 1.5 + 5.0 * max(0.0, min(pressure, 1.0))

    def _begin(self, point: QPointF, width: float) -> None:
        self._drawing = True
        self.strokes.append([(point, width)])
        self._paint_segment(point, point, width)

    def _extend(self, point: QPointF, width: float) -> None:
        if not self._drawing or not self.strokes:
            return
        last = self.strokes[-1][-1][0]
        self.strokes[-1].append((point, width))
        self._paint_segment(last, point, width)

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def _paint_segment(self, start: QPointF, end: QPointF, width: float) -> None:
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor("#10206b"), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)  # fmt: skip
        painter.setPen(pen)
        painter.drawLine(start, end)
        painter.end()
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position(), self._width())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position(), self._width())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        width = self._width(event.pressure())
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position(), width)
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position(), width)
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def _redraw(self) -> None:
        self.image = self.base.copy()
        strokes, self.strokes = self.strokes, []
        for stroke in strokes:
            (first, width), *rest = stroke
            self.strokes.append([(first, width)])
            self._paint_segment(first, first, width)
            for point, w in rest:
                self._extend_silently(point, w)
        self.update()
        self.changed.emit()

    def _extend_silently(self, point: QPointF, width: float) -> None:
        last = self.strokes[-1][-1][0]
        self.strokes[-1].append((point, width))
        self._paint_segment(last, point, width)

    def undo(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self._redraw()

    def clear(self) -> None:
        self.strokes = []
        self._redraw()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self.image)
        painter.setPen(QColor("#8a8a8a"))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))


class DrawDialog(QDialog):
    """Sign or draw on a pad; Save keeps the drawing as a PNG."""

    def __init__(self, kind: str, background: QImage | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        size = QSize(600, 260) if kind == "signature" else QSize(640, 440)
        self.pad = DrawPad(size, background, self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.undo_button = QPushButton(self)
        self.clear_button = QPushButton(self)
        self.undo_button.clicked.connect(self.pad.undo)
        self.clear_button.clicked.connect(self.pad.clear)
        shortcut(QKeySequence.StandardKey.Undo, self, self.pad.undo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        tools = QHBoxLayout()
        tools.addWidget(self.undo_button)
        tools.addWidget(self.clear_button)
        tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(tools)
        layout.addWidget(self.buttons)
        self.pad.changed.connect(self._update)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        titles = {
            "signature": self.tr("Signature"),
            "draw": self.tr("Drawing"),
            "annotate": self.tr("Draw on the photo"),
        }
        self.setWindowTitle(titles.get(self.kind, titles["draw"]))
        self.hint.setText(
            self.tr(
                "Draw with the mouse, the touchpad (hold the button down) or a pen."
                " Ctrl+Z takes back the last line."
            )
        )
        self.undo_button.setText(self.tr("Undo last line"))
        self.clear_button.setText(self.tr("Start again"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def _update(self) -> None:
        empty = self.pad.is_empty()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not empty)
        self.undo_button.setEnabled(not empty)
        self.clear_button.setEnabled(not empty)

    @classmethod
    def ask(cls, parent: QWidget, kind: str, background: QImage | None = None) -> bytes | None:
        """The drawing as PNG bytes, or None if cancelled (tests replace this)."""
        dialog = cls(kind, background, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.pad.is_empty():
            return None
        return png_bytes(dialog.pad.image)


# --- the answer widget ------------------------------------------------------------------------
class MediaAnswer(AnswerWidget):
    """A file, photo, recording, signature or drawing; the answer is the file's name."""

    def __init__(self, node: Node, parent: QWidget | None = None) -> None:
        super().__init__(node, parent)
        self.drawing = drawing_kind(node)
        self.preview = QLabel(self)
        self.preview.setFixedSize(PREVIEW)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose = QPushButton(self)
        self.remove = QPushButton(self)
        self.choose.clicked.connect(self._choose)
        self.remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(self.info)
        column.addLayout(buttons)
        column.addStretch(1)
        self.box.addWidget(self.preview)
        self.box.addLayout(column, 1)
        self.watch_enter(self.choose, self.remove)
        self._shown_name: str | None = None
        self.retranslate()
        self._show(None)

    # --- choosing ---------------------------------------------------------------------------
    @classmethod
    def ask_path(cls, parent: QWidget, caption: str, filters: str) -> str | None:
        """The file the enumerator picks, or None (tests replace this)."""
        path, _filter = QFileDialog.getOpenFileName(parent, caption, "", filters)
        return path or None

    def _filters(self) -> str:
        kind = self.node.type
        if kind == "image" or self.drawing == "annotate":
            return self.tr("Photos ({patterns})").format(patterns=_EXTENSIONS["image"])
        if kind == "audio":
            return self.tr("Recordings ({patterns})").format(patterns=_EXTENSIONS["audio"])
        if kind == "video":
            return self.tr("Videos ({patterns})").format(patterns=_EXTENSIONS["video"])
        return self.tr("Files that can be attached ({patterns})").format(patterns=_ALL_EXTENSIONS)

    def _choose(self) -> None:
        if self._read_only:
            return
        if self.drawing in ("signature", "draw"):
            data = DrawDialog.ask(self, self.drawing)
            if data is not None:
                self._offer(data, "image/png", "png", "drawing.png")
            return
        path = self.ask_path(self, self.choose.text().rstrip("…"), self._filters())
        if not path:
            return
        chosen = Path(path)
        data = self._read(chosen)
        if data is None:
            return
        mime = media.mime_for(chosen.name)
        if self.drawing == "annotate":
            background = picture(data)
            if background is None:
                self._problem_for("media.content_not_its_type", chosen.name)
                return
            drawn = DrawDialog.ask(self, "annotate", background)
            if drawn is not None:
                self._offer(drawn, "image/png", "png", chosen.name)
            return
        if mime is None:
            self._problem_for("media.type_not_taken", chosen.name)
            return
        ext = chosen.suffix.lstrip(".").lower()
        self._offer(data, mime, ext, chosen.name)

    def _read(self, path: Path) -> bytes | None:
        """The file's bytes, or None with the reason shown (too large, unreadable)."""
        limit = media.MAX_MEDIA_BYTES
        shrinkable = self.node.type == "image" and "max-pixels" in self.node.parameters
        try:
            size = path.stat().st_size
            if size > limit and not shrinkable:
                self._problem_for("media.too_large", path.name)
                return None
            if size > 8 * limit:
                self._problem_for("media.too_large", path.name)
                return None
            return path.read_bytes()
        except OSError as exc:
            self._problem_for("media.not_readable", path.name, detail=exc.strerror or str(exc))
            return None

    def _offer(self, data: bytes, mime: str, ext: str, shown: str) -> None:
        """Check the file as the store will, then commit it (the entry screen keeps it)."""
        if not media.fits_question(self.node.type, mime):
            self._problem_for("media.wrong_question_type", shown)
            return
        max_pixels = self.node.parameters.get("max-pixels", "")
        if mime.startswith("image/") and max_pixels.isdigit() and int(max_pixels) > 0:
            data = shrink(data, mime, int(max_pixels))
        name = media.new_name(self.node.name, ext, int(time.time() * 1000))
        problem = media.media_problem(name, data, mime)
        if problem is not None:
            self._problem_for(problem, shown)
            return
        self._set_problem("")
        self._commit(media.NewMedia(name, mime, data))
        self._show(self._value)

    def _problem_for(self, code: str, name: str, **params: Any) -> None:
        limit = media.MAX_MEDIA_BYTES // 2**20
        self._set_problem(messages.render(code, name=name, max_mb=limit, **params))

    def _remove(self) -> None:
        if self._read_only:
            return
        self._set_problem("")
        self._commit(None)
        self._show(None)

    # --- showing --------------------------------------------------------------------------
    def _controller(self) -> Any:
        widget: QWidget | None = self.parentWidget()
        while widget is not None:
            ctx = getattr(widget, "ctx", None)
            if ctx is not None and isinstance(getattr(ctx, "files", None), InterviewFiles):
                return ctx
            widget = widget.parentWidget()
        return None

    def _show(self, value: Any) -> None:
        self.remove.setEnabled(bool(value) and not self._read_only)
        if isinstance(value, media.NewMedia):
            self._shown_name = value.name
            self._show_file(value.name, value.data)
            return
        if not isinstance(value, str) or not value:
            self._shown_name = None
            self.preview.clear()
            self.preview.setVisible(False)  # no empty frame taking a photo's height
            self.info.setText(self.tr("Nothing attached yet."))
            return
        self._shown_name = value
        self.info.setText(value)
        self._set_preview(None, "…")
        ctx = self._controller()
        if ctx is not None:
            ctx.files.load(value, lambda data, name=value: self._loaded(name, data))

    def _loaded(self, name: str, data: bytes | None) -> None:
        if not isValid(self) or name != self._shown_name:
            return
        if data is None:
            self._set_preview(None, "?")
            self.info.setText(self.tr("{name} (the file is missing)").format(name=name))
            return
        self._show_file(name, data)

    def _show_file(self, name: str, data: bytes) -> None:
        size = max(1, round(len(data) / 1024))
        self.info.setText(self.tr("{name}, {size} KB").format(name=name, size=size))
        kind = media.kind_of(media.mime_for(name) or "")
        image = picture(data, PREVIEW) if kind == "image" else None
        self._set_preview(image, _SYMBOLS.get(kind, "🗎"))

    def _set_preview(self, image: QImage | None, symbol: str) -> None:
        """A picture in a photo-sized frame, else a symbol in a small one."""
        self.preview.setVisible(True)
        if image is not None:
            self.preview.setFixedSize(PREVIEW)
            self.preview.setPixmap(QPixmap.fromImage(image))
            return
        side = self.fontMetrics().height() * 3
        self.preview.setFixedSize(side, side)
        self.preview.setText(symbol)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.choose.setEnabled(not read_only)
        self.remove.setEnabled(bool(self._value) and not read_only)

    def focus_target(self) -> QWidget:
        return self.choose

    def retranslate(self) -> None:
        texts = {
            "signature": self.tr("Sign…"),
            "draw": self.tr("Draw…"),
            "annotate": self.tr("Choose a photo to draw on…"),
        }
        by_type = {
            "image": self.tr("Choose a photo…"),
            "audio": self.tr("Choose a recording…"),
            "video": self.tr("Choose a video…"),
        }
        text = (
            texts.get(self.drawing or "")
            or by_type.get(self.node.type)
            or self.tr("Attach a file…")
        )
        self.choose.setText(text)
        self.remove.setText(self.tr("Remove"))
        if self.node.type == "image" and not self.drawing:
            self.choose.setToolTip(
                self.tr("A photo from this laptop (the Camera app saves them in Pictures).")
            )
        if not self._value:
            self._show(None)
