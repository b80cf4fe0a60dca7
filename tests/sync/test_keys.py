"""Signatures are bound to their domain; keys round-trip through text."""

from __future__ import annotations

from fieldsurvey.sync import keys


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
