"""Lists that cost a scan of every interview, read only while somebody can see them.

The coordinator's possible duplicates, form versions in use and interview durations each
read the whole store (about 0.5 s of CPU per 10,000 interviews for the duplicates). Read
after every import or change, a store of 1,000,000 interviews would keep the read pool busy
for minutes after each bundle. :class:`WhenShown` reads such a list when its page is
shown; a change while it is hidden only marks it to be read again when it is next shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class WhenShown(QObject):
    """Calls ``load`` when ``page`` is shown, if a change came since the last load."""

    def __init__(self, page: QWidget, load: Callable[[], None]) -> None:
        super().__init__(page)
        self.page = page
        self.load = load
        self.stale = True
        page.installEventFilter(self)

    def request(self) -> None:
        """A change: read now if the page is visible, else when it is next shown."""
        if self.page.isVisible():
            self.stale = False
            self.load()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.load()
        return False
