"""Signatures are bound to their domain; keys round-trip through text; a key or identity
file that is not one is refused with a coded error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fieldsurvey.errors import FieldSurveyError, SyncError
from fieldsurvey.sync import age_header, bundle_format, keys
from fieldsurvey.sync.canonical_json import StrictJsonError
from fieldsurvey.sync.payload_decrypt import PayloadDecryptError


def test_signature_bound_to_domain_and_message() -> None:
    private = keys.new_signing_key()
    public = keys.public_key_of(private)
    sig = keys.sign(private, keys.DOMAIN_BUNDLE_HEADER, b"header")
    assert len(sig) == keys.SIGNATURE_BYTES
    assert keys.verify(public, keys.DOMAIN_BUNDLE_HEADER, b"header", sig)
    assert not keys.verify(public, keys.DOMAIN_RECEIPT_HEADER, b"header", sig)
    assert not keys.verify(public, keys.DOMAIN_BUNDLE_HEADER, b"header!", sig)
    other = keys.public_key_of(keys.new_signing_key())
    assert not keys.verify(other, keys.DOMAIN_BUNDLE_HEADER, b"header", sig)
    assert not keys.verify("not base64!", keys.DOMAIN_BUNDLE_HEADER, b"header", sig)


def test_identity_file_and_fingerprint() -> None:
    secret, public = keys.new_age_identity()
    text = f"# created: now\n# public key: {public}\n{secret}\n"
    [identity] = keys.read_identity_file(text)
    assert str(identity.to_public()) == public
    fp = keys.fingerprint(keys.public_key_of(keys.new_signing_key()))
    assert len(fp) == 19 and fp.count("-") == 3


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: keys.age_identity("AGE-SECRET-KEY-1 not really"), "sync.key.not_age_identity"),
        (lambda: keys.age_recipient("age1 no"), "sync.key.not_age_recipient"),
        (lambda: keys.read_identity_file("# only a comment\n"), "sync.key.no_identity"),
        (lambda: keys.b64decode("!!"), "sync.key.not_base64"),
        (lambda: keys.b64decode("AAAA", length=32), "sync.key.wrong_length"),
    ],
)
def test_key_format_errors_have_a_code_and_both_languages(call: Any, code: str) -> None:
    with pytest.raises(keys.KeyFormatError) as caught:
        call()
    assert isinstance(caught.value, FieldSurveyError) and isinstance(caught.value, ValueError)
    assert caught.value.code == code
    assert caught.value.text("vi") != caught.value.text("en")


def test_identity_file_that_is_not_text(tmp_path: Path) -> None:
    path = tmp_path / "id.txt"
    path.write_bytes(bytes(range(256)))
    with pytest.raises(keys.KeyFormatError, match="not text"):
        keys.read_identity_path(path)
    path.write_bytes(b"#" * (keys.MAX_IDENTITY_FILE_BYTES + 1))
    with pytest.raises(keys.KeyFormatError, match="too large"):
        keys.read_identity_path(path)
    with pytest.raises(keys.KeyFormatError, match="cannot be read"):
        keys.read_identity_path(tmp_path / "missing.txt")
    secret, public = keys.new_age_identity()
    path.write_text(f"# public key: {public}\n{secret}\n", "utf-8")
    [identity] = keys.read_identity_path(path)
    assert str(identity.to_public()) == public


def test_every_leaf_error_is_a_field_survey_error() -> None:
    for leaf in (
        keys.KeyFormatError,
        StrictJsonError,
        age_header.AgeHeaderError,
        bundle_format.ContainerFormatError,
        PayloadDecryptError,
    ):
        assert issubclass(leaf, SyncError) and issubclass(leaf, ValueError), leaf
