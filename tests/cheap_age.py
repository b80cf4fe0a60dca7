"""Device packages sealed at a cheap scrypt cost, for tests only.

pyrage has no work-factor parameter and age calibrates it to about a second per
encryption *and* per decryption, which made every test that issues a device package
slow (the UI tests' campaign fixture took about 8 s each). ``tests/conftest.py`` patches
``pyrage.passphrase.encrypt`` with :func:`cheap_passphrase_encrypt` for the whole session;
``tests/sync/test_keys_and_recovery.py::test_real_packages_use_the_full_cost`` checks that
the code itself still seals at age's full cost.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

import pyrage
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

FULL_COST_PASSPHRASE_ENCRYPT = pyrage.passphrase.encrypt
CHEAP_WORK_FACTOR = 10  # age picks ~2**18 or more (about a second); 2**10 takes milliseconds
_AGE_CHUNK = 64 * 1024


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _hkdf(ikm: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)


def cheap_passphrase_encrypt(
    plaintext: bytes, passphrase: str, armored: bool = False, *, log_n: int = CHEAP_WORK_FACTOR
) -> bytes:
    """``pyrage.passphrase.encrypt`` with scrypt work factor ``log_n``, for tests only.

    pyrage has no work-factor parameter and age calibrates it to about a second per
    encryption *and* per decryption, which made every test that issues a device package
    slow. This writes the same age v1 file (spec: age-encryption.org/v1, scrypt stanza,
    header MAC, ChaCha20-Poly1305 STREAM in 64 KiB chunks) at a low cost; pyrage then
    decrypts it as usual, at the cost the file names. The sync tests' conftest patches
    ``pyrage.passphrase.encrypt`` with it; ``test_real_packages_use_the_full_cost``
    checks that the code itself still seals at age's full cost.
    """
    assert not armored
    file_key, salt = os.urandom(16), os.urandom(16)
    wrap_key = Scrypt(
        salt=b"age-encryption.org/v1/scrypt" + salt, length=32, n=2**log_n, r=8, p=1
    ).derive(passphrase.encode("utf-8"))
    body = ChaCha20Poly1305(wrap_key).encrypt(bytes(12), file_key, None)
    header = (
        b"age-encryption.org/v1\n-> scrypt " + _b64(salt) + b" %d\n" % log_n + _b64(body) + b"\n---"
    )
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    nonce = os.urandom(16)
    stream = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    chunks = [plaintext[i : i + _AGE_CHUNK] for i in range(0, len(plaintext), _AGE_CHUNK)]
    chunks = chunks or [b""]
    sealed = [header, b" ", _b64(mac), b"\n", nonce]
    for counter, chunk in enumerate(chunks):
        flag = b"\x01" if counter == len(chunks) - 1 else b"\x00"
        sealed.append(stream.encrypt(counter.to_bytes(11, "big") + flag, chunk, None))
    return b"".join(sealed)
