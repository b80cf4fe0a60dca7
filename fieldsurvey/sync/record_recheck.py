"""Checking the records already merged against their forms (``verify --records``).

The merge checks every record since the trusted-merge issue (:mod:`record_checks`);
records merged before, or under a form version published since, were not. This walks
the coordinator's received records, a read snapshot streamed a record at a time, and
says which would be quarantined today and why. It changes nothing: the coordinator
decides (fix the record in the app, return it to its laptop through a conflict, or keep
it knowingly).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from fieldsurvey import messages
from fieldsurvey.progress import CancelToken, ProgressCallback, report
from fieldsurvey.store import bundle_log
from fieldsurvey.store.database import Database
from fieldsurvey.store.sync_records import merged_records
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_payload import WireInterview
from fieldsurvey.sync.record_checks import Problem, check_record, printable


@dataclass(frozen=True)
class RecordFinding:
    """A merged record that fails its form's checks today."""

    uuid: str
    ward: str
    household_id: str
    device: str
    code: str
    params: dict[str, Any]

    def text(self, lang: str | None = None) -> str:
        """One line: which record, and why, in ``lang`` (default: the current language)."""
        return messages.render(
            "sync.recheck.finding",
            lang,
            uuid=self.uuid,
            ward=printable(self.ward),
            household=printable(self.household_id),
            device=printable(self.device),
            reason=messages.render(self.code, lang, **self.params),
        )


def _problem(db: Database, row: dict[str, Any]) -> Problem | None:
    try:
        answers = json.loads(row["answers"])
    except (TypeError, ValueError):
        return Problem("sync.quarantine.bad_value", {"path": "/"})
    try:
        item = WireInterview.model_validate(
            {**row, "answers": answers, "status": "exported"}, strict=False
        )
    except ValidationError:
        return Problem("sync.recheck.malformed", {})
    return check_record(db, item)


@dataclass
class Recheck:
    """How many merged records were checked, and those that fail (oldest first)."""

    checked: int = 0
    findings: list[RecordFinding] = field(default_factory=list)


def recheck_merged(
    ws: Workspace,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Recheck:
    """Check every merged record against its form as the merge would today."""
    result = Recheck()
    result.findings = list(_findings(ws, result, progress, cancel))
    return result


def _findings(
    ws: Workspace,
    result: Recheck,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> Iterator[RecordFinding]:
    names: dict[str, str] = {}
    with ws.reading() as db:
        for done, row in enumerate(merged_records(db)):
            result.checked = done + 1
            if done % 500 == 0:
                report(progress, done, None, "")
                if cancel is not None:
                    cancel.check()
            problem = _problem(db, row)
            if problem is None:
                continue
            device_id = str(row["device_id"])
            if device_id not in names:
                names[device_id] = bundle_log.device_label(db, device_id)
            yield RecordFinding(
                uuid=str(row["uuid"]),
                ward=str(row["ward"]),
                household_id=str(row["household_id"]),
                device=names[device_id],
                code=problem.code,
                params=dict(problem.params),
            )
