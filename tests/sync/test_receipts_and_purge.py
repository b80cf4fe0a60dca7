"""Receipts acknowledge exact revisions and return interviews; purge empties the laptop."""

from __future__ import annotations

import pytest
from sync_helpers import World, completed, dump

from fieldsurvey.errors import ReceiptError, RoleError
from fieldsurvey.forms.spec import FormSpec
from fieldsurvey.store import audit, interviews
from fieldsurvey.store import forms as forms_store
from fieldsurvey.sync import bundle_format, keys, receipts
from fieldsurvey.sync.bundle_import import import_files
from fieldsurvey.sync.bundle_writer import export_bundle
from fieldsurvey.sync.device_package import PackageForm
from fieldsurvey.sync.purge import purge_acknowledged
from fieldsurvey.sync.receipts import build_receipt, import_receipt


def _ship(world: World, n: int = 2) -> list[str]:
    uuids = completed(world.lap_a, n, **{"respondent/resp_name": "Nguyễn Thị Lan"})
    result = export_bundle(world.lap_a, world.out())
    assert result.path is not None
    assert import_files(world.coord, [result.path]).files[0].status == "accepted"
    return uuids


def test_receipt_acknowledges_and_returns(world: World) -> None:
    first, second = _ship(world)
    interviews.return_for_correction(world.coord, second, "household size?", who="coord")
    data, payload = build_receipt(world.coord, "laptop-a")
    assert [a.uuid for a in payload.acknowledged] == [first]
    report = import_receipt(world.lap_a, data)
    assert (report.acknowledged, report.returned, report.skipped) == ([first], [second], [])
    assert interviews.get_interview(world.lap_a, first).status == "acknowledged"
    returned = interviews.get_interview(world.lap_a, second)
    assert (returned.status, returned.comment) == ("returned", "household size?")
    again = import_receipt(world.lap_a, data)
    assert again.status == "already-imported"


def test_receipt_never_acknowledges_work_done_since(world: World) -> None:
    [uuid] = _ship(world, 1)
    interviews.return_for_correction(world.lap_a, uuid, "local reopen", who="enum")
    interviews.set_answer(world.lap_a, uuid, "respondent/resp_age", 60, who="enum")
    data, _ = build_receipt(world.coord, "laptop-a")
    report = import_receipt(world.lap_a, data)
    assert report.skipped == [uuid] and report.acknowledged == []
    assert interviews.get_interview(world.lap_a, uuid).status == "returned"


def test_receipt_for_another_device_or_forged_is_refused(world: World) -> None:
    _ship(world, 1)
    data, _ = build_receipt(world.coord, "laptop-a")
    before = dump(world.lap_b)
    with pytest.raises(ReceiptError, match="another device"):
        import_receipt(world.lap_b, data)
    assert dump(world.lap_b) == before

    container = bundle_format.split(data, bundle_format.RECEIPT_MAGIC)
    stranger = keys.new_signing_key()
    forged_sig = keys.sign(stranger, keys.DOMAIN_RECEIPT_HEADER, container.header_bytes)
    forged = bundle_format.pack(
        bundle_format.RECEIPT_MAGIC, container.header_bytes, forged_sig, container.payload
    )
    before = dump(world.lap_a)
    with pytest.raises(ReceiptError, match="signature"):
        import_receipt(world.lap_a, forged)
    tampered = bytearray(data)
    tampered[-3] ^= 1
    with pytest.raises(ReceiptError, match="signed hash"):
        import_receipt(world.lap_a, bytes(tampered))
    with pytest.raises(ReceiptError, match="not a receipt"):
        import_receipt(world.lap_a, b"FSBUNDL1" + data[8:])  # a bundle is not a receipt
    assert dump(world.lap_a) == before


def test_purge_removes_acknowledged_answers_only(world: World) -> None:
    first, second = _ship(world)
    interviews.return_for_correction(world.coord, second, "fix", who="coord")
    import_receipt(world.lap_a, build_receipt(world.coord, "laptop-a")[0])
    changes = purge_acknowledged(world.lap_a)
    assert changes.interviews == [first]
    purged = interviews.get_interview(world.lap_a, first)
    assert (purged.answers, purged.respondent, purged.status) == ({}, "", "acknowledged")
    # ... and from its history: who did what stays, and still verifies; the values go
    history = audit.entries(world.lap_a, first)
    assert [e.action for e in history][:2] == ["create", "set"]
    assert all(e.old_value is None and e.new_value is None for e in history)
    assert any(e.erased for e in history) and audit.verify_chain(world.lap_a) == []
    assert any(e.new_value is not None for e in audit.entries(world.lap_a, second))
    kept = interviews.get_interview(world.lap_a, second)
    assert kept.answers["respondent"]["resp_name"] == "Nguyễn Thị Lan"
    # The coordinator's merged copy is untouched, and purging there is refused.
    assert interviews.get_interview(world.coord, first).answers != {}
    with pytest.raises(RoleError):
        purge_acknowledged(world.coord)


def test_purged_interview_is_not_sent_again(world: World) -> None:
    _ship(world, 1)
    import_receipt(world.lap_a, build_receipt(world.coord, "laptop-a")[0])
    purge_acknowledged(world.lap_a)
    assert export_bundle(world.lap_a, world.out(), send_all=True).path is None


def test_a_form_published_after_set_up_reaches_the_laptop_with_the_next_receipt(
    world: World,
) -> None:
    """The coordinator corrects the questionnaire mid-campaign (version 2): laptops set
    up with version 1 get it from their next receipt, once."""
    fixed = FormSpec(form_id="household", version="2", title="Hộ gia đình").model_dump_json()
    forms_store.save_form(world.coord, "household", "2", fixed, "hash-2")
    assert [f.version for f in forms_store.list_forms(world.lap_a)] == ["1"]
    report = import_receipt(world.lap_a, build_receipt(world.coord, "laptop-a")[0])
    assert report.forms == ["Hộ gia đình (2)"]  # the form's title, as enumerators know it
    assert forms_store.get_form(world.lap_a, "household", "2").definition == fixed
    again = import_receipt(world.lap_a, build_receipt(world.coord, "laptop-a")[0])
    assert again.status == "applied" and again.forms == []


def test_a_receipt_with_a_malformed_form_changes_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ship(world, 1)
    bad = PackageForm(form_id="household", version="3", definition='{"children": 5}', hash="h")
    monkeypatch.setattr(receipts, "campaign_forms", lambda ws: [bad])
    data, _ = build_receipt(world.coord, "laptop-a")
    before = dump(world.lap_a)
    with pytest.raises(ReceiptError, match="malformed form"):
        import_receipt(world.lap_a, data)
    assert dump(world.lap_a) == before
