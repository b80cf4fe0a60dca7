"""Form attachments from the coordinator to the laptops: published with the form version,
stored once by hash, carried in device packages and receipts, checked on the laptop,
installed and read by the engine there."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from sync_helpers import PASSPHRASE, World, dump

from fieldsurvey.errors import FormDefinitionError, PackageError, ReceiptError, SyncError
from fieldsurvey.forms.installed import compiled_form, install_form_file
from fieldsurvey.forms.markdown_form import markdown_to_xlsx
from fieldsurvey.store import forms as forms_store
from fieldsurvey.sync import device_forms, receipts
from fieldsurvey.sync.campaign import campaign_of
from fieldsurvey.sync.device_forms import PACKAGE, campaign_forms, install_forms
from fieldsurvey.sync.device_package import DevicePackage, PackageForm, open_sealed, seal
from fieldsurvey.sync.receipts import build_receipt, import_receipt

FORM = """
| survey |  |  |  |  |  |  |
|  | type | name | label | choice_filter | calculation | media::image |
|  | select_one_from_file wards.csv | ward | Phường | | | |
|  | select_one_from_file streets.csv | street | Phố | ward=${ward} | | |
|  | calculate | zone | | | pulldata('streets', 'zone', 'name', ${street}) | |
|  | note | map | Bản đồ | | | map.png |
| settings | | |
| | form_id | version | form_title |
| | streets | {version} | Đường phố |
"""
WARDS = "name,label\nphuc_tan,Phúc Tân\nchuong_duong,Chương Dương\n".encode()
STREETS = (
    "name,label,ward,zone\nhang_ma,Hàng Mã,phuc_tan,A\nphung_hung,Phùng Hưng,phuc_tan,B\n"
    "tran_quang_khai,Trần Quang Khải,chuong_duong,C\n"
).encode()
MAP = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def publish(world: World, version: str = "1", **changed: bytes) -> Path:
    """The coordinator publishes the streets form with its files in ``streets-media``."""
    folder = world.root / f"form-{version}"
    folder.mkdir()
    form = markdown_to_xlsx(FORM.replace("{version}", version), folder / "streets.xlsx")
    media = folder / "streets-media"
    media.mkdir()
    files = {"wards.csv": WARDS, "streets.csv": STREETS, "map.png": MAP, **changed}
    for name, data in files.items():
        (media / name).write_bytes(data)
    result = install_form_file(world.coord, form)
    assert result.changed and sorted(result.attachments) == ["map.png", "streets.csv", "wards.csv"]
    assert result.missing == []
    return form


def test_published_files_reach_the_laptop_in_a_receipt_and_the_engine_reads_them(
    world: World,
) -> None:
    publish(world)
    report = import_receipt(world.lap_a, build_receipt(world.coord, "laptop-a")[0])
    assert report.forms == ["Đường phố (1)"]
    held = forms_store.read_attachments(world.lap_a, "streets", "1")
    assert {f.name: f.data for f in held} == {
        "map.png": MAP,
        "streets.csv": STREETS,
        "wards.csv": WARDS,
    }  # byte for byte
    session = compiled_form(world.lap_a, "streets", "1").session()
    assert [c.name for c in session.choices("ward")] == ["phuc_tan", "chuong_duong"]
    session.set("ward", "phuc_tan")
    assert [c.label["default"] for c in session.choices("street")] == ["Hàng Mã", "Phùng Hưng"]
    session.set("street", "phung_hung")
    assert session.value("zone") == "B"
    image = session.media("map")
    assert image is not None and image.data == MAP
    # the next receipt carries them again: nothing changes on the laptop
    before = dump(world.lap_a)
    again = import_receipt(world.lap_a, build_receipt(world.coord, "laptop-a")[0])
    assert again.forms == []
    assert {k: v for k, v in dump(world.lap_a).items() if k != "sync_receipts"} == {
        k: v for k, v in before.items() if k != "sync_receipts"
    }


def test_the_device_package_carries_the_files_and_sets_them_up(world: World) -> None:
    publish(world)
    campaign = campaign_of(world.coord)
    config = world.a
    package = DevicePackage(
        created="2026-11-23T10:00:00Z",
        campaign_id=campaign.campaign_id,
        campaign_name=campaign.name,
        device_id=config.device_id,
        device_name=config.device_name,
        device_signing_key=config.signing_key,
        device_age_identity=config.age_identity,
        coordinator_signing_public=campaign.signing_public,
        recipients=campaign.recipients,
        forms=campaign_forms(world.coord),
    )
    opened = open_sealed(seal(package, campaign.signing_key, PASSPHRASE), PASSPHRASE)
    with world.lap_b.transaction():
        install_forms(world.lap_b, opened.forms, PACKAGE, replace=True)
    session = compiled_form(world.lap_b, "streets", "1").session()
    session.set("ward", "chuong_duong")
    assert [c.name for c in session.choices("street")] == ["tran_quang_khai"]


def test_files_are_stored_once_and_a_version_keeps_its_files(world: World) -> None:
    publish(world, "1")
    publish(world, "2")  # the same files with a new version: no second copy of the bytes
    blobs = world.coord.db.execute("SELECT count(*) FROM form_attachment_blobs").fetchone()[0]
    assert blobs == 3
    info = forms_store.list_attachments(world.coord, "streets", "2")
    assert [(a.name, a.size) for a in info] == [
        ("map.png", len(MAP)),
        ("streets.csv", len(STREETS)),
        ("wards.csv", len(WARDS)),
    ]
    assert info[1].sha256 == hashlib.sha256(STREETS).hexdigest()
    other = forms_store.Attachment(
        name="streets.csv", sha256=hashlib.sha256(b"x").hexdigest(), size=1, data=b"x"
    )
    stored = forms_store.get_form(world.coord, "streets", "2")
    with pytest.raises(FormDefinitionError, match=r"already has an attachment 'streets\.csv'"):
        forms_store.save_form(world.coord, "streets", "2", stored.definition, stored.hash,
                              attachments=[other])  # fmt: skip
    forms_store.delete_form(world.coord, "streets", "1")
    forms_store.delete_form(world.coord, "streets", "2")
    assert world.coord.db.execute("SELECT count(*) FROM form_attachment_blobs").fetchone() == (0,)


def test_a_laptop_that_has_the_version_gets_the_files_it_lacks(world: World) -> None:
    publish(world)
    stored = forms_store.get_form(world.coord, "streets", "1")
    forms_store.save_form(world.lap_a, "streets", "1", stored.definition, stored.hash)
    assert forms_store.list_attachments(world.lap_a, "streets", "1") == []
    report = import_receipt(world.lap_a, build_receipt(world.coord, "laptop-a")[0])
    assert report.forms == []  # the version was there
    assert len(forms_store.list_attachments(world.lap_a, "streets", "1")) == 3


def _tampered(world: World, **change: object) -> list[PackageForm]:
    forms = campaign_forms(world.coord)
    streets = next(f for f in forms if f.form_id == "streets")
    first = streets.attachments[1]  # streets.csv
    streets.attachments[1] = first.model_copy(update=change)
    return forms


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"sha256": "0" * 64}, "its content does not match its SHA-256"),
        ({"size": 5}, "where 5 were announced"),
        ({"data": "not base64!"}, "its content is not valid base64"),
        ({"name": "../streets.csv"}, "is not a plain file name"),
        (
            {
                "data": base64.b64encode(b"a,a\n").decode(),
                "size": 4,
                "sha256": hashlib.sha256(b"a,a\n").hexdigest(),
            },
            "has the column 'a' twice",
        ),
    ],
)
def test_a_receipt_with_a_bad_file_is_refused_whole(
    world: World, monkeypatch: pytest.MonkeyPatch, change: dict[str, object], reason: str
) -> None:
    publish(world)
    forms = _tampered(world, **change)
    monkeypatch.setattr(receipts, "campaign_forms", lambda ws: forms)
    data, _ = build_receipt(world.coord, "laptop-a")
    before = dump(world.lap_a)
    with pytest.raises(ReceiptError, match="The receipt is damaged: form streets \\(1\\)") as err:
        import_receipt(world.lap_a, data)
    assert reason in str(err.value)
    assert "Nothing of the receipt was applied" in str(err.value)
    assert "Biên nhận bị hỏng" in err.value.text("vi")
    assert dump(world.lap_a) == before


def test_a_bad_file_in_a_device_package_is_refused(world: World) -> None:
    publish(world)
    forms = _tampered(world, sha256="f" * 64)
    with pytest.raises(PackageError, match="The device package is damaged: form streets"):
        install_forms(world.lap_b, forms, PACKAGE, replace=True)


def test_attachments_too_large_to_carry_are_refused_on_the_coordinator(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish(world)
    monkeypatch.setattr(device_forms, "MAX_CARRIED_BYTES", 1000)
    with pytest.raises(SyncError, match="more than a device package or a receipt can carry"):
        build_receipt(world.coord, "laptop-a")


def test_a_laptop_set_up_from_its_package_has_the_files(world: World, tmp_path: Path) -> None:
    """`device setup` installs the package's forms with their files, so the first
    interview on a new laptop already has its lists."""
    from sync_helpers import KDF, PASSWORD

    from fieldsurvey.sync.enrolment import issue_device, read_package, setup_device

    publish(world)
    data, _ = issue_device(world.coord, "laptop-c", PASSPHRASE)
    (tmp_path / "c.pkg").write_bytes(data)
    laptop = setup_device(
        tmp_path / "lap-c", read_package(tmp_path / "c.pkg", PASSPHRASE), PASSWORD, kdf=KDF
    )
    try:
        session = compiled_form(laptop, "streets", "1").session()
        assert [c.name for c in session.choices("ward")] == ["phuc_tan", "chuong_duong"]
        session.set("ward", "phuc_tan")
        assert [c.name for c in session.choices("street")] == ["hang_ma", "phung_hung"]
    finally:
        laptop.close()


def test_form_add_publishes_the_files_beside_the_form_and_names_missing_ones(
    world: World, tmp_path: Path
) -> None:
    from click.testing import CliRunner
    from sync_helpers import PASSWORD

    from fieldsurvey.cli import cli

    folder = tmp_path / "pub"
    folder.mkdir()
    form = markdown_to_xlsx(FORM.replace("{version}", "3"), folder / "streets.xlsx")
    files = tmp_path / "files"
    files.mkdir()
    (files / "wards.csv").write_bytes(WARDS)
    (files / "streets.csv").write_bytes(STREETS)
    env = {"FIELDSURVEY_LANG": "en", "FIELDSURVEY_PASSWORD": PASSWORD}
    home = ["--home", str(world.coord.home)]
    result = CliRunner().invoke(
        cli, [*home, "form", "add", str(form), "--attach", str(files)], env=env
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "streets.csv" in result.output and "wards.csv" in result.output
    assert "map.png" in result.output  # missing: named, with the folder to put it in
    names = sorted(a.name for a in forms_store.read_attachments(world.coord, "streets", "3"))
    assert names == ["streets.csv", "wards.csv"]


def test_the_coordinator_checks_answers_against_the_attached_lists(world: World) -> None:
    """A record's answer from a file list is checked against the published file: one the
    file lists merges, one it does not is quarantined (not merged, not lost)."""
    from sync_helpers import EMPTY_HEAD, bound_wire, forge, streamed_payload

    from fieldsurvey.store import interviews, quarantine
    from fieldsurvey.sync.bundle_import import import_bytes

    publish(world)
    good = bound_wire(
        world.a, {"ward": "phuc_tan", "street": "hang_ma"}, form_id="streets", form_version="1"
    )
    bad = bound_wire(
        world.a, {"ward": "phuc_tan", "street": "nowhere"}, form_id="streets", form_version="1"
    )
    payload = streamed_payload(world.a, [good, bad])
    report = import_bytes(world.coord, forge(world.a, payload=payload, **EMPTY_HEAD), "a.fsb")
    assert report.status == "accepted" and report.merge is not None
    assert report.merge.new == [good["uuid"]]
    assert [q.uuid for q in report.merge.quarantined] == [bad["uuid"]]
    held = quarantine.get(world.coord, bad["uuid"])
    assert held is not None and held.code == "sync.quarantine.not_a_choice"
    assert interviews.get_interview(world.coord, good["uuid"]).answers["street"] == "hang_ma"
