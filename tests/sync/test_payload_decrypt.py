"""Payload decryption: all or nothing, never partial plaintext."""

from __future__ import annotations

import pyrage
import pytest

from fieldsurvey.sync import keys
from fieldsurvey.sync.payload_decrypt import PayloadDecryptError, decrypt_payload


@pytest.fixture(scope="module")
def identity() -> tuple[pyrage.x25519.Identity, pyrage.x25519.Recipient]:
    secret, public = keys.new_age_identity()
    return keys.age_identity(secret), keys.age_recipient(public)


def test_decrypts_multi_chunk(identity: tuple[pyrage.x25519.Identity, object]) -> None:
    ident, recipient = identity
    plaintext = bytes(range(256)) * 2000  # ~8 age chunks
    data = pyrage.encrypt(plaintext, [recipient])
    assert decrypt_payload(data, [ident]) == plaintext


def test_truncated_final_chunk_gives_nothing(
    identity: tuple[pyrage.x25519.Identity, object],
) -> None:
    ident, recipient = identity
    data = pyrage.encrypt(b"a" * 200_000, [recipient])
    with pytest.raises(PayloadDecryptError):
        decrypt_payload(data[:-7], [ident])


def test_flipped_bit_refused(identity: tuple[pyrage.x25519.Identity, object]) -> None:
    ident, recipient = identity
    data = bytearray(pyrage.encrypt(b"a" * 1000, [recipient]))
    data[-20] ^= 1
    with pytest.raises(PayloadDecryptError):
        decrypt_payload(bytes(data), [ident])


def test_other_key_refused(identity: tuple[pyrage.x25519.Identity, object]) -> None:
    ident, _ = identity
    other = keys.age_recipient(keys.new_age_identity()[1])
    with pytest.raises(PayloadDecryptError, match="cannot be decrypted"):
        decrypt_payload(pyrage.encrypt(b"secret", [other]), [ident])
