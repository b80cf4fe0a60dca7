"""The steps of the demo that are the coordinator's and the laptops' own work: campaign,
device packages, laptop set-up, bundles and receipts, reports and exports, README."""

from __future__ import annotations

import random
from pathlib import Path

from fieldsurvey.demo.demo_model import (
    CAMPAIGN,
    DEMO_PASSWORD,
    LAPTOPS,
    PACKAGE_PASSPHRASE,
    WARDS,
    DemoReport,
    LaptopSummary,
)
from fieldsurvey.errors import SyncError
from fieldsurvey.forms.entity_model import EntityRow
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.keywrap import KdfParams
from fieldsurvey.reports.synthetic_households import full_name
from fieldsurvey.store import forms as forms_store
from fieldsurvey.store.workspace import Workspace
from fieldsurvey.sync.bundle_writer import write_new_file


def coordinator(
    folder: Path, report: DemoReport, specs: list[FormSpec], kdf: KdfParams | None
) -> Workspace:
    """``coordinator init`` and ``form add`` of the default survey and its registration
    and follow-up forms."""
    from fieldsurvey.sync.campaign import init_campaign

    ws, _keys = init_campaign(
        report.coordinator,
        DEMO_PASSWORD,
        name=CAMPAIGN,
        recovery_key_out=folder / "recovery-identity.txt",
        wards=[label for label, _prefix in WARDS.values()],
        kdf=kdf,
    )
    try:
        for spec in specs:
            forms_store.save_form(
                ws, spec.form_id, spec.version, spec.model_dump_json(), spec.source_hash
            )
    except BaseException:
        ws.close()
        raise
    return ws


def laptops(
    folder: Path, coord: Workspace, report: DemoReport, kdf: KdfParams | None, rng: random.Random
) -> list[Workspace]:
    """``device add`` three times on the coordinator, ``device setup`` on each laptop."""
    from fieldsurvey.sync.enrolment import issue_device, read_package, setup_device

    (folder / "packages").mkdir()
    opened: list[Workspace] = []
    try:
        for n, (name, _wards, _share) in enumerate(LAPTOPS, 1):
            data, _device = issue_device(coord, name, PACKAGE_PASSPHRASE)
            package_path = folder / "packages" / f"laptop-{n}.pkg"
            write_new_file(package_path, data)
            home = folder / "laptops" / f"laptop-{n}"
            package = read_package(package_path, PACKAGE_PASSPHRASE)
            opened.append(setup_device(home, package, DEMO_PASSWORD, kdf=kdf))
            enumerator = full_name(rng, rng.choice(["female", "male"]))
            report.laptops.append(
                LaptopSummary(name=name, home=home, package=package_path, enumerator=enumerator)
            )
    except BaseException:
        for ws in opened:
            ws.close()
        raise
    return opened


def sync_round(
    folder: Path, coord: Workspace, laptop_ws: list[Workspace], report: DemoReport, round_no: int
) -> None:
    """Each laptop exports a bundle; the coordinator imports them all and sends receipts."""
    from fieldsurvey.sync.bundle_import import import_files
    from fieldsurvey.sync.bundle_writer import export_bundle
    from fieldsurvey.sync.receipts import build_receipt, import_receipt

    bundles = folder / "bundles"
    receipts = folder / "receipts"
    bundles.mkdir(exist_ok=True)
    receipts.mkdir(exist_ok=True)
    paths = []
    for ws, laptop in zip(laptop_ws, report.laptops, strict=True):
        result = export_bundle(ws, bundles, who=laptop.enumerator)
        if result.path is not None:
            paths.append(result.path)
    imported = import_files(coord, paths)
    for file in imported.files:
        if file.status != "accepted" or file.merge is None or file.merge.conflicting:
            raise SyncError("demo.bundle_not_merged", file=Path(file.file).name)
    report.bundles += paths
    for n, (ws, laptop) in enumerate(zip(laptop_ws, report.laptops, strict=True), 1):
        data, _payload = build_receipt(coord, laptop.name)
        path = receipts / f"laptop-{n}-round-{round_no}.receipt"
        write_new_file(path, data)
        import_receipt(ws, data, who=laptop.enumerator)
        report.receipts.append(path)


def receipts(
    folder: Path, coord: Workspace, laptop_ws: list[Workspace], report: DemoReport, tag: str
) -> None:
    """A receipt for each laptop (no bundle): the lists and assignments it carries."""
    from fieldsurvey.sync.receipts import build_receipt, import_receipt

    out = folder / "receipts"
    out.mkdir(exist_ok=True)
    for n, (ws, laptop) in enumerate(zip(laptop_ws, report.laptops, strict=True), 1):
        data, _payload = build_receipt(coord, laptop.name)
        path = out / f"laptop-{n}-{tag}.receipt"
        write_new_file(path, data)
        import_receipt(ws, data, who=laptop.enumerator)
        report.receipts.append(path)


def assign_wave_2(coord: Workspace, report: DemoReport) -> None:
    """``assignment add``: each registered household to the next laptop (not the one that
    registered it), for wave 2."""
    from fieldsurvey.store import device_registry, entities

    ids = []
    for laptop in report.laptops:
        device = device_registry.find_device_named(coord, laptop.name)
        assert device is not None
        ids.append(device.device_id)
    households = entities.list_entities(coord.db, "households", limit=1_000_000)
    with coord.transaction() as db:
        for household in households:
            made_by = ids.index(household.device_id) if household.device_id in ids else 0
            to = ids[(made_by + 1) % len(ids)]
            entities.add_assignment(db, "households", household.entity_id, to, wave="2",
                                    who="Điều phối viên")  # fmt: skip


def to_visit(ws: Workspace) -> list[tuple[EntityRow, str]]:
    """The households assigned to this laptop (its "to visit" list) as its list holds
    them, with the ward to record the visit in (a choice name of the demo's wards)."""
    from fieldsurvey.store import entities
    from fieldsurvey.sync.campaign import device_config_of

    device_id = device_config_of(ws).device_id
    source = entities.StoreEntitySource(ws.db)
    out = []
    for assignment in entities.list_assignments(ws.db, device_id=device_id, wave="2"):
        row = source.get(assignment.list_name, assignment.entity_id)
        if row is None:
            continue
        ward = row.properties.get("ward", "")
        out.append((row, ward if ward in WARDS else next(iter(WARDS))))
    return sorted(out, key=lambda item: item[0].properties.get("household_id", ""))


def outputs(folder: Path, coord: Workspace, report: DemoReport) -> None:
    """Ward summaries (each ward, both wards, in Vietnamese and English), one interview's
    record, and exports of the merged data: what a project manager prints and shares."""
    from fieldsurvey.reports import write_record_pdf, write_summary
    from fieldsurvey.reports.export_writers import export_workspace
    from fieldsurvey.reports.models import Lang
    from fieldsurvey.reports.workspace_reader import (
        form_specs,
        read_interviews,
        with_ward_codes,
        workspace_stamp,
    )
    from fieldsurvey.store.interviews import get_interview

    out = folder / "reports"
    out.mkdir()
    spec = form_specs(coord, "mnet_migrant_household")[0]
    merged = with_ward_codes(read_interviews(coord, spec.form_id), spec)
    stamp = workspace_stamp(coord)
    jobs: list[tuple[str, list[str] | None, Lang]] = [
        ("phuc-tan.pdf", ["phuc_tan"], "vi"),
        ("chuong-duong.pdf", ["chuong_duong"], "vi"),
        ("phuc-tan-chuong-duong.pdf", None, "vi"),
        ("phuc-tan-chuong-duong-en.pdf", None, "en"),
    ]
    for name, wards, lang in jobs:
        path = out / name
        write_summary(merged, spec, path, wards=wards, lang=lang, stamp=stamp)
        report.pdfs.append(path)
    consented = next((i for i in merged if i.answers.get("location")), None)
    if consented is not None:
        record = out / f"record-{consented.household_id}.pdf"
        write_record_pdf(get_interview(coord, consented.uuid), spec, record, lang="vi")
        report.pdfs.append(record)
    exports = folder / "exports"
    report.exports += export_workspace(
        coord, "xlsx", exports / f"{spec.form_id}.xlsx", form_id=spec.form_id
    ).files
    report.exports += export_workspace(coord, "csv", exports / "csv").files  # every form
    if report.registered:
        from fieldsurvey.reports.entity_export import entity_tables
        from fieldsurvey.reports.export_writers import write_tables

        tables = entity_tables(coord, "households", "vi")
        report.exports += write_tables(tables, "xlsx", exports / "households.xlsx")


def write_readme(report: DemoReport) -> Path:
    """README.txt: what is where, the passwords, commands to try."""
    from fieldsurvey.demo.demo_readme import readme_text

    path = report.folder / "README.txt"
    path.write_text(readme_text(report), encoding="utf-8")
    return path
