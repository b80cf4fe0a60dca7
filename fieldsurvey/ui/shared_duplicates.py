"""The possible-duplicate groups last read, shared by the Coordinator page's duplicates
tab and the Entities tab's pairs (issue 15): both start from
``sync/duplicates.all_duplicates``, a read of the whole store; the second to ask takes
the first's groups instead of reading them again.

Groups are kept only while no interview changed since the read that made them *began*:
every change that touches interviews (an import, a purge, an edit) forgets them, and a
read that began before such a change never leaves its groups behind. This object hears
the runner's ``changed`` before the pages do (the page connects it first), so a page
that reads again because of a change never finds the groups from before it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from fieldsurvey.changes import Changes
from fieldsurvey.sync.duplicates import DuplicateGroup

from fieldsurvey.ui.tasks import TaskRunner


class SharedDuplicates(QObject):
    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._groups: list[DuplicateGroup] | None = None
        runner.changed.connect(self._forget)

    def _forget(self, changes: Changes | None) -> None:
        if changes is None or changes.interviews or changes.created or changes.deleted:
            self._generation += 1
            self._groups = None

    def token(self) -> int:
        """Taken when a read of the groups begins; given back to :meth:`keep`."""
        return self._generation

    def keep(self, token: int, groups: list[DuplicateGroup]) -> None:
        """The groups a read that began at ``token`` found (dropped if anything changed
        since it began)."""
        if token == self._generation:
            self._groups = groups

    def fresh(self) -> list[DuplicateGroup] | None:
        """The groups of the workspace as it is, if a read found them; else None."""
        return self._groups
