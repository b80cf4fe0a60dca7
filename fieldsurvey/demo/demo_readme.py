"""The demo folder's README.txt (also what ``fieldsurvey demo`` prints at the end)."""

from __future__ import annotations

import shlex
from datetime import datetime

from fieldsurvey.demo.demo_model import CAMPAIGN, WARDS, DemoReport


def _q(path: object) -> str:
    return shlex.quote(str(path))


def readme_text(report: DemoReport) -> str:
    """Plain text: what is where, the password, the numbers and commands to try."""
    ward_counts = ", ".join(f"{WARDS[w][0]} {n}" for w, n in report.per_ward.items())
    laptops = "\n".join(
        f"  {lap.name} (enumerator {lap.enumerator}): {lap.completed} completed, "
        f"{lap.drafts} unfinished draft"
        for lap in report.laptops
    )
    coord = _q(report.coordinator)
    laptop1 = _q(report.laptops[0].home) if report.laptops else "LAPTOP"
    run = f"FIELDSURVEY_PASSWORD={report.password} fieldsurvey --home {coord}"
    built = datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"""FieldSurvey demo: {CAMPAIGN}
Built {built} in {report.seconds:.0f} s through the app's own code: coordinator, three
laptops, interviews, bundles, merge, receipts, reports. Every answer is synthetic:
nobody in this data is a real person.

Password of every workspace: {report.password}
(Mật khẩu của mọi không gian làm việc: {report.password})

What is here
  coordinator/           the coordinator's workspace: the merged data of the three laptops
  laptops/laptop-N/      each enumerator's laptop: its own interviews (one unfinished draft)
  packages/*.pkg         the device packages (one-time passphrase: {report.package_passphrase})
  bundles/*.fsb          encrypted, signed bundles the laptops exported (two rounds)
  receipts/*.receipt     the coordinator's receipts, already imported on the laptops
  reports/*.pdf          ward summaries (Phúc Tân, Chương Dương, both wards; English too)
                         and the printable record of one interview
  exports/               the merged data as xlsx and csv (one table per form and per repeat)
  recovery-identity.txt  the campaign's recovery identity. In a real campaign: print it,
                         lock the paper away and delete the file.

Numbers
  Households visited: {report.completed} ({ward_counts}); {report.declined} declined the interview
  Interviews in the coordinator's workspace: {report.merged}
{laptops}

Try
  fieldsurvey --home {coord}
      the desktop app on the coordinator's data (password {report.password})
  {run} report ward --ward "Phúc Tân" --out phuc-tan.pdf
  {run} report ward --all-wards --lang en --out all-wards.pdf
  {run} export xlsx --labels --out merged.xlsx
  {run} export stata --out stata/
  {run} interview list
  FIELDSURVEY_PASSWORD={report.password} fieldsurvey --home {laptop1} interview list
"""
