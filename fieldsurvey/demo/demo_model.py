"""The demo's fixed facts (password, campaign, wards, laptops, fieldwork dates) and the
report that ``build_demo`` returns."""

from __future__ import annotations

from datetime import date, timedelta, timezone
from pathlib import Path

from pydantic import BaseModel, Field

#: The password of every demo workspace (printed and in the demo's README.txt); it meets
#: the password policy (store/password_policy.py: at least 8 characters).
DEMO_PASSWORD = "demo1234"
#: The one-time passphrase of the demo's device packages.
PACKAGE_PASSPHRASE = "demo-package-passphrase"
CAMPAIGN = "Mnet – khảo sát hộ lao động di cư Hoàn Kiếm (DEMO)"
#: ward choice name -> (label, household id prefix)
WARDS = {"phuc_tan": ("Phúc Tân", "PT"), "chuong_duong": ("Chương Dương", "CD")}
#: (device name, wards it works in, share of the households)
LAPTOPS = [
    ("Laptop 1 – Phúc Tân", ["phuc_tan"], 0.35),
    ("Laptop 2 – Chương Dương", ["chuong_duong"], 0.35),
    ("Laptop 3 – hai phường", ["phuc_tan", "chuong_duong"], 0.30),
]
FIELDWORK_START = date(2026, 9, 7)  # a Monday
FIELDWORK_WEEKS = 10
VN = timezone(timedelta(hours=7))


class LaptopSummary(BaseModel):
    name: str
    home: Path
    package: Path
    enumerator: str
    completed: int = 0
    drafts: int = 0
    #: wave 1: households registered for follow-up; wave 2: follow-up visits recorded
    registered: int = 0
    followed_up: int = 0


class DemoReport(BaseModel):
    folder: Path
    coordinator: Path
    password: str = DEMO_PASSWORD
    package_passphrase: str = PACKAGE_PASSPHRASE
    laptops: list[LaptopSummary] = Field(default_factory=list)
    #: Completed interviews per ward choice name (declined ones included).
    per_ward: dict[str, int] = Field(default_factory=dict)
    declined: int = 0
    #: Households registered for follow-up (entity list ``households``) in wave 1.
    registered: int = 0
    #: Wave 2: follow-up visits per ``visit_result``.
    follow_ups: dict[str, int] = Field(default_factory=dict)
    #: Interviews in the coordinator's workspace after the last merge (every form).
    merged: int = 0
    bundles: list[Path] = Field(default_factory=list)
    receipts: list[Path] = Field(default_factory=list)
    pdfs: list[Path] = Field(default_factory=list)
    exports: list[Path] = Field(default_factory=list)
    seconds: float = 0.0

    @property
    def completed(self) -> int:
        return sum(self.per_ward.values())
