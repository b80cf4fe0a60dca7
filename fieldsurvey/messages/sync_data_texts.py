"""Texts of the sync_data area (see :mod:`fieldsurvey.messages`)."""

from __future__ import annotations

from fieldsurvey.messages import Text

TEXTS: dict[str, Text] = {}
