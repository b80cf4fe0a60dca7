"""Reading age headers without decrypting: counts and types are checked up front."""

from __future__ import annotations

import time

import pyrage
import pytest

from fieldsurvey.sync import age_header, keys


def _recipients(n: int) -> list[pyrage.x25519.Recipient]:
    return [keys.age_recipient(keys.new_age_identity()[1]) for _ in range(n)]


def test_normal_payload_parses_with_grease() -> None:
    data = pyrage.encrypt(b"hello", _recipients(2))
    header = age_header.check_for_recipients(data)
    assert header.types.count("X25519") == 2
    assert data[header.length - 1 : header.length] == b"\n"
    assert data[: header.length].rstrip(b"\n").split(b"\n")[-1].startswith(b"--- ")


def test_thousand_recipients_refused_in_milliseconds() -> None:
    data = pyrage.encrypt(b"hello", _recipients(1000))
    started = time.perf_counter()
    with pytest.raises(age_header.AgeHeaderError, match="more than 8"):
        age_header.check_for_recipients(data)
    assert time.perf_counter() - started < 0.05


def test_passphrase_payload_refused_where_keys_expected() -> None:
    data = pyrage.passphrase.encrypt(b"x", "pw")
    with pytest.raises(age_header.AgeHeaderError, match="passphrase"):
        age_header.check_for_recipients(data)
    assert age_header.check_for_passphrase(data).types == ["scrypt"]


def test_huge_scrypt_work_factor_refused() -> None:
    data = pyrage.passphrase.encrypt(b"x", "pw")
    first, second, rest = data.split(b"\n", 2)
    stanza = second.split(b" ")
    forged = b"\n".join([first, b" ".join([*stanza[:3], b"40"]), rest])
    with pytest.raises(age_header.AgeHeaderError, match="work factor"):
        age_header.check_for_passphrase(forged)


@pytest.mark.parametrize(
    "data",
    [b"", b"PK\x03\x04zipzip", b"age-encryption.org/v1\n--- abc\n", b"age-encryption.org/v1\n"],
)
def test_malformed(data: bytes) -> None:
    with pytest.raises(age_header.AgeHeaderError):
        age_header.check_for_recipients(data)
