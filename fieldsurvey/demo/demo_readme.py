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
        f"{lap.drafts} unfinished draft; {lap.registered} registered for follow-up, "
        f"{lap.followed_up} revisited in wave 2"
        for lap in report.laptops
    )
    results = ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in sorted(report.follow_ups.items()))
    coord = _q(report.coordinator)
    laptop1 = _q(report.laptops[0].home) if report.laptops else "LAPTOP"
    run = f"FIELDSURVEY_PASSWORD={report.password} fieldsurvey --home {coord}"
    survey = "mnet_migrant_household"  # the coordinator holds three forms' interviews
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
  bundles/*.fsb          encrypted, signed bundles the laptops exported (two rounds of
                         wave 1, one of wave 2)
  receipts/*.receipt     the coordinator's receipts, already imported on the laptops
                         (they carry the entity lists and the wave-2 assignments)
  reports/*.pdf          ward summaries (Phúc Tân, Chương Dương, both wards; English too)
                         with their follow-up sections, and the record of one interview
  exports/               the merged data as xlsx and csv (one table per form and per
                         repeat); households.xlsx: the entity list and its interviews
  recovery-identity.txt  the campaign's recovery identity. In a real campaign: print it,
                         lock the paper away and delete the file.

Numbers
  Households visited: {report.completed} ({ward_counts}); {report.declined} declined the interview
  Wave 1: {report.registered} households registered for follow-up (lists households, people)
  Wave 2, six months later, each on another laptop: {results or "none"}
  Interviews in the coordinator's workspace (every form): {report.merged}
{laptops}

Try
  fieldsurvey --home {coord}
      the desktop app on the coordinator's data (password {report.password})
  {run} report ward --form {survey} --ward "Phúc Tân" --out phuc-tan.pdf
  {run} report ward --form {survey} --all-wards --lang en --out all-wards.pdf
  {run} export xlsx --form {survey} --labels --out merged.xlsx
  {run} export stata --out stata/
  {run} interview list
  {run} entity list households --search "phuc tan"
  {run} assignment list --wave 2
  {run} entity export households csv --out households/
  FIELDSURVEY_PASSWORD={report.password} fieldsurvey --home {laptop1} interview list
"""
