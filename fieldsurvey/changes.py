"""What a mutation changed, so a front end refreshes only that (like Anki's OpChanges).

Every mutating core function returns a :class:`Changes`. Combine several with
:meth:`Changes.merge` (e.g. a bundle merge that touches many interviews).

API:
    Changes(interviews=[uuid, ...], fields=[path, ...], created=[...], deleted=[...],
            forms=[form_id, ...], settings=[key, ...])
    changes.merge(*others) -> Changes;  changes.empty -> bool
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


def _union(*lists: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for items in lists:
        for item in items:
            seen.setdefault(item, None)
    return list(seen)


class Changes(BaseModel):
    """Which records a mutation touched. Lists keep first-seen order, without repeats."""

    model_config = ConfigDict(frozen=True)

    interviews: list[str] = []
    """uuids of interviews whose row changed (including created and deleted ones)."""
    fields: list[str] = []
    """answer paths that changed (e.g. ``household/members[2]/age``)."""
    created: list[str] = []
    deleted: list[str] = []
    forms: list[str] = []
    settings: list[str] = []

    @property
    def empty(self) -> bool:
        return not (
            self.interviews
            or self.fields
            or self.created
            or self.deleted
            or self.forms
            or self.settings
        )

    def merge(self, *others: Changes) -> Changes:
        """One Changes covering this and ``others``."""
        everything = (self, *others)
        return Changes(
            interviews=_union(*(c.interviews for c in everything)),
            fields=_union(*(c.fields for c in everything)),
            created=_union(*(c.created for c in everything)),
            deleted=_union(*(c.deleted for c in everything)),
            forms=_union(*(c.forms for c in everything)),
            settings=_union(*(c.settings for c in everything)),
        )
