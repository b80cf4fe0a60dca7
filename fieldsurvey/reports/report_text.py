"""The fixed texts of the reports, read from the one catalogue (``fieldsurvey.messages``).

The texts themselves live in :mod:`fieldsurvey.messages.reports_texts` under the codes
``report.<key>``; the report modules name the key only: ``t("page", lang, n=3)``.
"""

from __future__ import annotations

from fieldsurvey import messages
from fieldsurvey.reports.models import Lang


def t(key: str, lang: Lang, **values: object) -> str:
    """The report text ``key`` in ``lang``; KeyError for a key the catalogue lacks."""
    code = f"report.{key}"
    if code not in messages.CATALOGUE:
        raise KeyError(code)
    return messages.render(code, lang, **values)
